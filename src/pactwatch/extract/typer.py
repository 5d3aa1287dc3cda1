"""The learned event typer: PLOVER root probabilities for a sentence.

Two models trained on real labelled news and on sentences of our own documents,
which add a sixteenth class, NONE (the sentence reports no event); see
`model/MODEL_CARD.md`. A cheap
linear model over hashed n-grams that sees every sentence, and a fine-tuned
MiniLM encoder (ONNX, int8, one sentence per run) that sees the sentences the
cheap one is unsure of, where its answer can change a record (the pipeline asks
`learned.wants_encoder` once the rules have read the sentence).
Both are calibrated (a temperature chosen on validation data), so a probability
of 0.8 means right about four times in five. Loaded once per process; runs on
one thread with onnxruntime, tokenizers and numpy (no torch).
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from pactwatch import __version__
from pactwatch.errors import PactwatchError
from pactwatch.extract.features import hashed_features

# the model's roots; CONCEDE and RETREAT share the older root YIELD
YIELD_OF = {"CONCEDE": "YIELD", "RETREAT": "YIELD"}
# the model's sixteenth class: the sentence reports no event
NONE = "NONE"
# the encoder runs where the cheap model's best probability is below this
UNSURE_BELOW = 0.8


class TyperMissing(PactwatchError):
    code = "E071"


@dataclass(frozen=True, slots=True)
class Typing:
    """One sentence's root probabilities and which model gave them."""

    probs: dict[str, float]
    source: str  # "encoder" or "cheap"

    def of(self, event: str) -> float:
        """The probability of a PLOVER type (CONCEDE and RETREAT read YIELD's)."""
        return self.probs.get(YIELD_OF.get(event, event), 0.0)

    @property
    def best(self) -> tuple[str, float]:
        """The most probable event root (never NONE) and its probability."""
        label = max((k for k in self.probs if k != NONE), key=lambda k: self.probs[k])
        return label, self.probs[label]

    @property
    def none(self) -> float:
        """The probability that the sentence reports no event at all."""
        return self.probs.get(NONE, 0.0)


def _softmax(z: np.ndarray[Any, Any], temperature: float) -> np.ndarray[Any, Any]:
    z = z / temperature
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    out: np.ndarray[Any, Any] = e / e.sum(axis=-1, keepdims=True)
    return out


class EventTyper:
    """The two models and their calibration, read from one folder."""

    def __init__(self, folder: Path) -> None:
        try:
            meta = json.loads((folder / "typer.json").read_text(encoding="utf-8"))
            cheap = np.load(folder / "cheap.npz")
            self._weights = cheap["weights"].astype(np.float32)
            self._bias = cheap["bias"].astype(np.float32)
            onnx_bytes = (folder / "typer.onnx").read_bytes()
            tokenizer_path = folder / "tokenizer.json"
            import onnxruntime as ort
            from tokenizers import Tokenizer
        except (OSError, KeyError, ValueError, ImportError) as exc:
            raise TyperMissing(
                f"the event-type model in {folder} cannot be loaded ({exc})",
                fix="reinstall pactwatch (`make install`), or rebuild the model with `make model`",
            ) from exc
        self.labels: tuple[str, ...] = tuple(meta["labels"])
        self._cheap_t = float(meta["cheap"]["temperature"])
        self._encoder_t = float(meta["encoder"]["temperature"])
        self.sha256 = hashlib.sha256(onnx_bytes).hexdigest()
        # event-record.md's `provenance` of an extracted record
        self.provenance = {"extractor": f"pactwatch {__version__}", "model": self.sha256}
        opts = ort.SessionOptions()
        # one thread: extraction scales by processes, and a thread pool per process
        # would fight the parser for the same cores
        opts.intra_op_num_threads = 1
        opts.inter_op_num_threads = 1
        opts.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        # every sentence has its own length: a memory plan made for one input shape is
        # made again for the next (measured on 300 sentences, the same outputs bit for
        # bit, 7% faster without it)
        opts.enable_mem_pattern = False
        self._session = ort.InferenceSession(onnx_bytes, opts, providers=["CPUExecutionProvider"])
        self._tokenizer = Tokenizer.from_file(str(tokenizer_path))
        self._tokenizer.enable_truncation(max_length=int(meta["max_tokens"]))
        self._tokenizer.no_padding()
        self.typed = 0  # sentences typed, and how many of them the encoder saw (for benches)
        self.encoded = 0

    def cheap(self, text: str) -> np.ndarray[Any, Any]:
        """Calibrated probabilities from the hashed n-gram model."""
        feats = hashed_features(text)
        keys = np.fromiter(feats.keys(), dtype=np.int64, count=len(feats))
        vals = np.fromiter(feats.values(), dtype=np.float32, count=len(feats))
        logits = vals @ self._weights[keys] + self._bias
        return _softmax(logits, self._cheap_t)

    def encode(self, texts: Sequence[str]) -> np.ndarray[Any, Any]:
        """Calibrated probabilities from the encoder, one row per text.

        One sentence per run, never a padded batch: int8 dynamic quantisation scales
        activations over the whole input tensor, so a sentence padded beside longer
        ones would get other numbers. Unpadded single runs are as fast here (measured:
        638 against 575 sentences/s on one thread) and make every sentence's
        probabilities independent of what else is extracted with it."""
        out = np.zeros((len(texts), len(self.labels)), dtype=np.float32)
        for i, text in enumerate(texts):
            enc = self._tokenizer.encode(text)
            feed = {
                "input_ids": np.array([enc.ids], dtype=np.int64),
                "attention_mask": np.array([enc.attention_mask], dtype=np.int64),
            }
            out[i] = _softmax(self._session.run(["logits"], feed)[0][0], self._encoder_t)
        self.encoded += len(texts)
        return out

    def best_root(self, probs: np.ndarray[Any, Any]) -> str:
        """The most probable event root of one row of probabilities (never NONE)."""
        return max(
            (label for label in self.labels if label != NONE),
            key=lambda label: float(probs[self.labels.index(label)]),
        )

    def type_sentences(self, texts: Sequence[str], *, encoder: bool = True) -> list[Typing]:
        """Each sentence's typing: the cheap model's, or the encoder's where it is unsure
        (`encoder=False`: the cheap model's only; `refine` asks the encoder later)."""
        self.typed += len(texts)
        typings = [self._typing(self.cheap(t), "cheap") for t in texts]
        if not encoder:
            return typings
        return [self.refine(t) if unsure(ty) else ty for t, ty in zip(texts, typings, strict=True)]

    def refine(self, text: str) -> Typing:
        """The encoder's typing of one sentence."""
        return self._typing(self.encode([text])[0], "encoder")

    def _typing(self, probs: np.ndarray[Any, Any], source: str) -> Typing:
        return Typing({lab: float(v) for lab, v in zip(self.labels, probs, strict=True)}, source)


def unsure(typing: Typing) -> bool:
    """Whether the encoder should read the sentence again: the cheap model's best class
    (NONE included) is below UNSURE_BELOW."""
    return typing.source == "cheap" and max(typing.probs.values()) < UNSURE_BELOW


def model_folder() -> Path:
    """Where the shipped model lives: package data beside this module."""
    return Path(str(resources.files("pactwatch.extract") / "model"))


@functools.cache
def load_typer() -> EventTyper:
    """The typer, loaded once per process."""
    return EventTyper(model_folder())
