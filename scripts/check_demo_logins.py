"""Every demo login reaches its desk over HTTP, as a browser would load it (scripts/test, fresh-demo).

    python scripts/check_demo_logins.py BASE_URL LOGINS_JSON

LOGINS_JSON is what ``socialmedia_governance.setup.checks.demo_logins`` returns. For each login:
log in, open /app, list the workspaces the sidebar shows, open each, and make every request its
widgets make when shown: the shortcuts' counts (``frappe.client.get_count`` with the shortcut's
``stats_filter``), the number cards and the charts. Any HTTP error, any server exception in a
response, or a failed login fails the check. Prints one line per login and the closing line
``fresh-demo-logins: N passed, M failed``.
"""

from __future__ import annotations

import json
import re
import sys

import requests

TIMEOUT = 60


class Failed(Exception):
	pass


def call(session: requests.Session, base: str, method: str, **params):
	r = session.post(f"{base}/api/method/{method}", data=params, timeout=TIMEOUT)
	if r.status_code >= 400:
		raise Failed(f"{method}: HTTP {r.status_code}: {r.text[:300]}")
	body = r.json()
	if body.get("exc") or body.get("exc_type"):
		raise Failed(f"{method}: server exception {body.get('exc_type')}: {str(body.get('exc'))[:300]}")
	return body.get("message")


def chart_method(session: requests.Session, base: str, chart: dict) -> str:
	"""The method the desk's chart widget calls for CHART (frappe/widgets/chart_widget.js): a custom
	chart's source declares it in its JavaScript config, which the desk evaluates."""
	if chart.get("chart_type") == "Report":
		return "frappe.desk.query_report.run"
	if chart.get("chart_type") != "Custom":
		return "frappe.desk.doctype.dashboard_chart.dashboard_chart.get"
	config = call(
		session,
		base,
		"frappe.desk.doctype.dashboard_chart_source.dashboard_chart_source.get_config",
		name=chart["source"],
	)
	found = re.search(r"method\s*:\s*[\"']([\w.]+)[\"']", config or "")
	if not found:
		raise Failed(f"chart {chart['name']}: no method in the config of its source {chart['source']}")
	return found.group(1)


def check_login(base: str, user: str, password: str) -> int:
	"""Returns the number of widget requests made; raises Failed on the first failure."""
	s = requests.Session()
	r = s.post(f"{base}/api/method/login", data={"usr": user, "pwd": password}, timeout=TIMEOUT)
	if r.status_code != 200:
		raise Failed(f"login: HTTP {r.status_code}: {r.text[:200]}")
	r = s.get(f"{base}/app", timeout=TIMEOUT)
	token = re.search(r'csrf_token = "(\w+)"', r.text)
	if r.status_code != 200 or not token:
		raise Failed(f"/app: HTTP {r.status_code}, no desk page")
	s.headers["X-Frappe-CSRF-Token"] = token.group(1)
	sidebar = call(s, base, "frappe.desk.desktop.get_workspace_sidebar_items")
	pages = [p for p in (sidebar or {}).get("pages", []) if not p.get("is_hidden")]
	if not pages:
		raise Failed("no workspace in the sidebar")
	requests_made = 0
	for page in pages:
		data = call(s, base, "frappe.desk.desktop.get_desktop_page", page=json.dumps(page))
		for shortcut in (data.get("shortcuts") or {}).get("items", []):
			if shortcut.get("type") == "DocType" and shortcut.get("stats_filter"):
				call(
					s,
					base,
					"frappe.client.get_count",
					doctype=shortcut["link_to"],
					filters=shortcut["stats_filter"],
				)
				requests_made += 1
		for card in (data.get("number_cards") or {}).get("items", []):
			doc = call(s, base, "frappe.client.get", doctype="Number Card", name=card["number_card_name"])
			call(
				s,
				base,
				"frappe.desk.doctype.number_card.number_card.get_result",
				doc=json.dumps(doc),
				filters=doc.get("filters_json") or "[]",
			)
			requests_made += 1
		for chart in (data.get("charts") or {}).get("items", []):
			doc = call(s, base, "frappe.client.get", doctype="Dashboard Chart", name=chart["chart_name"])
			call(
				s,
				base,
				chart_method(s, base, doc),
				chart_name=doc["name"],
				filters=doc.get("filters_json") or "[]",
				refresh=1,
			)
			requests_made += 1
	return requests_made


def main() -> int:
	base, logins = sys.argv[1].rstrip("/"), json.loads(sys.argv[2])
	passed = failed = 0
	for user in logins["logins"]:
		try:
			n = check_login(base, user, logins["password"])
		except (Failed, requests.RequestException, ValueError) as e:
			failed += 1
			print(f"FAIL {user}: {e}")
		else:
			passed += 1
			print(f"ok   {user}: desk and {n} workspace widget requests answered")
	print(f"fresh-demo-logins: {passed} passed, {failed} failed")
	return 1 if failed else 0


if __name__ == "__main__":
	sys.exit(main())
