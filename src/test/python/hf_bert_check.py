#!/usr/bin/env python3
"""Loads a BERT model folder the workbench saved, as Hugging Face transformers would, and runs it.

An independent check that a saved folder (config.json, vocab.txt, model.safetensors) is what
transformers expects: the class config.json names in `architectures` is rebuilt here as plain
torch.nn modules whose module tree is transformers' modeling_bert.py (BertEmbeddings,
BertSelfAttention, ..., BertForSequenceClassification), so model.state_dict() has exactly
transformers' parameter names. The file's tensors are then loaded with load_state_dict(strict=True):
any name missing, extra or of another shape is listed and the script exits 1.

  - model.safetensors is read by the small reader below (header length, JSON header, raw
    little-endian data; every size checked before anything is allocated). Never pickle.
  - config.json is read as transformers' BertConfig reads it: num_labels = len(id2label) (2 when
    there is none), hidden_act "gelu" = exact erf GELU, layer_norm_eps, classifier_dropout, ...
  - Tied weights as transformers ties them: the MLM decoder is the word embeddings and its bias is
    cls.predictions.bias, so a file need not store cls.predictions.decoder.*.
  - The workbench's one extension, numeric features appended to [CLS] ("bertworkbench_head" in
    config.json, feature_mode "cls_concat"), is a tensor transformers' class does not have:
    it is reported under "extensions" and applied to the logits here, as the workbench does; the
    logits of the transformers class alone are printed too ("transformers_logits").

Input (a JSON object, from --input FILE or standard input): "input_ids", "token_type_ids",
"attention_mask" ([B][T] integers; the last two optional) and, for a model with appended features,
"features" ([B][F] raw values, standardised here with the training means and deviations that
config.json records). Output: one JSON object, transformers' output names (logits; start_logits and
end_logits; prediction_logits and seq_relationship_logits) and the load report.

Run: /usr/bin/python3 src/test/python/hf_bert_check.py runs/sst/model --input inputs.json
     (Debian: apt-get install python3-torch; transformers itself is not needed)
"""
import argparse
import json
import math
import os
import struct
import sys

import torch
from torch import nn
from torch.nn import functional as F

# ---------------------------------------------------------------------------------------------
# safetensors, read without the safetensors package

DTYPES = {"F64": torch.float64, "F32": torch.float32, "F16": torch.float16, "BF16": torch.bfloat16,
          "I64": torch.int64, "I32": torch.int32, "I16": torch.int16, "I8": torch.int8, "U8": torch.uint8}
ITEM_SIZE = {"F64": 8, "F32": 4, "F16": 2, "BF16": 2, "I64": 8, "I32": 4, "I16": 2, "I8": 1, "U8": 1}
MAX_HEADER = 100 * 1024 * 1024


class CheckError(Exception):
    """A problem with the model folder: one line, printed on standard error, exit 1."""


def read_safetensors(path):
    """{name: tensor} from a .safetensors file; every size validated before it is read."""
    if sys.byteorder != "little":
        raise CheckError("this reader handles little-endian machines only")
    size = os.path.getsize(path)
    with open(path, "rb") as f:
        if size < 8:
            raise CheckError(f"{path}: {size} bytes, too short for a safetensors header")
        (header_len,) = struct.unpack("<Q", f.read(8))
        if header_len > min(size - 8, MAX_HEADER):
            raise CheckError(f"{path}: header length {header_len} does not fit in the file ({size} bytes)")
        header = json.loads(f.read(header_len).decode("utf-8"))
        if not isinstance(header, dict):
            raise CheckError(f"{path}: the header is not a JSON object")
        data_start, data_len = 8 + header_len, size - 8 - header_len
        entries = []
        for name, info in header.items():
            if name == "__metadata__":
                continue
            entries.append((name,) + tensor_entry(path, name, info, data_len))
        entries.sort(key=lambda e: e[3])
        for a, b in zip(entries, entries[1:]):
            if b[3] < a[4]:
                raise CheckError(f"{path}: tensors {a[0]} and {b[0]} overlap")
        tensors = {}
        for name, dtype, shape, begin, end in entries:
            if end == begin:
                tensors[name] = torch.zeros(shape, dtype=DTYPES[dtype])
                continue
            f.seek(data_start + begin)
            raw = bytearray(f.read(end - begin))
            tensors[name] = torch.frombuffer(raw, dtype=DTYPES[dtype]).reshape(shape)
    return tensors


