#!/usr/bin/env python3
"""Generate golden GRU reference fixtures from real PyTorch.

What it makes (all JSON, written relative to the repo root):
  src/gru/fixtures/gru-cell.json      nn.GRUCell cases: weights, inputs, hNext,
                                      plus gate pre-activations (gi, gh) and
                                      activations (r, z, n)
  src/gru/fixtures/gru-sequence.json  nn.GRU (1 layer, sequence-first) runs:
                                      weights, xs, h0, per-step outputs, final h
  src/gru/fixtures/forum-probes.json  zeroed nn.GRUCell(3, 4) with single bias
                                      blocks set, answering the forum question
                                      "What is the layout of the GRU weights and bias?"

How to run (from the repo root):
  /usr/bin/python3 scripts/make_fixtures.py

Requirements: PyTorch from Debian's apt package (`apt-get install python3-torch`,
which also brings numpy). Use /usr/bin/python3 explicitly; other interpreters on
PATH may not see the apt-installed torch.

Encoding: every float tensor is base64 of its little-endian float32 bytes,
row-major, in PyTorch's own layout (weight_ih is 3H x I, gate blocks in the
order r, z, n). Output is deterministic: each case seeds torch.manual_seed.
"""

import math
import os

import torch
import torch.nn as nn

import golden_json
from golden_json import b64

GENERATOR = "scripts/make_fixtures.py"
OUT_DIR = os.path.join("src", "gru", "fixtures")


# ---------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------

def weights_of(ih, hh, bih, bhh):
    return {
        "weightIh": b64(ih),
        "weightHh": b64(hh),
        "biasIh": b64(bih),
        "biasHh": b64(bhh),
    }


def write_json(filename, cases):
    golden_json.write_json(OUT_DIR, filename, GENERATOR, cases)


# ---------------------------------------------------------------------------
# gru-cell.json
# ---------------------------------------------------------------------------

def manual_gates(cell, x, h):
    """Recompute the GRU gates with plain float32 torch ops.

    nn.GRUCell only returns h'; it does not expose r, z, n or the
    pre-activations, so we rebuild them from PyTorch's documented equations
    (rows [0,H) = r, [H,2H) = z, [2H,3H) = n):
        gi = x @ W_ih^T + b_ih         gh = h @ W_hh^T + b_hh
        r = sigmoid(gi_r + gh_r)       z = sigmoid(gi_z + gh_z)
        n = tanh(gi_n + r * gh_n)      h' = (1 - z) * n + z * h
    """
    H = cell.hidden_size
    gi = x @ cell.weight_ih.T + cell.bias_ih
    gh = h @ cell.weight_hh.T + cell.bias_hh
    r = torch.sigmoid(gi[:, 0:H] + gh[:, 0:H])
    z = torch.sigmoid(gi[:, H:2 * H] + gh[:, H:2 * H])
    n = torch.tanh(gi[:, 2 * H:] + r * gh[:, 2 * H:])
    return gi, gh, r, z, n


def cell_case(name, I, H, B, seed, weight_scale=1.0, input_scale=1.0,
              zero_bias=False, zero_h=False, poke=None):
    """Build one GRUCell case. `poke(cell)` may edit parameters in place."""
    torch.manual_seed(seed)
    cell = nn.GRUCell(I, H)
    with torch.no_grad():
        if weight_scale != 1.0:
            for p in cell.parameters():
                p.mul_(weight_scale)
        if zero_bias:
            cell.bias_ih.zero_()
            cell.bias_hh.zero_()
        if poke is not None:
            poke(cell)

        x = torch.randn(B, I) * input_scale
        h = torch.zeros(B, H) if zero_h else torch.randn(B, H) * input_scale

        h_next = cell(x, h)
        gi, gh, r, z, n = manual_gates(cell, x, h)

    check = (1 - z) * n + z * h
    assert torch.allclose(check, h_next, atol=1e-6, rtol=0, equal_nan=True), (
        f"{name}: manual gates disagree with nn.GRUCell "
        f"(max diff {(check - h_next).abs().nan_to_num(0).max().item():.3g})")

    case = {"name": name, "inputSize": I, "hiddenSize": H, "batch": B}
    case.update(weights_of(cell.weight_ih, cell.weight_hh, cell.bias_ih, cell.bias_hh))
    case.update({
        "x": b64(x), "h": b64(h), "hNext": b64(h_next),
        "r": b64(r), "z": b64(z), "n": b64(n),
        "gi": b64(gi), "gh": b64(gh),
    })
    return case


def put_nan_weight(cell):
    cell.weight_hh[0, 0] = math.nan


def put_inf_bias(cell):
    cell.bias_ih[cell.hidden_size] = math.inf  # z block, unit 0


def make_cell_cases():
    # (16, 128, 2) stands in for the originally planned (16, 256, 2): the two
    # H=256 cases alone would be ~3.3 MB of base64, over the ~2.5 MB budget.
    shapes = [(3, 4, 1), (3, 4, 4), (1, 1, 1), (1, 5, 3), (5, 1, 2), (7, 16, 3),
              (64, 64, 1), (32, 64, 8), (256, 256, 1), (16, 128, 2)]
    cases = []
    seed = 1000
    for I, H, B in shapes:
        cases.append(cell_case(f"I{I}_H{H}_B{B}_default", I, H, B, seed))
        seed += 1
    for scale in (10, 50):
        cases.append(cell_case(f"I4_H8_B3_saturated_w{scale}", 4, 8, 3, seed,
                               weight_scale=scale, input_scale=3.0))
        seed += 1
    cases.append(cell_case("I5_H6_B2_zero_bias", 5, 6, 2, seed, zero_bias=True))
    seed += 1
    cases.append(cell_case("I5_H6_B2_zero_h", 5, 6, 2, seed, zero_h=True))
    seed += 1
    cases.append(cell_case("nan_weight", 3, 4, 2, seed, poke=put_nan_weight))
    seed += 1
    cases.append(cell_case("inf_bias", 3, 4, 2, seed, poke=put_inf_bias))
    return cases


