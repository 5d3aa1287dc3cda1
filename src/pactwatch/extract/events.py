"""Event stage: find the words that express PLOVER events in a parsed sentence.

A trigger is a verb or a nominalisation from the lexicon (triggers.yaml), read
with the parse around it: a light verb ("held exercises", "launched an attack")
lends its subject to the noun it governs; a control verb ("refused to sign",
"threatened to leave") absorbs its complement; a verb absorbs a trigger noun it
governs ("cancelled the exercises" is one REJECT of kind military_exercise).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pactwatch.extract.clauses import misread_noun, subject_of
from pactwatch.extract.lexicon import Lexicon, Sense, load_lexicon
from pactwatch.knowledge.words import load_words

Token = Any

# particles and objects that make a verb's key multiword ("call off", "take part")
_PHRASE_DEPS = frozenset({"prt", "dobj", "prep", "advmod", "acomp", "xcomp"})
# verbs that, governing a summit or meeting, mean taking part in it
_ATTEND = frozenset({"go", "come", "attend", "travel", "fly", "arrive", "join", "take"})
# intransitive verbs whose subject is an event that happened ("clashes began")
_HAPPEN = frozenset({"begin", "start", "continue", "erupt", "break", "occur", "take", "resume", "end", "escalate", "intensify", "last", "flare", "happen", "unfold", "conclude"})  # fmt: skip
# control verbs whose verbal complement is the event itself (deciding to appeal is appealing)
_PASS_THROUGH = frozenset({"decide", "plan", "intend", "prepare", "hope", "try", "seek", "attempt", "want", "aim", "move", "vote", "begin", "start", "continue", "resume", "agree"})  # fmt: skip
# control verbs whose complement is the content of a speech act, not an event of its own
_CONTENT_HOLDERS = frozenset({"THREATEN", "REQUEST", "REJECT", "AGREE"})
# verbs of deciding: deciding not to do something is refusing it
_DECIDING = frozenset({"decide", "choose", "opt", "vote"})
# ... of which what is asked, threatened or refused is not done, however many deeds it joins
_UNDONE_CONTENT = _CONTENT_HOLDERS - {"AGREE"}
_TOPIC_HOLDERS = frozenset({"CONSULT", "AGREE", "REQUEST", "REJECT"})
_TOPIC_PREPS = frozenset({"on", "about", "over", "regarding", "concerning"})
_VERBAL_EVENTS = frozenset({"REQUEST", "ACCUSE", "REJECT", "THREATEN", "CONSULT", "SANCTION"})
# prepositions that place a noun in a scene rather than make it the verb's object
_SCENE_PREPS = frozenset(
    {
        "at",
        "in",
        "during",
        "after",
        "before",
        "since",
        "amid",
        "despite",
        "following",
        "until",
        "throughout",
        "over",
        "within",
        "across",
    }
)
_OBJ_DEPS = frozenset({"dobj", "nsubjpass", "attr", "oprd", "dative"})
_COUNTER_PREFIXES = frozenset({"counter", "anti"})
_COUNTER_WORDS = tuple(f"{p}-" for p in sorted(_COUNTER_PREFIXES))  # "counter-terrorism"
_HYPHEN_TOKENS = frozenset({"-", "\u2010", "\u2011", "\u2013"})
# named entities whose inner words name no event of their own
_NAMES = frozenset({"ORG", "EVENT"})


@dataclass
class Candidate:
    """One trigger in a sentence, with what governs it."""

    trigger: Token  # the word that names the event
    sense: Sense
    event: str
    words: list[Token]  # trigger words for event_text
    governor: Token | None = None  # light or control verb whose subject is the actor
    absorbed: list[Token] = field(default_factory=list)
    kind: str | None = None
    mode: list[str] = field(default_factory=list)
    context: list[str] = field(default_factory=list)
    content: str | None = None  # the event type a control verb absorbed ("threatened to close")
    learned: bool = False  # typed by the learned typer, for a sentence the rules found nothing in
    lead: bool = False  # a learned candidate in the story's lead (learned.model_candidate)
    sure: bool = False  # a learned candidate the model gives NEW_RECORD_AT or more

    @property
    def head(self) -> Token:
        """The verb that carries tense, negation and the subject."""
        return self.governor if self.governor is not None else self.trigger


def _key_senses(token: Token, lex: Lexicon) -> list[tuple[Sense, list[Token]]]:
    """The lexicon senses a token can have, longest key first."""
    lemma = token.lemma_.lower()
    lower = token.lower_
    out: list[tuple[Sense, list[Token]]] = []
    # asked once per token of every sentence: only a token tagged a verb can be misread
    misread = token.tag_.startswith("VB") and misread_noun(token)
    if (token.pos_ in ("VERB", "AUX") and not misread) or (
        token.pos_ == "NOUN" and token.tag_.startswith("VB")
    ):
        lemma = lex.verb_lemma(token)
        for child in token.children:
            # a preposition before the verb is no part of it: "On Nov. 2, X called Y" is no
            # "call on" (an adverb may come first: "sexually abused")
            if child.dep_ in _PHRASE_DEPS and (
                child.dep_ != "prep" or (child.i > token.i and not _dates(child))
            ):
                out.extend(
                    (s, [token, child]) for s in lex.verbs.get(f"{lemma} {child.lower_}", ())
                )
        out.extend((s, [token]) for s in lex.verbs.get(lemma, ()))
    elif token.pos_ in ("NOUN", "PROPN") or misread:
        for child in token.children:
            if child.dep_ in ("compound", "amod"):
                senses = lex.nouns.get(f"{child.lower_} {lower}") or lex.nouns.get(
                    f"{child.lemma_.lower()} {lemma}", ()
                )
                out.extend((s, [child, token]) for s in senses)
            if child.dep_ == "prep" and child.lower_ == "of":
                for pobj in child.children:
                    for s in lex.nouns.get(f"{lower} of {pobj.lower_}", ()):
                        out.append((s, [token, child, pobj]))
        out.extend((s, [token]) for s in (lex.nouns.get(lower) or lex.nouns.get(lemma, ())))
    return out


def _bare_object(token: Token, words: frozenset[str]) -> bool:
    """Whether the verb's object among `words` (any, if none) stands alone, with no determiner,
    possessor or "of" phrase: an idiom's object ("stopped work"), not a thing of someone's."""
    return any(
        c.dep_ == "dobj"
        and (not words or c.lower_ in words or c.lemma_.lower() in words)
        and not any(
            g.dep_ in ("det", "poss") or (g.dep_ == "prep" and g.lower_ == "of") for g in c.children
        )
        for c in token.children
    )


def _dates(prep: Token) -> bool:
    """A preposition that only dates or times the verb is no part of it: "called Tokayev
    on Tuesday" is a telephone call, not "call on"."""
    return any(c.dep_ == "pobj" and c.ent_type_ in ("DATE", "TIME") for c in prep.children)


