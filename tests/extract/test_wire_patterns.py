"""Patterns of wire news found in the stories of session 16 (docs/notes/stories/38-47) and after:
each rule with the case that showed it, another wording it must catch, and a near miss it
must leave alone. Rules only (no learned typer): each test is about one rule."""

from __future__ import annotations

import pytest

from pactwatch.extract import extract_documents
from pactwatch.records import Document, Event


def _records(text: str) -> list[Event]:
    doc = Document(id="d", text=text, report_date="2024-05-10")
    return next(iter(extract_documents([doc], model=False)))[1]


def _of(text: str, event: str) -> list[Event]:
    return [e for e in _records(text) if e.event == event]


def _codes(entities: list[object]) -> list[str]:
    return [e.code for e in entities]  # type: ignore[attr-defined]


# --- admitting guilt is no accession


@pytest.mark.parametrize(
    "text",
    [
        "Aliyev demanded that Moscow admit its guilt and punish those responsible.",
        # paraphrase: another verb of asking, another word for guilt
        "Aliyev urged Russia to admit responsibility for the crash.",
    ],
)
def test_admitting_guilt_is_no_membership(text: str) -> None:
    """ "demanded that Moscow admit its guilt" was a request of kind membership, as if
    Azerbaijan had asked to join something."""
    [request] = _of(text, "REQUEST")
    assert request.kind != "membership"


def test_admitting_a_mistake_is_a_concession() -> None:
    [concession] = _of("Russia admitted its mistakes in the negotiations.", "CONCEDE")
    assert _codes(concession.actor) == ["RUS"]


def test_admitting_a_state_is_an_accession() -> None:
    """Near miss: an organisation that admits a state takes in a member."""
    [accession] = _of("NATO agreed to admit Finland.", "AGREE")
    assert accession.kind == "membership"
    assert _codes(accession.recipient) == ["FIN"]


# --- what a crash killed, no one attacked


@pytest.mark.parametrize(
    "text",
    [
        "The Azerbaijani jet crashed near the Kazakh city of Aktau, killing 38 of the 67 people on board.",
        # paraphrases: another accident, and the passive "killed in"
        "A Russian bus plunged into a gorge, killing 20 passengers.",
        "Thirty Kyrgyz soldiers were killed in the crash.",
    ],
)
def test_deaths_in_a_crash_are_no_attack(text: str) -> None:
    """ "crashed near Aktau, killing 38" was an attack; merged with "Russia shot down
    Azerbaijani airliner" it became Russia's attack told as fact."""
    assert not _of(text, "ASSAULT")


@pytest.mark.parametrize(
    "text",
    [
        "Tajik troops shelled the village, killing two residents.",
        "Russian missiles killed five people in Kyiv.",
    ],
)
def test_deaths_in_an_attack_are_one(text: str) -> None:
    """Near misses: killing by shelling or missiles."""
    assert _of(text, "ASSAULT")


# --- a note of protest is a diplomatic complaint


@pytest.mark.parametrize(
    "text",
    [
        "Alexei Borodavkin was handed a note of protest over comments by a Russian lawmaker.",
        # paraphrase: another word for the note
        "The Kazakh ministry sent Moscow a letter of protest.",
    ],
)
def test_a_note_of_protest_is_no_demonstration(text: str) -> None:
    """ "was handed a note of protest" was a street protest, with Kazakhstan protesting
    against itself."""
    assert not _of(text, "PROTEST")


def test_a_protest_in_the_street_is_one() -> None:
    """Near miss: people joining a protest."""
    assert _of("Thousands joined a protest in Yerevan.", "PROTEST")


# --- an aircraft flying somewhere visits no one


@pytest.mark.parametrize(
    "text",
    [
        "The Azerbaijan Airlines jet was flying from Baku to Grozny when it crashed.",
        # paraphrase: another aircraft, another tense
        "A Georgian cargo plane flew to New Delhi on Friday.",
    ],
)
def test_an_aircraft_flying_is_no_visit(text: str) -> None:
    assert not _of(text, "CONSULT")


def test_a_leader_flying_somewhere_visits() -> None:
    """Near miss: a person who flies to a capital for talks."""
    [visit] = _of("Pashinyan flew to Moscow on Monday for talks with Putin.", "CONSULT")
    assert "ARM" in _codes(visit.actor)


