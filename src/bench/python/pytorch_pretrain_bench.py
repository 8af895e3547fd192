#!/usr/bin/env python3
"""PyTorch eager baseline for `bert-workbench bench --pretrain`: one BERT pretraining step.

The same arithmetic as the workbench's step (core.pretrain.PretrainingStep), written as plain eager
PyTorch the way Hugging Face's modeling_bert and google-research/bert's optimization.py do it:

  - embeddings (word + segment + position, LayerNorm eps 1e-12, dropout 0.1), L post-LayerNorm
    layers (exact erf GELU, attention dropout 0.1, hidden dropout 0.1), tanh pooler on [CLS];
  - masked LM on the selected positions only: their hidden rows gathered, transform (dense, GELU,
    LayerNorm), decoder tied to the word embeddings plus a bias, log-softmax, mean NLL;
  - next-sentence prediction on the pooled vector, log-softmax, mean NLL; loss = MLM + NSP;
  - backward; the figures a step reports (top guesses with their probabilities, accuracies, P(IsNext))
    read back to the host, as the workbench does;
  - Google's AdamWeightDecay: global-norm clipping at 1.0, Adam without bias correction (beta1 0.9,
    beta2 0.999, eps 1e-6), decoupled weight decay 0.01 except LayerNorm and biases, in place.

Every sequence is T tokens long (no padding), each with P selected positions (19 at 128 tokens:
round(0.15 x 128)) and a random NSP label. Weights are random: timing does not depend on them.
Prints one JSON object: median step time after warm-up and tokens per second.

Run: /usr/bin/python3 src/bench/python/pytorch_pretrain_bench.py --preset tiny --batch 32
     (Debian: apt-get install python3-torch)
"""
import argparse
import json
import math
import resource
import statistics
import time

import torch
from torch import nn
from torch.nn import functional as F

PRESETS = {"tiny": (2, 128, 2), "mini": (4, 256, 4), "small": (4, 512, 8), "base": (12, 768, 12)}
DROPOUT = 0.1
EPS = 1e-12