def _subtree_lemmas(
    token: Token, deps: frozenset[str], limit: int = 40, *, countered: bool = True
) -> set[str]:
    """The words of a token's objects (`countered=False`: not those a prefix turns round,
    "anti-terrorist")."""
    out: set[str] = set()
    for child in token.children:
        if child.dep_ in deps or (child.dep_ == "prep" and "prep" in deps):
            # a relative clause tells more of the object, not what it is: "ending a
            # dispute that led to deadly clashes" ends no clashes
            told = {t.i for r in child.subtree if r.dep_ == "relcl" for t in r.subtree}
            for t in list(child.subtree)[:limit]:
                if t.i not in told and (countered or not _countered(t)):
                    out.add(t.lemma_.lower())
                    out.add(t.lower_)
    return out


# where a trigger's object or complement lies
_OBJECT_DEPS = frozenset(
    {
        "dobj",
        "nsubjpass",
        "xcomp",
        "attr",
        "prep",
        "pobj",
        "ccomp",
        "compound",
        "amod",
        "oprd",
        "dative",
    }
)


def ruled_out(verb: Token, event: str | None) -> bool:
    """Whether the rules rule a verb's event of this type out as saying nothing: a refusal
    "to comment" turns nothing down. The learned typer must not make the record the rules
    refused."""
    return event == "REJECT" and _says_nothing(verb)


def _says_nothing(verb: Token) -> bool:
    """ "declined to comment", "refused to speculate": the complement is a verb of
    `silent_verbs` (words.yaml), not a demand or offer turned down."""
    silent = load_words().silent_verbs
    return any(c.dep_ == "xcomp" and c.lemma_.lower() in silent for c in verb.children)


def _governor(token: Token) -> str:
    """The lemma of the word a trigger hangs on, through an "of" ("a note of protest":
    note)."""
    head = token.head
    if head.dep_ == "prep" and head.lower_ == "of" and head.head is not head:
        head = head.head
    return str(head.lemma_.lower())


