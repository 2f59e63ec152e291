"""A JSON Schema (draft 2020-12) of scenario format v1, for editors.

Generated from the loader's key tables (``TOP_KEYS``, ``STEP_KEYS`` ...) and
the element registry (``trainer.scenarios.elements``), so the schema cannot
drift from what the loader accepts: a key the loader knows and this module
does not describe is a programming error caught by the tests.

Editors (VS Code with the YAML extension, and anything using
yaml-language-server) read the schema to complete keys, show a tooltip for
each key in Japanese and English, and underline mistakes while the author
types. The loader stays the judge: it checks more than a schema can say
(``next`` pointing at a real step, asset files existing, one ``finish``
reachable...). Pure Python, no Qt.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from trainer.scenarios import devices as device_kinds
from trainer.scenarios import elements as element_kinds
from trainer.scenarios import loader
from trainer.scenarios.model import CATEGORIES, DEVICES, FORMAT_VERSION, OUTCOMES

SCHEMA_ID = "https://example.invalid/trainer/scenario-v1.schema.json"
"""A stable name for the schema (not fetched from anywhere)."""

# -- descriptions ---------------------------------------------------------
# (Japanese, English) for every key in the loader's tables. ``describe_key``
# raises for a key missing here, and a test walks every table.

KEY_DOCS: dict[str, tuple[str, str]] = {
    # top of the file
    "format": ("書き方の版。いまは 1 と書きます。", "Version of this file format: write 1."),
    "id": ("名前（半角の小文字・数字・ハイフン。例: scan-to-pay）。ほかと重ならないようにします。",
           "A name: lowercase letters, digits and hyphens (e.g. scan-to-pay); unique."),
    "version": ("シナリオの版（1, 2, 3 …）。ステップを大きく変えたら1つ上げます。記録は id と版ごとです。",
                "The scenario's version (1, 2, 3 …); bump it when the steps change. Progress is kept per id and version."),
    "lang": ("主な言語（ja か en）。ふつうは ja です。", "Main language (ja or en); usually ja."),
    "title": ("題名。ホーム画面のタイルと手引きの表紙に出ます。", "The title, shown on the home tile and the handout."),
    "summary": ("1〜2文の説明。始める前に読み上げます。", "One or two sentences read out before starting."),
    "category": ("分類。ホーム画面のどのタイルに入るか。", "Which tile of the home screen the scenario is in."),
    "level": ("むずかしさ: 1 = はじめて、2 = 少し慣れた、3 = 慣れている。", "Difficulty: 1 first time, 2 some practice, 3 confident."),
    "minutes": ("だいたいの時間（分、1〜240）。", "About how long it takes, in minutes (1–240)."),
    "device": ("練習する機械（スマホ、券売機、スピーカー …）。", "Which mock device the player draws."),
    "app": ("画面のアプリの見た目（色・見出し・ボタンの形）。ファイルの先頭に書くと全部の画面に、screen に書くとその画面だけ。",
            "The look of the app on screen (colours, header, button shape): at the top for every screen, in a "
            "screen for that screen."),
    "goals": ("この練習で身につくこと（箇条書き）。始める前と手引きに出ます。",
              "What the learner will learn (a list); shown before starting and on the handout."),
    "task": ("「ひとりで」のときに始めに出す、練習全体の課題（ボタンの名前は出さずに。例: ペイで 500 円を払ってください）。"
             "書かないと trainer check が注意します。",
             "The whole task for on-your-own mode, in plain words without naming buttons (e.g. Pay 500 yen "
             "with the pay app); trainer check warns when it is missing."),
    "sources": ("参考にした公式の案内（題名・発行元・アドレス）。", "Official guides the scenario follows (title, publisher, address)."),
    "readings": ("読み方の指定（言葉: よみ）。ふりがなと読み上げの両方に使います。例: 都城: みやこのじょう",
                 "Readings (word: kana) used for furigana and speech, e.g. 都城: みやこのじょう."),
    "steps": ("ステップの並び。上から順に進みます。最後は finish のステップにします。",
              "The steps, played top to bottom; end with a finish step."),
    # a step
    "say": ("説明の文。画面に出して読み上げます。", "The instruction, shown and read aloud."),
    "easy": ("やさしい日本語の文（なくてもよい）。", "The same in easy Japanese (optional)."),
    "screen": ("このステップの画面（title・url・elements）。", "What the mock device shows on this step."),
    "arrive": ("別の機械に移ったときに言う言葉（書かなければ「ATMの前に来ました。」など機械ごとの言葉）。",
               "Said and shown on coming to this step from another device (default: the device's own words)."),
    "body": ("機械の体の状態: 手に持っている物（hand）、置き場や口にある物、裏返し（side）など。",
             "The state of the device's body: what the hand holds (hand), what lies in a tray or outlet, side …"),
    "expect": ("正しい動作（1つ、または - で並べた「どれでも正解」）。", "The right action (one, or a list of accepted ones)."),
    "hints": ("ヒント。1つずつ出します: 文、highlight（光らせる）、show（やって見せる）。",
              "Hints given one by one: a text, highlight: id, show: id."),
    "mistakes": ("よくある間違いと、そのときのやさしい説明。", "Known wrong actions, each with its own gentle explanation."),
    "choices": ("分かれ道。動作ごとに次のステップ（next）と結果（outcome）を書きます。",
                "A branch: for each action, the next step and an outcome."),
    "next": ("次に進むステップの id（書かなければ下のステップ）。", "The step to go to next (default: the one below)."),
    "praise": ("正しくできたときのほめ言葉（なくてもよい）。", "What to say when the learner gets it right (optional)."),
    "finish": ("終わりのステップ。success（できた）、safe（安全な終わり）、risky（危ない終わり・学び）。",
               "Makes this an end: success, safe, or risky (a learning end, never a failure)."),
    "learned": ("この終わりで学んだこと（箇条書き）。", "What was learned at this end (a list)."),
    "goal": ("「ひとりで」のときに出す、このステップのめあて（押すボタンの名前は出さない。例: 支払いの画面を開きましょう）。"
             "書かないと、動作に合わせた一般的な文になります。",
             "This step's aim for on-your-own mode, without naming the button (e.g. Open the payment screen); "
             "when absent, a general sentence for the kind of action is shown."),
    # a screen
    "url": ("画面の上に出すアドレス（example.invalid の練習用。本物の役所は go.jp・lg.jp も可）。",
            "The address shown on top (practice example.invalid; a genuine government page may use go.jp, lg.jp)."),
    "elements": ("画面の部品の並び（上から順）。", "The elements on the screen, top to bottom."),
    # actions
    "tap": ("押す（軽く1回）: 部品の id。", "Tap: the element's id."),
    "long-press": ("長く押す: 部品の id。", "Press and hold: the element's id."),
    "swipe": ("指でなぞる: left, right, up, down。", "Swipe: left, right, up or down."),
    "enter": ("入力する: {欄の id: 値}。値は \"580\"、any（何でも）、[a, b]（どれか）、{pattern: …}。",
              "Type: {field id: value}; value is \"580\", any, [a, b] (one of) or {pattern: …}."),
    "choose": ("一覧から選ぶ: 項目の id。", "Choose an option: its id."),
    "toggle": ("チェックを入れる／外す: 部品の id（to: on / off）。", "Tick or untick: the id (to: on / off)."),
    "scan": ("QRコードを読み取る: コードの data。", "Scan a code: its data."),
    "place": ("カードを読み取り機に置く: カードの id。または手元の物を体の部分に置く: 部分の名前（card-tray, phone-back）。",
              "Place a card on the reader (the card's id), or lay what the hand holds on a body part (card-tray, phone-back)."),
    "insert": ("手元の物を体の部分に入れる: 部分の名前（coin-slot, card-slot …）。",
               "Put what the hand holds into a body part: its name (coin-slot, card-slot …)."),
    "take": ("体の部分から取る: 部分の名前（printer-outlet, card-tray …）。", "Take from a body part: its name (printer-outlet, card-tray …)."),
    "press": ("体のボタンやキーを押す: 部分の名前（home, back, esc, window-close …）。",
              "Press a physical button or key: its name (home, back, esc, window-close …)."),
    "look": ("カメラを見て、顔を枠に合わせる: camera。", "Look into the camera so the face fits the frame: camera."),
    "with": ("動作のときに入力欄に入っているべき値 {欄の id: 値}。", "Values the fields must hold at that moment {field id: value}."),
    "on": ("なぞる場所（部品の id）。swipe と一緒に使います。", "Where to swipe (an element id), with swipe."),
    "to": ("チェックの状態: on（入れる）か off（外す）。", "The tick's state: on or off."),
    "thing": ("insert・place で、手元のどの物か（coins, notes, mynumber …）。書かなければ、その部分が受け取る物ならどれでも。",
              "With insert or place: which thing from the hand (coins, notes, mynumber …); default: anything the part takes."),
    # mistakes, choices
    "when": ("間違いの動作（1つ、または - で並べる）。", "The wrong action (one, or a list)."),
    "outcome": ("この選択の結果: safe（安全）か risky（危ない）など。記録に残ります。",
                "The outcome of this choice, e.g. safe or risky; it is recorded."),
    # hints
    "highlight": ("部品を光らせて場所を教える: 部品の id。", "Highlight an element: its id."),
    "show": ("アプリがやって見せる: 部品の id。", "The app demonstrates on an element: its id."),
    # sources
    "publisher": ("発行元（例: 消費者庁）。", "Who published it (e.g. the Consumer Affairs Agency)."),
    # texts
    "ja": ("日本語の文。", "The Japanese text."),
    "en": ("英語の文。", "The English text."),
    # value matches
    "pattern": ("正規表現（全体が合えば正解）。例: \"[0-9]{4}\"", "A regular expression the whole value must match."),
    "one-of": ("このどれかなら正解。", "Any one of these is right."),
    "exact": ("この値なら正解（全角・半角の違いは気にしません）。", "This value (width differences ignored)."),
}

CONTEXT_DOCS: dict[str, tuple[str, str]] = {
    # the same key name means something else in some places
    "steps.id": ("ステップの名前（next や choices で使います）。", "The step's name, used by next and choices."),
    "mistakes.id": ("間違いの名前（記録に残ります。なくてもよい）。", "The mistake's name, kept in the record (optional)."),
    "mistakes.say": ("その間違いのときに出す、やさしい説明。", "The gentle explanation for this mistake."),
    "mistakes.show": ("true にすると「見てみる」でこの間違いとその直し方を見せます（よくある間違い）。",
                      "true: watch mode demonstrates this mistake and how to put it right (a common mistake)."),
    "choices.say": ("この選択をしたときに出す言葉（なくてもよい）。", "What to say when this choice is taken (optional)."),
    "choices.next": ("この選択で進むステップの id。", "The step this choice leads to."),
    "hints.say": ("光らせる・見せるときに添える文（なくてもよい）。", "A text to go with the highlight or demonstration."),
    "sources.title": ("資料の題名。", "The guide's title."),
    "sources.url": ("資料のアドレス（本物のアドレスでかまいません）。", "The guide's address (a real address is fine)."),
    "screen.title": ("画面のいちばん上の題名。", "The title bar of the mock screen."),
    "steps.device": ("このステップから使う機械（書かなければ上のステップと同じ）。変わると、移ったことを言って見せます。",
                     "The device from this step on (default: the step above's); a change is said and shown."),
    "say.phrases": ("話しかける言葉（- で並べると、どれでも正解）。かな・漢字・句読点の違いは気にしません。",
                    "What to say to the speaker (a list: any one is right); kana/kanji and punctuation are ignored."),
}

ELEMENT_KEY_DOCS: dict[str, tuple[str, str]] = {
    "barcode": ("QRコードの上に出すバーコードの数字（練習用の絵）。", "Digits of a (drawn) barcode above the QR code."),
    "fees": ("送料のほかの手数料（label・amount）。例: 代引手数料 330。", "Other charges (label, amount), e.g. a COD fee."),
    "menu": ("長押しで開いたメニューの項目（id・label・icon）。", "The items of the menu a long press opened (id, label, icon)."),
    "menu-on": ("メニューが横に開いているアプリの id。", "The id of the app the menu opened beside."),
    "menu-close": ("メニューの外を押したとき（または Esc）の名前。", "The target sent by touching outside the menu (or Esc)."),
    "calls": ("電話の履歴の行（id・name・kind・time・number・note）。", "The calls (id, name, kind, time, number, note)."),
    "thumbnail": ("左下に出る、前に撮った写真のファイル。", "The last photo's file, shown bottom left."),
    "type": ("部品の種類。", "The kind of element."),
    "id": ("部品の名前（expect やヒントで使います）。", "The element's name, used by expect and hints."),
    "alt": ("絵の説明（読み上げます）。", "What the picture shows (read aloud)."),
    "amount": ("金額（円、整数）。", "An amount (yen, whole number)."),
    "answer": ("スピーカーの答え。", "The speaker's answer."),
    "apps": ("アプリの並び（id・label・icon）。", "The apps (id, label, icon)."),
    "badge": ("右上の小さな印（数や「新」など）。", "A small badge (a number, 'new' …)."),
    "buttons": ("ボタンの並び（id・label）。", "The buttons (id, label)."),
    "caller": ("電話をかけてきた人の名前（または 番号非通知）。", "Who is calling (or 番号非通知, no caller ID)."),
    "card": ("カードの種類。", "The kind of card."),
    "checked": ("はじめからチェックが入っているか（true / false）。", "Ticked from the start (true / false)."),
    "data": ("コードの中身（練習用の値）。", "What the code holds (practice data)."),
    "from": ("送り主（電話番号やメールアドレス）。", "The sender (number or address)."),
    "sender": ("送り主を言葉で（例: 市役所の人？）。あれば from の代わりに表示します。",
               "The sender in words (e.g. “City office”?); shown instead of from."),
    "heard": ("スピーカーが聞き取った言葉。", "What the speaker heard."),
    "icon": ("絵の名前（wallet, camera, mail, phone, sun, qr …）。", "The icon's name (wallet, camera, mail, phone, sun, qr …)."),
    "image": ("商品の絵（シナリオのフォルダの中のファイル）。", "A picture file inside the scenario's folder."),
    "incoming": ("受け取ったメッセージなら true（左に出ます）。", "true for a received message (shown on the left)."),
    "kind": ("種類。call のボタン: answer（緑）, decline・end（赤）, other。call-log: missed（不在着信）, incoming, outgoing。"
             "photo-camera: shutter, thumbnail, switch。",
             "The kind. call buttons: answer (green), decline or end (red), other; call-log: missed, incoming, "
             "outgoing; photo-camera: shutter, thumbnail, switch."),
    "items": ("かごの中身（name・price・qty）。", "The cart's contents (name, price, qty)."),
    "keyboard": ("出すキーボード: text, number, pin, password, phone, email。", "Which keyboard: text, number, pin, password, phone, email."),
    "label": ("表示する名前（短く）。", "The visible label (keep it short)."),
    "length": ("入れる文字の数（暗証番号なら 4）。", "How many characters (4 for a PIN)."),
    "light": ("光の状態: off, listening, thinking, muted, notification, speaking。", "The light ring's state."),
    "meaning": ("false: 光の下には色だけを書く（意味を答える問題のとき）。",
                "false: the words under the ring name only its colour (for a question about its meaning)."),
    "lines": ("明細の行（label・amount）。", "The receipt's lines (label, amount)."),
    "links": ("押せるリンク（id・url、example.invalid のみ）。", "Tappable links (id, url; example.invalid only)."),
    "name": ("名前（商品の名前、電話の相手の名前や番号）。", "The name (a product's, or the caller's name or number)."),
    "note": ("小さな字の補足。", "A small note."),
    "number": ("電話番号（練習用の 090-0000-xxxx など）。", "A phone number (a dummy such as 090-0000-xxxx)."),
    "old-price": ("値引き前の値段（円）。", "The price before a discount (yen)."),
    "options": ("選ぶ項目の並び（id・label）。", "The options (id, label)."),
    "page": ("はじめに見せるページ（1 = 1枚め）。", "Which page shows first (1 = the first)."),
    "pages": ("めくるページの並び（text・icon）。", "The pages to swipe through (text, icon)."),
    "placeholder": ("空のときに薄く出す字。", "Faint text shown while empty."),
    "price": ("値段（円、整数）。", "The price (yen, whole number)."),
    "qty": ("個数。", "How many."),
    "says": ("お店の人が確かめたあとに言うこと。", "What the clerk says after checking."),
    "select": ("1つだけ選ぶ（one）か、いくつも選ぶ（many）か。", "Choose one, or many."),
    "shipping": ("送料（円）。", "Shipping (yen)."),
    "shop": ("お店の名前。", "The shop's name."),
    "src": ("画像のファイル（シナリオのフォルダの中）。", "The picture file (inside the scenario's folder)."),
    "state": ("電話の状態: incoming（着信）, calling（呼び出し中）, talking（通話中）, ended。", "The call's state: incoming, calling, talking, ended."),
    "style": ("見た目の種類。", "How it looks."),
    "submit": ("入力を送るキーの名前（例: 決定）。押すと enter になります。", "The label of a key that sends what was typed (enter), e.g. 決定."),
    "suggestions": ("話しかける言葉の例（- で並べる）。", "Example phrases to say (a list)."),
    "take": ("カードを取るボタンの名前（書かなければ「カードを取る」）。", "The take-back button's label (default カードを取る)."),
    "target": ("カメラに映るコード（data・label）。", "The code in front of the camera (data, label)."),
    "text": ("表示する文。", "The text shown."),
    "time": ("時刻の表示（例: \"10:15\"、引用符で囲みます）。", "A time to show (e.g. \"10:15\", in quotes)."),
    "tiles": ("タイルの並び（id・label・icon・note）。", "The tiles (id, label, icon, note)."),
    "columns": ("1行に並べるタイルの数（はいらないときは少なくなります）。", "Tiles per row when there is room."),
    "title": ("題名。", "A title."),
    "total": ("合計（円）。", "The total (yen)."),
    "unit": ("値のあとに出す単位（円、枚 …）。", "A unit shown after the value (円 …)."),
    "url": ("アドレス（example.invalid の練習用だけ）。", "An address (practice example.invalid only)."),
}

TYPE_DOCS = {
    name: {"ja": ja, "en": en} for name, (ja, en) in {
        "cashless": ("キャッシュレス決済", "cashless payment"),
        "shopping": ("ネットショッピング", "online shopping"),
        "government": ("行政の手続き", "government services"),
        "speaker": ("スマートスピーカー", "smart speakers"),
        "smartphone": ("スマホの基本", "smartphone basics"),
        "safety": ("詐欺・安全", "scams and safety"),
        "phone": ("スマートフォン", "a smartphone"),
        "kiosk": ("コンビニのマルチコピー機", "a store's multi-copy machine"),
        "browser": ("パソコン（ブラウザとキーボード）", "a computer (browser and keyboard)"),
        "card-reader": ("顔認証付きカードリーダー", "a face-recognition card reader"),
        "atm": ("ATM", "an ATM"),
        "till": ("レジのお客様用画面", "a till's customer display"),
        "paper": ("紙（申請書・受領証）", "paper (a form, a receipt)"),
        "success": ("できた", "done"),
        "safe": ("安全な終わり", "a safe ending"),
        "risky": ("危ない終わり（学び）", "a risky ending (learning)"),
    }.items()
}


def element_key_doc(name: str, key: element_kinds.Key) -> tuple[str, str]:
    """(Japanese, English) for an element key; a key new to the registry and
    not yet described here falls back to its registry ``doc`` (a test asks
    for a Japanese description)."""
    if name in ELEMENT_KEY_DOCS:
        return ELEMENT_KEY_DOCS[name]
    return (key.doc or name, key.doc or name)


def describe_key(name: str, context: str = "", element: bool = False) -> tuple[str, str]:
    """The (Japanese, English) description of a key, most specific first."""
    if context and f"{context}.{name}" in CONTEXT_DOCS:
        return CONTEXT_DOCS[f"{context}.{name}"]
    if element:
        return ELEMENT_KEY_DOCS[name]
    return KEY_DOCS[name]


class _Builder:
    """Builds the schema in one language order (``lang`` first)."""

    def __init__(self, lang: str = "ja"):
        self.lang = lang

    def text(self, ja: str, en: str) -> str:
        return f"{ja}\n{en}" if self.lang != "en" else f"{en}\n{ja}"

    def doc(self, schema: dict[str, Any], pair: tuple[str, str], example: str = "") -> dict[str, Any]:
        schema = dict(schema)
        schema["description"] = self.text(*pair)
        markdown = self.text(*pair).replace("\n", "\n\n")
        if example:
            markdown += f"\n\n```yaml\n{example}\n```"
        schema["markdownDescription"] = markdown
        return schema

    # -- the shared definitions ----------------------------------------
    def defs(self) -> dict[str, Any]:
        ci_host = "".join(f"[{c.lower()}{c.upper()}]" if c.isalpha() else ("\\." if c == "." else c)
                          for c in "example.invalid")
        scalar = {"type": ["string", "number", "boolean"]}
        nonblank = {"anyOf": [{"type": "string", "pattern": r"\S"}, {"type": ["number", "boolean"]}]}
        defs: dict[str, Any] = {
            # yes / no / on / off / 123 are ids as written: YAML 1.1 reads them as
            # booleans and numbers, the loader takes the text.
            "id": {"anyOf": [{"type": "string", "pattern": loader.ID_RE.pattern}, {"type": "boolean"},
                             {"type": "integer", "minimum": 0}],
                   "description": self.text("名前: 半角の小文字・数字・ハイフン（例: open-app）",
                                            "An id: lowercase letters, digits, hyphens (e.g. open-app)")},
            "str": scalar,
            "scalar": scalar,
            "text": {
                "description": self.text("文: 1行の文字列、または ja: と en: の組",
                                         "A text: a string, or a map with ja: and en:"),
                "anyOf": [
                    nonblank,
                    {"type": "object", "required": ["ja"], "additionalProperties": False, "properties": {
                        lang: self.doc(nonblank, KEY_DOCS[lang]) for lang in loader.LANG_KEYS}},
                ],
            },
            "texts": {"anyOf": [{"$ref": "#/$defs/text"}, {"type": "array", "items": {"$ref": "#/$defs/text"}}]},
            "strs": {"type": "array", "items": nonblank},
            "asset": {"type": "string", "pattern": r"\S", "not": {"pattern": r"^(/|\\|[A-Za-z]:)"},
                      "description": self.text("シナリオのフォルダの中のファイル（例: images/shop.png）",
                                               "A file inside the scenario's folder (e.g. images/shop.png)")},
            "practice-url": {
                "type": "string",
                "pattern": rf"^([A-Za-z][A-Za-z0-9+.-]*://)?([^/@?#]*@)?(([A-Za-z0-9-]+\.)*{ci_host}"
                           rf"|([A-Za-z0-9-]+\.)+([gG][oO]|[lL][gG])\.[jJ][pP])\.?(:[0-9]*)?([/?#].*)?$",
                "description": self.text("練習用のアドレス（example.invalid）。本物の役所のページだけは go.jp・lg.jp も使えます。"
                                         "例: https://shop.example.invalid/",
                                         "A practice address under example.invalid (a genuine government page may"
                                         " use go.jp or lg.jp)"),
            },
            "any-url": {"type": "string", "pattern": r"\S"},
            "value-match": self.value_match(),
            "action": self.action(),
            "actions": {"anyOf": [{"$ref": "#/$defs/action"},
                                  {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/action"}}]},
            "element": self.element(),
            "screen": self.screen(),
            "hint": self.hint(),
            "mistake": self.mistake(),
            "choice": self.choice(),
            "step": self.step(),
            "source": self.source(),
        }
        return defs

    def value_match(self) -> dict[str, Any]:
        scalar = {"$ref": "#/$defs/scalar"}
        return {
            "description": self.text("正しい値: \"580\"、any（何か入っていればよい）、empty（空）、[a, b]（どれか）、"
                                     "{pattern: 正規表現}",
                                     "The right value: \"580\", any, empty, [a, b] (one of), {pattern: regex}"),
            "anyOf": [
                scalar,
                {"type": "array", "items": scalar},
                {"type": "object", "minProperties": 1, "maxProperties": 1, "additionalProperties": False,
                 "properties": {
                     "pattern": self.doc({"type": "string", "format": "regex"}, KEY_DOCS["pattern"]),
                     "one-of": self.doc({"type": "array", "items": scalar}, KEY_DOCS["one-of"]),
                     "exact": self.doc(scalar, KEY_DOCS["exact"]),
                 }},
            ],
        }

    def _action_properties(self) -> dict[str, Any]:
        id_ref = {"$ref": "#/$defs/id"}
        fields = {"type": "object", "propertyNames": id_ref, "additionalProperties": {"$ref": "#/$defs/value-match"}}
        props: dict[str, Any] = {}
        for kind in loader.ACTION_KEYS:
            if kind == "say":
                value: dict[str, Any] = {"anyOf": [{"$ref": "#/$defs/str"},
                                                   {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/str"}}]}
                pair = describe_key("phrases", "say")
            elif kind == "enter":
                value = {**fields, "minProperties": 1, "maxProperties": 1}
                pair = KEY_DOCS[kind]
            elif kind == "scan":
                value = {"$ref": "#/$defs/str"}
                pair = KEY_DOCS[kind]
            elif kind == "swipe":
                value = {"enum": list(loader.DIRECTIONS)}
                pair = KEY_DOCS[kind]
            else:
                value = id_ref
                pair = KEY_DOCS[kind]
            props[kind] = self.doc(value, pair)
        for extra in loader.ACTION_EXTRA:
            if extra == "with":
                value = fields
            elif extra == "thing":
                value = {"enum": list(device_kinds.OBJECTS)}
            elif extra == "to":
                value = {"anyOf": [{"type": "boolean"}, {"enum": ["on", "off", "true", "false", "yes", "no",
                                                                  "On", "Off", "ON", "OFF"]}]}
            else:
                value = id_ref
            props[extra] = self.doc(value, KEY_DOCS[extra])
        return props

    def _one_action(self) -> dict[str, Any]:
        return {"oneOf": [{"required": [kind]} for kind in loader.ACTION_KEYS]}

    def action(self) -> dict[str, Any]:
        return {
            "description": self.text("1つの動作。例: {tap: next}、{enter: {amount: \"580\"}}、{say: [今日の天気は？]}",
                                     "One action, e.g. {tap: next}, {enter: {amount: \"580\"}}"),
            "anyOf": [
                {"const": "continue"},
                {"type": "object", "additionalProperties": False, "properties": self._action_properties(),
                 **self._one_action()},
            ],
        }

    def element(self) -> dict[str, Any]:
        names = list(element_kinds.KINDS)
        branches = []
        for kind in element_kinds.KINDS.values():
            props: dict[str, Any] = {"type": {"const": kind.name}}
            props.update({name: self.element_key(name, key) for name, key in kind.keys.items()})
            required = ["type", *(name for name, key in kind.keys.items() if key.required)]
            branches.append({
                "if": {"properties": {"type": {"const": kind.name}}, "required": ["type"]},
                "then": {"properties": props, "required": required, "additionalProperties": False},
            })
        type_schema: dict[str, Any] = {"enum": names, "description": self.text("部品の種類", "The kind of element"),
                       "markdownDescription": self.text("部品の種類", "The kind of element")}
        type_schema["markdownDescription"] += "\n\n" + "\n".join(
            f"- `{k.name}`: {k.doc_ja if self.lang != 'en' else k.doc_en}" for k in element_kinds.KINDS.values())
        return {"type": "object", "required": ["type"], "properties": {"type": type_schema}, "allOf": branches}

    def element_key(self, name: str, key: element_kinds.Key) -> dict[str, Any]:
        kind = key.type
        if kind in ("id", "text", "texts", "str", "strs", "asset"):
            schema: dict[str, Any] = {"$ref": f"#/$defs/{kind}"}
        elif kind == "url":
            schema = {"$ref": "#/$defs/practice-url"}
        elif kind == "int":
            schema = {"type": "integer"}
        elif kind == "number":
            schema = {"type": "number"}
        elif kind == "bool":
            schema = {"type": "boolean"}
        elif kind == "enum":
            schema = {"enum": list(key.choices)}
        elif kind in ("map", "list"):
            item = key.item or {}
            obj = {"type": "object", "additionalProperties": False,
                   "properties": {n: self.element_key(n, k) for n, k in item.items()},
                   "required": [n for n, k in item.items() if k.required]}
            schema = obj if kind == "map" else {"type": "array", "items": obj}
        else:  # pragma: no cover - a new key type in elements.py must be described here
            raise ValueError(f"no schema for key type {kind!r}")
        return self.doc(schema, element_key_doc(name, key))

    def app_enum(self) -> dict[str, Any]:
        looks = element_kinds.APP_LOOKS
        return {"enum": list(looks), "markdownEnumDescriptions": [
            looks[v][0 if self.lang != "en" else 1] for v in looks]}

    def screen(self) -> dict[str, Any]:
        props = {
            "title": self.doc({"$ref": "#/$defs/text"}, describe_key("title", "screen")),
            "url": self.doc({"$ref": "#/$defs/practice-url"}, KEY_DOCS["url"]),
            "app": self.doc(self.app_enum(), KEY_DOCS["app"]),
            "elements": self.doc({"type": "array", "items": {"$ref": "#/$defs/element"}}, KEY_DOCS["elements"]),
        }
        assert tuple(props) == loader.SCREEN_KEYS
        return {"type": "object", "additionalProperties": False, "properties": props}

    def hint(self) -> dict[str, Any]:
        def pointed(kind: str) -> dict[str, Any]:
            return {"type": "object", "required": [kind], "additionalProperties": False, "properties": {
                kind: self.doc({"$ref": "#/$defs/id"}, KEY_DOCS[kind]),
                "say": self.doc({"$ref": "#/$defs/text"}, describe_key("say", "hints")),
            }}

        return {"anyOf": [{"$ref": "#/$defs/text"}, pointed("highlight"), pointed("show")]}

    def mistake(self) -> dict[str, Any]:
        props = {
            "id": self.doc({"$ref": "#/$defs/id"}, describe_key("id", "mistakes")),
            "when": self.doc({"$ref": "#/$defs/actions"}, KEY_DOCS["when"]),
            "say": self.doc({"$ref": "#/$defs/text"}, describe_key("say", "mistakes")),
            "show": self.doc({"type": "boolean"}, describe_key("show", "mistakes")),
        }
        assert tuple(props) == loader.MISTAKE_KEYS
        return {"type": "object", "required": ["when", "say"], "additionalProperties": False, "properties": props}

    def choice(self) -> dict[str, Any]:
        props = self._action_properties()
        props["next"] = self.doc({"$ref": "#/$defs/id"}, describe_key("next", "choices"))
        props["outcome"] = self.doc({"$ref": "#/$defs/id", "examples": ["safe", "risky"]}, KEY_DOCS["outcome"])
        props["say"] = self.doc({"$ref": "#/$defs/text"}, describe_key("say", "choices"))
        assert set(props) == set(loader.CHOICE_KEYS)
        return {"type": "object", "required": ["next"], "additionalProperties": False, "properties": props,
                **self._one_action()}

    def step(self) -> dict[str, Any]:
        texts = {"$ref": "#/$defs/texts"}
        props = {
            "id": self.doc({"$ref": "#/$defs/id"}, describe_key("id", "steps")),
            "say": self.doc({"$ref": "#/$defs/text"}, KEY_DOCS["say"]),
            "easy": self.doc({"$ref": "#/$defs/text"}, KEY_DOCS["easy"]),
            "device": self.doc({"enum": list(DEVICES)}, describe_key("device", "steps")),
            "arrive": self.doc({"$ref": "#/$defs/text"}, KEY_DOCS["arrive"]),
            "body": self.doc(self.body(), KEY_DOCS["body"]),
            "screen": self.doc({"$ref": "#/$defs/screen"}, KEY_DOCS["screen"]),
            "expect": self.doc({"$ref": "#/$defs/actions"}, KEY_DOCS["expect"]),
            "hints": self.doc({"type": "array", "items": {"$ref": "#/$defs/hint"}}, KEY_DOCS["hints"]),
            "mistakes": self.doc({"type": "array", "items": {"$ref": "#/$defs/mistake"}}, KEY_DOCS["mistakes"]),
            "choices": self.doc({"type": "array", "items": {"$ref": "#/$defs/choice"}}, KEY_DOCS["choices"]),
            "next": self.doc({"$ref": "#/$defs/id"}, KEY_DOCS["next"]),
            "praise": self.doc({"$ref": "#/$defs/text"}, KEY_DOCS["praise"]),
            "finish": self.doc({"enum": list(OUTCOMES)}, KEY_DOCS["finish"]),
            "learned": self.doc(texts, KEY_DOCS["learned"]),
            "goal": self.doc({"$ref": "#/$defs/text"}, KEY_DOCS["goal"]),
        }
        assert tuple(props) == loader.STEP_KEYS
        not_with_finish = ("expect", "choices", "mistakes", "hints", "next", "goal")
        return {
            "type": "object", "required": ["id", "say"], "additionalProperties": False, "properties": props,
            "not": {"required": ["expect", "choices"]},
            "dependentSchemas": {"finish": {"not": {"anyOf": [{"required": [k]} for k in not_with_finish]}}},
        }

    def body(self) -> dict[str, Any]:
        """Every device's body keys (the loader checks which belong to the step's device)."""
        objects = [*device_kinds.OBJECTS, "none"]
        props: dict[str, Any] = {}
        for kind in device_kinds.KINDS.values():
            for name, key in kind.state.items():
                if key.type == "object":
                    schema: dict[str, Any] = {"enum": objects}
                elif key.type == "objects":
                    schema = {"anyOf": [{"enum": objects}, {"type": "array", "items": {"enum": objects}}]}
                elif key.type == "enum":
                    schema = {"enum": list(key.choices)}
                else:
                    schema = {"type": "boolean"}
                if name in props and key.type == "enum":  # the same key on two devices: either's values
                    earlier = props[name]["enum"]
                    schema = {"enum": [*earlier, *(c for c in key.choices if c not in earlier)]}
                elif name in props:
                    continue
                props[name] = self.doc(schema, (key.doc_ja, key.doc_en))
        return {"type": "object", "additionalProperties": False, "properties": props}

    def source(self) -> dict[str, Any]:
        props = {
            "title": self.doc({"$ref": "#/$defs/str"}, describe_key("title", "sources")),
            "url": self.doc({"$ref": "#/$defs/any-url"}, describe_key("url", "sources")),
            "publisher": self.doc({"$ref": "#/$defs/str"}, KEY_DOCS["publisher"]),
        }
        assert tuple(props) == loader.SOURCE_KEYS
        return {"type": "object", "required": ["title"], "additionalProperties": False, "properties": props}

    def top(self) -> dict[str, Any]:
        def enum_with_docs(values: tuple[str, ...]) -> dict[str, Any]:
            return {"enum": list(values), "markdownEnumDescriptions": [
                TYPE_DOCS[v]["ja" if self.lang != "en" else "en"] for v in values]}

        props: dict[str, Any] = {
            "format": {"const": FORMAT_VERSION},
            "id": {"$ref": "#/$defs/id"},
            "version": {"type": "integer", "minimum": 1, "maximum": 10_000},
            "lang": {"enum": list(loader.LANG_KEYS)},
            "title": {"$ref": "#/$defs/text"},
            "summary": {"$ref": "#/$defs/text"},
            "category": enum_with_docs(CATEGORIES),
            "level": {"type": "integer", "minimum": 1, "maximum": 3},
            "minutes": {"type": "integer", "minimum": 1, "maximum": 240},
            "device": enum_with_docs(tuple(d for d in DEVICES)),
            "app": self.app_enum(),
            "goals": {"$ref": "#/$defs/texts"},
            "sources": {"type": "array", "items": {"$ref": "#/$defs/source"}},
            "readings": {"type": "object", "additionalProperties": {"type": "string",
                                                                     "pattern": loader.KANA_RE.pattern}},
            "steps": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/step"},
                      "contains": {"type": "object", "required": ["finish"]}},
            "task": {"$ref": "#/$defs/text"},
        }
        assert tuple(props) == loader.TOP_KEYS
        return {name: self.doc(schema, KEY_DOCS[name]) for name, schema in props.items()}


def build_schema(lang: str = "ja") -> dict[str, Any]:
    """The JSON Schema of format v1 (descriptions in ``lang`` first, then the other)."""
    b = _Builder(lang)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": b.text("練習シナリオ（format 1）", "Practice scenario (format 1)"),
        "description": b.text("trainer のシナリオファイル。書き方は docs/authoring.md を見てください。",
                              "A trainer scenario file; see docs/authoring.md."),
        "type": "object",
        "required": list(loader.TOP_REQUIRED),
        "additionalProperties": False,
        "properties": b.top(),
        "$defs": b.defs(),
    }


def every_key() -> Mapping[str, tuple[str, ...]]:
    """Every key the loader's tables name, by table (for tests and docs)."""
    return {
        "top": loader.TOP_KEYS, "step": loader.STEP_KEYS, "screen": loader.SCREEN_KEYS,
        "action": (*loader.ACTION_KEYS, *loader.ACTION_EXTRA), "mistake": loader.MISTAKE_KEYS,
        "choice": loader.CHOICE_KEYS, "source": loader.SOURCE_KEYS,
    }
