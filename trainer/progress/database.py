"""Opening the progress database: where it is, how it is tuned, that it is sound.

The embedded default is one SQLite file in the user's data folder
(``platformdirs.user_data_path("trainer")``), tuned so that a committed
transaction survives a power cut: WAL journal, ``synchronous=FULL``,
foreign keys enforced, deleted content overwritten (``secure_delete``).
At start ``PRAGMA quick_check`` runs; a damaged file is moved aside (never
deleted) and the person is told in plain words.

``TRAINER_DATABASE_URL`` — or the local setting :data:`SHARED_URL_SETTING`
saved with :func:`set_shared_database_url` — points the app at PostgreSQL
so a classroom or a whole city shares one record.

Passwords in URLs are never printed: use :func:`redact` for anything shown.
"""

from __future__ import annotations

import datetime as dt
import errno
import logging
import os
import sqlite3
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url

from trainer.words.catalogue import tr

log = logging.getLogger("trainer.progress")

#: Environment variable naming the database (e.g. ``postgresql+psycopg://host/trainer``).
ENV_URL = "TRAINER_DATABASE_URL"
#: Name of the embedded SQLite file inside the data folder.
DB_FILENAME = "progress.sqlite3"
#: Name of the local outbox file (events waiting for the database) inside the data folder.
OUTBOX_FILENAME = "progress-outbox.sqlite3"
#: Key of the local setting (in the embedded file) that points at a shared database.
SHARED_URL_SETTING = "shared_database_url"

#: How long a SQLite writer waits for another writer before giving up (ms).
DEFAULT_BUSY_TIMEOUT_MS = 5000
#: How long connecting to a database server may take before it counts as down (s).
DEFAULT_CONNECT_TIMEOUT_S = 3


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The folder for the embedded record and the outbox (created owner-only if missing).

    A relative ``override`` is made absolute against the working folder at
    the first call, so a later change of folder cannot move the record.
    """
    path = Path(override) if override is not None else platformdirs.user_data_path("trainer", appauthor=False)
    path = path.expanduser().absolute()
    make_private_dir(path)
    return path


def make_private_dir(path: Path) -> None:
    """Create ``path`` (and parents) if missing; a folder made here is owner-only (0700).

    An existing folder is left as it is (it may be one the instructor chose).
    A folder that cannot be made is not an error here: writing to it fails
    later and is handled there as "try later".
    """
    if path.is_dir():
        return
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        if os.name == "posix":
            os.chmod(path, 0o700)
    except OSError as exc:  # read-only, full, no permission: writing will fail later, plainly
        log.warning("data folder cannot be made: %s", type(exc).__name__)


def make_private_file(path: Path) -> None:
    """Make sure ``path`` exists and is readable by its owner only (0600).

    SQLite gives its ``-wal`` and ``-shm`` files the database file's mode, so
    creating the (empty, valid) file first is enough for all three.
    """
    try:
        fd = os.open(path, os.O_CREAT | os.O_WRONLY | getattr(os, "O_BINARY", 0), 0o600)
        os.close(fd)
        if os.name == "posix" and path.stat().st_mode & 0o077:
            os.chmod(path, 0o600)
            for suffix in ("-wal", "-shm"):
                companion = path.with_name(path.name + suffix)
                if companion.exists():
                    os.chmod(companion, 0o600)
    except OSError as exc:
        log.warning("cannot make %s owner-only: %s", path.name, type(exc).__name__)


def sqlite_url(path: str | os.PathLike[str]) -> URL:
    """The SQLAlchemy URL of a SQLite file."""
    return URL.create("sqlite+pysqlite", database=str(Path(path).absolute()))


def redact(url: str | URL) -> str:
    """``url`` as text with any password replaced by ``***`` — safe to show and log."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception as exc:  # not even a URL: show nothing of it
        log.debug("not a database URL: %s", type(exc).__name__)
        return "<invalid database URL>"


