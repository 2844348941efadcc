"""Training the restorer's model: ``train(texts, pairs, lexicon)``, a pure function.

Clean Vietnamese texts feed the language model (interpolated Witten-Bell trigram over
lower-case syllables); aligned (OCR, clean) line pairs feed the confusion model (and their
clean side the language model); dictionary words add weak evidence of which syllables go
together. Kept apart from ``model`` so that decoding does not load it.
"""

from __future__ import annotations

import itertools
import math
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable

from theodoi.ingest.restore.model import (
    NUM,
    OTHER,
    SHIFT,
    WORD,
    Model,
    lm_tokens,
    rough_key,
    sentence_start,
    toneless,
)
from theodoi.ingest.restore.syllables import fold_word, marks, syllables


def align_words(ocr: str, clean: str) -> list[tuple[str, str]]:
    """Pair the words of an OCR line with the words of its clean line (same-length runs only)."""
    import difflib  # training only: decoding starts faster without it

    a = WORD.findall(unicodedata.normalize("NFC", ocr))
    b = WORD.findall(unicodedata.normalize("NFC", clean))
    matcher = difflib.SequenceMatcher(
        None, [rough_key(w) for w in a], [rough_key(w) for w in b], autojunk=False
    )
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
_ALPHABET = "abcdefghijklmnopqrstuvwxyzăâêôơưđ"
STRIP_SHARE = 0.2
UNIT_PRIOR = 3.0  # prior count of a two-character shape ("ir" for "ư") per clean letter
WB_K = 2.0  # Witten-Bell with twice the usual weight on unseen continuations: the corpus is small
CONTINUATION = 0.8
# Shapes a scanner confuses whatever the document (prior counts, before any training pair).
_VISUAL = {
    "j": "i", "l": "i", "1": "li", "0": "oôu", "y": "uư", "w": "ưu", "q": "ôo", "6": "ôơo",
    "&": "ơêôaâă", "¢": "êơ", "€": "ê", "£": "ê", "@": "u", "3": "ă", "4": "âa", "5": "s", "8": "ô", "$": "s",
    "d": "ăâôơêo", "c": "ê", "g": "ê", "v": "ư",
}  # fmt: skip
# Two scanned characters that often stand for one letter.
_UNITS = {"ii": "uư", "ir": "ư", "lr": "ư", "rn": "m", "ti": "u"}


def _lm(sentences: Iterable[tuple[list[str], float]], model: Model) -> None:
    vocab: dict[str, int] = {"<num>": NUM, "<x>": OTHER}
    uni: Counter[int] = Counter()
    bi: Counter[int] = Counter()
    tri: Counter[int] = Counter()
    for words, weight in sentences:
        ids = [vocab.setdefault(w, len(vocab) + 4) for w in words]
        u = v = 0
        for w in ids:
            uni[w] += weight
            bi[(v << SHIFT) | w] += weight
            tri[(u << 2 * SHIFT) | (v << SHIFT) | w] += weight
            u, v = v, w
    _witten_bell(uni, bi, tri, model)
    model.vocab = vocab


def _witten_bell(uni: Counter[int], bi: Counter[int], tri: Counter[int], model: Model) -> None:
    """Fill the model's log probabilities: interpolated Witten-Bell."""
    total = sum(uni.values()) or 1
    denominator = total + len(uni) + 1 + 1000
    model.uni = {w: math.log((c + 0.5) / denominator) for w, c in uni.items()}
    model.unseen_logp = math.log(0.5 / denominator)
    mask = (1 << SHIFT) - 1

    def interpolate(counts: Counter[int], lower) -> tuple[dict[int, float], dict[int, float]]:
        context_total: Counter[int] = Counter()
        context_types: Counter[int] = Counter()
        for key, c in counts.items():
            context_total[key >> SHIFT] += c
            context_types[key >> SHIFT] += min(c, 1.0)
        probs = {}
        for key, c in counts.items():
            ctx = key >> SHIFT
            lam = context_total[ctx] / (context_total[ctx] + WB_K * context_types[ctx])
            probs[key] = math.log(lam * c / context_total[ctx] + (1 - lam) * math.exp(lower(key)))
        backoff = {
            ctx: math.log(WB_K * context_types[ctx] / (context_total[ctx] + WB_K * context_types[ctx]))
            for ctx in context_total
        }
        return probs, backoff

    model.bi, model.bi_bo = interpolate(bi, lambda key: model.uni[key & mask])

    def lower2(key: int) -> float:
        vw = key & ((1 << 2 * SHIFT) - 1)
        found = model.bi.get(vw)
        if found is not None:
            return found
        return model.bi_bo.get(vw >> SHIFT, 0.0) + model.uni[vw & mask]

    model.tri, model.tri_bo = interpolate(tri, lower2)
    # Keep only trigrams seen in running text: those a dictionary entry alone adds cost load
    # time and change almost no decision (the bigram still carries them).
    model.tri = _nest({key: lp for key, lp in model.tri.items() if tri[key] >= 1.0})
    model.bi = _nest(model.bi)


