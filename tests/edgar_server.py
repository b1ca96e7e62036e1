"""A local stand-in for EDGAR on 127.0.0.1, replaying SEC's responses from tests/fixtures/edgar.

The ticker list and Tesla's submissions JSON are SEC's own responses (trimmed ticker list; the
submissions document unchanged, saved in 2022). Added here, in EDGAR's shapes, so the replay
reaches the filings in tests/fixtures/corpus: Tesla's 10-Ks for fiscal 2023 and 2024 at the top
of `filings.recent`, and the older page that `filings.files` names (with a 10-K whose primary
document is missing, to exercise the full-submission fallback).

    server.route("/files/company_tickers.json", Reply(body=...))   # one fixed answer
    server.route(path, Reply(status=429, headers={"Retry-After": "2"}), Reply(body=...))  # in turn
    server.stall(path)                     # headers and a little body, then nothing until closed
"""

from __future__ import annotations

import gzip
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).resolve().parent / "fixtures"
EDGAR = FIXTURES / "edgar"
CORPUS = FIXTURES / "corpus"

TESLA_CIK = 1318605
TICKERS_PATH = "/files/company_tickers.json"
# The contact the tests give SEC: a User-Agent is required before any request.
CONTACT = "FactorDiff Tests tests@example.com"
SUBMISSIONS_PATH = f"/submissions/CIK{TESLA_CIK:010d}.json"
OLDER_PAGE = f"CIK{TESLA_CIK:010d}-submissions-001.json"
OLDER_PAGE_PATH = f"/submissions/{OLDER_PAGE}"
# The two filings added on top of the 2022 snapshot, served from tests/fixtures/corpus.
NEWEST = (
    # accession, filed, period, document, corpus file
    ("0001628280-25-003063", "2025-01-30", "2024-12-31", "tsla-20241231.htm", "tesla_10-K_2024"),
    ("0001628280-24-002390", "2024-01-29", "2023-12-31", "tsla-20231231.htm", "tesla_10-K_2023"),
)
# The older page, made for the tests: a 10-K for fiscal 2012 with no primary document (its
# full submission is served instead), one for 2011 and an amendment of it.
OLDER = (
    ("0009999999-13-000001", "2013-03-07", "2012-12-31", "10-K", ""),
    ("0009999999-12-000002", "2012-04-30", "2011-12-31", "10-K/A", "tsla-10ka_2011.htm"),
    ("0009999999-12-000001", "2012-02-27", "2011-12-31", "10-K", "tsla-10k_2011.htm"),
    ("0009999999-12-000003", "2012-05-07", "2012-03-31", "10-Q", "tsla-10q_2012q1.htm"),
)
FULL_SUBMISSION_ACCESSION = OLDER[0][0]


def document_path(accession: str, document: str) -> str:
    return f"/Archives/edgar/data/{TESLA_CIK}/{accession.replace('-', '')}/{document}"


def full_submission_path(accession: str) -> str:
    return f"/Archives/edgar/data/{TESLA_CIK}/{accession}.txt"


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    stall: bool = False  # send the headers and a first chunk, then nothing until shutdown


def corpus_bytes(name: str) -> bytes:
    path = next(CORPUS.glob(f"{name}.*.gz"))
    return gzip.decompress(path.read_bytes())


def ticker_list() -> bytes:
    return gzip.decompress((EDGAR / "company_tickers.json.gz").read_bytes())


def tesla_submissions() -> dict[str, Any]:
    submissions: dict[str, Any] = json.loads(
        gzip.decompress((EDGAR / "CIK0001318605.json.gz").read_bytes())
    )
    recent = submissions["filings"]["recent"]
    for accession, filed, period, document, _corpus in reversed(NEWEST):
        row = {
            "accessionNumber": accession,
            "filingDate": filed,
            "reportDate": period,
            "acceptanceDateTime": f"{filed}T16:00:00.000Z",
            "act": "34",
            "form": "10-K",
            "fileNumber": "001-34756",
            "filmNumber": "",
            "items": "",
            "size": 0,
            "isXBRL": 1,
            "isInlineXBRL": 1,
            "primaryDocument": document,
            "primaryDocDescription": "10-K",
        }
        for key, values in recent.items():
            values.insert(0, row[key])
    return submissions


