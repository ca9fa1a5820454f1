"""Payment holds: each held payment with its message, screening result and four-eyes review.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    ts = sa.DateTime(timezone=True)
    op.create_table(
        "payment_holds",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("source", sa.String(500), nullable=False),
        sa.Column("message_index", sa.Integer, nullable=False),
        sa.Column("message_type", sa.String(50), nullable=True),
        sa.Column("reference", sa.String(200), nullable=True),
        sa.Column("uetr", sa.String(64), nullable=True),
        sa.Column("message", sa.Text, nullable=False),
        sa.Column("result", sa.Text, nullable=False),
        sa.Column("status", sa.String(30), nullable=False),
        sa.Column("created_at", ts, nullable=False),
        sa.Column("created_by", sa.Integer, sa.ForeignKey("users.id"), nullable=False),
        sa.Column("proposed_by", sa.Integer, sa.ForeignKey("users.id"), nullable=True),
        sa.Column("proposal_reason", sa.Text, nullable=True),
        sa.Column("decided_by", sa.Integer, sa.ForeignKey("users.id"), nullable=True),
        sa.Column("decided_at", ts, nullable=True),
    )
    op.create_index("ix_payment_holds_uetr", "payment_holds", ["uetr"])
    op.create_index("ix_payment_holds_status", "payment_holds", ["status"])


def downgrade() -> None:
    op.drop_table("payment_holds")
