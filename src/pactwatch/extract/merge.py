"""Merge stage: one record per event per document.

Mentions of the same event (same type and kind, overlapping participants,
compatible dates) become one record: the most confident mention keeps its
evidence span, and the others lend it what it lacks (a date, a place).
"""

from __future__ import annotations

from pactwatch.records import Attribution, Event

_SYMMETRIC = frozenset({"CONSULT", "COOPERATE", "ASSAULT", "AGREE"})


def _codes(event: Event) -> set[str]:
    return {e.code for e in event.actor} | {e.code for e in event.recipient}


def _dates_compatible(a: Event, b: Event) -> bool:
    if a.date is None or b.date is None:
        return True
    # the shorter string is a prefix of the other: same year, or same month
    n = min(len(a.date), len(b.date))
    return a.date[:n] == b.date[:n]


def _factuality(event: Event) -> tuple[str, ...]:
    return tuple(sorted(set(event.aux) - {"historical"}))


def _starts_before(a: Event, b: Event) -> bool:
    """a's date begins strictly before b's: a merged record is dated by its start."""
    return bool(a.date and b.date and a.date[: len(b.date)] < b.date[: len(a.date)])


def _crowd_and_clash(a: Event, b: Event) -> bool:
    """Force on a crowd told once with the crowd and once without it ("clashes injure
    peacekeepers"; "injured in clashes with Serb protesters"): kind armed_clash comes
    only from not naming the crowd."""
    kinds = {a.kind, b.kind}
    return (
        a.event == "ASSAULT"
        and kinds == {None, "armed_clash"}
        and any("crowd-control" in e.mode for e in (a, b))
    )


def _kinds_agree(a: Event, b: Event) -> bool:
    """The same kind; or, in one sentence, a mention without a kind beside one with it
    ("imposed sanctions on 21 officials, freezing their assets": the freezing is the
    sanctions, told again without the word that gives their kind)."""
    return a.kind == b.kind or (
        (a.kind is None or b.kind is None)
        and (a.text_info.sentence == b.text_info.sentence or _crowd_and_clash(a, b))
    )


def _reversed(a: Event, b: Event, headline_end: int) -> bool:
    """Two attacks, each by one side on the other, told in the body."""
    return (
        a.event == b.event == "ASSAULT"
        and min(a.text_info.start, b.text_info.start) >= headline_end
        and bool(
            {e.code for e in a.recipient} & {e.code for e in b.actor}
            or {e.code for e in b.recipient} & {e.code for e in a.actor}
        )
    )


def same_event(a: Event, b: Event, headline_end: int = 0) -> bool:
    if a.event != b.event or not _kinds_agree(a, b) or _factuality(a) != _factuality(b):
        return False
    ca, cb = _codes(a), _codes(b)
    if not ca or not cb or not (ca & cb):
        return False
    # "Bishkek accuses Tajikistan" and "Tajikistan accuses Kyrgyzstan" are two events; so are
    # a strike and the answer to it ("Israeli strikes killed 20 Palestinians"; "Hamas fired
    # rockets at Tel Aviv in response"): each done by one side to the other
    # (not a headline's mention, whose short grammar the parse often reads backwards:
    # "Kyrgyz village shelled")
    reversed_ = _reversed(a, b, headline_end)
    if (
        (a.event not in _SYMMETRIC or reversed_)
        and a.actor
        and b.actor
        and not ({e.code for e in a.actor} & {e.code for e in b.actor})
    ):
        return False
    if a.event == "CONSULT" and set(a.mode) != set(b.mode):
        return False  # a phone call and a meeting the same day are two contacts
    if a.event == "CONSULT" and a.kind is None and b.kind is None and ca - cb and cb - ca:
        # "Xi and Putin met on Wednesday ... Putin also held talks with Erdogan": each
        # meeting has a party the other lacks, two meetings (a summit's are one: kind)
        return False
    small, big = sorted((ca, cb), key=len)
    if len(small & big) * 2 < len(small) + (len(big) > len(small) + 1):
        return False
    return _dates_compatible(a, b)


def _signature(event: Event) -> tuple[object, ...]:
    """What `same_event` and the date check read of an event: mentions alike in all of
    it need comparing once (a long document repeats itself: time stays linear)."""
    return (
        event.event,
        event.kind,
        _factuality(event),
        frozenset(e.code for e in event.actor),
        frozenset(e.code for e in event.recipient),
        frozenset(event.mode) if event.event == "CONSULT" else None,
        event.date,
    )


