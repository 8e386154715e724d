"""Organisations in /beheer: list with filters, detail, verify and un-verify."""

from __future__ import annotations


def test_list_filters_by_kind_verified_and_name(client, login_as, make, flevo_coordinator):
    make.company(name="Windpark Test", verified=False)
    make.company(name="Laswerk Test", verified=True)
    make.school(name="Basisschool Test")
    login_as(flevo_coordinator)
    html = client.get("/beheer/organisaties?kind=company&verified=no").get_data(as_text=True)
    assert "Windpark Test" in html
    assert "Laswerk Test" not in html and "Basisschool Test" not in html
    html = client.get("/beheer/organisaties?q=laswerk").get_data(as_text=True)
    assert "Laswerk Test" in html and "Windpark Test" not in html


def test_list_filters_by_municipality_and_scope(client, login_as, make, flevo_coordinator, utrecht_town):
    make.company(name="Urker Werf", municipality_slug="urk")
    make.company(name="Almeers Bedrijf", municipality_slug="almere")
    make.company(name="Utrechts Bedrijf", municipality=utrecht_town)
    login_as(flevo_coordinator)
    urk = make.municipality("urk")
    html = client.get(f"/beheer/organisaties?municipality={urk.id}").get_data(as_text=True)
    assert "Urker Werf" in html and "Almeers Bedrijf" not in html
    assert "Utrechts Bedrijf" not in client.get("/beheer/organisaties").get_data(as_text=True)


def test_detail_shows_members_and_offers(client, login_as, make, flevo_coordinator):
    company = make.company(name="Robotbedrijf")
    make.user("provider", organisation=company)
    make.user("provider", organisation=company)
    make.offer(company, title="Robotles groep 7")
    login_as(flevo_coordinator)
    html = client.get(f"/beheer/organisaties/{company.id}").get_data(as_text=True)
    assert "Robotles groep 7" in html
    members = html.split(">Leden</dt>", 1)[1].split("</dd>", 1)[0]
    assert members.split(">", 1)[1].strip().startswith("2")


def test_verify_and_unverify_records_verified_at(client, db, login_as, make, flevo_coordinator):
    company = make.company(verified=False)
    login_as(flevo_coordinator)
    client.post(f"/beheer/organisaties/{company.id}/verificatie", data={"verified": "1"})
    db.session.refresh(company)
    assert company.verified is True and company.verified_at is not None
    client.post(f"/beheer/organisaties/{company.id}/verificatie", data={"verified": "0"})
    db.session.refresh(company)
    assert company.verified is False and company.verified_at is None


def test_other_region_cannot_verify(client, db, login_as, make, utrecht_coordinator):
    company = make.company(verified=False)
    login_as(utrecht_coordinator)
    response = client.post(f"/beheer/organisaties/{company.id}/verificatie", data={"verified": "1"})
    assert response.status_code == 403
    db.session.refresh(company)
    assert company.verified is False


def test_detail_lists_only_offers_in_the_coordinators_region(
    client, login_as, make, flevo_coordinator, utrecht_town
):
    """A Flevoland provider may offer lessons in Utrecht: the Flevoland coordinator's page
    lists only its Flevoland offers; an admin sees them all."""
    company = make.company(name="Regiobedrijf", municipality_slug="almere")
    make.offer(company, title="Les in Almere")
    make.offer(company, title="Les in Utrecht", municipality=utrecht_town)
    make.offer(company, title="Online les", municipality=None, location_mode="online")
    login_as(flevo_coordinator)
    html = client.get(f"/beheer/organisaties/{company.id}").get_data(as_text=True)
    assert "Les in Almere" in html and "Online les" in html  # online: the provider's place
    assert "Les in Utrecht" not in html
    login_as("admin")
    html = client.get(f"/beheer/organisaties/{company.id}").get_data(as_text=True)
    assert "Les in Almere" in html and "Les in Utrecht" in html
