"""Runs the extraction stages over documents: text → entities → events →
factuality → reinterpret → roles → dates and dating → places → merge.
Deterministic: the same text always yields the same records and ids."""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Iterable, Iterator
from typing import Any

from pactwatch.errors import InputRejected
from pactwatch.extract import dates, places
from pactwatch.extract._anaphora import anaphoric_dates, year_dates
from pactwatch.extract.clauses import subject_of
from pactwatch.extract.context import (
    answered_request,
    context_actor,
    deed_actor,
    deed_recipient,
    fallback_roles,
    group_actor,
    membership_recipient,
)
from pactwatch.extract.dating import (
    announced_deed_date,
    begun,
    date_headline,
    lasted,
    lasts,
    pick_date,
    told_as_coming,
    told_as_done,
)
from pactwatch.extract.entities import GROUP_WORDS, EntityResolver, unique_codes
from pactwatch.extract.events import Candidate, find_candidates
from pactwatch.extract.factuality import Factuality, assess
from pactwatch.extract.learned import (
    NEW_RECORD_AT,
    accuses_unsurely,
    model_candidate,
    named_subject,
    revise,
    unnamed_subject,
    wants_encoder,
)
from pactwatch.extract.lexicon import Lexicon, load_lexicon
from pactwatch.extract.merge import merge_events
from pactwatch.extract.nlp import load_nlp
from pactwatch.extract.reinterpret import (
    accusation,
    convert,
    reinterpret,
    self_announced,
    speaker_accuses,
)
from pactwatch.extract.roles import Roles, find_roles, other_side, sentence_states
from pactwatch.extract.text import (
    Segment,
    dateline_end,
    ends_sentence,
    headline_end,
    segments,
    span_distance,
)
from pactwatch.extract.typer import Typing, load_typer
from pactwatch.knowledge.words import load_words
from pactwatch.records import Attribution, Document, Event, Location, TextInfo

Token = Any

_PLACE_PREPS = frozenset(
    {"in", "near", "at", "on", "along", "across", "into", "inside", "outside", "around", "from"}
)
# the kinds a learned record may take from the words of its sentence: those the words
# name outright ("sanctions", "summit", a clash). A facility, a membership change, an
# exercise or a call for help needs a trigger read in its clause: a learned record has
# none, and a wrong kind makes a wrong finding ("held a training phase at the training
# centre" is no facility)
_LEARNED_KINDS = frozenset({"sanctions", "summit", "armed_clash"})
# events an undated sentence does not date by the deed told before it (_episode_date)
_TOLD_OUT_OF_ORDER = frozenset({"ACCUSE", "REQUEST", "THREATEN", "SUPPORT", "AGREE", "CONSULT"})
_HOME_LOCATED = frozenset({"PROTEST", "COERCE", "MOBILIZE"})
_NOT_OBJECTS = frozenset(
    {
        "nsubj",
        "nsubjpass",
        "csubj",
        "punct",
        "cc",
        "conj",
        "advcl",
        "mark",
        "aux",
        "auxpass",
        "neg",
        "advmod",
        "relcl",
    }
)


class _DocState:
    """Per-document state while its segments stream through the parser."""

    def __init__(self, doc: Document, model: bool = True, budget_s: float | None = None) -> None:
        self.doc = doc
        self.model = model  # whether the learned typer takes part
        # when the document must be done by (monotonic clock), and whether it was not
        self.deadline = None if budget_s is None else time.monotonic() + budget_s
        self.budget_s = budget_s
        self.over_budget = False
        self.resolver = EntityResolver(doc.report_date)
        self.events: list[Event] = []
        self.sentence = 0
        self.anchor: str | None = None  # the day of the event told last, for "the same day"
        self.anchor_sentence = 0
        self.anchor_segment = -1
        self.year: str | None = None  # the year of the event dated last, for "that year"
        self.story_place: Location | None = None  # where the first placed event happened
        # the story's lead: its first sentence below the headline, which a news report
        # spends on its main event (the kind of sentence the learned typer was trained on)
        self.body_start = headline_end(doc.text)
        self.body_end = len(doc.text.rstrip())
        self.lead_told = False
        # the wire dateline just read: where the sentence after it starts, and its text
        self.dateline: tuple[int, str] | None = None


