"""Benchmark: the streamed Excel ledger (台账) beside Frappe's built-in report export (issues 7, 17).

    cd $BENCH_DIR/sites && ../env/bin/python /path/to/repo/bench/ledger_bench.py --site SITE [--tracemalloc]

Exports the accounts bench/generate.py wrote on the site (100,000 at province scale), each export in
a fresh Python process of its own, and reports wall time and peak memory: the process's peak RSS
(``VmHWM``, reset just before the export) minus its RSS at that moment, and Python's own peak allocation
(``tracemalloc``, with ``--tracemalloc``; slower). Both exports read the same rows as Administrator:

- streamed: ``socialmedia_governance.documents.ledger.write_ledger`` (chunks of 2000 rows through
  ``frappe.get_list``, openpyxl write-only workbook, 19 columns including administrators and the last
  review result);
- built-in: ``frappe.desk.reportview.export_query`` with the register's own columns, Excel format.

It writes nothing to the site (a site without generated data is refused), so it never changes a
site it did not create. Goal: streamed export under 300 MB for 100k rows.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time

import frappe

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


def generated_filter() -> list:
	"""The accounts bench/generate.py wrote on this site (names P<seed>-SMA-…)."""
	school = frappe.db.get_value(
		"Organization Unit", {"unit_type": "School", "name": ("like", "P%省示范大学")}
	)
	if not school:
		raise SystemExit(
			"no generated school on this site: run bench/generate.py on a site of its own first"
			" (this benchmark writes nothing, so it never changes a site it did not create)"
		)
	return [["Social Media Account", "name", "like", school.split("省")[0] + "-SMA-%"]]


def child(site: str, mode: str, trace: bool) -> None:
	"""One export in this process; prints a JSON line with its measurements."""
	frappe.init(site)
	frappe.connect()
	frappe.set_user("Administrator")
	frappe.local.lang = "zh"
	filters = generated_filter()
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
		rows = frappe.db.count("Social Media Account", {"name": ("like", filters[0][3])})
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
	parser.add_argument("--tracemalloc", action="store_true")
	parser.add_argument("--child", choices=["streamed", "builtin"])
	args = parser.parse_args()
	if args.child:
		return child(args.site, args.child, args.tracemalloc)
	frappe.init(args.site)
	frappe.connect()
	try:
		accounts = frappe.db.count("Social Media Account", {"name": ("like", generated_filter()[0][3])})
	finally:
		frappe.destroy()
	results = []
	for mode in ("streamed", "builtin"):
		cmd = [sys.executable, os.path.abspath(__file__), "--site", args.site, "--child", mode]
		if args.tracemalloc:
			cmd.append("--tracemalloc")
		out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
		results.append(json.loads(out.strip().splitlines()[-1]))
		results[-1]["load"] = os.getloadavg()[0]
		print(json.dumps(results[-1]))
	print(f"{accounts:,} generated accounts exported as Administrator (nothing written to the site)")
	print(
		f"{'export':<12}{'rows':>9}{'seconds':>10}{'MB file':>10}{'peak RSS MB':>13}{'added MB':>10}{'py peak MB':>12}{'load':>7}"
	)
	for r in results:
		py = f"{r['tracemalloc_peak_mb']:.0f}" if r["tracemalloc_peak_mb"] is not None else "-"
		print(
			f"{r['mode']:<12}{r['rows']:>9}{r['seconds']:>10.1f}{r['bytes'] / 2**20:>10.1f}"
			f"{r['peak_rss_mb']:>13.0f}{r['peak_added_mb']:>10.0f}{py:>12}{r['load']:>7.2f}"
		)
	streamed, builtin = results
	la = "{:.2f} {:.2f} {:.2f}".format(*os.getloadavg())
	print(
		f"summary: Excel ledger, {streamed['rows']:,} accounts, peak RSS | < 300 MB"
		f" | {streamed['peak_rss_mb']:.0f} MB (Frappe's export {builtin['peak_rss_mb']:.0f} MB)"
		f" | {streamed['peak_rss_mb'] / 300:.2f} of the limit | {la}"
	)


if __name__ == "__main__":
	main()
