"""Uploaded images and documents: checked by content, stored under random names.

* The type comes from the bytes (magic numbers; for DOCX/PPTX/ODT/ODP the zip's
  ``[Content_Types].xml`` or ``mimetype`` entry), never from the name or the browser.
  A file whose name promises another type than its content is refused.
* Zip-based files are refused when they look like a zip bomb: too many entries, too much
  uncompressed data, or an extreme compression ratio.
* Images are decoded with a pixel limit, re-encoded (which drops EXIF, e.g. GPS) and get a
  thumbnail. Stored names are ``secrets.token_urlsafe``; the user's file name is only used
  as the download name.
* A removed file leaves the disk only after the commit that removed its row
  (``delete_after_commit``): a failed commit keeps the files its rows still name.
"""

from __future__ import annotations

import io
import secrets
import shutil
import warnings
import zipfile
from pathlib import Path

from flask import Flask, Response, current_app, has_app_context, send_from_directory
from flask_babel import lazy_gettext as _l
from PIL import Image, ImageOps
from sqlalchemy import event

from portal.extensions import db
from portal.models import Attachment, Offer
from portal.offers.errors import OfferError

IMAGE_TYPES = {
    "jpeg": ("image/jpeg", "jpg", "JPEG"),
    "png": ("image/png", "png", "PNG"),
    "webp": ("image/webp", "webp", "WEBP"),
}
DOCUMENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
    "odp": "application/vnd.oasis.opendocument.presentation",
    "zip": "application/zip",
}
EXTENSIONS = {  # what a file name may promise, per detected type
    "jpeg": {"jpg", "jpeg"},
    "png": {"png"},
    "webp": {"webp"},
    "pdf": {"pdf"},
    "docx": {"docx"},
    "pptx": {"pptx"},
    "odt": {"odt"},
    "odp": {"odp"},
    "zip": {"zip"},
}
MAX_PIXELS = 40_000_000
MAX_ZIP_ENTRIES = 2000
MAX_ZIP_UNCOMPRESSED = 200 * 1024 * 1024
MAX_ZIP_RATIO = 100
IMAGE_MAX_SIDE = 2000
THUMB_SIZE = (480, 480)
FIELD = "file"  # every refusal here is about the upload form's file field (or its alt text)
NOT_ALLOWED = _l(
    "This file type is not allowed. Upload an image (JPEG, PNG, WebP) or a document "
    "(PDF, DOCX, PPTX, ODT, ODP, ZIP)."
)


def detect(data: bytes) -> str | None:
    """The file type by content, or None."""
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return _zip_kind(data)
    return None


def _zip_kind(data: bytes) -> str:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise OfferError(_l("This zip file is damaged."), FIELD) from exc
    _check_zip_bomb(infos)
    names = {info.filename for info in infos}
    if "mimetype" in names:
        mimetype = archive.read("mimetype")[:100].decode("ascii", "ignore").strip()
        for kind in ("odt", "odp"):
            if mimetype == DOCUMENT_TYPES[kind]:
                return kind
    if "[Content_Types].xml" in names:
        content_types = archive.read("[Content_Types].xml")[:200_000].decode("utf-8", "ignore")
        if "wordprocessingml.document.main+xml" in content_types:
            return "docx"
        if "presentationml.presentation.main+xml" in content_types:
            return "pptx"
    return "zip"


def _check_zip_bomb(infos) -> None:
    total = sum(info.file_size for info in infos)
    too_dense = any(
        info.file_size > 1024 * 1024 and info.file_size > MAX_ZIP_RATIO * max(info.compress_size, 1)
        for info in infos
    )
    if len(infos) > MAX_ZIP_ENTRIES or total > MAX_ZIP_UNCOMPRESSED or too_dense:
        raise OfferError(_l("This file unpacks to far too much data and is refused."), FIELD)


def validate(filename: str, data: bytes, alt_text: str | None) -> str:
    """The detected type of an upload, or OfferError with a Dutch message."""
    if not data:
        raise OfferError(_l("The file is empty."), FIELD)
    kind = detect(data)
    extension = Path(filename or "").suffix.lower().lstrip(".")
    if kind is None or extension not in EXTENSIONS[kind]:
        raise OfferError(
            NOT_ALLOWED
            if kind is None
            else _l("The content of this file does not match its name (.%(ext)s).", ext=extension),
            FIELD,
        )
    is_image = kind in IMAGE_TYPES
    limit = current_app.config["MAX_IMAGE_BYTES" if is_image else "MAX_DOCUMENT_BYTES"]
    if len(data) > limit:
        raise OfferError(
            _l(
                "The file is too large (%(size)s MB). The maximum is %(max)s MB.",
                size=_mb(len(data)),
                max=_mb(limit),
            ),
            FIELD,
        )
    if is_image and not (alt_text or "").strip():
        raise OfferError(_l("Describe what the image shows (alt text)."), "alt_text")
    return kind


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".replace(".", ",")


def upload_dir() -> Path:
    path = Path(current_app.config["UPLOAD_DIR"])
    path.mkdir(parents=True, exist_ok=True)
    return path


def _random_name(extension: str) -> str:
    return f"{secrets.token_urlsafe(24)}.{extension}"


