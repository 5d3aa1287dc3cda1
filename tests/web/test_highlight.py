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
