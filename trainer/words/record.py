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
}
