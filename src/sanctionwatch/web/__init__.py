"""The analyst UI: server-rendered pages over the same use cases as the API.

:func:`install_ui` mounts it at ``/ui`` on an app: sign in with an API key (to a session kept
in the store; the browser holds only the session's token, and every form a CSRF token: see
:mod:`sanctionwatch.web.signin`), the alert queue with filters, an alert with the subject and
each candidate side by side (agreeing and conflicting features highlighted, with the
explanation), assigning it, the decision form and the four-eyes confirmation, the list status
page and the text screening page. No front-end build step:
Jinja templates, one stylesheet, a few lines of JavaScript. It never calls the HTTP API.
"""

from sanctionwatch.web.views import ListsProvider, UiConfig, create_ui, install_ui

__all__ = ["ListsProvider", "UiConfig", "create_ui", "install_ui"]
