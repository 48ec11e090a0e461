"""Sensitive-word screening (S9, H5): the fast paths give exactly the results of the general ones.

The regular-expression normalisation, the two-letters-per-character scan alphabet, the automaton
built level by level and the hit constructor are checked against the per-character fold table,
the per-cluster pass, ``screen_naive`` and ``Hit(...)`` on every BMP code point and on many
random texts (separators, full-width letters, upper case, combining marks, emoji, CJK
extension B, ㍿, zero-width characters).
"""

from __future__ import annotations

import dataclasses
import random
import threading

import pytest

from socialmedia_governance.policy import screening
from socialmedia_governance.policy.screening import (
	CONTEXT_CHARS,
	Hit,
	Lexicon,
	normalise_with_offsets,
	screen,
	screen_naive,
)

CJK = "法轮功赌博台独加微信身份证号中文平台网络"
LATIN = "abcvpnxß0123456789ς"
SEPARATORS = " ，。、；：！？·*.-_/|\u200b\u200c\u200d\ufeff\n\t\x00\uffff"
ASTRAL_DROPPED = "🌸😀🎉"  # emoji: dropped by the skeleton, kept as they are otherwise
ASTRAL_KEPT = "𠀀𠀁𪚥"  # CJK extension B: letters
CHANGED = "ABVPNＡＢｖｐｎ１２\u0301\u0308㍿½İΣ𝐀ﬁ℃①\u3099"  # folded to something else, or marks
LONE = "\ud800\udc00"  # lone surrogates, one character each

BROAD = CJK + LATIN + SEPARATORS + ASTRAL_DROPPED + ASTRAL_KEPT + CHANGED + LONE


def random_text(rng: random.Random, alphabet: str, n: int) -> str:
	return "".join(rng.choice(alphabet) for _ in range(n))


def same_normalisation(a: screening.Normalised, b: screening.Normalised) -> None:
	assert a.text == b.text
	n = len(a)
	assert [a.span(i, i + 1) for i in range(n)] == [b.span(i, i + 1) for i in range(n)]
	assert [a.origin(i) for i in range(n)] == [b.origin(i) for i in range(n)]
	if n:
		assert a.span(0, n) == b.span(0, n)


def all_paths(text: str, drop: bool) -> tuple[screening.Normalised, ...]:
	"""The default, table and per-cluster normalisations, and the fast one when it applies."""
	paths = (
		normalise_with_offsets(text, drop_separators=drop),
		normalise_with_offsets(text, drop_separators=drop, _force_table=True),
		normalise_with_offsets(text, drop_separators=drop, _force_general=True),
	)
	fast = screening._normalise_fast(text, drop) if text else None
	return (*paths, fast) if fast is not None else paths


# ---------------------------------------------------------------- the character classes


@pytest.mark.parametrize("drop", [True, False])
def test_bmp_classes_equal_the_fold_table_rule_for_every_code_point(drop):
	kept, dropped = screening._bmp_classes(drop)
	for cp in range(0x10000):
		_value, folded, mark = screening._classify(chr(cp), drop)
		assert kept[cp] == (not mark and folded == chr(cp)), hex(cp)
		assert dropped[cp] == (not mark and folded == ""), hex(cp)
	assert sum(kept) > 40_000
	assert (sum(dropped) > 5_000) if drop else not any(dropped)


@pytest.mark.parametrize("drop", [True, False])
def test_regular_expressions_match_exactly_the_classes(drop):
	kept, dropped = screening._bmp_classes(drop)
	fast = screening._fast_path(drop)
	bmp = "".join(map(chr, range(0x10000)))
	other = {chr(cp) for cp in range(0x10000) if not (kept[cp] or dropped[cp])}
	assert set(fast.other.findall(bmp)) == other
	assert len(fast.other.findall(bmp)) == len(other)
	if drop:
		assert fast.dropped is not None and fast.dropped_or_astral is not None
		expected = {chr(cp) for cp in range(0x10000) if dropped[cp]}
		assert set(fast.dropped.findall(bmp)) == expected
		assert set(fast.dropped_or_astral.findall(bmp)) == expected
	else:
		assert fast.dropped is None and fast.dropped_or_astral is None
	for cp in [*range(0x10000, 0x110000, 997), 0x10000, 0x10FFFF, 0x1F338, 0x20000]:
		ch = chr(cp)
		assert fast.other.fullmatch(ch)
		if drop:
			assert not fast.dropped.fullmatch(ch)
			assert fast.dropped_or_astral.fullmatch(ch)


def test_fast_path_is_built_once_under_concurrent_first_use(monkeypatch):
	monkeypatch.setattr(screening, "_fast_paths", {})
	built, barrier = [], threading.Barrier(4)

	def first_use():
		barrier.wait()
		built.append(screening._fast_path(True))

	threads = [threading.Thread(target=first_use) for _ in range(4)]
	for t in threads:
		t.start()
	for t in threads:
		t.join()
	assert len(built) == 4 and all(f is built[0] for f in built)