def _nest(flat: dict[int, float]) -> dict[int, dict[int, float]]:
    """Return {context: {word: log p}} from packed keys: what the decoder walks, and small
    integers load faster than packed ones."""
    mask = (1 << SHIFT) - 1
    nested: dict[int, dict[int, float]] = {}
    for key, lp in flat.items():
        nested.setdefault(key >> SHIFT, {})[key & mask] = lp
    return nested


def _channel(pairs: Iterable[tuple[str, str]], inventory: set[str], model: Model) -> None:
    sub_counts: dict[str, Counter[str]] = defaultdict(Counter)
    ins_counts: Counter[str] = Counter()
    tone_counts: dict[int, Counter[int]] = defaultdict(Counter)
    token_counts: dict[str, Counter[str]] = defaultdict(Counter)
    unit_counts: dict[str, Counter[str]] = defaultdict(Counter)
    bigram_counts: Counter[str] = Counter()
    n_chars = 0
    ocr_seen: set[str] = set()
    for ocr_line, clean_line in pairs:
        for ocr, clean in align_words(ocr_line, clean_line):
            o, c = ocr.lower(), clean.lower()
            if c not in inventory or o.isdigit() or len(o) > 12:
                continue
            token_counts[o][c] += 1
            ocr_seen.add(o)
            tone_counts[marks(o)[0]][marks(c)[0]] += 1
            bigram_counts.update(o[i : i + 2] for i in range(len(o) - 1))
            ops = _edit_ops(o, toneless(c))
            for (s1, t1), (s2, t2) in itertools.pairwise(ops):
                if s1 and s2 and (t1 == "" or t2 == "") and t1 + t2:
                    unit_counts[s1 + s2][t1 + t2] += 1
            for s, t in ops:
                n_chars += 1
                if s:
                    sub_counts[s][t] += 1
                else:
                    ins_counts[t] += 1

    # Channel probabilities are likelihoods P(OCR | clean), normalised per clean letter, so
    # that the language model alone supplies the prior (how common "ă" is).
    by_target: dict[str, Counter[str]] = defaultdict(Counter)  # clean letter -> OCR chars
    for src, counts in sub_counts.items():
        for t, c in counts.items():
            by_target[t][src] += c
    for t, c in ins_counts.items():
        by_target[t][""] += c
    for unit, counts in unit_counts.items():
        for t, c in counts.items():
            by_target[t][unit] += c
    for t in _ALPHABET:
        prior = by_target[t]
        base = fold_word(t)
        prior[base] += 20.0
        if t != base:
            prior[t] += 2.0  # the scan kept the mark
        if base == "e":
            prior["é"] += 3.0
        for src, letters in _VISUAL.items():
            if t in letters:
                prior[src] += 1.0
        for unit, letters in _UNITS.items():
            if t in letters:
                prior[unit] += UNIT_PRIOR
        if t in _TONELESS_VOWELS:
            for src in "aeiouy":
                prior[src] += 0.1
            prior["é"] += 0.5
        prior[""] += 0.1
    sub: dict[str, list[tuple[str, float]]] = defaultdict(list)
    sub2: dict[str, list[tuple[str, float]]] = defaultdict(list)
    ins: list[tuple[str, float]] = []
    for t, counts in by_target.items():
        if not t:
            continue  # spurious OCR characters: below
        total = sum(counts.values())
        base = fold_word(t)
        for src, c in counts.items():
            # Mixed with a plain mark-loss channel so that text typed without marks is read too.
            p = (1 - STRIP_SHARE) * c / total + (STRIP_SHARE if src == base else 0.0)
            cost = round(-math.log(p), 3)
            if cost > 8.0:
                continue
            if src == "":
                if ins_counts.get(t, 0) >= 2:
                    ins.append((t, cost))
            elif len(src) == 2:
                sub2[src].append((t, cost))
            else:
                sub[src].append((t, cost))
    # An OCR character with no clean letter behind it (a speck read as a letter).
    n_clean = sum(sum(c.values()) for c in by_target.values())
    for src, counts in sub_counts.items():
        spurious = counts.get("", 0) + 0.2
        sub[src].append(("", round(-math.log(spurious / n_clean), 3)))
    model.sub = {src: sorted(options, key=lambda x: x[1])[:10] for src, options in sub.items()}
    model.sub2 = {src: sorted(options, key=lambda x: x[1])[:4] for src, options in sub2.items()}
    model.ins = sorted((o for o in ins if o[1] < 6.0), key=lambda x: x[1])[:6]
    for clean_tone in range(6):
        counts = Counter({o: n for o, cs in tone_counts.items() for t, n in cs.items() if t == clean_tone})
        counts[0] += 20.0
        counts[clean_tone] += 3.0
        for o in range(7):
            counts[o] += 0.2
        total = sum(counts.values())
        for o in range(7):
            model.tone_cost.setdefault(o, [0.0] * 6)[clean_tone] = round(-math.log(counts[o] / total), 3)
    clean_totals: Counter[str] = Counter()
    for cs in token_counts.values():
        clean_totals.update(cs)
    model.ocr_tokens = sorted(ocr_seen)
    model.tokens = {
        o: [(c, round(n / clean_totals[c], 4)) for c, n in cs.most_common(6)]
        for o, cs in token_counts.items()
    }