def tensor_entry(path, name, info, data_len):
    """(dtype, shape, begin, end) of one header entry, checked against the data section."""
    dtype, shape, offsets = info.get("dtype"), info.get("shape"), info.get("data_offsets")
    if dtype not in DTYPES:
        raise CheckError(f"{path}: tensor {name} has dtype {dtype}, not one of {sorted(DTYPES)}")
    if not isinstance(shape, list) or not all(isinstance(d, int) and d >= 0 for d in shape):
        raise CheckError(f"{path}: tensor {name} has shape {shape}")
    if not (isinstance(offsets, list) and len(offsets) == 2 and all(isinstance(o, int) for o in offsets)):
        raise CheckError(f"{path}: tensor {name} has data_offsets {offsets}")
    begin, end = offsets
    if not 0 <= begin <= end <= data_len:
        raise CheckError(f"{path}: tensor {name} at bytes {begin}..{end} lies outside the data ({data_len} bytes)")
    expected = math.prod(shape) * ITEM_SIZE[dtype]
    if end - begin != expected:
        raise CheckError(f"{path}: tensor {name} {dtype}{shape} needs {expected} bytes, has {end - begin}")
    return dtype, shape, begin, end


# ---------------------------------------------------------------------------------------------
# config.json, with transformers' BertConfig / PretrainedConfig defaults

DEFAULTS = {"vocab_size": 30522, "hidden_size": 768, "num_hidden_layers": 12, "num_attention_heads": 12,
            "intermediate_size": 3072, "hidden_act": "gelu", "hidden_dropout_prob": 0.1,
            "attention_probs_dropout_prob": 0.1, "max_position_embeddings": 512, "type_vocab_size": 2,
            "initializer_range": 0.02, "layer_norm_eps": 1e-12, "pad_token_id": 0,
            "position_embedding_type": "absolute", "classifier_dropout": None, "is_decoder": False}


class Config:
    def __init__(self, raw):
        for key, value in DEFAULTS.items():
            setattr(self, key, raw.get(key, value))
        self.raw = raw
        id2label = raw.get("id2label")
        self.num_labels = len(id2label) if id2label else raw.get("num_labels", 2)
        if self.position_embedding_type != "absolute" or self.is_decoder:
            raise CheckError("only absolute positions and encoders are rebuilt here, config.json asks for "
                             f"{self.position_embedding_type} positions, is_decoder {self.is_decoder}")
        if self.hidden_act not in ACT2FN:
            raise CheckError(f"hidden_act {self.hidden_act} is not one of {sorted(ACT2FN)}")


def gelu_new(x):  # transformers' NewGELUActivation (the tanh approximation of GPT-2)
    return 0.5 * x * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * torch.pow(x, 3.0))))


ACT2FN = {"gelu": F.gelu, "relu": F.relu, "gelu_new": gelu_new, "silu": F.silu, "swish": F.silu,
          "gelu_pytorch_tanh": lambda x: F.gelu(x, approximate="tanh")}


# ---------------------------------------------------------------------------------------------
# transformers' modeling_bert.py module tree (attribute names are the state-dict names)

