#!/usr/bin/env python3
"""Attribution of one BERT prediction to its three embedding parts, computed independently in PyTorch.

The reference the workbench's attribution (issue 15) is tested against, written from the issue's
specification alone, in float64 with dropout off, on the model hf_bert_check.py rebuilds from a saved
folder (transformers' module tree, strict load, no transformers or safetensors package, never pickle).

  - target f: "mlm" = the softmax probability, at the first [MASK], of the token predicted top-1 for
    the real input (or "target_token_id"); "nsp" = softmax(seq_relationship(pooled))[0] (IsNext);
    "class:K" = class K's softmax probability; "start:P" / "end:P" = the softmax over all T positions
    of the start / end logits, at P; "tag:P:K" = tag K's softmax probability at token P.
  - parts attributed: the three embedding lookups word, segment, position, each (T, H), before their
    sum and the embeddings' LayerNorm. Baseline x': word = [PAD]'s row at every position except those
    holding [CLS], [SEP] or [MASK] (which keep their own row); segment = type 0's row everywhere;
    position = position 0's row everywhere.
  - integrated gradients: the straight path x(a) = x' + a (x - x'), all three parts together; right
    Riemann sum a = k/N, k = 1..N; a token's attribution to a part = sum over hidden dimensions of
    (x - x') * mean gradient; total = the parts' sum; completeness: sum of all attributions,
    difference = f(x) - f(x'), error = sum - difference. The N steps run in batches of --batch.
  - grad-x-input: sum over hidden dimensions of x * df/dx at the real input, per part; total = sum.
  - occlusion: one token at a time, its word part replaced by [PAD]'s row (segment and position kept):
    f(x) - f(occluded), as "token" and "total" (segment and position null).

Input (a JSON object, from --input FILE or standard input): "input_ids" and "token_type_ids" ([T]
integers, one sequence), "attention_mask" (optional, [T]), "target" (default "mlm"),
"target_token_id" (optional, mlm), "steps" (default 50), "methods" (default all three), "pad_id",
"cls_id", "sep_id", "mask_id" (default: the rows of [PAD], [CLS], [SEP], [MASK] in vocab.txt).
Output: one JSON line {"f", "f_baseline", "steps", "target": {"kind", "position", "token_id", "label",
"probability"}, "methods": {name: {"token", "segment", "position", "total" ([T] each, or null),
"completeness": {"sum", "difference", "error"} (integrated gradients; null otherwise)}}}.

Run: /usr/bin/python3 src/test/python/attribution_check.py MODEL_FOLDER --input in.json
     /usr/bin/python3 src/test/python/attribution_check.py --self-test
"""
import argparse
import json
import os
import sys
import tempfile

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hf_bert_check as hf  # noqa: E402  (the plain-PyTorch BERT classes and the safe folder reader)

METHODS = ("integrated-gradients", "grad-x-input", "occlusion")
PARTS = ("token", "segment", "position")
SPECIAL = {"pad_id": "[PAD]", "cls_id": "[CLS]", "sep_id": "[SEP]", "mask_id": "[MASK]"}


class Bad(Exception):
    """A request this model or input cannot answer: one line on standard error, exit 1."""


# ---------------------------------------------------------------------------------------------
# the target f, as a function of the three parts

