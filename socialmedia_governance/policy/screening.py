"""Sensitive-word screening of publication requests (S9, H5), as pure rules.

S9  content published on an official account is screened before publication against the
    sensitive-word lexicon kept by the Propaganda Department (word + category: 政治, 宗教, 色情,
    暴力, 谣言, 广告, 隐私 …); the lexicon is edited by administrators.
H5  the reviewer sees every hit in context with its category; a request with unresolved hits
    cannot be approved unless the approver records a justification.

Matching is done with one Aho-Corasick automaton (``pyahocorasick``) per lexicon version: the
cost of a scan grows with the length of the text, not with the size of the lexicon. Both the text
and the terms are normalised the same way before matching:

* NFKC (full-width letters, digits and punctuation become half-width: ＡＢＣ → ABC, ！ → !) and
  lower case, so matching is case-insensitive;
* optionally (on by default) a *skeleton* that keeps only letters and digits, so separators
  inserted to dodge screening — spaces, zero-width characters (U+200B–U+200D, U+FEFF),
  punctuation ASCII and CJK (·、，。！？*.-_ /| …), symbols and emoji, combining marks — are
  ignored: "法 轮", "法*轮", "法\\u200b轮" all match 法轮.

Texts and terms are fed to the automaton as two letters per character (0x100 + the code point's
high bits, then its low byte): the automaton looks a node's children up linearly, and this keeps
the fan-out of a CJK lexicon's root at ≤ 256 instead of thousands (``bench/screening_bench.py``).
A text whose characters the normalisation keeps as they are or (skeleton) drops — Chinese with
its full-width punctuation, emoji, lower-case Latin — is normalised by regular expressions built
once per process from the same per-character rule; any other text by a ``str.translate`` pass
(see :func:`normalise_with_offsets`). Both give the same result.

Every normalised character remembers the span of the original text it came from, so hits are
reported at their offsets in the ORIGINAL text (``text[hit.start:hit.end] == hit.matched``).

Deliberate consequences (S9 prefers a false alarm the reviewer dismisses to a miss): a term is
found inside longer words (赌博 in 网络赌博平台), overlapping terms are all reported, and with
separators ignored a term may be found across a punctuation mark ("办法。轮到" contains 法轮).

The module imports nothing from frappe; the Frappe side loads the lexicon rows, caches one
:class:`Lexicon` per version with :func:`get_lexicon` and stores the hits / resolutions.
"""

from __future__ import annotations

import hashlib
import re
import threading
import unicodedata
from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields
from functools import partial
from itertools import accumulate

import ahocorasick

CONTEXT_CHARS = 15  # characters of original text shown on each side of a hit (H5)
MARK_OPEN, MARK_CLOSE = "【", "】"
ELLIPSIS = "…"
DEFAULT_SEVERITY = 1
LEXICON_CACHE_SIZE = 8

# Characters shown as a plain space in a hit's context (keeps it on one line, offsets unchanged).
_CONTEXT_TABLE = str.maketrans({"\n": " ", "\r": " ", "\t": " ", "\v": " ", "\f": " "})


# --------------------------------------------------------------------------------------------
# Normalisation with offsets back to the original text
# --------------------------------------------------------------------------------------------


def _keep(ch: str) -> bool:
	"""Whether ``ch`` survives in the skeleton: letters and digits only (S9 dodging rule)."""
	return unicodedata.category(ch)[0] in "LN"


def _fold(s: str, drop_separators: bool) -> str:
	"""NFKC + lower case of ``s``; in skeleton mode, without separators."""
	folded = unicodedata.normalize("NFKC", s).lower()
	if drop_separators:
		return "".join(ch for ch in folded if _keep(ch))
	return folded


_DROPPED = "\x00"  # placeholder of a dropped separator in the one-to-one pass
_COMPLEX = "\uffff"  # placeholder of a character that needs the per-cluster pass


def _classify(ch: str, drop: bool) -> tuple[str, str, bool]:
	"""``(table value, fold, is a combining mark)`` of one character (see :class:`_FoldTable`)."""
	folded = _fold(ch, drop)
	mark = unicodedata.category(ch)[0] == "M"
	if mark or len(folded) > 1 or ch == _COMPLEX:
		value = _COMPLEX
	else:
		value = folded or _DROPPED
	return value, folded, mark