@dataclass(frozen=True)
class DatabaseLocation:
    """Which database to use and why (``source``: argument / environment / setting / default)."""

    url: URL
    source: str

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    @property
    def sqlite_path(self) -> Path | None:
        if not self.is_sqlite or not self.url.database or self.url.database == ":memory:":
            return None
        return Path(self.url.database)

    def __str__(self) -> str:
        return redact(self.url)


def read_local_setting(key: str, *, data_dir_override: str | os.PathLike[str] | None = None) -> str | None:
    """Read one setting from the embedded file without changing it (None if absent)."""
    path = data_dir(data_dir_override) / DB_FILENAME
    if not path.exists():
        return None
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=1)
    except (sqlite3.Error, ValueError, OSError):
        return None
    try:
        conn.text_factory = bytes  # a damaged page may hold bytes that are not UTF-8
        row = conn.execute("SELECT value FROM app_setting WHERE key = ?", (key,)).fetchone()
        if row is None or row[0] is None:
            return None
        value = row[0]
        return value.decode("utf-8") if isinstance(value, bytes) else str(value)
    except (sqlite3.Error, UnicodeDecodeError, ValueError) as exc:
        log.warning("local setting %s cannot be read: %s", key, type(exc).__name__)
        return None
    finally:
        conn.close()


def _account(url: URL) -> str:
    """The key a password is kept under: the URL without its password."""
    return url._replace(password=None).render_as_string(hide_password=False)  # .set(password=None) keeps it


def set_shared_database_url(
    url: str | URL | None, *, data_dir_override: str | os.PathLike[str] | None = None
) -> None:
    """Save (or, with None, forget) the shared database this PC should use from the next start.

    The URL, without its password, lives in this PC's embedded file, so it is
    found before any server is reached; the password goes to the operating
    system's credential store (or an owner-only file, see
    :mod:`trainer.progress.secrets`), never into the database.
    ``TRAINER_DATABASE_URL`` still wins over it.
    """
    from trainer.progress import (
        migrate,  # late: migrate imports the models, which import nothing of this
        secrets,
    )
    from trainer.progress.store import ProgressStore

    folder = data_dir(data_dir_override)
    parsed = make_url(url) if url else None  # refuse a non-URL early
    engine = create_progress_engine(sqlite_url(folder / DB_FILENAME))
    store = ProgressStore(engine)
    try:
        migrate.upgrade(engine)
        previous = store.get_setting(SHARED_URL_SETTING)
        if previous:
            try:
                secrets.save_password(_account(make_url(previous)), None, folder)
            except Exception as exc:  # an unreadable old value: nothing to forget
                log.info("old shared URL not forgotten: %s", type(exc).__name__)
        if parsed is not None and parsed.password:
            secrets.save_password(_account(parsed), str(parsed.password), folder)
        store.set_setting(SHARED_URL_SETTING, _account(parsed) if parsed is not None else None)
    finally:
        store.close()
    _checkpoint_quietly(folder / DB_FILENAME)


def _checkpoint_quietly(path: Path) -> None:
    """Empty the WAL so an overwritten value leaves no old copy there."""
    try:
        conn = sqlite3.connect(str(path), timeout=DEFAULT_BUSY_TIMEOUT_MS / 1000)
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
    except sqlite3.Error as exc:
        log.info("checkpoint skipped: %s", type(exc).__name__)


def _shared_url_from_setting(stored: str, folder: Path) -> URL | None:
    """The stored shared URL with its password from the secret store.

    A URL stored by an older version with its password inside is moved out
    here: the password goes to the secret store and the setting is rewritten
    without it.
    """
    try:
        parsed = make_url(stored)
    except Exception:
        log.warning("the saved shared database URL is not a URL; using this PC's file")
        return None
    from trainer.progress import secrets

    account = _account(parsed)
    if parsed.password:
        try:
            secrets.save_password(account, str(parsed.password), folder)
            set_shared_database_url(parsed, data_dir_override=folder)
            log.info("moved the shared database password out of the progress file")
        except Exception as exc:  # read-only disk etc.: it is moved at a later start
            log.warning("could not move the password out yet: %s", type(exc).__name__)
        return parsed
    password = secrets.load_password(account, folder)
    return parsed.set(password=password) if password else parsed


