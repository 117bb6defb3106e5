#!/usr/bin/env python3
"""Generate golden training fixtures from real PyTorch (torch.autograd, torch.optim).

What it makes (JSON, relative to the repo root):
  src/train/fixtures/gru-backward.json     nn.GRU (1 layer, sequence-first) gradients from
                                           torch.autograd of sum(out * gradOutputs) + sum(h_T * gradFinal)
                                           with respect to weight_ih_l0, weight_hh_l0, bias_ih_l0,
                                           bias_hh_l0, the inputs and h0; T from 1 to 50, H up to 64,
                                           saturating weights; either upstream gradient may be absent.
  src/train/fixtures/train-trajectory.json nn.GRU + nn.Linear read-out trained for 20 steps with
                                           cross-entropy or MSE, clip_grad_norm_, and SGD (momentum,
                                           nesterov, dampening, weight decay), Adam, AdamW: the batches,
                                           the loss and every parameter after every step.

How to run (from the repo root):
  /usr/bin/python3 scripts/make_train_fixtures.py

Requirements: PyTorch from Debian's apt package (python3-torch). Tensors are base64 of
little-endian float32, row-major, in PyTorch's layout (gate rows r, z, n). Deterministic:
every case seeds torch.manual_seed.
"""

import os

import torch
import torch.nn as nn
import torch.nn.functional as F

import golden_json
from golden_json import b64

GENERATOR = "scripts/make_train_fixtures.py"
OUT_DIR = os.path.join("src", "train", "fixtures")
torch.set_num_threads(1)


def write_json(filename, cases):
    golden_json.write_json(OUT_DIR, filename, GENERATOR, cases)


def gru_weights(gru):
    return {
        "weightIh": b64(gru.weight_ih_l0),
        "weightHh": b64(gru.weight_hh_l0),
        "biasIh": b64(gru.bias_ih_l0),
        "biasHh": b64(gru.bias_hh_l0),
    }


# ---------------------------------------------------------------------------
# gru-backward.json
# ---------------------------------------------------------------------------

