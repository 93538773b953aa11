"""ReelStudio's benchmarks and evaluations.

The scripts beside this file are run as ``python bench/<script>.py`` (each puts the repository
on ``sys.path``); the pure scoring they share lives in :mod:`bench.scoring` so that it is
tested (tests/test_bench_scoring.py), and :mod:`bench.figures` turns their result JSONs into
the README's figure lines.
"""