# what a document yields: its records, or why it has none (over its time budget)
Outcome = list[Event] | InputRejected


def extract_documents(
    docs: Iterable[Document],
    *,
    n_process: int = 1,
    batch_size: int = 64,
    model: bool = True,
    budget_s: float | None = None,
) -> Iterator[tuple[Document, Outcome]]:
    """Each document with its event records, in input order.

    With `n_process` > 1, whole documents go to worker processes, each running the
    full pipeline: shipping parsed spaCy Docs back to one process (what
    `nlp.pipe(n_process=...)` does) costs more than the parse saves.
    """
    if n_process <= 1:
        yield from _extract_serial(docs, batch_size, model, budget_s)
        return
    load_nlp()  # loaded before the fork, so the workers share it copy-on-write
    load_lexicon()
    if model:
        load_typer()
    context = multiprocessing.get_context("fork")
    with context.Pool(n_process) as pool:
        chunks = ((chunk, model, budget_s) for chunk in _chunks(docs, 8))
        for done in pool.imap(_extract_chunk, chunks):
            yield from done


def _chunks(docs: Iterable[Document], size: int) -> Iterator[list[Document]]:
    chunk: list[Document] = []
    for doc in docs:
        chunk.append(doc)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _extract_chunk(
    job: tuple[list[Document], bool, float | None],
) -> list[tuple[Document, Outcome]]:
    docs, model, budget_s = job
    return list(_extract_serial(docs, 64, model, budget_s))


def _extract_serial(
    docs: Iterable[Document], batch_size: int, model: bool = True, budget_s: float | None = None
) -> Iterator[tuple[Document, Outcome]]:
    nlp = load_nlp()
    lex = load_lexicon()

    def items() -> Iterator[tuple[str, tuple[Document, int, bool]]]:
        for doc in docs:
            segs: list[Segment | None] = [*segments(doc.text)] or [None]
            for k, seg in enumerate(segs):
                last = k == len(segs) - 1
                # each segment carries its document, so a document's state starts at
                # its first segment and ends at its last: memory stays flat
                if seg is None:
                    yield "", (doc, -1, True)
                else:
                    yield seg.text, (doc, seg.start, last)

    current: _DocState | None = None
    for parsed, (doc, offset, last) in nlp.pipe(items(), as_tuples=True, batch_size=batch_size):
        if current is None or current.doc is not doc:
            current = _DocState(doc, model, budget_s)
        if offset >= 0 and not current.over_budget:
            _segment(current, parsed, offset, lex)
        if last:
            yield doc, _over_budget(current) if current.over_budget else _finish(current)
            current = None


def _over_budget(state: _DocState) -> InputRejected:
    doc = state.doc
    return InputRejected(
        doc.origin or doc.id,
        f"document {doc.id} took more than {state.budget_s:g} s to extract and was left out",
        fix="split it into smaller documents, or raise PACTWATCH_DOC_SECONDS",
    )


def _out_of_time(state: _DocState) -> bool:
    """Whether the document has used up its time (checked between sentences)."""
    if state.deadline is not None and time.monotonic() > state.deadline:
        state.over_budget = True
    return state.over_budget


def _finish(state: _DocState) -> list[Event]:
    events = merge_events(state.events, headline_end(state.doc.text))
    # after merging: a headline mention of a dated body event has its date already
    date_headline(events, state.doc.text, state.doc.report_date)
    for n, event in enumerate(events, start=1):
        event.id = f"{state.doc.id}:{n}"
    return events


