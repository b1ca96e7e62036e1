"""HTTP requests to SEC EDGAR, made the way SEC's fair-access rules ask.

Every request carries a User-Agent naming FactorDiff and the user's contact e-mail, waits its
turn so that the whole process sends at most `MAX_REQUESTS_PER_SECOND`, has a connect and a
read timeout, is retried with backoff on 429 and 5xx (honouring Retry-After), goes only over
https to SEC's hosts, follows no redirect to another host and stops reading past a size cap.
Cancelling works through the progress callback (it may raise core.errors.Cancelled), which is
called for every chunk read and while waiting between retries.

urllib3 does the HTTP (connection pooling, TLS with certificate checks, timeouts, gzip); this
module only adds EDGAR's rules on top. The retry loop is ours rather than urllib3's `Retry`,
because urllib3 sleeps between attempts where nobody can cancel.

>>> client = EdgarClient("Jane Doe jane@example.com")  # doctest: +SKIP
>>> client.get("https://www.sec.gov/files/company_tickers.json", max_bytes=2**25)  # doctest: +SKIP
b'{"0":{"cik_str":789019,...'
"""

from __future__ import annotations

import email.utils
import ipaddress
import os
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import urllib3
from urllib3.exceptions import HTTPError as Urllib3Error

from core.errors import (
    EdgarResponseError,
    EdgarUnreachableError,
    FilingNotFoundError,
    UserAgentMissingError,
)
from core.model import Progress
from core.progress import report

PROGRAM = "FactorDiff"
# SEC's fair-access policy: no more than 10 requests per second from one user.
MAX_REQUESTS_PER_SECOND = 10
# Connecting to SEC takes well under a second; 10 s means the network is down. SEC sends a
# multi-megabyte filing in a few seconds; 30 s without a single byte means it stalls.
CONNECT_TIMEOUT = 10.0
READ_TIMEOUT = 30.0
# Attempts per request (the first one and three retries) and the backoff between them:
# 1 s, 2 s, 4 s, unless the server says how long in Retry-After (never more than a minute).
ATTEMPTS = 4
BACKOFF_FIRST = 1.0
BACKOFF_MAX = 60.0
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
MAX_REDIRECTS = 3
_CHUNK = 64 * 1024
# Waits are cut into slices this long so a cancel is heard within one slice.
_WAIT_SLICE = 0.1
# What the user must give: a contact e-mail (SEC blocks anonymous tools).
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}")

# SEC's hosts, as FactorDiff reaches them: www for the archive and the ticker list, data for
# the submissions JSON. Tests point both at a local server (EdgarHosts.local).
SEC_WWW = "https://www.sec.gov"
SEC_DATA = "https://data.sec.gov"
# Set to "http://127.0.0.1:PORT" by tests (and the screenshot script) to replay EDGAR locally;
# only loopback addresses are accepted, so it cannot send requests anywhere else.
TEST_SERVER_VARIABLE = "FACTORDIFF_EDGAR_TEST_SERVER"


@dataclass(frozen=True, slots=True)
class EdgarHosts:
    """Where EDGAR's two hosts are: SEC's own, or one local test server for both."""

    www: str = SEC_WWW
    data: str = SEC_DATA

    @classmethod
    def local(cls, base_url: str) -> EdgarHosts:
        """One test server on a loopback address for both hosts; anything else is refused."""
        parts = urlsplit(base_url)
        host = parts.hostname or ""
        try:
            loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
        except ValueError:
            loopback = False
        if parts.scheme != "http" or not loopback:
            raise EdgarResponseError(
                f"{TEST_SERVER_VARIABLE} must be http://127.0.0.1:PORT (a local test server), "
                f"not {base_url!r}"
            )
        base = f"http://{parts.netloc}"
        return cls(www=base, data=base)

    @classmethod
    def from_environment(cls) -> EdgarHosts:
        """SEC's hosts, unless a test set TEST_SERVER_VARIABLE to a local server."""
        test_server = os.environ.get(TEST_SERVER_VARIABLE, "").strip()
        return cls.local(test_server) if test_server else cls()

    def origins(self) -> frozenset[str]:
        return frozenset(_origin(url) for url in (self.www, self.data))


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{(parts.netloc or '').lower()}"