class _FoldTable(dict[int, str]):
	"""``str.translate`` table of one mode, filled lazily (``__missing__``) as characters appear.

	Maps each character to its folded form when that is one character, to ``_DROPPED`` when
	the skeleton drops it, and to ``_COMPLEX`` when it needs the per-cluster pass: combining
	marks (they fold together with their base character) and characters that expand
	(㍿ → 株式会社). ``info`` keeps the real fold and whether the character is a mark.
	Bounded by the size of Unicode; a race between threads only computes an entry twice.
	"""

	def __init__(self, drop: bool) -> None:
		super().__init__()
		self.drop = drop
		self.info: dict[str, tuple[str, bool]] = {}

	def __missing__(self, o: int) -> str:
		ch = chr(o)
		value, folded, mark = _classify(ch, self.drop)
		self.info[ch] = (folded, mark)
		self[o] = value
		return value

	def fold_of(self, ch: str) -> tuple[str, bool]:
		if ch not in self.info:
			self[ord(ch)]  # noqa: B018 - fills info through __missing__
		return self.info[ch]


_TABLES = (_FoldTable(False), _FoldTable(True))  # index: drop_separators


class Normalised:
	"""A normalised text and the map from its positions back to the original text.

	``span(i, j)`` gives the ``(start, end)`` in the original text covered by the normalised
	slice ``[i, j)``. A character the normalisation expanded (㍿ → 株式会社) maps every output
	character to its whole source; a base character with combining marks is one source.
	"""

	__slots__ = ("text", "_starts", "_ends", "_pieces", "_shift")

	def __init__(
		self,
		text: str,
		starts: list[int] | None = None,
		ends: list[int] | None = None,
		pieces: list[str] | None = None,
	) -> None:
		self.text = text
		self._starts = starts  # explicit map (per-cluster pass)
		self._ends = ends
		# one character per character, some dropped: the kept runs between the dropped characters
		self._pieces = pieces
		self._shift: list[int] | None = None

	def __len__(self) -> int:
		return len(self.text)

	def _shifts(self) -> list[int]:
		"""``[k]``: the normalised position before which the k-th dropped character sat."""
		if self._shift is None:
			self._shift = list(accumulate(map(len, self._pieces[:-1])))
		return self._shift

	def origin(self, i: int) -> int:
		"""Offset in the original text of normalised position ``i``."""
		if self._starts is not None:
			return self._starts[i]
		if self._pieces is None:
			return i
		return i + bisect_right(self._shifts(), i)

	def span(self, i: int, j: int) -> tuple[int, int]:
		"""Original ``(start, end)`` (end exclusive) of the normalised slice ``[i, j)``, i < j."""
		start = self.origin(i)
		end = self._ends[j - 1] if self._ends is not None else self.origin(j - 1) + 1
		return start, end

	def _spans(self, matches: Iterable[tuple[int, tuple[int, int]]]) -> set[tuple[int, int, int]]:
		"""``{(start, end, i)}`` in the original text of the automaton's matches (see :func:`screen`).

		A match ``(last, (n, i))`` is term ``i`` of ``n`` characters whose last scan letter is
		``last`` (odd: two letters per character), i.e. the normalised slice
		``[last // 2 + 1 - n, last // 2 + 1)``; same result as :meth:`span` of each, in one pass.
		"""
		if self._starts is not None:
			starts, ends = self._starts, self._ends
			return {(starts[(last >> 1) + 1 - n], ends[last >> 1], i) for last, (n, i) in matches}
		if self._pieces is None:
			return {((last >> 1) + 1 - n, (last >> 1) + 1, i) for last, (n, i) in matches}
		shift = self._shifts()
		return {
			(s + bisect_right(shift, s), e + bisect_right(shift, e) + 1, i)
			for last, (n, i) in matches
			for e in (last >> 1,)
			for s in (e + 1 - n,)
		}


