#!/usr/bin/env python3
"""List the user-facing strings of the app and check that zh translations cover them.

    python3 scripts/i18n_check.py            # prints missing strings, exit 1 if any
    python3 scripts/i18n_check.py --csv      # prints missing strings as CSV rows to fill in

Strings come from DocType / Workspace / Number Card / Dashboard Chart / Report / Print Format
JSON (names, labels, descriptions, Select options), ``_("…")`` in Python, ``__("…")`` in
JavaScript, ``{{ _("…") }}`` in Jinja templates, role fixtures and the policy texts that are
translated at run time.
"""

from __future__ import annotations

import ast
import csv
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "socialmedia_governance"
ZH = APP / "translations" / "zh.csv"

_PY_CALL = re.compile(r"(?<![\w.])_\(\s*(\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*')\s*[,)]")
_JS_CALL = re.compile(r"(?<![\w.])__\(\s*(\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'|`[^`$]*`)\s*[,)]")
_JINJA_CALL = re.compile(r"_\(\s*(\"[^\"]*\"|'[^']*')\s*\)")
_SKIP_DIRS = {"node_modules", "__pycache__", "dist"}
_JSON_TEXT_KEYS = ("label", "description", "title", "chart_name", "report_name", "hidden_label")


def _literal(token: str) -> str:
	if token.startswith("`"):
		return token[1:-1]
	return ast.literal_eval(token)


def _files(pattern: str):
	for path in sorted(APP.rglob(pattern)):
		if not _SKIP_DIRS.intersection(path.parts):
			yield path


def json_strings(data) -> set[str]:
	out: set[str] = set()
	if isinstance(data, list):
		for item in data:
			out |= json_strings(item)
		return out
	if not isinstance(data, dict):
		return out
	doctype = data.get("doctype")
	if doctype == "DocType":
		out.add(data["name"])
		if data.get("description"):
			out.add(data["description"])
	if doctype == "Role":
		out.add(data["role_name"])
	for key in _JSON_TEXT_KEYS:
		value = data.get(key)
		if isinstance(value, str) and value.strip() and not value.startswith(("eval:", "fa ")):
			out.add(value.strip())
	if data.get("fieldtype") == "Select" and isinstance(data.get("options"), str):
		out |= {o.strip() for o in data["options"].split("\n") if o.strip()}
	for value in data.values():
		if isinstance(value, (list, dict)):
			out |= json_strings(value)
	return out


def collect() -> set[str]:
	strings: set[str] = set()
	for path in _files("*.json"):
		if "fixtures" in path.parts and path.name != "role.json":
			continue
		try:
			strings |= json_strings(json.loads(path.read_text(encoding="utf-8")))
		except json.JSONDecodeError:
			continue
	for path in _files("*.py"):
		if path.name.startswith("test_") or "tests" in path.parts:
			continue
		strings |= {_literal(m.group(1)) for m in _PY_CALL.finditer(path.read_text(encoding="utf-8"))}
	for path in _files("*.js"):
		strings |= {_literal(m.group(1)) for m in _JS_CALL.finditer(path.read_text(encoding="utf-8"))}
	for path in _files("*.html"):
		strings |= {_literal(m.group(1)) for m in _JINJA_CALL.finditer(path.read_text(encoding="utf-8"))}
	sys.path.insert(0, str(ROOT))
	from socialmedia_governance.policy import runtime_texts

	strings |= set(runtime_texts.TEXTS)
	# numbers, single letters and Chinese-only strings need no translation
	return {s for s in strings if re.search(r"[A-Za-z]{2}", s) and not re.fullmatch(r"[\W\d_]*", s)}


# Text handed to the desk without _() / __(): never translated, whatever zh.csv says.
_JS_BARE = re.compile(
	r"\b(label|title|message|description|primary_action_label|placeholder)\s*:\s*([\"'`])[^\"'`$]*[A-Za-z]{2}"
)
_PY_BARE = re.compile(r"frappe\.(throw|msgprint)\(\s*f?([\"'])[^\"'<]*[A-Za-z]{2}")


def unwrapped() -> list[str]:
	"""``file:line: text`` of user-facing literals that skip translation in the app's JS and Python."""
	out = []
	for pattern, regex in (("*.js", _JS_BARE), ("*.py", _PY_BARE)):
		for path in _files(pattern):
			if path.name.startswith("test_") or "tests" in path.parts:
				continue
			for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
				if regex.search(line):
					out.append(f"{path.relative_to(ROOT)}:{lineno}: {line.strip()}")
	return out


def load_zh() -> dict[str, str]:
	if not ZH.exists():
		return {}
	with ZH.open(encoding="utf-8", newline="") as fh:
		# a row with a context (third column) translates the string only in that context
		return {
			row[0]: row[1] for row in csv.reader(fh) if len(row) >= 2 and row[0] and not (row[2:] and row[2])
		}


def missing() -> list[str]:
	have = load_zh()
	return sorted(s for s in collect() if not have.get(s))


def main(argv: list[str]) -> int:
	for line in unwrapped():
		print(f"not wrapped in _()/__(): {line}", file=sys.stderr)
	gaps = missing()
	if "--csv" in argv:
		writer = csv.writer(sys.stdout)
		for s in gaps:
			writer.writerow([s, ""])
	else:
		for s in gaps:
			print(s)
		print(f"{len(gaps)} strings without a zh translation", file=sys.stderr)
	return 1 if gaps or unwrapped() else 0


if __name__ == "__main__":
	sys.exit(main(sys.argv[1:]))
