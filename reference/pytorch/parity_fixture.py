#!/usr/bin/env python3
"""Writes the PyTorch parity fixture that Tests/TransformerTests/PyTorchParityTests.swift checks.

For each case (a tiny model of every input kind, loss and position scheme toyworld trains,
and paper 002 §4's one-hot attention model with relative and absolute key positions):
float32 parameters and one batch, then, computed in float64 from exactly those values, the
loss, the gradient of every tensor, and the parameters after one and after two AdamW steps on
that batch.  toyworld computes the same in float32 and must agree to float32 rounding.

    python3 reference/pytorch/parity_fixture.py \
        --out Tests/TransformerTests/Fixtures/pytorch-parity.h5

Layout: one group per case, with the model's attributes (`model.kind`, `model.layers`, ...
as toyworld's run artifacts name them) and the AdamW settings; datasets `input` or
`exemplars` + `labels`, `targets`, `mask` (uint8), `loss` (float64 [2]: before step 1 and
before step 2), and `parameters` (float32), `gradients`, `after_step_1`, `after_step_2`
(float64): every tensor flattened, one after another in the order of the attribute
`tensors` (toyworld's names, comma-separated), which is toyworld's own flat layout.
"""

from __future__ import annotations

import argparse

import h5py
import numpy as np
import torch

from toyworld_models import AttentionOnlyConfig, GPTConfig, OneHotConfig, adamw, forward, loss, random_parameters, shapes

LEARNING_RATE = 1e-2
WEIGHT_DECAY = 0.1

CASES = {
    "gpt-continuous-regression": (GPTConfig(2, 8, 2, 8, "continuous", 5, "regression", 3), 3, 6),
    "gpt-tokens-logits": (GPTConfig(2, 6, 3, 9, "tokens", 13, "logits", 13), 3, 7),
    "gpt-tokens-logits-attention-only": (GPTConfig(1, 8, 1, 6, "tokens", 7, "logits", 7, mlp=False), 4, 6),
    "ao-rope-every": (AttentionOnlyConfig(2, 8, 2, 5, 6, 5, "rope"), 4, 5),
    "ao-learned-last-bias": (AttentionOnlyConfig(2, 8, 2, 7, 4, 9, "learned", "last", True), 5, 7),
    "ao-sinusoidal-every": (AttentionOnlyConfig(1, 8, 2, 5, 3, 4, "sinusoidal"), 3, 5),
    "ao-none-last": (AttentionOnlyConfig(2, 8, 2, 5, 3, 4, "none", "last"), 3, 5),
    "onehot-relative": (OneHotConfig(11, 7, 2, 4, "relative"), 3, 6),
    "onehot-absolute": (OneHotConfig(9, 6, 3, 2, "absolute"), 4, 6),
}


def batch_for(c, B, T, g):
    if isinstance(c, OneHotConfig):
        mask = torch.rand(B, T, generator=g) < 0.7
        mask[0, 0] = True
        return {"input": torch.randint(c.vocabulary, (B, T), generator=g),
                "targets": torch.randint(c.vocabulary, (B, T), generator=g), "mask": mask}
    if isinstance(c, GPTConfig):
        x = (torch.randn(B, T, c.input_size, generator=g) if c.input == "continuous"
             else torch.randint(c.input_size, (B, T), generator=g))
        y = (torch.randn(B, T, c.output_size, generator=g) if c.output == "regression"
             else torch.randint(c.output_size, (B, T), generator=g))
        mask = torch.rand(B, T, generator=g) < 0.7
        return {"input": x, "targets": y, "mask": mask}
    exemplars = torch.randn(B, (T + 1) // 2, c.exemplar_size, generator=g)
    labels = torch.randint(c.labels, (B, T // 2), generator=g)
    targets = torch.randint(c.labels, (B, T), generator=g)
    if c.readout == "last":
        mask = torch.zeros(B, T, dtype=torch.bool)
        mask[:, -1] = torch.rand(B, generator=g) < 0.8
        mask[0, -1] = True
    else:
        mask = torch.rand(B, T, generator=g) < 0.7
        mask[0, 0] = True
    return {"exemplars": exemplars, "labels": labels, "targets": targets, "mask": mask}


def attributes(c) -> dict:
    if isinstance(c, OneHotConfig):
        return {"model.kind": "one-hot-attention", "model.vocabulary": c.vocabulary, "model.context": c.context,
                "model.heads": c.heads, "model.head_size": c.head_size, "model.key_positions": c.positions}
    if isinstance(c, GPTConfig):
        return {"model.kind": "gpt", "model.layers": c.layers, "model.width": c.width, "model.heads": c.heads,
                "model.context": c.context, "model.input": c.input, "model.input_size": c.input_size,
                "model.output": c.output, "model.output_size": c.output_size, "model.mlp": int(c.mlp)}
    return {"model.kind": "attention-only", "model.layers": c.layers, "model.width": c.width, "model.heads": c.heads,
            "model.context": c.context, "model.exemplar_size": c.exemplar_size, "model.labels": c.labels,
            "model.positions": c.positions, "model.readout": c.readout,
            "model.unembedding_bias": int(c.unembedding_bias)}


def write_case(f, name, c, B, T, seed):
    g = torch.Generator().manual_seed(seed)
    p32 = random_parameters(c, g)
    batch = batch_for(c, B, T, g)
    p = {n: t.detach().double().requires_grad_() for n, t in p32.items()}
    batch64 = {k: (v.double() if v.is_floating_point() else v) for k, v in batch.items()}
    opt = adamw(p, c, LEARNING_RATE, WEIGHT_DECAY)
    losses, gradients, after = [], None, []
    for _ in range(2):
        opt.zero_grad()
        value = loss(c, forward(p, c, batch64), batch64)
        value.backward()
        losses.append(value.item())
        if gradients is None:
            gradients = {n: t.grad.detach().clone() for n, t in p.items()}
        opt.step()
        after.append({n: t.detach().clone() for n, t in p.items()})

    grp = f.create_group(name)
    for k, v in attributes(c).items():
        grp.attrs[k] = v
    grp.attrs["adamw.learning_rate"] = LEARNING_RATE
    grp.attrs["adamw.weight_decay"] = WEIGHT_DECAY
    grp.attrs["batch"] = B
    grp.attrs["length"] = T
    for k, v in batch.items():
        data = v.numpy()
        if k == "mask":
            data = data.astype(np.uint8)
        elif data.dtype == np.int64:
            data = data.astype(np.int32)
        grp.create_dataset(k, data=data, track_times=False)
    grp.create_dataset("loss", data=np.array(losses, dtype=np.float64), track_times=False)
    grp.attrs["tensors"] = ",".join(n for n, _, _ in shapes(c))
    for key, tensors, dtype in [("parameters", p32, np.float32), ("gradients", gradients, np.float64),
                                ("after_step_1", after[0], np.float64), ("after_step_2", after[1], np.float64)]:
        flat = torch.cat([tensors[n].detach().flatten() for n, _, _ in shapes(c)])
        grp.create_dataset(key, data=flat.numpy().astype(dtype), track_times=False)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", required=True, help="HDF5 file to write")
    args = ap.parse_args()
    torch.set_num_threads(1)
    with h5py.File(args.out, "w") as f:
        for i, (name, (c, B, T)) in enumerate(CASES.items()):
            write_case(f, name, c, B, T, seed=1000 + i)
    print(f"wrote {len(CASES)} cases to {args.out}")


if __name__ == "__main__":
    main()
