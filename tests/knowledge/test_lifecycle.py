"""The article lifecycle: moderated like an offer for teachers and providers, direct for
coordinators, edits of a published article waiting in a revision, decisions on the version
that was reviewed."""

from __future__ import annotations

import pytest

from portal.extensions import db
from portal.knowledge import services
from portal.models import Article, ArticleRevision
from portal.models.statuses import ArticleStatus
from tests.knowledge.conftest import article_form, write

pytestmark = pytest.mark.both_databases  # the SQL matching and the version claim, on both


def _new(client, make) -> Article:
    response = client.post("/kennisbank/nieuw", data=article_form(make))
    assert response.status_code == 302
    return db.session.scalars(db.select(Article).order_by(Article.id.desc())).first()


@pytest.mark.parametrize("role", ["teacher", "provider"])
def test_a_teacher_or_provider_article_waits_for_a_coordinator(
    client, client_for, login_as, make, coordinator, role
):
    author = login_as(role)
    article = _new(client, make)
    assert article.status == ArticleStatus.DRAFT and article.organisation == author.organisation
    client.post(f"/kennisbank/{article.id}/indienen")
    db.session.refresh(article)
    assert article.status == ArticleStatus.SUBMITTED
    assert client.application.test_client().get(f"/kennisbank/{article.id}-{article.slug}").status_code == 404

    reviewer = client_for(coordinator)
    page = reviewer.get(f"/beheer/kennisbank/{article.id}")
    assert "Robots bouwen in groep 8" in page.get_data(as_text=True)
    reviewer.post(f"/beheer/kennisbank/{article.id}", data={"version": article.version, "approve": "1"})
    db.session.refresh(article)
    assert article.status == ArticleStatus.PUBLISHED and article.published_at is not None
    anonymous = client.application.test_client().get(f"/kennisbank/{article.id}-{article.slug}")
    assert anonymous.status_code == 200
    assert [r.approved for r in article.revisions] == [True]


def test_a_coordinators_article_is_published_directly(client, login_as, make):
    login_as("coordinator")
    article = _new(client, make)
    client.post(f"/kennisbank/{article.id}/indienen")
    db.session.refresh(article)
    assert article.status == ArticleStatus.PUBLISHED
    assert article.organisation is None


def test_rejecting_needs_a_reason_and_the_author_can_submit_again(make, teacher, coordinator, client_for):
    article = write(teacher, publish=False)
    services.submit(article, teacher)
    db.session.commit()
    reviewer = client_for(coordinator)
    page = reviewer.post(f"/beheer/kennisbank/{article.id}", data={"version": article.version, "reject": "1"})
    assert "Zeg waarom" in page.get_data(as_text=True)
    db.session.refresh(article)
    assert article.status == ArticleStatus.SUBMITTED
    reviewer.post(
        f"/beheer/kennisbank/{article.id}",
        data={"version": article.version, "reject": "1", "reason": "Noem de school niet bij naam."},
    )
    db.session.refresh(article)
    assert article.status == ArticleStatus.REJECTED
    assert article.rejection_reason == "Noem de school niet bij naam."
    assert services.submit(article, teacher) == ArticleStatus.SUBMITTED


def test_an_edit_of_a_published_article_waits_while_readers_see_the_published_text(
    client, client_for, login_as, make, coordinator
):
    author = login_as("teacher")
    article = write(author)
    form = article_form(make, title="Robots en sensoren in groep 8")
    assert client.post(f"/kennisbank/{article.id}/bewerken", data=form).status_code == 302
    db.session.refresh(article)
    assert article.title == "Robots bouwen in groep 8" and article.edit_pending
    public = client.application.test_client().get(f"/kennisbank/{article.id}-{article.slug}")
    assert "Robots en sensoren" not in public.get_data(as_text=True)
    # the author edits on from the waiting version, not the published one
    assert "Robots en sensoren in groep 8" in client.get(f"/kennisbank/{article.id}/bewerken").get_data(
        as_text=True
    )

    reviewer = client_for(coordinator)
    review = reviewer.get(f"/beheer/kennisbank/{article.id}").get_data(as_text=True)
    assert '<ins class="diff-ins">' in review and "sensoren" in review
    reviewer.post(f"/beheer/kennisbank/{article.id}", data={"version": article.version, "approve": "1"})
    db.session.refresh(article)
    assert article.title == "Robots en sensoren in groep 8" and not article.edit_pending
    assert article.slug == "robots-en-sensoren-in-groep-8"
    history = [r.data["title"] for r in article.revisions if r.approved]
    assert history == ["Robots bouwen in groep 8", "Robots en sensoren in groep 8"]


def test_a_rejected_edit_leaves_the_published_version(make, teacher, coordinator):
    article = write(teacher)
    services.save_edit(article, teacher, {**services.snapshot(article), "title": "Iets anders"})
    db.session.commit()
    services.reject(article, coordinator, article.version, "Liever niet.")
    db.session.commit()
    assert article.title == "Robots bouwen in groep 8" and article.is_published
    assert not article.edit_pending
    assert (
        db.session.scalar(db.select(db.func.count(ArticleRevision.id)).where(~ArticleRevision.approved)) == 0
    )


def test_a_decision_on_a_version_that_changed_since_is_refused(make, teacher, coordinator, client_for):
    article = write(teacher, publish=False)
    services.submit(article, teacher)
    db.session.commit()
    seen = article.version
    services.save_edit(article, teacher, {**services.snapshot(article), "title": "Nieuw"})
    db.session.commit()
    reviewer = client_for(coordinator)
    response = reviewer.post(f"/beheer/kennisbank/{article.id}", data={"version": seen, "approve": "1"})
    assert response.status_code in (200, 303)
    db.session.refresh(article)
    assert article.status == ArticleStatus.SUBMITTED


def test_a_coordinators_edit_of_a_published_article_is_published_and_kept_in_history(make, coordinator):
    article = write(coordinator)
    assert (
        services.save_edit(article, coordinator, {**services.snapshot(article), "summary": "Korter."})
        == "published"
    )
    db.session.commit()
    assert article.summary == "Korter." and len(article.revisions) == 2


def test_an_archived_article_is_gone_for_readers_and_cannot_be_edited(client, login_as, make):
    author = login_as("teacher")
    article = write(author)
    client.post(f"/kennisbank/{article.id}/archiveren")
    db.session.refresh(article)
    assert article.status == ArticleStatus.ARCHIVED
    assert client.application.test_client().get(f"/kennisbank/{article.id}").status_code == 404
    assert client.get(f"/kennisbank/{article.id}/bewerken").status_code == 403


def test_an_empty_form_is_refused_in_dutch_and_keeps_what_was_typed(client, login_as, make):
    login_as("provider")
    response = client.post(
        "/kennisbank/nieuw", data=article_form(make, title="", summary="Mijn samenvatting")
    )
    text = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Dit veld is verplicht" in text and "Mijn samenvatting" in text
    assert db.session.scalar(db.select(db.func.count(Article.id))) == 0


def test_a_review_post_with_a_broken_version_is_refused_not_an_error(make, teacher, coordinator, client_for):
    article = write(teacher, publish=False)
    services.submit(article, teacher)
    db.session.commit()
    reviewer = client_for(coordinator)
    for version in ("abc", "", "-1", "99999999999999999999"):
        response = reviewer.post(
            f"/beheer/kennisbank/{article.id}", data={"version": version, "approve": "1"}
        )
        assert response.status_code in (200, 303), version
    db.session.refresh(article)
    assert article.status == ArticleStatus.SUBMITTED
