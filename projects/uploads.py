"""Checks of the files attached to a fiche: photos and documents, judged by their content.

A file's name and the content type sent by the browser are chosen by whoever uploads it, so
neither decides anything here. Photos are decoded by Pillow and re-encoded from their pixels
alone, which drops EXIF (GPS position, camera serial), XMP, comments and colour profiles from
what gets published. Documents cannot be re-encoded; they are accepted only when their bytes
have the structure of a PDF or an office document.

Both functions raise ValidationError with a message for the person uploading, and read the
file at most once, up to its limit.
"""

import contextlib
import os
import uuid
import zipfile
from dataclasses import dataclass
from functools import cache
from io import BytesIO

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

MAX_IMAGE_BYTES = 10 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000
MAX_ATTACHMENT_BYTES = 15 * 1024 * 1024
THUMBNAIL_SIZE = (480, 480)
# Limits on what an office document (a zip archive) declares it unpacks to: a few kilobytes
# of compressed zeros can claim gigabytes, and whoever unpacks it later (a preview, an
# indexer, the reader's office suite) would pay for it.
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
MAX_ZIP_MEMBERS = 5_000

# Pillow format name -> extension of the stored file.
IMAGE_EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
IMAGE_QUALITY = 85

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
OOXML_MAIN_PARTS = {
    "word/document.xml": "docx",
    "xl/workbook.xml": "xlsx",
    "ppt/presentation.xml": "pptx",
}
OPENDOCUMENT_MIMETYPES = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
    b"application/vnd.oasis.opendocument.presentation": "odp",
}
# The stream that carries the body of each legacy Office format, as it is named (UTF-16LE)
# in the directory of the OLE2 container. Excel 5/95 called it "Book".
OLE2_MAIN_STREAMS = {
    "doc": ["WordDocument"],
    "xls": ["Workbook", "Book"],
    "ppt": ["PowerPoint Document"],
}


@dataclass(frozen=True)
class CleanImage:
    """A photo ready to store: `image` for ProjectImage.image, `thumbnail` for .thumbnail."""

    image: ContentFile
    thumbnail: ContentFile


def clean_image(uploaded) -> CleanImage:
    """Verify an uploaded photo and return it re-encoded without metadata, with a thumbnail.

    Only JPEG, PNG and WebP are accepted, recognised from the content; the photo keeps its
    format, is turned upright following its EXIF orientation and converted to sRGB. The
    stored names are random (`<uuid>.jpg`, `<uuid>_thumb.jpg`): the uploaded name often holds
    a person's name or a place. Raises ValidationError when the file is too large, is not a
    supported image, has too many pixels, or is damaged.
    """
    too_large = ValidationError(
        _("This photo is too large: %(limit)s at most."),
        code="image_too_large",
        params={"limit": filesizeformat(MAX_IMAGE_BYTES)},
    )
    data = _read(uploaded, MAX_IMAGE_BYTES, too_large)
    image, extension = _decode(data)
    image = _normalised(image)
    thumbnail = image.copy()
    thumbnail.thumbnail(THUMBNAIL_SIZE, Image.Resampling.LANCZOS)
    name = uuid.uuid4().hex
    return CleanImage(
        image=ContentFile(_encode(image, extension), name=f"{name}.{extension}"),
        thumbnail=ContentFile(_encode(thumbnail, extension), name=f"{name}_thumb.{extension}"),
    )


def clean_attachment(uploaded) -> str:
    """Verify an uploaded document and return its kind, as stored in Attachment.kind.

    The kind is one of "pdf", "docx", "xlsx", "pptx", "odt", "ods", "odp", "doc", "xls",
    "ppt", recognised from the content. Raises ValidationError when the file is too large,
    empty, unpacks to too much, or is anything else (a web page, an image, a script, a
    program...).
    """
    too_large = ValidationError(
        _("This file is too large: %(limit)s at most."),
        code="attachment_too_large",
        params={"limit": filesizeformat(MAX_ATTACHMENT_BYTES)},
    )
    data = _read(uploaded, MAX_ATTACHMENT_BYTES, too_large)
    if not data:
        raise ValidationError(_("This file is empty."), code="attachment_empty")
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(ZIP_MAGIC):
        return _zipped_document_kind(data)
    if data.startswith(OLE2_MAGIC):
        return _legacy_office_kind(data, uploaded.name)
    raise _unsupported_attachment()


def _read(uploaded, limit, too_large):
    """The file's bytes, the file left rewound; `too_large` is raised when the declared size
    is over `limit` (before reading) or when the content turns out to be (a wrong size)."""
    if uploaded.size > limit:
        raise too_large
    uploaded.seek(0)
    try:
        data = uploaded.read(limit + 1)
    finally:
        uploaded.seek(0)
    if len(data) > limit:
        raise too_large
    return data


