"""Sensitive-word screening (S9, H5): normalisation, matching, import, caching, cross-check."""

from __future__ import annotations

import random
import threading
import time

import pytest

from socialmedia_governance.policy import screening
from socialmedia_governance.policy.screening import (
	Entry,
	Hit,
	Lexicon,
	clear_lexicon_cache,
	fingerprint_of,
	get_lexicon,
	may_approve,
	normalise,
	normalise_with_offsets,
	parse_lines,
	screen,
	screen_naive,
	skeleton,
	summarise,
	term_key,
	unresolved,
)

LEXICON = Lexicon(
	[
		("法轮", "宗教"),
		("法轮功", "宗教"),
		("轮功", "宗教"),
		("赌博", "违法"),
		("台独", "政治"),
		("VPN", "广告"),
		("加微信", "广告"),
		("身份证号", "隐私"),
	]
)


def spans(hits: list[Hit]) -> list[tuple[str, int, int]]:
	return [(h.term, h.start, h.end) for h in hits]


def assert_offsets(text: str, hits: list[Hit]) -> None:
	for h in hits:
		assert text[h.start : h.end] == h.matched


# ---------------------------------------------------------------- normalisation (S9)


def test_normalise_full_width_letters_digits_punctuation_and_case():
	assert normalise("ＡＢＣ１２３！？，：Ｖｐｎ") == "abc123!?,:vpn"


def test_normalise_keeps_separators_skeleton_drops_them():
	assert normalise("法 轮") == "法 轮"
	assert skeleton("法 轮·功、。*.-_/|\u200b\u200c\u200d\ufeff！").text == "法轮功"


def test_skeleton_maps_back_to_original_offsets():
	text = "a，Ｂ\u200bc"
	sk = skeleton(text)
	assert sk.text == "abc"
	assert [sk.origin(i) for i in range(3)] == [0, 2, 4]
	assert sk.span(0, 3) == (0, 5)
	assert sk.span(1, 2) == (2, 3)


def test_expansion_maps_every_output_char_to_its_source():
	sk = skeleton("x㍿y")  # ㍿ → 株式会社
	assert sk.text == "x株式会社y"
	assert sk.span(1, 3) == (1, 2)
	assert sk.span(0, 6) == (0, 3)


def test_combining_marks_stay_with_their_base_character():
	n = normalise_with_offsets("e\u0301x")
	assert n.text == "éx"  # NFKC composes
	assert n.span(0, 1) == (0, 2)
	assert n.span(1, 2) == (2, 3)


def test_fast_and_general_paths_agree():
	rng = random.Random(11)
	alphabet = "法轮功赌博ＡＢａb，。 \u200b·*㍿½ｘ\x00\uffff𠀀"
	for _ in range(300):
		text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
		for drop in (True, False):
			fast = normalise_with_offsets(text, drop_separators=drop)
			slow = normalise_with_offsets(text, drop_separators=drop, _force_general=True)
			assert fast.text == slow.text
			assert [fast.span(i, i + 1) for i in range(len(fast))] == [
				slow.span(i, i + 1) for i in range(len(slow))
			]


def test_term_key_normalises_like_the_text():
	assert term_key(" Ｖ Ｐ Ｎ ") == "vpn"
	assert term_key("法·轮", ignore_separators=False) == "法·轮"
	assert term_key("  ") == ""
	assert term_key("**") == ""


# ---------------------------------------------------------------- screening (S9, H5)


def test_term_inside_a_longer_word():
	text = "请勿访问网络赌博平台"
	hits = screen(text, LEXICON)
	assert spans(hits) == [("赌博", 6, 8)]
	assert hits[0].category == "违法"


def test_overlapping_terms_all_reported_longer_first():
	text = "练法轮功"
	assert spans(screen(text, LEXICON)) == [("法轮功", 1, 4), ("法轮", 1, 3), ("轮功", 2, 4)]


def test_repeated_occurrences_each_reported():
	text = "赌博，赌博，还是赌博"
	hits = screen(text, LEXICON)
	assert [h.start for h in hits] == [0, 3, 8]
	assert summarise(hits) == {"违法": 3}


