"""Reading any supported file: dispatch on suffix and content, limits, names, hashes."""

from __future__ import annotations

import hashlib
import io

import pytest

from theodoi.ingest.errors import (
    DocumentTooLarge,
    EncryptedDocument,
    IngestError,
    UnreadableDocument,
    UnsupportedFormat,
)
from theodoi.ingest.read import SUPPORTED_SUFFIXES, ReadLimits, read_bytes, read_document, sniff
from theodoi.ingest.read.limits import safe_name, vn_int, vn_size

PLAIN = "KẾ HOẠCH\nThực hiện Nghị quyết số 57-NQ/TW\n".encode()


def test_supported_suffixes_are_the_formats_plans_come_in():
    assert set(SUPPORTED_SUFFIXES) == {
        ".txt",
        ".docx",
        ".pdf",
        ".xlsx",
        ".png",
        ".jpg",
        ".jpeg",
        ".tif",
        ".tiff",
    }


def test_text_file_is_read_with_its_content_hash(tmp_path):
    path = tmp_path / "ke-hoach.txt"
    path.write_bytes(PLAIN)

    document = read_document(path)

    assert [line.text for line in document.lines] == ["KẾ HOẠCH", "Thực hiện Nghị quyết số 57-NQ/TW"]
    assert document.name == "ke-hoach.txt"
    assert document.sha256 == hashlib.sha256(PLAIN).hexdigest()


def test_utf16_text_saved_by_notepad_is_read():
    data = "\ufeffKẾ HOẠCH\r\nThực hiện Nghị quyết số 57-NQ/TW\r\n".encode("utf-16-le")

    document = read_bytes(data, name="ke-hoach.txt")

    assert [line.text for line in document.lines] == ["KẾ HOẠCH", "Thực hiện Nghị quyết số 57-NQ/TW"]


def test_suffix_is_matched_whatever_its_case(task_docx):
    assert read_bytes(task_docx, name="KE-HOACH.DOCX").kind == "docx"


@pytest.mark.parametrize(
    ("sender_name", "kept"),
    [
        ("../../etc/passwd.docx", "passwd.docx"),
        ("..\\..\\Windows\\ke-hoach.docx", "ke-hoach.docx"),
        ("/abs/path/ke hoạch.docx", "ke hoạch.docx"),
        ("bad\x00name\n.docx", "badname.docx"),
        (".hidden.docx", "hidden.docx"),
        ("", "tai-lieu"),
    ],
)
def test_sender_file_name_is_reduced_to_a_safe_base_name(sender_name, kept):
    assert safe_name(sender_name) == kept


def test_uploaded_name_with_folders_is_sanitised_in_the_document(task_docx):
    document = read_bytes(task_docx, name="../../etc/passwd.docx")

    assert document.name == "passwd.docx"


def test_unknown_suffix_is_refused_naming_the_supported_ones():
    with pytest.raises(UnsupportedFormat) as caught:
        read_bytes(b"abc", name="ke-hoach.odt")

    assert caught.value.message.startswith("Tệp “ke-hoach.odt” có đuôi “.odt” chưa được hỗ trợ")
    assert ".docx" in caught.value.message


@pytest.mark.parametrize("suffix", SUPPORTED_SUFFIXES)
def test_empty_file_is_refused(suffix):
    with pytest.raises(UnreadableDocument) as caught:
        read_bytes(b"", name=f"rong{suffix}")

    assert caught.value.message == f"Tệp “rong{suffix}” rỗng, không có nội dung."
    assert caught.value.code == "empty"


def test_pdf_suffix_on_a_word_file_is_refused_saying_what_it_is(task_docx):
    with pytest.raises(UnsupportedFormat) as caught:
        read_bytes(task_docx, name="ke-hoach.pdf")

    assert caught.value.message == (
        "Tệp “ke-hoach.pdf” có đuôi .pdf nhưng nội dung là Word (.docx), không phải PDF; hãy kiểm tra lại tệp."
    )


def test_workbook_renamed_docx_is_refused(task_xlsx):
    with pytest.raises(UnsupportedFormat):
        read_bytes(task_xlsx, name="ke-hoach.docx")


@pytest.mark.parametrize("suffix", [".pdf", ".docx", ".xlsx", ".png", ".txt"])
def test_random_bytes_are_refused_with_an_ingest_error(suffix):
    noise = bytes((i * 7919 + 13) % 256 for i in range(4096))

    with pytest.raises(IngestError):
        read_bytes(noise, name=f"rac{suffix}")


def test_old_word_format_is_refused_with_advice():
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1000

    with pytest.raises(UnsupportedFormat) as caught:
        read_bytes(ole, name="ke-hoach.docx")

    assert "lưu lại dưới dạng .docx/.xlsx" in caught.value.message


def test_password_protected_office_file_is_refused_as_encrypted():
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100 + "EncryptedPackage".encode("utf-16-le")

    with pytest.raises(EncryptedDocument):
        read_bytes(ole, name="ke-hoach.xlsx")


def test_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "lon.pdf"
    path.write_bytes(b"%PDF-1.4\n" + b"0" * 3 * 1024 * 1024)

    with pytest.raises(DocumentTooLarge) as caught:
        read_document(path, limits=ReadLimits(max_bytes=2 * 1024 * 1024))

    assert caught.value.message == "Tệp “lon.pdf” lớn 3 MB, vượt giới hạn 2 MB."


def test_missing_file_is_an_ingest_error(tmp_path):
    with pytest.raises(UnreadableDocument):
        read_document(tmp_path / "khong-co.docx")


def test_text_with_too_many_lines_is_refused():
    with pytest.raises(DocumentTooLarge):
        read_bytes(b"a\n" * 100, name="dai.txt", limits=ReadLimits(max_lines=10))


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"%PDF-1.7\n", "pdf"),
        (b"\x89PNG\r\n\x1a\n....", "image"),
        (b"\xff\xd8\xff\xe0", "image"),
        (b"II*\x00", "image"),
        (b"<!DOCTYPE html><html>", "html"),
        ("Kế hoạch".encode(), "text"),
        (b"\x00\x01\x02", "binary"),
    ],
)
def test_content_is_sniffed_from_the_first_bytes(data, kind):
    assert sniff(data) == kind


def test_text_file_that_is_really_an_image_is_refused(scan_renderer):
    out = io.BytesIO()
    scan_renderer(["x"]).save(out, format="PNG")

    with pytest.raises(UnsupportedFormat):
        read_bytes(out.getvalue(), name="ke-hoach.txt")


@pytest.mark.parametrize(("n", "text"), [(0, "0"), (500, "500"), (2000, "2.000"), (1234567, "1.234.567")])
def test_numbers_in_messages_use_dots_between_thousands(n, text):
    assert vn_int(n) == text


def test_sizes_in_messages_use_a_decimal_comma():
    assert vn_size(50 * 1024 * 1024) == "50 MB"
    assert vn_size(1536 * 1024) == "1,5 MB"
