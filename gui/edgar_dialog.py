"""File > Get from EDGAR…: find a company, list its annual reports, pick two, compare.

The person types a ticker, a company name or a CIK (completed from SEC's ticker list as last
downloaded), chooses the form and presses List. The table shows the company's annual reports,
newest first: fiscal year, form (amendments marked), period of report, filing date, accession.
Selecting two (or more) and pressing Compare downloads them (from the cache when they were
downloaded before) and hands their paths to the window through `filings_ready`.

Everything that may touch the network runs in gui.edgar_worker with a progress bar and
Cancel; the dialog never waits. SEC asks for a contact e-mail with every request: the dialog
asks for it once and keeps it in the settings.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import cast

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.edgar.archive import Download, Edgar
from core.edgar.client import EdgarClient, check_user_agent
from core.edgar.companies import Company
from core.edgar.submissions import AnnualReport
from core.errors import FactorDiffError
from core.model import Progress
from core.progress import share_of
from gui.edgar_worker import EdgarTasks, Work
from gui.settings import Settings

# The forms one can choose (core.edgar.submissions.FORM_FAMILIES), as the list shows them.
FORM_LABELS = {"10-K": "10-K (and 10-K405, 10-KSB, 10-KT)", "20-F": "20-F"}
# The table's columns, in order.
COLUMNS = ("Fiscal year", "Form", "Period", "Filed", "Accession")
CONTACT_KEY = "edgar/contact"
_COMPLETED_CIK = re.compile(r"\(CIK (\d+)\)$")
# How many companies the completer offers as one types.
_COMPLETIONS_SHOWN = 12

# Builds the Edgar the dialog uses for a contact ("Name e-mail"); tests pass their own.
EdgarFactory = Callable[[str], Edgar]


def default_edgar(contact: str) -> Edgar:
    return Edgar(EdgarClient(contact))


def completed_query(text: str) -> str:
    """What to look up for a completion: 'TSLA — Tesla, Inc. (CIK 1318605)' -> 'TSLA', a
    company without a ticker by its CIK; anything typed by hand as it is."""
    if " — " in text:
        return text.split(" — ", 1)[0].strip()
    match = _COMPLETED_CIK.search(text)
    return match.group(1) if match else text


def report_row(report: AnnualReport) -> tuple[str, ...]:
    """The table cells of one report: ('2023', '10-K', '2023-12-31', '2024-01-29', '0001…')."""
    year = str(report.fiscal_year) if report.fiscal_year is not None else "?"
    form = f"{report.form} (amendment)" if report.amendment else report.form
    return (year, form, report.report_date or "—", report.filing_date, report.accession)


class EdgarDialog(QDialog):
    """Get filings from EDGAR.

    Signals:
        filings_ready(list): the downloaded filings' paths, oldest fiscal year first.
    """

    filings_ready = Signal(list)

    def __init__(
        self,
        settings: Settings,
        parent: QWidget | None = None,
        *,
        edgar_factory: EdgarFactory = default_edgar,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("edgarDialog")
        self.setWindowTitle("Get from EDGAR")
        self._settings = settings
        self._edgar_factory = edgar_factory
        self._reports: tuple[AnnualReport, ...] = ()
        self._company: Company | None = None
        # The running job's number and what to do with its result.
        self._done: tuple[int, Callable[[object], None]] = (0, lambda _result: None)
        self._working_edgar: Edgar | None = None  # the Edgar the running job uses
        self.tasks = EdgarTasks(self)
        self._build()
        self._connect_signals()
        self._load_completions()
        self._set_busy(False)

    # Building -----------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.addLayout(self._build_search())
        # Only now: a form layout sets each label's buddy to its field (none for a row that
        # holds a layout) when it is installed.
        self._company_caption.setBuddy(self.company_edit)
        self.company_label = QLabel()
        self.company_label.setTextFormat(Qt.TextFormat.PlainText)  # names come from EDGAR
        bold = QFont(self.company_label.font())
        bold.setBold(True)
        self.company_label.setFont(bold)
        layout.addWidget(self.company_label)
        layout.addWidget(self._build_table(), 1)
        layout.addLayout(self._build_status())
        self.buttons = QDialogButtonBox()
        self.compare_button = self.buttons.addButton(
            "C&ompare", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.compare_button.setToolTip("Download the selected reports and compare them")
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        layout.addWidget(self.buttons)
        self.resize(760, 520)

    def _build_search(self) -> QFormLayout:
        self.company_edit = QLineEdit()
        self.company_edit.setObjectName("edgarCompany")
        self.company_edit.setPlaceholderText("Ticker, company name or CIK, e.g. TSLA")
        self.completions = QStringListModel(self)
        completer = QCompleter(self.completions, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setMaxVisibleItems(_COMPLETIONS_SHOWN)
        self.company_edit.setCompleter(completer)
        self.form_box = QComboBox()
        self.form_box.setObjectName("edgarForm")
        for family, label in FORM_LABELS.items():
            self.form_box.addItem(label, family)
        self.list_button = QPushButton("&List Filings")
        self.list_button.setDefault(True)
        self.contact_edit = QLineEdit(str(self._settings.get(CONTACT_KEY)))
        self.contact_edit.setObjectName("edgarContact")
        self.contact_edit.setPlaceholderText("Your name and e-mail, e.g. Jane Doe jane@example.com")
        self.contact_edit.setToolTip(
            "SEC asks every program that downloads from EDGAR to name a contact. "
            "It is sent with each request and kept in FactorDiff's settings."
        )

        search = QHBoxLayout()
        search.addWidget(self.company_edit, 1)
        search.addWidget(self.form_box)
        search.addWidget(self.list_button)
        form = QFormLayout()
        self._company_caption = QLabel("&Company:")
        form.addRow(self._company_caption, search)
        form.addRow("Contact for &SEC:", self.contact_edit)
        return form

    def _build_table(self) -> QTableWidget:
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("edgarReports")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        return self.table

    def _build_status(self) -> QHBoxLayout:
        self.status = QLabel("Type a company and press List Filings.")
        self.status.setObjectName("edgarStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(200)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setToolTip("Stop; nothing already downloaded is lost")
        status_row = QHBoxLayout()
        status_row.addWidget(self.status, 1)
        status_row.addWidget(self.progress)
        status_row.addWidget(self.cancel_button)
        return status_row

    def _connect_signals(self) -> None:
        self.list_button.clicked.connect(self.list_filings)
        self.company_edit.returnPressed.connect(self.list_filings)
        self.form_box.currentIndexChanged.connect(self._form_changed)
        self.cancel_button.clicked.connect(self.cancel)
        self.compare_button.clicked.connect(self.compare_selected)
        self.buttons.rejected.connect(self.reject)
        self.table.itemSelectionChanged.connect(self._update_compare_button)
        self.tasks.finished.connect(self._on_finished)
        self.tasks.progress.connect(self._on_progress)
        self.tasks.cancelled.connect(self._on_cancelled)
        self.tasks.failed.connect(self._on_failed)

    # Using --------------------------------------------------------------------------------

    def list_filings(self) -> None:
        """Look the company up and list its reports of the chosen form, in the background."""
        query = self.company_edit.text().strip()
        if not query:
            self._say("Type a ticker (TSLA), a company name or a CIK first.")
            self.company_edit.setFocus()
            return
        edgar = self._edgar()
        if edgar is None:
            return
        query = completed_query(query)
        form = str(self.form_box.currentData())

        def work(progress: Progress) -> tuple[Company, tuple[AnnualReport, ...]]:
            company = edgar.find_company(query, progress=share_of(progress, 0, 1, total=3))
            reports = edgar.annual_reports(
                company, form=form, progress=share_of(progress, 1, 3, total=3)
            )
            return company, reports

        self._run(edgar, work, self._on_listed, f"Looking up {query} on EDGAR…")

    def compare_selected(self) -> None:
        """Download the selected reports (cached ones open at once) and hand them over."""
        chosen = self.selected_reports()
        if len(chosen) < 2:
            self._say("Select two annual reports to compare (Ctrl+click the second one).")
            return
        edgar = self._edgar()
        if edgar is None:
            return

        def work(progress: Progress) -> list[Download]:
            downloads = []
            for number, filing in enumerate(chosen):
                part = share_of(progress, number, number + 1, total=len(chosen))
                downloads.append(edgar.download(filing, progress=part))
            return downloads

        self._run(edgar, work, self._on_downloaded, f"Downloading {len(chosen)} filings…")

    def selected_reports(self) -> list[AnnualReport]:
        """The selected reports, oldest fiscal year first."""
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        chosen = [self._reports[row] for row in rows if row < len(self._reports)]
        return sorted(chosen, key=lambda r: (r.fiscal_year or 0, r.filing_date))

    def reports(self) -> tuple[AnnualReport, ...]:
        return self._reports

    def cancel(self) -> None:
        """Stop the lookup or download: the dialog is free at once, and a download that waits
        on a stalled server is cut off so its thread ends too."""
        self.tasks.cancel()
        if self._working_edgar is not None:
            self._working_edgar.abort()

    def shutdown(self, msecs: int = 2000) -> None:
        """Cancel what runs and wait a little for its thread (on closing the window)."""
        self.cancel()
        self.tasks.wait(msecs)

    # Inner workings -----------------------------------------------------------------------

    def _edgar(self) -> Edgar | None:
        """EDGAR for the contact typed (kept in the settings), or None after asking for one."""
        contact = " ".join(self.contact_edit.text().split())
        try:
            check_user_agent(contact)
        except FactorDiffError:
            # Without a contact, what is cached still answers; say why nothing else can.
            self._say(
                "SEC asks every program that downloads from EDGAR for a contact: type your "
                "name and e-mail under Contact for SEC (it is kept for next time)."
            )
            self.contact_edit.setFocus()
            return None
        self._settings.set(CONTACT_KEY, contact)
        return self._edgar_factory(contact)

    def _run(self, edgar: Edgar, work: Work, done: Callable[[object], None], say: str) -> None:
        """Start `work` (using `edgar`) in the background; `done` gets its result on the UI
        thread."""
        self.cancel()
        self._working_edgar = edgar
        self._done = (self.tasks.start(work), done)
        self._say(say)
        self._set_busy(True)

    def _on_finished(self, number: int, result: object) -> None:
        job, done = self._done
        if number != job:
            return
        self._set_busy(False)
        done(result)

    def _on_listed(self, result: object) -> None:
        company, reports = cast(tuple[Company, tuple[AnnualReport, ...]], result)
        self._company, self._reports = company, reports
        self._fill_table()
        self._load_completions()
        form = str(self.form_box.currentData())
        name = reports[0].company if reports else company.name
        self.company_label.setText(f"{name} (CIK {company.cik})")
        if reports:
            self._say(
                f"{len(reports)} annual reports ({form} and its variants; amendments marked). "
                "Select two and press Compare."
            )
        else:
            self._say(f"{name} has filed no {form} on EDGAR. Try the other form.")

    def _on_downloaded(self, result: object) -> None:
        downloads = cast(list[Download], result)
        cached = sum(download.from_cache for download in downloads)
        note = f" ({cached} from the cache)" if cached else ""
        self._say(f"Downloaded {len(downloads)} filings{note}; comparing…")
        self.filings_ready.emit([Path(download.path) for download in downloads])

    def _fill_table(self) -> None:
        self.table.clearSelection()
        self.table.setRowCount(len(self._reports))
        for row, report in enumerate(self._reports):
            for column, text in enumerate(report_row(report)):
                item = QTableWidgetItem(text)
                if report.amendment:
                    font = item.font()
                    font.setItalic(True)
                    item.setFont(font)
                    item.setToolTip("An amendment: it may hold only the parts that changed")
                self.table.setItem(row, column, item)
        self._update_compare_button()

    def _load_completions(self) -> None:
        """Completion from the ticker list as last downloaded (read from disk, no network)."""
        try:
            companies = Edgar(None).cached_companies()
        except OSError:
            companies = ()
        self.completions.setStringList([company.label() for company in companies])

    def _form_changed(self) -> None:
        if self._company is not None and not self.tasks.busy():
            self.list_filings()

    def _update_compare_button(self) -> None:
        count = len(self.table.selectionModel().selectedRows())
        self.compare_button.setEnabled(count >= 2 and not self.tasks.busy())

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _on_cancelled(self, _number: int) -> None:
        self._set_busy(False)
        self._say("Cancelled. Filings already downloaded are kept in the cache.")

    def _on_failed(self, _number: int, error: BaseException) -> None:
        self._set_busy(False)
        if isinstance(error, FactorDiffError):
            self._say(str(error))
        else:
            self._say(f"Unexpected failure ({type(error).__name__}: {error})")

    def _set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        if busy:
            self.progress.setRange(0, 0)
        self.list_button.setEnabled(not busy)
        self._update_compare_button()

    def _say(self, text: str) -> None:
        self.status.setText(text)
