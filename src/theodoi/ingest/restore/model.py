"""The restorer's model: a word trigram language model and an OCR confusion (channel) model.

``train(texts, pairs)`` is a pure function: clean Vietnamese texts feed the language model;
aligned (OCR, clean) line pairs feed the confusion model (and their clean side the language
model). ``Model.save(dir)`` / ``Model.load(dir)`` keep it as one marshal file of builtins, which
loads in a few milliseconds.

Language model: interpolated Witten-Bell trigram over lower-case syllables, stored as
precomputed log probabilities keyed by packed integer ids (fast dict lookups while decoding).
Channel model: per-character substitutions from OCR characters to tone-less clean letters
("6" -> "ô", "&" -> "ơ", "p" -> "đ") with deletions and insertions, a tone confusion table, and a
whole-token table of what each OCR token stood for in the training pairs.
"""

from __future__ import annotations

import difflib
import marshal
import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from theodoi.ingest.restore.syllables import TONE_MARKS, fold_word, marks, syllables

FORMAT = 3
MODEL_FILE = "restore-model.marshal"

# A word core: letters, digits and the symbols OCR puts in place of marked letters.
WORD = re.compile(r"[\w&¢€£¥§@]+")
JUNK = "&¢€£¥§@"
NUM, OTHER, UNSEEN = 1, 2, 3  # reserved word ids; 0 is "no word" (line start)
SHIFT = 20  # bits per word id in packed n-gram keys
_TONE_CHARS = {unicodedata.normalize("NFC", "a" + m)[-1] for m in TONE_MARKS if m}


def toneless(word: str) -> str:
    """Remove only the tone mark, keeping ă â ê ô ơ ư đ: "quyết" -> "quyêt"."""
    decomposed = unicodedata.normalize("NFD", word)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONE_MARKS[1:]))


def is_number(core: str) -> bool:
    return core.isdigit()


def lm_tokens(text: str, inventory: set[str]) -> list[str]:
    """Return the language-model words of a clean text: syllables, "<num>" or "<x>"."""
    out = []
    for core in WORD.findall(unicodedata.normalize("NFC", text)):
        low = core.lower()
        if core.isdigit():
            out.append("<num>")
        elif low in inventory:
            out.append(low)
        else:
            out.append("<x>")
    return out


def _rough_key(word: str) -> str:
    return fold_word(word).translate(str.maketrans("0136&¢€@", "oleooeeu"))


def align_words(ocr: str, clean: str) -> list[tuple[str, str]]:
    """Pair the words of an OCR line with the words of its clean line (same-length runs only)."""
    a = WORD.findall(unicodedata.normalize("NFC", ocr))
    b = WORD.findall(unicodedata.normalize("NFC", clean))
    matcher = difflib.SequenceMatcher(None, [_rough_key(w) for w in a], [_rough_key(w) for w in b], autojunk=False)
    pairs = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
            pairs.extend(zip(a[i1:i2], b[j1:j2], strict=True))
    return pairs


def _edit_ops(source: str, target: str) -> list[tuple[str, str]]:
    """Align two short strings by edit distance; return (source char or "", target char or "")."""
    n, m = len(source), len(target)
    fs, ft = fold_word(source), fold_word(target)
    cost = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n + 1):
        cost[i][0] = i
    for j in range(m + 1):
        cost[0][j] = j
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            sub = 0 if fs[i - 1] == ft[j - 1] else 1
            cost[i][j] = min(cost[i - 1][j - 1] + sub, cost[i - 1][j] + 1, cost[i][j - 1] + 1)
    ops = []
    i, j = n, m
    while i or j:
        if i and j and cost[i][j] == cost[i - 1][j - 1] + (0 if fs[i - 1] == ft[j - 1] else 1):
            ops.append((source[i - 1], target[j - 1]))
            i, j = i - 1, j - 1
        elif i and cost[i][j] == cost[i - 1][j] + 1:
            ops.append((source[i - 1], ""))
            i -= 1
        else:
            ops.append(("", target[j - 1]))
            j -= 1
    return ops[::-1]


# What a plain letter may stand for once the scan lost its marks (prior counts).
_LETTER_VARIANTS = {"a": "ăâ", "e": "ê", "o": "ôơ", "u": "ư", "d": "đ"}
_TONELESS_VOWELS = "aăâeêioôơuưy"
# Shapes a scanner confuses whatever the document (prior counts, before any training pair).
_VISUAL = {
    "j": "i", "l": "i", "1": "li", "0": "oôu", "y": "uư", "w": "ưu", "q": "ôo", "6": "ôơo",
    "&": "ơêô", "¢": "ê", "€": "ê", "£": "ê", "@": "u", "3": "ă", "4": "â", "5": "s", "8": "ô",
}  # fmt: skip