def _general(text: str, table: _FoldTable) -> Normalised:
	"""Per-cluster pass: a base character and its combining marks fold together."""
	out: list[str] = []
	starts: list[int] = []
	ends: list[int] = []
	n = len(text)
	i = 0
	while i < n:
		j = i + 1
		while j < n and table.fold_of(text[j])[1]:
			j += 1
		f = table.fold_of(text[i])[0] if j == i + 1 else _fold(text[i:j], table.drop)
		if f:
			out.append(f)
			starts.extend([i] * len(f))
			ends.extend([j] * len(f))
		i = j
	return Normalised("".join(out), starts, ends)


# Fast path: most texts (Chinese with its full-width punctuation, emoji, lower-case Latin) have no
# character that the normalisation changes, only separators that the skeleton drops. For those
# the one-to-one pass above (``str.translate`` with a dict: a dict look-up per character, ~60 ns)
# is replaced by regular expressions, which test a character against a bitmap in C (~5 ns).
# Every character of the Basic Multilingual Plane is classified once per process by the very
# rule of the one-to-one pass (:func:`_fold`): *kept* (not a combining mark, folds to itself),
# *dropped* (skeleton only: not a mark, folds to nothing) or *other* (changes: upper case,
# full-width and compatibility forms, combining marks, expansions …). Astral characters (emoji,
# CJK extension B …) are looked up one by one in the fold tables when a text has some.

_ASTRAL = "\\U00010000-\\U0010ffff"  # in a character class
# Shorter texts (lexicon terms) take the table pass: as fast for them, and a process that only
# normalises terms (lexicon edits, imports) does not build the regular expressions.
_FAST_MIN_CHARS = 32


@dataclass(frozen=True)
class _FastPath:
	other: re.Pattern[str]  # a BMP character neither kept nor dropped, or any astral character
	dropped: re.Pattern[str] | None  # a dropped BMP character (skeleton mode)
	dropped_or_astral: re.Pattern[str] | None  # the same or any astral character


_fast_paths: dict[bool, _FastPath] = {}
_fast_lock = threading.Lock()


def _char_class(flags: bytes) -> str:
	"""A regular-expression class body of the code points ``cp`` with ``flags[cp] == 1``."""
	out = []
	for m in re.finditer(b"\x01+", flags):
		a, b = m.start(), m.end() - 1
		out.append(f"\\u{a:04x}" if a == b else f"\\u{a:04x}-\\u{b:04x}")
	return "".join(out)


def _bmp_classes(drop: bool) -> tuple[bytearray, bytearray]:
	"""``(kept, dropped)`` flags of the 65,536 BMP code points in one mode, as the table maps them.

	Equal to ``_classify(ch, drop)`` — kept: not a mark and ``fold == ch``; dropped: not a mark
	and ``fold == ""`` — computed faster (about 40 ms): a character that is NFKC-normalised
	(quick check) and lower case folds to itself, or to nothing when the skeleton drops it; only
	the others (about 3,000) go through :func:`_fold`. ``tests/test_screening_fast.py`` checks
	every code point against :func:`_classify`.
	"""
	chars = list(map(chr, range(0x10000)))
	normal = map(partial(unicodedata.is_normalized, "NFKC"), chars)
	lower = map(str.lower, chars)
	categories = map(unicodedata.category, chars)
	kept, dropped = bytearray(0x10000), bytearray(0x10000)
	for cp, (ch, is_normal, low, cat) in enumerate(zip(chars, normal, lower, categories, strict=True)):
		if cat[0] == "M":
			continue  # a combining mark folds with its base character: per-cluster pass
		if is_normal and low == ch:
			folded = "" if drop and cat[0] not in "LN" else ch
		else:
			folded = _fold(ch, drop)
		if folded == ch:
			kept[cp] = 1
		elif not folded:
			dropped[cp] = 1
	return kept, dropped


