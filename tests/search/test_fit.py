"""Fit: a teacher's levels (or their school's sector) pre-fill the /aanbod audience filter,
removably and shareably; an offer not for the chosen levels says so on the card and the
offer page; similar offers are those for the teacher's levels."""

from __future__ import annotations

import re

import pytest

from portal.search.fit import fit_for, sector_levels, short_labels, teacher_levels

PO = [("audience", "po-7-8")]
VMBO = [("audience", "vmbo-bb"), ("audience", "vmbo-kb")]


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def titles(html: str) -> list[str]:
    return re.findall(r'<h3 class="h5 card-title mb-1"><a href="[^"]+">([^<]+)</a>', html)


@pytest.fixture
def catalogue(make, db):
    make.offer(title="Robots voor groep 7-8", terms=PO)
    make.offer(title="Lassen voor vmbo BB en KB", terms=VMBO)
    make.offer(title="Techniek voor iedereen")  # names no audience
    db.session.commit()


@pytest.mark.parametrize("search_kind", ["whoosh"])
class TestLevels:
    def test_a_teachers_own_levels_else_the_schools_sector(self, make, db):
        teacher = make.user("teacher", teaching_levels=["vmbo-kb", "vmbo-bb"])
        assert teacher_levels(teacher) == ["vmbo-kb", "vmbo-bb"]
        po = make.user("teacher", organisation=make.school(sector="po"))
        assert teacher_levels(po) == ["po-1-2", "po-3-4", "po-5-6", "po-7-8"]
        vo = make.user("teacher", organisation=make.school(sector="vo"))
        assert teacher_levels(vo) == ["vmbo-bb", "vmbo-kb", "vmbo-gl", "vmbo-tl"]
        assert sector_levels(None) == []

    def test_nobody_else_has_levels(self, make, db):
        assert teacher_levels(make.user("provider", teaching_levels=["vmbo-bb"])) == []
        assert teacher_levels(make.user("teacher", organisation=None)) == []
        pending = make.user("teacher", organisation=make.school(sector="vo"), membership_status="pending")
        assert teacher_levels(pending) == []

    def test_short_labels_write_a_shared_word_once(self, make, db):
        terms = [
            make.term("audience", c) for c in ("po-3-4", "po-7-8", "po-5-6", "vmbo-bb", "vmbo-tl", "havo")
        ]
        assert short_labels(terms) == ["groep 3-8", "vmbo BB/TL", "havo"]
        assert short_labels([make.term("audience", "po-1-2"), make.term("audience", "po-5-6")]) == [
            "groep 1-2, 5-6"
        ]
        assert fit_for(["vmbo-kb", "vmbo-bb", "nonsense"]).label == "vmbo BB/KB"
        assert fit_for(["nonsense"]) is None and fit_for([]) is None


