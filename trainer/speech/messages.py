"""What the learner is told when speech fails: (Japanese, English) pairs.

Plain, calm words: the app goes on with text, so nothing here asks the
learner to do something difficult.
"""

from __future__ import annotations

NO_DEVICE = (
    "音が出せませんでした。スピーカーやイヤホンを確かめてください。文字で続けられます。",
    "Could not play sound. Please check the speaker or earphones. You can go on with the text.",
)
NO_PLAYER = (
    "音を出す仕組みが見つかりませんでした。文字で続けられます。",
    "No way to play sound was found on this computer. You can go on with the text.",
)
NO_VOICE = (
    "読み上げの声が見つかりませんでした。文字で続けられます。",
    "No speaking voice was found. You can go on with the text.",
)
TOO_SLOW = (
    "読み上げに時間がかかりすぎたので、止めました。文字で続けられます。",
    "Reading aloud took too long and was stopped. You can go on with the text.",
)
ENGINE_BROKEN = (
    "読み上げがうまくいきませんでした。文字で続けられます。",
    "Reading aloud did not work. You can go on with the text.",
)
