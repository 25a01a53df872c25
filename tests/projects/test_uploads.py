"""Upload checks of photos and attachments: every file is made in memory, no database."""

import re
import struct
import zipfile
import zlib
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import ExifTags, Image, ImageCms
from PIL.PngImagePlugin import PngInfo

from projects import uploads
from projects.uploads import (
    MAX_ATTACHMENT_BYTES,
    MAX_IMAGE_BYTES,
    THUMBNAIL_SIZE,
    clean_attachment,
    clean_image,
)

SECRET_CAMERA = "Camera-of-Agent-4711"


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def refusal(check, uploaded):
    """The code and the English message of the ValidationError that `check` raises."""
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        check(uploaded)
    return refused.value.code, refused.value.messages[0]


class UnreadableUpload:
    """An upload that only declares its size: reading it would fail the test."""

    name = "huge.jpg"

    def __init__(self, size):
        self.size = size

    def read(self, *args):
        raise AssertionError("the file was read")

    def seek(self, *args):
        raise AssertionError("the file was read")


def exif_with_gps(orientation=None):
    exif = Image.Exif()
    exif[ExifTags.Base.Model] = SECRET_CAMERA
    if orientation:
        exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (50.0, 38.0, 0.0),
        ExifTags.GPS.GPSLongitudeRef: "E",
        ExifTags.GPS.GPSLongitude: (5.0, 34.0, 0.0),
    }
    return exif


def photo(image_format, size=(20, 10), mode="RGB", **params):
    buffer = BytesIO()
    Image.new(mode, size, "teal").save(buffer, image_format, **params)
    return buffer.getvalue()


def opened(content_file):
    content_file.seek(0)
    return Image.open(BytesIO(content_file.read()))


def png_claiming(width, height):
    """A small real PNG whose header claims another size: decoding it would fail."""
    data = bytearray(photo("PNG", size=(8, 8), mode="1"))
    # The IHDR chunk comes right after the 8-byte signature: length, type, then the data.
    data[16:24] = struct.pack(">II", width, height)
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(data[12:29])))
    return bytes(data)


def zipped(members, compression=zipfile.ZIP_DEFLATED):
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def ooxml(main_part):
    return zipped(
        {
            "[Content_Types].xml": '<?xml version="1.0"?><Types/>',
            "_rels/.rels": '<?xml version="1.0"?><Relationships/>',
            main_part: '<?xml version="1.0"?><document/>',
        }
    )


def opendocument(mimetype):
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        # As the format asks: first member, stored uncompressed.
        archive.writestr("mimetype", mimetype, compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", "<office:document-content/>", zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", "<manifest:manifest/>", zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def ole2(*stream_names):
    """Enough of a compound file for the check: the magic number and directory names."""
    names = ["Root Entry", *stream_names]
    directory = b"".join(name.encode("utf-16-le").ljust(64, b"\0") for name in names)
    return uploads.OLE2_MAGIC + b"\0" * 504 + directory


MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


# Photos


@pytest.mark.parametrize("image_format", ["JPEG", "PNG", "WEBP"])
def test_a_photo_is_published_without_its_exif_gps_xmp_or_colour_profile(image_format):
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    xmp = "<x:xmpmeta>Taken in Liege</x:xmpmeta>"
    text = PngInfo()  # PNG keeps XMP and comments in text chunks
    text.add_itxt("XML:com.adobe.xmp", xmp)
    text.add_text("Comment", "Taken in Liege")
    original = photo(
        image_format, exif=exif_with_gps(), xmp=xmp.encode(), icc_profile=icc, pnginfo=text
    )
    source = Image.open(BytesIO(original))
    assert source.getexif().get_ifd(ExifTags.IFD.GPSInfo)
    assert "icc_profile" in source.info
    assert b"Liege" in original

    cleaned = clean_image(upload("IMG_0001.jpg", original, "image/jpeg"))

    published = opened(cleaned.image)
    assert published.format == image_format
    assert not published.getexif()
    assert not {"exif", "xmp", "icc_profile", "comment"} & set(published.info)
    cleaned.image.seek(0)
    raw = cleaned.image.read()
    assert SECRET_CAMERA.encode() not in raw
    assert b"Liege" not in raw


def test_a_photo_taken_sideways_is_turned_upright_before_its_exif_goes():
    original = photo("JPEG", size=(20, 10), exif=exif_with_gps(orientation=6))

    cleaned = clean_image(upload("sideways.jpg", original))

    assert opened(cleaned.image).size == (10, 20)
    assert opened(cleaned.thumbnail).size == (10, 20)


@pytest.mark.parametrize(
    ("image_format", "extension"), [("JPEG", "jpg"), ("PNG", "png"), ("WEBP", "webp")]
)
def test_stored_names_are_random_and_follow_the_content_not_the_uploaded_name(
    image_format, extension
):
    cleaned = clean_image(upload("Rue de la Loi 16, Jean Dupont.gif", photo(image_format)))

    stem = cleaned.image.name.removesuffix(f".{extension}")
    assert re.fullmatch(r"[0-9a-f]{32}", stem)
    assert cleaned.thumbnail.name == f"{stem}_thumb.{extension}"
    assert opened(cleaned.thumbnail).format == image_format


def test_two_uploads_of_the_same_photo_get_different_names():
    first = clean_image(upload("a.jpg", photo("JPEG")))
    second = clean_image(upload("a.jpg", photo("JPEG")))

    assert first.image.name != second.image.name


def test_the_thumbnail_fits_the_bound_and_keeps_the_proportions():
    cleaned = clean_image(upload("wide.jpg", photo("JPEG", size=(2000, 1000))))

    assert opened(cleaned.image).size == (2000, 1000)
    assert opened(cleaned.thumbnail).size == (THUMBNAIL_SIZE[0], THUMBNAIL_SIZE[1] // 2)


def test_a_transparent_png_stays_transparent():
    cleaned = clean_image(upload("logo.png", photo("PNG", mode="RGBA", size=(30, 30))))

    assert opened(cleaned.image).mode == "RGBA"


def test_a_16_bit_grey_png_keeps_its_greys_instead_of_turning_white():
    buffer = BytesIO()
    Image.new("I;16", (10, 10), 32768).save(buffer, "PNG")

    cleaned = clean_image(upload("scan.png", buffer.getvalue()))

    assert opened(cleaned.image).getpixel((0, 0)) == 128


def test_the_uploaded_photo_is_left_rewound():
    uploaded = upload("photo.jpg", photo("JPEG"))

    clean_image(uploaded)

    assert uploaded.tell() == 0


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("photo.jpg", b"Not a photo at all, just some text.\n"),
        ("photo.jpg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        ("photo.jpg", b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"),
        ("animation.gif", photo("GIF")),
        ("photo.bmp", photo("BMP")),
        ("photo.jpg", MINIMAL_PDF),
        ("photo.jpg", b""),
    ],
    ids=["text", "svg", "html", "gif", "bmp", "pdf", "empty"],
)
def test_anything_but_a_jpeg_png_or_webp_is_refused_as_a_photo(name, content):
    code, message = refusal(clean_image, upload(name, content, "image/jpeg"))

    assert code == "image_unsupported"
    assert "JPEG, PNG or WebP" in message


