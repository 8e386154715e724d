"""Moderation: the coordinators' and admins' ``/beheer`` pages, taxonomy, import, digest."""