def older_page() -> dict[str, list[Any]]:
    page: dict[str, list[Any]] = {
        "accessionNumber": [],
        "filingDate": [],
        "reportDate": [],
        "form": [],
        "primaryDocument": [],
        "primaryDocDescription": [],
    }
    for accession, filed, period, form, document in OLDER:
        for key, value in zip(page, (accession, filed, period, form, document, form), strict=True):
            page[key].append(value)
    return page


def full_submission(document: bytes, form: str) -> bytes:
    """A full-submission .txt in EDGAR's SGML shape: the filing's document, then an exhibit."""
    return (
        b"<SEC-DOCUMENT>0009999999-13-000001.txt : 20130307\n<SEC-HEADER>\n"
        b"COMPANY CONFORMED NAME: TESLA MOTORS INC\n</SEC-HEADER>\n"
        b"<DOCUMENT>\n<TYPE>" + form.encode() + b"\n<SEQUENCE>1\n<TEXT>\n" + document
        + b"\n</TEXT>\n</DOCUMENT>\n<DOCUMENT>\n<TYPE>EX-21\n<SEQUENCE>2\n<TEXT>\n"
        b"Subsidiaries of the registrant\n</TEXT>\n</DOCUMENT>\n</SEC-DOCUMENT>\n"
    )  # fmt: skip


class EdgarServer:
    """The replay server; `url` is its base ("http://127.0.0.1:PORT")."""

    def __init__(self) -> None:
        self._routes: dict[str, list[Reply]] = {}
        self.requests: list[tuple[str, str]] = []  # (path, User-Agent) in arrival order
        self._lock = threading.Lock()
        self._release = threading.Event()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server._answer(self)

            def log_message(self, format: str, *args: object) -> None:
                pass  # quiet test output

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._httpd.server_address[1]}"
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    def start(self) -> EdgarServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._release.set()
        if self._thread.is_alive():
            self._httpd.shutdown()
        self._httpd.server_close()

    def route(self, path: str, *replies: Reply) -> None:
        """Answer `path` with `replies` in turn, the last one from then on."""
        with self._lock:
            self._routes[path] = list(replies)

    def stall(self, path: str) -> None:
        self.route(path, Reply(body=b"<html>", stall=True))

    def paths_requested(self) -> list[str]:
        with self._lock:
            return [path for path, _agent in self.requests]

    def serve_tesla(self) -> None:
        """The whole replay: ticker list, submissions (both pages) and the documents."""
        self.route(TICKERS_PATH, Reply(body=ticker_list()))
        self.route(SUBMISSIONS_PATH, Reply(body=json.dumps(tesla_submissions()).encode()))
        self.route(OLDER_PAGE_PATH, Reply(body=json.dumps(older_page()).encode()))
        for accession, _filed, _period, document, corpus in NEWEST:
            self.route(document_path(accession, document), Reply(body=corpus_bytes(corpus)))
        text = corpus_bytes("disney_10-K_2012")
        self.route(
            full_submission_path(FULL_SUBMISSION_ACCESSION),
            Reply(body=full_submission(text, "10-K")),
        )

    def _answer(self, handler: BaseHTTPRequestHandler) -> None:
        path = handler.path
        with self._lock:
            self.requests.append((path, handler.headers.get("User-Agent", "")))
            replies = self._routes.get(path)
            reply = (replies.pop(0) if len(replies) > 1 else replies[0]) if replies else None
        if reply is None:
            reply = Reply(status=404, body=b"Not Found")
        body = reply.body
        headers = dict(reply.headers)
        accepts_gzip = "gzip" in handler.headers.get("Accept-Encoding", "")
        compress = reply.status == 200 and accepts_gzip and not reply.stall
        if compress and not {"Content-Encoding", "Content-Length"} & headers.keys():
            body = gzip.compress(body)
            headers["Content-Encoding"] = "gzip"
        handler.send_response(reply.status)
        for name, value in headers.items():
            handler.send_header(name, value)
        if "Content-Length" not in headers:
            length = len(body) * (1000 if reply.stall else 1)
            handler.send_header("Content-Length", str(length))
        handler.end_headers()
        try:
            handler.wfile.write(body)
            handler.wfile.flush()
            if reply.stall:
                self._release.wait()
        except OSError:
            pass  # the client went away (cancelled, timed out)


def running_server() -> Iterator[EdgarServer]:
    server = EdgarServer().start()
    try:
        yield server
    finally:
        server.stop()
