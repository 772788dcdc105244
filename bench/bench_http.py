"""HTTP latency and throughput of `izde serve` (waitress) on loopback, and the server's memory.

Usage::

    python bench/bench_http.py --n 10000 --clients 8 --requests 2000 --duration 30

The server runs as `izde serve` in a subprocess on a free 127.0.0.1 port against an index built
once by bench/common.py. First one client sends each kind of query in turn (latency per kind);
then `--clients` threads, each with a keep-alive connection, send mixed queries until
`--requests` are answered or `--duration` seconds pass, to one server process (waitress, its
default threads) and then to two server processes on two ports, requests alternating between them
(waitress has no multi-process mode). The client shares the machine's cores with the server.
Memory is each server process's peak RSS (VmHWM) after the load, and its anonymous part.
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import json
import os
import sys
import threading
import time
from contextlib import ExitStack
from pathlib import Path
from urllib.parse import quote, urlencode

from common import DEFAULT_WORKDIR, ensure_index, percentiles, print_table
from queries import KINDS, make_queries
from serving import get, izde_server

from search.config import Settings

# waitress's threads in `izde serve` (its default; the figures in the README were measured with 4).
THREADS = Settings(index_dir=Path()).threads


def memory_mb(pid: int) -> str:
    """The process's peak resident set (VmHWM) and its anonymous part now (RssAnon), in MB.

    Whoosh maps the index files, and each thread's searcher maps them again: mapped pages count
    in the resident set but are the kernel's page cache, shared and reclaimable; RssAnon is the
    memory the server itself holds.
    """
    status = dict(
        line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines()
    )
    peak, anon = (int(status[key].split()[0]) / 1024 for key in ("VmHWM", "RssAnon"))
    return f"{peak:.0f} ({anon:.0f} anon)"


def urls(count: int) -> dict[str, list[str]]:
    """API and page URLs for every kind of query."""
    queries = make_queries(count)
    out = {
        kind: [f"/api/search?{urlencode({'q': q.text, **q.filters})}" for q in queries[kind]]
        for kind in KINDS
    }
    out["page"] = [f"/?{urlencode({'q': q.text})}" for q in queries["multi"]]
    return out


def latencies(port: int, by_kind: dict[str, list[str]]) -> list[list[object]]:
    connection = http.client.HTTPConnection("127.0.0.1", port)
    for url in by_kind["plain"][:20]:  # warm up
        get(connection, url)
    rows = []
    documents = []
    for kind, kind_urls in by_kind.items():
        times = []
        for url in kind_urls:
            started = time.perf_counter()
            status, body = get(connection, url)
            times.append(time.perf_counter() - started)
            if status != 200:
                raise SystemExit(f"{url}: HTTP {status}")
            if kind == "plain" and (hits := json.loads(body)["hits"]):
                query = url.split("q=", 1)[1]
                documents.append(f"/api/documents/{quote(hits[0]['path'])}?q={query}")
        rows.append([kind, *(t * 1000 for t in percentiles(times))])
    times = []
    for url in documents:
        started = time.perf_counter()
        get(connection, url)
        times.append(time.perf_counter() - started)
    rows.append(["document", *(t * 1000 for t in percentiles(times))])
    return rows


def load(ports: list[int], mixed: list[str], clients: int, requests: int, duration: float):
    """(requests/s, p50 ms, p95 ms, errors) of `clients` threads sending `mixed` URLs."""
    counter = itertools.count()
    deadline = time.monotonic() + duration
    times: list[float] = []
    errors = [0]

    def client() -> None:
        connections = {port: http.client.HTTPConnection("127.0.0.1", port) for port in ports}
        while (i := next(counter)) < requests and time.monotonic() < deadline:
            port = ports[i % len(ports)]
            started = time.perf_counter()
            try:
                status, _ = get(connections[port], mixed[i % len(mixed)])
            except OSError:
                status = 0
                connections[port] = http.client.HTTPConnection("127.0.0.1", port)
            times.append(time.perf_counter() - started)
            errors[0] += status != 200

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    p50, p95 = (t * 1000 for t in percentiles(times, (50, 95)))
    return len(times) / elapsed, p50, p95, errors[0], len(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="reports in the index")
    parser.add_argument("--queries", type=int, default=100, help="queries of each kind")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=2000, help="at most, per load run")
    parser.add_argument("--duration", type=float, default=30.0, help="seconds, at most")
    parser.add_argument("--workdir", type=Path, default=DEFAULT_WORKDIR)
    args = parser.parse_args(argv)
    index_dir = ensure_index(args.workdir, args.n, text_only=args.n > 10_000)
    by_kind = urls(args.queries)
    mixed = [url for group in zip(*(by_kind[k] for k in KINDS), strict=True) for url in group]
    print(f"\n{args.n} reports, izde serve on loopback, {os.cpu_count()} cores\n")
    with izde_server(index_dir) as (port, pid):
        rows = latencies(port, by_kind)
        print("one client, one request at a time\n")
        print_table(["request", "p50 ms", "p95 ms", "p99 ms"], rows)
        results = [
            [
                f"1 process × {THREADS} threads",
                *load([port], mixed, args.clients, args.requests, args.duration),
                memory_mb(pid),
            ]
        ]
    with ExitStack() as stack:
        servers = [stack.enter_context(izde_server(index_dir)) for _ in range(2)]
        ports = [port for port, _ in servers]
        for port in ports:  # warm both up
            latencies(port, {"plain": by_kind["plain"][:20]})
        figures = load(ports, mixed, args.clients, args.requests, args.duration)
        rss = " + ".join(memory_mb(pid) for _, pid in servers)
        results.append([f"2 processes × {THREADS} threads", *figures, rss])
    print(f"\n{args.clients} concurrent clients, mixed API queries\n")
    print_table(
        ["server", "requests/s", "p50 ms", "p95 ms", "errors", "requests", "RSS MB"],
        results,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