def _decode(data):
    """The decoded image, upright, and its extension; refused before decoding when too big.

    Pillow's own guard (Image.MAX_IMAGE_PIXELS) is left as it is: it is process-wide and
    looser, so the stricter limit is checked here on the size read from the header.
    """
    formats = tuple(IMAGE_EXTENSIONS)
    not_an_image = ValidationError(
        _("This file is not a photo in an accepted format. Send a JPEG, PNG or WebP image."),
        code="image_unsupported",
    )
    too_many_pixels = ValidationError(
        _(
            "This photo has too many pixels: %(limit)s megapixels at most. "
            "Reduce its dimensions and send it again."
        ),
        code="image_too_many_pixels",
        params={"limit": MAX_IMAGE_PIXELS // 1_000_000},
    )
    damaged = ValidationError(
        _("This photo is damaged or incomplete. Export it again and send it anew."),
        code="image_damaged",
    )
    try:
        header = Image.open(BytesIO(data), formats=formats)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        # Raised by Pillow itself for a size far beyond ours (a warning only when a warning
        # filter turns it into an error).
        raise too_many_pixels from None
    except UnidentifiedImageError:
        raise not_an_image from None
    except Exception:  # whatever else fails in reading a header
        raise damaged from None
    if header.width * header.height > MAX_IMAGE_PIXELS:
        raise too_many_pixels
    try:
        # verify() checks what it can without decoding (PNG checksums) and leaves the image
        # unusable, hence the second opening to decode the pixels, which finds truncation.
        header.verify()
        image = Image.open(BytesIO(data), formats=formats)
        image.load()
        extension = IMAGE_EXTENSIONS[image.format]
        # Before the metadata goes: a phone stores the photo sideways and says so in EXIF.
        image = ImageOps.exif_transpose(image)
    except Exception:  # the decoders and the EXIF parser raise many kinds of errors
        raise damaged from None
    return image, extension


@cache
def _srgb_profile():
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


def _normalised(image):
    """The pixels alone, in sRGB, in a mode that the three formats store and browsers show.

    The colour profile is applied rather than dropped, so that photos taken in a wide gamut
    (Display P3 on recent phones, Adobe RGB, CMYK print files) keep their colours once the
    profile is gone.
    """
    has_alpha = image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in image.info
    if image.mode.startswith("I"):
        # 16-bit grey (PNG): a plain conversion would clip everything above 255 to white.
        image = image.convert("I").point(lambda value: value / 256).convert("L")
    profile = image.info.get("icc_profile")
    if profile and image.mode in ("RGB", "RGBA", "CMYK"):
        # An unreadable profile, or one that does not fit the mode: the pixels stay as they are.
        with contextlib.suppress(ImageCms.PyCMSError, OSError, ValueError):
            image = ImageCms.profileToProfile(
                image,
                ImageCms.ImageCmsProfile(BytesIO(profile)),
                _srgb_profile(),
                outputMode="RGBA" if image.mode == "RGBA" else "RGB",
            )
    if has_alpha:
        mode = "RGBA"
    elif image.mode in ("1", "L"):
        mode = "L"
    else:
        mode = "RGB"
    image = image.convert(mode) if image.mode != mode else image.copy()
    # The encoders copy some entries of `info` into the file (PNG: colour profile and
    # transparency; JPEG: comment); EXIF and XMP are only written when asked for.
    image.info = {}
    return image


def _encode(image, extension):
    buffer = BytesIO()
    if extension == "jpg":
        image.save(buffer, "JPEG", quality=IMAGE_QUALITY)
    elif extension == "webp":
        image.save(buffer, "WEBP", quality=IMAGE_QUALITY)
    else:
        image.save(buffer, "PNG")
    return buffer.getvalue()


def _unsupported_attachment():
    return ValidationError(
        _(
            "This type of file is not accepted. Send a PDF or an office document "
            "(Word, Excel, PowerPoint or OpenDocument)."
        ),
        code="attachment_unsupported",
    )


def _zipped_document_kind(data):
    damaged = ValidationError(
        _("This document is damaged. Save it again and send it anew."),
        code="attachment_damaged",
    )
    try:
        archive = zipfile.ZipFile(BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
        raise damaged from None
    with archive:
        members = archive.infolist()
        # The sizes are those the archive declares: nothing is unpacked here beyond the
        # few bytes of an OpenDocument's `mimetype`, and whoever unpacks the rest trusts them.
        if (
            len(members) > MAX_ZIP_MEMBERS
            or sum(member.file_size for member in members) > MAX_UNZIPPED_BYTES
        ):
            raise ValidationError(
                _("This document unpacks to too much data to be accepted (%(limit)s at most)."),
                code="attachment_unpacks_too_large",
                params={"limit": filesizeformat(MAX_UNZIPPED_BYTES)},
            )
        names = {member.filename for member in members}
        if "[Content_Types].xml" in names:
            for part, kind in OOXML_MAIN_PARTS.items():
                if part in names:
                    return kind
        if "mimetype" in names:
            try:
                with archive.open("mimetype") as member:
                    mimetype = member.read(100).strip()
            except (zipfile.BadZipFile, NotImplementedError, RuntimeError, ValueError, OSError):
                # A bad checksum, an unknown compression, a password.
                raise damaged from None
            if mimetype in OPENDOCUMENT_MIMETYPES:
                return OPENDOCUMENT_MIMETYPES[mimetype]
    raise _unsupported_attachment()


def _legacy_office_kind(data, name):
    """The kind of an OLE2 file (Office 97-2003), holding a Word, Excel or PowerPoint body.

    OLE2 is a container shared with other things (Windows installers, Outlook messages), so
    the magic number alone is not enough. The body streams are found by their names in the
    container's directory, searched in the raw bytes rather than by walking the directory:
    cheap, and enough to tell an Office file from another OLE2 file. It does not reliably tell
    the three apart, since a document that embeds another (a chart from Excel in a Word file)
    holds both streams; when several are present, the file name's extension picks among
    them, and only among them.
    """
    found = [
        kind
        for kind, streams in OLE2_MAIN_STREAMS.items()
        if any(stream.encode("utf-16-le") + b"\0\0" in data for stream in streams)
    ]
    if not found:
        raise _unsupported_attachment()
    extension = os.path.splitext(name or "")[1].lower().lstrip(".")
    return extension if extension in found else found[0]
