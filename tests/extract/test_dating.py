"""Which date an event gets: clause attachment, story-relative phrases, headlines.

Each case is a short document run through the whole pipeline; each assertion
fails when the rule it names is removed (a relative clause's date taken for
the event, "the same day" left unresolved, a headline left undated...).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from pactwatch.extract import extract_documents
from pactwatch.extract._anaphora import anaphoric_dates, shift
from pactwatch.extract.text import headline_end
from pactwatch.records import Document

TEXTS: dict[str, tuple[str, str]] = {
    "relcl": (
        "2014-03-21",
        "Brussels cancelled an EU-Russia summit that had been planned for June.",
    ),
    "until": (
        "2024-03-08",
        "Turkey held up Sweden's accession for over a year, until its parliament approved "
        "the protocol on January 23.",
    ),
    "when": (
        "2024-06-13",
        "Relations soured after September 2022, when Armenia asked the alliance for help.",
    ),
    "interval": (
        "2020-09-14",
        "The ship's deployment on August 10 came four days after Greece and Egypt signed "
        "an agreement delimiting their maritime zones.",
    ),
    "same-day": (
        "2021-11-16",
        "Poland sent troops to the border on Monday. The same day, Angela Merkel telephoned "
        "Alexander Lukashenko.",
    ),
    "headline": (
        "2023-07-31",
        "ECOWAS threatens force over Niger coup\n\nABUJA, July 31 - West African leaders on Sunday imposed "
        "sanctions on Niger at an emergency summit in Abuja.",
    ),
    "told": (
        "2024-06-13",
        "Armenia will quit the Collective Security Treaty Organization, Prime Minister "
        "Nikol Pashinyan told parliament on Wednesday.",
    ),
    "accusation": (
        "2022-09-15",
        "Armenia said Azerbaijani forces shelled the town of Jermuk on Tuesday.",
    ),
}


@pytest.fixture(scope="module")
def records() -> dict[str, list[dict[str, Any]]]:
    docs = [Document(id=k, text=t, report_date=rd) for k, (rd, t) in TEXTS.items()]
    return {d.id: [e.to_dict() for e in events] for d, events in extract_documents(docs)}


def one(records: dict[str, list[dict[str, Any]]], doc: str, event: str) -> dict[str, Any]:
    found = [r for r in records[doc] if r["event"] == event]
    assert found, f"no {event} in {doc}: {[r['event'] for r in records[doc]]}"
    return found[0]


def test_a_relative_clause_dates_its_own_noun_not_the_event(records: Any) -> None:
    assert one(records, "relcl", "REJECT")["date"] is None


def test_an_until_clause_ends_the_event_rather_than_dating_it(records: Any) -> None:
    assert all(r["date"] != "2024-01-23" for r in records["until"] if r["event"] != "AGREE")


def test_a_when_clause_takes_its_date(records: Any) -> None:
    assert one(records, "when", "REQUEST")["date"] == "2022-09"


def test_an_interval_counts_back_from_the_clause_above(records: Any) -> None:
    record = one(records, "interval", "AGREE")
    assert record["date"] == "2020-08-06"
    assert "four days after" in record["reasons"]["date"]


def test_the_same_day_is_the_day_of_the_event_told_before(records: Any) -> None:
    assert one(records, "same-day", "CONSULT")["date"] == "2021-11-15"


def test_a_headline_is_dated_by_its_lead(records: Any) -> None:
    headline = [r for r in records["headline"] if r["text_info"]["start"] == 0]
    assert headline and headline[0]["date"] == "2023-07-30"
    assert "headline" in headline[0]["reasons"]["date"]


def test_a_clause_of_saying_dates_the_saying(records: Any) -> None:
    record = one(records, "told", "SANCTION")
    assert record["date"] is None and record["aux"] == ["future"]


def test_an_accusation_is_not_dated_by_the_deed_it_reports(records: Any) -> None:
    assert one(records, "accusation", "ASSAULT")["date"] == "2022-09-13"
    assert one(records, "accusation", "ACCUSE")["date"] is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The same day, X happened.", "2023-03-20"),
        ("Hours later the army replied.", "2023-03-20"),
        ("Three days later it ended.", "2023-03-23"),
        ("A week earlier they met.", "2023-03-13"),
        ("The next day they left.", "2023-03-21"),
        ("They voted on the Friday before that.", "2023-03-17"),
        ("They met again the following Monday.", "2023-03-27"),
    ],
)
def test_story_relative_phrases(text: str, expected: str) -> None:
    found = anaphoric_dates(text, "2023-03-20")  # a Monday
    assert [d.date for d in found] == [expected]


def test_story_relative_phrases_need_an_anchor() -> None:
    assert anaphoric_dates("The same day, X happened.", None) == []
    assert anaphoric_dates("The same day, X happened.", "2023-03") == []


def test_shift_keeps_the_units_precision() -> None:
    assert shift("2024-03-07", -22, "months") == ("2022-05", "month")
    assert shift("2024-03-07", -2, "weeks") == ((dt.date(2024, 2, 22)).isoformat(), "day")
    assert shift("2024-03", -3, "days") is None
    assert shift("2024", -1, "year") == ("2023", "year")


def _dates(text: str) -> list[tuple[str, str | None]]:
    doc = Document(id="ep", text=text, report_date="2023-07-31")
    return [(e.event, e.date) for _d, evs in extract_documents([doc]) for e in evs]


@pytest.mark.parametrize(
    ("text", "event"),
    [
        (
            "Azerbaijan closed its border with Armenia on Tuesday. "
            "Armenia recalled its ambassador from Baku.",
            "SANCTION",
        ),
        (
            "ECOWAS imposed sanctions on Niger on Sunday. The bloc also closed its borders with Niger.",
            "COERCE",
        ),
    ],
)
def test_an_undated_deed_right_after_a_dated_one_shares_its_day(text: str, event: str) -> None:
    first, *_ = [date for _e, date in _dates(text)]
    assert (event, first) in _dates(text)


@pytest.mark.parametrize(
    ("text", "event"),
    [
        # another paragraph, with no "also" to carry the episode over
        (
            "ECOWAS imposed sanctions on Niger on Sunday.\n\nThe bloc closed its borders with Niger.",
            "COERCE",
        ),
        # a statement is told out of order too often
        (
            "ECOWAS imposed sanctions on Niger on Sunday. Nigeria called on the junta to release Bazoum.",
            "REQUEST",
        ),
        # not the next sentence
        (
            "ECOWAS imposed sanctions on Niger on Sunday. Mali criticised the decision. "
            "The bloc also closed its borders with Niger.",
            "COERCE",
        ),
    ],
)
def test_an_undated_record_elsewhere_stays_undated(text: str, event: str) -> None:
    assert (event, None) in _dates(text)


def _record_dates(text: str) -> list[str | None]:
    from pactwatch.extract import extract_document
    from pactwatch.records import Document

    return [e.date for e in extract_document(Document(id="d", text=text, report_date="2022-09-15"))]


@pytest.mark.parametrize(
    "text",
    [
        "Tajik and Kyrgyz troops fought the heaviest battles since 2021 along the border.",
        # paraphrase: another superlative, the "since" on the noun
        "Azerbaijani forces shelled Armenian positions in the worst fighting since 2020.",
        # an ordinal frames it too
        "Putin made his first visit to Yerevan since 2019.",
    ],
)
def test_a_date_that_frames_a_comparison_does_not_date_the_event(text: str) -> None:
    dates = _record_dates(text)
    assert dates and not any(d and d[:4] in ("2019", "2020", "2021") for d in dates)


@pytest.mark.parametrize(
    ("text", "year"),
    [
        # near misses: a state since a date, and a superlative of time, keep the date
        ("Russia has kept troops at the base in Tajikistan since 2004.", "2004"),
        ("Armenia has refused to attend CSTO drills since 2021.", "2021"),
    ],
)
def test_a_since_date_without_a_comparison_still_record_dates(text: str, year: str) -> None:
    assert any(d and d.startswith(year) for d in _record_dates(text))


@pytest.mark.parametrize(
    ("text", "event", "day"),
    [
        (
            "BISHKEK, Oct 10 - Kyrgyzstan has cancelled the CSTO exercise it was to host, the "
            "defence ministry said.\n\nThe ministry announced the decision on Sunday.",
            "REJECT",
            "2022-10-09",
        ),
        # paraphrase: another verb of making known, another deed noun
        (
            "Kazakhstan pulled out of the joint drills with Russia. The defence ministry "
            "confirmed the move on Tuesday.",
            "RETREAT",
            "2022-10-04",
        ),
        # near miss: new drills announced name no deed told before
        (
            "Kazakhstan pulled out of the joint drills with Russia. The ministry announced "
            "new drills on Tuesday.",
            "RETREAT",
            None,
        ),
    ],
)
def test_a_deed_made_known_on_a_day_took_place_that_day(
    text: str, event: str, day: str | None
) -> None:
    from pactwatch.extract import extract_document

    evs = extract_document(Document(id="d", text=text, report_date="2022-10-10"))
    assert [e.date for e in evs if e.event == event] == [day]


def _dated(text: str, event: str) -> list[str | None]:
    from pactwatch.extract import extract_document

    evs = extract_document(Document(id="d", text=text, report_date="2022-08-16"))
    return [e.date for e in evs if e.event == event]


@pytest.mark.parametrize(
    ("text", "event", "day"),
    [
        # a reported deed takes the date of the deed it hangs on, even when the parse
        # hangs the participle on the verb of saying
        (
            "The last French soldiers crossed from Mali into Niger on Monday, the French "
            "general staff said, ending a military presence in the country.",
            "RETREAT",
            "2022-08-15",
        ),
        # paraphrase: another deed and speaker
        (
            "Russian peacekeepers left the Karabakh region on Wednesday, the Kremlin said, "
            "ending a deployment that began in 2020.",
            "RETREAT",
            "2022-08-10",
        ),
        # near miss: the telling's date hangs on the saying through an interview
        (
            "In an interview aired on Thursday, Pashinyan said Armenia had frozen its "
            "participation in the CSTO.",
            "SANCTION",
            None,
        ),
    ],
)
def test_a_reported_deed_takes_the_date_of_the_deed_it_hangs_on(
    text: str, event: str, day: str | None
) -> None:
    assert _dated(text, event) == [day]


def test_a_coordinated_deed_keeps_no_date_of_its_neighbour() -> None:
    # near miss: "finished by July 1" dates the storage, not the handing over
    text = (
        "Putin said a storage facility in Belarus would be finished by July 1 and that "
        "Russia had already handed Minsk an Iskander missile system."
    )
    assert _dated(text, "AID") == [None]


@pytest.mark.parametrize(
    ("text", "report", "event", "date"),
    [
        # "N years after X, [the present]": X is N years before the report
        (
            "Three and a half years after Saudi Arabia cut ties with Qatar, the quarrel is "
            "officially over.",
            "2021-01-07",
            "SANCTION",
            "2017-07",
        ),
        # paraphrase: whole years, another deed
        (
            "Two years after Russia sent troops into Kazakhstan, the alliance is weaker.",
            "2024-01-10",
            "AID",
            "2022",
        ),
        # near miss: told in the past, the interval counts from a time the text does not give
        (
            "Two years after Russia sent troops into Kazakhstan, the alliance was weaker.",
            "2024-01-10",
            "AID",
            None,
        ),
    ],
)
def test_an_interval_before_the_present_counts_back_from_the_report(
    text: str, report: str, event: str, date: str | None
) -> None:
    from pactwatch.extract import extract_document

    evs = extract_document(Document(id="d", text=text, report_date=report))
    assert [e.date for e in evs if e.event == event] == [date]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        # a deed told as just done takes the day of its telling
        (
            "MOSCOW/BAKU, April 18 - Russian peacekeepers have begun leaving Azerbaijan's "
            "Karabakh region, the Kremlin confirmed on Wednesday.",
            "2024-04-17",
        ),
        # paraphrase: the telling first
        ("The Kremlin said on Wednesday that Russian troops have left the region.", "2024-04-17"),
        # near miss: a deed told in the past perfect lies before the telling, at no known day
        ("The Kremlin said on Wednesday that Russian troops had left the region.", None),
    ],
)
def test_a_deed_told_as_just_done_takes_the_day_of_its_telling(text: str, date: str | None) -> None:
    from pactwatch.extract import extract_document

    evs = extract_document(Document(id="d", text=text, report_date="2024-04-18"))
    assert [e.date for e in evs if e.event == "RETREAT"] == [date]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        # "also" carries the day of the deed told just before into the next paragraph
        (
            "Saudi Arabia, the UAE, Bahrain and Egypt cut diplomatic ties with Qatar on "
            "Monday.\n\nThe four states also closed their borders with the peninsula.",
            "2017-06-05",
        ),
        # paraphrase
        (
            "Russia, Belarus and Kazakhstan signed the treaty on Monday.\n\nThe three "
            "countries also closed their borders to Ukraine.",
            "2017-06-05",
        ),
        # near miss: without "also", a new paragraph is no longer the same episode
        (
            "Russia, Belarus and Kazakhstan signed the treaty on Monday.\n\nThe three "
            "countries closed their borders to Ukraine.",
            None,
        ),
    ],
)
def test_also_carries_the_episode_into_the_next_paragraph(text: str, date: str | None) -> None:
    from pactwatch.extract import extract_document

    evs = extract_document(Document(id="d", text=text, report_date="2017-06-06"))
    assert [e.date for e in evs if e.event == "COERCE"] == [date]


@pytest.mark.parametrize(
    ("text", "date", "enddate"),
    [
        # an event that says it lasts N days ends N - 1 days after its start
        (
            "About 85 American soldiers and 175 Armenian troops began a ten-day exercise "
            "near Yerevan on Monday.",
            "2023-09-11",
            "2023-09-20",
        ),
        # paraphrase: weeks, an explicit start
        ("NATO began a two-week exercise in Estonia on May 3.", "2023-05-03", "2023-05-16"),
        # near miss: "a day of drills" says nothing of a length
        ("Russia held a day of drills with Belarus on Friday.", "2023-09-08", None),
    ],
)
def test_an_event_of_n_days_ends_n_minus_one_days_later(
    text: str, date: str, enddate: str | None
) -> None:
    from pactwatch.extract import extract_document

    evs = extract_document(Document(id="d", text=text, report_date="2023-09-11"))
    assert [(e.date, e.enddate) for e in evs if e.event == "COOPERATE"] == [(date, enddate)]


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        # a stretch of fighting ended on a day covers the days it says, up to that day
        (
            "The truce signed on Sunday ended four days of clashes between Armenia and Azerbaijan.",
            [("2022-06-09", "2022-06-12")],
        ),
        # paraphrase: weeks, "after" (it ended the day before), the day in another clause
        (
            "After two weeks of fighting between Armenia and Azerbaijan, a truce took hold "
            "on Sunday.",
            [("2022-05-29", "2022-06-11")],
        ),
        # how long is not said: no day of the ending is the fighting's
        (
            "Armenia and Azerbaijan have completed the withdrawal of troops, officials said on "
            "Sunday, ending several days of fighting between Armenia and Azerbaijan.",
            [(None, None)],
        ),
        # near miss: fighting with no length went on until the day it is told of
        (
            "The fighting between Armenian and Azerbaijani troops went on until Sunday.",
            [("2022-06-12", None)],
        ),
        # near misses: "a bout of" is no stretch of time (the rule reads time words
        # only); a stretch that begins on the day told is no stretch that ended
        (
            "Two weeks of clashes between Armenian and Azerbaijani troops began on Sunday.",
            [("2022-06-12", None)],
        ),
        (
            "The truce signed on Sunday ended a bout of clashes between Armenia and Azerbaijan.",
            [("2022-06-12", None)],
        ),
    ],
)
def test_a_stretch_of_fighting_is_dated_by_the_day_it_ended(
    text: str, dates: list[tuple[str | None, str | None]]
) -> None:
    from pactwatch.extract import extract_document

    evs = extract_document(Document(id="d", text=text, report_date="2022-06-14"))
    assert [(e.date, e.enddate) for e in evs if e.event == "ASSAULT"] == dates


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        # an event ended on a day, whose own clause says when it began, spans both
        (
            "Some 2,500 troops from Russia, Tajikistan and Uzbekistan on Tuesday wrapped up "
            "joint exercises that began last Thursday at a range in Tajikistan.",
            [("2021-08-05", "2021-08-10")],
        ),
        # paraphrase
        (
            "Russian and Tajik troops on Tuesday completed joint drills that started on August 2.",
            [("2021-08-02", "2021-08-10")],
        ),
        # near misses: begun on the day told; a clause that says when it was planned
        (
            "Russian and Tajik troops on Tuesday began joint drills that will end on August 20.",
            [("2021-08-10", None)],
        ),
        (
            "Russian and Tajik troops on Tuesday ended joint drills that were planned in May.",
            [("2021-08-10", None)],
        ),
    ],
)
def test_an_event_ended_on_a_day_spans_from_when_it_began(
    text: str, dates: list[tuple[str | None, str | None]]
) -> None:
    from pactwatch.extract import extract_document

    evs = extract_document(Document(id="d", text=text, report_date="2021-08-10"))
    assert [(e.date, e.enddate) for e in evs if e.event == "COOPERATE"] == dates


@pytest.mark.parametrize(
    ("text", "date", "aux"),
    [
        # a month or day with no year, told as done, is the last such one before the report
        ("Moldova applied for EU membership in June.", "2023-06", []),
        ("Moldova applied for EU membership on June 3.", "2023-06-03", []),
        # the story's year: "in June that year", "later that year"
        (
            "Russia invaded Ukraine in February 2022. Moldova applied for EU membership in "
            "June that year.",
            "2022-06",
            ["historical"],
        ),
        (
            "Russia invaded Ukraine in February 2022. Later that year Moldova applied for EU "
            "membership.",
            "2022",
            ["historical"],
        ),
        # near misses: a plan keeps the coming June; a year given stands
        ("Moldova will apply for EU membership in June.", "2024-06", ["future"]),
        ("Moldova applied for EU membership in June 2023.", "2023-06", []),
    ],
)
def test_a_deed_told_as_done_is_dated_before_the_report(
    text: str, date: str, aux: list[str]
) -> None:
    from pactwatch.extract import extract_document

    evs = extract_document(Document(id="d", text=text, report_date="2024-03-14"))
    assert [(e.date, e.aux) for e in evs if e.event == "REQUEST"] == [(date, aux)]


@pytest.mark.parametrize(
    ("text", "year"),
    [
        # a day given from another deed is that deed's year, even when it falls after the
        # report (a report dated a day early is no reason to move it a year back)
        (
            "Moldova expelled a Russian diplomat on Tuesday. Russia summoned Moldova's "
            "ambassador a day later.",
            "2024",
        ),
        (
            "Moldova expelled a Russian diplomat on Tuesday. Russia summoned Moldova's "
            "ambassador two days later.",
            "2024",
        ),
        # near miss: a month with no year told as done still goes back to the last one
        ("Russia summoned Moldova's ambassador in March.", "2023"),
    ],
)
def test_a_day_told_from_another_keeps_its_year(text: str, year: str) -> None:
    from pactwatch.extract import extract_document

    evs = extract_document(Document(id="d", text=text, report_date="2024-02-20"))
    [summoned] = [e for e in evs if e.event_text.startswith("summon")]
    assert summoned.date is not None and summoned.date[:4] == year


def test_a_noun_in_a_clause_told_as_done_is_dated_before_the_report() -> None:
    from pactwatch.extract import extract_document

    # the summit's "November" is in a clause told in the past: last November
    text = "In November Armenia declined to sign the declaration of the CSTO summit in Minsk."
    evs = extract_document(Document(id="d", text=text, report_date="2023-09-01"))
    assert {e.event: e.date for e in evs} == {"REJECT": "2022-11", "CONSULT": "2022-11"}
    # near miss: told as coming, the summit keeps the coming November
    text = "In November Armenia will attend the CSTO summit in Minsk."
    evs = extract_document(Document(id="d", text=text, report_date="2023-09-01"))
    assert [(e.event, e.date) for e in evs] == [("CONSULT", "2023-11")]


def test_a_date_of_what_was_invited_is_not_moved_back() -> None:
    from pactwatch.extract import extract_document

    # near miss of the rule above: June is the forum's, in the clause below the invitation
    text = "Tokayev invited Mirziyoyev to take part in the Astana International Forum in June."
    evs = extract_document(Document(id="d", text=text, report_date="2023-03-10"))
    assert [e.date for e in evs if e.event == "AGREE"] == ["2023-06"]


@pytest.mark.parametrize(
    "text",
    [
        "Four Arab states cut ties with Qatar over 'terrorism'\n\nSaudi Arabia cut ties.",
        "Pashinyan: Armenia's membership is \u201cfrozen\u201d\n\nArmenia froze it.",
    ],
)
def test_a_headline_may_end_with_a_quotation(text: str) -> None:
    assert headline_end(text) == text.index("\n")


@pytest.mark.parametrize(
    "text",
    ["He said: 'We will not go.'\n\nThe talks ended.", "Nobody came.\n\nThe talks ended."],
)
def test_a_first_line_that_ends_a_sentence_is_no_headline(text: str) -> None:
    assert headline_end(text) == 0


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        # "overnight": the night that ends on the report's day, dated by it
        (
            "Azerbaijan's defence ministry said on Friday that Armenian forces had fired on its "
            "positions overnight.",
            [("2023-11-03", None)],
        ),
        ("Russia launched an overnight drone attack on Kyiv.", [("2023-11-03", None)]),
        # near miss: no time told, no date
        ("Armenian forces fired on Azerbaijani positions.", [(None, None)]),
    ],
)
def test_overnight_is_the_night_ending_on_the_report_day(
    text: str, dates: list[tuple[str | None, str | None]]
) -> None:
    from pactwatch.extract import extract_document

    evs = extract_document(Document(id="d", text=text, report_date="2023-11-03"))
    assert [(e.date, e.enddate) for e in evs if e.event == "ASSAULT"] == dates


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        # a clause joined by "and" with a subject of its own tells another deed, at its time
        (
            "Lukashenko also asked Putin to deploy the new Oreshnik missile in Belarus, and "
            "Putin said the system could be stationed there in the second half of 2025.",
            {"REQUEST": None},
        ),
        (
            "Armenia asked Russia for help, and Russia sent troops on Tuesday.",
            {"REQUEST": None, "AID": "2024-12-03"},
        ),
        # near miss: one subject, two deeds, one day
        (
            "Putin met Erdogan and signed a deal on Monday.",
            {"CONSULT": "2024-12-02", "AGREE": "2024-12-02"},
        ),
    ],
)
def test_a_date_of_another_subjects_clause_is_not_the_deeds(
    text: str, dates: dict[str, str | None]
) -> None:
    from pactwatch.extract import extract_document

    evs = extract_document(Document(id="d", text=text, report_date="2024-12-06"))
    assert {e.event: e.date for e in evs} == dates


@pytest.mark.parametrize(
    ("text", "event", "date", "aux"),
    [
        # a date after "until" ends the deed it hangs on, not the others of its sentence
        (
            "Georgia said on Thursday it would suspend talks on joining the European Union "
            "until 2028, prompting thousands of protesters to rally outside parliament.",
            "PROTEST",
            "2024-11-28",
            [],
        ),
        (
            "Serbia said on Thursday it would extend the state of emergency until June, "
            "prompting thousands of students to rally outside parliament.",
            "PROTEST",
            "2024-11-28",
            [],
        ),
    ],
)
def test_a_date_after_until_ends_only_its_own_deed(
    text: str, event: str, date: str, aux: list[str]
) -> None:
    from pactwatch.extract import extract_document

    evs = extract_document(Document(id="d", text=text, report_date="2024-11-29"))
    assert [(e.date, e.aux) for e in evs if e.event == event] == [(date, aux)]


@pytest.mark.parametrize(
    ("text", "event", "date"),
    [
        # what an invitation points to, dated by a month with no year, is still to come
        (
            "Mirziyoyev also invited Japarov to a summit of Central Asian leaders in Tashkent "
            "in September.",
            "CONSULT",
            "2024-09",
        ),
        ("Tokayev invited Putin to the CSTO summit in Astana in November.", "CONSULT", "2024-11"),
        # near misses: the invitation itself, and a deed told as done, are past
        ("Putin invited Tokayev in September.", "AGREE", "2023-09"),
        ("Moldova applied for EU membership in June.", "REQUEST", "2023-06"),
    ],
)
def test_what_an_invitation_points_to_is_to_come(text: str, event: str, date: str) -> None:
    from pactwatch.extract import extract_document

    evs = extract_document(Document(id="d", text=text, report_date="2024-01-26"))
    assert [e.date for e in evs if e.event == event] == [date]


@pytest.mark.parametrize(
    ("text", "event", "date"),
    [
        # a participle on another noun tells that noun's time, not the deed's
        (
            "The Kazakh and Russian ministers discussed preparations for the CSTO exercises "
            "scheduled for September in Kazakhstan.",
            "CONSULT",
            None,
        ),
        (
            "Kazakhstan will receive modern weapons from Russia under the agreement signed "
            "last year.",
            "AID",
            None,
        ),
        # near misses: the event's own participle keeps its clause's date; a noun that is
        # the deed's occasion tells its time; the parse's participle that is the
        # sentence's own verb dates what hangs on it
        (
            "Negotiations over a ceasefire brokered by Egypt and Qatar resumed in Cairo on "
            "Saturday.",
            "CONSULT",
            "2024-04-13",
        ),
        (
            "In an interview published earlier this month, Pashinyan accused the CSTO of "
            "failing Armenia.",
            "ACCUSE",
            "2024-04-01",
        ),
        (
            "Relations soured after September 2022, when Armenia asked the alliance for help.",
            "REQUEST",
            "2022-09",
        ),
    ],
)
def test_a_participles_date_is_its_nouns(text: str, event: str, date: str | None) -> None:
    from pactwatch.extract import extract_document

    evs = extract_document(Document(id="d", text=text, report_date="2024-04-18"))
    assert [e.date for e in evs if e.event == event][:1] == [date]


@pytest.mark.parametrize(
    ("text", "event", "date"),
    [
        # "also" tells one more deed of the episode, even an agreement or a meeting
        (
            "Mirziyoyev and Japarov opened a new border crossing on Friday. The presidents "
            "also agreed to build a railway.",
            "AGREE",
            "2024-04-12",
        ),
        (
            "Zhaksylykov and Shoigu signed an air defence agreement in Moscow on Wednesday. "
            "The ministers also discussed regional security with Belarusian officials.",
            "CONSULT",
            "2024-04-17",
        ),
        # near miss: without "also", an agreement told next is not dated by the deed before
        (
            "Mirziyoyev and Japarov opened a new border crossing on Friday. The presidents "
            "agreed to build a railway.",
            "AGREE",
            None,
        ),
    ],
)
def test_also_carries_the_episodes_day_to_meetings_and_agreements(
    text: str, event: str, date: str | None
) -> None:
    from pactwatch.extract import extract_document

    evs = extract_document(Document(id="d", text=text, report_date="2024-04-18"))
    assert [e.date for e in evs if e.event == event] == [date]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        # the parse hangs "after" on "day", not on the clause it opens
        (
            "The first units of a peacekeeping force arrived in Kazakhstan on Thursday, a day"
            " after President Kassym-Jomart Tokayev asked the CSTO for help.",
            "2022-01-05",
        ),
        # paraphrase: another deed and day, the same parse
        (
            "The first planes of the Russian air force landed in Almaty on Friday, a day after"
            " President Kassym-Jomart Tokayev asked Moscow for help.",
            "2022-01-06",
        ),
        # near miss: "after" with no interval leaves the request on the arrival's day
        (
            "Russian troops arrived in Kazakhstan on Thursday, after President Tokayev asked"
            " the CSTO for help.",
            "2022-01-06",
        ),
    ],
)
def test_an_interval_after_which_a_deed_came_dates_the_clause_it_opens(
    text: str, date: str
) -> None:
    """ "a day after Tokayev asked": the request was dated the arrival's Thursday."""
    from pactwatch.extract import extract_document

    evs = extract_document(Document(id="d", text=text, report_date="2022-01-07"))
    assert [e.date for e in evs if e.event == "REQUEST"] == [date]