def test_full_width_and_case_variants():
	text = "翻墙用ｖｐｎ或者Vpn或者ＶＰＮ"
	hits = screen(text, LEXICON)
	assert [h.matched for h in hits] == ["ｖｐｎ", "Vpn", "ＶＰＮ"]
	assert all(h.term == "VPN" and h.category == "广告" for h in hits)
	assert_offsets(text, hits)


@pytest.mark.parametrize(
	"dodged", ["法 轮", "法*轮", "法.轮", "法·轮", "法、轮", "法，轮", "法\u3000轮", "法_-/|轮"]
)
def test_separator_dodged_variants(dodged):
	text = f"他说{dodged}如何"
	hits = screen(text, LEXICON)
	assert spans(hits) == [("法轮", 2, 2 + len(dodged))]
	assert hits[0].matched == dodged


@pytest.mark.parametrize("zw", ["\u200b", "\u200c", "\u200d", "\ufeff"])
def test_zero_width_characters_ignored(zw):
	text = f"台{zw}独分子"
	hits = screen(text, LEXICON)
	assert spans(hits) == [("台独", 0, 3)]
	assert hits[0].matched == f"台{zw}独"


def test_full_width_punctuation_between_characters():
	text = "加！微？信：abc"
	hits = screen(text, LEXICON)
	assert spans(hits) == [("加微信", 0, 5)]


def test_separators_not_ignored_when_lexicon_says_so():
	strict = Lexicon([("法轮", "宗教")], ignore_separators=False)
	assert screen("法 轮", strict) == []
	assert spans(screen("ＦＡ法轮", strict)) == [("法轮", 2, 4)]
	assert strict.fingerprint != Lexicon([("法轮", "宗教")]).fingerprint


def test_astral_characters_keep_offsets_right():
	lx = Lexicon([("𠀀𠀁", "隐私"), ("法轮", "宗教")])
	text = "🌸a𠀀 𠀁b法🌸轮"
	hits = screen(text, lx)
	assert spans(hits) == [("𠀀𠀁", 2, 5), ("法轮", 6, 9)]
	assert_offsets(text, hits)
	strict = Lexicon([("🌸法", "广告")], ignore_separators=False)
	assert spans(screen("x🌸法🌸法", strict)) == [("🌸法", 1, 3), ("🌸法", 3, 5)]


def test_no_match_across_character_boundaries():
	# ぎ ⴰ is U+304E U+2D30: its bytes 30 4E 2D 30 contain 中 (4E 2D) off the character boundary
	assert screen("ぎⴰ", Lexicon([("中", "政治")])) == []
	assert spans(screen("ぎ中ⴰ", Lexicon([("中", "政治")]))) == [("中", 1, 2)]


def test_empty_text_and_empty_lexicon():
	assert screen("", LEXICON) == []
	assert screen(None, LEXICON) == []
	assert screen("，，， \u200b", LEXICON) == []
	assert screen("网络赌博", Lexicon([])) == []
	assert screen("网络赌博", Lexicon(["", "  ", "**"])) == []
	assert screen_naive("网络赌博", []) == []


def test_context_marks_the_hit_and_is_truncated():
	text = "一二三四五六七八九十甲乙丙丁戊己庚辛壬癸赌博子丑寅卯辰巳午未申酉戌亥天地人和"
	(hit,) = screen(text, LEXICON)
	assert hit.context == "…六七八九十甲乙丙丁戊己庚辛壬癸【赌博】子丑寅卯辰巳午未申酉戌亥天地人…"
	(short,) = screen("在赌博网", LEXICON)
	assert short.context == "在【赌博】网"
	(narrow,) = screen(text, LEXICON, context_chars=2)
	assert narrow.context == "…壬癸【赌博】子丑…"


def test_context_stays_on_one_line():
	(hit,) = screen("第一行\n赌博\n第三行", LEXICON)
	assert hit.context == "第一行 【赌博】 第三行"


