#!/usr/bin/env python3
"""Loads a DistilBERT folder the workbench saved, as Hugging Face transformers would, and runs it.

The DistilBERT counterpart of hf_bert_check.py (whose safetensors reader it uses): the class
config.json names in `architectures` (DistilBertModel or DistilBertForMaskedLM) is rebuilt here as
plain torch.nn modules whose module tree is transformers' modeling_distilbert.py (Embeddings,
MultiHeadSelfAttention, FFN, TransformerBlock, Transformer), so model.state_dict() has exactly
transformers' parameter names, and the file is loaded with load_state_dict(strict=True): any name
missing, extra or of another shape is listed and the script exits 1.

  - config.json is read as transformers' DistilBertConfig reads it (dim, n_layers, n_heads,
    hidden_dim, activation, dropout, attention_dropout, max_position_embeddings, pad_token_id);
    every LayerNorm's epsilon is 1e-12, as modeling_distilbert.py fixes it.
  - No segment embeddings, no pooler: the input is input_ids and attention_mask only.
  - DistilBertForMaskedLM's vocab_projector.weight is tied to the word embeddings, as
    transformers ties it, so a file need not store it.

Input (a JSON object, from --input FILE or standard input): "input_ids" and "attention_mask"
([B][T] integers; the mask optional). Output: one JSON object with transformers' output names:
"last_hidden_state" (B, T, H), "hidden_states" (layers + 1 of them, the embeddings' output first),
"attentions" (one (B, N, T, T) per layer), "logits" (B, T, V) for DistilBertForMaskedLM, and the
load report.

Run: /usr/bin/python3 src/test/python/hf_distilbert_check.py FOLDER --input inputs.json
     (Debian: apt-get install python3-torch; transformers itself is not needed)
"""
import argparse
import json
import math
import os
import sys

import torch
from torch import nn

from hf_bert_check import ACT2FN, CheckError, read_safetensors

DEFAULTS = {"vocab_size": 30522, "max_position_embeddings": 512, "sinusoidal_pos_embds": False, "n_layers": 6,
            "n_heads": 12, "dim": 768, "hidden_dim": 3072, "dropout": 0.1, "attention_dropout": 0.1,
            "activation": "gelu", "initializer_range": 0.02, "pad_token_id": 0}
LAYER_NORM_EPS = 1e-12  # modeling_distilbert.py: nn.LayerNorm(dim, eps=1e-12) everywhere


class Config:
    def __init__(self, raw):
        if raw.get("model_type") != "distilbert":
            raise CheckError(f"config.json's model_type is {raw.get('model_type')}, not distilbert")
        for key, value in DEFAULTS.items():
            setattr(self, key, raw.get(key, value))
        if self.activation not in ACT2FN:
            raise CheckError(f"activation {self.activation} is not one of {sorted(ACT2FN)}")
        if self.dim % self.n_heads:
            raise CheckError(f"dim {self.dim} is not a multiple of {self.n_heads} heads")


# ---------------------------------------------------------------------------------------------
# transformers' modeling_distilbert.py module tree (attribute names are the state-dict names)

