"""Operational checks run by scripts/test (``bench --site … execute``)."""

from __future__ import annotations

import frappe

APP = "socialmedia_governance"


def table_counts() -> dict[str, int]:
	"""Rows per table of the app (parents and child tables): compared before a backup and after
	its restore into a fresh site."""
	modules = frappe.get_module_list(APP)
	doctypes = frappe.get_all("DocType", filters={"module": ("in", modules), "issingle": 0}, pluck="name")
	counts = {doctype: frappe.db.count(doctype) for doctype in sorted(doctypes)}
	counts["Governance Settings (Singles rows)"] = frappe.db.count(
		"Singles", {"doctype": "Governance Settings"}
	)
	return counts


def browser_fixture() -> dict:
	"""The browser stage's users, records and desk sweep (tests/browser/desk.cjs): the demo
	university's users and records, plus the few records the role journeys find waiting for them
	(setup/browser.py). Needs the demo loaded on the site; says so and exits 1 without it (a
	failure prints its traceback, not bench execute's NameError)."""
	import traceback

	from socialmedia_governance.setup.browser import NoDemo, fixture

	try:
		return fixture()
	except NoDemo as e:
		frappe.db.rollback()
		print(f"ERROR: browser fixture: {e}")
	except Exception:
		frappe.db.rollback()
		traceback.print_exc()
		print("ERROR: browser fixture: the records for the browser test could not be made (traceback above)")
	raise SystemExit(1)


def all_table_counts() -> dict[str, int]:
	"""Rows per table of every DocType on the site (Frappe's and the app's): a second load of the
	demo must leave every one of them unchanged."""
	doctypes = frappe.get_all("DocType", filters={"issingle": 0, "is_virtual": 0}, pluck="name")
	counts = {
		doctype: frappe.db.count(doctype) for doctype in sorted(doctypes) if frappe.db.table_exists(doctype)
	}
	# every migrate rewrites Frappe's list of installed apps and versions the change: bookkeeping of
	# migrate, not rows of the demo
	counts["Version"] = frappe.db.count("Version", {"ref_doctype": ("!=", "Installed Applications")})
	return counts


def error_log_count() -> str:
	"""The number of Error Log entries, printed as is (bench execute prints nothing for 0)."""
	return str(frappe.db.count("Error Log"))


def registered_by_administrator() -> str:
	"""Register rows (accounts and groups, which people enter; Account Activity, which also carries
	the scope columns, is computed by the system) whose creator is the Administrator, printed as
	is: the demo's rows name the person who entered them."""
	from socialmedia_governance.registry.platform_record import REGISTERS

	return str(sum(frappe.db.count(register, {"owner": "Administrator"}) for register in REGISTERS))


def demo_logins() -> dict:
	"""The demo's logins and password, for the fresh-demo stage's HTTP check."""
	from socialmedia_governance.setup import demo

	return {
		"password": demo.DEMO_PASSWORD,
		"logins": [f"{login}@{demo.DOMAIN}" for login, _title, _role in demo.ROLE_LOGINS],
	}


def error_log_digest(limit: int = 5) -> None:
	"""Print the newest Error Log entries (method and the last lines of the traceback)."""
	for row in frappe.get_all(
		"Error Log", fields=["creation", "method", "error"], order_by="creation desc", limit=limit
	):
		tail = "\n".join((row.error or "").strip().splitlines()[-6:])
		print(f"--- {row.creation} {row.method}\n{tail}")


def empty_job_queues() -> str:
	"""Drops the jobs waiting in this site's queues and says how many. The test site's jobs go to
	queues of its own (its ``bench_id``): the suite enqueues emails with PDFs it never waits for, and
	in the bench's shared queues the fresh demo's burst worker ran them first while the demo's own
	jobs waited (CI: the burst hit its time limit and the re-run's row counts differed)."""
	from frappe.utils.background_jobs import get_queue, get_queue_list

	return str(sum(get_queue(name).empty() or 0 for name in get_queue_list()))


def drop_orphan_jobs() -> str:
	"""Drops from the bench's job queues and their registries every job of a site that no longer
	exists, and says how many. One such job stops every worker that starts: RQ's registry upkeep
	hands an abandoned job (its worker was killed) to Frappe's failure callback, which reads the
	job's site's config, raises, and the worker quits before it runs anything (CI: the fresh demo's
	first burst ran none of the demo's jobs, after the previous run's fresh site was dropped).
	Frappe names a job ``site::…``."""
	from frappe.utils import get_sites
	from frappe.utils.background_jobs import get_queue, get_queue_list
	from rq.job import Job

	sites, dropped = set(get_sites()), 0
	for name in get_queue_list():
		queue = get_queue(name)
		redis = queue.connection
		registries = [
			queue.started_job_registry,
			queue.failed_job_registry,
			queue.finished_job_registry,
			queue.deferred_job_registry,
			queue.scheduled_job_registry,
			queue.canceled_job_registry,
		]
		for job_id in job_ids(queue, registries):
			site, separator, _rest = job_id.partition("::")
			if separator and site not in sites:
				queue.remove(job_id)
				for registry in registries:
					redis.zrem(registry.key, job_id)
				redis.delete(Job.key_for(job_id))
				dropped += 1
	return str(dropped)


def job_ids(queue, registries) -> set[str]:
	"""The ids of the jobs waiting in ``queue`` and of those in ``registries``, whose sorted sets are
	read directly: RQ's ``get_job_ids`` of a registry runs its upkeep first, the very step an
	orphaned job breaks."""
	ids = set(queue.get_job_ids())
	for registry in registries:
		ids.update(frappe.safe_decode(i) for i in queue.connection.zrange(registry.key, 0, -1))
	return ids


def queued_jobs() -> str:
	"""How many of this site's jobs wait in its queues or are being run (by any worker: a demo's
	own workers share the bench's queues)."""
	from frappe.utils.background_jobs import get_queue, get_queue_list

	prefix, count = f"{frappe.local.site}::", 0
	for name in get_queue_list():
		queue = get_queue(name)
		count += sum(j.startswith(prefix) for j in job_ids(queue, [queue.started_job_registry]))
	return str(count)
