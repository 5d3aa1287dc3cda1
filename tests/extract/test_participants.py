"""Who may be a party to an event: news outlets never are; named organisations the
knowledge files do not hold are non-state actors (NSA) in their own words."""

from __future__ import annotations

import pytest

from pactwatch.extract import extract_document
from pactwatch.knowledge import load_knowledge
from pactwatch.records import Document, Event


def events(text: str) -> list[Event]:
    return extract_document(Document(id="d", text=text, report_date="2022-09-19"))


def codes(evs: list[Event]) -> set[str]:
    return {e.code for ev in evs for e in [*ev.actor, *ev.recipient]}


def _actors_of(text: str, event: str, report_date: str) -> list[list[str]]:
    """The actor codes of each record of one type, extracting `text` as of `report_date`."""
    evs = extract_document(Document(id="d", text=text, report_date=report_date))
    return [[a.code for a in e.actor] for e in evs if e.event == event]


@pytest.mark.parametrize(
    "text",
    [
        "Deputy Prime Minister Edil Baisalov told RIA Novosti on Monday that Tajik soldiers had shelled Kyrgyz villages.",
        "Kyrgyz officials told Sputnik that Tajik forces had attacked a border post.",
        "Tajik troops shelled two Kyrgyz villages, Japarov told TASS on Monday.",
    ],
)
def test_a_news_outlet_is_no_party(text: str) -> None:
    evs = events(text)
    assert evs, "the attack is still reported"
    assert "RUS" not in codes(evs)


def test_a_state_named_beside_an_outlet_is_still_a_party() -> None:
    evs = events("Russia accused Kyrgyzstan of breaking the ceasefire, TASS reported.")
    assert "RUS" in codes(evs) and "KGZ" in codes(evs)


@pytest.mark.parametrize(
    ("name", "outlet"),
    [
        ("Reuters", True),
        ("Tasnim news agency", True),
        ("Asian News International", True),
        ("RIA Novosti", True),
        ("Russia", False),
        ("the Foreign Ministry", False),
        ("Post Office", False),
        ("the Washington Post", True),
        # a media word in a description is no outlet
        ("a border post in Kyrgyzstan's Batken province", False),
    ],
)
def test_outlets_by_name_and_by_the_word_that_ends_them(name: str, outlet: bool) -> None:
    assert load_knowledge().is_outlet(name) is outlet


def test_an_unknown_named_company_is_a_non_state_actor() -> None:
    evs = events("Siemens supplied drones to Lithuania.")
    assert any(a.code == "NSA" and a.text == "Siemens" for ev in evs for a in ev.actor)
    assert "LTU" in codes(evs)


def test_an_exercise_name_is_no_actor() -> None:
    evs = events("The Vostok-2018 exercise began in Russia on Tuesday.")
    assert "NSA" not in codes(evs)


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("Armenia's Security Council condemned the shelling.", "ARM"),
        ("The Kyrgyz Security Council condemned the attack on Monday.", "KGZ"),
    ],
)
def test_a_states_own_security_council_is_that_state(text: str, state: str) -> None:
    actors = {a.code for ev in events(text) for a in ev.actor}
    assert state in actors and "UN" not in actors


@pytest.mark.parametrize(
    "text",
    [
        "The UN Security Council condemned the attack on Monday.",
        "The Security Council condemned the attack on Monday.",
    ],
)
def test_the_security_council_alone_is_the_uns(text: str) -> None:
    assert "UN" in {a.code for ev in events(text) for a in ev.actor}


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("The Ministry of Defence of Armenia accused Azerbaijan of shelling Jermuk.", "ARM"),
        ("The Ministry of Emergency Situations of Kyrgyzstan sent aid to Batken.", "KGZ"),
    ],
)
def test_an_unknown_organ_named_with_its_state_is_that_state(text: str, state: str) -> None:
    actors = [a for ev in events(text) for a in ev.actor]
    assert state in {a.code for a in actors}
    assert "NSA" not in {a.code for a in actors}


def _on(text: str, report_date: str) -> set[str]:
    return codes(extract_document(Document(id="d", text=text, report_date=report_date)))


@pytest.mark.parametrize(
    ("text", "report_date", "state"),
    [
        ("Pashinyan accused Azerbaijan of shelling Armenian villages.", "2022-09-14", "ARM"),
        # in office, and a surname alone still names him the year after he left
        ("Kok condemned the bombing of Belgrade.", "1999-04-01", "NLD"),
        ("Kok condemned the bombing of Belgrade.", "2003-06-01", "NLD"),
        # the full name names him whenever
        ("Wim Kok condemned the bombing of Belgrade.", "2022-09-14", "NLD"),
    ],
)
def test_a_leader_named_by_surname_while_in_office(text: str, report_date: str, state: str) -> None:
    assert state in _on(text, report_date)


@pytest.mark.parametrize(
    "text",
    [
        # a Dutch prime minister of 1994-2002 is no party in 2022, by surname or in a place name
        "Kok condemned the bombing of Belgrade.",
        "Tajik border guards opened fire on Kyrgyz positions near the village of Kok-Tash.",
    ],
)
def test_a_surname_of_a_leader_long_gone_is_no_one(text: str) -> None:
    assert "NLD" not in _on(text, "2022-09-14")


def _recipients(text: str) -> list[tuple[str, str | None]]:
    evs = extract_document(Document(id="d", text=text, report_date="2022-09-16"))
    return [(e.code, e.sector) for ev in evs for e in ev.recipient]


@pytest.mark.parametrize(
    ("text", "recipient"),
    [
        # a place or facility attacked stands for its owner, with the sector its words name
        (
            "Azerbaijani forces shelled military positions in Armenia's Jermuk region.",
            ("ARM", "MIL"),
        ),
        ("Tajik troops attacked a border post in Kyrgyzstan's Batken province.", ("KGZ", "MIL")),
        ("Russian artillery shelled the town of Kharkiv on Monday.", ("UKR", "CVL")),
        ("The Taliban stormed a police headquarters in eastern Afghanistan.", ("AFG", "COP")),
        # people an event is done to are a group of the state where it happened,
        # not the government of the city named
        ("Kyrgyz police detained 18 people in Bishkek.", ("KGZ", "CVL")),
        ("Belarusian police arrested dozens of demonstrators in Minsk on Sunday.", ("BLR", "CVL")),
    ],
)
def test_an_unnamed_target_stands_for_its_owner(text: str, recipient: tuple[str, str]) -> None:
    assert _recipients(text) == [recipient]


@pytest.mark.parametrize(
    "text",
    [
        # where the fire came from is not whom it hit
        "Tajik troops fired from positions in Tajikistan's Sughd region on Monday.",
        # troops sent are the thing moved, not the recipient
        "Russia sent troops to Kazakhstan on Thursday.",
    ],
)
def test_a_place_that_is_not_the_target_is_no_recipient(text: str) -> None:
    assert not any(sector in ("MIL", "CVL") and code != "KAZ" for code, sector in _recipients(text))
    assert "TJK" not in {code for code, _ in _recipients(text)}


@pytest.mark.parametrize(
    ("text", "state"),
    [
        # "its", "their": the subject of the clause above, in the same sentence
        ("Kyrgyzstan said its troops had pulled back from the border.", "KGZ"),
        ("Kyrgyz officials said their troops had pulled back from the border.", "KGZ"),
        ("The Kyrgyz defence ministry said its troops had pulled back from the border.", "KGZ"),
        # the nearest subject above, not the speaker, when the clause names its own
        ("Russia said Kazakh troops had completed their withdrawal from Almaty.", "KAZ"),
    ],
)
def test_a_possessive_belongs_to_the_subject_above_it(text: str, state: str) -> None:
    evs = [e for e in events(text) if e.event == "RETREAT"]
    assert [[a.code for a in e.actor] for e in evs] == [[state]]


def test_a_possessive_with_no_subject_before_it_is_no_one() -> None:
    # written before its owner: no guess from the words that follow (the story's lead
    # may still report the withdrawal, by no one named)
    evs = events("Its troops pulled back from the border, Kyrgyzstan said.")
    assert [e.actor for e in evs] in ([], [[]])


# --- session 5: people, places and names (issue 10's decision on actors outside the
# knowledge files: the state the sentence gives, else NSA in their own words)


@pytest.mark.parametrize(
    "text",
    [
        "Imam Suliman Gani demanded an immediate apology from the government.",
        # paraphrase: another unknown person, another title that is no office
        "Activist Maria Petrova demanded the release of the detained journalists.",
    ],
)
def test_an_unknown_person_who_acts_is_a_non_state_actor(text: str) -> None:
    requests = [e for e in events(text) if e.event == "REQUEST"]
    assert requests and requests[0].actor[0].code == "NSA"
    assert requests[0].actor[0].text.split()[-1] in text


def test_an_unknown_person_with_a_title_of_office_is_no_non_state_actor() -> None:
    # near miss: "President Ivo Marenko" is an official of a state the sentence leaves
    # unsaid, not a private person
    evs = events("President Ivo Marenko demanded an immediate apology from the government.")
    assert all(a.code != "NSA" for e in evs for a in e.actor)


@pytest.mark.parametrize(
    ("text", "state"),
    [
        (
            "Uttar Pradesh Chief Minister Yogi Adityanath criticised the state government.",
            "IND",
        ),
        # paraphrase: another office, a city the gazetteer places
        ("Delhi Chief Minister Arvind Kejriwal condemned the decision on Monday.", "IND"),
    ],
)
def test_an_unknown_official_is_of_the_state_the_words_before_the_name_place(
    text: str, state: str
) -> None:
    accusations = [e for e in events(text) if e.event == "ACCUSE"]
    assert accusations and [a.code for a in accusations[0].actor] == [state]


@pytest.mark.parametrize(
    ("text", "code", "sector"),
    [
        ("Authorities in Wyoming have launched an investigation.", "USA", "GOV"),
        # paraphrase: another sector noun, another place the gazetteer knows
        ("Police in Texas detained 40 protesters on Monday.", "USA", "COP"),
    ],
)
def test_people_placed_in_a_known_place_belong_to_its_state(
    text: str, code: str, sector: str
) -> None:
    evs = events(text)
    assert evs and (evs[0].actor[0].code, evs[0].actor[0].sector) == (code, sector)


def test_unplaced_authorities_stay_unnamed() -> None:
    # near miss: no place, no state (the story's lead may still report the deed, by no one
    # named)
    evs = events("The authorities have launched an investigation.")
    assert [e.actor for e in evs] in ([], [[]])


def test_an_alias_that_ends_a_longer_organisation_name_is_not_that_actor() -> None:
    evs = events("The African National Congress condemned the raid.")
    assert evs and "USA" not in codes(evs)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # near misses: a title or a direction before the name keeps it
        ("Only on the eve of the summit did President Erdoğan agree to send the protocol.", "TUR"),
        (
            "Vietnamese-led forces have retaken a strategic village in Western Cambodia after fierce fighting.",
            "KHM",
        ),
    ],
)
def test_a_title_or_direction_before_an_alias_keeps_it(text: str, code: str) -> None:
    assert code in codes(events(text))


@pytest.mark.parametrize(
    "text",
    [
        "Bosnian Serb units threatened to shell British forces based in Vitez.",
        # paraphrase: units of another state
        "Tajik units threatened to attack the Kyrgyz border post.",
    ],
)
def test_units_are_people_who_threaten(text: str) -> None:
    evs = [e for e in events(text) if e.event == "THREATEN"]
    assert evs and evs[0].actor


def test_a_thing_that_threatens_still_makes_no_threat() -> None:
    # near miss: a deployment endangers, it threatens no one
    assert not [
        e
        for e in events("Russia's deployment threatened Armenia's security.")
        if e.event == "THREATEN"
    ]


def test_an_accuser_does_not_accuse_its_own_forces() -> None:
    evs = events("Baku declares that its units only answered to provocations of the Armenian side.")
    accusations = [e for e in evs if e.event == "ACCUSE"]
    assert accusations and "AZE" not in {r.code for e in accusations for r in e.recipient}
    # near miss: another side's forces are whom it accuses
    evs = events(
        "Baku declares that Armenian units answered to provocations of the Azerbaijani side."
    )
    assert "ARM" in {r.code for e in evs if e.event == "ACCUSE" for r in e.recipient}


@pytest.mark.parametrize(
    ("text", "code", "sector"),
    [
        ("The West Bengal government has denied permission to the rally.", "IND", "GOV"),
        # paraphrase: another place's name before another sector noun
        ("The Texas police detained 40 protesters.", "USA", "COP"),
    ],
)
def test_a_place_named_before_an_institution_gives_its_state(
    text: str, code: str, sector: str
) -> None:
    evs = events(text)
    assert evs and (evs[0].actor[0].code, evs[0].actor[0].sector) == (code, sector)


def test_a_word_that_is_also_a_province_is_no_place_before_a_noun() -> None:
    # near miss: "the Gulf state" is Qatar, not Papua New Guinea's Gulf Province
    evs = events(
        "Saudi Arabia cut ties with Qatar, accusing the Gulf state of supporting terrorism."
    )
    assert "PNG" not in codes(evs)