class Embeddings(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.word_embeddings = nn.Embedding(c.vocab_size, c.dim, padding_idx=c.pad_token_id)
        self.position_embeddings = nn.Embedding(c.max_position_embeddings, c.dim)
        self.LayerNorm = nn.LayerNorm(c.dim, eps=LAYER_NORM_EPS)
        self.dropout = nn.Dropout(c.dropout)
        self.register_buffer("position_ids", torch.arange(c.max_position_embeddings).expand((1, -1)),
                             persistent=False)

    def forward(self, input_ids):
        positions = self.position_ids[:, :input_ids.shape[1]]  # (1, T)
        x = self.word_embeddings(input_ids) + self.position_embeddings(positions)  # (B, T, H)
        return self.dropout(self.LayerNorm(x))


class MultiHeadSelfAttention(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.n_heads = c.n_heads
        self.dim = c.dim
        self.dropout = nn.Dropout(p=c.attention_dropout)
        self.q_lin = nn.Linear(c.dim, c.dim)
        self.k_lin = nn.Linear(c.dim, c.dim)
        self.v_lin = nn.Linear(c.dim, c.dim)
        self.out_lin = nn.Linear(c.dim, c.dim)

    def forward(self, query, key, value, mask):
        bs, q_length, dim = query.size()
        k_length = key.size(1)
        dim_per_head = self.dim // self.n_heads

        def shape(x):  # (B, T, H) -> (B, N, T, D)
            return x.view(bs, -1, self.n_heads, dim_per_head).transpose(1, 2)

        def unshape(x):  # (B, N, T, D) -> (B, T, H)
            return x.transpose(1, 2).contiguous().view(bs, -1, self.n_heads * dim_per_head)

        q = shape(self.q_lin(query)) / math.sqrt(dim_per_head)
        k = shape(self.k_lin(key))
        v = shape(self.v_lin(value))
        scores = torch.matmul(q, k.transpose(2, 3))  # (B, N, T, T)
        masked = (mask == 0).view(bs, 1, 1, k_length).expand_as(scores)
        scores = scores.masked_fill(masked, torch.tensor(torch.finfo(scores.dtype).min))
        weights = self.dropout(nn.functional.softmax(scores, dim=-1))
        return self.out_lin(unshape(torch.matmul(weights, v))), weights


class FFN(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.dropout = nn.Dropout(p=c.dropout)
        self.lin1 = nn.Linear(c.dim, c.hidden_dim)
        self.lin2 = nn.Linear(c.hidden_dim, c.dim)
        self.activation = ACT2FN[c.activation]

    def forward(self, x):
        return self.dropout(self.lin2(self.activation(self.lin1(x))))


class TransformerBlock(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.attention = MultiHeadSelfAttention(c)
        self.sa_layer_norm = nn.LayerNorm(c.dim, eps=LAYER_NORM_EPS)
        self.ffn = FFN(c)
        self.output_layer_norm = nn.LayerNorm(c.dim, eps=LAYER_NORM_EPS)

    def forward(self, x, mask):
        sa_output, weights = self.attention(x, x, x, mask)
        sa_output = self.sa_layer_norm(sa_output + x)
        return self.output_layer_norm(self.ffn(sa_output) + sa_output), weights


class Transformer(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.layer = nn.ModuleList(TransformerBlock(c) for _ in range(c.n_layers))

    def forward(self, x, mask):
        hidden, attentions = [x], []
        for layer in self.layer:
            x, weights = layer(x, mask)
            hidden.append(x)
            attentions.append(weights)
        return hidden, attentions


class DistilBertModel(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.embeddings = Embeddings(c)
        self.transformer = Transformer(c)

    def forward(self, input_ids, attention_mask):
        hidden, attentions = self.transformer(self.embeddings(input_ids), attention_mask)
        return {"last_hidden_state": hidden[-1], "hidden_states": hidden, "attentions": attentions}


class DistilBertForMaskedLM(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.activation = ACT2FN[c.activation]
        self.distilbert = DistilBertModel(c)
        self.vocab_transform = nn.Linear(c.dim, c.dim)
        self.vocab_layer_norm = nn.LayerNorm(c.dim, eps=LAYER_NORM_EPS)
        self.vocab_projector = nn.Linear(c.dim, c.vocab_size)
        self.vocab_projector.weight = self.distilbert.embeddings.word_embeddings.weight  # tie_weights()

    def forward(self, input_ids, attention_mask):
        out = self.distilbert(input_ids, attention_mask)
        x = self.vocab_layer_norm(self.activation(self.vocab_transform(out["last_hidden_state"])))
        out["logits"] = self.vocab_projector(x)  # (B, T, V)
        return out


ARCHITECTURES = {cls.__name__: cls for cls in (DistilBertModel, DistilBertForMaskedLM)}
TIED = {"vocab_projector.weight": "distilbert.embeddings.word_embeddings.weight"}


def load(folder):
    """(model, report): the architecture of config.json, loaded strictly."""
    with open(os.path.join(folder, "config.json"), encoding="utf-8") as f:
        raw = json.load(f)
    names = raw.get("architectures") or []
    if len(names) != 1 or names[0] not in ARCHITECTURES:
        raise CheckError(f"config.json's architectures are {names}, expected one of {sorted(ARCHITECTURES)}")
    model = ARCHITECTURES[names[0]](Config(raw)).eval()
    tensors = read_safetensors(os.path.join(folder, "model.safetensors"))
    expected = model.state_dict()
    tied = [n for n, source in TIED.items() if n in expected and n not in tensors and source in tensors]
    for name in tied:
        tensors[name] = tensors[TIED[name]]
    missing = sorted(set(expected) - set(tensors))
    unexpected = sorted(set(tensors) - set(expected))
    shapes = sorted(f"{n} {list(tensors[n].shape)} (expected {list(expected[n].shape)})"
                    for n in set(expected) & set(tensors) if tensors[n].shape != expected[n].shape)
    if missing or unexpected or shapes:
        raise CheckError(f"{names[0]} does not load strictly: missing {missing}, unexpected {unexpected}, "
                         f"wrong shapes {shapes}")
    model.load_state_dict({n: t.float() for n, t in tensors.items()}, strict=True)
    return model, {"architecture": names[0], "strict_load": True, "state_dict_names": len(expected),
                   "tied": tied, "torch": torch.__version__}


def run(model, report, inputs):
    ids = torch.tensor(inputs["input_ids"], dtype=torch.long)  # (B, T)
    mask = torch.tensor(inputs["attention_mask"]) if "attention_mask" in inputs else torch.ones_like(ids)
    with torch.no_grad():
        out = model(ids, mask)
    result = dict(report)
    for key, value in out.items():
        result[key] = [v.tolist() for v in value] if isinstance(value, list) else value.tolist()
    return result


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("model", help="a folder with config.json and model.safetensors")
    ap.add_argument("--input", help="JSON inputs (default: standard input)")
    ap.add_argument("--threads", type=int, default=2)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    try:
        model, report = load(a.model)
        if a.input:
            with open(a.input, encoding="utf-8") as f:
                inputs = json.load(f)
        else:
            inputs = json.load(sys.stdin)
        print(json.dumps(run(model, report, inputs)))
    except (CheckError, OSError, ValueError, KeyError) as e:
        print(f"hf_distilbert_check: {e}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
