"""Matching keys for agency and unit names, built on ``theodoi.ingest.text.fold``.

Documents print one agency many ways: "Sở KH&CN", "Sở KHCN", "Sở Khoa học và Công nghệ",
"Sở Khoa học và Công Nghệ", "Sở Khoa học và Công nghệ tỉnh Bình Định". ``agency_key`` folds
the name (the one matching function the project shares), expands the abbreviations that
Vietnamese administrative writing uses, and evens out punctuation, so that all of these give
one key. Expansion only ever rewrites whole abbreviation tokens, never parts of words.
"""

from __future__ import annotations

import re

from theodoi.ingest.text import fold

# Folded abbreviation -> folded expansion. Variants with "&", "-" or nothing between the
# parts are all printed; the pattern below accepts each listed spelling as a whole token.
_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "khoa hoc va cong nghe": ("kh&cn", "khcn", "kh-cn", "kh va cn", "kh&amp;cn"),
    "uy ban nhan dan": ("ubnd",),
    "hoi dong nhan dan": ("hdnd",),
    "thong tin va truyen thong": ("tt&tt", "tttt", "tt-tt", "tt va tt"),
    "ke hoach va dau tu": ("kh&dt", "khdt", "kh-dt"),
    "giao duc va dao tao": ("gd&dt", "gddt", "gd-dt"),
    "nong nghiep va phat trien nong thon": ("nn&ptnt", "nnptnt", "nn-ptnt"),
    "nong nghiep va moi truong": ("nn&mt", "nnmt", "nn-mt"),
    "tai nguyen va moi truong": ("tn&mt", "tnmt", "tn-mt"),
    "van hoa, the thao va du lich": ("vh,tt&dl", "vh, tt&dl", "vhtt&dl", "vhttdl", "vh-tt-dl", "vh,tt-dl"),
    "lao dong - thuong binh va xa hoi": ("ld-tb&xh", "ldtbxh", "ld-tbxh", "ld,tb&xh"),
    "giao thong van tai": ("gtvt",),
    "cong nghe thong tin": ("cntt",),
    "chuyen doi so": ("cds",),
    "doi moi sang tao": ("dmst",),
    "mat tran to quoc": ("mttq",),
    "thong tin dien tu": ("ttdt",),
    "trung uong": ("tw",),
    "thanh pho": ("tp.", "tp"),
    "viet nam": ("vn",),
}
_EXPANSION = {abbr: full for full, spellings in _ABBREVIATIONS.items() for abbr in spellings}
_ABBR_RE = re.compile(
    r"(?<![\w&])(" + "|".join(re.escape(a) for a in sorted(_EXPANSION, key=len, reverse=True)) + r")(?![\w&])"
)
_DASHES = re.compile(r"\s*[-–—]\s*")
_AMPERSAND = re.compile(r"\s*&\s*")
_COMMA = re.compile(r"\s*,\s*")
_SPACES = re.compile(r"\s+")
_TRAILING = re.compile(r"[\s.,;:]+$")


def agency_key(printed: str, *, unit_name: str | None = None) -> str:
    """Return the matching key of an agency name as printed.

    ``unit_name`` is the province (or commune) the plan belongs to: "Sở Tài chính tỉnh Bình
    Định" in a Bình Định plan is that province's "Sở Tài chính", so the trailing place name is
    dropped, and so is a bare "tỉnh" at the end ("Công an tỉnh" is the province's police).
    """
    key = fold(printed).replace("–", "-").replace("—", "-")
    key = _AMPERSAND.sub("&", key)
    key = _COMMA.sub(", ", key)
    key = _ABBR_RE.sub(lambda m: _EXPANSION[m.group(1)], key)
    key = _AMPERSAND.sub(" va ", key)
    key = _DASHES.sub(" - ", key)
    key = _TRAILING.sub("", _SPACES.sub(" ", key)).strip()
    if unit_name:
        place = fold(unit_name)
        for prefix in ("tinh", "thanh pho"):
            if key.endswith(f" {prefix} {place}"):
                key = key[: -len(place) - 1]
        # Inside a province's plans "Công an tỉnh" and "Công an" are one body.
        for suffix in (" tinh", " thanh pho"):
            if key.endswith(suffix) and " " in key[: -len(suffix)]:
                key = key[: -len(suffix)]
    return key


# Printed abbreviation -> the words it stands for, as a canonical agency name prints them.
_PRINTED_EXPANSIONS: tuple[tuple[str, str], ...] = (
    ("KH&CN", "Khoa học và Công nghệ"),
    ("KHCN", "Khoa học và Công nghệ"),
    ("UBND", "Ủy ban nhân dân"),
    ("HĐND", "Hội đồng nhân dân"),
    ("TT&TT", "Thông tin và Truyền thông"),
    ("KH&ĐT", "Kế hoạch và Đầu tư"),
    ("GD&ĐT", "Giáo dục và Đào tạo"),
    ("NN&PTNT", "Nông nghiệp và Phát triển nông thôn"),
    ("NN&MT", "Nông nghiệp và Môi trường"),
    ("TN&MT", "Tài nguyên và Môi trường"),
    ("VH,TT&DL", "Văn hóa, Thể thao và Du lịch"),
    ("VHTTDL", "Văn hóa, Thể thao và Du lịch"),
    ("LĐ-TB&XH", "Lao động - Thương binh và Xã hội"),
    ("GTVT", "Giao thông vận tải"),
    ("TTĐT", "Thông tin điện tử"),
    ("MTTQ", "Mặt trận Tổ quốc"),
)
_PRINTED_RE = [
    (
        re.compile(
            r"(?<![\w&])"
            + r"\s*".join(re.escape(part) for part in re.split(r"(?<=[&,-])|(?=[&,-])", abbr) if part)
            + r"(?![\w&])",
            re.IGNORECASE,
        ),
        full,
    )
    for abbr, full in _PRINTED_EXPANSIONS
]


def agency_full_name(printed: str) -> str:
    """Return ``printed`` with the usual abbreviations written out: "Sở KH&CN" -> "Sở Khoa học và Công nghệ".

    Used to name an agency met first in its short form, so that the directory lists full
    names; the printed form stays as its short name and alias.
    """
    name = _SPACES.sub(" ", printed).strip()
    for pattern, full in _PRINTED_RE:
        name = pattern.sub(full, name)
    return name


def place_key(name: str) -> str:
    """Return the matching key of a place name: folded, letters and digits only.

    "Bà Rịa - Vũng Tàu", "Bà Rịa–Vũng Tàu" and "tỉnh Bà Rịa Vũng Tàu" give one key.
    """
    key = fold(name)
    key = re.sub(r"^(tinh|thanh pho|tp\.?)\s+", "", key)
    return re.sub(r"[^0-9a-z]+", "", key)


def unit_code(name: str) -> str:
    """Return the stable slug of a unit: "Bà Rịa - Vũng Tàu" -> "ba-ria-vung-tau"."""
    return re.sub(r"[^0-9a-z]+", "-", fold(name)).strip("-")
