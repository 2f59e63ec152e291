"""The registry of screen element kinds: one schema entry per kind.

Adding a kind of element is one :func:`register` call here (its keys, which
actions it answers to, a short description and an example for the docs) plus
one widget class registered in ``trainer.widgets.registry``. The loader, the
JSON Schema (``trainer schema``), ``trainer check`` and the authoring reference
all read this table, so they cannot disagree.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Key:
    """One key an element (or an item in one of its lists) may have.

    ``type`` is one of: ``id`` (lowercase letters, digits and ``-``),
    ``text`` (a string or ``{ja:, en:}``), ``str``, ``int``, ``number``,
    ``bool``, ``enum`` (one of ``choices``), ``asset`` (a file beside the
    scenario), ``url``, ``list`` (of maps described by ``item``),
    ``texts`` (a list of texts), ``strs`` (a list of strings), ``map`` (a
    map described by ``item``).
    """

    type: str
    required: bool = False
    choices: tuple[str, ...] = ()
    item: Mapping[str, Key] | None = None
    targets: bool = False  # the ids of this list's items (or this id key's value) can be acted on
    doc: str = ""


@dataclass(frozen=True)
class ElementKind:
    """The schema of one element kind."""

    name: str
    keys: Mapping[str, Key]
    actions: tuple[str, ...] = ()
    doc_ja: str = ""
    doc_en: str = ""
    example: str = ""
    id_required: bool = False
    default_id: str | None = None


KINDS: dict[str, ElementKind] = {}


def register(kind: ElementKind) -> ElementKind:
    """Add an element kind to the registry (names are unique)."""
    if kind.name in KINDS:
        raise ValueError(f"element kind {kind.name!r} registered twice")
    KINDS[kind.name] = kind
    return kind


def target_ids(element: Any) -> Iterator[str]:
    """Every id in ``element`` a learner can act on (its own id, then the ids
    of items in lists marked ``targets``)."""
    if element.id:
        yield element.id
    kind = KINDS.get(element.type)
    if kind is None:
        return
    for name, key in kind.keys.items():
        if key.targets and key.type == "id":  # a key whose value names something to act on
            if element.props.get(name):
                yield element.props[name]
        elif key.targets:
            for item in element.props.get(name, ()) or ():
                item_id = item.get("id") if isinstance(item, Mapping) else None
                if item_id:
                    yield item_id


APP_LOOKS: dict[str, tuple[str, str]] = {
    "system": ("スマホに最初から入っているアプリ（電話・設定・写真）: 白い見出し、角の丸いボタン",
               "the phone's own apps (phone, settings, photos): a white header, rounded buttons"),
    "pay": ("支払いアプリ: 赤い見出しと白地、赤いボタン", "a pay app: red header on white, red buttons"),
    "shop": ("通販サイト: 濃い見出しと、だいだい色の丸いボタン", "a shop: dark header, orange pill buttons"),
    "government": ("役所のサービス: 紺色の見出し、四角に近いボタン", "a government service: navy header, squarish buttons"),
    "bank": ("銀行: 緑の見出しとボタン", "a bank: green header and buttons"),
    "mail": ("メール・メッセージ: 灰色の見出し、枠だけのボタン", "mail and messages: grey header, outlined buttons"),
    "scam": ("詐欺の画面がよく見せる形: 真っ赤な見出しと、黄色い大きなボタン",
             "what scam pages show: a loud red header and big yellow buttons"),
}
"""The looks a screen's ``app`` can name (drawn by ``trainer.widgets.app_looks``). Each follows
the kind of real app without any real brand; a fake copies the look of what it pretends to be."""

ID = Key("id", required=True, doc="a name for this element, used by expect and hints")
OPTIONAL_ID = Key("id", doc="a name for this element, used by expect and hints")
STYLE_BUTTON = ("primary", "secondary", "danger", "link")

register(ElementKind(
    "heading", {"text": Key("text", True)},
    doc_ja="大きな見出し。", doc_en="A large heading.",
    example="{type: heading, text: お支払い}",
))
register(ElementKind(
    "text", {"id": OPTIONAL_ID, "text": Key("text", True),
             "style": Key("enum", choices=("normal", "note", "warning", "large", "small"))},
    doc_ja="文章。style で注意書き（warning）や小さな字（small）にできます。",
    doc_en="A paragraph; style makes it a warning, a note, large or small.",
    example="{type: text, text: 都城マルシェ, style: large}",
))
register(ElementKind(
    "image", {"id": OPTIONAL_ID, "src": Key("asset", True), "alt": Key("text", True)},
    actions=("tap",),
    doc_ja="画像（シナリオと同じフォルダの中のファイル）。alt は読み上げる説明です。",
    doc_en="A picture from the scenario's folder; alt is read aloud.",
    example="{type: image, src: images/shop.png, alt: お店のレジ}",
))
register(ElementKind(
    "button", {"id": ID, "label": Key("text", True), "icon": Key("str"),
               "style": Key("enum", choices=STYLE_BUTTON)},
    actions=("tap", "long-press"), id_required=True,
    doc_ja="押すボタン。", doc_en="A button to press.",
    example="{type: button, id: next, label: 次へ, style: primary}",
))
register(ElementKind(
    "app-grid", {"id": OPTIONAL_ID, "apps": Key("list", True, targets=True, item={
        "id": ID, "label": Key("text", True), "icon": Key("str"), "badge": Key("int")}),
        "menu": Key("list", targets=True, doc="the menu a long press opened, beside the app in menu-on", item={
            "id": ID, "label": Key("text", True), "icon": Key("str"), "style": Key("enum", choices=STYLE_BUTTON)}),
        "menu-on": Key("str", doc="the app whose long-press menu is open"),
        "menu-close": Key("id", targets=True, doc="target sent by touching outside the menu (or Esc), which closes it")},
    actions=("tap", "long-press"),
    doc_ja="スマートフォンのホーム画面のアプリの並び。menu を書くと、menu-on のアプリのすぐ横に長押しのメニューが開いた画面に"
           "なります。menu-close は、メニューの外（何もないところ）を押したときの名前です。",
    doc_en="A phone's home screen of app icons; with menu, the long-press menu is open beside the app named by "
           "menu-on, and touching outside it sends menu-close.",
    example="{type: app-grid, apps: [{id: pay, label: ペイ, icon: wallet}, {id: camera, label: カメラ, icon: camera}]}",
))
register(ElementKind(
    "input", {"id": ID, "label": Key("text"), "keyboard": Key(
        "enum", choices=("text", "number", "pin", "password", "phone", "email")),
        "placeholder": Key("text"), "unit": Key("text"), "length": Key("int"),
        "submit": Key("text", doc="label of a key that sends what was typed (enter), e.g. 決定")},
    actions=("enter",), id_required=True,
    doc_ja="文字や数字を入れる欄。keyboard: number は数字ボタン、pin は4けたの暗証番号（伏せ字）。"
           "submit を書くと、入力を送るキー（例: 決定）が出ます。入れた値は記録しません。",
    doc_en="A field to type into; number shows a number pad, pin a masked PIN pad; submit adds a key that "
           "sends the value (enter). Typed values are never recorded.",
    example="{type: input, id: amount, keyboard: number, unit: 円, label: 金額}",
))
register(ElementKind(
    "choice-list", {"id": ID, "label": Key("text"), "options": Key("list", True, targets=True, item={
        "id": ID, "label": Key("text", True), "note": Key("text")}),
        "select": Key("enum", choices=("one", "many"))},
    actions=("choose", "tap"), id_required=True,
    doc_ja="選ぶ項目の一覧。", doc_en="A list of options to choose from.",
    example="{type: choice-list, id: pay-by, options: [{id: card, label: クレジットカード}, {id: cod, label: 代金引換}]}",
))
register(ElementKind(
    "checkbox", {"id": ID, "label": Key("text", True), "checked": Key("bool")},
    actions=("toggle", "tap"), id_required=True,
    doc_ja="チェックを入れる四角（同意など）。", doc_en="A tick box (consent and the like).",
    example="{type: checkbox, id: agree, label: すべての確認事項に同意する}",
))
register(ElementKind(
    "qr", {"id": OPTIONAL_ID, "data": Key("str", True), "label": Key("text"),
           "barcode": Key("str", doc="digits of a barcode drawn above the code, as pay apps show both")},
    doc_ja="本物のQRコード（実際のスマホでも読めます）。data は example.invalid などの練習用の値にします。"
           "barcode に数字を書くと、支払いアプリのように上にバーコード（絵）も出ます。",
    doc_en="A real QR code (a real phone could scan it); use dummy data. barcode adds a (drawn) barcode above "
           "it with those digits, as pay apps show both.",
    example='{type: qr, data: "shop:machi-mart", label: まちマート}',
))
register(ElementKind(
    "camera", {"id": OPTIONAL_ID, "target": Key("map", True, item={
        "data": Key("str", True), "label": Key("text")})},
    actions=("scan",), default_id="camera",
    doc_ja="カメラの画面。指やキーボードの矢印で動かし、QRコードを枠に入れると読み取ります。",
    doc_en="A camera viewfinder the learner moves (drag or arrow keys) over a code to scan it.",
    example='{type: camera, target: {data: "shop:machi-mart", label: まちマート}}',
))
register(ElementKind(
    "product", {"id": ID, "name": Key("text", True), "price": Key("int", True), "old-price": Key("int"),
                "note": Key("text"), "image": Key("asset"), "badge": Key("text")},
    actions=("tap",), id_required=True,
    doc_ja="商品のカード（名前・値段）。", doc_en="A product card (name, price).",
    example="{type: product, id: tea, name: 緑茶 2L, price: 198}",
))
register(ElementKind(
    "cart", {"id": OPTIONAL_ID, "items": Key("list", True, item={
        "name": Key("text", True), "price": Key("int", True), "qty": Key("int")}),
        "shipping": Key("int"),
        "fees": Key("list", doc="other charges by name, e.g. 代引手数料", item={
            "label": Key("text", True), "amount": Key("int", True)})},
    doc_ja="買い物かごの中身と合計。fees には送料のほかの手数料（代引手数料など）を名前つきで書きます。",
    doc_en="A cart with its total; fees lists other charges by name (a cash-on-delivery fee…).",
    example="{type: cart, items: [{name: 緑茶 2L, price: 198, qty: 2}]}",
))
register(ElementKind(
    "message", {"id": OPTIONAL_ID, "from": Key("str", True), "sender": Key("text"), "text": Key("text", True),
                "time": Key("str"),
                "links": Key("list", targets=True, item={"id": ID, "url": Key("url", True)}),
                "incoming": Key("bool")},
    actions=("tap", "long-press"),
    doc_ja="SMSやメールの吹き出し。links は押せるリンク（example.invalid のみ）。",
    doc_en="An SMS or mail bubble; links can be tapped (example.invalid only).",
    example='{type: message, from: "090-0000-0000", text: お荷物のお届け…, links: [{id: link, url: "http://example.invalid/x"}]}',
))
register(ElementKind(
    "dialog", {"id": OPTIONAL_ID, "title": Key("text"), "text": Key("text", True),
               "buttons": Key("list", True, targets=True, item={
                   "id": ID, "label": Key("text", True), "style": Key("enum", choices=STYLE_BUTTON)})},
    actions=("tap",),
    doc_ja="確認の小さな画面（はい／いいえ）。", doc_en="A small dialog with buttons.",
    example="{type: dialog, text: 支払いますか？, buttons: [{id: yes, label: 支払う}, {id: no, label: やめる}]}",
))
register(ElementKind(
    "amount", {"id": OPTIONAL_ID, "label": Key("text"), "amount": Key("int", True), "unit": Key("text")},
    doc_ja="残高や金額を大きく表示します。", doc_en="A balance or amount in large figures.",
    example="{type: amount, label: 残高, amount: 5000}",
))
register(ElementKind(
    "receipt", {"id": OPTIONAL_ID, "title": Key("text"), "lines": Key("list", True, item={
        "label": Key("text", True), "amount": Key("int")}), "total": Key("int"), "note": Key("text")},
    doc_ja="支払いの完了画面やレシート。", doc_en="A receipt or payment-complete screen.",
    example="{type: receipt, title: 支払い完了, lines: [{label: まちマート, amount: 580}], total: 580}",
))
register(ElementKind(
    "card", {"id": ID, "label": Key("text", True), "card": Key(
        "enum", choices=("mynumber", "insurance", "credit", "point", "bank"))},
    actions=("place", "tap"), id_required=True,
    doc_ja="カード読み取り機に置くカード（見本）。指で読み取り機まで動かすか、ボタンで置きます。",
    doc_en="A (specimen) card the learner places on a reader.",
    example="{type: card, id: my-card, card: mynumber, label: マイナンバーカード（見本）}",
))
register(ElementKind(
    "speaker", {"id": OPTIONAL_ID, "light": Key("enum", choices=(
        "off", "listening", "thinking", "muted", "notification", "speaking", "call", "alarm")),
        "heard": Key("text"), "answer": Key("text"), "suggestions": Key("texts"),
        "meaning": Key("bool", doc="false: the words under the ring name only its colour")},
    actions=("say", "tap"), default_id="speaker",
    doc_ja="スマートスピーカー。light は光の意味（listening=青、thinking=回る、muted=赤、notification=黄、"
           "call=緑の電話・呼びかけ、alarm=アラームやタイマーが鳴っている）。"
           "suggestions は話しかける言葉の例です。"
           "meaning: false にすると、光の下の言葉は色だけになります（光の意味を答えるクイズ用）。",
    doc_en="A smart speaker: light ring, what it heard and answers; suggestions are phrases to say.",
    example="{type: speaker, light: listening, suggestions: [今日の天気は？]}",
))

register(ElementKind(
    "pages", {"id": ID, "pages": Key("list", True, item={"text": Key("text", True), "icon": Key("str")}),
              "page": Key("int", doc="which page is showing, 1 = the first")},
    actions=("swipe", "tap"), id_required=True,
    doc_ja="指でなぞってめくる画面（写真やページ）。矢印のキーや「左へなぞる」などのボタンでもなぞれます。",
    doc_en="Pages (photos) to swipe through; arrow keys and the swipe buttons work too.",
    example="{type: pages, id: photos, pages: [{text: 海の写真, icon: photo}, {text: 山の写真, icon: photo}]}",
))

register(ElementKind(
    "call", {"id": OPTIONAL_ID, "caller": Key("text", True, doc="the name shown, or 番号非通知"),
             "number": Key("str"), "state": Key("enum", choices=("incoming", "calling", "talking", "ended")),
             "time": Key("str", doc="talk time shown while talking, e.g. 0:42"),
             "buttons": Key("list", True, targets=True, item={
                 "id": ID, "label": Key("text", True),
                 "kind": Key("enum", choices=("answer", "decline", "end", "other"))})},
    actions=("tap",),
    doc_ja="電話の画面（着信・発信中・通話中）。丸いボタンの kind は answer=緑の応答、decline・end=赤の拒否・終了。",
    doc_en="A phone call screen (incoming, calling, talking); round buttons: answer is green, decline and end red.",
    example="{type: call, caller: 番号非通知, state: incoming, buttons: [{id: answer, label: 応答, kind: answer}, "
            "{id: decline, label: 拒否, kind: decline}]}",
))
register(ElementKind(
    "call-log", {"id": OPTIONAL_ID, "label": Key("text"), "calls": Key("list", True, targets=True, item={
        "id": ID, "name": Key("text", True, doc="the contact's name, or the number when unknown"),
        "number": Key("str"), "kind": Key("enum", choices=("missed", "incoming", "outgoing")),
        "time": Key("text"), "note": Key("text")})},
    actions=("tap", "long-press"),
    doc_ja="電話の履歴（かかってきた・かけた電話の一覧）。1行を押すと、その相手にかけ直します（tap）。"
           "kind の missed（不在着信）は赤い字で出ます。",
    doc_en="A phone's call history: one row per call; tapping a row calls back (tap). Missed calls are red.",
    example="{type: call-log, calls: [{id: mother, name: 母, kind: missed, time: \"10:05\"}]}",
))
register(ElementKind(
    "photo-camera", {"id": OPTIONAL_ID, "src": Key("asset", True, doc="what the camera sees"),
                     "alt": Key("text", True), "thumbnail": Key("asset", doc="the last photo, bottom left"),
                     "buttons": Key("list", True, targets=True, item={
                         "id": ID, "label": Key("text", True),
                         "kind": Key("enum", True, choices=("shutter", "thumbnail", "switch"))})},
    actions=("tap",),
    doc_ja="写真を撮るカメラの画面。下の黒い帯に、左下の小さな写真（thumbnail）、まん中の白い丸のシャッター（shutter）、"
           "右の切り替え（switch）が並びます。",
    doc_en="A phone camera: what it sees, and a dark bar with the last photo (bottom left), the white round "
           "shutter (middle) and the front/back switch (right).",
    example="{type: photo-camera, src: images/flower.png, alt: 庭の花, buttons: [{id: shutter, label: シャッター, "
            "kind: shutter}]}",
))
register(ElementKind(
    "placed-card", {"id": ID, "label": Key("text", True), "card": Key(
        "enum", choices=("mynumber", "insurance", "credit", "point", "bank")),
        "take": Key("text", doc="the take-back button's label (default カードを取る)"),
        "style": Key("enum", choices=STYLE_BUTTON)},
    actions=("tap",), id_required=True,
    doc_ja="読み取り機の上に置いてあるカード。「カードを取る」（またはカード）を押すと tap になります。"
           "終わるまで置いたままにする練習や、取り忘れの練習に使います。",
    doc_en="A card lying on a reader; its “take the card” button (or the card) sends tap.",
    example="{type: placed-card, id: my-card, card: mynumber, label: マイナンバーカード（見本）}",
))
register(ElementKind(
    "clerk-view", {"id": ID, "shop": Key("text"), "amount": Key("int", True), "label": Key("text"),
                   "says": Key("text", doc="what the clerk says after checking")},
    actions=("enter",), id_required=True,
    doc_ja="お店の人に見せる確認画面。「お店の人に見せる」で画面の向きが変わり、お店の人が確かめます。"
           "値は見せる前は waiting、確かめてもらうと checked。expect の with: で「見せてから払う」を確かめられます。",
    doc_en="The confirmation the learner turns round for the clerk; its value is “waiting”, then “checked” "
           "once the clerk has seen it, so with: can require showing before paying.",
    example="{type: clerk-view, id: clerk, shop: まちマート, amount: 580, says: 580円ですね。確認しました}",
))
register(ElementKind(
    "menu-tiles", {"id": OPTIONAL_ID, "tiles": Key("list", True, targets=True, item={
        "id": ID, "label": Key("text", True), "icon": Key("str"), "note": Key("text")}),
        "columns": Key("int", doc="tiles per row when there is room (default 2)")},
    actions=("tap",),
    doc_ja="機械のタッチ画面の大きなタイルのメニュー（マルチコピー機・ATM）。どのタイルも同じ見た目です。",
    doc_en="A machine's touch-screen menu of large, equal tiles (multi-copy machine, ATM).",
    example="{type: menu-tiles, tiles: [{id: copy, label: コピー, icon: document}, "
            "{id: gov, label: 行政サービス, icon: government}]}",
))


def kind_names() -> tuple[str, ...]:
    return tuple(KINDS)