def _subjects(token: Token) -> list[Token]:
    """Who or what does a trigger's deed, for `needs_subject` and `excludes_subject`."""
    subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
    if token.dep_ == "acl":
        subjects.append(token.head)  # "sanctions targeting the sector": sanctions target
    elif not subjects and token.dep_ == "advcl" and token.tag_ == "VBG":
        # "widened sanctions against Russia, targeting 20 officials": a participle that
        # says more of its clause's deed does what the clause's object does
        subjects += [c for c in token.head.children if c.dep_ == "dobj"]
    elif not subjects and token.dep_ in ("xcomp", "conj"):
        # "ordered the units to return": the object above does it; "peacekeepers have
        # begun leaving", "troops crossed and left": the subject above
        told = [c for c in token.head.children if c.dep_ == "dobj" and c.i < token.i]
        above = told if told and token.dep_ == "xcomp" else [subject_of(token)[0]]
        subjects += [s for s in above if s is not None]
    return subjects


def _conditions_hold(token: Token, sense: Sense, entity_kind: Any) -> bool:
    if sense.control and ruled_out(token, sense.event):
        return False  # "declined to comment"
    if sense.needs or sense.excludes or sense.needs_negative:
        objects = _subtree_lemmas(token, _OBJECT_DEPS)
        if sense.needs and not (objects & sense.needs):
            return False
        if objects & sense.excludes:
            return False  # "fight hunger" is no battle
        if sense.needs_negative and not (
            _subtree_lemmas(token, _OBJECT_DEPS, countered=False) & load_lexicon().negative_words
        ):
            # "called the measures unjustified": a condemnation; "what it called
            # anti-terrorist measures" none
            return False
    if sense.needs_bare and not _bare_object(token, sense.needs):
        return False  # "stopped the work of NGOs" is no strike of theirs
    if sense.needs_prep and not any(
        c.dep_ in ("prep", "agent", "dative") and c.lower_ in sense.needs_prep
        for c in token.children
    ):
        return False
    if sense.needs_subject or sense.excludes_subject:
        subjects = {t.lemma_.lower() for s in _subjects(token) for t in s.subtree}
        if sense.needs_subject and not subjects & sense.needs_subject:
            return False
        if subjects & sense.excludes_subject:
            return False  # "the jet was flying from Baku to Grozny" is no visit
    governor = _governor(token)
    if sense.needs_governor and governor not in sense.needs_governor:
        return False
    if governor in sense.excludes_governor:
        return False  # "crashed near Aktau, killing 38" is no attack
    if sense.needs_dep and not any(c.dep_ in sense.needs_dep for c in token.children):
        return False
    happening = token.dep_ == "nsubj" and token.head.lemma_.lower() in _HAPPEN
    if (
        sense.needs_modifier
        and not happening
        and not any(
            c.lemma_.lower() in sense.needs_modifier
            for c in token.children
            if c.dep_ in ("amod", "compound")
        )
    ):
        return False
    if not sense.needs_entity:
        return True
    # with a preposition named too, the actor must be its object: "returned to the CSTO",
    # not "returned to Yerevan after the CSTO summit"
    phrases = (
        [c for c in token.children if c.dep_ == "prep" and c.lower_ in sense.needs_prep]
        if sense.needs_prep
        else [token]
    )
    return any(entity_kind(p, sense.needs_entity) for p in phrases)


def find_candidates(sent: Any, entity_kind: Any, lex: Lexicon | None = None) -> list[Candidate]:
    """Every event trigger in a sentence, after light and control verbs are folded in.

    `entity_kind(token, kind)` says whether the object subtree of `token` names an
    actor of that kind ("state", "igo", "any"); the entity stage provides it.
    """
    lex = lex or load_lexicon()
    # the tokens that are light verbs, and verbs of saying
    light: set[int] = set()
    speech: set[int] = set()
    cands: dict[int, Candidate] = {}
    for token in sent:
        if token.lower_ in lex.not_triggers or _document_topic(token, lex):
            continue
        if token.pos_ == "NOUN" and token.dep_ == "compound":
            continue  # a noun naming a kind of thing: "attack helicopters", "a ceasefire line"
        if _describes(token):
            continue  # a participle describing a noun: "a Russian-brokered ceasefire"
        if _named_as(token):
            continue  # the name a speaker gives a deed: "which it called 'targeted killings'"
        if token.pos_ == "NOUN" and token.dep_ == "pobj" and token.head.lower_ == "since":
            continue  # a time frame: "16 years since war with Russia", "the first visit since the war"
        if token.pos_ == "PROPN" and token.ent_type_ in _NAMES and token.ent_iob_ == "I":
            # a word inside an organisation's or a period's name: "Government of National
            # Accord", "the biggest exercise since the Cold War"
            continue
        for sense, words in _key_senses(token, lex):
            if sense.light and token.pos_ in ("VERB", "AUX"):
                light.add(token.i)
            if sense.speech:
                speech.add(token.i)
            if sense.event is None:
                continue
            if not _conditions_hold(token, sense, entity_kind):
                continue
            if sense.event == "SUPPORT" and _purpose(token):
                break  # "handed over vehicles to support health services": the aim of a deed
            cands[token.i] = Candidate(
                trigger=token, sense=sense, event=sense.event, words=words,
                kind=sense.kind, mode=list(sense.mode), context=list(sense.context),
            )  # fmt: skip
            break
    _fold(sent, cands, light, lex)
    _obligations(sent, cands, speech)
    _commitments(sent, cands)
    _disapproval(sent, cands, speech, lex)
    return [c for _, c in sorted(cands.items())]