def _segment(state: _DocState, parsed: Any, seg_start: int, lex: Lexicon) -> None:
    if parsed.text and dateline_end(parsed.text) == len(parsed.text):
        # a wire dateline, parsed apart (text.segments): no sentence of its own
        state.dateline = (seg_start + len(parsed.text), parsed.text)
        return
    resolver = state.resolver
    resolver.start_segment(parsed)

    def entity_kind(token: Token, kind: str) -> bool:
        for child in token.children:
            if child.dep_ in _NOT_OBJECTS:
                continue
            for t in child.subtree:
                if kind != "state" and t.lower_ in GROUP_WORDS:
                    return True
                span = resolver.span_at(t)
                if span is None:
                    continue
                entity = resolver.resolve_span(span)
                if entity is None:
                    continue
                if kind == "any" or (kind == "igo") == (entity.sector == "IGO"):
                    return True
        return False

    sents = list(parsed.sents)
    typer = load_typer() if state.model else None
    # the cheap model reads every sentence; the encoder only those `wants_encoder` picks,
    # once the rules have read them
    typings = typer.type_sentences([s.text for s in sents], encoder=False) if typer else []
    for n, sent in enumerate(sents):
        if _out_of_time(state):
            return
        state.sentence += 1
        # (a sentence: a second title line with no full stop is no lead)
        lead = (
            not state.lead_told
            and seg_start + sent.start_char >= state.body_start
            and (ends_sentence(sent.text) or seg_start + sent.end_char >= state.body_end)
        )
        state.lead_told = state.lead_told or lead
        first = len(state.events)
        cands = find_candidates(sent, entity_kind, lex)
        for cand in cands:
            _add(state, cand, sent, seg_start)
        typing = typings[n] if typer is not None else None
        if typer and typing and wants_encoder(typing, state.events[first:], lead=lead):
            typing = typer.refine(sent.text)
        if lead and len(state.events) == first:
            # the lead tells the story's main event: a type the model is sure of, else a
            # trigger whose subject the knowledge files cannot name, makes its record there
            # with no actor
            if typing is not None and typing.best[1] >= NEW_RECORD_AT:
                _add_learned(state, sent, typing, lex, seg_start, lead=True)
            for cand in cands if len(state.events) == first else ():
                cand.lead = True
                _add(state, cand, sent, seg_start)
        answered_request(state.events[first:], state.events[:first], state.sentence)
        if len(state.events) == first:
            announced_deed_date(sent, state.doc.report_date, state.events, state.sentence)
        if typer is not None and typing is not None:
            if len(state.events) == first:
                _add_learned(state, sent, typing, lex, seg_start, lead=lead)
            revise(state.events[first:], typing, typer.provenance)
        resolver.note_sentence(sent)


def _add_learned(
    state: _DocState, sent: Any, typing: Typing, lex: Lexicon, seg_start: int, *, lead: bool
) -> None:
    learned = model_candidate(sent, typing, lex, lead=lead)
    if learned is not None:
        _add(state, learned, sent, seg_start)


def _protest_place(sent: Any, doc: Document, state: _DocState) -> tuple[Location | None, str]:
    """Where a protest the sentence places nowhere took place: where the report was
    filed, else where the story's first placed event did ("The leaders met in Yerevan.
    ... Outside the government building demonstrators rallied"), else the one state the
    sentence names ("Thousands rallied against the government of Nikol Pashinyan"). A
    dateline places what is told as news, not a protest years before ("Belarus has been
    under sanctions since 2020, when Lukashenko's forces cracked down on protests", filed
    in Brussels)."""
    old = any(
        dates.is_historical(d.date, doc.report_date)
        for d in dates.find_dates(sent.text, doc.report_date)
    )
    if not old:
        loc, reason = filed_at(doc.text)
        if loc is not None:
            return loc, reason
        if state.story_place is not None:
            where = state.story_place
            return where, f"'{where.text}', where the story's first placed event happened"
    named = [e for e in sentence_states(sent, state.resolver, set()) if e.is_state]
    if len(named) == 1:
        loc = Location(named[0].text, named[0].code, None, None, None, 1)
        return loc, f"'{named[0].text}', the one state the sentence names"
    return None, ""


