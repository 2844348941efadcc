"""A lone "nghệ" on a name line: the wrapped last word of an agency's "Công nghệ".

"Nghệ" (technology) is printed after "công" in the plans' prose ("khoa học, công nghệ"); the
agency cells beside the name wrap "Sở Khoa học và Công" / "nghệ", so their lower-case "nghệ"
lands on a name line with no gap mark before it, and the other columns' words after it
("... trải nghiệm STEM nghệ phòng học STEM") read as the name's. A "nghệ" that follows none
of "công" (on its line, or among the name's last words above: an output's line may stand
between "công" / "nghệ"), "nghề" or "ngành" (the restorer's "nghề nghệ" for "nghề nghiệp",
"ngành nghệ" for "ngành nghề"), is not a list item ("nghệ,") and is not followed by "thông"
or "số" (the name's own "công nghệ thông tin" with "công" lost) opens the line's other
columns: it and the words after it leave the name's part.
"""

from __future__ import annotations

_OWN_AFTER = frozenset({"thông", "số"})
_OWN_BEFORE = frozenset({"công", "nghề", "ngành"})
_ABOVE_WORDS = 5  # the name's last words above searched for the "công" a line's first "nghệ" ends


def split_stray_nghe(head: str, rest: str, name: str) -> tuple[str, str]:
    """Cut ``head`` (a name line's part) before a stray lower-case "nghệ"; return (head, rest)."""
    if "nghệ" not in head:
        return head, rest
    tokens = head.split()
    above = [w.lower() for w in name.split()[-_ABOVE_WORDS:]]
    for k, token in enumerate(tokens):
        if token != "nghệ":
            continue
        if k and tokens[k - 1].lower() in _OWN_BEFORE:
            continue
        if not k and (not above or "công" in above or above[-1] in _OWN_BEFORE):
            continue
        if k + 1 < len(tokens) and tokens[k + 1].lower() in _OWN_AFTER:
            continue
        moved = " ".join(tokens[k:])
        return " ".join(tokens[:k]), f"{moved} {rest}".strip()
    return head, rest
