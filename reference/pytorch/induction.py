#!/usr/bin/env python3
"""Plain-PyTorch reference for thesis chapter 4's induction-head experiment.

A 2-layer, attention-only (no MLP) pre-LayerNorm transformer with RoPE is
trained on a few-shot, in-context-learning-only task:

    x1 y1 x2 y2 xq  ->  label paired in context with xq's class

World (fixed by --world-seed):
  * 150 classes (50 train, 100 held-out test), one exemplar per class: a
    64-dim vector sqrt(rho) m + sqrt(1 - rho) e_c with m shared by every class
    and e_c the class's own, both N(0, I) (rho = --shared-share).
  * L = 5 labels; of the C(5,2) = 10 unordered label pairs, 2 are held out
    of training.

Sequence: two distinct classes c1 != c2 uniformly, an ordered pair of
distinct labels (l1, l2) whose unordered pair is a training pair, the query
class uniformly from {c1, c2}; the target is the label paired with the
query's class.  Training draws fresh sequences every step.

Fixed test sets (2048 sequences each):
  * "exemplars": held-out classes, training label pairs;
  * "relabel":   training classes, held-out label pairs only.

Model: exemplar positions embed with Linear(64->64, bias); label positions
with a learned [5, 64] table; no absolute positions (RoPE on q/k instead).
Two layers of  h = h + Attn(LN(h)), 8 heads of size 8, causal; a final LN and
Linear(64->5, no bias) read out at the query (last) position; softmax
cross-entropy.  Adam (lr 1e-5, constant), batch 32, 1e6 sequences.

Logged every --log-every sequences (CSV, one row per log point, plus a row
at 0 sequences): mean train loss over the window; loss / accuracy on a fixed
2048-sequence "train_eval" set and on both test sets, each also split into
ctx_loss = -log(p(l1)+p(l2)) and pick_loss = -log(p(target)/(p(l1)+p(l2)))
(the "which of the two in-context labels" part; log 2 is chance); and the
per layer-2-head "induction strength": attention weight from the query
(position 4) to the correct label token minus the weight to the incorrect
label token (positions 1 and 3), averaged over the exemplar test set.
Layer-1 "previous-token" scores (mean weight 1->0 and 3->2) are also logged
for each head.

--only-head H zeroes the value vectors of every layer-2 head except H (in
training and evaluation), so only head H of layer 2 contributes.

--bench-steps N skips training and only times N training steps (after a short
warm-up), printing ms/step.

Examples:
  python3 induction.py --out /tmp/induction-ref/seed0.csv
  python3 induction.py --only-head 3 --out /tmp/induction-ref/only3.csv
  python3 induction.py --bench-steps 500 --threads 1
"""

from __future__ import annotations

import argparse
import csv
import itertools
import math
import os
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

D_X = 64          # exemplar dimension
D_MODEL = 64
N_HEADS = 8
D_HEAD = D_MODEL // N_HEADS
N_LAYERS = 2
N_LABELS = 5
N_TRAIN_CLASSES = 50
N_TEST_CLASSES = 100
N_HELDOUT_PAIRS = 2
SEQ_LEN = 5
QUERY_POS = 4
TEST_SIZE = 2048
LN_EPS = 1e-5


# --------------------------------------------------------------------------
# World and data
# --------------------------------------------------------------------------