def _episode_date(
    cand: Candidate, fact: Factuality, state: _DocState, seg_start: int, sent: Any, lex: Lexicon
) -> bool:
    """Whether an undated deed shares the day of the deed told just before it: told in
    the simple past, as fact, in the next sentence of the same paragraph ("ECOWAS
    imposed sanctions on Sunday. It also closed the borders."). Statements, calls,
    meetings and promises are told out of order too often (dev set: 4 of 6 wrong), and
    so is a sentence whose own words move its time ("then", "overnight")."""
    return bool(
        state.anchor
        # "also" carries the episode over into the next paragraph
        and (state.anchor_segment == seg_start or _also(cand))
        and state.sentence - state.anchor_sentence <= 1
        and not fact.aux
        and "VBD" in (cand.head.tag_, cand.trigger.tag_)
        # "also" tells one more deed of the same episode, whatever its kind ("The
        # ministers also discussed ...", "The two sides also agreed to ...")
        and (cand.event not in _TOLD_OUT_OF_ORDER or _also(cand))
        and not any(t.lower_ in lex.episode_breaks for t in sent)
    )


def _mentioned_again(cand: Candidate, roles: Roles, earlier: list[Event]) -> bool:
    """ "Moldova applied days after the invasion": a definite event noun with no participant
    of its own, the object of a verb or a preposition or the subject of a verb that does not
    make it go on, after a record of its type, is that event named again, not a new one
    between whatever states its sentence names."""
    trig = cand.trigger
    return (
        trig.pos_ == "NOUN"
        # named as a reference ("after the invasion", "condemned the attack"), not as what
        # goes on ("the fighting resumed on Tuesday": one more day of it)
        and (
            trig.dep_ in ("pobj", "dobj")
            # what it is said to be or to do: "the drills were a response to threats", "the
            # drills involved 300 troops" (not "the fighting resumed": one more day of it)
            or (
                trig.dep_ in ("nsubj", "nsubjpass")
                and trig.head.lemma_.lower() not in load_words().going_on_verbs
            )
        )
        and not roles.syntactic
        and any(c.dep_ == "det" and c.lower_ in ("the", "that", "this") for c in trig.children)
        and any(e.event == cand.event for e in earlier)
    )


def _also(cand: Candidate) -> bool:
    """The deed is told as one more of the same episode ("the four states also closed")."""
    return any(c.dep_ == "advmod" and c.lower_ == "also" for c in cand.head.children)


def _add(state: _DocState, cand: Candidate, sent: Any, seg_start: int) -> None:
    event = _event(state, cand, sent, seg_start)
    if event is None:
        return
    state.events.append(event)
    if state.story_place is None and event.event_loc is not None and event.event_loc.country_code:
        state.story_place = event.event_loc
    accused = accusation(event)
    if accused is not None:
        state.events.append(accused)
    if event.date and len(event.date) == 10 and "future" not in event.aux:
        state.anchor = event.date
        state.anchor_sentence = state.sentence
        state.anchor_segment = seg_start
    if event.date and "future" not in event.aux:
        state.year = event.date[:4]
    states = [e for e in event.actor if e.is_state]
    # the two sides of a deed (not two mediators of it: "talks brokered by Saudi Arabia
    # and the United States" are no sides of the air strikes told next)
    mediators = event.kind == "mediation" or "third-party" in event.mode
    if len(states) == 2 and cand.event in ("ASSAULT", "RETREAT", "CONSULT", "AGREE"):
        if not mediators:
            state.resolver.memory.pair = states
    elif len(states) > 2:
        state.resolver.memory.group = states
    # who fought: the two states of a fight, or of a ceasefire or a pull-back between them
    sides = unique_codes([e for e in (*event.actor, *event.recipient) if e.is_state])
    if (
        len(sides) == 2
        and cand.event in ("ASSAULT", "RETREAT")
        and not {"future", "hypothetical"} & set(event.aux)
    ):
        state.resolver.memory.fought = sides


