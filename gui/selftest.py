"""`FactorDiff --selftest`: prove a build works, without a person and without a display.

It compares the bundled sample filings through the real window (loader thread, tree, panes),
waits until the new pane has painted them, exports the comparison to a PDF in a temporary
folder and checks the file, reads a small HTML filing (the samples are text), and checks that
the bundled font is registered. It prints one line
and returns 0, or prints the reason to stderr and returns 1. The packaged app runs it in CI
(packaging/smoke.sh); it never touches the user's settings.
"""

from __future__ import annotations

import os
import re
import ssl
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QEventLoop, QSettings, QTimer

from core.diff import words as worddiff
from core.edgar.archive import default_cache_folder
from core.edgar.client import EdgarClient, EdgarHosts
from core.model import Comparison
from core.read.document import read_document
from gui.app import PaintWatch, make_application
from gui.fonts import register_bundled_fonts
from gui.main_window import MainWindow
from gui.paths import sample_filings
from gui.printing import export_pdf
from gui.settings import Settings

# The whole test takes about a second; a wait this long means something hangs.
TIMEOUT_MS = 60_000
FAST_ENGINE = "fast_diff_match_patch"
_PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![s\w])")
_HTML_CHECK = (
    '<html><body><p style="font-weight:bold">Item 1A. Risk Factors</p>'
    "<p>Our costs may rise.</p></body></html>"
)


class SelfTestError(Exception):
    """A check of the self-test failed; the message says which and why."""


def run_selftest() -> int:
    """Run every check; one line on stdout when all pass, the failure on stderr otherwise."""
    started = time.perf_counter()
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        with tempfile.TemporaryDirectory(prefix="factordiff-selftest-") as folder:
            line = _checks(Path(folder), started)
    except Exception as error:
        print(f"selftest FAILED: {type(error).__name__}: {error}", file=sys.stderr)
        return 1
    print(line, flush=True)
    return 0


def _checks(folder: Path, started: float) -> str:
    # A build that lost the compiled word diff still works, 10-25 times slower: fail instead.
    if worddiff.ENGINE_NAME != FAST_ENGINE:
        raise SelfTestError(f"the compiled word diff ({FAST_ENGINE}) is missing from this build")
    app = make_application([])
    families = register_bundled_fonts()
    if app.windowIcon().pixmap(32, 32).isNull():
        raise SelfTestError("the application icon did not load (resources/icons, Qt SVG)")
    if not families:
        raise SelfTestError("no bundled font was registered (resources/fonts missing?)")

    settings = Settings(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))
    window = MainWindow(settings=settings)
    window.resize(1400, 900)
    window.show()
    comparison = _compare_until_painted(window, *sample_filings())
    painted = time.perf_counter() - started
    size = window.size()
    image = window.grab()
    if image.isNull() or image.width() < 200:
        raise SelfTestError("the window could not be rendered")

    pdf = folder / "comparison.pdf"
    export_pdf(comparison, pdf)
    pages = _pdf_pages(pdf)
    _check_html_reader(folder)
    _check_edgar(window)
    window.close()
    app.processEvents()

    return (
        f"selftest ok: {len(comparison.old.factors)} vs {len(comparison.new.factors)} factors, "
        f"{len(comparison.factor_pairs)} pairs, window painted {size.width()}x{size.height()} "
        f"in {painted:.2f} s, PDF {pages} pages {pdf.stat().st_size // 1024} KB, "
        f"font {families[0]}, diff {worddiff.ENGINE_NAME}, {time.perf_counter() - started:.2f} s"
    )


def _check_html_reader(folder: Path) -> None:
    """The HTML parser (lexbor, compiled into selectolax) is in the build and the reader gets
    a filing's paragraphs and looks through it: the samples are text and do not use it."""
    path = folder / "reader-check.htm"
    path.write_text(_HTML_CHECK, encoding="utf-8")
    blocks = read_document(path).blocks
    if [block.text for block in blocks] != ["Item 1A. Risk Factors", "Our costs may rise."]:
        raise SelfTestError("the HTML reader read a two-paragraph filing wrong")
    if blocks[0].style.bold != 1.0:
        raise SelfTestError("the HTML reader lost a heading's bold type")


def _check_edgar(window: MainWindow) -> None:
    """The EDGAR pieces are in the build: the dialog opens, the HTTP client (urllib3, TLS)
    and the per-user cache folder (platformdirs) can be set up. No request is made."""
    window.get_from_edgar()
    dialog = window.edgar_dialog
    if dialog is None or dialog.form_box.count() < 2:
        raise SelfTestError("File > Get from EDGAR… did not open its dialog")
    dialog.hide()
    EdgarClient("FactorDiff selftest selftest@example.com", hosts=EdgarHosts())
    if not ssl.create_default_context().verify_mode:
        raise SelfTestError("TLS certificate checks are off in this build")
    if not str(default_cache_folder()):
        raise SelfTestError("no per-user cache folder for EDGAR downloads")


def _compare_until_painted(window: MainWindow, old: Path, new: Path) -> Comparison:
    """Start the comparison in the window and return it once the new pane has painted it."""
    loop = QEventLoop()
    failure: list[str] = []

    def failed(_request: object, error: BaseException) -> None:
        failure.append(f"comparing the samples failed: {error}")
        loop.quit()

    def timed_out() -> None:
        failure.append(f"the comparison was not painted within {TIMEOUT_MS // 1000} s")
        loop.quit()

    watch = PaintWatch(window, loop.quit)
    window.loader.failed.connect(failed)
    QTimer.singleShot(TIMEOUT_MS, timed_out)
    window.compare(old, new)
    loop.exec()
    watch.stop()
    comparison = window.comparison()
    if failure:
        raise SelfTestError(failure[0])
    if comparison is None or not comparison.pairs:
        raise SelfTestError("the samples compared to nothing")
    return comparison


def _pdf_pages(pdf: Path) -> int:
    """Check `pdf` is a complete PDF with pages; return how many."""
    data = pdf.read_bytes() if pdf.is_file() else b""
    if not data.startswith(b"%PDF-"):
        raise SelfTestError(f"{pdf.name} is not a PDF ({len(data)} bytes)")
    if b"%%EOF" not in data[-1024:]:
        raise SelfTestError(f"{pdf.name} is cut short (no %%EOF)")
    # Qt embeds a font program (/FontFile2) or, for fonts it cannot subset, Type3 glyphs.
    if b"/FontFile" not in data and b"/Type3" not in data:
        raise SelfTestError(f"{pdf.name} embeds no font: its text would not show (no usable font)")
    pages = len(_PAGE_OBJECT.findall(data))
    if pages < 2:
        raise SelfTestError(f"{pdf.name} has {pages} pages; a summary and the pairs were expected")
    return pages
