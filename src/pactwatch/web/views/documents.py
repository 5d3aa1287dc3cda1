"""/documents and /documents/{id}: the text with every record's evidence marked.

Selecting words and pressing Ctrl+Enter flags an extraction error or a missed
event with that quote (static/app.js posts it to /api/flags).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from pactwatch.web import marking, search
from pactwatch.web.deps import highlight, render, store_of
from pactwatch.web.queries import document_page, get_document_detail
from pactwatch.web.views.params import PageNo, PerPage, search_query

router = APIRouter(include_in_schema=False)


@router.get("/documents", response_class=HTMLResponse)
def documents_page(
    request: Request,
    page: PageNo = 1,
    per_page: PerPage = 50,
    q: Annotated[str | None, Query(max_length=200)] = None,
) -> Response:
    q = search_query(q)
    result = document_page(store_of(request), page, per_page, q)
    found = marking.pattern(search.terms(q))
    # the searched words marked in each title, and the first passage of the text with them
    titles = {
        d["id"]: marking.render(str(d["title"] or d["id"]), [
            (s, e, "hit") for s, e in marking.hits(str(d["title"] or d["id"]), found)
        ])
        for d in result.rows
    }  # fmt: skip
    passages = {d["id"]: marking.snippet(str(d.get("head") or ""), found) for d in result.rows}
    return render(
        request,
        "documents.html",
        {
            "page": result,
            "q": q or "",
            "params": {"q": q} if q else {},
            "titles": titles,
            "passages": passages,
        },
    )


@router.get("/documents/{doc_id:path}", response_class=HTMLResponse)
def document_detail(request: Request, doc_id: str) -> Response:
    detail = get_document_detail(store_of(request), doc_id)
    doc, records = detail["document"], detail["events"]
    spans = [(r["text_info"]["start"], r["text_info"]["end"], r["id"]) for r in records]
    return render(
        request,
        "document.html",
        {"doc": doc, "events": records, "marked": highlight(str(doc["text"]), spans)},
    )
