"""The words of the `trainer` command line (sub-commands, their help and their messages)."""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    # make check-system (trainer.system_check)
    "system.font": ("読みやすいフォント", "BIZ UD Gothic font files of the app"),
    # --window WxH (trainer.app.window_fit.parse_size): both languages in one message
    "window.size_format": ("幅x高さで書いてください（例 1280x720）", "write WIDTHxHEIGHT, e.g. 1280x720"),
    "window.too_small": ("{size} 以上にしてください", "use at least {size}"),
}
