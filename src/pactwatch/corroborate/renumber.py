"""Keeping incident ids across `corroborate --rebuild`.

Finding ids are hashes of the incident id (see check/findings.finding_id), and an
analyst's confirm or dismiss is kept by finding id: a rebuild that numbered
incidents afresh would orphan every one of them. So before a rebuild forgets the
incidents, `remember` copies which record was in which incident; after linking,
`restore` gives each new incident the old id it shares most records with (each old
id once, larger overlaps first), so an incident that comes back the same keeps its
id, and a new incident whose id an old one keeps gets a fresh one. Over unchanged
records the linker numbers incidents as before and nothing moves.
"""

from __future__ import annotations

from sqlalchemy import Connection, bindparam, text

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


def _move(conn: Connection, moves: dict[int, int]) -> None:
    """Give incidents new ids (each target free): copy the row, point its links, drop the old."""
    conn.execute(text(f"DROP TABLE IF EXISTS {_MAP}"))
    conn.execute(text(f"CREATE TEMPORARY TABLE {_MAP} (new_id INTEGER, old_id INTEGER)"))
    rows = [{"n": n, "o": o} for n, o in moves.items()]
    for i in range(0, len(rows), 5000):
        conn.execute(
            text(f"INSERT INTO {_MAP} (new_id, old_id) VALUES (:n, :o)"), rows[i : i + 5000]
        )
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


def restore(conn: Connection, old_max: int) -> int:
    """Give rebuilt incidents the old ids they share most records with; how many moved.

    A rebuild over unchanged records numbers its incidents as before, and nothing moves.
    """
    pairs = conn.execute(
        text(
            f"SELECT n.incident_id, o.incident_id, COUNT(*) FROM incident_events n "
            f"JOIN {_OLD} o ON o.event_id = n.event_id WHERE n.relation = 'reports' "
            "GROUP BY n.incident_id, o.incident_id"
        )
    ).all()
    final: dict[int, int] = {}
    claimed: set[int] = set()
    for new, old, _count in sorted(pairs, key=lambda p: (-p[2], p[1], p[0])):
        if new not in final and old not in claimed:
            final[int(new)] = int(old)
            claimed.add(int(old))
    conn.execute(text(f"DROP TABLE {_OLD}"))
    if not claimed:  # nothing was remembered (a fresh store): every id stays
        return 0
    top = max(
        old_max, int(conn.execute(text("SELECT COALESCE(MAX(id), 0) FROM incidents")).scalar_one())
    )
    # only an id an old incident keeps can be taken: look up those, not every incident
    pending = sorted(claimed - final.keys())
    taken: set[int] = set()
    held = text("SELECT id FROM incidents WHERE id IN :ids").bindparams(
        bindparam("ids", expanding=True)
    )
    for i in range(0, len(pending), 1000):
        taken |= {int(r[0]) for r in conn.execute(held, {"ids": pending[i : i + 1000]})}
    for nid in pending:
        if nid in taken:  # a new incident on an id an old one keeps
            top += 1
            final[nid] = top
    moves = {n: f for n, f in final.items() if n != f}
    if moves:
        # through free ids above every one in use, so no target is taken mid-way
        parked = {n: top + 1 + i for i, n in enumerate(sorted(moves))}
        _move(conn, parked)
        _move(conn, {parked[n]: f for n, f in moves.items()})
    return len(moves)
