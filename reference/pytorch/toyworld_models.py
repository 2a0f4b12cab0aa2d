"""Plain-PyTorch twins of toyworld's three trainable models, tensor for tensor.

Parameters live in a dict keyed by toyworld's own tensor names (`h.0.attn.c_attn.weight`,
`layers.1.attn.q.weight`, ...), Linear weights `[out, in]` as in `nn.Linear`, so a tensor
moves between the two implementations by name.  The forward passes are functional over
that dict, so the same code runs in float32 (bench.py) and float64 (parity_fixture.py).

What toyworld does, and so what this file does:
  * GPT (Sources/Transformer/GPTModel.swift): pre-LN blocks x + attn(ln_1(x)) [+ mlp(ln_2(.))],
    GELU with the tanh approximation, layer-norm eps 1e-5, causal attention scaled by
    1/sqrt(head size), learned positions `wpe`, input by `read_in` (real vectors, with bias) or
    `wte` (tokens), output by `read_out` (with bias) or `lm_head` (no bias), untied.
  * Attention-only few-shot model (Sources/Transformer/AttentionOnly): exemplars at the even
    positions through `embed.exemplar` (with bias), labels at the odd ones through
    `embed.label`; positions by RoPE (interleaved pairs, base 10,000), a learned table, a
    sinusoidal table or none; blocks h + attn(LN(h)) without MLP and without biases; `ln_f`,
    `unembed` (bias optional) at every position or at the last one only.
  * Paper 002 §4's one-hot attention model (Sources/Transformer/OneHotAttention): one layer,
    tables `query`, `key`, `value`, `output` with one row per token (`key` also one per
    position, after the tokens) and the heads side by side in the columns; score of key j
    under query t is q_t . (k_j + p_slot) with slot T-1-(t-j) (relative) or j (absolute), no
    scaling; causal softmax; logits = the heads' mixes of values times `output`^T.
  * Losses: squared error summed over output dimensions, cross-entropy over classes, both
    averaged over the positions the mask keeps.
  * AdamW as torch.optim.AdamW, weight decay on the 2-D Linear weights only (`decayed`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch
import torch.nn.functional as F

LN_EPS = 1e-5


@dataclass(frozen=True)
class GPTConfig:
    layers: int
    width: int
    heads: int
    context: int
    input: str          # "continuous" or "tokens"
    input_size: int     # vector size or vocabulary
    output: str         # "regression" or "logits"
    output_size: int
    mlp: bool = True


@dataclass(frozen=True)
class AttentionOnlyConfig:
    layers: int
    width: int
    heads: int
    context: int
    exemplar_size: int
    labels: int
    positions: str       # "rope", "learned", "sinusoidal" or "none"
    readout: str = "every"   # "every" or "last"
    unembedding_bias: bool = False


@dataclass(frozen=True)
class OneHotConfig:
    vocabulary: int
    context: int
    heads: int
    head_size: int
    positions: str       # "relative" or "absolute"


def gpt_shapes(c: GPTConfig) -> list[tuple[str, tuple[int, ...], bool]]:
    """(name, shape, decayed) in toyworld's order (ParameterStore.swift)."""
    C = c.width
    out = []
    if c.input == "continuous":
        out += [("read_in.weight", (C, c.input_size), True), ("read_in.bias", (C,), False)]
    else:
        out += [("wte.weight", (c.input_size, C), False)]
    out += [("wpe.weight", (c.context, C), False)]
    for i in range(c.layers):
        p = f"h.{i}."
        out += [(p + "ln_1.weight", (C,), False), (p + "ln_1.bias", (C,), False),
                (p + "attn.c_attn.weight", (3 * C, C), True), (p + "attn.c_attn.bias", (3 * C,), False),
                (p + "attn.c_proj.weight", (C, C), True), (p + "attn.c_proj.bias", (C,), False)]
        if c.mlp:
            out += [(p + "ln_2.weight", (C,), False), (p + "ln_2.bias", (C,), False),
                    (p + "mlp.c_fc.weight", (4 * C, C), True), (p + "mlp.c_fc.bias", (4 * C,), False),
                    (p + "mlp.c_proj.weight", (C, 4 * C), True), (p + "mlp.c_proj.bias", (C,), False)]
    out += [("ln_f.weight", (C,), False), ("ln_f.bias", (C,), False)]
    if c.output == "regression":
        out += [("read_out.weight", (c.output_size, C), True), ("read_out.bias", (c.output_size,), False)]
    else:
        out += [("lm_head.weight", (c.output_size, C), True)]
    return out


