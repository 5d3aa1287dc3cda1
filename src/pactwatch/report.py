"""`pactwatch report`: one self-contained HTML file with findings, scorecards and a timeline.

Everything the page needs (styles, Vega, Vega-Lite, vega-embed, the data) is
inlined, so the file opens offline and can be mailed as it is.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from pactwatch import __version__
from pactwatch.errors import StoreError, UsageError
from pactwatch.store import Store
from pactwatch.web import checking
from pactwatch.web.filters import install as install_filters
from pactwatch.web.queries import timeline
from pactwatch.web.views.timeline import timeline_spec

WEB = Path(__file__).parent / "web"
_END_TAG = re.compile(r"</(script)", re.IGNORECASE)
VENDOR = ("vega.min.js", "vega-lite.min.js", "vega-embed.min.js")


def _script_safe(text: str) -> Markup:
    # inside <script>, only "</script" ends the element early; "<\/" means the same in JS
    # strings, regexes and JSON (other "</" must stay: "/</g" is a regex of its own)
    return Markup(_END_TAG.sub(r"<\\/\1", text))


def charter_section(store: Store, charter_id: str) -> dict[str, Any]:
    """Everything the report shows for one charter."""
    described = checking.describe(charter_id)
    checked = checking.compute(store, charter_id)
    found = checked.findings
    members = checking.member_codes(described)
    rows = timeline(store, members or None)
    if not members:
        members = sorted({r["member"] for r in rows})[:10]
        rows = [r for r in rows if r["member"] in members]
    rules = [str(r.get("id")) for r in described["rules"]]
    return {
        "id": charter_id,
        "charter": described,
        "findings": found,
        "incidents": len({(f["incident"] or f["id"]) for f in found}),
        "consequences": checked.consequences,
        "has_ladder": described["consequences"] is not None
        or any(r["consequences"] for r in described["rules"]),
        "cards": checking.scorecards(found),
        "grid": checking.matrix(found, members, rules),
        "spec": json.dumps(timeline_spec(rows, members)) if rows else None,
    }


def write_report(store: Store, charter_ids: list[str], out_dir: Path) -> Path:
    """Write `out_dir/index.html` for these charters; returns the file's path."""
    if not charter_ids:
        raise UsageError("no charter to report on", fix="pass --charter ID (see /api/charters)")
    sections = [charter_section(store, cid) for cid in charter_ids]
    env = install_filters(
        Environment(
            loader=FileSystemLoader(WEB / "templates"),
            autoescape=select_autoescape(default=True),
        )
    )
    html = env.get_template("report.html").render(
        sections=sections,
        grades=checking.GRADES,
        checker=checking.available(),
        generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        version=__version__,
        store=store.display_url,
        css=Markup((WEB / "static" / "app.css").read_text(encoding="utf-8")),
        vendor=[_script_safe((WEB / "static" / "vendor" / f).read_text("utf-8")) for f in VENDOR],
        specs=_script_safe(json.dumps({s["id"]: s["spec"] for s in sections if s["spec"]})),
        app_js=Markup(REPORT_JS),
        link=False,
    )
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        target = out_dir / "index.html"
        target.write_text(html, encoding="utf-8")
    except OSError as exc:
        raise StoreError(
            f"cannot write the report to {out_dir}: {exc.strerror or exc}",
            fix="pass --out with a writable folder",
        ) from exc
    return target


REPORT_JS = """
(function () {
  var specs = JSON.parse(document.getElementById("report-specs").textContent);
  Object.keys(specs).forEach(function (id) {
    var el = document.getElementById("chart-" + id);
    if (el && specs[id]) vegaEmbed(el, JSON.parse(specs[id]), {actions: false, renderer: "svg"})
      .then(function () { el.setAttribute("data-rendered", "1"); });
  });
})();
"""
