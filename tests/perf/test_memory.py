"""The benchmark's memory sampler counts every process of a tree at the same moment."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from tests.perf.memory import TreePeak, sample

pytestmark = pytest.mark.skipif(not os.path.exists("/proc/self/smaps_rollup"), reason="Linux")

HOLD = "b = b'x' * (80 << 20); print('held', flush=True); import time; time.sleep(30)"


def test_a_child_holding_80_mb_is_in_the_sum_of_its_parents_tree() -> None:
    alone, _, _, _ = sample(os.getpid())
    child = subprocess.Popen([sys.executable, "-c", HOLD], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None and child.stdout.readline() == "held\n"
        with TreePeak(os.getpid(), interval=0.01) as peak:
            time.sleep(0.1)
    finally:
        child.kill()
        child.wait()
    found = peak.report()
    assert found["processes"] >= 2
    assert found["peak_total_rss_mb"] is not None and found["peak_total_rss_mb"] >= alone + 75
    assert found["peak_process_rss_mb"] is not None and found["peak_process_rss_mb"] >= 80
    assert found["peak_total_pss_mb"] is not None
    assert found["peak_total_pss_mb"] <= found["peak_total_rss_mb"]
