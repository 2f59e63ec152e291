"""Progress record benchmarks: recording latency, report speed, concurrent writers.

Three measurements (``--only`` picks some):

``record``
    Recording one event, p95, against a bare ``sqlite3`` insert + commit
    into the same table with the same durability (WAL, ``synchronous=FULL``)
    in the same run, interleaved. Goal: at most 1.5x. Also shows what the
    UI thread pays for ``record()`` (it only queues).
``report``
    Reports over 20,000 learners and 2,000,000 events (``--learners``,
    ``--events`` to run smaller), on SQLite and PostgreSQL. Data is made with
    bulk inserts (SQLite) and COPY (PostgreSQL). Goal: each report < 1 s.
``learner-page``
    The real ``trainer`` started on a big record (``--record FILE``, e.g. the
    10 M-event file ``city_report_bench.py --keep`` made): how long after the
    first frame the learner page is on screen, after a clean close and after
    an unclean one (a stale session marker: the integrity check then runs in
    the background), and how long until its names (or, with many, its classes)
    are on it. Fresh processes, ``--repeat`` starts of each, the first one a
    warm-up. Goal: the page within 1 s of the first frame.
``seat``
    One PC's seat writing its learner's board row (``Seat._upsert``, the write behind every raised hand)
    ``--seat-writes`` times on its own connection, on SQLite and PostgreSQL: the thread's CPU and the
    wall time per write (``docs/performance.md``, the help board's fourth step).
``writers``
    30 concurrent writer processes x 1,000 events to PostgreSQL, each event
    its own transaction, while the server drops every writer connection a few
    times (``--chaos``); each writer also replays its first 100 events. Goal:
    zero lost, zero duplicated.

PostgreSQL: ``--pg-url`` (default ``TRAINER_TEST_PG_URL``, else the URL
``.ci/run`` uses); work happens in a schema of its own that is dropped
afterwards. ``--no-pg`` skips PostgreSQL.

    .venv/bin/python benchmarks/progress_bench.py
    .venv/bin/python benchmarks/progress_bench.py --events 200000 --learners 2000
    .venv/bin/python benchmarks/progress_bench.py --only learner-page --record /tmp/keep/city-20000-10000000.sqlite3
    .venv/bin/python benchmarks/progress_bench.py --only report,ui --record FILE --no-pg   # reuse a kept record
    .venv/bin/python benchmarks/progress_bench.py --only seat
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import multiprocessing as mp
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from trainer.progress import migrate, rollups  # noqa: E402
from trainer.progress.database import create_progress_engine, redact, sqlite_url  # noqa: E402
from trainer.progress.learners import LearnerDirectory  # noqa: E402
from trainer.progress.models import EventKind, JudgementResult, utcnow  # noqa: E402
from trainer.progress.recorder import ProgressRecorder  # noqa: E402
from trainer.progress.records import AttemptStart, EventRecord, Unit  # noqa: E402
from trainer.progress.reports import Reports  # noqa: E402
from trainer.progress.store import ProgressStore  # noqa: E402
from trainer.scenarios.events import ActionJudged, Judgement, StepShown  # noqa: E402

PG_DEFAULT_URL = "postgresql+psycopg://trainer:trainer@127.0.0.1:5432/trainer_test"


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def us(seconds: float) -> str:
    return f"{seconds * 1e6:,.0f} µs"


def ms(seconds: float) -> str:
    return f"{seconds * 1e3:,.1f} ms"


def schema_url(base: str, schema: str, **query: str) -> str:
    return (
        make_url(base)
        .update_query_dict({"options": f"-csearch_path={schema}", **query})
        .render_as_string(hide_password=False)
    )


class PgSchema:
    """A schema of its own on the benchmark server, dropped on exit."""

    def __init__(self, base_url: str, name: str, *, fresh: bool = True) -> None:
        self.base_url, self.name = base_url, name
        self.admin = create_progress_engine(base_url)
        with self.admin.begin() as conn:
            if fresh:
                conn.execute(text(f'DROP SCHEMA IF EXISTS "{name}" CASCADE'))
            conn.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{name}"'))

    def reset(self) -> None:
        """Empty the schema (a record cut short is made again from the start)."""
        with self.admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{self.name}" CASCADE'))
            conn.execute(text(f'CREATE SCHEMA "{self.name}"'))

    def url(self, **query: str) -> str:
        return schema_url(self.base_url, self.name, **query)

    def drop(self) -> None:
        with self.admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{self.name}" CASCADE'))
        self.admin.dispose()


# -- 1. recording one event -------------------------------------------------------------------


def bench_record(n: int, workdir: Path) -> dict[str, float]:
    ours_path = workdir / "record-ours.sqlite3"
    bare_path = workdir / "record-bare.sqlite3"
    engine = create_progress_engine(sqlite_url(ours_path))
    migrate.upgrade(engine)
    store = ProgressStore(engine)
    learner = LearnerDirectory(engine).add_learner("ベンチ")
    attempt = uuid.uuid4()
    store.apply([Unit(attempt, learner, "bench", start=AttemptStart(1, utcnow()))])

    # The bare side: the very same tables and indexes, plain sqlite3, same durability.
    schema = [
        row[0]
        for row in sqlite3.connect(str(ours_path)).execute(
            "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY rowid"
        )
    ]
    bare = sqlite3.connect(str(bare_path), isolation_level=None)
    bare.execute("PRAGMA journal_mode = WAL")
    bare.execute("PRAGMA synchronous = FULL")
    bare.execute("PRAGMA foreign_keys = ON")
    for statement in schema:
        bare.execute(statement)
    now = str(utcnow().replace(tzinfo=None))
    bare.execute("INSERT INTO learner (id, display_name, created_at) VALUES (?, 'b', ?)", (learner.hex, now))
    bare.execute(
        "INSERT INTO attempt (id, learner_id, scenario_id, scenario_version, started_at, status)"
        " VALUES (?, ?, 'bench', 1, ?, 'in-progress')",
        (attempt.hex, learner.hex, now),
    )
    insert = (
        "INSERT INTO step_event (id, attempt_id, seq, scenario_id, kind, step_id, result, mistake_id, action_kind,"
        " target_id, outcome, hint_level, helper_assisted, duration_ms, created_at)"
        " VALUES (?, ?, ?, 'bench', 'action-judged', 'amount', 'correct', NULL, 'tap', 'next', NULL, 0, 0, ?, ?)"
    )

    recorder = ProgressRecorder(store, workdir / "record-outbox.sqlite3")
    recorder.start_attempt(learner, "bench", 1)
    recorder.flush()
    bare_t, store_t, e2e_t, ui_t = [], [], [], []
    for i in range(n + 50):
        t = time.perf_counter()
        bare.execute("BEGIN")
        bare.execute(insert, (uuid.uuid4().hex, attempt.hex, i, 1200, str(utcnow().replace(tzinfo=None))))
        bare.execute("COMMIT")
        b = time.perf_counter() - t

        record = EventRecord(
            uuid.uuid4(), i, EventKind.ACTION_JUDGED, "amount", utcnow(),
            result=JudgementResult.CORRECT, action_kind="tap", target_id="next", hint_level=0, duration_ms=1200,
        )
        t = time.perf_counter()
        store.apply([Unit(attempt, learner, "bench", events=(record,))])
        s = time.perf_counter() - t

        event = ActionJudged("amount", Judgement.CORRECT, "tap", "next", None, 1200, "confirm")
        t = time.perf_counter()
        recorder.record(event)
        u = time.perf_counter() - t
        recorder.flush()
        e = time.perf_counter() - t
        if i >= 50:  # warm-up left out
            bare_t.append(b)
            store_t.append(s)
            e2e_t.append(e)
            ui_t.append(u)
    recorder.close()
    store.close()
    bare.close()
    result = {
        "bare_p50": pct(bare_t, 0.5), "bare_p95": pct(bare_t, 0.95),
        "store_p50": pct(store_t, 0.5), "store_p95": pct(store_t, 0.95),
        "e2e_p50": pct(e2e_t, 0.5), "e2e_p95": pct(e2e_t, 0.95),
        "ui_p50": pct(ui_t, 0.5), "ui_p95": pct(ui_t, 0.95),
    }
    print(f"\n## record one event ({n} each, interleaved, WAL + synchronous=FULL)")
    print("| measure | p50 | p95 |\n| --- | --- | --- |")
    print(f"| bare sqlite3 insert + commit | {us(result['bare_p50'])} | {us(result['bare_p95'])} |")
    print(f"| ProgressStore.apply (worker's write) | {us(result['store_p50'])} | {us(result['store_p95'])} |")
    print(f"| record() + flush(), end to end | {us(result['e2e_p50'])} | {us(result['e2e_p95'])} |")
    print(f"| record() on the UI thread | {us(result['ui_p50'])} | {us(result['ui_p95'])} |")
    print(f"ratio p95 store/bare: {result['store_p95'] / result['bare_p95']:.2f}x;"
          f" end to end/bare: {result['e2e_p95'] / result['bare_p95']:.2f}x (goal <= 1.5x)")
    return result


# -- 2. reports over many learners and events ----------------------------------------------------

N_SCENARIOS = 40
STEPS_PER_SCENARIO = 10


def _shape(rng: random.Random) -> tuple[list[tuple], int, str, str | None, dict | None]:
    """One attempt's events with times relative to its start (the same rules as the real record's
    distribution: 70 % finish, 15 % give up, 15 % stay in progress; mistakes, hints and restarts
    on some steps). Returns (events, seconds to the end, status, outcome, snapshot)."""
    mistakes = ["code-instead", "charge-instead", "wrong-amount", "no-amount"]
    fate = rng.random()
    last_step = STEPS_PER_SCENARIO if fate < 0.7 else rng.randrange(1, STEPS_PER_SCENARIO)
    events: list[tuple] = []
    clock = 0

    def add(kind: str, step: str, result=None, mistake=None, hint=None, duration=None, outcome=None) -> None:
        nonlocal clock
        clock += rng.randrange(2, 40)
        events.append((kind, step, result, mistake, "tap" if kind == "action-judged" else None, outcome, hint,
                       duration, clock))

    for s in range(last_step):
        step = f"step-{s}"
        add("step-shown", step)
        level = 0
        while rng.random() < 0.15:
            if rng.random() < 0.6:
                add("action-judged", step, "known-mistake", rng.choice(mistakes), level, rng.randrange(500, 60_000))
            else:
                add("action-judged", step, "other-mistake", None, level, rng.randrange(500, 60_000))
            if rng.random() < 0.4:
                level += 1
                add("hint", step, hint=level)
        if rng.random() < 0.02:
            add("restart", step)
        if s == last_step - 1 and fate >= 0.7:
            if fate < 0.85:
                add("abandoned", step)
            break
        add("action-judged", step, "correct", None, level, rng.randrange(500, 60_000))
    if fate < 0.7:
        add("finished", f"step-{last_step - 1}", outcome="success")
        return events, clock, "finished", "success", None
    snapshot = {"step_id": f"step-{last_step - 1}"}
    return events, clock, ("abandoned" if fate < 0.85 else "in-progress"), None, snapshot


#: Distinct attempt shapes the generator draws from (each attempt gets its own ids, learner, times).
N_SHAPES = 4096


def generate(learners: int, events: int, seed: int = 5) -> Iterator[tuple[str, list[tuple]]]:
    """Yield ("table", rows) chunks: groups, sessions, learners, then attempts and their events.

    Rows are already in the form the bulk loaders write (ids as 32 hex digits, UTC times as text
    ``YYYY-MM-DD HH:MM:SS``, JSON as text): making 10 M events takes a few minutes, not an hour.
    Attempts are drawn from ``N_SHAPES`` shapes made with the record's rules.
    """
    rng = random.Random(seed)
    base = dt.datetime(2026, 4, 1, 9, 0, tzinfo=dt.UTC)
    base_naive = base.replace(tzinfo=None)
    stamp_cache: dict[int, str] = {}

    def stamp(seconds: int) -> str:  # base + seconds, as UTC text (cached per minute)
        minute, sec = divmod(seconds, 60)
        prefix = stamp_cache.get(minute)
        if prefix is None:
            prefix = stamp_cache[minute] = (base_naive + dt.timedelta(minutes=minute)).strftime("%Y-%m-%d %H:%M:")
        return f"{prefix}{sec:02d}"

    def uid() -> str:
        return f"{rng.getrandbits(128):032x}"

    now = stamp(0)
    groups = [(uid(), f"教室{i:03d}", now) for i in range(max(1, learners // 100))]
    yield "learner_group", groups
    sessions = [
        (uid(), (base + dt.timedelta(days=i % 200)).date().isoformat(), f"会場{i % 30}", "", groups[i % len(groups)][0], now)
        for i in range(max(1, learners // 40))
    ]
    yield "class_session", sessions
    people = [(uid(), f"学習者{i:05d}", groups[i % len(groups)][0], now) for i in range(learners)]
    yield "learner", people
    weights = [1 / (k + 1) for k in range(N_SCENARIOS)]  # a few scenarios are far more popular
    scenarios = [f"scenario-{k:02d}" for k in range(N_SCENARIOS)]
    shapes = [_shape(rng) for _ in range(N_SHAPES)]
    snapshots = {id(shape): json.dumps(shape[4]) if shape[4] else None for shape in shapes}
    made = 0
    attempts: list[tuple] = []
    rows: list[tuple] = []
    n_people, n_sessions = len(people), len(sessions)
    randrange, random_, getrandbits = rng.randrange, rng.random, rng.getrandbits
    picks = iter(())
    while made < events:
        try:
            scenario = next(picks)
        except StopIteration:
            picks = iter(rng.choices(scenarios, weights, k=10_000))
            scenario = next(picks)
        attempt = f"{getrandbits(128):032x}"
        learner = people[randrange(n_people)][0]
        shape = shapes[randrange(N_SHAPES)]
        trail, length, status, outcome, _snapshot = shape
        start = randrange(300_000) * 60
        for seq, (kind, step, result, mistake, action, out, hint, duration, at) in enumerate(trail):
            rows.append((f"{getrandbits(128):032x}", attempt, seq, scenario, kind, step, result, mistake, action,
                         None, out, hint, False, duration, stamp(start + at)))
        made += len(trail)
        session = sessions[randrange(n_sessions)][0] if random_() < 0.5 else None
        ended = stamp(start + length) if status != "in-progress" else None
        attempts.append((attempt, learner, session, scenario, 1, stamp(start), ended, status, outcome,
                         snapshots[id(shape)]))
        if len(rows) >= 50_000:
            yield "attempt", attempts
            yield "step_event", rows
            attempts, rows = [], []
    if rows:
        yield "attempt", attempts
        yield "step_event", rows


COLUMNS = {
    "learner_group": ("id", "name", "created_at"),
    "class_session": ("id", "held_on", "venue", "instructor_name", "group_id", "created_at"),
    "learner": ("id", "display_name", "group_id", "created_at"),
    "attempt": ("id", "learner_id", "session_id", "scenario_id", "scenario_version", "started_at", "ended_at",
                "status", "outcome", "resume_snapshot"),
    "step_event": ("id", "attempt_id", "seq", "scenario_id", "kind", "step_id", "result", "mistake_id",
                   "action_kind", "target_id", "outcome", "hint_level", "helper_assisted", "duration_ms",
                   "created_at"),
}
#: Tables whose secondary indexes are dropped during the bulk load and built again after it
#: (building an index once from sorted data is several times faster than keeping it up to date).
BULK_TABLES = ("attempt", "step_event")


def load_sqlite(path: Path, learners: int, events: int) -> float:
    """Make the record (bulk inserts in one transaction), then its report summaries as the migration does."""
    engine = create_progress_engine(sqlite_url(path))
    migrate.upgrade(engine)
    engine.dispose()
    started = time.perf_counter()
    conn = sqlite3.connect(str(path), isolation_level=None)
    conn.execute("PRAGMA synchronous = OFF")  # bulk load of benchmark data only
    conn.execute("PRAGMA cache_size = -1000000")
    indexes = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (?, ?)",
        BULK_TABLES,
    ).fetchall()
    conn.execute("BEGIN")
    for name, _sql in indexes:
        conn.execute(f'DROP INDEX "{name}"')
    for table, rows in generate(learners, events):
        cols = COLUMNS[table]
        conn.executemany(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})", rows)
    for _name, sql in indexes:
        conn.execute(sql)
    conn.execute("COMMIT")
    conn.close()
    summarise(sqlite_url(path).render_as_string(hide_password=False))
    conn = sqlite3.connect(str(path), isolation_level=None)
    conn.execute("ANALYZE")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return time.perf_counter() - started


def summarise(url: str) -> float:
    """Fill the report summaries from the loaded attempts and events (what migration 0008 does)."""
    engine = create_progress_engine(url)
    started = time.perf_counter()
    with engine.begin() as conn:
        rollups.rebuild(conn)
    took = time.perf_counter() - started
    engine.dispose()
    print(f"(report summaries made from the loaded record in {took:,.1f} s)", flush=True)
    return took


def load_postgres(url: str, learners: int, events: int) -> float:
    import psycopg

    engine = create_progress_engine(url)
    migrate.upgrade(engine)
    engine.dispose()
    started = time.perf_counter()
    u = make_url(url)
    dsn = u.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(dsn) as conn:
        with conn.cursor() as cur:
            cur.execute("SET TIME ZONE 'UTC'")  # the generator's times are UTC text
            cur.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
                "AND tablename = ANY(%s) AND indexname NOT LIKE 'pk_%%'",
                (list(BULK_TABLES),),
            )
            indexes = cur.fetchall()
            for name, _sql in indexes:
                cur.execute(f'DROP INDEX "{name}"')
            for table, rows in generate(learners, events):
                cols = COLUMNS[table]
                with cur.copy(f"COPY {table} ({', '.join(cols)}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            for _name, sql in indexes:
                cur.execute(sql)
        conn.commit()
    summarise(url)
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
    return time.perf_counter() - started


def time_reports(url: str, repeat: int) -> dict[str, float]:
    engine = create_progress_engine(url)
    reports = Reports(engine)
    with engine.connect() as conn:
        busiest = conn.execute(
            text("SELECT scenario_id FROM attempt GROUP BY scenario_id ORDER BY count(*) DESC LIMIT 1")
        ).scalar_one()
        learner_ids = [r[0] for r in conn.execute(text("SELECT learner_id FROM attempt LIMIT 200"))]
        n_events = conn.execute(text("SELECT count(*) FROM step_event")).scalar_one()
        n_learners = conn.execute(text("SELECT count(*) FROM learner")).scalar_one()
    rng = random.Random(1)
    cases: dict[str, Callable[[], object]] = {
        "overview (per scenario, group, session)": reports.overview,
        f"scenario report ({busiest}, the busiest)": lambda: reports.scenario_report(busiest),
        "stumbling steps, all scenarios": lambda: reports.stumbling_steps(top=20),
        "known mistakes, all scenarios": lambda: reports.known_mistakes(top=20),
        "learner report (random learner)": lambda: reports.learner_report(
            uuid.UUID(str(rng.choice(learner_ids))) if not isinstance(learner_ids[0], uuid.UUID) else rng.choice(learner_ids)
        ),
    }
    results: dict[str, float] = {}
    for name, fn in cases.items():
        fn()  # warm
        times, cpu = [], []
        for _ in range(repeat):
            t, c = time.perf_counter(), time.process_time()
            fn()
            times.append(time.perf_counter() - t)
            cpu.append(time.process_time() - c)
        results[name] = max(times)
        results[name + " (median)"] = statistics.median(times)
        # CPU time of this process: on SQLite nearly all the work, and far less moved by other programs
        # on a shared machine than the wall time (on PostgreSQL the server's work is not in it).
        results[name + " (cpu)"] = statistics.median(cpu)
    engine.dispose()
    print(f"({n_learners:,} learners, {n_events:,} events)")
    return results


def print_reports(label: str, load_s: float, results: dict[str, float]) -> None:
    print(f"\n## reports on {label} (data made in {load_s:,.0f} s; load average {os.getloadavg()[0]:.1f})")
    print("| report | median | worst of runs | CPU (median) |\n| --- | --- | --- | --- |")
    worst = 0.0
    for name, value in results.items():
        if name.endswith(("(median)", "(cpu)")):
            continue
        worst = max(worst, value)
        print(f"| {name} | {ms(results[name + ' (median)'])} | {ms(value)} | {ms(results[name + ' (cpu)'])} |")
    print(f"slowest report: {ms(worst)} (goal < 1 s)")


# -- 2b. the instructor area on a big record: does the window ever stop? ------------------------------


def bench_ui(path: Path) -> dict[str, float]:
    """Open the real window's instructor area on the record at ``path`` and run its reports, while a 1 ms
    timer on the UI thread notes every gap between its ticks: the longest gap is how long the window
    could not paint or react. Goal: no gap longer than a frame (16.7 ms) from the reports; queries run on
    the area's worker thread."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from trainer.app.instructor import InstructorArea
    from trainer.app.library import Library
    from trainer.app.main_window import MainWindow
    from trainer.app.progress_link import ProgressLink
    from trainer.app.settings import Settings
    from trainer.progress import open_progress
    from trainer.progress.database import DB_FILENAME

    app = QApplication.instance() or QApplication([])
    folder = path.parent / "ui-record"
    folder.mkdir(exist_ok=True)
    record_path = folder / DB_FILENAME
    path.rename(record_path)
    gaps: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(1)
    timer.timeout.connect(tick)
    results: dict[str, float] = {}
    try:
        record = open_progress(data_dir_override=folder)
        window = MainWindow(Library([]), settings=Settings(read_aloud=False, text_size_chosen=True))
        window.resize(1280, 860)
        window.show()
        link = ProgressLink(record)
        window.attach_progress(link)
        app.processEvents()

        def phase(name: str, action: Callable[[], object], area_of: Callable[[], object]) -> None:
            gaps.clear()
            last[0] = time.perf_counter()
            timer.start()
            started = time.perf_counter()
            action()
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
            area = area_of()
            while area is not None and area.jobs.busy and time.perf_counter() - started < 120:
                app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
            for _ in range(3):
                app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
            timer.stop()
            results[name] = time.perf_counter() - started
            results[name + " (longest gap)"] = max(gaps, default=0.0)
            results[name + " (gaps > 1 frame)"] = float(sum(1 for g in gaps if g > 1 / 60))

        def area() -> object:
            return window.findChild(InstructorArea)

        def idle() -> None:  # the control: the same timer with nothing to do (what the machine's load costs)
            until = time.perf_counter() + 1.5
            while time.perf_counter() < until:
                app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)

        phase("nothing, the control: 1.5 s of an idle window", idle, lambda: None)

        phase("open the instructor area, every page loads", window.show_instructor, area)
        reports_page = area().reports_page
        phase("the city's report, two years", lambda: (area().show_page(reports_page),
                                                       reports_page.city.from_edit.setText("2026-04-01"),
                                                       reports_page.city.to_edit.setText("2028-03-31"),
                                                       reports_page.city.count()), area)
        phase("the city's report, one month", lambda: (reports_page.city.from_edit.setText("2026-06-01"),
                                                       reports_page.city.to_edit.setText("2026-06-30"),
                                                       reports_page.city.count()), area)
        phase("a scenario's stumbles", reports_page.scenario.reload, area)
        window.close()
        link.close()
        record.close()
    finally:
        record_path.rename(path)
    print(f"\n## the instructor area on this record (load average {os.getloadavg()[0]:.1f})")
    print("| action | until shown | longest stop of the window | stops longer than a frame |")
    print("| --- | --- | --- | --- |")
    for name in [k for k in results if "(" not in k]:
        print(f"| {name} | {ms(results[name])} | {ms(results[name + ' (longest gap)'])} "
              f"| {results[name + ' (gaps > 1 frame)']:.0f} |")
    return results


