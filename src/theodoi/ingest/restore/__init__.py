"""Restore OCR'd Vietnamese: give back the diacritics and letters a scan lost.

A noisy-channel decoder (see ``decoder``): an OCR confusion model proposes syllables for
each word, a word trigram language model trained on clean administrative Vietnamese picks the
sequence. ``default_restorer().restore_line(text)`` is what extraction calls for every text
field. The model is trained by ``train`` (pure) and rebuilt by ``theodoi train-restore``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from functools import lru_cache

from theodoi.ingest.restore.decoder import Change, RestoreConfig, Restorer, add_candidate_table
from theodoi.ingest.restore.model import JUNK, WORD, Model
from theodoi.ingest.restore.syllables import fold_word, syllables

__all__ = [
    "Change",
    "Model",
    "RestoreConfig",
    "Restorer",
    "default_restorer",
    "load_restorer",
    "model_dir",
    "text_is_clean",
    "train",
    "train_with_corpus",
    "trained_model_dir",
]

# The package's folders (``pathlib.Path``), made when first asked for: importing ``pathlib``
# costs ``python -m theodoi.ingest.restore --model DIR`` a tenth of its start-up.
_FOLDERS = {"PACKAGE_DIR": "", "SHIPPED_MODEL_DIR": "data", "CORPUS_DIR": "corpus"}


def __getattr__(name: str) -> os.PathLike[str]:
    if name not in _FOLDERS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from pathlib import Path

    folder = globals()[name] = Path(__file__).resolve().parent / _FOLDERS[name]
    return folder


def train(texts: Iterable[str], pairs: Iterable[tuple[str, str]] = (), lexicon: Iterable[str] = ()) -> Model:
    """Train a restorer model (see ``training.train``) with its table of precomputed candidates."""
    from theodoi.ingest.restore.training import train as train_model  # training only

    return add_candidate_table(train_model(texts, pairs, lexicon))


def train_with_corpus(texts: Iterable[str] = (), pairs: Iterable[tuple[str, str]] = ()) -> Model:
    """Train on the shipped corpus plus ``texts`` and ``pairs`` (what ``train-restore`` does)."""
    from theodoi.ingest.restore.corpus import shipped_corpus, shipped_lexicon  # training only

    corpus_texts, corpus_pairs = shipped_corpus()
    return train([*corpus_texts, *texts], [*corpus_pairs, *pairs], shipped_lexicon())


def trained_model_dir() -> os.PathLike[str]:
    """Return where ``train-restore`` writes its model: THEODOI_DATA_DIR/restore-model (a Path).

    Without THEODOI_DATA_DIR the data folder is the per-user default the settings use too.
    """
    from pathlib import Path

    raw = os.environ.get("THEODOI_DATA_DIR")
    if raw:
        data_dir = Path(raw).expanduser()
    else:
        data_dir = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "theodoi"
    return data_dir / "restore-model"


def model_dir() -> os.PathLike[str]:
    """Return where the restorer's model is read from (a Path): the trained one if any, else the
    shipped one."""
    trained = trained_model_dir()
    return trained if Model.exists(trained) else __getattr__("SHIPPED_MODEL_DIR")


@lru_cache(maxsize=1)
def _inventory() -> frozenset[str]:
    return frozenset(syllables())


def text_is_clean(text: str) -> bool:
    """Tell whether ``text`` reads as proper Vietnamese (fit to train on), not OCR output.

    Clean text has almost no word that is not a Vietnamese syllable (abbreviations and numbers
    aside) and most of its syllables carry marks; OCR'd text, even restored, keeps slips.
    """
    inventory = _inventory()
    words = marked = invalid = 0
    for core in WORD.findall(text):
        if core.isdigit() or len(core) == 1 or any(ch.isupper() for ch in core[1:]):
            continue  # numbers, list markers ("b)"), abbreviations ("UBND", "CTr", "IoT")
        low = core.lower()
        words += 1
        if low not in inventory:
            invalid += not low.isascii() or any(ch.isdigit() or ch in JUNK for ch in low) or len(low) <= 4
        elif low != fold_word(low):
            marked += 1
    return words >= 20 and invalid <= 0.01 * words and marked >= 0.5 * words


def load_restorer(directory: str | os.PathLike[str]) -> Restorer:
    """Return a restorer with the model in ``directory``."""
    return Restorer(Model.load(directory))


@lru_cache(maxsize=1)
def default_restorer() -> Restorer:
    """Return the shared restorer, loading its model once."""
    return load_restorer(model_dir())
