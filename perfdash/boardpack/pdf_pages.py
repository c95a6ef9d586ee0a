"""Parts of a PDF laid out apart, then joined and numbered: WeasyPrint lays out one document on
one core, so the board pack's parts (perfdash.boardpack.pdf.part_documents) can be laid out side by
side and joined here. Page numbers need the whole, so they come last: a document of as many empty
pages, each with only its "Page n of N" footer, laid out by the same CSS, is stamped onto the pages."""
from __future__ import annotations

import io


def layout(document: str) -> bytes:
    """One HTML document as PDF bytes."""
    from weasyprint import HTML  # imported here: it loads Pango, which only the pack needs

    return HTML(string=document).write_pdf()


def page_count(part: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(part)).pages)


def joined_and_numbered(parts: list[bytes], numbers: bytes) -> bytes:
    """The parts' pages in order, with their bookmarks and the first part's title, each page
    stamped with its page of `numbers`, a PDF of as many pages holding only their numbers."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for part in parts:
        writer.append(PdfReader(io.BytesIO(part)))
    first = PdfReader(io.BytesIO(parts[0]))
    if first.metadata:
        writer.add_metadata({key: value for key, value in first.metadata.items()})
    stamps = PdfReader(io.BytesIO(numbers))
    if len(stamps.pages) != len(writer.pages):
        raise ValueError(f"{len(stamps.pages)} page numbers for {len(writer.pages)} pages")
    for page, stamp in zip(writer.pages, stamps.pages):
        page.merge_page(stamp)
        page.compress_content_streams()  # merging writes the page's content out uncompressed
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