class BertEmbeddings(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.word_embeddings = nn.Embedding(c.vocab_size, c.hidden_size, padding_idx=c.pad_token_id)
        self.position_embeddings = nn.Embedding(c.max_position_embeddings, c.hidden_size)
        self.token_type_embeddings = nn.Embedding(c.type_vocab_size, c.hidden_size)
        self.LayerNorm = nn.LayerNorm(c.hidden_size, eps=c.layer_norm_eps)
        self.dropout = nn.Dropout(c.hidden_dropout_prob)
        # A buffer, not a parameter: not in the state dict (persistent=False), as in recent transformers
        # (older versions saved it and ignored it when missing).
        self.register_buffer("position_ids", torch.arange(c.max_position_embeddings).expand((1, -1)),
                             persistent=False)

    def forward(self, input_ids, token_type_ids):
        positions = self.position_ids[:, :input_ids.shape[1]]  # (1, T)
        x = self.word_embeddings(input_ids) + self.token_type_embeddings(token_type_ids)  # (B, T, H)
        x = x + self.position_embeddings(positions)
        return self.dropout(self.LayerNorm(x))


class BertSelfAttention(nn.Module):
    def __init__(self, c):
        super().__init__()
        if c.hidden_size % c.num_attention_heads:
            raise CheckError(f"hidden_size {c.hidden_size} is not a multiple of {c.num_attention_heads} heads")
        self.num_attention_heads = c.num_attention_heads
        self.attention_head_size = c.hidden_size // c.num_attention_heads
        self.query = nn.Linear(c.hidden_size, c.hidden_size)
        self.key = nn.Linear(c.hidden_size, c.hidden_size)
        self.value = nn.Linear(c.hidden_size, c.hidden_size)
        self.dropout = nn.Dropout(c.attention_probs_dropout_prob)

    def transpose_for_scores(self, x):  # (B, T, H) -> (B, N, T, D)
        return x.view(x.shape[:-1] + (self.num_attention_heads, self.attention_head_size)).permute(0, 2, 1, 3)

    def forward(self, hidden, mask_bias):
        q = self.transpose_for_scores(self.query(hidden))
        k = self.transpose_for_scores(self.key(hidden))
        v = self.transpose_for_scores(self.value(hidden))
        scores = q @ k.transpose(-1, -2) / math.sqrt(self.attention_head_size) + mask_bias  # (B, N, T, T)
        probs = self.dropout(torch.softmax(scores, dim=-1))
        context = (probs @ v).permute(0, 2, 1, 3).contiguous()  # (B, T, N, D)
        return context.view(context.shape[:-2] + (-1,))  # (B, T, H)


class BertSelfOutput(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.dense = nn.Linear(c.hidden_size, c.hidden_size)
        self.LayerNorm = nn.LayerNorm(c.hidden_size, eps=c.layer_norm_eps)
        self.dropout = nn.Dropout(c.hidden_dropout_prob)

    def forward(self, hidden, residual):
        return self.LayerNorm(self.dropout(self.dense(hidden)) + residual)


class BertAttention(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.self = BertSelfAttention(c)
        self.output = BertSelfOutput(c)

    def forward(self, hidden, mask_bias):
        return self.output(self.self(hidden, mask_bias), hidden)


class BertIntermediate(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.dense = nn.Linear(c.hidden_size, c.intermediate_size)
        self.intermediate_act_fn = ACT2FN[c.hidden_act]

    def forward(self, hidden):
        return self.intermediate_act_fn(self.dense(hidden))  # (B, T, I)


class BertOutput(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.dense = nn.Linear(c.intermediate_size, c.hidden_size)
        self.LayerNorm = nn.LayerNorm(c.hidden_size, eps=c.layer_norm_eps)
        self.dropout = nn.Dropout(c.hidden_dropout_prob)

    def forward(self, hidden, residual):
        return self.LayerNorm(self.dropout(self.dense(hidden)) + residual)


class BertLayer(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.attention = BertAttention(c)
        self.intermediate = BertIntermediate(c)
        self.output = BertOutput(c)

    def forward(self, hidden, mask_bias):
        attended = self.attention(hidden, mask_bias)
        return self.output(self.intermediate(attended), attended)


class BertEncoder(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.layer = nn.ModuleList(BertLayer(c) for _ in range(c.num_hidden_layers))

    def forward(self, hidden, mask_bias):
        for layer in self.layer:
            hidden = layer(hidden, mask_bias)
        return hidden


class BertPooler(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.dense = nn.Linear(c.hidden_size, c.hidden_size)
        self.activation = nn.Tanh()

    def forward(self, hidden):
        return self.activation(self.dense(hidden[:, 0]))  # (B, H) from [CLS]


class BertModel(nn.Module):
    def __init__(self, c, add_pooling_layer=True):
        super().__init__()
        self.embeddings = BertEmbeddings(c)
        self.encoder = BertEncoder(c)
        self.pooler = BertPooler(c) if add_pooling_layer else None

    def forward(self, input_ids, token_type_ids, attention_mask):
        return self.encode(self.embeddings(input_ids, token_type_ids), attention_mask)

    def encode(self, embedded, attention_mask):
        """(sequence, pooled) from the embeddings' output (B, T, H), after their LayerNorm and dropout."""
        # transformers' get_extended_attention_mask: 0 where allowed, the dtype's minimum elsewhere.
        mask_bias = (1.0 - attention_mask[:, None, None, :].float()) * torch.finfo(torch.float32).min  # (B,1,1,T)
        sequence = self.encoder(embedded, mask_bias)  # (B, T, H)
        return sequence, (self.pooler(sequence) if self.pooler is not None else None)


class BertPredictionHeadTransform(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.dense = nn.Linear(c.hidden_size, c.hidden_size)
        self.transform_act_fn = ACT2FN[c.hidden_act]
        self.LayerNorm = nn.LayerNorm(c.hidden_size, eps=c.layer_norm_eps)

    def forward(self, hidden):
        return self.LayerNorm(self.transform_act_fn(self.dense(hidden)))


class BertLMPredictionHead(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.transform = BertPredictionHeadTransform(c)
        self.decoder = nn.Linear(c.hidden_size, c.vocab_size, bias=False)
        self.bias = nn.Parameter(torch.zeros(c.vocab_size))
        self.decoder.bias = self.bias  # tied, as in transformers

    def forward(self, hidden):
        return self.decoder(self.transform(hidden))  # (B, T, V)


class BertOnlyMLMHead(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.predictions = BertLMPredictionHead(c)


class BertPreTrainingHeads(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.predictions = BertLMPredictionHead(c)
        self.seq_relationship = nn.Linear(c.hidden_size, 2)


class BertForPreTraining(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.bert = BertModel(c)
        self.cls = BertPreTrainingHeads(c)
        self.cls.predictions.decoder.weight = self.bert.embeddings.word_embeddings.weight  # tie_weights()

    def forward(self, ids, types, mask):
        return self.heads(*self.bert(ids, types, mask))

    def heads(self, sequence, pooled):
        return {"prediction_logits": self.cls.predictions(sequence),
                "seq_relationship_logits": self.cls.seq_relationship(pooled)}


class BertForMaskedLM(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.bert = BertModel(c, add_pooling_layer=False)
        self.cls = BertOnlyMLMHead(c)
        self.cls.predictions.decoder.weight = self.bert.embeddings.word_embeddings.weight  # tie_weights()

    def forward(self, ids, types, mask):
        return self.heads(*self.bert(ids, types, mask))

    def heads(self, sequence, pooled):
        return {"logits": self.cls.predictions(sequence)}


class BertForSequenceClassification(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.num_labels = c.num_labels
        self.bert = BertModel(c)
        p = c.classifier_dropout if c.classifier_dropout is not None else c.hidden_dropout_prob
        self.dropout = nn.Dropout(p)
        self.classifier = nn.Linear(c.hidden_size, c.num_labels)

    def forward(self, ids, types, mask):
        return self.heads(*self.bert(ids, types, mask))

    def heads(self, sequence, pooled):
        return {"logits": self.classifier(self.dropout(pooled))}  # (B, C)


class BertForTokenClassification(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.num_labels = c.num_labels
        self.bert = BertModel(c, add_pooling_layer=False)
        p = c.classifier_dropout if c.classifier_dropout is not None else c.hidden_dropout_prob
        self.dropout = nn.Dropout(p)
        self.classifier = nn.Linear(c.hidden_size, c.num_labels)

    def forward(self, ids, types, mask):
        return self.heads(*self.bert(ids, types, mask))

    def heads(self, sequence, pooled):
        return {"logits": self.classifier(self.dropout(sequence))}  # (B, T, C)


class BertForQuestionAnswering(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.num_labels = c.num_labels
        self.bert = BertModel(c, add_pooling_layer=False)
        self.qa_outputs = nn.Linear(c.hidden_size, c.num_labels)

    def forward(self, ids, types, mask):
        return self.heads(*self.bert(ids, types, mask))

    def heads(self, sequence, pooled):
        logits = self.qa_outputs(sequence)  # (B, T, 2)
        start, end = logits.split(1, dim=-1)
        return {"start_logits": start.squeeze(-1), "end_logits": end.squeeze(-1)}  # (B, T) each


ARCHITECTURES = {cls.__name__: cls for cls in (BertForPreTraining, BertForMaskedLM, BertForSequenceClassification,
                                               BertForTokenClassification, BertForQuestionAnswering)}
# transformers' _tied_weights_keys: names a file may leave out, filled from the tensor they are tied to.
TIED = {"cls.predictions.decoder.weight": "bert.embeddings.word_embeddings.weight",
        "cls.predictions.decoder.bias": "cls.predictions.bias"}



def encode_embedding_sum(model, summed, attention_mask):
    """(sequence, pooled) from the sum word + segment + position embeddings (B, T, H), before the
    embeddings' LayerNorm: what model.bert(ids, types, mask) computes after its three lookups."""
    embeddings = model.bert.embeddings
    return model.bert.encode(embeddings.dropout(embeddings.LayerNorm(summed)), attention_mask)


def forward_from_embedding_sum(model, summed, attention_mask):
    """The task class's outputs (as forward's) from the sum of the three embedding lookups (B, T, H)."""
    return model.heads(*encode_embedding_sum(model, summed, attention_mask))


# ---------------------------------------------------------------------------------------------

def load(folder):
    """(model, config, report, extension): the architecture of config.json, loaded strictly."""
    with open(os.path.join(folder, "config.json"), encoding="utf-8") as f:
        raw = json.load(f)
    names = raw.get("architectures") or []
    if len(names) != 1 or names[0] not in ARCHITECTURES:
        raise CheckError(f"config.json's architectures are {names}, expected one of {sorted(ARCHITECTURES)}")
    config = Config(raw)
    model = ARCHITECTURES[names[0]](config).eval()
    tensors = read_safetensors(os.path.join(folder, "model.safetensors"))
    extension = take_extension(raw, tensors)
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
    report = {"architecture": names[0], "strict_load": True, "state_dict_names": len(expected),
              "tied": tied, "extensions": sorted(extension) if extension else [], "torch": torch.__version__}
    return model, config, report, extension


def take_extension(raw, tensors):
    """The workbench's appended-features head, removed from tensors: {name: weight} with its statistics."""
    head = raw.get("bertworkbench_head") or {}
    if head.get("feature_mode") != "cls_concat":
        return None
    name = head["feature_weight"]
    if name not in tensors:
        raise CheckError(f"config.json's bertworkbench_head names {name}, model.safetensors has none")
    return {name: {"weight": tensors.pop(name).float(), "mean": head["feature_mean"], "std": head["feature_std"],
                   "columns": head["feature_columns"]}}


def run(model, report, extension, inputs):
    ids = torch.tensor(inputs["input_ids"], dtype=torch.long)  # (B, T)
    types = torch.tensor(inputs["token_type_ids"]) if "token_type_ids" in inputs else torch.zeros_like(ids)
    mask = torch.tensor(inputs["attention_mask"]) if "attention_mask" in inputs else torch.ones_like(ids)
    with torch.no_grad():
        out = model(ids, types, mask)
        if extension:
            (spec,) = extension.values()
            if "features" not in inputs:
                raise CheckError(f"this model also reads numeric features {spec['columns']}: pass them as \"features\"")
            raw = torch.tensor(inputs["features"], dtype=torch.float64)  # (B, F)
            z = ((raw - torch.tensor(spec["mean"], dtype=torch.float64)) / torch.tensor(spec["std"],
                                                                                        dtype=torch.float64)).float()
            out["transformers_logits"] = out["logits"]
            out["logits"] = out["logits"] + z @ spec["weight"].T  # (B, C): classifier over [pooled; z]
    result = dict(report)
    result.update({k: v.tolist() for k, v in out.items()})
    return result


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("model", help="a folder with config.json and model.safetensors")
    ap.add_argument("--input", help="JSON inputs (default: standard input)")
    ap.add_argument("--threads", type=int, default=2)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    try:
        model, _, report, extension = load(a.model)
        if a.input:
            with open(a.input, encoding="utf-8") as f:
                inputs = json.load(f)
        else:
            inputs = json.load(sys.stdin)
        print(json.dumps(run(model, report, extension, inputs)))
    except (CheckError, OSError, ValueError, KeyError) as e:
        print(f"hf_bert_check: {e}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