@dataclass
class Model:
    """A trained restorer model: plain dicts, ready to decode with."""

    vocab: dict[str, int] = field(default_factory=dict)
    uni: dict[int, float] = field(default_factory=dict)
    unseen_logp: float = -20.0
    bi: dict[int, float] = field(default_factory=dict)
    bi_bo: dict[int, float] = field(default_factory=dict)
    tri: dict[int, float] = field(default_factory=dict)
    tri_bo: dict[int, float] = field(default_factory=dict)
    sub: dict[str, list[tuple[str, float]]] = field(default_factory=dict)  # ocr char -> [(letters, cost)]
    ins: list[tuple[str, float]] = field(default_factory=list)
    tone_cost: dict[int, list[float]] = field(default_factory=dict)  # ocr tone -> cost per clean tone
    tokens: dict[str, list[tuple[str, float]]] = field(default_factory=dict)  # ocr token -> [(syllable, p)]
    index: dict[str, list[str]] = field(default_factory=dict)  # toneless -> syllables
    abbreviations: list[str] = field(default_factory=list)

    # --- storage ---------------------------------------------------------------------------
    def save(self, directory: str | Path) -> Path:
        """Write the model to ``directory`` (created if missing); return the file written."""
        path = Path(directory)
        path.mkdir(parents=True, exist_ok=True)
        data = {name: getattr(self, name) for name in self.__dataclass_fields__}
        data["format"] = FORMAT
        target = path / MODEL_FILE
        tmp = target.with_suffix(".tmp")
        tmp.write_bytes(marshal.dumps(data))
        tmp.replace(target)
        return target

    @classmethod
    def load(cls, directory: str | Path) -> Model:
        """Read a model written by ``save``."""
        data = marshal.loads((Path(directory) / MODEL_FILE).read_bytes())
        if data.pop("format", None) != FORMAT:
            raise ValueError(f"restore model in {directory} has an old format; rerun train-restore")
        return cls(**data)

    @staticmethod
    def exists(directory: str | Path) -> bool:
        return (Path(directory) / MODEL_FILE).is_file()


def _lm(sentences: Iterable[list[str]], model: Model) -> None:
    vocab: dict[str, int] = {"<num>": NUM, "<x>": OTHER}
    uni: Counter[int] = Counter()
    bi: Counter[int] = Counter()
    tri: Counter[int] = Counter()
    for words in sentences:
        ids = [vocab.setdefault(w, len(vocab) + 4) for w in words]
        u = v = 0
        for w in ids:
            uni[w] += 1
            bi[(v << SHIFT) | w] += 1
            tri[(u << 2 * SHIFT) | (v << SHIFT) | w] += 1
            u, v = v, w
    total = sum(uni.values()) or 1
    n_types = len(uni) + 1
    denominator = total + n_types + 1000
    model.uni = {w: math.log((c + 0.5) / denominator) for w, c in uni.items()}
    model.unseen_logp = math.log(0.5 / denominator)
    mask = (1 << SHIFT) - 1

    ctx_count: Counter[int] = Counter()
    ctx_types: Counter[int] = Counter()
    for key, c in bi.items():
        ctx_count[key >> SHIFT] += c
        ctx_types[key >> SHIFT] += 1
    bi_p: dict[int, float] = {}
    for key, c in bi.items():
        v, w = key >> SHIFT, key & mask
        lam = ctx_count[v] / (ctx_count[v] + ctx_types[v])
        p_uni = math.exp(model.uni[w])
        bi_p[key] = math.log(lam * c / ctx_count[v] + (1 - lam) * p_uni)
    model.bi = bi_p
    model.bi_bo = {v: math.log(ctx_types[v] / (ctx_count[v] + ctx_types[v])) for v in ctx_count}

    ctx_count.clear()
    ctx_types.clear()
    for key, c in tri.items():
        ctx_count[key >> SHIFT] += c
        ctx_types[key >> SHIFT] += 1
    tri_p: dict[int, float] = {}
    for key, c in tri.items():
        uv, w = key >> SHIFT, key & mask
        v = uv & mask
        lam = ctx_count[uv] / (ctx_count[uv] + ctx_types[uv])
        lower = bi_p.get((v << SHIFT) | w)
        if lower is None:
            lower = model.bi_bo.get(v, 0.0) + model.uni[w]
        tri_p[key] = math.log(lam * c / ctx_count[uv] + (1 - lam) * math.exp(lower))
    model.tri = tri_p
    model.tri_bo = {uv: math.log(ctx_types[uv] / (ctx_count[uv] + ctx_types[uv])) for uv in ctx_count}
    model.vocab = vocab


