"""The language server: LSP messages in, frontlint's diagnostics, code actions, hovers and completions out.

Markdown documents are linted from the editor's text when opened, and again 0.3 s after the
last change (and at once when saved). Saving a configuration or schema file, or the client
reporting one changed (``workspace/didChangeWatchedFiles``, asked for at start), reads every
configuration and schema again and lints the open documents again, 0.3 s after the last such
change. Every handler is guarded:
an internal error is sent to the client as a ``window/logMessage`` and the server goes on.

Messages are read by :mod:`frontlint.lsp.transport` (framing, leniently and within a size limit)
and checked by :mod:`frontlint.lsp.protocol` (JSON-RPC) before pygls handles them: what the client
sends wrong is answered with an error or said in one line on stderr, never a traceback or a popup.
"""

from __future__ import annotations

import asyncio
import functools
import os
import sys
import traceback
from collections.abc import Callable
from typing import Any, TypeVar

from lsprotocol import types
from pygls.exceptions import FeatureRequestError, JsonRpcException, JsonRpcInvalidParams
from pygls.io_ import StdoutWriter
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from frontlint.config.loading import CONFIG_FILES, ConfigError
from frontlint.lsp.code_actions import FIX_ALL_KIND, code_actions, fix_all
from frontlint.lsp.completion import completions
from frontlint.lsp.diagnostics import lsp_diagnostics
from frontlint.lsp.documents import DocumentLinter, Linted, is_markdown
from frontlint.lsp.editor_text import encoding_name
from frontlint.lsp.hover import hover
from frontlint.lsp.positions import DocumentPositions
from frontlint.lsp.protocol import FrontlintProtocol
from frontlint.lsp.transport import MessageReader, one_line_logging, say_on, serve
from frontlint.reading.positions import LineIndex
from frontlint.schema.contract import Schema
from frontlint.schema.loading import SchemaError
from frontlint.text.shortening import json_type, short_json
from frontlint.version import __version__

DEBOUNCE_SECONDS = 0.3  # the lint delay when the client's initializationOptions give none
MAX_LINT_DELAY = 3600
# Files whose change may change what a document's lint says: configurations and schemas.
SCHEMA_SUFFIXES = (".json", ".yaml", ".yml")
WATCHED = tuple(f"**/{name}" for name in CONFIG_FILES) + tuple(f"**/*{suffix}" for suffix in SCHEMA_SUFFIXES)

Result = TypeVar("Result")
ONLY_STRINGS = "invalid params for textDocument/codeAction: params.context.only: expected an array of strings"


