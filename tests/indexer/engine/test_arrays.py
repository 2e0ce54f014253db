"""engine.arrays answers as numpy's own set functions do (a differential test), and the first
phrase query of a process does not import numpy.ma, which those functions would."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from indexer.engine.arrays import distinct, within

ROOT = Path(__file__).resolve().parents[3]
numbers = st.lists(st.integers(-(2**40), 2**40), max_size=60)


@given(numbers)
def test_distinct_is_numpy_unique(values: list[int]) -> None:
    array = np.array(values, np.int64)
    found = distinct(array)
    assert found.dtype == np.int64
    assert found.tolist() == np.unique(array).tolist()


@given(numbers, numbers)
def test_within_is_numpy_isin(values: list[int], others: list[int]) -> None:
    left, right = np.array(values, np.int64), np.array(others, np.int64)
    assert within(left, right).tolist() == np.isin(left, right).tolist()


def test_a_first_phrase_query_leaves_numpy_ma_unimported(tmp_path: Path) -> None:
    script = f"""
import sys
from pathlib import Path
from indexer.index.store import SAMPLES_DIR, update_index
from indexer.search.searcher import open_index
update_index(Path({str(tmp_path / "index")!r}), [str(SAMPLES_DIR)])
index = open_index(Path({str(tmp_path / "index")!r}))
assert index.search('"integrated care system"').total > 0  # three words: pairs chained
print("numpy.ma" in sys.modules)
"""
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "False", done.stderr
