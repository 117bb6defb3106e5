#!/usr/bin/env python3
"""Write a real 25 MB PyTorch checkpoint of nn.GRUCell(1024, 1024) and a small JSON of values to check it by.

The browser test of big imports (e2e/import-big.spec.ts) and the import benchmark (scripts/bench-import.mjs)
run this at test time into a temporary directory: the 25 MB file is never committed.

  /usr/bin/python3 scripts/make_big_checkpoint.py OUT_DIR

writes OUT_DIR/gru_cell_1024.pt   torch.save(nn.GRUCell(1024, 1024).state_dict())  (about 25 MB)
       OUT_DIR/gru_cell_1024.json {"inputSize", "hiddenSize", "file",
                                   "samples": [{"tensor", "row", "col", "value"}] (col is null for biases),
                                   "outputs": [{"x": {"index", "value"} or null, "h1": [1024 values]}]}
The h1 lists are cell(x, h = 0) computed by PyTorch, for x = 0 and for x one-hot at `index`.
Values are float32 converted to Python floats (exact).

Requirements: PyTorch from Debian's apt package (`apt-get install python3-torch`).
"""

import json
import os
import sys

import torch
import torch.nn as nn

SIZE = 1024
SEED = 1024
# Cells spread over the three gate bands (r: rows 0..H-1, z: H..2H-1, n: 2H..3H-1) and the last bias.
SAMPLES = [
    ("weight_hh", 0, 0),
    ("weight_hh", 2 * SIZE + 5, 7),
    ("weight_ih", SIZE + 3, 1000),
    ("bias_hh", 3 * SIZE - 1, None),
    ("bias_ih", 0, None),
]
ONE_HOT = 5


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: make_big_checkpoint.py OUT_DIR")
    out_dir = sys.argv[1]
    os.makedirs(out_dir, exist_ok=True)

    torch.manual_seed(SEED)
    cell = nn.GRUCell(SIZE, SIZE)
    state = cell.state_dict()
    pt_path = os.path.join(out_dir, "gru_cell_1024.pt")
    torch.save(state, pt_path)

    samples = []
    for name, row, col in SAMPLES:
        t = state[name]
        value = t[row] if col is None else t[row, col]
        samples.append({"tensor": name, "row": row, "col": col, "value": float(value)})

    outputs = []
    with torch.no_grad():
        h = torch.zeros(1, SIZE)
        for index in (None, ONE_HOT):
            x = torch.zeros(1, SIZE)
            if index is not None:
                x[0, index] = 1.0
            h1 = cell(x, h)[0].tolist()
            outputs.append({"x": None if index is None else {"index": index, "value": 1.0}, "h1": [float(v) for v in h1]})

    facts = {
        "file": os.path.basename(pt_path),
        "bytes": os.path.getsize(pt_path),
        "inputSize": SIZE,
        "hiddenSize": SIZE,
        "torch": torch.__version__,
        "samples": samples,
        "outputs": outputs,
    }
    with open(os.path.join(out_dir, "gru_cell_1024.json"), "w") as f:
        json.dump(facts, f)
    print(f"wrote {pt_path} ({facts['bytes']} bytes)")


if __name__ == "__main__":
    main()
