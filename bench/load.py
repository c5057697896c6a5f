"""Load benchmark of a running `newsdigest serve` on loopback (not a test: it prints figures).

Two runs:
  hit    N connections re-post already-cached articles for D seconds: requests/s, p50, p99, errors.
  mixed  the same, with a share of never-seen articles (cache misses) that must queue for the model:
         shows the bounded queue at work (503 + Retry-After at once, cache hits still fast).

Client-side latencies include this Python client's own overhead; the server-side figures come from
the server's Prometheus histogram (difference before/after the run), so both are reported.

    newsdigest serve &                      # or: python -m service.api.serve
    python bench/load.py hit --concurrency 50 --duration 20
    python bench/load.py mixed --concurrency 50 --duration 60 --miss-share 0.2
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import json
import math
import sys
import time
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
from prometheus_client.parser import text_string_to_metric_families

REPO = Path(__file__).resolve().parents[1]
SEEDS = sorted((REPO / "eval" / "cases").glob("seed-*.txt"))
ROUTE = "/v1/analyses"


@dataclass
class Sample:
    """One finished request."""

    kind: str  # "hit" or "miss"
    status: int  # 0 = transport error, -1 = abandoned at the end of the run
    seconds: float
    retry_after: str | None = None


@dataclass
class Summary:
    """Figures of one class of requests."""

    kind: str
    requests: int
    per_second: float
    p50_ms: float | None
    p90_ms: float | None
    p99_ms: float | None
    max_ms: float | None
    statuses: dict[str, int]


@dataclass
class Report:
    """Everything one run measured."""

    scenario: str
    url: str
    concurrency: int
    rate: float
    duration_s: float
    classes: list[Summary]
    server_p50_ms: float | None
    server_p99_ms: float | None
    server_requests: int
    max_queue_depth: float
    retry_after_seen: list[str] = field(default_factory=list)


def percentile(values: list[float], q: float) -> float | None:
    """Nearest-rank percentile (q in 0..100) of values, or None if empty."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


def summarize(kind: str, samples: list[Sample], duration_s: float) -> Summary:
    """Latency percentiles of the answered requests (status > 0) of one class."""
    mine = [s for s in samples if s.kind == kind]
    answered = [s.seconds * 1000 for s in mine if s.status > 0]
    statuses = Counter(
        str(s.status) if s.status > 0 else ("error" if s.status == 0 else "abandoned") for s in mine
    )

    def ms(q: float) -> float | None:
        v = percentile(answered, q)
        return None if v is None else round(v, 2)

    return Summary(
        kind, len(mine), round(len(answered) / duration_s, 1), ms(50), ms(90), ms(99), ms(100), dict(statuses)
    )


def check_loopback(url: str) -> None:
    """Refuse anything but a loopback server: this is a local benchmark, not a load tool."""
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return
    try:
        if ipaddress.ip_address(host).is_loopback:
            return
    except ValueError:
        pass
    sys.exit(f"refusing to load {url}: only loopback servers (127.0.0.1, ::1, localhost)")


def histogram(text: str) -> tuple[list[tuple[float, float]], float]:
    """Cumulative (le, count) buckets and the total count of POST /v1/analyses latencies."""
    buckets: list[tuple[float, float]] = []
    total = 0.0
    for family in text_string_to_metric_families(text):
        if family.name != "newsdigest_http_request_duration_seconds":
            continue
        for s in family.samples:
            if s.labels.get("route") != ROUTE or s.labels.get("method") != "POST":
                continue
            if s.name.endswith("_bucket"):
                buckets.append((float(s.labels["le"]), s.value))
            elif s.name.endswith("_count"):
                total = s.value
    return sorted(buckets), total


def server_quantile(before: str, after: str, q: float) -> tuple[float | None, int]:
    """Upper bound (ms) of the histogram bucket holding quantile q of the run's requests."""
    b0, _ = histogram(before)
    b1, n1 = histogram(after)
    _, n0 = histogram(before)
    n = n1 - n0
    if n <= 0:
        return None, 0
    start = dict(b0)
    for le, count in b1:
        if count - start.get(le, 0.0) >= q * n:
            return (le * 1000 if math.isfinite(le) else None), int(n)
    return None, int(n)


def gauge(text: str, name: str) -> float:
    """Sum of a gauge's samples in a metrics text."""
    total = 0.0
    for family in text_string_to_metric_families(text):
        if family.name == name:
            total += sum(s.value for s in family.samples)
    return total


