#!/usr/bin/env python3
"""PyTorch eager baseline for `bert-workbench bench`: BERT-Base forward passes, batch 1.

The same arithmetic as the workbench's forward pass (12 layers, hidden 768, 12 heads, exact GELU,
post-LayerNorm), written as plain eager PyTorch modules the way Hugging Face's modeling_bert does
it. Weights are random: timing does not depend on their values. Also measures numpy's matrix
multiply (OpenBLAS on Debian) as the machine's best matmul rate.

Run: /usr/bin/python3 src/bench/python/pytorch_eager_bench.py   (Debian: python3-torch, libopenblas0-pthread)
"""
import json
import math
import os
import statistics
import time

import numpy as np
import torch
from torch import nn

H, L, N, I, V, P = 768, 12, 12, 3072, 30522, 512


class Layer(nn.Module):
    def __init__(self):
        super().__init__()
        self.q, self.k, self.v, self.o = (nn.Linear(H, H) for _ in range(4))
        self.ln1, self.ln2 = nn.LayerNorm(H, eps=1e-12), nn.LayerNorm(H, eps=1e-12)
        self.inter, self.out = nn.Linear(H, I), nn.Linear(I, H)

    def forward(self, x, mask_bias):
        b, t, _ = x.shape
        split = lambda y: y.view(b, t, N, H // N).transpose(1, 2)
        q, k, v = split(self.q(x)), split(self.k(x)), split(self.v(x))
        probs = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(H // N) + mask_bias, dim=-1)
        ctx = (probs @ v).transpose(1, 2).reshape(b, t, H)
        a = self.ln1(x + self.o(ctx))
        return self.ln2(a + self.out(nn.functional.gelu(self.inter(a))))


class Bert(nn.Module):
    def __init__(self):
        super().__init__()
        self.word, self.pos, self.typ = nn.Embedding(V, H), nn.Embedding(P, H), nn.Embedding(2, H)
        self.ln = nn.LayerNorm(H, eps=1e-12)
        self.layers = nn.ModuleList(Layer() for _ in range(L))
        self.pool = nn.Linear(H, H)

    def forward(self, ids, types, mask):
        t = ids.shape[1]
        x = self.ln(self.word(ids) + self.typ(types) + self.pos(torch.arange(t).unsqueeze(0)))
        bias = (1.0 - mask[:, None, None, :].float()) * -10000.0
        for layer in self.layers:
            x = layer(x, bias)
        return x, torch.tanh(self.pool(x[:, 0]))


def median_ms(fn, warmup=2, runs=9):
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main():
    torch.set_num_threads(os.cpu_count())
    model = Bert().eval()
    result = {"torch": torch.__version__, "threads": torch.get_num_threads(), "forward_ms": {}}
    with torch.no_grad():
        for t in (32, 128, 512):
            ids = torch.randint(1000, V, (1, t))
            types = torch.zeros(1, t, dtype=torch.long)
            mask = torch.ones(1, t, dtype=torch.long)
            result["forward_ms"][str(t)] = round(median_ms(lambda: model(ids, types, mask)), 1)
        for m, k, n in ((128, 768, 3072), (2048, 2048, 2048)):
            a, b = torch.rand(m, k), torch.rand(k, n)
            result.setdefault("torch_matmul_gflops", {})[f"{m}x{k}x{n}"] = round(
                2 * m * k * n / median_ms(lambda: a @ b, 1, 7) / 1e6, 1)
    for m, k, n in ((128, 768, 3072), (2048, 2048, 2048)):
        a = np.random.rand(m, k).astype(np.float32)
        b = np.random.rand(k, n).astype(np.float32)
        result.setdefault("numpy_matmul_gflops", {})[f"{m}x{k}x{n}"] = round(
            2 * m * k * n / median_ms(lambda: a @ b, 1, 7) / 1e6, 1)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