# ---------------------------------------------------------------- normalisation: fast = general


@pytest.mark.parametrize(
	"alphabet",
	[
		CJK + SEPARATORS,
		CJK + LATIN + SEPARATORS,
		CJK + SEPARATORS + ASTRAL_DROPPED,
		CJK + LATIN + " ·\u200b" + ASTRAL_KEPT,
	],
)
def test_fast_path_taken_and_exact_for_skeletons(alphabet):
	rng = random.Random(alphabet)
	for _ in range(300):
		text = random_text(rng, alphabet, rng.randint(1, 80))
		fast = screening._normalise_fast(text, True)
		assert fast is not None, text
		for other in all_paths(text, True):
			same_normalisation(fast, other)


@pytest.mark.parametrize(
	"alphabet", [CJK + LATIN + " 。、·\u200b\n", CJK + ASTRAL_DROPPED + ASTRAL_KEPT + " "]
)
def test_fast_path_taken_and_exact_without_skeleton(alphabet):
	rng = random.Random(alphabet)
	for _ in range(300):
		text = random_text(rng, alphabet, rng.randint(1, 80))
		fast = screening._normalise_fast(text, False)
		assert fast is not None, text
		assert fast.text == text
		for other in all_paths(text, False):
			same_normalisation(fast, other)


@pytest.mark.parametrize(
	"text, drop",
	[
		("VPN", True),
		("法ＡＢ", True),
		("cafe\u0301", True),
		("\u0301", True),
		("x㍿y", True),
		("½", True),
		("℃", True),
		("İ", True),
		("ΑΣ", True),
		("𝐀", True),
		("法🌸𠀀", True),  # astral characters of both kinds (dropped and kept)
		("法，轮", False),  # full-width comma folds to ","
		("法🌸\u0301", False),
	],
)
def test_fast_path_not_taken_when_a_character_changes(text, drop):
	assert screening._normalise_fast(text, drop) is None
	assert screening._normalise_fast(text * 40, drop) is None  # long enough for the default path
	default, table, general = all_paths(text, drop)
	same_normalisation(default, table)
	same_normalisation(default, general)


@pytest.mark.parametrize("drop", [True, False])
def test_all_paths_agree_on_random_mixed_texts(drop):
	rng = random.Random(17 + drop)
	taken = 0
	for _ in range(1500):
		alphabet = rng.choice([BROAD, CJK + SEPARATORS + CHANGED[:4], CJK + SEPARATORS + ASTRAL_DROPPED])
		text = random_text(rng, alphabet, rng.randint(0, 60))
		paths = all_paths(text, drop)
		taken += len(paths) == 4
		for other in paths[1:]:
			same_normalisation(paths[0], other)
	assert taken > 100  # the fast path was exercised, not only the general ones


def test_spans_of_matches_equal_span_of_each():
	rng = random.Random(5)
	for _ in range(400):
		text = random_text(rng, BROAD, rng.randint(1, 60))
		for norm in all_paths(text, rng.random() < 0.7):
			n = len(norm)
			if not n:
				continue
			matches = []
			for k in range(rng.randint(1, 8)):
				end = rng.randint(1, n)
				length = rng.randint(1, end)
				matches.append((2 * end - 1, (length, k)))
			expected = {
				(*norm.span((last >> 1) + 1 - length, (last >> 1) + 1), k) for last, (length, k) in matches
			}
			assert norm._spans(matches) == expected


# ---------------------------------------------------------------- scan alphabet and automaton


def test_scan_alphabet_is_two_letters_per_character():
	rng = random.Random(3)
	for _ in range(300):
		s = random_text(rng, BROAD + "\U0010ffff\U00010000\uffff\u0100\u00ff", rng.randint(0, 40))
		expected = "".join(chr(0x100 + (ord(c) >> 8)) + chr(ord(c) & 0xFF) for c in s)
		assert screening._to_scan(s) == expected


def test_automaton_holds_exactly_the_terms():
	lx = Lexicon([("法轮功", "宗教"), ("赌博", "违法"), ("赌", "违法"), ("𠀀𠀁法", "隐私"), ("ab", "广告")])
	automaton = lx._automaton
	assert len(automaton) == len(lx) == 5
	assert set(automaton.keys()) == {screening._to_scan(k) for k, _e in lx._keyed}
	assert {automaton.get(screening._to_scan(k)) for k, _e in lx._keyed} == {
		(len(k), i) for i, (k, _e) in enumerate(lx._keyed)
	}
	# the prefixes added to place the first levels' nodes are gone
	for prefix in ("法", "法轮", "𠀀", "𠀀𠀁", "a"):
		assert not automaton.exists(screening._to_scan(prefix))
	assert screen("法轮 法 𠀀𠀁 a", lx) == []
	assert [h.term for h in screen("法轮功赌博𠀀𠀁法ab", lx)] == ["法轮功", "赌博", "赌", "𠀀𠀁法", "ab"]