class RawConnection:
    """One keep-alive HTTP/1.1 connection that POSTs pre-encoded JSON.

    httpx costs about a millisecond of client CPU per request, which on a 2-core machine made the
    client, not the server, the bottleneck; this lean client keeps the measurement about the server.
    """

    def __init__(self, url: str, headers: dict[str, str], timeout_s: float) -> None:
        parts = urlsplit(url)
        self.host = parts.hostname or "127.0.0.1"
        self.port = parts.port or 80
        self.timeout_s = timeout_s
        extra = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
        self._head = f"POST {ROUTE} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n{extra}"
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None

    def encode(self, body: dict[str, Any]) -> bytes:
        """The full request bytes for a JSON body."""
        payload = json.dumps(body).encode()
        head = f"{self._head}Content-Type: application/json\r\nContent-Length: {len(payload)}\r\n\r\n"
        return head.encode() + payload

    async def post(self, request: bytes) -> tuple[int, str | None]:
        """Send one request; return (status, Retry-After)."""
        return await asyncio.wait_for(self._exchange(request), self.timeout_s)

    async def _exchange(self, request: bytes) -> tuple[int, str | None]:
        if self._writer is None:
            self._reader, self._writer = await asyncio.open_connection(self.host, self.port)
        assert self._reader is not None
        self._writer.write(request)
        status_line = await self._reader.readuntil(b"\r\n")
        status = int(status_line.split(b" ", 2)[1])
        length, retry_after, close = 0, None, False
        while (line := await self._reader.readuntil(b"\r\n")) != b"\r\n":
            name, _, value = line.decode("latin-1").partition(":")
            name, value = name.strip().lower(), value.strip()
            if name == "content-length":
                length = int(value)
            elif name == "retry-after":
                retry_after = value
            elif name == "connection" and value.lower() == "close":
                close = True
        await self._reader.readexactly(length)
        if close:
            self.close()
        return status, retry_after

    def close(self) -> None:
        """Close the socket (the server sees the client leave)."""
        if self._writer is not None:
            self._writer.close()
        self._reader = self._writer = None


async def timed_post(conn: RawConnection, kind: str, request: bytes) -> Sample:
    """POST one pre-encoded article and time it."""
    started = time.perf_counter()
    try:
        status, retry_after = await conn.post(request)
    except (OSError, asyncio.IncompleteReadError, asyncio.TimeoutError, ValueError, IndexError):
        conn.close()
        return Sample(kind, 0, time.perf_counter() - started)
    return Sample(kind, status, time.perf_counter() - started, retry_after)


