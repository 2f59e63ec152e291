"""How a Japanese person says the Latin-letter words of digital life.

The dictionary spells unknown letters out (PIN → ピーアイエヌ) or uses
English-style letter names (ATM → エイティーエム); older learners hear
ピン and エーティーエム at the bank and the shop. Keys are matched as whole
words (not inside a longer Latin word), full-width forms too. Add a word
here when a scenario needs it; a scenario's own ``readings:`` still wins.
"""

from __future__ import annotations

ACRONYMS: dict[str, str] = {
    # money and payment
    "PIN": "ピン",
    "ATM": "エーティーエム",
    "QR": "キューアール",
    "IC": "アイシー",
    "PayPay": "ペイペイ",
    "LINE Pay": "ラインペイ",
    "Pay": "ペイ",
    "PAY": "ペイ",
    "d払い": "ディーばらい",
    "au PAY": "エーユーペイ",
    "Suica": "スイカ",
    "PASMO": "パスモ",
    "ICOCA": "イコカ",
    "VISA": "ビザ",
    "Visa": "ビザ",
    "JCB": "ジェーシービー",
    "ETC": "イーティーシー",
    # phones and the internet
    "SMS": "エスエムエス",
    "URL": "ユーアールエル",
    "ID": "アイディー",
    "OK": "オーケー",
    "Wi-Fi": "ワイファイ",
    "WiFi": "ワイファイ",
    "wifi": "ワイファイ",
    "Wifi": "ワイファイ",
    "LINE": "ライン",
    "SNS": "エスエヌエス",
    "SIM": "シム",
    "USB": "ユーエスビー",
    "PC": "ピーシー",
    "OS": "オーエス",
    "PDF": "ピーディーエフ",
    "GPS": "ジーピーエス",
    "AI": "エーアイ",
    "Web": "ウェブ",
    "WEB": "ウェブ",
    "web": "ウェブ",
    "Eメール": "イーメール",
    "email": "イーメール",
    "Gmail": "ジーメール",
    "iPhone": "アイフォーン",
    "Android": "アンドロイド",
    "Google": "グーグル",
    "Apple": "アップル",
    "Amazon": "アマゾン",
    "YouTube": "ユーチューブ",
    "Zoom": "ズーム",
    "Bluetooth": "ブルートゥース",
    "App Store": "アップストア",
    "Q&A": "キューアンドエー",
    "ON": "オン",
    "OFF": "オフ",
    "NHK": "エヌエイチケー",
    "JR": "ジェイアール",
    "TV": "テレビ",
    "e-Tax": "イータックス",
    "No.": "ナンバー",
}
"""Latin word → reading in katakana, as it is said in Japan."""