def _event(state: _DocState, cand: Candidate, sent: Any, seg_start: int) -> Event | None:
    resolver = state.resolver
    doc = state.doc
    fact = assess(cand, resolver, sent)
    if not reinterpret(cand, fact):
        return None
    if "hypothetical" in fact.aux or "negation" in fact.aux:
        # proposals, conditionals and denials of fact are not records (event-record.md)
        return None
    roles = find_roles(cand, resolver, sent)
    if seg_start + sent.start_char >= state.body_start:
        roles.actor += other_side(cand, resolver, roles)
    if roles.endangers:
        return None
    fallback_roles(cand, roles, resolver, sent, fact)
    if _mentioned_again(cand, roles, state.events):
        return None
    # a news outlet is the source of a report, never a party to the event
    roles.actor = [e for e in roles.actor if not resolver.knowledge.is_outlet(e.text)]
    roles.recipient = [e for e in roles.recipient if not resolver.knowledge.is_outlet(e.text)]
    sent_text = sent.text
    trig_offset = cand.trigger.idx - sent.start_char
    filed = state.dateline
    # the lead, after its dateline: the place it was filed from places it, as it did when
    # the two were parsed together
    prefix = filed[1] if filed is not None and seg_start + sent.start_char == filed[0] else ""
    loc, loc_reason = _place(cand, roles, prefix + sent_text, trig_offset + len(prefix), resolver)
    if not roles.actor:
        if loc is None and cand.event == "PROTEST":
            loc, loc_reason = _protest_place(sent, doc, state)
        deed_actor(cand, roles, state.events)
        if not roles.actor:
            context_actor(cand, roles, resolver, loc)
        group_actor(cand, roles, resolver)
    if cand.learned and not roles.actor and roles.syntactic:
        roles.actor = named_subject(cand, resolver)
    # a learned type needs the one who acted, named in the parse; but the lead tells the
    # story's main event, so there a record stands when the parse has a subject the
    # knowledge files cannot name ("The court convicted ...", "the government"): with no
    # actor, as event-record.md allows, rather than no record
    unnamed = cand.lead and not roles.actor and unnamed_subject(cand, resolver)
    if cand.learned and (not roles.syntactic or not roles.actor) and not unnamed:
        return None
    if accuses_unsurely(cand, roles):
        return None
    if not roles.actor and not roles.recipient and not unnamed:
        return None
    if unnamed:
        roles.how = "no actor: the lead's subject names none the knowledge files hold"
    # a membership change the words show ("froze its participation in the CSTO") is
    # about the organisation too; other cue-typed records keep the parties the parse gave
    # tokens a withdrawal verb governs, read once for the kind and the modes
    withdrawn = _under_withdrawal(cand, sent, load_lexicon())
    cue_kind = _kind_from_cues(cand, sent, withdrawn) if cand.event == "SANCTION" else None
    membership_recipient(cand, roles, resolver, cand.kind or cue_kind)
    deed_recipient(cand, roles, state.events)
    convert(cand, roles)
    self_announced(cand, roles, fact)
    speaker_accuses(cand, roles, fact)
    reasons: dict[str, str] = {
        "event": f"the learned typer: the sentence reports a {cand.event} ('{cand.trigger.text}')"
        if cand.learned
        else f"'{cand.trigger.text}' ({cand.sense.pos.lower()}) → {cand.event}"
    }
    reasons["actor"] = roles.how
    # time
    sent_start = seg_start + sent.start_char
    found = dates.find_dates(sent_text, doc.report_date, future="future" in fact.aux)
    date = enddate = None
    story = anaphoric_dates(sent_text, state.anchor) + year_dates(sent_text, state.year)
    if story:
        found = sorted(
            [d for d in found if all(d.end <= a.start or a.end <= d.start for a in story)] + story,
            key=lambda d: d.start,
        )
    best = pick_date(
        cand, found, sent, trig_offset, bool(fact.speaker), state.anchor, doc.report_date
    )
    if best is not None:
        if best.present and doc.report_date:
            date = doc.report_date
            reasons["date"] = f"'{best.text}': happening at report date {doc.report_date}"
        else:
            date, enddate = best.date, best.enddate
            reasons["date"] = best.reason
            done = told_as_done(cand.head, best, doc.report_date) if not fact.aux else None
            coming = told_as_coming(cand, best, doc.report_date)
            if done is not None:
                date, enddate = done
                reasons["date"] += f"; told as done: the last such date before the report, {date}"
            elif coming is not None:
                date, enddate = coming
                reasons["date"] += f"; what was pointed to is to come: {date}"
        lasting = lasts(cand.trigger, date) if date and not enddate else None
        if lasting is not None:
            enddate, how = lasting
            reasons["date"] += f"; {how}"
        stretch = lasted(cand.trigger, enddate or date) if date else None
        if stretch is not None:
            date, enddate, how = stretch
            reasons["date"] += f"; {how}"
        whole = begun(cand.trigger, found, date) if date and not enddate else None
        if whole is not None:
            date, enddate, how = whole
            reasons["date"] = how
    elif found:
        reasons["date"] = "the sentence's dates belong to the report of it, not to the event"
    else:
        reasons["date"] = "the sentence gives no date"
        if _episode_date(cand, fact, state, seg_start, sent, load_lexicon()):
            date = state.anchor
            reasons["date"] = (
                f"no date in the sentence: the day of the deed told just before it, {date}"
            )
        elif roles.deed is not None and roles.deed.date and not fact.aux:
            # "The package also bans ...": what the deed told before does, it does from then
            date, enddate = roles.deed.date, roles.deed.enddate
            reasons["date"] = (
                f"no date in the sentence: the date of the deed its subject names, {date}"
            )
    aux = list(fact.aux)
    if (
        date
        and doc.report_date
        and date[: len(doc.report_date)] > doc.report_date[: len(date)]
        and not aux
    ):
        aux.append("future")  # dated after the report: announced, not yet done
        fact.reason = f"dated {date}, after the report"
    if dates.is_historical(enddate or date, doc.report_date):
        aux.append("historical")
    reasons["aux"] = fact.reason
    if loc is not None:
        reasons["event_loc"] = loc_reason
    kind = cand.kind or _kind_from_cues(cand, sent, withdrawn)  # after convert(), which may retype
    if cand.learned and kind not in _LEARNED_KINDS:
        kind = None
    mode = _modes(cand, sent, withdrawn)
    if kind == "armed_clash" and (
        "crowd-control" in mode or (roles.actor and all(e.sector == "COP" for e in roles.actor))
    ):
        # police dispersing protesters, or raiding an office, is no clash between armed sides
        kind = None
    event_text = _event_text(cand)
    confidence = _confidence(cand, roles, date, fact)
    if fact.speaker or fact.hedged:
        reasons["attribution"] = fact.reason
    return Event(
        id="",
        event=cand.event,
        mode=mode,
        context=list(dict.fromkeys(cand.context)),
        kind=kind,
        aux=aux,
        actor=roles.actor,
        recipient=roles.recipient,
        date=date,
        enddate=enddate,
        report_date=doc.report_date,
        event_loc=loc,
        attribution=Attribution(speaker=fact.speaker, hedged=fact.hedged),
        confidence=confidence,
        text_info=TextInfo(
            doc_id=doc.id,
            sentence=state.sentence,
            start=sent_start,
            end=sent_start + len(sent_text),
        ),
        event_text=event_text,
        reasons=reasons,
    )


