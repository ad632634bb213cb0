"""A small JSON-RPC client that drives the real ``frontlint lsp`` over stdio, as an editor does.

Every wait has a timeout: a server that does not answer fails the test, never hangs it.
"""

from __future__ import annotations

import json
import os
import queue
import re
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from helpers import REPO

TIMEOUT = 60.0  # only a guard: a lost answer fails the test instead of holding the suite
# Where an editor ends a line (LSP): not at U+2028, U+2029, U+0085, VT, FF, FS, GS, RS as str.splitlines does.
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def editor_lines(text: str) -> list[str]:
    """The lines of ``text`` as an editor counts them, without their line breaks (a last empty one after a break)."""
    return _LINE_BREAK.split(text)


def editor_line_starts(text: str) -> list[int]:
    """The offset where each of :func:`editor_lines` starts in ``text``."""
    return [0] + [match.end() for match in _LINE_BREAK.finditer(text)]


class ServerError(Exception):
    """The server answered a request with an error."""


class LspClient:
    """One server process and what it sent: answers by request id, notifications in order."""

    def __init__(self, cwd: Path, command: Sequence[str] | None = None) -> None:
        environment = {name: value for name, value in os.environ.items() if name != "GITHUB_ACTIONS"}
        environment["PYTHONPATH"] = str(REPO)
        self.process = subprocess.Popen(
            list(command or [sys.executable, "-m", "frontlint", "lsp"]),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=cwd,
            env=environment,
        )
        self.inbox: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self.notifications: list[dict[str, Any]] = []
        self.answers: dict[int, dict[str, Any]] = {}
        self.stderr = b""
        self.stray = b""  # anything on stdout that is not a JSON-RPC message
        self._next_id = 0
        self._threads = [
            threading.Thread(target=self._read, daemon=True),
            threading.Thread(target=self._drain_stderr, daemon=True),
        ]
        for thread in self._threads:
            thread.start()

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = None
            while True:
                header = stream.readline()
                if not header:
                    self.inbox.put(None)
                    return
                if header in (b"\r\n", b"\n"):
                    break
                name, colon, value = header.decode("ascii", "replace").partition(":")
                if name.lower() == "content-length" and value.strip().isdigit():
                    length = int(value.strip())
                elif not colon:
                    self.stray += header
            if length is None:
                continue
            body = stream.read(length)
            try:
                self.inbox.put(json.loads(body.decode("utf-8")))
            except ValueError:
                self.stray += body

    def _drain_stderr(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.stderr += line

    def send(self, message: dict[str, Any]) -> None:
        """Write one message to the server."""
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def notify(self, method: str, params: Any) -> None:
        """Send a notification."""
        self.send({"method": method, "params": params})

    def request(self, method: str, params: Any, timeout: float = TIMEOUT) -> Any:
        """Send a request and return its result (:class:`ServerError` for an error answer)."""
        self._next_id += 1
        number = self._next_id
        self.send({"id": number, "method": method, "params": params})
        self._pump(lambda: number in self.answers, timeout, f"an answer to {method}")
        answer = self.answers.pop(number)
        if "error" in answer:
            raise ServerError(answer["error"])
        return answer.get("result")

    def _pump(self, done: Callable[[], bool], timeout: float, what: str) -> None:
        """Take messages until ``done``: answers are kept, notifications listed, the server's requests answered."""
        deadline = time.monotonic() + timeout
        while not done():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"no {what} within {timeout} s; stderr: {self.stderr.decode(errors='replace')}")
            try:
                message = self.inbox.get(timeout=remaining)
            except queue.Empty:
                continue
            if message is None:
                raise EOFError(f"the server closed its output; stderr: {self.stderr.decode(errors='replace')}")
            if "method" in message and "id" in message:  # the server asks (registerCapability): say yes
                self.send({"id": message["id"], "result": None})
                self.notifications.append(message)
            elif "method" in message:
                self.notifications.append(message)
            else:
                self.answers[message["id"]] = message

    def wait_for(
        self, method: str, where: Callable[[Any], bool] = lambda params: True, after: int = 0, timeout: float = TIMEOUT
    ) -> Any:
        """The params of the first notification ``method`` after the ``after`` first ones that ``where`` takes."""

        def found() -> Any:
            return next(
                (
                    message["params"]
                    for message in self.notifications[after:]
                    if message["method"] == method and where(message["params"])
                ),
                None,
            )

        self._pump(lambda: found() is not None, timeout, method)
        return found()

    def diagnostics(self, uri: str, after: int = 0, version: int | None = None) -> list[dict[str, Any]]:
        """The next diagnostics published for ``uri`` (of ``version``, if given)."""
        params = self.wait_for(
            "textDocument/publishDiagnostics",
            lambda params: params["uri"] == uri and (version is None or params.get("version") == version),
            after,
        )
        return list(params["diagnostics"])

    def initialize(self, root: Path, capabilities: dict[str, Any] | None = None, options: Any = None) -> dict[str, Any]:
        """The initialize handshake (``options``: the server's ``initializationOptions``); the server's answer."""
        params: dict[str, Any] = {
            "processId": os.getpid(),
            "rootUri": root.as_uri(),
            "capabilities": capabilities or {},
        }
        if options is not None:
            params["initializationOptions"] = options
        result = self.request("initialize", params)
        self.notify("initialized", {})
        return dict(result)

    def open(self, path: Path, text: str, language: str = "markdown", version: int = 1) -> str:
        """Open a document in the server; its URI."""
        uri = path.as_uri()
        self.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": language, "version": version, "text": text}},
        )
        return uri

    def change(self, uri: str, text: str, version: int) -> None:
        """Replace a document's whole text."""
        self.notify(
            "textDocument/didChange",
            {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]},
        )

    def close(self, timeout: float = TIMEOUT) -> int:
        """shutdown, then exit: the server's exit status."""
        self.request("shutdown", None)
        self.notify("exit", None)
        try:
            return self.process.wait(timeout=timeout)
        finally:
            self.kill()

    def kill(self) -> None:
        """End the process if it still runs, and close its pipes once they are read to their end."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(timeout=TIMEOUT)
        for thread in self._threads:
            thread.join(timeout=TIMEOUT)
        for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
            if stream is not None:
                try:
                    stream.close()
                except BrokenPipeError:
                    pass