class Layer(nn.Module):
    def __init__(self, h, n):
        super().__init__()
        self.h, self.n = h, n
        self.q, self.k, self.v, self.o = (nn.Linear(h, h) for _ in range(4))
        self.ln1, self.ln2 = nn.LayerNorm(h, eps=EPS), nn.LayerNorm(h, eps=EPS)
        self.inter, self.out = nn.Linear(h, 4 * h), nn.Linear(4 * h, h)

    def forward(self, x, mask_bias):
        b, t, _ = x.shape
        split = lambda y: y.view(b, t, self.n, self.h // self.n).transpose(1, 2)  # (B, N, T, D)
        q, k, v = split(self.q(x)), split(self.k(x)), split(self.v(x))
        scores = q @ k.transpose(-1, -2) / math.sqrt(self.h // self.n) + mask_bias  # (B, N, T, T)
        probs = F.dropout(torch.softmax(scores, dim=-1), DROPOUT, self.training)
        ctx = (probs @ v).transpose(1, 2).reshape(b, t, self.h)  # (B, T, H)
        a = self.ln1(x + F.dropout(self.o(ctx), DROPOUT, self.training))
        inner = F.gelu(self.inter(a))  # (B, T, 4H)
        return self.ln2(a + F.dropout(self.out(inner), DROPOUT, self.training))


class BertForPreTraining(nn.Module):
    def __init__(self, layers, h, n, vocab, positions=512):
        super().__init__()
        self.h = h
        self.word, self.pos, self.typ = nn.Embedding(vocab, h), nn.Embedding(positions, h), nn.Embedding(2, h)
        self.ln = nn.LayerNorm(h, eps=EPS)
        self.layers = nn.ModuleList(Layer(h, n) for _ in range(layers))
        self.pool = nn.Linear(h, h)
        self.transform, self.transform_ln = nn.Linear(h, h), nn.LayerNorm(h, eps=EPS)
        self.decoder_bias = nn.Parameter(torch.zeros(vocab))
        self.nsp = nn.Linear(h, 2)
        for name, p in self.named_parameters():  # BERT's initialisation
            if p.dim() > 1:
                nn.init.trunc_normal_(p, std=0.02, a=-0.04, b=0.04)

    def forward(self, ids, types, mask, flat_positions):
        t = ids.shape[1]
        x = self.ln(self.word(ids) + self.typ(types) + self.pos(torch.arange(t).unsqueeze(0)))
        x = F.dropout(x, DROPOUT, self.training)  # (B, T, H)
        bias = (1.0 - mask[:, None, None, :].float()) * -10000.0  # (B, 1, 1, T)
        for layer in self.layers:
            x = layer(x, bias)
        pooled = torch.tanh(self.pool(x[:, 0]))  # (B, H)
        rows = x.reshape(-1, self.h)[flat_positions]  # (M, H)
        hidden = self.transform_ln(F.gelu(self.transform(rows)))
        mlm_logits = F.linear(hidden, self.word.weight, self.decoder_bias)  # (M, V), tied decoder
        return F.log_softmax(mlm_logits, dim=-1), F.log_softmax(self.nsp(pooled), dim=-1)


class AdamWeightDecay:
    """google-research/bert optimization.py's optimiser with its global norm clipping."""

    def __init__(self, named, lr=1e-4, wd=0.01, b1=0.9, b2=0.999, eps=1e-6, clip=1.0):
        self.params = [p for _, p in named]
        self.decay = [not any(s in n for s in ("LayerNorm", "layer_norm", "bias", "ln")) for n, _ in named]
        self.m = [torch.zeros_like(p) for p in self.params]
        self.v = [torch.zeros_like(p) for p in self.params]
        self.lr, self.wd, self.b1, self.b2, self.eps, self.clip = lr, wd, b1, b2, eps, clip

    @torch.no_grad()
    def step(self):
        norm = math.sqrt(sum(float(p.grad.square().sum()) for p in self.params))
        scale = self.clip / max(norm, self.clip)
        for p, m, v, decay in zip(self.params, self.m, self.v, self.decay):
            g = p.grad.mul_(scale)
            m.mul_(self.b1).add_(g, alpha=1 - self.b1)
            v.mul_(self.b2).addcmul_(g, g, value=1 - self.b2)
            if decay:  # p - lr (u + wd p) = p (1 - lr wd) - lr u
                p.mul_(1 - self.lr * self.wd)
            p.addcdiv_(m, v.sqrt().add_(self.eps), value=-self.lr)
            p.grad = None
        return norm


def minor_faults():
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--preset", default="tiny", choices=PRESETS)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--length", type=int, default=128)
    ap.add_argument("--vocab", type=int, default=30522)
    ap.add_argument("--predictions", type=int, default=None, help="selected positions per sequence")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--runs", type=int, default=10)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(1)
    layers, h, n = PRESETS[a.preset]
    b, t = a.batch, a.length
    p = a.predictions if a.predictions is not None else min(round(20 * t / 128), max(1, round(0.15 * t)))
    model = BertForPreTraining(layers, h, n, a.vocab).train()
    named = [(name, prm) for name, prm in model.named_parameters()]
    opt = AdamWeightDecay(named)
    g = torch.Generator().manual_seed(7)
    ids = torch.randint(1000, a.vocab, (b, t), generator=g)
    types = torch.zeros(b, t, dtype=torch.long)
    types[:, t // 2:] = 1
    mask = torch.ones(b, t, dtype=torch.long)
    positions = torch.stack([torch.randperm(t - 2, generator=g)[:p].sort().values + 1 for _ in range(b)])
    flat = (positions + torch.arange(b).unsqueeze(1) * t).reshape(-1)  # (M)
    labels = torch.randint(1000, a.vocab, (b * p,), generator=g)
    nsp_labels = torch.randint(0, 2, (b,), generator=g)

    def step():
        mlm, nsp = model(ids, types, mask, flat)
        mlm_loss = -mlm.gather(1, labels[:, None]).mean()
        nsp_loss = -nsp.gather(1, nsp_labels[:, None]).mean()
        (mlm_loss + nsp_loss).backward()
        with torch.no_grad():  # what a step reports, read back as the workbench does
            guesses = mlm.argmax(1)
            top = mlm.max(1).values.exp()
            acc = (guesses == labels).float().mean()
            nsp_acc = (nsp.argmax(1) == nsp_labels).float().mean()
            report = (float(mlm_loss), float(nsp_loss), float(acc), float(nsp_acc), guesses.tolist(),
                      top.tolist(), nsp[:, 0].exp().tolist())
        opt.step()
        return report

    times, cpu, faults = [], [], []
    for r in range(a.warmup + a.runs):
        start, cpu0, faults0 = time.perf_counter(), time.process_time(), minor_faults()
        step()
        if r >= a.warmup:
            times.append(time.perf_counter() - start)
            cpu.append(time.process_time() - cpu0)
            faults.append(minor_faults() - faults0)
    ms = statistics.median(times) * 1000
    print(json.dumps({"preset": a.preset, "torch": torch.__version__, "threads": torch.get_num_threads(),
                      "batch": b, "length": t, "vocab": a.vocab, "predictions_per_sequence": p,
                      "parameters": sum(x.numel() for x in model.parameters()),
                      "step_ms": round(ms, 1), "step_ms_all": [round(x * 1000, 1) for x in times],
                      "cpu_ms_all": [round(x * 1000, 1) for x in cpu], "minor_faults_all": faults,
                      "tokens_per_second": round(b * t / (ms / 1000), 1)}))


if __name__ == "__main__":
    main()
