"""Benchmark: sensitive-word screening, Aho-Corasick vs a naive loop over the terms (S9, H5).

    /home/frappe/frappe-bench/env/bin/python bench/screening_bench.py [--runs 5] [--chars 10000] [--terms 50000]

Run it with the bench's own Python (the interpreter the app runs on): the ratio depends on the
interpreter build. Each of ``--runs`` runs is a fresh process (the fast path's time varies between
processes); prints every run, then min / median / max of the ratio.

Generates (fixed seed) a lexicon of ``--terms`` terms of 2–6 CJK characters and a Chinese text
of ``--chars`` characters with punctuation and a few planted terms (some dodged with
separators), then times :func:`screen` with the automaton prebuilt (its build time and the first
call, which builds the normalisation's regular expressions once per process, are printed
separately; 51 calls) against :func:`screen_naive` (``str.find`` of every term; 3 calls),
interleaved so that both meet the same load, checks both give the same hits and prints the ratio
of the median times. Goal: screen ≥ 100× faster than the naive loop. Not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from socialmedia_governance.policy.screening import Lexicon, screen, screen_naive  # noqa: E402

CATEGORIES = ("政治", "宗教", "色情", "暴力", "谣言", "广告", "隐私")
PUNCTUATION = "，。、；：！？"
DODGES = (" ", "*", "·", "\u200b", ".")


def generate(chars: int, terms: int, seed: int) -> tuple[str, list[tuple[str, str]]]:
	"""A ``chars``-character text and ``terms`` lexicon rows, deterministic for ``seed``."""
	rng = random.Random(seed)
	pool = [chr(c) for c in rng.sample(range(0x4E00, 0x9FA6), 3500)]  # ~ the common characters
	rows: dict[str, str] = {}
	while len(rows) < terms:
		term = "".join(rng.choices(pool, k=rng.randint(2, 6)))
		rows.setdefault(term, rng.choice(CATEGORIES))
	lexicon = list(rows.items())

	parts: list[str] = []
	size = 0
	while size < chars:
		r = rng.random()
		if r < 0.01:  # a planted term, sometimes dodged with a separator
			term = rng.choice(lexicon)[0]
			if rng.random() < 0.5:
				i = rng.randint(1, len(term) - 1)
				term = term[:i] + rng.choice(DODGES) + term[i:]
			piece = term
		elif r < 0.08:
			piece = rng.choice(PUNCTUATION)
		else:
			piece = rng.choice(pool)
		parts.append(piece)
		size += len(piece)
	return "".join(parts)[:chars], lexicon


def one_run(args) -> dict:
	text, rows = generate(args.chars, args.terms, args.seed)
	t0 = time.perf_counter()
	lexicon = Lexicon(rows)
	build = time.perf_counter() - t0

	# the first call in a process builds the normalisation's regular expressions and fills the
	# per-character cache: timed apart (like the build), not among the medians
	t0 = time.perf_counter()
	screen(text, lexicon)
	first = time.perf_counter() - t0
	# interleaved, so that both paths meet the same load; medians, not the best run. CPU time of
	# this process (time.process_time) as well as wall time: on a machine shared with other work a
	# 3 ms call that waits once for a core looks many times slower, a 500 ms call much less so
	fast_wall, fast_cpu, naive_wall, naive_cpu = [], [], [], []
	fast_hits = naive_hits = None
	for _ in range(3):
		w, c = time.perf_counter(), time.process_time()
		naive_hits = screen_naive(text, lexicon)
		naive_cpu.append(time.process_time() - c)
		naive_wall.append(time.perf_counter() - w)
		for _ in range(17):
			w, c = time.perf_counter(), time.process_time()
			fast_hits = screen(text, lexicon)
			fast_cpu.append(time.process_time() - c)
			fast_wall.append(time.perf_counter() - w)
	assert fast_hits == naive_hits, "screen and screen_naive disagree"
	fast, naive = statistics.median(fast_cpu), statistics.median(naive_cpu)
	wall_ratio = statistics.median(naive_wall) / statistics.median(fast_wall)
	return {
		"chars": len(text),
		"terms": len(lexicon),
		"hits": len(fast_hits),
		"build_ms": build * 1000,
		"first_ms": first * 1000,
		"screen_ms": fast * 1000,
		"naive_ms": naive * 1000,
		"ratio": naive / fast,
		"wall_ratio": wall_ratio,
		"load": os.getloadavg()[0],
	}


def main() -> None:
	parser = argparse.ArgumentParser(
		description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
	)
	parser.add_argument("--chars", type=int, default=10_000)
	parser.add_argument("--terms", type=int, default=50_000)
	parser.add_argument("--seed", type=int, default=9)
	parser.add_argument("--runs", type=int, default=5, help="runs, each in a fresh process")
	parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
	args = parser.parse_args()
	if args.child:
		print(json.dumps(one_run(args)))
		return

	print(f"interpreter: {sys.executable} (Python {platform.python_version()}, {platform.python_build()[1]})")
	runs = []
	cmd = [sys.executable, os.path.abspath(__file__), "--child"]
	cmd += ["--chars", str(args.chars), "--terms", str(args.terms), "--seed", str(args.seed)]
	print("times: median CPU ms of this process; ratio of the medians (CPU), and of the wall-clock medians")
	print(
		f"{'run':<5}{'build ms':>10}{'1st call ms':>13}{'screen ms':>11}{'naive ms':>10}{'ratio':>8}{'wall ratio':>12}{'load':>7}"
	)
	for i in range(1, args.runs + 1):
		out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
		r = json.loads(out.strip().splitlines()[-1])
		runs.append(r)
		print(
			f"{i:<5}{r['build_ms']:>10.1f}{r['first_ms']:>13.1f}{r['screen_ms']:>11.2f}{r['naive_ms']:>10.1f}{r['ratio']:>7.0f}×{r['wall_ratio']:>11.0f}×{r['load']:>7.2f}"
		)
	r = runs[0]
	print(
		f"text {r['chars']:,} chars, lexicon {r['terms']:,} terms, {r['hits']} hits (same in both, every run)"
	)
	ratios = sorted(x["ratio"] for x in runs)
	low, mid, high = ratios[0], statistics.median(ratios), ratios[-1]
	walls = sorted(x["wall_ratio"] for x in runs)
	print(
		f"ratio naive / screen over {len(runs)} runs (CPU time): min {low:.0f}×, median {mid:.0f}×, max {high:.0f}×"
		f" (goal ≥ 100×); wall clock: min {walls[0]:.0f}×, median {statistics.median(walls):.0f}×, max {walls[-1]:.0f}×"
	)
	la = "{:.2f} {:.2f} {:.2f}".format(*os.getloadavg())
	print(
		f"summary: sensitive-word screening vs str.find per term ({len(runs)} runs, Python {platform.python_version()}, CPU time)"
		f" | >= 100x | screen {statistics.median(x['screen_ms'] for x in runs):.2f} ms vs"
		f" {statistics.median(x['naive_ms'] for x in runs):.0f} ms (median) | min {low:.0f}x / median {mid:.0f}x / max {high:.0f}x"
		f" (wall clock median {statistics.median(walls):.0f}x) | {la}"
	)


if __name__ == "__main__":
	main()
