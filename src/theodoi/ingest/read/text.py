"""Read a plain-text document (OCR output or a copy-paste), one source line per line."""

from __future__ import annotations

from theodoi.ingest.document import SourceDocument, SourceLine


def read_text(data: bytes, *, name: str) -> SourceDocument:
    """Decode ``data`` (UTF-8, else Windows-1258/CP1252 fallbacks) into lines."""
    text = _decode(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0c", "\n")
    lines = [SourceLine(number=n, text=line) for n, line in enumerate(text.split("\n"), start=1)]
    while lines and not lines[-1].text.strip():
        lines.pop()
    return SourceDocument(name=name, kind="txt", lines=lines)


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1258", errors="replace")