# -- 2c. the learner page on a big record, in the real app -------------------------------------------

#: Runs the real ``trainer`` and notes (as JSON lines in ``$TRAINER_BENCH_LEARNER_PAGE``) the moment its
#: learner page has been painted; the first frame is noted by the app itself (``TRAINER_BENCH_FRAME``).
LEARNER_PAGE_DRIVER = r"""
import json, os, runpy, sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

target = os.environ["TRAINER_BENCH_LEARNER_PAGE"]
original_exec = QApplication.exec

noted = {}

def poll():
    for window in QApplication.topLevelWidgets():
        if getattr(window, "page_name", "") == "learner" and window.isVisible():
            picker = window._pages.get("learner")
            loaded = getattr(picker, "loaded", True)  # the names (or classes) are on the page
            if "learner_page" in noted and not loaded:
                return
            window.repaint()  # the page as it is now, painted at once
            now = {"at": time.monotonic(), "cpu_s": time.process_time()}
            noted.setdefault("learner_page", now)
            if loaded:
                noted["names"] = now
                with open(target, "a", encoding="utf-8") as out:
                    out.write(json.dumps(noted) + "\n")
                os._exit(0)

def exec_watching(*_args):
    timer = QTimer()
    timer.setInterval(1)
    timer.timeout.connect(poll)
    timer.start()
    return original_exec()  # a static method: no instance

QApplication.exec = exec_watching
sys.argv = ["trainer"]
runpy.run_module("trainer", run_name="__main__")
"""


