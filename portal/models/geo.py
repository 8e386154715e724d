"""Regions and municipalities: data, not code, so another province can run the portal."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Float, ForeignKey, Integer, String, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import Model, db


class Region(Model):
    """A landsdeel, a province or a sub-region (Metropoolregio Amsterdam, Noord-Holland-Noord);
    a coordinator is scoped to one and sees every region below it."""

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("region.id"))

    parent: Mapped[Region | None] = relationship(remote_side=[id], back_populates="children")
    children: Mapped[list[Region]] = relationship(back_populates="parent")
    municipalities: Mapped[list[Municipality]] = relationship(
        back_populates="region", order_by="Municipality.name"
    )

    def region_ids(self) -> set[int]:
        """This region and every region below it."""
        ids, todo = set(), [self]
        while todo:
            region = todo.pop()
            ids.add(region.id)
            todo.extend(region.children)
        return ids

    def municipality_ids(self) -> set[int]:
        """The municipalities in scope of this region (one query; ``portal.scope`` keeps the
        answer for the rest of a request)."""
        return set(
            db.session.scalars(select(Municipality.id).where(Municipality.region_id.in_(self.region_ids())))
        )

    def ancestor_ids(self) -> set[int]:
        """This region and every region above it (whose coordinators cover it too)."""
        ids: set[int] = set()
        region: Region | None = self
        while region is not None:
            ids.add(region.id)
            region = region.parent
        return ids

    def __repr__(self) -> str:
        return f"<Region {self.slug}>"


class Municipality(Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    cbs_code: Mapped[str | None] = mapped_column(String(10))
    region_id: Mapped[int] = mapped_column(ForeignKey("region.id"))
    # Centre of the municipality (WGS84): distances between a school and an offer are
    # municipality to municipality, an honest "about" for a teacher choosing between places.
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    # The school-holiday region ("noord", "midden", "zuid") its schools follow.
    holiday_region: Mapped[str | None] = mapped_column(String(10))
    # Its tile in the tile-grid cartogram of the landsdeel (row 0 at the top, north), from
    # portal/data/landsdeel_municipalities.csv; None for a municipality outside that grid.
    grid_row: Mapped[int | None] = mapped_column(Integer)
    grid_col: Mapped[int | None] = mapped_column(Integer)

    region: Mapped[Region] = relationship(back_populates="municipalities")

    def __str__(self) -> str:
        return self.name


class SchoolHoliday(Model):
    """A school holiday (or a day off) of one holiday region, from the government's advice
    dates; data, so next year's dates are rows, not code (``portal.reference_data``)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    holiday_region: Mapped[str] = mapped_column(String(10), index=True)
    name: Mapped[str] = mapped_column(String(80))
    starts_on: Mapped[date]
    ends_on: Mapped[date]

    def __repr__(self) -> str:
        return f"<SchoolHoliday {self.holiday_region} {self.name} {self.starts_on}>"