def attention_only_shapes(c: AttentionOnlyConfig) -> list[tuple[str, tuple[int, ...], bool]]:
    """(name, shape, decayed) in toyworld's order (AttentionOnlyLayout.swift)."""
    C = c.width
    out = [("embed.exemplar.weight", (C, c.exemplar_size), True), ("embed.exemplar.bias", (C,), False),
           ("embed.label.weight", (c.labels, C), False)]
    if c.positions == "learned":
        out += [("embed.position.weight", (c.context, C), False)]
    for i in range(c.layers):
        p = f"layers.{i}."
        out += [(p + "ln.weight", (C,), False), (p + "ln.bias", (C,), False)]
        out += [(p + f"attn.{r}.weight", (C, C), True) for r in "qkvo"]
    out += [("ln_f.weight", (C,), False), ("ln_f.bias", (C,), False), ("unembed.weight", (c.labels, C), True)]
    if c.unembedding_bias:
        out += [("unembed.bias", (c.labels,), False)]
    return out


def one_hot_shapes(c: OneHotConfig) -> list[tuple[str, tuple[int, ...], bool]]:
    """(name, shape, decayed) in toyworld's order (OneHotAttentionModel.swift): every table decays."""
    C, V = c.heads * c.head_size, c.vocabulary
    return [("query", (V, C), True), ("key", (V + c.context, C), True), ("value", (V, C), True), ("output", (V, C), True)]


def shapes(c) -> list[tuple[str, tuple[int, ...], bool]]:
    if isinstance(c, GPTConfig):
        return gpt_shapes(c)
    return attention_only_shapes(c) if isinstance(c, AttentionOnlyConfig) else one_hot_shapes(c)


def causal_attention(q, k, v):
    """q, k, v [B, H, T, hs]: softmax(q k^T / sqrt(hs)) v over the causal triangle."""
    return F.scaled_dot_product_attention(q, k, v, is_causal=True)


