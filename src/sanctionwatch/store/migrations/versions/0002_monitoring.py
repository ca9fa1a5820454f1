"""Monitoring: delisted notes on matches, and one claimed run per monitored list version.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    ts = sa.DateTime(timezone=True)
    with op.batch_alter_table("matches") as batch:
        batch.add_column(sa.Column("delisted_at", ts, nullable=True))
        batch.add_column(sa.Column("delisted_note", sa.Text, nullable=True))
    op.create_table(
        "monitor_runs",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("version", sa.String(200), nullable=False, unique=True),
        sa.Column("previous", sa.String(200), nullable=True),
        sa.Column("runner", sa.String(200), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("started_at", ts, nullable=False),
        sa.Column("finished_at", ts, nullable=True),
        sa.Column("report", sa.JSON, nullable=True),
        sa.Column("error", sa.Text, nullable=True),
    )


def downgrade() -> None:
    op.drop_table("monitor_runs")
    with op.batch_alter_table("matches") as batch:
        batch.drop_column("delisted_note")
        batch.drop_column("delisted_at")
