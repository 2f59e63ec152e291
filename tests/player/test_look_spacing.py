"""The named spacings of a look are the pixel numbers they replace, at every text size."""

from __future__ import annotations

import pytest

from trainer.widgets.look import SPACE, TEXT_SCALES, Look


@pytest.mark.parametrize("percent", TEXT_SCALES)
def test_each_named_spacing_is_its_number_at_the_looks_scale(percent):
    look = Look(scale=percent / 100)
    space = look.space
    assert {name: getattr(space, name) for name in SPACE} == {name: look.px(value) for name, value in SPACE.items()}
    assert [space.xs, space.sm, space.md, space.lg, space.xl, space.xxl] == [
        look.px(4), look.px(6), look.px(8), look.px(10), look.px(16), look.px(24)]


def test_the_spacings_grow_with_the_text_and_keep_their_order():
    small, large = Look(scale=1.0).space, Look(scale=3.0).space
    assert [small.xs, small.sm, small.md, small.lg, small.xl, small.xxl] == [4, 6, 8, 10, 16, 24]
    assert [large.xs, large.sm, large.md, large.lg, large.xl, large.xxl] == [12, 18, 24, 30, 48, 72]


def test_every_named_pen_width_is_its_value_at_the_look_scale():
    from trainer.widgets.look import LINE

    for scale in (1.0, 2.0, 3.0):
        look = Look(scale=scale)
        line = look.line
        assert {name: getattr(line, name) for name in LINE} == {name: look.px(v) for name, v in LINE.items()}
    assert Look(scale=3.0).line.thick == 9
