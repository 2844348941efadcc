"""Restore OCR'd Vietnamese: give back the diacritics and letters a scan lost.

A noisy-channel decoder (see ``decoder``): an OCR confusion model proposes syllables for
each word, a word trigram language model trained on clean administrative Vietnamese picks the
sequence. ``default_restorer().restore_line(text)`` is what extraction calls for every text
field. The model is trained by ``train`` (pure) and rebuilt by ``theodoi train-restore``.
"""

from __future__ import annotations

import logging
import os
from functools import lru_cache
from pathlib import Path

from collections.abc import Iterable

from theodoi.ingest.restore.decoder import Change, RestoreConfig, Restorer, add_candidate_table
from theodoi.ingest.restore.model import Model
from theodoi.ingest.restore.model import train as train_model

__all__ = [
    "Change",
    "Model",
    "RestoreConfig",
    "Restorer",
    "default_restorer",
    "load_restorer",
    "model_dir",
    "train",
]

logger = logging.getLogger(__name__)

PACKAGE_DIR = Path(__file__).resolve().parent
SHIPPED_MODEL_DIR = PACKAGE_DIR / "data"
CORPUS_DIR = PACKAGE_DIR / "corpus"


def train(texts: Iterable[str], pairs: Iterable[tuple[str, str]] = (), lexicon: Iterable[str] = ()) -> Model:
    """Train a restorer model (see ``model.train``) with its table of precomputed candidates."""
    return add_candidate_table(train_model(texts, pairs, lexicon))


def model_dir() -> Path:
    """Return where the restorer's model is read from: the trained one if any, else the shipped one."""
    data_dir = os.environ.get("THEODOI_DATA_DIR")
    if data_dir:
        trained = Path(data_dir) / "restore-model"
        if Model.exists(trained):
            return trained
    return SHIPPED_MODEL_DIR


def load_restorer(directory: str | Path) -> Restorer:
    """Return a restorer with the model in ``directory``."""
    return Restorer(Model.load(directory))


@lru_cache(maxsize=1)
def default_restorer() -> Restorer:
    """Return the shared restorer, loading its model once."""
    directory = model_dir()
    logger.debug("restore: loading model from %s", directory)
    return load_restorer(directory)