# ---------------------------------------------------------------- hits


def test_fast_hit_constructor_equals_the_dataclass():
	args = ("法轮", "宗教", 3, 5, "法 轮", "…a【法 轮】b…", 2)
	fast, slow = screening._hit(*args), Hit(*args)
	assert fast == slow and hash(fast) == hash(slow) and repr(fast) == repr(slow)
	assert dataclasses.astuple(fast) == args
	with pytest.raises(dataclasses.FrozenInstanceError):
		fast.start = 0


def reference_hits(text, found, entries, chars):
	"""``_hits`` as it was: ``Hit(...)`` with ``_context``, then sorted by (start, -length, term)."""
	shown = text.translate(screening._CONTEXT_TABLE)
	hits = [
		Hit(
			entries[i].term,
			entries[i].category,
			s,
			e,
			text[s:e],
			screening._context(shown, s, e, chars),
			entries[i].severity,
		)
		for s, e, i in found
	]
	hits.sort(key=lambda h: (h.start, h.start - h.end, h.term))
	return hits


@pytest.mark.parametrize("chars", [0, 1, 3, CONTEXT_CHARS, 200])
def test_hits_equal_the_reference_construction(chars):
	rng = random.Random(chars)
	entries = tuple(screening.Entry(f"t{k}", f"c{k % 3}", k % 4) for k in range(12))
	for _ in range(200):
		text = random_text(rng, CJK + " \n\t\r" + LATIN, rng.randint(1, 60))
		found = set()
		for _k in range(rng.randint(0, 10)):
			s = rng.randrange(len(text))
			found.add((s, rng.randint(s + 1, len(text)), rng.randrange(len(entries))))
		assert screening._hits(text, found, entries, chars) == reference_hits(text, found, entries, chars)


# ---------------------------------------------------------------- screen: fast = general = naive


def random_lexicon(rng: random.Random, alphabet: str) -> list[tuple[str, str]]:
	rows = []
	for _ in range(rng.randint(1, 25)):
		term = random_text(rng, alphabet, rng.randint(1, 4))
		if rng.random() < 0.2:
			term = term[0] + rng.choice(" ·*\u200b") + term[1:]
		rows.append((term, rng.choice(["政治", "宗教", "广告"])))
	return rows


def screen_general(text, lexicon):
	"""``screen`` with the regular-expression normalisation switched off."""
	original = screening._normalise_fast
	screening._normalise_fast = lambda text, drop: None
	try:
		return screen(text, lexicon)
	finally:
		screening._normalise_fast = original


def test_screen_equals_general_path_and_naive_on_random_texts():
	rng = random.Random(20251130)
	total = fast_taken = 0
	for _ in range(600):
		term_alphabet = rng.choice([CJK[:6], CJK[:6] + "abAＢ𠀀", CJK[:4] + "a\u0301㍿🌸"])
		text_alphabet = rng.choice([term_alphabet + SEPARATORS, BROAD, CJK[:6] + SEPARATORS + ASTRAL_DROPPED])
		lx = Lexicon(random_lexicon(rng, term_alphabet), ignore_separators=rng.random() < 0.8)
		text = random_text(rng, text_alphabet, rng.randint(0, 200))
		hits = screen(text, lx)
		assert hits == screen_general(text, lx)
		assert hits == screen_naive(text, lx)
		for h in hits:
			assert text[h.start : h.end] == h.matched
		total += len(hits)
		fast_taken += (
			len(text) >= screening._FAST_MIN_CHARS
			and screening._normalise_fast(text, lx.ignore_separators) is not None
		)
	assert total > 1000 and fast_taken > 100


def test_screen_on_a_long_chinese_text_with_many_terms():
	rng = random.Random(9)
	pool = [chr(c) for c in rng.sample(range(0x4E00, 0x9FA6), 300)]
	rows = {"".join(rng.choices(pool, k=rng.randint(2, 4))): "政治" for _ in range(3000)}
	terms = list(rows)
	parts = []
	for _ in range(4000):
		r = rng.random()
		if r < 0.02:
			term = rng.choice(terms)
			parts.append(term[:1] + rng.choice(" *·\u200b.") + term[1:])
		elif r < 0.1:
			parts.append(rng.choice("，。、；：！？🌸"))
		else:
			parts.append(rng.choice(pool))
	text = "".join(parts)
	lx = Lexicon(rows.items())
	assert screening._normalise_fast(text, True) is not None
	hits = screen(text, lx)
	assert len(hits) > 100
	assert hits == screen_general(text, lx) == screen_naive(text, lx)
