"""Evidence marking: escape first, then mark; overlapping spans become one mark."""

from __future__ import annotations

from pactwatch.web.deps import highlight
from pactwatch.web.filters import safe_url


def test_escapes_then_marks() -> None:
    text = 'a <b>"x"</b> & c'
    assert str(highlight(text, [(2, 12, "d:0")])) == (
        'a <mark class="evidence" data-events="d:0">&lt;b&gt;&#34;x&#34;&lt;/b&gt;</mark> &amp; c'
    )


def test_overlapping_spans_merge_and_bad_spans_are_dropped() -> None:
    out = str(highlight("0123456789", [(5, 8, "e:2"), (1, 4, "e:0"), (3, 6, "e:1"), (9, 3, "x")]))
    assert out == '0<mark class="evidence" data-events="e:0 e:1 e:2">1234567</mark>89'


def test_spans_past_the_end_are_clipped() -> None:
    assert str(highlight("abc", [(1, 99, '"><script>')])) == (
        'a<mark class="evidence" data-events="&#34;&gt;&lt;script&gt;">bc</mark>'
    )


def test_only_http_links() -> None:
    assert safe_url("https://example.org/a") == "https://example.org/a"
    assert safe_url(" JavaScript:alert(1)") is None
    assert safe_url("data:text/html,x") is None
    assert safe_url(None) is None


# --- the words a search asked for (`/events?q=`, `/documents?q=`) ---


def _marked(text: str, q: str) -> str:
    from pactwatch.web import marking, search

    found = marking.pattern(search.terms(q))
    return str(marking.render(text, [(s, e, "hit") for s, e in marking.hits(text, found)]))


def test_searched_words_are_marked_as_the_search_matches_them() -> None:
    # stemmed ("clashes" finds "clash", "clashed"), any case, phrases as a whole
    assert _marked("Clashed; a clash. Clashing", "clashes") == (
        '<mark class="hit">Clashed</mark>; a <mark class="hit">clash</mark>.'
        ' <mark class="hit">Clashing</mark>'
    )
    assert _marked("border guards at the border", '"border guards"') == (
        '<mark class="hit">border guards</mark> at the border'
    )
    # short words only as they are; nothing marked without a search
    assert _marked("a b bb", "b") == 'a <mark class="hit">b</mark> bb'
    assert _marked("anything", "") == "anything"


def test_marking_escapes_the_text_and_the_query_cannot_inject() -> None:
    text = 'said <script>alert("x")</script> near Batken'
    out = _marked(text, '<script> "Batken')
    assert "<script>" not in out and "&lt;" in out
    assert '<mark class="hit">script</mark>' in out and '<mark class="hit">Batken</mark>' in out
    # a query that is all punctuation or regular-expression syntax matches nothing
    assert _marked("a.*b (c)", ".* ( ) [") == "a.*b (c)"


def test_a_hit_inside_the_trigger_nests() -> None:
    from pactwatch.web.deps import marked_sentence
    from pactwatch.web.marking import pattern
    from pactwatch.web.search import terms

    out = str(marked_sentence("Troops exchanged fire at the border.", "exchanged fire",
                              found=pattern(terms("fire border"))))  # fmt: skip
    assert out == (
        'Troops <mark class="trigger">exchanged <mark class="hit">fire</mark></mark> at the'
        ' <mark class="hit">border</mark>.'
    )


def test_a_passage_with_the_first_hit() -> None:
    from pactwatch.web.marking import pattern, snippet
    from pactwatch.web.search import terms

    text = ("word " * 60) + "the talks in Dushanbe ended " + ("more " * 60)
    out = str(snippet(text, pattern(terms("Dushanbe")), width=20))
    assert out.startswith("… ") and out.endswith(" …")
    assert '<mark class="hit">Dushanbe</mark>' in out and len(out) < 120
    assert snippet(text, pattern(terms("Bishkek"))) is None
