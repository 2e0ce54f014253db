"""Benchmarks: a synthetic corpus, the explorer against SQLite FTS5, and a smoke test.

Run `python -m tests.perf.bench --stories 100000 --out bench-out/`; see README "Performance".
"""