# --- merged mentions keep the voice of the one that names the doer


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Baku says Armenian troops fired on its positions\n\n"
            "Shots were fired at Azerbaijani positions near Lachin on Tuesday.",
            "AZE",
        ),
        # paraphrase: another pair, a passive body mention
        (
            "Kyrgyzstan says Tajik troops shelled its villages\n\n"
            "Kyrgyz villages near Batken were shelled on Monday.",
            "KGZ",
        ),
    ],
)
def test_a_doer_only_a_party_names_stays_its_account(text: str, speaker: str) -> None:
    """The body's mention names no doer; merged with the headline, it took the doer the
    headline says a party named, and told the attack as fact."""
    [attack] = _of(text, "ASSAULT")
    assert _codes(attack.attribution.speaker) == [speaker]


def test_a_doer_the_report_names_itself_is_its_own() -> None:
    """Near miss: the body names the doer in the report's own voice."""
    text = (
        "Baku says Armenian troops fired on its positions\n\n"
        "Armenian troops fired at Azerbaijani positions near Lachin on Tuesday."
    )
    [attack] = _of(text, "ASSAULT")
    assert attack.attribution.speaker == []


# --- what a deed is "over" or "for" may be alleged; the deed is not


@pytest.mark.parametrize(
    "text",
    [
        "Russia expelled two Estonian diplomats over alleged spying.",
        # paraphrase: an arrest "for" an alleged deed
        "Belarus arrested a Polish journalist for alleged espionage.",
    ],
)
def test_alleged_grounds_do_not_hedge_the_deed(text: str) -> None:
    """ "ordered the pipeline to suspend operations over alleged environmental violations"
    was hedged, as if the order itself were only alleged."""
    [deed] = [e for e in _records(text) if e.event in ("SANCTION", "COERCE")]
    assert not deed.attribution.hedged


@pytest.mark.parametrize(
    "text",
    [
        "Russian troops allegedly shelled the village over the weekend.",
        "Moscow expelled the diplomats after the alleged attack on its embassy.",
    ],
)
def test_an_alleged_deed_stays_hedged(text: str) -> None:
    """Near misses: the adverb on the deed, and the alleged attack as a record itself."""
    [attack] = _of(text, "ASSAULT")
    assert attack.attribution.hedged


# --- "it" in a relative clause is the subject before it


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Britain sanctioned four companies that it said had shipped components to Russia.", "GBR"),
        # paraphrase: another state, another relative
        ("Kazakhstan fined two firms which it said had sold drones to Russia.", "KAZ"),
    ],
)
def test_it_in_a_relative_clause_is_the_subject_before(text: str, speaker: str) -> None:
    """ "four companies in Kyrgyzstan that it said had shipped electronic components to
    Russia": the shipment was told in the report's voice, or bound "it" to Russia."""
    [shipment] = _of(text, "AID")
    assert _codes(shipment.attribution.speaker) == [speaker]


def test_a_relative_clause_that_names_its_speaker_keeps_it() -> None:
    """Near miss: the speaker written out."""
    text = "Britain sanctioned four companies that Ukraine said had shipped components to Russia."
    [shipment] = _of(text, "AID")
    assert _codes(shipment.attribution.speaker) == ["UKR"]


# --- "who said" is told by whom the relative clause is of


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Ukraine condemned remarks by Lukashenko, who said that Belarusian troops had "
            "shelled Ukrainian villages.",
            "BLR",
        ),
        # paraphrase: no "that", another leader
        (
            "The ministry cited Japarov, who said Tajik troops shelled Kyrgyz villages on Monday.",
            "KGZ",
        ),
    ],
)
def test_who_said_tells_it(text: str, speaker: str) -> None:
    """ "comments by State Duma deputy Yevgeny Fyodorov, who said ..." told what he said
    in the report's own voice, as fact."""
    [attack] = _of(text, "ASSAULT")
    assert _codes(attack.attribution.speaker) == [speaker]


def test_a_deed_done_to_what_someone_said_is_no_saying() -> None:
    """Near miss: the relative clause says something of the villages shelled."""
    [attack] = _of(
        "Tajik troops shelled the villages that Kyrgyzstan said it controlled.", "ASSAULT"
    )
    assert attack.attribution.speaker == []


