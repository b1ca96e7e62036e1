"""The window's commands as data: typed ids, one handler callable each."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMainWindow, QMenu
from pytestqt.qtbot import QtBot

from gui.actions import ACTIONS, MENUS, TOOLBAR, ActionId, Handler, build_actions, build_menus

pytestmark = pytest.mark.gui


def recording_handlers(calls: list[tuple[ActionId, object]]) -> dict[ActionId, Handler]:
    handlers: dict[ActionId, Handler] = {}
    for spec in ACTIONS:
        if spec.checkable:
            handlers[spec.id] = lambda on, id=spec.id: calls.append((id, on))
        else:
            handlers[spec.id] = lambda id=spec.id: calls.append((id, None))
    return handlers


def test_every_id_has_one_spec_and_every_menu_entry_is_an_action() -> None:
    assert [spec.id for spec in ACTIONS] == list(ActionId)
    placed = {entry for _title, entries in MENUS for entry in entries} | set(TOOLBAR)
    assert {entry for entry in placed if isinstance(entry, ActionId)} == set(ActionId)


def test_each_action_runs_its_own_handler(qtbot: QtBot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    calls: list[tuple[ActionId, object]] = []
    actions = build_actions(window, recording_handlers(calls))
    for spec in ACTIONS:
        actions[spec.id].trigger()
    # A checkable action passes its new state: ticked by the first use.
    assert calls == [(spec.id, True if spec.checkable else None) for spec in ACTIONS]


def test_a_command_without_a_handler_is_refused_when_the_window_is_built(qtbot: QtBot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    handlers = recording_handlers([])
    del handlers[ActionId.RELOAD]
    with pytest.raises(KeyError, match="reload"):
        build_actions(window, handlers)


def test_menus_are_returned_by_title_for_later_entries(qtbot: QtBot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    actions = build_actions(window, recording_handlers([]))
    menus = build_menus(window, actions, QMenu("Open &Recent", window))
    assert list(menus) == ["File", "Edit", "View", "Go", "Review", "Help"]
    assert actions[ActionId.FIND] in menus["Go"].actions()
