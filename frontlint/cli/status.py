"""The exit statuses of the ``frontlint`` command (see :mod:`.main`)."""

from __future__ import annotations

import signal

EXIT_CLEAN = 0
EXIT_PROBLEMS = 1
EXIT_TROUBLE = 2
EXIT_INTERRUPTED = 128 + signal.SIGINT
EXIT_TERMINATED = 128 + signal.SIGTERM
