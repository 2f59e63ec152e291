"""The authors' words: problems in a scenario file or a pack (``trainer.scenarios.problems``), the
preview, the handout and the checks.

A problem reads ``path:line:column: what is wrong — what would be right``; its key is
``problem.<code>``, what a value should be is ``problem.type.<kind>``.
"""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    "problem.warning": ("注意: ", "warning: "),
    "problem.suggest": ("（「{suggestion}」のことですか？）", " (did you mean '{suggestion}'?)"),
    # the live preview (``trainer preview``)
    "preview.title": ("プレビュー: {name}", "Preview: {name}"),
    "preview.banner": ("プレビュー（記録しません）— 保存すると自動で読み直します",
                       "Preview (nothing is recorded) — reloads when you save"),
    "preview.loaded": ("{time} に読み込みました（ステップ「{step}」）", "loaded at {time} (step '{step}')"),
    "preview.problems": ("このファイルには問題があります（{n} 件）", "This file has problems ({n})"),
    "preview.fix": ("直して保存すると、自動で読み直します。", "Fix them and save: the preview reloads by itself."),
    "preview.finished": ("おわり（{outcome}）: {text}", "The end ({outcome}): {text}"),
    "preview.again": ("もう一度", "Play again"),
    "preview.gone": ("ファイルが見つかりません — 名前や場所が変わっていないか確かめてください。",
                     "the file is gone — check its name and folder."),
    "preview.crash": ("表示できませんでした（{error}）— ファイルを直して保存してください。",
                      "could not show this ({error}) — fix the file and save."),
    # the printed handout (``trainer handout``)
    "handout.goals": ("この練習で身につくこと", "What you will learn"),
    "handout.notes": ("メモ", "Notes"),
    "handout.step": ("ステップ {n}", "Step {n}"),
    "handout.minutes": ("目安 {n} 分", "about {n} min"),
    "handout.level": ("レベル {n}", "level {n}"),
    "handout.meta_separator": ("・", " · "),
    "handout.choices": ("どちらを選びますか", "Which will you choose?"),
    "handout.learned": ("学んだこと", "What you learned"),
    "handout.end.success": ("おわり", "The end"),
    "handout.end.safe": ("おわり（安全な終わり）", "The end (safe)"),
    "handout.end.risky": ("おわり（危ない終わり・学び）", "The end (risky — a lesson)"),
    "handout.to_end.success": ("おわり", "the end"),
    "handout.to_end.safe": ("安全な終わり", "the safe end"),
    "handout.to_end.risky": ("危ない終わり", "the risky end"),
    "handout.go": ("→ ステップ {n}", "→ step {n}"),
    "handout.sources": ("参考", "Sources"),
    "handout.page": ("{n} / {total}", "{n} / {total}"),
    "handout.device.phone": ("スマートフォン", "smartphone"),
    "handout.device.kiosk": ("コピー機・端末", "kiosk"),
    "handout.device.speaker": ("スマートスピーカー", "smart speaker"),
    "handout.device.browser": ("パソコン", "computer"),
    "handout.device.card-reader": ("カード読み取り機", "card reader"),
    "handout.easy": ("やさしい日本語", "Easy Japanese"),
    "handout.link": ("メッセージのリンク", "the link in the message"),
    # where a missing key belongs (``missing-key``)
    "problem.where.here": ("ここ", "this part"),
    "problem.where.element": ("画面の部品", "the element"),
    "problem.where.item": ("「{name}」の項目", "each {name} item"),
    "problem.where.step": ("このステップ", "this step"),
    "problem.where.mistake": ("この間違い", "this mistake"),
    "problem.where.choice": ("この選択肢", "this choice"),
    "problem.where.source": ("参考にした資料", "the source"),
    "problem.where.top": ("ファイルの先頭", "the top of the file"),
    # why a name in a pack cannot be stored on every PC (``pack-bad-name``)
    "pack.name_reason.too-long-path": ("{n}文字より長い", "longer than {n} characters"),
    "pack.name_reason.too-long-name": ("1つの名前が{n}バイトより長い", "one name is longer than {n} bytes"),
    "pack.name_reason.reserved": ("Windows で使えない名前（CON・NUL など）", "a name Windows reserves (CON, NUL ...)"),
    "pack.name_reason.bad-char": ("Windows で使えない文字（< > : \" | ? * や末尾の点・空白）",
                                  "a character Windows refuses (< > : \" | ? *, or a trailing dot or space)"),
    # code -> (Japanese, English). Both name what is wrong, then what would be right.
    "problem.file-too-big": (
        "ファイルが大きすぎます（{size} バイト）— 1つのシナリオは 1 MiB までにしてください。",
        "the file is too big ({size} bytes) — keep one scenario under 1 MiB.",
    ),
    "problem.file-unreadable": (
        "ファイルを読めません（{reason}）— ファイルの場所と読み取りの許可を確かめてください。",
        "the file cannot be read ({reason}) — check its path and permissions.",
    ),
    "problem.not-utf8": (
        "文字コードが UTF-8 ではありません — エディタで「UTF-8」を選んで保存し直してください。",
        "the text is not UTF-8 — save the file again as UTF-8 in your editor.",
    ),
    "problem.control-char": (
        "見えない制御文字（{char}）があります — 消してください（行を分けるなら普通の改行で）。",
        "an invisible control character ({char}) is here — delete it (use an ordinary line break to split lines).",
    ),
    "problem.number-too-long": (
        "数が長すぎます（{digits} けた）— 「{key}」にはふつうの大きさの数を書いてください。",
        "the number is too long ({digits} digits) — write an ordinary number for '{key}'.",
    ),
    "problem.slow-pattern": (
        "パターン「{value}」は、繰り返しの中に繰り返し（または似た選択肢）があり、答えの判定に"
        "とても時間がかかることがあります — 「(a+)+」は「a+」のように、繰り返しを1つにしてください。",
        "the pattern '{value}' repeats something that itself repeats (or a choice whose branches start alike), "
        "which can take very long to judge an answer — use one repeat, e.g. 'a+' instead of '(a+)+'.",
    ),
    "problem.fullwidth-space": (
        "行の始めに全角スペース（　）があります — 字下げは半角スペースで入れてください。",
        "a full-width space (U+3000) is in the indentation — indent with ordinary (half-width) spaces.",
    ),
    "problem.tab-indent": (
        "行の始めにタブがあります — 字下げは半角スペースで入れてください。",
        "a tab is in the indentation — indent with spaces.",
    ),
    "problem.fullwidth-colon": (
        "「{key}」のあとが全角のコロン（：）です — 半角のコロンと空白「: 」にしてください。",
        "a full-width colon (：) follows '{key}' — type an ASCII colon and a space ': '.",
    ),
    "problem.no-space-after-colon": (
        "「{key}:」のあとに空白がありません — 「{key}: 」のように、コロンのあとに半角スペースを入れてください。",
        "there is no space after '{key}:' — type a space after the colon, like '{key}: '.",
    ),
    "problem.comment-cuts-number": (
        "文「{kept}」は「{comment}」の前で切れています（YAML では空白のあとの # からはメモ（コメント）で、画面にも読み上げにも出ません）"
        "— 文全体を引用符で囲んでください: {quoted}",
        "the text '{kept}' is cut before '{comment}' (in YAML a space then # starts a comment, which is neither shown"
        " nor read aloud) — put the whole text in quotes: {quoted}",
    ),
    "problem.comment-after-text": (
        "文「{kept}」のあとの「{comment}」はメモ（コメント）として読まれ、文には入りません"
        " — 文に入れるなら全体を引用符で囲んでください: {quoted}（メモなら、別の行に書いてください）",
        "'{comment}' after the text '{kept}' is read as a comment and left out of the text"
        " — if it belongs to the text, put the whole text in quotes: {quoted} (a note goes on a line of its own)",
    ),
    "problem.fullwidth-dash": (
        "リストの印が全角（{char}）です — 半角のハイフンと空白「- 」にしてください。",
        "the list marker is full-width ({char}) — type an ASCII hyphen and a space '- '.",
    ),
    "problem.yaml-syntax": (
        "YAML の書き方が正しくありません（{problem}）— 字下げ・コロン・引用符を確かめてください。",
        "this is not valid YAML ({problem}) — check the indentation, colons and quotes.",
    ),
    "problem.empty-file": (
        "ファイルが空です — format: 1 から始まるシナリオを書いてください。",
        "the file is empty — write a scenario starting with 'format: 1'.",
    ),
    "problem.alias": (
        "アンカー（&）やエイリアス（*）は使えません — 同じ内容をもう一度書いてください。",
        "anchors (&) and aliases (*) are not supported — write the content out again.",
    ),
    "problem.duplicate-key": (
        "「{key}」が2回あります（最初は {first} 行目）— 1つにまとめてください。",
        "'{key}' appears twice (first on line {first}) — keep only one.",
    ),
    "problem.unknown-key": (
        "「{key}」という項目はありません{suggest_ja} — 使える項目: {allowed}。",
        "there is no key '{key}' here{suggest_en} — allowed keys: {allowed}.",
    ),
    "problem.missing-key": (
        "「{key}」がありません — {where_ja}に「{key}:」を書いてください。",
        "'{key}' is missing — add '{key}:' to {where_en}.",
    ),
    "problem.wrong-type": (
        "「{key}」は{want_ja}にしてください（いまは{got_ja}）。",
        "'{key}' must be {want_en} (it is {got_en}).",
    ),
    "problem.bad-enum": (
        "「{key}」に「{value}」は使えません{suggest_ja} — 次のどれかにしてください: {allowed}。",
        "'{value}' is not allowed for '{key}'{suggest_en} — use one of: {allowed}.",
    ),
    "problem.bad-id": (
        "「{value}」は名前（id）に使えません — 半角の小文字・数字・ハイフンだけにしてください（例: open-app）。",
        "'{value}' is not a valid id — use lowercase letters, digits and hyphens (e.g. open-app).",
    ),
    "problem.bad-format": (
        "format は {want} にしてください（いまは {value}）。",
        "format must be {want} (it is {value}).",
    ),
    "problem.bad-range": (
        "「{key}」は {low} から {high} までの数にしてください（いまは {value}）。",
        "'{key}' must be between {low} and {high} (it is {value}).",
    ),
    "problem.bad-lang": (
        "言語「{value}」は使えません — ja か en にしてください。",
        "language '{value}' is not supported — use ja or en.",
    ),
    "problem.empty-text": (
        "「{key}」の文が空です — 読み上げる文を書いてください。",
        "the text '{key}' is empty — write the words to show and read.",
    ),
    "problem.no-japanese": (
        "「{key}」に日本語（ja）がありません — ja: を書いてください。",
        "'{key}' has no Japanese (ja) — add a ja: text.",
    ),
    "problem.bad-reading-notation": (
        "読みの書き方が正しくありません（{detail_ja}）— ｜都城《みやこのじょう》のように書いてください。",
        "the reading notation is wrong ({detail_en}) — write it like ｜都城《みやこのじょう》.",
    ),
    "problem.bad-reading": (
        "「{key}」の読みはひらがなかカタカナで書いてください（いまは「{value}」）。",
        "the reading of '{key}' must be in kana (it is '{value}').",
    ),
    "problem.duplicate-step": (
        "ステップ「{id}」が2つあります（最初は {first} 行目）— 別の id にしてください。",
        "step id '{id}' is used twice (first on line {first}) — give this step another id.",
    ),
    "problem.unknown-step": (
        "「{id}」というステップはありません{suggest_ja} — 次のどれかにしてください: {allowed}。",
        "there is no step '{id}'{suggest_en} — use one of: {allowed}.",
    ),
    "problem.no-steps": (
        "steps にステップが1つもありません — 少なくとも1つと、終わり（finish）を書いてください。",
        "there are no steps — add at least one step and a finish.",
    ),
    "problem.no-finish": (
        "終わりのステップ（finish:）がありません — 最後のステップに「finish: success」を書いてください。",
        "no step has 'finish:' — end the scenario with a step that has 'finish: success'.",
    ),
    "problem.finish-with-action": (
        "終わりのステップに「{key}」は書けません — finish のステップはまとめの文だけにしてください。",
        "a finish step cannot have '{key}' — a finish step only sums up.",
    ),
    "problem.expect-and-choices": (
        "expect と choices は一緒に使えません — 分かれ道なら choices だけにしてください。",
        "a step cannot have both expect and choices — use choices alone for a branch.",
    ),
    "problem.expect-kind": (
        "動作が書かれていません{suggest_ja} — tap, long-press, swipe, enter, choose, toggle, scan, place, say のどれか1つを書いてください。",
        "no action is named{suggest_en} — use one of tap, long-press, swipe, enter, choose, toggle, scan, place, say.",
    ),
    "problem.expect-many-kinds": (
        "1つの動作に「{kinds}」が書かれています — 1つにしてください（どれでもよいなら - で並べます）。",
        "one action names several kinds ({kinds}) — name one (list alternatives with -).",
    ),
    "problem.bad-pattern": (
        "パターン「{value}」が正しくありません（{detail}）— 正規表現を確かめてください。",
        "the pattern '{value}' is not a valid regular expression ({detail}).",
    ),
    "problem.bad-direction": (
        "スワイプの向き「{value}」は使えません — left, right, up, down のどれかにしてください。",
        "swipe direction '{value}' is not allowed — use left, right, up or down.",
    ),
    "problem.asset-outside": (
        "ファイル「{value}」はシナリオのフォルダの外を指しています — シナリオと同じフォルダの中に置いてください。",
        "'{value}' points outside the scenario's folder — keep files inside the pack.",
    ),
    "problem.asset-missing": (
        "ファイル「{value}」が見つかりません — 名前とフォルダを確かめてください。",
        "the file '{value}' does not exist — check its name and folder.",
    ),
    "problem.bad-url": (
        "リンク「{value}」は練習用のアドレスにしてください — example.invalid（例: https://shop.example.invalid/）を使います"
        "（本物の役所のページだけは go.jp・lg.jp も使えます）。",
        "the link '{value}' must be a practice address — use example.invalid (e.g. https://shop.example.invalid/);"
        " only a genuine government page may use go.jp or lg.jp.",
    ),
    "problem.unknown-element": (
        "画面の部品「{value}」はありません{suggest_ja} — 使える部品: {allowed}。",
        "there is no element type '{value}'{suggest_en} — available: {allowed}.",
    ),
    "problem.duplicate-element-id": (
        "この画面に「{id}」が2つあります — 別の id にしてください。",
        "'{id}' is used twice on this screen — give each element its own id.",
    ),
    "problem.hint-kind": (
        "ヒントには文か、highlight: か show: を書いてください。",
        "a hint is a text, or a map with highlight: or show:.",
    ),
    "problem.unreachable-step": (
        "ステップ「{id}」にはどこからも進めません — 前のステップの next か choices から指してください。",
        "step '{id}' cannot be reached — point to it from a next or a choice.",
    ),
    "problem.dead-end": (
        "ステップ「{id}」から先へ進めません — next を書くか、finish にしてください。",
        "step '{id}' leads nowhere — add next, or make it a finish.",
    ),
    "problem.target-not-on-screen": (
        "「{target}」はこのステップの画面にありません{suggest_ja} — 画面の部品の id を書いてください。",
        "'{target}' is not on this step's screen{suggest_en} — name an element id on the screen.",
    ),
    "problem.action-not-supported": (
        "「{target}」（{type}）には {kind} できません — {allowed} が使えます。",
        "'{target}' ({type}) does not answer to {kind} — it answers to {allowed}.",
    ),
    "problem.text-too-long": (
        "文が長すぎます（{length} 文字）— 文字を大きくすると画面に入りません。{limit} 文字までに分けてください。",
        "the text is too long ({length} characters) to fit at large text sizes — split it to {limit} characters or fewer.",
    ),
    "problem.reading-unsure": (
        "「{word}」の読みがはっきりしません（いまは「{kana}」）— 正しければそのまま、違えば readings: に書いてください。",
        "the reading of '{word}' is uncertain ('{kana}') — if wrong, add it under readings:.",
    ),
    "problem.path-fails": (
        "道すじ {path} の途中で止まりました（{detail}）。",
        "the path {path} stopped ({detail}).",
    ),
    "problem.no-way-to-finish": (
        "ステップ「{id}」から先は {loop} のくり返しで、終わり（finish）に着きません — どこかの next を終わりのステップに向けてください。",
        "from step '{id}' the learner goes round {loop} and never reaches a finish — point a next at a finish step.",
    ),
    "problem.choice-leads-nowhere": (
        "この選択肢の先「{id}」からは終わり（finish）に着きません（{loop}）— 終わりに着くステップを next に書いてください。",
        "this choice leads to '{id}', from which no finish can be reached ({loop}) — point it at a step that ends.",
    ),
    "problem.choice-never-taken": (
        "この選択肢（{action}）は、前の選択肢（→「{id}」）と同じ動作なので選ばれません — 別の部品か動作にしてください。",
        "this choice ({action}) is never taken: an earlier choice (→ '{id}') answers the same action — use another element or action.",
    ),
    "problem.no-task": (
        "「task:」（練習全体の課題）がありません — 「ひとりで」のときに始めに出す課題を、ボタンの名前を出さずに"
        "書いてください（例: task: ペイで 500 円を払ってください）。",
        "there is no 'task:' (the whole task) — write the task shown first in on-your-own mode, without naming "
        "buttons (e.g. task: Pay 500 yen with the pay app).",
    ),
    "problem.goal-names-target": (
        "goal の文に押すところの名前「{label}」が入っています — 「ひとりで」では自分で探すので、"
        "名前を出さずに、何のためかを書いてください（例: 支払いの画面を開きましょう）。",
        "the goal names what to press ('{label}') — on your own the learner finds it: say what it is for "
        "instead (e.g. Open the payment screen).",
    ),
    "problem.shown-mistake-not-watched": (
        "「見てみる」はステップ「{step}」を通らないので、この show: true の間違いは見せられません — "
        "「見てみる」が通るステップ（成功か安全な終わりへのいちばん短い道）に書くか、show: を消してください。",
        "watch mode never plays step '{step}', so this show: true mistake is never demonstrated — mark one on a "
        "step of the way watch mode plays (the shortest way to a success or safe end), or remove show:.",
    ),
    "problem.shown-mistake-nothing-to-point": (
        "この show: true の間違い（{action}）は画面の部品を指していないので、「見てみる」の手が指せません — "
        "when にこの画面の部品の id を書いてください。",
        "this show: true mistake ({action}) names nothing on the screen, so watch mode's hand cannot point at "
        "it — name an element of this screen in its when.",
    ),
    "problem.mistake-never-shown": (
        "この間違い（{action}）は正しい動作と同じなので、出ることがありません — when を確かめてください。",
        "this mistake ({action}) is the same as the right action, so it is never shown — check its when.",
    ),
    "problem.no-element-for-action": (
        "この画面には {kind} できる部品がありません — {types} を elements に置いてください。",
        "nothing on this screen answers to {kind} — add one of: {types}.",
    ),
    "problem.scan-not-on-screen": (
        "コード「{target}」はこの画面のカメラに映っていません（映っているのは {codes}）— camera の target の data と同じにしてください。",
        "the code '{target}' is not in this screen's camera (it shows {codes}) — use the camera target's data.",
    ),
    "problem.unknown-part": (
        "{device_ja}（{device}）に「{target}」という部分はありません{suggest_ja} — 使える部分: {allowed}。",
        "the {device_en} ('{device}') has no part '{target}'{suggest_en} — its parts are: {allowed}.",
    ),
    "problem.part-action": (
        "「{target}」（{device}の{label}）には {kind} できません — {allowed} が使えます。",
        "'{target}' (the {device_en}'s {label_en}) does not answer to {kind} — it answers to {allowed}.",
    ),
    "problem.part-is-element": (
        "部品の id「{target}」は {device} の体の部分と同じ名前です — 別の id にしてください（{target} は体の部分に使います）。",
        "the element id '{target}' is also the name of a part of the {device} — rename the element.",
    ),
    "problem.bad-object": (
        "「{key}」に「{value}」は使えません{suggest_ja} — 物の名前: {allowed}。",
        "'{value}' is not a thing '{key}' can hold{suggest_en} — use one of: {allowed}.",
    ),
    "problem.empty-hand": (
        "ステップ「{step}」で {kind}: {target} をするのに、手に何も持っていません — body: {{hand: [{accepts}]}} を書いてください。",
        "on step '{step}' the learner must {kind} into '{target}' but holds nothing — add body: {{hand: [{accepts}]}}.",
    ),
    "problem.nothing-to-take": (
        "ステップ「{step}」で take: {target} をするのに、{target} に何もありません — body: {{{target}: …}} を書いてください。",
        "on step '{step}' the learner must take from '{target}' but it holds nothing — add body: {{{target}: …}}.",
    ),
    "problem.part-hidden": (
        "ステップ「{step}」で「{target}」は見えていません（{why}）— body を確かめてください。",
        "on step '{step}' the part '{target}' cannot be seen ({why}) — check body.",
    ),
    "problem.path-not-accepted": (
        "ステップ「{step}」で、正しいはずの動作 {action} が正解になりません — expect と with の値を確かめてください。",
        "on step '{step}' the expected action {action} is not accepted — check expect and the values in with.",
    ),
    "problem.path-goes-elsewhere": (
        "ステップ「{step}」で {action} をすると「{got}」に進みます（「{want}」のはずです）— 選択肢の順番と動作を確かめてください。",
        "on step '{step}', {action} goes to '{got}' instead of '{want}' — check the order and actions of the choices.",
    ),
    "problem.pattern-untested": (
        "{action} のパターンに合う値を作れなかったので、この道すじは試していません — 実際に入力して確かめてください。",
        "no value could be made for the pattern in {action}, so this way was not played — try it by hand.",
    ),
    "problem.pack-not-zip": (
        "「{name}」は zip ファイルではないか、壊れています — trainer pack export で作ったファイルを選んでください。",
        "'{name}' is not a zip file, or it is damaged — choose a file made by 'trainer pack export'.",
    ),
    "problem.pack-unsafe-path": (
        "「{member}」はパックの外を指す名前です（../ や / や C: で始まる）— 危ないので入れません。作った人に確かめてください。",
        "the entry '{member}' points outside the pack (../, / or a drive letter) — refused for safety; ask whoever made it.",
    ),
    "problem.pack-symlink": (
        "「{member}」はふつうのファイルではありません（リンクなど）— パックにはふつうのファイルだけを入れてください。",
        "'{member}' is not an ordinary file (a link or the like) — a pack holds ordinary files only.",
    ),
    "problem.pack-duplicate": (
        "「{member}」が2回入っています — 作り直してください。",
        "'{member}' is in the archive twice — make the pack again.",
    ),
    "problem.pack-too-many-files": (
        "ファイルが多すぎます（{count} 個）— 1つのパックは {limit} 個までです。",
        "too many files ({count}) — a pack holds at most {limit}.",
    ),
    "problem.pack-too-big": (
        "中身が大きすぎます（広げると {size}）— 1つのパックは {limit} までです。",
        "the pack is too big ({size} unpacked) — keep it under {limit}.",
    ),
    "problem.pack-file-too-big": (
        "「{member}」が大きすぎます（{size}）— 1つのファイルは {limit} までです。写真なら小さくしてください。",
        "'{member}' is too big ({size}) — keep each file under {limit}; make pictures smaller.",
    ),
    "problem.pack-bomb": (
        "「{member}」は広げると異常にふくらみます（{ratio} 倍）— zip 爆弾のおそれがあるので入れません（{limit} 倍まで）。",
        "'{member}' expands abnormally ({ratio}:1) — refused as a possible zip bomb (limit {limit}:1).",
    ),
    "problem.pack-damaged": (
        "「{member}」が壊れているか、中身と見出しが合いません — 元のファイルをもう一度もらってください。",
        "'{member}' is damaged or does not match its header — get the original file again.",
    ),
    "problem.pack-encrypted": (
        "「{member}」にパスワードがかかっています — パスワードなしで作り直してください。",
        "'{member}' is password-protected — make the pack again without a password.",
    ),
    "problem.pack-method": (
        "「{member}」の圧縮の方式は使えません — trainer pack export で作り直してください。",
        "'{member}' uses an unsupported compression method — make the pack with 'trainer pack export'.",
    ),
    "problem.pack-no-manifest": (
        "pack.yaml がありません — パックのフォルダのいちばん上に pack.yaml を置いてください（docs/authoring.md）。",
        "there is no pack.yaml — put a pack.yaml at the top of the pack folder (see docs/authoring.md).",
    ),
    "problem.pack-no-scenarios": (
        "scenarios にシナリオが1つもありません — シナリオのファイル名を - で並べてください。",
        "scenarios lists no file — list the scenario files, one per line starting with -.",
    ),
    "problem.pack-unlisted": (
        "このファイルは pack.yaml の scenarios に書かれていません — 書き足すか、パックのフォルダの外に移してください。",
        "this file is not listed under scenarios in pack.yaml — add it there, or move it out of the pack folder.",
    ),
    "problem.pack-bad-name": (
        "「{member}」という名前は、パソコンによっては保存できません（{reason_ja}）— 名前を短く・ふつうの文字にしてから書き出し直してください。",
        "the entry '{member}' cannot be stored on every PC ({reason_en}) — rename it and export the pack again.",
    ),
    "problem.pack-name-clash": (
        "「{member}」はファイルの名前ですが、同じ名前のフォルダーもあります — どちらかの名前を変えてください。",
        "'{member}' is a file, but another entry uses the same name as a folder — rename one of them.",
    ),
    "problem.pack-cannot-store": (
        "「{member}」をこのパソコンに保存できません（{reason}）— 名前や空き容量を確かめてください。何も入れていません。",
        "'{member}' cannot be stored on this PC ({reason}) — check its name and the free space. Nothing was installed.",
    ),
    "problem.pack-installed": (
        "パック「{id}」の版 {installed} がもう入っています（入れようとしたのは版 {version}）— 入れ直すときは --replace を付けてください。",
        "pack '{id}' version {installed} is already installed (this is version {version}) — add --replace to install it anyway.",
    ),
    "problem.no-scenarios": (
        "シナリオ（.yaml）が見つかりません — フォルダの名前を確かめてください。",
        "no scenario files (.yaml) were found — check the folder name.",
    ),
    "problem.duplicate-scenario": (
        "シナリオの id「{id}」は {other} でも使われています — 別の id にしてください。",
        "scenario id '{id}' is also used by {other} — give each scenario its own id.",
    ),
    # what a value of a key should be (``wrong-type``)
    "problem.type.text": ("文（文字列、または ja: と en: の組）", "a text (a string, or a map with ja: and en:)"),
    "problem.type.str": ("文字列", "a string"),
    "problem.type.id": ("名前（半角の小文字・数字・ハイフン）", "an id (lowercase letters, digits, hyphens)"),
    "problem.type.int": ("整数", "a whole number"),
    "problem.type.number": ("数", "a number"),
    "problem.type.bool": ("true か false", "true or false"),
    "problem.type.enum": ("決められた言葉", "one of the allowed words"),
    "problem.type.asset": ("ファイルの名前", "a file name"),
    "problem.type.url": ("アドレス（URL）", "an address (URL)"),
    "problem.type.list": ("リスト（- で始まる行）", "a list (lines starting with -)"),
    "problem.type.texts": ("文のリスト", "a list of texts"),
    "problem.type.strs": ("文字列のリスト", "a list of strings"),
    "problem.type.map": ("項目の組（key: value）", "a map (key: value)"),
    "problem.type.mapping": ("項目の組（key: value）", "a map (key: value)"),
    "problem.type.sequence": ("リスト（- で始まる行）", "a list (lines starting with -)"),
    "problem.type.scalar": ("1つの値", "a single value"),
    "problem.type.null": ("空", "empty"),
}