class FrontlintServer(LanguageServer):
    """pygls's server with the state of one editor session: open Markdown documents and their last lint."""

    protocol: FrontlintProtocol

    def __init__(self) -> None:
        """A server not yet started (see :func:`run`)."""
        super().__init__("frontlint", __version__, protocol_cls=FrontlintProtocol)
        self.linting = DocumentLinter()
        self.markdown: set[str] = set()
        self.last: dict[str, tuple[Linted, DocumentPositions]] = {}
        self.pending: dict[str, asyncio.TimerHandle] = {}
        self.pending_reload: asyncio.TimerHandle | None = None
        self.lint_delay = DEBOUNCE_SECONDS
        self.wrong_options: str | None = None
        self.fixed_all: dict[str, tuple[Linted, types.CodeAction | None]] = {}
        self.shut_down = False
        self.exit_code = 1  # the client went away without "shutdown" then "exit"

    def log(self, kind: types.MessageType, message: str) -> None:
        """Send a message to the client's log (its output panel)."""
        self.window_log_message(types.LogMessageParams(kind, message))

    def report_server_error(self, error: Exception, source: Any) -> None:
        """An error pygls met: one line in the client's log, never a popup (a request's error is in its answer).

        What reaches here is pygls's own handling failing on what the client sent (a change to a
        document never opened): frontlint's handlers are guarded (see :func:`guarded`).
        """
        if source is FeatureRequestError:
            return
        said = error.message if isinstance(error, JsonRpcException) else f"{type(error).__name__}: {error}"
        self.log(types.MessageType.Warning, f"frontlint: a message could not be handled: {said}".splitlines()[0])

    def path_of(self, uri: str) -> str:
        """The absolute path of a document: its file, or for an unsaved one its name in the working directory."""
        path = to_fs_path(uri) if uri.startswith("file:") else None
        return os.path.abspath(path or os.path.join(os.getcwd(), uri.rsplit("/", 1)[-1] or "untitled.md"))

    def encoding(self) -> str:
        """The position encoding agreed with the client (UTF-16 unless it asked for another)."""
        return encoding_name(self.workspace.position_encoding)

    def lint(self, uri: str) -> tuple[Linted, DocumentPositions]:
        """Lint the editor's current text of ``uri``, publish its diagnostics, and keep the result."""
        self.cancel_pending(uri)
        document = self.workspace.get_text_document(uri)
        linted = self.linting.lint(self.path_of(uri), document.source)
        positions = DocumentPositions(linted.lines, self.encoding(), linted.bom)
        if linted.failure is not None:
            failure = linted.failure
            self.log(
                types.MessageType.Error,
                f"frontlint: {failure.headline} on {uri}, please report it with this traceback: {failure}\n"
                + failure.traceback,
            )
        self.last[uri] = (linted, positions)
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri, lsp_diagnostics(linted, positions), document.version)
        )
        return linted, positions

    def current(self, uri: str) -> tuple[Linted, DocumentPositions]:
        """The lint of the editor's current text (the last one, or a new one if the text changed since)."""
        known = self.last.get(uri)
        source = self.workspace.get_text_document(uri).source
        if known is not None and ("\ufeff" if known[1].bom else "") + known[0].text == source:
            return known
        return self.lint(uri)

    def fix_all(self, uri: str, linted: Linted, positions: DocumentPositions) -> types.CodeAction | None:
        """The fix-all action of a document's lint, made once per lint (an editor asks at every move of the cursor)."""
        known = self.fixed_all.get(uri)
        if known is None or known[0] is not linted:
            known = (linted, fix_all(linted, positions, uri))
            self.fixed_all[uri] = known
        return known[1]

    def schema_view(self, uri: str) -> tuple[Schema | None, DocumentPositions]:
        """The schema of a document (``None``: its configuration cannot be used) and its current text's positions.

        Hover and completion need no lint: they do not wait for one, nor cause one.
        """
        source = self.workspace.get_text_document(uri).source
        bom = source.startswith("\ufeff")
        positions = DocumentPositions(LineIndex(source[1:] if bom else source), self.encoding(), bom)
        try:
            schema: Schema | None = self.linting.linter_for(self.path_of(uri)).schema
        except (ConfigError, SchemaError):
            schema = None
        return schema, positions

    def cancel_pending(self, uri: str) -> None:
        """Drop a lint waiting for the typing to stop."""
        handle = self.pending.pop(uri, None)
        if handle is not None:
            handle.cancel()

    def lint_later(self, uri: str) -> None:
        """Lint ``uri`` once no change has come for :attr:`lint_delay` seconds."""
        self.cancel_pending(uri)
        loop = asyncio.get_running_loop()
        self.pending[uri] = loop.call_later(self.lint_delay, guarded(self, "lint", lambda: self.lint(uri), None))

    def relint_all_later(self, reason: str) -> None:
        """:meth:`relint_all` once no configuration or schema has changed for :attr:`lint_delay` seconds.

        A build that writes many JSON files (each may be a schema) reports each one.
        """
        if self.pending_reload is not None:
            self.pending_reload.cancel()
        work = guarded(self, "reload", functools.partial(self.relint_all, reason), None)
        self.pending_reload = asyncio.get_running_loop().call_later(self.lint_delay, work)

    def relint_all(self, reason: str) -> None:
        """Read configurations and schemas again, and lint every open Markdown document again."""
        self.pending_reload = None
        self.log(types.MessageType.Info, f"frontlint: {reason}: linting the open documents again")
        self.linting.reload()
        for uri in sorted(self.markdown):
            guarded(self, f"lint {uri}", functools.partial(self.lint, uri), None)()


