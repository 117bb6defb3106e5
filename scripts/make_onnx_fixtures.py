#!/usr/bin/env python3
"""Generate ONNX GRU fixtures and golden values from real frameworks.

What it makes (relative to the repo root):
  src/formats/fixtures/onnx/gru_3_4.onnx          nn.GRU(3, 4), exported by torch.onnx.export (opset 14)
  src/formats/fixtures/onnx/gru_3_4_bidir.onnx    nn.GRU(3, 4, bidirectional=True), 2 steps, batch 2
  src/formats/fixtures/onnx/gru_3_4_2layer.onnx   nn.GRU(3, 4, num_layers=2)
  src/formats/fixtures/onnx/gru_2x3_4_bidir_unfolded.onnx
                                                  nn.GRU(3, 4, num_layers=2, bidirectional=True) exported with
                                                  do_constant_folding=False: W, R, B are Slice/Concat/Unsqueeze
                                                  sub-graphs over the state_dict (initializers named weight_ih_l0…)
  src/formats/fixtures/onnx/gru_3_4_lbr0.onnx     gru_3_4.onnx with the GRU attribute linear_before_reset
                                                  patched from 1 to 0 (the reset-before semantics of the
                                                  ONNX default and of pytorch#189225's bad exports)
  src/formats/fixtures/onnx/expected.json         per model: PyTorch's state_dict, the input x, h0, PyTorch's
                                                  outputs y and hn, and onnxruntime's outputs for the same input;
                                                  plus "tfjs": TF.js GRUCell outputs (reset-before, sigmoid and
                                                  hardSigmoid) for Keras-layout weights

How to run (from the repo root):
  /usr/bin/python3 scripts/make_onnx_fixtures.py

Requirements: Debian's python3-torch (1.13; the `onnx` Python package is NOT needed: torch.onnx.export writes
the protobuf itself and this script reads it with a few lines of wire-format code). onnxruntime-node and
@tensorflow/tfjs come from ../shared/peers/node_modules (see ../shared/peers/README.md: `ONNXRUNTIME_NODE_INSTALL=skip
npm ci` there); the script runs them with `node` for the reset-before goldens.

Encoding: every float tensor is base64 of little-endian float32 bytes, row-major, with its shape alongside.
Deterministic: every case seeds torch.manual_seed.
"""

import base64
import json
import os
import subprocess
import warnings

import numpy as np
import torch
from torch import nn

GENERATOR = "scripts/make_onnx_fixtures.py"
OUT_DIR = os.path.join("src", "formats", "fixtures", "onnx")
PEERS = os.path.abspath(os.path.join("..", "shared", "peers"))
OPSET = 14

# name, nn.GRU kwargs, steps, batch, constant folding
CASES = [
    ("gru_3_4", dict(input_size=3, hidden_size=4), 1, 1, True),
    ("gru_3_4_bidir", dict(input_size=3, hidden_size=4, bidirectional=True), 2, 2, True),
    ("gru_3_4_2layer", dict(input_size=3, hidden_size=4, num_layers=2), 1, 1, True),
    ("gru_2x3_4_bidir_unfolded", dict(input_size=3, hidden_size=4, num_layers=2, bidirectional=True), 2, 1, False),
]


def b64(a):
    arr = np.ascontiguousarray(np.asarray(a, dtype="<f4"))
    return base64.b64encode(arr.tobytes()).decode()


def tensor(t):
    a = t.detach().cpu().numpy() if isinstance(t, torch.Tensor) else np.asarray(t)
    return {"shape": list(a.shape), "data": b64(a)}


# --- just enough protobuf to list the graph's nodes and where the weights live ---------------------
def _varint(buf, i):
    shift = val = 0
    while True:
        b = buf[i]
        i += 1
        val |= (b & 0x7F) << shift
        if b < 0x80:
            return val, i
        shift += 7


def _fields(buf):
    i, n = 0, len(buf)
    while i < n:
        key, i = _varint(buf, i)
        fn, wt = key >> 3, key & 7
        if wt == 0:
            v, i = _varint(buf, i)
        elif wt == 1:
            v, i = buf[i:i + 8], i + 8
        elif wt == 2:
            ln, i = _varint(buf, i)
            v, i = buf[i:i + ln], i + ln
        elif wt == 5:
            v, i = buf[i:i + 4], i + 4
        else:
            raise ValueError(f"wire type {wt}")
        yield fn, wt, v


