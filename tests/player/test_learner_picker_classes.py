"""The learner picker's class chooser with a city's 200 classes: laid out once, made once.

Regression: closing the instructor area cost 0.6–1 s of UI-thread CPU. The picker's answer (read
on a worker thread) came while the page was shown, and its 201 class buttons were added to the
open chooser one by one; Qt lays out a shown widget's parents each time a child is shown, so the
chooser's ``FlowLayout`` went over up to 201 buttons 240 times. The buttons were also made again
on every refresh (each key typed in the search box) though the classes had not changed.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt

from trainer.app.learner_picker import MAX_TILES, LearnerPicker
from trainer.progress.learners import GroupInfo, LearnerInfo
from trainer.widgets.look import Look

CLASSES = 200


class _CitySource:
    """A record's answers, asked on a worker thread like the real record."""

    off_thread = True

    def __init__(self, learners: int) -> None:
        self.groups = [GroupInfo(uuid.uuid4(), f"教室 {i:03d}", 100) for i in range(CLASSES)]
        self.people = [LearnerInfo(uuid.uuid4(), f"都城 {i}", None, None) for i in range(learners)]

    def list_groups(self) -> list[GroupInfo]:
        return list(self.groups)

    def list_learners(self, group_id: uuid.UUID | None = None) -> list[LearnerInfo]:
        return [p for p in self.people if group_id is None or p.group_id == group_id]

    def find_learners(self, group_id, text, limit) -> list[LearnerInfo]:
        return [p for p in self.list_learners(group_id) if not text or text in p.display_name][:limit]


def _shown_picker(qtbot, source: _CitySource) -> tuple[LearnerPicker, list[int]]:
    """The picker shown before its answer comes (as when the instructor area closes), and a list
    that gets the number of buttons each pass of the class chooser's layout went over."""
    picker = LearnerPicker(source, look=Look())
    qtbot.addWidget(picker)
    passes: list[int] = []
    row = picker._groups_row
    layout_once = row._do_layout

    def counted(rect, apply):
        passes.append(row.count())
        return layout_once(rect, apply)

    row._do_layout = counted  # (the answer is queued: nothing is laid out before the event loop runs)
    picker.resize(1280, 860)
    picker.show()
    qtbot.waitExposed(picker)
    qtbot.waitUntil(lambda: picker.loaded)
    picker.grab()  # laid out and painted
    return picker, passes


def test_200_classes_arriving_at_a_shown_page_are_laid_out_a_few_times_not_once_per_button(qtbot):
    picker, passes = _shown_picker(qtbot, _CitySource(learners=MAX_TILES * 4))
    assert picker.classes.isVisible(), "too many names: the classes are opened for the learner"
    assert len(picker._group_buttons.buttons()) == CLASSES + 1
    full = [n for n in passes if n > CLASSES // 2]
    assert len(full) <= 12, f"the chooser's layout went over its buttons {len(full)} times (once per button?)"
    assert sum(passes) <= 12 * (CLASSES + 1)


def test_unchanged_classes_are_not_made_again_and_a_renamed_class_keeps_its_button(qtbot):
    source = _CitySource(learners=MAX_TILES * 4)
    picker, passes = _shown_picker(qtbot, source)
    before = picker._group_buttons.buttons()
    assert picker.group_buttons_made == CLASSES + 1
    passes.clear()
    with qtbot.waitSignal(picker.names_shown):
        picker.refresh()
    picker.grab()
    assert picker.group_buttons_made == CLASSES + 1, "the same classes: no button made again"
    assert picker._group_buttons.buttons() == before
    assert sum(passes) <= 12 * (CLASSES + 1)

    renamed = source.groups[5]
    source.groups[5] = GroupInfo(renamed.id, "高崎地区センター", renamed.learner_count)
    source.groups.append(GroupInfo(uuid.uuid4(), "出張講座", 3))
    with qtbot.waitSignal(picker.names_shown):
        picker.refresh()
    buttons = picker._group_buttons.buttons()
    assert buttons[:len(before)] == before and len(buttons) == CLASSES + 2
    assert picker.group_buttons_made == CLASSES + 2, "only the new class's button is made"
    assert buttons[6].text() == buttons[6].accessibleName() == "高崎地区センター"
    assert buttons[6].property("group_id") == renamed.id
    qtbot.mouseClick(buttons[6], Qt.MouseButton.LeftButton)  # the renamed button still chooses its class
    qtbot.waitUntil(lambda: "高崎地区センター" in picker.class_button.text())
    assert not picker.classes.isVisible()


def test_folded_classes_are_made_when_the_chooser_is_opened(qtbot):
    source = _CitySource(learners=MAX_TILES // 2)  # all names fit: the classes stay folded
    picker, _passes = _shown_picker(qtbot, source)
    assert len(picker.tiles) == MAX_TILES // 2 and not picker.classes.isVisible()
    assert picker.class_button.isVisible()
    assert picker.group_buttons_made == 0, "folded: no class button made yet"
    qtbot.mouseClick(picker.class_button, Qt.MouseButton.LeftButton)
    assert picker.classes.isVisible()
    buttons = picker._group_buttons.buttons()
    assert len(buttons) == CLASSES + 1 and picker.group_buttons_made == CLASSES + 1
    assert buttons[0].isChecked() and buttons[0].property("group_id") is None  # 「全員」 is chosen
    qtbot.mouseClick(picker.class_button, Qt.MouseButton.LeftButton)  # folded and opened again: the same buttons
    qtbot.mouseClick(picker.class_button, Qt.MouseButton.LeftButton)
    assert picker._group_buttons.buttons() == buttons and picker.group_buttons_made == CLASSES + 1


def test_classes_opened_again_for_many_names_leave_the_focus_in_the_search_box(qtbot):
    picker, _passes = _shown_picker(qtbot, _CitySource(learners=MAX_TILES * 4))
    picker.activateWindow()
    picker.search.setFocus()
    qtbot.waitUntil(picker.search.hasFocus)
    with qtbot.waitSignal(picker.names_shown):
        qtbot.keyClicks(picker.search, "1")
    assert picker.tiles and not picker.classes.isVisible(), "names found: the classes fold away"
    with qtbot.waitSignal(picker.names_shown):
        qtbot.keyClick(picker.search, Qt.Key.Key_Backspace)
    assert picker.classes.isVisible(), "nothing typed and too many names: the classes open again"
    assert picker.search.hasFocus(), "the learner was typing: the focus stays in the search box"
