"""pdfminer.six against pypdfium2: speed, and how good the text is, on the benchmark's PDFs.

    python bench/pdf_engines.py [--files 300]

Three sets: the corpus PDFs (bench/fastpdf.py), PDFs made by fpdf2 through docgen.write_pdf
(another producer, same text), and the example folder's PDFs. For the first two the true text
is known, so each engine is scored on it: word recall (every word of the source, diacritics
included, found in the extraction), reading order (difflib ratio of the two word sequences)
and NFC. Both engines go through the same clean-up as `extract` (line endings, strip).
"""

from __future__ import annotations

import argparse
import collections
import difflib
import re
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import docgen
from bench.corpus import ensure_corpus, render_bytes
from indexer.extract import _read_pdf_pdfium, _read_pdf_pdfminer

_WORD = re.compile(r"\w+")
REPO = Path(__file__).resolve().parent.parent


def score(truth: list[str], pages: list[str]) -> dict:
    """Word recall, reading-order similarity and NFC of an extraction against the true lines."""
    want = _WORD.findall(" ".join(truth))
    got = _WORD.findall(" ".join(pages))
    found = sum((collections.Counter(want) & collections.Counter(got)).values())
    order = difflib.SequenceMatcher(None, want, got, autojunk=False).ratio() if want else 1.0
    nfc = all(unicodedata.is_normalized("NFC", p) for p in pages)
    return {"recall": found / len(want) if want else 1.0, "order": order, "nfc": nfc}


def measure(items: list[tuple[Path, list[str] | None]]) -> dict:
    out = {}
    for name, reader in (("pdfminer.six", _read_pdf_pdfminer), ("pypdfium2", _read_pdf_pdfium)):
        pages_total, seconds, scores = 0, 0.0, []
        texts = {}
        for path, truth in items:
            started = time.perf_counter()
            pages, _legacy = reader(path)
            seconds += time.perf_counter() - started
            pages_total += len(pages)
            texts[path] = pages
            if truth is not None:
                scores.append(score(truth, pages))
        out[name] = {
            "files": len(items),
            "pages": pages_total,
            "ms_per_page": round(seconds / max(1, pages_total) * 1000, 2),
            "recall": round(sum(s["recall"] for s in scores) / len(scores), 4) if scores else None,
            "order": round(sum(s["order"] for s in scores) / len(scores), 4) if scores else None,
            "nfc": all(s["nfc"] for s in scores) if scores else None,
            "_texts": texts,
        }
    # The two engines against each other (for files without a known text).
    a, b = out["pdfminer.six"].pop("_texts"), out["pypdfium2"].pop("_texts")
    agree = [score(a[p], b[p])["recall"] for p, _ in items]
    out["same_words"] = round(sum(agree) / max(1, len(agree)), 4)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=300, help="corpus size to draw the PDFs from")
    args = parser.parse_args(argv)
    corpus = ensure_corpus(args.files)
    sets: dict[str, list[tuple[Path, list[str] | None]]] = {}
    sets["corpus (fastpdf)"] = [(corpus.root / s.path, render_bytes(s)[1]) for s in corpus.files if s.kind == "pdf"]
    with tempfile.TemporaryDirectory() as tmp:
        fpdf_items = []
        for spec in [s for s in corpus.files if s.kind == "pdf"][:40]:
            _, lines = render_bytes(spec)
            (left, right), rest = docgen.split_header(lines)
            chunks = [rest[i : i + 5] for i in range(0, len(rest), 5)]
            path = docgen.write_pdf(Path(tmp) / f"{spec.index}.pdf", chunks, header_table=(left, right))
            fpdf_items.append((path, lines))
        sets["docgen.write_pdf (fpdf2)"] = fpdf_items
        sets["examples/evidence"] = [(p, None) for p in sorted((REPO / "examples" / "evidence").rglob("*.pdf"))]
        print("| PDFs | engine | pages | ms/page | word recall | reading order | NFC | same words as the other |")
        print("|---|---|---|---|---|---|---|---|")
        for label, items in sets.items():
            result = measure(items)
            for engine in ("pdfminer.six", "pypdfium2"):
                r = result[engine]
                print(f"| {label} | {engine} | {r['pages']} | {r['ms_per_page']} | {r['recall']} | {r['order']} | {r['nfc']} | {result['same_words']} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
