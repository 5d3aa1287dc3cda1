"""What alliance monitoring needs from typing and roles, as general patterns: each
rule has a case, a paraphrase it must also catch and a near miss it must leave alone."""

from __future__ import annotations

import pytest

from pactwatch.extract import extract_document
from pactwatch.records import Document, Event
from tests.extract.helpers import codes, of, records

# -- what a party is accused of is its accuser's claim --------------------------------


@pytest.mark.parametrize(
    ("text", "event", "speaker"),
    [
        ("Kazakhstan accused Kyrgyzstan of persecuting ethnic Kazakhs.", "COERCE", "KAZ"),
        ("Kyrgyzstan blamed Tajikistan for shelling its border villages.", "ASSAULT", "KGZ"),
    ],
)
def test_the_content_of_an_accusation_is_hedged(text: str, event: str, speaker: str) -> None:
    claimed = of(records(text), event)
    assert claimed, f"the claimed {event} is still recorded"
    assert all(e.attribution.hedged for e in claimed)
    assert all(speaker in codes(e.attribution.speaker) for e in claimed)


def test_a_deed_told_as_fact_is_not_hedged() -> None:
    assert not any(
        e.attribution.hedged
        for e in of(records("Tajik troops shelled Kyrgyz border villages."), "ASSAULT")
    )


# -- the one called on is the recipient; asking troops to leave is no call for help -----


@pytest.mark.parametrize(
    ("text", "recipient"),
    [
        ("Dushanbe called on Kyrgyzstan to withdraw its troops from the border.", "KGZ"),
        ("Moscow called upon Yerevan to withdraw its forces from the line of contact.", "ARM"),
    ],
)
def test_a_call_on_a_party_is_addressed_to_it(text: str, recipient: str) -> None:
    requests = of(records(text), "REQUEST")
    assert requests and recipient in codes(requests[0].recipient)
    assert requests[0].kind != "assistance_request"


def test_a_call_for_troops_is_an_assistance_request() -> None:
    requests = of(records("Armenia called on the CSTO to send troops to its border."), "REQUEST")
    assert requests and requests[0].kind == "assistance_request"


# -- sanctions that target a sector are sanctions, not attacks ----------------------------


@pytest.mark.parametrize(
    "text",
    [
        "New sanctions targeting Russia's energy sector took effect on Monday.",
        "Measures targeting two Kyrgyz banks were announced by Washington.",
    ],
)
def test_sanctions_that_target_are_no_attack(text: str) -> None:
    evs = records(text)
    assert not of(evs, "ASSAULT")
    assert of(evs, "SANCTION")


def test_drones_that_target_a_depot_attack_it() -> None:
    assert of(records("Ukrainian drones targeted a fuel depot in Belgorod on Sunday."), "ASSAULT")


# -- sanctions being prepared are future -------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The EU is preparing a new package of sanctions against Russia.",
        "Brussels is drafting sanctions against Minsk.",
    ],
)
def test_sanctions_in_preparation_are_future(text: str) -> None:
    sanctions = of(records(text), "SANCTION")
    assert sanctions and all("future" in e.aux for e in sanctions)


def test_sanctions_imposed_are_not_future() -> None:
    sanctions = of(records("The EU imposed sanctions against Russia on Monday."), "SANCTION")
    assert sanctions and not any("future" in e.aux for e in sanctions)


# -- freezing or suspending participation is about the organisation ----------------------


@pytest.mark.parametrize(
    "text",
    [
        "Armenia has frozen its participation in the CSTO, Pashinyan said.",
        "Uzbekistan suspended its membership in the Collective Security Treaty Organization.",
    ],
)
def test_freezing_participation_is_a_membership_change_towards_the_organisation(text: str) -> None:
    changes = [e for e in of(records(text), "SANCTION") if e.kind == "membership"]
    assert changes and "CSTO" in codes(changes[0].recipient)
    assert "withdraw" in changes[0].mode


def test_freezing_assets_is_no_membership_change() -> None:
    evs = records("Armenia froze the assets of a Russian bank.")
    assert not [e for e in evs if e.kind == "membership"]


# -- light verbs lend their subject to the event their object names --------------------


@pytest.mark.parametrize(
    ("text", "event", "actor", "recipient"),
    [
        ("Peru has issued an ultimatum to Ecuador.", "THREATEN", "PER", "ECU"),
        ("Russia issued a warning to Kyrgyzstan on Monday.", "THREATEN", "RUS", "KGZ"),
        ("Serbia lodged an official protest with Albania.", "ACCUSE", "SRB", "ALB"),
        (
            "Armenia filed a lawsuit against Azerbaijan at the International Court of Justice.",
            "ACCUSE",
            "ARM",
            "AZE",
        ),
        ("Putin paid a visit to Kazakhstan.", "CONSULT", "RUS", "KAZ"),
    ],
)
def test_a_light_verb_lends_its_subject(text: str, event: str, actor: str, recipient: str) -> None:
    found = of(records(text), event)
    assert [(codes(e.actor), codes(e.recipient)) for e in found] == [({actor}, {recipient})]


@pytest.mark.parametrize(
    "text",
    [
        # the object names no event
        "Russia issued new passports to residents.",
        "Kazakhstan paid its debts to Russia.",
        "Armenia filed the documents in Moscow.",
        # a lawsuit won is no lawsuit brought
        "Armenia won a lawsuit against Azerbaijan.",
    ],
)
def test_a_light_verb_with_no_event_in_its_object_is_none(text: str) -> None:
    assert records(text) == []


def test_a_protest_lodged_is_a_complaint_and_a_protest_joined_a_demonstration() -> None:
    assert [e.event for e in records("Serbia lodged an official protest with Albania.")] == [
        "ACCUSE"
    ]
    joined = records("Thousands joined a protest against Russia in Tbilisi.")
    assert [e.event for e in joined] == ["PROTEST"]


@pytest.mark.parametrize(
    "text",
    [
        "Azerbaijani troops may have shelled the village overnight.",
        # paraphrase: another modal, another deed
        "Russian hackers might have attacked the ministry's network.",
    ],
)
def test_may_have_done_is_a_hedged_deed(text: str) -> None:
    evs = extract_document(Document(id="d", text=text, report_date="2022-09-19"))
    assert evs and evs[0].aux == [] and evs[0].attribution.hedged


@pytest.mark.parametrize(
    "text",
    [
        # near misses: a possibility ahead, and what could have been done, are no deeds
        "Azerbaijani troops may shell the village.",
        "Azerbaijani troops could have shelled the village.",
    ],
)
def test_may_do_and_could_have_done_are_not_deeds(text: str) -> None:
    assert extract_document(Document(id="d", text=text, report_date="2022-09-19")) == []


@pytest.mark.parametrize(
    ("text", "event"),
    [
        # ending one's own protest yields, as calling it off does
        ("Kyrgyz opposition parties ended their boycott of parliament on Monday.", "CONCEDE"),
        # paraphrase: refusing to end it is a refusal (REJECT), not a negated event
        ("Armenian opposition parties said they will not end their protest.", "REJECT"),
        # near miss: ending cooperation is a sanction, as before
        ("Kyrgyz opposition parties ended their cooperation with the government.", "SANCTION"),
    ],
)
def test_ending_a_protest_yields(text: str, event: str) -> None:
    evs = extract_document(Document(id="d", text=text, report_date="2022-09-19"))
    assert evs and evs[0].event == event


@pytest.mark.parametrize(
    ("text", "event"),
    [
        # support stated: expressed, or pledged as support
        ("Kazakhstan expressed its full support for Armenia's bid.", "SUPPORT"),
        ("Kazakhstan pledged its full support for Armenia's bid.", "SUPPORT"),
        # paraphrase: another verb of stating, another noun
        ("Kazakhstan reaffirmed its backing for the plan.", "SUPPORT"),
        # near misses: material support pledged, and a deed pledged, are promises
        ("Kazakhstan pledged military support to Armenia.", "AGREE"),
        ("Kazakhstan pledged to send troops to Armenia.", "AGREE"),
        # words that attack criticise; an attack launched is an assault
        ("Japarov launched a scathing attack on Tajikistan's leadership.", "ACCUSE"),
        ("Lavrov made a blistering verbal attack on NATO.", "ACCUSE"),
        ("Tajik forces launched an attack on Kyrgyz border posts.", "ASSAULT"),
        # refugees accepted are given asylum (AID); a proposal accepted is an agreement
        ("Kazakhstan accepted 1,500 Afghan refugees in May.", "AID"),
        ("Kazakhstan accepted the proposal to hold talks.", "AGREE"),
    ],
)
def test_support_stated_words_that_attack_and_refugees_taken_in(text: str, event: str) -> None:
    evs = extract_document(Document(id="d", text=text, report_date="2022-09-19"))
    assert evs and max(evs, key=lambda e: e.confidence).event == event


