"""Whom a deed is aimed at, where the parse hangs the name on the thing acted with or on a
verb under a light or control verb (session 11). Each rule has a case, a paraphrase it must
also catch and a near miss it must leave alone."""

from __future__ import annotations

import pytest

from tests.extract.helpers import codes, of, records

# -- the thing a deed is done with names whom it is aimed at -------------------------------


@pytest.mark.parametrize(
    ("text", "event", "recipient"),
    [
        ("Saudi Arabia and Egypt cut diplomatic ties with Qatar on Monday.", "SANCTION", "QAT"),
        ("Venezuela severed relations with Colombia after the border incident.", "SANCTION", "COL"),
        ("Canberra has scrapped its contract with France's Naval Group.", "SANCTION", "FRA"),
        ("Israel has established diplomatic ties with Bhutan.", "SUPPORT", "BTN"),
        ("The United States has issued an ultimatum to Sudan.", "THREATEN", "SDN"),
    ],
)
def test_the_thing_acted_with_names_the_recipient(text: str, event: str, recipient: str) -> None:
    found = of(records(text), event)
    assert found and recipient in codes(found[0].recipient)


def test_with_on_a_thing_that_is_no_bond_names_no_recipient() -> None:
    # near miss: "with" on sanctions or a ban names a partner, not the one aimed at
    found = of(records("The EU imposed a ban with the United States on Russian oil."), "SANCTION")
    assert found
    assert "USA" not in codes(found[0].recipient)
    assert "RUS" in codes(found[0].recipient)


# -- what a refusal or a threat would be done with names whom it is aimed at --------------


@pytest.mark.parametrize(
    ("text", "event", "recipient"),
    [
        ("Ankara still refuses to lift the ban on Cypriot ships.", "REJECT", "CYP"),
        (
            "Brussels stood ready to respond with further sanctions against Minsk.",
            "THREATEN",
            "BLR",
        ),
    ],
)
def test_the_thing_in_the_content_names_the_recipient(
    text: str, event: str, recipient: str
) -> None:
    found = of(records(text), event)
    assert found and recipient in codes(found[0].recipient)


def test_a_partner_of_the_content_is_no_recipient() -> None:
    # near miss: "together with Washington" is who responds alongside, not whom at
    found = of(
        records("The EU stood ready to respond with sanctions together with Washington."),
        "THREATEN",
    )
    assert found and "USA" not in codes(found[0].recipient)


# -- a verb under a light verb keeps its own object ------------------------------------------


@pytest.mark.parametrize(
    ("text", "recipient"),
    [
        ("American troops have begun leaving Afghanistan.", "AFG"),
        ("Russian peacekeepers started leaving Azerbaijan's Karabakh region.", "AZE"),
    ],
)
def test_a_verb_under_a_light_verb_keeps_its_object(text: str, recipient: str) -> None:
    found = of(records(text), "RETREAT")
    assert found and codes(found[0].recipient) == {recipient}


def test_troops_withdrawn_under_a_light_verb_are_no_recipient() -> None:
    # near miss: the object is the thing moved, whoever owns it
    found = of(records("Russia has begun withdrawing its troops."), "RETREAT")
    assert found and not found[0].recipient


# -- a city a pact is named after is where it was made, not a party -------------------------


@pytest.mark.parametrize(
    ("text", "city_state"),
    [
        ("Armenia moved to ratify the Rome Statute of the International Criminal Court.", "ITA"),
        ("Russia and Ukraine signed the Minsk agreements in 2015.", "BLR"),
    ],
)
def test_a_city_a_pact_is_named_after_is_no_party(text: str, city_state: str) -> None:
    found = of(records(text), "AGREE")
    assert found
    assert city_state not in codes(found[0].actor) | codes(found[0].recipient)


def test_a_city_that_signs_is_its_state() -> None:
    # near miss: the city is the subject, a metonym for its government
    found = of(records("Moscow signed the treaty."), "AGREE")
    assert found and codes(found[0].actor) == {"RUS"}


# -- mediators are no sides of the fighting told after them ---------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Sudan's army and the RSF signed a declaration on Thursday after talks brokered by"
        " Saudi Arabia and the United States. Residents reported air strikes in the capital"
        " on Friday.",
        "Qatar and Egypt mediated a truce on Monday. Heavy shelling was reported on Tuesday.",
    ],
)
def test_mediators_are_no_sides_of_the_fighting_told_next(text: str) -> None:
    evs = records(text)
    assert of(evs, "CONSULT"), "the mediation is still recorded"
    assert not of(evs, "ASSAULT")


def test_the_sides_of_a_clash_are_the_sides_of_the_shelling_told_next() -> None:
    # near miss: a pair that fought is who shells next
    evs = records(
        "Kyrgyz and Tajik border guards exchanged fire on Monday. Heavy shelling was reported"
        " on Tuesday."
    )
    assaults = of(evs, "ASSAULT")
    assert len(assaults) == 2 and codes(assaults[1].actor) == {"KGZ", "TJK"}


# -- "its allies": the alliance the story speaks of, when the owner is in it (session 12) --

_SUMMIT = "The CSTO summit opened in Yerevan on Wednesday. "


@pytest.mark.parametrize(
    "text",
    [
        "Armenia asked its allies for military help on September 13.",
        # paraphrases: another verb, a leader for the state, a named owner
        "Armenia turned to its allies for help after the shelling.",
        "Pashinyan asked his allies for military assistance.",
        "Armenia asked Armenia's allies for military help on September 13.",
    ],
)
def test_a_members_allies_are_the_alliance_the_story_speaks_of(text: str) -> None:
    found = of(records(_SUMMIT + text), "REQUEST")
    assert found and codes(found[0].recipient) == {"CSTO"}


def test_the_allies_of_a_state_outside_the_alliance_are_not_the_alliance() -> None:
    # near miss: the United States is in no registry alliance with the CSTO
    found = of(records(_SUMMIT + "Washington asked its allies for military help."), "REQUEST")
    assert found and "CSTO" not in codes(found[0].recipient)


def test_allies_placed_in_another_body_are_that_body() -> None:
    # near miss: "its allies in the EU" name their own organisation
    found = of(records(_SUMMIT + "Armenia asked its allies in the EU for help."), "REQUEST")
    assert found and codes(found[0].recipient) == {"EU"}
