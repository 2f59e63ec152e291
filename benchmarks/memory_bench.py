"""A day of practice: memory over passes over the whole catalogue, with speech and the record.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/memory_bench.py [--passes 25]

One process plays every bundled scenario to its first finish, through the UI
(the autoplayer's clicks, keys, drags and phrases), ``--passes`` times, as a
chosen learner — so every run is recorded (an SQLite record in a temporary
folder) — with read-aloud on through the real ``SpeechService`` and Open
JTalk (the sound is synthesised, then dropped: this machine has no sound
device) and furigana on. The window is the real ``MainWindow`` with its
library loaded from the bundled folder as the app does.

Prints the resident memory (RSS) after the first pass — every module
imported, the reading dictionaries and the voice loaded — and after the
last, and the growth between them per pass. Goal: at most 5 MiB of growth
over 25 passes. Also: the recorder's runs in memory and the narrator's
remembered texts at the end (both must stay bounded).
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def rss_mib() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passes", type=int, default=25, help="passes over the catalogue (default 25)")
    parser.add_argument("--no-speech", action="store_true", help="read-aloud off")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    work = Path(tempfile.mkdtemp(prefix="trainer-memory-"))
    os.environ["TRAINER_CONFIG_DIR"] = str(work)

    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    import trainer.app  # noqa: F401
    from tests.player.autoplay import perform, routes
    from trainer.app.library import Library
    from trainer.app.main_window import MainWindow
    from trainer.app.progress_link import ProgressLink
    from trainer.app.settings import Settings
    from trainer.content import bundled_content_dir
    from trainer.progress import open_progress
    from trainer.reading import jtalk
    from trainer.speech.playback import AudioOut, AudioStream

    class Dropped(AudioStream):
        def write(self, pcm: bytes) -> None:
            pass

        def finish(self) -> None:
            pass

    class NoSound(AudioOut):
        name = "none"

        def open(self, rate, token):
            return Dropped()

    app = QApplication.instance() or QApplication([])
    library = Library.load([bundled_content_dir()], cache=work / "catalogue.json")
    speech = None
    if not args.no_speech:
        from trainer.speech.openjtalk import OpenJTalkBackend
        from trainer.speech.service import SpeechService

        speech = SpeechService(OpenJTalkBackend(audio_out=NoSound()))
        jtalk.warm_up_now(sudachi=True)
    progress = open_progress(data_dir_override=work / "data")
    learner = progress.learners.add_learner("記録 花子")
    window = MainWindow(library, settings=Settings(text_size_chosen=True, read_aloud=speech is not None,
                                                   furigana=True), speech=speech,
                        ask_quit=lambda parent, look: True)
    window.resize(1280, 860)
    window.show()
    link = ProgressLink(progress)
    window.attach_progress(link)
    link.choose(learner)
    window.show_home()
    app.processEvents()
    plans = []
    for item in library.scenarios:
        scenario = library.find(item.id)
        route = next(iter(routes(scenario).values()), None)
        if route:
            plans.append((item.id, [move.expect for move in route]))

    def one_pass() -> None:
        for scenario_id, moves in plans:
            player = window.start(scenario_id)
            for expect in moves:
                perform(player, expect)
                app.processEvents()
            app.processEvents()
            QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        progress.recorder.flush(30)

    started = time.perf_counter()
    one_pass()
    gc.collect()
    first = rss_mib()
    print(f"after pass 1: RSS {first:.1f} MiB ({len(plans)} scenarios, {time.perf_counter() - started:.0f} s)",
          flush=True)
    for number in range(2, args.passes + 1):
        one_pass()
        if number % 5 == 0 or number == args.passes:
            gc.collect()
            print(f"after pass {number}: RSS {rss_mib():.1f} MiB", flush=True)
    gc.collect()
    last = rss_mib()
    growth = last - first
    print(f"growth over passes 2-{args.passes}: {growth:+.1f} MiB ({growth / max(1, args.passes - 1) * 1024:+.0f} KiB "
          f"per pass; goal <= 5 MiB over 25 passes)")
    print(f"recorder runs in memory: {progress.recorder.attempts_in_memory}; "
          f"narrator texts remembered: {len(window.narrator.spoken)}")
    window.close()
    if speech is not None:
        speech.shutdown()
    progress.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
