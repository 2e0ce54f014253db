"""A mail that breaks the mail parser (MIME nested 1,000 deep) is one line; the run goes on."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from tests.reliability.corpus_bad import nested_mail
from tui import locations
from tui.cli import cli

SEED = Path(__file__).resolve().parents[1] / "fixtures" / "seeds" / "000_3b58484ba19e52db.txt"


def test_deeply_nested_mail_does_not_stop_the_index_run(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "deep.eml").write_text(nested_mail(1000), encoding="utf-8")
    shutil.copy(SEED, corpus / "seed.txt")
    try:
        result = CliRunner().invoke(
            cli, ["--data-dir", str(tmp_path / "data"), "index", str(corpus)]
        )
    finally:
        locations.set_data_dir(None)
    assert "Traceback" not in result.output and "unexpected error" not in result.output
    [line] = [line for line in result.stderr.splitlines() if "deep.eml" in line]
    assert "MIME parts nested too deeply" in line
    assert "1 digests, 3 stories" in result.stdout  # the seed digest was indexed all the same
    assert result.exit_code == 1
