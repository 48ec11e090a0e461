"""Benchmark: the streamed Excel ledger (台账) beside Frappe's built-in report export (issue 7).

    cd $BENCH_DIR/sites && ../env/bin/python /path/to/repo/bench/ledger_bench.py --site SITE [--accounts 100000]

Generates ``--accounts`` active accounts with one administrator each (bulk insert, fixed seed, name
prefix ``LEDGER-``), commits them so that two child processes can read them, then runs each export in
a fresh Python process of its own and reports wall time and peak memory: the process's peak RSS
(``VmHWM``, reset just before the export) minus its RSS at that moment, and Python's own peak allocation
(``tracemalloc``, with ``--tracemalloc``; slower). Both exports read the same rows as Administrator:

- streamed: ``socialmedia_governance.documents.ledger.write_ledger`` (chunks of 2000 rows through
  ``frappe.get_list``, openpyxl write-only workbook, 19 columns including administrators and the last
  review result);
- built-in: ``frappe.desk.reportview.export_query`` with the register's own columns, Excel format.

The generated rows are deleted (and committed) at the end. Goal: streamed export under 300 MB for 100k rows.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time

import frappe

PREFIX = "LEDGER-"
FIELDS = [
	"account_name",
	"platform",
	"platform_id",
	"owner_unit",
	"tier",
	"responsible_person_name",
	"supervisor_name",
	"filing_number",
	"status",
	"opened_on",
	"filed_on",
]


def rss_mb() -> float:
	"""Peak RSS of this process since the last reset_peak() (VmHWM). ru_maxrss is not used: on Linux a
	child started by fork+exec inherits the parent's high-water mark in it."""
	with open("/proc/self/status") as f:
		for line in f:
			if line.startswith("VmHWM:"):
				return int(line.split()[1]) / 1024
	return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def reset_peak() -> None:
	try:
		with open("/proc/self/clear_refs", "w") as f:
			f.write("5")  # resets VmHWM to the current RSS (Linux >= 4.0)
	except OSError:
		pass


def current_rss_mb() -> float:
	with open("/proc/self/statm") as f:
		return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def generate(n: int, seed: int = 11) -> None:
	from socialmedia_governance.tests.factories import make_school

	rng = random.Random(seed)
	school = make_school(f"l{seed}")
	units = [school.units[k] for k in ("kj", "xx", "kj_class", "xx_class", "club", "kj_xsh")]
	tiers = {u: frappe.db.get_value("Organization Unit", u, "tier") for u in units}
	now = frappe.utils.now()
	accounts, admins = [], []
	for i in range(n):
		unit = rng.choice(units)
		name = f"{PREFIX}{i:07d}"
		accounts.append(
			(
				name,
				now,
				now,
				"Administrator",
				"Administrator",
				0,
				f"台账账号{i}",
				"微信公众号",
				f"gh_{i:012d}",
				unit,
				tiers[unit],
				"张老师",
				"李老师",
				"Active",
				f"XCB-L-{i}",
				"2024-09-01",
				"2024-10-08",
			)
		)
		admins.append(
			(
				frappe.generate_hash(length=12),
				now,
				now,
				"Administrator",
				"Administrator",
				0,
				name,
				"Social Media Account",
				"administrators",
				1,
				"Administrator",
				f"管理员{i}",
				"Chief Administrator",
				"13800000000",
			)
		)
	base = ["name", "creation", "modified", "owner", "modified_by", "docstatus"]
	for i in range(0, n, 10_000):
		frappe.db.bulk_insert(
			"Social Media Account",
			base
			+ [
				"account_name",
				"platform",
				"platform_id",
				"owner_unit",
				"tier",
				"responsible_person_name",
				"supervisor_name",
				"status",
				"filing_number",
				"opened_on",
				"filed_on",
			],
			accounts[i : i + 10_000],
		)
		frappe.db.bulk_insert(
			"Social Media Administrator",
			base + ["parent", "parenttype", "parentfield", "idx", "user", "full_name", "admin_role", "phone"],
			admins[i : i + 10_000],
		)
	frappe.db.commit()