@pytest.mark.parametrize(
    ("text", "actors"),
    [
        (
            "About 2,000 troops from Russia, Belarus and Armenia were flown in on January 6.",
            {"RUS", "BLR", "ARM"},
        ),
        # paraphrase: another verb of sending, the owner as an adjective
        ("Russian troops were deployed to Kazakhstan on Thursday.", {"RUS"}),
        ("Iranian drones were delivered to Russia in August.", {"IRN"}),
    ],
)
def test_whose_forces_were_sent_sent_them(text: str, actors: set[str]) -> None:
    aid = [e for e in events(text) if e.event == "AID"]
    assert aid and {a.code for a in aid[0].actor} == actors


@pytest.mark.parametrize(
    "text",
    [
        # near misses: shipped or flown out is withdrawn, not sent
        "Eighty UN peacekeepers were shipped out of the enclave of Gorazde on Friday.",
        "Russian troops were flown out of Kazakhstan on Wednesday.",
    ],
)
def test_forces_shipped_out_are_withdrawn(text: str) -> None:
    evs = events(text)
    assert evs and evs[0].event == "RETREAT" and "AID" not in {e.event for e in evs}


def test_an_agent_still_sends_what_was_sent() -> None:
    # near miss: with an agent named, the agent acts, not the owner of the thing
    aid = [
        e
        for e in events("Russian weapons were delivered to Armenia by Belarus.")
        if e.event == "AID"
    ]
    assert not aid or {a.code for a in aid[0].actor} <= {"BLR"}


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        # the small parser reads an opening all-caps name as a verb or an adverb
        ("ECOWAS imposed sanctions on Niger on Sunday.", "ECOWAS"),
        # paraphrase: another deed, by an organisation the knowledge lacks, read as an adverb
        ("USAID announced a suspension of aid to Yemen.", "NSA"),
    ],
)
def test_a_known_acronym_opening_the_sentence_acts(text: str, actor: str) -> None:
    evs = events(text)
    assert evs and actor in {a.code for a in evs[0].actor}


@pytest.mark.parametrize(
    "text",
    [
        # near misses: in the passive the opening name is done to; withdrawn or expelled
        # diplomats are not the ones who expel
        "OSCE observers were expelled from Belarus.",
        "Russian diplomats were expelled from Poland.",
    ],
)
def test_those_done_to_in_the_passive_do_not_act(text: str) -> None:
    evs = events(text)
    assert evs and not {"OSCE", "RUS"} & {a.code for a in evs[0].actor}


def test_a_participle_hung_on_the_saying_is_done_by_the_one_said_to_do_it() -> None:
    # the parse hangs "ending" on "said": the troops end their mission, not the ministry
    text = (
        "The Russian troops handed over the last observation posts on Friday, the "
        "Azerbaijani defence ministry said, ending their mission."
    )
    actors = {a.code for ev in events(text) for a in ev.actor}
    assert "RUS" in actors and "AZE" not in actors


def test_a_participle_of_saying_stays_the_speakers() -> None:
    # near miss: "adding" is the ministry's own saying, not the troops' deed
    from pactwatch.extract.clauses import told_clause
    from pactwatch.extract.nlp import load_nlp

    doc = load_nlp()(
        "Russian troops left the base on Friday, the ministry said, adding that the "
        "handover was complete."
    )
    adding = next(t for t in doc if t.lower_ == "adding")
    assert told_clause(adding) is None


def _records_of(text: str, event: str) -> list[tuple[set[str], set[str]]]:
    return [
        ({a.code for a in ev.actor}, {r.code for r in ev.recipient})
        for ev in events(text)
        if ev.event == event
    ]


@pytest.mark.parametrize(
    ("text", "event", "igo"),
    [
        # "the alliance" named after NATO in its own sentence is NATO, not the EU before it
        (
            "Sarkozy holds the European Union's rotating presidency. Georgia, which hopes "
            "to join NATO, was told at the alliance's Bucharest summit that it would one "
            "day become a member.",
            "CONSULT",
            "NATO",
        ),
        # paraphrase: another organisation and group word
        (
            "The European Union imposed sanctions on Minsk. Armenia, which is a member of "
            "the CSTO, stayed away from the bloc's summit in Minsk.",
            "REJECT",
            "CSTO",
        ),
    ],
)
def test_a_group_word_is_the_organisation_named_last_in_its_own_sentence(
    text: str, event: str, igo: str
) -> None:
    assert any(igo in actors | recipients for actors, recipients in _records_of(text, event))


def test_a_shared_organ_in_the_sentence_is_no_organisation_for_a_group_word() -> None:
    # near miss: "Security Council of Armenia" is Armenia's organ, not the UN's; the
    # bloc is the CSTO named before
    text = (
        "Armenia asked the CSTO for help. The Security Council of Armenia met on Tuesday "
        "and decided to appeal to the bloc again."
    )
    codes_seen = {
        c for actors, recipients in _records_of(text, "REQUEST") for c in actors | recipients
    }
    assert "UN" not in codes_seen and "CSTO" in codes_seen


@pytest.mark.parametrize(
    ("text", "actor", "not_actor"),
    [
        # "it", subject of what was said to or of someone, is the subject above
        (
            "Sarkozy flew to Moscow. Georgia was told at the summit that it would one day "
            "become a member of NATO.",
            "GEO",
            "RUS",
        ),
        # paraphrase
        (
            "Putin met Tokayev in Moscow. Ukraine was told in Vilnius that it would become "
            "a member of NATO one day.",
            "UKR",
            "KAZ",
        ),
    ],
)
def test_it_in_a_reported_clause_is_the_subject_above(
    text: str, actor: str, not_actor: str
) -> None:
    actors = {a for acts, _ in _records_of(text, "AGREE") for a in acts}
    assert actor in actors and not_actor not in actors


def test_it_opening_a_sentence_is_still_the_actor_told_before() -> None:
    # near miss: a main clause's "it" refers back, as before
    text = "Russia moved troops to the border. It later withdrew them."
    actors = {a for acts, _ in _records_of(text, "RETREAT") for a in acts}
    assert actors == {"RUS"}


@pytest.mark.parametrize(
    "text",
    [
        # a subject that a verb needs is found above an xcomp ("began leaving")
        "Russian peacekeepers have begun leaving Azerbaijan's Karabakh region.",
        # paraphrase: to-infinitive
        "Kyrgyz troops began to leave the disputed village near Tajikistan.",
    ],
)
def test_a_needed_subject_is_found_above_the_complement(text: str) -> None:
    assert any(ev.event == "RETREAT" for ev in events(text))


def test_a_needed_subject_above_the_complement_must_still_be_the_right_one() -> None:
    # near miss: a minister leaving is no withdrawal of forces
    assert not any(
        ev.event == "RETREAT"
        for ev in events("The Russian minister began to leave Azerbaijan's Karabakh region.")
    )


@pytest.mark.parametrize(
    "text",
    [
        # a wire dateline names where the report was filed, never who acted
        "Russian peacekeepers begin leaving Karabakh\n\nMOSCOW/BAKU, April 18 - Russian "
        "peacekeepers have begun leaving Azerbaijan's Karabakh region, the Kremlin confirmed "
        "on Wednesday, more than a year before their mandate was due to expire.",
        # paraphrase: the same shape of dateline before another withdrawal
        "Troops pull out\n\nBISHKEK/DUSHANBE, May 2 - Kyrgyz troops have begun leaving the "
        "disputed border area, the ministry said on Tuesday, a week after the clashes ended.",
    ],
)
def test_a_dateline_is_never_an_actor(text: str) -> None:
    texts = {a.text for ev in events(text) for a in ev.actor}
    assert not any(t and t.isupper() and "/" in t for t in texts)


def test_a_dateline_the_parse_made_a_subject_is_skipped_for_the_real_one() -> None:
    # the parse gives "begun" two subjects, the dateline and the peacekeepers
    text = (
        "MOSCOW/BAKU, April 18 - Russian peacekeepers have begun leaving Azerbaijan's "
        "Karabakh region, the Kremlin confirmed on Wednesday."
    )
    assert [sorted(a.code for a in ev.actor) for ev in events(text)] == [["RUS"]]


@pytest.mark.parametrize(
    ("text", "actors"),
    [
        # "the four states" after four states acted together are those four
        (
            "Saudi Arabia, the UAE, Bahrain and Egypt cut diplomatic ties with Qatar on "
            "Monday.\n\nThe four states also closed their borders with the peninsula.",
            ["ARE", "BHR", "EGY", "SAU"],
        ),
        # paraphrase: another number and group noun
        (
            "Russia, Belarus and Kazakhstan signed the treaty on Friday. The three countries "
            "also closed their borders to Ukraine.",
            ["BLR", "KAZ", "RUS"],
        ),
    ],
)
def test_a_numbered_group_word_is_the_group_that_last_acted(text: str, actors: list[str]) -> None:
    closing = [ev for ev in events(text) if ev.event == "COERCE"]
    assert [sorted(a.code for a in ev.actor) for ev in closing] == [actors]


def test_a_numbered_group_word_is_no_pair() -> None:
    # near miss: three states are not the last two named (Qatar and Iran)
    text = (
        "Saudi Arabia, the UAE, Bahrain and Egypt cut ties with Qatar on Monday, accusing it "
        "of being too close to Iran.\n\nThe three Gulf states also closed their borders with "
        "the peninsula."
    )
    actors = {a.code for ev in events(text) if ev.event == "COERCE" for a in ev.actor}
    assert not actors & {"QAT", "IRN"}


@pytest.mark.parametrize(
    ("text", "actors"),
    [
        # a list of states named together is the group "the three states" refers to
        (
            "Sunday's announcement by Mali, Burkina Faso and Niger surprised the region. "
            "In September the three states signed a mutual defence charter.",
            ["BFA", "MLI", "NER"],
        ),
        # near miss: four states listed are not "the three states"
        (
            "Sunday's announcement by Mali, Burkina Faso, Chad and Niger surprised the region. "
            "In September the three states signed a mutual defence charter.",
            [],
        ),
    ],
)
def test_a_numbered_group_word_is_the_list_of_that_many_states(
    text: str, actors: list[str]
) -> None:
    found = sorted({a.code for ev in events(text) if ev.event == "AGREE" for a in ev.actor})
    assert found == actors


@pytest.mark.parametrize(
    "text",
    [
        # people outside the state who protest, refuse or give in act as a group (NSA)
        "Union workers said they will not end the strike until their demands are met.",
        "Thousands of students rallied outside the parliament on Tuesday.",
    ],
)
def test_an_unnamed_group_of_people_acts_as_a_group(text: str) -> None:
    actors = [a for ev in events(text) for a in ev.actor]
    assert actors and all(a.code == "NSA" and a.sector == "CVL" for a in actors)


def test_an_unnamed_government_is_no_group() -> None:
    # near miss: a government of no named state is someone left unsaid, not a group
    assert events("The government will not end the strike.") == []


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        # a protest the sentence places nowhere took place where the report was filed
        (
            "YEREVAN, Nov 24 - Leaders met on Wednesday.\n\nOutside the government building "
            "several hundred demonstrators rallied on Wednesday.",
            "ARM",
        ),
        (
            "BISHKEK, Oct 3 - Thousands of people rallied outside the parliament on Monday.",
            "KGZ",
        ),
        # near miss: a dateline of two cities names no one place
        (
            "MOSCOW/BAKU, Nov 24 - Leaders met.\n\nSeveral hundred demonstrators rallied "
            "on Wednesday outside the parliament.",
            "NSA",
        ),
    ],
)
def test_a_protest_placed_nowhere_is_where_the_report_was_filed(text: str, actor: str) -> None:
    actors = {a.code for ev in events(text) if ev.event == "PROTEST" for a in ev.actor}
    assert actors == {actor}


@pytest.mark.parametrize(
    ("text", "actors"),
    [
        # "it" subject of a clause joined by "and" is the subject of the clause before
        (
            "Armenia fought border clashes with Azerbaijan. In January Armenia refused to host "
            "the alliance's drills, and in November it declined to sign the declaration.",
            [["ARM"], ["ARM"]],
        ),
        (
            "Georgia criticised the decision of Russia, and it refused to recognise the "
            "referendums.",
            [["GEO"]],
        ),
        # near miss: "it" as the object of the joined clause is no one who acts
        ("Georgia criticised the referendum plan, and Moldova rejected it.", [["MDA"]]),
    ],
)
def test_it_in_a_joined_clause_is_the_subject_before(text: str, actors: list[list[str]]) -> None:
    assert _actors_of(text, "REJECT", "2023-09-01") == actors


@pytest.mark.parametrize(
    ("text", "actors"),
    [
        # "the two leaders" after two states named in the sentence: those two
        (
            "Russia annexed four Ukrainian regions in 2022. Last week Tokayev met Turkish "
            "President Tayyip Erdogan in Astana, where the two leaders signed an agreement.",
            ["KAZ", "TUR"],
        ),
        # near miss: none named in the sentence, the pair the document named last
        (
            "Kyrgyz and Tajik troops clashed on Monday. On Friday the two countries signed an "
            "agreement.",
            ["KGZ", "TJK"],
        ),
    ],
)
def test_the_two_are_the_two_named_in_the_sentence(text: str, actors: list[str]) -> None:
    assert _actors_of(text, "AGREE", "2023-09-12") == [actors]