LEXICON_WEIGHT = 0.05  # a dictionary entry counts as a twentieth of a use in running text


def train(texts: Iterable[str], pairs: Iterable[tuple[str, str]] = (), lexicon: Iterable[str] = ()) -> Model:
    """Train a model on clean Vietnamese ``texts`` and aligned (OCR, clean) line ``pairs``.

    ``lexicon`` (dictionary words, one or more syllables each) adds weak evidence of which
    syllables go together where the texts are silent.
    """
    inventory = syllables()
    pairs = list(pairs)
    model = Model()
    sentences: list[tuple[list[str], float]] = []
    for entry in lexicon:
        words = lm_tokens(entry, inventory)
        if words and "<x>" not in words:
            sentences.append((words, LEXICON_WEIGHT))
    caps: Counter[str] = Counter()
    seen_inside: Counter[str] = Counter()  # a syllable inside a sentence ...
    titled: Counter[str] = Counter()  # ... and written with a capital there (a name: "Nam", "Tây")
    pairs_inside: Counter[tuple[str, str]] = Counter()  # two words inside a sentence ...
    titled_pairs: Counter[tuple[str, str]] = Counter()  # ... both with a capital ("Quảng Ninh")
    for text in [*texts, *(clean for _, clean in pairs)]:
        for line in text.splitlines():
            words = lm_tokens(line, inventory)
            if words:
                sentences.append((words, 1.0))
            before = None  # the word before, inside a sentence, one space back: (word, end)
            for match in WORD.finditer(line):
                core = match.group()
                abbreviation = core.isupper() or any(ch.isupper() for ch in core[1:])  # UBND, IoT, CTr
                if len(core) >= 2 and abbreviation and core.lower() not in inventory:
                    caps[core] += 1
                if not sentence_start(line, match.start()) and not abbreviation:
                    low = core.lower()
                    seen_inside[low] += 1
                    titled[low] += core[0].isupper()
                    if before is not None and line[before[1] : match.start()] == " ":
                        pair = (before[0].lower(), low)
                        pairs_inside[pair] += 1
                        titled_pairs[pair] += before[0][0].isupper() and core[0].isupper()
                    before = (core, match.end())
                else:
                    before = None
    _lm(sentences, model)
    model.capital = {
        model.vocab[w]: round(-math.log((titled[w] + 0.2) / (n + 1.0)), 3)
        for w, n in seen_inside.items()
        if w in model.vocab
    }
    named: dict[int, list[int]] = defaultdict(list)
    for (v, w), n in sorted(titled_pairs.items()):
        if 2 * n > pairs_inside[v, w] and v in model.vocab and w in model.vocab:
            named[model.vocab[v]].append(model.vocab[w])
    model.titled_pairs = dict(named)
    _channel(pairs, inventory, model)
    seen = {w for w in model.vocab if not w.startswith("<")}
    index: dict[str, list[str]] = defaultdict(list)
    for syllable in inventory | seen:
        index[toneless(syllable)].append(syllable)
    model.index = {key: sorted(index[key]) for key in sorted(index)}
    model.tones = {syllable: marks(syllable)[0] % 6 for key in model.index for syllable in model.index[key]}
    model.abbreviations = sorted(caps)
    model.prefixes = "\n".join(sorted({key[:i] for key in model.index for i in range(len(key) + 1)}))
    model.folded = "\n".join(sorted({fold_word(key) for key in model.index}))
    return model