# --- who is supplied


@pytest.mark.parametrize(
    ("text", "giver", "receiver"),
    [
        ("Kyrgyz firms supplied the Russian military.", "KGZ", "RUS"),
        # paraphrase: another verb of giving, another army
        ("Iran armed the Syrian army.", "IRN", "SYR"),
    ],
)
def test_the_supplied_army_receives(text: str, giver: str, receiver: str) -> None:
    """ "for supplying Russian military" made Russia a supplier beside the firms."""
    [aid] = _of(text, "AID")
    assert _codes(aid.actor) == [giver]
    assert _codes(aid.recipient) == [receiver]


def test_troops_sent_are_their_states() -> None:
    """Near miss: the troops a state sends are its own, not a recipient."""
    [move] = [e for e in _records("Minsk sent Belarusian troops to the border.") if e.actor]
    assert _codes(move.actor) == ["BLR"]
    assert "BLR" not in _codes(move.recipient)


# --- a charge gives a sanction no kind


@pytest.mark.parametrize(
    "text",
    [
        "The United States blacklisted a Kyrgyz bank over payments for Russian arms makers.",
        # paraphrase: a conviction for arms smuggling
        "A Kyrgyz court convicted two Russian men for smuggling weapons to Russia.",
    ],
)
def test_what_a_sanction_punishes_gives_it_no_kind(text: str) -> None:
    """ "blacklisted a bank over payments for Russian arms makers" was an arms transfer."""
    [sanction] = _of(text, "SANCTION")
    assert sanction.kind != "arms_transfer"


def test_halted_arms_deliveries_are_of_arms() -> None:
    """Near miss: the sanction's own object is the arms."""
    [halt] = _of("Russia halted arms deliveries to Armenia.", "SANCTION")
    assert halt.kind == "arms_transfer"


# --- what someone is criticised or condemned for is the critic's account


@pytest.mark.parametrize(
    ("text", "event", "critic"),
    [
        (
            "Rahmon criticised the CSTO for failing to help Tajikistan during the clashes.",
            "REJECT",
            "TJK",
        ),
        # paraphrase: another verb of blame, another deed
        ("Baku condemned Moscow for supplying weapons to Armenia.", "AID", "AZE"),
    ],
)
def test_what_a_party_is_condemned_for_is_the_critics_account(
    text: str, event: str, critic: str
) -> None:
    """ "criticised the CSTO for failing to help Tajikistan" told the CSTO's failure as
    fact."""
    [deed] = _of(text, event)
    assert deed.attribution.hedged
    assert _codes(deed.attribution.speaker) == [critic]


def test_a_deed_told_before_its_condemnation_is_fact() -> None:
    """Near miss: the report tells the deliveries itself, then the condemnation."""
    [aid] = _of("Moscow supplied weapons to Armenia, and Baku condemned the deliveries.", "AID")
    assert not aid.attribution.hedged
    assert aid.attribution.speaker == []


# --- the time of a charge is not the time of the charging


@pytest.mark.parametrize(
    ("text", "event"),
    [
        (
            "Rahmon criticised the CSTO for failing to help Tajikistan during the clashes "
            "last month.",
            "ACCUSE",
        ),
        # paraphrase: an accusation "of", a date from its deed
        (
            "A congress in Tiraspol accused Moldova of imposing customs duties on its "
            "companies from January 1.",
            "ACCUSE",
        ),
    ],
)
def test_a_charges_date_is_not_the_charging(text: str, event: str) -> None:
    """ "criticised ... for failing to help Tajikistan during border clashes last month"
    dated the criticism to the clashes' month."""
    [charging] = _of(text, event)
    assert charging.date is None


def test_a_date_on_the_charging_is_its_own() -> None:
    """Near miss: the date hangs on the criticism."""
    [criticism] = _of(
        "Rahmon criticised the CSTO last month for failing to help Tajikistan.", "ACCUSE"
    )
    assert criticism.date == "2024-04"


# --- trade restricted is a sanction


