"""Offers area: what providers publish (guest lessons, visits, materials...), its slots,
files and lifecycle. Public page ``/aanbod/<id>-<slug>``, provider pages under ``/aanbod``
and ``/mijn/aanbod``."""
