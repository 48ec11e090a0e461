"""The sensitive-word lexicon on the site (S9, H5): loaded once per version and cached in the
process (``policy.screening.get_lexicon``), imported from a plain list."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import now_datetime

from socialmedia_governance.policy import screening

WORD = "Sensitive Word"
CATEGORY = "Sensitive Word Category"
SEVERITY_RANGE = (1, 5)

# Categories created at install (an admin may rename, add or remove them).
DEFAULT_CATEGORIES = (
	("政治", "危害国家安全、反对宪法原则、颠覆政权等（S9(1)(2)(3)，H5(1)(2)(3)）"),
	("民族宗教", "民族仇恨、邪教和封建迷信（S9(4)(5)，H5(4)(5)）"),
	("谣言", "散布谣言，扰乱社会秩序（S9(6)，H5(6)）"),
	("色情赌博暴力", "淫秽、色情、赌博、暴力、恐怖、教唆犯罪（S9(7)，H5(7)）"),
	("侮辱诽谤", "侮辱或诽谤他人，侵犯合法权益（S9(8)，H5(8)）"),
	("商业广告", "商业、推销、借钱、拉票等（S9(9)，H4.4，H4.6）"),
	("隐私", "个人隐私与个人信息（H4.5）"),
	("其他", "法律法规和学校规定禁止的其他内容"),
)


class LexiconError(frappe.ValidationError):
	pass


def seed_categories() -> None:
	for name, description in DEFAULT_CATEGORIES:
		if not frappe.db.exists(CATEGORY, name):
			frappe.get_doc({"doctype": CATEGORY, "category_name": name, "description": description}).insert(
				ignore_permissions=True
			)


def fingerprint() -> str:
	"""Changes whenever an enabled word is added, edited, disabled or deleted (one cheap query)."""
	count, latest = frappe.db.sql(f"select count(*), max(`modified`) from `tab{WORD}` where `enabled` = 1")[0]
	return f"{frappe.local.site}|{count}|{latest}"


def current() -> screening.Lexicon:
	"""The lexicon of the enabled words, built once per version in this process."""

	def load():
		rows = frappe.db.sql(f"select `term`, `category`, `severity` from `tab{WORD}` where `enabled` = 1")
		return screening.Lexicon(rows)

	return screening.get_lexicon(fingerprint(), load)


@frappe.whitelist(methods=["POST"])
def import_words(text: str, category: str) -> dict:
	"""Add the words of a plain list (one per line, optionally ``word,category[,severity]``).

	Words already in the lexicon (compared normalised) are skipped; nothing is added when a line
	is wrong or names an unknown category."""
	frappe.has_permission(WORD, "create", throw=True)
	if not frappe.db.exists(CATEGORY, category or ""):
		frappe.throw(_("Choose the category of the words."), LexiconError)
	try:
		entries = screening.parse_lines(text or "", category)
	except ValueError as err:
		line = str(err).split(":")[0].replace("line", "").strip()
		frappe.throw(_("Line {0}: the severity must be a whole number.").format(line), LexiconError)
	if not entries:
		frappe.throw(_("The list is empty: enter one word per line."), LexiconError)
	unknown = sorted({e.category for e in entries} - set(frappe.get_all(CATEGORY, pluck="name")))
	if unknown:
		frappe.throw(
			_("Unknown categories: {0}. Create them first or correct the list.").format(", ".join(unknown)),
			LexiconError,
		)
	existing = set(frappe.get_all(WORD, pluck="term_key"))
	rows, seen, skipped = [], set(), 0
	now, user = now_datetime(), frappe.session.user
	low, high = SEVERITY_RANGE
	for e in entries:
		key = screening.term_key(e.term)
		if not key or key in existing or key in seen:
			skipped += 1
			continue
		seen.add(key)
		severity = min(max(e.severity, low), high)
		rows.append(
			(
				frappe.generate_hash(length=10),
				now,
				now,
				user,
				user,
				e.term[:140],
				e.category,
				severity,
				1,
				key[:140],
			)
		)
	if rows:
		frappe.db.bulk_insert(
			WORD,
			(
				"name",
				"creation",
				"modified",
				"owner",
				"modified_by",
				"term",
				"category",
				"severity",
				"enabled",
				"term_key",
			),
			rows,
		)
	return {"added": len(rows), "skipped": skipped}


def screen_text(text: str) -> tuple[list[screening.Hit], str]:
	"""The hits in ``text`` and the version of the lexicon used."""
	lexicon = current()
	return screening.screen(text, lexicon), lexicon.version
