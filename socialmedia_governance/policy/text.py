"""Checks on free text that protect the register (S17: never store a password)."""

from __future__ import annotations

import re

# Field types a person types free text into (Frappe's names): every field of these types of every
# DocType of the app is screened for written-out passwords (S17).
FREE_TEXT_TYPES = frozenset(
	{
		"Data",
		"Small Text",
		"Text",
		"Long Text",
		"Text Editor",
		"Markdown Editor",
		"HTML Editor",
		"Code",
		"Read Only",
	}
)

# "密码: xxx", "口令：xxx", "password=xxx", "pwd xxx", "登录密码是xxx" … followed by something
# that is not a placeholder. The value must be a run of non-space characters.
_CREDENTIAL = re.compile(
	r"(?:密\s*码|口\s*令|pass\s*word|passwd|pwd|secret|登录密钥|密钥)\s*(?:是|为|[:：=＝])\s*[^\s，。,;；]{3,}",
	re.IGNORECASE,
)
_PLACEHOLDERS = re.compile(r"^(?:\*+|x+|已密封|已封存|见密封件|sealed|\[sealed\]|略)$", re.IGNORECASE)


def looks_like_credential(text: str | None) -> bool:
	"""Whether ``text`` seems to contain a password written out (S17)."""
	if not text:
		return False
	for match in _CREDENTIAL.finditer(text):
		value = re.split(r"\s*(?:是|为|[:：=＝])\s*", match.group(0), maxsplit=1)[-1]
		if not _PLACEHOLDERS.match(value):
			return True
	return False
