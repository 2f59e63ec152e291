"""Speech and readings: how fast say() returns, how soon sound is ready, UI stalls, reading speed.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/speech_bench.py [--rounds 3]

Goals (issue 4): ``say()`` returns in ≤ 5 ms; from ``say()`` to the first
audio ready ≤ 150 ms for a 30-character sentence; the UI event loop never
stalls more than 16 ms while speaking; readings ≤ 5 ms per sentence.

"First audio ready" is the ``started`` signal: the first clause is
synthesised and handed to the player. Sound goes to WAV files paced in
real time (this machine has no sound device); the cost of starting the
system's player process is measured separately. Caches are cleared so
every sentence is read and synthesised from scratch.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from trainer.reading import engine as reading_engine
from trainer.reading.engine import Reader
from trainer.speech.base import CancelToken
from trainer.speech.openjtalk import OpenJTalkBackend
from trainer.speech.playback import PipeOut, WavFileOut
from trainer.speech.service import SpeechService

SENTENCES = [
    "スマートフォンでQRコードを読み取り、580円を支払いましょう。",
    "駅の券売機で、大人一人分の切符を1枚買ってみましょう。",
    "知らない番号からのSMSのリンクは、押さずに閉じてください。",
    "ATMでは、暗証番号を人に見られないように手で隠しましょう。",
    "役所の端末にマイナンバーカードを置いて、4けたの番号を入れます。",
    "今日の10時30分から、都城市の公民館でスマホ教室があります。",
    "お店の人に画面を見せて、金額が正しいか一緒に確かめましょう。",
    "「当選しました」という電話は、詐欺の疑いがあるので切りましょう。",
    "ネットで買い物をするときは、送料と支払い方法も確かめます。",
    "1月1日の午前中は窓口が休みなので、端末で手続きをします。",
]


def cold() -> None:
    """Forget every cached reading."""
    reading_engine._mapping.cache_clear()


def ms(values: list[float]) -> str:
    ordered = sorted(values)
    p90 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.9))]
    return f"median {statistics.median(values):.1f} ms, p90 {p90:.1f} ms, max {max(values):.1f} ms"


def bench_first_audio(service: SpeechService, rounds: int, *, repeat: bool = False) -> tuple[list[float], list[float]]:
    """(say() call times, say() → started times) over every sentence: cold, or said a second time."""
    calls, firsts = [], []
    stamps: list[float] = []
    loop = QEventLoop()
    guard = QTimer()
    guard.setSingleShot(True)
    guard.timeout.connect(loop.quit)

    def on_started() -> None:
        stamps.append(time.perf_counter())
        loop.quit()

    def say_until_started(sentence: str) -> tuple[float, float]:
        stamps.clear()
        began = time.perf_counter()
        service.say(sentence)
        call = (time.perf_counter() - began) * 1000
        guard.start(20000)
        loop.exec()
        guard.stop()
        if not stamps:
            raise SystemExit("speech did not start")
        service.stop()
        return call, (stamps[0] - began) * 1000

    service.started.connect(on_started)
    for _ in range(rounds):
        for sentence in SENTENCES:
            cold()
            service.backend.clear_cache()
            service.set_reader(Reader())
            call, first = say_until_started(sentence)
            if repeat:
                call, first = say_until_started(sentence)
            calls.append(call)
            firsts.append(first)
    service.started.disconnect(on_started)
    return calls, firsts


def bench_stalls(service: SpeechService, seconds: float) -> tuple[list[float], list[float]]:
    """Gaps between ticks of a 5 ms timer: idle, then while a new sentence is said every second."""
    clock = QElapsedTimer()
    clock.start()
    gaps: list[float] = []
    last = [clock.nsecsElapsed()]

    def tick() -> None:
        now = clock.nsecsElapsed()
        gaps.append((now - last[0]) / 1e6)
        last[0] = now

    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(tick)

    def run_for(duration: float, speak: bool) -> list[float]:
        """Tick for ``duration`` s; when speaking, start a new sentence every second (each interrupts)."""
        index = [0]

        def next_sentence() -> None:
            cold()
            service.backend.clear_cache()
            service.say(SENTENCES[index[0] % len(SENTENCES)])
            index[0] += 1

        gaps.clear()
        last[0] = clock.nsecsElapsed()
        timer.start()
        every_second = QTimer()
        every_second.setInterval(1000)
        every_second.timeout.connect(next_sentence)
        if speak:
            next_sentence()
            every_second.start()
        loop = QEventLoop()
        QTimer.singleShot(int(duration * 1000), loop.quit)
        loop.exec()
        timer.stop()
        every_second.stop()
        service.stop()
        return list(gaps[1:])

    idle = run_for(min(2.0, seconds), speak=False)
    speaking = run_for(seconds, speak=True)
    return idle, speaking


def bench_readings(rounds: int) -> tuple[float, float]:
    """Mean ms per sentence for Reader.words, cold and cached."""
    reader = Reader({"都城": "みやこのじょう"})
    reader.words("準備")  # load the dictionary first
    texts = [f"{n}回目：" + s for n in range(rounds * 10) for s in SENTENCES]
    cold()
    began = time.perf_counter()
    for text in texts:
        reader.words(text)
    cold_ms = (time.perf_counter() - began) * 1000 / len(texts)
    began = time.perf_counter()
    for text in texts:
        reader.words(text)
    warm_ms = (time.perf_counter() - began) * 1000 / len(texts)
    return cold_ms, warm_ms


def bench_whole_sentence() -> list[float]:
    """Synthesising a whole sentence at once (what streaming avoids waiting for)."""
    backend = OpenJTalkBackend()
    times = []
    for sentence in SENTENCES:
        cold()
        began = time.perf_counter()
        backend.synthesize(sentence)
        times.append((time.perf_counter() - began) * 1000)
    return times


def bench_player_start() -> list[float]:
    """Starting a player process and handing it the first clause (``cat`` stands in for aplay)."""
    out = PipeOut("cat", lambda rate: ["cat"])
    times = []
    pcm = bytes(48000)  # 0.5 s of silence
    for _ in range(10):
        token = CancelToken()
        began = time.perf_counter()
        stream = out.open(48000, token)
        stream.write(pcm)
        times.append((time.perf_counter() - began) * 1000)
        stream.close()
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="times each sentence is measured")
    parser.add_argument("--stall-seconds", type=float, default=8.0, help="how long to speak while timing the UI")
    parser.add_argument("--switch-interval-ms", type=float, default=None,
                        help="set Python's GIL switch interval (default: Python's 5 ms)")
    args = parser.parse_args()
    if args.switch_interval_ms:
        sys.setswitchinterval(args.switch_interval_ms / 1000)

    app = QApplication.instance() or QApplication([])
    folder = Path(tempfile.mkdtemp(prefix="speech-bench-"))
    backend = OpenJTalkBackend(audio_out=WavFileOut(folder, realtime=True))
    backend.warm_up()
    service = SpeechService(backend)

    calls, firsts = bench_first_audio(service, args.rounds)
    _, repeats = bench_first_audio(service, 1, repeat=True)
    whole = bench_whole_sentence()
    player = bench_player_start()
    idle, speaking = bench_stalls(service, args.stall_seconds)
    cold_ms, warm_ms = bench_readings(args.rounds)
    service.shutdown()
    del app

    lengths = sorted({len(s) for s in SENTENCES})
    print(f"{len(SENTENCES)} sentences of {lengths[0]}–{lengths[-1]} characters, {args.rounds} rounds, "
          f"Open JTalk (mei), sound paced in real time, GIL switch interval {sys.getswitchinterval() * 1000:g} ms, "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print()
    print("| measure | figure | goal |")
    print("| --- | --- | --- |")
    print(f"| say() returns | {ms(calls)} | ≤ 5 ms |")
    print(f"| say() → first audio ready (started) | {ms(firsts)} | ≤ 150 ms |")
    print(f"| say() of a sentence heard before (もう一度聞く) → started | {ms(repeats)} | — |")
    print(f"| (for comparison) whole sentence synthesised at once | {ms(whole)} | — |")
    print(f"| (added by a real player) start player process + first write | {ms(player)} | — |")
    print(f"| UI event loop, 5 ms timer, idle: longest gap | {max(idle):.1f} ms | — |")
    print(f"| UI event loop while speaking: longest gap | {max(speaking):.1f} ms "
          f"(p99 {sorted(speaking)[int(len(speaking) * 0.99)]:.1f} ms, {len(speaking)} ticks) | ≤ 16 ms |")
    print(f"| readings, Reader.words per sentence (cold) | {cold_ms:.2f} ms | ≤ 5 ms |")
    print(f"| readings, same sentence again (cached) | {warm_ms * 1000:.1f} µs | — |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