def _fast_path(drop: bool) -> _FastPath:
	"""The regular expressions of one mode, built on first use (about 50 ms once per process)."""
	fast = _fast_paths.get(drop)
	if fast is None:
		with _fast_lock:
			fast = _fast_paths.get(drop)
			if fast is None:
				kept, dropped = _bmp_classes(drop)
				other = bytes(1 - (k | d) for k, d in zip(kept, dropped, strict=True))
				if drop:
					cls = _char_class(dropped)
					fast = _FastPath(
						re.compile(f"[{_char_class(other)}{_ASTRAL}]"),
						re.compile(f"[{cls}]"),
						re.compile(f"[{cls}{_ASTRAL}]"),
					)
				else:
					fast = _FastPath(re.compile(f"[{_char_class(other)}{_ASTRAL}]"), None, None)
				_fast_paths[drop] = fast
	return fast


def _normalise_fast(text: str, drop: bool) -> Normalised | None:
	"""The normalisation of ``text`` when each of its characters is kept as it is or (skeleton)
	dropped, else ``None``: then the same as the table pass, computed by regular expressions."""
	fast = _fast_path(drop)
	splitter = fast.dropped
	if fast.other.search(text) is not None:
		# astral characters are fine when all are kept, or (skeleton) all dropped; one other
		# BMP character, or astral characters of both kinds, take the general path
		table = _TABLES[drop]
		kinds = set()
		for ch in set(fast.other.findall(text)):
			if ch < "\U00010000":
				return None
			folded, mark = table.fold_of(ch)
			if mark or (folded != ch and (folded or not drop)):
				return None
			kinds.add(folded == ch)
		if len(kinds) > 1:
			return None
		if kinds == {False}:
			splitter = fast.dropped_or_astral
	if splitter is None:
		return Normalised(text)
	pieces = splitter.split(text)
	if len(pieces) == 1:
		return Normalised(text)
	return Normalised("".join(pieces), pieces=pieces)


def normalise_with_offsets(
	text: str,
	*,
	drop_separators: bool = False,
	_force_general: bool = False,
	_force_table: bool = False,
) -> Normalised:
	"""NFKC + lower case of ``text`` (S9), optionally as a skeleton without separators.

	Returns a :class:`Normalised` whose ``span`` maps back to offsets in ``text``. Normalisation
	is done per base character with its combining marks, which equals whole-string NFKC for
	Chinese and Latin text; the terms of a :class:`Lexicon` are normalised the same way.
	Three passes give the same result: regular expressions when no character changes other than
	by being dropped (fast path, texts of ``_FAST_MIN_CHARS`` or more), else one ``str.translate``
	when every character folds to at most one character, else per cluster. ``_force_table``
	skips the fast path, ``_force_general`` forces the last (tests).
	"""
	if not text:
		return Normalised("")
	if len(text) >= _FAST_MIN_CHARS and not (_force_general or _force_table):
		fast = _normalise_fast(text, drop_separators)
		if fast is not None:
			return fast
	table = _TABLES[drop_separators]
	placeheld = text.translate(table)  # one pass in C, one character per character
	if _force_general or _COMPLEX in placeheld:
		return _general(text, table)
	if not drop_separators or _DROPPED not in placeheld:
		return Normalised(placeheld)
	pieces = placeheld.split(_DROPPED)
	return Normalised("".join(pieces), pieces=pieces)


# Scan alphabet. pyahocorasick finds a node's child by a linear scan, and the root of a CJK
# lexicon has thousands of children; so each character is fed to the automaton as two letters,
# 0x100 + (code point >> 8) then (code point & 0xFF): fan-out ≤ 256 (82 for the CJK block),
# about 6× faster than one letter per character on a 50,000-term lexicon. The two kinds of
# letter are disjoint, so a term matches only from a character's first letter (no match off
# the character boundary) and the automaton's failure links never stop inside a character
# (UTF-16 bytes, used before, let a low byte pass for a high byte: about 10 % slower). Every
# character, astral ones too, is two letters: character offset = letter offset // 2.

_HIGH_LOW = b"\x01\x00\x00\x00"  # UTF-16-BE of the letters 0x100 + hi, 0x00 + lo with hi = lo = 0
_PLUS_ONE = bytes((i + 1) & 0xFF for i in range(256))


