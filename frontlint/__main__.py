"""``python -m frontlint``: the same as the ``frontlint`` command."""

import sys

from frontlint.launch import main

sys.exit(main())
