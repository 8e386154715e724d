"""Booking-area models (bookings, their events, waiting lists, feedback)."""
__all__: list[str] = []
