"""The inventory of valid Vietnamese syllables, generated from onsets, rhymes and tones.

Generating rather than listing means a syllable no training text ever used (a place name, a
rare word) can still be a candidate. Tone marks are placed both the older way ("hóa",
"thủy") and the newer way ("hoá", "thuỷ") because documents use both; the language model
picks between them.
"""

from __future__ import annotations

import unicodedata

# Phụ âm đầu (onsets). "gi" and "qu" carry a glide that belongs to the onset.
ONSETS = (
    "", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh",
    "nh", "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x",
)  # fmt: skip

# Vần (rhymes) without tone.
_RHYME_LIST = """
    a ac ach ai am an ang anh ao ap at au ay
    ăc ăm ăn ăng ăp ăt
    âc âm ân âng âp ât âu ây
    e ec em en eng eo ep et
    ê êch êm ên ênh êp êt êu
    i ia ich im in inh ip it iu iêc iêm iên iêng iêp iêt iêu
    o oa oac oach oai oam oan oang oanh oao oap oat oay oăc oăm oăn oăng oăt
    oc oe oen oeo oet oi om on ong oong op ot ooc
    ô ôc ôi ôm ôn ông ôp ôt
    ơ ơi ơm ơn ơp ơt
    u ua uân uâng uât uây uc uê uêch uênh uơ ui um un ung up ut uy uya uych uyên uyêt uynh uyt uyu
    uôc uôi uôm uôn uông uôt
    ư ưa ưc ưi ưm ưn ưng ưt ưu ươc ươi ươm ươn ương ươp ươt ươu
    y yêm yên yêng yêt yêu
"""
RHYMES = tuple(_RHYME_LIST.split())

# After "qu" the glide is written in the onset, so only these rhymes follow it.
_QU_LIST = "a ac ach ai an ang anh ao at ay ăc ăm ăn ăng ăt ân âng ât ây e en eo et ê ên ênh êt i y ynh yt yêt yên yêu ơ ơi ơn ôc"
QU_RHYMES = frozenset(_QU_LIST.split())

# Dấu thanh (tones): index 0 is level (ngang).
TONE_MARKS = ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")
TONE_NAMES = ("ngang", "sắc", "huyền", "hỏi", "ngã", "nặng")
MODIFIED_VOWELS = set("ăâêôơư")
VOWELS = set("aăâeêioôơuưy")
STOP_FINALS = ("c", "ch", "p", "t")
FRONT = ("i", "e", "ê", "y")


def _with_tone(letter: str, tone: int) -> str:
    return unicodedata.normalize("NFC", letter + TONE_MARKS[tone])


def _tone_positions(onset: str, rhyme: str) -> list[int]:
    """Return where in ``rhyme`` the tone mark goes: one place, or two (old and new style)."""
    vowels = [i for i, ch in enumerate(rhyme) if ch in VOWELS]
    modified = [i for i in vowels if rhyme[i] in MODIFIED_VOWELS]
    if modified:
        return [modified[-1]]
    if len(vowels) == 1:
        return vowels
    has_final = vowels[-1] != len(rhyme) - 1
    if has_final:
        return [vowels[-1]]
    if len(vowels) == 3:
        return [vowels[1]]
    pair = rhyme[vowels[0]] + rhyme[vowels[1]]
    if pair in ("oa", "oe", "uy"):
        return [vowels[0], vowels[1]]  # hóa / hoá, thủy / thuỷ
    return [vowels[0]]


def _allowed(onset: str, rhyme: str) -> bool:
    first = rhyme[0]
    if onset in ("k", "gh", "ngh"):
        return first in FRONT
    if onset in ("c", "g", "ng"):
        if first in ("e", "ê") or (first == "i" and onset != "g"):
            return False
        if onset == "g" and first == "i" and len([c for c in rhyme if c in VOWELS]) > 1:
            return False  # "gia" is gi + a
        return first != "y"
    if onset == "qu":
        return rhyme in QU_RHYMES
    if onset == "gi":
        return not rhyme.startswith(("i", "y"))
    if first == "y":
        return onset == "" or (onset in ("h", "k", "l", "m", "t", "s", "v") and rhyme == "y")
    return True


def syllables() -> set[str]:
    """Return every valid lower-case Vietnamese syllable, with tones, in NFC."""
    out: set[str] = set()
    for onset in ONSETS:
        for rhyme in RHYMES:
            if not _allowed(onset, rhyme):
                continue
            tones = (1, 5) if rhyme.endswith(STOP_FINALS) else range(6)
            for position in _tone_positions(onset, rhyme):
                for tone in tones:
                    marked = rhyme[:position] + _with_tone(rhyme[position], tone) + rhyme[position + 1 :]
                    out.add(unicodedata.normalize("NFC", onset + marked))
    out.update(("gì", "gỉ", "gi", "gí", "gị", "gĩ"))
    return out


def fold_word(word: str) -> str:
    """Return ``word`` without any mark, đ -> d, lower case."""
    if word.isascii():  # nothing to take off (most scanned words): no normalisation
        return word.lower()
    word = word.lower().replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


_TONE_OF = {mark: i for i, mark in enumerate(TONE_MARKS) if mark}
_MOD_OF = {"\u0302": "^", "\u0306": "(", "\u031b": "+"}


def marks(word: str) -> tuple[int, str]:
    """Return a word's (tone index, vowel-modifier signature), e.g. "quyết" -> (1, "^")."""
    tone = 0
    mods = []
    for ch in unicodedata.normalize("NFD", word.lower()):
        if ch in _TONE_OF:
            tone = _TONE_OF[ch] if tone == 0 else 6  # 6: more than one tone mark
        elif ch in _MOD_OF:
            mods.append(_MOD_OF[ch])
        elif ch == "đ":
            mods.append("đ")
    return tone, "".join(mods)
