"""The runner: a pure-Python state machine that plays one scenario.

It is the single judge of right and wrong. Given an :class:`Action` it
decides: correct, a known mistake (with the author's explanation) or another
mistake (with a kind default); it gives hints one level at a time, follows
branches, finishes, and can be snapshotted and resumed. Listeners receive
plain event values (``trainer.scenarios.events``) — the player, speech and the
progress record all listen; none of them judges.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from trainer.scenarios import devices as device_kinds
from trainer.scenarios.actions import Action, ActionKind
from trainer.scenarios.events import (
    ActionJudged,
    HintGiven,
    HintKind,
    Judgement,
    RunAbandoned,
    RunEvent,
    RunFinished,
    RunStarted,
    StepRestarted,
    StepShown,
)
from trainer.scenarios.matching import action_matches, default_speech_normaliser
from trainer.scenarios.model import Expectation, Hint, Scenario, Step, Text
from trainer.scenarios.snapshot import Snapshot
from trainer.words.catalogue import STRINGS, both, tr

Listener = Callable[[RunEvent], None]

OFFER_HINT_AFTER = 2
"""After this many mistakes on one step the player offers a hint (never a timer)."""


def _text(key: str, **fields: object) -> Text:
    return Text(MappingProxyType(both(key, **fields)))


PRAISES = tuple(_text(f"praise.{n}") for n in (1, 2, 3))
DEFAULT_MISTAKE = _text("mistake.default")
OFFER_HINT = _text("player.hint_offer")


@dataclass(frozen=True)
class Feedback:
    """What the runner decided about one action."""

    judgement: Judgement
    text: Text | None
    """Praise, the author's explanation, or a kind default. Never scolding."""
    mistake_id: str | None = None
    offer_hint: bool = False
    next_step: Step | None = None
    finished: bool = False


class RunOver(RuntimeError):
    """An action was given to a run that has already finished."""