def graph_summary(buf):
    """op types of the main graph, initializer names, GRU attributes (ints only)."""
    ops, inits, grus = [], [], []
    for fn, _, v in _fields(buf):
        if fn != 7:
            continue
        for gfn, _, gv in _fields(v):
            if gfn == 1:
                op, attrs = None, {}
                for nfn, _, nv in _fields(gv):
                    if nfn == 4:
                        op = bytes(nv).decode()
                    elif nfn == 5:
                        name = val = None
                        for afn, _, av in _fields(nv):
                            if afn == 1:
                                name = bytes(av).decode()
                            elif afn == 3:
                                val = av
                        attrs[name] = val
                ops.append(op)
                if op == "GRU":
                    grus.append(attrs)
            elif gfn == 5:
                for tfn, _, tv in _fields(gv):
                    if tfn == 8:
                        inits.append(bytes(tv).decode())
    return ops, inits, grus


def export_case(name, kwargs, steps, batch, fold):
    torch.manual_seed(20260 + len(name))
    gru = nn.GRU(**kwargs).float().eval()
    dirs = 2 if kwargs.get("bidirectional") else 1
    layers = kwargs.get("num_layers", 1)
    I, H = kwargs["input_size"], kwargs["hidden_size"]
    g = torch.Generator().manual_seed(99 + len(name))
    x = torch.randn(steps, batch, I, generator=g)
    h0 = torch.randn(layers * dirs, batch, H, generator=g) * 0.5
    with torch.no_grad():
        y, hn = gru(x, h0)
    path = os.path.join(OUT_DIR, name + ".onnx")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        torch.onnx.export(gru, (x, h0), path, input_names=["x", "h0"], output_names=["y", "hn"],
                          opset_version=OPSET, do_constant_folding=fold)
    with open(path, "rb") as f:
        buf = f.read()
    ops, inits, grus = graph_summary(buf)
    assert len(grus) == layers, f"{name}: {len(grus)} GRU nodes for {layers} layers"
    size = os.path.getsize(path)
    assert size < 50_000, f"{name}: {size} bytes"
    print(f"{name}: {size} bytes, ops {ops}, initializers {inits}, "
          f"linear_before_reset {[a.get('linear_before_reset') for a in grus]}")
    return {
        "file": name + ".onnx",
        "inputSize": I,
        "hiddenSize": H,
        "numLayers": layers,
        "bidirectional": dirs == 2,
        "steps": steps,
        "batch": batch,
        "constantFolding": fold,
        "ops": ops,
        "initializers": inits,
        "linearBeforeReset": [a.get("linear_before_reset") for a in grus],
        "stateDict": {k: tensor(v) for k, v in gru.state_dict().items()},
        "x": tensor(x),
        "h0": tensor(h0),
        "y": tensor(y),
        "hn": tensor(hn),
    }


def patch_lbr0(src_name, dst_name):
    """Flip the GRU attribute linear_before_reset from 1 to 0 (same byte length, nothing else changes)."""
    with open(os.path.join(OUT_DIR, src_name + ".onnx"), "rb") as f:
        buf = f.read()
    # AttributeProto: field 1 (name) = "linear_before_reset", then field 3 (i) varint 1 → 0.
    old = b"\x0a\x13linear_before_reset\x18\x01"
    assert buf.count(old) == 1, "linear_before_reset=1 attribute not found exactly once"
    out = buf.replace(old, old[:-1] + b"\x00")
    with open(os.path.join(OUT_DIR, dst_name + ".onnx"), "wb") as f:
        f.write(out)
    _, _, grus = graph_summary(out)
    assert grus[0]["linear_before_reset"] == 0
    print(f"{dst_name}: {len(out)} bytes, linear_before_reset patched to 0")


