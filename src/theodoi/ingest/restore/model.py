"""The restorer's model: what decoding needs, and how it is stored.

A word trigram language model (interpolated log probabilities keyed by packed integer word
ids, trigrams nested by their two-word context) and an OCR confusion (channel) model: per
character substitutions from OCR characters to tone-less clean letters ("6" -> "ô", "&" -> "ơ",
"p" -> "đ"), a tone confusion table and a whole-token table. ``training.train`` fills it.

``Model.save(dir)`` / ``Model.load(dir)`` keep it as one marshal file of builtins. Decoding
starts in a fresh process for every file, so loading is kept cheap: this module holds no
training code nor heavy imports (no ``dataclasses``, ``typing`` or ``pathlib``), and the
table of precomputed candidates stays marshalled per token until a token is met, as does the
near-syllable index until a damaged word needs it.
"""

from __future__ import annotations

import marshal
import os
import re
import unicodedata

from theodoi.ingest.restore.syllables import TONE_MARKS, fold_word

FORMAT = 6  # 6: trigrams nested by context, candidates marshalled per token, lookup sets
MODEL_FILE = "restore-model.bin"  # marshal of builtins; ".bin" is in the package data

# A word core: letters, digits and the symbols OCR puts in place of marked letters.
WORD = re.compile(r"[\w&¢€£¥§@$]+")
JUNK = "&¢€£¥§@$"
NUM, OTHER, UNSEEN = 1, 2, 3  # reserved word ids; 0 is "no word" (line start)
SHIFT = 20  # bits per word id in packed n-gram keys
_TONE_CHARS = {unicodedata.normalize("NFC", "a" + m)[-1] for m in TONE_MARKS if m}


def toneless(word: str) -> str:
    """Remove only the tone mark, keeping ă â ê ô ơ ư đ: "quyết" -> "quyêt"."""
    decomposed = unicodedata.normalize("NFD", word)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONE_MARKS[1:]))


_LOOK_ALIKES = str.maketrans("0136&¢€@$", "oleooeeus")


def rough_key(word: str) -> str:
    """Return a scanned word's letters without marks, digits and symbols read as the letters
    they look like ("s6" -> "so", "1&" -> "le"): what lets a damaged word be matched to a clean one."""
    return fold_word(word).translate(_LOOK_ALIKES)


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


# Every field of a model with what an empty model holds (a fresh container each time).
FIELDS = {
    "vocab": dict,  # syllable -> word id
    "uni": dict,  # word id -> log p
    "unseen_logp": lambda: -20.0,
    "bi": dict,  # v -> {w: log p}
    "bi_bo": dict,  # v -> back-off log weight
    "tri": dict,  # (u, v) -> {w: log p}
    "tri_bo": dict,  # (u, v) -> back-off log weight
    "sub": dict,  # ocr char -> [(letters, cost)]
    "ins": list,  # [(letters, cost)] a scan dropped
    "sub2": dict,  # 2 ocr chars -> [(letter, cost)]
    "tone_cost": dict,  # ocr tone -> cost per clean tone
    "tokens": dict,  # ocr token -> [(syllable, p)]
    "index": dict,  # toneless -> syllables
    "tones": dict,  # syllable -> tone (0 ngang .. 5 nặng)
    "abbreviations": list,
    "capital": dict,  # word id -> -log P(capital | inside a sentence)
    # word id -> the word ids that follow it in a name written with two capitals ("Quảng
    # Ninh") most times the pair stands inside a sentence; a file written before it loads
    # without it, and no glued name's second half then takes a capital
    "titled_pairs": dict,
    "candidates": dict,  # frequent OCR token -> marshalled candidates
    # The near-syllable index, marshalled (``decoder.near_index``); a file written before it
    # was stored loads without it, and the decoder builds it when first needed.
    "near": bytes,
    "prefixes": str,  # every prefix of a tone-less spelling in ``index``, one a line
    "folded": str,  # every spelling in ``index`` without marks, one a line
    "ocr_tokens": list,  # OCR words of the training pairs
}


class Model:
    """A trained restorer model: plain dicts, ready to decode with (fields: ``FIELDS``).

    A plain class, not a dataclass: ``dataclasses`` and what it imports cost a tenth of the
    start-up of ``python -m theodoi.ingest.restore``, which runs once per file.
    """

    def __init__(self, **values) -> None:
        unknown = values.keys() - FIELDS.keys()
        if unknown:
            raise TypeError(f"unknown model fields: {sorted(unknown)}")
        for name, empty in FIELDS.items():
            setattr(self, name, values[name] if name in values else empty())

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Model):
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name in FIELDS)

    def __repr__(self) -> str:
        return f"Model({len(self.vocab)} words, {len(self.tri)} trigram contexts)"

    # --- storage ---------------------------------------------------------------------------
    def save(self, directory: str | os.PathLike[str]) -> os.PathLike[str]:
        """Write the model to ``directory`` (created if missing); return the file written."""
        from pathlib import Path  # not at import: start-up time counts

        path = Path(directory)
        path.mkdir(parents=True, exist_ok=True)
        data = _shared({name: getattr(self, name) for name in FIELDS}, {})
        data["format"] = FORMAT
        target = path / MODEL_FILE
        tmp = target.with_suffix(".tmp")
        tmp.write_bytes(marshal.dumps(data))
        tmp.replace(target)
        return target

    @classmethod
    def load(cls, directory: str | os.PathLike[str]) -> Model:
        """Read a model written by ``save``."""
        with open(os.path.join(directory, MODEL_FILE), "rb") as stored:
            data = marshal.loads(stored.read())
        if data.pop("format", None) != FORMAT:
            raise ValueError(f"restore model in {directory} has an old format; rerun train-restore")
        return cls(**data)

    @staticmethod
    def exists(directory: str | os.PathLike[str]) -> bool:
        return os.path.isfile(os.path.join(directory, MODEL_FILE))


def _shared(value, seen: dict):
    """Return ``value`` rebuilt (same order) with equal numbers, strings and bytes as one object.

    marshal writes an object met again as a reference to the first, so loading makes it once:
    the word ids keying every context's followers and the recurring log probabilities load a
    fifth faster. ``seen``: (type, value) -> the object kept.
    """
    kind = type(value)
    if kind is dict:
        return {_shared(k, seen): _shared(v, seen) for k, v in value.items()}
    if kind is list:
        return [_shared(v, seen) for v in value]
    if kind is tuple:
        return tuple(_shared(v, seen) for v in value)
    if kind is float:
        key = (float, value.hex())  # hex: 0.0 and -0.0 stay apart
    elif kind in (int, str, bytes):
        key = (kind, value)
    else:
        return value
    return seen.setdefault(key, value)


_SENTENCE_END = set('.!?:;(-–•*"“')


def sentence_start(line: str, start: int) -> bool:
    """Tell whether the word at ``start`` opens a sentence (where any word takes a capital)."""
    before = line[:start].rstrip()
    return not before or before[-1] in _SENTENCE_END or bool(re.fullmatch(r"[\dIVXivx.)\s]*", before))