@pytest.mark.parametrize(
    ("text", "actors"),
    [
        # the host of exercises takes part in them
        (
            "Kazakhstan will host joint exercises of the Collective Security Treaty "
            "Organization next month.",
            ["KAZ", "CSTO"],
        ),
        # near miss: hosting a summit is a meeting, as before
        ("Armenia hosted a summit of the CSTO in Yerevan.", ["ARM", "CSTO"]),
    ],
)
def test_the_host_of_exercises_takes_part(text: str, actors: list[str]) -> None:
    evs = extract_document(Document(id="d", text=text, report_date="2023-09-12"))
    assert [[a.code for a in e.actor] for e in evs] == [actors]


@pytest.mark.parametrize(
    ("text", "actors"),
    [
        # a relative clause the parse read as an apposition adds no actor
        (
            "Poland and Lithuania, which border Belarus, urged NATO to strengthen its eastern "
            "flank.",
            ["POL", "LTU"],
        ),
        # near miss: a list keeps every name
        (
            "Poland, Lithuania and Latvia urged NATO to strengthen its eastern flank.",
            ["POL", "LTU", "LVA"],
        ),
    ],
)
def test_a_relative_clause_read_as_apposition_adds_no_actor(text: str, actors: list[str]) -> None:
    assert _actors_of(text, "REQUEST", "2023-06-13") == [actors]


@pytest.mark.parametrize(
    ("text", "recipients"),
    [
        # a held place's holder is whom an attack on it is aimed at
        ("Iraqi forces attacked the ISIS-held old city of Mosul.", [("NSA", "ISIS")]),
        ("Ukrainian forces shelled Russian-held territory in Kherson.", [("RUS", "Russian")]),
        # a group's own place, named by the group
        ("Iraqi troops launched an assault on the last ISIS bastion in Syria.", [("NSA", "ISIS")]),
        # a hospital is a place done to, owned by its state
        ("Saudi jets bombed a hospital in Yemen.", [("YEM", "a hospital")]),
        # near misses: "long-held" names no holder; a state's positions stay the state's
        (
            "Iraqi forces attacked the long-held town of Mosul in Iraq.",
            [("IRQ", "the long-held town of Mosul in Iraq")],
        ),
        ("Azerbaijani forces shelled Armenian positions in Jermuk.", [("ARM", "Armenian")]),
    ],
)
def test_whom_an_attack_on_a_place_is_aimed_at(
    text: str, recipients: list[tuple[str, str]]
) -> None:
    evs = extract_document(Document(id="d", text=text, report_date="2018-02-24"))
    assert [[(r.code, r.text) for r in e.recipient] for e in evs] == [recipients]


@pytest.mark.parametrize(
    ("text", "actors", "recipients"),
    [
        # an unnamed group that surrenders or withdraws acts, in its own words
        ("Twenty rebels surrendered to the police on Monday.", ["NSA"], []),
        ("Dozens of fighters surrendered to Iraqi forces.", ["NSA"], ["IRQ"]),
        # people released are whom the release is done to, with or without a releaser
        ("Three Russians and one Ukrainian have been released from captivity.", [], ["RUS", "UKR"]),
        # near miss: released funds are no one
        ("The funds were released by the IMF on Monday.", ["IMF"], []),
    ],
)
def test_surrenders_and_releases(text: str, actors: list[str], recipients: list[str]) -> None:
    evs = extract_document(Document(id="d", text=text, report_date="2018-02-24"))
    got = [([a.code for a in e.actor], [r.code for r in e.recipient]) for e in evs]
    assert got == [(actors, recipients)]


def test_a_word_inside_an_organisation_name_is_no_trigger() -> None:
    text = "The Government of National Accord met the rebels on Monday."
    evs = extract_document(Document(id="d", text=text, report_date="2018-02-24"))
    assert "AGREE" not in [e.event for e in evs]  # "Accord" names the government
    # near miss: the same word outside a name is an agreement
    text = "Libya and Tunisia signed an accord on Monday."
    evs = extract_document(Document(id="d", text=text, report_date="2018-02-24"))
    assert [e.event for e in evs] == ["AGREE"]


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        # groups of people named by what they are act in their own words
        ("Hundreds of teachers went on strike on Monday.", ("NSA", "CVL")),
        ("Dozens of prisoners went on hunger strike on Monday.", ("NSA", "CVL")),
        # near miss: a word for no group of people names no one
        ("Hundreds of reports went on file on Monday.", None),
    ],
)
def test_groups_of_people_by_what_they_are(text: str, actor: tuple[str, str] | None) -> None:
    evs = extract_document(Document(id="d", text=text, report_date="2018-02-24"))
    got = [(a.code, a.sector) for e in evs for a in e.actor]
    assert got == ([actor] if actor else [])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an unnamed group of people that threatens or agrees acts in its own words
        ("The inhabitants of the village threatened to hold a strike.", [("THREATEN", "NSA")]),
        ("Dozens of rebels agreed to lay down their arms.", [("AGREE", "NSA")]),
        # near miss: "the government" of no named state is no group of people
        ("The government threatened to impose a curfew.", []),
    ],
)
def test_groups_that_threaten_or_agree(text: str, expected: list[tuple[str, str]]) -> None:
    evs = extract_document(Document(id="d", text=text, report_date="2005-01-01"))
    assert [(e.event, a.code) for e in evs for a in e.actor] == expected


@pytest.mark.parametrize(
    ("text", "actors"),
    [
        # "the leaders" in a sentence about an organisation are its leaders
        (
            "Putin held talks with Tokayev on Thursday. The leaders approved a plan to "
            "strengthen the alliance's rapid reaction force.",
            [["CSTO"]],
        ),
        (
            "Putin held talks with Tokayev on Thursday. The leaders of the CSTO approved a plan "
            "to strengthen its rapid reaction force.",
            [["CSTO"]],
        ),
        # near miss: with no organisation in the sentence, the two who met
        (
            "Putin held talks with Tokayev on Thursday. The leaders approved a plan to "
            "build a pipeline.",
            [["RUS", "KAZ"]],
        ),
    ],
)
def test_the_leaders_of_an_organisation(text: str, actors: list[list[str]]) -> None:
    doc = "The CSTO met in Minsk on Thursday. " + text
    assert _actors_of(doc, "AGREE", "2023-11-23") == actors


@pytest.mark.parametrize(
    ("text", "parties"),
    [
        # a mediator named by "-brokered" or "-mediated" is no party to the ceasefire
        ("A Russian-brokered ceasefire between Armenia and Azerbaijan collapsed.", ["ARM", "AZE"]),
        ("Armenia and Azerbaijan agreed to a Russian-mediated truce on Tuesday.", ["ARM", "AZE"]),
        # near miss: "US-led" forces are the US acting, as PLOVER codes them
        ("US-led forces withdrew from the base on Tuesday.", ["USA"]),
    ],
)
def test_a_mediator_is_no_party(text: str, parties: list[str]) -> None:
    evs = extract_document(Document(id="d", text=text, report_date="2022-09-15"))
    assert [a.code for e in evs if e.event == "RETREAT" for a in e.actor] == parties


@pytest.mark.parametrize(
    ("text", "retreats"),
    [
        # a ceasefire with no sides named is between the two who fought, not its mediator
        (
            "Armenia and Azerbaijan clashed on Monday. A Russian-brokered ceasefire announced "
            "on Tuesday morning had collapsed within hours.",
            [["ARM", "AZE"]],
        ),
        (
            "Armenia and Azerbaijan clashed on Monday. The truce held on Wednesday.",
            [["ARM", "AZE"]],
        ),
        # near miss: with no fighting told before, no sides to give it
        ("A Russian-brokered ceasefire announced on Tuesday morning had collapsed.", []),
    ],
)
def test_a_ceasefire_is_between_those_who_fought(text: str, retreats: list[list[str]]) -> None:
    assert _actors_of(text, "RETREAT", "2022-09-15") == retreats


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        # a protest placed nowhere took place where the story's first placed event did
        (
            "The leaders of the CSTO met in Yerevan on Wednesday. Outside the government "
            "building several hundred demonstrators rallied, demanding that Armenia leave.",
            "ARM",
        ),
        (
            "Russian and Belarusian troops held drills in Belarus on Monday. Hundreds of "
            "protesters marched against the drills on Tuesday.",
            "BLR",
        ),
        # near miss: a story placed nowhere leaves the group in its own words
        ("Several hundred demonstrators rallied on Wednesday.", "NSA"),
    ],
)
def test_a_protest_placed_nowhere_is_where_the_story_is(text: str, actor: str) -> None:
    evs = extract_document(Document(id="d", text=text, report_date="2022-11-24"))
    assert [a.code for e in evs if e.event == "PROTEST" for a in e.actor] == [actor]


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        # "the Moscow-led alliance" is the alliance, not Moscow
        ("The CSTO met in Minsk. The Russian-led alliance called for restraint.", "CSTO"),
        (
            "Kyrgyz and Tajik guards clashed. The Collective Security Treaty Organization, a "
            "Moscow-led military alliance that includes both countries, called on the two "
            "sides to exercise restraint.",
            "CSTO",
        ),
        # near miss: "US-led coalition forces" are the US acting, as PLOVER codes them
        ("US-led coalition forces bombed the town.", "USA"),
    ],
)
def test_an_alliance_led_by_a_state_is_the_alliance(text: str, actor: str) -> None:
    evs = extract_document(Document(id="d", text=text, report_date="2022-01-28"))
    assert [a.code for e in evs if e.event in ("REQUEST", "ASSAULT") for a in e.actor][-1] == actor


@pytest.mark.parametrize(
    ("text", "actors", "recipients"),
    [
        # arms received were given by whoever they came from, to the one who received them
        (
            "Belarus has begun receiving Russian tactical nuclear weapons, Lukashenko said.",
            ["RUS"],
            ["BLR"],
        ),
        ("Armenia received artillery systems and drones from India.", ["IND"], ["ARM"]),
        # near miss: a delegation received is a meeting, not aid
        ("Armenia received a delegation from France.", ["ARM"], []),
    ],
)
def test_what_is_received_was_given(text: str, actors: list[str], recipients: list[str]) -> None:
    evs = extract_document(Document(id="d", text=text, report_date="2023-06-13"))
    got = [([a.code for a in e.actor], [r.code for r in e.recipient]) for e in evs]
    assert got == [(actors, recipients)]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # a dateline of several cities names no one place for what its sentence tells
        ("MOSCOW/BAKU, Nov 24 - Russian and Azerbaijani diplomats met on Wednesday.", None),
        ("ANKARA/ATHENS, March 3 - Turkish and Greek officials met on Monday.", None),
        # near miss: a dateline of one city
        ("BAKU, Nov 24 - Russian and Azerbaijani diplomats met on Wednesday.", "AZE"),
    ],
)
def test_a_shared_dateline_places_no_event(text: str, place: str | None) -> None:
    [meeting] = [e for e in events(text) if e.event == "CONSULT"]
    loc = meeting.event_loc
    if place is None:
        assert loc is None or loc.text not in text.split(" - ")[0]
    else:
        assert loc is not None and loc.country_code == place


@pytest.mark.parametrize(
    ("text", "event", "actors"),
    [
        # talks or clashes with someone, told as the time of another deed, were held by
        # that deed's subject
        (
            "Erdogan said after talks with Putin that the grain deal would be extended.",
            "CONSULT",
            {"TUR", "RUS"},
        ),
        ("Armenia closed the road after clashes with Azerbaijan.", "ASSAULT", {"ARM", "AZE"}),
        (
            "Putin, speaking after a meeting with Erdogan in Sochi, said the talks were useful.",
            "CONSULT",
            {"RUS", "TUR"},
        ),
        # near misses: talks or clashes that name their own sides
        (
            "Armenia closed the road after clashes between Tajik and Kyrgyz troops.",
            "ASSAULT",
            {"TJK", "KGZ"},
        ),
        ("Armenia closed the road after a meeting of the CSTO.", "CONSULT", {"CSTO"}),
    ],
)
def test_talks_with_someone_before_a_deed_are_its_doers(
    text: str, event: str, actors: set[str]
) -> None:
    [record] = [e for e in events(text) if e.event == event]
    assert {a.code for a in record.actor} == actors


@pytest.mark.parametrize(
    ("text", "event", "actors"),
    [
        # an "it" opening the next sentence goes on with the subject before, not with the
        # last state named
        (
            "Moldova has repeatedly accused Russia of trying to destabilise the country. "
            "Last month it banned two pro-Russian television channels.",
            "COERCE",
            ["MDA"],
        ),
        (
            "Kazakhstan criticised Russia's decision on Monday. On Tuesday it expelled a "
            "Russian diplomat.",
            "SANCTION",
            ["KAZ"],
        ),
        # near miss: a subject of two names no "it"; the last one named stands
        (
            "Russia and Kazakhstan criticised Moldova's decision. It expelled a Russian "
            "diplomat on Tuesday.",
            "SANCTION",
            ["MDA"],
        ),
    ],
)
def test_it_goes_on_with_the_subject_before(text: str, event: str, actors: list[str]) -> None:
    [record] = [e for e in events(text) if e.event == event]
    assert [a.code for a in record.actor] == actors