@pytest.mark.parametrize(
    ("text", "event"),
    [
        # stopping the fighting is a ceasefire, not fighting
        ("Armenian and Azerbaijani forces stopped fighting on Tuesday evening.", "RETREAT"),
        ("Armenia and Azerbaijan halted the shelling of border villages on Tuesday.", "RETREAT"),
        ("The Syrian army ceased its military operations near Damascus.", "RETREAT"),
        # near miss: halting aid is a sanction, whatever fighting the sentence names later
        (
            "Japan halted economic aid to Serbia in line with Western efforts to end the fighting there.",
            "SANCTION",
        ),
        # walking out of a meeting refuses it; leaving a town is no refusal
        (
            "Armenian lawmakers abruptly left a meeting with Russian officials on Wednesday.",
            "REJECT",
        ),
        # forces leaving a place withdraw from it
        ("Russian troops left the region on Friday.", "RETREAT"),
        ("The last Kyrgyz soldiers left the disputed village near the border.", "RETREAT"),
        # repealing a ban eases it
        ("The Kazakh government repealed the ban on public rallies.", "CONCEDE"),
        # reinforcing troops is a deployment
        ("Russia reinforced its troops on the border with Ukraine.", "MOBILIZE"),
        # fighting between forces is fighting
        ("Kyrgyz forces fought Tajik border guards near Batken.", "ASSAULT"),
    ],
)
def test_ceasefires_walkouts_repeals_and_reinforcements(text: str, event: str) -> None:
    evs = extract_document(Document(id="d", text=text, report_date="2022-09-19"))
    assert evs and max(evs, key=lambda e: e.confidence).event == event
    if event == "RETREAT":
        assert "ASSAULT" not in {e.event for e in evs}


@pytest.mark.parametrize(
    ("text", "not_event"),
    [
        # near misses: no meeting left, no ban repealed, no enemy fought, no troops reinforced
        ("Armenian lawmakers left Yerevan for Moscow on Wednesday.", "REJECT"),
        ("The Kazakh government repealed the tax code.", "CONCEDE"),
        # troops leaving a message or someone behind withdraw from nothing
        ("Russian troops left a message for the villagers.", "RETREAT"),
        ("The Kyrgyz government fought the coronavirus with a lockdown.", "ASSAULT"),
        ("Germany has reinforced its commitment to Syrian refugees.", "MOBILIZE"),
        ("The Syrian army ceased publication of its bulletin.", "RETREAT"),
    ],
)
def test_near_misses_of_ceasefires_walkouts_repeals_and_reinforcements(
    text: str, not_event: str
) -> None:
    evs = extract_document(Document(id="d", text=text, report_date="2022-09-19"))
    assert not_event not in {e.event for e in evs}


@pytest.mark.parametrize(
    ("text", "event", "kind"),
    [
        # a request for help is an assistance request though it names the alliance
        ("Kazakhstan asked the alliance for help on January 5.", "REQUEST", "assistance_request"),
        (
            "Armenia asked the bloc for military assistance on September 13.",
            "REQUEST",
            "assistance_request",
        ),
        # near miss: asking to join is a membership change
        ("Armenia asked to join the alliance in 1992.", "REQUEST", "membership"),
        # the kind is read in the event's own clause: fuel in a clause after it is no cargo
        (
            "Russian troops were flown in on January 6 after protests over fuel prices turned into riots.",
            "AID",
            None,
        ),
        ("Russia supplied fuel to Armenia after the clashes.", "AID", "arms_transfer"),
    ],
)
def test_the_kind_is_read_in_the_events_own_words(text: str, event: str, kind: str | None) -> None:
    evs = [
        e
        for e in extract_document(Document(id="d", text=text, report_date="2022-09-19"))
        if e.event == event
    ]
    assert evs and evs[0].kind == kind


@pytest.mark.parametrize(
    ("text", "recipients"),
    [
        # "the south" is a direction, not Cameroon's South Region
        ("Azerbaijani drones struck positions in the south of the country.", []),
        # near miss: a named place stands for its owner
        ("Azerbaijani artillery shelled the town of Jermuk in Armenia.", ["ARM"]),
    ],
)
def test_only_a_named_place_stands_for_its_owner(text: str, recipients: list[str]) -> None:
    evs = extract_document(Document(id="d", text=text, report_date="2022-09-19"))
    assert evs and [r.code for r in evs[0].recipient] == recipients


@pytest.mark.parametrize(
    ("text", "recipients"),
    [
        # help sent beside a request for it went to whoever asked
        (
            "Russian troops were flown in on January 6 after Kazakhstan asked the alliance for help.",
            ["KAZ"],
        ),
        # paraphrase: the request told in the sentence before
        (
            "Armenia asked the CSTO for military help on Monday. Russia sent troops on Tuesday.",
            ["ARM"],
        ),
        # near misses: a named destination stands; no request, no recipient
        ("Russia sent troops to Syria after Armenia asked for help.", ["SYR"]),
        ("Russia sent troops on Monday.", []),
    ],
)
def test_help_sent_beside_a_request_goes_to_who_asked(text: str, recipients: list[str]) -> None:
    aid = [
        e
        for e in extract_document(Document(id="d", text=text, report_date="2022-09-19"))
        if e.event == "AID"
    ]
    assert aid and [r.code for r in aid[0].recipient] == recipients


@pytest.mark.parametrize(
    ("text", "kind", "recipients"),
    [
        # a preposition hanging on the particle still names what was stayed away from; a
        # gathering of leaders is a summit
        (
            "Japarov stayed away from a gathering of CIS leaders in St Petersburg.",
            "summit",
            ["CIS"],
        ),
        ("Japarov stayed away from the CSTO summit in Yerevan.", "summit", ["CSTO"]),
        # near miss: nothing stayed away from
        ("Japarov stayed away on Monday.", None, []),
        # a noun the small parser takes for a verb ("drills" as an adverbial clause) is still
        # the kind of the event; a clause opened by "after" is not
        (
            "Kyrgyzstan calls off CSTO drills weeks after border war with Tajikistan",
            "military_exercise",
            [],
        ),
        ("Armenia calls off CSTO drills days after summit row", "military_exercise", []),
    ],
)
def test_refusals_keep_what_they_refuse(text: str, kind: str | None, recipients: list[str]) -> None:
    evs = [
        e
        for e in extract_document(Document(id="d", text=text, report_date="2022-10-10"))
        if e.event == "REJECT"
    ]
    assert evs and evs[0].kind == kind and [r.code for r in evs[0].recipient] == recipients


@pytest.mark.parametrize(
    ("text", "event"),
    [
        # a state of emergency, martial law or a curfew declared is coercion (CAMEO 1723-4)
        ("Poland declared a state of emergency along the border with Belarus.", "COERCE"),
        ("Kazakhstan introduced a curfew in Almaty on Wednesday.", "COERCE"),
        # returning to an organisation is rejoining it
        ("France returned to NATO's integrated military command in 2009.", "AGREE"),
        ("Uzbekistan returned to the CSTO in 2006.", "AGREE"),
        # forces ordered to leave: the object of the order is who must leave
        ("Putin ordered Russian troops to leave the region.", "RETREAT"),
        ("The Kremlin ordered its forces to leave Syria.", "RETREAT"),
    ],
)
def test_emergencies_returns_and_orders_to_leave(text: str, event: str) -> None:
    evs = extract_document(Document(id="d", text=text, report_date="2022-09-19"))
    assert event in {e.event for e in evs}


@pytest.mark.parametrize(
    ("text", "not_event"),
    [
        # near misses: a statement declared, rules introduced, a city returned to, a
        # minister ordered away
        ("Tokayev declared that the crisis was over.", "COERCE"),
        ("The government introduced new rules for journalists.", "COERCE"),
        ("The Armenian delegation returned to Yerevan after the CSTO summit.", "AGREE"),
        ("Putin ordered the minister to leave the region.", "RETREAT"),
    ],
)
def test_near_misses_of_emergencies_returns_and_orders_to_leave(text: str, not_event: str) -> None:
    evs = extract_document(Document(id="d", text=text, report_date="2022-09-19"))
    assert not_event not in {e.event for e in evs}


@pytest.mark.parametrize(
    ("text", "not_event"),
    [
        # what a document is about is no deed
        (
            "Pashinyan declined to sign the final declaration and a draft document on joint "
            "assistance to Armenia.",
            "AID",
        ),
        # paraphrase: another document, another topic
        (
            "The Security Council voted on a draft resolution on sanctions against North Korea.",
            "SANCTION",
        ),
    ],
)
def test_what_a_document_is_about_is_no_deed(text: str, not_event: str) -> None:
    evs = extract_document(Document(id="d", text=text, report_date="2022-11-24"))
    assert not_event not in {e.event for e in evs}


