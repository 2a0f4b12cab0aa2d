#!/usr/bin/env python3
"""Plain-PyTorch reference for paper 003's transformer (ICL transience), for speed
comparisons beside `toyworld bench train --cases transience` and as an independent check
of the evaluators.

World: C classes (default 12,800), each a prototype mu_c ~ N(0, I_64) and E fixed
exemplars mu_c + sigma * e (default 20, sigma 1.0), drawn once from --world-seed.

Training sequence x1 y1 x2 y2 xq: the query class and a distinct distractor class
uniformly; one context pair from each, in random order, every exemplar drawn independently
from its class's E; labels are the class indices; the target is the query's own label.

Model (as toyworld's transience.train): exemplars read in by Linear(64 -> 64, bias);
labels by a learned [C, 64] table (std 0.02); learned absolute positions [5, 64] (std 0.02);
two attention-only pre-LN blocks of 8 heads of size 8, causal; a final LN and
Linear(64 -> C, bias) at the query only; softmax cross-entropy. Adam (lr 1e-5, no weight
decay, constant), batch 32, dense updates of every parameter.

Evaluators (spec 001-003 section 1.3; 5,000 sequences from the first 1,600 classes and
their first 5 exemplars; in-context accuracy: argmax over the two labels in context):
ICL (labels 0/1), CIWL (the query's label on an exemplar of another class), Flip (the two
labels swapped); IWL (no label of the query's class in context; plain accuracy).

With --toyworld-world and --toyworld-params it trains nothing: it evaluates toyworld's own
checkpoints (the `params-<n>.h5` files a transience.train stage leaves in its work folder,
or exported tensors in the same layout) on the exemplars of a transience.world artifact,
an implementation of the model and evaluators independent of toyworld's (needs h5py).

  python3 transience.py --bench-steps 2000 --threads 1
  python3 transience.py --classes 1600 --sequences 2000000 --log-every 200000
  python3 transience.py --toyworld-world world.h5 --toyworld-params 'data/work/*/params-*.h5'
"""
import argparse
import math
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

D_MODEL, N_HEADS, N_LAYERS, SEQ_LEN, D_X, LN_EPS = 64, 8, 2, 5, 64, 1e-5
D_HEAD = D_MODEL // N_HEADS


class World:
    def __init__(self, classes: int, exemplars: int, spread: float, seed: int):
        g = torch.Generator().manual_seed(seed)
        prototypes = torch.randn(classes, 1, D_X, generator=g)
        self.x = prototypes + spread * torch.randn(classes, exemplars, D_X, generator=g)
        self.classes, self.exemplars = classes, exemplars

    @staticmethod
    def from_toyworld(path: str) -> "World":
        import h5py
        with h5py.File(path, "r") as f:
            classes, exemplars = int(f.attrs["classes"]), int(f.attrs["exemplars_per_class"])
            world = World.__new__(World)
            world.x = torch.from_numpy(f["exemplars"][()]).view(classes, exemplars, -1)
            world.classes, world.exemplars = classes, exemplars
            return world

    def sequences(self, kind: str, n: int, g: torch.Generator, classes=None, exemplars=None):
        """Returns exemplars [n, 3, 64], context labels [n, 2], target [n]."""
        C = classes or self.classes
        E = exemplars or self.exemplars
        draw = lambda high: torch.randint(high, (n,), generator=g)
        query = draw(C)
        other = (query + 1 + draw(C - 1)) % C
        if kind in ("iwl", "ciwl"):
            first = other
            lo, hi = torch.minimum(query, first), torch.maximum(query, first)
            second = draw(C - 2)
            second = second + (second >= lo).long()
            second = second + (second >= hi).long()
            labels = torch.stack([first, second], 1).clone()
            if kind == "ciwl":
                slot = draw(2)
                labels[torch.arange(n), slot] = query
            classes_ctx = torch.stack([first, second], 1)
            target = query
        else:
            query_first = draw(2).bool()
            classes_ctx = torch.where(query_first[:, None], torch.stack([query, other], 1), torch.stack([other, query], 1))
            labels = classes_ctx.clone()
            target = query.clone()
            if kind == "icl":
                one = draw(2)
                labels = torch.where(classes_ctx == query[:, None], one[:, None], 1 - one[:, None])
                target = one
            elif kind == "flip":
                labels = labels.flip(1)
                target = other
        ex = torch.stack([draw(E), draw(E), draw(E)], 1)
        cls = torch.cat([classes_ctx, query[:, None]], 1)
        return self.x[cls, ex], labels, target


class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.ln = nn.LayerNorm(D_MODEL, eps=LN_EPS)
        self.q, self.k, self.v, self.o = (nn.Linear(D_MODEL, D_MODEL, bias=False) for _ in range(4))
        self.register_buffer("mask", torch.triu(torch.ones(SEQ_LEN, SEQ_LEN, dtype=torch.bool), 1), persistent=False)

    def forward(self, h):
        B, T, _ = h.shape
        x = self.ln(h)
        split = lambda t: t.view(B, T, N_HEADS, D_HEAD).transpose(1, 2)
        q, k, v = split(self.q(x)), split(self.k(x)), split(self.v(x))
        scores = (q @ k.transpose(-1, -2)) / math.sqrt(D_HEAD)
        attn = scores.masked_fill(self.mask, float("-inf")).softmax(-1)
        return h + self.o((attn @ v).transpose(1, 2).reshape(B, T, D_MODEL))


