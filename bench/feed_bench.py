"""Benchmark: the feed poller (monitoring/feeds.py: bounded threads, per-host cap, streaming,
feedparser) against a one-by-one poller, both against a loopback feed server shaped like RSSHub that
answers each request after 50–200 ms (issue 19). No site is needed: only fetching and parsing are
timed (the database writes are batched and measured by the activity benchmark's kind of work).

    cd $BENCH_DIR && ./env/bin/python /path/to/repo/bench/feed_bench.py [--feeds 5000] [--sample 200]
        [--concurrency 64] [--slow 20] [--traced auto|none|N,M]

The one-by-one poller fetches ``--sample`` feeds in turn (same fetch and parse code, one thread) and
its time is extrapolated to ``--feeds``; the poller fetches all ``--feeds``. ``--slow`` of them point
at a host that accepts connections and never answers (timeout 2 s): the rest must not stall.
Memory: the process's peak RSS (``VmHWM``) during the timed run, read when a fifth of the feeds are
done and at the end (it must not grow as more feeds are polled), and the peak traced Python
allocations of separate runs at two sizes (``--traced``: ``auto`` is a fifth of ``--feeds`` and all
of them, ``none`` skips them, ``N,M`` chooses). Goal: ≥ 20× faster.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
import time
import tracemalloc

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

import requests  # noqa: E402

from socialmedia_governance.monitoring import feeds  # noqa: E402
from socialmedia_governance.policy import feeds as policy  # noqa: E402


def serve(queue, latency):
	from socialmedia_governance.monitoring.tests.feed_server import FeedServer

	with FeedServer(latency=latency) as server:
		queue.put((server.base, server.silent_base))
		while True:
			time.sleep(3600)


def jobs(base, silent, count, slow):
	for n in range(count):
		if n < slow:
			yield feeds.Job(f"slow-{n}", f"{silent}/feed{n}")
		else:
			yield feeds.Job(f"acc-{n}", f"{base}/weibo/user/{100000000 + n}")


def one_by_one(job_list, opts):
	hosts = feeds.Hosts(1, 0)
	outcomes = []
	with requests.Session() as session:
		session.trust_env = False
		for job in job_list:
			outcomes.append(feeds.fetch(job, session, opts, hosts))
	return outcomes


def peak_rss_mb() -> float:
	with open("/proc/self/status") as f:
		for line in f:
			if line.startswith("VmHWM:"):
				return int(line.split()[1]) / 1024
	return 0.0


def pooled(job_iter, opts, checkpoint=None):
	counts = {"ok": 0, "failed": 0, "entries": 0, "rss_at_checkpoint": None}

	def handle(outcome):
		counts["ok" if outcome.ok else "failed"] += 1
		counts["entries"] += len(outcome.entries)
		if counts["ok"] + counts["failed"] == checkpoint:
			counts["rss_at_checkpoint"] = peak_rss_mb()

	feeds.poll(job_iter, opts, handle)
	return counts


def main():
	parser = argparse.ArgumentParser()
	parser.add_argument("--feeds", type=int, default=5000)
	parser.add_argument("--sample", type=int, default=200)
	parser.add_argument("--concurrency", type=int, default=64)
	parser.add_argument("--slow", type=int, default=20)
	parser.add_argument("--traced", default="auto")
	args = parser.parse_args()
	if args.traced == "auto":
		traced = (args.feeds // 5, args.feeds)
	elif args.traced == "none":
		traced = ()
	else:
		traced = tuple(int(n) for n in args.traced.split(","))

	queue = multiprocessing.Queue()
	server = multiprocessing.Process(target=serve, args=(queue, (0.05, 0.2)), daemon=True)
	server.start()
	base, silent = queue.get(timeout=30)
	opts = feeds.Options(
		concurrency=args.concurrency,
		host_connections=args.concurrency,
		timeout=2.0,
		allowed=policy.allow_list("127.0.0.1"),
		timezone="Asia/Shanghai",
	)
	try:
		started = time.perf_counter()
		sample = one_by_one(list(jobs(base, silent, args.sample, 0)), opts)
		naive = time.perf_counter() - started
		assert all(o.ok and len(o.entries) == 3 for o in sample), "the one-by-one poller failed"
		naive_per_feed = naive / args.sample

		rss_start = peak_rss_mb()
		started = time.perf_counter()
		counts = pooled(jobs(base, silent, args.feeds, args.slow), opts, checkpoint=args.feeds // 5)
		pooled_time = time.perf_counter() - started
		rss_end = peak_rss_mb()
		assert counts["ok"] == args.feeds - args.slow and counts["failed"] == args.slow, counts

		memory = {}
		for size in traced:
			tracemalloc.start()
			pooled(jobs(base, silent, size, 0), opts)
			memory[size] = tracemalloc.get_traced_memory()[1]
			tracemalloc.stop()
	finally:
		server.terminate()

	extrapolated = naive_per_feed * args.feeds
	print(
		f"feeds: {args.feeds} (of which {args.slow} on a host that never answers), server latency 50–200 ms"
	)
	print(
		f"one-by-one: {args.sample} feeds in {naive:.1f} s = {naive_per_feed * 1000:.0f} ms/feed → {extrapolated:.0f} s for {args.feeds}"
	)
	print(
		f"poller ({args.concurrency} in flight): {args.feeds} feeds in {pooled_time:.1f} s ({args.feeds / pooled_time:.0f} feeds/s), {counts['entries']} entries parsed"
	)
	print(f"ratio: {extrapolated / pooled_time:.1f}x (goal >= 20x)")
	for size, peak in memory.items():
		print(f"poller peak traced memory for {size} feeds: {peak / 1024 / 1024:.1f} MB")
	print(
		f"poller process peak RSS: {rss_start:.0f} MB before the timed run, {counts['rss_at_checkpoint']:.0f} MB"
		f" after {args.feeds // 5} feeds, {rss_end:.0f} MB after {args.feeds}"
	)
	print(f"100,000 feeds at this rate: {100000 / (args.feeds / pooled_time) / 60:.1f} min")
	la = "{:.2f} {:.2f} {:.2f}".format(*os.getloadavg())
	traced_text = (
		"; traced " + ", ".join(f"{peak / 2**20:.1f} MB for {size:,}" for size, peak in memory.items())
		if memory
		else ""
	)
	print(
		f"summary: feed poller, {args.feeds:,} feeds ({args.slow} on a host that never answers), loopback"
		f" server at 50–200 ms, {args.concurrency} in flight | ≥ 20× one-by-one, memory flat in the number of feeds"
		f" | {pooled_time:.0f} s vs ≈ {extrapolated:.0f} s one-by-one; peak RSS {counts['rss_at_checkpoint']:.0f} MB"
		f" at {args.feeds // 5:,} feeds, {rss_end:.0f} MB at {args.feeds:,}{traced_text}"
		f" | {extrapolated / pooled_time:.1f}× | {la}"
	)


if __name__ == "__main__":
	main()
