"""Kennisbank: articles with their taxonomy terms, related offers, files, revisions and the
experiences teachers share under them.

Revision ID: 0012_kennisbank
Revises: 0011_pg_search_speed
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0012_kennisbank"
down_revision = "0011_pg_search_speed"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "article",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("title", sa.String(length=160), nullable=False),
        sa.Column("slug", sa.String(length=180), nullable=False),
        sa.Column("summary", sa.String(length=400), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("search_tokens", sa.Text(), nullable=False),
        sa.Column("edit_pending", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.Column("rejection_reason", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("published_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint(
            "kind IN ('good_practice', 'lesson_idea', 'background')", name=op.f("ck_article_kind")
        ),
        sa.CheckConstraint(
            "status IN ('draft', 'submitted', 'published', 'rejected', 'archived')",
            name=op.f("ck_article_status"),
        ),
        sa.ForeignKeyConstraint(
            ["author_id"], ["user.id"], name=op.f("fk_article_author_id_user"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"], ["organisation.id"], name=op.f("fk_article_organisation_id_organisation")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_article")),
    )
    with op.batch_alter_table("article", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_article_author_id"), ["author_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_article_edit_pending"), ["edit_pending"], unique=False)
        batch_op.create_index(batch_op.f("ix_article_kind"), ["kind"], unique=False)
        batch_op.create_index(batch_op.f("ix_article_organisation_id"), ["organisation_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_article_published_at"), ["published_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_article_status"), ["status"], unique=False)

    op.create_table(
        "article_file",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("stored_name", sa.String(length=80), nullable=False),
        sa.Column("thumbnail_name", sa.String(length=80), nullable=True),
        sa.Column("original_name", sa.String(length=200), nullable=False),
        sa.Column("content_type", sa.String(length=120), nullable=False),
        sa.Column("size_bytes", sa.Integer(), nullable=False),
        sa.Column("alt_text", sa.String(length=200), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["article.id"],
            name=op.f("fk_article_file_article_id_article"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_article_file")),
        sa.UniqueConstraint("stored_name", name=op.f("uq_article_file_stored_name")),
    )
    with op.batch_alter_table("article_file", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_article_file_article_id"), ["article_id"], unique=False)

    op.create_table(
        "article_offer",
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("offer_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["article.id"],
            name=op.f("fk_article_offer_article_id_article"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["offer_id"], ["offer.id"], name=op.f("fk_article_offer_offer_id_offer"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("article_id", "offer_id", name=op.f("pk_article_offer")),
    )
    with op.batch_alter_table("article_offer", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_article_offer_offer_id"), ["offer_id"], unique=False)

    op.create_table(
        "article_reaction",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("school_id", sa.Integer(), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("hidden_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("status IN ('visible', 'hidden')", name=op.f("ck_article_reaction_status")),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["article.id"],
            name=op.f("fk_article_reaction_article_id_article"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["author_id"], ["user.id"], name=op.f("fk_article_reaction_author_id_user"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["hidden_by_id"],
            ["user.id"],
            name=op.f("fk_article_reaction_hidden_by_id_user"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["school_id"],
            ["organisation.id"],
            name=op.f("fk_article_reaction_school_id_organisation"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_article_reaction")),
    )
    with op.batch_alter_table("article_reaction", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_article_reaction_article_id"), ["article_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_article_reaction_author_id"), ["author_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_article_reaction_status"), ["status"], unique=False)

    op.create_table(
        "article_revision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("approved", sa.Boolean(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["article.id"],
            name=op.f("fk_article_revision_article_id_article"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["user.id"],
            name=op.f("fk_article_revision_created_by_id_user"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_article_revision")),
    )
    with op.batch_alter_table("article_revision", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_article_revision_article_id"), ["article_id"], unique=False)

    op.create_table(
        "article_term",
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("term_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["article.id"],
            name=op.f("fk_article_term_article_id_article"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["term_id"], ["term.id"], name=op.f("fk_article_term_term_id_term")),
        sa.PrimaryKeyConstraint("article_id", "term_id", name=op.f("pk_article_term")),
    )


def downgrade():
    op.drop_table("article_term")
    with op.batch_alter_table("article_revision", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_article_revision_article_id"))

    op.drop_table("article_revision")
    with op.batch_alter_table("article_reaction", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_article_reaction_status"))
        batch_op.drop_index(batch_op.f("ix_article_reaction_author_id"))
        batch_op.drop_index(batch_op.f("ix_article_reaction_article_id"))

    op.drop_table("article_reaction")
    with op.batch_alter_table("article_offer", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_article_offer_offer_id"))

    op.drop_table("article_offer")
    with op.batch_alter_table("article_file", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_article_file_article_id"))

    op.drop_table("article_file")
    with op.batch_alter_table("article", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_article_status"))
        batch_op.drop_index(batch_op.f("ix_article_published_at"))
        batch_op.drop_index(batch_op.f("ix_article_organisation_id"))
        batch_op.drop_index(batch_op.f("ix_article_kind"))
        batch_op.drop_index(batch_op.f("ix_article_edit_pending"))
        batch_op.drop_index(batch_op.f("ix_article_author_id"))

    op.drop_table("article")
