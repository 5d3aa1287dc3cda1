"""Clauses in the dependency parse: whose subject a verb has, what a participle belongs to.

Shared by the stages that read the parse (events' conditions, roles, dating), so each
asks the same question the same way.
"""

from __future__ import annotations

from typing import Any

from pactwatch.extract.lexicon import load_lexicon
from pactwatch.extract.text import dateline_end
from pactwatch.knowledge import load_knowledge
from pactwatch.knowledge.words import load_words

Token = Any

_SUBJ = ("nsubj", "csubj")
_PRONOUN_SUBJECTS = frozenset({"it", "they", "he", "she", "we"})
# prepositions whose -ing clause is done by the subject of the verb above it
_SAME_DOER = frozenset({"in", "by", "after", "before", "without", "while", "upon", "on"})


def nominal_gerund(token: Token) -> bool:
    """A gerund the parse tags a verb but used as a noun: "Fighting between Armenia and
    Azerbaijan broke out" (its "between" names the sides; "broke" tells the time)."""
    return token.tag_ == "VBG" and token.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj")


def _plural_noun_as_verb(token: Token, nouns: frozenset[str]) -> bool:
    """A noun of `nouns` the small parser tagged a verb (VBZ) and hung on the verb before
    it: what `misread_noun` and `misread_claim` both start from."""
    return (
        token.tag_ == "VBZ"
        and token.i > 0
        and token.head.i < token.i
        and token.lemma_.lower() in nouns
    )


def misread_noun(token: Token) -> bool:
    """Whether a verb is a plural event noun after a name that the small parser misread:
    in "took part in the Steppe Eagle drills with NATO forces" it tags "drills" a verb
    (VBZ) hung on the verb before, the name its subject. A noun of words.yaml
    `misread_nouns` right after a proper name, or parsed as an object, with no object of
    its own ("Russia drills its troops" is a verb)."""
    nouns = load_words().misread_nouns
    if any(c.dep_ == "dobj" for c in token.children):
        return False
    if token.tag_.startswith("VB") and token.dep_ == "dobj" and token.lemma_.lower() in nouns:
        # "will not host the CSTO exercise this year": tagged a verb, but parsed as the
        # object of the verb before it, which no verb is
        return True
    if not _plural_noun_as_verb(token, nouns):
        return False
    return bool(token.doc[token.i - 1].pos_ == "PROPN")


def misread_claim(token: Token) -> bool:
    """Whether a verb is the noun of a claim the small parser misread: in "Kyrgyzstan
    rejected (the) Tajik claims that it had attacked first" it tags "claims" a verb (VBZ)
    after the demonym, hung on the verb before it, so Tajikistan would say "it" attacked.
    A claim noun (words.yaml claim_nouns) right after a demonym; a state's name before it
    ("Tajikistan claims that ...") is a subject and a real verb."""
    if not _plural_noun_as_verb(token, load_words().claim_nouns):
        return False
    alias = load_knowledge().lookup(token.doc[token.i - 1].text)
    return alias is not None and alias.kind == "demonym"


def children_of(verb: Token) -> list[Token]:
    """A verb's children, less a wire dateline the parse took for a second subject
    ("ALMATY, March 2 (wire) - Russia's watchdog said ...": where it was filed)."""
    children = list(verb.children)
    if sum(c.dep_ in _SUBJ for c in children) > 1:
        filed = dateline_end(verb.doc.text)
        children = [c for c in children if c.idx >= filed]
    return children


def own_subjects(verb: Token) -> list[Token]:
    """The subjects a verb names itself (active or passive), none it would take from a
    verb above it, as `subject_of` does."""
    return [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]


def _speaker_of(verb: Token) -> Token | None:
    if load_lexicon().speech(verb.lemma_.lower()) is None or misread_claim(verb):
        return None
    return next((c for c in children_of(verb) if c.dep_ == "nsubj" and c.pos_ != "PRON"), None)


def subject_of(verb: Token) -> tuple[Token | None, bool]:
    """The subject of a verb, climbing through xcomp, conj and relative clauses; (token, passive)."""
    if misread_noun(verb):
        # "held the Steppe Eagle drills": the name is no subject, the verb above has one
        return subject_of(verb.head)
    seen = 0
    node = verb
    below: Token | None = None  # the clause climbed from, when the last step was an xcomp
    while node is not None and seen < 6:
        seen += 1
        for child in children_of(node):
            if child.dep_ in _SUBJ:
                if child.lower_ in ("which", "who", "that") and node.dep_ == "relcl":
                    return node.head, False  # "Ankara, which supplies": the antecedent acts
                if child.lower_ in _PRONOUN_SUBJECTS and node.dep_ == "ccomp":
                    speaker = _speaker_of(node.head)
                    if speaker is not None:
                        return speaker, False  # "Syria says it will not accept": Syria
                return child, False
            if child.dep_ == "nsubjpass":
                if below is not None:
                    # "troops are believed to have shelled", "Armenia was forced to
                    # withdraw": the subject of the passive above does the "to" clause,
                    # in that clause's own voice ("are said to have been shelled")
                    return child, any(c.dep_ == "auxpass" for c in below.children)
                return child, True
        head = node.head
        if (
            node.dep_ == "pcomp"
            and head.lower_ in ("of", "for")
            and (accused := _accused(head)) is not None
        ):
            # "accusing two members of the bloc of helping", "sanctioned three banks for
            # helping Russia": they help
            return accused, False
        if node.dep_ == "pcomp" and head.dep_ == "prep" and head.lower_ in _SAME_DOER:
            # "joined its allies in sanctioning Russia", "by imposing", "after meeting":
            # whoever does the verb above does this (not "accused X of attacking": X does)
            node, below = head.head, None
            continue
        if node.dep_ == "conj" and _speakers_next_act(node):
            # "Dushanbe said Kyrgyz troops were responsible and accused Bishkek of ...",
            # "the EU said the law goes against its values and urged Tbilisi to withdraw
            # it": the parse joins the second act to the clause said; the speaker does it
            node, below = head.head, None
            continue
        if node.dep_ in ("xcomp", "conj", "advcl", "pcomp", "acomp") and head.i != node.i:
            told = told_clause(node)
            below = node if node.dep_ == "xcomp" and told is None else None
            node = told or head
            continue
        if node.dep_ in ("relcl", "acl") and node.head.i != node.i:
            # a participle after a noun: "firms accused of helping Moscow" are accused (the
            # tagger often reads the participle as a past tense, VBD; one with an object of
            # its own is a past tense the parse hung on its subject, whichever tag it has:
            # "The rebels handed over the town", "Israeli air strikes killed 20 Palestinians")
            return node.head, node.dep_ == "acl" and (
                node.tag_ in ("VBN", "VBD") and not any(c.dep_ == "dobj" for c in node.children)
            )
        break
    return None, False