def _purpose(token: Token) -> bool:
    """A "to" infinitive that says what another deed is for ("sent troops to support
    Assad", "in order to support"): verbal support is no deed's aim, so the word there
    means the deed's material help, told by the deed itself."""
    to = any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
    return to and (token.dep_ == "advcl" or (token.dep_ == "acl" and token.head.lower_ == "order"))


def _describes(token: Token) -> bool:
    """A past participle right before its noun, or before the noun's other modifiers,
    with nothing of its own beyond adverbs and a hyphened modifier ("a Russian-brokered
    ceasefire", "the newly elected president", "the targeted interstate programme"): it
    describes the noun, and names no event. Not a verb the small parser took for an
    adjective ("the government regularly supplied diesel fuel to the army": no
    determiner opens "diesel fuel")."""
    head = token.head
    return (
        token.tag_ == "VBN"
        and token.dep_ == "amod"
        and head.pos_ == "NOUN"
        and (
            head.i == token.i + 1
            # other modifiers between, in a noun phrase its determiner opens
            or (
                head.i > token.i
                and all(
                    t.head.i == head.i and t.dep_ in ("amod", "compound")
                    for t in token.doc[token.i + 1 : head.i]
                )
                and any(c.dep_ in ("det", "poss") and c.i < token.i for c in head.children)
            )
        )
        and all(c.dep_ in ("advmod", "npadvmod", "compound", "punct") for c in token.children)
    )


def _named_as(token: Token) -> bool:
    """A word in the name a verb of naming gives something: "the deaths, which it called
    'targeted ethnic killings'", "described the shelling as an attack on civilians". The
    name is the speaker's word for a deed told elsewhere (or the charge its ACCUSE
    carries), not a deed of its own."""
    naming = load_words().naming_verbs
    node = token
    for _ in range(6):
        head = node.head
        if head.i == node.i:
            return False
        if node.dep_ == "oprd" and head.lemma_.lower() in naming:
            return True
        if node.dep_ == "pobj" and head.lower_ == "as" and head.head.lemma_.lower() in naming:
            return True
        if node.dep_ not in ("amod", "compound", "pobj", "prep", "oprd", "nmod"):
            return False
        node = head
    return False


# prepositions by which a document names what it is about
_ABOUT = frozenset({"on", "about", "concerning", "regarding"})


def _document_topic(token: Token, lex: Lexicon) -> bool:
    """A noun that is what a document is about ("a draft document on joint assistance",
    "a resolution on sanctions"): the document's subject, not a deed. Agreements are
    not in the list: an agreement on a ceasefire is coded with the ceasefire."""
    head = token.head
    return (
        token.pos_ == "NOUN"
        and token.dep_ == "pobj"
        and head.lower_ in _ABOUT
        and head.head.lemma_.lower() in lex.document_nouns
    )


