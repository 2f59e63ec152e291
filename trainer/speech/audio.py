"""Mono 16-bit PCM audio in memory, and WAV files in and out."""

from __future__ import annotations

import wave
from dataclasses import dataclass
from pathlib import Path

import numpy as np


@dataclass(frozen=True, slots=True)
class Audio:
    """Mono signed 16-bit samples at ``rate`` Hz."""

    samples: np.ndarray
    rate: int

    @property
    def duration_ms(self) -> float:
        """Length in milliseconds."""
        return 1000.0 * len(self.samples) / self.rate if self.rate else 0.0

    def to_bytes(self) -> bytes:
        """Little-endian 16-bit PCM bytes, as WAV files and players want them."""
        return self.samples.astype("<i2", copy=False).tobytes()


def to_int16(signal: np.ndarray, volume: float = 1.0) -> np.ndarray:
    """Scale a float signal already in the int16 range (pyopenjtalk's output) and clip it."""
    scaled = np.asarray(signal, dtype=np.float64) * volume
    return np.clip(np.rint(scaled), -32768, 32767).astype(np.int16)


def scale(samples: np.ndarray, volume: float) -> np.ndarray:
    """Change the loudness of int16 samples (volume 0–1)."""
    if volume >= 0.999:
        return samples
    return to_int16(samples.astype(np.float64), volume)


def trim_silence(samples: np.ndarray, rate: int, *, keep_ms: float = 60.0, threshold: int = 200) -> np.ndarray:
    """Cut leading and trailing silence, keeping ``keep_ms`` of it on each side."""
    loud = np.flatnonzero(np.abs(samples.astype(np.int32)) > threshold)
    if not len(loud):
        return samples[:0]
    keep = int(rate * keep_ms / 1000)
    return samples[max(0, loud[0] - keep) : min(len(samples), loud[-1] + keep + 1)]


def fade(samples: np.ndarray, rate: int, ms: float) -> np.ndarray:
    """Fade in and out over ``ms`` milliseconds so the edges do not click."""
    length = min(len(samples) // 2, int(rate * ms / 1000))
    if length <= 1:
        return samples
    ramp = np.linspace(0.0, 1.0, length)
    out = samples.astype(np.float64)
    out[:length] *= ramp
    out[-length:] *= ramp[::-1]
    return np.rint(out).astype(np.int16)


def silence(rate: int, ms: float) -> np.ndarray:
    """``ms`` milliseconds of silence."""
    return np.zeros(int(rate * ms / 1000), dtype=np.int16)


def write_wav(path: str | Path, audio: Audio) -> Path:
    """Write ``audio`` as a mono 16-bit PCM WAV file."""
    path = Path(path)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(audio.rate)
        out.writeframes(audio.to_bytes())
    return path


def read_wav(path: str | Path) -> Audio:
    """Read a 16-bit PCM WAV file (stereo is mixed down to mono)."""
    with wave.open(str(path), "rb") as src:
        if src.getsampwidth() != 2:
            raise ValueError(f"{path}: only 16-bit WAV files are supported")
        frames = src.readframes(src.getnframes())
        samples = np.frombuffer(frames, dtype="<i2")
        channels = src.getnchannels()
        if channels > 1:
            samples = samples.reshape(-1, channels).mean(axis=1).astype(np.int16)
        return Audio(samples.astype(np.int16), src.getframerate())
