"""The provinces and cities of Việt Nam, before and after the 1 July 2025 mergers.

Source: Resolution 202/2025/QH15 of the National Assembly (12/06/2025) on rearranging
provincial-level units, in force from 01/07/2025: 63 provinces and cities became 34. Eleven
kept their territory; twenty-three were formed by merging two or three, keeping the name of
one of them. A merged-away province is kept as its own unit with ``successor`` set and
``valid_until`` 30/06/2025, so plans it issued stay attached to it and show under its successor.

Communes are not listed: there are over 3,300 since the reform and plans name few of them, so
they are created when a plan needs one.
"""

from __future__ import annotations

import datetime as dt

COUNTRY = "Việt Nam"
COUNTRY_CODE = "vn"
MERGER_EVE = dt.date(2025, 6, 30)  # last day the merged-away provinces existed

# The 34 units in force from 01/07/2025, with the provinces merged into each (Resolution
# 202/2025/QH15, Article 1). Cities directly under the central government are marked.
CURRENT: tuple[tuple[str, bool, tuple[str, ...]], ...] = (
    # name, is_city, merged into it
    ("Hà Nội", True, ()),
    ("Huế", True, ()),
    ("Lai Châu", False, ()),
    ("Điện Biên", False, ()),
    ("Sơn La", False, ()),
    ("Lạng Sơn", False, ()),
    ("Quảng Ninh", False, ()),
    ("Thanh Hóa", False, ()),
    ("Nghệ An", False, ()),
    ("Hà Tĩnh", False, ()),
    ("Cao Bằng", False, ()),
    ("Tuyên Quang", False, ("Hà Giang",)),
    ("Lào Cai", False, ("Yên Bái",)),
    ("Thái Nguyên", False, ("Bắc Kạn",)),
    ("Phú Thọ", False, ("Vĩnh Phúc", "Hòa Bình")),
    ("Bắc Ninh", False, ("Bắc Giang",)),
    ("Hưng Yên", False, ("Thái Bình",)),
    ("Hải Phòng", True, ("Hải Dương",)),
    ("Ninh Bình", False, ("Hà Nam", "Nam Định")),
    ("Quảng Trị", False, ("Quảng Bình",)),
    ("Đà Nẵng", True, ("Quảng Nam",)),
    ("Quảng Ngãi", False, ("Kon Tum",)),
    ("Gia Lai", False, ("Bình Định",)),
    ("Khánh Hòa", False, ("Ninh Thuận",)),
    ("Lâm Đồng", False, ("Đắk Nông", "Bình Thuận")),
    ("Đắk Lắk", False, ("Phú Yên",)),
    ("Hồ Chí Minh", True, ("Bình Dương", "Bà Rịa - Vũng Tàu")),
    ("Đồng Nai", False, ("Bình Phước",)),
    ("Tây Ninh", False, ("Long An",)),
    ("Cần Thơ", True, ("Sóc Trăng", "Hậu Giang")),
    ("Vĩnh Long", False, ("Bến Tre", "Trà Vinh")),
    ("Đồng Tháp", False, ("Tiền Giang",)),
    ("Cà Mau", False, ("Bạc Liêu",)),
    ("An Giang", False, ("Kiên Giang",)),
)

# Other ways documents print a province (folded forms are compared, see directory.services).
OTHER_NAMES: dict[str, tuple[str, ...]] = {
    "Huế": ("Thừa Thiên Huế", "Thừa Thiên - Huế"),
    "Hồ Chí Minh": ("TP.HCM", "TPHCM", "TP HCM", "Sài Gòn"),
    "Thanh Hóa": ("Thanh Hoá",),
    "Khánh Hòa": ("Khánh Hoà",),
    "Hòa Bình": ("Hoà Bình",),
    "Đắk Lắk": ("Đăk Lăk", "Đắc Lắk"),
    "Đắk Nông": ("Đăk Nông", "Đắc Nông"),
    "Bà Rịa - Vũng Tàu": ("Bà Rịa-Vũng Tàu", "Bà Rịa Vũng Tàu", "Bà Rịa–Vũng Tàu"),
    "Kon Tum": ("Kontum",),
}