def test_a_truncated_jpeg_is_refused_as_damaged():
    buffer = BytesIO()
    Image.effect_noise((200, 200), 64).save(buffer, "JPEG")
    truncated = buffer.getvalue()[: len(buffer.getvalue()) // 2]

    code, message = refusal(clean_image, upload("cut.jpg", truncated))

    assert code == "image_damaged"
    assert "damaged or incomplete" in message


def test_a_png_with_a_corrupted_byte_is_refused_as_damaged():
    data = bytearray(photo("PNG", size=(50, 50)))
    data[-20] ^= 0xFF  # inside the image data, whose checksum no longer matches

    code, _ = refusal(clean_image, upload("bad.png", bytes(data)))

    assert code == "image_damaged"


@pytest.mark.parametrize(
    ("width", "height"),
    [(8000, 6000), (50_000, 50_000)],
    ids=["above our limit", "far above Pillow's own limit"],
)
def test_an_image_bomb_is_refused_from_its_header_before_decoding(width, height):
    # The pixel data behind the patched header is 8x8: decoding it would report a damaged
    # file, so this message proves that the size was checked first.
    code, message = refusal(clean_image, upload("bomb.png", png_claiming(width, height)))

    assert code == "image_too_many_pixels"
    assert "40 megapixels" in message


@pytest.mark.filterwarnings("error::PIL.Image.DecompressionBombWarning")
def test_pillow_decompression_bomb_warning_turned_into_an_error_gives_the_same_message():
    code, _ = refusal(clean_image, upload("bomb.png", png_claiming(10_000, 10_000)))

    assert code == "image_too_many_pixels"


def test_a_photo_over_the_size_limit_is_refused_without_being_read():
    code, message = refusal(clean_image, UnreadableUpload(MAX_IMAGE_BYTES + 1))

    assert code == "image_too_large"
    assert "10.0\xa0MB" in message


def test_a_photo_larger_than_its_declared_size_is_refused():
    uploaded = upload("photo.jpg", photo("JPEG") + b"\0" * MAX_IMAGE_BYTES)
    uploaded.size = 1000

    code, _ = refusal(clean_image, uploaded)

    assert code == "image_too_large"


# Attachments


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (MINIMAL_PDF, "pdf"),
        (ooxml("word/document.xml"), "docx"),
        (ooxml("xl/workbook.xml"), "xlsx"),
        (ooxml("ppt/presentation.xml"), "pptx"),
        (opendocument("application/vnd.oasis.opendocument.text"), "odt"),
        (opendocument("application/vnd.oasis.opendocument.spreadsheet"), "ods"),
        (opendocument("application/vnd.oasis.opendocument.presentation"), "odp"),
    ],
    ids=["pdf", "docx", "xlsx", "pptx", "odt", "ods", "odp"],
)
def test_documents_are_accepted_with_the_kind_their_content_shows(content, kind):
    # Neither the name nor the content type sent by the browser is of any help.
    assert clean_attachment(upload("document.bin", content, "text/plain")) == kind