def split_heads(x, heads):
    B, T, C = x.shape
    return x.view(B, T, heads, C // heads).transpose(1, 2)


def merge_heads(x):
    B, H, T, hs = x.shape
    return x.transpose(1, 2).reshape(B, T, H * hs)


def layer_norm(x, p, name):
    return F.layer_norm(x, (x.shape[-1],), p[name + ".weight"], p[name + ".bias"], LN_EPS)


def gpt_forward(p: dict, c: GPTConfig, x: torch.Tensor) -> torch.Tensor:
    """x: [B, T, input_size] reals or [B, T] token ids; returns [B, T, output_size]."""
    T = x.shape[1]
    if c.input == "continuous":
        h = F.linear(x, p["read_in.weight"], p["read_in.bias"])
    else:
        h = p["wte.weight"][x]
    h = h + p["wpe.weight"][:T]
    for i in range(c.layers):
        b = f"h.{i}."
        qkv = F.linear(layer_norm(h, p, b + "ln_1"), p[b + "attn.c_attn.weight"], p[b + "attn.c_attn.bias"])
        q, k, v = (split_heads(t, c.heads) for t in qkv.split(c.width, dim=-1))
        y = merge_heads(causal_attention(q, k, v))
        h = h + F.linear(y, p[b + "attn.c_proj.weight"], p[b + "attn.c_proj.bias"])
        if c.mlp:
            m = F.linear(layer_norm(h, p, b + "ln_2"), p[b + "mlp.c_fc.weight"], p[b + "mlp.c_fc.bias"])
            h = h + F.linear(F.gelu(m, approximate="tanh"), p[b + "mlp.c_proj.weight"], p[b + "mlp.c_proj.bias"])
    h = layer_norm(h, p, "ln_f")
    if c.output == "regression":
        return F.linear(h, p["read_out.weight"], p["read_out.bias"])
    return F.linear(h, p["lm_head.weight"])


def rope(x, T):
    """x [B, H, T, hs]: rotates pairs (2i, 2i+1) by t * 10000^(-2i / hs)."""
    hs = x.shape[-1]
    i = torch.arange(hs // 2, dtype=torch.float64)
    angle = torch.arange(T, dtype=torch.float64)[:, None] * 10000.0 ** (-2.0 * i / hs)
    cos, sin = angle.cos().to(x.dtype), angle.sin().to(x.dtype)
    even, odd = x[..., 0::2], x[..., 1::2]
    return torch.stack([even * cos - odd * sin, even * sin + odd * cos], dim=-1).flatten(-2)


def sinusoidal_table(T, C, dtype):
    i = torch.arange(C // 2, dtype=torch.float64)
    angle = torch.arange(T, dtype=torch.float64)[:, None] / 10000.0 ** (2.0 * i / C)
    return torch.stack([angle.sin(), angle.cos()], dim=-1).flatten(-2).to(dtype)


def attention_only_forward(p: dict, c: AttentionOnlyConfig, exemplars, labels) -> torch.Tensor:
    """exemplars [B, (T+1)/2, exemplar_size], labels [B, T/2]; returns logits [B, T, labels]
    (readout "every") or [B, labels] (readout "last")."""
    B, nx = exemplars.shape[:2]
    T = nx + labels.shape[1]
    h = exemplars.new_empty(B, T, c.width)
    h[:, 0::2] = F.linear(exemplars, p["embed.exemplar.weight"], p["embed.exemplar.bias"])
    h[:, 1::2] = p["embed.label.weight"][labels]
    if c.positions == "learned":
        h = h + p["embed.position.weight"][:T]
    elif c.positions == "sinusoidal":
        h = h + sinusoidal_table(T, c.width, h.dtype)
    for i in range(c.layers):
        b = f"layers.{i}."
        a = layer_norm(h, p, b + "ln")
        q, k, v = (split_heads(F.linear(a, p[b + f"attn.{r}.weight"]), c.heads) for r in "qkv")
        if c.positions == "rope":
            q, k = rope(q, T), rope(k, T)
        h = h + F.linear(merge_heads(causal_attention(q, k, v)), p[b + "attn.o.weight"])
    if c.readout == "last":
        h = h[:, -1]
    return F.linear(layer_norm(h, p, "ln_f"), p["unembed.weight"], p.get("unembed.bias"))


def one_hot_forward(p: dict, c: OneHotConfig, x: torch.Tensor) -> torch.Tensor:
    """x [B, T] token ids; returns logits [B, T, vocabulary]."""
    B, T = x.shape
    V, P = c.vocabulary, c.context
    t = torch.arange(T)[:, None]
    j = torch.arange(T)[None, :]
    slot = (P - 1 - (t - j)) if c.positions == "relative" else j.expand(T, T)
    slot = slot.clamp(0, P - 1)   # above the diagonal (masked below) the relative slot runs past P - 1
    q, k, v = (split_heads(p[name][x], c.heads) for name in ("query", "key", "value"))   # [B, H, T, D]
    positions = p["key"][V:][slot].view(T, T, c.heads, c.head_size).permute(2, 0, 1, 3)   # [H, T, T, D]
    scores = q @ k.transpose(-1, -2) + torch.einsum("bhtd,htjd->bhtj", q, positions)
    scores = scores.masked_fill(j > t, float("-inf"))
    mixed = merge_heads(scores.softmax(-1) @ v)
    return F.linear(mixed, p["output"])


def forward(p, c, batch):
    if isinstance(c, GPTConfig):
        return gpt_forward(p, c, batch["input"])
    if isinstance(c, OneHotConfig):
        return one_hot_forward(p, c, batch["input"])
    return attention_only_forward(p, c, batch["exemplars"], batch["labels"])


def loss(c, out, batch) -> torch.Tensor:
    """Mean over the positions `batch["mask"]` keeps ([B, T] bool)."""
    mask, targets = batch["mask"], batch["targets"]
    if isinstance(c, AttentionOnlyConfig) and c.readout == "last":
        mask, targets = mask[:, -1], targets[:, -1]
    if isinstance(c, GPTConfig) and c.output == "regression":
        per_position = ((out - targets) ** 2).sum(-1)
    else:
        per_position = F.cross_entropy(out.flatten(0, -2), targets.flatten().long(), reduction="none").view(mask.shape)
    return (per_position * mask).sum() / mask.sum()


def adamw(p: dict, c, lr, weight_decay, betas=(0.9, 0.999), eps=1e-8):
    decayed = {name for name, _, d in shapes(c) if d}
    groups = [{"params": [p[n] for n, _, _ in shapes(c) if n in decayed], "weight_decay": weight_decay},
              {"params": [p[n] for n, _, _ in shapes(c) if n not in decayed], "weight_decay": 0.0}]
    return torch.optim.AdamW([g for g in groups if g["params"]], lr=lr, betas=betas, eps=eps)


def random_parameters(c, generator, dtype=torch.float32) -> dict:
    """Values away from any special case (layer norms not at 1 / 0), so every gradient is
    exercised; the scale keeps activations of order one."""
    p = {}
    for name, shape, decayed in shapes(c):
        z = torch.randn(shape, generator=generator, dtype=torch.float32)
        if name.endswith("ln.weight") or "ln_" in name and name.endswith(".weight"):
            v = 1 + 0.1 * z
        elif name.endswith(".bias"):
            v = 0.1 * z
        elif decayed:
            v = z / math.sqrt(shape[1])
        else:
            v = z
        p[name] = v.to(dtype).requires_grad_()
    return p
