"""Small dataset files written from the codebooks, for the formats without a shared sample.

ACLED, UCDP GED and POLECAT rows here are invented (no real rows may be
redistributed or were found); GDELT rows are built column by column so that a
test can say exactly what each holds.
"""

from __future__ import annotations

import csv
import io

from pactwatch.ingest.formats.gdelt import EVENT_COLUMNS
from pactwatch.records import Document, Event
from pactwatch.store import Store, save_document

ACLED_HEADER = (
    "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,"
    "actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,"
    "iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,"
    "source_scale,notes,fatalities,tags,timestamp"
)


def acled_csv(rows: list[dict[str, str]], bom: bool = True) -> bytes:
    """An ACLED export (31 columns, RFC 4180 quoting, optional byte-order mark)."""
    columns = ACLED_HEADER.split(",")
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({c: row.get(c, "") for c in columns})
    return (("\ufeff" if bom else "") + buf.getvalue()).encode("utf-8")


ACLED_ROWS = [
    {
        "event_id_cnty": "KGZ1001", "event_date": "2022-09-14", "year": "2022",
        "time_precision": "1", "disorder_type": "Political violence", "event_type": "Battles",
        "sub_event_type": "Armed clash", "actor1": "Military Forces of Kyrgyzstan (2021-)",
        "inter1": "1", "actor2": "Military Forces of Tajikistan (1994-)", "inter2": "1",
        "interaction": "11", "iso": "417", "region": "Caucasus and Central Asia",
        "country": "Kyrgyzstan", "admin1": "Batken", "location": "Kok-Tash",
        "latitude": "39.9167", "longitude": "70.7667", "geo_precision": "1",
        "source": "AKIpress; 24.kg", "source_scale": "National",
        "notes": 'On 14 September 2022, "border guards" of Kyrgyzstan and Tajikistan exchanged fire; 2 killed.',
        "fatalities": "2", "timestamp": "1663286400",
    },
    {
        "event_id_cnty": "UKR2002", "event_date": "15 January 2019", "year": "2019",
        "time_precision": "3", "event_type": "Protests", "sub_event_type": "Peaceful protest",
        "actor1": "Protesters (Ukraine)", "inter1": "6", "inter2": "0", "iso": "804",
        "country": "Ukraine", "admin1": "Kyiv City", "location": "Kyiv",
        "latitude": "50.4500", "longitude": "30.5233", "geo_precision": "1",
        "source": "Ukrainska Pravda", "notes": "Protest, with commas, and ; semicolons.",
        "fatalities": "0",
    },
    {
        "event_id_cnty": "KAZ3003", "event_date": "2022-01-05", "year": "2022",
        "time_precision": "1", "event_type": "Strategic developments",
        "sub_event_type": "Change to group/activity", "actor1": "Government of Kazakhstan (2019-)",
        "inter1": "1", "inter2": "0", "iso": "398", "country": "Kazakhstan",
        "location": "Almaty", "latitude": "43.25", "longitude": "76.95", "geo_precision": "1",
        "notes": "The government resigned.", "fatalities": "0",
    },
]  # fmt: skip

UCDP_HEADER = (
    "id,relid,year,active_year,code_status,type_of_violence,conflict_dset_id,conflict_new_id,"
    "conflict_name,dyad_dset_id,dyad_new_id,dyad_name,side_a_dset_id,side_a_new_id,side_a,"
    "side_b_dset_id,side_b_new_id,side_b,number_of_sources,source_article,source_office,"
    "source_date,source_headline,source_original,where_prec,where_coordinates,"
    "where_description,adm_1,adm_2,latitude,longitude,geom_wkt,priogrid_gid,country,"
    "country_id,region,event_clarity,date_prec,date_start,date_end,deaths_a,deaths_b,"
    "deaths_civilians,deaths_unknown,best,high,low,gwnoa,gwnob"
)
UCDP_ROWS = [
    {
        "id": "500001", "year": "2021", "type_of_violence": "1",
        "conflict_name": "Kyrgyzstan - Tajikistan", "dyad_name": "Government of Kyrgyzstan - Government of Tajikistan",
        "side_a": "Government of Kyrgyzstan", "side_b": "Government of Tajikistan",
        "source_article": '"Clashes at the border," AKIpress, 2021-04-29', "source_date": "2021-04-29",
        "where_prec": "1", "where_coordinates": "Kok-Tash village", "latitude": "39.9167",
        "longitude": "70.7667", "country": "Kyrgyzstan", "date_start": "2021-04-28 00:00:00.000",
        "date_end": "2021-04-29 00:00:00.000", "best": "19",
    },
    {
        "id": "500002", "year": "2021", "type_of_violence": "3", "side_a": "IS",
        "side_b": "Civilians", "where_prec": "4", "country": "Syria", "latitude": "35.0",
        "longitude": "38.0", "date_start": "2021-05-01", "date_end": "2021-05-01", "best": "3",
    },
    {"id": "500003", "type_of_violence": "9", "country": "Mali", "date_start": "2021-05-02"},
]  # fmt: skip