class World:
    """Fixed exemplars and the train / held-out split of label pairs."""

    def __init__(self, seed: int, shared_share: float):
        g = torch.Generator().manual_seed(seed)
        # toyworld's induction.world: sqrt(rho) m + sqrt(1 - rho) e_c, m shared by every class.
        own = torch.randn(N_TRAIN_CLASSES + N_TEST_CLASSES, D_X, generator=g)
        shared = torch.randn(1, D_X, generator=g)
        self.exemplars = shared_share ** 0.5 * shared + (1 - shared_share) ** 0.5 * own
        pairs = list(itertools.combinations(range(N_LABELS), 2))  # 10 unordered pairs
        perm = torch.randperm(len(pairs), generator=g).tolist()
        held = sorted(perm[:N_HELDOUT_PAIRS])
        self.heldout_pairs = torch.tensor([pairs[i] for i in held])
        self.train_pairs = torch.tensor([p for i, p in enumerate(pairs) if i not in held])
        self.train_classes = torch.arange(N_TRAIN_CLASSES)
        self.test_classes = torch.arange(N_TRAIN_CLASSES, N_TRAIN_CLASSES + N_TEST_CLASSES)

    def sample(self, n: int, classes: torch.Tensor, pairs: torch.Tensor, g: torch.Generator):
        """Returns (x [n,3,64] exemplars at positions 0,2,4; labels [n,2]; target [n];
        correct_pos [n] = position (1 or 3) of the correct label token)."""
        k = len(classes)
        i1 = torch.randint(k, (n,), generator=g)
        i2 = torch.randint(k - 1, (n,), generator=g)
        i2 = i2 + (i2 >= i1).long()                       # distinct from i1
        c1, c2 = classes[i1], classes[i2]
        p = pairs[torch.randint(len(pairs), (n,), generator=g)]  # [n,2]
        swap = torch.randint(2, (n,), generator=g).bool()
        l1 = torch.where(swap, p[:, 1], p[:, 0])
        l2 = torch.where(swap, p[:, 0], p[:, 1])
        q = torch.randint(2, (n,), generator=g).bool()    # True -> query is c2
        cq = torch.where(q, c2, c1)
        x = self.exemplars[torch.stack([c1, c2, cq], dim=1)]
        labels = torch.stack([l1, l2], dim=1)
        target = torch.where(q, l2, l1)
        correct_pos = torch.where(q, 3, 1)
        return x, labels, target, correct_pos


# --------------------------------------------------------------------------
# Model
# --------------------------------------------------------------------------