@pytest.mark.parametrize("search_kind", ["whoosh"])
class TestPrefill:
    def test_a_teacher_arriving_without_filters_sees_offers_for_their_classes(
        self, client, login_as, catalogue
    ):
        login_as("teacher", teaching_levels=["vmbo-bb", "vmbo-kb"])
        html = client.get("/aanbod").text
        assert titles(html) == ["Lassen voor vmbo BB en KB"]
        page = text_of(html)
        assert "Afgestemd op jouw klassen: vmbo BB/KB." in page
        assert 'name="doelgroep" value="vmbo-bb" id="f-doelgroep-vmbo-bb" checked' in html
        assert re.search(r">\s*Filters <span class=\"badge[^\"]*\">2</span>", html)  # two chips
        # every link from the page carries the choice, so a shared link shows the same
        assert 'href="/aanbod?doelgroep=vmbo-kb#resultaten">vmbo BB <span' in html

    def test_show_all_levels_removes_the_prefill_and_it_sticks_while_paging(self, client, login_as, make, db):
        login_as("teacher", teaching_levels=["vmbo-bb"])
        for n in range(12):
            make.offer(title=f"Robots groep 7-8 nummer {n}", terms=PO)
        make.offer(title="Lassen vmbo", terms=VMBO)
        db.session.commit()
        html = client.get("/aanbod").text
        show_all = re.search(r'href="(/aanbod\?niveau=alle)#resultaten">Alle niveaus tonen', html)
        assert show_all, "a link to every level"
        html = client.get(show_all.group(1)).text
        assert len(titles(html)) == 10  # every level: 13 offers, 10 a page
        assert "Je ziet alle niveaus." in text_of(html)
        assert "Niet voor vmbo BB" in text_of(html)  # po offers say they do not fit
        assert 'name="niveau" value="alle"' in html  # the form keeps the choice
        next_page = re.search(r'href="(/aanbod\?[^"#]*pagina=2[^"#]*)#resultaten"', html).group(1)
        assert "niveau=alle" in next_page
        html = client.get(next_page.replace("&amp;", "&")).text
        assert len(titles(html)) == 3 and "Afgestemd op jouw klassen" not in html

    def test_an_explicit_choice_in_the_url_wins(self, client, login_as, catalogue):
        login_as("teacher", teaching_levels=["vmbo-bb", "vmbo-kb"])
        html = client.get("/aanbod?doelgroep=po-7-8").text
        assert titles(html) == ["Robots voor groep 7-8"]
        assert "Afgestemd op jouw klassen" not in html
        html = client.get("/aanbod?doelgroep=vmbo-bb&doelgroep=vmbo-kb").text
        assert "Afgestemd op jouw klassen: vmbo BB/KB." in text_of(html)

    def test_removing_the_last_level_chip_keeps_every_level(self, client, login_as, catalogue):
        login_as("teacher", teaching_levels=["vmbo-bb"])
        html = client.get("/aanbod").text
        chip = re.search(r'href="(/aanbod[^"]*)#resultaten">vmbo BB <span aria-hidden', html).group(1)
        assert chip == "/aanbod?niveau=alle"

    def test_a_po_school_without_own_levels_gets_the_po_groups(self, client, login_as, make, catalogue):
        login_as("teacher", organisation=make.school(sector="po"))
        html = client.get("/aanbod").text
        assert titles(html) == ["Robots voor groep 7-8"]
        assert "Afgestemd op jouw klassen: groep 1-8." in text_of(html)

    def test_visitors_and_providers_see_everything_without_a_note(self, client, login_as, catalogue):
        assert len(titles(client.get("/aanbod").text)) == 3
        login_as("provider")
        html = client.get("/aanbod").text
        assert len(titles(html)) == 3 and "jouw klassen" not in html and "niveau=alle" not in html


@pytest.mark.parametrize("search_kind", ["whoosh"])
class TestNotice:
    def test_the_offer_page_says_when_it_is_not_for_the_teachers_classes(self, client, login_as, make, db):
        po = make.offer(title="Robots", terms=PO)
        vmbo = make.offer(title="Lassen", terms=VMBO)
        db.session.commit()
        login_as("teacher", teaching_levels=["vmbo-bb"])
        page = text_of(client.get(f"/aanbod/{po.id}-{po.slug}").text)
        assert "Niet voor vmbo BB : dit aanbod is voor groep 7-8. Aanbod voor jouw klassen" in page
        assert "Niet voor" not in text_of(client.get(f"/aanbod/{vmbo.id}-{vmbo.slug}").text)

    def test_visitors_see_no_notice(self, client, make, db):
        po = make.offer(title="Robots", terms=PO)
        db.session.commit()
        assert "Niet voor" not in client.get(f"/aanbod/{po.id}-{po.slug}").text


def test_similar_offers_respect_the_teachers_level(client, login_as, offer, make):
    text = "Leerlingen lassen en solderen een windturbine van staal in de werkplaats."
    shown = offer(title="Windturbine lassen", description=text, terms=VMBO)
    offer(title="Windturbine lassen voor groep 7-8", description=text, terms=PO)
    offer(title="Windturbine lassen in de onderbouw", description=text, terms=[("audience", "vmbo-bb")])
    offer(title="Windturbine lassen voor iedereen", description=text)
    url = f"/aanbod/{shown.id}-{shown.slug}"
    similar = re.compile(r'<h3 class="h6 card-title"><a href="[^"]+">([^<]+)</a>')
    assert len(similar.findall(client.get(url).text)) == 3  # visitors: every level
    login_as("teacher", teaching_levels=["vmbo-bb"])
    html = client.get(url).text
    assert set(similar.findall(html)) == {
        "Windturbine lassen in de onderbouw",
        "Windturbine lassen voor iedereen",
    }
    assert "Vergelijkbaar aanbod voor vmbo BB" in html
