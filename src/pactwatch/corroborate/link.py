"""The linker: records in date order per event type, each joined to the incident that fits best.

An incident is one real-world event. A record fits an incident when the type is
the same, the parties are the same or one side's include the other's (an
actor-only report of a clash joins the clash), the kinds do not contradict, and
the dates fit within the bound (among several that fit, the nearest in time,
then the one with the same place, wins):

- a precisely dated record: the incident's days, with it, span at most `bound` days;
- an undated record: published within `bound` days after the incident's last day,
  and not before its first (a report cannot describe what has not begun);
- a vaguely dated record (a month, a year): the incident's days lie inside its span.

Nothing chains: a record joins one incident, incidents never merge, and each
incident's span is checked against the bound as it grows. A denial (a negated
record) disputes the incident it fits; it is no report of it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

# how long a closed incident stays findable for vague records, placed at the end of their
# span: a month and a bound (a record dated only to a year starts an incident of its own)
VAGUE_GRACE = 41
_MAX_SUBSETS = 4  # incidents with more parties are found by exact key and smaller subsets only


@dataclass(slots=True)
class Incident:
    id: int
    event: str
    parties: frozenset[str]
    kind: str | None
    loc: str | None
    first: int | None = None  # precise span: days of precisely dated reports
    last: int | None = None
    vague: tuple[int, int] | None = None  # span of a vague-only incident
    reported: tuple[int, int] | None = None  # report days of an undated-only incident
    docs: set[str] = field(default_factory=set)
    outlets: set[str] = field(default_factory=set)
    # (document, outlet, URL) of the reports that have a URL: one URL is one source (sources.py)
    urls: set[tuple[str, str, str]] = field(default_factory=set)
    report_days: list[int] = field(default_factory=list)
    reports: list[str] = field(default_factory=list)  # new links made in this run
    disputes: list[str] = field(default_factory=list)
    disputed: bool = False
    existing: bool = False
    changed: bool = False
    key: str = ""  # the parties as one string, the index's key (kept in step with `parties`)

    def __post_init__(self) -> None:
        if not self.key:
            self.key = " ".join(sorted(self.parties))

    def take_days(
        self, first: int | None, last: int | None, report: int | None, bound: int
    ) -> None:
        """Widen the incident's days by one report's (precise, vague or only its report day)."""
        if first is not None and last is not None and last - first + 1 <= bound:
            self.first = first if self.first is None else min(self.first, first)
            self.last = last if self.last is None else max(self.last, last)
        elif first is not None and last is not None:
            if self.first is None and self.vague is None:
                self.vague = (first, last)
        elif self.first is None and self.vague is None and report is not None:
            lo, hi = self.reported or (report, report)
            self.reported = (min(lo, report), max(hi, report))

    def anchor(self) -> tuple[int, int]:
        """The days the incident is matched on: precise, else vague, else its report days."""
        # plain tests, not a loop over candidate spans: called for every incident indexed
        # and written, a million times on a big rebuild
        if self.first is not None and self.last is not None:
            return self.first, self.last
        if self.vague is not None:
            return self.vague
        if self.reported is not None:
            return self.reported
        return 0, 0


def _compatible(inc: Incident, kind: str | None) -> bool:
    return inc.kind is None or kind is None or inc.kind == kind


def _cost(inc: Incident, r: Any, bound: int) -> int | None:
    """How far the record is from the incident in days; None when it does not fit."""
    first: int | None = r.first_day
    last: int | None = r.last_day
    if first is not None and last is not None and last - first + 1 <= bound:
        if inc.first is None or inc.last is None:
            return None
        lo, hi = min(inc.first, first), max(inc.last, last)
        if hi - lo + 1 > bound:
            return None
        return (hi - lo) - (inc.last - inc.first)
    if first is not None and last is not None:  # vague
        if inc.first is not None and inc.last is not None:
            return 0 if first <= inc.first and inc.last <= last else None
        if inc.vague is not None:
            return 0 if inc.vague == (first, last) else None
        return None
    day: int = r.report_day
    if inc.first is not None and inc.last is not None:
        return day - inc.last if inc.first <= day <= inc.last + bound else None
    if inc.reported is not None:
        lo, hi = min(inc.reported[0], day), max(inc.reported[1], day)
        return hi - lo if hi - lo + 1 <= bound else None
    return None


@dataclass(slots=True)
class _Bucket:
    """The incidents that began in one stretch of `bound` days, indexed by their parties."""

    incidents: list[Incident] = field(default_factory=list)
    by_key: dict[str, list[Incident]] = field(default_factory=dict)
    by_subset: dict[str, list[Incident]] = field(default_factory=dict)


class Linker:
    """Assigns staged records (one event type at a time, in date order) to incidents.

    Incidents sit in buckets of `bound` days by the day they begin, indexed by their
    parties and by every subset of them: a record looks only at the few buckets its
    dates can reach, and at a handful of candidates in each. Buckets older than any
    later record can reach are dropped whole (their incidents are done), so nothing is
    re-indexed as the days go by.
    """

    def __init__(self, bound: int, next_id: int) -> None:
        self.bound = bound
        self.next_id = next_id
        self.finished: list[Incident] = []  # incidents no later record can change: write them
        self._event = ""
        self._buckets: dict[int, _Bucket] = {}
        self._oldest = -(10**9)  # buckets before this one are dropped
        # how far back (days) a later record can reach: a vague month, two bounds for undated
        self._back = max(VAGUE_GRACE, 3 * bound)
        self._shapes: dict[str, tuple[frozenset[str], tuple[str, ...]]] = {}

    def _shape(self, key: str) -> tuple[frozenset[str], tuple[str, ...]]:
        """The parties of a key and the keys of its proper subsets (memoised: keys repeat)."""
        shape = self._shapes.get(key)
        if shape is None:
            codes = key.split()
            subsets: tuple[str, ...] = ()
            if len(codes) <= _MAX_SUBSETS:
                subsets = tuple(
                    " ".join(sub)
                    for size in range(1, len(codes))
                    for sub in combinations(codes, size)
                )
            shape = self._shapes[key] = (frozenset(codes), subsets)
        return shape

    def _index(self, inc: Incident, new: bool = True) -> None:
        # entries go stale when an incident's parties grow; lookups check the parties again
        number = inc.anchor()[0] // self.bound
        bucket = self._buckets.get(number)
        if bucket is None:
            bucket = self._buckets[number] = _Bucket()
        if new:
            bucket.incidents.append(inc)
        bucket.by_key.setdefault(inc.key, []).append(inc)
        for sub in self._shape(inc.key)[1]:
            bucket.by_subset.setdefault(sub, []).append(inc)

    def open(self, incidents: Iterable[Incident]) -> None:
        """Incidents already stored that this run's records may join."""
        for inc in incidents:
            self._index(inc)

    def _drop_before(self, number: int) -> None:
        """Drop buckets no later record can reach; their incidents are done."""
        for old in [n for n in self._buckets if n < number]:
            for inc in self._buckets.pop(old).incidents:
                self._done(inc)

    def _done(self, inc: Incident) -> None:
        if inc.changed:
            self.finished.append(inc)

    def finish(self) -> None:
        """Every incident of the current event type is done."""
        for bucket in self._buckets.values():
            for inc in bucket.incidents:
                self._done(inc)
        self._buckets = {}

    def start_event(self, event: str) -> None:
        if event != self._event:
            self.finish()
            self._event = event
            self._oldest = -(10**9)

    def _reach(self, r: Any) -> range:
        """The buckets whose incidents the record may join (see _cost)."""
        b = self.bound
        if r.first_day is None:  # undated: the incident's last day within b before publication
            return range((r.report_day - 2 * b) // b, r.report_day // b + 1)
        if r.last_day - r.first_day + 1 > b:  # vague: incidents inside its span
            return range(r.first_day // b, r.last_day // b + 1)
        return range((r.last_day - b) // b, (r.first_day + b) // b + 1)

    def _candidates(
        self,
        parties: frozenset[str],
        key: str,
        subsets: tuple[str, ...],
        reach: range,
        related_too: bool,
    ) -> tuple[list[Incident], list[Incident]]:
        exact: list[Incident] = []
        related: list[Incident] = []
        buckets = self._buckets
        for number in reach:
            bucket = buckets.get(number)
            if bucket is None:
                continue
            found = bucket.by_key.get(key)
            if found:
                exact += [i for i in found if i.key == key]
            if not related_too:
                continue
            found = bucket.by_subset.get(key)
            if found:
                related += [i for i in found if parties < i.parties]
            by_key = bucket.by_key
            for sub in subsets:
                found = by_key.get(sub)
                if found:
                    related += [i for i in found if i.parties < parties]
        return exact, related

    def _best(self, r: Any, parties: frozenset[str], subsets: tuple[str, ...]) -> Incident | None:
        # an undated report is anchored only by when it was published: it joins an
        # incident of exactly its parties and kind, or none ("Kyrgyzstan cancelled the
        # drills", undated, is not "Japarov stayed away from the summit" two days before)
        undated = r.first_day is None
        exact, related = self._candidates(parties, r.parties, subsets, self._reach(r), not undated)
        if not exact and not related:
            return None
        for pool in (exact, related):
            best: tuple[int, int, int] | None = None
            chosen = None
            for inc in pool:
                if not _compatible(inc, r.kind) or (undated and inc.kind != r.kind):
                    continue
                cost = _cost(inc, r, self.bound)
                if cost is None:
                    continue
                # nearest first, then the best place: the same, unknown on one side, another
                # (a place is a preference, not a bar: extraction often places a border clash
                # in either state, or where the news agency sits); the newest on ties
                place = (
                    0 if inc.loc == r.loc_country else 1 if None in (inc.loc, r.loc_country) else 2
                )
                rank = (cost, place, -inc.id)
                if best is None or rank < best:
                    best, chosen = rank, inc
            if chosen is not None:
                return chosen
        return None

    def add(self, r: Any) -> None:
        """Link one staged key row (report or denial) to an incident, or start one."""
        if r.event != self._event:
            self.start_event(r.event)
        horizon = (r.sort_day - self._back) // self.bound
        if horizon > self._oldest:
            self._drop_before(horizon)
            self._oldest = horizon
        key = r.parties
        shape = self._shapes.get(key) or self._shape(key)
        parties = shape[0]
        inc = self._best(r, parties, shape[1])
        if r.role == "denial":
            if inc is not None:
                inc.disputes.append(r.event_id)
                inc.disputed = inc.changed = True
            return
        if inc is None:
            inc = Incident(
                self.next_id, r.event, parties, r.kind, r.loc_country, changed=True, key=key
            )
            self.next_id += 1
            inc.take_days(r.first_day, r.last_day, r.report_day, self.bound)
            self._index(inc)
        self._join(inc, r, parties)

    def _join(self, inc: Incident, r: Any, parties: frozenset[str]) -> None:
        inc.take_days(r.first_day, r.last_day, r.report_day, self.bound)
        inc.kind = inc.kind or r.kind
        inc.loc = inc.loc or r.loc_country
        inc.docs.add(r.doc_id)
        inc.outlets.add(r.outlet)
        if r.url is not None:
            inc.urls.add((r.doc_id, r.outlet, r.url))
        if r.report_day is not None:
            inc.report_days.append(r.report_day)
        inc.reports.append(r.event_id)
        inc.changed = True
        if not parties <= inc.parties:
            inc.parties = inc.parties | parties
            inc.key = " ".join(sorted(inc.parties))
            self._index(inc, new=False)
