"""Reference data: regions, Flevoland's municipalities, the taxonomy.

Plain table inserts (not the ORM), so later model changes cannot break this step.

Revision ID: 0002_reference_data
Revises: 0001_initial
"""
import sqlalchemy as sa
from alembic import op

from portal.reference_data import MUNICIPALITIES, REGIONS, TERMS

revision = "0002_reference_data"
down_revision = "0001_initial"
branch_labels = None
depends_on = None

region = sa.table("region", sa.column("id", sa.Integer), sa.column("slug", sa.String),
                  sa.column("name", sa.String), sa.column("parent_id", sa.Integer))
municipality = sa.table("municipality", sa.column("slug", sa.String), sa.column("name", sa.String),
                        sa.column("cbs_code", sa.String), sa.column("region_id", sa.Integer))
term = sa.table("term", sa.column("vocabulary", sa.String), sa.column("code", sa.String),
                sa.column("label", sa.String), sa.column("group", sa.String),
                sa.column("position", sa.Integer), sa.column("active", sa.Boolean))


def upgrade():
    bind = op.get_bind()
    ids = {}
    for slug, name, parent in REGIONS:
        bind.execute(region.insert().values(slug=slug, name=name, parent_id=ids.get(parent)))
        ids[slug] = bind.execute(sa.select(region.c.id).where(region.c.slug == slug)).scalar_one()
    op.bulk_insert(municipality, [
        {"slug": s, "name": n, "cbs_code": c, "region_id": ids[r]} for s, n, c, r in MUNICIPALITIES
    ])
    op.bulk_insert(term, [
        {"vocabulary": v, "code": c, "label": label, "group": g, "position": i, "active": True}
        for v, terms in TERMS.items() for i, (c, label, g) in enumerate(terms)
    ])


def downgrade():
    op.execute("DELETE FROM term")
    op.execute("DELETE FROM municipality")
    op.execute("DELETE FROM region")