def filed_at(text: str) -> tuple[Location | None, str]:
    """The place of the document's wire dateline ("YEREVAN, Nov 24 -"), when the gazetteer
    knows its first name; several ("MOSCOW/BAKU") name no one place."""
    head = text[: dateline_end(text)]
    name = head.split(",")[0].strip()
    if not name or "/" in name:
        return None, ""
    where = places.place_for(name)
    if where is None or not where.country_code:
        return None, ""
    return where, f"'{name}', where the report was filed (its dateline)"


def _place(
    cand: Candidate, roles: Roles, text: str, trig_offset: int, resolver: EntityResolver
) -> tuple[Location | None, str]:
    matches = places.find_places(text)
    sent_start = cand.trigger.sent.start_char
    actor_spans = set()
    for token in cand.trigger.sent:
        if token.dep_ in ("nsubj", "nsubjpass", "poss", "agent") or token.head.dep_ == "agent":
            span = resolver.span_at(token)
            if span is not None:
                actor_spans.add((span.start_char - sent_start, span.end_char - sent_start))
    # a dateline of several cities ("MOSCOW/BAKU, Nov 24 -") names no one place (filed_at)
    dateline = dateline_end(text)
    shared = "/" in text[:dateline].split(",")[0]
    usable = []
    for m in matches:
        if any(s <= m.start < e for s, e in actor_spans) or (shared and m.start < dateline):
            continue
        before = text[max(0, m.start - 12) : m.start].lower().split()
        prep_ok = bool(before) and (
            before[-1] in _PLACE_PREPS or (len(before) > 1 and before[-2] in _PLACE_PREPS)
        )
        usable.append((not prep_ok, span_distance(m.start, m.end, trig_offset), m))
    if usable:
        usable.sort(key=lambda u: (u[0], u[1]))
        m = usable[0][2]
        return m.location, f"'{m.location.text}' named in the sentence"
    if cand.event in _HOME_LOCATED or cand.kind in ("armed_clash", "military_exercise"):
        for entity in roles.recipient if cand.kind == "military_facility" else roles.actor:
            if entity.is_state:
                return Location(
                    text=entity.text, country_code=entity.code, resolution=1
                ), f"country of {entity.text}"
    return None, ""


