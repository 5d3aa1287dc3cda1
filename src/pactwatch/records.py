"""The typed records that pass between pipeline stages.

`Event.to_dict()` writes the event record exactly as ../shared/spec/event-record.md
defines it (keys in the spec's order); `Event.from_dict()` reads it back.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

EVENT_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE",
    "COOPERATE", "AID", "RETREAT",
    "REQUEST", "ACCUSE", "REJECT", "THREATEN",
    "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip

# the cooperative half of PLOVER (CAMEO's quad classes 1 and 2: verbal and material
# cooperation), the first seven of EVENT_TYPES
COOPERATION_TYPES: frozenset[str] = frozenset(EVENT_TYPES[:7])

KINDS: tuple[str, ...] = (
    "armed_clash", "military_exercise", "military_facility", "arms_transfer",
    "membership", "summit", "sanctions", "assistance_request", "mediation",
)  # fmt: skip

AUX_VALUES: tuple[str, ...] = ("historical", "future", "hypothetical", "negation")

SECTORS: tuple[str, ...] = (
    "GOV", "MIL", "COP", "JUD", "LEG", "OPP", "REB", "CVL", "MED", "BUS", "INTEL", "IGO",
)  # fmt: skip

# the code of an actor no state stands for: an unnamed group ("18 people"), a name the
# knowledge files lack ("Siemens"), or an armed group of no one state (agencies.yaml)
NON_STATE = "NSA"
# a news agency or outlet reports an event; it is no party to it (nor brings its state's
# charge)
NOT_PARTY_SECTORS = frozenset({"MED"})


# PostgreSQL's text refuses NUL, and neither store can encode a lone surrogate (what
# JSON's "\ud800" or an undecodable file name becomes); both stores get the same cleaned text
_REFUSED = re.compile(r"[\x00\ud800-\udfff]")
# in one-line fields (ids, URLs, titles, sources) any control character is noise too
_FIELD_JUNK = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def clean_text(text: str) -> str:
    """A document's text with each character the stores refuse replaced by U+FFFD,
    one for one, so that offsets into it still hold."""
    return _REFUSED.sub("\ufffd", text) if _REFUSED.search(text) else text


def clean_field(value: str) -> str:
    """An id, URL, title or source without control characters or lone surrogates."""
    return _FIELD_JUNK.sub("", value) if _FIELD_JUNK.search(value) else value


def normalise_text(text: str) -> str:
    """The form of a document's text that its id is hashed from (NFC, unified newlines)."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    return "\n".join(line.rstrip() for line in text.strip().split("\n"))


def document_id(text: str) -> str:
    """A stable id from a hash of the normalised text: the same text is the same document."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()[:16]


@dataclass(slots=True)
class Document:
    """One input document, as ingest hands it to extraction."""

    id: str
    text: str
    report_date: str | None = None
    url: str | None = None
    title: str | None = None
    source: str | None = None
    origin: str = ""  # where it came from (path, 'path:line'), for messages only

    def __post_init__(self) -> None:
        # cleaned here, so extraction's offsets and both stores see the same text
        self.text = clean_text(self.text)
        self.id = clean_field(self.id) or document_id(self.text)
        for name in ("url", "title", "source"):
            value = getattr(self, name)
            if value is not None:
                setattr(self, name, clean_field(value) or None)

    @property
    def sha(self) -> str:
        """The content key the store dedupes on (same text, same document)."""
        return document_id(self.text)

    @classmethod
    def from_text(cls, text: str, *, id: str | None = None, **kwargs: Any) -> Document:
        """A document whose id is the given one, or else a hash of its normalised text."""
        return cls(id=id or document_id(text), text=text, **kwargs)


@dataclass(slots=True, frozen=True)
class Entity:
    code: str
    sector: str | None
    text: str
    qid: str | None = None

    @property
    def is_state(self) -> bool:
        """A state: an ISO alpha-3 code, not a non-state actor (NSA) nor an organisation
        (the SCO's code has three letters too)."""
        return (
            len(self.code) == 3
            and self.code.isupper()
            and self.code != NON_STATE
            and self.sector != "IGO"
        )

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "sector": self.sector, "text": self.text, "qid": self.qid}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Entity:
        return cls(code=d["code"], sector=d.get("sector"), text=d.get("text", ""), qid=d.get("qid"))