def cleanup() -> None:
	frappe.db.sql("delete from `tabSocial Media Administrator` where parent like %s", PREFIX + "%")
	frappe.db.sql("delete from `tabSocial Media Account` where name like %s", PREFIX + "%")
	frappe.db.commit()


def child(site: str, mode: str, trace: bool) -> None:
	"""One export in this process; prints a JSON line with its measurements."""
	frappe.init(site)
	frappe.connect()
	frappe.set_user("Administrator")
	frappe.local.lang = "zh"
	filters = [["Social Media Account", "name", "like", PREFIX + "%"]]
	import tracemalloc

	if trace:
		tracemalloc.start()
	reset_peak()
	before = current_rss_mb()
	t0 = time.perf_counter()
	if mode == "streamed":
		from socialmedia_governance.documents.ledger import write_ledger

		with tempfile.TemporaryFile() as f:
			rows = write_ledger("Social Media Account", f, filters)
			size = f.tell()
	else:
		from frappe.desk.reportview import export_query

		frappe.local.form_dict = frappe._dict(
			doctype="Social Media Account",
			fields=json.dumps([f"`tabSocial Media Account`.`{f}`" for f in ["name", *FIELDS]]),
			filters=json.dumps(filters),
			file_format_type="Excel",
			title="ledger",
		)
		export_query()
		rows = frappe.db.count("Social Media Account", {"name": ("like", PREFIX + "%")})
		size = len(frappe.response.filecontent)
	seconds = time.perf_counter() - t0
	peak_py = tracemalloc.get_traced_memory()[1] / 2**20 if trace else None
	print(
		json.dumps(
			{
				"mode": mode,
				"rows": rows,
				"seconds": seconds,
				"bytes": size,
				"rss_before_mb": before,
				"peak_rss_mb": rss_mb(),
				"peak_added_mb": rss_mb() - before,
				"tracemalloc_peak_mb": peak_py,
			}
		)
	)
	frappe.destroy()


def main():
	parser = argparse.ArgumentParser()
	parser.add_argument("--site", required=True)
	parser.add_argument("--accounts", type=int, default=100_000)
	parser.add_argument("--tracemalloc", action="store_true")
	parser.add_argument("--child", choices=["streamed", "builtin"])
	parser.add_argument(
		"--keep", action="store_true", help="keep the generated rows (and reuse them next time)"
	)
	args = parser.parse_args()
	if args.child:
		return child(args.site, args.child, args.tracemalloc)
	frappe.init(args.site)
	frappe.connect()
	try:
		t0 = time.perf_counter()
		have = frappe.db.count("Social Media Account", {"name": ("like", PREFIX + "%")})
		if have != args.accounts:
			cleanup()
			generate(args.accounts)
		gen = time.perf_counter() - t0
		results = []
		for mode in ("streamed", "builtin"):
			cmd = [sys.executable, os.path.abspath(__file__), "--site", args.site, "--child", mode]
			if args.tracemalloc:
				cmd.append("--tracemalloc")
			out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
			results.append(json.loads(out.strip().splitlines()[-1]))
			print(json.dumps(results[-1]))
		print(f"generate {args.accounts} accounts (bulk insert): {gen:.1f} s")
		print(
			f"{'export':<12}{'rows':>9}{'seconds':>10}{'MB file':>10}{'peak RSS MB':>13}{'added MB':>10}{'py peak MB':>12}"
		)
		for r in results:
			py = f"{r['tracemalloc_peak_mb']:.0f}" if r["tracemalloc_peak_mb"] is not None else "-"
			print(
				f"{r['mode']:<12}{r['rows']:>9}{r['seconds']:>10.1f}{r['bytes'] / 2**20:>10.1f}"
				f"{r['peak_rss_mb']:>13.0f}{r['peak_added_mb']:>10.0f}{py:>12}"
			)
	finally:
		if not args.keep:
			cleanup()
		frappe.destroy()


if __name__ == "__main__":
	main()
