"""The app's one catalogue of words (Qt-free, the bottom layer every layer may import)."""
