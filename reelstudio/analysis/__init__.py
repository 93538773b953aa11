"""Analyzers: each consumes the frames or audio it asked for and returns a lane."""