class Target:
    """f(word, segment, position) for a batch (B, T, H) each: (B,) probabilities, float64."""

    def __init__(self, model, spec, ids, types, mask, ids_of, target_token_id):
        self.model, self.mask = model, mask
        self.kind, self.position, self.token_id, self.label = parse_target(spec, model, ids.shape[0])
        vocab = model.bert.embeddings.word_embeddings.num_embeddings
        if self.kind == "mlm":
            masks = (ids == ids_of["mask_id"]).nonzero().flatten().tolist()
            if not masks:
                raise Bad(f"target mlm needs a [MASK] (id {ids_of['mask_id']}) in the input, it has none")
            self.position = masks[0]
            if target_token_id is not None:
                if not 0 <= target_token_id < vocab:
                    raise Bad(f"target token {target_token_id} is outside the vocabulary (0..{vocab - 1})")
                self.token_id = target_token_id
            else:
                with torch.no_grad():
                    logits = model(ids[None], types[None], mask[None])
                    self.token_id = int(mlm_logits(logits)[0, self.position].argmax())

    def __call__(self, word, segment, position):
        summed, mask = word + segment + position, self.mask[None].expand(word.shape[0], -1)
        if self.kind == "mlm":  # the MLM head maps each position alone: applied at the target's only
            sequence, _ = hf.encode_embedding_sum(self.model, summed, mask)
            logits = self.model.cls.predictions(sequence[:, self.position])  # (B, V)
            return torch.softmax(logits, dim=-1)[:, self.token_id]
        out = hf.forward_from_embedding_sum(self.model, summed, mask)
        if self.kind == "nsp":
            return torch.softmax(out["seq_relationship_logits"], dim=-1)[:, 0]
        if self.kind == "class":
            return torch.softmax(out["logits"], dim=-1)[:, self.label]
        if self.kind in ("start", "end"):
            return torch.softmax(out[self.kind + "_logits"], dim=-1)[:, self.position]
        return torch.softmax(out["logits"][:, self.position], dim=-1)[:, self.label]  # tag

    def describe(self, probability):
        return {"kind": self.kind, "position": self.position, "token_id": self.token_id, "label": self.label,
                "probability": probability}


def mlm_logits(out):
    return out["prediction_logits"] if "prediction_logits" in out else out["logits"]


def parse_target(spec, model, length):
    """(kind, position, token_id, label) of a target string, checked against the model's heads."""
    heads = {hf.BertForPreTraining: ["mlm", "nsp"], hf.BertForMaskedLM: ["mlm"],
             hf.BertForSequenceClassification: ["class:K"], hf.BertForQuestionAnswering: ["start:P", "end:P"],
             hf.BertForTokenClassification: ["tag:P:K"]}[type(model)]
    parts = spec.split(":")
    kind = parts[0]
    shapes = {"mlm": 1, "nsp": 1, "class": 2, "start": 2, "end": 2, "tag": 3}
    if kind not in shapes or len(parts) != shapes[kind]:
        raise Bad(f"target {spec!r} is not one of mlm, nsp, class:K, start:P, end:P, tag:P:K")
    if not any(h.split(":")[0] == kind for h in heads):
        raise Bad(f"target {spec!r}: this {type(model).__name__} has targets {', '.join(heads)} only")
    try:
        numbers = [int(p) for p in parts[1:]]
    except ValueError:
        raise Bad(f"target {spec!r}: positions and labels are integers") from None
    labels = getattr(model, "num_labels", None)
    if kind in ("class", "tag") and not 0 <= numbers[-1] < labels:
        raise Bad(f"target {spec!r}: label {numbers[-1]} is outside 0..{labels - 1}")
    if kind in ("start", "end", "tag") and not 0 <= numbers[0] < length:
        raise Bad(f"target {spec!r}: position {numbers[0]} is outside 0..{length - 1}")
    position = numbers[0] if kind in ("start", "end", "tag") else 0  # class and nsp read [CLS]'s pooled output
    label = numbers[-1] if kind in ("class", "tag") else (0 if kind == "nsp" else None)
    return kind, position, None, label


# ---------------------------------------------------------------------------------------------
# the three parts, their baseline, and the methods

def parts_of(model, ids, types, ids_of):
    """(x, x'): the real parts and the baseline's, {part: (T, H) float64}."""
    e = model.bert.embeddings
    word_rows, type_rows, pos_rows = (e.word_embeddings.weight.detach(), e.token_type_embeddings.weight.detach(),
                                      e.position_embeddings.weight.detach())
    length = ids.shape[0]
    if length > pos_rows.shape[0]:
        raise Bad(f"{length} tokens, the model has {pos_rows.shape[0]} positions")
    x = {"token": word_rows[ids], "segment": type_rows[types], "position": pos_rows[torch.arange(length)]}
    keep = (ids == ids_of["cls_id"]) | (ids == ids_of["sep_id"]) | (ids == ids_of["mask_id"])
    baseline_ids = torch.where(keep, ids, torch.full_like(ids, ids_of["pad_id"]))
    base = {"token": word_rows[baseline_ids], "segment": type_rows[torch.zeros_like(types)],
            "position": pos_rows[torch.zeros_like(ids)]}
    return x, base


def value(f, x):
    with torch.no_grad():
        return float(f(*(x[p][None] for p in PARTS))[0])