@dataclass(slots=True, frozen=True)
class Location:
    text: str
    country_code: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    resolution: int = 1

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text, "country_code": self.country_code, "admin1": self.admin1,
            "lat": self.lat, "lon": self.lon, "resolution": self.resolution,
        }  # fmt: skip

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Location:
        return cls(
            text=d.get("text", ""), country_code=d.get("country_code"), admin1=d.get("admin1"),
            lat=d.get("lat"), lon=d.get("lon"), resolution=int(d.get("resolution", 1)),
        )  # fmt: skip


@dataclass(slots=True)
class Attribution:
    speaker: list[Entity] = field(default_factory=list)
    hedged: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"speaker": [e.to_dict() for e in self.speaker], "hedged": self.hedged}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Attribution:
        return cls(
            speaker=[Entity.from_dict(e) for e in d.get("speaker") or []],
            hedged=bool(d.get("hedged", False)),
        )


@dataclass(slots=True, frozen=True)
class TextInfo:
    doc_id: str
    sentence: int
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "sentence": self.sentence,
            "start": self.start,
            "end": self.end,
        }


@dataclass(slots=True)
class Event:
    """One PLOVER event record (see event-record.md)."""

    id: str
    event: str
    text_info: TextInfo
    event_text: str
    mode: list[str] = field(default_factory=list)
    context: list[str] = field(default_factory=list)
    kind: str | None = None
    aux: list[str] = field(default_factory=list)
    actor: list[Entity] = field(default_factory=list)
    recipient: list[Entity] = field(default_factory=list)
    date: str | None = None
    enddate: str | None = None
    report_date: str | None = None
    event_loc: Location | None = None
    attribution: Attribution = field(default_factory=Attribution)
    confidence: float = 0.5
    reasons: dict[str, str] = field(default_factory=dict)
    # where the record comes from (event-record.md): the extractor and its model, or the
    # dataset row it was imported from; None for records made before it was kept
    provenance: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "id": self.id,
            "event": self.event,
            "mode": list(self.mode),
            "context": list(self.context),
            "kind": self.kind,
            "aux": list(self.aux),
            "actor": [e.to_dict() for e in self.actor],
            "recipient": [e.to_dict() for e in self.recipient],
            "date": self.date,
            "enddate": self.enddate,
            "report_date": self.report_date,
            "event_loc": self.event_loc.to_dict() if self.event_loc else None,
            "attribution": self.attribution.to_dict(),
            "confidence": round(float(self.confidence), 3),
            "text_info": self.text_info.to_dict(),
            "event_text": self.event_text,
            "reasons": dict(self.reasons),
        }
        if self.provenance is not None:
            d["provenance"] = dict(self.provenance)  # the last key, when present
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Event:
        ti = d["text_info"]
        loc = d.get("event_loc")
        return cls(
            id=d["id"],
            event=d["event"],
            mode=list(d.get("mode") or []),
            context=list(d.get("context") or []),
            kind=d.get("kind"),
            aux=list(d.get("aux") or []),
            actor=[Entity.from_dict(e) for e in d.get("actor") or []],
            recipient=[Entity.from_dict(e) for e in d.get("recipient") or []],
            date=d.get("date"),
            enddate=d.get("enddate"),
            report_date=d.get("report_date"),
            event_loc=Location.from_dict(loc) if loc else None,
            attribution=Attribution.from_dict(d.get("attribution") or {}),
            confidence=float(d.get("confidence", 0.5)),
            text_info=TextInfo(
                doc_id=ti["doc_id"],
                sentence=int(ti["sentence"]),
                start=int(ti["start"]),
                end=int(ti["end"]),
            ),
            event_text=d.get("event_text", ""),
            reasons=dict(d.get("reasons") or {}),
            provenance=dict(d["provenance"]) if d.get("provenance") else None,
        )
