"""The registry of mock devices and their physical parts (no Qt).

A scenario step is shown on one device (``device:``; the scenario's device
until a step names another, in file order). Besides its screen, a device has
a **body**: physical parts a learner operates with the hands — the kiosk's
card tray and coin slot, the ATM's card slot, the PC's Esc key, the phone's
back. A part is named in ``expect`` like an element id (``{insert:
coin-slot}``, ``{take: printer-outlet}``, ``{press: home}``) and the step's
``body:`` says what the body shows (what lies in the tray, what the learner
holds in the hand, whether the phone is turned over).

The loader, ``trainer check``, the JSON Schema, the docs and the widgets all
read this table, so they cannot disagree.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

CARDS = ("mynumber", "insurance", "credit", "point", "bank")
"""Card objects (the card element's kinds)."""

OBJECTS: Mapping[str, tuple[str, str]] = MappingProxyType({
    "mynumber": ("マイナンバーカード", "My Number card"),
    "insurance": ("保険証", "health insurance card"),
    "credit": ("クレジットカード", "credit card"),
    "point": ("ポイントカード", "point card"),
    "bank": ("キャッシュカード", "cash card"),
    "coins": ("硬貨", "coins"),
    "notes": ("お札", "banknotes"),
    "paper": ("印刷された紙", "the printed paper"),
    "receipt": ("明細票・レシート", "receipt"),
})
"""Things a learner holds or a part holds: id → (Japanese, English)."""

BODY_ACTIONS = ("insert", "take", "press", "look")
"""Action kinds that only ever name a body part (``place`` and ``long-press``
name a part or an element)."""

PART_ACTIONS = (*BODY_ACTIONS, "place", "long-press")
"""Every action a part can answer to."""


@dataclass(frozen=True)
class Part:
    """One physical part of a device body."""

    name: str
    label_ja: str
    label_en: str
    actions: tuple[str, ...]
    accepts: tuple[str, ...] = ()
    """Objects it takes in (insert / place); any other object is a slip the runner judges."""
    doc_ja: str = ""
    doc_en: str = ""

    def label(self, lang: str) -> str:
        return self.label_en if lang == "en" else self.label_ja


@dataclass(frozen=True)
class StateKey:
    """One key of a step's ``body:`` map.

    ``type``: ``object`` (one of :data:`OBJECTS`, or ``none``), ``objects``
    (a list of them — what the learner holds), ``enum`` (one of ``choices``)
    or ``bool``.
    """

    name: str
    type: str
    choices: tuple[str, ...] = ()
    doc_ja: str = ""
    doc_en: str = ""


@dataclass(frozen=True)
class DeviceKind:
    name: str
    label_ja: str
    label_en: str
    arrive_ja: str
    arrive_en: str
    """Said and shown when a scenario moves to this device (a step's ``arrive:`` overrides it)."""
    parts: Mapping[str, Part] = field(default_factory=dict)
    state: Mapping[str, StateKey] = field(default_factory=dict)
    doc_ja: str = ""
    doc_en: str = ""

    def label(self, lang: str) -> str:
        return self.label_en if lang == "en" else self.label_ja


KINDS: dict[str, DeviceKind] = {}


def register(kind: DeviceKind) -> DeviceKind:
    if kind.name in KINDS:
        raise ValueError(f"device {kind.name!r} registered twice")
    KINDS[kind.name] = kind
    return kind


def _parts(*parts: Part) -> Mapping[str, Part]:
    return MappingProxyType({p.name: p for p in parts})


def _state(*keys: StateKey) -> Mapping[str, StateKey]:
    return MappingProxyType({k.name: k for k in keys})


HAND = StateKey("hand", "objects", doc_ja="手に持っているもの（手元に出ます）。例: [mynumber, coins]",
                doc_en="What the learner holds (shown in the hand tray), e.g. [mynumber, coins].")
MONEY = ("coins",)
NOTES = ("notes",)

register(DeviceKind(
    "phone", "スマートフォン", "smartphone", "スマートフォンの画面にもどりました。", "Back to your phone.",
    parts=_parts(
        Part("back", "もどるボタン", "Back button", ("press",),
             doc_ja="画面の下の「◁」（ひとつ前の画面にもどる）。", doc_en="The ◁ below the screen (one screen back)."),
        Part("home", "ホームボタン", "Home button", ("press",),
             doc_ja="画面の下の「○」（ホーム画面へ）。", doc_en="The ○ below the screen (to the home screen)."),
        Part("phone-back", "スマホの背面", "back of the phone", ("place",), CARDS,
             doc_ja="スマホの背中（body: {side: back} のとき見えます）。カードを当てて読み取ります（NFC）。",
             doc_en="The back of the phone (seen with body: {side: back}); hold a card to it to read it (NFC)."),
        Part("camera", "カメラ", "camera", ("look",),
             doc_ja="画面の上の内側のカメラ（body: {camera: frame} のとき自分の顔と枠が映ります）。顔を枠に合わせると look。",
             doc_en="The front camera (with body: {camera: frame} the screen shows your face and a frame); fit the "
                    "face in the frame to send look."),
    ),
    state=_state(
        StateKey("side", "enum", ("front", "back"), "見えている面: front（画面）か back（背中）。",
                 "Which side is seen: front (the screen) or back."),
        HAND,
        StateKey("phone-back", "object", doc_ja="背中に当てているカード。", doc_en="The card held against the back."),
        StateKey("camera", "enum", ("off", "frame", "done"),
                 "内側のカメラの表示: off, frame（顔の枠）, done（枠に合った）。",
                 "The front camera view: off, frame (the face frame), done (the face fits)."),
    ),
    doc_ja="スマートフォン。画面の下に もどる・ホーム・アプリ一覧 のボタン。裏返すと背中（NFCの読み取り位置）。",
    doc_en="A smartphone: back, home and recent-apps buttons below the screen; turned over, its back (NFC spot).",
))
register(DeviceKind(
    "kiosk", "マルチコピー機", "multi-copy machine", "コンビニのマルチコピー機の前に来ました。",
    "You are at the store's multi-copy machine.",
    parts=_parts(
        Part("card-tray", "カード置き場", "card tray", ("place", "take"), CARDS,
             doc_ja="画面の右の、カードを置く台。", doc_en="The tray right of the screen where the card lies."),
        Part("coin-slot", "硬貨投入口", "coin slot", ("insert",), MONEY,
             doc_ja="硬貨を入れる口。", doc_en="Where coins go in."),
        Part("note-slot", "紙幣投入口", "note slot", ("insert",), NOTES,
             doc_ja="お札を入れる口。", doc_en="Where banknotes go in."),
        Part("change-outlet", "おつり口", "change outlet", ("take",),
             doc_ja="おつりが出る口。", doc_en="Where change comes out."),
        Part("printer-outlet", "取り出し口", "paper outlet", ("take",),
             doc_ja="印刷した紙が出てくる口（機械の下の方）。", doc_en="Where printed paper comes out (low on the front)."),
    ),
    state=_state(
        HAND,
        StateKey("card-tray", "object", doc_ja="カード置き場に置いてあるカード。", doc_en="The card lying on the tray."),
        StateKey("printer-outlet", "object", doc_ja="取り出し口に出ている紙（paper）。", doc_en="What waits in the paper outlet."),
        StateKey("change-outlet", "object", doc_ja="おつり口に出ている硬貨（coins）。", doc_en="Change waiting (coins)."),
    ),
    doc_ja="コンビニのマルチコピー機（コンビニ交付）。タッチ画面、右にカード置き場と硬貨・紙幣の投入口、下に取り出し口。",
    doc_en="A convenience store's multi-copy machine: touch screen, card tray and coin/note slots on the right, "
           "paper outlet below.",
))
register(DeviceKind(
    "atm", "ATM", "ATM", "ATMの前に来ました。", "You are at the ATM.",
    parts=_parts(
        Part("card-slot", "カード入れ口", "card slot", ("insert", "take"), ("bank", "credit"),
             doc_ja="キャッシュカードを入れる口（出てきたカードもここから取ります）。",
             doc_en="Where the cash card goes in (and comes back out)."),
        Part("note-slot", "紙幣の出し入れ口", "note slot", ("insert", "take"), NOTES,
             doc_ja="お札を入れる・受け取るふた付きの口。", doc_en="The covered slot for putting in or taking banknotes."),
        Part("receipt-slot", "明細票の出口", "receipt slot", ("take",),
             doc_ja="ご利用明細票が出てくる口。", doc_en="Where the receipt comes out."),
    ),
    state=_state(
        HAND,
        StateKey("card-slot", "object", doc_ja="カード入れ口から出ているカード。", doc_en="The card sticking out of the slot."),
        StateKey("note-slot", "object", doc_ja="出し入れ口に出ているお札（notes）。", doc_en="Banknotes waiting in the slot."),
        StateKey("receipt-slot", "object", doc_ja="出ている明細票（receipt）。", doc_en="The receipt waiting."),
    ),
    doc_ja="コンビニや銀行のATM。画面の右にカード入れ口と明細票の出口、下に紙幣の出し入れ口。",
    doc_en="An ATM: card slot and receipt slot right of the screen, the note slot below it.",
))
register(DeviceKind(
    "card-reader", "顔認証付きカードリーダー", "face-recognition card reader",
    "病院の受付の、カードリーダーの前に来ました。", "You are at the clinic's card reader.",
    parts=_parts(
        Part("card-tray", "カード置き場", "card tray", ("place", "take"), CARDS,
             doc_ja="画面の下の、カードを置く台。", doc_en="The tray below the screen where the card lies."),
        Part("camera", "カメラ", "camera", ("look",),
             doc_ja="画面の上のカメラ（body: {camera: frame} のとき顔の枠が出ます）。顔を枠に合わせると look。",
             doc_en="The camera above the screen (with body: {camera: frame} a face frame shows); fitting the face "
                    "in the frame sends look."),
    ),
    state=_state(
        HAND,
        StateKey("card-tray", "object", doc_ja="置いてあるカード。", doc_en="The card lying on the tray."),
        StateKey("camera", "enum", ("off", "frame", "checking", "done"),
                 "カメラの表示: off, frame（顔の枠）, checking（確認中）, done（確認済み）。",
                 "The camera view: off, frame (the face frame), checking, done."),
    ),
    doc_ja="病院・薬局の受付の顔認証付きカードリーダー。上にカメラ、真ん中に画面、下にカード置き場。",
    doc_en="A clinic's face-recognition card reader: camera on top, the screen, the card tray below.",
))
register(DeviceKind(
    "till", "レジのお客様用画面", "till's customer display", "レジの前に来ました。お客様用の画面を見ます。",
    "You are at the till. Look at the customer display.",
    doc_ja="お店のレジの、お客様に向いた小さな画面（金額や「お支払い方法」を押す画面）。",
    doc_en="The small customer-facing display of a shop's till (the amount, payment buttons).",
))
register(DeviceKind(
    "browser", "パソコン", "computer", "パソコンの前に来ました。", "You are at the computer.",
    parts=_parts(
        Part("esc", "Esc キー", "Esc key", ("press", "long-press"),
             doc_ja="キーボードの左上の Esc キー。長押し（long-press）で全画面の表示が終わります。",
             doc_en="The Esc key at the keyboard's top left; holding it (long-press) ends full screen."),
        Part("window-close", "ウインドウの×", "window's × button", ("press",),
             doc_ja="ブラウザのウインドウの右上の×（ブラウザを閉じる）。", doc_en="The × at the window's top right (closes the browser)."),
    ),
    state=_state(
        StateKey("fullscreen", "bool", doc_ja="ページが画面全体をおおっている（ブラウザの×やアドレスが見えない）。",
                 doc_en="The page covers the whole screen (no browser controls or address)."),
    ),
    doc_ja="パソコン: 画面のブラウザのウインドウ（タブ・アドレス・×）とキーボード（Esc）。",
    doc_en="A computer: the browser window on the monitor (tab, address, ×) and a keyboard (Esc).",
))
register(DeviceKind(
    "speaker", "スマートスピーカー", "smart speaker", "スマートスピーカーの前に来ました。",
    "You are at the smart speaker.",
    doc_ja="机の上のスマートスピーカー。光の輪の色が状態を表します。",
    doc_en="A smart speaker on a table; its light ring's colour shows its state.",
))
register(DeviceKind(
    "paper", "紙", "paper", "紙を手に取りました。", "You pick up the paper.",
    parts=_parts(),
    state=_state(StateKey("kind", "enum", ("form", "receipt"), "紙の種類: form（用紙）か receipt（受領証・レシート）。",
                          "Which paper: form or receipt.")),
    doc_ja="手元の紙（申請書や払込受領証・レシート）。画面ではないので時計や電池は出ません。",
    doc_en="A sheet of paper in the hand (a form, a receipt): no clock, no battery.",
))


def device_names() -> tuple[str, ...]:
    return tuple(KINDS)


def part(device: str, name: str | None) -> Part | None:
    kind = KINDS.get(device)
    return kind.parts.get(name or "") if kind is not None else None


def part_names(device: str) -> tuple[str, ...]:
    kind = KINDS.get(device)
    return tuple(kind.parts) if kind is not None else ()


def object_label(name: str, lang: str = "ja") -> str:
    ja, en = OBJECTS.get(name, (name, name))
    return en if lang == "en" else ja
