#!/usr/bin/python3
"""Exports the models bench/memory.ts measures (not test fixtures; nothing here is committed but this script).

    /usr/bin/python3 scripts/make-bench-models.py [OUT_DIR]     # default /work/bench-models

torchvision's DenseNet-121 (random weights, seed 0, 10 classes, eval mode) at 3x32x32 and 3x224x224, opset 13,
dynamic batch axis: densenet121-32.onnx and densenet121-224.onnx (27.8 MB each). Debian: python3-torch,
python3-torchvision (torch 1.13, torchvision 0.14).
"""
import os
import sys

import torch
import torchvision

out = sys.argv[1] if len(sys.argv) > 1 else "/work/bench-models"
os.makedirs(out, exist_ok=True)
torch.manual_seed(0)
m = torchvision.models.densenet121(num_classes=10).eval()
for res in (32, 224):
    x = torch.rand(2, 3, res, res)
    path = os.path.join(out, f"densenet121-{res}.onnx")
    torch.onnx.export(m, x, path, opset_version=13, input_names=["x"], output_names=["logits"],
                      dynamic_axes={"x": {0: "N"}, "logits": {0: "N"}})
    print(path)
