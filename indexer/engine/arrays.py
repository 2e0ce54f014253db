"""Set operations on integer arrays that numpy would answer by importing numpy.ma first.

A plain `np.unique` (and `np.isin` of arrays that are not unique) checks for a masked array,
which imports numpy.ma on its first call in a process: 20-35 ms paid by the first phrase
query a user asks. These give the same answers without it.
"""

from __future__ import annotations

import numpy as np


def distinct(values: np.ndarray) -> np.ndarray:
    """The sorted distinct values (np.unique)."""
    ordered = np.sort(values, kind="stable")
    if len(ordered) < 2:
        return ordered
    return ordered[np.concatenate(([True], ordered[1:] != ordered[:-1]))]


def within(values: np.ndarray, others: np.ndarray) -> np.ndarray:
    """For each of `values`, whether it is among `others` (np.isin)."""
    known = distinct(others)
    if not len(known) or not len(values):
        return np.zeros(len(values), bool)
    at = np.minimum(np.searchsorted(known, values), len(known) - 1)
    return np.asarray(known[at] == values)