# ---------------------------------------------------------------------------
# gru-sequence.json
# ---------------------------------------------------------------------------

def sequence_case(name, I, H, B, T, seed, weight_scale=1.0):
    torch.manual_seed(seed)
    gru = nn.GRU(I, H, num_layers=1)  # batch_first=False: xs is T x B x I
    with torch.no_grad():
        if weight_scale != 1.0:
            for p in gru.parameters():
                p.mul_(weight_scale)
        xs = torch.randn(T, B, I)
        h0 = torch.randn(B, H)
        outputs, h_n = gru(xs, h0.unsqueeze(0))

    case = {"name": name, "inputSize": I, "hiddenSize": H, "batch": B, "steps": T}
    case.update(weights_of(gru.weight_ih_l0, gru.weight_hh_l0,
                           gru.bias_ih_l0, gru.bias_hh_l0))
    case.update({
        "xs": b64(xs), "h0": b64(h0),
        "outputs": b64(outputs), "h": b64(h_n.squeeze(0)),
    })
    return case


def make_sequence_cases():
    return [
        sequence_case("I3_H4_B1_T5", 3, 4, 1, 5, 2000),
        sequence_case("I3_H4_B3_T7", 3, 4, 3, 7, 2001),
        sequence_case("I8_H16_B2_T20", 8, 16, 2, 20, 2002),
        sequence_case("I2_H3_B1_T1", 2, 3, 1, 1, 2003),
        sequence_case("I4_H8_B2_T10_saturated_w20", 4, 8, 2, 10, 2004,
                      weight_scale=20.0),
    ]


# ---------------------------------------------------------------------------
# forum-probes.json
# ---------------------------------------------------------------------------

def probe_case(name, description, B, x, h, set_params):
    """nn.GRUCell(3, 4) with all parameters zeroed, then set_params(cell)."""
    torch.manual_seed(3000)
    cell = nn.GRUCell(3, 4)
    with torch.no_grad():
        for p in cell.parameters():
            p.fill_(0)
        set_params(cell)
    out = cell(x, h)  # with autograd on, exactly as a forum user would print it

    case = {"name": name, "description": description,
            "inputSize": 3, "hiddenSize": 4, "batch": B}
    case.update(weights_of(cell.weight_ih, cell.weight_hh, cell.bias_ih, cell.bias_hh))
    case.update({
        "x": b64(x), "h": b64(h), "hNext": b64(out),
        "printed": str(out), "hNextList": out.tolist(),
    })
    return case


def rows_k_plus_1(B, H):
    return torch.arange(1, B + 1, dtype=torch.float32).unsqueeze(1).repeat(1, H)


def make_probe_cases():
    cases = []
    expected = {0: "h' = 0.5*h, so block 0 is r (r only scales gh_n, which is 0; z = 0.5, n = 0)",
                1: "h' = h, so block 1 is z",
                2: "h' = 0.5 + 0.5*h, so block 2 is n (n = tanh(r*20) with r = 0.5, z = 0.5)"}
    for i in range(3):
        def set_hh(cell, i=i):
            cell.bias_hh[4 * i:4 * i + 4] = 20
        cases.append(probe_case(
            f"bias_hh_block{i}_20",
            f"bias_hh[{4 * i}:{4 * i + 4}] = 20 (block {i}) with h row k = k+1: {expected[i]}",
            4, torch.zeros(4, 3), rows_k_plus_1(4, 4), set_hh))

    for i in range(3):
        def set_ih(cell, i=i):
            cell.bias_hh[4:8] = -20
            cell.bias_ih[4 * i:4 * i + 4] = 20
        result = "h' = 1, so block 2 is n" if i == 2 else "h' stays ~0, so block %d is not n" % i
        cases.append(probe_case(
            f"bias_ih_block{i}_20_z_off",
            f"bias_hh[4:8] = -20 turns z off, bias_ih[{4 * i}:{4 * i + 4}] = 20 (block {i}), "
            f"x = 0, h = 0: {result}",
            1, torch.zeros(1, 3), torch.zeros(1, 4), set_ih))

    for r_bias, result in ((-100, "r = 0 kills gh_n, so h' = 0"),
                           (20, "r = 1 passes gh_n = 20, so h' = tanh(20) = 1")):
        tag = "minus100" if r_bias < 0 else "plus20"

        def set_reset(cell, r_bias=r_bias):
            cell.bias_hh[4:8] = -20
            cell.bias_hh[8:12] = 20
            cell.bias_hh[0:4] = r_bias
        cases.append(probe_case(
            f"reset_probe_r_{tag}",
            f"z off (bias_hh[4:8] = -20), bias_hh[8:12] = 20, bias_hh[0:4] = {r_bias}, "
            f"x = 0, h = 0: {result}",
            1, torch.zeros(1, 3), torch.zeros(1, 4), set_reset))
    return cases


# ---------------------------------------------------------------------------

def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    write_json("gru-cell.json", make_cell_cases())
    write_json("gru-sequence.json", make_sequence_cases())
    probes = make_probe_cases()
    write_json("forum-probes.json", probes)

    print("\nforum probes (hNext as PyTorch prints it):")
    for p in probes:
        print(f"- {p['name']}: {p['description']}")
        print("  " + p["printed"].replace("\n", "\n  "))


if __name__ == "__main__":
    main()