@pytest.mark.parametrize(
    ("text", "event", "records"),
    [
        # what an event told before is said to be names it again, no new event between
        # whoever the sentence names
        (
            "Belarus and Russia began joint drills on Tuesday. Lukashenko said the drills were "
            "a response to threats from NATO.",
            "COOPERATE",
            [["BLR", "RUS"]],
        ),
        (
            "Belarus and Russia began joint drills on Tuesday. Lithuanian officials said the "
            "drills were a threat to Poland.",
            "COOPERATE",
            [["BLR", "RUS"]],
        ),
        # near miss: said of no event told before, the drills are told here
        ("Russia said the drills with Belarus were a success.", "COOPERATE", [["BLR"]]),
        # "its" in a relative clause is its antecedent's, not the last state named
        (
            "Moscow moved nuclear weapons to Belarus last month. NATO, which has held its "
            "largest exercises this spring, called the move a provocation.",
            "COOPERATE",
            [["NATO"]],
        ),
        (
            "Russia sent troops to Armenia on Monday. Poland, which has sent its own troops to "
            "Lithuania, condemned the move.",
            "AID",
            [["RUS"], ["POL"]],
        ),
    ],
)
def test_events_named_again_and_relative_possessives(
    text: str, event: str, records: list[list[str]]
) -> None:
    assert [[a.code for a in e.actor] for e in events(text) if e.event == event] == records


def test_its_in_a_relative_clause_is_no_recipient() -> None:
    evs = events(
        "Russia sent troops to Armenia on Monday. Poland, which has sent its own troops to "
        "Lithuania, condemned the move."
    )
    [polish] = [e for e in evs if e.event == "AID" and e.actor[0].code == "POL"]
    assert [r.code for r in polish.recipient] == ["LTU"]


_EU_PACKAGE = (
    "The European Union adopted new sanctions against Russia on Monday. The measures ban the "
    "reloading of Russian gas in EU ports and add 116 individuals to the bloc's sanctions "
    "list, including firms in China and Kazakhstan accused of helping Moscow."
)


@pytest.mark.parametrize(
    ("text", "event", "actors"),
    [
        # what measures told before do, their doer does (not the state a place names)
        (_EU_PACKAGE, "COERCE", [["EU"]]),
        (
            "Britain imposed sanctions on Belarus on Monday. The measures freeze the assets of "
            "20 Belarusian officials.",
            "SANCTION",
            [["GBR"], ["GBR"]],
        ),
        # near miss: measures of someone named are theirs
        (
            "The European Union adopted new sanctions against Russia on Monday. Russia's "
            "measures ban imports from the EU.",
            "SANCTION",
            [["EU"], ["RUS"]],
        ),
    ],
)
def test_measures_told_before_act_for_their_doer(
    text: str, event: str, actors: list[list[str]]
) -> None:
    assert [[a.code for a in e.actor] for e in events(text) if e.event == event] == actors


def test_firms_accused_are_accused_not_accusers() -> None:
    # a participle after a noun the tagger reads as a past tense: the firms are accused
    [accusation] = [e for e in events(_EU_PACKAGE) if e.event == "ACCUSE"]
    assert accusation.actor == [] and {r.code for r in accusation.recipient} == {"CHN", "KAZ"}
    # near misses: a past tense that is the sentence's verb accuses; a past tense with an
    # object of its own that the parse hung on its subject acts
    [accusation] = [
        e for e in events("Kyrgyz officials accused Tajikistan of shelling.") if e.event == "ACCUSE"
    ]
    assert [a.code for a in accusation.actor] == ["KGZ"]
    [handover] = events("The rebels handed over the town to government forces.")
    assert [(a.code, a.text) for a in handover.actor] == [("NSA", "The rebels")]


def test_it_goes_on_with_a_subject_earlier_in_its_sentence() -> None:
    # the subject written before "it" in the same sentence, not the last sentence's
    text = (
        "Russia keeps an air base at Kant, east of Bishkek. Kyrgyzstan also buys Turkish "
        "Bayraktar drones; it received the first of them in 2021."
    )
    [received] = [e for e in events(text) if e.event == "AID"]
    assert [r.code for r in received.recipient] == ["KGZ"]


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        # what an event named before does, or what is done with it, tells more of it
        (
            "Russia and Belarus held joint drills on Monday. The drills involved about 30,000 "
            "troops.",
            ["2022-02-21"],
        ),
        (
            "Chinese and Tajik special forces held joint exercises on Saturday. The drills, "
            "the third of their kind since 2016, were aimed at militants who might cross from "
            "Afghanistan.",
            ["2022-02-19"],
        ),
    ],
)
def test_an_event_named_again_as_a_subject_is_no_new_one(text: str, dates: list[str]) -> None:
    evs = extract_document(Document(id="d", text=text, report_date="2022-02-21"))
    assert [e.date for e in evs if e.event == "COOPERATE"] == dates


def test_an_event_named_again_going_on_is_a_new_day_of_it() -> None:
    # near miss: told going on again, it has a record of its own, with its day
    text = "Armenia and Azerbaijan clashed on Monday. The fighting resumed on Wednesday."
    evs = extract_document(Document(id="d", text=text, report_date="2022-09-16"))
    assert [e.date for e in evs if e.event == "ASSAULT"] == ["2022-09-12", "2022-09-14"]
    # a verb that tells more of it makes none
    text = "Armenia and Azerbaijan clashed on Monday. The fighting killed 50 soldiers."
    evs = extract_document(Document(id="d", text=text, report_date="2022-09-16"))
    assert [e.date for e in evs if e.event == "ASSAULT"] == ["2022-09-12"]


@pytest.mark.parametrize(
    ("text", "accusations"),
    [
        # counter-terrorism drills reported are no statement against terrorism's doers
        (
            "China's defence ministry said Chinese and Tajik special forces had held joint "
            "counter-terrorism exercises.",
            0,
        ),
        ("China's defence ministry said the Tajik side had held anti-terrorism drills.", 0),
        # near miss: terrorism named as a charge
        ("Beijing said the attack on its embassy was an act of terrorism.", 1),
    ],
)
def test_counter_terrorism_is_no_charge(text: str, accusations: int) -> None:
    assert [e.event for e in events(text)].count("ACCUSE") == accusations


@pytest.mark.parametrize(
    ("text", "event", "actors", "hedged"),
    [
        # accused of a deed: those accused do it, as the accuser has it (also when the
        # parse hangs the "of" phrase on a noun of the object)
        (
            "Armenia will leave the CSTO, Pashinyan told parliament on Wednesday, accusing two "
            "unnamed members of the bloc of helping Azerbaijan plan the 2020 war.",
            "AID",
            ["CSTO"],
            True,
        ),
        (
            "Pashinyan accused two members of the alliance of helping Azerbaijan during the war.",
            "AID",
            [],
            True,
        ),
        # near miss: the step one takes of doing something is one's own, told as fact
        (
            "Paris took the unprecedented step of recalling its ambassadors from Washington.",
            "SANCTION",
            ["FRA"],
            False,
        ),
    ],
)
def test_the_accused_do_what_they_are_accused_of(
    text: str, event: str, actors: list[str], hedged: bool
) -> None:
    [record] = [e for e in events(text) if e.event == event]
    assert [a.code for a in record.actor] == actors
    assert record.attribution.hedged is hedged


def test_a_deed_that_only_times_the_charge_is_no_part_of_it() -> None:
    # near miss: the attacks during which the CSTO is said to have abandoned Armenia are
    # told as fact, and are no accusation against Azerbaijan by Armenia
    text = (
        "Pashinyan has repeatedly accused the Collective Security Treaty Organization of "
        "abandoning Armenia during the Azerbaijani attacks of September 2022."
    )
    evs = extract_document(Document(id="d", text=text, report_date="2023-09-11"))
    [attacks] = [e for e in evs if e.event == "ASSAULT"]
    assert attacks.attribution.hedged is False
    [accusation] = [e for e in evs if e.event == "ACCUSE"]
    assert [r.code for r in accusation.recipient] == ["CSTO"]


@pytest.mark.parametrize(
    ("text", "event", "role", "codes"),
    [
        # "its" is no plural subject's: the singular one above owns it
        (
            "Azerbaijan's defence ministry said on Friday that Armenian forces had fired on its "
            "positions overnight.",
            "ASSAULT",
            "recipient",
            ["AZE"],
        ),
        (
            "Kyrgyzstan said Tajik troops had shelled its border posts.",
            "ASSAULT",
            "recipient",
            ["KGZ"],
        ),
        (
            "Riyadh cut ties with Tehran in January 2016 after protesters stormed its embassy.",
            "ASSAULT",
            "recipient",
            ["SAU"],
        ),
        # near miss: a singular subject's own troops
        ("Armenia said its troops had withdrawn.", "RETREAT", "actor", ["ARM"]),
    ],
)
def test_its_is_no_plural_subjects(text: str, event: str, role: str, codes: list[str]) -> None:
    [record] = [e for e in events(text) if e.event == event]
    assert [e.code for e in getattr(record, role)] == codes


@pytest.mark.parametrize(
    ("text", "accusations"),
    [
        # a fight the speaker is a side of, reported by it, accuses no one
        (
            "Azerbaijan and Armenia clashed on Tuesday. Azerbaijan's foreign minister told the "
            "council that the fighting had ended.",
            [],
        ),
        (
            "Azerbaijan's military operation in Nagorno-Karabakh went on. Azerbaijan's foreign "
            "minister told the council that the operation had ended.",
            [],
        ),
        # near miss: the other side's attack reported is an accusation
        ("Kyrgyzstan said Tajik troops had shelled its villages.", [("KGZ", "TJK")]),
    ],
)
def test_a_side_reporting_its_own_fight_accuses_no_one(
    text: str, accusations: list[tuple[str, str]]
) -> None:
    got = [
        (e.actor[0].code, e.recipient[0].code)
        for e in events(text)
        if e.event == "ACCUSE" and e.actor and e.recipient
    ]
    assert got == accusations


def _roles(text: str, event: str) -> list[tuple[list[str], list[str]]]:
    """(actor texts, recipient texts) of each record of one type."""
    return [
        ([a.text for a in e.actor], [r.text for r in e.recipient])
        for e in events(text)
        if e.event == event
    ]


@pytest.mark.parametrize(
    ("text", "event", "recipient"),
    [
        # what is held back goes to whom the "to" phrase names, on the verb or the thing
        ("Russia suspended arms deliveries to Armenia.", "SANCTION", ["ARM"]),
        ("Moscow has halted gas supplies to Moldova for a week.", "SANCTION", ["MDA"]),
        ("The United States cut military aid to Pakistan.", "SANCTION", ["PAK"]),
        ("Ecuador has granted political asylum to the Belarusian activist.", "AID", ["BLR"]),
        # near miss: a "for" phrase of time or purpose names no one
        ("Russia suspended its participation in the treaty for a year.", "SANCTION", []),
    ],
)
def test_what_is_given_or_withheld_goes_to_whom_to_names(
    text: str, event: str, recipient: list[str]
) -> None:
    got = [[r.code for r in e.recipient] for e in events(text) if e.event == event]
    assert got == [recipient]


@pytest.mark.parametrize(
    ("text", "recipient"),
    [
        ("Libya freed 37 prisoners late on Tuesday.", ["37 prisoners"]),
        (
            "Azerbaijan released dozens of detained activists on Monday.",
            ["dozens of detained activists"],
        ),
        # near miss: weapons returned are the thing, not whom it is done to
        ("The rebels returned the seized weapons on Monday.", []),
    ],
)
def test_people_released_are_whom_the_release_is_done_to(text: str, recipient: list[str]) -> None:
    assert [r for _a, r in _roles(text, "RETREAT")] == [recipient]


@pytest.mark.parametrize(
    ("text", "event", "recipient"),
    [
        ("Belarusian police detained Ales Bialiatski on Friday.", "COERCE", ["Ales Bialiatski"]),
        (
            "Tajik troops detained Suliman Gani near the border on Monday.",
            "COERCE",
            ["Suliman Gani"],
        ),
        ("Ecuador granted asylum to Julian Assange.", "AID", ["Julian Assange"]),
    ],
)
def test_an_unknown_person_acted_on_is_a_non_state_recipient(
    text: str, event: str, recipient: list[str]
) -> None:
    got = [[(r.code, r.text) for r in e.recipient] for e in events(text) if e.event == event]
    assert got == [[("NSA", name) for name in recipient]]


def test_an_unknown_person_named_in_passing_is_no_party() -> None:
    # near miss: the person is where the news came from, not whom it was done to
    evs = events("Belarusian police detained two activists, Ales Bialiatski's group said.")
    assert all(r.text != "Ales Bialiatski" for e in evs for r in e.recipient)


@pytest.mark.parametrize(
    ("text", "actor", "recipient"),
    [
        ("Abdullah Karimi accused Fatima Bakr of fraud.", "Abdullah Karimi", "Fatima Bakr"),
        (
            "Nikolai Sokolov publicly accused Anna Volkova of lying about the vote.",
            "Nikolai Sokolov",
            "Anna Volkova",
        ),
    ],
)
def test_two_non_state_sides_are_told_apart(text: str, actor: str, recipient: str) -> None:
    # every NSA has one code: the words tell the two sides apart, so neither is dropped
    # as the other's duplicate
    assert _roles(text, "ACCUSE") == [([actor], [recipient])]