async def warm(client: httpx.AsyncClient, articles: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Cache the hit articles on the server (one model run each); keep those that worked."""
    cached = []
    for body in articles:
        response = await client.post(ROUTE, json=body)
        if response.status_code == 200:
            cached.append(body)
        else:
            print(
                f"warm-up: skipping an article: {response.status_code} {response.text[:200]}", file=sys.stderr
            )
    if not cached:
        sys.exit("warm-up failed: no article could be analyzed")
    return cached


async def run(args: argparse.Namespace) -> Report:
    """Warm the cache, then drive the scenario for the given time and request budget."""
    check_loopback(args.url)
    headers = {"Authorization": f"Bearer {args.api_key}"} if args.api_key else {}
    hits = [{"text": p.read_text(encoding="utf-8")} for p in SEEDS[: args.hit_articles]]
    run_id = uuid.uuid4().hex[:8]
    miss_count = 0

    def next_miss() -> dict[str, Any]:
        nonlocal miss_count
        miss_count += 1
        seed = SEEDS[miss_count % len(SEEDS)].read_text(encoding="utf-8")
        # A new trailing line changes the cache key: a real cache miss with realistic text.
        return {"text": f"{seed}\n\n(Load test {run_id}, article {miss_count}.)"}

    async with httpx.AsyncClient(base_url=args.url, headers=headers, timeout=args.client_timeout) as client:
        hits = await warm(client, hits)
        before = (await client.get("/metrics")).text
        samples: list[Sample] = []
        budget = [args.max_requests]
        stop_at = time.monotonic() + args.duration
        max_depth = 0.0

        inflight: dict[int, str] = {}

        # Open loop (--rate): each connection sends on its own schedule, so latency is measured at a
        # known arrival rate; closed loop (default): each sends as soon as its last answer arrived,
        # which measures the most the server can do (latency then = connections / throughput).
        interval = args.concurrency / args.rate if args.rate else 0.0

        async def connection(index: int, choose: Callable[[int], str]) -> None:
            conn = RawConnection(args.url, headers, args.client_timeout)
            encoded_hits = [conn.encode(body) for body in hits]
            try:
                await drive(index, choose, conn, encoded_hits)
            finally:
                conn.close()

        async def drive(
            index: int, choose: Callable[[int], str], conn: RawConnection, encoded_hits: list[bytes]
        ) -> None:
            n = 0
            next_at = time.monotonic() + interval * index / args.concurrency
            while time.monotonic() < stop_at and budget[0] > 0:
                if interval:
                    await asyncio.sleep(max(0.0, next_at - time.monotonic()))
                    next_at += interval
                    if time.monotonic() >= stop_at:
                        break
                budget[0] -= 1
                kind = choose(n)
                n += 1
                request = encoded_hits[n % len(encoded_hits)] if kind == "hit" else conn.encode(next_miss())
                inflight[index] = kind
                sample = await timed_post(conn, kind, request)
                del inflight[index]
                samples.append(sample)
                if sample.status == 503:
                    # Back off a little instead of hammering; a real client would honour Retry-After.
                    await asyncio.sleep(min(1.0, float(sample.retry_after or 1)))

        async def watch_queue() -> None:
            nonlocal max_depth
            async with httpx.AsyncClient(base_url=args.url, headers=headers, timeout=10) as probe:
                while time.monotonic() < stop_at:
                    text = (await probe.get("/metrics")).text
                    max_depth = max(max_depth, gauge(text, "newsdigest_queue_depth"))
                    await asyncio.sleep(0.5)

        def chooser(index: int) -> Callable[[int], str]:
            if args.scenario == "hit":
                return lambda n: "hit"
            # Spread misses evenly: connection i sends a miss every round(1/share) requests.
            every = max(1, round(1 / args.miss_share)) if args.miss_share > 0 else 0
            return lambda n: "miss" if every and (n + index) % every == 0 else "hit"

        tasks = [asyncio.create_task(connection(i, chooser(i))) for i in range(args.concurrency)]
        watcher = asyncio.create_task(watch_queue())
        started = time.monotonic()
        _done, pending = await asyncio.wait(tasks, timeout=args.duration + args.drain)
        elapsed = min(time.monotonic() - started, args.duration + args.drain)
        samples.extend(Sample(kind, -1, 0.0) for kind in inflight.values())
        for task in pending:
            task.cancel()  # closes the connection: the server drops the job if not started
        await asyncio.gather(*pending, watcher, return_exceptions=True)
        after = (await client.get("/metrics")).text

    p50, n = server_quantile(before, after, 0.50)
    p99, _ = server_quantile(before, after, 0.99)
    duration = min(elapsed, args.duration)
    kinds = ["hit"] if args.scenario == "hit" else ["hit", "miss"]
    return Report(
        scenario=args.scenario,
        url=args.url,
        concurrency=args.concurrency,
        rate=args.rate,
        duration_s=round(duration, 1),
        classes=[summarize(k, samples, duration) for k in kinds],
        server_p50_ms=p50,
        server_p99_ms=p99,
        server_requests=n,
        max_queue_depth=max_depth,
        retry_after_seen=sorted({s.retry_after for s in samples if s.retry_after}),
    )


def print_report(report: Report) -> None:
    """Human-readable figures, as they go into BENCHMARKS.md."""
    mode = f"open loop at {report.rate:g} req/s" if report.rate else "closed loop"
    print(
        f"\n{report.scenario}: {report.concurrency} connections, {mode}, {report.duration_s} s, {report.url}"
    )
    print("| class | requests | answered/s | p50 ms | p90 ms | p99 ms | max ms | statuses |")
    print("|---|---|---|---|---|---|---|---|")
    for c in report.classes:
        print(
            f"| {c.kind} | {c.requests} | {c.per_second} | {c.p50_ms} | {c.p90_ms} | {c.p99_ms} "
            f"| {c.max_ms} | {json.dumps(c.statuses)} |"
        )
    print(
        f"server-side (histogram bucket bounds): p50 <= {report.server_p50_ms} ms, "
        f"p99 <= {report.server_p99_ms} ms over {report.server_requests} requests"
    )
    print(
        f"max queue depth seen: {report.max_queue_depth:g}; Retry-After values: "
        f"{report.retry_after_seen or '-'}"
    )


def main() -> None:
    """Parse arguments, run, print (and optionally save) the report."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("scenario", choices=["hit", "mixed"])
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--api-key", default=None, help="Bearer key if the server has keys set.")
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument(
        "--rate",
        type=float,
        default=0.0,
        help="Open loop: total requests/s (default: closed loop, flat out).",
    )
    parser.add_argument("--duration", type=float, default=20.0, help="Seconds of load.")
    parser.add_argument("--max-requests", type=int, default=1_000_000, help="Hard cap on requests sent.")
    parser.add_argument("--miss-share", type=float, default=0.2, help="mixed: share of cache misses.")
    parser.add_argument("--hit-articles", type=int, default=5, help="Seeds warmed and re-posted.")
    parser.add_argument(
        "--drain",
        type=float,
        default=10.0,
        help="Seconds to wait for requests still running when the time is up (then they are abandoned).",
    )
    parser.add_argument("--client-timeout", type=float, default=600.0)
    parser.add_argument("--json", type=Path, default=None, help="Also write the report here.")
    args = parser.parse_args()
    if not 0 <= args.miss_share <= 1:
        parser.error("--miss-share must be within 0..1")
    report = asyncio.run(run(args))
    print_report(report)
    if args.json:
        args.json.write_text(json.dumps(asdict(report), indent=2) + "\n")


if __name__ == "__main__":
    main()
