"""Prometheus metrics of one app, in its own registry (tests build many apps in one process)."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest

from service.api.queue import JobReport

# From a cache hit (about a millisecond) to a long article on a small CPU (minutes).
_LATENCY_BUCKETS = (
    0.001,
    0.0025,
    0.005,
    0.01,
    0.025,
    0.05,
    0.1,
    0.25,
    0.5,
    1,
    2.5,
    5,
    10,
    30,
    60,
    120,
    300,
)


class ApiMetrics:
    """Every metric the server exports."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        r = self.registry
        self.requests = Counter(
            "newsdigest_http_requests",
            "HTTP requests answered.",
            ["method", "route", "status"],
            registry=r,
        )
        self.latency = Histogram(
            "newsdigest_http_request_duration_seconds",
            "Time to answer an HTTP request.",
            ["method", "route"],
            buckets=_LATENCY_BUCKETS,
            registry=r,
        )
        self.cache = Counter(
            "newsdigest_cache_lookups",
            "Result-cache lookups for analysis requests.",
            ["result"],
            registry=r,
        )
        self.queue_depth = Gauge(
            "newsdigest_queue_depth",
            "Jobs waiting for the model.",
            ["kind"],
            registry=r,
        )
        self.model_busy = Gauge(
            "newsdigest_model_busy",
            "1 while the model is working on a job.",
            registry=r,
        )
        self.model_ready = Gauge(
            "newsdigest_model_ready",
            "1 once the model is loaded.",
            registry=r,
        )
        self.rejected = Counter(
            "newsdigest_rejected",
            "Requests refused because the queue was full.",
            registry=r,
        )
        self.jobs = Counter(
            "newsdigest_model_jobs",
            "Model jobs finished, by outcome.",
            ["outcome"],
            registry=r,
        )
        self.job_seconds = Histogram(
            "newsdigest_model_job_duration_seconds",
            "Time the model spent on one article.",
            buckets=_LATENCY_BUCKETS,
            registry=r,
        )
        self.tokens = Counter(
            "newsdigest_model_tokens",
            "Tokens processed by the model.",
            ["kind"],
            registry=r,
        )
        self.model_seconds = Counter(
            "newsdigest_model_seconds",
            "Seconds spent inside model calls.",
            registry=r,
        )
        self.tokens_per_second = Gauge(
            "newsdigest_model_tokens_per_second",
            "Generated tokens per second of model time, over the last job that generated any.",
            registry=r,
        )
        self.batch_items = Counter(
            "newsdigest_batch_items",
            "Batch items finished, by outcome.",
            ["outcome"],
            registry=r,
        )
        self.batch_backlog = Gauge(
            "newsdigest_batch_backlog",
            "Batch items pending or running.",
            registry=r,
        )

    def observe_request(self, method: str, route: str, status: int, seconds: float) -> None:
        """Count one answered request."""
        self.requests.labels(method, route, str(status)).inc()
        self.latency.labels(method, route).observe(seconds)

    def observe_job(self, report: JobReport) -> None:
        """Account for one finished model job (called from the worker thread)."""
        self.jobs.labels(report.outcome).inc()
        self.job_seconds.observe(report.seconds)
        self.tokens.labels("prompt").inc(max(0, report.prompt_tokens))
        self.tokens.labels("completion").inc(max(0, report.completion_tokens))
        self.model_seconds.inc(max(0.0, report.model_seconds))
        if report.completion_tokens > 0 and report.model_seconds > 0:
            self.tokens_per_second.set(report.completion_tokens / report.model_seconds)

    def render(self) -> bytes:
        """The Prometheus text exposition of every metric."""
        return generate_latest(self.registry)
