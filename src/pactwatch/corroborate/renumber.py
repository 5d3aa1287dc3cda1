"""Keeping incident ids across `corroborate --rebuild`.

Finding ids are hashes of the incident id (see check/findings.finding_id), and an
analyst's confirm or dismiss is kept by finding id: a rebuild that numbered
incidents afresh would orphan every one of them. So before a rebuild forgets the
incidents, `remember` copies which record was in which incident; the linker then
numbers new incidents above every old id; `restore` gives each new incident the old
id it shares most records with (each old id once, larger overlaps first), so an
incident that comes back the same keeps its id.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

_OLD = "pw_old_links"
_MAP = "pw_remap"
_COLUMNS = (
    "event, kind, date_first, date_last, sources, disputed, first_report, last_report, "
    "parties, day_first, day_last, precise, date, enddate, loc_country, outlets"
)


def remember(conn: Connection) -> int:
    """Copy each record's incident before a rebuild forgets them; the largest id so far."""
    conn.execute(text(f"DROP TABLE IF EXISTS {_OLD}"))
    conn.execute(
        text(
            f"CREATE TEMPORARY TABLE {_OLD} AS SELECT event_id, incident_id "
            "FROM incident_events WHERE relation = 'reports'"
        )
    )
    return int(conn.execute(text("SELECT COALESCE(MAX(id), 0) FROM incidents")).scalar_one())


def restore(conn: Connection) -> int:
    """Give rebuilt incidents the old ids they share most records with; how many kept one."""
    pairs = conn.execute(
        text(
            f"SELECT n.incident_id, o.incident_id, COUNT(*) FROM incident_events n "
            f"JOIN {_OLD} o ON o.event_id = n.event_id WHERE n.relation = 'reports' "
            "GROUP BY n.incident_id, o.incident_id"
        )
    ).all()
    taken_new: set[int] = set()
    taken_old: set[int] = set()
    mapping: list[dict[str, int]] = []
    for new, old, _count in sorted(pairs, key=lambda p: (-p[2], p[1], p[0])):
        if new in taken_new or old in taken_old:
            continue
        taken_new.add(new)
        taken_old.add(old)
        if new != old:
            mapping.append({"n": int(new), "o": int(old)})
    if mapping:
        conn.execute(text(f"DROP TABLE IF EXISTS {_MAP}"))
        conn.execute(text(f"CREATE TEMPORARY TABLE {_MAP} (new_id INTEGER, old_id INTEGER)"))
        conn.execute(text(f"INSERT INTO {_MAP} (new_id, old_id) VALUES (:n, :o)"), mapping)
        # new ids are all above the old ones, so the old ids are free: copy each incident
        # under its old id, point its links there, drop the copy under the new id
        conn.execute(
            text(
                f"INSERT INTO incidents (id, {_COLUMNS}) SELECT m.old_id, {_COLUMNS} "
                f"FROM incidents i JOIN {_MAP} m ON m.new_id = i.id"
            )
        )
        conn.execute(
            text(
                f"UPDATE incident_events SET incident_id = (SELECT m.old_id FROM {_MAP} m "
                "WHERE m.new_id = incident_events.incident_id) "
                f"WHERE incident_id IN (SELECT new_id FROM {_MAP})"
            )
        )
        conn.execute(text(f"DELETE FROM incidents WHERE id IN (SELECT new_id FROM {_MAP})"))
        conn.execute(text(f"DROP TABLE {_MAP}"))
    conn.execute(text(f"DROP TABLE {_OLD}"))
    return len(taken_new)