def integrated_gradients(f, x, base, steps, batch):
    grads = {p: torch.zeros_like(x[p]) for p in PARTS}
    alphas = torch.arange(1, steps + 1, dtype=torch.float64) / steps
    for chunk in alphas.split(batch):
        a = chunk[:, None, None]
        path = {p: (base[p][None] + a * (x[p] - base[p])[None]).requires_grad_(True) for p in PARTS}
        g = torch.autograd.grad(f(*(path[p] for p in PARTS)).sum(), [path[p] for p in PARTS])
        for p, gp in zip(PARTS, g):
            grads[p] += gp.sum(dim=0)
    result = {p: ((x[p] - base[p]) * grads[p] / steps).sum(dim=-1) for p in PARTS}
    result["total"] = sum(result[p] for p in PARTS)
    return result


def grad_x_input(f, x):
    leaves = {p: x[p][None].clone().requires_grad_(True) for p in PARTS}
    g = torch.autograd.grad(f(*(leaves[p] for p in PARTS)).sum(), [leaves[p] for p in PARTS])
    result = {p: (x[p] * gp[0]).sum(dim=-1) for p, gp in zip(PARTS, g)}
    result["total"] = sum(result[p] for p in PARTS)
    return result


def occlusion(f, x, pad_row, batch):
    length = x["token"].shape[0]
    fx = value(f, x)
    drops = []
    with torch.no_grad():
        for start in range(0, length, batch):
            rows = list(range(start, min(length, start + batch)))
            word = x["token"][None].repeat(len(rows), 1, 1)
            for i, t in enumerate(rows):
                word[i, t] = pad_row
            n = len(rows)
            occluded = f(word, x["segment"][None].expand(n, -1, -1), x["position"][None].expand(n, -1, -1))
            drops.extend((fx - occluded).tolist())
    drop = torch.tensor(drops, dtype=torch.float64)
    return {"token": drop, "segment": None, "position": None, "total": drop}


def attribute(model, request, folder=None, batch=10):
    """The output object for one request on a float64, eval-mode model."""
    ids = torch.tensor(request["input_ids"], dtype=torch.long)
    if ids.dim() != 1 or ids.shape[0] == 0:
        raise Bad("input_ids must be one non-empty list of integers")
    types = torch.tensor(request.get("token_type_ids", [0] * ids.shape[0]), dtype=torch.long)
    mask = torch.tensor(request.get("attention_mask", [1] * ids.shape[0]), dtype=torch.long)
    if types.shape != ids.shape or mask.shape != ids.shape:
        raise Bad("input_ids, token_type_ids and attention_mask differ in length")
    vocab = model.bert.embeddings.word_embeddings.num_embeddings
    if int(ids.min()) < 0 or int(ids.max()) >= vocab:
        raise Bad(f"input_ids must lie in 0..{vocab - 1}")
    steps = int(request.get("steps", 50))
    if steps <= 0:
        raise Bad(f"steps must be positive, is {steps}")
    methods = request.get("methods", list(METHODS))
    unknown = [m for m in methods if m not in METHODS]
    if unknown:
        raise Bad(f"methods {unknown} are not among {list(METHODS)}")
    ids_of = special_ids(request, folder)
    f = Target(model, request.get("target", "mlm"), ids, types, mask, ids_of, request.get("target_token_id"))
    x, base = parts_of(model, ids, types, ids_of)
    fx, fbase = value(f, x), value(f, base)
    out = {"f": fx, "f_baseline": fbase, "steps": steps, "target": f.describe(fx), "methods": {}}
    for m in methods:
        if m == "integrated-gradients":
            r = integrated_gradients(f, x, base, steps, batch)
            total = float(sum(r[p].sum() for p in PARTS))
            r["completeness"] = {"sum": total, "difference": fx - fbase, "error": total - (fx - fbase)}
        elif m == "grad-x-input":
            r = grad_x_input(f, x)
        else:
            r = occlusion(f, x, model.bert.embeddings.word_embeddings.weight.detach()[ids_of["pad_id"]], batch)
        r.setdefault("completeness", None)
        out["methods"][m] = {k: (v.tolist() if torch.is_tensor(v) else v) for k, v in r.items()}
    return out


