"""Mail through a transactional outbox.

``queue_mail`` renders a message and adds an outbox row to the *current* session: it is
committed with the event that caused it, or rolled back with it. The worker
(``flask --app portal mail deliver``) sends committed rows later.
"""
from portal.mail.outbox import queue_mail

__all__ = ["queue_mail"]
