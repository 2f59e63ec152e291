"""Where the shared database's password is kept: never in the progress database.

The operating system's credential store comes first (Windows Credential
Manager, macOS Keychain, the Secret Service on a Linux desktop), through the
well-kept ``keyring`` library. Where there is none (a headless Linux PC, say)
the password goes into ``credentials.json`` in the data folder, created
readable by its owner only (0600, folder 0700). Either way the URL kept in
the local setting has no password in it.

An account is the URL without its password (``user@host:port/database``),
so each server keeps its own password.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from types import ModuleType

log = logging.getLogger("trainer.progress")

SERVICE = "trainer-progress-database"
FALLBACK_FILENAME = "credentials.json"


def _keyring() -> ModuleType | None:
    """The keyring module when a real backend exists here, else None."""
    try:
        import keyring
        from keyring.backends import fail
    except Exception as exc:  # not installed or broken: the file fallback is used
        log.debug("the OS credential store cannot be imported; the file fallback is used: %s", type(exc).__name__)
        return None
    try:
        backend = keyring.get_keyring()
    except Exception as exc:
        log.debug("no OS credential store; the file fallback is used: %s", type(exc).__name__)
        return None
    if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 1) <= 0:
        return None
    return keyring


def backend_name() -> str:
    """Which store is used: ``keyring:<backend>`` or ``file``."""
    ring = _keyring()
    return f"keyring:{type(ring.get_keyring()).__name__}" if ring is not None else "file"


def _read_file(folder: Path) -> dict[str, str]:
    try:
        raw = json.loads((folder / FALLBACK_FILENAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in raw.items()} if isinstance(raw, dict) else {}


def _write_file(folder: Path, values: dict[str, str]) -> None:
    from trainer.progress.database import make_private_dir

    make_private_dir(folder)
    path = folder / FALLBACK_FILENAME
    if not values:
        path.unlink(missing_ok=True)
        return
    temporary = path.with_name(path.name + ".part")
    fd = os.open(temporary, os.O_CREAT | os.O_WRONLY | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(values, fh)
        fh.flush()
        os.fsync(fh.fileno())
    if os.name == "posix":
        os.chmod(temporary, 0o600)
    os.replace(temporary, path)


def save_password(account: str, password: str | None, folder: Path) -> str:
    """Keep (or, with None, forget) ``account``'s password; returns where (``keyring`` / ``file``)."""
    ring = _keyring()
    if ring is not None:
        try:
            if password is None:
                try:
                    ring.delete_password(SERVICE, account)
                except Exception as exc:  # nothing stored: nothing to forget
                    log.debug("nothing to forget in the OS credential store: %s", type(exc).__name__)
            else:
                ring.set_password(SERVICE, account, password)
            values = _read_file(folder)
            if values.pop(account, None) is not None:
                _write_file(folder, values)
            return "keyring"
        except Exception as exc:  # a locked or broken store: fall back to the owner-only file
            log.warning("credential store refused the password (%s); using the owner-only file",
                        type(exc).__name__)
    values = _read_file(folder)
    if password is None:
        values.pop(account, None)
    else:
        values[account] = password
    _write_file(folder, values)
    return "file"


def load_password(account: str, folder: Path) -> str | None:
    """``account``'s password from the credential store, else from the owner-only file."""
    ring = _keyring()
    if ring is not None:
        try:
            found: str | None = ring.get_password(SERVICE, account)
        except Exception as exc:
            log.warning("credential store cannot be read: %s", type(exc).__name__)
            found = None
        if found is not None:
            return found
    return _read_file(folder).get(account)