def test_original_offsets_are_right_on_a_mixed_text():
	text = "ＡＢ，法\u200b轮 功！网络赌博、Ｖ.Ｐ.Ｎ，身份证号码：1234\n台·独"
	hits = screen(text, LEXICON)
	assert_offsets(text, hits)
	assert [h.term for h in hits] == ["法轮功", "法轮", "轮功", "赌博", "VPN", "身份证号", "台独"]
	assert hits[0].matched == "法\u200b轮 功"


def test_hits_are_sorted_by_start_then_longer_first():
	hits = screen("赌博法轮功台独法轮", LEXICON)
	keys = [(h.start, h.start - h.end) for h in hits]
	assert keys == sorted(keys)
	assert [h.term for h in hits] == ["赌博", "法轮功", "法轮", "轮功", "台独", "法轮"]


def test_severity_carried_and_duplicates_merged_order_independently():
	rows = [("ＡＢＣ", "广告", 1), ("abc", "谣言", 3), ("a b c", "广告", 3)]
	lx = Lexicon(rows)
	assert len(lx) == 1
	assert lx.entries == (Entry("a b c", "广告", 3),)  # highest severity, then smallest category
	assert Lexicon(list(reversed(rows))).fingerprint == lx.fingerprint
	(hit,) = screen("xAbCx", lx)
	assert (hit.category, hit.severity, hit.matched) == ("广告", 3, "AbC")


def test_fingerprint_is_stable_and_sensitive():
	a = Lexicon([("赌博", "违法"), ("台独", "政治")])
	b = Lexicon([("台独", "政治"), ("赌博", "违法"), ("赌博", "违法")])
	c = Lexicon([("赌博", "暴力"), ("台独", "政治")])
	assert a.fingerprint == b.fingerprint == fingerprint_of([("赌博", "违法"), ("台独", "政治")])
	assert a.fingerprint != c.fingerprint
	assert len(a.fingerprint) == 64 and a.version == a.fingerprint[:12]
	assert "赌 博" in a and "色情" not in a
	assert a.categories() == ["政治", "违法"]


def test_summarise_and_unresolved_and_approval():
	hits = screen("法轮功和赌博和ｖｐｎ和VPN", LEXICON)
	assert summarise(hits) == {"宗教": 3, "广告": 2, "违法": 1}
	left = unresolved(hits, ["法轮功", "法轮", "轮功", "vpn"])  # compared normalised
	assert [h.term for h in left] == ["赌博"]
	assert unresolved(hits, [h.term for h in hits]) == []
	assert may_approve(hits, ["法轮功", "法轮", "轮功", "vpn"]) is False
	assert may_approve(hits, ["法轮功", "法轮", "轮功", "vpn"], "  ") is False
	assert may_approve(hits, ["法轮功"], "宗教学课程介绍，已核实") is True
	assert may_approve(hits, [h.term for h in hits]) is True
	assert may_approve([], []) is True


# ---------------------------------------------------------------- import from lines (S9)

LINES = """\ufeff# 敏感词导入 2025
赌博
台独\t政治
加微信,广告,2
法轮功，宗教

   # indented comment
\t政治
VPN , 广告 ,
"""


def test_parse_lines_comments_categories_severity():
	rows = parse_lines(LINES, "未分类")
	assert rows == [
		Entry("赌博", "未分类"),
		Entry("台独", "政治"),
		Entry("加微信", "广告", 2),
		Entry("法轮功", "宗教"),
		Entry("VPN", "广告"),
	]


def test_from_lines_builds_a_working_lexicon():
	lx = Lexicon.from_lines(LINES, "未分类")
	assert len(lx) == 5
	hits = screen("加 微 信送赌博", lx)
	assert [(h.term, h.category, h.severity) for h in hits] == [("加微信", "广告", 2), ("赌博", "未分类", 1)]


def test_parse_lines_rejects_a_bad_severity():
	with pytest.raises(ValueError, match="line 2"):
		parse_lines("赌博\n台独,政治,high\n", "x")


# ---------------------------------------------------------------- caching (one build per version)


