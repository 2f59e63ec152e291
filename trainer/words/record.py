"""The record's words: what ``trainer.progress`` tells a learner or an instructor (names, the database; the PIN's words are the instructor area's)."""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    # names of learners, classes (groups) and venues
    "record.what.name": ("名前", "name"),
    "record.what.group": ("クラスの名前", "name"),
    "record.what.venue": ("会場", "name"),
    "record.name.hidden": ("{what}に、見えない文字や文字の向きを変える記号（{codes}）が入っています。消してから入れてください。",
                           "The {what} holds invisible or direction-changing characters ({codes}); remove them."),
    "record.name.blank": ("{what}を入れてください。", "Please enter a {what}."),
    "record.name.too_long": ("{what}は{n}文字までです。", "A {what} has at most {n} characters."),
    "record.group.exists": ("同じ名前のクラスがもうあります。", "A group with this name exists."),
    "record.venue.exists": ("この会場はもう一覧にあります。", "This venue is already in the list."),
    "record.not_found": ("見つかりません。ほかの画面で消された可能性があります。",
                         "Not found. It may have been removed on another screen."),
    "record.export_file": ("学習記録_{name}_{day}.json", "learning-record_{name}_{day}.json"),
    "record.unreachable": ("記録のデータベースにつながりません。練習はできます。"
                           "記録はこのパソコンに残しておき、つながったときに保存します。",
                           "The record's database cannot be reached. Practice goes on; records are kept on this PC "
                           "and saved when it is back."),
    # the record's file on this PC (progress.database)
    "record.file.damaged_in_use": ("記録のファイルに傷みが見つかりました。ファイルはそのまま残し、これからの記録は"
                                   "このパソコンの「保存待ち」に残します。先生・サポーターに知らせてください。",
                                   "Damage was found in the progress file. It is kept as it is; new records wait on this "
                                   "PC. Please tell your instructor or supporter."),
    "record.file.moved": ("記録のファイルが傷んでいたため、新しい記録のファイルで始めます。"
                          "これまでの記録は消さずに「{path}」という名前で同じフォルダーに残しました。"
                          "先生・サポーターに知らせてください。",
                          "The progress file was damaged, so a new one was started. "
                          "Nothing was deleted: the old file was kept as {path}. "
                          "Please tell your instructor or supporter."),
    "record.file.wal_kept": ("記録のファイルの横に、別の記録のものらしい途中のファイルがありました。"
                             "使わずに「{path}」という名前で残しました。先生・サポーターに知らせてください。",
                             "A journal file that belonged to another record was not applied; it was kept as "
                             "{path}. Please tell your instructor or supporter."),
    "record.file.unavailable": ("いまは記録のファイルに書き込めません（ディスクがいっぱい など）。"
                                "練習はそのまま続けられます。記録はあとで保存します。先生・サポーターに知らせてください。",
                                "The progress file cannot be written just now (disk full, read-only or no permission). "
                                "Carry on practising; records are saved later. Please tell your instructor or supporter."),
    # the record's delivery to the database (progress.delivery, progress.recorder)
    "record.save.saved": ("記録はすべて保存されています。", "Everything is saved."),
    "record.save.waiting": ("記録の保存を待っています（{pending}件）。"
                            "このパソコンに安全に残してあるので、練習はそのまま続けられます。",
                            "Waiting to save {pending} record(s); they are kept safely on this PC. Carry on."),
    "record.save.failing": ("記録をこのパソコンにも保存できません（{pending}件）。"
                            "アプリを閉じる前に、先生・サポーターに知らせてください。",
                            "{pending} record(s) cannot be saved even on this PC. Tell your instructor before closing."),
    "record.close.lost": ("記録の一部（{lost}件）をこのパソコンに残せませんでした。"
                          "電源を切る前に、先生・サポーターに知らせてください。",
                          "{lost} record(s) could not be kept on this PC. Please tell your instructor "
                          "or supporter before switching off."),
    "record.close.spilled": ("ディスクがいっぱいだったので、保存を待っている記録はこのパソコンの別の場所に残しました。"
                             "次にアプリを開いたときに保存します。",
                             "The disk is full, so the records waiting were kept in another place on this PC. "
                             "They are saved the next time the app opens."),
    "record.close.waiting": ("保存を待っている記録が{pending}件あります。このパソコンに安全に残してあるので、"
                             "なくなりません。次にアプリを開いたときに保存します。",
                             "{pending} record(s) are still waiting to be saved. They are kept safely on this PC "
                             "and saved the next time the app opens."),
}
