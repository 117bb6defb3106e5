#!/usr/bin/env python3
"""Golden fixture for the layout detective: h' as real PyTorch prints it by default.

For a few storage conventions, the weights are made in nn.GRUCell's layout, stored the way that framework stores
them (blocks reordered, matrices transposed), and the step x, h -> h' is run in real PyTorch with that framework's
cell. h' is kept as `str(tensor)` at PyTorch's default print options (4 decimals, `tensor([[-0.1378, ...]])`), the
text a user pastes into the detective. The detective must name the convention from that text alone.

Conventions (docs/gru-conventions.md):
  pytorch        nn.GRUCell itself: blocks r|z|n, (3H, in), reset-after, sigmoid (printed with its grad_fn)
  keras          Keras reset_after=True: kernel (I, 3H), column blocks z|r|h, sigmoid
  onnx_lbr0      ONNX W/R/B, linear_before_reset=0: blocks z|r|h, (3H, in), reset-before, sigmoid
  tfjs           TF.js default: kernel (I, 3H), z|r|h, reset-before, hard sigmoid clip(0.2a + 0.5, 0, 1)

Run from the repo root:  /usr/bin/python3 scripts/make_detective_prints.py
Writes src/layouts/fixtures/detective-prints.json (tensors as base64 little-endian float32).
"""

import base64
import json
import os

import torch
import torch.nn as nn

OUT = os.path.join("src", "layouts", "fixtures", "detective-prints.json")


def b64(t):
    return base64.b64encode(t.detach().contiguous().to(torch.float32).numpy().astype("<f4").tobytes()).decode()


def zrn(t, H):
    """PyTorch's r|z|n row blocks -> z|r|n (Keras / ONNX / TF.js order)."""
    return torch.cat([t[H:2 * H], t[0:H], t[2 * H:]], dim=0)


def step(w_ih, w_hh, b_ih, b_hh, x, h, reset_after, act):
    """One GRU step in PyTorch layout (rows r|z|n), PyTorch ops, float32."""
    H = h.shape[1]
    gi = x @ w_ih.t() + b_ih
    r = act(gi[:, :H] + h @ w_hh[:H].t() + b_hh[:H])
    z = act(gi[:, H:2 * H] + h @ w_hh[H:2 * H].t() + b_hh[H:2 * H])
    if reset_after:
        n = torch.tanh(gi[:, 2 * H:] + r * (h @ w_hh[2 * H:].t() + b_hh[2 * H:]))
    else:
        n = torch.tanh(gi[:, 2 * H:] + (r * h) @ w_hh[2 * H:].t() + b_hh[2 * H:])
    return (1 - z) * n + z * h


def hard_sigmoid(a):
    return torch.clamp(0.2 * a + 0.5, 0.0, 1.0)


def case(name, seed, I, H, batch, order, transposed, reset_after, activation):
    torch.manual_seed(seed)
    cell = nn.GRUCell(I, H)
    with torch.no_grad():
        # Wider than the default init so the gates differ visibly between readings.
        for p in cell.parameters():
            p.uniform_(-1.5, 1.5)
    x = torch.empty(batch, I).uniform_(-2, 2)
    h = torch.empty(batch, H).uniform_(-1, 1)
    if name == "pytorch":
        h_next = cell(x, h)  # printed with grad_fn=<AddBackward0>, as a user sees it
    else:
        act = torch.sigmoid if activation == "sigmoid" else hard_sigmoid
        with torch.no_grad():
            h_next = step(cell.weight_ih, cell.weight_hh, cell.bias_ih, cell.bias_hh, x, h, reset_after, act)
    w_ih, w_hh, b_ih, b_hh = (p.detach() for p in (cell.weight_ih, cell.weight_hh, cell.bias_ih, cell.bias_hh))
    if order == "z|r|n":
        w_ih, w_hh, b_ih, b_hh = (zrn(t, H) for t in (w_ih, w_hh, b_ih, b_hh))
    if transposed:
        w_ih, w_hh = w_ih.t(), w_hh.t()
    torch.set_printoptions(profile="default")
    return {
        "name": name,
        "inputSize": I,
        "hiddenSize": H,
        "batch": batch,
        "stored": {"weightIh": b64(w_ih), "weightHh": b64(w_hh), "biasIh": b64(b_ih), "biasHh": b64(b_hh)},
        "x": b64(x),
        "h": b64(h),
        "hNextFull": b64(h_next),
        "printed": str(h_next),
        "expected": {"gateOrder": order, "transposed": transposed, "resetAfter": reset_after, "recurrentActivation": activation},
    }


def main():
    cases = [
        case("pytorch", 1, 3, 5, 2, "r|z|n", False, True, "sigmoid"),
        case("keras", 2, 4, 6, 2, "z|r|n", True, True, "sigmoid"),
        case("onnx_lbr0", 3, 3, 4, 3, "z|r|n", False, False, "sigmoid"),
        case("tfjs", 4, 2, 8, 2, "z|r|n", True, False, "hardSigmoid"),
    ]
    with open(OUT, "w") as f:
        json.dump({"generator": "scripts/make_detective_prints.py", "torch": torch.__version__, "cases": cases}, f, indent=1)
        f.write("\n")
    for c in cases:
        print(c["name"], c["printed"].replace("\n", " "))


if __name__ == "__main__":
    main()
