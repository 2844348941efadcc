"""Reporting duties (chế độ báo cáo) from the organisation section (Tổ chức thực hiện).

Plans state who reports what to whom and when in one or two sentences, e.g.

    định kỳ hằng tuần (trước 10h00 thứ năm trong tuần), hằng tháng (trước ngày 18 của
    tháng), hằng quý (trước ngày 15 tháng cuối quý), hằng năm (trước ngày 15 tháng 12) báo
    cáo tình hình, kết quả thực hiện về Sở Khoa học và Công nghệ để tổng hợp, báo cáo UBND tỉnh

    định kỳ hằng tháng, quý, năm báo cáo kết quả thực hiện về Sở Khoa học và Công nghệ trước
    ngày 15 của tháng

    định kỳ 3 tháng, 6 tháng, 1 năm hoặc đột xuất, báo cáo Ban Chỉ đạo

and ad-hoc duties ("kịp thời báo cáo ... UBND tỉnh", "chủ động đề xuất gửi Sở ... để tổng hợp").
The section is cut into clauses (items, bullets, sentences, semicolons); a clause with a
reporting verb yields one duty per cadence it names, with the due rule (in brackets after the
cadence, or a "trước ..." phrase) and the recipient as printed. Matching is on folded text;
values are sliced from the restored text at the same offsets.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from theodoi.ingest.layout.lines import Line
from theodoi.ingest.parse.header import join_lines
from theodoi.ingest.plan import Provenance, ReportingDuty
from theodoi.ingest.text import collapse_spaces, fold

_HEADING = re.compile(r"^\W*\S{0,5}\s*[-.:)]?\s*to\s*ch\S{0,2}c\s+th\S{0,4}\s+hi\S{0,2}n\W*$")
# The same part printed in capitals with other words: "PHẦN III. TỔ CHỨC THỰC HIỆN",
# "V. TỔ CHỨC THỰC HIỆN VÀ CHẾ ĐỘ BÁO CÁO", "IV. TRIỂN KHAI THỰC HIỆN".
_CAPITAL_HEADING = re.compile(
    r"^\W*(?:ph\S{0,2}n\s+)?[ivxl1]{1,4}\s*[-.:)]\s*(?:to\s*ch\S{0,2}c|tri\S{0,2}n\s+khai)\s+th\S{0,4}\s+hi\S{0,2}n\b"
)
_END = re.compile(r"^\W*(n\S{0,2}i\s+nh\S{0,2}n\b|ph\S{0,2}\s*l\S{0,2}c\s+[ivx1l]+\b|tm\.|kt\.)")
_VERB = re.compile(r"\bb\S{0,2}o\s+c\S{0,2}o\b|\bgui\b|\bgiri\b|\bgii\b|\bde xuat\b")

# Cadence words inside the "định kỳ ..." list, in the order they are tried.
_CADENCE_WORDS = (
    (re.compile(r"\b(?:h\S{1,2}ng|moi)\s+tu\S{0,2}n\b"), "weekly"),
    (re.compile(r"\b(?:h\S{1,2}ng|moi)\s+th\S{1,2}ng\b"), "monthly"),
    (
        re.compile(
            r"\b(?:h\S{1,2}ng|moi)\s+qu\S\b|\b(?:03|3|ba)\s+th\S{1,2}ng\b|(?<=,)\s*qu\S\b|\bva\s+qu\S\b"
        ),
        "quarterly",
    ),
    (re.compile(r"\b(?:06|6|sau)\s+th\S{1,2}ng\b|\bnua\s+nam\b"), "semiannual"),
    (
        re.compile(
            r"\b(?:h\S{1,2}ng|moi)\s+n\S{1,2}m\b|\b(?:01|1)\s*n\S{1,2}m\b|(?<=,)\s*n\S{1,2}m\b|\bcuoi\s+nam\b"
            r"|\b(?:bao\s+cao|tong\s+ket)\s+nam\b|\b(?:va|ca)\s+n\S{1,2}m\b(?!\s*\d)"
        ),
        "annual",
    ),
    (
        re.compile(r"\bdot\s+xu\S{1,2}t\b|\bkhi\s+c\S\s+y\S{1,2}u\s+c\S{1,2}u\b|\bk\S{1,2}p\s+th\S{1,2}i\b"),
        "ad_hoc",
    ),
)
_RECIPIENT_START = (
    r"(?:(?!so\s+ket\b)s\S{0,2}\s+\w|ubnd|uy ban|\S{0,2}y ban nhan dan|ban ch\S|ban th\S{1,3}ng|ch\S{0,2} t\S{0,2}ch|"
    r"van ph\S{1,2}ng|th\S{1,3}ng tr\S{1,3}c|bo\s+\w|t\S{0,2}nh\s+\S{0,2}y|hdnd)"
)
_RECIPIENT = re.compile(
    rf"(?:\b(?:v\S|g\S{{1,3}}i v\S|g\S{{1,3}}i|b\S{{0,2}}o\s+c\S{{0,2}}o(?:\s+v\S)?|ki\S{{1,2}}n\s+ngh\S)\s+)({_RECIPIENT_START}.*?)"
    r"(?=\s+(?:de|tr\S{1,3}[ce]\s+(?:ng\S{1,2}y|\d)|tai|ve|cac bien|tinh hinh|ket qua|xem xet|va kien|va de|d\S{0,2}nh\s+k\S|khi)\b|\s*[(;:.]|\s*,\s*(?:de|bao cao|truoc)\b|$)"
)
# How far after "báo cáo" a cadence still names that report ("báo cáo tình hình, kết quả thực
# hiện Kế hoạch này hằng quý"): a report's subject runs to some six words.
_NAMED_AFTER = 60

_DUE = re.compile(
    r"\btr\S{1,3}[ce]\s+(?:ng\S{1,2}y\s+\d{1,2}|\d{1,2}\s*h\s*\d{0,2}|th\S{0,2}\s+\S+)[^,;.()]*?(?=\s+(?:de|va|bao|g\S{1,3}i|ve)\b|[,;.()]|$)"
)
_AT_MEETING = re.compile(r"\bt\S{1,2}i\s+phi\S{1,2}n\s+h\S{1,2}p[^,;.()]*")


def _cadences(region: str, offset: int) -> list[tuple[int, str]]:
    """The cadences ``region`` names, with their offsets in the clause."""
    return [
        (offset + m.start(), cadence) for pattern, cadence in _CADENCE_WORDS for m in pattern.finditer(region)
    ]


def _section(lines: Sequence[Line]) -> list[Line]:
    start = None
    for i, line in enumerate(lines):
        # the raw line too: restoration may garble a heading word ("THU'C" -> "THU'Cổ")
        if len(line.key) <= 45 and (_HEADING.match(line.key) or _HEADING.match(fold(line.raw))):
            start = i + 1
            break
        if len(line.key) <= 80 and _capitals(line.raw) and _CAPITAL_HEADING.match(fold(line.raw)):
            start = i + 1
            break
    if start is None:
        return []
    out: list[Line] = []
    for line in lines[start:]:
        if _END.match(line.key):
            break
        out.append(line)
    return out


def _capitals(text: str) -> bool:
    """Whether ``text`` is printed in capitals (a word such as "Phần" may open it in lower case)."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _clauses(text: str) -> list[tuple[int, int]]:
    """Split ``text`` (folded) into clause spans at items, bullets, sentences and semicolons."""
    cuts = [0]
    for m in re.finditer(r";|\.\s+(?=[a-z0-9-])|\s-\s|\s(?=\d{1,2}\.\s)", text):
        cuts.append(m.end())
    cuts.append(len(text))
    return [(a, b) for a, b in itertools.pairwise(cuts) if b > a]


