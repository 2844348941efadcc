"""An output cell that names agencies: "Kế hoạch của các sở, ngành, địa phương".

An output (kết quả) often says whose document it is: "Kế hoạch của các Sở, ngành, địa
phương", "Các quy trình nội bộ của sở, ban, ngành, địa phương được ban hành", "Kế hoạch của
UBND tỉnh". Wrapped in its narrow column, the agency words go on over the next lines beside
the agency columns' own words (often the same collective, printed in the lead's cell too),
and read by their vocabulary alone they go to the agency columns. Once the output cell ends
inside such a list (after "của" and nothing but the list's words), the next word that
carries the list on may be the output's as well as an agency cell's.
"""

from __future__ import annotations

import re
from functools import lru_cache

from theodoi.ingest.text import fold

# The words of the province's agencies an output names after "của" (folded): the collectives
# ("các sở, ban, ngành, địa phương", "cơ quan, đơn vị liên quan") and the People's Committee
# and Council of the province, commune or district. An office's own name ("cấp có thẩm
# quyền", "Sở Khoa học") is no list an agency column prints beside it.
LIST_WORDS = frozenset(
    {"cac", "so", "ban", "nganh", "bo", "dia", "phuong", "co", "quan", "don", "vi"}
    | {"ubnd", "hdnd", "tinh", "xa", "huyen"}
)
# The words of the collective partner cell ("Các sở, ban, ngành, địa phương"), folded, as OCR
# and the restorer leave them ("Sở," read "số,"): each stands alone between the list's commas.
COLLECTIVE_WORDS = frozenset({"so", "ban", "nganh", "dia", "phuong"})
# Words that take a collective as their object inside an output ("Kế hoạch của sở, ban, ngành",
# "dữ liệu (từ các sở, ban, ngành)"), folded.
TAKES_COLLECTIVE = frozenset({"cua", "cac", "tu", "cho", "voi", "tai", "trong", "cap", "moi", "tung"})
# How many words after "của" an output's list may run before the line ends.
_LIST_RUN = 6
_EDGE = ".,;:()\"'“”‘’-–—"


def _word(token: str) -> str:
    return fold(token).strip(_EDGE)


@lru_cache(maxsize=1 << 14)
def names_agencies(cell: str) -> bool:
    """Whether an output cell so far ends in a list of agencies after "của" (of).

    "Kế hoạch của các", "… của các Sở, ngành,", "… của UBND" do; "Văn bản," ("bản" folds
    like "ban" of "sở, ban, ngành"), "Quyết định của cấp có thẩm quyền" and a finished cell
    ("… địa phương.") do not.
    """
    if not cell or re.search(r"[.;]\s*$", cell):
        return False
    words = [_word(t) for t in cell.split()]
    for k in range(len(words) - 1, max(-1, len(words) - 2 - _LIST_RUN), -1):
        if words[k] == "cua":
            return k > 0 and all(not w or w in LIST_WORDS for w in words[k + 1 :])
    return False


def carries_list(cell: str, token: str, pairs: frozenset[tuple[str, str]]) -> bool:
    """Whether ``token`` carries on the list of agencies an output cell ends in.

    The word must be a list word and follow the cell's end as a list goes on: after "của",
    "các" or a comma, or as the next word of a name (``pairs``: "địa" | "phương", "UBND" |
    "tỉnh").
    """
    word = _word(token)
    if word not in LIST_WORDS or not names_agencies(cell):
        return False
    last = _word(cell.split()[-1])
    return cell.rstrip().endswith(",") or last in ("cua", "cac") or (last, word) in pairs