def _kind_from_cues(cand: Candidate, sent: Any, withdrawn: set[int]) -> str | None:
    lex = load_lexicon()
    words: set[str] = set()
    scope = [cand.trigger, *cand.absorbed]
    if cand.sense.charges:
        # what a sanction or an arrest is "for" or "over" is the charge, a deed of its
        # own: "blacklisted a bank over payments for Russian arms makers" moved no arms
        withdrawn = withdrawn | {
            t.i
            for c in cand.trigger.children
            if c.dep_ == "prep" and c.lower_ in load_words().charge_preps
            for t in c.subtree
        }
    tokens = [t for node in scope for t in _own_clause(node) if t.i not in withdrawn]
    for t in tokens:
        words.add(t.lower_)
        words.add(t.lemma_.lower())
    text = sent.text.lower()
    allowed = {
        "military_exercise": {"REJECT", "COOPERATE", "MOBILIZE"},
        "military_facility": {"COOPERATE", "SANCTION", "RETREAT", "AGREE", "REJECT"},
        "arms_transfer": {"AID", "AGREE", "SANCTION"},
        "membership": {"THREATEN", "SANCTION", "AGREE", "REQUEST", "REJECT", "CONCEDE"},
        "summit": {"CONSULT", "REJECT"},
        "sanctions": {"SANCTION", "THREATEN"},
        "assistance_request": {"REQUEST"},
        "mediation": {"CONSULT", "RETREAT"},
    }
    for kind, cues in lex.kind_cues.items():
        if cand.event not in allowed.get(kind, set()):
            continue
        found = words
        if kind == "membership":
            if cand.event in _AIMED_AT_BLOC:
                cues = cues | load_words().bloc_words  # "skipped the bloc's meetings"
            found = _membership_words(cand, tokens)
        if found & cues or any(" " in c and c in text for c in cues):
            if kind == "membership" and not _names_igo(cand):
                continue
            return kind
    if cand.event == "ASSAULT":
        return "armed_clash"
    return None


def _membership_words(cand: Candidate, tokens: list[Token]) -> set[str]:
    """The words that may make an event one of membership: not a word describing a bloc, a
    state or a name ("the six-member alliance signed the documents", "member states met";
    an "EU membership bid" stays), nor the doer ("the bloc had failed to condemn the
    attack" turns away from no bloc)."""
    subject = subject_of(cand.head)[0] if cand.head.pos_ in ("VERB", "AUX") else None
    # (a relative clause's antecedent holds the clause: "Armenia, which froze its
    # participation in the bloc" is done by Armenia, to the bloc)
    doer = {t.i for t in subject.subtree} if subject is not None else set()
    if subject is not None and any(a.i == subject.i for a in cand.head.ancestors):
        doer -= {t.i for t in cand.head.subtree}
    described = load_lexicon().not_triggers | load_words().bloc_words
    out: set[str] = set()
    for t in tokens:
        if t.i in doer or (
            t.dep_ in ("compound", "amod")
            and (t.head.ent_type_ or t.head.lower_ in described or t.head.lemma_ in described)
        ):
            continue
        out.add(t.lower_)
        out.add(t.lemma_.lower())
    return out