def resolve_url(
    explicit: str | URL | None = None,
    *,
    data_dir_override: str | os.PathLike[str] | None = None,
    environ: Mapping[str, str] | None = None,
) -> DatabaseLocation:
    """Decide which database to open.

    Order: ``explicit`` (``--url``), then ``TRAINER_DATABASE_URL``, then the
    local setting :data:`SHARED_URL_SETTING` (its password from the secret
    store), then the embedded SQLite file.
    """
    env = os.environ if environ is None else environ
    if explicit:
        return DatabaseLocation(make_url(explicit), "argument")
    if env.get(ENV_URL):
        return DatabaseLocation(make_url(env[ENV_URL]), "environment")
    shared = read_local_setting(SHARED_URL_SETTING, data_dir_override=data_dir_override)
    if shared:
        found = _shared_url_from_setting(shared, data_dir(data_dir_override))
        if found is not None:
            return DatabaseLocation(found, "setting")
    return DatabaseLocation(sqlite_url(data_dir(data_dir_override) / DB_FILENAME), "default")


def create_progress_engine(
    url: str | URL,
    *,
    busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS,
    connect_timeout_s: int = DEFAULT_CONNECT_TIMEOUT_S,
    pool_size: int | None = None,
    max_overflow: int | None = None,
) -> Engine:
    """An engine tuned for the progress record.

    SQLite: WAL, ``synchronous=FULL``, foreign keys, ``secure_delete``,
    ``busy_timeout``; transactions begin explicitly (``BEGIN``, or
    ``BEGIN IMMEDIATE`` for connections with execution option
    ``sqlite_immediate=True``) so writers queue on the lock instead of failing
    half-way. PostgreSQL: a short connect timeout and a liveness check;
    ``pool_size`` / ``max_overflow`` bound the connections this engine keeps
    and opens (SQLAlchemy's defaults, 5 + 10, when None): a server's
    ``max_connections`` is shared by every PC of every class on it.
    Statement parameters are hidden from error messages so nothing a row
    contains can end up in a log.
    """
    url = make_url(url)
    if url.get_backend_name() == "sqlite":
        if url.database and url.database != ":memory:":
            make_private_dir(Path(url.database).parent)  # failing here is "try later", met at connect
        engine = create_engine(url, hide_parameters=True)
        _tune_sqlite(engine, busy_timeout_ms)
        return engine
    connect_args: dict[str, Any] = {}
    if url.get_backend_name() == "postgresql":
        connect_args["connect_timeout"] = connect_timeout_s
    pool: dict[str, int] = {}
    if pool_size is not None:
        pool["pool_size"] = pool_size
    if max_overflow is not None:
        pool["max_overflow"] = max_overflow
    return create_engine(url, hide_parameters=True, pool_pre_ping=True, connect_args=connect_args, **pool)


def _set_wal(cursor: Any, busy_timeout_ms: int) -> None:
    """``PRAGMA journal_mode = WAL``, retried while another first start holds the new file.

    Changing the journal mode does not always wait on the busy handler, so
    two apps creating one file at the same moment could see "locked".
    """
    deadline = time.monotonic() + busy_timeout_ms / 1000
    while True:
        try:
            cursor.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _tune_sqlite(engine: Engine, busy_timeout_ms: int) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves (see "begin" below)
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            _set_wal(cursor, busy_timeout_ms)
            cursor.execute("PRAGMA synchronous = FULL")
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute("PRAGMA secure_delete = ON")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        immediate = conn.get_execution_options().get("sqlite_immediate", False)
        # Straight to the driver: this runs once per transaction on the recording hot path.
        conn.connection.driver_connection.execute("BEGIN IMMEDIATE" if immediate else "BEGIN")


#: SQLite result codes that mean the file itself is damaged (SQLITE_CORRUPT, SQLITE_NOTADB).
_DAMAGE_CODES = frozenset({11, 26})
#: SQLite primary result codes that mean "not now" (full, read-only, no permission, I/O, busy ...).
_LATER_REASONS = {13: "full", 8: "read-only", 3: "permission", 14: "cannot-open", 10: "io", 5: "busy", 6: "busy",
                  23: "permission"}
