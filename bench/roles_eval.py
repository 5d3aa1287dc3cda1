"""Actor and target spans on the internal test split of the role-tagged news (issue 10).

    .venv/bin/python bench/roles_eval.py                 # internal test split
    .venv/bin/python bench/roles_eval.py --split validation --show 20

Each sentence of `../shared/data/train/roles-conflibert.jsonl` in the split (see
`pactwatch.training`) is joined back into text and extracted as a document of its
own; the record with the highest confidence stands for the sentence. Its actors
are compared with the tagged source span (S), its recipients with the target span
(T); a reciprocal span (R) is both. A predicted participant matches a gold span of
its role when their words overlap; span precision, recall and F1 per role, micro
over the split. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import json

from pactwatch.extract import extract_documents
from pactwatch.records import Document
from pactwatch.training import TaggedSentence, tagged_sentences


def spans(tags: tuple[str, ...], role: str, *, only: str = "") -> list[set[int]]:
    out: list[set[int]] = []
    current: set[int] | None = None
    for i, tag in enumerate(tags):
        kind = tag[2:] if len(tag) > 2 else ""
        wanted = (kind == only) if only else kind in (role, "R")
        if tag.startswith("B-") and wanted:
            current = {i}
            out.append(current)
        elif tag.startswith("I-") and wanted and current is not None:
            current.add(i)
        else:
            current = None
    return out


# the tagged data comes tokenised ("Mr . Erdogan", "Saudi Arabia ’ s"); a reader sees
# news text, so the tokens are joined as they were written before being extracted
_NO_SPACE_BEFORE = frozenset(
    {".", ",", ":", ";", "?", "!", "%", ")", "]", "'s", "’s", "'", "’", "n't", "-"}
)
_NO_SPACE_AFTER = frozenset({"(", "[", "$", "-"})


def text_and_offsets(
    row: TaggedSentence, *, as_tokens: bool = False
) -> tuple[str, list[tuple[int, int]]]:
    parts: list[str] = []
    offsets = []
    pos = 0
    for i, tok in enumerate(row.tokens):
        prev = row.tokens[i - 1] if i else ""
        glued = (
            tok in _NO_SPACE_BEFORE
            or prev in _NO_SPACE_AFTER
            or (tok == "s" and prev in ("'", "’"))
        )
        if parts and (as_tokens or not glued):
            parts.append(" ")
            pos += 1
        offsets.append((pos, pos + len(tok)))
        parts.append(tok)
        pos += len(tok)
    return "".join(parts), offsets


def tokens_of(text: str, offsets: list[tuple[int, int]], surface: str) -> set[int]:
    at = text.find(surface) if surface else -1
    if at < 0:
        return set()
    end = at + len(surface)
    return {i for i, (s, e) in enumerate(offsets) if s < end and at < e}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--split", default="test", choices=["train", "validation", "test"])
    parser.add_argument("--show", type=int, default=0)
    parser.add_argument("--json", action="store_true")
    parser.add_argument(
        "--as-tokens", action="store_true", help="extract the tokens joined by spaces, as tagged"
    )
    args = parser.parse_args()
    rows = tagged_sentences(args.split)
    prepared = [text_and_offsets(r, as_tokens=args.as_tokens) for r in rows]
    docs = [Document(id=r.id, text=t) for r, (t, _) in zip(rows, prepared, strict=True)]
    counts = {role: {"tp": 0, "pred": 0, "gold": 0, "either": 0} for role in ("S", "T")}
    shown = 0
    for row, (text, offsets), (_doc, events) in zip(
        rows, prepared, extract_documents(docs), strict=True
    ):
        top = max(events, key=lambda e: e.confidence) if events else None
        for role, entities in (
            ("S", top.actor if top else []),
            ("T", top.recipient if top else []),
        ):
            gold = spans(row.tags, role)
            pred = [tokens_of(text, offsets, e.text) for e in entities]
            pred = [p for p in pred if p]
            matched = sum(1 for g in gold if any(g & p for p in pred))
            counts[role]["tp"] += matched
            # event-record.md puts every side of a reciprocal event ("India and Pakistan
            # agreed to a ceasefire") among the actors: a reciprocal span (R) matched by a
            # participant of the other role is right by the spec, wrong by the tags
            everyone = (
                [tokens_of(text, offsets, e.text) for e in (top.actor + top.recipient)]
                if top
                else []
            )
            counts[role]["either"] += sum(
                1
                for g in spans(row.tags, role, only="R")
                if not any(g & p for p in pred) and any(g & p for p in everyone)
            )
            counts[role]["pred"] += len(pred)
            counts[role]["gold"] += len(gold)
            if args.show and shown < args.show and matched < len(gold):
                shown += 1
                want = [" ".join(row.tokens[i] for i in sorted(g)) for g in gold]
                print(f"- {role} gold {want}, got {[e.text for e in entities]}: {text[:120]}")
    result = {}
    print(f"{args.split} split: {len(rows)} sentences")
    for role, name in (("S", "actor (source)"), ("T", "recipient (target)")):
        c = counts[role]
        p = c["tp"] / c["pred"] if c["pred"] else 0.0
        r = c["tp"] / c["gold"] if c["gold"] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        result[name] = {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}
        print(f"  {name:20} span P {p:.3f}  R {r:.3f}  F1 {f:.3f}  ({c['gold']} gold spans)")
        re_ = (c["tp"] + c["either"]) / c["gold"] if c["gold"] else 0.0
        pe = (c["tp"] + c["either"]) / (c["pred"] + c["either"]) if c["pred"] else 0.0
        fe = 2 * pe * re_ / (pe + re_) if pe + re_ else 0.0
        result[name]["f1_reciprocal_either"] = round(fe, 4)
        print(
            f"  {'':20} F1 {fe:.3f} counting a reciprocal span matched by either role "
            f"({c['either']} such)"
        )
    if args.json:
        print(json.dumps({"split": args.split, "sentences": len(rows), **result}))


if __name__ == "__main__":
    main()
