"""Every text of the player's own interface, Japanese first, English too.

Scenario texts come from the scenario files; these are the app's words
(buttons, notices, headings). ``tr(key, lang)`` picks the language; a
missing English text falls back to Japanese, never to the key.
"""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    # app
    "app.title": ("デジタル生活の練習", "Digital life practice"),
    "app.motto": ("つまずいて当たり前。何度でも、ゆっくり練習できます。",
                  "Everyone stumbles. Practise as often and as slowly as you like."),
    "nav.settings": ("設定", "Settings"),
    "nav.instructor": ("講師の方へ", "For instructors"),
    "nav.learner": ("学ぶ人を選ぶ", "Choose learner"),
    "nav.home": ("はじめの画面へ", "Back to start"),
    "nav.back": ("もどる", "Back"),
    # home
    "home.heading": ("何を練習しますか？", "What would you like to practise?"),
    "home.count": ("{n} 個の練習", "{n} practices"),
    "cat.cashless": ("キャッシュレス", "Cashless"),
    "cat.shopping": ("ネットショッピング", "Online shopping"),
    "cat.government": ("行政手続き", "Government"),
    "cat.speaker": ("スマートスピーカー", "Smart speaker"),
    "cat.smartphone": ("スマホの基本", "Smartphone basics"),
    "cat.safety": ("安全・詐欺対策", "Safety and scams"),
    # list
    "list.empty": ("この分類の練習はまだありません。", "There are no practices in this group yet."),
    "list.level": ("レベル {n}", "Level {n}"),
    "list.minutes": ("約 {n} 分", "About {n} min"),
    "list.start": ("はじめる", "Start"),
    "list.source": ("パック「{name}」", "Pack “{name}”"),
    "list.resume": ("続きから", "Continue"),
    "list.resume_note": ("前回やめたところから続けられます。", "You can continue where you stopped."),
    # learner choice (when the record opened while a learner was already practising)
    "learner.keep_early": ("いまの練習を記録に残すには、自分の名前を選んでください。",
                           "To keep the practice you just did, choose your name."),
    # player
    "player.step": ("手順 {n} / {total}", "Step {n} of {total}"),
    "player.next": ("次へ", "Next"),
    "player.repeat": ("もう一度聞く", "Hear again"),
    "player.hint": ("ヒント", "Hint"),
    "player.restart": ("やり直す", "Start step over"),
    "player.quit": ("やめる", "Stop"),
    "player.hint_offer": ("「ヒント」を押すと、やり方をお手伝いします。", "Press “Hint” and I'll help you."),
    "player.no_more_hints": ("ヒントはここまでです。あわてずに、もう一度ゆっくりどうぞ。「やり直す」で最初からもできます。",
                             "That was the last hint. Take your time; “Start step over” begins the step again."),
    "player.hint_highlight": ("光っている枠のところを見てください。", "Look at the glowing frame."),
    "player.hint_show": ("指の絵がさしているところです。そこを押してみましょう。",
                         "The hand points at the place. Try pressing it."),
    "player.restarted": ("この手順を、はじめからやり直します。", "This step starts over."),
    "player.speech_failed": ("音声が使えないため、文字だけで続けます。", "Voice is not available; the text stays on screen."),
    "player.device": ("練習用の画面", "Practice screen"),
    "player.instructions": ("説明", "Instructions"),
    "player.feedback": ("お知らせ", "Message"),
    "quit.title": ("練習をやめますか？", "Stop practising?"),
    "quit.text": ("ここまでの練習はなくなりません。あとで「続きから」はじめられます。",
                  "Nothing is lost. You can continue later with “Continue”."),
    "quit.stay": ("続ける", "Keep going"),
    "quit.leave": ("やめる", "Stop"),
    # finish
    "finish.success": ("できました！", "You did it!"),
    "finish.safe": ("安全に終われました", "You stayed safe"),
    "finish.risky": ("練習なのでだいじょうぶです", "It's only practice — all is well"),
    "finish.learned": ("今日おぼえたこと", "What you learned"),
    "finish.again": ("もう一度", "Once more"),
    "finish.other": ("ほかの練習へ", "Other practices"),
    # settings
    "settings.title": ("設定", "Settings"),
    "settings.text_size": ("文字の大きさ", "Text size"),
    "settings.theme": ("色", "Colours"),
    "settings.furigana": ("ふりがなをつける", "Show furigana"),
    "settings.read_aloud": ("声で読み上げる", "Read aloud"),
    "settings.easy": ("やさしい言葉で表示する", "Use easy Japanese"),
    "settings.voice": ("声の種類", "Voice"),
    "settings.voice_default": ("ふつうの声", "Default voice"),
    "settings.rate": ("話す速さ", "Speaking speed"),
    "settings.volume": ("声の大きさ", "Volume"),
    "settings.slower": ("ゆっくり", "Slower"),
    "settings.normal": ("ふつう", "Normal"),
    "settings.faster": ("はやく", "Faster"),
    "settings.quieter": ("小さく", "Quieter"),
    "settings.louder": ("大きく", "Louder"),
    "settings.language": ("ことば", "Language"),
    "settings.lang_ja": ("日本語", "日本語 (Japanese)"),
    "settings.lang_en": ("English", "English"),
    "settings.try_voice": ("声を聞いてみる", "Try the voice"),
    "settings.sample": ("この大きさで読めますか？", "Can you read this size?"),
    "settings.done": ("閉じる", "Close"),
    "settings.on": ("はい", "On"),
    "settings.off": ("いいえ", "Off"),
    "settings.voice_sample": ("こんにちは。この声で読み上げます。", "Hello. I will read with this voice."),
    # first start
    "first.heading": ("ようこそ。はじめに、文字の大きさを選びましょう。", "Welcome. First, choose a text size."),
    "first.note": ("読みやすい大きさを押してください。あとで「設定」からいつでも変えられます。",
                   "Press the size that is easy to read. You can change it any time in Settings."),
    "first.option": ("{n}%　この大きさ", "{n}%  this size"),
    "first.go": ("この大きさではじめる", "Start with this size"),
    # learner choice
    "picker.title": ("あなたの名前を選んでください", "Choose your name"),
    "picker.guest": ("ゲストで練習（記録しません）", "Practise as a guest (not recorded)"),
    "picker.guest_note": ("記録しません", "Nothing is recorded"),
    "picker.offline_names": ("いまは記録につながらないので、このパソコンに残っている名前を出しています。"
                             "名前を選んで練習できます。記録はあとで保存します。",
                             "The record cannot be reached just now, so these are the names kept on this PC. "
                             "Choose yours and practise; your records are saved later."),
    "picker.instructor": ("先生・サポーター用", "For teachers and helpers"),
    "picker.all": ("みんな", "Everyone"),
    "picker.class": ("クラス：{name}", "Class: {name}"),
    "picker.choose_class": ("クラスを選んでください", "Choose your class"),
    "picker.unavailable": ("名前の一覧を読み込めません。「ゲストで練習」はそのまま使えます。",
                           "The list of names cannot be read. “Practise as a guest” still works."),
    "picker.too_many": ("人数が多いので、まず「クラス」のボタンでクラスを選んでください。",
                        "There are many names: first choose your class with the “Class” button."),
    "picker.empty": ("まだ名前が登録されていません。「先生・サポーター用」から登録できます。「ゲストで練習」もできます。",
                     "No names yet. They can be added under “For teachers and helpers”. "
                     "You can also practise as a guest."),
    # elements
    "pad.delete": ("1字消す", "Delete"),
    "pad.clear": ("全部消す", "Clear"),
    "qr.barcode": ("バーコード {n}", "Barcode {n}"),
    "calllog.missed": ("不在着信", "Missed call"),
    "calllog.incoming": ("着信", "Incoming call"),
    "calllog.outgoing": ("発信", "Outgoing call"),
    "camera.shutter": ("シャッター", "Shutter"),
    "grid.outside": ("メニューの外（押すと閉じます）", "Outside the menu (touch to close it)"),
    "pad.backspace": ("1字消す（長押しで全部消す）", "Delete (hold to clear)"),
    "pad.star": ("アスタリスク", "Star"),
    "pad.sharp": ("シャープ", "Hash"),
    "kb.convert": ("変換", "Convert"),
    "kb.next": ("次の字へ（→）", "Next character (→)"),
    "kb.erase": ("消す", "Del"),
    "kb.newline": ("改行", "Return"),
    "pad.enter": ("決定", "OK"),
    "kb.show": ("画面のキーボード", "On-screen keyboard"),
    "kb.space": ("空白", "Space"),
    "kb.kana": ("かな", "Kana"),
    "kb.latin": ("英数", "ABC"),
    "kb.small": ("小゛゜", "小゛゜"),
    "kb.dakuten": ("゛゜", "゛゜"),
    "input.hidden": ("入力した数字は見えないようにしています", "What you type is hidden"),
    "camera.frame": ("QRコードを、この四角い枠の中に入れましょう", "Put the QR code inside this square"),
    "camera.up": ("上へ", "Up"),
    "camera.down": ("下へ", "Down"),
    "camera.left": ("左へ", "Left"),
    "camera.right": ("右へ", "Right"),
    "camera.scanned": ("読み取りました", "Scanned"),
    "camera.how": ("指で絵を動かすか、矢印のボタン（またはキーボードの矢印）で動かします。",
                   "Drag the picture, or use the arrow buttons (or arrow keys)."),
    "card.place": ("カードを置く", "Place the card"),
    "card.reader": ("カード読み取り機", "Card reader"),
    "card.reader_here": ("ここにカードを置いてください", "Place your card here"),
    "card.placed": ("カードを置きました", "The card is on the reader"),
    "card.specimen": ("見本", "SPECIMEN"),
    "card.drag": ("カードを指で読み取り機まで動かすか、「カードを置く」を押します。",
                  "Drag the card onto the reader, or press “Place the card”."),
    "speaker.heard": ("聞こえた言葉", "Heard"),
    "speaker.answer": ("スピーカーの答え", "Speaker's answer"),
    "speaker.say": ("話す", "Speak"),
    "speaker.input": ("話しかける言葉", "What to say"),
    "speaker.suggestions": ("話しかける言葉の例（押すと話しかけます）", "Things to say (press to say them)"),
    "speaker.button": ("本体のボタンを押す", "Press the speaker's button"),
    "speaker.light.off": ("光っていません", "No light"),
    "speaker.light.listening": ("青く光っています：聞いています", "Blue light: listening"),
    "speaker.light.thinking": ("光が回っています：考えています", "Spinning light: thinking"),
    "speaker.light.muted": ("赤く光っています：マイクが切れています", "Red light: microphone off"),
    "speaker.light.notification": ("黄色く光っています：お知らせがあります", "Yellow light: a notification waits"),
    "speaker.light.speaking": ("青く光っています：話しています", "Blue light: speaking"),
    "speaker.light.call": ("緑に光っています：電話（呼びかけ）です", "Green light: a call"),
    "speaker.light.alarm": ("アラームが鳴っています", "The alarm is ringing"),
    "cart.total": ("合計", "Total"),
    "cart.shipping": ("送料", "Shipping"),
    "cart.qty": ("{n} 個", "× {n}"),
    "receipt.total": ("合計", "Total"),
    "money": ("{n} 円", "¥{n}"),
    "product.old": ("通常 {n} 円", "Was ¥{n}"),
    "message.link": ("リンク", "Link"),
    "browser.secure": ("保護された通信", "Secure"),
    "browser.insecure": ("保護されていない通信", "Not secure"),
    "pages.prev": ("前へ", "Previous"),
    "pages.next": ("次へ", "Next"),
    "pages.count": ("{n} / {total}", "{n} / {total}"),
    "device.kiosk": ("マルチコピー機（練習用）", "Multi-copier (practice)"),
    "device.card_reader": ("受付の読み取り機（練習用）", "Reception card reader (practice)"),
    "device.speaker": ("スマートスピーカー（練習用）", "Smart speaker (practice)"),
    "device.status_time": ("10:15", "10:15"),
}


def _merge_instructor_words() -> None:
    # The instructor area's words live in their own module of the same shape (see its docstring).
    from trainer.widgets.strings_instructor import STRINGS as instructor

    clash = set(STRINGS) & set(instructor)
    if clash:
        raise RuntimeError(f"catalogue keys defined twice: {sorted(clash)}")
    STRINGS.update(instructor)


_merge_instructor_words()


def tr(key: str, lang: str = "ja", **args: object) -> str:
    """The interface text ``key`` in ``lang`` with ``{name}`` filled from ``args``."""
    ja, en = STRINGS[key]
    text = en if lang == "en" and en else ja
    return text.format(**args) if args else text