@pytest.mark.parametrize(
    ("text", "actor", "date"),
    [
        # the package told before is its doer's, and dates what it does
        (
            "The European Union imposed sanctions on Belarus on Friday. The package also bans "
            "the export of machine tools to Belarus.",
            ["EU"],
            "2022-09-16",
        ),
        # paraphrase: other restrictions, another day
        (
            "Britain imposed sanctions on Belarus on Monday. The restrictions also bar the "
            "export of machine tools to Belarus.",
            ["GBR"],
            "2022-09-19",
        ),
    ],
)
def test_a_package_told_before_acts_for_its_doer_on_its_day(
    text: str, actor: list[str], date: str
) -> None:
    bans = [e for e in events(text) if e.event == "SANCTION" and "imposed" not in e.event_text]
    assert [([a.code for a in e.actor], e.date) for e in bans] == [(actor, date)]


def test_a_package_to_come_takes_no_past_day() -> None:
    # near miss: a package still to come is not dated by the deed told before it
    evs = events(
        "The European Union imposed sanctions on Belarus on Friday. The next package will "
        "ban the export of machine tools to Belarus."
    )
    [ban] = [e for e in evs if e.event == "SANCTION" and "imposed" not in e.event_text]
    assert ban.date is None and ban.aux == ["future"]


@pytest.mark.parametrize(
    "text",
    [
        # "the ministry" told after "Kyrgyzstan's defence ministry" is Kyrgyzstan's
        "Kyrgyz and Tajik guards exchanged fire on Monday, Kyrgyzstan's defence ministry "
        "said. The ministry accused Tajik forces of opening fire first.",
        # paraphrase: another institution, named with a compound
        "Kyrgyz and Tajik guards exchanged fire on Monday, Kyrgyzstan's border service "
        "said. The service accused Tajik forces of opening fire first.",
    ],
)
def test_the_institution_told_before_is_its_states(text: str) -> None:
    [accusation] = [e for e in events(text) if e.event == "ACCUSE"]
    assert [a.code for a in accusation.actor] == ["KGZ"]


def test_an_institution_never_named_with_a_state_stays_unnamed() -> None:
    # near miss: "the ministry" of no state named before is no one's
    evs = events("Kyrgyz guards fired on Monday. The ministry accused Tajik forces of it.")
    assert [e.actor for e in evs if e.event == "ACCUSE"] == [[]]


@pytest.mark.parametrize(
    ("text", "actors", "recipients"),
    [
        # troops sent are sent by their own states too, and receive nothing
        (
            "The CSTO deployed Russian and Belarusian troops to Kazakhstan.",
            {"CSTO", "RUS", "BLR"},
            {"KAZ"},
        ),
        # paraphrase: weapons made somewhere come from there, and go where "to" says
        ("Iran supplied Russian-made weapons to Syria.", {"IRN"}, {"SYR"}),
        # near misses: a state for object is the one supplied, and so is an army
        # supplied "with" something
        ("The United States supplied Armenia with weapons.", {"USA"}, {"ARM"}),
        ("Iran supplied the Russian army with drones.", {"IRN"}, {"RUS"}),
    ],
)
def test_what_is_sent_is_no_recipient(text: str, actors: set[str], recipients: set[str]) -> None:
    [aid] = [e for e in events(text) if e.event == "AID"]
    assert ({a.code for a in aid.actor}, {r.code for r in aid.recipient}) == (actors, recipients)


@pytest.mark.parametrize(
    ("text", "recipients"),
    [
        # the one warning is not whom it warns, whatever "their" resolves to
        ("Washington warned Central Asian states that their banks could face sanctions.", []),
        # paraphrase: other states, secondary sanctions
        ("Washington warned Gulf states that their banks could face secondary sanctions.", []),
        # near miss: the one warned, named as the subject of what it is warned of
        ("Washington warned that Kazakh banks could face secondary sanctions.", ["KAZ"]),
    ],
)
def test_the_one_who_warns_is_not_warned(text: str, recipients: list[str]) -> None:
    evs = [e for e in events(text) if e.event in ("THREATEN", "REQUEST")]
    assert [[r.code for r in e.recipient] for e in evs][:1] == [recipients]


@pytest.mark.parametrize(
    ("text", "sides"),
    [
        # a headline's comma for "and": both are sides of the clash
        ("Kyrgyz, Tajik troops clash again on border; dozens dead", {"KGZ", "TJK"}),
        ("Armenian, Azerbaijani forces exchange fire on border", {"ARM", "AZE"}),
        # near miss: a dateline before the comma is where, not who
        ("BISHKEK, Tajik troops opened fire on a border post.", {"TJK"}),
    ],
)
def test_a_headlines_comma_list_names_both_sides(text: str, sides: set[str]) -> None:
    [clash] = [e for e in events(text) if e.event == "ASSAULT"]
    assert {a.code for a in clash.actor} == sides


@pytest.mark.parametrize(
    ("text", "owner"),
    [
        # an organisation has no territory: "its" is a state's
        (
            "Armenia is a CSTO member. Pashinyan said the alliance had failed to help Armenia "
            "when Azerbaijani troops crossed into its territory.",
            "ARM",
        ),
        # paraphrase: another member, another alliance word
        (
            "Kazakhstan is a CSTO member. Tokayev said the alliance did nothing when Kyrgyz "
            "troops crossed into its territory.",
            "KAZ",
        ),
    ],
)
def test_an_organisation_has_no_territory(text: str, owner: str) -> None:
    crossings = [e for e in events(text) if e.event in ("COERCE", "ASSAULT")]
    assert crossings and all([r.code for r in e.recipient] == [owner] for e in crossings), crossings


def test_an_organisations_members_are_its_own() -> None:
    # near miss: what an organisation has, other than land, is its own
    evs = events("NATO said it would hold its largest exercises in Norway.")
    assert all(a.code == "NATO" for e in evs for a in e.actor)


@pytest.mark.parametrize(
    ("text", "event", "recipients"),
    [
        # "its allies in the CSTO" are the CSTO, not "it"
        (
            "Yerevan turned to its allies in the CSTO for help after Azerbaijani shelling.",
            "REQUEST",
            ["CSTO"],
        ),
        # paraphrase: other partners, another organisation
        (
            "Kazakhstan called on its partners in the EAEU to lift the restrictions.",
            "REQUEST",
            ["EAEU"],
        ),
        # near miss: allies of no named organisation are nobody named
        ("Armenia asked its allies for help.", "REQUEST", []),
    ],
)
def test_its_allies_are_not_it(text: str, event: str, recipients: list[str]) -> None:
    [request] = [e for e in events(text) if e.event == event]
    assert [r.code for r in request.recipient] == recipients


def test_its_neighbours_do_not_act_for_it() -> None:
    evs = events("Qatar made no concessions, and its neighbours simply gave up.")
    assert all(a.code != "QAT" for e in evs if e.event == "CONCEDE" for a in e.actor)


# armed groups of no one state (agencies.yaml: code NSA, sector REB): the record names
# them as actor or recipient, and never a state they fight in or against
@pytest.mark.parametrize(
    ("text", "role", "group"),
    [
        ("ISIS carried out a multi-pronged attack on Iran's parliament.", "actor", "ISIS"),
        # paraphrases: another name, the name before a noun of fighters, as recipient
        ("The Islamic State attacked an army camp in western Kabul.", "actor", "Islamic State"),
        ("Islamic State militants attacked an army camp in Kabul.", "actor", "Islamic State"),
        ("Al-Qaeda fighters stormed a hotel in Mogadishu.", "actor", "Al-Qaeda"),
        ("Iraqi forces launched air strikes on ISIL fighters in Mosul.", "recipient", "ISIL"),
    ],
)
def test_an_armed_group_of_no_state_is_a_party(text: str, role: str, group: str) -> None:
    evs = [e for e in events(text) if e.event == "ASSAULT"]
    assert evs
    parties = [p for e in evs for p in (e.actor if role == "actor" else e.recipient)]
    assert any((p.code, p.sector, p.text) == ("NSA", "REB", group) for p in parties), evs
    if role == "actor":
        assert all(not a.is_state for e in evs for a in e.actor)


@pytest.mark.parametrize(
    "text",
    [
        # near misses: the words as ordinary words, the old name of a state
        "WHAT IS NEXT FOR THE KYRGYZ-TAJIK BORDER AFTER TAJIK TROOPS SHELLED KYRGYZ VILLAGES",
        "Hamas wants an Islamic state in all of historic Palestine, and its fighters fired rockets at Israel.",
    ],
)
def test_ordinary_words_name_no_armed_group(text: str) -> None:
    assert not [
        p
        for e in events(text)
        for p in [*e.actor, *e.recipient]
        if p.code == "NSA" and p.sector == "REB" and p.text != "Hamas"
    ]


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("Taliban militants attacked a checkpoint in Kunduz.", "Taliban"),
        # paraphrase: another noun of armed men, another organisation the files lack
        ("Mai-Mai fighters attacked an army post near Beni.", "Mai-Mai"),
    ],
)
def test_fighters_of_an_unknown_organisation_are_that_organisation(text: str, group: str) -> None:
    actors = [a for e in events(text) if e.event == "ASSAULT" for a in e.actor]
    assert [(a.code, a.sector, a.text) for a in actors] == [("NSA", "REB", group)]


@pytest.mark.parametrize(
    "text",
    [
        # near misses: the organisation's name on people who are no armed men of it
        "The Afghan government released 100 Taliban prisoners.",
        "Google employees protested against the contract.",
    ],
)
def test_other_people_of_an_unknown_organisation_do_not_act_for_it(text: str) -> None:
    actors = [a for e in events(text) for a in e.actor]
    assert not [a for a in actors if a.text in ("Taliban", "Google")], actors


@pytest.mark.parametrize(
    ("text", "blamed"),
    [
        ("The Kyrgyz foreign ministry said Tajik forces were to blame for the clashes.", "TJK"),
        # paraphrase: another speaker, accused and charge
        (
            "Armenian officials said Azerbaijani troops were to blame for the shelling of Jermuk.",
            "AZE",
        ),
    ],
)
def test_who_is_to_blame_is_blamed_not_the_accuser(text: str, blamed: str) -> None:
    accusations = [e for e in events(text) if e.event == "ACCUSE"]
    assert accusations
    assert all(blamed not in {a.code for a in e.actor} for e in accusations)
    assert any(blamed in {r.code for r in e.recipient} for e in accusations)


def test_be_to_with_another_verb_keeps_its_doer() -> None:
    """Near miss: 'are to meet' is a plan of the subject's own."""
    [meeting] = [
        e
        for e in events("Tajik forces are to meet Kyrgyz officials on Monday.")
        if e.event == "CONSULT"
    ]
    assert "TJK" in {a.code for a in meeting.actor}


@pytest.mark.parametrize(
    ("text", "deed", "accuser"),
    [
        ("Russia was accused by Ukraine of shelling the plant.", "ASSAULT", "UKR"),
        # paraphrases: other parties, another deed
        (
            "Kazakhstan was accused by Kyrgyzstan of closing the border crossing at Ak-Zhol.",
            "COERCE",
            "KGZ",
        ),
        (
            "Armenia was accused by Azerbaijan of shelling Azerbaijani positions near Lachin.",
            "ASSAULT",
            "AZE",
        ),
    ],
)
def test_a_charge_in_the_passive_is_the_accusers(text: str, deed: str, accuser: str) -> None:
    """'X was accused by Y of Z': Z is Y's charge, hedged; X tells nothing."""
    [charge] = [e for e in events(text) if e.event == deed]
    assert charge.attribution.hedged
    assert [s.code for s in charge.attribution.speaker] == [accuser]


def test_a_charge_in_the_passive_with_no_accuser_is_nobodys() -> None:
    """Near miss: no 'by' phrase, so no one named tells it (not the accused)."""
    [charge] = [
        e for e in events("Russia was accused of shelling the plant.") if e.event == "ASSAULT"
    ]
    assert charge.attribution.hedged and charge.attribution.speaker == []


@pytest.mark.parametrize(
    ("text", "deed", "teller"),
    [
        (
            "The Kyrgyz border service issued a statement saying Tajik troops had shelled Kyrgyz villages.",
            "ASSAULT",
            "KGZ",
        ),
        # paraphrases: the other side's statement, a quotation
        (
            "Tajikistan's border troops released a statement saying Kyrgyz forces opened fire on a Tajik post.",
            "ASSAULT",
            "TJK",
        ),
        (
            "Japarov was quoted by TASS as saying that Tajik troops had shelled Kyrgyz villages.",
            "ASSAULT",
            "KGZ",
        ),
    ],
)
def test_a_statement_or_quotation_is_told_by_its_author(text: str, deed: str, teller: str) -> None:
    """A deed told in a statement one side issued is that side's account, not the report's
    own voice (so a clash both sides blame on each other is no fact until corroborated)."""
    [told] = [e for e in events(text) if e.event == deed]
    assert [s.code for s in told.attribution.speaker] == [teller]


def test_a_report_someone_saw_is_not_theirs() -> None:
    """Near miss: seeing a report is no issuing it."""
    text = "The Kyrgyz border service saw a report saying Tajik troops had shelled Kyrgyz villages."
    [told] = [e for e in events(text) if e.event == "ASSAULT"]
    assert "KGZ" not in {s.code for s in told.attribution.speaker}


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("Kyrgyz media reported that Tajik troops shelled Kyrgyz villages.", "KGZ"),
        # paraphrase: the other side's broadcaster
        (
            "Tajik state television said Kyrgyz forces had opened fire on a Tajik border post.",
            "TJK",
        ),
    ],
)
def test_a_states_media_bring_no_charge_of_the_state(text: str, state: str) -> None:
    accusers = {a.code for e in events(text) if e.event == "ACCUSE" for a in e.actor}
    assert state not in accusers


