"""Reading texts aloud: one small interface, several backends.

- ``base``: the backend interface (no Qt), ``CancelToken``, ``SpeechError``;
- ``openjtalk`` (natural Japanese, offline), ``pyttsx3_backend`` (system
  voices in a child process), ``silent``; ``registry.choose_best_backend``;
- ``playback``: sound out through the system's player, stoppable at once;
- ``service.SpeechService``: the Qt side (signals, never blocks the UI);
- ``fake.FakeSpeech``: the same interface for tests of the player.

Importing this package loads neither Qt nor pyttsx3 nor pyopenjtalk.
"""
