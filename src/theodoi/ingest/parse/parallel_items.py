"""A full stop OCR read for the comma between two parallel items of a task name.

A name listing like things repeats their head words: "... các khu công nghiệp, cụm công
nghiệp". OCR may read that comma as "." ("khu công nghiệp. cụm công nghĩa"), and the words
after it would then be dropped as another column's tail (``parse.tasks.drop_tail_after_sentence``).
A short lower-case tail whose words after its first echo the words right before the stop
(the same word, or one OCR garbled that keeps its first three letters) is the name's next
item: the stop is read back as a comma. Other columns' words left after a name's end do not
echo its last words ("... nhà khoa học chất lượng cao. lập ưu").
"""

from __future__ import annotations

import re

from theodoi.ingest.text import fold

_LAST_STOP = re.compile(r"(?<=\w)\.(?=\s+[^\W\d_])")
_MAX_TAIL = 4


def _echoes(word: str, head: str) -> bool:
    return word == head or (min(len(word), len(head)) >= 4 and word[:3] == head[:3])


def stop_between_items(name: str) -> str:
    """The name with its last full stop read as a comma where the tail after it echoes the item before."""
    stops = list(_LAST_STOP.finditer(name))
    if not stops:
        return name
    stop = stops[-1]
    tail = name[stop.end() :].split()
    if not 2 <= len(tail) <= _MAX_TAIL or not tail[0][:1].islower():
        return name
    said = [fold(w).strip(".,;") for w in tail[1:]]
    head = [fold(w).strip(".,;") for w in name[: stop.start()].split()[-len(said) :]]
    if len(head) != len(said) or not all(_echoes(w, h) for w, h in zip(said, head, strict=True)):
        return name
    return f"{name[: stop.start()]},{name[stop.end() :]}"
