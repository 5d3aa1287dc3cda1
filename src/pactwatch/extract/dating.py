"""Which of a sentence's date expressions dates a given event.

`dates.find_dates` finds and resolves every date in a sentence; this module
reads the dependency parse to decide which one belongs to the event. Dates
are attached by clause: a date in the event's own phrase or clause wins; a
date in a clause above it counts when the clauses are simultaneous ("Sweden
joined on Thursday when Kristersson handed over the documents"); a date in a
relative clause or in an "after"/"since"/"until" clause dates something else
("cancelled a summit that had been planned for June", "had blocked the talks
since the two countries applied in mid-May").
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from pactwatch.extract import _calendar as cal
from pactwatch.extract._anaphora import count, shift
from pactwatch.extract.clauses import nominal_gerund, told_clause
from pactwatch.extract.dates import DateExpr, find_dates
from pactwatch.extract.events import Candidate
from pactwatch.extract.lexicon import load_lexicon
from pactwatch.extract.text import headline_end, span_distance
from pactwatch.knowledge.words import load_words
from pactwatch.records import Event

Token = Any

# dependency labels that open a clause of their own
_CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "csubj", "parataxis", "pcomp"})
# subordinating words whose clause ends, or is an interval away from, the one it hangs on
_UNTIL = frozenset({"until", "till"})
# prepositions of a deadline, and the events whose content a deadline belongs to
_BY_WHEN = frozenset({"within", "by"})
_PROMISES = frozenset({"AGREE", "REQUEST", "THREATEN"})
_SINCE = frozenset({"since"})
_BEFORE_AFTER = frozenset({"after", "before"})
_UNITS = frozenset({"day", "week", "month", "year"})
# speech acts: a statement's date dates them (a threat, a refusal), not the deeds it reports
SPEECH_EVENTS = frozenset(
    {"THREATEN", "REJECT", "REQUEST", "ACCUSE", "AGREE", "SUPPORT", "CONCEDE"}
)


def pick_date(
    cand: Candidate,
    found: list[DateExpr],
    sent: Any,
    trig_offset: int,
    reported: bool,
    anchor: str | None = None,
    report: str | None = None,
) -> DateExpr | None:
    """The date attached to the event in the parse; nearest first.

    A date inside the event's own phrase or clause wins; one elsewhere in the
    sentence is used only when the event is not reported speech (in "X said on
    Tuesday that Y attacked", Tuesday dates the saying), and never one that sits
    in a clause of another time.
    """
    head = cand.head
    base = sent.start_char
    lo = min(head.left_edge.idx, cand.trigger.left_edge.idx) - base
    hi = (
        max(
            head.right_edge.idx + len(head.right_edge),
            cand.trigger.right_edge.idx + len(cand.trigger.right_edge),
        )
        - base
    )
    event_clauses = _reported_participle(_clauses(head))
    # a relative clause on the event's noun or on a date is of the same time
    # ("the drills, which began in mid-March"; "in September, when Yerevan asked")
    anchors = (
        {cand.trigger.i, head.i}
        | {t.i for t in (cand.trigger.subtree if cand.trigger.pos_ == "NOUN" else ())}
        | {t.i for d in found for t in sent if d.start <= t.idx - base < d.end}
    )
    own: list[DateExpr] = []
    related: list[DateExpr] = []
    untold: list[DateExpr] = []  # related dates outside any clause of saying
    telling: list[DateExpr] = []  # dates of a clause of saying below the event's
    # "weeks after deadly clashes with Tajikistan": a deed named a stated interval before
    # or after the clause it hangs on is not of that clause's date
    away = _interval_away(cand.trigger)
    own_words = {t.i for t in cand.trigger.subtree}
    for d in found:
        token = _token_at(sent, base + d.start)
        if token is None or _comparison_frame(token):
            continue
        if away and token.i not in own_words:
            continue
        if _in_interval_phrase(token, cand.trigger):
            continue  # "Weeks after the clashes on September 14, Kyrgyzstan cancelled"
        if _ends_another(token, cand) or _refused_until(token, cand) or _deadline(token, cand):
            continue
        if _in_speech_clause(token, event_clauses):
            # "Armenia will quit, Pashinyan told parliament on Wednesday": the telling's
            if cand.event in SPEECH_EVENTS:
                related.append(d)
            telling.append(d)
        elif lo <= d.start < hi and not _foreign(token, event_clauses, anchors, cand.event):
            own.append(d)
        elif _clause(token).i == event_clauses[0].i:
            own.append(d)  # "killed in a clash ... on Monday night"
        elif not _foreign(token, event_clauses, anchors, cand.event):
            related.append(d)
            if _of_the_deed(token, event_clauses):
                untold.append(d)
    if not own:
        interval = _interval(cand, sent, found, anchor, report)
        if interval is not None:
            return interval
    speech = cand.event in SPEECH_EVENTS
    # a reported deed takes no date of the telling ("X said on Tuesday that Y attacked"),
    # but does take one of the deed it hangs on ("crossed into Niger on Monday, ending
    # a presence ..., the general staff said")
    pool = own or (untold if reported and not speech else related)
    if not pool and _just_done(cand.head):
        # "peacekeepers have begun leaving, the Kremlin confirmed on Wednesday": a deed
        # told as just done is dated by its telling
        pool = telling or related
    if not pool:
        return None
    return min(pool, key=lambda d: span_distance(d.start, d.end, trig_offset))


# words that make a "since" date the frame of a comparison, not a time of the event
_FIRST = frozenset({"first", "ever"})
# superlatives of time say since when something lasts: "the latest sign since September"
_OF_TIME = frozenset({"latest", "earliest"})


def _ends_another(token: Token, cand: Candidate) -> bool:
    """A date after "until" ends the deed it hangs on: "would suspend talks until 2028,
    prompting thousands to rally" dates neither the rally nor the joining talked of."""
    until = _prep_above(token, _UNTIL)
    if until is None:
        return False
    owner = until.head
    if owner.dep_ == "relcl":
        owner = owner.head  # "the drills, which run until August 29": the drills'
    # (the deed itself, or the verb a deed noun is the subject of: "the fighting went on
    # until Sunday"; not the verb a participle hangs on: "would not open talks until 2028,
    # accusing Brussels of blackmail" accused this week)
    told: tuple[int, ...] = (cand.head.i, cand.trigger.i)
    if cand.trigger.pos_ in ("NOUN", "PROPN"):
        told += (cand.trigger.head.i,)
    return owner.i not in told


def _stated_interval(prep: Token) -> bool:
    """A "before" or "after" with an interval on it ("weeks after", "two days before")."""
    return prep.lower_ in _BEFORE_AFTER and any(c.dep_ == "npadvmod" for c in prep.children)


def _interval_away(trigger: Token) -> bool:
    """A deed noun after "before" or "after" with an interval ("weeks after deadly
    clashes", "two days before the vote")."""
    return trigger.pos_ == "NOUN" and trigger.dep_ == "pobj" and _stated_interval(trigger.head)


def _in_interval_phrase(token: Token, trigger: Token) -> bool:
    """The date sits in a "before" or "after" phrase with an interval that the event is
    not in: it dates the deed the phrase names, a stated interval from the event."""
    for node in (token, *token.ancestors):
        if node.dep_ == "prep" and node.lower_ in _BEFORE_AFTER:
            return _stated_interval(node) and not any(t.i == trigger.i for t in node.subtree)
    return False


def _deadline(token: Token, cand: Candidate) -> bool:
    """A date "within" or "by" which a promise or a deed to come is to be done is its
    deadline, not its date: "pledged 40 billion euros in military aid within the next
    year" pledged it at the summit; "to complete the withdrawal by mid-September" has not
    completed it. (A deed told done "by" a day keeps it: "had left by Sunday".)"""
    if _prep_above(token, _BY_WHEN) is None:
        return False
    promised = load_words().nonfact_control.get(cand.head.lemma_.lower()) == "future"
    return cand.event in _PROMISES or promised or _to_come(_finite_verb(cand.head))


def _to_come(verb: Token) -> bool:
    """A verb told as still to come: "will complete", a headline's "US to complete"."""
    future = load_words().future_aux
    return any(
        c.dep_ == "aux" and (c.lower_ in future or (c.lower_ == "to" and verb.dep_ == "ROOT"))
        for c in verb.children
    )


def _refused_until(token: Token, cand: Candidate) -> bool:
    """A refusal "until" a date is made now, and a deed told done "until" one was done
    before it: "would not open accession talks until 2028" refuses them this week;
    "suspended gas deliveries until March" suspended them already. (What runs "until" a
    day told in the present, "the drills run until August 29", keeps it, and so does a
    deed noun that went on until it, "the fighting went on until Sunday".)"""
    if _prep_above(token, _UNTIL) is None:
        return False
    return cand.event == "REJECT" or (
        cand.trigger.pos_ == "VERB" and _finite_verb(cand.head).tag_ == "VBD"
    )


def _prep_above(token: Token, words: frozenset[str]) -> Token | None:
    """The preposition of `words` a date hangs on, within three steps up ("since 2020",
    "until 2028")."""
    node = token
    for _ in range(3):
        if node.head.i == node.i:
            return None
        node = node.head
        if node.dep_ == "prep" and node.lower_ in words:
            return node
    return None


def _compared_with(token: Token) -> bool:
    """A date in what something is compared "than" with: "7,000 troops would take part,
    fewer than in the previous exercises four years ago" dates the previous exercises."""
    node = token
    for _ in range(8):
        if node.head.i == node.i or node.head.pos_ in ("VERB", "AUX"):
            return False
        node = node.head
        if node.dep_ == "prep" and node.lower_ == "than":
            return True
    return False


def _comparison_frame(token: Token) -> bool:
    """A date that only frames a comparison: "the deadliest clashes since 2020", "its
    largest exercise since 1981", "the first such visit since 2012". A superlative or
    ordinal in the few words before the "since" says so (the parser hangs the "since"
    on the noun or on the verb); "has held the base since 2012" dates a state and stays."""
    if _compared_with(token):
        return True
    since = _prep_above(token, _SINCE)
    if since is None:
        return False
    before = since.doc[max(since.sent.start, since.i - 6) : since.i]
    return any(
        (t.tag_ in ("JJS", "RBS") and t.lower_ not in _OF_TIME) or t.lower_ in _FIRST
        for t in before
    )


def _interval(
    cand: Candidate, sent: Any, found: list[DateExpr], anchor: str | None, report: str | None
) -> DateExpr | None:
    """ "came four days after Greece and Egypt signed": the date of the clause above, shifted."""
    node = cand.trigger
    for _ in range(6):
        opener = node if node.dep_ == "prep" else None
        if node.dep_ in ("advcl", "pcomp", "pobj"):
            opener = next(
                (c for c in node.children if c.dep_ == "mark" and c.lower_ in _BEFORE_AFTER),
                node.head if node.dep_ in ("pcomp", "pobj") else _after_interval(node),
            )
        if opener is not None and opener.lower_ in _BEFORE_AFTER:
            break
        if node.head.i == node.i or node.dep_ in ("ccomp", "relcl"):
            return None
        node = node.head
    else:
        return None
    quantity = next((c for c in (*opener.children, *node.children) if c.dep_ == "npadvmod"), None)
    if quantity is None or quantity.lemma_.lower() not in _UNITS:
        return None
    number = next((c for c in quantity.children if c.dep_ in ("nummod", "det")), None)
    n = count(number.lower_) if number is not None else None
    if n is None or number is None:
        return None
    unit = quantity.lemma_
    if unit.lower() == "year" and any(c.lower_ == "half" for c in number.children):
        n, unit = 12 * n + 6, "month"  # three and a half years
    outside = [
        d
        for d in found
        if not (node.left_edge.idx <= sent.start_char + d.start <= node.right_edge.idx)
        and d.date
        and not d.present
    ]
    base_expr = min(
        outside, key=lambda d: abs(d.start - (opener.idx - sent.start_char)), default=None
    )
    base = base_expr.date if base_expr is not None else anchor
    if base_expr is None and report and _told_as_now(node.head):
        base = report  # "three years after they cut ties, the quarrel is over": from now
    moved = shift(base, -n if opener.lower_ == "after" else n, unit)
    if moved is None:
        return None
    phrase = sent.doc[quantity.left_edge.i : opener.i + 1].text
    source = (
        f"'{base_expr.text}'"
        if base_expr is not None
        else "the report date"
        if base == report
        else "the event told before"
    )
    return DateExpr(
        start=quantity.left_edge.idx - sent.start_char,
        end=opener.idx + len(opener) - sent.start_char,
        text=phrase,
        date=moved[0],
        enddate=None,
        present=False,
        reason=f"'{phrase}' counted from {source} ({base})",
    )


def _after_interval(clause: Token) -> Token | None:
    """ "a day after Tokayev asked": the parse may hang "after" on the interval, not on the
    clause ("day" -> prep "after"); that "after" opens the clause."""
    for quantity in clause.children:
        if quantity.dep_ == "npadvmod" and quantity.i < clause.i:
            for prep in quantity.children:
                if prep.dep_ == "prep" and prep.lower_ in _BEFORE_AFTER:
                    return prep
    return None


_DAYS_IN = {"day": 1, "week": 7}


def _days_long(unit_word: Token) -> tuple[Token, int] | None:
    """How many days a day or week word says with its number ("ten-day", "four days", "a
    week"), and the number's word; None without a number or for another unit."""
    unit = unit_word.lemma_.lower()
    if unit not in _DAYS_IN:
        return None
    children = list(unit_word.children)
    number = next((c for c in children if c.dep_ == "nummod"), None) or next(
        (c for c in children if c.dep_ == "det" and count(c.lower_)), None
    )
    n = count(number.lower_) if number is not None else None
    return (number, n * _DAYS_IN[unit]) if number is not None and n else None


def lasts(noun: Token, start: str) -> tuple[str, str] | None:
    """The last day of an event its noun says lasts a number of days or weeks ("a ten-day
    exercise" begun on a day), and how that was read; None for anything else."""
    if len(start) != 10:
        return None
    for child in noun.children:
        if child.dep_ not in ("compound", "amod") or child.lemma_.lower() not in _DAYS_IN:
            continue
        if not any(c.text == "-" for c in child.children):
            continue  # "a day exercise" says nothing of its length
        length = _days_long(child)
        if length is None:
            return None
        number, days = length
        last = dt.date.fromisoformat(start) + dt.timedelta(days=days - 1)
        return last.isoformat(), f"'{number.text}-{child.text}' from {start} ends {last}"
    return None


# stretches of time an event is told as ("four days of clashes")
_TIME_UNITS = _UNITS | {"hour"}


def lasted(noun: Token, day: str) -> tuple[str | None, str | None, str] | None:
    """For an event told as a stretch of time that ended ("the truce on Sunday ended four
    days of clashes", "holding on Thursday after two days of fighting"), dated by the
    day it ended on ("ended") or before ("after"): the days it covers, or no date when
    the text does not say how long (several days, weeks of), and why. None when the
    noun is no such stretch. A deed ended on a day without a length ("halted the
    fighting on Monday") went on until that day and keeps it; a stretch that begins on
    a day ("will hold two weeks of drills from Monday") is no stretch that ended."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "of" or prep.head.i == prep.i:
        return None
    unit_word = prep.head
    unit = unit_word.lemma_.lower()
    if unit not in _TIME_UNITS or unit_word.pos_ != "NOUN":
        return None
    governor = unit_word.head
    if unit_word.dep_ == "dobj" and governor.lemma_.lower() in load_words().ending_verbs:
        before = 0  # the stretch ended that day
    elif unit_word.dep_ == "pobj" and governor.lower_ == "after":
        before = 1  # the stretch ended before that day
    else:
        return None
    phrase = noun.doc[unit_word.left_edge.i : noun.i + 1].text
    length = _days_long(unit_word)
    if length is None or len(day) != 10:
        return None, None, f"'{phrase}' ended by {day}: the text does not say when it began"
    last = dt.date.fromisoformat(day) - dt.timedelta(days=before)
    first = last - dt.timedelta(days=length[1] - 1)
    return first.isoformat(), last.isoformat(), f"'{phrase}' up to {last}"


def begun(noun: Token, found: list[DateExpr], end: str) -> tuple[str, str, str] | None:
    """An event ended on a day whose own relative clause says when it began ("on Tuesday
    wrapped up joint exercises that began last Thursday"): from that day to the end,
    and why. None for anything else (an event begun on the day told keeps that day)."""
    verb = noun.head
    if (
        noun.dep_ not in ("dobj", "nsubjpass")
        or verb.lemma_.lower() not in load_words().ending_verbs
    ):
        return None
    clause = next(
        (
            c
            for c in noun.children
            if c.dep_ == "relcl" and c.lemma_.lower() in load_words().beginning_verbs
        ),
        None,
    )
    if clause is None:
        return None
    base = noun.sent.start_char
    lo, hi = clause.left_edge.idx - base, clause.right_edge.idx + len(clause.right_edge) - base
    start = next((d for d in found if lo <= d.start < hi and d.date), None)
    if start is None or start.date is None or not start.date < end:
        return None
    return start.date, end, f"'{start.text}', when the '{noun.text}' began, to {end}"


_YEAR = re.compile(r"\b\d{4}\b")
# prepositions of what a forward-pointing verb points to ("invited to", "scheduled for")
_POINTED_TO = frozenset({"to", "for", "until", "till"})
_WORD = re.compile(r"[a-z]+")


def told_as_done(verb: Token, best: DateExpr, report: str | None) -> tuple[str, str | None] | None:
    """A deed told in the past ("Moldova applied for membership in June", "had refused in
    January", "was cancelled in June") dated by a
    month or a day with no year that lies after the report: the last such date before it
    (the nearest one was after). None when the date stands."""
    date = best.date
    finite = _finite_verb(verb)
    where = _token_at(finite.sent, finite.sent.start_char + best.start)
    if (
        not report
        or not date
        or len(date) < 7
        or date[: len(report)] <= report[: len(date)]
        or not _told_in_past(finite)
        or _YEAR.search(best.text)
        # a date the story gives relative to another ("a day later") is that one's year
        or not any(w in cal.MONTHS for w in _WORD.findall(best.text.lower()))
        # in the deed's own clause ("invited Mirziyoyev to take part in the forum in
        # June": June is the forum's, a time still to come)
        or where is None
        or _clause(where).i != finite.i
    ):
        return None
    return _year_back(date), _year_back(best.enddate) if best.enddate else None


def _told_in_past(verb: Token) -> bool:
    """A verb in the simple past ("refused"), the past perfect ("had refused") or the past
    passive ("was cancelled")."""
    return verb.tag_ == "VBD" or (
        verb.tag_ == "VBN"
        and any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in verb.children)
    )


def told_as_coming(
    cand: Candidate, best: DateExpr, report: str | None
) -> tuple[str, str | None] | None:
    """ "Invited Japarov to a summit in Tashkent in September", "scheduled the talks for
    October", told in January: a month or day with no year in the phrase of what a
    forward-pointing verb points to (`forward_verbs` in words.yaml), or dating the very
    thing it points to, is the coming one, not the last. None when the date stands."""
    verb = cand.head
    date = best.date
    if (
        not report
        or not date
        or len(date) < 7
        or date[: len(report)] >= report[: len(date)]
        or _YEAR.search(best.text)
        or verb.lemma_.lower() not in load_words().forward_verbs
    ):
        return None
    where = _token_at(verb.sent, verb.sent.start_char + best.start)
    if not (_pointed_to(where, verb) or _pointed_to(cand.trigger, verb)):
        return None
    return _year_on(date, 1), _year_on(best.enddate, 1) if best.enddate else None


def _pointed_to(token: Token | None, verb: Token) -> bool:
    """Whether `token` lies in the "to" or "for" phrase of `verb` or of its object."""
    node = token
    for _ in range(8):
        if node is None or node.head.i == node.i or node.i == verb.i:
            return False
        head = node.head
        if (
            node.dep_ == "prep"
            and node.lower_ in _POINTED_TO
            and (head.i == verb.i or (head.dep_ == "dobj" and head.head.i == verb.i))
        ):
            return True
        node = head
    return False


def _finite_verb(token: Token) -> Token:
    """The verb whose tense tells the time of a word: its own, or for a noun or an
    infinitive the verb above ("declined to sign the declaration of the summit": declined)."""
    node = token
    for _ in range(12):
        if (
            node.pos_ in ("VERB", "AUX")
            and node.dep_ not in ("xcomp", "acl", "amod")
            and not nominal_gerund(node)
        ):
            return node
        if node.head.i == node.i:
            return node
        node = node.head
    return node


def _year_back(value: str) -> str:
    """The same day or month a year earlier."""
    return _year_on(value, -1)


def _year_on(value: str, years: int) -> str:
    """The same day or month `years` years on (back when negative)."""
    if len(value) == 10:
        return cal.shift_years(dt.date.fromisoformat(value), years).isoformat()
    return f"{int(value[:4]) + years:04d}{value[4:]}"


def _just_done(verb: Token) -> bool:
    """A verb in the present perfect ("have begun", "has left"), or the complement of one."""
    node = verb.head if verb.dep_ == "xcomp" else verb
    return node.tag_ == "VBN" and any(
        c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ in ("VBZ", "VBP") for c in node.children
    )


def _told_as_now(verb: Token) -> bool:
    """A clause in the present tense ("the quarrel is over", "Russia holds"), whose time
    is the report's."""
    return verb.tag_ in ("VBZ", "VBP") or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBZ", "VBP") and c.lemma_ != "have"
        for c in verb.children
    )


def _in_speech_clause(token: Token, event_clauses: list[Token]) -> bool:
    """The date sits in a clause of saying below the event's ("Armenia will quit, Pashinyan
    told parliament on Wednesday"): it dates the statement, not the event."""
    clause = _clause(token)
    if any(clause.i == c.i for c in event_clauses) or clause.dep_ not in (
        "parataxis",
        "ccomp",
        "conj",
    ):
        return False
    return load_lexicon().speech(clause.lemma_.lower()) is not None


def _of_the_deed(token: Token, event_clauses: list[Token]) -> bool:
    """A date in a clause above a reported deed that the deed hangs on, with no clause of
    saying on the way: "crossed into Niger on Monday, ending a presence ..., the general
    staff said" dates the ending. Not the telling's date ("said on Tuesday that",
    "in an interview aired on Thursday, said"), nor one of a coordinated deed ("would be
    finished by July 1 and that Russia had handed")."""
    speech = load_lexicon().speech
    node = _clause(token)
    for _ in range(12):
        if speech(node.lemma_.lower()) is not None or any(c.dep_ == "ccomp" for c in node.children):
            return False
        if any(node.i == c.i for c in event_clauses) or node.head.i == node.i:
            break
        node = _clause(node.head)
    for clause in event_clauses:
        if clause.i == node.i:
            return True
        if clause.dep_ == "conj":
            return False
    return False


def _token_at(sent: Any, char: int) -> Token | None:
    for token in sent:
        if token.idx <= char < token.idx + len(token.text_with_ws):
            return token
    return None


def _clause(token: Token) -> Token:
    """The token heading the clause `token` is in (a coordinated verb heads its own)."""
    node = token
    for _ in range(40):
        if (
            node.dep_ in _CLAUSE_DEPS
            or (node.dep_ == "conj" and node.pos_ in ("VERB", "AUX") and _own_subject(node))
            or node.head.i == node.i
        ):
            return node
        node = node.head
    return node


def _own_subject(verb: Token) -> bool:
    """A coordinated verb with a subject or a "that" of its own is a clause of its own;
    one that shares its subject ("ran from August 10 and brought together") shares its time."""
    return any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in verb.children)


def _clauses(token: Token) -> list[Token]:
    """The clause heads from `token`'s clause up to the root, innermost first."""
    out: list[Token] = []
    node = _clause(token)
    for _ in range(12):
        out.append(node)
        if node.head.i == node.i:
            break
        node = _clause(node.head)
    return out


def _reported_participle(clauses: list[Token]) -> list[Token]:
    """The event's clauses, with what was said above a participle hung on the saying."""
    told = told_clause(clauses[0]) if len(clauses) > 1 else None
    return [clauses[0], told, *clauses[1:]] if told is not None else clauses


def _other_time(clause: Token, anchors: set[int]) -> bool:
    """A relative clause on another noun; a clause that ends the other's time
    ("until its parliament approved it on January 23"); one a stated interval
    away ("five months after a CSTO force helped restore order in January").

    "since" and a bare "after" stay: a state dates from its "since" clause, and
    news puts cause and effect close together.
    """
    if clause.dep_ == "relcl":
        # "in September, when Yerevan asked" is of its date's time, wherever the parse hangs it
        when = any(c.lower_ == "when" for c in clause.children if c.i < clause.i)
        return not when and clause.head.i not in anchors
    if clause.dep_ not in ("advcl", "pcomp"):
        return False
    marks = [c for c in clause.children if c.dep_ in ("mark", "advmod") and c.i < clause.i]
    if clause.dep_ == "pcomp":
        marks.append(clause.head)
    for mark in marks:
        if mark.lower_ in _UNTIL:
            return True
        if mark.lower_ in _BEFORE_AFTER and any(
            c.dep_ == "npadvmod" for c in (*mark.children, *clause.children)
        ):
            return True
    return False


# prepositions whose noun is the occasion of the deed they hang on
_SETTINGS = frozenset({"in", "at", "during"})


def _participle_of(clause: Token, anchors: set[int], event: Token, kind: str) -> bool:
    """A date in a participle on another noun tells that noun's own time: "discussed the
    exercises scheduled for September", "weapons under the agreement signed last year".
    (The event's own participle keeps the date of the clause it hangs on: "a truce
    brokered by Egypt on Saturday"; a participle with an object of its own is a past
    tense the parse misread; a noun of the event's own type may be the event told again:
    "the maneuvers were a response to the exercises held from August 20".)"""
    noun = clause.head
    return (
        clause.dep_ == "acl"
        and clause.tag_ == "VBN"
        and noun.pos_ == "NOUN"
        and noun.i not in anchors
        and not any(c.dep_ == "dobj" for c in clause.children)
        and all(s.event != kind for s in load_lexicon().nouns.get(noun.lemma_.lower(), ()))
        # a noun the event hangs on is no other thing ("Relations soured after September
        # 2022, when Armenia asked": the parse's participle is the sentence's verb)
        and not any(noun.i == a.i for a in event.ancestors)
        # nor the subject or object of the event's own clause ("The truce signed on Sunday
        # ended four days of clashes": the ending is that Sunday's)
        and noun.head.i != event.i
        # nor is the setting of the event ("in an interview published earlier this month
        # he called ...": the interview is when he said it)
        and not (
            noun.dep_ == "pobj" and noun.head.lower_ in _SETTINGS and noun.head.head.i == event.i
        )
    )


def _charged_deed(clause: Token) -> bool:
    """What someone is criticised, sanctioned or arrested "for" or accused "of" is a deed of
    its own time: in "criticised the CSTO for failing to help Tajikistan during the clashes
    last month" the criticism is not of last month."""
    prep = clause.head
    return (
        clause.dep_ == "pcomp"
        and prep.lower_ in load_words().charge_preps
        and any(s.charges for s in load_lexicon().verbs.get(prep.head.lemma_.lower(), ()))
    )


def _another_deed(clause: Token) -> bool:
    """A clause joined by "and" with a subject of its own tells another deed, at its own
    time: in "Lukashenko asked Putin to deploy the missile, and Putin said it could be
    stationed there in 2025", 2025 is no date of the asking."""
    return clause.dep_ == "conj" and clause.pos_ in ("VERB", "AUX") and _own_subject(clause)


def _content_to_come(clause: Token) -> bool:
    """A "that" clause with a subject of its own told as still to come is what was agreed,
    said or asked, at its own time: "approved the documents and agreed that Kazakhstan
    would chair the organisation in 2024" approved them now."""
    modal = load_words().future_aux | {"would"}
    return (
        clause.dep_ == "ccomp"
        and _own_subject(clause)
        and any(c.dep_ == "aux" and c.lower_ in modal for c in clause.children)
    )


def _foreign(token: Token, event_clauses: list[Token], anchors: set[int], event: str = "") -> bool:
    """True when the date at `token` sits in a clause of another time than the event's."""
    node = _clause(token)
    # climb from the date's clause until it meets a clause the event is in
    for _ in range(12):
        if any(node.i == c.i for c in event_clauses):
            break
        if (
            _other_time(node, anchors)
            or _charged_deed(node)
            or _another_deed(node)
            or _participle_of(node, anchors, event_clauses[0], event)
            or _content_to_come(node)
        ):
            return True
        if node.head.i == node.i:
            break
        node = _clause(node.head)
    # and from the event's clause up to the meeting point
    for clause in event_clauses:
        if clause.i == node.i:
            break
        if _other_time(clause, anchors):
            return True
    return False


# how far before the report a headline's news may lie
_HEADLINE_DAYS = 10


def date_headline(events: list[Event], text: str, report_date: str | None) -> None:
    """Date undated events of a headline by the news its lead reports.

    A headline ("ECOWAS sanctions Niger, threatens force over coup") gives no
    date, but it reports the news of its first paragraphs: the first event there
    dated to a day within `_HEADLINE_DAYS` before the report dates it too.
    """
    end = headline_end(text)
    if not end:
        return
    report = cal.parse_report_date(report_date)
    if report is None:
        return
    lead = [
        e
        for e in sorted(events, key=lambda e: e.text_info.start)
        if e.text_info.start > end and e.date and len(e.date) == 10 and not e.aux
    ]
    peg = next(
        (
            e
            for e in lead
            if 0 <= (report - dt.date.fromisoformat(str(e.date))).days <= _HEADLINE_DAYS
        ),
        None,
    )
    if peg is None or peg.text_info.sentence > 6:
        return
    for event in events:
        if event.text_info.start < end and event.date is None and not event.aux:
            event.date = peg.date
            event.reasons["date"] = (
                f"a headline: dated by its lead ({peg.reasons.get('date', peg.date)})"
            )


# how many sentences back the deed may be told
_DEED_SENTENCES = 2


def announced_deed_date(
    sent: Any, report_date: str | None, earlier: list[Event], sentence: int
) -> None:
    """ "Kyrgyzstan has cancelled the exercise ... The ministry announced the decision on
    Sunday": a deed told undated, then named again ("the decision", "the move") as made
    known on a day, took place that day. The latest undated deed of the last two sentences
    takes the day, and `reasons.date` says so."""
    # verbs that make a decision known, and the nouns that name a deed told before
    words = load_words()
    for verb in sent:
        if verb.lemma_.lower() not in words.made_known or verb.pos_ != "VERB":
            continue
        named = [
            c
            for c in verb.children
            if c.dep_ == "dobj"
            and c.lemma_.lower() in words.deed_words
            and any(d.lower_ in ("the", "this", "that", "its") for d in c.children)
        ]
        if not named:
            continue
        # the sentence's dates are read only once it names a deed made known: most
        # sentences with no record do not, and reading dates is the costly part
        found = find_dates(sent.text, report_date)
        days = [d for d in found if d.date and len(d.date) == 10 and not d.present]
        if len(days) != 1:
            return
        undated = [
            r
            for r in earlier[-12:]
            if sentence - r.text_info.sentence <= _DEED_SENTENCES
            and r.date is None
            and "future" not in r.aux
        ]
        if not undated:
            return
        # the deed of the latest sentence that told one, the one it is most about
        last = max(r.text_info.sentence for r in undated)
        record = max(
            (r for r in undated if r.text_info.sentence == last), key=lambda r: r.confidence
        )
        record.date = days[0].date
        record.reasons["date"] = (
            f"'{verb.text} {named[0].text}' … '{days[0].text}': the deed told before was "
            "made known that day"
        )
        return
