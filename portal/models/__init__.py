"""All models, imported here so Alembic and ``create_all`` see every table.

Conventions: timestamps ``*_at`` are naive UTC (``utcnow()``); calendar times that a
person typed (a slot's start and end) are naive Europe/Amsterdam wall-clock times.
"""

from portal.models.accounts import Organisation, User, UserSession
from portal.models.alerts import AlertFrequency, SavedSearch
from portal.models.base import utcnow
from portal.models.bookings import *  # noqa: F403  (booking area models)
from portal.models.geo import Municipality, Region, SchoolHoliday
from portal.models.knowledge import Article, ArticleFile, ArticleReaction, ArticleRevision
from portal.models.mail import OutboxMail
from portal.models.offers import Attachment, Offer, OfferRevision, OfferStatusChange, SavedOffer, Slot
from portal.models.requests import *  # noqa: F403  (teacher requests)
from portal.models.search import *  # noqa: F403  (search area models)
from portal.models.taxonomy import VOCABULARIES, Term
from portal.models.versions import DataVersion

__all__ = [
    "utcnow",
    "Region",
    "Municipality",
    "SchoolHoliday",
    "Organisation",
    "User",
    "UserSession",
    "OutboxMail",
    "Term",
    "VOCABULARIES",
    "Offer",
    "OfferRevision",
    "OfferStatusChange",
    "Slot",
    "SavedOffer",
    "SavedSearch",
    "AlertFrequency",
    "Attachment",
    "DataVersion",
    "Article",
    "ArticleFile",
    "ArticleReaction",
    "ArticleRevision",
]