@pytest.fixture
def empty_cache():
	clear_lexicon_cache()
	yield
	clear_lexicon_cache()


def test_get_lexicon_builds_once_per_fingerprint(empty_cache):
	calls: list[str] = []

	def loader(rows):
		def load():
			calls.append(rows[0][0])
			return rows

		return load

	v1 = [("赌博", "违法")]
	v2 = [("台独", "政治")]
	first = get_lexicon("v1", loader(v1))
	assert get_lexicon("v1", loader(v1)) is first
	assert get_lexicon("v1", loader(v1)) is first
	second = get_lexicon("v2", loader(v2))
	assert second is not first and spans(screen("台独", second)) == [("台独", 0, 2)]
	assert get_lexicon("v2", loader(v2)) is second
	assert calls == ["赌博", "台独"]


def test_get_lexicon_accepts_a_prebuilt_lexicon(empty_cache):
	lx = Lexicon([("赌博", "违法")])
	assert get_lexicon(lx.fingerprint, lambda: lx) is lx


def test_get_lexicon_evicts_least_recently_used(empty_cache, monkeypatch):
	monkeypatch.setattr(screening, "LEXICON_CACHE_SIZE", 2)
	calls: list[str] = []

	def load(name):
		def f():
			calls.append(name)
			return [(name, "x")]

		return f

	get_lexicon("a", load("a"))
	get_lexicon("b", load("b"))
	get_lexicon("a", load("a"))  # a is now most recent
	get_lexicon("c", load("c"))  # evicts b
	get_lexicon("a", load("a"))
	get_lexicon("b", load("b"))
	assert calls == ["a", "b", "c", "b"]


def test_get_lexicon_loader_error_caches_nothing(empty_cache):
	def boom():
		raise RuntimeError("db down")

	with pytest.raises(RuntimeError):
		get_lexicon("v", boom)
	assert get_lexicon("v", lambda: [("赌博", "违法")]).entries == (Entry("赌博", "违法"),)


def test_get_lexicon_concurrent_misses_build_once(empty_cache):
	calls = []

	def slow():
		calls.append(1)
		time.sleep(0.05)
		return [("赌博", "违法")]

	results = []
	threads = [threading.Thread(target=lambda: results.append(get_lexicon("same", slow))) for _ in range(8)]
	for t in threads:
		t.start()
	for t in threads:
		t.join()
	assert len(calls) == 1
	assert len(results) == 8 and all(r is results[0] for r in results)


# ---------------------------------------------------------------- cross-check with the naive reference

CJK = "法轮功赌博台独加微信身份证号码网络平台的了是在𠀀"
NOISE = " ，。、·*.-_/|！？\u200b\u200dＡａBbｖＶpPnN\n㍿\u0301🌸"


def random_text(rng: random.Random, n: int) -> str:
	pool = CJK + NOISE
	return "".join(rng.choice(pool) for _ in range(n))


def random_lexicon(rng: random.Random) -> list[tuple[str, str]]:
	cats = ["政治", "宗教", "色情", "暴力", "谣言", "广告", "隐私"]
	rows = []
	for _ in range(rng.randint(1, 25)):
		term = "".join(rng.choice(CJK + "ABvpn") for _ in range(rng.randint(1, 4)))
		if rng.random() < 0.2:
			term = term[0] + rng.choice(" ·*") + term[1:]
		rows.append((term, rng.choice(cats)))
	return rows


def test_cross_check_against_naive_on_random_texts():
	rng = random.Random(20250901)
	total = 0
	for _ in range(400):
		rows = random_lexicon(rng)
		lx = Lexicon(rows, ignore_separators=rng.random() < 0.8)
		text = random_text(rng, rng.randint(0, 120))
		fast = screen(text, lx)
		assert fast == screen_naive(text, lx)
		assert_offsets(text, fast)
		total += len(fast)
	assert total > 1000  # the random cases do find things


def test_naive_accepts_plain_rows():
	text = "网络赌博平台"
	assert screen_naive(text, [("赌博", "违法")]) == screen(text, Lexicon([("赌博", "违法")]))
