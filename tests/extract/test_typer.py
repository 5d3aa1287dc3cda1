"""The learned event typer: the shipped model loads, is calibrated, deterministic and
batch-invariant, and types plain sentences of each kind the way a reader would."""

from __future__ import annotations

import numpy as np
import pytest

from pactwatch.extract.features import N_FEATURES, hashed_features
from pactwatch.extract.typer import UNSURE_BELOW, Typing, load_typer


def test_the_model_ships_with_the_package() -> None:
    typer = load_typer()
    assert len(typer.labels) == 16 and {"YIELD", "NONE"} <= set(typer.labels)
    assert len(typer.sha256) == 64
    assert typer.provenance["model"] == typer.sha256


def test_features_are_stable_and_normalised() -> None:
    a = hashed_features("Tajik troops shelled a Kyrgyz village.")
    assert a == hashed_features("Tajik troops shelled a Kyrgyz village.")
    assert all(0 <= k < N_FEATURES for k in a)
    assert abs(sum(v * v for v in a.values()) - 1.0) < 1e-9
    assert hashed_features("") == {}


def test_probabilities_are_distributions() -> None:
    typer = load_typer()
    texts = ["Kazakhstan and China held joint drills.", "Protesters marched in Yerevan."]
    for row in [typer.cheap(texts[0]), *typer.encode(texts)]:
        assert row.shape == (16,)
        assert abs(float(row.sum()) - 1.0) < 1e-4
        assert float(row.min()) >= 0.0


def test_encoder_is_batch_invariant() -> None:
    """A sentence gets the same probabilities alone or padded in a batch."""
    typer = load_typer()
    short = "Russia withdrew its troops."
    long = "The foreign ministers of Armenia and Azerbaijan met in Washington for two days of talks on a peace treaty."
    alone = typer.encode([short])[0]
    batched = typer.encode([long, short])[1]
    assert np.allclose(alone, batched, atol=1e-4)
    assert np.array_equal(typer.encode([short]), typer.encode([short]))


def test_the_encoder_sees_only_unsure_sentences() -> None:
    typer = load_typer()
    before = typer.encoded
    texts = ["Tajik troops shelled a Kyrgyz village on Tuesday.", "It rained."]
    typings = typer.type_sentences(texts)
    seen = typer.encoded - before
    unsure = sum(float(typer.cheap(t).max()) < UNSURE_BELOW for t in texts)
    assert seen == unsure
    assert all(
        t.source == ("encoder" if float(typer.cheap(x).max()) < UNSURE_BELOW else "cheap")
        for t, x in zip(typings, texts, strict=True)
    )


@pytest.mark.parametrize(
    ("text", "root"),
    [
        (
            "Azerbaijani artillery shelled Armenian positions overnight, killing two soldiers.",
            "ASSAULT",
        ),
        (
            "Thousands of people rallied in the capital to demand the minister's resignation.",
            "PROTEST",
        ),
        ("Armenia asked its allies to send troops to help defend its border.", "REQUEST"),
        ("The European Union imposed sanctions on four Belarusian officials.", "SANCTION"),
        ("Georgia and the United States began joint military exercises near Tbilisi.", "COOPERATE"),
        ("The army put its units on high alert and moved tanks to the border.", "MOBILIZE"),
    ],
)
def test_plain_sentences_get_the_readers_root(text: str, root: str) -> None:
    typer = load_typer()
    typing = typer.type_sentences([text])[0]
    assert typing.best[0] == root


def test_typing_reads_concede_and_retreat_as_yield() -> None:
    typing = Typing({"YIELD": 0.7, "ASSAULT": 0.3}, "cheap")
    assert typing.of("RETREAT") == typing.of("CONCEDE") == 0.7
    assert typing.of("ASSAULT") == 0.3
    assert typing.of("AID") == 0.0
    assert typing.best == ("YIELD", 0.7)
