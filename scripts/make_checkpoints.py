#!/usr/bin/env python3
"""Generate small checkpoint fixtures for src/formats/ from real PyTorch and numpy.

What it makes (written relative to the repo root, in src/formats/fixtures/):
  gru_cell.pt            torch.save(nn.GRUCell(3, 4).state_dict())  (default zip format)
  gru_cell_proto4.pt     the same, saved with pickle_protocol=4
  gru_2layer_bidir.pt    nn.GRU(3, 4, num_layers=2, bidirectional=True)
  gru_nobias.pt          nn.GRUCell(3, 4, bias=False)
  gru_fp16.pt            nn.GRUCell(3, 4).half()
  wrapped.pt             {'epoch': 3, 'state_dict': Net().state_dict()} with Net.rnn = nn.GRU(3, 4),
                         Net.head = nn.Linear(4, 2)
  strided.pt             views that share one storage: a transpose, a strided slice, a row (storage
                         offset), an expand (stride 0), a 0-d scalar and an empty tensor
  dtypes.pt              bfloat16, float64, int64, uint8 and bool tensors
  params.pt              dict(cell.named_parameters()): nn.Parameter (torch._utils._rebuild_parameter)
  legacy.pt              torch.save(..., _use_new_zipfile_serialization=False): the pre-1.6 format
  whole_model.pt         torch.save(cell): a pickled nn.Module, which readers must refuse
  gru_cell.safetensors   the gru_cell.pt tensors, written by hand following the safetensors spec
  dtypes.safetensors     F16, BF16, F64 and I64 tensors, by hand
  gru_cell.npz           numpy.savez of the gru_cell.pt tensors
  gru_cell_compressed.npz numpy.savez_compressed of the same
  dtypes.npz             '<f2', '<f8', '>f4', Fortran-order '<f4', '<i8', '|b1', 0-d and empty arrays
  weight_ih.npy          numpy.save of one tensor
  gru_cell.json          the gru_cell.pt state_dict as nested lists
  keras_gru.json         the same cell as a Keras get_weights() list [kernel, recurrent_kernel, bias (2, 3H)]
  expected.json          every tensor of every file: name, shape, dtype and values (row-major, as
                         float32 converted to Python floats) for exact comparison

How to run (from the repo root):
  /usr/bin/python3 scripts/make_checkpoints.py

Requirements: PyTorch from Debian's apt package (`apt-get install python3-torch`, which brings numpy).
Output is deterministic apart from the zip timestamps torch and numpy write.
"""

import json
import os
import struct

import numpy as np
import torch
import torch.nn as nn

OUT_DIR = os.path.join("src", "formats", "fixtures")
EXPECTED = {}


def path(name):
    return os.path.join(OUT_DIR, name)


def dtype_name(t):
    return str(t.dtype).replace("torch.", "")


def record(file_name, tensors):
    """tensors: list of (name, torch.Tensor or numpy array)."""
    entries = []
    for name, t in tensors:
        if isinstance(t, np.ndarray):
            dtype = {"f": "float", "i": "int", "u": "uint", "b": "bool"}[t.dtype.kind]
            dtype = dtype if dtype == "bool" else f"{dtype}{t.dtype.itemsize * 8}"
            shape = list(t.shape)
            values = np.ascontiguousarray(t).astype("<f4").reshape(-1).tolist()
        else:
            dtype = dtype_name(t)
            shape = list(t.shape)
            values = t.detach().float().contiguous().reshape(-1).tolist()
        entries.append({"name": name, "shape": shape, "dtype": dtype, "values": [float(v) for v in values]})
    EXPECTED[file_name] = {"tensors": entries}


def save_pt(file_name, obj, tensors, **kwargs):
    torch.save(obj, path(file_name), **kwargs)
    record(file_name, tensors)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.rnn = nn.GRU(3, 4)
        self.head = nn.Linear(4, 2)


