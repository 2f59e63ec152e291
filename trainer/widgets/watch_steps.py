"""What the hand does in watch mode (「見てみる」), in words: shown beside the step, read aloud,
and printed on the handout (「見てみる: 「支払う」を押します。」). No Qt."""

from __future__ import annotations

from trainer.reading.ruby import plain
from trainer.scenarios import watch as plan
from trainer.scenarios.model import Expectation, Mistake, Step
from trainer.scenarios.runner import label_of
from trainer.words.catalogue import tr


def _label(step: Step, target: str | None, lang: str) -> str | None:
    if not target:
        return None
    label = label_of(step, target)
    if label is None:
        return None
    element = step.screen.ids().get(target)
    if element is not None and element.type == "message" and element.id != target:
        return tr("watch.the_link", lang)  # a link in a message: its address says little
    return plain(label.get(lang))


def _field_name(step: Step, field_id: str, lang: str) -> str:
    return _label(step, field_id, lang) or tr("watch.the_field", lang)


def _does(step: Step, expect: Expectation, value: str | None, lang: str) -> str:
    """What the hand does for ``expect`` in words (「「支払う」を押します。」)."""
    kind = expect.kind
    what = _label(step, expect.target, lang)
    if kind == "enter":
        return tr("watch.do.enter", lang, field=_field_name(step, expect.target or "", lang), value=value or "")
    if kind == "say":
        return tr("watch.do.say", lang, phrase=value or "")
    if kind == "swipe":
        return tr(f"watch.do.swipe.{expect.target}", lang)
    if kind == "scan":
        return tr("watch.do.scan", lang)
    if kind == "place" and expect.target and step.screen.ids().get(expect.target) is not None:
        return tr("watch.do.place_card", lang)
    if kind in ("insert", "place"):
        return tr(f"watch.do.{kind}", lang, part=what or "")
    if kind == "look":
        return tr("watch.do.look", lang)
    if kind == "continue":
        return tr("watch.do.continue", lang)
    if kind == "toggle" and value == "off":
        return tr("watch.do.untick", lang, what=what or "")
    key = {"tap": "tap", "press": "tap", "long-press": "hold", "choose": "choose", "toggle": "tick",
           "take": "take"}.get(kind, "tap")
    return tr(f"watch.do.{key}", lang, what=what or tr("watch.the_place", lang))


def describe(step: Step, demo: plan.Demo, lang: str = "ja") -> str:
    """The hand's work on ``step`` in words: the values typed first, then the action."""
    parts = [tr("watch.do.fill", lang, field=_field_name(step, name, lang), value=value)
             for name, value in demo.fields if value]
    parts.append(_does(step, demo.expect, demo.value, lang))
    return "".join(parts)


def describe_mistake(step: Step, mistake: Mistake, lang: str = "ja") -> str:
    """「よくある間違い」 in words: what the wrong action is."""
    expect = plan.mistake_action(mistake)
    return _does(step, expect, None, lang)


def handout_lines(scenario, step: Step, lang: str = "ja") -> list[str]:
    """What the handout prints for ``step`` about watch mode: the shown mistakes, then what the
    hand does — for the steps watch mode plays (none for the others and the ends)."""
    if step.is_finish or step.id not in {d.step_id for d in plan.route(scenario)}:
        return []
    demo = plan.demo_for(scenario, step)
    if demo is None:
        return []
    lines = [tr("watch.handout_mistake", lang, wrong=describe_mistake(step, m, lang), why=plain(m.say.get(lang)))
             for m in demo.mistakes]
    lines.append(tr("watch.handout", lang, does=describe(step, demo, lang)))
    return lines
