"""JSON-RPC as the server takes it: every request answered once, nothing the client sends wrong said twice.

pygls's protocol gets only messages that are whole and valid; what is not is dealt with here,
before it (pygls would log a traceback, pop up an error in the editor, or answer nothing):

- a request with invalid params is answered with error -32602 (InvalidParams), its message saying
  which field is wrong and why; a notification with invalid params is skipped, with one line said;
- a request before ``initialize`` is answered with error -32002 (ServerNotInitialized), a second
  ``initialize`` or a request after ``shutdown`` with -32600 (InvalidRequest); a notification before
  ``initialize`` (but ``exit``) is dropped, as the protocol says;
- a request that is not JSON-RPC 2.0 but has a usable id is answered with -32600; any other message
  that is not JSON-RPC (no usable id, not an object) is skipped with one line said.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import attrs
import cattrs
from cattrs.v import format_exception, transform_error
from lsprotocol import types
from pygls.exceptions import (
    JsonRpcException,
    JsonRpcInvalidParams,
    JsonRpcInvalidRequest,
    JsonRpcServerNotInitialized,
)
from pygls.protocol.json_rpc import JsonRPCNotification, JsonRPCRequestMessage, JsonRPCResponseMessage

from frontlint.lsp.editor_text import EditorProtocol
from frontlint.lsp.transport import TooDeep
from frontlint.text.shortening import json_type

VERSION = "2.0"
_AN_OBJECT = "expected an object"
_TOKENS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[{}\[\]:]')  # JSON strings and structure, for top_level
_SCALAR = json.JSONDecoder()
_JSON_SPACE = re.compile(r"[ \t\r\n]*")
_STEP = re.compile(r"\.([A-Za-z_0-9]+)|\[([0-9]+)\]")  # a step of cattrs's path: .field or [index]
_STEP_NAME = re.compile(r"_([a-z])")  # a field's Python name to its JSON name: text_document, textDocument


class FrontlintProtocol(EditorProtocol):
    """pygls's language server protocol, given only valid messages by :meth:`receive`, whose documents
    keep the editor's lines (:class:`~frontlint.lsp.editor_text.EditorProtocol`)."""

    def __init__(self, server: Any, converter: cattrs.Converter) -> None:
        """The protocol of ``server``, structuring messages with ``converter``."""
        super().__init__(server, converter)
        self.converter = converter
        self.say: Callable[[str], None] = _silent  # takes one line about what was skipped

    @property
    def initialized(self) -> bool:
        """Whether ``initialize`` has been taken (the workspace exists)."""
        return self._workspace is not None

    def receive(self, message: Any) -> None:
        """Handle one message's JSON value: answer, skip or hand it to pygls as its module's docstring says."""
        if isinstance(message, TooDeep):
            self._too_deep(message.text)
        elif not isinstance(message, dict):
            self.say(f"skipped a message that is not a JSON object: {json_type(message)}")
        else:
            self._message(message)

    def _too_deep(self, text: str) -> None:
        """A message too deeply nested to be read: answered with error -32600 if it is a request, else skipped."""
        keys = top_level(text)
        identifier = _usable_id(keys.get("id"))
        if identifier is None or "method" not in keys:
            self.say("skipped a message nested too deeply to be read")
        else:
            self._refuse(identifier, JsonRpcInvalidRequest("the message is nested too deeply to be read"))

    def _message(self, message: dict[str, Any]) -> None:
        """Handle a JSON object: a request, a notification or a response."""
        identifier = _usable_id(message.get("id"))
        if "method" in message and "id" in message:
            if identifier is None:
                self.say(f"skipped a request whose id is neither a number nor a string: {_shown(message['id'])}")
            else:
                self._request(identifier, message)
        elif "method" in message:
            self._notification(message)
        elif identifier is not None and ("result" in message or "error" in message):
            self._response(message)
        else:
            self.say("skipped a message that is neither a request, a notification nor a response")

    def _request(self, identifier: int | str, message: dict[str, Any]) -> None:
        """Answer a request that cannot be handled with its error; hand the others to pygls."""
        method = message["method"]
        if message.get("jsonrpc") != VERSION or not isinstance(method, str):
            self._refuse(
                identifier,
                JsonRpcInvalidRequest('not a JSON-RPC 2.0 request: it needs "jsonrpc": "2.0" and a method name'),
            )
            return
        refusal = self._refusal(method)
        if refusal is not None:
            self._refuse(identifier, refusal)
            return
        try:
            request = self.converter.structure(message, self.get_message_type(method) or JsonRPCRequestMessage)
        except Exception as error:
            self._refuse(identifier, JsonRpcInvalidParams(invalid_params(method, error, message)))
            return
        self._handle(request, method)

    def _refusal(self, method: str) -> JsonRpcException | None:
        """Why a request for ``method`` cannot be taken now, if it cannot."""
        if method == types.INITIALIZE and self.initialized:
            return JsonRpcInvalidRequest("initialize was already received")
        if method != types.INITIALIZE and not self.initialized:
            return JsonRpcServerNotInitialized(f"{method}: the server is not initialized (initialize comes first)")
        if self._shutdown:
            return JsonRpcInvalidRequest(f"{method}: the server is shut down (only exit is taken now)")
        return None

    def _refuse(self, identifier: int | str, error: JsonRpcException) -> None:
        """Answer a request with ``error``."""
        self._send_response(identifier, error=error.to_response_error())

    def _notification(self, message: dict[str, Any]) -> None:
        """Hand a valid notification to pygls; drop one before ``initialize`` (but ``exit``), skip an invalid one."""
        method = message["method"]
        if message.get("jsonrpc") != VERSION or not isinstance(method, str):
            self.say(f"skipped a notification that is not JSON-RPC 2.0: method {_shown(method)}")
            return
        if not self.initialized and method != types.EXIT:
            self.say(f"skipped {_shown(method)}: the server is not initialized (initialize comes first)")
            return
        try:
            notification = self.converter.structure(message, self.get_message_type(method) or JsonRPCNotification)
        except Exception as error:
            self.say(f"skipped a notification: {invalid_params(method, error, message)}")
            return
        self._handle(notification, method)

    def _response(self, message: dict[str, Any]) -> None:
        """Hand the client's answer to one of the server's requests to pygls; skip one that is not valid."""
        if "error" in message:
            kind: Any = types.ResponseErrorMessage
        else:
            kind = self._result_types.pop(message["id"], None) or JsonRPCResponseMessage
        try:
            response = self.converter.structure(message, kind)
        except Exception as error:
            self.say(f"skipped a response to request {_shown(message['id'])}: {_details(error, message)}")
            return
        self._handle(response, "a response")

    def _handle(self, message: Any, what: str) -> None:
        """Hand a message to pygls; should it fail on it (a cancel of an id that is an object), say so in one line."""
        try:
            self.handle_message(message)
        except Exception as error:
            self.say(f"skipped {what}: pygls failed on it: {type(error).__name__}: {error}".splitlines()[0])