def test_a_states_officials_bring_its_charge() -> None:
    """Near miss: officials speak for the state."""
    text = "Kyrgyz officials said Tajik troops had shelled Kyrgyz villages."
    assert "KGZ" in {a.code for e in events(text) if e.event == "ACCUSE" for a in e.actor}


@pytest.mark.parametrize(
    "text",
    [
        "Videos circulating online appear to show Tajik troops shelling Kyrgyz villages.",
        # paraphrases: the deed itself under "appear", "seem" over another deed
        "Tajik troops appear to have shelled Kyrgyz villages.",
        "Satellite images seem to show Russian troops massing near the Kazakh border.",
    ],
)
def test_what_only_seems_is_hedged(text: str) -> None:
    [deed] = [e for e in events(text) if e.event in ("ASSAULT", "MOBILIZE")]
    assert deed.attribution.hedged


@pytest.mark.parametrize(
    "text",
    [
        # near misses: shown, not seeming; "appeared" as arriving
        "Videos show Tajik troops shelling Kyrgyz villages.",
        "Tajik troops appeared at the border on Monday and shelled Kyrgyz villages.",
    ],
)
def test_what_is_shown_or_done_is_not_hedged(text: str) -> None:
    [deed] = [e for e in events(text) if e.event == "ASSAULT"]
    assert not deed.attribution.hedged


@pytest.mark.parametrize(
    ("text", "event", "actor", "recipient"),
    [
        (
            "Tajik troops are believed to have shelled Kyrgyz border villages.",
            "ASSAULT",
            "TJK",
            "KGZ",
        ),
        # paraphrases: another verb of report, another deed; a verb of forcing (control)
        (
            "Kyrgyz border guards are thought to have opened fire on Tajik soldiers.",
            "ASSAULT",
            "KGZ",
            "TJK",
        ),
        ("Armenia was forced to withdraw its troops from the border.", "RETREAT", "ARM", None),
        # near miss: the "to" clause is passive itself, its doer in the "by" phrase
        ("Kyrgyz villages are said to have been shelled by Tajik troops.", "ASSAULT", "TJK", "KGZ"),
    ],
)
def test_the_subject_of_a_passive_above_does_the_to_clause(
    text: str, event: str, actor: str, recipient: str | None
) -> None:
    """ "Troops are believed to have shelled": the troops shelled, they were not shelled."""
    [deed] = [e for e in events(text) if e.event == event]
    assert [a.code for a in deed.actor] == [actor]
    assert [r.code for r in deed.recipient] == ([recipient] if recipient else [])


@pytest.mark.parametrize(
    "text",
    [
        "Tajik troops are said to have shelled Kyrgyz border villages.",
        # paraphrases: believed, thought; the "to" clause in the passive
        "Kyrgyz border guards are thought to have opened fire on Tajik soldiers.",
        "Kyrgyz villages are reported to have been shelled by Tajik troops.",
    ],
)
def test_what_is_said_to_have_been_done_is_hedged(text: str) -> None:
    [deed] = [e for e in events(text) if e.event == "ASSAULT"]
    assert deed.attribution.hedged


@pytest.mark.parametrize(
    "text",
    [
        # near misses: known is no hearsay; an active "said" tells, it does not hedge
        "Tajik troops are known to have shelled Kyrgyz villages in 2021.",
        "Tajik troops shelled Kyrgyz border villages, the ministry said.",
    ],
)
def test_what_is_known_to_have_been_done_is_not_hedged(text: str) -> None:
    [deed] = [e for e in events(text) if e.event == "ASSAULT"]
    assert not deed.attribution.hedged


@pytest.mark.parametrize(
    "text",
    [
        "Kyrgyzstan rejected Tajik claims that it had attacked first.",
        # paraphrases: with "the", another claim noun and denial verb, a named doer
        "Kyrgyzstan rejected the Tajik claims that its troops had attacked first.",
        "Bishkek dismissed Tajik reports that Kyrgyz troops had opened fire first.",
    ],
)
def test_a_rejected_claim_misread_as_a_verb_is_no_deed(text: str) -> None:
    """The parser reads "Tajik claims" as Tajikistan claiming: "it" became Tajikistan,
    and the claim stood as a deed Kyrgyzstan denies."""
    evs = events(text)
    assert [e.event for e in evs] == ["REJECT"]
    assert [a.code for a in evs[0].actor] == ["KGZ"]


def test_a_state_that_claims_is_its_speaker() -> None:
    """Near miss: a state's name before "claims" is its subject, a real verb of saying."""
    [deed] = [
        e
        for e in events("Tajikistan claims that Kyrgyz troops attacked first.")
        if e.event == "ASSAULT"
    ]
    assert [a.code for a in deed.actor] == ["KGZ"]
    assert [s.code for s in deed.attribution.speaker] == ["TJK"]
    assert deed.attribution.hedged


@pytest.mark.parametrize(
    "text",
    [
        "Azerbaijani forces were responsible for the shelling of Jermuk.",
        # paraphrases: "behind" the deed; another adjective of blame and deed
        "Azerbaijani forces were behind the shelling of Jermuk.",
        "Azerbaijani troops were accountable for the attack on the Armenian border post.",
    ],
)
def test_who_was_responsible_for_a_deed_did_it(text: str) -> None:
    [deed] = [e for e in events(text) if e.event == "ASSAULT"]
    assert [a.code for a in deed.actor] == ["AZE"]
    assert [r.code for r in deed.recipient] == ["ARM"]


def test_who_holds_another_responsible_did_not_do_it() -> None:
    """Near miss: "held Azerbaijan responsible" makes Armenia no doer of the shelling."""
    text = "Armenia held Azerbaijan responsible for the shelling of Jermuk."
    assert all("ARM" not in {a.code for a in e.actor} for e in events(text) if e.event == "ASSAULT")
    # nor is being responsible for something no deed an event
    assert events("Russia is responsible for the security of the region.") == []


@pytest.mark.parametrize(
    ("text", "accuser", "accused"),
    [
        ("Baku said Armenian units were to blame for the attack on its positions.", "AZE", "ARM"),
        # paraphrase: another speaker, no deed named
        ("The Kyrgyz foreign ministry said Tajik forces were to blame.", "KGZ", "TJK"),
    ],
)
def test_a_charge_with_no_accuser_in_its_clause_is_the_speakers(
    text: str, accuser: str, accused: str
) -> None:
    [charge] = [e for e in events(text) if e.event == "ACCUSE"]
    assert [a.code for a in charge.actor] == [accuser]
    assert [r.code for r in charge.recipient] == [accused]


def test_media_saying_who_is_to_blame_bring_no_charge() -> None:
    """Near miss: a state's media are no accuser (records.NOT_PARTY_SECTORS)."""
    [charge] = [
        e for e in events("Kyrgyz media said Tajik forces were to blame.") if e.event == "ACCUSE"
    ]
    assert charge.actor == []


@pytest.mark.parametrize(
    "text",
    [
        "Turkey began what it called anti-terrorist raids in northern Iraq.",
        # paraphrase: another name a prefix turns round
        "Moscow called the raids anti-terrorist operations.",
    ],
)
def test_a_name_a_prefix_turns_round_is_no_condemnation(text: str) -> None:
    """ "anti-terrorist" names the fight against terrorism, no charge of it."""
    assert [e for e in events(text) if e.event == "ACCUSE"] == []


def test_calling_the_other_side_terrorists_condemns_it() -> None:
    """Near miss: the negative word stands on its own."""
    [charge] = [
        e
        for e in events("Baku called the Armenian strikes terrorist attacks.")
        if e.event == "ACCUSE"
    ]
    assert [a.code for a in charge.actor] == ["AZE"]
    assert [r.code for r in charge.recipient] == ["ARM"]


@pytest.mark.parametrize(
    ("text", "sides"),
    [
        (
            "Two people were killed in a shootout between Kyrgyz and Tajik border guards on"
            " Thursday, officials said.",
            {"KGZ", "TJK"},
        ),
        # paraphrases: another word for it, the sides as the subject
        (
            "Kyrgyz and Tajik border guards were involved in a gunfight near Kok-Tash.",
            {"KGZ", "TJK"},
        ),
        # an exchange of fire goes both ways: the side of the wounded fired too (session 16,
        # `roles._harmed_in`; it was {"TJK"})
        (
            "A Kyrgyz border guard was wounded in an exchange of fire with Tajik troops.",
            {"TJK", "KGZ"},
        ),
    ],
)
def test_a_shootout_is_a_clash_of_its_sides(text: str, sides: set[str]) -> None:
    clashes = [e for e in events(text) if e.event == "ASSAULT" and e.kind == "armed_clash"]
    assert any({a.code for a in e.actor} == sides for e in clashes)


@pytest.mark.parametrize(
    "text",
    [
        # near misses: a gunfight in a film, an exchange of views
        "The gunfight in the Tajik film was shot in Dushanbe.",
        "The ministers held an exchange of views with Tajik officials.",
    ],
)
def test_a_shootout_on_screen_or_an_exchange_of_views_is_no_clash(text: str) -> None:
    assert [e for e in events(text) if e.event == "ASSAULT"] == []


def _in_2024(text: str) -> list[Event]:
    return extract_document(Document(id="d", text=text, report_date="2024-06-14"))


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Fighting between Armenia and Azerbaijan broke out in September.", "2023-09"),
        # paraphrase: the sides as demonyms, a weekday
        ("Fighting between Armenian and Azerbaijani forces broke out on Tuesday.", "2024-06-11"),
    ],
)
def test_a_gerund_used_as_a_noun_has_its_sides_and_its_verbs_time(text: str, date: str) -> None:
    """The parser tags a sentence's first "Fighting" a verb: it had no sides, and its time
    was read from it, not from "broke out" (a September after the report, so 'future')."""
    [clash] = _in_2024(text)
    assert {a.code for a in clash.actor} == {"ARM", "AZE"}
    assert clash.date == date
    assert clash.aux == []


def test_a_gerund_with_an_object_is_no_event_of_sides() -> None:
    """Near miss: fighting terrorism is a policy, no clash."""
    assert _in_2024("Fighting terrorism is a priority for the CSTO.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Pashinyan has said that some members of the bloc were planning a war against Armenia.",
        # paraphrase: another deed aimed at Armenia, no doer named
        "The war against Armenia lasted 44 days.",
    ],
)
def test_the_side_a_deed_is_aimed_at_is_never_its_only_doer(text: str) -> None:
    """With no doer named, "a war against Armenia" made Armenia the side waging it (and,
    said by Armenia's leader, Armenia's own threat of war)."""
    for e in _in_2024(text):
        assert "ARM" not in {a.code for a in e.actor}


def test_a_war_waged_against_a_state_has_both_sides() -> None:
    """Near miss: with its doer named, the war is two-sided, as before."""
    [war] = _in_2024("Azerbaijan waged a war against Armenia in 2020.")
    assert {a.code for a in war.actor} == {"AZE", "ARM"}


@pytest.mark.parametrize(
    "text",
    [
        "Armenian and Azerbaijani forces clashed on the border on Wednesday. Azerbaijani troops"
        " shelled Armenian positions near Sotk, and Armenian forces fired on Azerbaijani posts.",
        # paraphrase: another pair, other words for both
        "Kyrgyz and Tajik troops fought on the border on Wednesday. Tajik forces attacked"
        " Kyrgyz villages near Batken, and Kyrgyz troops shelled Tajik positions.",
    ],
)
def test_a_clash_merged_from_attacks_each_way_has_both_sides(text: str) -> None:
    """Merged into one record, the most confident mention's direction stood: Armenia,
    which fired back, was no side of the clash (and got no finding)."""
    [clash] = [e for e in _in_2024(text) if e.event == "ASSAULT"]
    assert len({a.code for a in clash.actor}) == 2
    assert clash.recipient == []


def test_an_attack_told_twice_one_way_keeps_its_target() -> None:
    """Near miss: the same side attacks in both mentions."""
    text = (
        "Azerbaijani forces attacked Armenian positions on Wednesday. Azerbaijani troops"
        " shelled Armenian positions near Sotk, killing two soldiers."
    )
    [attack] = [e for e in _in_2024(text) if e.event == "ASSAULT"]
    assert [a.code for a in attack.actor] == ["AZE"]
    assert [r.code for r in attack.recipient] == ["ARM"]


@pytest.mark.parametrize(
    ("text", "doer", "sanctioner"),
    [
        (
            "The US Treasury imposed sanctions on three Kyrgyz banks on Wednesday for helping"
            " Russia evade Western restrictions.",
            "KGZ",
            "USA",
        ),
        # paraphrases: the verb of sanctioning itself, a blacklisting
        ("Britain sanctioned two Kazakh firms for supplying drone parts to Russia.", "KAZ", "GBR"),
        ("The EU blacklisted an Armenian company for shipping drones to Russia.", "ARM", "EU"),
    ],
)
def test_what_the_sanctioned_are_sanctioned_for_is_their_deed_as_charged(
    text: str, doer: str, sanctioner: str
) -> None:
    """ "imposed sanctions on three banks for helping Russia" made the US the helper."""
    [deed] = [e for e in _in_2024(text) if e.event == "AID"]
    assert [a.code for a in deed.actor] == [doer]
    assert deed.attribution.hedged
    assert [s.code for s in deed.attribution.speaker] == [sanctioner]


