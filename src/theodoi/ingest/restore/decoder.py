"""Decode OCR'd lines into Vietnamese: candidates per token, then a trigram beam search.

For each OCR word the channel model proposes syllables (cached per distinct token); a beam
search over the line picks the sequence that maximises language-model log probability minus
channel cost. Numbers, document codes (57-NQ/TW, 22/12/2024), abbreviations (UBND), list
markers ("a)"), Roman numerals and words that are not Vietnamese stay as they are. A line that
already reads as proper Vietnamese, or that is not Vietnamese at all, comes back unchanged.
A token no syllable is near that holds two syllables the language model has seen together
("trienkhai") is split in two first (``glued``): the only change to a line's word count.

A whole document (``restore_lines``, ``restore_stream``) is decoded twice: the words the first
pass was sure of teach the second pass what the unsure damaged words between the same
neighbours may be (see ``cache``).
"""

from __future__ import annotations

import heapq
import marshal
import math
import re
from collections import namedtuple
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from itertools import repeat
from operator import add, sub

from theodoi.ingest.restore.cache import DocumentCache, edits
from theodoi.ingest.restore.glued import MIN_LETTERS, split_point
from theodoi.ingest.restore.model import (
    JUNK,
    NUM,
    OTHER,
    SHIFT,
    UNSEEN,
    WORD,
    Model,
    lm_tokens,
    rough_key,
    sentence_start,
)
from theodoi.ingest.restore.shapes import variants
from theodoi.ingest.restore.syllables import fold_word, marks, syllables


@lru_cache(maxsize=1)
def _inventory() -> frozenset[str]:
    return frozenset(syllables())


EMPTY: dict[int, float] = {}
SHAPE_LETTERS = 4  # shorter words: one rewrite is a third of the word or more
RIVALS = 3  # a word's margin is weighed against the first candidates of its token
MAX_LINE = 100_000  # longer lines are not text a scan produced: returned unchanged
CODE = re.compile(
    r"[\w&¢€£¥§@$]*\d[\w&¢€£¥§@$]*(?:[-/.][\w&¢€£¥§@$]+)+"  # 57-NQ/TW, 22/12/2024, 152-KH/TU
    r"|(?<![\w&¢€£¥§@$])[A-ZĐ][A-Za-zĐ]*(?:[-/][A-ZĐ]{2,}[A-Za-z]*)+"  # KH-UBND, TTr-SKHCN (a whole token)
    r"|\b[A-ZĐ]/[A-ZĐ]\b"  # T/M (thay mặt), K/T
)
# Marks a scan prints inside a word in place of a letter or its diacritic ("t?mg", "u:ng", "T}em"); not
# the ASCII apostrophe, which names and English keep ("O'Neil", "it's").
GLUE_CHARS = frozenset('?’":\\}')
ROMAN = re.compile(r"[IVX]+")
UPPER_CODE = re.compile(r"\d+[A-Z]+")
VOWELS = set("aeiouyăâêôơư")
# Words that mark a line as English (none is a Vietnamese syllable an OCR slip would produce).
_ENGLISH_LIST = (
    "the of and is are was were be been with for from this that these those which will would should "
    "can could has have had not its it's into onto by at as an or if but than then there their they "
    "we you he she our your report due please see page section table figure"
)
ENGLISH = frozenset(_ENGLISH_LIST.split())
LIST_MARKER = re.compile(r"(\s*)([a-zđ1])\)")
MARKER_AFTER = {("d", "d"): "đ"}
# List markers a scan prints as a symbol of the same shape ("¢)" for "c)").
# "1)" opening a line is the letter l: Vietnamese administrative documents number clauses
# "1.", "2." and letter their points "a)", "b)" (Decree 30/2020/NĐ-CP), so "1)" is a scan's "l)".
MARKER_SHAPES = {"¢": "c", "€": "e", "1": "l"}
CLEAN_MARKS = set("àáảãạăằắẳẵặâầấẩẫậèẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ")


# Named tuples, not dataclasses: ``dataclasses`` and ``typing`` cost a tenth of the start-up
# of ``python -m theodoi.ingest.restore``, which runs once per file.


class Change(namedtuple("Change", "start end before after reason margin", defaults=(math.inf,))):
    """One span the restorer changed: where (start, end), what it was (before), what it became
    (after) and why (reason).

    ``margin`` is how much less likely (natural log) the line becomes when this one word takes
    its best other candidate (of the token's first few), its neighbours kept: below about 3 the
    restorer was unsure, and a reviewer may want to see the raw word beside it. Infinite where
    there was no other choice.
    """

    __slots__ = ()


class Decoded(namedtuple("Decoded", "text changes words")):
    """A decoded line: its text, the spans changed (``Change``; listed only when asked for), and
    per token (word id, margin) or nothing when the line was left as it is for not being
    Vietnamese."""

    __slots__ = ()


_SETTINGS = (  # (name, default): the defaults are what the benchmark measured best
    ("beam", 16),  # hypotheses kept per word
    ("candidates", 20),  # syllables kept per OCR word
    ("variants", 24),  # tone-less spellings kept while reading an OCR word
    ("candidate_margin", 7.0),  # drop syllables this much less likely (log) than the best
    ("beam_margin", 8.0),  # drop hypotheses this much less likely (log) than the best
    ("channel_weight", 1.0),  # weight of the OCR confusion cost against the language model
    ("keep_cost", 13.0),  # cost of leaving a non-syllable token as it is
    ("table_weight", 0.6),  # weight of the whole-token table against generated candidates
    ("capital_weight", 0.3),  # weight of how often a syllable is capitalised inside a sentence
    ("reference_bonus", 3.0),  # log bonus for a word pair found in a reference document
    ("reference_word_bonus", 1.5),  # log bonus for a word found in a reference document
    ("vietnamese_share", 0.5),  # below this share of Vietnamese-looking words: unchanged
    ("foreign_share", 0.5),  # above this share of English-looking words: unchanged
    ("cache_sure", 3.0),  # a word this much (log) ahead of its best other candidate is sure
    ("cache_window", 5_000),  # lines decoded together (and held in memory) for the cache
    ("proposal_cost", 9.0),  # channel cost of reading an unsure word as a cached neighbour ...
    ("proposal_edit_cost", 2.0),  # ... plus this per letter the scan and the word differ in
    ("near_above", 6.0),  # a token whose best candidate costs more is damaged past the channel:
    ("near_cost", 6.0),  # ... it may be any syllable one or two letters off, at this cost ...
    ("near_edit_cost", 2.5),  # ... plus this per letter (see ``Restorer._near``)
    ("near_candidates", 8),  # ... the likeliest few: more only slow the search (flat from 5 to 8)
    ("near_shape_cost", 1.0),  # ... where letters a scan split or merged ("lf" for "k"), two
    # edits, count as this many once rewritten (``shapes``), in words of ``SHAPE_LETTERS`` or more
    ("near_shape_candidates", 4),  # ... for this many more syllables
)


