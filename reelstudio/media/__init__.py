"""Decoding: probe, video frames in presentation order, audio samples (PyAV / FFmpeg)."""
