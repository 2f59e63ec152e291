"""Privacy: typed values never stored or logged; the PIN only as a salted hash;
one learner's data can be exported and deleted completely."""

from __future__ import annotations

import hmac
import json
import logging
import uuid
from pathlib import Path

import pytest

from tests.progress.helpers import (
    TYPED_AMOUNT,
    TYPED_AMOUNT_WRONG,
    TYPED_SECRET_DIGITS,
    TYPED_SECRET_TEXT,
    DatabaseBreaker,
    Player,
    all_text_cells,
    count,
    outbox_texts,
    pay_actions,
    pay_scenario,
)
from trainer.progress import pin as pin_module
from trainer.progress.learners import EXPORT_FORMAT, LearnerDirectory, NotFound
from trainer.progress.models import Attempt, Learner, StepEvent
from trainer.progress.outbox import Outbox
from trainer.progress.pin import PIN_SETTING, InstructorPin, PinFormatError, hash_pin, verify_pin
from trainer.scenarios.runner import Run

TYPED = (TYPED_AMOUNT, TYPED_AMOUNT_WRONG, TYPED_SECRET_DIGITS, TYPED_SECRET_TEXT)


def sqlite_bytes(db_url: str, *extra: Path) -> bytes:
    """The database file, its WAL, and any extra files, as bytes."""
    path = Path(db_url.split("///", 1)[1])
    data = b""
    for p in (path, Path(str(path) + "-wal"), *extra):
        if p.exists():
            data += p.read_bytes()
    return data


def json_texts(value, key=""):
    """Every text in exported JSON except ids and times."""
    if isinstance(value, dict):
        return [t for k, v in value.items() for t in json_texts(v, k)]
    if isinstance(value, list):
        return [t for v in value for t in json_texts(v, key)]
    if isinstance(value, str) and key != "id" and not key.endswith("_at"):
        return [value]
    return []


def play_full_run(recorder, learner: uuid.UUID) -> uuid.UUID:
    scenario = pay_scenario()
    attempt_id = recorder.start_attempt(learner, scenario.id, scenario.version)
    player = Player(Run(scenario), recorder)
    player.start()
    for action in pay_actions():
        player.act(action)
    return attempt_id


def test_typed_values_never_reach_the_database_outbox_or_logs(
    db_url, engine, store, directory, make_recorder, outbox_path, caplog, qtbot
):
    caplog.set_level(logging.DEBUG)
    learner = directory.add_learner("入力 たろう")
    recorder = make_recorder(store)
    breaker = DatabaseBreaker(engine)
    try:
        play_full_run(recorder, learner)  # straight to the database
        breaker.broken = True
        play_full_run(recorder, learner)  # through the outbox
        assert recorder.flush()
        assert recorder.pending_count() > 0
        waiting = outbox_texts(outbox_path)
        outbox_bytes = sqlite_bytes("sqlite:///" + str(outbox_path))
        breaker.broken = False
        qtbot.waitUntil(lambda: recorder.pending_count() == 0, timeout=5000)
    finally:
        breaker.remove()
    recorder.close()

    assert count(engine, Attempt) == 2 and count(engine, StepEvent) > 20
    cells = all_text_cells(engine)
    assert any("not writable" in m for m in caplog.messages)  # the outage was logged ...
    assert "wrong-amount" in waiting  # ... and the outbox held the known mistake's id ...
    for value in TYPED:
        assert not any(value in cell for cell in cells), f"{value!r} was stored"
        assert not any(value in text for text in waiting), f"{value!r} waited in the outbox"
        assert not any(value in message for message in caplog.messages)
    # ... and no byte of the longer typed values, in any file (random ids cannot look like these)
    raw = outbox_bytes + (sqlite_bytes(db_url) if db_url.startswith("sqlite") else b"")
    for value in (TYPED_SECRET_DIGITS, TYPED_SECRET_TEXT):
        assert value.encode() not in raw
    assert "known-mistake" in cells and "wrong-amount" in cells  # what IS kept: ids and outcomes


