"""Problems found in a scenario file, in plain Japanese and English.

Every problem reads ``path:line:column: what is wrong — what would be right``.
Messages live in one table so the wording stays kind and consistent, and so
translators have one place to look.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from trainer.scenarios.model import Severity, Where, as_member

# code -> (Japanese, English). Both name what is wrong, then what would be right.
MESSAGES: dict[str, tuple[str, str]] = {
    "file-too-big": (
        "ファイルが大きすぎます（{size} バイト）— 1つのシナリオは 1 MiB までにしてください。",
        "the file is too big ({size} bytes) — keep one scenario under 1 MiB.",
    ),
    "file-unreadable": (
        "ファイルを読めません（{reason}）— ファイルの場所と読み取りの許可を確かめてください。",
        "the file cannot be read ({reason}) — check its path and permissions.",
    ),
    "not-utf8": (
        "文字コードが UTF-8 ではありません — エディタで「UTF-8」を選んで保存し直してください。",
        "the text is not UTF-8 — save the file again as UTF-8 in your editor.",
    ),
    "control-char": (
        "見えない制御文字（{char}）があります — 消してください（行を分けるなら普通の改行で）。",
        "an invisible control character ({char}) is here — delete it (use an ordinary line break to split lines).",
    ),
    "number-too-long": (
        "数が長すぎます（{digits} けた）— 「{key}」にはふつうの大きさの数を書いてください。",
        "the number is too long ({digits} digits) — write an ordinary number for '{key}'.",
    ),
    "slow-pattern": (
        "パターン「{value}」は、繰り返しの中に繰り返し（または似た選択肢）があり、答えの判定に"
        "とても時間がかかることがあります — 「(a+)+」は「a+」のように、繰り返しを1つにしてください。",
        "the pattern '{value}' repeats something that itself repeats (or a choice whose branches start alike), "
        "which can take very long to judge an answer — use one repeat, e.g. 'a+' instead of '(a+)+'.",
    ),
    "fullwidth-space": (
        "行の始めに全角スペース（　）があります — 字下げは半角スペースで入れてください。",
        "a full-width space (U+3000) is in the indentation — indent with ordinary (half-width) spaces.",
    ),
    "tab-indent": (
        "行の始めにタブがあります — 字下げは半角スペースで入れてください。",
        "a tab is in the indentation — indent with spaces.",
    ),
    "fullwidth-colon": (
        "「{key}」のあとが全角のコロン（：）です — 半角のコロンと空白「: 」にしてください。",
        "a full-width colon (：) follows '{key}' — type an ASCII colon and a space ': '.",
    ),
    "no-space-after-colon": (
        "「{key}:」のあとに空白がありません — 「{key}: 」のように、コロンのあとに半角スペースを入れてください。",
        "there is no space after '{key}:' — type a space after the colon, like '{key}: '.",
    ),
    "comment-cuts-number": (
        "文「{kept}」は「{comment}」の前で切れています（YAML では空白のあとの # からはメモ（コメント）で、画面にも読み上げにも出ません）"
        "— 文全体を引用符で囲んでください: {quoted}",
        "the text '{kept}' is cut before '{comment}' (in YAML a space then # starts a comment, which is neither shown"
        " nor read aloud) — put the whole text in quotes: {quoted}",
    ),
    "comment-after-text": (
        "文「{kept}」のあとの「{comment}」はメモ（コメント）として読まれ、文には入りません"
        " — 文に入れるなら全体を引用符で囲んでください: {quoted}（メモなら、別の行に書いてください）",
        "'{comment}' after the text '{kept}' is read as a comment and left out of the text"
        " — if it belongs to the text, put the whole text in quotes: {quoted} (a note goes on a line of its own)",
    ),
    "fullwidth-dash": (
        "リストの印が全角（{char}）です — 半角のハイフンと空白「- 」にしてください。",
        "the list marker is full-width ({char}) — type an ASCII hyphen and a space '- '.",
    ),
    "yaml-syntax": (
        "YAML の書き方が正しくありません（{problem}）— 字下げ・コロン・引用符を確かめてください。",
        "this is not valid YAML ({problem}) — check the indentation, colons and quotes.",
    ),
    "empty-file": (
        "ファイルが空です — format: 1 から始まるシナリオを書いてください。",
        "the file is empty — write a scenario starting with 'format: 1'.",
    ),
    "alias": (
        "アンカー（&）やエイリアス（*）は使えません — 同じ内容をもう一度書いてください。",
        "anchors (&) and aliases (*) are not supported — write the content out again.",
    ),
    "duplicate-key": (
        "「{key}」が2回あります（最初は {first} 行目）— 1つにまとめてください。",
        "'{key}' appears twice (first on line {first}) — keep only one.",
    ),
    "unknown-key": (
        "「{key}」という項目はありません{suggest_ja} — 使える項目: {allowed}。",
        "there is no key '{key}' here{suggest_en} — allowed keys: {allowed}.",
    ),
    "missing-key": (
        "「{key}」がありません — {where_ja}に「{key}:」を書いてください。",
        "'{key}' is missing — add '{key}:' to {where_en}.",
    ),
    "wrong-type": (
        "「{key}」は{want_ja}にしてください（いまは{got_ja}）。",
        "'{key}' must be {want_en} (it is {got_en}).",
    ),
    "bad-enum": (
        "「{key}」に「{value}」は使えません{suggest_ja} — 次のどれかにしてください: {allowed}。",
        "'{value}' is not allowed for '{key}'{suggest_en} — use one of: {allowed}.",
    ),
    "bad-id": (
        "「{value}」は名前（id）に使えません — 半角の小文字・数字・ハイフンだけにしてください（例: open-app）。",
        "'{value}' is not a valid id — use lowercase letters, digits and hyphens (e.g. open-app).",
    ),
    "bad-format": (
        "format は {want} にしてください（いまは {value}）。",
        "format must be {want} (it is {value}).",
    ),
    "bad-range": (
        "「{key}」は {low} から {high} までの数にしてください（いまは {value}）。",
        "'{key}' must be between {low} and {high} (it is {value}).",
    ),
    "bad-lang": (
        "言語「{value}」は使えません — ja か en にしてください。",
        "language '{value}' is not supported — use ja or en.",
    ),
    "empty-text": (
        "「{key}」の文が空です — 読み上げる文を書いてください。",
        "the text '{key}' is empty — write the words to show and read.",
    ),
    "no-japanese": (
        "「{key}」に日本語（ja）がありません — ja: を書いてください。",
        "'{key}' has no Japanese (ja) — add a ja: text.",
    ),
    "bad-reading-notation": (
        "読みの書き方が正しくありません（{detail_ja}）— ｜都城《みやこのじょう》のように書いてください。",
        "the reading notation is wrong ({detail_en}) — write it like ｜都城《みやこのじょう》.",
    ),
    "bad-reading": (
        "「{key}」の読みはひらがなかカタカナで書いてください（いまは「{value}」）。",
        "the reading of '{key}' must be in kana (it is '{value}').",
    ),
    "duplicate-step": (
        "ステップ「{id}」が2つあります（最初は {first} 行目）— 別の id にしてください。",
        "step id '{id}' is used twice (first on line {first}) — give this step another id.",
    ),
    "unknown-step": (
        "「{id}」というステップはありません{suggest_ja} — 次のどれかにしてください: {allowed}。",
        "there is no step '{id}'{suggest_en} — use one of: {allowed}.",
    ),
    "no-steps": (
        "steps にステップが1つもありません — 少なくとも1つと、終わり（finish）を書いてください。",
        "there are no steps — add at least one step and a finish.",
    ),
    "no-finish": (
        "終わりのステップ（finish:）がありません — 最後のステップに「finish: success」を書いてください。",
        "no step has 'finish:' — end the scenario with a step that has 'finish: success'.",
    ),
    "finish-with-action": (
        "終わりのステップに「{key}」は書けません — finish のステップはまとめの文だけにしてください。",
        "a finish step cannot have '{key}' — a finish step only sums up.",
    ),
    "expect-and-choices": (
        "expect と choices は一緒に使えません — 分かれ道なら choices だけにしてください。",
        "a step cannot have both expect and choices — use choices alone for a branch.",
    ),
    "expect-kind": (
        "動作が書かれていません{suggest_ja} — tap, long-press, swipe, enter, choose, toggle, scan, place, say のどれか1つを書いてください。",
        "no action is named{suggest_en} — use one of tap, long-press, swipe, enter, choose, toggle, scan, place, say.",
    ),
    "expect-many-kinds": (
        "1つの動作に「{kinds}」が書かれています — 1つにしてください（どれでもよいなら - で並べます）。",
        "one action names several kinds ({kinds}) — name one (list alternatives with -).",
    ),
    "bad-pattern": (
        "パターン「{value}」が正しくありません（{detail}）— 正規表現を確かめてください。",
        "the pattern '{value}' is not a valid regular expression ({detail}).",
    ),
    "bad-direction": (
        "スワイプの向き「{value}」は使えません — left, right, up, down のどれかにしてください。",
        "swipe direction '{value}' is not allowed — use left, right, up or down.",
    ),
    "asset-outside": (
        "ファイル「{value}」はシナリオのフォルダの外を指しています — シナリオと同じフォルダの中に置いてください。",
        "'{value}' points outside the scenario's folder — keep files inside the pack.",
    ),
    "asset-missing": (
        "ファイル「{value}」が見つかりません — 名前とフォルダを確かめてください。",
        "the file '{value}' does not exist — check its name and folder.",
    ),
    "bad-url": (
        "リンク「{value}」は練習用のアドレスにしてください — example.invalid（例: https://shop.example.invalid/）を使います"
        "（本物の役所のページだけは go.jp・lg.jp も使えます）。",
        "the link '{value}' must be a practice address — use example.invalid (e.g. https://shop.example.invalid/);"
        " only a genuine government page may use go.jp or lg.jp.",
    ),
    "unknown-element": (
        "画面の部品「{value}」はありません{suggest_ja} — 使える部品: {allowed}。",
        "there is no element type '{value}'{suggest_en} — available: {allowed}.",
    ),
    "duplicate-element-id": (
        "この画面に「{id}」が2つあります — 別の id にしてください。",
        "'{id}' is used twice on this screen — give each element its own id.",
    ),
    "hint-kind": (
        "ヒントには文か、highlight: か show: を書いてください。",
        "a hint is a text, or a map with highlight: or show:.",
    ),
    "unreachable-step": (
        "ステップ「{id}」にはどこからも進めません — 前のステップの next か choices から指してください。",
        "step '{id}' cannot be reached — point to it from a next or a choice.",
    ),
    "dead-end": (
        "ステップ「{id}」から先へ進めません — next を書くか、finish にしてください。",
        "step '{id}' leads nowhere — add next, or make it a finish.",
    ),
    "target-not-on-screen": (
        "「{target}」はこのステップの画面にありません{suggest_ja} — 画面の部品の id を書いてください。",
        "'{target}' is not on this step's screen{suggest_en} — name an element id on the screen.",
    ),
    "action-not-supported": (
        "「{target}」（{type}）には {kind} できません — {allowed} が使えます。",
        "'{target}' ({type}) does not answer to {kind} — it answers to {allowed}.",
    ),
    "text-too-long": (
        "文が長すぎます（{length} 文字）— 文字を大きくすると画面に入りません。{limit} 文字までに分けてください。",
        "the text is too long ({length} characters) to fit at large text sizes — split it to {limit} characters or fewer.",
    ),
    "reading-unsure": (
        "「{word}」の読みがはっきりしません（いまは「{kana}」）— 正しければそのまま、違えば readings: に書いてください。",
        "the reading of '{word}' is uncertain ('{kana}') — if wrong, add it under readings:.",
    ),
    "path-fails": (
        "道すじ {path} の途中で止まりました（{detail}）。",
        "the path {path} stopped ({detail}).",
    ),
    "no-way-to-finish": (
        "ステップ「{id}」から先は {loop} のくり返しで、終わり（finish）に着きません — どこかの next を終わりのステップに向けてください。",
        "from step '{id}' the learner goes round {loop} and never reaches a finish — point a next at a finish step.",
    ),
    "choice-leads-nowhere": (
        "この選択肢の先「{id}」からは終わり（finish）に着きません（{loop}）— 終わりに着くステップを next に書いてください。",
        "this choice leads to '{id}', from which no finish can be reached ({loop}) — point it at a step that ends.",
    ),
    "choice-never-taken": (
        "この選択肢（{action}）は、前の選択肢（→「{id}」）と同じ動作なので選ばれません — 別の部品か動作にしてください。",
        "this choice ({action}) is never taken: an earlier choice (→ '{id}') answers the same action — use another element or action.",
    ),
    "no-task": (
        "「task:」（練習全体の課題）がありません — 「ひとりで」のときに始めに出す課題を、ボタンの名前を出さずに"
        "書いてください（例: task: ペイで 500 円を払ってください）。",
        "there is no 'task:' (the whole task) — write the task shown first in on-your-own mode, without naming "
        "buttons (e.g. task: Pay 500 yen with the pay app).",
    ),
    "goal-names-target": (
        "goal の文に押すところの名前「{label}」が入っています — 「ひとりで」では自分で探すので、"
        "名前を出さずに、何のためかを書いてください（例: 支払いの画面を開きましょう）。",
        "the goal names what to press ('{label}') — on your own the learner finds it: say what it is for "
        "instead (e.g. Open the payment screen).",
    ),
    "shown-mistake-not-watched": (
        "「見てみる」はステップ「{step}」を通らないので、この show: true の間違いは見せられません — "
        "「見てみる」が通るステップ（成功か安全な終わりへのいちばん短い道）に書くか、show: を消してください。",
        "watch mode never plays step '{step}', so this show: true mistake is never demonstrated — mark one on a "
        "step of the way watch mode plays (the shortest way to a success or safe end), or remove show:.",
    ),
    "shown-mistake-nothing-to-point": (
        "この show: true の間違い（{action}）は画面の部品を指していないので、「見てみる」の手が指せません — "
        "when にこの画面の部品の id を書いてください。",
        "this show: true mistake ({action}) names nothing on the screen, so watch mode's hand cannot point at "
        "it — name an element of this screen in its when.",
    ),
    "mistake-never-shown": (
        "この間違い（{action}）は正しい動作と同じなので、出ることがありません — when を確かめてください。",
        "this mistake ({action}) is the same as the right action, so it is never shown — check its when.",
    ),
    "no-element-for-action": (
        "この画面には {kind} できる部品がありません — {types} を elements に置いてください。",
        "nothing on this screen answers to {kind} — add one of: {types}.",
    ),
    "scan-not-on-screen": (
        "コード「{target}」はこの画面のカメラに映っていません（映っているのは {codes}）— camera の target の data と同じにしてください。",
        "the code '{target}' is not in this screen's camera (it shows {codes}) — use the camera target's data.",
    ),
    "unknown-part": (
        "{device_ja}（{device}）に「{target}」という部分はありません{suggest_ja} — 使える部分: {allowed}。",
        "the {device_en} ('{device}') has no part '{target}'{suggest_en} — its parts are: {allowed}.",
    ),
    "part-action": (
        "「{target}」（{device}の{label}）には {kind} できません — {allowed} が使えます。",
        "'{target}' (the {device_en}'s {label_en}) does not answer to {kind} — it answers to {allowed}.",
    ),
    "part-is-element": (
        "部品の id「{target}」は {device} の体の部分と同じ名前です — 別の id にしてください（{target} は体の部分に使います）。",
        "the element id '{target}' is also the name of a part of the {device} — rename the element.",
    ),
    "bad-object": (
        "「{key}」に「{value}」は使えません{suggest_ja} — 物の名前: {allowed}。",
        "'{value}' is not a thing '{key}' can hold{suggest_en} — use one of: {allowed}.",
    ),
    "empty-hand": (
        "ステップ「{step}」で {kind}: {target} をするのに、手に何も持っていません — body: {{hand: [{accepts}]}} を書いてください。",
        "on step '{step}' the learner must {kind} into '{target}' but holds nothing — add body: {{hand: [{accepts}]}}.",
    ),
    "nothing-to-take": (
        "ステップ「{step}」で take: {target} をするのに、{target} に何もありません — body: {{{target}: …}} を書いてください。",
        "on step '{step}' the learner must take from '{target}' but it holds nothing — add body: {{{target}: …}}.",
    ),
    "part-hidden": (
        "ステップ「{step}」で「{target}」は見えていません（{why}）— body を確かめてください。",
        "on step '{step}' the part '{target}' cannot be seen ({why}) — check body.",
    ),
    "path-not-accepted": (
        "ステップ「{step}」で、正しいはずの動作 {action} が正解になりません — expect と with の値を確かめてください。",
        "on step '{step}' the expected action {action} is not accepted — check expect and the values in with.",
    ),
    "path-goes-elsewhere": (
        "ステップ「{step}」で {action} をすると「{got}」に進みます（「{want}」のはずです）— 選択肢の順番と動作を確かめてください。",
        "on step '{step}', {action} goes to '{got}' instead of '{want}' — check the order and actions of the choices.",
    ),
    "pattern-untested": (
        "{action} のパターンに合う値を作れなかったので、この道すじは試していません — 実際に入力して確かめてください。",
        "no value could be made for the pattern in {action}, so this way was not played — try it by hand.",
    ),
    "pack-not-zip": (
        "「{name}」は zip ファイルではないか、壊れています — trainer pack export で作ったファイルを選んでください。",
        "'{name}' is not a zip file, or it is damaged — choose a file made by 'trainer pack export'.",
    ),
    "pack-unsafe-path": (
        "「{member}」はパックの外を指す名前です（../ や / や C: で始まる）— 危ないので入れません。作った人に確かめてください。",
        "the entry '{member}' points outside the pack (../, / or a drive letter) — refused for safety; ask whoever made it.",
    ),
    "pack-symlink": (
        "「{member}」はふつうのファイルではありません（リンクなど）— パックにはふつうのファイルだけを入れてください。",
        "'{member}' is not an ordinary file (a link or the like) — a pack holds ordinary files only.",
    ),
    "pack-duplicate": (
        "「{member}」が2回入っています — 作り直してください。",
        "'{member}' is in the archive twice — make the pack again.",
    ),
    "pack-too-many-files": (
        "ファイルが多すぎます（{count} 個）— 1つのパックは {limit} 個までです。",
        "too many files ({count}) — a pack holds at most {limit}.",
    ),
    "pack-too-big": (
        "中身が大きすぎます（広げると {size}）— 1つのパックは {limit} までです。",
        "the pack is too big ({size} unpacked) — keep it under {limit}.",
    ),
    "pack-file-too-big": (
        "「{member}」が大きすぎます（{size}）— 1つのファイルは {limit} までです。写真なら小さくしてください。",
        "'{member}' is too big ({size}) — keep each file under {limit}; make pictures smaller.",
    ),
    "pack-bomb": (
        "「{member}」は広げると異常にふくらみます（{ratio} 倍）— zip 爆弾のおそれがあるので入れません（{limit} 倍まで）。",
        "'{member}' expands abnormally ({ratio}:1) — refused as a possible zip bomb (limit {limit}:1).",
    ),
    "pack-damaged": (
        "「{member}」が壊れているか、中身と見出しが合いません — 元のファイルをもう一度もらってください。",
        "'{member}' is damaged or does not match its header — get the original file again.",
    ),
    "pack-encrypted": (
        "「{member}」にパスワードがかかっています — パスワードなしで作り直してください。",
        "'{member}' is password-protected — make the pack again without a password.",
    ),
    "pack-method": (
        "「{member}」の圧縮の方式は使えません — trainer pack export で作り直してください。",
        "'{member}' uses an unsupported compression method — make the pack with 'trainer pack export'.",
    ),
    "pack-no-manifest": (
        "pack.yaml がありません — パックのフォルダのいちばん上に pack.yaml を置いてください（docs/authoring.md）。",
        "there is no pack.yaml — put a pack.yaml at the top of the pack folder (see docs/authoring.md).",
    ),
    "pack-no-scenarios": (
        "scenarios にシナリオが1つもありません — シナリオのファイル名を - で並べてください。",
        "scenarios lists no file — list the scenario files, one per line starting with -.",
    ),
    "pack-unlisted": (
        "このファイルは pack.yaml の scenarios に書かれていません — 書き足すか、パックのフォルダの外に移してください。",
        "this file is not listed under scenarios in pack.yaml — add it there, or move it out of the pack folder.",
    ),
    "pack-bad-name": (
        "「{member}」という名前は、パソコンによっては保存できません（{reason_ja}）— 名前を短く・ふつうの文字にしてから書き出し直してください。",
        "the entry '{member}' cannot be stored on every PC ({reason_en}) — rename it and export the pack again.",
    ),
    "pack-name-clash": (
        "「{member}」はファイルの名前ですが、同じ名前のフォルダーもあります — どちらかの名前を変えてください。",
        "'{member}' is a file, but another entry uses the same name as a folder — rename one of them.",
    ),
    "pack-cannot-store": (
        "「{member}」をこのパソコンに保存できません（{reason}）— 名前や空き容量を確かめてください。何も入れていません。",
        "'{member}' cannot be stored on this PC ({reason}) — check its name and the free space. Nothing was installed.",
    ),
    "pack-installed": (
        "パック「{id}」の版 {installed} がもう入っています（入れようとしたのは版 {version}）— 入れ直すときは --replace を付けてください。",
        "pack '{id}' version {installed} is already installed (this is version {version}) — add --replace to install it anyway.",
    ),
    "no-scenarios": (
        "シナリオ（.yaml）が見つかりません — フォルダの名前を確かめてください。",
        "no scenario files (.yaml) were found — check the folder name.",
    ),
    "duplicate-scenario": (
        "シナリオの id「{id}」は {other} でも使われています — 別の id にしてください。",
        "scenario id '{id}' is also used by {other} — give each scenario its own id.",
    ),
}

TYPE_NAMES: dict[str, tuple[str, str]] = {
    "text": ("文（文字列、または ja: と en: の組）", "a text (a string, or a map with ja: and en:)"),
    "str": ("文字列", "a string"),
    "id": ("名前（半角の小文字・数字・ハイフン）", "an id (lowercase letters, digits, hyphens)"),
    "int": ("整数", "a whole number"),
    "number": ("数", "a number"),
    "bool": ("true か false", "true or false"),
    "enum": ("決められた言葉", "one of the allowed words"),
    "asset": ("ファイルの名前", "a file name"),
    "url": ("アドレス（URL）", "an address (URL)"),
    "list": ("リスト（- で始まる行）", "a list (lines starting with -)"),
    "texts": ("文のリスト", "a list of texts"),
    "strs": ("文字列のリスト", "a list of strings"),
    "map": ("項目の組（key: value）", "a map (key: value)"),
    "mapping": ("項目の組（key: value）", "a map (key: value)"),
    "sequence": ("リスト（- で始まる行）", "a list (lines starting with -)"),
    "scalar": ("1つの値", "a single value"),
    "null": ("空", "empty"),
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a scenario file, with where it is."""

    where: Where
    code: str
    args: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    severity: Severity = Severity.ERROR

    def __post_init__(self) -> None:
        as_member(self, "severity", Severity)

    def message(self, lang: str = "ja") -> str:
        ja, en = MESSAGES[self.code]
        template = en if lang == "en" else ja
        args = dict(self.args)
        suggestion = args.get("suggest")
        args.setdefault("suggest_ja", f"（「{suggestion}」のことですか？）" if suggestion else "")
        args.setdefault("suggest_en", f" (did you mean '{suggestion}'?)" if suggestion else "")
        return template.format_map(_Defaults(args))

    def format(self, lang: str = "ja") -> str:
        label = "" if self.severity is Severity.ERROR else ("注意: " if lang != "en" else "warning: ")
        return printable(f"{self.where}: {label}{self.message(lang)}")


_UNPRINTABLE = None


def printable(text: str) -> str:
    """``text`` safe to print on a terminal: control, format and line-separator characters
    (an escape sequence hidden in a zip entry name or a scenario value) are shown as ``\\u001b``."""
    global _UNPRINTABLE
    if _UNPRINTABLE is None:
        import re

        _UNPRINTABLE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e"
                                  "\u2066-\u2069]")
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class _Defaults(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "?"


class ScenarioError(Exception):
    """Raised by :func:`trainer.scenarios.loader.load` when a file has problems."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems
