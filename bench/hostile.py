"""A factory of hostile evidence files: the broken, booby-trapped and odd files staff copy in.

Tests (tests/test_hostile_inputs.py, test_crash_safety.py, test_concurrency.py) build their
fixtures from here, and a person can point `minhchung index` at a folder made by `write_all` to
see every problem line at once:

    python -c "from bench.hostile import write_all; write_all('/tmp/hostile')"

PDFs are written byte by byte (a correct cross-reference table, nothing else), so each one is
exactly the trap it is named after. Nothing here holds a big file in memory: the zip bomb and the
Flate bomb repeat one precomputed deflate block, and the huge file is sparse.
"""

from __future__ import annotations

import os
import zipfile
import zlib
from pathlib import Path

__all__ = [
    "raw_pdf",
    "text_pdf",
    "fanout_pdf",
    "nested_arrays_pdf",
    "page_tree_loop_pdf",
    "flate_bomb_pdf",
    "garbage_pdf",
    "truncated",
    "write_zip_bomb",
    "write_docx_without",
    "write_sparse",
    "write_all",
]

MIB = 1 << 20
_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def raw_pdf(objects: list[bytes], root: int = 1) -> bytes:
    """A PDF holding `objects` (numbered from 1) with a correct xref table and trailer."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, xref)
    return bytes(out)


def _stream(data: bytes, attrs: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(data), attrs) + data + b"\nendstream"


def _one_page(contents: bytes, resources: bytes = b"", extra: list[bytes] | None = None, pages_attrs: bytes = b"") -> bytes:
    """Catalog 1, Pages 2, Page 3, contents 4, font 5; `extra` objects are numbered from 6."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 " + pages_attrs + b">>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> "
        + resources
        + b">> /Contents "
        + contents
        + b" >>",
        b"",
        _FONT,
    ] + list(extra or [])
    return objects


def text_pdf(text: str = "hostile test page with a real text layer") -> bytes:
    """A one-page PDF whose text (ASCII) pdfminer reads back."""
    objects = _one_page(b"4 0 R")
    objects[3] = _stream(b"BT /F1 12 Tf 72 700 Td (" + text.encode("ascii") + b") Tj ET")
    return raw_pdf(objects)


def fanout_pdf(depth: int = 12, fan: int = 10) -> bytes:
    """A 2 KB PDF that never finishes: form k draws form k+1 `fan` times, fan**depth drawings.

    pdfminer has no budget for nested forms, so only the per-file time limit stops it.
    """
    objects = _one_page(b"4 0 R", resources=b"/XObject << /X0 6 0 R >> ")
    objects[3] = _stream(b"BT /F1 12 Tf 72 700 Td (fan out) Tj ET /X0 Do")
    for k in range(depth):
        body = b" ".join([b"/X Do"] * fan) if k < depth - 1 else b"BT /F1 1 Tf (x) Tj ET"
        resources = b"/Resources << /XObject << /X %d 0 R >> /Font << /F1 5 0 R >> >> " % (6 + k + 1)
        objects.append(_stream(body, b"/Type /XObject /Subtype /Form /BBox [0 0 10 10] " + resources))
    return raw_pdf(objects)


def nested_arrays_pdf(depth: int = 100_000) -> bytes:
    """A page whose content stream holds `depth` nested arrays (the parser's recursion trap)."""
    objects = _one_page(b"4 0 R")
    objects[3] = _stream(b"BT /F1 12 Tf 72 700 Td (nested) Tj " + b"[" * depth + b"]" * depth + b" TJ ET")
    return raw_pdf(objects)


def page_tree_loop_pdf() -> bytes:
    """A page tree whose Kids point back at their parents and whose /Count claims a billion pages."""
    objects = _one_page(b"4 0 R", pages_attrs=b"")
    objects[1] = b"<< /Type /Pages /Kids [3 0 R 2 0 R 6 0 R] /Count 999999999 >>"
    objects[3] = _stream(b"BT /F1 12 Tf 72 700 Td (page tree loops back on itself) Tj ET")
    objects.append(b"<< /Type /Pages /Kids [2 0 R 6 0 R] /Parent 2 0 R /Count 999999999 >>")
    return raw_pdf(objects)


def _deflate_blocks(block_mib: int = 1) -> tuple[bytes, bytes, bytes]:
    """(first block, every later block, end) of a raw deflate stream of zero bytes.

    A full flush after each block resets the compressor, so every block after the first
    compresses to the same bytes: gigabytes of zeros are written without compressing them.
    """
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    zeros = bytes(block_mib * MIB)
    first = compressor.compress(zeros) + compressor.flush(zlib.Z_FULL_FLUSH)
    later = compressor.compress(zeros) + compressor.flush(zlib.Z_FULL_FLUSH)
    return first, later, zlib.compressobj(9, zlib.DEFLATED, -15).flush()


def flate_bomb_pdf(inflated_mib: int = 1024) -> bytes:
    """A ~1 MB PDF whose second content stream inflates to `inflated_mib` MiB of zeros."""
    first, later, end = _deflate_blocks()
    adler = 1
    zeros = bytes(MIB)
    for _ in range(inflated_mib):
        adler = zlib.adler32(zeros, adler)
    body = b"\x78\xda" + first + later * (inflated_mib - 1) + end + adler.to_bytes(4, "big")
    objects = _one_page(b"[4 0 R 6 0 R]", extra=[_stream(body, b"/Filter /FlateDecode ")])
    objects[3] = _stream(b"BT /F1 12 Tf 72 700 Td (a flate bomb follows) Tj ET")
    return raw_pdf(objects)


def garbage_pdf(size: int = 20_000, seed: int = 8) -> bytes:
    """A PDF header followed by random bytes."""
    import random

    return b"%PDF-1.7\n" + random.Random(seed).randbytes(size)


def truncated(data: bytes, keep: float = 0.5) -> bytes:
    """The first `keep` share of a file, as a download cut off half way leaves it."""
    return data[: int(len(data) * keep)]


class _RepeatingDeflate:
    """Stands in for zipfile's compressor: returns the precomputed deflate block per 1 MiB written."""

    def __init__(self):
        self.first, self.later, self.end = _deflate_blocks()
        self.started = False

    def compress(self, data: bytes) -> bytes:
        if len(data) != MIB or data.count(0) != MIB:
            raise ValueError("write whole MiB blocks of zeros")
        block = self.later if self.started else self.first
        self.started = True
        return block

    def flush(self) -> bytes:
        return self.end


def write_zip_bomb(path: str | os.PathLike, inflated_mib: int = 2048) -> Path:
    """A few-MB .docx whose word/document.xml inflates to `inflated_mib` MiB of zeros.

    zipfile writes the member as a stream (headers, zip64 sizes, CRC of every byte), so the
    archive is honest: its declared sizes are what inflating really gives.
    """
    path = Path(path)
    zeros = bytes(MIB)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES)
        zf.writestr("_rels/.rels", _RELS)
        with zf.open("word/document.xml", "w", force_zip64=True) as member:
            member._compressor = _RepeatingDeflate()
            for _ in range(inflated_mib):
                member.write(zeros)
    return path


_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)
_DOCUMENT = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>"
)


def write_docx_without(path: str | os.PathLike, missing: str, text: str = "a docx with a part missing") -> Path:
    """A minimal .docx lacking one of its parts: "word/document.xml" or "[Content_Types].xml"."""
    path = Path(path)
    parts = {
        "[Content_Types].xml": _CONTENT_TYPES,
        "_rels/.rels": _RELS,
        "word/document.xml": _DOCUMENT.format(text=text),
    }
    if missing not in parts:
        raise ValueError(f"unknown part {missing!r}")
    del parts[missing]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return path


def write_sparse(path: str | os.PathLike, size: int) -> Path:
    """A file of `size` bytes that takes no disk space (a hole), for the size limit."""
    path = Path(path)
    with open(path, "wb") as fh:
        fh.truncate(size)
    return path


def write_all(folder: str | os.PathLike) -> Path:
    """A folder with one of each hostile file beside two good ones, for a look by hand."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "good.pdf").write_bytes(text_pdf("a good file that must still be indexed"))
    (folder / "truncated.pdf").write_bytes(truncated(text_pdf() * 1, 0.5))
    (folder / "garbage.pdf").write_bytes(garbage_pdf())
    (folder / "nested.pdf").write_bytes(nested_arrays_pdf())
    (folder / "fanout.pdf").write_bytes(fanout_pdf())
    (folder / "page-tree-loop.pdf").write_bytes(page_tree_loop_pdf())
    write_zip_bomb(folder / "zip-bomb.docx")
    write_docx_without(folder / "no-document.docx", "word/document.xml")
    write_docx_without(folder / "no-content-types.docx", "[Content_Types].xml")
    (folder / "empty.pdf").write_bytes(b"")
    write_sparse(folder / "huge.pdf", 2 * 1024 * MIB)
    return folder
