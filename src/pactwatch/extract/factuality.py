"""Factuality and attribution stage: did it happen, and who says so.

`aux` follows event-record.md: [] happened; future (planned, expected);
hypothetical (proposals, demands, conditionals, modals); negation (did not
happen, where no positive event type fits); historical is added by the
pipeline from the date. Attribution names the speaker of a reporting verb or
"according to" phrase, and marks hedges ("reportedly", "claimed").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pactwatch.extract.clauses import agent_of, children_of, misread_claim, subject_of
from pactwatch.extract.entities import EntityResolver
from pactwatch.extract.events import Candidate
from pactwatch.extract.lexicon import load_lexicon
from pactwatch.knowledge.words import load_words
from pactwatch.records import Entity

Token = Any


def _charged_by(chain: list[Token]) -> Token | None:
    """The verb of arrest, charge, conviction or accusation whose "for", "of" or "with"
    phrase the event lies in, through nouns only ("accused two members of the bloc of
    helping"): the first verb above the event, if it is one."""
    lex = load_lexicon()
    words = load_words()
    grounds = words.charge_grounds
    for k, node in enumerate(chain[1:], start=1):
        if node.pos_ not in ("VERB", "AUX"):
            continue
        charges = any(s.charges for s in lex.verbs.get(node.lemma_.lower(), ()))
        # every preposition on the way is the charge's ("of helping", "for attempting to
        # seize"); one of time or cause is not ("of abandoning Armenia during the attacks":
        # the attacks are no part of the charge)
        preps = [t for t in chain[1:k] if t.dep_ == "prep"]
        through = bool(preps) and all(
            t.lower_ in words.charge_preps
            # "on suspicion of assaulting", "on charges of spying": the grounds of a charge
            or (t.lower_ == "on" and any(c.lemma_.lower() in grounds for c in t.children))
            for t in preps
        )
        if charges and through:
            return node
        if node.dep_ not in ("xcomp", "pcomp"):
            return None  # ("attempting to seize": a verb inside the phrase is passed)
    return None


def _preparing(noun: Token, verbs: frozenset[str] | None = None) -> Token | None:
    """The verb that prepares the event a noun names (or one of `verbs`), if the noun is
    its object (directly or in "a package of", "a list of": up to two prepositional steps),
    or the object of a verb that is its complement ("will practise repelling an
    incursion")."""
    vocab = load_words()
    verbs = vocab.preparing if verbs is None else verbs
    node = noun
    for _ in range(3):
        if node.dep_ == "dobj" and node.head.lemma_.lower() in verbs:
            return node.head
        if (
            node.dep_ == "dobj"
            and node.head.dep_ == "xcomp"
            and node.head.head.lemma_.lower() in verbs
        ):
            return node.head.head
        if node.dep_ == "pobj" and node.head.dep_ == "prep" and node.head.lower_ == "of":
            node = node.head.head
            continue
        return None
    return None


@dataclass
class Factuality:
    aux: list[str] = field(default_factory=list)
    speaker: list[Entity] = field(default_factory=list)
    hedged: bool = False
    reason: str = ""
    speaker_tokens: set[int] = field(default_factory=set)


def _aux_words(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_ in ("aux", "auxpass", "neg", "advmod")]


def _denied_as_what(trig: Token) -> bool:
    """ "The declaration is not a ceasefire": what something is said not to be is no event."""
    return (
        trig.dep_ == "attr"
        and trig.head.lemma_ == "be"
        and any(c.dep_ == "neg" for c in trig.head.children)
    )


def _chain(token: Token, limit: int = 8) -> list[Token]:
    """The token and its syntactic heads up to the sentence root."""
    out = [token]
    while token.head.i != token.i and len(out) < limit:
        token = token.head
        out.append(token)
    return out


def assess(cand: Candidate, resolver: EntityResolver, sent: Any) -> Factuality:
    lex = load_lexicon()
    vocab = load_words()
    fact = Factuality()
    head = cand.head
    trig = cand.trigger
    reasons: list[str] = []
    under_speech = False
    # walk up from the event: modals, negation, conditionals, governing verbs
    whole = _chain(head)
    chain = _factual_scope(whole)
    for depth, node in enumerate(chain):
        words = _aux_words(node) if node.pos_ in ("VERB", "AUX") else []
        lowers = {w.lower_ for w in words}
        lemma = node.lemma_.lower()
        if depth == 0:
            if lowers & vocab.future_aux or _going_to(node):
                fact.aux.append("future")
                reasons.append("future tense")
            elif _headline_to(node):
                fact.aux.append("future")
                reasons.append("'X to do': what is to come")
            elif lowers & vocab.hypo_modals:
                modal = sorted(lowers & vocab.hypo_modals)[0]
                if modal in ("would", "could") and _reported(chain):
                    fact.aux.append("future")
                    reasons.append(f"'{modal}' in reported speech")
                elif (
                    modal in ("may", "might")
                    and node.tag_ == "VBN"
                    and any(w.lower_ == "have" for w in words)
                ):
                    # "may have launched": a deed the source thinks possible, not a plan
                    fact.hedged = True
                    reasons.append(f"'{modal} have': possibly done")
                elif modal == "could" and any(w.lower_ == "have" for w in words):
                    fact.aux.append("hypothetical")
                    reasons.append("'could have'")
                elif modal != "can":
                    fact.aux.append("hypothetical")
                    reasons.append(f"modal '{modal}'")
            if (
                lowers & vocab.negations
                or _negative_subject(node)
                or any(c.dep_ == "neg" for c in trig.children)
                # "no longer buys Russian weapons": the negation hangs on the adverb
                or any(
                    c.dep_ == "advmod" and any(d.dep_ == "neg" for d in c.children)
                    for c in node.children
                )
                or any(c.lower_ in ("no", "never") and c.dep_ == "det" for c in trig.children)
                or _denied_as_what(trig)
            ):
                fact.aux.append("negation")
                reasons.append("negated")
            if node.dep_ == "pcomp" and node.head.lower_ == "without":
                # "withdrew without consulting Armenia": what was left undone is no
                # deed, and no refusal either
                fact.aux.append("hypothetical")
                reasons.append("'without': left undone")
            if node.dep_ == "advcl" and any(
                c.dep_ == "mark" and c.lower_ in vocab.conditionals for c in node.children
            ):
                fact.aux.append("hypothetical")
                reasons.append("conditional clause")
            elif node.dep_ in ("csubj", "ccomp", "xcomp", "pcomp") and any(
                c.dep_ == "mark" and c.lower_ == "whether" for c in node.children
            ):
                # "whether Pashinyan will attend is an open question": asked, not told
                fact.aux.append("hypothetical")
                reasons.append("an open question ('whether')")
        if depth >= 1 and "hypothetical" not in fact.aux:
            prev = chain[depth - 1]
            if (
                node.pos_ == "NOUN"
                and (node.lower_ in vocab.hypo_nouns or node.lemma_.lower() in vocab.pact_nouns)
                and any(c.dep_ == "det" and c.lower_ == "no" for c in node.children)
                and prev.dep_ in ("acl", "prep", "pcomp")
                and "negation" not in fact.aux
            ):
                # "Minsk had no plans to attack its neighbours", "no intention of leaving":
                # not meant to be done
                fact.aux.append("negation")
                reasons.append(f"no {node.text} for it")
            elif (
                node.lemma_.lower() in vocab.pact_nouns
                and prev.dep_ == "acl"
                and any(c.dep_ == "aux" and c.lower_ == "to" for c in prev.children)
                and not fact.aux
            ):
                # "signed an agreement to open a second air base": agreed, not yet done
                fact.aux.append("future")
                reasons.append(f"what '{node.text}' provides for: still to come")
            elif (
                node.lower_ == "from"
                and prev.dep_ == "pcomp"
                and node.head.lemma_.lower() in vocab.preventing
            ):
                # "banning them from travelling to the United Kingdom": kept from it
                fact.aux.append("hypothetical")
                reasons.append(f"kept from it ('{node.head.text} ... from')")
            elif (
                node.lower_ in ("from", "of")
                and prev.dep_ == "pcomp"
                and node.head.lemma_.lower() in vocab.refraining
            ):
                # "refrained from asking Moscow for troops", "stopped short of recognising"
                fact.aux.append("negation")
                reasons.append(f"held back from it ('{node.head.text} {node.text}')")
            elif (
                node.pos_ in ("NOUN",)
                and node.lower_ in vocab.hypo_nouns
                and prev.dep_ in ("acl", "xcomp", "prep", "pobj", "relcl", "pcomp", "compound")
            ):
                fact.aux.append("hypothetical")
                reasons.append(f"governed by '{node.text}'")
            elif (
                node.pos_ in ("VERB", "AUX")
                and any(
                    c.dep_ == "aux" and c.lower_ in ("should", "must", "ought", "need")
                    for c in node.children
                )
                and not _speech_between(chain[:depth])
            ):
                fact.aux.append("hypothetical")
                reasons.append(f"modal on '{node.text}'")
            elif (
                node.pos_ in ("VERB", "AUX")
                and prev.dep_ in ("xcomp", "advcl")
                and not fact.aux
                and any(
                    c.dep_ == "aux" and c.lower_ in ("could", "may", "might") for c in node.children
                )
                and not any(c.dep_ == "aux" and c.lower_ == "have" for c in node.children)
            ):
                # "the troops could be used to attack Ukraine": a possibility, not a deed
                fact.aux.append("hypothetical")
                reasons.append(f"possible only ('{node.text}')")
            elif any(
                c.dep_ in ("acomp", "attr") and c.lemma_.lower() in vocab.hypo_adjectives
                for c in node.children
            ) and prev.dep_ in ("xcomp", "ccomp", "csubj", "advcl", "prep"):
                fact.aux.append("hypothetical")
                reasons.append("necessary or possible, not done")
            elif (
                node.lemma_.lower() in vocab.no_sign
                and any(d.lower_ == "no" for d in node.children)
                and prev.dep_ in ("acl", "ccomp", "prep", "pobj", "pcomp")
            ):
                fact.aux.append("hypothetical")
                reasons.append(f"no {node.text} of it")
            elif node.pos_ in ("VERB", "AUX") and any(
                c.dep_ in ("dobj", "attr", "nsubj")
                and c.lemma_.lower() in vocab.no_point
                and any(d.lower_ == "no" for d in c.children)
                for c in node.children
            ):
                fact.aux.append("hypothetical")
                reasons.append("no point in it: not done")
            elif (
                node.lemma_.lower() in vocab.hypo_adjectives
                and node.pos_ == "ADJ"
                and prev.dep_ in ("xcomp", "ccomp", "prep")
            ):
                fact.aux.append("hypothetical")
                reasons.append(f"'{node.text}', not done")
        if depth >= 1 and node.pos_ in ("VERB", "AUX", "ADJ") and depth <= 3:
            prev = chain[depth - 1]
            if lemma in vocab.seeming and prev.dep_ == "xcomp" and not fact.hedged:
                # "videos appear to show troops shelling", "troops seem to have shelled":
                # as it looks, not as known
                fact.hedged = True
                reasons.append(f"'{node.text}': as it seems")
            if (
                lemma in vocab.hearsay
                and prev.dep_ == "xcomp"
                and not fact.hedged
                and any(c.dep_ in ("nsubjpass", "auxpass") for c in node.children)
            ):
                # "troops are said to have shelled", "is believed to have supplied": as
                # reported by no one named, not as known
                fact.hedged = True
                reasons.append(f"'{node.text}': as reported")
            # a misread claim noun is no saying: `_claimed` reads it as the claim it is
            verb_sense = None if misread_claim(node) else lex.speech(lemma)
            if verb_sense is not None and prev.dep_ in (
                "ccomp",
                "xcomp",
                "dobj",
                "pcomp",
                "advcl",
                "conj",
                "prep",
            ):
                under_speech = True
                subj = _teller(node)
                if subj is not None and not fact.speaker:
                    fact.speaker, fact.speaker_tokens = _said_by([subj], resolver)
                if verb_sense.hedge:
                    fact.hedged = True
                    reasons.append(f"reported with '{node.text}'")
            if (
                prev.dep_ in ("xcomp", "ccomp")
                and lemma in vocab.nonfact_control
                and not (fact.aux)
                and (depth == 1 or (depth == 2 and chain[0].dep_ in ("dobj", "xcomp", "pobj")))
            ):
                value = vocab.nonfact_control[lemma]
                if value != "negation" and (
                    lowers & vocab.negations or any(c.dep_ == "neg" for c in node.children)
                ):
                    # "does not intend to leave the CSTO", "has no wish to": nothing is
                    # planned or asked, the deed is ruled out
                    value = "negation"
                    reasons.append(f"'{node.text}' negated")
                if value != "negation" or cand.event not in ("REJECT",):
                    fact.aux.append(value)
                    reasons.append(f"complement of '{node.text}'")
            if (
                any(c.lower_ in vocab.future_aux for c in node.children if c.dep_ == "aux")
                and not fact.aux
                and not under_speech
                and depth == 1
                and prev.dep_ == "xcomp"
            ):
                fact.aux.append("future")
                reasons.append(f"'{node.text}' in the future")
            if node.dep_ == "advcl" and any(
                c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in node.children
            ):
                fact.aux.append("hypothetical")
                reasons.append("conditional clause")
            if (
                lemma in vocab.hypo_governors
                and prev.dep_ in ("ccomp", "xcomp")
                and "hypothetical" not in fact.aux
                and lemma not in vocab.nonfact_control
                and lemma != "would"
            ):
                fact.aux.append("hypothetical")
                reasons.append(f"governed by '{node.text}'")
            if any(
                c.lower_ in ("should", "must", "ought") and c.dep_ == "aux" for c in node.children
            ) and lemma in ("be", "have", "include", "introduce", "adopt", "need"):
                fact.aux.append("hypothetical")
                reasons.append("proposal")
    # the event noun itself: "the planned exercises", "a possible exit"
    if trig.pos_ in ("NOUN", "PROPN"):
        preparer = _preparing(trig)
        if preparer is not None and not fact.aux:
            fact.aux.append("future")  # "is preparing a new package of sanctions"
            reasons.append(f"'{preparer.text}': in preparation, not yet done")
        elif (
            player := _preparing(trig, vocab.playing)
        ) is not None and "hypothetical" not in fact.aux:
            # "exercises simulating an attack on Tajikistan": played in a drill
            fact.aux.append("hypothetical")
            reasons.append(f"'{player.text}': played in a drill, not done")
        mods = {c.lower_ for c in trig.children if c.dep_ in ("amod", "compound", "acl")}
        if mods & vocab.future_words and "future" not in fact.aux:
            fact.aux.append("future")
            reasons.append("planned or upcoming")
        if mods & vocab.hypo_words and "hypothetical" not in fact.aux:
            fact.aux.append("hypothetical")
            reasons.append("possible or proposed")
    if not fact.speaker:
        _said_above(whole[len(chain) :], resolver, fact)
    _claimed(chain, resolver, fact, reasons)
    charger = _charged_by(chain)
    if charger is not None and not fact.hedged:
        # "sentenced for attempting to seize power", "accusing two members of the bloc of
        # helping Azerbaijan": the charge, as its doer has it
        fact.hedged = True
        # whoever charges: the subject, or in the passive the "by" phrase ("Russia was
        # accused by Ukraine of shelling the plant" is Ukraine's charge, not Russia's)
        subj, passive = subject_of(charger)
        doer = agent_of(charger) if passive else subj
        if doer is not None and not fact.speaker:
            fact.speaker, fact.speaker_tokens = _said_by([doer], resolver)
        reasons.append(f"the charge behind '{charger.text}'")
    # sentence-level cues
    if any(t.lower_ in vocab.hedge_words and not _alleged_grounds(t, chain) for t in sent):
        fact.hedged = True
        reasons.append("hedged ('reportedly', 'allegedly')")
    _according_to(sent, resolver, fact, reasons)
    if sent.text.rstrip().endswith("?"):
        fact.aux.append("hypothetical")
        reasons.append("question")
    fact.aux = _normalise(fact.aux)
    fact.reason = "; ".join(reasons) if reasons else "reported as fact"
    return fact


def _alleged_grounds(word: Token, chain: list[Token]) -> bool:
    """A hedge that qualifies the grounds of a deed, not the deed: in "expelled two
    diplomats over alleged spying" the spying is alleged, the expulsion is not (the
    alleged attack in "after the alleged attack" stays alleged itself)."""
    noun = word.head
    return (
        word.dep_ == "amod"
        and all(noun.i != node.i for node in chain)
        and noun.dep_ == "pobj"
        and noun.head.dep_ == "prep"
        and noun.head.lower_ in load_words().grounds_preps
    )


def _claimed(
    chain: list[Token], resolver: EntityResolver, fact: Factuality, reasons: list[str]
) -> None:
    """The deed is what a claim says ("Armenia repeated its accusations that Azerbaijani
    troops shelled villages"): hedged, the claimant's word; denied ("Baku denied that its
    troops fired", "dismissed claims that ..."): it did not happen, says the one who
    denies it. The clause must be the claim's content, with "that" (not "the claims that
    he made")."""
    if len(chain) < 2 or not any(
        c.dep_ == "mark" and c.lower_ == "that" for c in chain[0].children
    ):
        return
    vocab = load_words()
    above = chain[1]
    claim = None
    if above.pos_ == "NOUN" and chain[0].dep_ in ("acl", "ccomp", "appos"):
        claim = above
    elif chain[0].dep_ == "ccomp" and misread_claim(above):
        claim = above  # "rejected Tajik claims that ...", "claims" parsed as a verb
    elif chain[0].dep_ == "ccomp" and above.pos_ in ("VERB", "AUX"):
        # "rejected Armenian claims that ...": the small parser hangs the clause on the verb
        claim = next(
            (
                c
                for c in above.children
                if c.dep_ == "dobj" and c.i < chain[0].i and c.lemma_.lower() in vocab.claim_nouns
            ),
            None,
        )
    if claim is None and not (
        chain[0].dep_ == "ccomp" and above.lemma_.lower() in vocab.denial_verbs
    ):
        return
    if claim is not None and claim.lemma_.lower() not in vocab.claim_nouns:
        return
    verb = claim.head if claim is not None else above
    denied = verb.pos_ in ("VERB", "AUX") and verb.lemma_.lower() in vocab.denial_verbs
    if denied:
        subj, _passive = subject_of(verb)
        author, tokens = _said_by([subj] if subj is not None else [], resolver)
        if "negation" not in fact.aux:
            fact.aux.append("negation")
        reasons.append(f"denied ('{verb.text}')")
    else:
        # the claim's author: "Yerevan's", "Armenian", "by Armenia", "from Baku"; else the
        # one who voices it ("Armenia repeated its accusations")
        if claim is None:
            return
        owners = [
            c
            for c in claim.children
            if c.dep_ in ("poss", "amod", "compound")
            or (c.dep_ == "prep" and c.lower_ in ("by", "from"))
        ]
        owners = [p for c in owners for p in ([c] if c.dep_ != "prep" else c.children)]
        if misread_claim(claim):
            owners = [claim.doc[claim.i - 1]]  # the demonym the parser made its subject
        author, tokens = _said_by(owners, resolver)
        if not author and verb.pos_ in ("VERB", "AUX"):
            subj, _passive = subject_of(verb)
            author, tokens = _said_by([subj] if subj is not None else [], resolver)
        reasons.append(f"claimed ('{claim.text}')")
    fact.hedged = True
    if author and not fact.speaker:
        fact.speaker = author
        fact.speaker_tokens = tokens


def _said_by(heads: list[Token], resolver: EntityResolver) -> tuple[list[Entity], set[int]]:
    """The actors the phrases headed by `heads` name, and their tokens: a report's voice."""
    return [e for h in heads for e in resolver.phrase(h)], {t.i for h in heads for t in h.subtree}


def _headline_to(verb: Token) -> bool:
    """The news' "X to do" ("Armenia to quit CSTO", "EU to impose new sanctions on
    Belarus"): an infinitive with a subject of its own, or hung on a name the parse took
    for the head of a verbless line, tells what is to come, not what was done. Not "for
    X to do", which is wanted or needed."""
    to = next((c for c in verb.children if c.dep_ == "aux" and c.lower_ == "to"), None)
    if verb.tag_ != "VB" or to is None:
        return False
    if any(c.dep_ == "mark" for c in verb.children):
        return False
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is not None:
        # headlines drop articles ("Turkish drone maker to give"): "declared a state of
        # siege to begin at midnight" is a sentence; and the line's own verb, or what
        # someone says ("Armenia to quit CSTO, Pashinyan says")
        return not any(c.dep_ == "det" for c in subject.children) and (
            verb.dep_ == "ROOT"
            or (
                verb.dep_ == "ccomp" and load_lexicon().speech(verb.head.lemma_.lower()) is not None
            )
        )
    head = verb.head
    # a name, or a known actor's name the small parser tagged a noun, that opens the line
    # ("CSTO to help Tajikistan ...")
    opens = bool(head.ent_type_) and head.i + 1 == to.i and head.i == head.sent.start
    return bool(
        verb.dep_ in ("acl", "relcl")
        and ((head.dep_ == "ROOT" and head.pos_ == "PROPN") or opens)
        and head.i < verb.i
        and not any(c.dep_ == "det" for c in head.children)
    )


def _teller(speech_verb: Token) -> Token | None:
    """The subject of a verb of saying: who tells what its clause says. In the passive
    the "by" phrase tells it, or no one named: "Russia was accused by Ukraine of shelling
    the plant" is Ukraine's account, and "Georgia was told that" is not Georgia's."""
    for child in children_of(speech_verb):
        if child.dep_ == "nsubj":
            # "remarks by Lukashenko, who said that ...": the one the relative clause is of
            return subject_of(speech_verb)[0] if speech_verb.dep_ == "relcl" else child
        if child.dep_ == "nsubjpass":
            return agent_of(speech_verb)
    # a participle of saying with no subject of its own: "issued a statement saying" is
    # told by whoever issued it, "was quoted as saying" by whoever was quoted
    head = speech_verb.head
    if (
        speech_verb.dep_ == "acl"
        and head.dep_ == "dobj"
        and head.head.lemma_.lower() in load_words().issuing
    ):
        return next((c for c in head.head.children if c.dep_ == "nsubj"), None)
    if speech_verb.dep_ == "pcomp" and head.lower_ == "as" and head.head.pos_ == "VERB":
        return next((c for c in head.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if (speech_verb.dep_ == "advcl" and speech_verb.tag_ == "VBG") or speech_verb.dep_ == "conj":
        # "Baku lodged a protest, saying Armenian troops had shelled its positions", "called
        # the drills a provocation and accused Minsk of ...": told by whoever did what the
        # participle hangs on, or the verb it is joined to (in the passive, no one named)
        subj, passive = subject_of(speech_verb)
        return None if passive else subj
    return None


def _said_above(above: list[Token], resolver: EntityResolver, fact: Factuality) -> None:
    """A temporal or causal clause holds whatever governs it, but is still told by whoever
    tells its clause: "Azerbaijan's border service said it had carried out an operation
    after Armenian troops fired on its positions" is Azerbaijan's account of the firing."""
    lex = load_lexicon()
    for k, node in enumerate(above):
        if node.pos_ in ("VERB", "AUX") and lex.speech(node.lemma_.lower()) is not None:
            if k == 0:
                # the clause hangs on the saying itself: when it was said, in the report's
                # voice ("announced an operation on Monday, after attacks by the Houthis")
                return
            subj = _teller(node)
            if subj is not None:
                fact.speaker, fact.speaker_tokens = _said_by([subj], resolver)
            return


def _factual_scope(chain: list[Token]) -> list[Token]:
    """Cut the chain at a causal or temporal clause: what it states holds whatever governs it."""
    vocab = load_words()
    for k, node in enumerate(chain):
        if node.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in vocab.fact_marks for c in node.children
        ):
            return chain[: k + 1]
    return chain


def _negative_subject(verb: Token) -> bool:
    vocab = load_words()
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            if child.lower_ in vocab.negative_subjects:
                return True
            return any(c.dep_ == "det" and c.lower_ in ("no", "neither") for c in child.children)
    return False


def _speech_between(nodes: list[Token]) -> bool:
    lex = load_lexicon()
    return any(lex.speech(n.lemma_.lower()) for n in nodes[1:])


def _going_to(verb: Token) -> bool:
    head = verb.head
    return (
        verb.dep_ == "xcomp"
        and head.lower_ == "going"
        and any(c.lower_ in ("is", "are", "was", "were", "'s", "'re") for c in head.children)
    )


def _reported(chain: list[Token]) -> bool:
    lex = load_lexicon()
    return any(lex.speech(n.lemma_.lower()) for n in chain[1:4])


def _according_to(
    sent: Any, resolver: EntityResolver, fact: Factuality, reasons: list[str]
) -> None:
    for token in sent:
        if (
            token.lower_ == "according"
            and token.i + 1 < len(token.doc)
            and token.doc[token.i + 1].lower_ == "to"
        ):
            to = token.doc[token.i + 1]
            pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                speaker, tokens = _said_by([pobj], resolver)
                if speaker and not fact.speaker:
                    fact.speaker, fact.speaker_tokens = speaker, tokens
                reasons.append(f"according to {pobj.text}")
            return


def _normalise(aux: list[str]) -> list[str]:
    out: list[str] = []
    for value in ("future", "hypothetical", "negation"):
        if value in aux:
            out.append(value)
    if "hypothetical" in out and "future" in out:
        out.remove("future")
    return out
