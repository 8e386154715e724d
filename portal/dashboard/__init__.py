"""The personal dashboard ``/mijn``: sections contributed by each area, per role."""
