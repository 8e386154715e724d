"""Dashboard sections: each area adds what it shows on ``/mijn`` for which roles, in its
``init_app`` (``plugs(app).add_section("bookings-upcoming", {"teacher"}, 10, build)``, where
``build(user)`` returns ``(template, context)`` or None).

The dashboard view knows no area; an area knows no other area's section.
"""

from __future__ import annotations

from portal.plugs import plugs


def sections_for(user) -> list[tuple[str, dict]]:
    """(template, context) for every section this user's role sees, in order."""
    chosen = sorted((s for s in plugs().sections if user.role in s.roles), key=lambda s: (s.order, s.name))
    built = []
    for section in chosen:
        result = section.build(user)
        if result is not None:
            built.append(result)
    return built
