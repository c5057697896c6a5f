"""A tiny real OpenAI-compatible HTTP server in a thread: scripted answers, every request recorded."""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

LLAMA_CPP_PYTHON_OPENAPI = {
    "openapi": "3.1.0",
    "info": {"title": "🦙 llama.cpp Python API", "version": "0.3.36"},
}


@dataclass
class Reply:
    """One scripted answer to a chat completion: JSON content, an HTTP status, a delay, or raw bytes."""

    content: Any = None
    status: int = 200
    delay_s: float = 0.0
    raw: bytes | None = None


@dataclass
class Seen:
    """One request as the server received it."""

    method: str
    path: str
    headers: dict[str, str]
    body: Any


@dataclass
class FakeOpenAI:
    """Serves /v1/models, /openapi.json (when given) and scripted /v1/chat/completions."""

    models: list[dict[str, Any]] = field(default_factory=lambda: [{"id": "tiny-test", "object": "model"}])
    openapi: dict[str, Any] | None = None
    replies: deque[Reply] = field(default_factory=deque)
    seen: list[Seen] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def reply(self, *replies: Reply) -> None:
        """Queue answers for the next chat completions, in order."""
        self.replies.extend(replies)

    def answer(self, *contents: Any) -> None:
        """Queue JSON answers (dicts, serialized as the message content)."""
        self.reply(*(Reply(content=c) for c in contents))

    def chat(self) -> list[Seen]:
        """The chat completion requests received so far."""
        return [s for s in self.seen if s.path.endswith("/chat/completions")]

    def next_reply(self) -> Reply | None:
        with self.lock:
            return self.replies.popleft() if self.replies else None


def completion(content: str, model: str) -> dict[str, Any]:
    """A chat.completion object as OpenAI returns it."""
    return {
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [
            {"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": content}}
        ],
        "usage": {"prompt_tokens": 11, "completion_tokens": 7, "total_tokens": 18},
    }


def handler_for(fake: FakeOpenAI) -> type[BaseHTTPRequestHandler]:
    """A request handler bound to one FakeOpenAI script."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: Any) -> None:  # keep pytest output clean
            pass

        def _send(self, status: int, body: bytes, kind: str = "application/json") -> None:
            self.send_response(status)
            self.send_header("content-type", kind)
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            # The client may have given up already (the timeout tests).
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(body)

        def _record(self, body: Any) -> None:
            with fake.lock:
                fake.seen.append(Seen(self.command, self.path, dict(self.headers.items()), body))

        def do_GET(self) -> None:
            self._record(None)
            if self.path.endswith("/models"):
                self._send(200, json.dumps({"object": "list", "data": fake.models}).encode())
            elif self.path == "/openapi.json" and fake.openapi is not None:
                self._send(200, json.dumps(fake.openapi).encode())
            else:
                self._send(404, b'{"error": {"message": "not found"}}')

        def do_POST(self) -> None:
            length = int(self.headers.get("content-length", "0"))
            body = json.loads(self.rfile.read(length) or b"null")
            self._record(body)
            reply = fake.next_reply()
            if reply is None:
                self._send(500, b'{"error": {"message": "no reply scripted"}}')
                return
            time.sleep(reply.delay_s)
            if reply.raw is not None:
                self._send(reply.status, reply.raw, "text/plain")
            elif reply.status != 200:
                self._send(
                    reply.status, json.dumps({"error": {"message": f"scripted {reply.status}"}}).encode()
                )
            else:
                text = reply.content if isinstance(reply.content, str) else json.dumps(reply.content)
                self._send(200, json.dumps(completion(text, body.get("model", "?"))).encode())

    return Handler


class RunningServer:
    """A FakeOpenAI served on a free loopback port until `close()`."""

    def __init__(self, fake: FakeOpenAI) -> None:
        self.fake = fake
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler_for(fake))
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    def close(self) -> None:
        """Stop serving and release the port."""
        self.httpd.shutdown()
        self.httpd.server_close()
