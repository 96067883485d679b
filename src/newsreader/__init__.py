"""newsreader: a terminal reader for a local library of news articles."""

__version__ = "0.1.0"