def test_the_sentencing_state_did_not_do_what_it_sentenced_for() -> None:
    """Near miss of a sanction, the same "for": "Kazakhstan sentenced the former security
    chief for attempting to seize power" made Kazakhstan the one attempting it."""
    text = (
        "Kazakhstan sentenced the former security chief to 18 years for attempting to seize power."
    )
    assert all(
        "KAZ" not in {a.code for a in e.actor} for e in _in_2024(text) if e.event == "COERCE"
    )


def test_a_deed_told_beside_sanctions_is_no_charge() -> None:
    """Near miss: "after" tells a time, not what the sanctions are for."""
    text = "Washington imposed sanctions on Moscow after Russian troops attacked Ukraine."
    [attack] = [e for e in _in_2024(text) if e.event == "ASSAULT"]
    assert [a.code for a in attack.actor] == ["RUS"]
    assert not attack.attribution.hedged


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("The EU imposed sanctions on Russia for its invasion of Ukraine.", "RUS"),
        # paraphrases: another verb of sanctioning, another deed charged
        ("Washington slapped sanctions on Tehran for its support of the Syrian government.", "IRN"),
    ],
)
def test_what_sanctions_are_for_is_no_recipient_of_them(text: str, target: str) -> None:
    """ "sanctions on Russia for its invasion of Ukraine" were sanctions on Ukraine too."""
    [sanctions] = [e for e in _in_2024(text) if e.event == "SANCTION"]
    assert [r.code for r in sanctions.recipient] == [target]


def test_what_is_withheld_for_a_state_goes_to_it() -> None:
    """Near miss: a measure that charges no one, "for" names whom it concerns."""
    [cut] = [e for e in _in_2024("Russia suspended gas deliveries for Moldova.")]
    assert [r.code for r in cut.recipient] == ["MDA"]


@pytest.mark.parametrize(
    ("text", "accuser", "accused"),
    [
        (
            "Dushanbe said Kyrgyz troops were responsible for the escalation and accused"
            " Bishkek of trying to seize a disputed road.",
            "TJK",
            "KGZ",
        ),
        # paraphrases: another tense in the clause said, another verb of charging
        (
            "Baku said Armenian forces had started the fighting and accused Yerevan of"
            " provocations.",
            "AZE",
            "ARM",
        ),
        (
            "Tajik officials said Kyrgyz soldiers opened fire first and blamed Bishkek for the"
            " deaths.",
            "TJK",
            "KGZ",
        ),
    ],
)
def test_a_charge_joined_to_the_clause_said_is_the_speakers(
    text: str, accuser: str, accused: str
) -> None:
    """The parse joins "accused" to the clause said, so Kyrgyzstan accused itself."""
    [charge] = [e for e in _in_2024(text) if e.event == "ACCUSE" and e.event_text != "shelled"]
    assert [a.code for a in charge.actor] == [accuser]
    assert [r.code for r in charge.recipient] == [accused]


@pytest.mark.parametrize(
    "text",
    [
        "The United States questioned why Kazakhstan needed outside help and urged Astana to"
        " respect the rights of peaceful protesters.",
        # paraphrase: a verb of saying, another request
        "Washington said Kazakhstan did not need outside help and urged Astana to respect the"
        " rights of peaceful protesters.",
    ],
)
def test_a_request_joined_to_the_clause_said_is_the_speakers(text: str) -> None:
    """ "urged" joined to "needed": Kazakhstan urged itself."""
    [request] = [e for e in _in_2024(text) if e.event == "REQUEST"]
    assert [a.code for a in request.actor] == ["USA"]
    assert [r.code for r in request.recipient] == ["KAZ"]


def test_a_request_told_before_its_teller_is_its_subjects() -> None:
    """Near miss: the clause comes before "the Kremlin said", so Putin urged."""
    text = (
        "Russian President Vladimir Putin spoke by telephone with both presidents on Sunday and"
        " urged them to prevent any further escalation, the Kremlin said."
    )
    [request] = [e for e in _in_2024(text) if e.event == "REQUEST"]
    assert [a.text for a in request.actor] == ["Vladimir Putin"]


def test_a_deed_joined_to_the_clause_said_stays_its_subjects() -> None:
    """Near miss: a deed, not a charge, joined to the clause said is done by its subject."""
    text = "Baku said Armenian forces had crossed the border and shelled Azerbaijani villages."
    [shelling] = [e for e in _in_2024(text) if e.event == "ASSAULT"]
    assert [a.code for a in shelling.actor] == ["ARM"]
    assert [r.code for r in shelling.recipient] == ["AZE"]


def test_who_claims_a_detention_did_not_detain() -> None:
    """ "arrested an employee of the Swiss Embassy for making an accusation that she was
    detained": the clause of the claim has its own subject; the claimant detained no one."""
    for text in (
        "Police arrested an employee of the Swiss Embassy for allegedly making a false"
        " accusation that she was detained and threatened.",
        # paraphrase: a claim, the past perfect
        "Police in Colombo arrested a Swiss Embassy employee for making a false claim that"
        " she had been detained.",
    ):
        detentions = [e for e in _in_2024(text) if e.event == "COERCE"]
        assert all("CHE" not in {a.code for a in e.actor} for e in detentions)


@pytest.mark.parametrize(
    "text",
    [
        "Tajik smugglers fired on Kyrgyz border guards near Batken.",
        # paraphrases: other people outside the law
        "Afghan drug traffickers opened fire on Tajik border guards.",
        "Kyrgyz bandits attacked a Tajik border post.",
    ],
)
def test_people_outside_the_law_are_not_their_state(text: str) -> None:
    """ "Tajik smugglers fired on Kyrgyz border guards" was an attack by Tajikistan, and a
    finding under non-use of force: the sector is CVL (no party, check/templates.py)."""
    [attack] = [e for e in _in_2024(text) if e.event == "ASSAULT"]
    assert [a.sector for a in attack.actor] == ["CVL"]


def test_border_guards_are_their_state() -> None:
    """Near miss: a state's border guards act for it."""
    [attack] = [
        e
        for e in _in_2024("Tajik border guards fired on Kyrgyz smugglers.")
        if e.event == "ASSAULT"
    ]
    assert [(a.code, a.sector) for a in attack.actor] == [("TJK", "MIL")]


@pytest.mark.parametrize(
    ("text", "sector"),
    [
        ("A Tajik man attacked a Kyrgyz border guard.", "CVL"),
        # paraphrases: people of a state, armed men of no named force
        ("Tajik nationals attacked Kyrgyz shepherds near the border.", "CVL"),
        ("Tajik gunmen attacked a Kyrgyz border post.", "REB"),
        ("Armed men from Tajikistan attacked a Kyrgyz village.", "CVL"),
    ],
)
def test_people_named_by_their_country_are_not_its_state(text: str, sector: str) -> None:
    """Each was an attack by Tajikistan (sector unknown: the state), a finding under
    art1-non-use-of-force."""
    [attack] = [e for e in _in_2024(text) if e.event == "ASSAULT"]
    assert [(a.code, a.sector) for a in attack.actor] == [("TJK", sector)]


def test_a_state_named_alone_acts_as_the_state() -> None:
    """Near miss: the state's name, or its forces, act for it."""
    [attack] = [
        e for e in _in_2024("Tajik forces attacked a Kyrgyz border post.") if e.event == "ASSAULT"
    ]
    assert [(a.code, a.sector) for a in attack.actor] == [("TJK", "MIL")]


@pytest.mark.parametrize(
    ("text", "sides"),
    [
        ("Kazakh troops took part in the Steppe Eagle drills with NATO forces.", {"KAZ", "NATO"}),
        # paraphrases: hosted, the sides as the subject
        ("Kazakhstan hosted the Steppe Eagle drills with US troops.", {"KAZ", "USA"}),
        ("US and Kazakh troops held Steppe Eagle drills near Almaty.", {"USA", "KAZ"}),
    ],
)
def test_drills_named_before_are_a_joint_exercise_of_its_sides(text: str, sides: set[str]) -> None:
    """The parser reads "the Steppe Eagle drills" as the Steppe Eagle drilling: NATO was
    lost, or the name was a side (NSA), and the exercise had no kind."""
    [drills] = [e for e in _in_2024(text) if e.event == "COOPERATE"]
    assert {a.code for a in drills.actor} == sides
    assert drills.kind == "military_exercise"


def test_a_state_that_drills_its_troops_is_the_verbs_subject() -> None:
    """Near miss: "drills" with an object of its own is the verb."""
    [drill] = _in_2024("Russia drills its troops near the border.")
    assert [a.code for a in drill.actor] == ["RUS"]


@pytest.mark.parametrize(
    "text",
    [
        "An Islamic State attack killed 20 people in Kabul.",
        # paraphrases: another deed, the plural
        "An Islamic State bombing killed 20 people in Kabul.",
        "Islamic State attacks killed 20 people in Kabul.",
    ],
)
def test_a_word_of_a_name_before_a_deed_is_no_sector(text: str) -> None:
    """ "State" in "an Islamic State attack" made the group a government (NSA GOV)."""
    [attack] = [e for e in _in_2024(text) if e.event == "ASSAULT"]
    assert [(a.code, a.sector) for a in attack.actor] == [("NSA", "REB")]


def test_a_sector_word_before_a_deed_names_the_sector() -> None:
    """Near miss: "army" is no name's word in "an Afghan army attack"."""
    [attack] = [
        e for e in _in_2024("An Afghan army attack killed 20 militants.") if e.event == "ASSAULT"
    ]
    assert [(a.code, a.sector) for a in attack.actor] == [("AFG", "MIL")]


@pytest.mark.parametrize(
    ("text", "sides"),
    [
        ("Armenia hosted the Eagle Partner exercise with US troops.", {"ARM", "USA"}),
        # paraphrase: another name, another partner
        (
            "Kyrgyzstan hosted the Indestructible Brotherhood exercise with Russian troops.",
            {"KGZ", "RUS"},
        ),
    ],
)
def test_the_name_of_an_exercise_is_no_side_of_it(text: str, sides: set[str]) -> None:
    """ "the Eagle Partner exercise": the name was a side (NSA)."""
    [drills] = [e for e in _in_2024(text) if e.event == "COOPERATE"]
    assert {a.code for a in drills.actor} == sides


def test_a_group_named_before_an_attack_made_it() -> None:
    """Near miss: "a Taliban attack" is the Taliban's, a name the files lack."""
    [attack] = [
        e
        for e in _in_2024("A Taliban attack on a government compound killed 20 troops.")
        if e.event == "ASSAULT"
    ]
    assert [a.code for a in attack.actor] == ["NSA"]


@pytest.mark.parametrize(
    "text",
    [
        "Yerevan has criticised the CSTO, saying it had failed to protect Armenia from"
        " Azerbaijani attacks.",
        # paraphrase: the bloc named as the object of another verb, the leader as subject
        "Pashinyan froze Armenia's participation in the CSTO, saying it had failed to protect"
        " Armenia.",
    ],
)
def test_a_subject_pronoun_is_not_its_own_clauses_object(text: str) -> None:
    """ "it had failed to protect Armenia" made Armenia the one failing (it would be
    "itself"); the party named before it that is no object of its clause is."""
    [failure] = [e for e in _in_2024(text) if e.event == "REJECT"]
    assert [a.code for a in failure.actor] == ["CSTO"]
    assert [s.code for s in failure.attribution.speaker] == ["ARM"]


def test_what_a_pronouns_object_holds_does_not_bind_it() -> None:
    """Near miss: "its border crossings" are Lithuania's, not Lithuania: "it" stays
    Lithuania (it had become the last actor of the story, Poland)."""
    text = (
        "Polish Prime Minister Mateusz Morawiecki called the exercises a provocation and accused"
        " Minsk and Moscow of preparing a hybrid attack on Poland. Lithuania said it would"
        " close two of its border crossings with Belarus."
    )
    [closure] = [e for e in _in_2024(text) if e.event_text == "close"]
    assert [a.code for a in closure.actor] == ["LTU"]
    assert "POL" not in {r.code for r in closure.recipient}


def test_a_subject_pronoun_not_bound_keeps_the_subject_above() -> None:
    """Near miss: "it" asks Moscow, not itself: the subject above stays."""
    text = "Yerevan criticised the CSTO, saying it had asked Moscow for military help."
    [request] = [e for e in _in_2024(text) if e.event == "REQUEST"]
    assert [a.code for a in request.actor] == ["ARM"]
    assert [r.code for r in request.recipient] == ["RUS"]


@pytest.mark.parametrize(
    ("text", "teller"),
    [
        (
            "Baku lodged a protest with Yerevan, saying Armenian troops had shelled its positions.",
            "AZE",
        ),
        # paraphrase: another deed before the participle, another teller
        ("Kyrgyzstan closed the border, saying Tajik troops had shelled Kyrgyz villages.", "KGZ"),
    ],
)
def test_what_a_participle_of_saying_tells_is_its_subjects_account(text: str, teller: str) -> None:
    """ "..., saying Armenian troops had shelled its positions" stood in the report's own
    voice: a fact, where it is one side's account."""
    [shelling] = [e for e in _in_2024(text) if e.event == "ASSAULT"]
    assert [s.code for s in shelling.attribution.speaker] == [teller]


