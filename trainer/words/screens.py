"""The learner's words drawn by the practice screens' own widgets (a call, the clerk view, the card on
the reader, a QR code), the names of the themes and the crash guard's message. The same audience as ``learner``; a table of its
own so that its additions do not meet the learner table's."""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    # a phone call (widgets.elements.call), by state
    "call.state.incoming": ("着信中…", "Incoming call…"),
    "call.state.calling": ("呼び出し中…", "Calling…"),
    "call.state.talking": ("通話中", "On a call"),
    "call.state.ended": ("通話終了", "Call ended"),
    # showing the phone to the clerk (widgets.elements.clerk_view)
    "clerk.show": ("お店の人に見せる", "Show the clerk"),
    "clerk.back": ("画面の向きを戻す", "Turn it back"),
    "clerk.turned": ("お店の人に向けています", "Turned towards the clerk"),
    "clerk.clerk": ("お店の人", "Clerk"),
    "clerk.says": ("確認しました", "That's right"),
    # the card lying on the reader (widgets.elements.placed_card)
    "card.take": ("カードを取る", "Take the card"),
    "card.on_reader": ("カードは読み取り機の上にあります", "The card is on the reader"),
    # a QR code without a label (widgets.elements.qr)
    "qr.name": ("QRコード", "QR code"),
    # the one calm message after a bug (app.crash_guard)
    "crash.message": ("うまく動かないところがありました。ごめんなさい。\n"
                      "これまでの練習の記録は守られています。\n"
                      "このまま続けるか、「やめる」を押して、もう一度始めてください。",
                      "Something did not work as it should. Sorry.\n"
                      "Your practice record so far is safe.\n"
                      "Carry on, or press “Quit” and start again."),
    # the themes (widgets.theme)
    "theme.standard": ("ふつう", "Standard"),
    "theme.high_contrast": ("はっきり（黒地に白）", "High contrast"),
}