@pytest.mark.parametrize(
    ("text", "event"),
    [
        # near misses: the deeds themselves
        ("The United States imposed sanctions on North Korea.", "SANCTION"),
        ("Russia sent military assistance to Armenia on Tuesday.", "AID"),
    ],
)
def test_a_deed_outside_a_document_stays(text: str, event: str) -> None:
    evs = extract_document(Document(id="d", text=text, report_date="2022-11-24"))
    assert event in {e.event for e in evs}


@pytest.mark.parametrize(
    ("text", "event"),
    [
        # a military operation against someone is an attack
        ("Turkey launched a military operation against Kurdish fighters in Syria.", "ASSAULT"),
        ("Azerbaijan began a counter-terrorism operation in Karabakh on Tuesday.", "ASSAULT"),
        # a blockade imposed restricts movement (CAMEO 191)
        ("Saudi Arabia imposed a blockade on Qatar in June 2017.", "COERCE"),
        ("Azerbaijan imposed a blockade on Nagorno-Karabakh.", "COERCE"),
        # a court that finds someone guilty convicts
        ("A Russian court found the journalist guilty of treason.", "SANCTION"),
        ("A Copenhagen court found the former official guilty of fraud.", "SANCTION"),
    ],
)
def test_operations_blockades_and_convictions(text: str, event: str) -> None:
    evs = extract_document(Document(id="d", text=text, report_date="2022-11-24"))
    assert event in {e.event for e in evs}


@pytest.mark.parametrize(
    ("text", "not_event"),
    [
        # near misses: a rescue operation, a wreckage found, sanctions imposed
        ("Russia launched a rescue operation in the flooded region.", "ASSAULT"),
        ("Investigators found the wreckage of the plane.", "SANCTION"),
        ("The European Union imposed sanctions on Belarus.", "COERCE"),
    ],
)
def test_near_misses_of_operations_blockades_and_convictions(text: str, not_event: str) -> None:
    evs = extract_document(Document(id="d", text=text, report_date="2022-11-24"))
    assert not_event not in {e.event for e in evs}


@pytest.mark.parametrize(
    ("text", "event", "present"),
    [
        # what was done "without" is left undone: no deed, and no refusal either
        ("Russia withdrew its troops without consulting Armenia.", "CONSULT", False),
        ("Russia withdrew its troops without consulting Armenia.", "REJECT", False),
        (
            "US officials suggested, without offering evidence, that Moscow had a hand.",
            "AGREE",
            False,
        ),
        # near miss: done after, it was done
        ("Russia withdrew its troops after consulting Armenia.", "CONSULT", True),
    ],
)
def test_what_is_done_without_is_left_undone(text: str, event: str, present: bool) -> None:
    evs = extract_document(Document(id="d", text=text, report_date="2022-11-24"))
    assert (event in {e.event for e in evs}) is present


@pytest.mark.parametrize(
    ("text", "present"),
    [
        # a law or decree signed enacts its content; it is no agreement between parties
        ("Zelenskiy has signed a decree granting citizenship to 14 foreigners.", False),
        ("Kazakhstan's president signed a law banning foreign military bases.", False),
        # near miss: a treaty signed is an agreement
        ("Russia and Belarus signed a treaty on a union state on Friday.", True),
    ],
)
def test_a_law_signed_is_no_agreement(text: str, present: bool) -> None:
    evs = extract_document(Document(id="d", text=text, report_date="2022-11-24"))
    assert ("AGREE" in {e.event for e in evs}) is present


@pytest.mark.parametrize(
    ("text", "present"),
    [
        # handing over papers gives up nothing
        (
            "Sweden joined NATO on Thursday when Kristersson handed over the accession "
            "documents at the State Department.",
            False,
        ),
        ("The Kyrgyz ambassador handed over his credentials to the president.", False),
        # near miss: positions handed over are given up
        ("Russian peacekeepers handed over their positions to Azerbaijani forces.", True),
    ],
)
def test_papers_handed_over_give_up_nothing(text: str, present: bool) -> None:
    evs = extract_document(Document(id="d", text=text, report_date="2022-11-24"))
    assert ("RETREAT" in {e.event for e in evs}) is present


@pytest.mark.parametrize(
    ("text", "event", "actor"),
    [
        # cultural property given back is released (CAMEO 084), by the agency that gave it
        (
            "ICE returned 11 oil paintings to the Pirmasen Municipal Museum in Germany.",
            "RETREAT",
            "USA",
        ),
        ("Russia returned the looted artefacts to Ukraine.", "RETREAT", "RUS"),
    ],
)
def test_property_given_back_is_released(text: str, event: str, actor: str) -> None:
    evs = extract_document(Document(id="d", text=text, report_date="2022-11-24"))
    assert (event, actor) in {(e.event, a.code) for e in evs for a in e.actor}


def test_lower_case_ice_is_no_agency() -> None:
    # near miss: the alias is case-sensitive, frozen water acts as no one
    evs = extract_document(
        Document(id="d", text="The ice returned to the lake in December.", report_date="2022-11-24")
    )
    assert evs == []


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        # gunfire after a truce is one more day of the two sides' fighting
        (
            "Kyrgyz and Tajik border guards opened fire on each other on Thursday. The two "
            "foreign ministers agreed on a ceasefire on Thursday evening, but shooting went "
            "on into Friday.",
            ["2021-04-29", "2021-04-30"],
        ),
        # paraphrase
        (
            "Armenia and Azerbaijan agreed a truce on Monday. Sporadic shooting was reported "
            "near the border on Tuesday.",
            ["2021-05-04"],
        ),
        # near misses: the shooting of a film; a noun naming a thing ("a shooting range",
        # "attack helicopters") is no event
        (
            "Armenia and Azerbaijan agreed a truce on Monday. The shooting of a film near the "
            "border ended on Tuesday.",
            [],
        ),
        ("Kazakhstan hosted a shooting competition with Kyrgyzstan on Monday.", []),
        ("Italy offered the United States attack helicopters on Monday.", []),
    ],
)
def test_shooting_between_the_sides(text: str, dates: list[str]) -> None:
    evs = extract_document(Document(id="d", text=text, report_date="2021-05-04"))
    assert [e.date for e in evs if e.event == "ASSAULT"] == dates


@pytest.mark.parametrize(
    ("text", "present"),
    [
        # what a "whether" clause asks is not told as happening
        ("Whether Pashinyan will attend the summit is already an open question.", False),
        # paraphrase: the question as the complement
        ("It is unclear whether Armenia will attend the CSTO summit.", False),
        ("Officials did not say whether Russia had withdrawn its troops.", False),
        # near misses: "whether or not" leaves the main clause as told; a plain report
        ("Armenia will attend the CSTO summit, whether or not Azerbaijan objects.", True),
        ("Armenia said it would attend the CSTO summit.", True),
    ],
)
def test_an_open_question_is_no_event(text: str, present: bool) -> None:
    evs = extract_document(Document(id="d", text=text, report_date="2022-11-24"))
    assert bool(evs) is present


