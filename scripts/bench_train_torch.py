#!/usr/bin/env python3
"""PyTorch side of `npm run bench:train`: times one training step (forward, backward, Adam) on one CPU
thread, for nn.GRU and for an nn.GRUCell loop, on the adding problem's shapes (I = 2, a linear read-out
H -> 1 at the last step, MSE loss, torch.optim.Adam lr 1e-3).

Protocol (driven by scripts/bench-train.mjs, so the runs interleave with the JS ones): one JSON request
per stdin line {"impl": "gru" | "cell", "H", "T", "B", "steps"}; one JSON reply per line
{"ms": [per-step milliseconds]}. Models are built once per (impl, H, T, B) and warmed up.
Run with /usr/bin/python3 (Debian's python3-torch).
"""

import json
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_num_threads(1)
torch.manual_seed(0)
I = 2
cache = {}


def make(impl, H, T, B):
    rnn = nn.GRU(I, H) if impl == "gru" else nn.GRUCell(I, H)
    readout = nn.Linear(H, 1)
    params = list(rnn.parameters()) + list(readout.parameters())
    opt = torch.optim.Adam(params, lr=1e-3)
    xs = torch.rand(T, B, I)
    target = torch.rand(B, 1)

    def step():
        opt.zero_grad()
        if impl == "gru":
            out, _ = rnn(xs)
            h = out[-1]
        else:
            h = torch.zeros(B, H)
            for t in range(T):
                h = rnn(xs[t], h)
        loss = F.mse_loss(readout(h), target)
        loss.backward()
        opt.step()

    for _ in range(2):
        step()
    return step


for line in sys.stdin:
    req = json.loads(line)
    key = (req["impl"], req["H"], req["T"], req["B"])
    if key not in cache:
        cache[key] = make(*key)
    step = cache[key]
    ms = []
    for _ in range(req["steps"]):
        t0 = time.perf_counter()
        step()
        ms.append((time.perf_counter() - t0) * 1000)
    print(json.dumps({"ms": ms, "torch": torch.__version__, "threads": torch.get_num_threads()}), flush=True)
