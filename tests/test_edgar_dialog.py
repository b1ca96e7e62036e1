"""File > Get from EDGAR…, driven as a person would, against the local EDGAR replay."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from pytestqt.qtbot import QtBot

from core.edgar.archive import Edgar
from core.edgar.client import EdgarClient
from gui.edgar_dialog import CONTACT_KEY, EdgarDialog
from gui.main_window import MainWindow
from gui.settings import Settings
from tests.edgar_server import CONTACT, NEWEST, TICKERS_PATH, EdgarServer

pytestmark = pytest.mark.gui

WAIT_MS = 60_000  # a bound for a hung test, not a speed requirement


def _dialog(qtbot: QtBot, contact: str = CONTACT) -> EdgarDialog:
    settings = Settings()
    settings.set(CONTACT_KEY, contact)
    dialog = EdgarDialog(settings)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _list(qtbot: QtBot, dialog: EdgarDialog, query: str) -> None:
    dialog.company_edit.setText(query)
    qtbot.mouseClick(dialog.list_button, Qt.MouseButton.LeftButton)


def _row_texts(dialog: EdgarDialog, row: int) -> list[str]:
    return [dialog.table.item(row, column).text() for column in range(dialog.table.columnCount())]


def _select(dialog: EdgarDialog, *rows: int) -> None:
    model = dialog.table.model()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in rows:
        dialog.table.selectionModel().select(model.index(row, 0), flags)


def test_lists_a_company_s_annual_reports(qtbot: QtBot, edgar: EdgarServer) -> None:
    dialog = _dialog(qtbot)
    _list(qtbot, dialog, "tsla")
    qtbot.waitUntil(lambda: dialog.table.rowCount() > 0, timeout=WAIT_MS)
    assert dialog.company_label.text() == "Tesla, Inc. (CIK 1318605)"
    assert _row_texts(dialog, 0) == ["2024", "10-K", "2024-12-31", "2025-01-30", NEWEST[0][0]]
    rows = [_row_texts(dialog, row) for row in range(dialog.table.rowCount())]
    amended = [row for row in rows if row[1] == "10-K/A (amendment)"]
    assert [row[0] for row in amended] == ["2021", "2020", "2019", "2011"]
    assert "annual reports" in dialog.status.text()
    # The ticker list now completes what one types.
    assert "TSLA — Tesla, Inc. (CIK 1318605)" in dialog.completions.stringList()
    assert not dialog.compare_button.isEnabled()  # nothing selected yet
    assert {agent for _path, agent in edgar.requests} == {CONTACT}


def test_picking_two_reports_compares_them_in_the_window(qtbot: QtBot, edgar: EdgarServer) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.settings.set(CONTACT_KEY, CONTACT)
    window.show()
    window.actions_by_id["get_from_edgar"].trigger()
    dialog = window.edgar_dialog
    assert dialog is not None and dialog.isVisible()
    _list(qtbot, dialog, "Tesla")
    qtbot.waitUntil(lambda: dialog.table.rowCount() > 0, timeout=WAIT_MS)
    _select(dialog, 0, 1)
    assert dialog.compare_button.isEnabled()
    qtbot.mouseClick(dialog.compare_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: window.comparison() is not None and not window.showing(), timeout=WAIT_MS
    )
    comparison = window.comparison()
    assert comparison is not None
    assert (comparison.old.fiscal_year, comparison.new.fiscal_year) == (2023, 2024)
    assert not dialog.isVisible()
    tip = window.headers.labels[1].toolTip()
    assert "From EDGAR: Tesla, Inc. (CIK 1318605), 10-K filed 2025-01-30" in tip
    assert NEWEST[0][0] in tip and "tsla-20241231.htm" in tip
    window.close()


def test_a_stalled_server_can_be_cancelled_and_the_dialog_stays_live(
    qtbot: QtBot, edgar: EdgarServer
) -> None:
    edgar.stall(TICKERS_PATH)
    settings = Settings()
    settings.set(CONTACT_KEY, CONTACT)
    # A read timeout far beyond the wait below: only cutting the download off ends the thread.
    dialog = EdgarDialog(
        settings, edgar_factory=lambda contact: Edgar(EdgarClient(contact, read_timeout=600))
    )
    qtbot.addWidget(dialog)
    dialog.show()
    _list(qtbot, dialog, "TSLA")
    qtbot.waitUntil(lambda: len(edgar.requests) == 1, timeout=WAIT_MS)
    assert dialog.cancel_button.isVisible() and not dialog.list_button.isEnabled()
    # The event loop keeps running while the request hangs: a timer still fires.
    ticks: list[int] = []
    QTimer.singleShot(10, lambda: ticks.append(1))
    qtbot.waitUntil(lambda: bool(ticks), timeout=WAIT_MS)
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert dialog.status.text().startswith("Cancelled")
    assert dialog.list_button.isEnabled() and not dialog.cancel_button.isVisible()
    # The stalled download was cut off: its thread ends while the server still stalls.
    assert dialog.tasks.wait(WAIT_MS)  # a bound for a hung test; the read would wait 600 s
    assert dialog.status.text().startswith("Cancelled")  # its late failure was dropped


def test_without_a_contact_nothing_is_requested(qtbot: QtBot, edgar: EdgarServer) -> None:
    dialog = _dialog(qtbot, contact="")
    _list(qtbot, dialog, "TSLA")
    assert "SEC asks every program" in dialog.status.text()
    assert dialog.contact_edit.hasFocus() or not dialog.isActiveWindow()
    assert edgar.requests == []
    # Typed once, it is kept in the settings for next time.
    dialog.contact_edit.setText(CONTACT)
    _list(qtbot, dialog, "TSLA")
    qtbot.waitUntil(lambda: dialog.table.rowCount() > 0, timeout=WAIT_MS)
    assert Settings().get(CONTACT_KEY) == CONTACT


@pytest.mark.parametrize(
    ("query", "form", "expected"),
    [
        ("ZZZZQ", "10-K", "no company on EDGAR's ticker list matches 'ZZZZQ'"),
        ("TSLA", "20-F", "Tesla, Inc. has filed no 20-F on EDGAR"),
    ],
)
def test_what_edgar_does_not_have_is_said_plainly(
    qtbot: QtBot, edgar: EdgarServer, query: str, form: str, expected: str
) -> None:
    dialog = _dialog(qtbot)
    dialog.form_box.setCurrentIndex(dialog.form_box.findData(form))
    _list(qtbot, dialog, query)
    qtbot.waitUntil(lambda: not dialog.tasks.busy(), timeout=WAIT_MS)
    assert expected in dialog.status.text()
    assert dialog.table.rowCount() == 0


def test_offline_the_error_says_what_still_works(qtbot: QtBot, edgar: EdgarServer) -> None:
    edgar.stop()
    dialog = _dialog(qtbot)
    _list(qtbot, dialog, "TSLA")
    qtbot.waitUntil(lambda: not dialog.tasks.busy(), timeout=WAIT_MS)
    assert "EDGAR could not be reached" in dialog.status.text()
    assert "the filings already downloaded still open" in dialog.status.text()


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("TSLA — Tesla, Inc. (CIK 1318605)", "TSLA"),  # a completion with a ticker
        ("Some Trust (CIK 42)", "42"),  # a company without a ticker: its CIK
        ("tesla", "tesla"),  # typed by hand
    ],
)
def test_a_completion_is_looked_up_by_ticker_or_cik(text: str, query: str) -> None:
    from gui.edgar_dialog import completed_query

    assert completed_query(text) == query


def test_every_form_family_can_be_chosen() -> None:
    from core.edgar.submissions import FORM_FAMILIES
    from gui.edgar_dialog import FORM_LABELS

    assert set(FORM_LABELS) == set(FORM_FAMILIES)


def test_ctrl_shift_g_is_get_from_edgar_alone(qtbot: QtBot) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    keys = {
        action_id: {sequence.toString() for sequence in action.shortcuts()}
        for action_id, action in window.actions_by_id.items()
    }
    assert keys["get_from_edgar"] == {"Ctrl+Shift+G"}
    assert all(
        "Ctrl+Shift+G" not in found for action, found in keys.items() if action != "get_from_edgar"
    )
    assert "Shift+F3" in keys["find_previous"]  # Find Previous keeps its own key