@pytest.mark.parametrize(
    ("text", "requests"),
    [
        # a question asked is no request
        (
            "Asked whether Yerevan would leave the bloc altogether, Pashinyan said the question "
            "was not yet on the agenda.",
            0,
        ),
        ("Reporters asked whether Armenia would attend the CSTO summit.", 0),
        # near misses: asked for help; asked to act
        ("Armenia asked Russia for military help.", 1),
        ("Armenia asked the CSTO to send troops.", 1),
    ],
)
def test_a_question_asked_is_no_request(text: str, requests: int) -> None:
    evs = extract_document(Document(id="d", text=text, report_date="2022-11-24"))
    assert [e.event for e in evs].count("REQUEST") == requests


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # sanctions slapped on a state are imposed on it
        ("Washington slapped new sanctions on Moscow on Friday.", [("SANCTION", ["USA"], ["RUS"])]),
        ("The EU slapped an arms embargo on Belarus on Monday.", [("SANCTION", ["EU"], ["BLR"])]),
        # near miss: slapping a table imposes nothing
        ("The president slapped the table on Monday.", []),
        # a participle that says more of the sanctions is the same sanctions, no attack
        (
            "The United States on Thursday widened sanctions against Russia over its seizure "
            "of Crimea, targeting some 20 senior officials and a bank.",
            [("SANCTION", ["USA"], ["RUS"])],
        ),
        (
            "The European Union on Monday imposed sanctions on 21 Russian officials, freezing "
            "their assets.",
            [("SANCTION", ["EU"], ["RUS"])],
        ),
        (
            "Britain sanctioned five Iranian banks on Tuesday, barring them from the UK "
            "financial system.",
            [("SANCTION", ["GBR"], ["IRN"])],
        ),
        # near miss: troops that shell a town, targeting a hospital, attack it
        (
            "Russian troops shelled the town on Friday, targeting a hospital.",
            [("ASSAULT", ["RUS"], [])],
        ),
        # near miss: another sentence is another telling, kept apart
        (
            "The European Union imposed sanctions on Russia on Monday. The same day the EU "
            "froze the assets of a Russian bank.",
            [("SANCTION", ["EU"], ["RUS"]), ("SANCTION", ["EU"], ["RUS"])],
        ),
    ],
)
def test_sanctions_told_in_one_sentence_are_one_record(
    text: str, expected: list[tuple[str, list[str], list[str]]]
) -> None:
    evs = extract_document(Document(id="d", text=text, report_date="2014-03-21"))
    got = [(e.event, [a.code for a in e.actor], [r.code for r in e.recipient]) for e in evs]
    assert got == expected


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        # a date after the opening name makes the parse read the sentence as one noun
        # phrase: the name still acts
        ("The United States on Monday extended sanctions on Iran.", ["USA"]),
        ("The European Union on Monday extended its sanctions on Russia.", ["EU"]),
        # near miss: a sentence the parse reads right keeps its own subject
        ("The United States extended sanctions on Iran on Monday.", ["USA"]),
        # near miss: a noun phrase with no deed in it opens nothing
        ("The United States Embassy in Moscow.", None),
    ],
)
def test_a_name_the_parse_took_for_the_sentence_acts(text: str, actor: list[str] | None) -> None:
    evs = extract_document(Document(id="d", text=text, report_date="2014-03-21"))
    got = [[a.code for a in e.actor] for e in evs if e.event == "SANCTION"]
    assert got == ([actor] if actor is not None else [])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # who prepares or adopts measures is who takes them (a plan: future)
        ("The EU is preparing new sanctions against Belarus.", [("EU", ["future"])]),
        ("The EU is drafting new sanctions against Belarus.", [("EU", ["future"])]),
        # a batch of them: what governs the package governs the sanctions
        ("The EU is preparing a new package of sanctions against Belarus.", [("EU", ["future"])]),
        ("The EU approved a new package of sanctions against Belarus.", [("EU", [])]),
        # near miss: sanctions someone condemns are not that one's
        ("Belarus condemned the new package of sanctions from the EU.", []),
    ],
)
def test_measures_prepared_or_adopted_are_the_preparers(
    text: str, expected: list[tuple[str, list[str]]]
) -> None:
    evs = extract_document(Document(id="d", text=text, report_date="2022-03-01"))
    got = [(a.code, e.aux) for e in evs if e.event == "SANCTION" for a in e.actor]
    assert got == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # put on a sanctions list or a blacklist
        ("Canada added 14 Russian individuals to its sanctions list.", [("CAN", "RUS")]),
        ("The US added three Chinese firms to its trade blacklist.", [("USA", "CHN")]),
        # near misses: "he added" tells; a clause added to a treaty sanctions no one
        ("The sanctions will hurt Russia, the minister added.", []),
        ("The EU added a clause on sanctions to the treaty.", []),
    ],
)
def test_added_to_a_sanctions_list(text: str, expected: list[tuple[str, str]]) -> None:
    evs = extract_document(Document(id="d", text=text, report_date="2022-03-01"))
    got = [(e.actor[0].code, e.recipient[0].code) for e in evs if e.event == "SANCTION"]
    assert got == expected


@pytest.mark.parametrize(
    ("text", "event", "actor"),
    [
        # an -ing clause after "in", "by", "after"... is done by the subject above
        ("Japan joined Western allies in sanctioning Russia.", "SANCTION", ["JPN"]),
        ("Canada followed the EU in imposing sanctions on Belarus.", "SANCTION", ["CAN"]),
        ("Poland responded by expelling 45 Russian diplomats.", "SANCTION", ["POL"]),
        # near misses: after "of" and "from" the object above does it
        ("Lithuania accused Belarus of pushing migrants across the border.", "COERCE", ["BLR"]),
        ("The EU banned Russian airlines from flying over Poland.", "SANCTION", ["EU"]),
    ],
)
def test_an_ing_clause_after_a_preposition_has_the_doer_above(
    text: str, event: str, actor: list[str]
) -> None:
    evs = extract_document(Document(id="d", text=text, report_date="2022-03-01"))
    assert [[a.code for a in e.actor] for e in evs if e.event == event] == [actor]


@pytest.mark.parametrize(
    ("text", "recipient"),
    [
        # the preposition on the measure imposed names whom it is imposed on
        ("Washington imposed visa restrictions on Nicaraguan officials.", ["NIC"]),
        ("The US imposed a travel ban on Iranian officials.", ["IRN"]),
        ("Japan imposed new trade restrictions on South Korea.", ["KOR"]),
        # near miss: restrictions on one's own banks name no one else
        ("The EU imposed restrictions on its own banks.", []),
    ],
)
def test_measures_imposed_on_someone(text: str, recipient: list[str]) -> None:
    evs = extract_document(Document(id="d", text=text, report_date="2022-03-01"))
    assert [[r.code for r in e.recipient] for e in evs if e.event == "SANCTION"] == [recipient]


@pytest.mark.parametrize(
    ("text", "assaults"),
    [
        # "the invasion" after an invasion told is that invasion named again
        (
            "Russia invaded Ukraine in February 2022. Moldova applied to join the European "
            "Union days after the invasion and was granted candidate status in June that year.",
            [["RUS"]],
        ),
        (
            "Russia invaded Ukraine in 2022. Poland and Lithuania raised defence spending after "
            "the invasion.",
            [["RUS"]],
        ),
        (
            "Azerbaijan attacked Karabakh on September 19. Armenia and France asked the UN for "
            "help after the attack.",
            [["AZE"]],
        ),
        # near miss: fighting that goes on is more fighting
        (
            "Kyrgyz and Tajik troops clashed on Monday. The fighting resumed on Tuesday.",
            [["KGZ", "TJK"], ["KGZ", "TJK"]],
        ),
    ],
)
def test_an_event_named_again_is_no_new_record(text: str, assaults: list[list[str]]) -> None:
    evs = extract_document(Document(id="d", text=text, report_date="2024-03-14"))
    assert [[a.code for a in e.actor] for e in evs if e.event == "ASSAULT"] == assaults


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # diplomats ordered to leave are expelled
        (
            "Russia on Thursday ordered two Moldovan diplomats to leave the country.",
            [("RUS", "MDA")],
        ),
        ("Poland ordered 45 Russian diplomats to leave within five days.", [("POL", "RUS")]),
        # near misses: one's own troops ordered out withdraw; diplomats ordered to write
        ("Putin ordered Russian troops to leave Syria.", []),
        ("The minister ordered Russian diplomats to draft a response.", []),
    ],
)
def test_diplomats_ordered_to_leave_are_expelled(
    text: str, expected: list[tuple[str, str]]
) -> None:
    evs = extract_document(Document(id="d", text=text, report_date="2024-03-14"))
    got = [(e.actor[0].code, e.recipient[0].code) for e in evs if "expel" in e.mode]
    assert got == expected