def store(offer: Offer, filename: str, data: bytes, alt_text: str | None) -> Attachment:
    """Validate, write the file(s) and return a new Attachment on ``offer``."""
    position = max((a.position for a in offer.attachments), default=0) + 1
    attachment = Attachment(**write_upload(filename, data, alt_text), position=position)
    offer.attachments.append(attachment)
    return attachment


def write_upload(filename: str, data: bytes, alt_text: str | None) -> dict:
    """Validate and write an upload (image re-encoded, with thumbnail); the column values
    of its file row (``Attachment``, or another area's file row with the same columns)."""
    kind = validate(filename, data, alt_text)
    original = Path(filename).name[-200:] or "bestand"
    if kind in IMAGE_TYPES:
        content_type, extension, pil_format = IMAGE_TYPES[kind]
        full, thumb = _reencode(data, pil_format)
        stored, thumb_name = _random_name(extension), _random_name(extension)
        (upload_dir() / stored).write_bytes(full)
        (upload_dir() / thumb_name).write_bytes(thumb)
        return dict(
            kind="image",
            stored_name=stored,
            thumbnail_name=thumb_name,
            original_name=original,
            content_type=content_type,
            size_bytes=len(full),
            alt_text=(alt_text or "").strip(),
        )
    stored = _random_name(kind)
    (upload_dir() / stored).write_bytes(data)
    return dict(
        kind="document",
        stored_name=stored,
        original_name=original,
        content_type=DOCUMENT_TYPES[kind],
        size_bytes=len(data),
        alt_text=None,
    )


def _reencode(data: bytes, pil_format: str) -> tuple[bytes, bytes]:
    """Decode with a pixel limit, rotate by EXIF, re-encode without metadata; + thumbnail."""
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                probe.verify()
            image: Image.Image = Image.open(io.BytesIO(data))
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise OfferError(_l("This image has far too many pixels."), FIELD) from exc
    except Exception as exc:  # Pillow raises many kinds of errors for a broken file
        raise OfferError(_l("This image cannot be read. Is the file damaged?"), FIELD) from exc
    image = ImageOps.exif_transpose(image)
    if pil_format == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    image.thumbnail((IMAGE_MAX_SIDE, IMAGE_MAX_SIDE))
    thumb = image.copy()
    thumb.thumbnail(THUMB_SIZE)
    return _encode(image, pil_format), _encode(thumb, pil_format)


def _encode(image: Image.Image, pil_format: str) -> bytes:
    out = io.BytesIO()
    options = {"quality": 85} if pil_format in ("JPEG", "WEBP") else {"optimize": True}
    image.save(out, pil_format, **options)
    return out.getvalue()


def copy_attachment(attachment: Attachment) -> Attachment:
    """A copy with its own files (for a duplicated offer)."""
    names = {}
    for attr in ("stored_name", "thumbnail_name"):
        name = getattr(attachment, attr)
        if name:
            new = _random_name(name.rsplit(".", 1)[-1])
            source = upload_dir() / name
            if source.exists():
                shutil.copyfile(source, upload_dir() / new)
            names[attr] = new
    return Attachment(
        kind=attachment.kind,
        stored_name=names["stored_name"],
        thumbnail_name=names.get("thumbnail_name"),
        original_name=attachment.original_name,
        content_type=attachment.content_type,
        size_bytes=attachment.size_bytes,
        alt_text=attachment.alt_text,
        position=attachment.position,
    )


def send_stored(name: str, stored, public: bool) -> Response:
    """Answer with a stored file (an offer's ``Attachment`` or another area's file row with
    the same columns): images inline, documents as downloads under their own name, never
    sniffed or run; a public file may be cached for an hour, any other is ``private, no-store``."""
    response = send_from_directory(
        upload_dir(),
        name,
        mimetype=stored.content_type,
        as_attachment=stored.kind != "image",
        download_name=stored.original_name,
        max_age=3600 if public else None,
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    if not public:
        response.headers["Cache-Control"] = "private, no-store"
        response.headers.pop("Expires", None)
    return response


def delete_files(names: list[str | None]) -> None:
    """Remove stored files now (files whose rows were never committed)."""
    for name in filter(None, names):
        (upload_dir() / Path(name).name).unlink(missing_ok=True)


# Removing files after the commit ---------------------------------------------------------
TO_DELETE = "offers.files_to_delete"  # session.info key: stored names removed in this transaction


def delete_after_commit(names: list[str | None]) -> None:
    """Remove these stored files once the transaction that removed their rows commits."""
    db.session.info.setdefault(TO_DELETE, []).extend(filter(None, names))


def init_app(app: Flask) -> None:
    """Follow the portal's session: delete after a commit, forget after a rollback."""
    for name, listener in (("after_commit", _after_commit), ("after_soft_rollback", _after_rollback)):
        if not event.contains(db.session, name, listener):
            event.listen(db.session, name, listener)


def _after_commit(session) -> None:
    names = session.info.pop(TO_DELETE, None)
    if names and has_app_context():
        delete_files(names)


def _after_rollback(session, previous_transaction) -> None:
    session.info.pop(TO_DELETE, None)
