#!/usr/bin/env python3
"""toyworld's training step beside the same step in PyTorch, in one run on one machine.

For each configuration of `toyworld bench train`, runs that command (its ms/step and the
machine's roofline, measured in the same process), then the same model, batch shape and AdamW
in PyTorch float32 (toyworld_models.py), and prints both with their ratios.  The two
implementations take turns per configuration, so both see the same machine state.

    python3 reference/pytorch/bench.py --toyworld .build/release/toyworld --threads 2 --steps 5

The configurations below mirror TrainBench.cases, InductionBench, TransienceBench and
RelationBench in Sources/; each row checks that both sides count the same parameters.  PyTorch
draws its batches once before timing; toyworld's few-shot configurations (induction,
transience) and the one-hot model (relation) draw a fresh batch inside every step, as their
training runs do, which is part of their time.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import time

import torch

from toyworld_models import AttentionOnlyConfig, GPTConfig, OneHotConfig, adamw, forward, loss, random_parameters

CASES = {
    "lds-small": (GPTConfig(4, 64, 4, 250, "continuous", 57, "regression", 5), 64),
    "lds-paper": (GPTConfig(24, 192, 12, 250, "continuous", 57, "regression", 5), 8),
    "cr-small": (GPTConfig(2, 128, 1, 114, "tokens", 200, "logits", 200), 64),
    "cr-paper": (GPTConfig(2, 256, 1, 414, "tokens", 800, "logits", 800), 64),
    "induction": (AttentionOnlyConfig(2, 64, 8, 5, 64, 5, "rope"), 32),
    "transience": (AttentionOnlyConfig(2, 64, 8, 5, 64, 12800, "learned", "last", True), 32),
    "relation": (OneHotConfig(2377, 64, 3, 256, "relative"), 64),
}
FEW_SHOT_MIN_STEPS = {"induction": 2000, "transience": 200}


def random_batch(c, B, g):
    if isinstance(c, OneHotConfig):
        T = c.context
        return {"input": torch.randint(c.vocabulary, (B, T), generator=g),
                "targets": torch.randint(c.vocabulary, (B, T), generator=g), "mask": torch.ones(B, T, dtype=torch.bool)}
    if isinstance(c, GPTConfig):
        T = c.context
        x = (torch.randn(B, T, c.input_size, generator=g) if c.input == "continuous"
             else torch.randint(c.input_size, (B, T), generator=g))
        y = (torch.randn(B, T, c.output_size, generator=g) if c.output == "regression"
             else torch.randint(c.output_size, (B, T), generator=g))
        return {"input": x, "targets": y, "mask": torch.ones(B, T, dtype=torch.bool)}
    T = c.context
    mask = torch.zeros(B, T, dtype=torch.bool)
    mask[:, -1] = True
    return {"exemplars": torch.randn(B, (T + 1) // 2, c.exemplar_size, generator=g),
            "labels": torch.randint(c.labels, (B, T // 2), generator=g),
            "targets": torch.randint(c.labels, (B, T), generator=g), "mask": mask}


def pytorch_ms_per_step(c, B, steps):
    g = torch.Generator().manual_seed(1)
    p = random_parameters(c, g)
    batch = random_batch(c, B, g)
    opt = adamw(p, c, lr=1e-4, weight_decay=0.01)

    def step():
        opt.zero_grad(set_to_none=False)
        loss(c, forward(p, c, batch), batch).backward()
        opt.step()

    step()
    start = time.perf_counter()
    for _ in range(steps):
        step()
    return (time.perf_counter() - start) / steps * 1e3, sum(t.numel() for t in p.values())


LINE = re.compile(r"^(\S+)\s+threads=(\d+)\s+([\d.]+) ms/step\s+roofline ([\d.]+) ms")
PARAMS = re.compile(r"^\s+(\d+) parameters")


def toyworld_ms_per_step(exe, name, threads, steps):
    out = subprocess.run([exe, "bench", "train", "--cases", name, "--threads", str(threads), "--steps", str(steps)],
                         check=True, capture_output=True, text=True).stdout
    ms = roofline = params = None
    for line in out.splitlines():
        if m := LINE.match(line):
            ms, roofline = float(m.group(3)), float(m.group(4))
        elif m := PARAMS.match(line):
            params = int(m.group(1))
    if ms is None or params is None:
        raise SystemExit(f"could not read toyworld's output for {name}:\n{out}")
    return ms, roofline, params


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--toyworld", default=".build/release/toyworld", help="the toyworld executable")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--steps", type=int, default=5, help="timed steps per GPT configuration")
    ap.add_argument("--cases", default=",".join(CASES), help="comma-separated")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    print(f"PyTorch {torch.__version__}, {torch.get_num_threads()} threads; toyworld {args.toyworld}, {args.threads} threads")
    print(f"{'config':<12}{'toyworld ms':>12}{'PyTorch ms':>12}{'PyTorch/toyworld':>18}{'roofline ms':>13}"
          f"{'toyworld/roofline':>19}{'PyTorch/roofline':>18}")
    for name in args.cases.split(","):
        c, B = CASES[name]
        steps = max(args.steps, FEW_SHOT_MIN_STEPS.get(name, 0))
        ms, roofline, count = toyworld_ms_per_step(args.toyworld, name, args.threads, steps)
        torch_ms, torch_count = pytorch_ms_per_step(c, B, steps)
        if torch_count != count:
            raise SystemExit(f"{name}: toyworld has {count} parameters, this reference {torch_count}: the configurations differ")
        print(f"{name:<12}{ms:>12.3f}{torch_ms:>12.3f}{torch_ms / ms:>17.2f}x{roofline:>13.3f}"
              f"{ms / roofline:>18.2f}x{torch_ms / roofline:>17.2f}x")


if __name__ == "__main__":
    main()