# what a speaker does by speaking: a second act of the speaker's after "said that ..."
_SPEECH_ACTS = frozenset({"ACCUSE", "REQUEST", "THREATEN"})


def _speakers_next_act(verb: Token) -> bool:
    """Whether a verb joined to a clause said is the speaker's own next act: an act of
    speech (charging, urging, warning) joined to the clause a verb of saying before it
    governs ("X said ... and accused Y", "X questioned why ... and urged Y"), not a deed
    ("... had crossed the border and shelled villages") nor a clause told before its
    teller ("Putin spoke with both presidents and urged them ..., the Kremlin said": Putin
    urged)."""
    clause = verb.head
    if clause.dep_ != "ccomp" or clause.head.i > clause.i:
        return False
    return _speaks(clause.head) and _speaks(verb)


def _speaks(verb: Token) -> bool:
    """A verb of saying, or one that charges, asks or warns ("questioned why ..."), in
    any use (not "put", which accuses only when an investigation is put)."""
    senses = load_lexicon().verbs.get(verb.lemma_.lower(), ())
    return any(s.speech or (s.event in _SPEECH_ACTS and not s.needs) for s in senses) and (
        not misread_claim(verb)
    )


def agent_of(verb: Token) -> Token | None:
    """The "by" phrase of a passive verb: who does it ("was accused by Ukraine")."""
    for child in verb.children:
        if child.dep_ == "agent":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return pobj
    return None


def _accused(of: Token) -> Token | None:
    """The object of the verb of charging an "of" phrase hangs on, through nouns ("accused
    Tajikistan of shelling", "accusing two members of the bloc of helping"): who is said to
    do it."""
    node = of
    for _ in range(6):
        if node.head.i == node.i:
            return None
        if node.head.pos_ in ("VERB", "AUX"):
            # only a verb of charging: "took the step of recalling" is taken by its subject
            verb = node.head
            charges = any(s.charges for s in load_lexicon().verbs.get(verb.lemma_.lower(), ()))
            if not charges:
                return None
            if node.dep_ == "dobj":
                return node
            # "imposed sanctions on three banks for helping Russia": the punished, named
            # "on" or "against" the verb or its measures, did what the "for" says; "accused
            # Minsk and Moscow of preparing an attack", "of" on the verb: its object
            return _punished(verb, node) if node.dep_ == "prep" else None
        node = node.head
    return None


def _punished(verb: Token, charge: Token) -> Token | None:
    """Whom a verb of charging or sanctioning is aimed at: its "on" or "against" object, on
    the verb or on its object ("sanctions on three banks"), else its object ("sanctioned
    a firm"). Not the phrase the charge itself is in ("arrested a Chinese actor on
    suspicion of assaulting": the actor)."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    for holder in (*objects, verb):
        for prep in holder.children:
            if prep.i != charge.i and prep.dep_ == "prep" and prep.lower_ in ("on", "against"):
                pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if pobj is not None and pobj.ent_type_ not in ("DATE", "TIME"):
                    return pobj  # not "on Wednesday"
    return objects[0] if objects else None


def told_clause(participle: Token) -> Token | None:
    """The clause of what was said, for a participle the parse hangs on the verb of saying:
    in "troops crossed into Niger on Monday, the staff said, ending a presence", the
    crossing ends it (its subject, its time), not the saying. None for anything else, and
    for a participle of saying ("..., the ministry said, adding that ...")."""
    if participle.dep_ != "advcl" or participle.tag_ != "VBG":
        return None
    speech = load_lexicon().speech
    if (
        speech(participle.lemma_.lower()) is not None
        or speech(participle.head.lemma_.lower()) is None
    ):
        return None
    saying = participle.head
    told = [c for c in saying.children if c.dep_ == "ccomp" and c.i < participle.i]
    if told:
        return told[0]
    # "troops handed over the posts, the ministry said, ending ...": the saying in parataxis
    return saying.head if saying.dep_ == "parataxis" and saying.head.i < saying.i else None