_ERRNO_REASONS = {errno.ENOSPC: "full", errno.EROFS: "read-only", errno.EACCES: "permission",
                  errno.EPERM: "permission", getattr(errno, "EDQUOT", errno.ENOSPC): "full"}


def is_damage(exc: BaseException) -> bool:
    """True when ``exc`` (a sqlite3 or SQLAlchemy error) says the file is damaged.

    Only "database disk image is malformed" and "file is not a database" are
    damage. A full disk, a read-only folder, a permission error, an I/O
    error or a lock mean "try later" — the file is left where it is.
    """
    exc = getattr(exc, "orig", None) or exc
    if not isinstance(exc, sqlite3.DatabaseError):
        return False
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return (int(code) & 0xFF) in _DAMAGE_CODES
    text = str(exc).lower()
    return "malformed" in text or "not a database" in text


def unavailable_reason(exc: BaseException) -> str:
    """A short reason code for an error that means "try later" (``full``, ``read-only`` ...)."""
    cause = getattr(exc, "orig", None) or exc
    if isinstance(cause, OSError) and cause.errno in _ERRNO_REASONS:
        return _ERRNO_REASONS[cause.errno]
    code = getattr(cause, "sqlite_errorcode", None)
    if code is not None and (int(code) & 0xFF) in _LATER_REASONS:
        return _LATER_REASONS[int(code) & 0xFF]
    text = str(cause).lower()
    for needle, reason in (("full", "full"), ("readonly", "read-only"), ("read-only", "read-only"),
                           ("permission", "permission"), ("locked", "busy"), ("i/o", "io")):
        if needle in text:
            return reason
    return "other"


@dataclass(frozen=True)
class IntegrityReport:
    """Result of the start-up check of a SQLite file."""

    ok: bool
    #: Where the damaged file was moved (None when nothing was moved).
    moved_to: Path | None = None
    #: Set when the file could not be checked or written *now* (``full``, ``read-only``,
    #: ``permission`` ...): nothing was moved; records wait and are saved later.
    unavailable: str | None = None
    #: Set when damage was found while the app was running: the file is kept as it is,
    #: records go to the outbox, and the next start keeps the file aside.
    damaged_in_use: bool = False
    #: A WAL that did not belong to this file, kept aside unapplied (None when none).
    wal_kept_as: Path | None = None

    @property
    def message_ja(self) -> str | None:
        notes = []
        if self.unavailable is not None:
            notes.append(UNAVAILABLE_JA)
        if self.damaged_in_use:
            notes.append(tr("record.file.damaged_in_use", "ja"))
        if self.moved_to is not None:
            notes.append(tr("record.file.moved", "ja", path=self.moved_to.name))
        if self.wal_kept_as is not None:
            notes.append(tr("record.file.wal_kept", "ja", path=self.wal_kept_as.name))
        return "".join(notes) or None

    @property
    def message_en(self) -> str | None:
        notes = []
        if self.unavailable is not None:
            notes.append(UNAVAILABLE_EN)
        if self.damaged_in_use:
            notes.append(tr("record.file.damaged_in_use", "en"))
        if self.moved_to is not None:
            notes.append(tr("record.file.moved", "en", path=self.moved_to))
        if self.wal_kept_as is not None:
            notes.append(tr("record.file.wal_kept", "en", path=self.wal_kept_as))
        return " ".join(notes) or None


UNAVAILABLE_JA = tr("record.file.unavailable", "ja")
UNAVAILABLE_EN = tr("record.file.unavailable", "en")

#: Beside the database while a damage found at run time waits for the next start.
DAMAGE_FLAG_SUFFIX = ".damage-found"