def test_a_participle_of_a_deed_tells_nothing() -> None:
    """Near miss: "killing two civilians" is more of the deed, told by the report."""
    text = "Tajik troops shelled Kyrgyz villages on Monday, killing two civilians."
    [shelling] = [e for e in _in_2024(text) if e.event == "ASSAULT"]
    assert shelling.attribution.speaker == []
    assert not shelling.attribution.hedged


@pytest.mark.parametrize(
    "text",
    [
        "Armenia no longer buys Russian weapons.",
        # paraphrase: another deed, the future
        "Kazakhstan will no longer receive Russian arms.",
    ],
)
def test_what_is_no_longer_done_is_no_deed(text: str) -> None:
    """ "no longer buys Russian weapons" was a Russian arms transfer, as fact."""
    assert not [e for e in _in_2024(text) if e.event == "AID" and "negation" not in e.aux]


def test_what_is_still_done_is_a_deed() -> None:
    """Near miss: "still" negates nothing."""
    [aid] = [e for e in _in_2024("Armenia still buys Russian weapons.") if e.event == "AID"]
    assert "negation" not in aid.aux


@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("Kyrgyzstan will not host the CSTO exercise this year.", "REJECT"),
        # paraphrase: not refused, to come
        ("Kazakhstan will host the CSTO exercise this year.", "COOPERATE"),
    ],
)
def test_an_exercise_parsed_as_an_object_is_the_noun(text: str, event: str) -> None:
    """The parser tags "exercise" a verb, the object of "host": there was no record of the
    exercise refused."""
    [record] = [e for e in _in_2024(text) if e.kind == "military_exercise"]
    assert record.event == event
    assert [r.code for r in record.recipient] == ["CSTO"]


def test_exercising_a_right_is_no_exercise() -> None:
    """Near miss: "to exercise its right" is the verb, with an object of its own."""
    text = "Russia wants to exercise its right to respond."
    assert not [e for e in _in_2024(text) if e.kind == "military_exercise"]


@pytest.mark.parametrize(
    ("text", "accused"),
    [
        (
            "Polish Prime Minister Mateusz Morawiecki called the exercises a provocation and"
            " accused Minsk and Moscow of preparing a hybrid attack on Poland.",
            {"BLR", "RUS"},
        ),
        # paraphrase: the charge alone, one accused
        ("Warsaw accused Minsk of preparing an attack on Poland.", {"BLR"}),
    ],
)
def test_those_accused_of_a_deed_do_it_when_of_hangs_on_the_verb(
    text: str, accused: set[str]
) -> None:
    """The parser hangs "of" on "accused", not on "Minsk": the attack had no doer."""
    [attack] = [e for e in _in_2024(text) if e.event == "ASSAULT"]
    assert {a.code for a in attack.actor} == accused
    assert attack.attribution.hedged
    assert [s.code for s in attack.attribution.speaker] == ["POL"]


def test_the_step_of_doing_is_the_subjects() -> None:
    """Near miss: "of" on a verb that charges no one: its subject does it."""
    text = "Minsk took the decision of closing the border with Poland."
    [closure] = [e for e in _in_2024(text) if e.event == "COERCE"]
    assert [a.code for a in closure.actor] == ["BLR"]


@pytest.mark.parametrize(
    ("text", "teller"),
    [
        ("Baku rejected the charge and said Armenian troops had shelled its positions.", "AZE"),
        # paraphrase: a charge joined to a condemnation
        ("Kyiv condemned the strikes and accused Moscow of shelling civilian areas.", "UKR"),
    ],
)
def test_a_verb_of_saying_joined_to_another_is_told_by_its_subject(text: str, teller: str) -> None:
    """ "rejected the charge and said Armenian troops had shelled" stood in the report's
    own voice."""
    [shelling] = [e for e in _in_2024(text) if e.event == "ASSAULT"]
    assert [s.code for s in shelling.attribution.speaker] == [teller]


def test_a_deed_joined_to_another_is_told_by_no_one() -> None:
    """Near miss: two deeds joined by "and" are the report's."""
    text = "Armenian troops crossed the border and shelled Azerbaijani villages."
    [shelling] = [e for e in _in_2024(text) if e.event == "ASSAULT"]
    assert shelling.attribution.speaker == []


@pytest.mark.parametrize(
    ("text", "arrester"),
    [
        ("Kazakh police arrested a Russian blogger on suspicion of attacking a policeman.", "KAZ"),
        # paraphrase: charges, not suspicion; another arrester
        ("Belarus arrested two Polish citizens on charges of attacking a border post.", "BLR"),
    ],
)
def test_what_someone_is_held_on_suspicion_of_is_the_charge(text: str, arrester: str) -> None:
    """ "arrested ... on suspicion of attacking" told the attack as fact."""
    [attack] = [e for e in _in_2024(text) if e.event == "ASSAULT"]
    assert attack.attribution.hedged
    assert [s.code for s in attack.attribution.speaker] == [arrester]


def test_what_is_done_on_a_day_is_no_charge() -> None:
    """Near miss: "on" a day, not on grounds: the sanctions stand as fact."""
    text = "Washington imposed sanctions on Monday on two Russian banks."
    [sanctions] = [e for e in _in_2024(text) if e.event == "SANCTION"]
    assert not sanctions.attribution.hedged


@pytest.mark.parametrize(
    ("text", "sector"),
    [
        ("Azerbaijan detained a Russian citizen in Baku.", "CVL"),
        # paraphrases: a person of the media, of the opposition
        ("Azerbaijan detained a Russian blogger in Baku.", "MED"),
        ("Azerbaijan detained a Russian activist in Baku.", "OPP"),
    ],
)
def test_one_person_named_by_their_country_is_not_its_state(text: str, sector: str) -> None:
    """ "a Russian blogger" was Russia (sector none), the plural "bloggers" was not."""
    [arrest] = [e for e in _in_2024(text) if e.event == "COERCE"]
    assert [(r.code, r.sector) for r in arrest.recipient] == [("RUS", sector)]


def test_one_official_named_by_their_country_is_its_state() -> None:
    """Near miss: "a Russian diplomat" acts for Russia."""
    [expulsion] = [e for e in _in_2024("Azerbaijan expelled a Russian diplomat.")]
    assert [(r.code, r.sector) for r in expulsion.recipient] == [("RUS", "GOV")]


def test_the_learned_typer_makes_no_record_the_rules_ruled_out() -> None:
    """A lead "The Kremlin declined to comment." the typer reads as a REJECT (p 0.89);
    the rules' lexicon excludes it (`events.ruled_out`). "declined the invitation" is
    the rules' own record (tests/extract/test_false_triggers.py)."""
    assert not [e for e in _in_2024("The Kremlin declined to comment.") if e.event == "REJECT"]


@pytest.mark.parametrize(
    "text",
    [
        "Lukashenko said Minsk had no plans to attack its neighbours.",
        # paraphrase: another deed, another planner
        "Kazakhstan has no plans to join BRICS.",
    ],
)
def test_what_there_are_no_plans_for_is_no_deed_to_come(text: str) -> None:
    """ "had no plans to attack its neighbours" was a Belarusian threat of violence;
    "no plans to join BRICS" an accession to come."""
    assert not [e for e in _in_2024(text) if "negation" not in e.aux]


def test_what_there_are_plans_for_is_to_come() -> None:
    """Near miss: plans, not none."""
    [attack] = [e for e in _in_2024("Minsk has plans to attack its neighbours.")]
    assert attack.event == "ASSAULT"
    assert attack.aux == ["future"]


@pytest.mark.parametrize(
    ("text", "event", "doer"),
    [
        (
            "Armenia began a joint exercise with the United States, despite protests from"
            " Russia, its treaty ally.",
            "PROTEST",
            "RUS",
        ),
        # paraphrase: another noun, another doer
        ("Armenia ignored demands from Moscow to cancel the drills.", "REQUEST", "RUS"),
    ],
)
def test_whence_a_noun_came_is_its_doer(text: str, event: str, doer: str) -> None:
    """ "despite protests from Russia, its treaty ally" was Russians protesting against
    Russia (the state where it happened)."""
    [record] = [e for e in _in_2024(text) if e.event == event]
    assert [a.code for a in record.actor] == [doer]
    assert doer not in {r.code for r in record.recipient}


def test_a_withdrawal_from_a_place_is_not_the_places() -> None:
    """Near miss: "withdrawal from Afghanistan" leaves it."""
    [retreat] = [e for e in _in_2024("The withdrawal from Afghanistan was completed in August.")]
    assert [r.code for r in retreat.recipient] == ["AFG"]
    assert retreat.actor == []


@pytest.mark.parametrize(
    ("text", "not_party"),
    [
        (
            "Russia's foreign ministry summoned the Armenian ambassador on Friday to protest"
            " against the exercise and against a visit to Kyiv by Pashinyan's wife, Anna"
            " Hakobyan, who delivered humanitarian aid to Ukraine.",
            "ARM",
        ),
        # paraphrase: another relative, another deed
        ("Lukashenko's son met Putin in Moscow.", "BLR"),
    ],
)
def test_a_leaders_relative_is_not_the_leader(text: str, not_party: str) -> None:
    """ "a visit to Kyiv by Pashinyan's wife" was Armenia's visit."""
    assert not [e for e in _in_2024(text) if not_party in {a.code for a in e.actor}]


def test_a_leaders_envoy_acts_for_the_leader() -> None:
    """Near miss: an envoy is no relative."""
    [meeting] = [e for e in _in_2024("Pashinyan's envoy met Putin in Moscow.")]
    assert "ARM" in {a.code for a in meeting.actor}


def test_one_met_with_no_one_else_named_is_no_recipient_too() -> None:
    """ "Lukashenko's son met Putin": Putin was both the side and the one met."""
    [meeting] = [e for e in _in_2024("Lukashenko's son met Putin in Moscow.")]
    assert [a.code for a in meeting.actor] == ["RUS"]
    assert meeting.recipient == []


@pytest.mark.parametrize(
    ("text", "event"),
    [
        (
            "The CSTO met in Moscow. Pashinyan announced on Wednesday that the alliance had"
            " agreed to send troops for a limited period.",
            "AGREE",
        ),
        # paraphrase: a request of the bloc
        (
            "The CSTO met in Moscow. Kyrgyzstan's foreign minister called on the bloc to act.",
            "REQUEST",
        ),
    ],
)
def test_naming_the_bloc_makes_no_agreement_or_request_one_of_membership(
    text: str, event: str
) -> None:
    """ "the alliance had agreed to send troops" was of kind membership, as if someone
    joined or left; a request of the bloc so was hidden from the collective-defence rules."""
    [record] = [e for e in _in_2024(text) if e.event == event]
    assert record.kind != "membership"


def test_skipping_the_blocs_meetings_is_of_membership() -> None:
    """Near miss: a refusal aimed at the bloc keeps the kind the charters count as a
    boycott."""
    text = "The CSTO met in Moscow. Armenian officials have since skipped the bloc's meetings."
    [refusal] = [e for e in _in_2024(text) if e.event == "REJECT"]
    assert refusal.kind == "membership"


@pytest.mark.parametrize(
    "text",
    [
        "The drills went ahead despite objections from Moscow.",
        # paraphrase: another noun, two objectors
        "The exercise began on Monday despite protests from Moscow and Minsk.",
    ],
)
def test_who_objects_to_an_exercise_is_no_side_of_it(text: str) -> None:
    """ "despite objections from Moscow" made Russia a side of the drills (every state
    the sentence names, for a two-sided event with no side in the parse)."""
    drills = [e for e in _in_2024(text) if e.kind == "military_exercise"]
    assert not [e for e in drills if {"RUS", "BLR"} & {a.code for a in e.actor}]


def test_a_side_named_beside_a_despite_phrase_stays() -> None:
    """Near miss: "with Armenia" names a side; the rain objects to nothing."""
    [drills] = [e for e in _in_2024("The drills with Armenia began despite the rain.")]
    assert [a.code for a in drills.actor] == ["ARM"]


@pytest.mark.parametrize(
    ("text", "doer", "target"),
    [
        ("Armenian villages came under fire from Azerbaijani positions on Tuesday.", "AZE", "ARM"),
        # paraphrase: another place, "from" naming the side
        ("A Kyrgyz border post came under fire from the Tajik side.", "TJK", "KGZ"),
    ],
)
def test_a_place_that_came_under_fire_was_fired_on(text: str, doer: str, target: str) -> None:
    """ "came under fire from Azerbaijani positions" had no record."""
    [attack] = [e for e in _in_2024(text) if e.event == "ASSAULT"]
    assert [a.code for a in attack.actor] == [doer]
    assert [r.code for r in attack.recipient] == [target]


@pytest.mark.parametrize(
    "text",
    [
        "The minister came under fire from opposition lawmakers.",
        "The delegation came from Moscow.",
    ],
)
def test_a_person_who_came_under_fire_was_criticised(text: str) -> None:
    """Near misses: criticism of a person, a coming from somewhere."""
    assert not [e for e in _in_2024(text) if e.event == "ASSAULT"]
