"""The whole landsdeel: sub-regions, 76 municipalities, tile-grid cells, an offer's reach.

- ``region``: Metropoolregio Amsterdam and Noord-Holland-Noord under Noord-Holland (Utrecht
  and Flevoland are their own sub-region: the province row serves as both).
- ``municipality.grid_row`` / ``grid_col``: the tile of the white-spot cartogram.
- ``municipality`` rows: the 76 municipalities of Noord-Holland, Utrecht and Flevoland from
  ``portal/data/landsdeel_municipalities.csv`` (``portal.reference_data.landsdeel_municipalities``;
  sources in docs/DATA-SOURCES.md). A row that already exists (same slug or same CBS code, such
  as Flevoland's six) is updated: CBS code, region, centre, holiday region and tile; its id,
  name and slug stay. Running it on a database that has some or all of the rows adds nothing
  twice.
- ``offer.serves_within_km``: how far a guest lesson provider travels to schools.

Plain table statements (not the ORM), so later model changes cannot break this step.

Downgrade removes the columns, the two sub-regions (their municipalities and coordinators go
back to Noord-Holland) and the municipalities it added, i.e. those of the CSV other than Flevoland's
six. It fails, on purpose, while a school, offer or user still points at one of them.

Revision ID: 0007_landsdeel
Revises: 0006_search_synonyms
"""

import sqlalchemy as sa
from alembic import op

from portal.reference_data import MUNICIPALITIES, REGIONS, SUBREGIONS, landsdeel_municipalities

revision = "0007_landsdeel"
down_revision = "0006_search_synonyms"
branch_labels = None
depends_on = None

region = sa.table(
    "region",
    sa.column("id", sa.Integer),
    sa.column("slug", sa.String),
    sa.column("name", sa.String),
    sa.column("parent_id", sa.Integer),
)
municipality = sa.table(
    "municipality",
    sa.column("id", sa.Integer),
    sa.column("slug", sa.String),
    sa.column("name", sa.String),
    sa.column("cbs_code", sa.String),
    sa.column("region_id", sa.Integer),
    sa.column("latitude", sa.Float),
    sa.column("longitude", sa.Float),
    sa.column("holiday_region", sa.String),
    sa.column("grid_row", sa.Integer),
    sa.column("grid_col", sa.Integer),
)

user = sa.table("user", sa.column("region_id", sa.Integer))


def _region_ids(bind) -> dict[str, int]:
    return dict(bind.execute(sa.select(region.c.slug, region.c.id)).all())


def upgrade():
    with op.batch_alter_table("municipality") as batch:
        batch.add_column(sa.Column("grid_row", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("grid_col", sa.Integer(), nullable=True))
    with op.batch_alter_table("offer") as batch:
        batch.add_column(sa.Column("serves_within_km", sa.Integer(), nullable=True))

    bind = op.get_bind()
    ids = _region_ids(bind)
    for slug, name, parent in REGIONS + SUBREGIONS:
        if slug not in ids:
            bind.execute(region.insert().values(slug=slug, name=name, parent_id=ids.get(parent)))
            ids = _region_ids(bind)

    rows = bind.execute(sa.select(municipality.c.id, municipality.c.slug, municipality.c.cbs_code)).all()
    by_slug = {slug: id_ for id_, slug, _ in rows}
    by_code = {code: id_ for id_, _, code in rows if code}
    new = []
    for row in landsdeel_municipalities():
        values = {
            "cbs_code": row.cbs_code,
            "region_id": ids[row.region],
            "latitude": row.latitude,
            "longitude": row.longitude,
            "holiday_region": row.holiday_region,
            "grid_row": row.grid_row,
            "grid_col": row.grid_col,
        }
        existing = by_slug.get(row.slug) or by_code.get(row.cbs_code)
        if existing is None:
            new.append({"slug": row.slug, "name": row.name, **values})
        else:
            bind.execute(municipality.update().where(municipality.c.id == existing).values(**values))
    if new:
        op.bulk_insert(municipality, new)


def downgrade():
    bind = op.get_bind()
    ids = _region_ids(bind)
    kept = {slug for slug, *_ in MUNICIPALITIES}
    added = [row.slug for row in landsdeel_municipalities() if row.slug not in kept]
    bind.execute(municipality.delete().where(municipality.c.slug.in_(added)))
    sub_ids = [ids[slug] for slug, _, _ in SUBREGIONS if slug in ids]
    if sub_ids:
        bind.execute(
            municipality.update()
            .where(municipality.c.region_id.in_(sub_ids))
            .values(region_id=ids["noord-holland"])
        )
        bind.execute(
            user.update().where(user.c.region_id.in_(sub_ids)).values(region_id=ids["noord-holland"])
        )
        bind.execute(region.delete().where(region.c.id.in_(sub_ids)))
    with op.batch_alter_table("offer") as batch:
        batch.drop_column("serves_within_km")
    with op.batch_alter_table("municipality") as batch:
        batch.drop_column("grid_col")
        batch.drop_column("grid_row")
