"""What the PyTorch fixture generators share: float tensors as base64 and the JSON file they write."""

import base64
import json
import os

import torch


def b64(t):
    """base64 of little-endian float32 bytes, row-major."""
    arr = t.detach().contiguous().numpy().astype("<f4")
    return base64.b64encode(arr.tobytes()).decode()


def write_json(out_dir, filename, generator, cases):
    doc = {"generator": generator, "torch": torch.__version__, "cases": cases}
    path = os.path.join(out_dir, filename)
    with open(path, "w") as f:
        # NaN/inf appear only inside base64 payloads, so plain JSON numbers
        # (forum-probes' hNextList) must be finite: refuse to emit NaN tokens.
        json.dump(doc, f, indent=1, allow_nan=False)
        f.write("\n")
    print(f"wrote {path}: {len(cases)} cases, {os.path.getsize(path)} bytes")
