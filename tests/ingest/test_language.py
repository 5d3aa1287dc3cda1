"""Documents not in English are refused by name; English ones, short ones and English
with foreign names pass."""

from __future__ import annotations

from pathlib import Path

import pytest

from pactwatch.errors import InputRejected
from pactwatch.ingest.language import not_english
from pactwatch.ingest.readers import read_documents
from pactwatch.records import Document

ENGLISH = (
    "Kyrgyz and Tajik border guards exchanged fire near the village of Kok-Tash on Tuesday, "
    "the Kyrgyz border service said. It was the third clash this year, and officials from "
    "both sides met in Batken to agree on a ceasefire that would hold until talks resume."
)
FRENCH = (
    "Les gardes-frontières kirghizes et tadjiks ont échangé des tirs près du village de "
    "Kok-Tash mardi, a indiqué le service frontalier kirghize. C'est le troisième "
    "affrontement cette année, et des responsables des deux côtés se sont réunis à Batken."
)
GERMAN = (
    "Kirgisische und tadschikische Grenzschützer haben sich am Dienstag in der Nähe des "
    "Dorfes Kok-Tasch einen Schusswechsel geliefert, teilte der kirgisische Grenzdienst mit. "
    "Es war der dritte Zusammenstoß in diesem Jahr, Vertreter beider Seiten trafen sich."
)
RUSSIAN = (
    "Киргизские и таджикские пограничники во вторник обменялись огнём у села Кок-Таш, "
    "сообщила пограничная служба Киргизии. Это уже третье столкновение в этом году, "
    "представители обеих сторон встретились в Баткене, чтобы договориться о прекращении огня."
)


@pytest.mark.parametrize("text", [FRENCH, GERMAN, RUSSIAN])
def test_other_languages_are_named(text: str) -> None:
    assert not_english(text) is not None


@pytest.mark.parametrize(
    "text",
    [
        ENGLISH,
        "Tajik troops shelled Ak-Sai.",  # too short to tell: passes
        "Prime Minister Nikol Pashinyan told the Azgayin Zhoghov on Wednesday that Armenia "
        "would not take part in the Collective Security Treaty Organization's exercises in "
        "Belarus, and that Yerevan had informed the secretariat of its decision.",
    ],
)
def test_english_passes(text: str) -> None:
    assert not_english(text) is None


def test_reader_rejects_by_document_and_keeps_the_rest(tmp_path: Path) -> None:
    (tmp_path / "en.txt").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "fr.txt").write_text(FRENCH, encoding="utf-8")
    items = list(read_documents([tmp_path]))
    docs = [i for i in items if isinstance(i, Document)]
    rejected = [i for i in items if isinstance(i, InputRejected)]
    assert [d.text[:10] for d in docs] == [ENGLISH[:10]]
    assert len(rejected) == 1 and "fr.txt" in rejected[0].origin
    assert "English" in rejected[0].reason and rejected[0].fix
