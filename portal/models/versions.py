"""The data version: one counter that every commit changing what public pages show bumps.

Caches of public pages and of reference data (``portal/pagecache.py``) are keyed on it, so
an edit in one web process is seen by the next request in every other process and on every
server: a cache entry made before the edit simply stops being asked for. One row
(``id`` 1), written by migration ``0013_pagespeed_data_version`` and, for databases made
by ``create_all`` (tests, the benchmark), right after the table (``pagecache.init_app``).
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Integer
from sqlalchemy.orm import Mapped, mapped_column

from portal.extensions import Model

__all__ = ["DataVersion"]


class DataVersion(Model):
    __tablename__ = "data_version"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    version: Mapped[int] = mapped_column(BigInteger, default=0)