def _fold(sent: Any, cands: dict[int, Candidate], light: set[int], lex: Lexicon) -> None:
    """Apply light verbs, control verbs and absorption; drop bare nominal mentions."""
    for i, cand in list(cands.items()):
        token = cand.trigger
        if cand.sense.pos != "NOUN":
            continue
        answers = _answers_for(token)
        if answers is not None:
            cand.governor = answers  # its subject did the deed
            continue
        gov = _governing_verb(token)
        if gov is None:
            continue
        existential = gov.lemma_ == "be" and any(c.dep_ == "expl" for c in gov.children)
        if (
            gov.i in light
            or existential
            or (gov.lemma_.lower() in _ATTEND and cand.event == "CONSULT")
            # "joined the EU sanctions": imposing them too; "will not join" them, refusing
            or (gov.lemma_.lower() == "join" and cand.event == "SANCTION")
        ):
            cand.governor = gov
            if gov.i in cands and cands[gov.i].sense.event and gov.lemma_.lower() in _ATTEND:
                del cands[gov.i]  # "attend the summit": the summit is the event
        elif gov.i in cands and gov.i != i:
            outer = cands[gov.i]
            if _noun_wins(outer, cand):
                cand.governor = gov
                cand.absorbed.append(gov)
                del cands[gov.i]
            else:
                outer.absorbed.append(token)
                outer.kind = outer.kind or _absorbed_kind(outer, cand)
                del cands[i]
    # control verbs: the complement's event or the controller's. Deepest first, so that a
    # complement settles its own before it is absorbed: in "agreed to halt fighting" the
    # halt takes the fighting, then the agreement takes the halt
    for i, cand in sorted(cands.items(), key=lambda kv: -_depth(kv[1].trigger)):
        token = cand.trigger
        if cand.sense.pos != "VERB" or i not in cands:
            continue
        holds = _holds_content(cand)
        for child in token.children:
            if child.dep_ not in ("xcomp", "ccomp"):
                continue
            if holds:
                # "urged them to prevent escalation and to settle the dispute": every
                # infinitive joined to the complement is what is urged
                for more in _shared_subject_conjuncts(child):
                    if more.i in cands:
                        cand.absorbed.append(more)
                        del cands[more.i]
            if child.i not in cands:
                continue
            inner = cands[child.i]
            if _inner_wins(cand, inner):
                inner.governor = inner.governor or token
                del cands[i]
                break
            if cand.sense.control:
                cand.absorbed.append(child)
                cand.kind = cand.kind or _controlled_kind(cand, inner)
                cand.content = cand.content or inner.event
                del cands[child.i]
    # "threatened to institute a curfew": the curfew is what is threatened, not a second event
    for cand in list(cands.values()):
        if (
            not cand.sense.control
            or cand.trigger.i not in cands
            or cand.event not in _CONTENT_HOLDERS
        ):
            continue
        for child in cand.trigger.children:
            if child.dep_ != "xcomp" or child.i in cands:
                continue
            for obj in child.children:
                content = cands.get(obj.i)
                if obj.dep_ == "dobj" and content is not None and content.sense.pos == "NOUN":
                    cand.absorbed.append(child)
                    cand.kind = cand.kind or _absorbed_kind(cand, content) or content.kind
                    cand.content = cand.content or content.event
                    del cands[obj.i]
    # governing light verbs of verbs ("began leaving")
    for cand in cands.values():
        head = cand.trigger
        if (
            cand.sense.pos == "VERB"
            and head.dep_ == "xcomp"
            and head.head.i in light
            and cand.governor is None
        ):
            cand.governor = head.head
    # what talks are about, and talks at a meeting, are part of another event
    for holder_of in (_topic_holder, _meeting_holder):
        for i, cand in list(cands.items()):
            holder = holder_of(cand, cands)
            if holder is not None and holder is not cand:
                holder.absorbed.append(cand.trigger)
                holder.kind = holder.kind or cand.kind
                del cands[i]
    # "Armenia decided not to attend the CSTO summit": a decision against a deed refuses it
    for cand in cands.values():
        if cand.event == "AGREE" and any(
            _decided_against(cand, c) for c in cand.trigger.children if c.dep_ == "xcomp"
        ):
            cand.event, cand.mode = "REJECT", []
    # nominal mentions without participants or governor: not an event report
    for i, cand in list(cands.items()):
        if (
            cand.sense.pos == "NOUN"
            and cand.sense.nominal_only_with_participants
            and (
                (cand.governor is None and not _has_participant_slot(cand.trigger))
                or _named_by_owner(cand.trigger)
            )
        ):
            del cands[i]