def _to_scan(s: str) -> str:
	"""``s`` in the scan alphabet: letters ``0x100 + (cp >> 8)`` and ``cp & 0xFF`` per character."""
	b = s.encode("utf-16-be", "surrogatepass")
	if len(b) == 2 * len(s):  # BMP only (a lone surrogate is one code unit too)
		buf = bytearray(_HIGH_LOW * len(s))
		buf[1::4] = b[0::2]
		buf[3::4] = b[1::2]
	else:  # UTF-32-BE: 00, plane, hi, lo → UTF-16-BE units 0x100 + (plane << 8 | hi), lo
		b = s.encode("utf-32-be", "surrogatepass")
		buf = bytearray(b)
		buf[0::4] = b[1::4].translate(_PLUS_ONE)
		buf[1::4] = b[2::4]
		buf[2::4] = b[0::4]
	return buf.decode("utf-16-be")


def normalise(text: str) -> str:
	"""NFKC (full-width → half-width) and lower case: ``"ＡＢＣ！"`` → ``"abc!"`` (S9)."""
	return normalise_with_offsets(text).text


def skeleton(text: str) -> Normalised:
	"""``text`` normalised with separators dropped ("法 *轮" → "法轮"), with offsets (S9)."""
	return normalise_with_offsets(text, drop_separators=True)


def term_key(term: str, *, ignore_separators: bool = True) -> str:
	"""The normalised form under which a lexicon term is matched ("" for a blank term)."""
	return normalise_with_offsets(term.strip(), drop_separators=ignore_separators).text


# --------------------------------------------------------------------------------------------
# Lexicon
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
	"""One lexicon row (S9): the term as entered, its category and severity."""

	term: str
	category: str
	severity: int = DEFAULT_SEVERITY


EntryLike = Entry | str | tuple[str, str] | tuple[str, str, int]


def _coerce(item: EntryLike, default_category: str) -> Entry:
	if isinstance(item, Entry):
		return item
	if isinstance(item, str):
		return Entry(item.strip(), default_category)
	term, category, *rest = item
	severity = int(rest[0]) if rest and rest[0] not in (None, "") else DEFAULT_SEVERITY
	return Entry(str(term or "").strip(), str(category or "").strip() or default_category, severity)


def _dedupe(
	items: Iterable[EntryLike], ignore_separators: bool, default_category: str
) -> list[tuple[str, Entry]]:
	"""``(key, entry)`` pairs sorted by key, one per normalised key, blank terms ignored.

	Duplicates (same key, e.g. "ＡＢＣ" and "abc") keep the highest severity, then the smallest
	(category, term): the result does not depend on the order of the rows.
	"""
	best: dict[str, Entry] = {}
	for item in items:
		entry = _coerce(item, default_category)
		key = term_key(entry.term, ignore_separators=ignore_separators)
		if not key:
			continue
		old = best.get(key)
		if old is None or (-entry.severity, entry.category, entry.term) < (
			-old.severity,
			old.category,
			old.term,
		):
			best[key] = entry
	return sorted(best.items())


def _fingerprint(keyed: list[tuple[str, Entry]], ignore_separators: bool) -> str:
	h = hashlib.sha256(f"screening-v1 sep={int(ignore_separators)}\n".encode())
	for key, e in keyed:
		h.update(f"{key}\t{e.term}\t{e.category}\t{e.severity}\n".encode())
	return h.hexdigest()


def fingerprint_of(
	entries: Iterable[EntryLike], *, ignore_separators: bool = True, default_category: str = ""
) -> str:
	"""The :attr:`Lexicon.fingerprint` these rows would give, without building the automaton."""
	return _fingerprint(_dedupe(entries, ignore_separators, default_category), ignore_separators)