def special_ids(request, folder):
    """pad/cls/sep/mask ids: from the request, else from the folder's vocab.txt."""
    ids, rows = {}, None
    for key, token in SPECIAL.items():
        if key in request:
            ids[key] = int(request[key])
            continue
        if rows is None:
            path = os.path.join(folder, "vocab.txt") if folder else None
            if not path or not os.path.isfile(path):
                raise Bad(f"{key} is not given and there is no vocab.txt to find {token} in")
            with open(path, encoding="utf-8") as v:
                rows = {line.rstrip("\n"): i for i, line in enumerate(v)}
        if token not in rows:
            raise Bad(f"{key} is not given and vocab.txt has no {token}")
        ids[key] = rows[token]
    return ids


def load_double(folder):
    model, _, _, extension = hf.load(folder)
    if extension:
        raise Bad("this model also reads numeric features (bertworkbench_head): not attributed here")
    return model.double().eval()


# ---------------------------------------------------------------------------------------------
# self-test: a tiny random BERT of every task class

def tiny_config(**extra):
    raw = {"vocab_size": 40, "hidden_size": 16, "num_hidden_layers": 2, "num_attention_heads": 2,
           "intermediate_size": 32, "max_position_embeddings": 24, "type_vocab_size": 2}
    raw.update(extra)
    return hf.Config(raw)


def tiny(cls, seed, **extra):
    torch.manual_seed(seed)
    model = cls(tiny_config(**extra))
    with torch.no_grad():
        for name, p in model.named_parameters():  # larger than BERT's 0.02 init: a non-linear, peaked f
            p.copy_(torch.randn_like(p) * (0.5 if "LayerNorm" not in name else 0.1)
                    + (1.0 if name.endswith("LayerNorm.weight") else 0.0))
    return model.double().eval()


def write_safetensors(path, tensors):
    """A float32 .safetensors file (the format hf_bert_check reads), for the folder round trip."""
    header, blobs, offset = {}, [], 0
    for name, t in tensors.items():
        raw = t.detach().float().contiguous().numpy().tobytes()
        header[name] = {"dtype": "F32", "shape": list(t.shape), "data_offsets": [offset, offset + len(raw)]}
        blobs.append(raw)
        offset += len(raw)
    text = json.dumps(header).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(len(text).to_bytes(8, "little") + text + b"".join(blobs))


def check(condition, message, failures):
    print(("ok   " if condition else "FAIL ") + message, file=sys.stderr)
    if not condition:
        failures.append(message)


def self_test():
    failures = []
    ids_of = {"pad_id": 0, "cls_id": 2, "sep_id": 3, "mask_id": 4}
    ids = [2, 11, 25, 4, 17, 3, 30, 8, 3]
    types = [0, 0, 0, 0, 0, 0, 1, 1, 1]
    cases = [(hf.BertForPreTraining, "mlm", {}), (hf.BertForPreTraining, "nsp", {}),
             (hf.BertForMaskedLM, "mlm", {}),
             (hf.BertForSequenceClassification, "class:1", {"id2label": {"0": "a", "1": "b", "2": "c"}}),
             (hf.BertForQuestionAnswering, "start:6", {}), (hf.BertForQuestionAnswering, "end:7", {}),
             (hf.BertForTokenClassification, "tag:2:3", {"id2label": {str(i): str(i) for i in range(5)}})]
    for seed, (cls, target, extra) in enumerate(cases):
        model = tiny(cls, seed, **extra)
        name = f"{cls.__name__} {target}"
        request = dict(ids_of, input_ids=ids, token_type_ids=types, target=target)
        errors = {n: attribute(model, dict(request, steps=n, methods=["integrated-gradients"]))
                  ["methods"]["integrated-gradients"]["completeness"]["error"] for n in (10, 50, 200, 1000)}
        check(abs(errors[200]) < abs(errors[10]) and abs(errors[1000]) < abs(errors[50]),
              f"{name}: completeness error shrinks with N {errors}", failures)
        check(abs(errors[1000]) < 2e-3, f"{name}: completeness error at N=1000 {errors[1000]:.2e} < 2e-3", failures)
        out = attribute(model, dict(request, steps=20), batch=7)
        check_directional(model, request, out, name, failures)
        check_occlusion(model, request, out, name, failures)
        check_forward(model, ids, types, out, target, failures, name)
        ig = out["methods"]["integrated-gradients"]
        c = ig["completeness"]
        check(abs(c["sum"] - sum(ig["total"])) < 1e-12 and abs(c["difference"] - (out["f"] - out["f_baseline"]))
              < 1e-15, f"{name}: completeness fields agree", failures)
        single = attribute(model, dict(request, steps=20, methods=["integrated-gradients"]), batch=1)
        d = max(abs(a - b) for a, b in zip(single["methods"]["integrated-gradients"]["total"], ig["total"]))
        check(d < 1e-12, f"{name}: batch of 1 and of 7 give one result (diff {d:.1e})", failures)
    check_folder(failures)
    check_messages(failures)
    if failures:
        print(f"self-test: {len(failures)} failed", file=sys.stderr)
        return 1
    print(json.dumps({"self_test": "passed", "torch": torch.__version__}))
    return 0