def _topic_holder(cand: Candidate, cands: dict[int, Candidate]) -> Candidate | None:
    """ "negotiations on an Israeli troop pullback": what talks or a deal are about is
    their topic, not an event that happened."""
    prep = cand.trigger.head
    if (
        cand.trigger.dep_ not in ("pobj", "pcomp")
        or prep.dep_ != "prep"
        or prep.lower_ not in _TOPIC_PREPS
    ):
        return None
    holder = cands.get(prep.head.i)
    if holder is None:
        # "renewed negotiations today on a pullback": the preposition hangs on the light
        # verb that governs the talks
        holder = next(
            (
                c
                for c in cands.values()
                if c.governor is not None
                and c.governor.i == prep.head.i
                and c.trigger.dep_ == "dobj"
            ),
            None,
        )
    if holder is None:
        # "suspended talks on joining NATO": the talks hang on the deed that absorbed them
        holder = next(
            (c for c in cands.values() if any(t.i == prep.head.i for t in c.absorbed)), None
        )
    if holder is None:
        return None
    # "would suspend talks on joining the EU": the talks the suspension absorbed hold it
    lex = load_lexicon()
    talks = any(
        s.event in _TOPIC_HOLDERS
        for t in holder.absorbed
        if t.pos_ == "NOUN"
        for s in lex.nouns.get(t.lower_) or lex.nouns.get(t.lemma_.lower(), ())
    )
    return holder if holder.event in _TOPIC_HOLDERS or talks else None


def _meeting_holder(cand: Candidate, cands: dict[int, Candidate]) -> Candidate | None:
    """ "will discuss relations at a summit": talks at a meeting are that meeting."""
    prep = cand.trigger.head
    if (
        cand.event != "CONSULT"
        or cand.trigger.dep_ != "pobj"
        or prep.lower_ not in ("at", "during")
    ):
        return None
    holder = cands.get(prep.head.i)
    return holder if holder is not None and holder.event == "CONSULT" else None


_OBLIGATION = frozenset({"must", "should", "ought"})
_DEMAND_SENSE = Sense(lemma="must", pos="VERB", event="REQUEST", mode=("change",), control=True)


def _obligations(sent: Any, cands: dict[int, Candidate], speech: set[int]) -> None:
    """ "Russia said Sudan must return the helicopter": saying that another must act is a demand.

    The REQUEST's trigger is the obligation's verb; the speech verb lends its
    subject as actor, and the clause's subject is the one asked.
    """
    for i in sorted(speech):
        verb = sent.doc[i]
        for clause in verb.children:
            if clause.dep_ != "ccomp" or clause.pos_ not in ("VERB", "AUX"):
                continue
            if not any(c.dep_ == "aux" and c.lower_ in _OBLIGATION for c in clause.children):
                continue
            if any(c.dep_ == "neg" for c in clause.children):
                continue
            cands.pop(clause.i, None)
            cands[clause.i] = Candidate(
                trigger=clause, sense=_DEMAND_SENSE, event="REQUEST", words=[clause],
                governor=verb, mode=["change"],
            )  # fmt: skip


# readiness words: "is willing to withdraw", "stood ready to respond with sanctions"
_READY = frozenset({"willing", "ready", "prepared", "determined", "poised", "eager", "keen"})
# contents that make a stated readiness a threat rather than a promise, with the threat's mode
HOSTILE_MODES = {
    "ASSAULT": "violence",
    "MOBILIZE": "violence",
    "COERCE": "restrict",
    "SANCTION": "restrict",
    "THREATEN": "violence",
}
_PROMISE_SENSE = Sense(lemma="ready", pos="VERB", event="AGREE", control=True)
_THREAT_SENSE = Sense(lemma="ready", pos="VERB", event="THREATEN", control=True)


def _commitments(sent: Any, cands: dict[int, Candidate]) -> None:
    """ "Syria is willing to withdraw its troops": a readiness stated is a promise (AGREE);
    a readiness to do harm ("stood ready to respond with further sanctions") is a threat.

    The readiness word becomes the trigger; the copula's subject is the actor, and
    the event it is ready for is its content, not a record of its own.
    """
    for token in sent:
        if token.lower_ not in _READY or token.i in cands:
            continue
        clause = next((c for c in token.children if c.dep_ == "xcomp"), None)
        if clause is None:
            continue
        inside = [j for j in (t.i for t in clause.subtree) if j in cands]
        if not inside:
            continue
        content = cands[inside[0]]
        hostile = HOSTILE_MODES.get(content.event)
        for j in inside:
            del cands[j]
        governor = token.head if token.dep_ in ("acomp", "oprd", "xcomp") else None
        sense = _THREAT_SENSE if hostile else _PROMISE_SENSE
        cands[token.i] = Candidate(
            trigger=token, sense=sense, event=sense.event or "AGREE", words=[token],
            governor=governor, absorbed=[clause], kind=content.kind,
            mode=[hostile] if hostile else [],
        )  # fmt: skip


_DISAPPROVE_SENSE = Sense(lemma="say", pos="VERB", event="ACCUSE", mode=("disapprove",))


