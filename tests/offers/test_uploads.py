"""Upload validation: type by content, size limits, zip bombs, images re-encoded."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from portal.models import Attachment
from portal.offers import uploads
from portal.offers.lifecycle import OfferError


def png_bytes(size=(1200, 800), exif=False) -> bytes:
    out = io.BytesIO()
    image = Image.new("RGB", size, (11, 90, 115))
    if exif:
        data = image.getexif()
        data[0x010F] = "Secret Camera Co"  # Make
        image.save(out, "JPEG", exif=data)
    else:
        image.save(out, "PNG")
    return out.getvalue()


def office_zip(content_types: str, extra: dict | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", content_types)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return out.getvalue()


DOCX_TYPES = (
    '<Types><Override ContentType="application/vnd.openxmlformats-officedocument.'
    'wordprocessingml.document.main+xml"/></Types>'
)


@pytest.fixture
def files_url(provider, draft, login_as, db):
    db.session.commit()
    login_as(provider)
    return f"/aanbod/{draft.id}/bestanden"


def _upload(client, url, name, data, alt=""):
    return client.post(
        url, data={"file": (io.BytesIO(data), name), "alt_text": alt}, content_type="multipart/form-data"
    )


def test_real_png_is_accepted_reencoded_and_thumbnailed(client, files_url, draft, db, app):
    response = _upload(client, files_url, "robot.png", png_bytes(), "Een robotarm")
    assert response.status_code == 302
    attachment = db.session.scalar(db.select(Attachment))
    assert attachment.kind == "image" and attachment.content_type == "image/png"
    assert attachment.stored_name != "robot.png" and attachment.original_name == "robot.png"
    folder = Path(app.config["UPLOAD_DIR"])
    with Image.open(folder / attachment.thumbnail_name) as thumb:
        assert max(thumb.size) <= 480
    with client.get(f"/bestanden/{attachment.stored_name}") as served:  # closes the file
        assert served.status_code == 200
        assert served.headers["X-Content-Type-Options"] == "nosniff"
        assert served.headers["Content-Type"] == "image/png"
        assert served.headers["Content-Disposition"].startswith("inline")


def test_exif_is_stripped_from_jpeg(app, draft):
    attachment = uploads.store(draft, "foto.jpg", png_bytes(exif=True), "Foto")
    data = (Path(app.config["UPLOAD_DIR"]) / attachment.stored_name).read_bytes()
    assert b"Secret Camera Co" not in data
    assert b"Secret Camera Co" in png_bytes(exif=True)


def test_exe_renamed_to_pdf_is_refused(client, files_url, db):
    page = _upload(client, files_url, "lesbrief.pdf", b"MZ\x90\x00\x03" + b"\x00" * 500)
    assert page.status_code == 400
    assert "Dit soort bestand is niet toegestaan" in page.get_data(as_text=True)
    assert db.session.scalar(db.select(Attachment)) is None


def test_zip_renamed_to_pdf_is_refused(client, files_url):
    page = _upload(client, files_url, "lesbrief.pdf", office_zip(DOCX_TYPES))
    assert page.status_code == 400
    assert "past niet bij de naam" in page.get_data(as_text=True)


def test_real_docx_and_pdf_are_accepted_as_attachment_downloads(client, files_url, db):
    assert _upload(client, files_url, "Lesbrief.docx", office_zip(DOCX_TYPES)).status_code == 302
    assert _upload(client, files_url, "les.pdf", b"%PDF-1.7\n%...\n").status_code == 302
    docx, pdf = db.session.scalars(db.select(Attachment).order_by(Attachment.id)).all()
    assert docx.content_type.endswith("wordprocessingml.document")
    with client.get(f"/bestanden/{pdf.stored_name}") as served:
        assert served.headers["Content-Disposition"].startswith("attachment")
        assert served.headers["Content-Type"] == "application/pdf"


def test_zip_bomb_like_docx_is_refused(client, files_url, db):
    bomb = office_zip(DOCX_TYPES, {"word/document.xml": b"0" * (30 * 1024 * 1024)})
    assert len(bomb) < 200_000
    page = _upload(client, files_url, "bom.docx", bomb)
    assert page.status_code == 400
    assert "veel te veel gegevens" in page.get_data(as_text=True)
    assert db.session.scalar(db.select(Attachment)) is None


def test_zip_with_too_many_entries_is_refused(app):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for i in range(uploads.MAX_ZIP_ENTRIES + 1):
            archive.writestr(f"f{i}.txt", "x")
    with pytest.raises(OfferError):
        uploads.detect(out.getvalue())


def test_too_large_document_is_refused_with_dutch_message(client, files_url, app):
    app.config["MAX_DOCUMENT_BYTES"] = 1024
    page = _upload(client, files_url, "groot.pdf", b"%PDF-1.7\n" + b"0" * 5000)
    assert page.status_code == 400
    assert "Het bestand is te groot" in page.get_data(as_text=True)


def test_request_over_max_content_length_stays_on_the_files_page(client, files_url, app):
    app.config["MAX_CONTENT_LENGTH"] = 2048
    page = _upload(client, files_url, "groot.pdf", b"%PDF-1.7\n" + b"0" * 5000)
    assert page.status_code == 413
    text = page.get_data(as_text=True)
    assert "Het bestand is te groot" in text and 'enctype="multipart/form-data"' in text


def test_image_needs_alt_text(client, files_url):
    page = _upload(client, files_url, "robot.png", png_bytes(), "")
    assert page.status_code == 400
    assert "alt-tekst" in page.get_data(as_text=True)


def test_decompression_bomb_image_is_refused(app, draft, monkeypatch):
    monkeypatch.setattr(uploads, "MAX_PIXELS", 1000)
    with pytest.raises(OfferError):
        uploads.store(draft, "groot.png", png_bytes(size=(200, 200)), "Groot")


def test_broken_image_is_refused(app, draft):
    with pytest.raises(OfferError):
        uploads.store(draft, "kapot.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "Kapot")
