"""trainer: rehearse digital life safely, at your own pace."""

__version__ = "0.1.0"
