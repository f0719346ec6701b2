"""The product as a real server runs it: gunicorn with threads (keep-alive connections), the
production settings, no static manifest. What only a real server shows: a refused body must
leave the connection usable, every error line in the server log carries the request id the
client was given, and an unreachable database gives the 503 quickly, on pages and the API."""

import http.client
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LIMIT = 1024 * 1024


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(tmp_path, database_url: str):
    port = free_port()
    env = {
        **os.environ,
        "SECRET_KEY": "gunicorn-test-only",
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": database_url,
        "DATABASE_POOL_TIMEOUT": "2",
        "LOG_JSON": "1",
        "DJANGO_SETTINGS_MODULE": "carecenter.settings",
    }
    log = open(tmp_path / "server.log", "w+")  # noqa: SIM115  (closed by the fixture)
    process = subprocess.Popen(
        [
            *(sys.executable, "-m", "gunicorn", "carecenter.wsgi"),
            *("--bind", f"127.0.0.1:{port}", "--worker-class", "gthread"),
            *("--threads", "2", "--workers", "1"),
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return process, port, log
        except OSError:
            if process.poll() is not None:
                break
            time.sleep(0.2)
    process.kill()
    log.seek(0)
    pytest.fail("gunicorn did not start:\n" + log.read())


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """One gunicorn for the module, on a database that cannot be reached (nothing listens on
    the port): requests that need no database are served; those that do get the 503."""
    tmp_path = tmp_path_factory.mktemp("gunicorn")
    closed = free_port()
    process, port, log = start_gunicorn(tmp_path, f"postgres://postgres@127.0.0.1:{closed}/none")
    yield port, log
    process.terminate()
    process.wait(timeout=10)
    log.close()


def server_log(log) -> list[dict]:
    log.flush()
    log.seek(0)
    lines = []
    for line in log.read().splitlines():
        try:
            lines.append(json.loads(line))
        except ValueError:
            continue  # gunicorn's own lines are not JSON
    return lines


@pytest.mark.parametrize("path", ["/api/v1/recipients/", "/konto/login/"])
def test_after_a_413_the_same_connection_serves_the_next_request(server, path):
    port, _log = server
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    for _attempt in range(5):
        connection.request(
            "POST", path, body=b"x" * (2 * LIMIT), headers={"Content-Type": "application/json"}
        )
        refused = connection.getresponse()
        refused.read()
        assert refused.status == 413
        assert refused.getheader("Content-Length")
        assert refused.getheader("X-Frame-Options") == "DENY"
        assert "default-src" in refused.getheader("Content-Security-Policy")
        assert refused.getheader("Cache-Control") == "no-store"
        connection.request("GET", "/api/v1/no-such-route/")
        following = connection.getresponse()
        assert following.status == 404
        assert following.getheader("Content-Type") == "application/problem+json"
        following.read()
    connection.close()


def test_the_server_log_line_of_an_error_carries_the_request_id(server):
    port, log = server
    request_id = "5d9b3c1e-0d4e-4a53-9a51-2f1f7f0c6a11"
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", "/api/v1/no-such-route/", headers={"X-Request-ID": request_id})
    response = connection.getresponse()
    response.read()
    assert response.getheader("X-Request-ID") == request_id
    lines = [line for line in server_log(log) if line.get("name") == "django.request"]
    assert any(line["request_id"] == request_id for line in lines), lines[-3:]
    assert all(line["request_id"] for line in lines)


@pytest.mark.parametrize(
    ("path", "headers", "content_type", "text"),
    [
        (
            "/api/v1/recipients/",
            {"Authorization": "Token " + "a" * 64},
            "application/problem+json",
            "urn:carecenter:problem:service-unavailable",
        ),
        (
            "/omsorgstagare/",
            {"Cookie": "sessionid=" + "b" * 32},
            "text/html; charset=utf-8",
            "Tjänsten är otillgänglig",
        ),
    ],
)
def test_an_unreachable_database_gives_the_503_fast(server, path, headers, content_type, text):
    port, log = server
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    started = time.monotonic()
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    body = response.read().decode()
    elapsed = time.monotonic() - started
    assert response.status == 503
    assert response.getheader("Content-Type") == content_type
    assert response.getheader("Retry-After") == "5"
    assert response.getheader("Cache-Control") == "no-store"
    assert text in body
    assert elapsed < 8  # the pool gives up after DATABASE_POOL_TIMEOUT (2 s here), not 10 s
    request_id = response.getheader("X-Request-ID")
    assert any(
        line.get("request_id") == request_id and line.get("status_code") == 503
        for line in server_log(log)
    )