def check_directional(model, request, out, name, failures):
    """grad-x-input of a part (one token, and the whole part) = d/de f(x + e x_part), by central differences."""
    ids, types = torch.tensor(request["input_ids"]), torch.tensor(request["token_type_ids"])
    f = Target(model, request["target"], ids, types, torch.ones_like(ids), request, None)
    x, _ = parts_of(model, ids, types, request)
    gxi = out["methods"]["grad-x-input"]
    eps = 1e-5
    worst = 0.0
    for part in PARTS:
        for token in (None, 1, 3, len(ids) - 1):
            direction = x[part].clone()
            if token is not None:
                direction = torch.zeros_like(direction)
                direction[token] = x[part][token]
            plus = value(f, dict(x, **{part: x[part] + eps * direction}))
            minus = value(f, dict(x, **{part: x[part] - eps * direction}))
            numeric = (plus - minus) / (2 * eps)
            analytic = sum(gxi[part]) if token is None else gxi[part][token]
            worst = max(worst, abs(numeric - analytic) / max(1e-3, abs(analytic)))
    check(worst < 1e-5, f"{name}: grad-x-input = finite-difference directional derivative (rel {worst:.1e})",
          failures)
    total = max(abs(gxi["total"][t] - sum(gxi[p][t] for p in PARTS)) for t in range(len(ids)))
    check(total < 1e-15, f"{name}: grad-x-input total = sum of parts", failures)


def check_occlusion(model, request, out, name, failures):
    """occlusion = f(input) - f(input with that token's id set to [PAD]), through the model's own lookups."""
    ids, types = torch.tensor(request["input_ids"]), torch.tensor(request["token_type_ids"])
    f = Target(model, request["target"], ids, types, torch.ones_like(ids), request, None)
    occ = out["methods"]["occlusion"]
    worst = 0.0
    with torch.no_grad():
        base_out = model(ids[None], types[None], torch.ones_like(ids)[None])
        fx = target_from_outputs(f, base_out)
        for t in range(len(ids)):
            occluded = ids.clone()
            occluded[t] = request["pad_id"]
            direct = fx - target_from_outputs(f, model(occluded[None], types[None], torch.ones_like(ids)[None]))
            worst = max(worst, abs(direct - occ["token"][t]))
    check(worst < 1e-12 and occ["segment"] is None and occ["position"] is None and occ["total"] == occ["token"],
          f"{name}: occlusion = direct recomputation (diff {worst:.1e})", failures)


def target_from_outputs(f, out):
    """f read off an ordinary forward's outputs (the same definition, written a second time)."""
    if f.kind == "mlm":
        return float(torch.softmax(mlm_logits(out)[0, f.position], dim=-1)[f.token_id])
    if f.kind == "nsp":
        return float(torch.softmax(out["seq_relationship_logits"][0], dim=-1)[0])
    if f.kind == "class":
        return float(torch.softmax(out["logits"][0], dim=-1)[f.label])
    if f.kind in ("start", "end"):
        return float(torch.softmax(out[f.kind + "_logits"][0], dim=-1)[f.position])
    return float(torch.softmax(out["logits"][0, f.position], dim=-1)[f.label])


