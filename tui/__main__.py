"""`python -m tui`: the `dex` command, for when its script is not on PATH."""

import sys

from tui.cli import main

sys.exit(main())
