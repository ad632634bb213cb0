"""``python -m frontlint``: the same as the ``frontlint`` command."""

import sys

from .cli import main

sys.exit(main())