def parse_lines(text: str, default_category: str) -> list[Entry]:
	"""Rows of a plain-text lexicon import (S9: admin-editable lexicon).

	One term per line; optionally ``term<TAB>category[<TAB>severity]`` or
	``term,category[,severity]`` (full-width ，also accepted); blank lines and lines starting
	with ``#`` are skipped; a missing category is ``default_category``. A severity that is not
	an integer raises ``ValueError`` naming the line.
	"""
	rows: list[Entry] = []
	for number, raw in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
		line = raw.strip()
		if not line or line.startswith("#"):
			continue
		# split the raw line: "<TAB>政治" is a row without a term, not the term 政治
		if "\t" in raw:
			fields = raw.split("\t", 2)
		else:
			fields = raw.replace("，", ",").split(",", 2)
		fields = [f.strip() for f in fields]
		term = fields[0]
		if not term:
			continue
		category = fields[1] if len(fields) > 1 and fields[1] else default_category
		severity = DEFAULT_SEVERITY
		if len(fields) > 2 and fields[2]:
			try:
				severity = int(fields[2])
			except ValueError:
				raise ValueError(f"line {number}: severity {fields[2]!r} is not an integer") from None
		rows.append(Entry(term, category, severity))
	return rows


def _build_automaton(keys: list[str]) -> ahocorasick.Automaton:
	"""The Aho-Corasick automaton of ``keys`` in the scan alphabet; value ``(characters, index)``.

	pyahocorasick allocates a node when a word first needs it, and a scan visits the nodes of the
	first two characters of the terms over and over (most text characters fall back to the
	root). So those nodes are created first, level by level (a one-character prefix is added as
	a word and removed again when it is not a term): they end up side by side in memory, and the
	scan is about 15 % faster than with the nodes in the order of the sorted terms.
	"""
	automaton = ahocorasick.Automaton()
	# every key in the scan alphabet at once (two letters per character), then cut up
	joined = _to_scan("".join(keys))
	scans, at = [], 0
	for key in keys:
		scans.append(joined[2 * at : 2 * (at + len(key))])
		at += len(key)
	index = {scan: i for i, scan in enumerate(scans)}
	added = set()
	for letters in (2, 4):  # the nodes of the first character, then of the first two
		for prefix in sorted({scan[:letters] for scan in scans if len(scan) >= letters}):
			i = index.get(prefix)
			automaton.add_word(prefix, None if i is None else (len(keys[i]), i))
			added.add(prefix)
	for i, scan in enumerate(scans):
		if scan not in added:
			automaton.add_word(scan, (len(keys[i]), i))
	for prefix in added:
		if prefix not in index:
			automaton.remove_word(prefix)
	automaton.make_automaton()
	return automaton


class Lexicon:
	"""The sensitive-word lexicon of one version, with its automaton built once (S9).

	Built from rows ``(term, category)``, ``(term, category, severity)``, :class:`Entry` or a
	plain term (category ``default_category``). Terms are normalised like the text (see
	:func:`term_key`); duplicates are merged and blank terms ignored. ``fingerprint`` is a
	SHA-256 of the sorted normalised rows and ``version`` its first 12 hex digits: equal rows
	give an equal fingerprint whatever their order, so a caller can cache one Lexicon per
	version (:func:`get_lexicon`).
	"""

	def __init__(
		self,
		entries: Iterable[EntryLike] = (),
		*,
		ignore_separators: bool = True,
		default_category: str = "",
	) -> None:
		self.ignore_separators = ignore_separators
		self._keyed = _dedupe(entries, ignore_separators, default_category)
		self.entries: tuple[Entry, ...] = tuple(e for _k, e in self._keyed)
		self._index = {key: i for i, (key, _e) in enumerate(self._keyed)}
		self.fingerprint = _fingerprint(self._keyed, ignore_separators)
		self.version = self.fingerprint[:12]
		self._automaton: ahocorasick.Automaton | None = None
		if self._keyed:
			self._automaton = _build_automaton([key for key, _e in self._keyed])

	@classmethod
	def from_lines(cls, text: str, default_category: str, *, ignore_separators: bool = True) -> Lexicon:
		"""A lexicon from a plain-text list (see :func:`parse_lines`) — for imports (S9)."""
		return cls(parse_lines(text, default_category), ignore_separators=ignore_separators)

	def __len__(self) -> int:
		return len(self._keyed)

	def __bool__(self) -> bool:
		return bool(self._keyed)

	def __contains__(self, term: object) -> bool:
		return isinstance(term, str) and self.key(term) in self._index

	def __repr__(self) -> str:
		return f"<Lexicon {self.version} terms={len(self)}>"

	def key(self, term: str) -> str:
		"""``term`` normalised as this lexicon matches it."""
		return term_key(term, ignore_separators=self.ignore_separators)

	def categories(self) -> list[str]:
		"""The categories in use, sorted."""
		return sorted({e.category for e in self.entries})

	def screen(self, text: str, *, context_chars: int = CONTEXT_CHARS) -> list[Hit]:
		"""Shorthand for :func:`screen`."""
		return screen(text, self, context_chars=context_chars)


