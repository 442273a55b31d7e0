"""Generates the weight-file fixtures the org.clamp3.core.weights tests read.

Run with a Python that has torch (Debian: apt-get install python3-torch python3-numpy):
    /usr/bin/python3 make_fixtures.py
Writes torch-checkpoint.pth + torch-checkpoint.json (the values the Java reader must return) and
hand-built.safetensors + hand-built.json. Float values are recorded as float32 bit patterns so the
comparison is exact, NaN and -0.0 included.
"""
import collections
import json
import os
import struct

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))


def float_bits(t):
    return [int(b) for b in t.detach().float().contiguous().numpy().view(np.uint32).ravel()]


def describe(t):
    info = {
        "dtype": str(t.dtype).replace("torch.", ""),
        "shape": list(t.shape),
        "stride": list(t.stride()),
        "storage_offset": t.storage_offset(),
    }
    if t.dtype.is_floating_point:
        info["float32_bits"] = float_bits(t)
    else:
        info["values"] = [int(v) for v in t.reshape(-1).tolist()]
    return info


def make_checkpoint():
    torch.manual_seed(1234)
    base = torch.randn(4, 6)
    line = torch.arange(10, dtype=torch.float32) * 0.5 - 1.0
    model = collections.OrderedDict()
    model["encoder.weight"] = torch.randn(3, 5)
    model["encoder.transposed"] = base.t()                      # strides (1, 6)
    model["encoder.slice"] = line[3:8]                          # storage offset 3
    model["half"] = torch.tensor([1.0, -2.5, 65504.0, 6e-8, 1e-5, -0.0, float("inf"), float("nan"), 0.1],
                                 dtype=torch.float16)
    model["bfloat"] = torch.tensor([1.0, -3.140625, 1e30, 1e-30, 0.1], dtype=torch.bfloat16)
    model["ids"] = torch.tensor([[0, -1, 2 ** 40], [-(2 ** 62), 7, 123456789]], dtype=torch.int64)
    model["scalar"] = torch.tensor(0.75)
    model["mask"] = torch.tensor([True, False, True])
    model["double"] = torch.tensor([1.0 / 3.0, -2.0], dtype=torch.float64)

    layer = torch.nn.Linear(3, 2)
    optimizer = torch.optim.AdamW(layer.parameters(), lr=1e-3)
    layer(torch.ones(1, 3)).sum().backward()
    optimizer.step()

    labels = collections.OrderedDict([("rock", 0), ("jazz", 1), ("classical", 2)])
    checkpoint = {
        "model": model,
        "optimizer": optimizer.state_dict(),
        "epoch": 7,
        "lr": 1e-4,
        "labels": dict(labels),
        "shape": (2, 3.5, "x", None, True),
        "big": 2 ** 70,
        "negative": -70000,
    }
    torch.save(checkpoint, os.path.join(HERE, "torch-checkpoint.pth"))

    opt = optimizer.state_dict()
    expected = {
        "model_order": list(model.keys()),
        "model": {k: describe(v) for k, v in model.items()},
        "epoch": 7,
        "lr": 1e-4,
        "labels": dict(labels),
        "top_level_order": list(checkpoint.keys()),
        "big": str(2 ** 70),
        "negative": -70000,
        "optimizer": {
            "state_keys": list(opt["state"].keys()),
            "state0": {k: describe(v) for k, v in opt["state"][0].items()},
            "param_group_keys": list(opt["param_groups"][0].keys()),
            "params": opt["param_groups"][0]["params"],
            "lr": opt["param_groups"][0]["lr"],
            "betas": list(opt["param_groups"][0]["betas"]),
        },
        "torch_version": torch.__version__,
    }
    with open(os.path.join(HERE, "torch-checkpoint.json"), "w") as f:
        json.dump(expected, f, indent=1)


def make_safetensors():
    tensors = collections.OrderedDict()
    tensors["weight"] = ("F32", [2, 3], np.arange(6, dtype=np.float32) / 8 - 0.25)
    tensors["half"] = ("F16", [4], np.array([1.0, -0.5, 6e-8, 65504.0], dtype=np.float16))
    tensors["ids"] = ("I64", [3], np.array([5, -6, 2 ** 50], dtype=np.int64))
    header = {"__metadata__": {"format": "pt"}}
    blobs = []
    offset = 0
    for name, (dtype, shape, array) in tensors.items():
        blob = array.astype(array.dtype.newbyteorder("<")).tobytes()
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [offset, offset + len(blob)]}
        blobs.append(blob)
        offset += len(blob)
    text = json.dumps(header).encode("utf-8")
    text += b" " * (-len(text) % 8)  # the safetensors writer pads the header to 8 bytes
    with open(os.path.join(HERE, "hand-built.safetensors"), "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for blob in blobs:
            f.write(blob)
    expected = {"order": list(tensors.keys()), "tensors": {}}
    for name, (dtype, shape, array) in tensors.items():
        entry = {"dtype": dtype, "shape": shape}
        if array.dtype.kind == "f":
            entry["float32_bits"] = [int(b) for b in array.astype(np.float32).view(np.uint32)]
        else:
            entry["values"] = [int(v) for v in array]
        expected["tensors"][name] = entry
    with open(os.path.join(HERE, "hand-built.json"), "w") as f:
        json.dump(expected, f, indent=1)


if __name__ == "__main__":
    make_checkpoint()
    make_safetensors()
