"""The screening service: a FastAPI app over the index and the store.

:func:`create_app` builds it: the yente-compatible matching API (``/match``, ``/search``,
``/entities``, ``/catalog``, ``/algorithms``), case management (``/subjects``, ``/alerts``,
decisions under four-eyes rules), text screening (``/screen/text``), the audit trail
(``/audit``, admins), health checks and the lists' version (``/lists``: new versions are
reloaded and monitored on their own, :mod:`sanctionwatch.service.watch`). Routers call the use cases
of :mod:`sanctionwatch.screen` and :mod:`sanctionwatch.store`; errors map to statuses in
:mod:`sanctionwatch.service.errors` only.
"""

from sanctionwatch.service.app import create_app
from sanctionwatch.service.errors import IndexNotReady
from sanctionwatch.service.state import IndexHolder, ServiceConfig

__all__ = ["IndexHolder", "IndexNotReady", "ServiceConfig", "create_app"]