def write_safetensors(file_name, tensors, metadata):
    """The safetensors format, from its spec (huggingface/safetensors README, "Format"):
    8 bytes little-endian u64 N, then N bytes of UTF-8 JSON header, then the byte buffer.
    Header: {name: {"dtype", "shape", "data_offsets": [begin, end]}, "__metadata__": {str: str}};
    offsets are relative to the start of the byte buffer, tensors are contiguous, row-major,
    little-endian; the header may be padded with spaces (0x20) - the reference writer pads to 8 bytes.
    The reference writer orders tensors by dtype alignment (descending) then name."""
    codes = {torch.float32: "F32", torch.float16: "F16", torch.bfloat16: "BF16", torch.float64: "F64",
             torch.int64: "I64"}
    ordered = sorted(tensors, key=lambda nt: (-nt[1].element_size(), nt[0]))
    header = {"__metadata__": metadata}
    chunks = []
    offset = 0
    for name, t in ordered:
        t = t.detach().contiguous()
        if t.dtype == torch.bfloat16:
            raw = t.view(torch.int16).numpy().astype("<i2").tobytes()
        else:
            raw = t.numpy().astype(t.numpy().dtype.newbyteorder("<")).tobytes()
        header[name] = {"dtype": codes[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(raw)]}
        chunks.append(raw)
        offset += len(raw)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path(file_name), "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for raw in chunks:
            f.write(raw)
    record(file_name, tensors)