# Runs onnxruntime-node on every model and TF.js's GRUCell on Keras-layout weights; JSON in and out.
NODE_SCRIPT = r"""
const { createRequire } = require('node:module');
const req = createRequire(process.env.PEERS + '/package.json');
const ort = req('onnxruntime-node');
const tf = req('@tensorflow/tfjs');
const f32 = (t) => { const b = Buffer.from(t.data, 'base64'); return new Float32Array(new Uint8Array(b).buffer); };
const out = (a, shape) => ({ shape, data: Buffer.from(new Float32Array(a).buffer).toString('base64') });
(async () => {
  ort.env.logLevel = 'error';
  await tf.setBackend('cpu');
  const job = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
  const result = { ort: {}, tfjs: [] };
  for (const m of job.models) {
    const s = await ort.InferenceSession.create(process.env.OUT_DIR + '/' + m.file, { intraOpNumThreads: 1 });
    const r = await s.run({ x: new ort.Tensor('float32', f32(m.x), m.x.shape), h0: new ort.Tensor('float32', f32(m.h0), m.h0.shape) });
    result.ort[m.file] = { y: out(r.y.data, r.y.dims), hn: out(r.hn.data, r.hn.dims) };
    await s.release();
  }
  for (const c of job.tfjs) {
    const cell = tf.layers.gruCell({ units: c.hiddenSize, recurrentActivation: c.recurrentActivation });
    cell.build([c.batch, c.inputSize]);
    cell.setWeights([tf.tensor(f32(c.kernel), c.kernel.shape), tf.tensor(f32(c.recurrentKernel), c.recurrentKernel.shape), tf.tensor(f32(c.bias), c.bias.shape)]);
    const [h] = cell.call([tf.tensor(f32(c.x), c.x.shape), tf.tensor(f32(c.h), c.h.shape)], {});
    result.tfjs.push({ recurrentActivation: c.recurrentActivation, hNext: out(h.dataSync(), h.shape) });
  }
  result.versions = { 'onnxruntime-node': ort.env.versions.node, '@tensorflow/tfjs': tf.version.tfjs, backend: tf.getBackend() };
  process.stdout.write(JSON.stringify(result));
})().catch((e) => { console.error(e); process.exit(1); });
"""


def tfjs_jobs():
    """Keras/TF.js-layout weights (kernel (I, 3H), recurrent_kernel (H, 3H), bias (3H), column blocks z|r|h)."""
    I, H, B = 3, 4, 2
    g = torch.Generator().manual_seed(4242)
    kernel = torch.randn(I, 3 * H, generator=g) * 0.6
    recurrent = torch.randn(H, 3 * H, generator=g) * 0.6
    bias = torch.randn(3 * H, generator=g) * 0.5
    x = torch.randn(B, I, generator=g)
    h = torch.randn(B, H, generator=g) * 0.8
    base = {"inputSize": I, "hiddenSize": H, "batch": B, "kernel": tensor(kernel),
            "recurrentKernel": tensor(recurrent), "bias": tensor(bias), "x": tensor(x), "h": tensor(h)}
    return [dict(base, recurrentActivation=a) for a in ("hardSigmoid", "sigmoid")]


def run_peers(models, tfjs):
    if not os.path.isdir(os.path.join(PEERS, "node_modules", "onnxruntime-node")):
        raise SystemExit(f"{PEERS}/node_modules is missing: run `ONNXRUNTIME_NODE_INSTALL=skip npm ci` there first")
    job = {"models": [{"file": m["file"], "x": m["x"], "h0": m["h0"]} for m in models], "tfjs": tfjs}
    env = dict(os.environ, PEERS=PEERS, OUT_DIR=os.path.abspath(OUT_DIR))
    proc = subprocess.run(["node", "-e", NODE_SCRIPT], input=json.dumps(job), capture_output=True, text=True,
                          env=env, check=False)
    if proc.returncode != 0:
        raise SystemExit("node failed:\n" + proc.stderr)
    return json.loads(proc.stdout)


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    torch.set_num_threads(1)
    models = [export_case(*c) for c in CASES]
    patch_lbr0("gru_3_4", "gru_3_4_lbr0")
    lbr0 = dict(models[0], file="gru_3_4_lbr0.onnx", linearBeforeReset=[0])
    del lbr0["y"], lbr0["hn"]  # PyTorch cannot run the reset-before cell: only onnxruntime's outputs
    models.append(lbr0)
    tfjs = tfjs_jobs()
    peers = run_peers(models, tfjs)
    for m in models:
        m["onnxruntime"] = peers["ort"][m["file"]]
    for job, res in zip(tfjs, peers["tfjs"]):
        job["hNext"] = res["hNext"]
    doc = {"generator": GENERATOR, "torch": torch.__version__, "opset": OPSET, "peers": peers["versions"],
           "models": models, "tfjs": tfjs}
    path = os.path.join(OUT_DIR, "expected.json")
    with open(path, "w") as f:
        json.dump(doc, f, indent=1, allow_nan=False)
        f.write("\n")
    print(f"wrote {path}: {len(models)} models, {len(tfjs)} tfjs cases, {os.path.getsize(path)} bytes")


if __name__ == "__main__":
    main()