def guarded(server: FrontlintServer, what: str, work: Callable[[], Result], fallback: Result) -> Callable[[], Result]:
    """``work`` that never raises: an error is logged to the client, with its traceback, and ``fallback`` returned."""

    @functools.wraps(work)
    def run() -> Result:
        try:
            return work()
        except Exception as error:
            server.log(
                types.MessageType.Error,
                f"frontlint: internal error in {what}, please report it: {type(error).__name__}: {error}\n"
                + traceback.format_exc(),
            )
            return fallback

    return run


def is_configuration(path: str) -> bool:
    """Whether a changed file may change lints: a configuration file, or a JSON or YAML file (a schema)."""
    name = os.path.basename(path)
    return name in CONFIG_FILES or name.lower().endswith(SCHEMA_SUFFIXES)


def build_server() -> FrontlintServer:
    """The server with every feature registered."""
    server = FrontlintServer()
    _register_lifecycle(server)
    _register_documents(server)
    _register_requests(server)
    return server


def lint_delay(options: Any) -> tuple[float, str | None]:
    """The lint delay the client's ``initializationOptions`` ask for, and what is wrong with them (``None``: nothing).

    ``lintDelay`` is the seconds of quiet after a change before a document is linted again
    (:data:`DEBOUNCE_SECONDS` when not given; a value that cannot be used is said, and the default used).
    """
    default = f"using {DEBOUNCE_SECONDS:g} s"
    if options is None:
        return DEBOUNCE_SECONDS, None
    if not isinstance(options, dict):
        return (
            DEBOUNCE_SECONDS,
            f"initializationOptions must be an object, not {json_type(options)}: {default} for lintDelay",
        )
    delay = options.get("lintDelay", DEBOUNCE_SECONDS)
    if isinstance(delay, bool) or not isinstance(delay, (int, float)) or not 0 <= delay <= MAX_LINT_DELAY:
        wrong = f"initializationOptions.lintDelay must be a number of seconds from 0 to {MAX_LINT_DELAY}"
        return DEBOUNCE_SECONDS, f"{wrong}, not {short_json(delay)}: {default}"
    return float(delay), None


def _register_lifecycle(server: FrontlintServer) -> None:
    @server.feature(types.INITIALIZE)
    def initialize(params: types.InitializeParams) -> None:
        """The client's options: ``lintDelay`` (see :func:`lint_delay`)."""
        server.lint_delay, wrong = lint_delay(params.initialization_options)
        server.wrong_options = wrong

    @server.feature(types.INITIALIZED)
    def initialized(params: types.InitializedParams) -> None:
        """The client is ready: say what was wrong with its options, and ask it to watch configurations and schemas."""
        if server.wrong_options is not None:
            server.log(types.MessageType.Warning, f"frontlint: {server.wrong_options}")
        guarded(server, "initialized", lambda: _watch_configurations(server), None)()

    @server.feature(types.SHUTDOWN)
    def shutdown(params: Any) -> None:
        """Remember the shutdown: an exit after it is status 0."""
        server.shut_down = True

    @server.feature(types.EXIT)
    def exit_(params: Any) -> None:
        """The exit status: 0 after a shutdown, else 1 (as the protocol says)."""
        server.exit_code = 0 if server.shut_down else 1


def _watch_configurations(server: FrontlintServer) -> None:
    """Ask the client to report changes to configuration and schema files, where it can."""
    workspace = server.client_capabilities.workspace
    watching = workspace.did_change_watched_files if workspace is not None else None
    if watching is None or not watching.dynamic_registration:
        return
    options = types.DidChangeWatchedFilesRegistrationOptions([types.FileSystemWatcher(glob) for glob in WATCHED])
    registration = types.Registration("frontlint-configurations", types.WORKSPACE_DID_CHANGE_WATCHED_FILES, options)
    server.client_register_capability(types.RegistrationParams([registration]))


