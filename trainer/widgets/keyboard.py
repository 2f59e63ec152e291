"""An on-screen keyboard: a phone's 12-key kana pad with flicks, and letters.

The kana pad works like a smartphone's: tap a key for its first kana (あ),
or flick — left い, up う, right え, down お. Tapping the same key again
cycles through its row (あ→い→う…) until another key, 「→」 or 改行 is pressed;
「小゛゜」 turns the last kana small or voiced. Nothing here uses a timer.
A phone's letters are the same 12-key pad in its 英数 layout (「@#/&_」「ABC」「DEF」 …), tapped or
flicked the same way, with 「a/A」 turning the last letter into a capital; elsewhere the letter pad
gives a–z, digits and the marks used in e-mail addresses.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QMouseEvent, QPainter
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from trainer.widgets.accessibility import add_action
from trainer.widgets.arrow_nav import ArrowNavigator
from trainer.widgets.button import BigButton, focus_width
from trainer.widgets.flow import FlowLayout
from trainer.widgets.look import Look
from trainer.widgets.radio_group import RadioGroup
from trainer.widgets.text_layout import laid_out, line_height, text_size

if TYPE_CHECKING:  # (a type only: not imported at run time)
    from PySide6.QtCore import SignalInstance

KEY_PAD_X = 5
"""Left and right padding inside a flick key around its guide kana, at 100%."""

KEY_ROOM_X = 18
"""Width a flick key adds to its kana (main and two guides) for its padding, at 100%."""

SIDE_KEY_NARROWEST = 36
"""Narrowest a side key gets at 100% (never under 44 px, WCAG's target size)."""

KEY_SPACING = 5
"""Spacing between the keys of the Latin keyboard, at 100%."""

KANA_ROWS = {
    "あ": "あいうえお", "か": "かきくけこ", "さ": "さしすせそ", "た": "たちつてと", "な": "なにぬねの",
    "は": "はひふへほ", "ま": "まみむめも", "や": "や（ゆ）よ", "ら": "らりるれろ", "わ": "わをんー",
    "、": "、。？！",
}
KANA_LAYOUT = (("あ", "か", "さ"), ("た", "な", "は"), ("ま", "や", "ら"), ("modify", "わ", "、"))
FLICK = {"tap": 0, "left": 1, "up": 2, "right": 3, "down": 4}

LETTER_ROWS = {
    "@#/&_": "@#/&_1", "ABC": "abc2", "DEF": "def3", "GHI": "ghi4", "JKL": "jkl5", "MNO": "mno6",
    "PQRS": "pqrs7", "TUV": "tuv8", "WXYZ": "wxyz9", "'\"()": "'\"()0", ".,?!": ".,?!",
}
"""A phone's 12-key 英数 pad: each key's face and what its taps give in turn (the face's letters, small,
then the key's digit, as on a keitai: 「ABC」 a → b → c → 2); its flicks give the same, as the kana's do."""
LETTER_LAYOUT = (("@#/&_", "ABC", "DEF"), ("GHI", "JKL", "MNO"), ("PQRS", "TUV", "WXYZ"),
                 ("case", "'\"()", ".,?!"))


def letter_taps(char: str) -> tuple[str, int, bool]:
    """The letter-pad key (its face), how many taps make ``char``, and whether 「a/A」 then makes it a capital."""
    small = char.lower()
    for face, row in LETTER_ROWS.items():
        if small in row:
            return face, row.index(small) + 1, char != small
    raise ValueError(f"{char!r} is not on the letter pad")

_MODIFY_CYCLES = (
    "かが", "きぎ", "くぐ", "けげ", "こご", "さざ", "しじ", "すず", "せぜ", "そぞ", "ただ", "ちぢ", "つっづ", "てで",
    "とど", "はばぱ", "ひびぴ", "ふぶぷ", "へべぺ", "ほぼぽ", "あぁ", "いぃ", "うぅゔ", "えぇ", "おぉ", "やゃ",
    "ゆゅ", "よょ", "わゎ",
)


def modify_kana(char: str) -> str:
    """The next form of ``char`` for 「小゛゜」: か→が→か, は→ば→ぱ→は, つ→っ→づ→つ."""
    for cycle in _MODIFY_CYCLES:
        if char in cycle:
            return cycle[(cycle.index(char) + 1) % len(cycle)]
    return char


def flick_direction(dx: float, dy: float, threshold: float) -> str:
    """"tap" for a short move, else the main direction of the move."""
    if max(abs(dx), abs(dy)) < threshold:
        return "tap"
    if abs(dx) >= abs(dy):
        return "left" if dx < 0 else "right"
    return "up" if dy < 0 else "down"


FLICKS = ("left", "up", "right", "down")
"""Flick directions in the order of a key's kana after the first (い う え お)."""
FLICK_KEYS = {Qt.Key.Key_Left: "left", Qt.Key.Key_Up: "up", Qt.Key.Key_Right: "right", Qt.Key.Key_Down: "down"}


KEY_LABEL_LEAST = 0.5
"""The smallest a key's label is drawn to stay on one line, as a share of its text size (never under 10 px)."""


class KeyButton(BigButton):
    """A key of an on-screen keyboard or keypad: its label always on one line (「削除」, not 「削 / 除」),
    drawn smaller when the key is narrow (down to ``KEY_LABEL_LEAST`` of its size), with a thin padding,
    the way a phone's keys carry their short names."""

    def _compute_padding(self) -> tuple[int, int]:
        return self._look.space.xxs, self._look.space.xxs

    def fitted_font(self, width: int | None = None):
        """The label's font at ``width`` (the key's own width by default): the role's size, or as much
        smaller as keeps the label on one line."""
        width = self.width() if width is None else width
        cache = self.__dict__.setdefault("_fitted", {})
        found = cache.get((width, self.text()))
        if found is None:
            font = self.look.font(self._role, bold=self._bold)
            room = max(1, width - self._chrome_width())
            natural, _ = text_size(font, self.text())
            if natural > room:
                least = max(10, round(font.pixelSize() * KEY_LABEL_LEAST))
                font.setPixelSize(max(least, int(font.pixelSize() * room / natural)))
                while font.pixelSize() > least and text_size(font, self.text())[0] > room:
                    font.setPixelSize(font.pixelSize() - 1)
            found = cache[(width, self.text())] = font
        return found

    def _font(self):
        return self.fitted_font()

    def _icon_size(self) -> int:  # from the role's size: the fitted size depends on the room the icon leaves
        if self._icon_px is not None or self._icon_top:
            return super()._icon_size()
        return int(line_height(self._font_cache) * 1.15)

    def _height_for(self, width: int) -> int:
        _, pad_v = self._padding()
        font = self.fitted_font(width)
        height = len(laid_out(font, self.text(), max(1, width - self._chrome_width()))) * line_height(font)
        height += 2 * pad_v + 2 * focus_width(self._look)
        if self._icon_top and self._icon:
            height += self._icon_size() + self._look.space.md  # as BigButton paints it
        elif self._icon:
            height = max(height, self._icon_size() + 2 * pad_v + 2 * focus_width(self._look))
        return max(height, self._look.target)

    def label_lines(self) -> int:
        """How many lines the label is drawn on at the key's size (1 when it fits, as it should)."""
        return len(laid_out(self._font(), self.text(), max(1, self.width() - self._chrome_width())))


class KanaKey(KeyButton):
    """One key of the 12-key pad; a kana key shows its flick kana small around the main one, a letter
    key (``row`` given) only its face, large (「ABC」), as a phone's 英数 pad draws it."""

    flicked = Signal(str, str)
    """(key, direction): the key was tapped ("tap") or flicked ("left", "up" ...)."""

    def __init__(self, key: str, look: Look, row: str | None = None, guides: bool = True,
                 parent: QWidget | None = None) -> None:
        super().__init__(key, look, style="secondary", role="large", bold=True, compact=True, parent=parent)
        self.key = key
        self.row = KANA_ROWS.get(key, "") if row is None else row
        self.guides = guides
        """Whether the flick kana are drawn around the face (a letter key's face already lists its letters)."""
        self._press: QPointF | None = None
        self.clicked.connect(lambda: self.flicked.emit(self.key, "tap"))
        row = self.row
        if len(row) > 1:  # flicks without a finger: Shift + an arrow key, or the screen reader's actions
            self.setAccessibleDescription(look.tr("kb.flick_keys"))
            for index, direction in enumerate(FLICKS, start=1):
                if index < len(row):
                    add_action(self, look.tr(f"kb.flick.{direction}", kana=row[index]),
                               self._flick_to(direction))

    def _flick_to(self, direction: str) -> Callable[[], None]:
        """The screen reader's action that flicks this key towards ``direction``."""
        return lambda: self.flicked.emit(self.key, direction)

    def keyPressEvent(self, event) -> None:
        direction = FLICK_KEYS.get(event.key())
        shifted = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        if direction is not None and shifted and FLICKS.index(direction) + 1 < len(self.row):
            event.accept()
            self.flicked.emit(self.key, direction)
            return
        super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press = event.position()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        start, self._press = self._press, None
        if start is not None and event.button() == Qt.MouseButton.LeftButton:
            delta = event.position() - start
            direction = flick_direction(delta.x(), delta.y(), max(12.0, self.width() * 0.3))
            if direction != "tap":
                self.setDown(False)
                event.accept()
                self.flicked.emit(self.key, direction)
                return
        super().mouseReleaseEvent(event)

    def hitButton(self, pos) -> bool:
        return True  # a flick may end outside the key; it still belongs to it

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        row = self.row
        if len(row) < 2 or not self.guides:
            return
        painter = QPainter(self)
        font = self.look.font("small")
        font.setPixelSize(self.guide_px())
        painter.setFont(font)
        painter.setPen(self.look.colour("secondary_text"))
        pad_x, pad_y = self.look.px(KEY_PAD_X), self.look.space.xs
        r = QRectF(pad_x, pad_y, self.width() - 2 * pad_x, self.height() - 2 * pad_y)
        room = self._room()
        if self.width() >= room.width() and self.height() >= room.height():
            r = QRectF((self.width() - room.width()) / 2 + pad_x, (self.height() - room.height()) / 2 + pad_y,
                       room.width() - 2 * pad_x, room.height() - 2 * pad_y)
        spots = {1: Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                 2: Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter,
                 3: Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                 4: Qt.AlignmentFlag.AlignBottom | Qt.AlignmentFlag.AlignHCenter}
        for index, align in spots.items():
            if index < len(row):
                painter.drawText(r, align, row[index])
        painter.end()

    def guide_px(self) -> int:
        """Pixel size of the four flick kana around the main one: the small text size when
        the key has room, smaller on a narrow key — never left out (at 300 % they guide most)."""
        small, large = self.look.size("small"), self.look.size("large")
        spare = min(self.width() - large - self.look.space.md, self.height() - large - self.look.space.sm) / 2
        return int(max(min(small, spare), self.min_guide_px()))

    def _room(self) -> QSize:
        """Room for the main kana with its four flick kana around it."""
        found = self.__dict__.get("_room_cache")
        if found is None:
            small, large = self.look.size("small"), self.look.size("large")
            found = self.__dict__["_room_cache"] = QSize(large + 2 * small + self.look.px(KEY_ROOM_X),
                                                         large + 2 * small + self.look.space.wide)
        return found

    def sizeHint(self) -> QSize:
        return self._room()

    def minimumSizeHint(self) -> QSize:
        """Narrow screens with big text: the main kana with its flick kana drawn at half size around it."""
        large, guide = self.look.size("large"), self.min_guide_px()
        return QSize(max(self.look.target, large + 2 * guide + self.look.space.xs),
                     max(self.look.target, large + 2 * guide + self.look.space.sm))

    def min_guide_px(self) -> int:
        return int(max(9, self.look.size("small") * 0.4))

    def heightForWidth(self, width: int) -> int:
        room = self._room()
        wanted = room.height() if width >= room.width() else self.minimumSizeHint().height()
        return max(super().heightForWidth(width), wanted)

    def text_fits(self) -> bool:
        return self.width() >= self.minimumSizeHint().width() and self.height() >= self.heightForWidth(self.width())


class SideKey(KeyButton):
    """A key of the pad's side columns (→, ⌫, 空白, 改行): as tall as the kana keys, and on a
    narrow phone as narrow as 44 px (WCAG's target size; a third more than that at 300 %) so the
    five columns of a real 12-key pad fit."""

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        narrowest = max(44, self.look.px(SIDE_KEY_NARROWEST))
        return QSize(max(narrowest, min(hint.width(), narrowest)), hint.height())


class TwelveKeyPad(QWidget):
    """A phone's 12-key pad: three columns of keys tapped (again and again: multi-tap) or flicked,
    → on the left, and the right-hand column of 削除, 空白 and 改行; a phone's (``compact``) left column
    also holds the key that switches the pad and 「閉じる」. ``KanaPad`` and ``LetterPad`` fill it."""

    typed = Signal(str)
    """A new character to add."""
    replaced = Signal(str)
    """Replace the last character with this one (cycling, 小゛゜ or a/A)."""
    deleted = Signal()
    """⌫ was pressed: remove the last character."""
    closed = Signal()
    """「閉じる」 (the compact pad's key) was pressed."""

    SPACE = "　"
    """What 空白 types."""
    GUIDES = True
    """Whether a key draws what its flicks give around its face."""

    def __init__(self, look: Look, rows: dict[str, str], layout: tuple[tuple[str, ...], ...],
                 compact: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._look = look
        self._rows = rows
        self._cycling: tuple[str, int] | None = None  # key being multi-tapped, index in its row
        self._last = ""
        self.keys: dict[str, BigButton] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(min(look.space.xs, 6))  # five columns of keys across a phone's narrow screen
        for r, row in enumerate(layout):
            for c, key in enumerate(row):
                button: BigButton
                if key in rows:
                    flick = KanaKey(key, look, row=rows[key], guides=self.GUIDES)
                    flick.flicked.connect(self._flick)
                    button = flick
                else:
                    button = self._own_key(key)
                self.keys[key] = button
                grid.addWidget(button, r, c + 1)
        confirm = SideKey("→", look, style="secondary", role="large", bold=True, compact=True)
        confirm.setAccessibleName(f"→　{look.tr('kb.next_char')}")  # a name, not just an arrow
        confirm.setToolTip(look.tr("kb.next"))
        confirm.clicked.connect(self.confirm)
        self.keys["confirm"] = confirm
        grid.addWidget(confirm, 0, 0)

        def side(key: str, word: str, pressed: Callable[[], object] | SignalInstance, row: int, column: int,
                 rows: int = 1, **style: Any) -> SideKey:
            button = SideKey(look.tr(word), look, style="secondary", role="small", bold=True, compact=True, **style)
            button.clicked.connect(pressed)
            self.keys[key] = button
            grid.addWidget(button, row, column, rows, 1)
            return button

        # the right-hand column of a phone's 12-key pad: ⌫, 空白 (変換 while converting), 改行
        side("delete", "kb.erase", self._delete, 0, 4).setToolTip(look.tr("pad.delete"))
        side("space", "kb.space", self._space, 1, 4)
        side("newline", "kb.newline", self._newline, 2, 4, 2, icon="enter", icon_top=True, icon_px=22)
        if compact:  # a phone's left column: →, then the keys that switch the pad and put it away
            key, word, pressed = self._switch_key()
            side(key, word, pressed, 1, 0)
            side("close", "kb.close", self.closed, 2, 0)
        for column in range(1, 4):
            grid.setColumnStretch(column, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(4, 1)
        # Left / Right in reading order (row by row, as the grid shows them), Up / Down by position
        def place(key: QWidget) -> tuple[int, int]:  # (row, column); the stub says getItemPosition returns object
            return cast(tuple[int, int, int, int], grid.getItemPosition(grid.indexOf(key)))[:2]

        in_order = sorted(self.keys.values(), key=place)
        self._arrows = ArrowNavigator(in_order, self)

    def _own_key(self, key: str) -> BigButton:
        """The pad's own key at ``key``'s place among the character keys (小゛゜, a/A)."""
        raise NotImplementedError

    def _switch_key(self) -> tuple[str, str, SignalInstance]:
        """The compact pad's key that switches to the other pad: (its name, its word, its signal)."""
        raise NotImplementedError

    def confirm(self) -> None:
        """End multi-tap cycling: the next tap starts a new character."""
        self._cycling = None

    def _flick(self, key: str, direction: str) -> None:
        row = self._rows[key]
        if direction == "tap" and self._cycling and self._cycling[0] == key:
            index = (self._cycling[1] + 1) % len(row)
            self._cycling = (key, index)
            self._last = row[index]
            self.replaced.emit(self._last)
            return
        index = min(FLICK[direction], len(row) - 1)
        self._cycling = (key, index) if direction == "tap" else None
        self._last = row[index]
        self.typed.emit(self._last)

    def _change_last(self, change: Callable[[str], str]) -> None:
        """小゛゜ or a/A: the last character in its other form (when it has one); the next tap starts anew."""
        if self._last:
            changed = change(self._last)
            if changed != self._last:
                self._last = changed
                self.replaced.emit(changed)
        self._cycling = None

    def _delete(self) -> None:
        self.forget()
        self.deleted.emit()

    def _space(self) -> None:
        """空白 (変換 in a real keyboard while kana wait to be converted; the practice converts on screen)."""
        self.forget()
        self.typed.emit(self.SPACE)

    def _newline(self) -> None:
        """改行: with characters still being typed it settles them (確定), as on a phone; a one-line
        practice field has no second line to go to."""
        self.forget()

    def forget(self) -> None:
        """The text changed elsewhere (deleted, typed): stop cycling."""
        self._cycling = None
        self._last = ""


class KanaPad(TwelveKeyPad):
    """The 12-key kana pad."""

    to_latin = Signal()
    """「英数」 (the compact pad's key) was pressed: letters instead of kana."""

    def __init__(self, look: Look, compact: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(look, KANA_ROWS, KANA_LAYOUT, compact, parent)

    def _own_key(self, key: str) -> BigButton:
        button = KeyButton(self._look.tr("kb.small"), self._look, style="secondary", role="body", bold=True,
                           compact=True)
        button.clicked.connect(self._modify)
        return button

    def _switch_key(self) -> tuple[str, str, SignalInstance]:
        return "latin", "kb.latin", self.to_latin

    def _modify(self) -> None:
        self._change_last(modify_kana)


class LetterPad(TwelveKeyPad):
    """A phone's letters: the 12-key pad in its 英数 layout (「@#/&_」「ABC」「DEF」 / 「GHI」「JKL」「MNO」 /
    「PQRS」「TUV」「WXYZ」 / 「a/A」「'"()」「.,?!」), tapped again and again or flicked like the kana pad;
    「a/A」 turns the last letter into a capital and back, as on a Japanese smartphone."""

    to_kana = Signal()
    """「かな」 was pressed: kana instead of letters."""

    SPACE = " "
    GUIDES = False  # the face lists the letters already

    def __init__(self, look: Look, parent: QWidget | None = None) -> None:
        super().__init__(look, LETTER_ROWS, LETTER_LAYOUT, compact=True, parent=parent)
        for face, row in LETTER_ROWS.items():
            self.keys[face].setAccessibleDescription(look.tr("kb.letter_taps", letters="・".join(row)))

    def _own_key(self, key: str) -> BigButton:
        button = KeyButton(self._look.tr("kb.case"), self._look, style="secondary", role="large", bold=True,
                           compact=True)
        button.setAccessibleName(self._look.tr("kb.case_name"))
        button.clicked.connect(self._case)
        return button

    def _switch_key(self) -> tuple[str, str, SignalInstance]:
        return "kana", "kb.kana", self.to_kana

    def _case(self) -> None:
        self._change_last(str.swapcase)


class LatinPad(QWidget):
    """Letters, digits and the marks of e-mail addresses and web addresses."""

    typed = Signal(str)

    def __init__(self, look: Look, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._look = look
        self._upper = False
        self.keys: dict[str, BigButton] = {}
        layout = FlowLayout(self, spacing=look.px(KEY_SPACING), centre=True)
        for char in "1234567890qwertyuiopasdfghjklzxcvbnm@.-_/:":
            key = BigButton(char, look, style="secondary", role="large")
            key.clicked.connect(lambda _=False, c=char: self._type(c))
            self.keys[char] = key
            layout.addWidget(key)
        shift = BigButton("ABC", look, style="secondary", indicator="check")
        shift.toggled.connect(self._shift)
        self.keys["shift"] = shift
        layout.addWidget(shift)

    def _shift(self, on: bool) -> None:
        self._upper = on
        for char, key in self.keys.items():
            if len(char) == 1 and char.isalpha():
                key.setText(char.upper() if on else char)

    def _type(self, char: str) -> None:
        self.typed.emit(char.upper() if self._upper else char)


class OnScreenKeyboard(QWidget):
    """Kana and letter pads, each with 「空白」 and ⌫ 「1字消す」; reports edits only."""

    typed = Signal(str)
    replaced = Signal(str)
    deleted = Signal()

    closed = Signal()
    """The phone's 「閉じる」 key was pressed: put the keyboard away."""

    def __init__(self, look: Look, latin_first: bool = False, compact: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.compact = compact
        """A phone's keyboard: 「英数」 and 「閉じる」 are keys of the kana pad's left column, as on a
        phone, not a row above it (the keys, the field and the button after it share a small screen)."""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(look.space.sm)
        self.switch_row = QWidget()
        switch = QHBoxLayout(self.switch_row)
        switch.setContentsMargins(0, 0, 0, 0)
        self.kana_button = BigButton(look.tr("kb.kana"), look, style="secondary", indicator="radio")
        self.latin_button = BigButton(look.tr("kb.latin"), look, style="secondary", indicator="radio")
        self._kinds = RadioGroup(self)  # one Tab stop; arrow keys between 「かな」 and 「英数」
        self._kinds.addButton(self.kana_button)
        self._kinds.addButton(self.latin_button)
        switch.addWidget(self.kana_button)
        switch.addWidget(self.latin_button)
        switch.addStretch(1)
        layout.addWidget(self.switch_row)
        self._look = look
        self._layout = layout
        self.kana = KanaPad(look, compact=compact)
        self.kana.to_latin.connect(lambda: self.latin_button.setChecked(True))
        self.kana.closed.connect(self.closed)
        self.latin: LatinPad | LetterPad | None = None  # built the first time letters are asked for
        self.kana.typed.connect(self.typed)
        self.kana.replaced.connect(self.replaced)
        self.kana.deleted.connect(self.deleted)
        layout.addWidget(self.kana)
        self.edit_row = QWidget()
        edit = QHBoxLayout(self.edit_row)
        edit.setContentsMargins(0, 0, 0, 0)
        space = BigButton(look.tr("kb.space"), look, style="secondary")
        space.clicked.connect(lambda: self._latin_typed(" "))
        delete = BigButton(look.tr("pad.delete"), look, style="secondary", icon="backspace")
        delete.clicked.connect(self._delete)
        edit.addWidget(space, 1)
        edit.addWidget(delete, 1)
        layout.addWidget(self.edit_row)
        (self.latin_button if latin_first else self.kana_button).setChecked(True)
        self._show(latin_first)
        self.kana_button.toggled.connect(lambda on: self._show(not on))

    def _show(self, latin: bool) -> None:
        if latin and self.latin is None:
            self.latin = self._letters()
            self._layout.insertWidget(self._layout.indexOf(self.kana) + 1, self.latin)
        self.kana.setVisible(not latin)
        self.switch_row.setVisible(not self.compact)  # a phone's pads have their own 「英数」 and 「かな」
        self.edit_row.setVisible(latin and not self.compact)  # the 12-key pads have their own ⌫ and 空白
        if self.latin is not None:
            self.latin.setVisible(latin)
        self.kana.forget()
        if isinstance(self.latin, LetterPad):
            self.latin.forget()

    def _letters(self) -> LatinPad | LetterPad:
        """A phone's 12-key 英数 pad, in the kana pad's place and size; elsewhere the letter keys."""
        if self.compact:
            pad = LetterPad(self._look)
            pad.typed.connect(self.typed)
            pad.replaced.connect(self.replaced)
            pad.deleted.connect(self.deleted)
            pad.to_kana.connect(lambda: self.kana_button.setChecked(True))
            pad.closed.connect(self.closed)
            return pad
        latin = LatinPad(self._look)
        latin.typed.connect(self._latin_typed)
        return latin

    def _latin_typed(self, char: str) -> None:
        self.kana.forget()
        self.typed.emit(char)

    def _delete(self) -> None:
        self.kana.forget()
        self.deleted.emit()