def _disapproval(sent: Any, cands: dict[int, Candidate], speech: set[int], lex: Lexicon) -> None:
    """ "The EU said the law goes against its core values": a statement condemning is an accusation."""
    for i in sorted(speech):
        if i in cands:
            continue
        verb = sent.doc[i]
        for clause in verb.children:
            if clause.dep_ != "ccomp":
                continue
            inside = {t.i for t in clause.subtree}
            if any(
                j in inside
                and (c.sense.pos == "VERB" or c.governor is not None)
                and not c.sense.future_only
                for j, c in cands.items()
            ):
                continue  # the clause reports an event of its own ("have held exercises")
            if any(c.dep_ == "neg" for c in clause.children):
                continue  # "adding that Kazakh firms did not violate sanctions": a denial
            # (not a word a prefix turns round: "counter-terrorism", "anti-terror")
            told = [t for t in clause.subtree if not _countered(t)]
            words = {t.lower_ for t in told} | {t.lemma_.lower() for t in told}
            if words & lex.negative_words:
                cands[i] = Candidate(
                    trigger=verb, sense=_DISAPPROVE_SENSE, event="ACCUSE", words=[verb],
                    mode=["disapprove"], absorbed=[clause],
                )  # fmt: skip
                break


def _decided_against(cand: Candidate, complement: Token) -> bool:
    """A decision or choice not to do something ("decided not to hold the exercise",
    "opted not to attend"): no plan of the deed, a refusal of it. (Agreeing not to attack
    each other stays a promise.)"""
    return cand.trigger.lemma_.lower() in _DECIDING and any(
        c.dep_ == "neg" for c in complement.children
    )


def _holds_content(cand: Candidate) -> bool:
    """A verb whose complement is what it asks, threatens or refuses, not done: not one
    that passes its complement through as the deed ("decided to leave"), nor an agreement,
    whose second deed agreed is one of its own ("agreed to resume relations and reopen
    their embassies")."""
    return (
        cand.sense.control
        and not cand.sense.light
        and cand.event in _UNDONE_CONTENT
        and cand.trigger.lemma_.lower() not in _PASS_THROUGH
    )


def _shared_subject_conjuncts(verb: Token) -> list[Token]:
    """The infinitives joined to `verb` by "and"/"or" with no subject of their own (not a
    finite verb the parser hung there: "demanded that he resign and called for ...")."""
    return [
        c
        for c in verb.children
        if c.dep_ == "conj"
        and c.tag_ == "VB"
        and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
    ]


def _controlled_kind(outer: Candidate, inner: Candidate) -> str | None:
    """The kind a control verb takes from its complement: "threatened to close the base"
    is about the base; stopping or agreeing to stop a fight is no clash."""
    if inner.kind == "armed_clash" and outer.event not in ("ASSAULT", "THREATEN"):
        return None
    return inner.kind


def _depth(token: Token) -> int:
    return sum(1 for _ in token.ancestors)


def _countered(token: Token) -> bool:
    """A word after "counter-" or "anti-" ("counter-terrorism exercises"): the fight against
    what it names, not a charge of it."""
    doc = token.doc
    return (
        token.i >= 2
        and doc[token.i - 1].text in _HYPHEN_TOKENS
        and doc[token.i - 2].lower_ in _COUNTER_PREFIXES
    ) or token.lower_.startswith(_COUNTER_WORDS)


def _inner_wins(outer: Candidate, inner: Candidate) -> bool:
    """Whether a verb's complement is the event ("decided to appeal", "plans to visit")."""
    lemma = outer.trigger.lemma_.lower()
    if outer.sense.light:
        return True
    if lemma == "decide":
        return inner.event in _VERBAL_EVENTS
    if lemma == "agree":
        return False  # "agreed to resign", "agreed to meet": a promise (nouns: see _noun_wins)
    if lemma in ("help", "assist") and inner.event == "SUPPORT":
        return True  # "pressure groups to help support the rights of Palestinians": support
    return lemma in _PASS_THROUGH


def _noun_wins(outer: Candidate, inner: Candidate) -> bool:
    """Whether a trigger noun governed by a trigger verb is the event ("accepted a ceasefire")."""
    if inner.sense.future_only:
        return True  # "would give a befitting reply": the reply is the threat
    if outer.event == "AGREE" and inner.event in (
        "RETREAT",
        "CONSULT",
        "COOPERATE",
        "SANCTION",
        "AID",
    ):
        return True
    if outer.event == "CONSULT" and inner.event == "CONSULT":
        return True
    return outer.event == "AID" and inner.event == "COOPERATE" and inner.kind == "military_exercise"


