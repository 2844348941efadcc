"""A document's title opening a line's output span ("... trong Kế hoạch" / "Chuyển đổi số").

An output (sản phẩm) often names a document by its kind and title: "Nhiệm vụ tích hợp trong Kế
hoạch Chuyển đổi số", "Chương trình Mục tiêu quốc gia". The output column is narrow, so the
wrap often falls right after the kind, and the title's capitalised first word comes on a later
line beside the agency cells' words. Its words are everyday ones that the agency vocabulary
claims too ("chuyển" of "chuyên", "đổi"), so the vocabularies give it to the lead's cell.

A document kind with nothing after it names no document yet: a title must follow. So on a line
after an output cell that ends with a kind, a capitalised word that a lower-case word follows
(a title runs on: "Chuyển đổi số", "Mục tiêu quốc gia"; a lone "Nam," or "Các," is a
neighbour's) opens the output's span (a word in sentence case: an all-capitals acronym names an agency,
"UBND", "Cổng TTĐT") unless it may be an agency's: one that opens an agency
name ("Sở", "UBND", "Các sở"), or that some directory name holds after another word ("Khoa học
và | Công nghệ", "Nông nghiệp và | Môi trường", "Việt | Nam"): a wrapped agency cell's line
opens with such a word. The line's first such word alone opens: the title opens once.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

# How well (``agency_continuation``, 0..1) a word must carry on an agency cell to stay its: a
# directory name going on (0.95); a new name after a finished one scores 0.85 and is an opener.
_CARRIES_AGENCY = 0.9


def title_opens(
    tokens: Sequence[str],
    output_ends_kind: bool,
    agency_cells: Sequence[str],
    *,
    opens_agency: Callable[[int], bool],
    inner: Sequence[bool],
) -> list[bool]:
    """Per token, whether it opens the title of the document the output cell above names.

    ``output_ends_kind``: the output cell so far ends with a document kind ("... Kế hoạch");
    ``agency_cells``: the agency cells so far; ``opens_agency(k)``: whether tokens[k] opens an
    agency name; ``inner[k]``: whether tokens[k] may go on a directory name (see above).
    """
    from theodoi.ingest.normalise.agencies import agency_continuation

    out = [False] * len(tokens)
    if not output_ends_kind:
        return out
    for k, token in enumerate(tokens):
        if not (token[:1].isupper() and token[1:].islower() and token.isalpha()):
            continue
        if k + 1 >= len(tokens) or not tokens[k + 1][:1].islower():
            continue
        if opens_agency(k) or inner[k]:
            continue
        following = " ".join(tokens[k : k + 2])
        if any(
            cell.strip() and agency_continuation(cell, following) >= _CARRIES_AGENCY for cell in agency_cells
        ):
            continue
        out[k] = True
        break
    return out