# events whose naming the alliance ("the bloc") makes them of kind membership: turning
# away from it, threatening or sanctioning it (not agreeing with or asking it)
_AIMED_AT_BLOC = frozenset({"REJECT", "THREATEN", "SANCTION", "CONCEDE"})


# clauses of their own under a word: their words say nothing of its event's kind
_OTHER_CLAUSES = frozenset({"relcl", "parataxis", "csubj"})


def _own_clause(node: Any) -> list[Any]:
    """The words of a node's subtree outside the clauses hung on it: in "troops were flown
    in after Tokayev asked for help, as protests over fuel prices turned into riots", the
    fuel is no cargo."""
    out: list[Any] = []
    stack = [node]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in t.children if not _another_clause(c))
    return out


def _another_clause(token: Any) -> bool:
    """A clause of its own: relative, paratactic, a clausal subject, a coordinated verb, or an
    adverbial clause that a subordinator opens ("after Tokayev asked", "as protests turned")
    or a participle heads.
    An adverbial clause with no subordinator is more often a noun the small parser took for a
    verb ("calls off CSTO drills weeks after the war": drills as a verb)."""
    if token.dep_ == "conj" and token.pos_ == "VERB":
        return True
    if token.dep_ == "advcl":
        # opened by a subordinator, or a participle ("..., saying the bloc had failed")
        return token.tag_ in ("VBG", "VBN") or any(c.dep_ == "mark" for c in token.children)
    return token.dep_ in _OTHER_CLAUSES


def _under_withdrawal(cand: Candidate, sent: Any, lex: Lexicon) -> set[int]:
    """Tokens in the scope of a withdrawal verb other than the trigger: "called on
    Kyrgyzstan to withdraw its troops" asks for troops to leave, not for troops."""
    out: set[int] = set()
    for t in sent:
        if t.i == cand.trigger.i or t.pos_ != "VERB":
            continue
        if any(sense.event == "RETREAT" for sense in lex.verbs.get(t.lemma_.lower(), ())):
            out.update(x.i for x in t.subtree)
    return out


def _names_igo(cand: Candidate) -> bool:
    for node in [cand.trigger, *cand.absorbed, cand.head]:
        for t in node.subtree:
            if t.ent_type_ and t.text.isupper() and len(t.text) >= 2:
                return True
            if t.lower_ in (
                "bloc",
                "alliance",
                "organisation",
                "organization",
                "nato",
                "csto",
                "eu",
            ):
                return True
    return False


def _modes(cand: Candidate, sent: Any, withdrawn: set[int]) -> list[str]:
    lex = load_lexicon()
    modes = list(cand.mode)
    cues = lex.mode_cues.get(cand.event, {})
    kept = [t for t in sent if t.i not in withdrawn]
    lowers = {t.lower_ for t in kept} | {t.lemma_.lower() for t in kept}
    text = sent.text.lower()
    for mode, words in cues.items():
        if mode not in modes and (lowers & words or any(" " in w and w in text for w in words)):
            modes.append(mode)
    return modes


def _event_text(cand: Candidate) -> str:
    tokens = sorted(
        {
            t.i: t for t in [*cand.words, *([cand.governor] if cand.governor is not None else [])]
        }.values(),
        key=lambda t: t.i,
    )
    if not tokens:
        return str(cand.trigger.text)
    doc = cand.trigger.doc
    start, end = tokens[0].i, tokens[-1].i + 1
    if end - start > 8:
        return " ".join(t.text for t in tokens)
    return str(doc[start:end].text)


def _confidence(cand: Candidate, roles: Roles, date: str | None, fact: Factuality) -> float:
    score = 0.45
    if cand.sense.pos == "VERB" or cand.governor is not None:
        score += 0.15
    if roles.syntactic and roles.actor:
        score += 0.15
    if roles.recipient:
        score += 0.05
    if date:
        score += 0.05
    if cand.kind:
        score += 0.05
    if cand.head.dep_ == "ROOT" or (cand.head.dep_ == "ccomp" and cand.head.head.dep_ == "ROOT"):
        score += 0.05  # what the sentence (or its reported statement) is about
    if fact.hedged:
        score -= 0.1
    if fact.aux:
        score -= 0.05
    return round(max(0.05, min(0.95, score)), 3)