class Model(nn.Module):
    def __init__(self, labels: int, layers: int):
        super().__init__()
        self.embed_x = nn.Linear(D_X, D_MODEL)
        self.embed_label = nn.Parameter(0.02 * torch.randn(labels, D_MODEL))
        self.position = nn.Parameter(0.02 * torch.randn(SEQ_LEN, D_MODEL))
        self.blocks = nn.ModuleList(Block() for _ in range(layers))
        self.ln_f = nn.LayerNorm(D_MODEL, eps=LN_EPS)
        self.unembed = nn.Linear(D_MODEL, labels)

    def forward(self, x, labels):
        B = x.shape[0]
        h = x.new_empty(B, SEQ_LEN, D_MODEL)
        h[:, 0::2] = self.embed_x(x)
        h[:, 1::2] = self.embed_label[labels]
        h = h + self.position
        for block in self.blocks:
            h = block(h)
        return self.unembed(self.ln_f(h[:, -1]))


@torch.no_grad()
def evaluate(model, batch, kind):
    x, labels, target = batch
    logits = model(x, labels)
    if kind == "iwl":
        return (logits.argmax(-1) == target).float().mean().item()
    pair = logits.gather(1, labels)
    choice = labels.gather(1, pair.argmax(1, keepdim=True)).squeeze(1)
    return (choice == target).float().mean().item()


def load_toyworld(model: Model, path: str):
    """Copies a toyworld checkpoint (`params/<tensor>`, Linear weights [out, in]) into `model`."""
    import h5py
    names = {"embed.exemplar.weight": "embed_x.weight", "embed.exemplar.bias": "embed_x.bias",
             "embed.label.weight": "embed_label", "embed.position.weight": "position"}
    state = {}
    with h5py.File(path, "r") as f:
        for name, data in f["params"].items():
            ours = names.get(name) or name.replace("layers.", "blocks.").replace(".attn.", ".")
            state[ours] = torch.from_numpy(data[()])
    model.load_state_dict(state, strict=True)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--classes", type=int, default=12_800)
    p.add_argument("--exemplars", type=int, default=20)
    p.add_argument("--spread", type=float, default=1.0)
    p.add_argument("--layers", type=int, default=N_LAYERS)
    p.add_argument("--sequences", type=int, default=20_000_000)
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--lr", type=float, default=1e-5)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--world-seed", type=int, default=0)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--log-every", type=int, default=500_000)
    p.add_argument("--bench-steps", type=int, default=0, metavar="N", help="only time N training steps after a warm-up")
    p.add_argument("--toyworld-world", metavar="H5", help="evaluate toyworld checkpoints on this transience.world artifact")
    p.add_argument("--toyworld-params", metavar="GLOB", help="toyworld checkpoint files, evaluated in order of their sequence count")
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    world = World.from_toyworld(a.toyworld_world) if a.toyworld_world else World(a.classes, a.exemplars, a.spread, a.world_seed)
    model = Model(world.classes, a.layers)
    opt = torch.optim.Adam(model.parameters(), lr=a.lr)
    g = torch.Generator().manual_seed(a.seed + 1)

    def step():
        x, labels, target = world.sequences("train", a.batch, g)
        loss = F.cross_entropy(model(x, labels), target)
        opt.zero_grad(set_to_none=False)
        loss.backward()
        opt.step()
        return loss

    if a.bench_steps:
        for _ in range(50):
            step()
        start = time.perf_counter()
        for _ in range(a.bench_steps):
            step()
        print(f"pytorch {torch.__version__}, {a.threads} thread(s): {1e3 * (time.perf_counter() - start) / a.bench_steps:.3f} ms/step")
        return
    ge = torch.Generator().manual_seed(a.world_seed + 7)
    kinds = ["train", "icl", "iwl", "ciwl", "flip"]
    sets = {k: world.sequences(k, 5000, ge, classes=min(1600, a.classes), exemplars=min(5, a.exemplars)) for k in kinds}
    print("sequences," + ",".join(kinds))
    if a.toyworld_params:
        import glob
        import re
        count = lambda path: int(re.search(r"(\d+)\.h5$", path).group(1))
        for path in sorted(glob.glob(a.toyworld_params), key=count):
            load_toyworld(model, path)
            print(f"{count(path)}," + ",".join(f"{evaluate(model, sets[k], k):.4f}" for k in kinds), flush=True)
        return
    for s in range(0, a.sequences // a.batch + 1):
        if (s * a.batch) % a.log_every == 0:
            print(f"{s * a.batch}," + ",".join(f"{evaluate(model, sets[k], k):.4f}" for k in kinds), flush=True)
        if s < a.sequences // a.batch:
            step()


if __name__ == "__main__":
    main()
