"""The restorer's model: what decoding needs, and how it is stored.

A word trigram language model (interpolated log probabilities keyed by packed integer word
ids, trigrams nested by their two-word context) and an OCR confusion (channel) model: per
character substitutions from OCR characters to tone-less clean letters ("6" -> "ô", "&" -> "ơ",
"p" -> "đ"), a tone confusion table and a whole-token table. ``training.train`` fills it.

``Model.save(dir)`` / ``Model.load(dir)`` keep it as one marshal file of builtins. Decoding
starts in a fresh process for every file, so loading is kept cheap: this module holds no
training code, and the table of precomputed candidates stays marshalled per token until a
token is met.
"""

from __future__ import annotations

import marshal
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

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


@dataclass
class Model:
    """A trained restorer model: plain dicts, ready to decode with."""

    vocab: dict[str, int] = field(default_factory=dict)
    uni: dict[int, float] = field(default_factory=dict)
    unseen_logp: float = -20.0
    bi: dict[int, dict[int, float]] = field(default_factory=dict)  # v -> {w: log p}
    bi_bo: dict[int, float] = field(default_factory=dict)
    tri: dict[int, dict[int, float]] = field(default_factory=dict)  # (u, v) -> {w: log p}
    tri_bo: dict[int, float] = field(default_factory=dict)
    sub: dict[str, list[tuple[str, float]]] = field(default_factory=dict)  # ocr char -> [(letters, cost)]
    ins: list[tuple[str, float]] = field(default_factory=list)
    sub2: dict[str, list[tuple[str, float]]] = field(default_factory=dict)  # 2 ocr chars -> 1 letter
    tone_cost: dict[int, list[float]] = field(default_factory=dict)  # ocr tone -> cost per clean tone
    tokens: dict[str, list[tuple[str, float]]] = field(default_factory=dict)  # ocr token -> [(syllable, p)]
    index: dict[str, list[str]] = field(default_factory=dict)  # toneless -> syllables
    tones: dict[str, int] = field(default_factory=dict)  # syllable -> tone (0 ngang .. 5 nặng)
    abbreviations: list[str] = field(default_factory=list)
    capital: dict[int, float] = field(default_factory=dict)  # word id -> -log P(capital | inside a sentence)
    candidates: dict[str, bytes] = field(default_factory=dict)  # frequent OCR token -> marshalled candidates
    prefixes: str = ""  # every prefix of a tone-less spelling in ``index``, one a line
    folded: str = ""  # every spelling in ``index`` without marks, one a line
    ocr_tokens: list[str] = field(default_factory=list)  # OCR words of the training pairs

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


_SENTENCE_END = set('.!?:;(-–•*"“')


def sentence_start(line: str, start: int) -> bool:
    """Tell whether the word at ``start`` opens a sentence (where any word takes a capital)."""
    before = line[:start].rstrip()
    return not before or before[-1] in _SENTENCE_END or bool(re.fullmatch(r"[\dIVXivx.)\s]*", before))
