"""A small, valid knowledge folder that tests copy and then break on purpose."""

from __future__ import annotations

from pathlib import Path

STATES = """\
# test states
states:
  - code: KGZ
    name: Kyrgyzstan
    qid: Q813
    names: [Kyrgyz Republic, Kirghizia]
    demonyms: [Kyrgyz, Kyrgyzstani]
    metonyms:
      - {text: Bishkek, sector: GOV}
  - code: TJK
    name: Tajikistan
    qid: Q863
    names: [Tajikistan]
    demonyms: [Tajik, Tajiks]
    metonyms:
      - {text: Dushanbe, sector: GOV}
  - code: USA
    name: United States
    qid: Q30
    names: [the US, US, America]
    demonyms: [American, Americans]
    metonyms:
      - {text: Washington, sector: GOV}
      - {text: the Pentagon, sector: MIL}
"""

IGOS = """\
# test igos
igos:
  - code: CSTO
    name: Collective Security Treaty Organization
    qid: Q318693
    names: [CSTO, ODKB]
    bodies:
      - Collective Security Council
      - {text: CRRF, sector: MIL}
  - code: EU
    name: European Union
    qid: Q458
    names: [EU]
    metonyms:
      - {text: Brussels, sector: IGO}
"""

AGENCIES = """\
# test agencies
agencies:
  - {code: KGZ, sector: INTEL, name: GKNB, names: [State Committee for National Security]}
  - {code: USA, sector: INTEL, name: Central Intelligence Agency, names: [CIA], qid: Q37230}
sector_nouns:
  - {text: border guards, sector: MIL}
  - {text: authorities, sector: GOV}
"""

HEADER = "person,qid,aliases,code,sector,office,start,end\n"

LEADERS = (
    "person,qid,aliases,code,sector,office,start,end,acting\n"
    + "Almazbek Atambayev,,Atambayev|Atambaev,KGZ,GOV,head_of_government,2010-12-17,2011-12-01\n"
    + "Almazbek Atambayev,,Atambayev,KGZ,GOV,head_of_state,2011-12-01,2017-11-24\n"
    + "Sooronbay Jeenbekov,,Jeenbekov,KGZ,GOV,head_of_state,2017-11-24,2020-10-15\n"
    + "Sadyr Japarov,,Japarov|Zhaparov,KGZ,GOV,head_of_government,2020-10-14,2020-11-14\n"
    + "Sadyr Japarov,,Japarov,KGZ,GOV,head_of_state,2021-01-28,\n"
    + "Talant Mamytov,,Mamytov,KGZ,GOV,head_of_state,2020-11-14,2021-01-28,true\n"
)


def write_folder(
    root: Path,
    *,
    states: str = STATES,
    igos: str = IGOS,
    agencies: str = AGENCIES,
    leaders: dict[str, str] | None = None,
) -> Path:
    """A knowledge folder under `root`; `leaders` maps CSV file names to their text."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "states.yaml").write_text(states, encoding="utf-8")
    (root / "igos.yaml").write_text(igos, encoding="utf-8")
    (root / "agencies.yaml").write_text(agencies, encoding="utf-8")
    folder = root / "leaders"
    folder.mkdir(exist_ok=True)
    for name, text in (leaders or {}).items():
        (folder / name).write_text(text, encoding="utf-8")
    return root
