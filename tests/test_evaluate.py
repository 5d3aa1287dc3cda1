"""The scorer's error list: misses, false positives, and matched records whose date or
parties are wrong (`pactwatch evaluate --show-errors`)."""

from __future__ import annotations

from typing import Any

from pactwatch.evaluate import format_score, score

TEXT = (
    "Tajik troops shelled the Kyrgyz village of Ak-Sai on Thursday. "
    "Russia criticised Yerevan on Wednesday."
)
GOLD = [
    {
        "doc_id": "d",
        "text": TEXT,
        "events": [
            {
                "gid": "g1",
                "event": "ASSAULT",
                "actor": ["TJK"],
                "recipient": ["KGZ"],
                "date": ["2022-10-13", "2022-10-13"],
                "aux": [],
                "quotes": ["Tajik troops shelled the Kyrgyz village of Ak-Sai on Thursday."],
            },
            {
                "gid": "g2",
                "event": "ACCUSE",
                "actor": ["RUS"],
                "recipient": ["ARM"],
                "date": ["2022-10-12", "2022-10-12"],
                "aux": [],
                "quotes": ["Russia criticised Yerevan on Wednesday."],
            },
        ],
    }
]


def record(event: str, start: int, end: int, actor: str, recipient: str, date: str) -> Any:
    return {
        "event": event,
        "actor": [{"code": actor}],
        "recipient": [{"code": recipient}],
        "date": date,
        "aux": [],
        "confidence": 0.9,
        "text_info": {"doc_id": "d", "start": start, "end": end},
    }


def predictions(shelled_on: str, accused: str) -> list[Any]:
    """The shelling on a given day, and the accusation of a given state."""
    cut = TEXT.index("Russia")
    return [
        record("ASSAULT", 0, cut - 1, "TJK", "KGZ", shelled_on),
        record("ACCUSE", cut, len(TEXT), "RUS", accused, "2022-10-12"),
    ]


def test_field_errors_are_listed_predicted_then_gold() -> None:
    # right type and parties a day out; right type and day, the wrong one accused
    result = score(GOLD, predictions("2022-10-14", "AZE"))
    assert result.true_positives == 2 and result.false_positives == 0
    kinds = [(e[0], e[2]) for e in result.errors]
    assert kinds == [("DATE", "ASSAULT"), ("ROLES", "ACCUSE")]
    date_line = result.errors[0]
    assert date_line[3] == "2022-10-14" and date_line[4] == ["2022-10-13", "2022-10-13"]
    assert result.errors[1][3:5] == ("['RUS'] -> ['AZE']", "['RUS'] -> ['ARM']")
    shown = format_score(result, show_errors=True)
    assert "DATE  d  ASSAULT  2022-10-14" in shown and "ROLES  d  ACCUSE" in shown
    # the figures are unchanged by the listing, and it is printed only when asked
    assert result.fields["date"] == [1, 2] and result.fields["actor roles"] == [1, 2]
    assert "DATE" not in format_score(result)


def test_a_right_record_lists_nothing() -> None:
    result = score(GOLD, predictions("2022-10-13", "ARM"))
    assert result.errors == [] and result.f1 == 1.0