class Run:
    """One learner playing one scenario."""

    def __init__(self, scenario: Scenario, *, clock: Callable[[], float] = time.monotonic,
                 normalise: Callable[[str], str] = default_speech_normaliser, mode: str = "try",
                 listeners: Iterable[Listener] = ()) -> None:
        """``listeners`` hear every event from the first (``RunStarted``) on; more can
        :meth:`subscribe` later."""
        self.scenario = scenario
        self.mode = mode if mode in ("watch", "try", "alone") else "try"
        """How this run is played (``modes.MODES``); told to listeners with ``RunStarted``."""
        self._clock = clock
        self._normalise = normalise
        self._listeners: list[Listener] = list(listeners)
        self._step: Step = scenario.steps[0]
        self._shown_at = clock()
        self._hint_level = 0
        self._mistakes_here = 0
        self._praise_index = 0
        self.path: list[str] = []
        self.outcome: str | None = None
        self.choice_outcomes: list[str] = []
        self.started = False

    # -- listening ------------------------------------------------------
    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener`` with every event; returns a function that unsubscribes."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def _emit(self, event: RunEvent) -> None:
        for listener in list(self._listeners):
            listener(event)

    # -- state ----------------------------------------------------------
    @property
    def current(self) -> Step:
        return self._step

    @property
    def finished(self) -> bool:
        return self.outcome is not None

    @property
    def hint_level(self) -> int:
        """How many hints were given on the current step (0 = none yet)."""
        return self._hint_level

    @property
    def mistakes_on_step(self) -> int:
        return self._mistakes_here

    def start(self) -> Step:
        """Begin at the first step (emits RunStarted and StepShown)."""
        self.started = True
        self._emit(RunStarted(self.scenario.id, self.scenario.version, mode=self.mode))
        self._enter(self.scenario.steps[0])
        return self._step

    def _enter(self, step: Step) -> None:
        self._step = step
        self._shown_at = self._clock()
        self._hint_level = 0
        self._mistakes_here = 0
        self.path.append(step.id)
        self._emit(StepShown(step.id, step.index, step.is_finish))
        if step.is_finish:
            self.outcome = step.finish
            self._emit(RunFinished(step.id, step.finish or "success"))

    def _elapsed_ms(self) -> int:
        return max(0, int(round((self._clock() - self._shown_at) * 1000)))

    # -- judging --------------------------------------------------------
    def judge(self, action: Action) -> Feedback:
        """Decide about ``action`` on the current step and move on if right."""
        if self.finished:
            raise RunOver(self.scenario.id)
        step = self._step
        duration = self._elapsed_ms()
        target: Step | None = None
        choice_outcome: str | None = None
        text: Text | None = None
        if step.only_explains and action.kind is ActionKind.CONTINUE:
            target = self.scenario.step_after(step)
        for choice in step.choices:
            if any(self._matches(expect, action) for expect in choice.when):
                target, choice_outcome, text = self.scenario.step(choice.next), choice.outcome, choice.say
                break
        if target is None and any(self._matches(expect, action) for expect in step.expect):
            target = self.scenario.step_after(step)
        if target is not None:
            if text is None:
                text = step.praise or PRAISES[self._praise_index % len(PRAISES)]
                self._praise_index += 1
            if choice_outcome:
                self.choice_outcomes.append(choice_outcome)
            self._emit(ActionJudged(step.id, Judgement.CORRECT, action.kind.value, action.target, None,
                                    duration, target.id, choice_outcome))
            self._enter(target)
            return Feedback(Judgement.CORRECT, text, next_step=target, finished=self.finished)
        self._mistakes_here += 1
        offer = self._mistakes_here >= OFFER_HINT_AFTER and self._hint_level < len(self.hints())
        for mistake in step.mistakes:
            if any(self._matches(expect, action) for expect in mistake.when):
                self._emit(ActionJudged(step.id, Judgement.KNOWN_MISTAKE, action.kind.value, action.target,
                                        mistake.id, duration, None))
                return Feedback(Judgement.KNOWN_MISTAKE, mistake.say, mistake.id, offer)
        self._emit(ActionJudged(step.id, Judgement.OTHER_MISTAKE, action.kind.value, action.target, None,
                                duration, None))
        return Feedback(Judgement.OTHER_MISTAKE, DEFAULT_MISTAKE, None, offer)

    def _matches(self, expect: Expectation, action: Action) -> bool:
        return action_matches(expect, action, self._normalise)

    # -- hints ----------------------------------------------------------
    def hints(self, step: Step | None = None) -> tuple[Hint, ...]:
        """The hints of ``step`` in order: the author's, completed so that a
        text comes first and a highlight and a demonstration follow when the
        step has one clear target."""
        step = step or self._step
        hints = list(step.hints)
        expect = self._primary_expectation(step)
        untargeted = (ActionKind.SCAN, ActionKind.SWIPE, ActionKind.SAY, ActionKind.CONTINUE)
        target = expect.target if expect and expect.kind not in untargeted else None
        if not any(h.kind is HintKind.TEXT for h in hints) and expect is not None:
            hints.insert(0, Hint(HintKind.TEXT, self._default_hint_text(step, expect), None))
        on_body = expect is not None and expect.kind in device_kinds.PART_ACTIONS and device_kinds.part(
            step.device, target) is not None
        if target and (target in step.screen.ids() or on_body):
            kinds = {h.kind for h in hints}
            if HintKind.HIGHLIGHT not in kinds:
                hints.append(Hint(HintKind.HIGHLIGHT, None, target))
            if HintKind.SHOW not in kinds:
                hints.append(Hint(HintKind.SHOW, None, target))
        return tuple(hints)

    @staticmethod
    def _primary_expectation(step: Step) -> Expectation | None:
        if step.expect:
            return step.expect[0]
        if step.only_explains:
            return Expectation(ActionKind.CONTINUE, None)
        return None

    def _default_hint_text(self, step: Step, expect: Expectation) -> Text:
        verb = f"hint.verb.{expect.kind}" if f"hint.verb.{expect.kind}" in STRINGS else "hint.verb.tap"
        label_ja = label_en = expect.target or ""
        part = device_kinds.part(step.device, expect.target) if (
            expect.target not in step.screen.ids() and expect.kind in device_kinds.PART_ACTIONS) else None
        if part is not None:
            verb = f"hint.verb.{expect.kind}-part" if f"hint.verb.{expect.kind}-part" in STRINGS else verb
            held = [o for o in step.body.get("hand", ()) if not part.accepts or o in part.accepts]
            thing = held[0] if held else (part.accepts[0] if part.accepts else "")
            return Text(MappingProxyType({
                lang: tr(verb, lang, label=label, object=device_kinds.object_label(thing, lang))
                for lang, label in (("ja", part.label_ja), ("en", part.label_en))}))
        if expect.kind is ActionKind.SAY and expect.phrases:
            label_ja = label_en = expect.phrases[0]
        elif expect.kind is ActionKind.SWIPE:
            direction = f"hint.direction.{expect.target}"
            label_ja, label_en = (tr(direction, "ja"), tr(direction, "en")) if direction in STRINGS else ("", "")
        elif expect.target:
            label = label_of(step, expect.target)
            if label is not None:
                label_ja, label_en = label.get("ja"), label.get("en")
        return Text(MappingProxyType({"ja": tr(verb, "ja", label=label_ja), "en": tr(verb, "en", label=label_en)}))

    def next_hint(self) -> Hint | None:
        """The next hint on this step (emits HintGiven), or None when all were given."""
        hints = self.hints()
        if self.finished or self._hint_level >= len(hints):
            return None
        hint = hints[self._hint_level]
        self._hint_level += 1
        self._emit(HintGiven(self._step.id, self._hint_level, hint.kind, hint.target))
        return hint

    # -- learner controls ---------------------------------------------
    def restart_step(self) -> Step:
        """「やり直す」: the current step starts over (its screen is fresh)."""
        self._emit(StepRestarted(self._step.id))
        self._shown_at = self._clock()
        self._mistakes_here = 0
        return self._step

    def abandon(self) -> None:
        """「やめる」: stop here; the snapshot still resumes at this step."""
        if not self.finished:
            self._emit(RunAbandoned(self._step.id))

    # -- resume ---------------------------------------------------------
    def snapshot(self) -> Snapshot:
        """Ids only: enough to resume, nothing a learner typed."""
        return Snapshot(self.scenario.id, self.scenario.version, self._step.id, self._hint_level,
                        tuple(self.path), self.mode)

    @classmethod
    def resume(cls, scenario: Scenario, snapshot: Snapshot | Mapping[str, Any], **kwargs: Any) -> Run:
        """A run that continues from ``snapshot`` (or its stored form). If the
        snapshot is for another version of the scenario, names a step that no
        longer exists or cannot be read, the run starts from the beginning
        instead (safe, never an error). ``kwargs`` go to the constructor
        (``listeners`` hear ``RunStarted`` too)."""
        found = Snapshot.of(snapshot)
        if found is not None and "mode" not in kwargs and found.mode is not None:
            kwargs["mode"] = found.mode  # a resumed run is played the way it was begun
        run = cls(scenario, **kwargs)
        if found is None or found.scenario_id != scenario.id or found.scenario_version != scenario.version \
                or not scenario.has_step(found.step_id):
            run.start()
            return run
        step = scenario.step(found.step_id)
        run.started = True
        run.path = list(found.shown_before)
        run._emit(RunStarted(scenario.id, scenario.version, resumed=True, mode=run.mode))
        run._enter(step)
        run._hint_level = min(found.hint_level, len(run.hints()))
        return run


def label_of(step: Step, target: str) -> Text | None:
    """The visible label of ``target`` on ``step``'s screen, if it has one."""
    element = step.screen.ids().get(target)
    if element is None:
        part = device_kinds.part(step.device, target)
        if part is not None:
            return Text(MappingProxyType({"ja": part.label_ja, "en": part.label_en}))
        return None
    if element.id == target:
        for key in ("label", "name", "text", "alt"):
            found = element.text(key)
            if found is not None:
                return found
        return None
    for value in element.props.values():
        if isinstance(value, tuple):
            for item in value:
                if isinstance(item, MappingProxyType | dict) and item.get("id") == target:
                    label = item.get("label")
                    if isinstance(label, Text):
                        return label
                    if isinstance(item.get("url"), str):
                        return Text(MappingProxyType({"ja": item["url"]}))
    return None
