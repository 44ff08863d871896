"""Benchmarks/latency-proxy.py: every request delayed, forwarded unchanged, counted.

What it must do for ``Benchmarks/doctor.sh``: keep method, target, headers (Host as the client sent it:
SigV4 signs it) and body bytes as sent; add the delay to each request, not to each batch of
concurrent ones; count requests per AWS action.  The upstream here is a raw socket server that
records the bytes it receives, so nothing between the proxy and the check can normalise them.
"""

from __future__ import annotations

import http.client
import json
import signal
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

PROXY = Path(__file__).resolve().parents[2] / "Benchmarks" / "latency-proxy.py"
DELAY_MS = 200


class RecordingUpstream:
    """An HTTP/1.1 server on loopback that keeps each request's raw bytes and answers 200."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.port = self.sock.getsockname()[1]
        self.requests: list[bytes] = []
        self.lock = threading.Lock()
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._one, args=(conn,), daemon=True).start()

    def _one(self, conn: socket.socket) -> None:
        with conn:
            data = b""
            while b"\r\n\r\n" not in data:
                data += conn.recv(65536)
            head, _, body = data.partition(b"\r\n\r\n")
            lines = head.split(b"\r\n")
            length = next((int(l.split(b":", 1)[1]) for l in lines if l.lower().startswith(b"content-length:")), 0)
            chunked = any(l.lower().startswith(b"transfer-encoding:") and b"chunked" in l.lower() for l in lines)
            while (len(body) < length) or (chunked and not body.endswith(b"0\r\n\r\n")):
                body += conn.recv(65536)
            with self.lock:
                self.requests.append(head + b"\r\n\r\n" + body)
            reply = b"<ok>" + str(len(self.requests)).encode() + b"</ok>"
            conn.sendall(b"HTTP/1.1 200 OK\r\nX-Upstream: yes\r\nContent-Type: text/xml\r\n"
                         b"Content-Length: " + str(len(reply)).encode() + b"\r\nConnection: close\r\n\r\n" + reply)

    def close(self) -> None:
        self.sock.close()


@pytest.fixture
def upstream():
    server = RecordingUpstream()
    yield server
    server.close()


@pytest.fixture
def proxy(upstream):
    process = subprocess.Popen([sys.executable, str(PROXY), "--upstream", f"http://127.0.0.1:{upstream.port}",
                                "--delay-ms", str(DELAY_MS)], stdout=subprocess.PIPE, text=True)
    endpoint = process.stdout.readline().strip()
    assert endpoint.startswith("http://127.0.0.1:"), endpoint
    yield process, int(endpoint.rsplit(":", 1)[1])
    if process.poll() is None:
        process.kill()
        process.wait()


def _raw_request(port: int, raw: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", port)) as s:
        s.sendall(raw)
        answer = b""
        while True:
            piece = s.recv(65536)
            if not piece:
                return answer
            answer += piece


def _stats(port: int) -> dict:
    conn = http.client.HTTPConnection("127.0.0.1", port)
    conn.request("GET", "/__proxy/stats")
    return json.loads(conn.getresponse().read())


def test_request_bytes_reach_upstream_unchanged_with_the_clients_host(proxy, upstream):
    """Method, target, header names' case and order, the Host the client signed, and the body's bytes
    (non-ASCII and CRLF included) arrive as sent; the upstream's answer comes back."""
    _process, port = proxy
    body = b"Action=DescribeImages&Version=2016-11-15&ImageId.1=ami-1&x=%C3%A9\r\n\xff"
    head = (f"POST /some/path?q=1 HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nX-Amz-Date: 20261129T000000Z\r\n"
            "authorization: AWS4-HMAC-SHA256 Credential=k/20261129/us-east-1/ec2/aws4_request, "
            "SignedHeaders=host;x-amz-date, Signature=abc\r\n"
            "Content-Type: application/x-www-form-urlencoded; charset=utf-8\r\n"
            f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n").encode()
    answer = _raw_request(port, head + body)
    assert answer.startswith(b"HTTP/1.1 200 OK\r\n")
    assert b"\r\nX-Upstream: yes\r\n" in answer
    assert answer.endswith(b"<ok>1</ok>")
    assert upstream.requests == [head + body]


def test_chunked_body_is_forwarded_still_chunked(proxy, upstream):
    _process, port = proxy
    chunked = b"5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n"
    head = (f"PUT /obj HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nTransfer-Encoding: chunked\r\n"
            "Connection: close\r\n\r\n").encode()
    assert _raw_request(port, head + chunked).startswith(b"HTTP/1.1 200 OK\r\n")
    assert upstream.requests == [head + chunked]


def test_head_answer_keeps_the_upstreams_length_and_has_no_body(proxy, upstream):
    _process, port = proxy
    answer = _raw_request(port, f"HEAD /x HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n".encode())
    assert answer.startswith(b"HTTP/1.1 200 OK\r\n")
    assert b"\r\nContent-Length: 10\r\n" in answer  # len(b"<ok>1</ok>"), as the upstream sent it
    assert answer.endswith(b"\r\n\r\n")


def test_each_request_is_delayed_and_concurrent_requests_overlap(proxy):
    """One request takes at least the delay; eight at once take far less than eight delays."""
    _process, port = proxy

    def call(_: int) -> float:
        start = time.monotonic()
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.request("POST", "/", body=b"Action=GetCallerIdentity&Version=2011-06-15",
                     headers={"Content-Type": "application/x-www-form-urlencoded"})
        assert conn.getresponse().status == 200
        return time.monotonic() - start

    assert call(0) >= DELAY_MS / 1000
    start = time.monotonic()
    with ThreadPoolExecutor(8) as pool:
        times = list(pool.map(call, range(8)))
    elapsed = time.monotonic() - start
    assert min(times) >= DELAY_MS / 1000
    assert elapsed < 4 * DELAY_MS / 1000


def test_counts_by_action_reset_and_final_count_on_sigterm(proxy):
    """Stats count forwarded requests by AWS action (query form field or X-Amz-Target), not the
    stats calls themselves; reset zeroes them; SIGTERM prints the counts and exits 0."""
    process, port = proxy
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    form = {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"}
    for body in (b"Action=DescribeInstances&Version=2016-11-15", b"Action=DescribeInstances&Version=2016-11-15",
                 b"Action=DescribeImages&Version=2016-11-15"):
        conn.request("POST", "/", body=body, headers=form)
        conn.getresponse().read()
    conn.request("POST", "/", body=b"{}", headers={"X-Amz-Target": "AWSSecurityTokenServiceV20110615.GetCallerIdentity",
                                                   "Content-Type": "application/x-amz-json-1.1"})
    conn.getresponse().read()
    assert _stats(port) == {"requests": 4, "errors": 0, "delayMs": DELAY_MS,
                            "actions": {"DescribeImages": 1, "DescribeInstances": 2, "GetCallerIdentity": 1}}
    reset = http.client.HTTPConnection("127.0.0.1", port)
    reset.request("POST", "/__proxy/reset")
    assert json.loads(reset.getresponse().read())["requests"] == 0
    conn.request("GET", "/?Action=DescribeRegions&Version=2016-11-15")
    conn.getresponse().read()
    process.send_signal(signal.SIGTERM)
    out, _ = process.communicate(timeout=10)
    assert process.returncode == 0
    assert json.loads(out.strip().splitlines()[-1])["actions"] == {"DescribeRegions": 1}


def test_botocore_calls_through_the_proxy_reach_the_lab(lab):
    """A real SigV4-signed botocore client, pointed at the proxy, talks to the lab: the Host it
    signed (the proxy's) is what the lab receives, and moto answers as if called directly."""
    process = subprocess.Popen([sys.executable, str(PROXY), "--upstream", lab.endpoint, "--delay-ms", "0"],
                               stdout=subprocess.PIPE, text=True)
    try:
        endpoint = process.stdout.readline().strip()
        import botocore.session
        from botocore.config import Config
        session = botocore.session.get_session()
        sts = session.create_client("sts", region_name="us-east-1", endpoint_url=endpoint,
                                    aws_access_key_id="testing", aws_secret_access_key="testing",
                                    config=Config(retries={"max_attempts": 1}))
        ec2 = session.create_client("ec2", region_name="us-east-1", endpoint_url=endpoint,
                                    aws_access_key_id="testing", aws_secret_access_key="testing",
                                    config=Config(retries={"max_attempts": 1}))
        assert sts.get_caller_identity()["Account"] == "123456789012"
        assert isinstance(ec2.describe_key_pairs()["KeyPairs"], list)
        assert _stats(int(endpoint.rsplit(":", 1)[1]))["actions"] == {"DescribeKeyPairs": 1, "GetCallerIdentity": 1}
    finally:
        process.send_signal(signal.SIGTERM)
        process.communicate(timeout=10)