def check_sqlite_file(
    path: str | os.PathLike[str],
    *,
    thorough: bool = True,
    move_damaged: bool = True,
    on_connect: Callable[[sqlite3.Connection], None] | None = None,
) -> IntegrityReport:
    """Check ``path``; move it aside only when it is really damaged.

    ``thorough`` runs ``PRAGMA quick_check`` (it reads every page: seconds
    for a city's record); otherwise only the header and the schema are read
    (milliseconds), which finds a file that is not a database or whose
    schema is ruined. A missing file is fine (a new one will be made).

    Damaged ("malformed", "not a database", or quick_check finds problems):
    the file is renamed ``<name>.damaged-<time>`` with its ``-wal``/``-shm``,
    never deleted or overwritten. Anything else that goes wrong — a full
    disk, a read-only folder, a permission or I/O error, a lock — is "try
    later": the file stays where it is and ``unavailable`` says why.
    With ``move_damaged=False`` (the check while the app runs) a damaged file
    is only reported (``damaged_in_use``). ``on_connect`` receives the
    connection (so another thread can ``interrupt()`` a long check).
    """
    path = Path(path)
    try:
        if not path.exists() or path.stat().st_size == 0:
            return IntegrityReport(ok=True)
    except OSError as exc:
        return IntegrityReport(ok=True, unavailable=unavailable_reason(exc))
    problem: str | None = None
    try:
        conn = sqlite3.connect(str(path), timeout=DEFAULT_BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
        if on_connect is not None:
            on_connect(conn)
        try:
            if thorough:
                rows = conn.execute("PRAGMA quick_check").fetchall()
                if [r[0] for r in rows] != ["ok"]:
                    problem = f"quick_check reported {len(rows)} problem(s)"
            else:
                conn.execute("PRAGMA schema_version").fetchone()
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        if not is_damage(exc):
            reason = unavailable_reason(exc)
            if (int(getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF) == 9:  # SQLITE_INTERRUPT: the app closed
                log.info("progress file check stopped at closing; it runs again at the next start")
                return IntegrityReport(ok=True, unavailable="interrupted")
            log.warning("progress file not checked now (%s): %s", reason, type(exc).__name__)
            return IntegrityReport(ok=True, unavailable=None if reason == "busy" else reason)
        problem = type(exc).__name__ + ": " + str(exc)
    if problem is None:
        return IntegrityReport(ok=True)
    if not move_damaged:
        log.error("damage found in the progress file while in use (%s)", problem)
        return IntegrityReport(ok=False, damaged_in_use=True)
    return move_aside(path, problem)


def _dated_name(path: Path, tag: str) -> Path:
    """``<name>.<tag>-<time>`` beside ``path`` (``-2``, ``-3`` … added while taken): never overwrites."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.name}.{tag}-{stamp}")
    n = 1
    while aside.exists():
        n += 1
        aside = path.with_name(f"{path.name}.{tag}-{stamp}-{n}")
    return aside


def move_aside(path: Path, problem: str) -> IntegrityReport:
    """Rename a damaged file (and companions) to ``<name>.damaged-<time>``; never overwrite."""
    aside = _dated_name(path, "damaged")
    try:
        path.rename(aside)
        for suffix in ("-wal", "-shm"):
            companion = path.with_name(path.name + suffix)
            if companion.exists():
                companion.rename(aside.with_name(aside.name + suffix))
    except OSError as exc:  # a read-only folder: keep using nothing, touch nothing
        log.error("damaged SQLite file could not be moved aside (%s): %s", problem, type(exc).__name__)
        return IntegrityReport(ok=False, unavailable=unavailable_reason(exc), damaged_in_use=True)
    path.with_name(path.name + DAMAGE_FLAG_SUFFIX).unlink(missing_ok=True)
    log.error("damaged SQLite file moved aside (%s): %s", problem, aside)
    return IntegrityReport(ok=False, moved_to=aside)


# -- clean shutdown markers and the journal's owner ---------------------------------------

MARKER_INFIX = ".open-"
#: Written at every start: says that markers are kept for this file (see :func:`keep_foreign_wal`).
OWNER_SUFFIX = ".owner"


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name != "posix":
        return False  # unknown: treat as ended (the worst case is one extra background check)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True


@dataclass(frozen=True)
class SessionState:
    """What the markers beside a database say about the last time it was used."""

    #: A process that used the file ended without closing it (a crash, kill, power cut).
    unclean: bool
    #: The (device, inode) the ended processes used, when their markers say.
    identities: frozenset[tuple[int, int]]
    #: Markers of ended processes (removed once the file was checked).
    stale: tuple[Path, ...]


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


def previous_session(path: Path) -> SessionState:
    """Read the markers ``<db>.open-<pid>`` left by processes that used ``path``."""
    stale: list[Path] = []
    identities: set[tuple[int, int]] = set()
    live: set[tuple[int, int]] = set()
    try:
        markers = list(path.parent.glob(path.name + MARKER_INFIX + "*"))
    except OSError:
        markers = []
    for marker in markers:
        try:
            pid = int(marker.name.rsplit("-", 1)[1])
            raw = marker.read_text(encoding="ascii").split()
            ident = (int(raw[0]), int(raw[1])) if len(raw) >= 2 else None
        except (ValueError, OSError, IndexError):
            pid, ident = -1, None
        if pid != -1 and _pid_alive(pid):
            if ident:
                live.add(ident)
            continue
        stale.append(marker)
        if ident:
            identities.add(ident)
    return SessionState(bool(stale), frozenset(identities | live), tuple(stale))


def begin_session(path: Path) -> Path | None:
    """Leave ``<db>.open-<pid>`` (holding the file's identity) while this process uses ``path``."""
    marker = path.with_name(f"{path.name}{MARKER_INFIX}{os.getpid()}")
    ident = _identity(path)
    try:
        fd = os.open(marker, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as fh:
            fh.write(f"{ident[0]} {ident[1]}\n" if ident else "\n")
        owner = path.with_name(path.name + OWNER_SUFFIX)
        if not owner.exists():
            os.close(os.open(owner, os.O_CREAT | os.O_WRONLY, 0o600))
    except OSError as exc:  # read-only or full: nothing could be written either
        log.info("no session marker: %s", type(exc).__name__)
        try:
            marker.unlink(missing_ok=True)
        except OSError:
            pass
        return None
    return marker


def end_session(marker: Path | None) -> None:
    """The process closed the record cleanly: its marker goes."""
    if marker is not None:
        try:
            marker.unlink(missing_ok=True)
        except OSError as exc:
            log.info("session marker not removed: %s", type(exc).__name__)


def clear_stale_markers(state: SessionState) -> None:
    for marker in state.stale:
        try:
            marker.unlink(missing_ok=True)
        except OSError:
            pass


def _wal_has_frames(wal: Path) -> bool:
    try:
        return wal.stat().st_size > 32  # the header alone is 32 bytes
    except OSError:
        return False


def keep_foreign_wal(path: Path, state: SessionState) -> Path | None:
    """Set aside a journal (``-wal``) that does not belong to ``path``; return where it went.

    A WAL with frames is applied by SQLite on open. A clean close leaves
    none. It belongs to this file when a process that used this very file
    (same device and inode, from its marker) ended without closing: then it
    is the crash's last commits and must be applied. A WAL with frames and no
    such marker, beside a file this version has opened before (the
    ``.owner`` file), was left by another database file (a copy put in
    place of this one): applying it would replace this record's pages with
    another's, so it is renamed ``<name>-wal.unmatched-<time>`` (kept, never
    deleted) and not applied. Not detected: a foreign WAL copied beside a
    file whose own process crashed, and a copy written over the file in
    place (same inode) while its own crash journal waits.
    """
    wal = path.with_name(path.name + "-wal")
    if not _wal_has_frames(wal):
        return None
    ident = _identity(path)
    if ident is not None and ident in state.identities:
        return None
    if not path.with_name(path.name + OWNER_SUFFIX).exists():
        return None  # first start of a version that leaves markers: nothing to compare with
    aside = _dated_name(wal, "unmatched")
    try:
        wal.rename(aside)
        shm = path.with_name(path.name + "-shm")
        if shm.exists():
            shm.rename(aside.with_name(aside.name + "-shm"))
    except OSError as exc:
        log.error("a journal of another database could not be set aside: %s", type(exc).__name__)
        return None
    log.error("a journal that does not belong to %s was kept aside unapplied: %s", path.name, aside.name)
    return aside
