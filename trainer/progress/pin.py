"""The instructor PIN: 4 to 8 digits, stored only as a salted scrypt hash.

The hash lives in the ``app_setting`` table under :data:`PIN_SETTING`, so
every PC sharing a record shares the PIN. Format:
``scrypt$<n>$<r>$<p>$<salt, base64>$<hash, base64>``. Checking uses a
constant-time comparison. Full-width digits typed with a Japanese input
method (「１２３４」) count as the same PIN as "1234".
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import math
import os
import time
import unicodedata
from collections.abc import Callable

from trainer.progress.store import ProgressStore
from trainer.words.catalogue import tr

log = logging.getLogger(__name__)

#: Settings key of the PIN hash.
PIN_SETTING = "instructor_pin_hash"
PIN_MIN_DIGITS = 4
PIN_MAX_DIGITS = 8

# scrypt cost: 2**15 x 8 x 1 uses 32 MiB and ~0.1 s — slow for a guesser, quick for a person.
_N, _R, _P = 2**15, 8, 1
_SALT_BYTES = 16
_HASH_BYTES = 32
_MAXMEM = 64 * 1024 * 1024


class PinFormatError(ValueError):
    """The PIN is not 4–8 digits. ``message_ja`` is for the screen."""

    message_ja = tr("pin.format", "ja")
    message_en = tr("pin.format", "en")


def normalize_pin(pin: str) -> str:
    """The PIN as ASCII digits (full-width digits accepted); raises :class:`PinFormatError`."""
    digits = unicodedata.normalize("NFKC", pin or "").strip()
    if not (PIN_MIN_DIGITS <= len(digits) <= PIN_MAX_DIGITS) or not all("0" <= c <= "9" for c in digits):
        raise PinFormatError("the PIN must be 4 to 8 digits")
    return digits


def _scrypt(pin: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(pin.encode(), salt=salt, n=n, r=r, p=p, dklen=_HASH_BYTES, maxmem=_MAXMEM)


def hash_pin(pin: str) -> str:
    """A new salted hash of ``pin`` (a different text each time)."""
    digits = normalize_pin(pin)
    salt = os.urandom(_SALT_BYTES)
    digest = _scrypt(digits, salt, _N, _R, _P)
    b64 = base64.b64encode
    return f"scrypt${_N}${_R}${_P}${b64(salt).decode()}${b64(digest).decode()}"


def verify_pin(pin: str, stored: str) -> bool:
    """True when ``pin`` matches the stored hash (constant-time comparison).

    The cost parameters are fixed in code: a stored hash with any other
    ``n``, ``r``, ``p`` (say ``n=2``, which anyone could brute-force, written
    by someone with access to the database) never matches.
    """
    try:
        digits = normalize_pin(pin)
        scheme, n, r, p, salt_b64, digest_b64 = stored.split("$")
        if scheme != "scrypt" or (n, r, p) != (str(_N), str(_R), str(_P)):
            return False
        salt = base64.b64decode(salt_b64, validate=True)
        expected = base64.b64decode(digest_b64, validate=True)
        if len(salt) != _SALT_BYTES or len(expected) != _HASH_BYTES:
            return False
        actual = _scrypt(digits, salt, _N, _R, _P)
    except (PinFormatError, ValueError):
        return False
    return hmac.compare_digest(actual, expected)


class PinRecoveryNeeded(RuntimeError):
    """The PIN is missing from a record that has learners: it cannot be set from the app."""

    message_ja = RECOVERY_JA = tr("pin.recovery", "ja")
    message_en = tr("pin.recovery", "en")


#: Failed tries allowed before each further try must wait.
FREE_TRIES = 3
#: The longest wait between tries (s); the wait doubles from 2 s after the free tries.
MAX_WAIT_S = 300.0
#: Settings key of the count of wrong PINs and the time the next try is allowed (kept in the record,
#: so closing and reopening the app, or going to another PC on the same record, does not reset it).
TRIES_SETTING = "instructor_pin_tries"


def _wait_for(failures: int) -> float:
    """The wait after ``failures`` wrong PINs in a row."""
    if failures < FREE_TRIES:
        return 0.0
    return min(MAX_WAIT_S, 2.0 ** min(failures - FREE_TRIES + 1, 30))  # 2**30 s: far past the cap, no overflow


class InstructorPin:
    """Set and check the instructor PIN kept in the shared record.

    After :data:`FREE_TRIES` wrong PINs, each further try waits 2, 4, 8 …
    up to :data:`MAX_WAIT_S` seconds; a right PIN starts the count again.
    A try during the wait is refused unchecked. The count and the time of
    the next allowed try are kept in the record (:data:`TRIES_SETTING`, wall
    clock), so restarting the app does not give the free tries back; when
    that setting cannot be written (a full disk) the count is kept in this
    app. A clock set back never makes a wait longer than the count allows.
    """

    def __init__(self, store: ProgressStore, *, clock: Callable[[], float] = time.time,
                 has_learners: Callable[[], bool] | None = None) -> None:
        self._store = store
        self._clock = clock
        self._has_learners = has_learners
        self._failures = 0
        self._not_before = 0.0

    def is_set(self) -> bool:
        return bool(self._store.get_setting(PIN_SETTING))

    def needs_recovery(self) -> bool:
        """True when no PIN is stored but the record has learners (the PIN row was removed)."""
        if self.is_set():
            return False
        return bool(self._has_learners()) if self._has_learners is not None else False

    def set(self, pin: str, *, recovery: bool = False) -> None:
        """Set (or change) the PIN; raises :class:`PinFormatError` for a bad one.

        Refuses (:class:`PinRecoveryNeeded`) a first PIN on a record that has
        learners, unless ``recovery`` (``trainer db reset-pin``).
        """
        hashed = hash_pin(pin)
        if not recovery and self.needs_recovery():
            raise PinRecoveryNeeded("the PIN is missing from a record with learners")
        self._store.set_setting(PIN_SETTING, hashed)
        self._save_tries(0, 0.0)

    # -- the count of wrong tries ----------------------------------------------------------------

    def _load_tries(self) -> None:
        """Take the count kept in the record when it is higher than this app's (another run, another PC)."""
        try:
            raw = self._store.get_setting(TRIES_SETTING)
        except Exception as exc:  # the record cannot be read now: this app's count stands
            log.debug("the record's count of PIN tries could not be read: %s", type(exc).__name__)
            return
        try:
            failures_text, not_before_text = (raw or "").split()
            failures, not_before = int(failures_text), float(not_before_text)
        except ValueError:  # absent or not ours: nothing to add
            return
        if not (0 < failures < 10**6 and math.isfinite(not_before)):  # "1000 inf" would lock out for good
            return
        if failures > self._failures:
            self._failures, self._not_before = failures, not_before
        elif failures == self._failures:
            self._not_before = max(self._not_before, not_before)

    def _save_tries(self, failures: int, not_before: float) -> None:
        self._failures, self._not_before = failures, not_before
        setter = getattr(self._store, "set_setting", None)
        if setter is None:
            return
        try:
            setter(TRIES_SETTING, f"{failures} {not_before:.3f}" if failures else None)
        except Exception as exc:  # a full disk or a server away: the count stays in this app
            log.debug("the count of PIN tries could not be stored: %s", type(exc).__name__)

    def wait_seconds(self) -> float:
        """How long until the next try is allowed (0 when it is allowed now)."""
        return max(0.0, min(_wait_for(self._failures), self._not_before - self._clock()))

    def check(self, pin: str) -> bool:
        self._load_tries()
        if self.wait_seconds() > 0:
            return False
        stored = self._store.get_setting(PIN_SETTING)
        ok = bool(stored) and verify_pin(pin, stored or "")
        if ok:
            if self._failures:
                self._save_tries(0, 0.0)
            return True
        failures = self._failures + 1
        self._save_tries(failures, self._clock() + _wait_for(failures))
        return False

    def failure_message_ja(self) -> str:
        """What the PIN page says after a refused try."""
        return self.failure_message("ja")

    def failure_message(self, lang: str = "ja") -> str:
        """What the PIN page says after a refused try, in ``lang``."""
        if self.needs_recovery():
            return tr("pin.recovery", lang)
        wait = self.wait_seconds()
        if wait > 0:
            return tr("pin.wait", lang, n=int(wait + 0.999))
        return tr("pin.wrong", lang)