def check_user_agent(contact: str | None) -> str:
    """The User-Agent for `contact` ("Jane Doe jane@example.com"): 'FactorDiff Jane Doe
    jane@example.com'. Raises UserAgentMissingError when it holds no e-mail address."""
    contact = " ".join((contact or "").split())
    if not _EMAIL.search(contact):
        given = f" ({contact!r} has no e-mail address)" if contact else ""
        raise UserAgentMissingError(
            "SEC asks every program that downloads from EDGAR to give a contact e-mail"
            f'{given}: pass --user-agent "Your Name you@example.com" or set '
            "FACTORDIFF_USER_AGENT to it"
        )
    return contact if contact.startswith(PROGRAM) else f"{PROGRAM} {contact}"


class RateLimiter:
    """At most `per_second` starts per second, across every thread that shares it."""

    def __init__(self, per_second: float = MAX_REQUESTS_PER_SECOND) -> None:
        self._interval = 1.0 / per_second
        self._lock = threading.Lock()
        self._next = 0.0

    def reserve(self) -> float:
        """Take the next free slot; return how many seconds to wait for it."""
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next)
            self._next = start + self._interval
            return start - now


# One limiter for the whole process: SEC counts requests per user, not per client object, so
# the window's downloads and a listing running beside them share the 10 per second.
SHARED_LIMITER = RateLimiter()


def wait(seconds: float, progress: Progress | None, *, done: int = 0, total: int = 1) -> None:
    """Wait `seconds`, asking `progress` between short slices whether to cancel."""
    deadline = time.monotonic() + seconds
    while True:
        report(progress, done, total)
        left = deadline - time.monotonic()
        if left <= 0:
            return
        time.sleep(min(_WAIT_SLICE, left))


def retry_after_seconds(value: str | None, *, now: float | None = None) -> float | None:
    """Seconds asked for by a Retry-After header (a number or an HTTP date), None if unusable.

    >>> retry_after_seconds("3")
    3.0
    """
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    current = time.time() if now is None else now
    return max(0.0, when.timestamp() - current)


def backoff_seconds(attempt: int, retry_after: float | None) -> float:
    """How long to wait before retry number `attempt` (1 = the first retry)."""
    if retry_after is not None:
        return min(BACKOFF_MAX, retry_after)
    return float(min(BACKOFF_MAX, BACKOFF_FIRST * 2.0 ** (attempt - 1)))


