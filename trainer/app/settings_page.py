"""Settings, changeable at any time, applied at once: text size, colours,
furigana, read-aloud (voice, speed, volume when a voice is available),
easy Japanese, language. Every choice is a big button, nothing is hidden
in a drop-down, and the change shows immediately on this very page."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QWidget

from trainer.app.pages import NAV_MAX_SCALE, ScrollPage, heading_role
from trainer.app.settings import Settings
from trainer.widgets.accessibility import Holder, set_role
from trainer.widgets.button import BigButton
from trainer.widgets.flow import FlowLayout
from trainer.widgets.labels import Box, TextBlock
from trainer.widgets.look import TEXT_SCALES, Look
from trainer.widgets.radio_group import RadioGroup
from trainer.widgets.theme import THEMES

RATES = ((0.75, "settings.slower"), (1.0, "settings.normal"), (1.3, "settings.faster"))
VOLUMES = ((0.5, "settings.quieter"), (0.8, "settings.normal"), (1.0, "settings.louder"))


class SettingsPage(ScrollPage):
    """All settings on one scrolling page."""

    changed = Signal(object)
    """The learner changed something (the new ``Settings``); the window applies and saves it."""
    closed = Signal()
    voice_tried = Signal()

    def __init__(self, settings: Settings, look: Look, voices: list[Any] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(look, parent)
        self.settings = settings
        top = QWidget()
        row = FlowLayout(top, spacing=look.space.gap)
        title = set_role(TextBlock(look.tr("settings.title"), look, role=heading_role(look), colour="text",
                                   bold=True), "heading")
        self.close_top = BigButton(look.tr("settings.done"), look, style="secondary", icon="check")
        self.close_top.clicked.connect(self.closed)
        row.addWidget(title)
        row.addWidget(self.close_top)
        row.set_greedy(title)
        self.body.addWidget(top)
        self.close_button = BigButton(look.tr("settings.done"), look, style="primary", icon="check")
        self.close_button.clicked.connect(self.closed)
        self.options: dict[str, dict[Any, BigButton]] = {}
        self._groups: list[RadioGroup] = []
        box = self._section("settings.text_size", "text_scale", [(s, f"{s}%") for s in TEXT_SCALES])
        self.sample = TextBlock(look.tr("settings.sample"), look, role="large", colour="surface_text")
        box.box_layout.addWidget(self.sample)
        self._section("settings.theme", "theme",
                      [(name, t.label_en if look.lang == "en" else t.label_ja) for name, t in THEMES.items()])
        self._toggle("settings.furigana", "furigana")
        self._toggle("settings.easy", "easy")
        self._toggle("settings.read_aloud", "read_aloud")
        if voices is not None and settings.read_aloud:
            if voices:
                self._section("settings.voice", "voice", [(None, look.tr("settings.voice_default"))] + [
                    (getattr(v, "id", str(v)), getattr(v, "name", str(v))) for v in voices])
            self._section("settings.rate", "rate", [(v, look.tr(k)) for v, k in RATES], nearest=True)
            self._section("settings.volume", "volume", [(v, look.tr(k)) for v, k in VOLUMES], nearest=True)
            self.try_voice = BigButton(look.tr("settings.try_voice"), look, icon="speaker")
            self.try_voice.clicked.connect(self.voice_tried)
            self.body.addWidget(self.try_voice, 0, Qt.AlignmentFlag.AlignLeft)
        self._section("settings.language", "lang", [("ja", look.tr("settings.lang_ja")),
                                                    ("en", look.tr("settings.lang_en"))])
        from trainer.app.switch_access import SwitchSettings

        self.switch_settings = SwitchSettings(self)  # one group: switch access (see switch_access.py)
        self.body.addWidget(self.switch_settings)
        self.body.addWidget(self.close_button)
        self.body.addStretch(1)

    def _box(self, title_key: str) -> Box:
        box = Box(self.look, fill="surface", border="border", padding=16)
        box.box_layout.addWidget(set_role(TextBlock(self.look.tr(title_key), self.look, role="large",
                                                    colour="surface_text", bold=True), "heading"))
        self.body.addWidget(box)
        return box

    def _section(self, title_key: str, field: str, choices: list[tuple[Any, str]], nearest: bool = False) -> Box:
        box = self._box(title_key)
        holder = Holder()
        flow = FlowLayout(holder, spacing=self.look.space.lg)
        group = RadioGroup(self, holder, self.look.tr(title_key))  # named: three 「ふつう」 are told apart
        self._groups.append(group)
        current = getattr(self.settings, field)
        if field == "lang":
            current = current or self.look.lang
        if nearest and choices:
            current = min((value for value, _ in choices), key=lambda v: abs(v - float(current)))
        buttons: dict[Any, BigButton] = {}
        for value, text in choices:
            button = BigButton(text, self.look, style="plain", indicator="radio")
            group.addButton(button)
            button.setChecked(value == current)
            button.clicked.connect(lambda _=False, f=field, v=value: self._set(f, v))
            flow.addWidget(button)
            buttons[value] = button
        box.box_layout.addWidget(holder)
        self.options[field] = buttons
        return box

    def _toggle(self, title_key: str, field: str) -> None:
        button = BigButton(self.look.tr(title_key), self.look, style="plain", indicator="check", align_left=True)
        button.setChecked(bool(getattr(self.settings, field)))
        button.toggled.connect(lambda on, f=field: self._set(f, on))
        self.body.addWidget(button)
        self.options[field] = {True: button}

    def _set(self, field: str, value: Any) -> None:
        if getattr(self.settings, field) == value:
            return
        self.settings = replace(self.settings, **{field: value})
        self.changed.emit(self.settings)


class FirstStartPage(ScrollPage):
    """The very first screen: choose a text size, seeing each size as it is."""

    chosen = Signal(int)
    """The learner confirmed a text size (percent)."""
    previewed = Signal(int)
    """The learner pressed a size to try it (percent); the window re-draws in that size."""

    def __init__(self, look: Look, current: int = 100, parent: QWidget | None = None) -> None:
        super().__init__(look, parent)
        self.current = current
        # The question stays above the sizes while a size is tried (at 300 % the sizes fill the
        # page): in words that grow only up to the top bar's size, so that it stays one or two lines.
        top_look = look.with_(scale=min(look.scale, NAV_MAX_SCALE))
        self.question = set_role(TextBlock(look.tr("first.heading"), top_look,
                                           role=heading_role(top_look, "heading"), colour="text", bold=True),
                                 "heading")
        self.pin_top(self.question)
        self.body.addWidget(TextBlock(look.tr("first.note"), look, colour="text"))
        self.options: dict[int, BigButton] = {}
        holder = Holder()
        group = RadioGroup(self, holder, look.tr("settings.text_size"))
        flow = FlowLayout(holder, spacing=look.space.gap)
        for scale in TEXT_SCALES:
            preview = look.with_(scale=scale / 100)
            button = BigButton(look.tr("first.option", n=scale), preview, style="plain", indicator="radio",
                               align_left=True, role="body")
            group.addButton(button)
            button.setChecked(scale == current)
            button.clicked.connect(lambda _=False, s=scale: self._preview(s))
            self.options[scale] = button
            flow.addWidget(button)
        self.body.addWidget(holder)
        self.go = BigButton(look.tr("first.go"), look, style="primary", icon="right")
        self.go.clicked.connect(lambda: self.chosen.emit(self.current))
        self.pin(self.go)  # always on screen, whatever the size being tried
        self.body.addStretch(1)

    def reveal_choice(self) -> None:
        """After a size was tried (the page is drawn again), keep the choice and 「この大きさではじめる」 in view."""
        content = self.widget()
        if content is not None:
            content.adjustSize()
        self.ensureWidgetVisible(self.options[self.current], 20, 20)

    def _preview(self, scale: int) -> None:
        if scale != self.current:
            self.current = scale
            self.previewed.emit(scale)