# --------------------------------------------------------------------------------------------
# Screening
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Hit:
	"""One occurrence of a lexicon term in a text (H5: shown in context with its category).

	``start``/``end`` are offsets in the ORIGINAL text (end exclusive), ``matched`` is
	``text[start:end]`` (which may contain the separators used to dodge screening) and
	``context`` up to ``CONTEXT_CHARS`` original characters each side with the hit in 【】.
	"""

	term: str
	category: str
	start: int
	end: int
	matched: str
	context: str
	severity: int = DEFAULT_SEVERITY


def _context(shown: str, start: int, end: int, chars: int) -> str:
	"""``shown`` is the text with line breaks and tabs as spaces (same length, same offsets)."""
	a, b = max(0, start - chars), min(len(shown), end + chars)
	return (
		(ELLIPSIS if a > 0 else "")
		+ shown[a:start]
		+ MARK_OPEN
		+ shown[start:end]
		+ MARK_CLOSE
		+ shown[end:b]
		+ (ELLIPSIS if b < len(shown) else "")
	)


_hit_new = object.__new__
(
	_set_term,
	_set_category,
	_set_start,
	_set_end,
	_set_matched,
	_set_context,
	_set_severity,
) = (getattr(Hit, f.name).__set__ for f in fields(Hit))


def _hit(term: str, category: str, start: int, end: int, matched: str, context: str, severity: int) -> Hit:
	"""``Hit(...)`` without the frozen dataclass's ``__init__``.

	That ``__init__`` sets each slot through ``object.__setattr__`` (about twice as slow); the
	slots' own descriptors set the same fields, so the hit is equal, hashes the same and stays
	frozen (``tests/test_screening_fast.py``).
	"""
	hit = _hit_new(Hit)
	_set_term(hit, term)
	_set_category(hit, category)
	_set_start(hit, start)
	_set_end(hit, end)
	_set_matched(hit, matched)
	_set_context(hit, context)
	_set_severity(hit, severity)
	return hit


def _hits(text: str, found: set[tuple[int, int, int]], entries: tuple[Entry, ...], chars: int) -> list[Hit]:
	"""The hits of ``found`` ``{(start, end, entry index)}``, sorted by start, longer first, term.

	Each hit's context is :func:`_context`, cut here without a call per hit.
	"""
	if not found:
		return []
	# one pass over the text (and none when it has no line breaks), not one per hit
	shown = text.translate(_CONTEXT_TABLE) if any(chr(c) in text for c in _CONTEXT_TABLE) else text
	same = shown is text
	n = len(text)
	# (start, end, i) is unique and so is an entry's term: the same order as sorting the hits
	# by (start, start - end, term)
	rows = sorted((start, start - end, entries[i].term, end, i) for start, end, i in found)
	hits = []
	for start, _neg, term, end, i in rows:
		e = entries[i]
		matched = text[start:end]
		a, b = start - chars, end + chars
		before = ELLIPSIS + shown[a:start] if a > 0 else shown[:start]
		after = shown[end:b] + ELLIPSIS if b < n else shown[end:]
		shown_hit = matched if same else shown[start:end]
		context = f"{before}{MARK_OPEN}{shown_hit}{MARK_CLOSE}{after}"
		hits.append(_hit(term, e.category, start, end, matched, context, e.severity))
	return hits