@pytest.mark.parametrize(
    ("text", "doer", "target"),
    [
        (
            "Russia's agriculture watchdog said on Thursday it would restrict imports of some "
            "Kazakh farm products from next week.",
            "RUS",
            "KAZ",
        ),
        # paraphrase: another verb, exports, a recipient after "to"
        ("Moscow curbed exports of fuel to Armenia.", "RUS", "ARM"),
    ],
)
def test_trade_restricted_is_a_sanction(text: str, doer: str, target: str) -> None:
    """ "would restrict imports of some Kazakh farm products" had no record of its own."""
    [measure] = [e for e in _records(text) if e.event in ("SANCTION", "THREATEN")]
    assert _codes(measure.actor) == [doer]
    assert _codes(measure.recipient) == [target]


def test_powers_restricted_are_no_sanction() -> None:
    """Near miss: what a law restricts is no trade."""
    text = "Russia's new law restricts the powers of Kazakh regional governors."
    assert not [e for e in _records(text) if e.event in ("SANCTION", "THREATEN")]


# --- a word describing a noun, or the doer, makes no membership


@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("Leaders of the six-member CSTO signed the other documents of the summit.", "AGREE"),
        # paraphrase: the bloc as the one that failed, not the one turned from
        (
            "Armenia asked the CSTO for help on Tuesday. Pashinyan said the alliance had "
            "failed to condemn the attack.",
            "REJECT",
        ),
    ],
)
def test_describing_the_bloc_is_no_membership(text: str, event: str) -> None:
    """ "Leaders of the six-member alliance signed the other documents" was an accession;
    "the bloc had failed to condemn" a member's turning from the bloc."""
    assert [e.kind for e in _of(text, event)] != ["membership"]
    assert _of(text, event)


def test_a_member_becoming_one_is_membership() -> None:
    """Near miss: a member in its own right."""
    [accession] = _of("Iran became a full member of the SCO.", "AGREE")
    assert accession.kind == "membership"


# --- a dateline is no subject


@pytest.mark.parametrize(
    ("text", "doer"),
    [
        (
            "ALMATY, March 2 (wire) - Russia's agriculture watchdog said on Thursday it would "
            "restrict imports of Kazakh wheat.",
            "RUS",
        ),
        # paraphrase: another dateline, a refusal
        (
            "ASTANA, June 5 (wire) - Kazakhstan's foreign ministry said it would not recognise "
            "the referendums in Ukraine.",
            "KAZ",
        ),
    ],
)
def test_a_dateline_is_no_teller(text: str, doer: str) -> None:
    """The parse takes the dateline's city for a second subject of "said": the teller was
    "ALMATY", and "it" no one."""
    [deed] = [e for e in _records(text) if e.event in ("THREATEN", "SANCTION", "REJECT")]
    assert _codes(deed.actor) == [doer]
    assert _codes(deed.attribution.speaker) == [doer]


def test_a_clause_on_the_saying_itself_is_the_reports() -> None:
    """Near miss: a clause that says when something was announced is not the announcer's
    account."""
    text = (
        "MANAMA, Dec 19 - US Defense Secretary Lloyd Austin announced on Monday a naval "
        "operation in the Red Sea, after a wave of drone attacks by Yemen's Houthi movement "
        "forced shipping lines to suspend transits."
    )
    [attacks] = _of(text, "ASSAULT")
    assert attacks.attribution.speaker == []


# --- a wire dateline is parsed apart from the lead


@pytest.mark.parametrize(
    "text",
    [
        "Russia and Belarus launch drills\n\nMINSK, Sept 12 (wire) - Russia and Belarus on Friday "
        "began the Zapad-2025 joint military exercises, which Minsk said would include "
        "practising the use of nuclear weapons.",
        # paraphrase: another dateline, another exercise
        "Allies hold drills\n\nTEHRAN, Sept 12 (wire) - Russia and Belarus on Friday began the "
        "Union Shield joint exercises, which Moscow said would involve 12,000 troops.",
    ],
)
def test_the_lead_after_a_dateline_keeps_its_subject(text: str) -> None:
    """The parser read "MINSK, Sept 12 (wire) - Russia and Belarus on Friday began ..." with
    the city and the date for subjects and the two states hung on them: the lead lost its
    record, or its sides."""
    doc = Document(id="d", text=text, report_date="2025-09-12")
    evs = next(iter(extract_documents([doc], model=False)))[1]
    drills = [e for e in evs if e.text_info.sentence == 2]
    assert drills, "the lead has its record"
    assert {"RUS", "BLR"} <= set(_codes(drills[0].actor))
    assert drills[0].date == "2025-09-12"


