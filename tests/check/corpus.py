"""A small hand-built store for the charter tests: hand-made records, not extraction's output.

Each document is built sentence by sentence; each record cites its sentence, so
findings quote exactly that sentence. The corpus covers every grade (corroborated,
single-source, hedged, disputed), a reviewer's rejection, non-factual records and
membership dates (Uzbekistan in and out of the CSTO, Finland before and after NATO).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import update

from pactwatch.records import Attribution, Document, Entity, Event, Location, TextInfo
from pactwatch.store import Store, save_document, schema

AS_OF = "2025-01-01"  # checks run "as of" this day so deadlines do not move with the clock


def ent(code: str, sector: str | None = "GOV") -> Entity:
    return Entity(code=code, sector=sector, text=code, qid=None)


@dataclass
class DocBuilder:
    id: str
    report_date: str
    source: str | None = None
    url: str | None = None
    text: str = ""
    events: list[Event] = field(default_factory=list)

    def add(
        self,
        sentence: str,
        event: str | None = None,
        actors: tuple[str, ...] = (),
        recipients: tuple[str, ...] = (),
        *,
        kind: str | None = None,
        aux: tuple[str, ...] = (),
        date: str | None = None,
        enddate: str | None = None,
        loc: str | None = None,
        hedged: bool = False,
        speaker: tuple[str, ...] = (),
    ) -> DocBuilder:
        start = len(self.text)
        self.text += sentence + " "
        if event is not None:
            n = len(self.events)
            self.events.append(
                Event(
                    id=f"{self.id}:{n}",
                    event=event,
                    kind=kind,
                    aux=list(aux),
                    actor=[ent(c) for c in actors],
                    recipient=[ent(c) for c in recipients],
                    date=date,
                    enddate=enddate,
                    report_date=self.report_date,
                    event_loc=Location(text=loc, country_code=loc) if loc else None,
                    attribution=Attribution(speaker=[ent(c) for c in speaker], hedged=hedged),
                    confidence=0.9,
                    event_text=sentence.split()[1],
                    text_info=TextInfo(self.id, n, start, start + len(sentence)),
                )
            )
        return self

    def document(self) -> Document:
        return Document(
            id=self.id, text=self.text.rstrip(), report_date=self.report_date,
            url=self.url, source=self.source,
        )  # fmt: skip


def corpus() -> list[DocBuilder]:
    docs = [
        # September 2022: two independent sources on the same fighting -> corroborated
        DocBuilder("a-clash", "2022-09-17", "Reuters", "https://example.org/a-clash")
        .add("Kyrgyz and Tajik forces exchanged artillery fire on the border from September 14.",
             "ASSAULT", ("KGZ", "TJK"), kind="armed_clash", date="2022-09-14", enddate="2022-09-17", loc="KGZ")
        .add("Tajikistan said Kyrgyz police were persecuting its citizens.", "ACCUSE", ("TJK",), ("KGZ",)),
        DocBuilder("b-clash", "2022-09-18", "AKIpress")
        .add("Fighting between Kyrgyzstan and Tajikistan continued on Friday, officials said.",
             "ASSAULT", ("KGZ", "TJK"), kind="armed_clash", date="2022-09-16")
        .add("Bishkek flatly rejected the accusation from Dushanbe.", "REJECT", ("KGZ",), ("TJK",)),
        # April 2021: one report, then a denial -> disputed
        DocBuilder("c-apr2021", "2021-04-30", "Eurasianet")
        .add("Kyrgyz and Tajik troops clashed near the Golovnoi water intake on April 29.",
             "ASSAULT", ("KGZ", "TJK"), kind="armed_clash", date="2021-04-29", loc="KGZ"),
        DocBuilder("d-apr2021-denial", "2021-05-01", "Asia-Plus")
        .add("Dushanbe denied that its troops had fired on Kyrgyz positions on April 29.",
             "ASSAULT", ("TJK",), ("KGZ",), kind="armed_clash", aux=("negation",), date="2021-04-29"),
        # an exercise with US forces: one source -> single-source; Uzbekistan is no CSTO member in 2022
        DocBuilder("e-rc22", "2022-08-23", "Eurasianet")
        .add("US and Tajik troops held the Regional Cooperation-22 exercise in Dushanbe with Kazakh, Kyrgyz and Uzbek officers.",
             "COOPERATE", ("USA", "TJK", "KAZ", "KGZ", "UZB"), kind="military_exercise", date="2022-08-20",
             enddate="2022-08-22", loc="TJK"),
        # an alleged facility: every report hedged -> hedged
        DocBuilder("f-labs", "2022-10-10", "TASS")
        .add("Russian officials allege that US military laboratories operate in Kazakhstan.",
             "COOPERATE", ("USA",), ("KAZ",), kind="military_facility", hedged=True, speaker=("RUS",)),
        # requests for assistance: Armenia's unanswered in kind, Kazakhstan's answered the next day
        DocBuilder("g-arm-request", "2022-09-14", "Armenpress")
        .add("Armenia formally asked the CSTO for military assistance on September 13.",
             "REQUEST", ("ARM",), ("CSTO",), kind="assistance_request", date="2022-09-13")
        .add("The CSTO agreed on September 13 to send a fact-finding mission to Armenia.",
             "AGREE", ("CSTO",), ("ARM",), date="2022-09-13"),
        DocBuilder("h-kaz-request", "2022-01-07", "Reuters")
        .add("Kazakhstan appealed to the CSTO for help on January 5.",
             "REQUEST", ("KAZ",), ("CSTO",), kind="assistance_request", date="2022-01-05")
        .add("CSTO troops landed near Almaty on January 6.", "AID", ("CSTO", "RUS"), ("KAZ",),
             date="2022-01-06", loc="KAZ"),
        # a member refuses a common course
        DocBuilder("i-cancel", "2022-10-08", "24.kg")
        .add("Kyrgyzstan cancelled the CSTO exercise Indestructible Brotherhood-2022 on October 7.",
             "REJECT", ("KGZ",), ("CSTO",), kind="military_exercise", date="2022-10-07"),
        # one clash, two reports; a reviewer rejects one of them
        DocBuilder("j-kaz-kgz", "2022-03-02", "Kazinform")
        .add("Kazakh and Kyrgyz border guards exchanged fire on March 1.",
             "ASSAULT", ("KAZ", "KGZ"), date="2022-03-01"),
        DocBuilder("k-kaz-kgz", "2022-03-03", "Kabar")
        .add("Border guards of Kazakhstan and Kyrgyzstan fired at each other on March 1.",
             "ASSAULT", ("KAZ", "KGZ"), date="2022-03-01"),
        # records that never make a finding: hypothetical, future, negated
        DocBuilder("l-nonfactual", "2022-10-10", "Opinion")
        .add("Kyrgyzstan could attack Tajikistan again next spring.", "ASSAULT", ("KGZ",), ("TJK",),
             aux=("hypothetical",))
        .add("Kazakh and US troops will exercise together in 2023.", "COOPERATE", ("KAZ", "USA"),
             kind="military_exercise", aux=("future",), date="2023")
        .add("Russia and Belarus did not clash.", "ASSAULT", ("RUS", "BLR"), aux=("negation",)),
        # membership dates: Uzbekistan in the CSTO in 2010, out in 2013
        DocBuilder("m-uzb", "2013-06-01", "Fergana")
        .add("Uzbek and Kyrgyz border guards clashed in June 2010.", "ASSAULT", ("UZB", "KGZ"),
             date="2010-06-12")
        .add("Uzbek and Kyrgyz border guards clashed again in January 2013.", "ASSAULT", ("UZB", "KGZ"),
             date="2013-01-06"),
        # Finland: not a NATO member in 2022, a member in 2023
        DocBuilder("n-fin", "2023-07-01", "Yle")
        .add("Turkey blocked Finnish defence exports in May 2022.", "COERCE", ("TUR",), ("FIN",),
             date="2022-05-20")
        .add("Turkey detained a Finnish officer in June 2023.", "COERCE", ("TUR",), ("FIN",),
             date="2023-06-01"),
    ]  # fmt: skip
    return docs


REJECTED = ("k-kaz-kgz:0",)


def build(store: Store) -> None:
    """Save the corpus and mark the reviewer's rejection."""
    for builder in corpus():
        save_document(store, builder.document(), builder.events)
    with store.engine.begin() as conn:
        conn.execute(
            update(schema.events).where(schema.events.c.id.in_(REJECTED)).values(review="rejected")
        )


def quotes(findings: list[Any]) -> list[str]:
    return [e.quote for f in findings for e in f.evidence]