def _channel(pairs: Iterable[tuple[str, str]], inventory: set[str], model: Model) -> None:
    sub_counts: dict[str, Counter[str]] = defaultdict(Counter)
    ins_counts: Counter[str] = Counter()
    tone_counts: dict[int, Counter[int]] = defaultdict(Counter)
    token_counts: dict[str, Counter[str]] = defaultdict(Counter)
    n_chars = 0
    for ocr_line, clean_line in pairs:
        for ocr, clean in align_words(ocr_line, clean_line):
            o, c = ocr.lower(), clean.lower()
            if c not in inventory or o.isdigit() or len(o) > 12:
                continue
            token_counts[o][c] += 1
            tone_counts[marks(o)[0]][marks(c)[0]] += 1
            for s, t in _edit_ops(o, toneless(c)):
                n_chars += 1
                if s:
                    sub_counts[s][t] += 1
                else:
                    ins_counts[t] += 1

    letters = set("abcdefghijklmnopqrstuvwxyz") | set("éèáàảãạ")
    for ch in letters | set(sub_counts):
        counts = Counter(sub_counts.get(ch, {}))
        base = fold_word(ch) if ch.isalpha() else ""
        prior: Counter[float] = Counter()
        if base.isascii() and base.isalpha():
            prior[base] += 20.0
            for variant in _LETTER_VARIANTS.get(base, ""):
                prior[variant] += 4.0
            if base == "e" and ch != "e":  # a marked "é" stands for ê as often as for e
                prior["ê"] += 10.0
        for variant in _VISUAL.get(ch, ""):
            prior[variant] += 2.0
        if base in _TONELESS_VOWELS or not base.isalpha():
            for vowel in _TONELESS_VOWELS:
                prior[vowel] += 0.2
        prior[""] += 0.3
        merged = {t: counts.get(t, 0) + prior.get(t, 0.0) for t in set(counts) | set(prior)}
        total = sum(merged.values())
        options = sorted(((t, -math.log(p / total)) for t, p in merged.items()), key=lambda x: x[1])
        model.sub[ch] = [(t, round(cost, 3)) for t, cost in options if cost < 7.0][:8]
    total_ins = n_chars + 50
    model.ins = sorted(
        ((t, round(-math.log((c + 0.2) / total_ins), 3)) for t, c in ins_counts.items() if c >= 2),
        key=lambda x: x[1],
    )[:6]
    for ocr_tone in range(7):
        counts = tone_counts.get(ocr_tone, Counter())
        total = sum(counts.values()) + 6 * 2.0 + 8.0
        model.tone_cost[ocr_tone] = [
            round(-math.log((counts.get(t, 0) + 2.0 + (8.0 if t == ocr_tone else 0.0)) / total), 3) for t in range(6)
        ]
    model.tokens = {
        o: [(c, round(n / sum(cs.values()), 4)) for c, n in cs.most_common(6)]
        for o, cs in token_counts.items()
        if sum(cs.values()) >= 1
    }


def train(texts: Iterable[str], pairs: Iterable[tuple[str, str]] = ()) -> Model:
    """Train a model on clean Vietnamese ``texts`` and aligned (OCR, clean) line ``pairs``."""
    inventory = syllables()
    pairs = list(pairs)
    model = Model()
    sentences: list[list[str]] = []
    caps: Counter[str] = Counter()
    for text in [*texts, *(clean for _, clean in pairs)]:
        for line in text.splitlines():
            words = lm_tokens(line, inventory)
            if words:
                sentences.append(words)
            for core in WORD.findall(line):
                if len(core) >= 2 and core.isupper() and core.lower() not in inventory:
                    caps[core] += 1
    _lm(sentences, model)
    _channel(pairs, inventory, model)
    seen = {w for w in model.vocab if not w.startswith("<")}
    index: dict[str, list[str]] = defaultdict(list)
    for syllable in inventory | seen:
        index[toneless(syllable)].append(syllable)
    model.index = {k: sorted(v) for k, v in index.items()}
    model.abbreviations = sorted(caps)
    return model