def test_a_dateline_is_no_sentence_and_still_places_the_lead() -> None:
    """Near miss: the dateline counts as no sentence of its own, and a one-city dateline
    still places the lead's event."""
    text = "Diplomats meet\n\nBAKU, Nov 24 - Russian and Azerbaijani diplomats met on Wednesday."
    doc = Document(id="d", text=text, report_date="2022-11-24")
    [meeting] = next(iter(extract_documents([doc], model=False)))[1]
    assert meeting.text_info.sentence == 2
    assert meeting.event_loc is not None and meeting.event_loc.country_code == "AZE"


# --- the body its sides belong to is no side


@pytest.mark.parametrize(
    ("text", "sides"),
    [
        (
            "Kyrgyzstan and Tajikistan clashed in April. The two countries, both members of "
            "the CSTO, fought a brief border war last September.",
            {"KGZ", "TJK"},
        ),
        # paraphrase: "fellow members", a drill
        (
            "Kazakhstan and Tajikistan, fellow members of the CSTO, sent observers to the drills.",
            {"KAZ", "TJK"},
        ),
    ],
)
def test_members_of_a_body_are_not_the_body(text: str, sides: set[str]) -> None:
    """ "The two countries, both members of the Collective Security Treaty Organization,
    fought a brief border war" made the CSTO a side of the war."""
    for record in _records(text):
        assert "CSTO" not in _codes(record.actor)
    assert any(set(_codes(e.actor)) == sides for e in _records(text))


def test_a_member_asking_its_bloc_asks_it() -> None:
    """Near miss: the bloc named again as the one asked."""
    [request] = _of("Armenia, a member of the CSTO, asked the bloc for help.", "REQUEST")
    assert _codes(request.recipient) == ["CSTO"]


# --- what a party does not intend to do is not planned


@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("Armenia does not intend to leave the CSTO.", "SANCTION"),
        # paraphrase: another verb of planning, another deed
        ("Armenia does not plan to host the CSTO drills.", "COOPERATE"),
    ],
)
def test_what_is_not_intended_is_no_plan(text: str, event: str) -> None:
    """ "does not intend to leave the CSTO" was an exit to come."""
    assert not _of(text, event)


def test_what_is_intended_is_to_come() -> None:
    """Near miss: the intention stated."""
    [exit_] = _of("Armenia intends to leave the CSTO.", "SANCTION")
    assert exit_.aux == ["future"]


# --- ties destroyed are no attack


@pytest.mark.parametrize(
    "text",
    [
        "Zakharova accused Yerevan of destroying its alliance with Moscow.",
        # paraphrase: another word for the bond
        "Moscow said Yerevan was destroying relations step by step.",
    ],
)
def test_ties_destroyed_are_no_attack(text: str) -> None:
    assert not _of(text, "ASSAULT")


def test_a_depot_destroyed_is_attacked() -> None:
    """Near miss: a thing destroyed."""
    assert _of("Russian drones destroyed a Ukrainian ammunition depot.", "ASSAULT")


# --- troops deployed along a border are mobilised


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("Poland deployed 40,000 troops along its eastern border.", "POL"),
        # paraphrase: "near", another state
        ("Russia deployed troops near the border with Ukraine.", "RUS"),
    ],
)
def test_troops_deployed_along_a_border_are_mobilised(text: str, state: str) -> None:
    """ "deployed 40,000 troops along its eastern border" was aid to no one."""
    [move] = _of(text, "MOBILIZE")
    assert _codes(move.actor) == [state]
    assert not _of(text, "AID")


def test_troops_deployed_in_another_state_are_sent_to_it() -> None:
    """Near miss: troops deployed in another state."""
    [aid] = _of("Kazakhstan deployed troops in Kyrgyzstan.", "AID")
    assert _codes(aid.recipient) == ["KGZ"]


# --- those killed in a clash were on one side of it


