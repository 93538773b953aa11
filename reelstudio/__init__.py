"""ReelStudio: an offline pre-publish checker for short vertical video."""

__version__ = "0.1.0"