class EdgarClient:
    """GETs from EDGAR for one user (named by `contact`, checked on the first request).

    `hosts` says where EDGAR is (SEC's hosts, or a local test server); `limiter` is shared by
    every client of the process unless a test gives its own. Thread-safe.
    """

    def __init__(
        self,
        contact: str | None,
        *,
        hosts: EdgarHosts | None = None,
        limiter: RateLimiter = SHARED_LIMITER,
        connect_timeout: float = CONNECT_TIMEOUT,
        read_timeout: float = READ_TIMEOUT,
        attempts: int = ATTEMPTS,
        sleep: Callable[[float, Progress | None], None] = wait,
    ) -> None:
        self._contact = contact
        self.hosts = hosts if hosts is not None else EdgarHosts.from_environment()
        self._origins = self.hosts.origins()
        self._limiter = limiter
        self._attempts = attempts
        self._sleep = sleep
        # Responses being read, so that abort() can close them from another thread.
        self._reading: set[urllib3.BaseHTTPResponse] = set()
        self._reading_lock = threading.Lock()
        self._pool = urllib3.PoolManager(
            num_pools=4,
            maxsize=4,
            timeout=urllib3.Timeout(connect=connect_timeout, read=read_timeout),
            retries=False,
        )

    def get(self, url: str, *, max_bytes: int, progress: Progress | None = None) -> bytes:
        """The body of `url`, at most `max_bytes` long (after gzip is undone).

        Raises UserAgentMissingError, EdgarUnreachableError (network down, timeouts, server
        errors that outlast the retries), FilingNotFoundError (404), EdgarResponseError
        (too large, a redirect to another host, another unexpected answer) and
        core.errors.Cancelled when `progress` raises it.
        """
        user_agent = check_user_agent(self._contact)
        self._check_allowed(url)
        attempt = 0
        while True:
            attempt += 1
            wait(self._limiter.reserve(), progress)
            try:
                response = self._request(url, user_agent)
            except Urllib3Error as error:
                if attempt >= self._attempts:
                    raise EdgarUnreachableError(_unreachable(url, error)) from error
                self._sleep(backoff_seconds(attempt, None), progress)
                continue
            with self._reading_lock:
                self._reading.add(response)
            try:
                if response.status in RETRY_STATUSES and attempt < self._attempts:
                    delay = retry_after_seconds(response.headers.get("Retry-After"))
                    self._sleep(backoff_seconds(attempt, delay), progress)
                    continue
                self._check_status(url, response.status)
                return self._read(url, response, max_bytes, progress)
            finally:
                with self._reading_lock:
                    self._reading.discard(response)
                response.release_conn()

    def abort(self) -> None:
        """Close the connections of the downloads now being read, from any thread: a read that
        waits on a stalled server ends at once (with EdgarUnreachableError) instead of at its
        timeout. Used after a cancel, so the worker thread does not linger."""
        with self._reading_lock:
            reading = list(self._reading)
        for response in reading:
            response.shutdown()

    def _request(self, url: str, user_agent: str) -> urllib3.BaseHTTPResponse:
        """Send the GET, following redirects only within EDGAR's hosts."""
        for _hop in range(MAX_REDIRECTS + 1):
            response = self._pool.request(
                "GET",
                url,
                headers={"User-Agent": user_agent, "Accept-Encoding": "gzip, deflate"},
                redirect=False,
                preload_content=False,
            )
            if response.status not in (301, 302, 303, 307, 308):
                return response
            target = urljoin(url, response.headers.get("Location", ""))
            response.drain_conn()
            response.release_conn()
            if _origin(target) not in self._origins:
                raise EdgarResponseError(
                    f"EDGAR redirected {url} to {target}, which is not an SEC address; "
                    "FactorDiff does not follow it"
                )
            url = target
        raise EdgarResponseError(f"EDGAR redirected {url} too many times")

    def _check_allowed(self, url: str) -> None:
        if _origin(url) not in self._origins:
            raise EdgarResponseError(f"{url} is not on EDGAR; FactorDiff only downloads from SEC")

    @staticmethod
    def _check_status(url: str, status: int) -> None:
        if status == 200:
            return
        if status in (404, 410):
            raise FilingNotFoundError(f"EDGAR has no document at {url} (HTTP {status})")
        if status == 429 or status >= 500:
            raise EdgarUnreachableError(
                f"EDGAR is busy or failing (HTTP {status} for {url}, after {ATTEMPTS} tries); "
                "the filings already downloaded still open"
            )
        if status == 403:
            raise EdgarResponseError(
                f"EDGAR refused {url} (HTTP 403): SEC blocks programs without a real contact "
                "e-mail in their User-Agent, or that sent too many requests"
            )
        raise EdgarResponseError(f"EDGAR answered HTTP {status} for {url}")

    @staticmethod
    def _read(
        url: str, response: urllib3.BaseHTTPResponse, max_bytes: int, progress: Progress | None
    ) -> bytes:
        announced = response.headers.get("Content-Length", "")
        expected = int(announced) if announced.isdigit() else 0
        if response.headers.get("Content-Encoding") is None and expected > max_bytes:
            raise EdgarResponseError(_too_large(url, max_bytes))
        chunks: list[bytes] = []
        received = 0
        try:
            # read1: whatever has arrived, so progress (and a cancel) is heard as data trickles.
            while chunk := response.read1(_CHUNK, decode_content=True):
                received += len(chunk)
                if received > max_bytes:
                    raise EdgarResponseError(_too_large(url, max_bytes))
                chunks.append(chunk)
                report(progress, received, max(expected, received))
        except Urllib3Error as error:
            raise EdgarUnreachableError(_unreachable(url, error)) from error
        return b"".join(chunks)


def _too_large(url: str, max_bytes: int) -> str:
    return (
        f"{url} is larger than {max_bytes // (1024 * 1024)} MB, more than an annual report "
        "should be; FactorDiff stopped downloading it"
    )


def _unreachable(url: str, error: Exception) -> str:
    reason = type(error).__name__
    host = urlsplit(url).hostname or url
    return (
        f"EDGAR could not be reached ({host}: {reason}); the filings already downloaded still open"
    )
