"""Scoring extracted records against a gold file (format: event-record.md, "Gold files").

The matching rules are those of ../shared/tools/score_events.py, so both agree
to the digit: a record matches a gold event when the type is the same, its
evidence span overlaps a quote, and its participants share a code.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pactwatch.errors import InputRejected, UsageError
from pactwatch.extract._calendar import interval

SYMMETRIC = {"CONSULT", "COOPERATE", "ASSAULT", "AGREE"}


def _interval(value: Any) -> tuple[dt.date, dt.date] | None:
    """'2022', '2022-09' or '2022-09-14' → (first day, last day), as the shared scorer reads them."""
    return interval(str(value)[:10]) if value else None


def date_correct(pred_date: Any, gold_window: Any) -> bool:
    """A predicted start date is right when at least half of it lies in the gold window."""
    if gold_window is None:
        return pred_date is None
    pred = _interval(pred_date)
    lo_iv, hi_iv = _interval(gold_window[0]), _interval(gold_window[1])
    if pred is None or lo_iv is None or hi_iv is None:
        return False
    lo, hi = lo_iv[0], hi_iv[1]
    overlap = (min(pred[1], hi) - max(pred[0], lo)).days + 1
    return overlap * 2 >= (pred[1] - pred[0]).days + 1


def _codes(entities: Iterable[Any] | None) -> set[str]:
    out: set[str] = set()
    for e in entities or []:
        code = e if isinstance(e, str) else (e or {}).get("code")
        if code:
            out.add(code)
    return out


def _overlap(gold: set[str], pred: set[str]) -> bool:
    if gold & pred:
        return True
    return "IGO" in gold and any(
        len(c) != 3 or not c.isupper() or c in {"NATO", "CSTO", "EAEU"} for c in pred
    )


def _participants_match(g: dict[str, Any], p: dict[str, Any]) -> bool:
    gold = set(g.get("actor") or []) | set(g.get("recipient") or [])
    if not gold:
        return True
    return _overlap(gold, _codes(p.get("actor")) | _codes(p.get("recipient")))


def _roles_correct(g: dict[str, Any], p: dict[str, Any]) -> bool:
    ga, gr = set(g.get("actor") or []), set(g.get("recipient") or [])
    pa, pr = _codes(p.get("actor")), _codes(p.get("recipient"))
    if g["event"] in SYMMETRIC:
        return _overlap(ga | gr, pa | pr) and (not (ga | gr) or (ga | gr) <= (pa | pr) | {"IGO"})
    return (not ga or _overlap(ga, pa)) and (not gr or _overlap(gr, pr))


def _factuality(aux: Any) -> tuple[str, ...]:
    return tuple(sorted(set(aux or []) - {"historical"}))


@dataclass
class Score:
    documents: int = 0
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    duplicates: int = 0
    optional_matched: int = 0
    fields: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    errors: list[tuple[Any, ...]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        d = self.true_positives + self.false_positives
        return self.true_positives / d if d else 0.0

    @property
    def recall(self) -> float:
        d = self.true_positives + self.false_negatives
        return self.true_positives / d if d else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "true_positives": self.true_positives,
            "false_positives": self.false_positives,
            "false_negatives": self.false_negatives,
            "duplicates": self.duplicates,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "fields": {
                k: {
                    "correct": v[0],
                    "of": v[1],
                    "accuracy": round(v[0] / v[1], 4) if v[1] else None,
                }
                for k, v in self.fields.items()
            },
            "optional_matched": self.optional_matched,
        }


def score(gold_docs: list[dict[str, Any]], preds: list[dict[str, Any]]) -> Score:
    by_doc: dict[Any, list[dict[str, Any]]] = defaultdict(list)
    for p in preds:
        by_doc[(p.get("text_info") or {}).get("doc_id")].append(p)
    result = Score(documents=len(gold_docs))
    f = result.fields
    for doc in gold_docs:
        text = doc["text"]
        gold = []
        for g in doc["events"]:
            spans = []
            for q in g["quotes"]:
                i = text.find(q)
                if i < 0:
                    raise InputRejected(
                        str(doc.get("doc_id")), f"gold quote not found in its document: {q[:60]!r}"
                    )
                spans.append((i, i + len(q)))
            gold.append(dict(g, _spans=spans))
        matched: dict[str, dict[str, Any]] = {}
        ranked = sorted(
            by_doc.get(doc["doc_id"], []), key=lambda r: -float(r.get("confidence") or 0)
        )
        for p in ranked:
            ti = p.get("text_info") or {}
            ps, pe = ti.get("start", -1), ti.get("end", -1)
            cands = [
                g for g in gold
                if g["event"] == p.get("event") and _participants_match(g, p)
                and any(ps < e and s < pe for s, e in g["_spans"])
            ]  # fmt: skip
            cands.sort(
                key=lambda g: (
                    g["gid"] in matched,
                    bool(g.get("optional")),
                    not _roles_correct(g, p),
                )
            )
            hit = cands[0] if cands else None
            quote = text[max(ps, 0) : pe][:160]
            if hit is None:
                result.false_positives += 1
                result.errors.append(
                    (
                        "FP",
                        doc["doc_id"],
                        p.get("event"),
                        sorted(_codes(p.get("actor"))),
                        sorted(_codes(p.get("recipient"))),
                        quote,
                    )
                )
            elif hit["gid"] in matched:
                result.duplicates += 1
            else:
                matched[hit["gid"]] = p
                if hit.get("optional"):
                    result.optional_matched += 1
                else:
                    result.true_positives += 1
                roles_right = _roles_correct(hit, p)
                f["actor roles"][0] += roles_right
                f["actor roles"][1] += 1
                date_right = date_correct(p.get("date"), hit.get("date"))
                f["date"][0] += date_right
                f["date"][1] += 1
                # a matched record whose date or parties are wrong: listed with the misses,
                # predicted then gold, so field errors can be read as well as counted
                if not date_right:
                    result.errors.append(
                        (
                            "DATE",
                            doc["doc_id"],
                            p.get("event"),
                            p.get("date"),
                            hit.get("date"),
                            quote,
                        )
                    )
                if not roles_right:
                    result.errors.append(
                        (
                            "ROLES",
                            doc["doc_id"],
                            p.get("event"),
                            f"{sorted(_codes(p.get('actor')))} -> {sorted(_codes(p.get('recipient')))}",
                            f"{sorted(hit.get('actor') or [])} -> {sorted(hit.get('recipient') or [])}",
                            quote,
                        )
                    )
                f["factuality (aux)"][0] += _factuality(p.get("aux")) == _factuality(hit.get("aux"))
                f["factuality (aux)"][1] += 1
                if hit.get("loc"):
                    f["location country"][0] += (p.get("event_loc") or {}).get(
                        "country_code"
                    ) == hit["loc"]
                    f["location country"][1] += 1
        for g in gold:
            if g["gid"] not in matched and not g.get("optional"):
                result.false_negatives += 1
                result.errors.append(
                    (
                        "FN",
                        doc["doc_id"],
                        g["event"],
                        g.get("actor"),
                        g.get("recipient"),
                        g["quotes"][0][:160],
                    )
                )
    return result


def read_jsonl(path: str | Path) -> list[dict[str, Any]]:
    p = Path(path)
    if not p.is_file():
        raise UsageError(f"{p}: no such file", fix="give the path of a JSON Lines file")
    out = []
    with p.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise UsageError(
                    f"{p}:{n}: not JSON ({exc.msg})", fix="one JSON object per line"
                ) from None
    return out


def format_score(result: Score, *, show_errors: bool = False) -> str:
    d = result.to_dict()
    lines = [
        f"documents {d['documents']}  gold-matched {d['true_positives']}  false-positives {d['false_positives']}  "
        f"missed {d['false_negatives']}  duplicates {d['duplicates']}  optional-matched {d['optional_matched']}"
    ]
    for name, fd in d["fields"].items():
        lines.append(f"  {name:<18} {fd['correct']}/{fd['of']}  {fd['accuracy']}")
    if show_errors:
        lines.extend("  " + "  ".join(str(x) for x in e) for e in result.errors)
    lines.append(f"precision {d['precision']:.3f}  recall {d['recall']:.3f}  f1 {d['f1']:.3f}")
    return "\n".join(lines)


def macro_f1(gold: list[str], pred: list[str | None], labels: Iterable[str]) -> float:
    """Macro-averaged F1 over `labels`; a prediction outside them (or None) is simply wrong."""
    f1s = []
    for label in labels:
        tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == label and p == label)
        fp = sum(1 for g, p in zip(gold, pred, strict=True) if g != label and p == label)
        fn = sum(1 for g, p in zip(gold, pred, strict=True) if g == label and p != label)
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(f1s) / len(f1s) if f1s else 0.0