def screen(text: str | None, lexicon: Lexicon, *, context_chars: int = CONTEXT_CHARS) -> list[Hit]:
	"""Every occurrence of every lexicon term in ``text`` (S9, H5), one Aho-Corasick pass.

	Reports terms inside longer words, overlapping terms (法轮, 法轮功 and 轮功 in 法轮功),
	each repeated occurrence, full-width and case variants and — when the lexicon ignores
	separators — separator-dodged variants. Sorted by start, then longer hit first, then term.
	"""
	if not text or lexicon._automaton is None:
		return []
	norm = normalise_with_offsets(text, drop_separators=lexicon.ignore_separators)
	if not norm.text:
		return []
	# (last letter, (characters, entry index)); a term starts on a character's first letter
	matches = list(lexicon._automaton.iter(_to_scan(norm.text)))
	if not matches:
		return []
	return _hits(text, norm._spans(matches), lexicon.entries, context_chars)


def screen_naive(
	text: str | None,
	terms: Lexicon | Iterable[EntryLike],
	*,
	context_chars: int = CONTEXT_CHARS,
) -> list[Hit]:
	"""Reference implementation: ``str.find`` of every term in turn (benchmark and tests only).

	Same normalisation and same result as :func:`screen`, at a cost proportional to the size of
	the lexicon. Do not use it in the application.
	"""
	lexicon = terms if isinstance(terms, Lexicon) else None
	keyed = lexicon._keyed if lexicon is not None else _dedupe(terms, True, "")
	drop = lexicon.ignore_separators if lexicon is not None else True
	entries = tuple(e for _k, e in keyed)
	if not text or not keyed:
		return []
	norm = normalise_with_offsets(text, drop_separators=drop)
	s = norm.text
	found: set[tuple[int, int, int]] = set()
	for i, (key, _e) in enumerate(keyed):
		at = s.find(key)
		while at != -1:
			found.add((*norm.span(at, at + len(key)), i))
			at = s.find(key, at + 1)
	return _hits(text, found, entries, context_chars)


def summarise(hits: Iterable[Hit]) -> dict[str, int]:
	"""Number of hits per category (H5), most frequent first, then by category."""
	counts: dict[str, int] = {}
	for h in hits:
		counts[h.category] = counts.get(h.category, 0) + 1
	return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def unresolved(
	hits: Iterable[Hit], resolved_terms: Iterable[str], *, ignore_separators: bool = True
) -> list[Hit]:
	"""The hits whose term the reviewer has not resolved (H5); terms compare normalised."""
	done = {term_key(t, ignore_separators=ignore_separators) for t in resolved_terms}
	done.discard("")
	return [h for h in hits if term_key(h.term, ignore_separators=ignore_separators) not in done]


def may_approve(hits: Iterable[Hit], resolved_terms: Iterable[str] = (), justification: str = "") -> bool:
	"""H5: approval is allowed when every hit is resolved or a justification is recorded."""
	return bool((justification or "").strip()) or not unresolved(hits, resolved_terms)


# --------------------------------------------------------------------------------------------
# One lexicon per version (S9: the automaton is built once per lexicon version)
# --------------------------------------------------------------------------------------------

_cache: OrderedDict[str, Lexicon] = OrderedDict()
_cache_lock = threading.Lock()


def get_lexicon(fingerprint: str, loader: Callable[[], Lexicon | Iterable[EntryLike]]) -> Lexicon:
	"""The lexicon cached for ``fingerprint``; ``loader`` is called only on a miss.

	``fingerprint`` is whatever identifies the lexicon version for the caller (e.g.
	:func:`fingerprint_of` the rows, or the latest modification time of the lexicon table).
	``loader`` returns a :class:`Lexicon` or its rows. At most ``LEXICON_CACHE_SIZE`` versions
	are kept (least recently used dropped); concurrent misses build once. A loader that raises
	caches nothing.
	"""
	with _cache_lock:
		lexicon = _cache.get(fingerprint)
		if lexicon is not None:
			_cache.move_to_end(fingerprint)
			return lexicon
		loaded = loader()
		lexicon = loaded if isinstance(loaded, Lexicon) else Lexicon(loaded)
		_cache[fingerprint] = lexicon
		while len(_cache) > LEXICON_CACHE_SIZE:
			_cache.popitem(last=False)
		return lexicon


def clear_lexicon_cache() -> None:
	"""Forget every cached lexicon (tests; after a bulk import)."""
	with _cache_lock:
		_cache.clear()