@pytest.mark.parametrize(
    ("text", "sides"),
    [
        (
            "Fighting erupted.\n\nNEW DELHI, June 17 - Twenty Indian soldiers were killed in a "
            "clash with Chinese troops in the Galwan valley on Monday night, the Indian army said.",
            {"CHN", "IND"},
        ),
        # paraphrase: "died in a shootout"
        (
            "Three Kyrgyz border guards died in a shootout with Tajik troops on Tuesday.",
            {"KGZ", "TJK"},
        ),
    ],
)
def test_those_killed_in_a_clash_were_a_side(text: str, sides: set[str]) -> None:
    """ "Twenty Indian soldiers were killed in a clash with Chinese troops": China fought
    no one, and India was only the victim."""
    assert any(set(_codes(e.actor)) == sides for e in _of(text, "ASSAULT"))


def test_a_clash_whose_dead_name_no_side_has_one_side() -> None:
    """Near miss: the dead name no state."""
    [clash] = _of("Two soldiers were killed in a clash with Tajik troops.", "ASSAULT")
    assert _codes(clash.actor) == ["TJK"]


# --- a date in what something is compared with is that thing's


@pytest.mark.parametrize(
    ("text", "event"),
    [
        (
            "The ministry said about 7,000 troops would take part in the drills, fewer than in "
            "the previous Zapad exercises four years ago.",
            "COOPERATE",
        ),
        # paraphrase: a year, a promise
        ("Kazakhstan said it would send more troops to the CSTO exercise than in 2022.", "AGREE"),
    ],
)
def test_a_date_compared_with_is_not_the_events(text: str, event: str) -> None:
    """ "fewer than in the previous Zapad exercises four years ago" dated the coming drills
    to 2021."""
    [record] = _of(text, event)
    assert record.date is None


def test_a_date_of_the_deed_itself_stays() -> None:
    """Near miss: no comparison."""
    [drills] = _of("Russia held the drills four years ago.", "COOPERATE")
    assert drills.date == "2020"


# --- observers sent to a border are no force


@pytest.mark.parametrize(
    "text",
    [
        "Putin said the CSTO would send an observer mission to the Armenian-Azerbaijani "
        "border if Yerevan agreed.",
        # paraphrases: monitors told as done, a delegation
        "The EU sent a monitoring mission of 100 observers to the border region.",
        "Minsk sent a delegation to the border region for talks.",
    ],
)
def test_observers_sent_to_a_border_are_no_force(text: str) -> None:
    """ "would send an observer mission to the border if Yerevan agreed" was a threat of
    violence (troops moved to a border, on a condition)."""
    assert not [e for e in _records(text) if e.event in ("MOBILIZE", "THREATEN")]


def test_troops_sent_to_a_border_are_mobilised() -> None:
    """Near miss: troops."""
    assert _of("Russia sent troops to the border with Ukraine.", "MOBILIZE")


# --- who judges conduct during a clash is no side of it (session 17)


@pytest.mark.parametrize(
    "text",
    [
        "Moscow praised Kazakhstan for its restraint during the clashes.",
        # paraphrases: a charge over a failure, told with a verb and with a gerund
        "Moscow criticised Kazakhstan over its failure to help Tajikistan during the clashes.",
        "Moscow criticised the CSTO on Friday over failing to help Tajikistan during the "
        "clashes last month.",
    ],
)
def test_the_judge_and_the_judged_are_no_sides_of_a_clash_that_times_conduct(
    text: str,
) -> None:
    """Every state named in the sentence was taken for a side of "the clashes": Russia
    fought Kazakhstan, a hostilities finding between two CSTO members for a compliment."""
    clashes = _of(text, "ASSAULT")
    assert not any({"RUS", "KAZ"} <= set(_codes(c.actor)) for c in clashes)
    assert not any("RUS" in _codes(c.actor) for c in clashes)


def test_a_clash_that_times_judged_conduct_keeps_its_own_sides() -> None:
    """Near miss: the clash's own phrase names its sides."""
    text = (
        "Moscow praised Kazakhstan for its restraint during the clashes between Kyrgyzstan "
        "and Tajikistan."
    )
    [clash] = _of(text, "ASSAULT")
    assert sorted(_codes(clash.actor)) == ["KGZ", "TJK"]


def test_a_clash_that_times_a_deed_with_its_doer_is_unchanged() -> None:
    """Near miss: a deed with a doer of its own, timed by the clash, is no judged conduct."""
    [shelling] = _of("During the clashes, Tajik troops shelled Kyrgyz villages.", "ASSAULT")
    assert (_codes(shelling.actor), _codes(shelling.recipient)) == (["TJK"], ["KGZ"])
