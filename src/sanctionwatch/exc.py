"""The one exception hierarchy of sanctionwatch.

Every message names the input (a file, a line, an element, a field, a request) and the problem,
so that a user can fix it without reading code::

    SanctionwatchError                 base; never raised itself
    ├── ListError                      a list file cannot be used
    │   ├── ListFileMissing            the file is not there or cannot be read
    │   ├── ListParseError             malformed content: names file + line/element + problem
    │   │   └── IncompleteListError    the file ends early or holds fewer records than its
    │   │                              publisher states (truncated, cut, records missing)
    │   ├── EmptyListError             a source parsed to no records: never screen against it
    │   └── ListDropped                far fewer records than the last good load (refused
    │                                  unless accepted with ``lists --allow-drop``)
    ├── UpdateRejected                 a downloaded list failed its sanity checks (kept the old one)
    ├── QueryError                     a screening query is malformed (bad schema, date, property)
    ├── InputError                     a batch/CLI input file or row is malformed
    │   └── PaymentError               a payment message cannot be read: names the message
    │                                  (file#position), the field and the problem
    ├── DocumentError                  a text document cannot be screened (binary, too large, ...)
    ├── StoreError                     the database refused or lost an operation
    │   ├── NotFound                   a record asked for by id does not exist
    │   └── Conflict                   a write conflicts with the current state (e.g. four eyes)
    ├── AuthError                      no or unknown credentials (HTTP 401)
    │   └── PermissionDenied           known user, wrong role (HTTP 403)
    └── EngineError                    a batch engine failed; names the engine

The service maps these to HTTP statuses in one place (service/errors.py); the CLI maps
them to exit codes.
"""

from __future__ import annotations


class SanctionwatchError(Exception):
    """Base of every error this package raises on purpose."""


class ListError(SanctionwatchError):
    """A sanctions list file cannot be used."""


class ListFileMissing(ListError):
    """A list file is missing or unreadable."""


class ListParseError(ListError):
    """A list file is malformed. The message names the file, the location and the problem."""

    def __init__(self, path: str, location: str, problem: str) -> None:
        self.path = path
        self.location = location
        self.problem = problem
        super().__init__(f"{path}: {location}: {problem}")


class IncompleteListError(ListParseError):
    """A list file is cut short: its end mark or closing element is missing, or it holds
    fewer records than the count its publisher states in it."""


class EmptyListError(ListError):
    """A list parsed to no records; screening against it would silently find nothing."""


class ListDropped(ListError):
    """A source loaded with far fewer records than its last good load: refused until accepted."""


class UpdateRejected(SanctionwatchError):
    """A downloaded list update failed its checks; the current list stays in place."""


class QueryError(SanctionwatchError):
    """A screening query is malformed."""


class InputError(SanctionwatchError):
    """An input file or one of its rows is malformed."""


class PaymentError(InputError):
    """A payment message cannot be read (malformed, unknown type, too large, unsafe XML).
    The message names the message, the field and the problem."""

    def __init__(self, message: str, field: str, problem: str) -> None:
        self.message = message
        self.field = field
        self.problem = problem
        # an MT tag (":32A:") carries its own colon
        super().__init__(f"{message}: {field}{' ' if field.endswith(':') else ': '}{problem}")


class DocumentError(SanctionwatchError):
    """A text document cannot be screened."""


class StoreError(SanctionwatchError):
    """The database refused or lost an operation."""


class NotFound(StoreError):
    """A record asked for by id does not exist."""


class Conflict(StoreError):
    """A write conflicts with the current state."""


class AuthError(SanctionwatchError):
    """Missing or unknown credentials."""


class PermissionDenied(AuthError):
    """Known credentials without the role the action needs."""


class EngineError(SanctionwatchError):
    """A batch engine failed."""