@pytest.mark.parametrize(
    ("text", "actors"),
    [
        # a description after a name restates it: its own names are no actors
        ("NATO, the US-led alliance, condemned the attack.", [["NATO"]]),
        ("Russia, Armenia's main ally, condemned the attack.", [["RUS"]]),
        # near misses: the parser's reading of a list keeps every name in it
        (
            "Pashinyan had telephone conversations with president of Russia Vladimir Putin, "
            "president of France Emmanuel Macron and US secretary of state Antony Blinken.",
            [["ARM", "RUS", "FRA", "USA"]],
        ),
    ],
)
def test_a_description_after_a_name_adds_no_actor(text: str, actors: list[list[str]]) -> None:
    evs = extract_document(Document(id="d", text=text, report_date="2022-01-28"))
    assert [[a.code for a in e.actor] for e in evs] == actors


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # crowds protesting in the street demonstrate, in the state where they are
        (
            "Thousands of people protested in Tbilisi on Sunday against a draft law.",
            [("PROTEST", ["GEO"])],
        ),
        ("Demonstrators protested outside parliament in Yerevan.", [("PROTEST", ["ARM"])]),
        # near miss: a state protesting another's step complains
        ("Russia protested the arrest of a Russian diplomat by Poland.", [("ACCUSE", ["RUS"])]),
    ],
)
def test_crowds_that_protest_demonstrate(text: str, expected: list[tuple[str, list[str]]]) -> None:
    evs = extract_document(Document(id="d", text=text, report_date="2022-01-28"))
    got = [(e.event, [a.code for a in e.actor]) for e in evs if e.event in ("PROTEST", "ACCUSE")]
    assert got == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a member that will not take part in an organisation's exercises snubs it
        (
            "Armenia will not take part in military exercises of the Russian-led Collective "
            "Security Treaty Organization in Belarus this month.",
            [("REJECT", ["ARM"], ["CSTO"])],
        ),
        (
            "Armenia will not take part in the CSTO's exercises in Belarus.",
            [("REJECT", ["ARM"], ["CSTO"])],
        ),
        # near miss: taking part is cooperation with all of them
        (
            "Armenia took part in the CSTO's exercises in Belarus.",
            [("COOPERATE", ["ARM", "CSTO"], ["BLR"])],
        ),
        # a representative recalled from an organisation or a capital
        (
            "Armenia recalled its permanent representative to the CSTO earlier this year.",
            [("SANCTION", ["ARM"], ["CSTO"])],
        ),
        ("Lithuania recalled its representative from Beijing.", [("SANCTION", ["LTU"], ["CHN"])]),
        # near miss: cars recalled are no diplomats
        ("The company recalled its cars from China.", []),
    ],
)
def test_refusals_and_recalls(text: str, expected: list[tuple[str, list[str], list[str]]]) -> None:
    evs = extract_document(Document(id="d", text=text, report_date="2023-09-01"))
    got = [(e.event, [a.code for a in e.actor], [r.code for r in e.recipient]) for e in evs]
    assert got == expected


@pytest.mark.parametrize(
    ("text", "assaults"),
    [
        # a strike and the answer to it are two events
        (
            "Israeli air strikes killed at least 20 Palestinians across the Gaza Strip on "
            "Saturday, local health officials said. Hamas said it had fired rockets at Tel Aviv "
            "in response.",
            [(["ISR"], ["PSE"]), (["PSE"], ["ISR"])],
        ),
        (
            "Azerbaijani forces shelled Armenian positions on Monday. Armenian troops fired "
            "back at Azerbaijani positions.",
            [(["AZE"], ["ARM"]), (["ARM"], ["AZE"])],
        ),
        # near miss: a side's attack and the clash of both sides told after it are one
        (
            "Tajik forces shelled Kyrgyz villages on Monday. Kyrgyz and Tajik troops clashed "
            "near Vorukh.",
            [(["TJK"], ["KGZ"])],
        ),
    ],
)
def test_a_strike_and_the_answer_are_two_events(
    text: str, assaults: list[tuple[list[str], list[str]]]
) -> None:
    evs = extract_document(Document(id="d", text=text, report_date="2024-03-04"))
    got = [
        ([a.code for a in e.actor], [r.code for r in e.recipient])
        for e in evs
        if e.event == "ASSAULT"
    ]
    assert got == assaults


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # called someone to discuss or talk: a telephone call
        (
            "On Nov. 2, US Secretary of State Rex Tillerson called Russian Foreign Minister "
            "Sergey Lavrov to discuss a number of Syrian issues.",
            [("CONSULT", ["USA"], ["RUS"])],
        ),
        (
            "Putin called Erdogan to talk about the situation in Idlib.",
            [("CONSULT", ["RUS"], ["TUR"])],
        ),
        # near misses: called on someone to act is a request, a date before the verb or not
        (
            "On Monday the UN called on Russia to halt the offensive.",
            [("REQUEST", ["UN"], ["RUS"])],
        ),
        ("The UN called Russia to halt the offensive.", [("REQUEST", ["UN"], ["RUS"])]),
        # a dinner hosted for a leader is a meeting with them
        (
            "The Indian Prime Minister will be hosting a private dinner for Netanyahu on "
            "14 January.",
            [("CONSULT", ["IND"], ["ISR"])],
        ),
    ],
)
def test_calls_and_dinners(text: str, expected: list[tuple[str, list[str], list[str]]]) -> None:
    evs = extract_document(Document(id="d", text=text, report_date="2018-01-10"))
    got = [(e.event, [a.code for a in e.actor], [r.code for r in e.recipient]) for e in evs]
    assert got == expected


@pytest.mark.parametrize(
    ("text", "event"),
    [
        # undoing one's own measure or decision is backing down
        ("The British government has reversed a decision to exclude foreign workers.", "CONCEDE"),
        ("Armenia rescinded its ban on Turkish imports.", "CONCEDE"),
        ("Uzbekistan revoked the restrictions on Kazakh trucks.", "CONCEDE"),
        # near misses: what is revoked is no measure; a ban kept is a sanction
        ("Georgia revoked the accreditation of two Russian journalists.", None),
        ("Armenia kept its ban on Turkish imports.", "SANCTION"),
        # a pact revoked is ended, as one scrapped (session 11)
        (
            "Niger's military government revoked its cooperation agreement with Washington.",
            "SANCTION",
        ),
        ("Mali revoked the defence treaty with France.", "SANCTION"),
    ],
)
def test_undoing_a_measure_is_backing_down(text: str, event: str | None) -> None:
    evs = extract_document(Document(id="d", text=text, report_date="2018-02-24"))
    assert [e.event for e in evs] == ([event] if event else [])


@pytest.mark.parametrize(
    ("text", "accuses"),
    [
        # calling someone a name is an accusation
        ("Trump on Tuesday called Britain's ambassador a very stupid guy.", True),
        ("Erdogan called the Dutch government a disgrace.", True),
        # near miss: calling someone a smart guy is none
        ("Trump called the British ambassador a smart guy.", False),
    ],
)
def test_calling_names_is_an_accusation(text: str, accuses: bool) -> None:
    evs = extract_document(Document(id="d", text=text, report_date="2018-02-24"))
    assert ("ACCUSE" in [e.event for e in evs]) is accuses


@pytest.mark.parametrize(
    ("text", "events"),
    [
        # a participle describing a noun names no event of its own
        ("A Russian-brokered ceasefire between Armenia and Azerbaijan collapsed.", ["RETREAT"]),
        ("The US-backed government in Kabul collapsed in August.", []),
        # near misses: the verb itself brokers; a verb the parser took for an adjective
        ("Russia brokered a ceasefire between Armenia and Azerbaijan.", ["CONSULT"]),
        ("The Kazakh government regularly supplied diesel fuel to the Ukrainian army.", ["AID"]),
    ],
)
def test_a_participle_describing_a_noun_is_no_event(text: str, events: list[str]) -> None:
    evs = extract_document(Document(id="d", text=text, report_date="2022-09-15"))
    assert [e.event for e in evs] == events


@pytest.mark.parametrize(
    ("text", "event"),
    [
        # giving up or giving in is yielding, not giving anything
        ("Saudi Arabia gave up its demands on Qatar.", "CONCEDE"),
        ("Turkey gave in to Swedish demands.", "CONCEDE"),
        # near miss: giving drones is aid
        ("Turkey gave drones to Ukraine.", "AID"),
    ],
)
def test_giving_up_is_yielding(text: str, event: str) -> None:
    evs = extract_document(Document(id="d", text=text, report_date="2021-01-07"))
    assert [e.event for e in evs] == [event]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # leave given to use airspace or a base is access (CAMEO 086, RETREAT access)
        (
            "Pakistan gave the Pentagon permission to use its airspace.",
            [("RETREAT", ["PAK"], ["USA"])],
        ),
        (
            "Turkey granted the United States permission to use the Incirlik base.",
            [("RETREAT", ["TUR"], ["USA"])],
        ),
        (
            "Kazakhstan granted Russian aircraft access to its airspace.",
            [("RETREAT", ["KAZ"], ["RUS"])],
        ),
        # information handed over is shared (CAMEO 064, COOPERATE)
        (
            "The Swiss government gave account information to the Indian government.",
            [("COOPERATE", ["CHE"], ["IND"])],
        ),
        ("Switzerland handed over bank records to India.", [("COOPERATE", ["CHE"], ["IND"])]),
        # near misses: things given are aid, asylum granted is aid, aircraft handed over too
        ("Germany gave Ukraine 20 tanks.", [("AID", ["DEU"], ["UKR"])]),
        (
            "Moscow handed over two Mi-8 helicopters to the Kyrgyz armed forces last year.",
            [("AID", ["RUS"], ["KGZ"])],
        ),
        ("Germany granted a loan to Ukraine.", [("AID", ["DEU"], ["UKR"])]),
    ],
)
def test_leave_and_information_given_are_no_aid(
    text: str, expected: list[tuple[str, list[str], list[str]]]
) -> None:
    evs = extract_document(Document(id="d", text=text, report_date="2022-11-24"))
    got = [(e.event, [a.code for a in e.actor], [r.code for r in e.recipient]) for e in evs]
    assert got == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # demands met are given in to (CAMEO 083)
        ("Armenia met the protesters' demands on Monday.", [("CONCEDE", ["ARM"])]),
        ("The Kyrgyz government met the opposition's demands.", [("CONCEDE", ["KGZ"])]),
        # obligations, deadlines and targets met are no meeting
        ("Kyrgyzstan met its obligations under the treaty.", []),
        ("Armenia met the deadline for the payment.", []),
        # near miss: people met are a meeting
        ("Putin met Erdogan in Sochi on Monday.", [("CONSULT", ["RUS"])]),
    ],
)
def test_what_is_met_decides_the_meeting(text: str, expected: list[tuple[str, list[str]]]) -> None:
    evs = extract_document(Document(id="d", text=text, report_date="2022-11-24"))
    assert [(e.event, [a.code for a in e.actor]) for e in evs] == expected


