"""The one way to look up a word of the app: ``tr(key, lang, **fields)``.

Every table of ``trainer.words`` has one shape, key → (ja, en), one table per
audience (``learner``, ``screens`` (the practice screens' own widgets), ``coach`` (the engine's words to a learner), ``instructor``, ``author``, ``cli``, ``record``); they
are merged here into ``STRINGS`` and a key may be defined in one table only.
A missing English text falls back to Japanese, never to the key.

A key that code builds from a variable (``tr(f"cat.{id}")``) is declared in
``DYNAMIC``, so the catalogue test can tell it from a word nobody looks up.
"""

from __future__ import annotations

from collections.abc import Mapping

from trainer.words import author, cli, coach, instructor, learner, record, screens

Table = Mapping[str, tuple[str, str]]

TABLES: dict[str, Table] = {
    "learner": learner.STRINGS,
    "coach": coach.STRINGS,
    "instructor": instructor.STRINGS,
    "screens": screens.STRINGS,
    "author": author.STRINGS,
    "cli": cli.STRINGS,
    "record": record.STRINGS,
}


def merge(tables: Mapping[str, Table]) -> dict[str, tuple[str, str]]:
    """One dict of every table; a key defined twice is an error (the tables are one catalogue)."""
    merged: dict[str, tuple[str, str]] = {}
    for name, table in tables.items():
        clash = sorted(set(merged) & set(table))
        if clash:
            raise RuntimeError(f"catalogue keys defined twice (again in '{name}'): {clash}")
        merged.update(table)
    return merged


STRINGS: dict[str, tuple[str, str]] = merge(TABLES)

DYNAMIC: dict[str, str] = {
    # pattern ("{}" is the variable part) -> who builds it
    "a11y.swipe.{}": "app.access: one per swipe direction",
    "a11y.scan_group.{}": "app.switch_access: one per region of the player",
    "body.how_{}": "widgets.bodies.parts: how to use a part, by action",
    "camera.{}": "widgets.elements.camera: one per direction the camera moves",
    "cat.{}": "app.home, app.scenario_list, app.report_export: one per category of the content",
    "call.state.{}": "widgets.elements.call: one per state of a call",
    "clerk.{}": "widgets.elements.clerk_view: its buttons and states",
    "cli.db.source.{}": "cli.db: where the database URL came from",
    "cli.readings.source.{}": "cli.readings: who decided a reading",
    "class.kind.{}": "app.instructor.classes, app.report_export: one per kind of class",
    "finish.{}": "app.finish: one per way a scenario ends",
    "finish.alone_next_{}": "app.finish: what to try after practising alone",
    "handout.{}.{}": "authoring.handout: an end or a device, by name",
    "hint.verb.{}": "scenarios.runner: the default hint, by action",
    "hint.verb.{}-part": "scenarios.runner: the default hint on a device part, by action",
    "hint.direction.{}": "scenarios.runner: the default hint of a swipe, by direction",
    "kb.flick.{}": "widgets.keyboard: one per flick direction",
    "body.key.{}": "widgets.bodies.personal: the words printed on the computer keyboard's keys",
    "modes.{}": "app.mode_choice, app.instructor.learners: one per play mode",
    "modes.{}_note": "app.mode_choice: one per play mode",
    "modes.suggest_{}": "app.mode_choice: the suggested play mode",
    "praise.{}": "scenarios.runner: one of the praises, in turn",
    "alone.default_goal.{}": "scenarios.modes: the on-your-own goal, by action",
    "problem.{}": "scenarios.problems: one per problem code (Problem(where, code))",
    "record.what.{}": "progress.learners: what a name names (a learner, a class, a venue)",
    "record.save.{}": "progress.delivery: one per save state (saved, waiting, failing)",
    "problem.where.{}": "scenarios.loader: where a missing key belongs",
    "pack.name_reason.{}": "authoring.packs: why a name in a pack cannot be stored",
    "problem.type.{}": "scenarios.problems: what a value of a key should be",
    "speaker.light.{}": "widgets.elements.speaker: one per state of the light ring",
    "speaker.colour.{}": "widgets.elements.speaker: the ring's colour alone (meaning: false)",
    "switch.key_{}": "app.switch_access: one per switch key",
    "watch.do.{}": "widgets.watch_steps: what the hand does, by action",
    "watch.do.swipe.{}": "widgets.watch_steps: what the hand does, by swipe direction",
}


NOTHING_IN_ENGLISH: frozenset[str] = frozenset({
    "learners.merge_after",  # 「…を [list] に [まとめる]」: English puts nothing after the list
})
"""Keys whose English is empty on purpose (word order); any other empty English falls back to Japanese."""


def tr(key: str, lang: str = "ja", **fields: object) -> str:
    """The text ``key`` in ``lang`` with ``{name}`` filled from ``fields``."""
    ja, en = STRINGS[key]
    text = en if lang == "en" and (en or key in NOTHING_IN_ENGLISH) else ja
    return text.format(**fields) if fields else text


def both(key: str, **fields: object) -> dict[str, str]:
    """``key`` in every language (``{"ja": …, "en": …}``), e.g. for the engine's ``Text``."""
    return {lang: tr(key, lang, **fields) for lang in ("ja", "en")}