POLECAT_HEADER = (
    "Event ID\tEvent Date\tEvent Type\tEvent Mode\tIntensity\tQuad Code\tContexts\tActor Name\t"
    "Actor Country\tActor COW\tPrimary Actor Sector\tActor Sectors\tActor Title\tActor Name Raw\t"
    "Wikipedia Actor ID\tRecipient Name\tRecipient Country\tRecipient COW\t"
    "Primary Recipient Sector\tRecipient Sectors\tRecipient Title\tRecipient Name Raw\t"
    "Wikipedia Recipient ID\tPlacename\tCity\tDistrict\tProvince\tCountry\tLatitude\tLongitude\t"
    "GeoNames ID\tRaw Placename\tFeature Type\tSource\tPublication Date\tStory People\t"
    "Story Organizations\tStory Locations\tLanguage\tVersion"
)
POLECAT_ROWS = [
    {
        "Event ID": "20221007-0001", "Event Date": "2022-10-06", "Event Type": "reject",
        "Event Mode": "meet", "Contexts": "military;cooperation", "Actor Name": "Kyrgyzstan",
        "Actor Country": "KGZ", "Primary Actor Sector": "Government",
        "Wikipedia Actor ID": "Q813", "Recipient Name": "Collective Security Treaty Organization",
        "Primary Recipient Sector": "IGO", "Placename": "Bishkek", "City": "Bishkek",
        "Country": "Kyrgyzstan", "Latitude": "42.87", "Longitude": "74.59",
        "Publication Date": "2022-10-07", "Language": "en", "Version": "1.0",
    },
    {"Event ID": "20221007-0002", "Event Date": "2022-10-06", "Event Type": "gossip"},
]  # fmt: skip


def headed(
    header: str, rows: list[dict[str, str]], delimiter: str, encoding: str = "utf-8"
) -> bytes:
    columns = header.split(delimiter)
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, delimiter=delimiter, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({c: row.get(c, "") for c in columns})
    return buf.getvalue().encode(encoding)


def gdelt_row(**cells: str) -> str:
    """One GDELT 2.0 events line: every column empty unless given (e.g. EventCode="193")."""
    defaults = {
        "SQLDATE": "20220914", "DATEADDED": "20220915120000", "IsRootEvent": "1",
        "QuadClass": "4", "GoldsteinScale": "-10.0", "NumMentions": "10", "NumSources": "10",
        "NumArticles": "10", "AvgTone": "-5.0",
    }  # fmt: skip
    values = {**defaults, **cells}
    unknown = set(values) - set(EVENT_COLUMNS)
    if unknown:
        raise KeyError(unknown)
    return "\t".join(values.get(c, "") for c in EVENT_COLUMNS)


def clash_row(event_id: str, url: str, num_sources: str = "50") -> str:
    """A border clash between Kyrgyzstan and Tajikistan, as GDELT codes one."""
    return gdelt_row(
        GLOBALEVENTID=event_id, Actor1Code="KGZMIL", Actor1Name="KYRGYZSTAN",
        Actor1CountryCode="KGZ", Actor1Type1Code="MIL", Actor2Code="TJKMIL",
        Actor2Name="TAJIKISTAN", Actor2CountryCode="TJK", Actor2Type1Code="MIL",
        EventCode="193", EventBaseCode="193", EventRootCode="19", NumSources=num_sources,
        ActionGeo_Type="4", ActionGeo_FullName="Batken, Batken, Kyrgyzstan",
        ActionGeo_CountryCode="KG", ActionGeo_ADM1Code="KG09", ActionGeo_Lat="40.06",
        ActionGeo_Long="70.82", SOURCEURL=url,
    )  # fmt: skip


def save_clash_article(store: Store, doc_id: str, url: str, source: str) -> None:
    """An ingested article reporting clash_row's clash (KGZ and TJK, 2022-09-14) at `url`."""
    text = "Kyrgyz and Tajik troops clashed at the border on September 14."
    ev = Event.from_dict({
        "id": f"{doc_id}:0", "event": "ASSAULT", "kind": "armed_clash",
        "actor": [{"code": "KGZ", "sector": "MIL", "text": "Kyrgyz"},
                  {"code": "TJK", "sector": "MIL", "text": "Tajik"}],
        "date": "2022-09-14", "report_date": "2022-09-15", "event_text": "clashed",
        "text_info": {"doc_id": doc_id, "sentence": 0, "start": 0, "end": len(text)},
    })  # fmt: skip
    save_document(store, Document(id=doc_id, text=text + f" ({doc_id})", url=url,
                                  source=source, report_date="2022-09-15"), [ev])  # fmt: skip