def rope_tables(seq_len: int, d_head: int):
    i = torch.arange(d_head // 2, dtype=torch.float32)
    inv_freq = 10000.0 ** (-2.0 * i / d_head)                    # [d_head/2]
    t = torch.arange(seq_len, dtype=torch.float32)
    ang = t[:, None] * inv_freq[None, :]                         # [T, d_head/2]
    return torch.cos(ang), torch.sin(ang)


def apply_rope(x: torch.Tensor, cos: torch.Tensor, sin: torch.Tensor) -> torch.Tensor:
    """x [B,H,T,dh]; rotates interleaved pairs (2i, 2i+1) by [cos -sin; sin cos]."""
    xe, xo = x[..., 0::2], x[..., 1::2]
    re = xe * cos - xo * sin
    ro = xe * sin + xo * cos
    return torch.stack([re, ro], dim=-1).flatten(-2)


def normal_linear(d_in: int, d_out: int, bias: bool) -> nn.Linear:
    lin = nn.Linear(d_in, d_out, bias=bias)
    nn.init.normal_(lin.weight, 0.0, 1.0 / math.sqrt(d_in))     # N(0, 1/d_in)
    if bias:
        nn.init.zeros_(lin.bias)
    return lin


class Attention(nn.Module):
    def __init__(self):
        super().__init__()
        self.wq = normal_linear(D_MODEL, D_MODEL, False)
        self.wk = normal_linear(D_MODEL, D_MODEL, False)
        self.wv = normal_linear(D_MODEL, D_MODEL, False)
        self.wo = normal_linear(D_MODEL, D_MODEL, False)

    def forward(self, h, cos, sin, mask, v_head_mask=None):
        B, T, _ = h.shape
        split = lambda t: t.view(B, T, N_HEADS, D_HEAD).transpose(1, 2)  # [B,H,T,dh]
        q = apply_rope(split(self.wq(h)), cos, sin)
        k = apply_rope(split(self.wk(h)), cos, sin)
        v = split(self.wv(h))
        if v_head_mask is not None:
            v = v * v_head_mask.view(1, N_HEADS, 1, 1)
        scores = (q @ k.transpose(-1, -2)) / math.sqrt(D_HEAD)
        scores = scores.masked_fill(mask, float("-inf"))
        attn = scores.softmax(dim=-1)                              # [B,H,T,T]
        out = (attn @ v).transpose(1, 2).reshape(B, T, D_MODEL)
        return self.wo(out), attn


class InductionTransformer(nn.Module):
    def __init__(self, only_head: int | None = None):
        super().__init__()
        self.embed_x = normal_linear(D_X, D_MODEL, True)
        self.embed_label = nn.Parameter(torch.randn(N_LABELS, D_MODEL))
        self.lns = nn.ModuleList([nn.LayerNorm(D_MODEL, eps=LN_EPS) for _ in range(N_LAYERS)])
        self.attns = nn.ModuleList([Attention() for _ in range(N_LAYERS)])
        self.ln_f = nn.LayerNorm(D_MODEL, eps=LN_EPS)
        self.unembed = normal_linear(D_MODEL, N_LABELS, False)
        cos, sin = rope_tables(SEQ_LEN, D_HEAD)
        self.register_buffer("cos", cos, persistent=False)
        self.register_buffer("sin", sin, persistent=False)
        mask = torch.triu(torch.ones(SEQ_LEN, SEQ_LEN, dtype=torch.bool), diagonal=1)
        self.register_buffer("mask", mask, persistent=False)
        if only_head is None:
            self.l2_vmask = None
        else:
            m = torch.zeros(N_HEADS)
            m[only_head] = 1.0
            self.register_buffer("l2_vmask", m, persistent=False)

    def forward(self, x, labels, return_attn=False):
        B = x.shape[0]
        h = x.new_empty(B, SEQ_LEN, D_MODEL)
        h[:, 0::2] = self.embed_x(x)                 # positions 0, 2, 4
        h[:, 1::2] = self.embed_label[labels]        # positions 1, 3
        attns = []
        for layer, (ln, attn) in enumerate(zip(self.lns, self.attns)):
            vmask = self.l2_vmask if layer == 1 else None
            delta, a = attn(ln(h), self.cos, self.sin, self.mask, vmask)
            h = h + delta
            attns.append(a)
        logits = self.unembed(self.ln_f(h[:, QUERY_POS]))
        return (logits, attns) if return_attn else logits


# --------------------------------------------------------------------------
# Evaluation
# --------------------------------------------------------------------------

@torch.no_grad()
def evaluate(model, batch):
    x, labels, target, correct_pos = batch
    logits, attns = model(x, labels, return_attn=True)
    loss = F.cross_entropy(logits, target).item()
    acc = (logits.argmax(-1) == target).float().mean().item()
    # Decomposition  loss = ctx_loss + pick_loss  (per sequence, averaged):
    #   ctx_loss  = -log(p(l1) + p(l2))             ("is the answer one of the context labels?")
    #   pick_loss = -log(p(target) / (p(l1)+p(l2)))  ("which of the two?"; log 2 = chance)
    logp = logits.log_softmax(-1)
    lp_ctx = logp.gather(1, labels).logsumexp(1)
    ctx_loss = (-lp_ctx).mean().item()
    pick_loss = (lp_ctx - logp.gather(1, target[:, None]).squeeze(1)).mean().item()
    a2 = attns[1][:, :, QUERY_POS, :]                            # [B,H,T]
    wrong_pos = 4 - correct_pos                                  # 1 <-> 3
    idx = lambda p: p.view(-1, 1, 1).expand(-1, N_HEADS, 1)
    strength = (a2.gather(2, idx(correct_pos)) - a2.gather(2, idx(wrong_pos))).squeeze(2).mean(0)
    a1 = attns[0]
    prev = 0.5 * (a1[:, :, 1, 0] + a1[:, :, 3, 2]).mean(0)       # [H]
    return loss, acc, ctx_loss, pick_loss, strength.tolist(), prev.tolist()


# --------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------

def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sequences", type=int, default=1_000_000, help="training sequences (default 1e6)")
    p.add_argument("--batch", type=int, default=32, help="batch size (default 32)")
    p.add_argument("--lr", type=float, default=1e-5, help="Adam learning rate (default 1e-5)")
    p.add_argument("--seed", type=int, default=0, help="seed for model init and training stream")
    p.add_argument("--world-seed", type=int, default=0, help="seed for exemplars, pair split, test sets")
    p.add_argument("--shared-share", type=float, default=0.6,
                   help="share of each exemplar's variance in a vector all classes share (toyworld's default 0.6; 0 = i.i.d.)")
    p.add_argument("--threads", type=int, default=1, help="torch.set_num_threads (default 1)")
    p.add_argument("--only-head", type=int, default=None, metavar="H",
                   help="zero value vectors of every layer-2 head except H")
    p.add_argument("--log-every", type=int, default=20_000, help="sequences per log row (default 2e4)")
    p.add_argument("--out", type=str, default=None, help="CSV path for the log")
    p.add_argument("--bench-steps", type=int, default=0, metavar="N",
                   help="only time N training steps after a warm-up and print ms/step")
    return p.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    torch.set_num_threads(args.threads)
    if args.only_head is not None and not 0 <= args.only_head < N_HEADS:
        sys.exit(f"--only-head must be in 0..{N_HEADS - 1}")

    world = World(args.world_seed, args.shared_share)
    gtest = torch.Generator().manual_seed(10_000 + args.world_seed)
    test_sets = {
        "train_eval": world.sample(TEST_SIZE, world.train_classes, world.train_pairs,
                              torch.Generator().manual_seed(30_000 + args.world_seed)),
        "exemplars": world.sample(TEST_SIZE, world.test_classes, world.train_pairs, gtest),
        "relabel": world.sample(TEST_SIZE, world.train_classes, world.heldout_pairs, gtest),
    }
    gtrain = torch.Generator().manual_seed(20_000 + args.seed)
    torch.manual_seed(args.seed)
    model = InductionTransformer(args.only_head)
    opt = torch.optim.Adam(model.parameters(), lr=args.lr, betas=(0.9, 0.999), eps=1e-8,
                           weight_decay=0.0)

    def step():
        x, labels, target, _ = world.sample(args.batch, world.train_classes, world.train_pairs, gtrain)
        loss = F.cross_entropy(model(x, labels), target)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        return loss.item()

    if args.bench_steps:
        for _ in range(50):
            step()
        t0 = time.perf_counter()
        for _ in range(args.bench_steps):
            step()
        dt = time.perf_counter() - t0
        # data-sampling share, for reference
        t1 = time.perf_counter()
        for _ in range(args.bench_steps):
            world.sample(args.batch, world.train_classes, world.train_pairs, gtrain)
        ds = time.perf_counter() - t1
        print(f"torch {torch.__version__} threads={torch.get_num_threads()} batch={args.batch} "
              f"steps={args.bench_steps}: {1e3 * dt / args.bench_steps:.3f} ms/step "
              f"(data sampling alone {1e3 * ds / args.bench_steps:.3f} ms/step)")
        return

    print(f"torch {torch.__version__} threads={torch.get_num_threads()} lr={args.lr} seed={args.seed} "
          f"only_head={args.only_head} held-out pairs={world.heldout_pairs.tolist()}", flush=True)
    fields = (["sequences", "train_loss"]
              + [f"{n}_{m}" for n in test_sets for m in ("loss", "acc", "ctx_loss", "pick_loss")]
              + [f"l2h{h}_induction" for h in range(N_HEADS)]
              + [f"l1h{h}_prevtok" for h in range(N_HEADS)])
    rows = []

    def log(seen, train_loss):
        model.eval()
        row = {"sequences": seen, "train_loss": train_loss}
        for name, batch in test_sets.items():
            loss, acc, ctx, pick, strength, prev = evaluate(model, batch)
            row[f"{name}_loss"], row[f"{name}_acc"] = loss, acc
            row[f"{name}_ctx_loss"], row[f"{name}_pick_loss"] = ctx, pick
            if name == "exemplars":
                row.update({f"l2h{h}_induction": s for h, s in enumerate(strength)})
                row.update({f"l1h{h}_prevtok": s for h, s in enumerate(prev)})
        model.train()
        rows.append(row)
        top = sorted(range(N_HEADS), key=lambda h: -row[f"l2h{h}_induction"])[:3]
        print(f"{seen:>9d}  train {train_loss:.4f} (ctx {row['train_eval_ctx_loss']:.3f} pick "
              f"{row['train_eval_pick_loss']:.3f})  exm {row['exemplars_loss']:.4f}/"
              f"{row['exemplars_acc']:.3f}  relab {row['relabel_loss']:.4f}/{row['relabel_acc']:.3f}  "
              f"top L2 heads " + " ".join(f"h{h}:{row[f'l2h{h}_induction']:+.3f}" for h in top),
              flush=True)

    # Row at 0: train loss is the loss on the fixed 2048-sequence "train_eval" set.
    with torch.no_grad():
        x0, l0, t0_, _ = test_sets["train_eval"]
        log(0, F.cross_entropy(model(x0, l0), t0_).item())

    seen, acc_loss, acc_n = 0, 0.0, 0
    t_start = time.perf_counter()
    while seen < args.sequences:
        acc_loss += step()
        acc_n += 1
        seen += args.batch
        if seen % args.log_every < args.batch or seen >= args.sequences:
            log(seen, acc_loss / acc_n)
            acc_loss, acc_n = 0.0, 0
    elapsed = time.perf_counter() - t_start
    print(f"trained {seen} sequences in {elapsed:.1f}s "
          f"({1e3 * elapsed / (seen / args.batch):.3f} ms/step incl. evaluation)")

    if args.out:
        os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
        with open(args.out, "w", newline="") as f:
            w = csv.DictWriter(f, fieldnames=fields)
            w.writeheader()
            w.writerows(rows)
        print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