def backward_case(name, seed, I, H, B, T, scale=1.0, x_scale=1.0, outputs=True, final=True, saturate_rows=None):
    torch.manual_seed(seed)
    gru = nn.GRU(I, H)
    with torch.no_grad():
        for p in gru.parameters():
            p.mul_(scale)
        if saturate_rows is not None:
            # Some gates pinned by a large bias: σ and tanh saturate to exactly 0 or 1 in float32.
            for gate, value in saturate_rows:
                gru.bias_hh_l0[gate * H:gate * H + H // 2].fill_(value)
    xs = (torch.randn(T, B, I) * x_scale).requires_grad_()
    h0 = torch.randn(1, B, H).mul(0.5).requires_grad_()
    out, hT = gru(xs, h0)
    gO = torch.randn(T, B, H) if outputs else None
    gF = torch.randn(B, H) if final else None
    loss = torch.zeros(())
    if gO is not None:
        loss = loss + (out * gO).sum()
    if gF is not None:
        loss = loss + (hT[0] * gF).sum()
    loss.backward()
    return {
        "name": name,
        "inputSize": I,
        "hiddenSize": H,
        "batch": B,
        "steps": T,
        **gru_weights(gru),
        "xs": b64(xs),
        "h0": b64(h0[0]),
        "gradOutputs": b64(gO) if gO is not None else None,
        "gradFinal": b64(gF) if gF is not None else None,
        "outputs": b64(out),
        "grad": {
            "weightIh": b64(gru.weight_ih_l0.grad),
            "weightHh": b64(gru.weight_hh_l0.grad),
            "biasIh": b64(gru.bias_ih_l0.grad),
            "biasHh": b64(gru.bias_hh_l0.grad),
            "xs": b64(xs.grad),
            "h0": b64(h0.grad[0]),
        },
    }


def backward_cases():
    return [
        backward_case("one step, both upstream gradients", 1, 3, 4, 2, 1),
        backward_case("5 steps, outputs only", 2, 2, 8, 3, 5, final=False),
        backward_case("20 steps, final state only", 3, 4, 16, 4, 20, outputs=False),
        backward_case("50 steps, H = 32", 4, 3, 32, 2, 50),
        backward_case("50 steps, H = 64", 5, 2, 64, 2, 50, scale=1.5),
        backward_case("saturating weights (×8) and inputs (×4)", 6, 3, 16, 3, 30, scale=8.0, x_scale=4.0),
        backward_case(
            "half the units with z pinned to 1 and r to 0 by ±30 biases",
            7, 2, 12, 2, 40, saturate_rows=[(1, 30.0), (0, -30.0)],
        ),
        backward_case("batch 1, 50 steps, H = 48", 8, 1, 48, 1, 50, scale=2.0, final=False),
    ]


# ---------------------------------------------------------------------------
# train-trajectory.json
# ---------------------------------------------------------------------------

def make_batch(T, B, I, O, loss, target_steps):
    xs = torch.randn(T, B, I)
    S = len(target_steps)
    if loss == "cross-entropy":
        labels = torch.randint(0, O, (S * B,))
        return xs, labels, None
    return xs, None, torch.randn(S * B, O) * 0.5


def trajectory_case(name, seed, I, H, O, T, B, loss, target_steps, optimizer, clip, steps=20):
    torch.manual_seed(seed)
    gru = nn.GRU(I, H)
    readout = nn.Linear(H, O)
    params = [gru.weight_ih_l0, gru.weight_hh_l0, gru.bias_ih_l0, gru.bias_hh_l0, readout.weight, readout.bias]
    start = [b64(p) for p in params]
    kind = optimizer["kind"]
    kwargs = {k: v for k, v in optimizer.items() if k != "kind"}
    opt = {"sgd": torch.optim.SGD, "adam": torch.optim.Adam, "adamw": torch.optim.AdamW}[kind](params, **kwargs)
    idx = torch.tensor(target_steps)
    records = []
    for _ in range(steps):
        xs, labels, values = make_batch(T, B, I, O, loss, target_steps)
        opt.zero_grad()
        out, _ = gru(xs, torch.zeros(1, B, H))
        pred = readout(out.index_select(0, idx).reshape(-1, H))
        value = F.cross_entropy(pred, labels) if loss == "cross-entropy" else F.mse_loss(pred, values)
        value.backward()
        norm = nn.utils.clip_grad_norm_(params, clip) if clip is not None else None
        opt.step()
        records.append({
            "xs": b64(xs),
            "labels": labels.tolist() if labels is not None else None,
            "values": b64(values) if values is not None else None,
            "loss": value.item(),
            "gradNorm": norm.item() if norm is not None else None,
            "params": [b64(p) for p in params],
        })
    return {
        "name": name,
        "inputSize": I,
        "hiddenSize": H,
        "outputSize": O,
        "steps": T,
        "batch": B,
        "loss": loss,
        "targetSteps": target_steps,
        "optimizer": optimizer,
        "clip": clip,
        "start": start,
        "records": records,
    }


def trajectory_cases():
    return [
        trajectory_case("SGD, cross-entropy at the last step", 11, 2, 8, 2, 10, 4, "cross-entropy", [9],
                        {"kind": "sgd", "lr": 0.5}, None),
        trajectory_case("SGD nesterov momentum, MSE at every step, clipped", 12, 3, 8, 2, 8, 3, "mse", list(range(8)),
                        {"kind": "sgd", "lr": 0.1, "momentum": 0.9, "nesterov": True}, 0.5),
        trajectory_case("SGD momentum with dampening and weight decay", 13, 2, 6, 3, 6, 4, "cross-entropy", [2, 5],
                        {"kind": "sgd", "lr": 0.2, "momentum": 0.8, "dampening": 0.25, "weight_decay": 0.01}, 2.0),
        trajectory_case("Adam defaults (lr 0.01), cross-entropy at every step, clipped", 14, 1, 16, 2, 12, 8,
                        "cross-entropy", list(range(12)), {"kind": "adam", "lr": 0.01}, 1.0),
        trajectory_case("Adam with L2 weight decay, MSE at the last step", 15, 2, 8, 1, 15, 4, "mse", [14],
                        {"kind": "adam", "lr": 0.02, "weight_decay": 0.05, "betas": [0.8, 0.99]}, None),
        trajectory_case("AdamW defaults (weight decay 0.01), copy-like targets", 16, 5, 12, 4, 9, 4, "cross-entropy",
                        [6, 7, 8], {"kind": "adamw", "lr": 0.01}, 1.0),
    ]


if __name__ == "__main__":
    os.makedirs(OUT_DIR, exist_ok=True)
    write_json("gru-backward.json", backward_cases())
    write_json("train-trajectory.json", trajectory_cases())