def bench_learner_page(record: Path, repeat: int) -> dict[str, float]:
    """The real app on ``record``: seconds from the first frame to the painted learner page (clean / unclean)."""
    import shutil
    import subprocess

    from trainer.progress.database import DB_FILENAME, MARKER_INFIX

    work = Path(tempfile.mkdtemp(prefix="trainer-learner-page-"))
    data = work / "data"
    config = work / "config"
    data.mkdir()
    config.mkdir()
    (config / "settings.json").write_text(json.dumps({"text_size_chosen": True}), encoding="utf-8")
    db = data / DB_FILENAME
    os.link(record, db)  # the very file (no copy of gigabytes); the app reads it, writes only beside it
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
           "TRAINER_CONFIG_DIR": str(config), "TRAINER_DATA_DIR": str(data), "PYTHONPATH": str(ROOT),
           "TRAINER_BENCH_QUIT_MS": "120000"}
    results: dict[str, list[tuple[float, float]]] = {
        f"{kind} {what}": [] for kind in ("clean", "unclean") for what in ("learner_page", "names")}
    try:
        for run in range(repeat + 1):
            for kind in ("clean", "unclean"):
                for marker in data.glob(DB_FILENAME + MARKER_INFIX + "*"):
                    marker.unlink()
                if kind == "unclean":  # a process that used this file ended without closing it
                    st = db.stat()
                    (data / f"{DB_FILENAME}{MARKER_INFIX}999999999").write_text(f"{st.st_dev} {st.st_ino}\n")
                frame_file, page_file = work / "frame.jsonl", work / "page.jsonl"
                frame_file.unlink(missing_ok=True)
                page_file.unlink(missing_ok=True)
                run_env = {**env, "TRAINER_BENCH_FRAME": str(frame_file), "TRAINER_BENCH_LEARNER_PAGE": str(page_file)}
                subprocess.run([sys.executable, "-c", LEARNER_PAGE_DRIVER], env=run_env, cwd=ROOT, timeout=300,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
                try:
                    frame = json.loads(frame_file.read_text().splitlines()[0])
                    page = json.loads(page_file.read_text().splitlines()[0])
                except (OSError, IndexError, ValueError):
                    raise SystemExit(f"the app on {record} did not note its first frame and learner page") from None
                if run:  # the first start of each kind warms the file cache
                    for what in ("learner_page", "names"):
                        results[f"{kind} {what}"].append((page[what]["at"] - frame["first_frame"],
                                                          page[what]["cpu_s"] - frame["cpu_s"]))
    finally:
        for marker in data.glob(DB_FILENAME + MARKER_INFIX + "*"):
            marker.unlink()
        shutil.rmtree(work, ignore_errors=True)
    print(f"\n## the learner page on {record.name} ({record.stat().st_size / 2**20:,.0f} MiB; "
          f"load average {os.getloadavg()[0]:.1f}; {repeat} starts each)")
    print("| start | first frame -> | median | worst | CPU of the app meanwhile (median) |")
    print("| --- | --- | --- | --- | --- |")
    out: dict[str, float] = {}
    for key, rows in results.items():
        kind, what = key.split(" ")
        wall = [w for w, _c in rows]
        cpu = [c for _w, c in rows]
        out[key] = statistics.median(wall)
        label = "after a clean close" if kind == "clean" else "after an unclean end (check in the background)"
        shown = "learner page painted" if what == "learner_page" else "its names (or classes) painted"
        print(f"| {label} | {shown} | {ms(statistics.median(wall))} | {ms(max(wall))} "
              f"| {ms(statistics.median(cpu))} |")
    print("goal: the learner page within 1 s of the first frame")
    return out


# -- 3. concurrent writers --------------------------------------------------------------------------


def _writer(url: str, learner: str, events: int, outbox: str, ready: mp.Barrier, out: mp.Queue) -> None:
    import logging

    logging.getLogger("trainer.progress").setLevel(logging.ERROR)  # the outages are on purpose
    learner_id = uuid.UUID(learner)
    store = ProgressStore(create_progress_engine(url))
    recorder = ProgressRecorder(store, outbox, retry_delays_s=(0.05, 0.1, 0.2, 0.5))
    ready.wait()
    started = time.perf_counter()
    attempt = recorder.start_attempt(learner_id, "writers", 1)
    for i in range(events):
        if i % 2 == 0:
            recorder.record(StepShown(f"step-{i // 2}", i // 2, False))
        else:
            recorder.record(ActionJudged(f"step-{i // 2}", Judgement.CORRECT, "tap", "next", None, 900, None))
        if i % 50 == 0:
            recorder.flush(60)  # a learner's pace is seconds; keep the queue short like the app does
    recorder.flush(120)
    deadline = time.monotonic() + 120
    while recorder.pending_count() and time.monotonic() < deadline:
        recorder.retry_now(timeout=10)
    parked = recorder.pending_count()
    # Replay: the first 100 events again, as an outbox replay after a lost answer would.
    with store.engine.connect() as conn:
        rows = conn.execute(
            text("SELECT id, seq, kind, step_id, created_at FROM step_event WHERE attempt_id = :a AND seq < 100"),
            {"a": attempt},
        ).all()
    replay = Unit(attempt, learner_id, "writers", events=tuple(
        EventRecord(r.id, r.seq, EventKind(r.kind), r.step_id, r.created_at,
                    result=JudgementResult.CORRECT if r.kind == "action-judged" else None)
        for r in rows))
    store.apply([replay])
    elapsed = time.perf_counter() - started
    recorder.close()
    store.close()
    out.put((str(attempt), elapsed, parked))


def bench_writers(base_url: str, writers: int, events: int, chaos: int, workdir: Path) -> dict[str, float]:
    schema = PgSchema(base_url, "progress_bench_writers")
    try:
        url = schema.url(application_name="trainer_bench_writer")
        engine = create_progress_engine(schema.url())
        migrate.upgrade(engine)
        directory = LearnerDirectory(engine)
        learners = [directory.add_learner(f"書き手{i:02d}") for i in range(writers)]
        ctx = mp.get_context("spawn")
        ready = ctx.Barrier(writers + 1)
        out = ctx.Queue()
        procs = [
            ctx.Process(target=_writer, args=(url, str(lid), events, str(workdir / f"outbox-{i}.sqlite3"), ready, out))
            for i, lid in enumerate(learners)
        ]
        for p in procs:
            p.start()
        ready.wait()
        started = time.perf_counter()
        dropped = 0
        for k in range(chaos):  # the server "restarts": every writer connection is cut
            time.sleep(0.4 + 0.3 * k)
            with engine.begin() as conn:
                dropped += conn.execute(
                    text("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                         " WHERE application_name = 'trainer_bench_writer'")
                ).scalar_one()
        results = [out.get(timeout=600) for _ in procs]
        for p in procs:
            p.join(60)
        wall = time.perf_counter() - started
        with engine.connect() as conn:
            total = conn.execute(text("SELECT count(*) FROM step_event")).scalar_one()
            distinct_pairs = conn.execute(
                text("SELECT count(*) FROM (SELECT DISTINCT attempt_id, seq FROM step_event) AS d")
            ).scalar_one()
            complete = conn.execute(
                text("SELECT count(*) FROM (SELECT attempt_id FROM step_event GROUP BY attempt_id"
                     " HAVING count(*) = :n AND min(seq) = 0 AND max(seq) = :last) AS ok"),
                {"n": events, "last": events - 1},
            ).scalar_one()
        engine.dispose()
    finally:
        schema.drop()
    expected = writers * events
    lost = expected - distinct_pairs
    duplicated = total - distinct_pairs
    print(f"\n## {writers} concurrent writers x {events} events to PostgreSQL "
          f"(each event its own transaction; {chaos} times every writer connection cut: {dropped} connections)")
    print("| measure | figure |\n| --- | --- |")
    print(f"| events expected / stored | {expected:,} / {total:,} |")
    print(f"| lost | **{lost}** |\n| duplicated | **{duplicated}** |")
    print(f"| writers with a complete 0..{events - 1} sequence | {complete} / {writers} |")
    print(f"| records still waiting in an outbox at the end | {sum(r[2] for r in results)} |")
    print(f"| wall time | {wall:,.1f} s ({expected / wall:,.0f} events/s) |")
    return {"lost": lost, "duplicated": duplicated, "wall": wall}


def pg_reachable(url: str) -> bool:
    engine = create_progress_engine(url)
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        return True
    except Exception:
        return False
    finally:
        engine.dispose()


def bench_seat(url: str, label: str, writes: int) -> dict[str, float]:
    """The seat's write of its board row: CPU and wall per write (after 20 to warm up)."""
    import uuid

    from trainer.progress import migrate
    from trainer.progress.classes import ClassBook, Seat, _Live

    engine = create_progress_engine(url)
    migrate.upgrade(engine)
    session = ClassBook(engine).start_session("中央公民館")
    seat = Seat(engine, poll_s=3600)
    live = _Live(person=uuid.uuid4(), state="practising", scenario_id="pay", step_id="open-pay")
    try:
        with engine.connect() as conn:
            if engine.dialect.name == "postgresql":
                conn = conn.execution_options(isolation_level="AUTOCOMMIT")  # as the seat's own connection
            for _ in range(20):
                seat._upsert(conn, session, live, (None,))
            wall, cpu = time.perf_counter(), time.thread_time()
            for i in range(writes):
                live.mistakes = i
                seat._upsert(conn, session, live, (None,) if i % 2 else None)  # half of them with the hand
            cpu, wall = time.thread_time() - cpu, time.perf_counter() - wall
            conn.commit()
    finally:
        seat.close()
        engine.dispose()
    result = {"cpu_ms": cpu / writes * 1000, "wall_ms": wall / writes * 1000}
    print(f"seat's write, {label}: {result['cpu_ms']:.2f} ms CPU, {result['wall_ms']:.2f} ms wall per write "
          f"({writes} writes, load {os.getloadavg()[0]:.1f})")
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", default="record,report,writers",
                        help="comma-separated: record, report, ui (the instructor area on the report record), seat, writers")
    parser.add_argument("--record-n", type=int, default=2000, help="events recorded per side (default 2000)")
    parser.add_argument("--learners", type=int, default=20_000)
    parser.add_argument("--events", default="2000000",
                        help="events in the report record; several, comma-separated, for the scaling "
                             "(e.g. 200000,2000000,10000000; 10 M takes long on 2 cores)")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each report")
    parser.add_argument("--seat-writes", type=int, default=300, help="board-row writes of the seat bench")
    parser.add_argument("--writers", type=int, default=30)
    parser.add_argument("--writer-events", type=int, default=1000)
    parser.add_argument("--chaos", type=int, default=3, help="times every writer connection is cut (0: never)")
    parser.add_argument("--pg-url", default=os.environ.get("TRAINER_TEST_PG_URL") or PG_DEFAULT_URL)
    parser.add_argument("--no-pg", action="store_true", help="skip PostgreSQL")
    parser.add_argument("--workdir", help="where SQLite files go (default: a temporary folder)")
    parser.add_argument("--record", metavar="FILE",
                        help="use this SQLite record (kept, e.g. by city_report_bench.py --keep) instead of making one")
    args = parser.parse_args()
    only = {part.strip() for part in args.only.split(",")}
    if not args.no_pg and not pg_reachable(args.pg_url):
        print(f"PostgreSQL is not reachable at {redact(args.pg_url)}: its parts are skipped "
              "(set TRAINER_TEST_PG_URL or --pg-url; .ci/run starts a server)")
        args.no_pg = True
    print(f"Python {sys.version.split()[0]}, SQLite {sqlite3.sqlite_version}, {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory(dir=args.workdir) as tmp:
        workdir = Path(tmp)
        if "record" in only:
            bench_record(args.record_n, workdir)
        if "learner-page" in only:
            if not args.record:
                raise SystemExit("--only learner-page needs --record FILE (a big SQLite record)")
            bench_learner_page(Path(args.record), args.repeat)
        if args.record and only & {"report", "ui"}:
            path = Path(args.record)
            if "report" in only:
                print_reports(f"SQLite ({path.name}, {path.stat().st_size / 2**20:,.0f} MiB)", 0.0,
                              time_reports(sqlite_url(path).render_as_string(hide_password=False), args.repeat))
            if "ui" in only:
                bench_ui(path)
        for events in ([int(float(n)) for n in args.events.split(",")]
                       if only & {"report", "ui"} and not args.record else []):
            print(f"\n-- reports over {events:,} events, {args.learners:,} learners --", flush=True)
            db = workdir / f"report-{events}.sqlite3"
            load_s = load_sqlite(db, args.learners, events)
            if "report" in only:
                print_reports(f"SQLite ({db.stat().st_size / 2**20:,.0f} MiB)", load_s,
                              time_reports(sqlite_url(db).render_as_string(hide_password=False), args.repeat))
            if "ui" in only:
                bench_ui(db)
            db.unlink(missing_ok=True)
            if not args.no_pg and "report" in only:
                schema = PgSchema(args.pg_url, "progress_bench_reports")
                try:
                    load_s = load_postgres(schema.url(), args.learners, events)
                    print_reports(f"PostgreSQL ({redact(args.pg_url)})", load_s, time_reports(schema.url(), args.repeat))
                finally:
                    schema.drop()
        if "seat" in only:
            bench_seat(sqlite_url(workdir / "seat.sqlite3").render_as_string(hide_password=False), "SQLite",
                       args.seat_writes)
            if not args.no_pg:
                schema = PgSchema(args.pg_url, "progress_bench_seat")
                try:
                    bench_seat(schema.url(), "PostgreSQL", args.seat_writes)
                finally:
                    schema.drop()
        if "writers" in only and not args.no_pg:
            bench_writers(args.pg_url, args.writers, args.writer_events, args.chaos, workdir)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