@pytest.mark.parametrize(
    ("text", "events"),
    [
        # what renewed talks are about is their topic, also when the preposition hangs on
        # the verb that governs the talks
        (
            "Israel and Lebanon renewed negotiations today on an Israeli troop pullback "
            "from Lebanon.",
            ["CONSULT"],
        ),
        (
            "Armenia and Azerbaijan resumed negotiations yesterday on a troop withdrawal from "
            "the border.",
            ["CONSULT"],
        ),
        # near miss: a pullback told as done beside the talks
        (
            "Israel and Lebanon renewed negotiations today, and Israel completed its troop "
            "pullback from Lebanon.",
            ["CONSULT", "RETREAT"],
        ),
    ],
)
def test_the_topic_of_resumed_talks_is_no_event(text: str, events: list[str]) -> None:
    evs = extract_document(Document(id="d", text=text, report_date="2000-01-01"))
    assert [e.event for e in evs] == events


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a border or crossing reopened lets people through (RETREAT access)
        ("Tajikistan reopened its border with Kyrgyzstan.", [("RETREAT", ["TJK"], ["KGZ"])]),
        (
            "Uzbekistan reopened the Friendship Bridge to Afghanistan on Monday.",
            [("RETREAT", ["UZB"], ["AFG"])],
        ),
        # near misses: talks reopened are talks; an embassy reopened restores relations
        (
            "Russia and Ukraine reopened talks this week on a prisoner release.",
            [("CONSULT", ["RUS", "UKR"], [])],
        ),
        ("Georgia reopened its embassy in Moscow.", [("COOPERATE", ["GEO"], ["RUS"])]),
    ],
)
def test_what_is_reopened_decides_the_event(
    text: str, expected: list[tuple[str, list[str], list[str]]]
) -> None:
    evs = extract_document(Document(id="d", text=text, report_date="2000-01-01"))
    got = [(e.event, [a.code for a in e.actor], [r.code for r in e.recipient]) for e in evs]
    assert got == expected


def _attributed(text: str, event: str) -> list[tuple[bool, list[str]]]:
    evs = extract_document(Document(id="d", text=text, report_date="2024-04-18"))
    return [
        (e.attribution.hedged, [s.code for s in e.attribution.speaker])
        for e in evs
        if e.event == event
    ]


@pytest.mark.parametrize(
    ("text", "event", "speaker"),
    [
        # what someone is sentenced, charged or arrested for is the charge, as its doer has it
        (
            "Kazakhstan sentenced two Tajik militants to 18 years for attacking a Kazakh "
            "border post.",
            "ASSAULT",
            ["KAZ"],
        ),
        (
            "Kazakhstan charged the former security chief with attempting to seize power.",
            "COERCE",
            ["KAZ"],
        ),
        ("Kyrgyz police arrested two men for attacking a Tajik border post.", "ASSAULT", ["KGZ"]),
    ],
)
def test_a_charge_is_no_deed_told_as_fact(text: str, event: str, speaker: list[str]) -> None:
    assert _attributed(text, event) == [(True, speaker)]


def test_a_deed_praised_for_is_told_as_fact() -> None:
    # near miss: what one is praised for is no charge
    text = "The European Union praised Armenia for withdrawing its troops from the border."
    assert _attributed(text, "RETREAT") == [(False, [])]


@pytest.mark.parametrize(
    ("text", "requests"),
    [
        # a ruling appealed is no request to anyone
        ("Armenia appealed the ruling of the arbitration court.", 0),
        ("Kyrgyzstan will appeal the verdict, the justice ministry said.", 0),
        # near misses: an appeal to someone, or for something
        ("Armenia appealed to the CSTO for military help.", 1),
        ("The United Nations appealed for aid for Syria.", 1),
    ],
)
def test_an_appeal_is_a_request_only_to_someone_or_for_something(text: str, requests: int) -> None:
    evs = extract_document(Document(id="d", text=text, report_date="2024-04-18"))
    assert [e.event for e in evs].count("REQUEST") == requests


@pytest.mark.parametrize(
    ("text", "assaults"),
    [
        # a period's name frames a comparison; it tells no fighting
        (
            'President Alexander Lukashenko said the drills were a response to "threats" from '
            "NATO, which has held its largest exercises since the Cold War this spring.",
            [],
        ),
        (
            "Putin said the deployment was a response to threats from NATO, which has staged "
            "its biggest drills since the Second World War.",
            [],
        ),
        # a war waged is the waging side's, whatever the lemmatiser makes of "waged"
        ("Azerbaijan waged a war against Armenia in 2020.", [["AZE", "ARM"]]),
        ("Russia has waged a war against Ukraine since 2022.", [["RUS", "UKR"]]),
        # near misses: a war told in common words; a war of trade is no fighting
        ("Armenia and Azerbaijan fought a war over Nagorno-Karabakh in 2020.", [["ARM", "AZE"]]),
        ("Russia has been waging an economic war against Moldova.", []),
    ],
)
def test_named_wars_and_waged_wars(text: str, assaults: list[list[str]]) -> None:
    evs = extract_document(Document(id="d", text=text, report_date="2024-05-07"))
    assert [[a.code for a in e.actor] for e in evs if e.event == "ASSAULT"] == assaults


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a diplomat declared persona non grata, or ordered out, is expelled; the days
        # given to leave are part of it, no aid
        (
            "Moldova declared a Russian diplomat persona non grata and gave him 72 hours to "
            "leave the country.",
            [("SANCTION", ["MDA"])],
        ),
        (
            "Poland declared two Belarusian diplomats persona non grata on Monday.",
            [("SANCTION", ["POL"])],
        ),
        (
            "Latvia ordered a Russian diplomat out and gave him two days to pack.",
            [("SANCTION", ["LVA"])],
        ),
        (
            "Estonia expelled a Russian diplomat and gave him 48 hours to leave.",
            [("SANCTION", ["EST"])],
        ),
        # a note of protest handed over is a complaint, no aid
        (
            "Russia's foreign ministry summoned Moldova's ambassador and handed him a note of "
            "protest.",
            [("ACCUSE", ["RUS"])],
        ),
        (
            "Azerbaijan's foreign ministry handed the French ambassador a note of protest on "
            "Friday.",
            [("ACCUSE", ["AZE"])],
        ),
        # applying to join is the application, not a joining
        ("Moldova applied to join the European Union in March 2022.", [("REQUEST", ["MDA"])]),
        ("Georgia applied to join NATO in 2008.", [("REQUEST", ["GEO"])]),
        # near misses: results declared valid; weapons handed over; a state that joined
        ("Kazakhstan declared the results of the referendum valid.", []),
        ("Russia handed Belarus two S-400 systems.", [("AID", ["RUS"])]),
        ("Finland joined NATO in April 2023.", [("AGREE", ["FIN"])]),
    ],
)
def test_expulsions_protest_notes_and_applications(
    text: str, expected: list[tuple[str, list[str]]]
) -> None:
    evs = extract_document(Document(id="d", text=text, report_date="2024-02-20"))
    assert [(e.event, [a.code for a in e.actor]) for e in evs] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # weapons or troops moved somewhere are deployed there
        ("Moscow moved nuclear weapons to Belarus last month.", [("MOBILIZE", ["RUS"], ["BLR"])]),
        ("Poland has moved its forces to the border with Belarus.", [("MOBILIZE", ["POL"], [])]),
        # near misses: an embassy or talks moved are no deployment
        ("The embassy moved to a new building.", []),
        ("Kyrgyzstan moved the talks to Bishkek.", []),
    ],
)
def test_forces_moved_somewhere_are_deployed(
    text: str, expected: list[tuple[str, list[str], list[str]]]
) -> None:
    evs = extract_document(Document(id="d", text=text, report_date="2024-05-07"))
    got = [(e.event, [a.code for a in e.actor], [r.code for r in e.recipient]) for e in evs]
    assert got == expected