def main():
    os.makedirs(OUT_DIR, exist_ok=True)

    torch.manual_seed(1)
    cell = nn.GRUCell(3, 4)
    cell_sd = cell.state_dict()
    save_pt("gru_cell.pt", cell_sd, list(cell_sd.items()))

    # Pickle protocol 4: FRAME, SHORT_BINUNICODE, MEMOIZE and STACK_GLOBAL instead of protocol 2's opcodes.
    save_pt("gru_cell_proto4.pt", cell_sd, list(cell_sd.items()), pickle_protocol=4)

    torch.manual_seed(2)
    gru = nn.GRU(3, 4, num_layers=2, bidirectional=True)
    sd = gru.state_dict()
    save_pt("gru_2layer_bidir.pt", sd, list(sd.items()))

    torch.manual_seed(3)
    sd = nn.GRUCell(3, 4, bias=False).state_dict()
    save_pt("gru_nobias.pt", sd, list(sd.items()))

    torch.manual_seed(4)
    sd = nn.GRUCell(3, 4).half().state_dict()
    save_pt("gru_fp16.pt", sd, list(sd.items()))

    torch.manual_seed(5)
    sd = Net().state_dict()
    save_pt("wrapped.pt", {"epoch": 3, "state_dict": sd}, list(sd.items()))

    base = torch.arange(24, dtype=torch.float32).reshape(4, 6) / 8 - 1
    strided = {
        "base": base,
        "transposed": base.t(),                       # stride (1, 6)
        "slice": base[1:, ::2],                       # offset 6, stride (6, 2)
        "row": base[2],                               # offset 12
        "expanded": torch.tensor([0.5, -2.0, 3.25]).expand(2, 3),  # stride (0, 1)
        "scalar": torch.tensor(1.5),                  # 0-d
        "empty": torch.zeros(0, 3),
    }
    assert not strided["transposed"].is_contiguous() and strided["expanded"].stride() == (0, 1)
    save_pt("strided.pt", strided, list(strided.items()))

    torch.manual_seed(6)
    dtypes = {
        "bf16": torch.randn(2, 3).bfloat16(),
        "f64": torch.randn(5, dtype=torch.float64),
        "i64": torch.tensor([-3, 0, 7, 1 << 40]),
        "u8": torch.tensor([0, 200, 255], dtype=torch.uint8),
        "bool": torch.tensor([True, False, True]),
    }
    save_pt("dtypes.pt", dtypes, list(dtypes.items()))

    params = dict(cell.named_parameters())
    save_pt("params.pt", params, [(k, v) for k, v in params.items()])

    torch.save(cell_sd, path("legacy.pt"), _use_new_zipfile_serialization=False)
    torch.save(cell, path("whole_model.pt"))

    write_safetensors("gru_cell.safetensors", list(cell_sd.items()), {"format": "pt", "source": "nn.GRUCell(3, 4)"})
    torch.manual_seed(7)
    st = [("half", torch.randn(2, 2).half()), ("bf16", torch.randn(3).bfloat16()),
          ("double", torch.randn(2, 1, dtype=torch.float64)), ("long", torch.tensor([5, -6])),
          ("zero_d", torch.tensor(2.5))]
    write_safetensors("dtypes.safetensors", st, {})

    arrays = {k: v.numpy() for k, v in cell_sd.items()}
    np.savez(path("gru_cell.npz"), **arrays)
    record("gru_cell.npz", list(arrays.items()))
    np.savez_compressed(path("gru_cell_compressed.npz"), **arrays)
    record("gru_cell_compressed.npz", list(arrays.items()))
    rng = np.random.default_rng(8)
    odd = {
        "f2": rng.standard_normal((2, 3)).astype("<f2"),
        "f8": rng.standard_normal(4).astype("<f8"),
        "big_endian": rng.standard_normal((3, 2)).astype(">f4"),
        "fortran": np.asfortranarray(rng.standard_normal((3, 4)).astype("<f4")),
        "i8": np.array([1, -2, 3], dtype="<i8"),
        "b1": np.array([True, False]),
        "zero_d": np.array(4.5, dtype="<f4"),
        "empty": np.zeros((0, 2), dtype="<f4"),
    }
    assert odd["fortran"].flags.f_contiguous and not odd["fortran"].flags.c_contiguous
    np.savez(path("dtypes.npz"), **odd)
    record("dtypes.npz", list(odd.items()))
    np.save(path("weight_ih.npy"), arrays["weight_ih"])
    record("weight_ih.npy", [("weight_ih", arrays["weight_ih"])])

    with open(path("gru_cell.json"), "w") as f:
        json.dump({k: v.tolist() for k, v in cell_sd.items()}, f)
    record("gru_cell.json", list(cell_sd.items()))

    # Keras GRU (reset_after=True) from the PyTorch cell: blocks r|z|n -> z|r|n, transposed, bias (2, 3H).
    H = 4
    perm = torch.cat([torch.arange(H, 2 * H), torch.arange(0, H), torch.arange(2 * H, 3 * H)])
    kernel = cell_sd["weight_ih"][perm].t().contiguous()
    recurrent = cell_sd["weight_hh"][perm].t().contiguous()
    bias = torch.stack([cell_sd["bias_ih"][perm], cell_sd["bias_hh"][perm]])
    with open(path("keras_gru.json"), "w") as f:
        json.dump([kernel.tolist(), recurrent.tolist(), bias.tolist()], f)
    record("keras_gru.json", [("kernel", kernel), ("recurrent_kernel", recurrent), ("bias", bias)])

    # One line per tensor keeps the file small and its diffs readable.
    lines = ['{"generator": "scripts/make_checkpoints.py", "torch": %s, "numpy": %s, "files": {'
             % (json.dumps(torch.__version__), json.dumps(np.__version__))]
    for i, (file_name, doc) in enumerate(EXPECTED.items()):
        lines.append(' %s: {"tensors": [' % json.dumps(file_name))
        for j, entry in enumerate(doc["tensors"]):
            comma = "," if j + 1 < len(doc["tensors"]) else ""
            lines.append("  " + json.dumps(entry, allow_nan=False) + comma)
        lines.append(" ]}" + ("," if i + 1 < len(EXPECTED) else ""))
    lines.append("}}")
    with open(path("expected.json"), "w") as f:
        f.write("\n".join(lines) + "\n")

    total = sum(os.path.getsize(path(n)) for n in os.listdir(OUT_DIR))
    print(f"wrote {len(os.listdir(OUT_DIR))} files to {OUT_DIR}, {total} bytes in all")


if __name__ == "__main__":
    main()