def _clean(text: str) -> str:
    return collapse_spaces(text).strip(" ,;:.()")


def parse_reporting(lines: Sequence[Line]) -> list[ReportingDuty]:
    """Return the reporting duties printed in the organisation section, in document order."""
    section = _section(lines)
    if not section:
        return []
    joined = join_lines(section)
    key, text = joined.key, joined.text
    duties: list[ReportingDuty] = []
    seen: set[tuple[str, str | None]] = set()
    for a, b in _clauses(key):
        clause = key[a:b]
        verb = _VERB.search(clause)
        if not verb:
            continue
        # The cadence list runs from "định kỳ" (or the clause start) to the reporting verb.
        dk = re.search(r"\bd\S{0,2}nh\s+k\S\b", clause)
        region_start = dk.start() if dk and dk.start() < verb.start() else 0
        region = clause[region_start : verb.start()] if region_start or dk else clause[: verb.start()]
        found = _cadences(region, region_start)
        if not found:
            # the cadence after the verb: "... báo cáo tình hình định kỳ hằng quý (...) gửi Sở",
            # "báo cáo sơ kết 6 tháng ..., báo cáo năm ..."
            after = re.search(r"\bd\S{0,2}nh\s+k\S\b", clause[verb.end() :])
            if after:
                found = _cadences(clause[verb.end() + after.start() :], verb.end() + after.start())
            else:  # each report named with its cadence right after the verb
                found = sorted(
                    {
                        hit
                        for v in _VERB.finditer(clause)
                        for hit in _cadences(clause[v.start() : v.end() + _NAMED_AFTER], v.start())
                    }
                )
        if not found:
            # "kịp thời báo cáo", "chủ động đề xuất gửi ...": an ad-hoc duty.
            if re.search(
                r"\bk\S{1,2}p\s+th\S{1,2}i\b|\bdot\s+xu\S{1,2}t\b|\bch\S{0,2}\s+d\S{1,2}ng\s+de xuat\b"
                r"|\bkhi\s+(?:c\S|d\S{1,2}c)\s+y\S{1,2}u\s+c\S{1,2}u\b",
                clause,
            ):
                found = [(0, "ad_hoc")]
            elif re.search(r"\bh\S{1,2}ng\s+n\S{1,2}m\b", clause[: verb.start()]):
                found = [(0, "annual")]
            else:
                continue
        found.sort()
        rec = _RECIPIENT.search(clause, verb.start())
        recipient = _clean(text[a + rec.start(1) : a + rec.end(1)]) if rec else None
        shared_due = _DUE.search(clause, verb.start())
        if shared_due is None:  # "Định kỳ hằng tháng, trước ngày 25 gửi báo cáo về Sở ..."
            shared_due = _DUE.search(clause)
        for n, (pos, cadence) in enumerate(found):
            nxt = (
                found[n + 1][0]
                if n + 1 < len(found)
                else (verb.start() if pos < verb.start() else len(clause))
            )
            due = None
            bracket = re.match(r"[^(]{0,25}\(([^)]*)\)", clause[pos:nxt])
            own = _DUE.search(clause[:nxt], pos) if pos > verb.start() else None
            if bracket:
                s = pos + bracket.start(1)
                due = _clean(text[a + s : a + pos + bracket.end(1)])
            elif own and cadence != "ad_hoc":  # "báo cáo năm trước ngày 10/12"
                due = _clean(text[a + own.start() : a + own.end()])
            elif shared_due and cadence != "ad_hoc":
                due = _clean(text[a + shared_due.start() : a + shared_due.end()])
            elif cadence == "ad_hoc":
                kt = re.search(r"\bk\S{1,2}p\s+th\S{1,2}i\b", clause)
                due = _clean(text[a + kt.start() : a + kt.end()]) if kt else None
            if (cadence, recipient) in seen:
                continue
            seen.add((cadence, recipient))
            conf = {"cadence": 0.9, "due": 0.8 if due else 0.5, "to": 0.8 if recipient else 0.3}
            duties.append(
                ReportingDuty(
                    cadence=cadence,
                    due=due,
                    to=recipient,
                    provenance=Provenance(source_lines=joined.lines_of(a, b), confidence=conf),
                )
            )
        # A consolidated report with its own occasion: "để tổng hợp, báo cáo UBND tỉnh tại phiên họp".
        meeting = _AT_MEETING.search(clause, verb.start())
        if meeting:
            chained = list(_RECIPIENT.finditer(clause, verb.end()))
            onward = [m for m in chained if m.start() < meeting.start()]
            to = _clean(text[a + onward[-1].start(1) : a + onward[-1].end(1)]) if onward else None
            if to and to != recipient:
                cadence = found[-1][1]
                seen.add((cadence, to))
                duties = [d for d in duties if not (d.cadence == cadence and d.to == to)]
                duties.append(
                    ReportingDuty(
                        cadence=cadence,
                        due=_clean(text[a + meeting.start() : a + meeting.end()]),
                        to=to,
                        provenance=Provenance(
                            source_lines=joined.lines_of(a, b),
                            confidence={"cadence": 0.7, "due": 0.8, "to": 0.7},
                        ),
                    )
                )
    return duties
