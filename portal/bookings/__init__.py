"""Bookings: teachers book offers, providers answer, both sides are kept informed.

``services`` holds the state machine, ``capacity`` the never-overbooked rule, ``waitlist``
the waiting lists, ``notify`` the mails, ``ics`` the calendar files, ``jobs`` what
``flask --app portal bookings remind`` / ``complete-past`` do.
"""