class _Group:
    def __init__(self, event: Event, headline_end: int = 0) -> None:
        self.members = [event]
        self.kinds = {_signature(event): event}  # one mention of each distinct kind
        self.headline_end = headline_end

    def takes(self, event: Event) -> bool:
        # every dated member must agree on the date: an undated mention must not
        # bridge two clashes a year apart
        others = list(self.kinds.values())
        linked = [o for o in others if same_event(event, o, self.headline_end)]
        if not linked or not all(_dates_compatible(event, other) for other in others):
            return False
        # the headline's mention of a strike must not be all that joins the strike and
        # the other side's answer to it ("Israeli strikes kill 20"; "Hamas fired rockets
        # at Tel Aviv in response")
        in_body = [o for o in linked if o.text_info.start >= self.headline_end]
        return bool(in_body) or not any(_reversed(event, o, self.headline_end) for o in others)

    def add(self, event: Event) -> None:
        self.members.append(event)
        self.kinds.setdefault(_signature(event), event)


def _told(event: Event) -> bool:
    """Whether a mention is someone's account (a speaker, or a hedge), not the report's."""
    return bool(event.attribution.speaker) or event.attribution.hedged


def _voice_of_doer(best: Event, group: list[Event]) -> None:
    """A mention that names no doer, in the report's own voice, takes its doer from the
    others: where only someone's account names the doer, the merged record is that
    account ("Aliyev says Russia shot down Azerbaijani airliner" beside "the jet crashed,
    killing 38" is Aliyev's claim, not the report's)."""
    if best.actor or _told(best):
        return
    lenders = [o for o in group if o is not best and o.actor]
    if lenders and all(_told(o) for o in lenders):
        told = lenders[0].attribution
        best.attribution = Attribution(speaker=list(told.speaker), hedged=told.hedged)
        best.reasons["attribution"] = "the account of the only mention that names the doer"


def merge_events(events: list[Event], headline_end: int = 0) -> list[Event]:
    """Merge repeated mentions; keeps document order of the surviving records.
    `headline_end`: where the document's headline ends (text.headline_end), 0 for none."""
    found: list[_Group] = []
    for event in events:
        key = (event.event, _factuality(event))
        for candidate in found:
            first = candidate.members[0]
            if (
                (first.event, _factuality(first)) == key
                and _kinds_agree(first, event)
                and candidate.takes(event)
            ):
                candidate.add(event)
                break
        else:
            found.append(_Group(event, headline_end))
    groups = [g.members for g in found]
    out: list[Event] = []
    for group in groups:
        # a dated mention tells the most; among equals the body beats the headline
        best = max(
            group,
            key=lambda e: (
                e.date is not None,
                e.confidence,
                e.text_info.sentence > 1,
                -e.text_info.start,
            ),
        )
        _voice_of_doer(best, group)
        doers = bool(best.actor)
        for other in group:
            if other is best:
                continue
            if other.date is not None and (best.date is None or _starts_before(other, best)):
                best.date, best.enddate = other.date, other.enddate
                best.reasons["date"] = other.reasons.get("date", "") + " (from another mention)"
                if "historical" in other.aux and "historical" not in best.aux:
                    best.aux.append("historical")
            if best.event_loc is None and other.event_loc is not None:
                best.event_loc = other.event_loc
                best.reasons["event_loc"] = (
                    other.reasons.get("event_loc", "") + " (from another mention)"
                )
            for role in ("actor", "recipient"):
                mine = getattr(best, role)
                for entity in getattr(other, role):
                    if all(e.code != entity.code for e in best.actor + best.recipient):
                        mine.append(entity)
        if best.event == "ASSAULT" and len(group) > 1:
            # "fighting along the border, when Tajik forces attacked Kyrgyz villages and
            # Kyrgyz troops shelled Tajik positions": each side attacks the other in a
            # mention, so the one clash has both for sides, as a clash told once would
            # (not where only a two-sided mention names the target among the sides)
            aimed = {(a.code, r.code) for m in group for a in m.actor for r in m.recipient}
            acting = {a for a, r in aimed if (r, a) in aimed}
            if not doers:
                # a mention of the dead that names no doer, beside the two-sided fight it
                # tells of ("Indian soldiers were killed in a clash with Chinese troops"):
                # every side the fight names fought
                acting |= {
                    a.code
                    for m in group
                    if m.text_info.sentence == best.text_info.sentence
                    and len({x.code for x in m.actor}) > 1
                    for a in m.actor
                }
            sides = [e for e in best.recipient if e.code in acting]
            if sides:
                best.actor += sides
                best.recipient = [e for e in best.recipient if e.code not in acting]
                best.reasons["actor"] = (
                    best.reasons.get("actor", "") + "; every side acts in a mention merged here"
                )
        if len(group) > 1:
            best.reasons["merged"] = f"{len(group)} mentions in this document"
            best.confidence = round(min(0.97, best.confidence + 0.03 * (len(group) - 1)), 3)
        out.append(best)
    out.sort(key=lambda e: e.text_info.start)
    return out
