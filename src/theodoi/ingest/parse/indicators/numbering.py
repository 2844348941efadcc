"""The TT numbering of indicator rows (1, 2, 8, 8.1, 8.2, 9 ...) as OCR prints it.

Row numbers are accepted in sequence, with repairs for the usual OCR slips: "83" for "8.3", a
digit lost at the edge, one digit misread, a row number lost.
"""

from __future__ import annotations

import re
from functools import lru_cache

CODE = re.compile(r"^(\d{1,3}(?:\s?[.,]\s?\d{1,2}){0,2})\s*[.)]?(?=\s|[|\]\[]|$)\s*[|\]]?\s*")


ROMAN = re.compile(r"^([ivxl1]{1,4})\s*[.|)\-]?\s*(?:[|]\s*)?(?=\S|$)")


def successors(code: str) -> list[str]:
    parts = code.split(".")
    out = [".".join([*parts[:-1], str(int(parts[-1]) + 1)])]
    if len(parts) < 3:
        out.append(code + ".1")
    for depth in range(len(parts) - 1, 0, -1):
        parent = parts[:depth]
        out.append(".".join([*parent[:-1], str(int(parent[-1]) + 1)]))
    return out


def accept_code(code: str, last: str | None, *, fresh: bool = False) -> str | None:
    """Return the code in sequence that ``code`` (as OCR read it) stands for, or None.

    ``fresh``: a new block (horizon) has just begun, where numbering may restart at 1.
    """
    expected = successors(last) if last else ["1", "1.1"]
    if fresh and last:
        expected = [*expected, "1", "1.1"]
    if code in expected:
        return code
    flat = code.replace(".", "")
    for exp in expected:
        if exp.replace(".", "") == flat:
            return exp  # "83" for "8.3", "311" for "3.11"
    for exp in expected:
        if "." in exp and len(code) >= 3 and exp.endswith(code) and exp != code:
            return exp  # "9.1" for "19.1": the first digit lost
    return None


def code_key(code: str) -> tuple[int, ...]:
    return tuple(int(x) for x in code.split("."))


@lru_cache(maxsize=4096)
def _expectations(last: str | None) -> list[tuple[str, float, int]]:
    """Codes that may follow ``last``: (code, cost of the rows skipped, rows skipped)."""
    if last is None:
        return [("1", 0.0, 0), ("1.1", 0.0, 0), ("2", 0.7, 1), ("3", 1.4, 2), ("1.2", 0.7, 1)]
    out: list[tuple[str, float, int]] = [(c, 0.0, 0) for c in successors(last)]
    out.append((last, 0.6, 0))  # plans do print a number twice ("5.8", "5.8")
    parts = last.split(".")
    for skip in (1, 2, 3):
        sib = ".".join([*parts[:-1], str(int(parts[-1]) + 1 + skip)])
        out.append((sib, 0.7 * skip, skip))
        if len(parts) < 3:
            out.append((".".join([*parts[:-1], str(int(parts[-1]) + skip)]) + ".1", 0.7 * skip, skip))
    if len(parts) > 1:
        top = int(parts[0])
        for skip in (1, 2):
            out.append((str(top + 1 + skip), 0.7 * (skip + 0.5), skip))
            out.append((f"{top + 1}.1", 0.5, 1))
    return out


@lru_cache(maxsize=65536)
def _readings(code: str, expected: str) -> float | None:
    """Cost of reading the OCR'd ``code`` as ``expected``; None when it cannot be."""
    if code == expected:
        return 0.0
    if expected.count(".") >= 2 and code.count(".") < 2:
        return None  # a third level is rare: only a number printed with two dots opens it
    if code == "?":
        return 0.8
    if code.replace(".", "") == expected.replace(".", ""):
        return 0.3  # "83" for "8.3"
    if len(expected) > len(code) and expected.endswith(code) and (len(code) >= 3 or "." not in expected):
        return 0.5  # "9.1" for "19.1", "4" for "14": a digit lost at the edge
    flat, want = code.replace(".", ""), expected.replace(".", "")
    if len(flat) == len(want) >= 2 and sum(a != b for a, b in zip(flat, want, strict=True)) == 1:
        return 0.6  # "313" for "5.13": one digit misread
    return None


def number_chain(cands: list[tuple[int, str]], previous: str | None) -> list[tuple[int, str]]:
    """Return the numbered lines that form the most plausible TT sequence, with their codes.

    A longest-path over the candidates: each accepted line earns 1, minus the cost of reading
    its number as the code it stands for and of the rows the sequence skips. Numbering may
    restart at 1 in a block or continue from ``previous``.
    """
    if not cands:
        return []
    # states[k]: list of (score, code, back pointer (k', state index))
    states: list[list[tuple[float, str, tuple[int, int] | None]]] = []
    starts = list(_expectations(None))
    if previous:
        starts += _expectations(previous)
    for k, (_i, code) in enumerate(cands):
        options: dict[str, tuple[float, tuple[int, int] | None]] = {}
        for exp, skip_cost, _n in starts:
            cost = _readings(code, exp)
            if cost is not None:
                score = 1.0 - cost - skip_cost
                if score > options.get(exp, (-9.0, None))[0]:
                    options[exp] = (score, None)
        for kk in range(max(0, k - 25), k):
            for si, (prev_score, prev_code, _bp) in enumerate(states[kk]):
                for exp, skip_cost, _n in _expectations(prev_code):
                    cost = _readings(code, exp)
                    if cost is None:
                        continue
                    score = prev_score + 1.0 - cost - skip_cost
                    if score > options.get(exp, (-9.0, None))[0]:
                        options[exp] = (score, (kk, si))
        ranked = sorted(options.items(), key=lambda item: -item[1][0])[:4]
        states.append([(sc, c, bp) for c, (sc, bp) in ranked])
    best: tuple[float, int, int] | None = None
    for k, opts in enumerate(states):
        for si, (sc, _c, _bp) in enumerate(opts):
            if best is None or sc > best[0]:
                best = (sc, k, si)
    if best is None:
        return []
    out: list[tuple[int, str]] = []
    node: tuple[int, int] | None = (best[1], best[2])
    while node is not None:
        k, si = node
        _sc, c, bp = states[k][si]
        out.append((cands[k][0], c))
        node = bp
    out.reverse()
    return out


def codes_between(a: str | None, b: str) -> list[str]:
    """The codes a plain sequence would print between ``a`` and ``b`` (siblings only)."""
    if a is None:
        return [str(n) for n in range(1, int(b.split(".")[0]))] if "." not in b else []
    pa, pb = a.split("."), b.split(".")
    if len(pa) == len(pb) and pa[:-1] == pb[:-1]:
        return [".".join([*pa[:-1], str(n)]) for n in range(int(pa[-1]) + 1, int(pb[-1]))]
    if len(pb) == len(pa) + 1 and pb[-1] == "1":
        return [*codes_between(a, ".".join(pb[:-1])), ".".join(pb[:-1])]
    if len(pa) > len(pb):
        return codes_between(".".join(pa[: len(pb)]), b)
    return []
