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
import os
import unicodedata

from trainer.progress.store import ProgressStore

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

    message_ja = f"暗証番号は{PIN_MIN_DIGITS}〜{PIN_MAX_DIGITS}けたの数字です。"


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
    """True when ``pin`` matches the stored hash (constant-time comparison)."""
    try:
        digits = normalize_pin(pin)
        scheme, n, r, p, salt_b64, digest_b64 = stored.split("$")
        if scheme != "scrypt":
            return False
        salt = base64.b64decode(salt_b64, validate=True)
        expected = base64.b64decode(digest_b64, validate=True)
        actual = _scrypt(digits, salt, int(n), int(r), int(p))
    except (PinFormatError, ValueError):
        return False
    return hmac.compare_digest(actual, expected)


class InstructorPin:
    """Set and check the instructor PIN kept in the shared record."""

    def __init__(self, store: ProgressStore) -> None:
        self._store = store

    def is_set(self) -> bool:
        return bool(self._store.get_setting(PIN_SETTING))

    def set(self, pin: str) -> None:
        """Set (or change) the PIN; raises :class:`PinFormatError` for a bad one."""
        self._store.set_setting(PIN_SETTING, hash_pin(pin))

    def check(self, pin: str) -> bool:
        stored = self._store.get_setting(PIN_SETTING)
        return bool(stored) and verify_pin(pin, stored or "")