def test_pin_is_a_salted_scrypt_hash_checked_in_constant_time(monkeypatch):
    first, second = hash_pin("4321"), hash_pin("4321")
    assert first != second, "a fresh salt each time"
    assert first.startswith("scrypt$") and "4321" not in first
    compared = []
    real = hmac.compare_digest
    monkeypatch.setattr(pin_module.hmac, "compare_digest", lambda a, b: compared.append(1) or real(a, b))
    assert verify_pin("4321", first)
    assert not verify_pin("4322", first)
    assert len(compared) == 2
    assert verify_pin("４３２１", first), "full-width digits from a Japanese input method count"
    assert not verify_pin("4321", "garbage")
    for bad in ("123", "123456789", "12a4", "", "12 34x"):
        with pytest.raises(PinFormatError):
            hash_pin(bad)


def test_instructor_pin_is_stored_hashed_in_the_shared_record(store):
    pins = InstructorPin(store)
    assert not pins.is_set()
    assert not pins.check("4321")
    pins.set("4321")
    assert pins.is_set()
    assert pins.check("4321") and not pins.check("1234")
    stored = store.get_setting(PIN_SETTING)
    assert stored and "4321" not in stored
    pins.set("98765432")
    assert pins.check("98765432") and not pins.check("4321")


def test_export_one_learner_as_json(directory, store, make_recorder, tmp_path):
    group = directory.add_group("火曜スマホ教室")
    learner = directory.add_learner("書き出し はなこ", group)
    other = directory.add_learner("ほかの人")
    recorder = make_recorder(store)
    attempt_id = play_full_run(recorder, learner)
    recorder.start_attempt(other, "other-scenario", 1)
    assert recorder.flush()

    path = directory.export_learner_json(learner, tmp_path / "export.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == EXPORT_FORMAT and data["format_version"] == 1
    assert data["learner"] == {
        "id": str(learner),
        "display_name": "書き出し はなこ",
        "group": "火曜スマホ教室",
        "created_at": data["learner"]["created_at"],
        "default_mode": None,
    }
    assert [a["id"] for a in data["attempts"]] == [str(attempt_id)]
    attempt = data["attempts"][0]
    assert attempt["status"] == "finished" and attempt["outcome"] == "success"
    assert [e["seq"] for e in attempt["events"]] == list(range(len(attempt["events"])))
    text = path.read_text(encoding="utf-8")
    assert "ほかの人" not in text and "other-scenario" not in text
    texts = json_texts(data)  # ids and times left out: their random digits may contain "580"
    assert "wrong-amount" in texts
    for value in TYPED:
        assert not any(value in t for t in texts)
    for value in (TYPED_SECRET_DIGITS, TYPED_SECRET_TEXT):
        assert value not in text
    with pytest.raises(NotFound):
        directory.export_learner(uuid.uuid4())


def test_delete_one_learner_completely(db_url, engine, store, make_recorder, outbox_path):
    recorder = make_recorder(store, retry_delays_s=(30,))  # the outbox is not drained on its own here
    directory = LearnerDirectory(engine, on_learner_deleted=recorder.forget_learner)
    name = "削除ざわ キエルコ"
    learner = directory.add_learner(name)
    keeper = directory.add_learner("のこる ひと")
    play_full_run(recorder, learner)
    kept_attempt = play_full_run(recorder, keeper)
    assert recorder.flush()
    # A few more records of the learner wait in the outbox when the deletion comes.
    breaker = DatabaseBreaker(engine)
    try:
        breaker.broken = True
        play_full_run(recorder, learner)
        assert recorder.flush() and recorder.pending_count() > 0
        breaker.broken = False
        summary = directory.delete_learner(learner)
    finally:
        breaker.remove()
    assert summary.attempts == 1 and summary.events > 10 and summary.waiting_on_this_pc > 0
    assert recorder.pending_count() == 0
    assert recorder.retry_now(timeout=5)

    assert directory.get_learner(learner) is None
    assert count(engine, Learner, Learner.id == learner) == 0
    assert count(engine, Attempt, Attempt.learner_id == learner) == 0
    assert count(engine, Attempt) == 1 and count(engine, StepEvent, StepEvent.attempt_id == kept_attempt) > 10
    assert recorder.resumable(learner, "scan-to-pay") is None
    assert not any(name in cell for cell in all_text_cells(engine))
    outbox = Outbox(outbox_path)
    try:
        assert outbox.weight() == 0
    finally:
        outbox.close()
    if db_url.startswith("sqlite"):
        # secure_delete + a truncated WAL: the name is gone from the file itself
        assert name.encode() not in sqlite_bytes(db_url, outbox_path)
    with pytest.raises(NotFound):
        directory.delete_learner(learner)