def check_forward(model, ids, types, out, target, failures, name):
    """f(x) from the embedding sum equals f from the ordinary forward on ids; mlm's token is the argmax."""
    ids, types = torch.tensor(ids), torch.tensor(types)
    with torch.no_grad():
        direct = model(ids[None], types[None], torch.ones_like(ids)[None])
    t = out["target"]
    f = Target.__new__(Target)
    f.kind, f.position, f.token_id, f.label = t["kind"], t["position"], t["token_id"], t["label"]
    diff = abs(target_from_outputs(f, direct) - out["f"])
    ok = diff < 1e-13 and t["probability"] == out["f"]
    if target == "mlm":
        ok = ok and t["position"] == 3 and t["token_id"] == int(mlm_logits(direct)[0, 3].argmax())
    check(ok, f"{name}: f from the three parts = f from the ids ({diff:.1e}), target {t}", failures)


def check_folder(failures):
    """The command line on a saved folder (config.json, vocab.txt, model.safetensors) gives the in-memory result."""
    model = tiny(hf.BertForPreTraining, 42)
    with tempfile.TemporaryDirectory() as folder:
        state = {k: v for k, v in model.state_dict().items() if k != "cls.predictions.decoder.weight"
                 and k != "cls.predictions.decoder.bias"}
        write_safetensors(os.path.join(folder, "model.safetensors"), state)
        config = {"architectures": ["BertForPreTraining"], "model_type": "bert"}
        config.update(tiny_config().raw)
        with open(os.path.join(folder, "config.json"), "w", encoding="utf-8") as c:
            json.dump(config, c)
        with open(os.path.join(folder, "vocab.txt"), "w", encoding="utf-8") as v:
            v.write("\n".join(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"] + [f"w{i}" for i in range(35)]) + "\n")
        loaded = load_double(folder)
        request = {"input_ids": [2, 9, 4, 12, 3], "token_type_ids": [0] * 5, "steps": 16,
                   "target_token_id": 7}
        from_folder = attribute(loaded, request, folder)
        with torch.no_grad():  # the file holds float32: compare with the same rounding in memory
            for p in model.parameters():
                p.copy_(p.float().double())
        in_memory = attribute(model, dict(request, pad_id=0, cls_id=2, sep_id=3, mask_id=4))
        a = from_folder["methods"]["integrated-gradients"]["total"]
        b = in_memory["methods"]["integrated-gradients"]["total"]
        d = max(abs(x - y) for x, y in zip(a, b))
        check(d < 1e-12 and from_folder["target"]["token_id"] == 7,
              f"saved folder (ids from vocab.txt) = in memory (diff {d:.1e})", failures)


def check_messages(failures):
    model = tiny(hf.BertForSequenceClassification, 7)
    base = {"input_ids": [2, 5, 6, 3], "token_type_ids": [0] * 4, "pad_id": 0, "cls_id": 2, "sep_id": 3,
            "mask_id": 4, "target": "class:0"}
    bad = [({"target": "mlm"}, "has targets class:K"), ({"steps": 0}, "steps must be positive"),
           ({"target": "class:9"}, "outside 0..1"), ({"methods": ["lime"]}, "not among")]
    for change, expected in bad:
        try:
            attribute(model, dict(base, **change))
            message = "(no error)"
        except Bad as e:
            message = str(e)
        check(expected in message, f"bad request {change}: {message}", failures)
    mlm = tiny(hf.BertForMaskedLM, 8)
    for change, expected in [({}, "needs a [MASK]"), ({"input_ids": [2, 4, 3, 3], "target_token_id": 99},
                                                      "outside the vocabulary")]:
        try:
            attribute(mlm, dict(base, target="mlm", **change))
            message = "(no error)"
        except Bad as e:
            message = str(e)
        check(expected in message, f"bad request {change}: {message}", failures)


# ---------------------------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("model", nargs="?", help="a folder with config.json, vocab.txt and model.safetensors")
    ap.add_argument("--input", help="the JSON request (default: standard input)")
    ap.add_argument("--batch", type=int, default=10, help="interpolation steps (and occluded copies) per forward")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--self-test", action="store_true", help="check the script on tiny random models, exit")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    if a.self_test:
        sys.exit(self_test())
    if not a.model:
        ap.error("a model folder is needed (or --self-test)")
    if a.batch <= 0:
        ap.error("--batch must be positive")
    try:
        model = load_double(a.model)
        if a.input:
            with open(a.input, encoding="utf-8") as f:
                request = json.load(f)
        else:
            request = json.load(sys.stdin)
        print(json.dumps(attribute(model, request, a.model, a.batch)))
    except (Bad, hf.CheckError, OSError, ValueError, KeyError) as e:
        print(f"attribution_check: {e}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
