#!/usr/bin/env python3
"""A loopback HTTP forwarding proxy that delays every request by a fixed time, for benchmarks.

It makes a local AWS emulator (the amikey lab, plain HTTP on 127.0.0.1) answer as slowly as a
distant AWS region, so that a program that makes few API calls can be compared fairly with one that
makes many: ``Benchmarks/doctor.sh`` runs ``amikey doctor`` and the AWS CLI through it.

    python3 Benchmarks/latency-proxy.py --upstream http://127.0.0.1:PORT --delay-ms 80 [--port P]

The first line on stdout is the proxy's own endpoint (``http://127.0.0.1:P``); point the client's
endpoint URL at it.  Every request is delayed ``--delay-ms`` milliseconds, then forwarded to the
upstream on a new connection; requests run concurrently (one thread each), so N requests in flight
cost one delay, not N.

What is forwarded, unchanged: the method, the request target (path and query), every request header
in its order with its name's case, and the body's bytes (a chunked body is passed on still chunked).
The ``Host`` header stays the one the client sent, i.e. the proxy's own ``127.0.0.1:P``.  This
matters for signatures: SigV4 signs the ``Host`` header, so rewriting it to the upstream's address
would break every signature; kept as sent, a server that verifies SigV4 recomputes the signature over
the same Host the client signed.  moto (and so the lab) does not verify signatures at all (it accepts
any credentials), so here it makes no difference either way.  This proxy is for loopback emulators
only: it speaks plain HTTP, and AWS's real endpoints are HTTPS and route on Host.

The response comes back with its status, reason and headers; its body is read whole (a chunked one
is de-chunked and sent with ``Content-Length``).  ``Connection``-level headers are the proxy's own.

Counting: ``GET /__proxy/stats`` answers JSON ``{"requests": N, "errors": E, "delayMs": D,
"actions": {"DescribeInstances": 2, ...}}`` (the action is the query protocol's ``Action=`` form
field, or the JSON protocol's ``X-Amz-Target``); ``POST /__proxy/reset`` sets the counts to zero.
Neither is counted or delayed.  On SIGTERM or SIGINT the proxy prints the same JSON as its last
stdout line and exits 0.
"""

from __future__ import annotations

import argparse
import http.client
import json
import signal
import sys
import threading
import time
import urllib.parse
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# Hop-by-hop headers (RFC 9110 section 7.6.1) describe the proxy's own connections, not the message.
HOP_BY_HOP = {"connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade"}


class Stats:
    """Request counts, shared by the handler threads."""

    def __init__(self, delay_ms: float) -> None:
        self.lock = threading.Lock()
        self.delay_ms = delay_ms
        self.requests = 0
        self.errors = 0
        self.actions: Counter[str] = Counter()

    def count(self, action: str | None) -> None:
        with self.lock:
            self.requests += 1
            if action:
                self.actions[action] += 1

    def failed(self) -> None:
        with self.lock:
            self.errors += 1

    def reset(self) -> None:
        with self.lock:
            self.requests = self.errors = 0
            self.actions.clear()

    def snapshot(self) -> dict:
        with self.lock:
            return {"requests": self.requests, "errors": self.errors, "delayMs": self.delay_ms,
                    "actions": dict(sorted(self.actions.items()))}


def action_of(headers: http.client.HTTPMessage, body: bytes, target: str) -> str | None:
    """The AWS operation a request calls: X-Amz-Target (JSON protocol), else the query protocol's
    ``Action`` (form body or URL query)."""
    amz_target = headers.get("X-Amz-Target")
    if amz_target:
        return amz_target.rpartition(".")[2] or amz_target
    for source in (body.decode("latin-1") if "form-urlencoded" in headers.get("Content-Type", "") else "",
                   urllib.parse.urlsplit(target).query):
        values = urllib.parse.parse_qs(source).get("Action")
        if values:
            return values[0]
    return None


def read_chunked(stream) -> bytes:
    """A chunked body's raw bytes, chunk framing and trailers included (RFC 9112 section 7.1)."""
    raw = bytearray()
    while True:
        size_line = stream.readline(65537)
        raw += size_line
        size = int(size_line.split(b";", 1)[0].strip() or b"0", 16)
        if size == 0:
            while True:  # trailer fields, then the empty line
                line = stream.readline(65537)
                raw += line
                if line in (b"\r\n", b"\n", b""):
                    return bytes(raw)
        raw += stream.read(size + 2)  # data and its CRLF


def make_handler(upstream: urllib.parse.SplitResult, stats: Stats, delay: float):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive with the client, as SDKs expect

        def log_message(self, format: str, *args: object) -> None:  # quiet: benchmarks read stdout
            pass

        def _reply(self, status: int, body: bytes, content_type: str = "application/json") -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _read_body(self) -> bytes:
            if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
                return read_chunked(self.rfile)
            length = int(self.headers.get("Content-Length") or 0)
            return self.rfile.read(length) if length else b""

        def _handle(self) -> None:
            body = self._read_body()
            if self.path == "/__proxy/stats" and self.command == "GET":
                return self._reply(200, json.dumps(stats.snapshot()).encode() + b"\n")
            if self.path == "/__proxy/reset" and self.command == "POST":
                stats.reset()
                return self._reply(200, json.dumps(stats.snapshot()).encode() + b"\n")
            stats.count(action_of(self.headers, body, self.path))
            time.sleep(delay)
            try:
                connection = http.client.HTTPConnection(upstream.hostname, upstream.port or 80, timeout=300)
                # No Host or Accept-Encoding of http.client's own: the client's headers go as sent.
                connection.putrequest(self.command, self.path, skip_host=True, skip_accept_encoding=True)
                for name, value in self.headers.raw_items():
                    connection.putheader(name, value)
                connection.endheaders(body or None)
                response = connection.getresponse()
                payload = response.read()
                # A HEAD answer keeps the upstream's Content-Length (the size a GET would have).
                headers = [(k, v) for k, v in response.getheaders()
                           if k.lower() not in HOP_BY_HOP
                           and (k.lower() != "content-length" or self.command == "HEAD")]
                status, reason = response.status, response.reason
                connection.close()
            except OSError as error:
                stats.failed()
                return self._reply(502, f"latency-proxy: upstream {upstream.geturl()}: {error}\n".encode(),
                                   "text/plain")
            self.send_response_only(status, reason)
            for name, value in headers:
                self.send_header(name, value)
            if self.command != "HEAD":
                self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(payload)

        do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_PATCH = do_OPTIONS = _handle

    return Handler


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Loopback HTTP proxy adding a fixed delay to every request.")
    parser.add_argument("--upstream", required=True, help="http://127.0.0.1:PORT of the server to forward to")
    parser.add_argument("--delay-ms", type=float, default=0.0, help="delay before forwarding each request")
    parser.add_argument("--port", type=int, default=0, help="port to listen on (default: a free one)")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    args = parser.parse_args(argv)
    upstream = urllib.parse.urlsplit(args.upstream)
    if upstream.scheme != "http" or not upstream.hostname:
        parser.error("--upstream must be http://HOST:PORT")
    if args.delay_ms < 0:
        parser.error("--delay-ms must be 0 or more")

    stats = Stats(args.delay_ms)
    server = ThreadingHTTPServer((args.host, args.port), make_handler(upstream, stats, args.delay_ms / 1000))
    server.daemon_threads = True
    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    signal.signal(signal.SIGINT, lambda *_: done.set())
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host, port = server.server_address[:2]
    print(f"http://{host}:{port}", flush=True)
    done.wait()
    server.shutdown()
    print(json.dumps(stats.snapshot()), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
