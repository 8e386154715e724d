"""Fixtures of the kennisbank tests: writers of each role and the form data of an article."""

from __future__ import annotations

import pytest

from portal.extensions import db
from portal.knowledge import services
from portal.models import Article


@pytest.fixture
def teacher(make):
    return make.user("teacher")


@pytest.fixture
def provider(make):
    return make.user("provider", organisation=make.company(verified=True))


@pytest.fixture
def coordinator(make):
    return make.user("coordinator", region=make.region("flevoland"))


def article_form(make, **overrides) -> dict:
    data = {
        "kind": "good_practice",
        "title": "Robots bouwen in groep 8",
        "summary": "Zo lieten wij groep 8 een robot ontwerpen.",
        "body": "## Aanpak\n\nDe leerlingen bouwden **robots** met een micro:bit.",
        "themes": [str(make.term("theme", "productie-robotica").id)],
        "audiences": [str(make.term("audience", "po-7-8").id)],
    }
    data.update(overrides)
    return data


def write(author, *, publish: bool = True, **fields) -> Article:
    """An article by ``author`` through the services; published by a coordinator when asked."""
    data = {
        "kind": "good_practice",
        "title": "Robots bouwen in groep 8",
        "summary": "Zo lieten wij groep 8 een robot ontwerpen.",
        "body": "De leerlingen bouwden robots met een micro:bit.",
        "term_ids": [],
        "offer_ids": [],
    }
    data.update(fields)
    article = services.create_article(author, data)
    db.session.flush()
    if publish:
        services.submit(article, author)
        if not article.is_published:  # a teacher's or provider's: approved as a coordinator would
            services.approve(article, None, article.version)
    db.session.commit()
    return article