@pytest.mark.parametrize(
    ("text", "retreats"),
    [
        # a relative clause tells more of the object, not what it is: no ceasefire
        (
            "Kyrgyzstan and Tajikistan signed a treaty on Thursday, ending a dispute that led "
            "to deadly clashes in 2021.",
            0,
        ),
        ("Armenia and Turkey ended a quarrel that had caused shelling on the border.", 0),
        # near miss: the fighting itself ended
        ("Armenia and Azerbaijan ended the fighting on Tuesday.", 1),
    ],
)
def test_what_a_relative_clause_tells_is_not_the_object(text: str, retreats: int) -> None:
    evs = extract_document(Document(id="d", text=text, report_date="2025-03-14"))
    assert [e.event for e in evs].count("RETREAT") == retreats


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # firing back is fighting, not a return home
        ("Azerbaijani units returned fire on Friday.", [("ASSAULT", ["AZE"])]),
        # a place taken in battle is fought for
        ("Russian forces captured the town of Avdiivka in February.", [("ASSAULT", ["RUS"])]),
        ("In October 2017 the Iraqi army took over Kirkuk.", [("ASSAULT", ["IRQ"])]),
        # near misses: troops back at their bases; a chairmanship taken over; people captured
        ("Russian troops returned to their bases on Friday.", [("RETREAT", ["RUS"])]),
        ("Kazakhstan took over the CSTO chairmanship in January.", []),
        ("Ukrainian troops captured two Russian soldiers.", []),
    ],
)
def test_fire_returned_and_places_captured_are_fighting(
    text: str, expected: list[tuple[str, list[str]]]
) -> None:
    evs = extract_document(Document(id="d", text=text, report_date="2023-11-03"))
    assert [(e.event, [a.code for a in e.actor]) for e in evs] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # sanctions considered are their considerer's, still to come (a threat when announced)
        (
            "The European Union said it would consider further sanctions against Minsk.",
            [("THREATEN", ["EU"], ["BLR"], [])],
        ),
        (
            "The EU is considering new sanctions against Belarus.",
            [("SANCTION", ["EU"], ["BLR"], ["future"])],
        ),
        # near miss: a proposal considered is no event
        ("The EU considered the proposal on Monday.", []),
    ],
)
def test_sanctions_considered_are_the_considerers(
    text: str, expected: list[tuple[str, list[str], list[str], list[str]]]
) -> None:
    evs = extract_document(Document(id="d", text=text, report_date="2024-12-06"))
    got = [(e.event, [a.code for a in e.actor], [r.code for r in e.recipient], e.aux) for e in evs]
    assert got == expected


@pytest.mark.parametrize(
    ("text", "events"),
    [
        # joining talked of in talks suspended or frozen is their topic, no promise to join
        ("Georgia suspended talks on joining NATO.", ["SANCTION"]),
        ("Turkey froze negotiations on joining the EU in 2016.", ["SANCTION"]),
        (
            "Georgia said on Thursday it would suspend talks on joining the European Union "
            "until 2028.",
            ["THREATEN"],
        ),
        # near miss: joining applied for is the application
        ("Georgia applied to join NATO in 2008.", ["REQUEST"]),
    ],
)
def test_joining_talked_of_in_suspended_talks_is_their_topic(text: str, events: list[str]) -> None:
    evs = extract_document(Document(id="d", text=text, report_date="2024-11-29"))
    assert [e.event for e in evs] == events


# -- what a claim says is the claimant's word; what a denial denies did not happen ------


def _full(text: str) -> list[Event]:
    """Rules and model together, as `pactwatch extract` runs."""
    return extract_document(Document(id="d", text=text, report_date="2022-10-10"))


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Armenia repeated its accusations that Azerbaijani troops had shelled villages.", "ARM"),
        # paraphrase: another claim noun, its author named with "by"
        ("Reports by Armenia that Azerbaijani troops shelled villages spread quickly.", "ARM"),
    ],
)
def test_the_content_of_a_claim_is_the_claimants_word(text: str, speaker: str) -> None:
    [attack] = of(_full(text), "ASSAULT")
    assert attack.attribution.hedged and codes(attack.attribution.speaker) == {speaker}


@pytest.mark.parametrize(
    "text",
    [
        "Azerbaijan denied that its troops had shelled Armenian villages.",
        # paraphrases: a claim dismissed, an accusation rejected
        "Baku dismissed claims that its troops had shelled Armenian villages.",
        "Azerbaijan rejected accusations by Armenia that its troops had shelled villages.",
    ],
)
def test_a_denied_deed_is_no_record_of_it(text: str) -> None:
    evs = _full(text)
    assert of(evs, "ASSAULT") == [] and len(of(evs, "REJECT")) == 1


def test_a_deed_told_in_a_that_clause_of_a_fact_stands() -> None:
    # near miss: a "that" clause of a statement is no claim noun's content
    [attack] = of(
        _full("Armenia said on Monday that Azerbaijani troops had shelled villages."), "ASSAULT"
    )
    assert codes(attack.attribution.speaker) == {"ARM"} and attack.aux == []


@pytest.mark.parametrize(
    ("text", "author"),
    [
        ("Azerbaijan rejected accusations by Armenia that its troops shelled villages.", "ARM"),
        # paraphrase: a request turned down, from its author
        ("Moscow rejected a request from Kyiv for a humanitarian corridor.", "UKR"),
    ],
)
def test_whose_claim_or_request_is_rejected_receives_the_rejection(text: str, author: str) -> None:
    [rejection] = of(_full(text), "REJECT")
    assert codes(rejection.recipient) == {author}


def test_a_rejection_by_a_means_names_no_author() -> None:
    # near miss: "by phone" is how, not whose
    [rejection] = of(_full("Moscow rejected the proposal by phone on Monday."), "REJECT")
    assert rejection.recipient == []


@pytest.mark.parametrize(
    "text",
    [
        "Moscow rejected a request by Kyiv to open a humanitarian corridor.",
        # paraphrase: an offer turned down
        "Baku turned down Yerevan's offer to withdraw troops from the border.",
    ],
)
def test_what_a_rejected_request_asks_is_not_done(text: str) -> None:
    assert of(_full(text), "RETREAT") == []


# -- a place attacked by name: the attack is aimed at its state -------------------------


@pytest.mark.parametrize(
    ("text", "recipient"),
    [
        ("Tajik troops shelled Batken on Monday.", ["KGZ"]),
        # paraphrase: an attack on a city, named in a noun's phrase
        ("Russian troops launched an attack on Kharkiv.", ["UKR"]),
        # near miss: the attacker's own town is no target of its own attack
        ("Russian forces shelled Belgorod on Monday.", []),
    ],
)
def test_a_place_attacked_by_name_is_its_state(text: str, recipient: list[str]) -> None:
    [attack] = of(_full(text), "ASSAULT")
    assert [r.code for r in attack.recipient] == recipient


def test_the_headline_does_not_join_a_strike_and_its_answer() -> None:
    text = (
        "Israeli strikes kill 20 in Gaza\n\nIsraeli air strikes killed at least 20 "
        "Palestinians in Gaza on Saturday. Hamas said it had fired rockets at Tel Aviv in "
        "response."
    )
    attacks = of(_full(text), "ASSAULT")
    assert sorted((sorted(codes(a.actor)), sorted(codes(a.recipient))) for a in attacks) == [
        (["ISR"], ["PSE"]),
        (["PSE"], ["ISR"]),
    ]


# -- a deed played in a drill is not done ----------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The CSTO held exercises simulating an attack on Tajikistan.",
        # paraphrase: another verb of playing, another deed
        "Russian and Belarusian troops rehearsed a missile strike on Poland.",
    ],
)
def test_a_deed_played_in_a_drill_is_no_record(text: str) -> None:
    evs = _full(text)
    assert not [e for e in evs if e.event in ("ASSAULT", "COERCE")]


def test_a_real_attack_beside_a_drill_stands() -> None:
    # near miss: an attack launched, not played
    [attack] = of(
        _full("Russian troops launched an attack on Kharkiv after the drills."), "ASSAULT"
    )
    assert codes(attack.actor) == {"RUS"}


@pytest.mark.parametrize(
    ("text", "actor", "recipient"),
    [
        # a past tense with an object of its own, read as a participle after its subject
        (
            "Israeli air strikes killed at least 20 Palestinians in Gaza on Saturday.",
            {"ISR"},
            {"PSE"},
        ),
        # paraphrase: other sides, another place
        ("Saudi air strikes killed at least 12 Yemenis in Saada on Friday.", {"SAU"}, {"YEM"}),
    ],
)
def test_a_participle_with_an_object_is_done_by_its_noun(
    text: str, actor: set[str], recipient: set[str]
) -> None:
    [attack] = of(_full(text), "ASSAULT")
    assert (codes(attack.actor), codes(attack.recipient)) == (actor, recipient)


