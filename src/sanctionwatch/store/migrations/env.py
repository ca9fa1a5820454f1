"""Alembic environment: runs migrations on the connection ``store.database.migrate`` passes."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from sanctionwatch.store.tables import metadata

connection = context.config.attributes.get("connection")
if not isinstance(connection, Connection):
    raise TypeError("run migrations through sanctionwatch.store.database.migrate")
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
