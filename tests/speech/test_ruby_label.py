"""RubyLabel: furigana painted over kanji, reflow by width, plain accessible name."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPalette
from PySide6.QtWidgets import QVBoxLayout, QWidget

from trainer.reading.engine import Reader
from trainer.widgets.ruby_label import RUBY_SCALE, RubyLabel

TEXT = "今日は｜都城《みやこのじょう》市で、ATMから1,000円を引き出しました。「取り消し」は押さないでください。"


def font(px: int) -> QFont:
    result = QFont("BIZ UDGothic")
    result.setPixelSize(px)
    return result


@pytest.fixture
def make_label(qtbot):
    def make(text=TEXT, px=28, **kwargs) -> RubyLabel:
        label = RubyLabel(text, reader=Reader(), font=font(px), **kwargs)
        qtbot.addWidget(label)
        palette = label.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor("white"))
        palette.setColor(QPalette.ColorRole.WindowText, QColor("black"))
        label.setPalette(palette)
        label.setAutoFillBackground(True)
        return label

    return make


def ink_rows(image: QImage, x0: int, x1: int, y0: int, y1: int) -> int:
    """How many rows of the box hold a dark pixel."""
    rows = 0
    for y in range(max(0, y0), min(image.height(), y1)):
        if any(QColor(image.pixel(x, y)).lightness() < 128 for x in range(max(0, x0), min(image.width(), x1))):
            rows += 1
    return rows


def ruby_band(px: int) -> int:
    small = font(px)
    small.setPixelSize(round(px * RUBY_SCALE))
    return int(QFontMetricsF(small).height())


@pytest.mark.parametrize("px", [19, 28, 44, 66])
def test_furigana_are_painted_above_kanji_only(make_label, px):
    label = make_label("今日はありがとう", px=px)
    label.resize(px * 12, label.heightForWidth(px * 12))
    image = label.grab().toImage()
    band = ruby_band(px)
    kanji_width = int(QFontMetricsF(font(px)).horizontalAdvance("今日"))
    assert ink_rows(image, 0, kanji_width, 0, band) > band // 3, "no furigana over 今日"
    assert ink_rows(image, kanji_width + px, image.width(), 0, band) == 0, "furigana over kana"
    assert ink_rows(image, 0, image.width(), band, image.height()) > px // 2, "no text under the furigana"


def test_furigana_can_be_switched_off(make_label):
    label = make_label("今日は")
    with_ruby = label.heightForWidth(400)
    label.setFurigana(False)
    assert not label.furigana()
    assert label.heightForWidth(400) < with_ruby
    assert label.heightForWidth(400) == int(QFontMetricsF(font(28)).height() + 0.999)  # one line, no band
    label.resize(400, label.heightForWidth(400))
    image = label.grab().toImage()
    first_ink = next(y for y in range(image.height()) if ink_rows(image, 0, 400, y, y + 1))
    assert first_ink < ruby_band(28) // 2  # the text itself sits at the top


def test_height_for_width_grows_as_width_shrinks(make_label):
    label = make_label()
    heights = [label.heightForWidth(width) for width in (1600, 800, 400, 200, 100)]
    assert heights == sorted(heights)
    assert heights[-1] > 3 * heights[0]
    assert label.hasHeightForWidth()


def test_layouts_reflow_through_height_for_width(qtbot, make_label):
    label = make_label()
    box = QWidget()
    qtbot.addWidget(box)
    QVBoxLayout(box).addWidget(label)
    assert box.layout().hasHeightForWidth()
    assert box.layout().heightForWidth(200) > box.layout().heightForWidth(800)


def test_nothing_is_drawn_past_the_width(make_label):
    label = make_label()
    for width in (90, 150, 333, 700):
        layout = label._layout(width)
        for item in layout.placed:
            assert item.x + item.piece.width <= width + 0.5 or len(item.piece.text) == 1 or item.piece.ruby


def test_text_sizes_scale_the_layout(make_label):
    small, large = make_label(px=19), make_label(px=57)
    assert large.heightForWidth(100_000) > 2.5 * small.heightForWidth(100_000)
    assert large.sizeHint().width() > small.sizeHint().width()


def test_accessible_name_is_the_plain_text(make_label):
    label = make_label()
    plain = "今日は都城市で、ATMから1,000円を引き出しました。「取り消し」は押さないでください。"
    assert label.accessibleName() == plain
    assert label.text() == plain
    label.setText("大人《おとな》の料金")
    assert label.accessibleName() == "大人の料金"


def test_author_readings_reach_the_furigana(make_label):
    label = make_label("都城市")
    assert [(w.surface, w.kana) for w in label.words()][0] == ("都城", "みやこのじょう")
    label.setReader(Reader({"都城": "とじょう"}))
    assert [(w.surface, w.kana) for w in label.words()][0] == ("都城", "とじょう")


def test_the_spoken_word_is_highlighted(make_label):
    label = make_label("今日は都城市です")
    label.resize(500, label.heightForWidth(500))
    highlight = label.palette().color(QPalette.ColorRole.Highlight)

    def highlighted_pixels() -> int:
        image = label.grab().toImage()
        return sum(1 for x in range(0, image.width(), 2) for y in range(0, image.height(), 2)
                   if QColor(image.pixel(x, y)) == highlight)

    assert highlighted_pixels() == 0
    label.highlightWord(3, 2)  # 都城
    assert highlighted_pixels() > 50
    label.clearHighlight()
    assert highlighted_pixels() == 0


def test_punctuation_never_starts_a_line(make_label):
    label = make_label("あいうえおかきくけこさしすせそ。たちつてと")
    metrics = QFontMetricsF(font(28))
    width = int(metrics.horizontalAdvance("あいうえおかきくけこさしすせそ")) + 2
    layout = label._layout(width)
    starts = {}
    for item in layout.placed:
        starts.setdefault(item.line, item.piece.text)
    assert all(not text.startswith("。") for text in starts.values())


def test_labels_showing_the_same_text_share_one_layout_per_width_and_font(make_label, monkeypatch):
    first = make_label()
    height = first.heightForWidth(300)
    measured: list[str] = []
    real = QFontMetricsF.horizontalAdvance

    def counting(self, *args):
        measured.append(args[0] if args else "")
        return real(self, *args)

    monkeypatch.setattr(QFontMetricsF, "horizontalAdvance", counting)
    again = make_label()  # the same text on the next pass over the catalogue
    assert again.heightForWidth(300) == height
    assert again._layout(300) is first._layout(300)
    assert measured == [], "nothing is measured twice"
    narrower = again.heightForWidth(200)  # another width: laid out again from the words measured before
    assert narrower > height and measured == []
    bigger = make_label(px=40)  # another font is measured on its own
    assert bigger.heightForWidth(300) > height and measured
    plain_text = make_label(furigana=False)
    assert plain_text.heightForWidth(300) < height, "without furigana the lines need no ruby band"


def test_painting_a_part_draws_that_part_exactly_as_painting_the_whole(make_label):
    """The label draws only the pieces near the part Qt asks it to paint (a tall label in a scroll area,
    one word's shading changing); inside that part every pixel is the same as when all of it is painted."""
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QPixmap, QRegion

    label = make_label(TEXT * 3, px=40)
    label.resize(420, label.heightForWidth(420))
    label.highlightWord(12, 4)
    whole = label.grab().toImage()
    height = label.height()
    for part in (QRect(0, 0, 420, 30), QRect(0, height // 3, 420, 57), QRect(100, height // 2, 90, 41),
                 QRect(0, height - 25, 420, 25)):
        pixmap = QPixmap(label.size())
        pixmap.fill(QColor("red"))
        label.render(pixmap, part.topLeft(), QRegion(part))  # (the part lands at the offset given)
        image = pixmap.toImage()
        different = [(x, y) for y in range(part.top(), part.bottom() + 1) for x in range(part.left(), part.right() + 1)
                     if image.pixel(x, y) != whole.pixel(x, y)]
        assert different == [], f"{len(different)} pixels differ in {part}"


def test_moving_the_highlight_repaints_the_words_it_leaves_and_reaches(qtbot, make_label, monkeypatch):
    from PySide6.QtCore import QRect

    label = make_label("今日は都城市です。明日は都城駅から電車に乗ります。", px=40)
    label.resize(300, label.heightForWidth(300))
    asked: list[QRect] = []
    real = RubyLabel.update

    def noting(self, *args):
        asked.append(QRect(args[0]) if args else self.rect())
        return real(self, *args)

    monkeypatch.setattr(RubyLabel, "update", noting)
    label.highlightWord(3, 2)  # 都城
    first = label._shaded_rect()
    label.highlightWord(12, 2)  # the second 都城, on another line
    second = label._shaded_rect()
    label.clearHighlight()
    assert not first.isEmpty() and not second.isEmpty() and not first.intersects(second)
    assert asked[0].contains(first)
    assert asked[1].contains(first) and asked[1].contains(second), "the old shading goes, the new one comes"
    assert asked[2].contains(second)
    assert all(rect.height() < label.height() or rect.width() < label.width() for rect in asked[:1])