def _register_documents(server: FrontlintServer) -> None:
    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(params: types.DidOpenTextDocumentParams) -> None:
        """Lint a Markdown document when it is opened."""
        document = params.text_document
        if is_markdown(server.path_of(document.uri), document.language_id):
            server.markdown.add(document.uri)
            guarded(server, "didOpen", lambda: server.lint(document.uri), None)()

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(params: types.DidChangeTextDocumentParams) -> None:
        """Lint it again once the typing stops."""
        if params.text_document.uri in server.markdown:
            server.lint_later(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(params: types.DidSaveTextDocumentParams) -> None:
        """Lint a saved document at once; a saved configuration or schema lints every open document again."""
        uri = params.text_document.uri
        if uri in server.markdown:
            guarded(server, "didSave", lambda: server.lint(uri), None)()
        elif is_configuration(server.path_of(uri)):
            server.relint_all_later(f"{os.path.basename(server.path_of(uri))} saved")

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(params: types.DidCloseTextDocumentParams) -> None:
        """Forget a closed document and take its diagnostics off."""
        uri = params.text_document.uri
        server.cancel_pending(uri)
        server.last.pop(uri, None)
        server.fixed_all.pop(uri, None)
        if uri in server.markdown:
            server.markdown.discard(uri)
            server.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri, []))

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched_files(params: types.DidChangeWatchedFilesParams) -> None:
        """A configuration or schema changed on disk: lint every open document again."""
        changed = [server.path_of(change.uri) for change in params.changes]
        relevant = [path for path in changed if is_configuration(path)]
        if relevant:
            server.relint_all_later(f"{os.path.basename(relevant[0])} changed")


def _register_requests(server: FrontlintServer) -> None:
    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL_KIND]),
    )
    def code_action(params: types.CodeActionParams) -> list[types.CodeAction] | None:
        """Quick fixes, ignore comments and fix-all for the lines asked about."""
        uri = params.text_document.uri
        if params.context.only is not None and not all(isinstance(kind, str) for kind in params.context.only):
            raise JsonRpcInvalidParams(ONLY_STRINGS)  # lsprotocol takes anything for a kind
        if uri not in server.markdown:
            return None

        def work() -> list[types.CodeAction]:
            linted, positions = server.current(uri)
            fixing_all = functools.partial(server.fix_all, uri, linted, positions)
            return code_actions(linted, positions, uri, params.range, params.context.only, fixing_all)

        return guarded(server, "codeAction", work, None)()

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def on_hover(params: types.HoverParams) -> types.Hover | None:
        """What the schema says of the key under the cursor."""
        uri = params.text_document.uri
        if uri not in server.markdown:
            return None

        def work() -> types.Hover | None:
            schema, positions = server.schema_view(uri)
            return None if schema is None else hover(schema, positions, params.position.line, params.position.character)

        return guarded(server, "hover", work, None)()

    @server.feature(types.TEXT_DOCUMENT_COMPLETION, types.CompletionOptions(trigger_characters=[" "]))
    def on_completion(params: types.CompletionParams) -> list[types.CompletionItem] | None:
        """Keys and values the schema allows at the cursor."""
        uri = params.text_document.uri
        if uri not in server.markdown:
            return None

        def work() -> list[types.CompletionItem] | None:
            schema, positions = server.schema_view(uri)
            if schema is None:
                return None
            return completions(schema, positions, params.position.line, params.position.character)

        return guarded(server, "completion", work, None)()


def run() -> int:
    """Serve one editor session over stdin and stdout; the exit status (0 after "shutdown" then "exit")."""
    server = build_server()
    say = say_on(sys.stderr)
    one_line_logging(sys.stderr)
    server.protocol.say = say
    server.protocol.set_writer(StdoutWriter(sys.stdout.buffer))
    messages = MessageReader(functools.partial(os.read, sys.stdin.fileno()), say)
    try:
        asyncio.run(serve(messages, server.protocol.receive, say))
    except BrokenPipeError:
        say("the client closed its end: stopping")
    except (KeyboardInterrupt, SystemExit):
        pass
    return server.exit_code
