"""The daily reminder digest, as pure rules: one item per person, rule and record; one digest per
person (their items, duplicates dropped, in rule order); the school-wide summary (records per
rule). ``notifications.reminders`` collects the items and mails the digests;
``notifications.delivery`` writes the robots' messages from the same items."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Item:
	"""One thing a person is reminded of today."""

	recipient: str
	rule: str
	reference_doctype: str
	reference_name: str
	text: str  # English source text with {0}… placeholders, translated per recipient
	owner_unit: str | None = None
	args: tuple = ()

	@property
	def key(self) -> str:
		return f"{self.recipient}|{self.rule}|{self.reference_doctype}|{self.reference_name}"


def digests(items: Iterable[Item]) -> dict[str, list[Item]]:
	"""One digest per person: their items grouped, duplicates dropped, in rule order."""
	out: dict[str, dict[str, Item]] = defaultdict(dict)
	for item in items:
		out[item.recipient].setdefault(item.key, item)
	return {r: sorted(v.values(), key=lambda i: (i.rule, i.reference_name)) for r, v in sorted(out.items())}


def summary(items: Iterable[Item]) -> dict[str, int]:
	"""Records per rule (the school-wide summary), each record counted once."""
	seen: dict[str, set[str]] = defaultdict(set)
	for item in items:
		seen[item.rule].add(f"{item.reference_doctype}|{item.reference_name}")
	return {rule: len(refs) for rule, refs in sorted(seen.items())}
