"""Alembic migrations of the sanctionwatch store (run by ``store.database.migrate``)."""