def invalid_params(method: str, error: Exception, message: Any) -> str:
    """The message of an InvalidParams error: each field of ``message`` (named as in its JSON) that is wrong, and why."""
    return f"invalid params for {method}: {_details(error, message)}"


def _details(error: Exception, message: Any) -> str:
    """``params.position: Position.line should be in range [0:2147483647], but was -1.``, ``; ``-joined."""
    if not isinstance(error, cattrs.BaseValidationError):
        return f"{type(error).__name__}: {error}"
    found: dict[str, None] = {}  # in order, once each
    for line in transform_error(error, "$", _said):
        what, _, where = line.rpartition(" @ ")
        found[_located(message, _steps(where), what)] = None
    return "; ".join(found)


def _steps(where: str) -> list[str | int]:
    """cattrs's path (``$.params.content_changes[0]``) as the JSON's keys and indexes."""
    return [
        int(index) if index else _STEP_NAME.sub(lambda letter: letter.group(1).upper(), name)
        for name, index in _STEP.findall(where)
    ]


def _located(message: Any, steps: list[str | int], what: str) -> str:
    """``path: what``; where the path meets a value that is not the object or array it needs, what that value is."""
    value = message
    for depth, step in enumerate(steps):
        needed, kind = (dict, "an object") if isinstance(step, str) else (list, "an array")
        if not isinstance(value, needed):
            return f"{_path(steps[:depth])}: expected {kind}, not {json_type(value)}"
        if step not in value if isinstance(value, dict) else not 0 <= int(step) < len(value):
            return f"{_path(steps)}: {what}"
        value = value[step] if isinstance(value, dict) else value[int(step)]
    if what == _AN_OBJECT and not isinstance(value, dict):
        return f"{_path(steps)}: {_AN_OBJECT}, not {json_type(value)}"
    return f"{_path(steps)}: {what}"


def _path(steps: list[str | int]) -> str:
    """``params.contentChanges[0].range``."""
    return "".join(f"[{step}]" if isinstance(step, int) else f".{step}" for step in steps).lstrip(".") or "the message"


def _said(error: BaseException, expected: type | None) -> str:
    """What is wrong with one field: a validator's own words (a range), else cattrs's; an object for a class."""
    if isinstance(error, ValueError) and expected is None and str(error):
        return str(error)
    if expected is not None and attrs.has(expected) and not isinstance(error, KeyError):
        return _AN_OBJECT
    if isinstance(error, OverflowError):  # an infinite number (one of thousands of digits) for an integer
        return format_exception(ValueError(error), expected)
    return format_exception(error, expected)


def top_level(text: str) -> dict[str, Any]:
    """The keys of the JSON object ``text``, each with its value if a string or a number (else ``None``), read
    without reading the values nested in it."""
    found: dict[str, Any] = {}
    depth = 0
    last: str | None = None  # the last string at depth 1: a key when a colon follows it
    for token in _TOKENS.finditer(text):
        written = token.group()
        if written in "{[":
            depth += 1
        elif written in "}]":
            depth -= 1
        elif written == ":" and depth == 1 and last is not None:
            found.setdefault(last, _scalar_at(text, token.end()))
        elif written.startswith('"'):
            last = _scalar_at(written, 0) if depth == 1 else None
    return found


def _scalar_at(text: str, start: int) -> Any:
    """The string or number that starts at ``start`` (after white space), else ``None``."""
    space = _JSON_SPACE.match(text, start)
    start = space.end() if space else start
    if text[start : start + 1] in ("{", "[", ""):
        return None
    try:
        value = _SCALAR.raw_decode(text, start)[0]
    except ValueError:
        return None
    return value if isinstance(value, (str, int, float)) else None


def _usable_id(value: Any) -> int | str | None:
    """A request's id if it is one JSON-RPC allows (a number without a fraction, or a string), else ``None``."""
    return value if isinstance(value, (int, str)) and not isinstance(value, bool) else None


def _silent(line: str) -> None:
    """Say nothing (until the server says where to)."""


def _shown(value: Any) -> str:
    """A value the client sent, shown short."""
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."