class RestoreConfig(
    namedtuple("RestoreConfig", [name for name, _ in _SETTINGS], defaults=[value for _, value in _SETTINGS])
):
    """Decoder settings (immutable; ``RestoreConfig(beam=8)`` changes one)."""

    __slots__ = ()


def _cased(word: str, like: str) -> str:
    if like.isupper() and sum(map(str.isupper, like)) > 1:
        return word.upper()
    if like[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


class Restorer:
    """Turn OCR'd Vietnamese lines into proper Vietnamese, one line at a time."""

    def __init__(self, model: Model, config: RestoreConfig | None = None):
        self.model = model
        self.config = config or RestoreConfig()
        self._reference: frozenset[int] = frozenset()
        self._reference_words: frozenset[int] = frozenset()
        self._vocab = model.vocab
        self._prefixes = set(model.prefixes.split("\n"))  # of every tone-less spelling, "" included
        self._folded = set(model.folded.split("\n"))  # every spelling without marks
        self._abbreviations = set(model.abbreviations)
        self._shapes: dict[str, tuple] = {}
        self._prepared: dict[str, tuple] = {}  # OCR word -> (options, ids, weighted costs, unigram log p)
        self._cache: dict[str, tuple[tuple[str, int, float], ...]] = {}
        # The model's precomputed candidates (marshalled per token, read when first met) hold
        # only for the settings they were computed with.
        self._stored: dict[str, bytes] = model.candidates if self.config == RestoreConfig() else {}
        self._unigram_key = model.uni.get
        # Tuples, not lists: a tuple of floats leaves the garbage collector's watch after its
        # first pass, where 100,000 lists of the cache were walked by every full collection.
        self._rows: dict[tuple[int, tuple[int, ...]], tuple[tuple[float, ...], tuple[int, ...]]] = {}
        self._trigram = _trigram_scorer(model)
        # (context (u, v), option ids) -> (option, trigram log p) of the options it has a trigram to
        self._trigram_matches: dict[tuple[int, tuple[int, ...]], tuple[tuple[int, float], ...]] = {}
        self._spelling: dict[int, tuple[str, str]] = {}  # word id -> (syllable, unmarked), when first needed
        self._words: dict[int, str] | None = None  # word id -> syllable, when first needed
        self._distances: dict[tuple[str, str], int] = {}  # (scanned, unmarked) -> edit distance
        self._near_keys: dict[str, list[tuple[str, int]]] | None = None  # see ``_near_index``
        self._by_folded: dict[str, list[tuple[str, int, float]]] = {}  # unmarked -> (syllable, tone, log p)
        self._glued: dict[str, int] = {}  # token -> where it splits in two syllables (0: it does not)
        # line -> (tokens, titled) as a window's first pass read it, for its second pass
        self._tokenized: dict[str, tuple[list[tuple[int, str, int | None]], set[int]]] = {}

    # --- public interface ------------------------------------------------------------------
    def restore_line(self, text: str) -> str:
        """Return ``text`` restored; numbers, codes, case and punctuation are kept."""
        return self._decode(text).text

    def restore_lines(self, lines: list[str]) -> list[str]:
        """Restore each line; the result has as many lines as the input (see ``restore_stream``)."""
        return list(self.restore_stream(lines))

    def restore_stream(self, lines: Iterable[str]) -> Iterator[str]:
        """Restore lines in document order, as many out as in.

        Unlike ``restore_line`` this sees the document. It decodes ``cache_window`` lines at a
        time twice: the word pairs the first pass was sure of (see ``cache``) guide the second
        pass where a word was left open. It also mends list markers a scan cannot tell apart on
        one line: the Vietnamese alphabet runs "c) d) đ) e)", so a second "d)" is "đ)".
        ``theodoi restore`` streams a file through it.
        """
        previous = ""
        for restored in self._two_pass(lines):
            match = LIST_MARKER.match(restored)
            if match:
                marker = match.group(2)
                fixed = MARKER_AFTER.get((previous, marker))
                if fixed:
                    restored = restored[: match.start(2)] + fixed + restored[match.end(2) :]
                    marker = fixed
                previous = marker
            yield restored

    def _two_pass(self, lines: Iterable[str]) -> Iterator[str]:
        config = self.config
        window: list[str] = []
        for line in lines:
            window.append(line)
            if len(window) >= config.cache_window:
                yield from self._restore_window(window)
                window = []
        yield from self._restore_window(window)

    def _restore_window(self, window: list[str]) -> list[str]:
        config = self.config
        # A line printed again (a page's running head, a table's repeated header) decodes the
        # same: each distinct line is decoded once per pass.
        once: dict[str, Decoded] = {}
        first = [
            once[line]
            if line in once
            else once.setdefault(line, self._decode(line, margins=config.cache_sure))
            for line in window
        ]
        spell = self._spell
        cache = DocumentCache.build(
            (decoded.words for decoded in first),
            sure=config.cache_sure,
            length=lambda w: len(spell(w)[1]),
        )
        if not cache:
            self._tokenized.clear()
            return [decoded.text for decoded in first]
        sure = config.cache_sure
        second: dict[str, str] = {}
        for line, decoded in zip(window, first, strict=True):
            if line not in second:
                unsure = any(margin < sure for _, margin in decoded.words)
                second[line] = self._decode(line, cache=cache, first=decoded).text if unsure else decoded.text
        self._tokenized.clear()
        return [second[line] for line in window]

    def explain_line(self, text: str) -> list[Change]:
        """Return the spans ``restore_line`` changes, with before, after and why."""
        return self._decode(text, margins=math.inf, explain=True).changes

    def with_reference(self, texts: list[str]) -> Restorer:
        """Return a restorer that prefers the wording of ``texts`` (clean documents).

        Their words become candidates even where the language model never saw them (a place
        name), and the restorer is rewarded for their words and word pairs.
        """
        inventory = _inventory()
        vocab = dict(self._vocab)
        next_id = max(vocab.values(), default=UNSEEN) + 1
        keys = set(self._reference)
        words = set(self._reference_words)
        folded = set()
        for text in texts:
            for line in text.splitlines():
                v = 0
                for word in lm_tokens(line, inventory):
                    if word not in vocab:
                        vocab[word] = next_id
                        next_id += 1
                    w = vocab[word]
                    keys.add((v << SHIFT) | w)
                    words.add(w)
                    folded.add(fold_word(word))
                    v = w
        twin = Restorer.__new__(Restorer)
        twin.__dict__.update(self.__dict__)
        twin._vocab = vocab
        twin._reference = frozenset(keys)
        twin._reference_words = frozenset(words)
        twin._cache = {k: v for k, v in self._cache.items() if fold_word(k) not in folded}
        twin._stored = {k: v for k, v in self._stored.items() if fold_word(k) not in folded}
        twin._prepared = {}
        twin._glued = {}  # the reference added word pairs
        twin._rows = {}
        twin._tokenized = {}
        twin._spelling = {}  # the reference added words
        twin._words = None
        return twin

    # --- candidates --------------------------------------------------------------------------
    def _variants(self, low: str) -> list[tuple[str, float]]:
        """Return tone-less spellings ``low`` may stand for, with their channel cost."""
        sub = self.model.sub
        sub2 = self.model.sub2
        ins = self.model.ins
        prefixes = self._prefixes
        limit = self.config.variants
        n = len(low)
        states: list[dict[str, float]] = [{} for _ in range(n + 1)]
        states[0][""] = 0.0
        for i in range(n):
            here = states[i]
            if not here:
                continue
            if len(here) > limit:
                here = dict(sorted(here.items(), key=lambda kv: kv[1])[:limit])
            ch = low[i]
            options = sub.get(ch)
            if options is None:
                options = ((ch, 0.0),) if ch.isalpha() else ()
            # (state reached, readings): one OCR character, and two read as one letter.
            steps = [(states[i + 1], options)]
            pair = sub2.get(low[i : i + 2]) if i + 1 < n else None
            if pair:
                steps.append((states[i + 2], pair))
            for prefix, cost in here.items():
                for target, readings in steps:
                    for t, c in readings:
                        key = prefix + t
                        if key in prefixes:
                            total = cost + c
                            if total < target.get(key, 1e9):
                                target[key] = total
                            for t2, c2 in ins:
                                key2 = key + t2
                                if key2 in prefixes and total + c2 < target.get(key2, 1e9):
                                    target[key2] = total + c2
        index = self.model.index
        return [(key, cost) for key, cost in states[n].items() if key in index]

    def _candidates(self, core: str) -> tuple[tuple[str, int, float], ...]:
        """Return (syllable, word id, channel cost) for an OCR word, best first; cached."""
        low = core.lower()
        cached = self._cache.get(low)
        if cached is not None:
            return cached
        stored = self._stored.get(low)
        if stored is not None:
            cached = self._cache[low] = marshal.loads(stored)
            return cached
        model = self.model
        vocab = self._vocab
        tones = model.tones
        index = model.index
        tone_cost = model.tone_cost[marks(low)[0]]
        scored: dict[str, float] = {}
        variants = self._variants(low)
        if variants:
            limit = min(cost for _, cost in variants) + self.config.candidate_margin + 4.0
            for key, cost in variants:
                if cost > limit:
                    continue
                for syllable in index[key]:
                    total = cost + tone_cost[tones[syllable]]
                    if total < scored.get(syllable, 1e9):
                        scored[syllable] = total
        table = model.tokens.get(low)
        if table:
            weight = self.config.table_weight
            mixed = {s: (1 - weight) * math.exp(-c) for s, c in scored.items()}
            for syllable, p in table:
                mixed[syllable] = mixed.get(syllable, 0.0) + weight * p
            scored = {s: -math.log(p) for s, p in mixed.items() if p > 0}
        if min(scored.values(), default=math.inf) > self.config.near_above:
            for syllable, total in self._near(low, tone_cost):
                if total < scored.get(syllable, 1e9):
                    scored[syllable] = total
        uni_get, vocab_get = model.uni.get, vocab.get
        unseen = model.unseen_logp
        preferred = self._reference_words
        bonus = self.config.reference_bonus
        ranked = [
            (cost - uni_get(w, unseen), syllable, w, cost)
            for syllable, cost in scored.items()
            for w in [vocab_get(syllable, UNSEEN)]
        ]
        if preferred:  # words of a reference document (subtracting 0.0 from the others changes nothing)
            ranked = [(r - (bonus if w in preferred else 0.0), s, w, c) for r, s, w, c in ranked]
        ranked.sort()
        out = []
        if ranked:
            floor = ranked[0][0] + self.config.candidate_margin
            out = [
                (syllable, w, cost) for r, syllable, w, cost in ranked[: self.config.candidates] if r <= floor
            ]
        if low not in scored:
            out.append((core, OTHER, self.config.keep_cost))
        result = tuple(out)
        if len(self._cache) < 500_000:
            self._cache[low] = result
        return result

    def _near(self, low: str, tone_cost: list[float]) -> list[tuple[str, float]]:
        """Return the syllables whose letters are one or two edits from a damaged OCR word's, with
        a channel cost by the number of edits and the tone (``tone_cost``: per clean tone, for the
        scan's); only ``near_candidates`` of them, the nearest and likeliest.

        The learnt confusions read a scan letter by letter; a word with a letter dropped or added,
        or two odd letters together ("québc", "gisi", "nhimng", "15i"), falls outside them. Its
        letters are matched (digits and symbols read as the letters they look like) against every
        spelling of the syllable inventory; one letter for words of three letters or fewer. Letters
        the scan split or merged by their shapes ("lf" for "k") are read back too (``shapes``).
        """
        key = rough_key(low)
        # Two letters at least, and a digit the letters do not explain only inside the word
        # ("l5i"): "20h", "3km" are numbers with a unit.
        if len(key) < 2 or not key[0].isalpha() or sum(not ch.isalpha() for ch in key) > 1:
            return []
        limit = 1 if len(key) <= 3 else 2
        found = self._near_spellings(key, limit)
        config = self.config
        ranked = self._near_ranked(found, tone_cost, config.near_candidates)
        if len(key) >= SHAPE_LETTERS:
            # Letters a scan split or merged by their shapes ("lf" for "k", "li" for "h"): one slip
            # each, which the plain search counts as two edits. Each rewrite back costs
            # ``near_shape_cost`` and the rewritten word is searched as the scanned one is (see
            # ``shapes``), rewrites and edits together within the plain limit. The spellings it
            # brings nearer are offered beside the plain search's (which keep their places).
            weight = config.near_shape_cost
            shaped: dict[str, float] = {}
            for variant, made in variants(key).items():
                if not made:
                    continue
                for folded, distance in self._near_spellings(variant, limit - made).items():
                    total = distance + weight * made
                    if total < min(found.get(folded, 9), shaped.get(folded, 9)):
                        shaped[folded] = total
            if shaped:
                ranked += self._near_ranked(shaped, tone_cost, config.near_shape_candidates)
        # The nearest spellings first, then the likeliest words among them.
        return [(syllable, cost) for _, _, syllable, cost in ranked]

    def _near_ranked(
        self, found: dict[str, float], tone_cost: list[float], wanted: int
    ) -> list[tuple[float, float, str, float]]:
        """Return the ``wanted`` nearest and likeliest syllables of the spellings ``found`` (spelling
        -> edits apart) as (edits, cost less unigram log p, syllable, channel cost)."""
        config = self.config
        by_folded = self._by_folded
        by_distance: dict[float, list[str]] = {}
        for folded, distance in found.items():
            by_distance.setdefault(distance, []).append(folded)
        ranked = []
        for distance in sorted(by_distance):
            if len(ranked) >= wanted:
                break  # the nearest spellings already fill the list: farther ones rank after them
            cost = config.near_cost + config.near_edit_cost * distance
            for folded in by_distance[distance]:
                ranked.extend(
                    (distance, cost + tone_cost[tone] - logp, syllable, cost + tone_cost[tone])
                    for syllable, tone, logp in by_folded[folded]
                )
        return heapq.nsmallest(wanted, ranked)

    def _near_spellings(self, key: str, limit: int) -> dict[str, int]:
        """Return the unmarked spellings ``limit`` letters or fewer from ``key``, with how many."""
        near = self._near_index()
        found: dict[str, int] = {}  # spelling -> letters apart
        shared: dict[str, int] = {}  # spelling -> fewest letters both lost to share a string
        for variant, dropped in _deletions(key, limit).items():
            for folded, dropped_there in near.get(variant, ()):
                if dropped_there > limit:
                    continue
                if dropped and dropped_there:
                    both = dropped + dropped_there
                    if both < shared.get(folded, 5):
                        shared[folded] = both
                elif max(dropped, dropped_there) < found.get(folded, limit + 1):
                    found[folded] = max(dropped, dropped_there)  # letters only lost or only gained: exact
        distances = self._distances
        for folded, both in shared.items():
            if folded in found:
                continue
            # One letter lost on each side: a substitution (same length, one letter differs) or a
            # letter lost here and one gained there. Two on each side and nothing nearer: two
            # substitutions, or further. One and two: weighed letter by letter.
            if both != 3:
                same = len(folded) == len(key)
                differ = sum(map(str.__ne__, key, folded)) if same else 0
                distance = (
                    (1 if same and differ == 1 else 2) if both == 2 else (2 if same and differ == 2 else 3)
                )
            else:
                distance = distances.get((key, folded))
                if distance is None:
                    distance = distances[(key, folded)] = edits(key, folded, limit)
            if distance <= limit:
                found[folded] = distance
        return found

    def _near_index(self) -> dict[str, list[tuple[str, int]]]:
        """Return every deletion (up to two letters) of every unmarked spelling -> (the spelling,
        letters deleted); made when a damaged word first needs it.

        Symmetric deletion (as SymSpell): two words within ``d`` edits share a string made by
        deleting at most ``d`` letters from each, so only the spellings that do are weighed.
        """
        if self._near_keys is None:
            stored = self.model.near  # a model trained before it was stored has none: build it
            self._by_folded, self._near_keys = marshal.loads(stored) if stored else near_index(self.model)
        return self._near_keys

    # --- decoding ----------------------------------------------------------------------------
    def _protected(self, line: str) -> set[int]:
        spans: set[int] = set()
        # Every code has a "-" or "/", or a digit and a ".": a line with neither is not searched.
        if not ("-" in line or "/" in line or ("." in line and any(map(str.isdecimal, line)))):
            return spans
        for match in CODE.finditer(line):
            spans.update(range(match.start(), match.end()))
        return spans

    def _shape(self, core: str) -> tuple:
        """Return what a token is regardless of where it stands (cached per token).

        (fixed id or None, Vietnamese-looking, English-looking, a valid syllable, marked,
        an all-capitals non-syllable that is an abbreviation in running text).
        """
        shape = self._shapes.get(core)
        if shape is not None:
            return shape
        low = core.lower()
        folded = fold_word(low)
        fixed: int | None = None
        if core.isdigit():
            fixed = NUM
        elif (
            len(core) > 20
            or UPPER_CODE.fullmatch(core)
            or core in self._abbreviations
            or (len(core) > 1 and core.isalpha() and core.isupper() and not VOWELS & set(folded))
            or not any(ch.isalpha() or ch in JUNK for ch in core)
            or sum(ch.isdigit() for ch in core) > 2
        ):
            fixed = OTHER
        shape = (
            fixed,
            fixed is None and (folded in self._folded or self._candidates(core)[0][1] != OTHER),
            low in ENGLISH
            or (len(low) >= 5 and low.isascii() and low.isalpha() and folded not in self._folded),
            low in self.model.tones,
            bool(CLEAN_MARKS & set(low)),
            len(core) > 2 and core.isupper() and folded not in self._folded,
        )
        if len(self._shapes) < 500_000:
            self._shapes[core] = shape
        return shape

    def _fixed(
        self, shape: tuple, core: str, start: int, line: str, protected: set[int], upper_line: bool
    ) -> int | None:
        """Return the word id of a token that stays as it is, or None if it is to be decoded."""
        if shape[0] is not None:
            return shape[0]
        if start in protected:
            return OTHER
        end = start + len(core)
        if len(core) == 1 and line[end : end + 1] == ")" and line[:start].strip() in ("", "("):
            return OTHER  # a list marker "a)", "(b)"; "B)" inside a sentence is a scanned "Bộ"
        if ROMAN.fullmatch(core) and (line[end : end + 1] == "." or not line[:start].strip()):
            return OTHER
        if not upper_line and shape[5]:
            return OTHER  # an abbreviation (PII, GRDP) in running text
        return None

    def _pieces(self, line: str) -> list[tuple[int, str]]:
        """Return (start, core) of each word of ``line``, a word a scan broke with a stray mark
        glued back: "t?mg", "cé\\p", "u:ng", "1’mg" are one word ("tầng", "cấp", "ứng") where
        neither piece is a syllable by itself and the whole reads as one within the channel
        (``_candidates``). Pieces that are syllables ("Mục tiêu:chung") or numbers stay apart."""
        pieces = [(match.start(), match.group()) for match in WORD.finditer(line)]
        if len(pieces) < 2 or not GLUE_CHARS & set(line):
            return pieces
        out = [pieces[0]]
        folded = self._folded
        for start, core in pieces[1:]:
            before_start, before = out[-1]
            glue = before_start + len(before)
            if (
                start == glue + 1
                and line[glue] in GLUE_CHARS
                and any(ch.isalpha() for ch in before)
                and any(ch.isalpha() for ch in core)
                and (fold_word(before) not in folded or fold_word(core) not in folded)
            ):
                whole = line[before_start : start + len(core)]
                if self._candidates(whole)[0][1] != OTHER:
                    out[-1] = (before_start, whole)
                    continue
            out.append((start, core))
        return out

    def _split_glued(self, pieces: list[tuple[int, str]]) -> list[tuple[int, str]]:
        """Return ``pieces`` with each token that is two syllables run together (``glued``) split
        in two; the second half starts where the first ends (the output puts a space there)."""
        out = []
        for start, core in pieces:
            at = self._glued.get(core)
            if at is None:
                at = self._glued_at(core)
                if len(self._glued) < 500_000:
                    self._glued[core] = at
            if at:
                out.append((start, core[:at]))
                out.append((start + at, core[at:]))
            else:
                out.append((start, core))
        return out

    def _glued_at(self, core: str) -> int:
        low = core.lower()
        if len(low) < MIN_LETTERS or (core[1:] != low[1:]) or fold_word(low) in self._folded:
            return 0  # short, capitals inside (an abbreviation, a brand) or a syllable
        keep = self.config.keep_cost
        if any(w != OTHER and c < keep for _, w, c in self._candidates(core)):
            return 0  # it reads as one word, a letter or two off at most ("Thudong": "Thường")
        bi = self.model.bi

        def pair_logp(v: int, w: int) -> float | None:
            return bi.get(v, EMPTY).get(w) if v > UNSEEN and w > UNSEEN else None

        return split_point(rough_key(low), self._candidates, pair_logp)

    def _decode(
        self,
        line: str,
        margins: float = 0.0,
        cache: DocumentCache | None = None,
        first: Decoded | None = None,
        explain: bool = False,
    ) -> Decoded:
        """Decode one line; ``margins``: also weigh how sure each word is (see ``Change``), up to
        that much (a larger margin may be reported as just over it);
        ``cache``: the words this document surely wrote, ``first``: what the first pass made
        of this line (second pass; returned as it is when the cache offers nothing new);
        ``explain``: list the changes (``Decoded.changes`` is empty otherwise)."""
        if first is not None:
            tokenized = self._tokenized.pop(line, None)
            if tokenized is not None:  # the first pass's tokens: the same, for the same line
                return self._search(line, *tokenized, margins, cache, first, explain)
        if not line or len(line) > MAX_LINE:
            if len(line) > MAX_LINE:
                import logging  # only here: start-up time counts, and this is rare

                logging.getLogger(__name__).warning("restore: line of %d characters left as it is", len(line))
            return Decoded(line, [], ())
        letters = list(filter(str.isalpha, line))
        if len(letters) < 2:
            return Decoded(line, [], ())
        protected = self._protected(line)
        upper_line = sum(map(str.isupper, letters)) > 0.6 * len(letters)
        tokens = []  # (start, core, fixed id or None)
        titled: set[int] = set()  # tokens with a capital inside a sentence: likely a name
        vietnamese = alpha = foreign = 0
        valid = 0
        marked = 0
        pieces = self._pieces(line)
        split = self._split_glued(pieces)
        for start, core in split:
            shape = self._shape(core)
            fixed = self._fixed(shape, core, start, line, protected, upper_line)
            tokens.append((start, core, fixed))
            if (
                fixed is None
                and core[:1].isupper()
                and core[1:].islower()
                and not sentence_start(line, start)
            ):
                titled.add(len(tokens) - 1)
            if fixed is None:
                alpha += 1
                vietnamese += shape[1]
                foreign += shape[2]
                valid += shape[3]
                marked += shape[4]
        if not alpha:
            return Decoded(line, [], ())
        if vietnamese < self.config.vietnamese_share * alpha or foreign > self.config.foreign_share * alpha:
            return Decoded(line, [], ())
        # Already proper Vietnamese: every word a syllable and enough of them marked, or nearly
        # every word and most of them marked (a foreign word or a typo in clean text). A line
        # holding a glued token is decoded all the same: its halves read as syllables ("Vanban"
        # -> "Van" "ban") and would make the line look clean, but they lack their gap and marks.
        if (
            marked
            and len(split) == len(pieces)
            and (
                (valid == alpha and marked >= 0.3 * alpha) or (valid >= 0.9 * alpha and marked >= 0.5 * alpha)
            )
        ):
            vocab = self._vocab
            words = tuple(
                (vocab.get(core.lower(), UNSEEN) if fixed is None else fixed, math.inf)
                for _, core, fixed in tokens
            )
            return Decoded(line, [], words)
        if margins and first is None and not explain:  # a window's first pass (``_restore_window``)
            self._tokenized[line] = (tokens, titled)
        return self._search(line, tokens, titled, margins, cache, first, explain)

    def _search(
        self,
        line: str,
        tokens: list[tuple[int, str, int | None]],
        titled: set[int],
        margins: float = 0.0,
        cache: DocumentCache | None = None,
        first: Decoded | None = None,
        explain: bool = False,
    ) -> Decoded:
        extras: dict[int, tuple[tuple[str, int, float], ...]] = {}
        if first is not None and cache:
            extras = self._extras(tokens, first.words, cache)
            if not extras:
                return first
        model = self.model
        tri, tri_bo, bi, bi_bo, uni = model.tri, model.tri_bo, model.bi, model.bi_bo, model.uni
        unseen = model.unseen_logp
        reference = self._reference
        reference_words = self._reference_words
        word_bonus = self.config.reference_word_bonus
        bonus = self.config.reference_bonus
        weight = self.config.channel_weight
        width = self.config.beam
        margin = self.config.beam_margin
        # hypothesis: packed (u, v) -> (score, back) where back = (choice, previous back)
        # A line that opens with a capital, a number or a bullet starts a sentence; any other
        # line is the wrapped middle of one, where the sentence-start context would mislead.
        head = line.lstrip()[:1]
        opening = (
            0 if (head.isupper() or head.isdigit() or not head.isalpha()) else (UNSEEN << SHIFT) | UNSEEN
        )
        beam: dict[int, tuple[float, tuple | None]] = {opening: (0.0, None)}
        mask = (1 << SHIFT) - 1
        tri_get, bi_get = tri.get, bi.get  # context (u, v) or v -> {w: log p}
        rows = self._rows  # (previous word, option ids) -> (bigram log p, state of each option)
        trigram_matches = self._trigram_matches
        options_per_token = []
        choices_per_token = []  # (option ids, weighted costs) as searched
        capital = model.capital
        capital_weight = self.config.capital_weight
        for position, (_start, core, fixed) in enumerate(tokens):
            if fixed is not None:
                options = ((core, fixed, 0.0),)
                ids, costs, unis = (fixed,), (0.0,), (uni.get(fixed, unseen),)
            else:
                low = core.lower()
                prepared = self._prepared.get(low)
                if prepared is None:
                    options = self._candidates(core)
                    ids = tuple(w for _, w, _ in options)
                    prepared = (
                        options,
                        ids,
                        tuple(weight * c for _, _, c in options),
                        tuple(uni.get(w, unseen) for w in ids),
                    )
                    if len(self._prepared) < 500_000:
                        self._prepared[low] = prepared
                options, ids, costs, unis = prepared
                extra = extras.get(position)
                if extra:
                    options = options + extra
                    ids = ids + tuple(w for _, w, _ in extra)
                    costs = costs + tuple(weight * c for _, _, c in extra)
                    unis = unis + tuple(uni.get(w, unseen) for _, w, _ in extra)
                if position in titled:
                    costs = [
                        c + capital_weight * capital.get(w, 1.6) for c, w in zip(costs, ids, strict=True)
                    ]
            options_per_token.append(options)
            choices_per_token.append((ids, costs))
            if extras:
                continue  # second pass: no search, the new candidates are weighed in place below
            # Hypotheses that end in the same word share their bigram row; one whose context
            # has no trigram to any option is then only as good as its group's best, so a group
            # costs one pass over the options plus the few trigrams its contexts have.
            groups: dict[int, list] = {}  # last word -> [best score + back-off, its back, trigram hyps]
            for uv, (score, back) in beam.items():
                bo3 = tri_bo.get(uv)
                base = score if bo3 is None else score + bo3  # a context never seen: the bigram
                group = groups.get(uv & mask)
                if group is None:
                    groups[uv & mask] = [base, back, []]
                elif base > group[0]:
                    group[0], group[1] = base, back
                if bo3 is not None:
                    groups[uv & mask][2].append((score, back, uv))
            n_options = len(ids)
            grown: dict[int, tuple[float, tuple | None]] = {}
            floor = -1e18  # extensions below the best so far minus the margin are dropped at once
            for v, (base, base_back, trigram_hyps) in groups.items():
                vs = v << SHIFT
                found = rows.get((v, ids))
                if found is not None:
                    row, states = found
                else:
                    bo2 = bi_bo.get(v, 0.0)
                    following_v = bi_get(v, EMPTY).get
                    # The bigram, else the back-off weight plus the unigram (``map``: the loop
                    # runs in C, the search's busiest line with the one below).
                    row = tuple(map(following_v, ids, map(add, repeat(bo2), unis)))
                    if reference:
                        row = tuple(
                            lp
                            + (
                                (bonus if (vs | w) in reference else 0.0)
                                + (word_bonus if w in reference_words else 0.0)
                            )
                            for w, lp in zip(ids, row, strict=True)
                        )
                    states = tuple([vs | w for w in ids])  # the state each option leads to
                    if len(rows) < 200_000:
                        rows[(v, ids)] = (row, states)
                totals = list(map(sub, map(add, repeat(base), row), costs))  # base + lp - cost
                backs = [base_back] * n_options
                for score, back, uv in trigram_hyps:
                    # The options the context (u, v) has a trigram to, with its log p: found once
                    # per context and token (a document repeats its phrases).
                    matches = trigram_matches.get((uv, ids))
                    if matches is None:
                        following = tri_get(uv, EMPTY).get
                        matches = tuple(
                            [(i, lp) for i, lp in enumerate(map(following, ids)) if lp is not None]
                        )
                        if len(trigram_matches) < 200_000:
                            trigram_matches[(uv, ids)] = matches
                    for i, lp in matches:
                        total = score + lp - costs[i]
                        if total > totals[i]:
                            totals[i], backs[i] = total, back
                if max(totals) < floor:
                    continue  # no option of this group reaches the beam
                for choice, total in enumerate(totals):
                    if total < floor:
                        continue
                    if total - margin > floor:
                        floor = total - margin
                    state = states[choice]
                    best = grown.get(state)
                    if best is None or total > best[0]:
                        grown[state] = (total, (choice, backs[choice]))
            if len(grown) > 1:
                ranked = sorted(grown.items(), key=lambda kv: -kv[1][0])[:width]
                floor = ranked[0][1][0] - margin
                grown = {state: hyp for state, hyp in ranked if hyp[0] >= floor}
            beam = grown
        if extras:
            choices = self._second_choices(opening, first, choices_per_token, extras)
        else:
            _, back = max(beam.values(), key=lambda sb: sb[0])
            choices = []
            while back is not None:
                choices.append(back[0])
                back = back[1]
            choices.reverse()
        chosen = [ids[choice] for (ids, _), choice in zip(choices_per_token, choices, strict=True)]
        sure = (
            self._margins(opening, chosen, choices_per_token, choices, margins)
            if margins
            else (math.inf,) * len(chosen)
        )
        pieces = []
        changes = []
        last = 0
        end = -1  # where the token before ended
        titled_pairs = self.model.titled_pairs
        before = (OTHER, "")  # the token before: word id, as scanned
        for (start, core, fixed), options, choice, margin in zip(
            tokens, options_per_token, choices, sure, strict=True
        ):
            like = core
            if start == end:  # the second half of a glued token (``_split_glued``): a space before it
                pieces.append(line[last:start])
                pieces.append(" ")
                last = start
                if (
                    fixed is None
                    and before[1][:1].isupper()
                    and options[choice][1] in titled_pairs.get(before[0], ())
                ):
                    like = core[:1].upper() + core[1:]  # a name's second word ("Quangninh": "Quảng Ninh")
            end = start + len(core)
            before = (options[choice][1] if fixed is None else OTHER, core)
            if fixed is not None:
                marker = MARKER_SHAPES.get(core)
                if marker is None or line[start + 1 : start + 2] != ")" or line[:start].strip():
                    continue
                word = marker  # "¢)" is a list marker "c)" the scan decorated
            else:
                word, w, _ = options[choice]
                if w == OTHER:
                    continue  # kept as it is (the cached option may carry another token's case)
            after = _cased(word, like)
            if after == core:
                continue
            pieces.append(line[last:start])
            pieces.append(after)
            last = start + len(core)
            if explain:
                changes.append(Change(start, last, core, after, "ocr", margin if fixed is None else math.inf))
        words = tuple(
            # A word kept as scanned for want of a believable candidate is as unsure as can be.
            (w, 0.0 if w == OTHER and fixed is None else margin)
            for w, margin, (_, _, fixed) in zip(chosen, sure, tokens, strict=True)
        )
        if not pieces:
            return Decoded(line, [], words)
        pieces.append(line[last:])
        return Decoded("".join(pieces), changes, words)

    def _extras(
        self,
        tokens: list[tuple[int, str, int | None]],
        first: tuple[tuple[int, float], ...],
        cache: DocumentCache,
    ) -> dict[int, tuple[tuple[str, int, float], ...]]:
        """Return per unsure word of a line the cached neighbours it may be (see ``_proposals``)."""
        sure = self.config.cache_sure
        last = len(first) - 1
        extras = {}
        for position, (_start, core, fixed) in enumerate(tokens):
            if fixed is not None or first[position][1] >= sure:
                continue
            # Only a neighbour the first pass was sure of on this line too is evidence.
            before, sure_before = first[position - 1] if position else (0, 0.0)
            after, sure_after = first[position + 1] if position < last else (0, 0.0)
            low = core.lower()
            size = len(rough_key(low))
            limit = max(1, size // 3)
            neighbours = cache.neighbours(
                before if sure_before >= sure else 0,
                after if sure_after >= sure else 0,
                size - limit,
                size + limit,
            )
            if neighbours:
                neighbours.difference_update(w for _, w, _ in self._candidates(core))
                extra = self._proposals(low, neighbours)
                if extra:
                    extras[position] = extra
        return extras

    def _proposals(self, low: str, neighbours: set[int]) -> tuple[tuple[str, int, float], ...]:
        """Return the document's sure neighbour words a damaged OCR word may be, with a cost.

        A scan can mangle a word past what the channel proposes ("tﬁng", "15i", "13"); if the
        same document surely wrote "hạ tầng", "cốt lõi", "nhất là", the word between those
        neighbours is likely the same, when its letters are close ("tﬁng" is one from "tang").
        """
        spell = self._spell
        key = rough_key(low)
        limit = max(1, len(key) // 3)
        config = self.config
        distances = self._distances
        out = []
        for w in neighbours:
            word, folded = spell(w)
            distance = distances.get((key, folded))
            if distance is None:
                distance = distances[(key, folded)] = edits(key, folded, limit)
            if distance <= limit:
                out.append((word, w, config.proposal_cost + config.proposal_edit_cost * distance))
        return tuple(out)

    def _spell(self, w: int) -> tuple[str, str]:
        """Return a word id's (syllable, its letters unmarked), ("", "") for an id with no word;
        made per id when first needed (a document meets a few hundred of the vocabulary's words)."""
        spelled = self._spelling.get(w)
        if spelled is None:
            if self._words is None:
                self._words = dict(zip(self._vocab.values(), self._vocab, strict=True))
            word = self._words.get(w)
            spelled = self._spelling[w] = ("", "") if word is None else (word, fold_word(word))
        return spelled

    def _second_choices(
        self,
        opening: int,
        first: Decoded,
        choices_per_token: list[tuple[tuple[int, ...], tuple[float, ...] | list[float]]],
        extras: dict[int, tuple[tuple[str, int, float], ...]],
    ) -> list[int]:
        """Return the option each token takes in the second pass: the first pass's word, unless a
        cached neighbour scores better in its place (its three trigrams and channel cost), left
        to right so that a word taken counts as context for the next."""
        mask = (1 << SHIFT) - 1
        words = [opening >> SHIFT, opening & mask, *(w for w, _ in first.words), 0, 0]
        n = len(first.words)
        choices = [ids.index(w) for (ids, _), (w, _) in zip(choices_per_token, first.words, strict=True)]
        lp = self._trigram
        for position in sorted(extras):
            ids, costs = choices_per_token[position]
            u, v, x, y = (
                words[position : position + 5 : 1][0],
                words[position + 1],
                words[position + 3],
                words[position + 4],
            )

            def local(j: int, u=u, v=v, x=x, y=y, ids=ids, costs=costs, position=position) -> float:
                w = ids[j]
                total = lp(u, v, w) - costs[j]
                if position + 1 < n:
                    total += lp(v, w, x) + (lp(w, x, y) if position + 2 < n else 0.0)
                return total

            new = range(len(ids) - len(extras[position]), len(ids))
            best = max((choices[position], *new), key=local)
            choices[position] = best
            words[position + 2] = ids[best]
        return choices

    def _margins(
        self,
        opening: int,
        chosen: list[int],
        choices_per_token: list[tuple[tuple[int, ...], tuple[float, ...] | list[float]]],
        choices: list[int],
        enough: float,
    ) -> list[float]:
        """Return per word how much the line's score drops when that word alone takes its best
        other candidate (the three trigrams it stands in and its channel cost re-scored); once a
        margin is sure to reach ``enough`` it is not weighed further.

        A local margin, not a max-marginal over the lattice: cheap, and what matters is telling a
        word the context settles ("tại" before "tỉnh") from one it leaves open.
        """
        model = self.model
        tri_get, tri_bo, bi_get, bi_bo = model.tri.get, model.tri_bo, model.bi.get, model.bi_bo
        uni, unseen = model.uni, model.unseen_logp
        mask = (1 << SHIFT) - 1
        lp = self._trigram
        words = [opening >> SHIFT, opening & mask, *chosen, 0, 0]  # two words of context each side
        n = len(chosen)
        out = []
        for i, ((ids, costs), choice) in enumerate(zip(choices_per_token, choices, strict=True)):
            if len(ids) < 2:
                out.append(math.inf)
                continue
            u, v, x, y = words[i], words[i + 1], words[i + 3], words[i + 4]
            # The trigram ending in the word shares its context across candidates: read it once.
            uv = (u << SHIFT) | v
            bo3 = tri_bo.get(uv)
            tri_row = EMPTY if bo3 is None else tri_get(uv, EMPTY)
            base3 = bo3 or 0.0
            bi_row, bo2 = bi_get(v, EMPTY), bi_bo.get(v, 0.0)
            # Candidates come best first by channel cost and unigram: the first few hold the rivals.
            rivals = [j for j in range(min(len(ids), RIVALS)) if j != choice]
            scores = []
            for j in (choice, *rivals):
                w = ids[j]
                first = tri_row.get(w)
                if first is None:
                    found = bi_row.get(w)
                    first = base3 + (bo2 + uni.get(w, unseen) if found is None else found)
                scores.append(first - costs[j])
            best = scores[0]
            if i + 1 < n:
                w = ids[choice]
                best += lp(v, w, x) + (lp(w, x, y) if i + 2 < n else 0.0)
            other = -math.inf
            # Best first: log probabilities are negative, so a candidate already below the best
            # other one cannot overtake it with the trigrams after it, nor can any after it.
            for partial, j in sorted(zip(scores[1:], rivals, strict=True), reverse=True):
                if partial <= other:
                    break
                if best - partial >= enough:
                    other = max(other, partial)  # no rival left comes within ``enough``
                    break
                if i + 1 < n:
                    w = ids[j]
                    partial += lp(v, w, x) + (lp(w, x, y) if i + 2 < n else 0.0)
                other = max(other, partial)
            out.append(best - other)
        return out


def _deletions(word: str, depth: int) -> dict[str, int]:
    """Return ``word`` and every string made by deleting up to ``depth`` of its letters, with the
    fewest letters deleted to make it, in the order the deletions are made (left to right: a
    dict, not a set, whose order would follow the process's string hash seed)."""
    out = {word: 0}
    frontier: dict[str, None] = {word: None}
    for dropped in range(1, depth + 1):
        frontier = dict.fromkeys([w[:i] + w[i + 1 :] for w in frontier for i in range(len(w))])
        for variant in frontier:
            out.setdefault(variant, dropped)
    return out


def near_index(
    model: Model,
) -> tuple[dict[str, list[tuple[str, int, float]]], dict[str, list[tuple[str, int]]]]:
    """Return the near-syllable index of ``model`` (see ``Restorer._near``): unmarked spelling ->
    its (syllable, tone, unigram log p), and every deletion (up to two letters) of every unmarked
    spelling -> (the spelling, letters deleted). Stored in the model by ``add_candidate_table``.

    Only words the language model has seen: a guess this far from the scan needs the context to
    back it, which an unseen word (a reference document's included) does not get.
    """
    by_folded: dict[str, list[tuple[str, int, float]]] = {}
    vocab, uni, tones = model.vocab, model.uni, model.tones
    for toneless_key, syllables_ in model.index.items():
        seen = [(s, tones[s], uni[vocab[s]]) for s in syllables_ if vocab.get(s) in uni]
        if seen:
            by_folded.setdefault(fold_word(toneless_key), []).extend(seen)
    near: dict[str, list[tuple[str, int]]] = {}
    for folded in by_folded:
        for variant, dropped in sorted(_deletions(folded, 2).items()):  # sorted: the same bytes each time
            near.setdefault(variant, []).append((folded, dropped))
    return by_folded, near


def _trigram_scorer(model: Model) -> Callable[[int, int, int], float]:
    """Return log P(w | u v) as the search scores it (back-off weights included)."""
    tri_get, tri_bo_get, bi_get, bi_bo_get = model.tri.get, model.tri_bo.get, model.bi.get, model.bi_bo.get
    uni_get, unseen = model.uni.get, model.unseen_logp

    def trigram(u: int, v: int, w: int) -> float:
        uv = (u << SHIFT) | v
        bo3 = tri_bo_get(uv)
        if bo3 is not None:
            found = tri_get(uv, EMPTY).get(w)
            if found is not None:
                return found
        found = bi_get(v, EMPTY).get(w)
        if found is None:
            found = bi_bo_get(v, 0.0) + uni_get(w, unseen)
        return found if bo3 is None else bo3 + found

    return trigram


def add_candidate_table(model: Model) -> Model:
    """Store the candidates of frequent OCR tokens and the near-syllable index in ``model`` so
    decoding starts warm.

    Covers every OCR word of the training pairs and the mark-less form of every syllable the
    language model knows (the commonest shape of a word in a scan that lost its marks).
    """
    # Version 2 writes no back-references, whose placement follows reference counts: the same
    # corpus gives the same bytes (the shipped model is checked against it).
    model.near = marshal.dumps(near_index(model), 2)
    model.candidates = {}
    restorer = Restorer(model)
    tokens = set(model.ocr_tokens)
    tokens.update(fold_word(word) for word in model.vocab if not word.startswith("<"))
    model.candidates = {token: marshal.dumps(restorer._candidates(token)) for token in sorted(tokens)}
    return model