@pytest.mark.parametrize(
    ("name", "streams", "kind"),
    [
        ("report.doc", ["WordDocument"], "doc"),
        ("report.xls", ["WordDocument"], "doc"),
        ("budget.xls", ["Workbook"], "xls"),
        ("budget.doc", ["Workbook"], "xls"),
        ("old-budget.xls", ["Book"], "xls"),
        ("slides.ppt", ["PowerPoint Document"], "ppt"),
        ("chart-in-text.doc", ["WordDocument", "Workbook"], "doc"),
        ("chart-in-text.xls", ["WordDocument", "Workbook"], "xls"),
        ("no-extension", ["WordDocument", "Workbook"], "doc"),
    ],
)
def test_legacy_office_files_are_told_apart_by_their_streams_and_then_by_their_name(
    name, streams, kind
):
    assert clean_attachment(upload(name, ole2(*streams))) == kind


def test_the_attachment_is_left_rewound():
    content = ooxml("word/document.xml")
    uploaded = upload("report.docx", content)

    clean_attachment(uploaded)

    assert uploaded.tell() == 0
    assert uploaded.read() == content


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("report.pdf", b"<!DOCTYPE html><html><body>Click here</body></html>"),
        ("report.pdf", b'<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>'),
        ("report.doc", b"#!/bin/sh\nrm -rf ~\n"),
        ("report.doc", b"MZ\x90\x00\x03" + b"\0" * 100),
        ("report.pdf", b"\x7fELF\x02\x01\x01" + b"\0" * 100),
        ("report.pdf", photo("JPEG")),
        ("report.docx", zipped({"report.txt": "a plain zip"})),
        ("report.docx", zipped({"[Content_Types].xml": "<Types/>", "word/other.xml": ""})),
        ("book.odt", opendocument("application/epub+zip")),
        ("setup.doc", ole2("Binary", "Property")),
        ("report.pdf", b"  %PDF-1.4 not at the start"),
    ],
    ids=[
        "html",
        "svg",
        "script",
        "windows program",
        "linux program",
        "image",
        "plain zip",
        "zip without the main part",
        "epub",
        "other OLE2 file (installer)",
        "pdf marker not at the start",
    ],
)
def test_anything_but_a_pdf_or_an_office_document_is_refused(name, content):
    code, message = refusal(clean_attachment, upload(name, content, "application/pdf"))

    assert code == "attachment_unsupported"
    assert "Send a PDF or an office document" in message


def test_an_empty_attachment_is_refused():
    code, message = refusal(clean_attachment, upload("report.pdf", b""))

    assert code == "attachment_empty"
    assert message == "This file is empty."


def test_a_broken_zip_is_refused_as_damaged():
    content = ooxml("word/document.xml")

    code, _ = refusal(clean_attachment, upload("report.docx", content[: len(content) // 2]))

    assert code == "attachment_damaged"


def test_an_attachment_over_the_size_limit_is_refused_without_being_read():
    code, message = refusal(clean_attachment, UnreadableUpload(MAX_ATTACHMENT_BYTES + 1))

    assert code == "attachment_too_large"
    assert "15.0\xa0MB" in message


def test_a_zip_bomb_declaring_a_huge_unpacked_size_is_refused():
    content = bytearray(ooxml("word/document.xml"))
    # Patch the uncompressed size of one member in the central directory, which is what
    # the archive declares to whoever unpacks it.
    entry = content.index(b"PK\x01\x02")
    content[entry + 24 : entry + 28] = struct.pack("<I", 300 * 1024 * 1024)

    code, message = refusal(clean_attachment, upload("report.docx", bytes(content)))

    assert code == "attachment_unpacks_too_large"
    assert "200.0\xa0MB" in message


def test_a_zip_bomb_of_highly_compressed_data_is_refused(monkeypatch):
    # The real limit would take 200 MB of zeros to reach; the mechanism is the same.
    monkeypatch.setattr(uploads, "MAX_UNZIPPED_BYTES", 1024 * 1024)
    content = ooxml("word/document.xml")
    bomb = zipped({"[Content_Types].xml": "<Types/>", "word/document.xml": b"\0" * 2**21})
    assert len(bomb) < len(content) + 5000

    code, _ = refusal(clean_attachment, upload("report.docx", bomb))

    assert code == "attachment_unpacks_too_large"


def test_a_zip_with_too_many_members_is_refused():
    members = {f"word/media/image{n}.png": b"" for n in range(uploads.MAX_ZIP_MEMBERS)}
    members["[Content_Types].xml"] = "<Types/>"
    members["word/document.xml"] = "<document/>"

    code, _ = refusal(clean_attachment, upload("report.docx", zipped(members)))

    assert code == "attachment_unpacks_too_large"
