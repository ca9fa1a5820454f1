"""The UI's pages, one router per area (like the API's ``service/routers``): each handler
reaches the :class:`~sanctionwatch.web.ui.Ui` through its dependency."""

from sanctionwatch.web.routers import alerts, lists, payments, screening, session

__all__ = ["alerts", "lists", "payments", "screening", "session"]