def test_a_participle_with_no_object_is_done_to_its_noun() -> None:
    # near miss: "firms accused of helping" are accused; weapons supplied were supplied
    evs = _full("Iranian drones supplied to Russia were used against Kyiv on Monday.")
    assert all("IRN" not in codes(e.recipient) for e in evs)


# -- where a protest the sentence places nowhere took place -----------------------------


@pytest.mark.parametrize(
    ("text", "state"),
    [
        # a protest years before is not where the report was filed
        (
            "BRUSSELS, March 2 - The EU extended sanctions on Monday. Belarus has been under "
            "EU sanctions since 2020, when Lukashenko's security forces cracked down on "
            "protests after a disputed vote.",
            "BLR",
        ),
        (
            "PARIS, May 3 - The council met on Monday. Georgia has been in turmoil since "
            "2019, when crowds protested against a speech in parliament by Bidzina Ivanishvili.",
            "GEO",
        ),
        # with no dateline or story place, the one state the sentence names
        ("Mass protests broke out against the government of Nikol Pashinyan.", "ARM"),
        # near miss: a protest told as news is where the report was filed
        ("TBILISI, March 2 - Thousands protested on Monday against the new media law.", "GEO"),
    ],
)
def test_a_protest_placed_nowhere(text: str, state: str) -> None:
    evs = extract_document(Document(id="d", text=text, report_date="2026-03-02"))
    [protest] = of(evs, "PROTEST")
    assert protest.event_loc is not None and protest.event_loc.country_code == state


# -- the news' "X to do" is what is to come --------------------------------------------


@pytest.mark.parametrize(
    ("headline", "event"),
    [
        ("Kyrgyzstan to cancel CSTO drills", "REJECT"),
        # paraphrase: a name the parse takes for the head of a verbless line
        ("EU to impose new sanctions on Belarus", "SANCTION"),
    ],
)
def test_a_headlines_x_to_do_is_to_come(headline: str, event: str) -> None:
    text = f"{headline}\n\nMOSCOW, April 10 - The ministry made an announcement on Wednesday."
    evs = extract_document(Document(id="d", text=text, report_date="2026-04-10"))
    assert [e.aux for e in of(evs, event)] == [["future"]]


def test_a_headlines_threat_to_quit_is_no_exit() -> None:
    text = (
        "Armenia to quit CSTO, Pashinyan says\n\nYEREVAN, April 10 - Parliament met on Wednesday."
    )
    evs = extract_document(Document(id="d", text=text, report_date="2026-04-10"))
    assert not [e for e in evs if e.event == "SANCTION" and not e.aux]


def test_for_x_to_do_is_not_what_is_to_come() -> None:
    # near miss: "for X to do" is wanted, not announced
    evs = _full("It is time for Russia to withdraw its troops from Moldova, Sandu said.")
    assert all("future" not in e.aux for e in evs)


# -- an attack's sides are not the states of the deeds its clause hangs under ---------


@pytest.mark.parametrize(
    "text",
    [
        # a deed named only to time another has not the other deed's doer for a side
        "Tokayev expressed condolences to Russia after the attack.",
        "Lukashenko phoned Putin following the attack.",
        # nor the states of the deeds its clause hangs under
        "Russia sent paratroopers to Kazakhstan after Tokayev said the country was facing "
        "an attack.",
        # paraphrase: the alliance and its troops' state, told before the attack
        "The CSTO deployed more than 2,000 troops, most of them Russian, after Tokayev said "
        "the country faced an attack by terrorists.",
    ],
)
def test_an_attack_is_not_fought_by_the_states_around_it(text: str) -> None:
    assert of(_full(text), "ASSAULT") == []


@pytest.mark.parametrize(
    "text",
    [
        # near misses: a clash whose own words name both sides keeps them
        "Japarov and Rahmon met in Batken after the clashes between Kyrgyz and Tajik troops.",
        "Russia sent paratroopers to Kazakhstan after Japarov said Kyrgyz and Tajik troops "
        "had clashed.",
    ],
)
def test_a_clash_below_another_deed_keeps_its_own_sides(text: str) -> None:
    [clash] = of(_full(text), "ASSAULT")
    assert codes(clash.actor) == {"KGZ", "TJK"}


# -- what someone is kept from doing is not done ---------------------------------------


@pytest.mark.parametrize(
    ("text", "event"),
    [
        (
            "Britain added 12 Belarusian companies to its sanctions list on Friday, banning "
            "their owners from travelling to the United Kingdom.",
            "CONSULT",
        ),
        # paraphrase: another verb of keeping from, another deed
        ("Azerbaijan kept Armenian trucks from crossing the border on Monday.", "COERCE"),
    ],
)
def test_what_someone_is_kept_from_is_not_done(text: str, event: str) -> None:
    assert of(_full(text), event) == []


def test_a_deed_done_from_a_place_is_done() -> None:
    # near miss: "from" a place, not "kept from" a deed
    evs = _full("Russian troops withdrew from positions near the border on Monday.")
    assert [e.aux for e in of(evs, "RETREAT")] == [[]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a treasury designating firms or people sanctions them
        (
            "The Treasury's Office of Foreign Assets Control designated three Kyrgyz "
            "companies on Wednesday.",
            [("SANCTION", ["USA"], ["KGZ"])],
        ),
        ("OFAC designated five Iranian drone manufacturers.", [("SANCTION", ["USA"], ["IRN"])]),
        # near misses: a candidate or a zone designated is no sanction
        ("The party designated Tokayev as its candidate.", []),
        ("Kazakhstan designated a new border zone near Russia.", []),
    ],
)
def test_firms_designated_are_sanctioned(
    text: str, expected: list[tuple[str, list[str], list[str]]]
) -> None:
    evs = extract_document(Document(id="d", text=text, report_date="2024-06-12"))
    got = [(e.event, [a.code for a in e.actor], [r.code for r in e.recipient]) for e in evs]
    assert got == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a base operated or leased keeps its operator there
        (
            "Russia operates an air base in Kyrgyzstan.",
            [("COOPERATE", "military_facility", ["RUS"], ["KGZ"])],
        ),
        (
            "Russia has leased the Kant air base since 2003.",
            [("COOPERATE", "military_facility", ["RUS"], [])],
        ),
        # near misses: a ferry operated, farmland leased
        ("The company operates a ferry between Baku and Aktau.", []),
        ("Kazakhstan leased farmland to Chinese firms.", []),
    ],
)
def test_bases_operated_or_leased(
    text: str, expected: list[tuple[str, str, list[str], list[str]]]
) -> None:
    evs = extract_document(Document(id="d", text=text, report_date="2019-10-03"))
    got = [(e.event, e.kind, [a.code for a in e.actor], [r.code for r in e.recipient]) for e in evs]
    assert got == expected


@pytest.mark.parametrize(
    "text",
    [
        "Russia and Kyrgyzstan signed an agreement on Thursday to open a second Russian air "
        "base in the country.",
        # paraphrase: another pact noun, another deed
        "Armenia and France signed a contract to supply Caesar howitzers to Yerevan.",
    ],
)
def test_what_a_pact_provides_for_is_to_come(text: str) -> None:
    deeds = [e for e in _full(text) if e.event in ("COOPERATE", "AID")]
    assert deeds and all(e.aux == ["future"] for e in deeds)


def test_a_deal_brokered_by_someone_was_brokered() -> None:
    # near miss: a participle on the pact noun tells what was done, not what is to come
    [brokering] = of(
        _full("Saudi Arabia and Iran restored ties in a deal brokered by China on Friday."),
        "CONSULT",
    )
    assert brokering.aux == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a common decision not carried out is refused (the reform's rule on decisions)
        (
            "Tajikistan has not implemented a decision of the CSTO's Council of Foreign Ministers.",
            [("REJECT", ["TJK"], ["CSTO"])],
        ),
        ("Kyrgyzstan did not comply with the CSTO's decision.", [("REJECT", ["KGZ"], ["CSTO"])]),
        # carried out, it is cooperation with whoever made it
        ("Tajikistan implemented the CSTO decision.", [("COOPERATE", ["TJK"], ["CSTO"])]),
        # near miss: a law not implemented is no one's decision
        ("Kazakhstan has not implemented the new tax code.", []),
    ],
)
def test_decisions_not_carried_out_are_refused(
    text: str, expected: list[tuple[str, list[str], list[str]]]
) -> None:
    evs = extract_document(Document(id="d", text=text, report_date="2023-05-05"))
    got = [(e.event, [a.code for a in e.actor], [r.code for r in e.recipient]) for e in evs]
    assert got == expected