def _absorbed_kind(outer: Candidate, inner: Candidate) -> str | None:
    if inner.kind == "military_exercise" or inner.kind == "summit":
        return inner.kind
    if outer.event in ("SANCTION", "THREATEN") and inner.kind:
        return inner.kind
    return None


def _answers_for(token: Token) -> Token | None:
    """The copula whose subject did the deed a noun names: "Azerbaijani forces were
    behind the shelling", "were responsible for the attack" (words.yaml
    doer_adjectives). Not "held Baku responsible for": the holder did nothing."""
    head = token.head
    if token.dep_ != "pobj" or head.dep_ != "prep":
        return None
    above = head.head
    if head.lower_ == "behind" and above.lemma_ == "be":
        return above
    if (
        head.lower_ == "for"
        and above.dep_ == "acomp"
        and above.lemma_.lower() in load_words().doer_adjectives
        and above.head.lemma_ == "be"
    ):
        return above.head
    return None


def _governing_verb(token: Token) -> Token | None:
    """The verb a noun is the object (or intransitive subject) of, through one preposition."""
    dep = token.dep_
    head = token.head
    if dep in _OBJ_DEPS and head.pos_ in ("VERB", "AUX"):
        return head
    if dep == "nsubj" and head.pos_ in ("VERB", "AUX") and head.lemma_.lower() in _HAPPEN:
        return head
    if (
        dep == "pobj"
        and head.dep_ == "prep"
        and head.head.dep_ in ("advmod", "prt")
        and head.head.lower_ in ("away", "out", "off")
        and head.head.head.pos_ in ("VERB", "AUX")
    ):
        return head.head.head  # "stayed away from the summit", "pulled out of the drills"
    if dep == "pobj" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
        # "went to the summit", "imposed sanctions on": not "thanked them at the summit"
        if head.lower_ in _SCENE_PREPS and head.head.lemma_.lower() not in _ATTEND:
            return None
        return head.head
    if dep == "pobj" and head.dep_ == "prep" and head.lower_ == "of" and head.head.pos_ == "NOUN":
        if head.head.lemma_.lower() in load_words().batch_nouns:
            # "prepared a new package of sanctions": what governs the batch governs them
            return _governing_verb(head.head)
        # "the cancellation of the exercises": the noun governs the noun
        return head.head
    if dep in ("acl", "relcl"):
        return None
    # "exercises held in Dushanbe": a participle modifying the noun;
    # "a state of emergency that the government declared": a relative clause whose object it is
    for child in token.children:
        if child.dep_ == "acl" and child.pos_ == "VERB":
            return child
        if (
            child.dep_ == "relcl"
            and child.pos_ == "VERB"
            and not any(
                c.dep_ in ("dobj", "nsubjpass") and c.pos_ != "PRON" for c in child.children
            )
            and any(
                c.dep_ == "nsubj" and c.lower_ not in ("which", "that", "who")
                for c in child.children
            )
        ):
            return child
    if (
        dep in ("attr", "nsubj")
        and head.lemma_ == "be"
        and any(c.dep_ == "expl" for c in head.children)
    ):
        return head  # "there was a real war"
    return None


_PARTICIPANT_PREPS = frozenset({"between", "by", "with", "against", "of", "on", "from", "to"})


def _named_by_owner(token: Token) -> bool:
    """ "an enabler of Russia's war", "make the Kremlin pay for its war": a war named only
    by whose it is, inside another thing's phrase, is the war the reader knows, told as a
    reference, not reported (one with a side or a place of its own is: "during Russia's
    war against Ukraine", "its invasion of Ukraine")."""
    if token.dep_ != "pobj" or token.head.lower_ not in ("of", "for"):
        return False
    owners = [c for c in token.children if c.dep_ == "poss"]
    # a side, a place or a clause of its own ("against Ukraine", "in Kharkiv", "the
    # Karabakh war", "that began in 2022"); a mere description ("brutal") is none
    others = [c for c in token.children if c.dep_ in ("prep", "compound", "nmod", "acl", "relcl")]
    return bool(owners) and not others


def _has_participant_slot(token: Token) -> bool:
    for child in token.children:
        if child.dep_ in ("poss", "amod", "compound", "nmod") and (
            child.ent_type_ or child.pos_ == "PROPN"
        ):
            return True
        if (
            child.dep_ == "prep"
            and child.lower_ in _PARTICIPANT_PREPS
            and any(g.ent_type_ for c in child.children for g in c.subtree)
        ):
            return True
    return False
