"""Generate a synthetic national data set in PostgreSQL with COPY (issue 8, item 1).

usage: .venv/bin/python bench/generate.py --scale 1.0 \
           --database-url postgres://postgres@127.0.0.1:5432/theodoi_bench [--seed 57] [--keep]

Drops and creates the database (``--keep`` refuses to touch an existing one), runs ``theodoi
migrate`` against it, then bulk-loads with psycopg 3's ``cursor.copy()`` in dependency order,
sets the sequences and runs VACUUM ANALYZE. At scale 1.0 (all figures scale linearly except the
34 provinces, which are the migration's own rows):

- about 3,300 communes (xã, phường) under the 34 provinces in force, three agencies each
  (UBND xã, its office, its economic section), and 28 provincial agencies per province;
- about 3,500 active plans: per province one province plan (100-150 tasks, weekly reports),
  about 20 agency plans and about 82 commune plans (20-150 tasks; 15 % report weekly, the
  rest monthly); 4-6 sections each; about 300,000 tasks with deadlines by month, quarter,
  year, range, "Hằng tháng" and "Thường xuyên";
- leads concentrated on a few agencies: a Zipf draw over the provincial agencies for
  province plans (Sở KH&CN leads the most), the issuing agency for 70 % of an agency plan's
  tasks, UBND xã for 75 % of a commune plan's;
- 5 years of reports up to today, from each plan's date: one per lead agency per period,
  8 % never sent, 15 % of those sent late, 3 % returned, recent ones only submitted, and the
  current weekly period opened as drafts (these are what ``bench/national.py`` submits);
  one task update per task the agency leads per report (about 20 million at scale 1.0), the
  work moving from not started to done along each task's own line; indicator values in
  monthly reports and the last weekly report of each month.

Names are Vietnamese-looking, from small word lists; a fixed seed makes the same data each run.
"""

from __future__ import annotations

import argparse
import bisect
import contextlib
import datetime as dt
import json
import os
import random
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import psycopg  # noqa: E402

from theodoi.ingest.normalise.deadlines import parse_deadline  # noqa: E402
from theodoi.ingest.text import fold  # noqa: E402
from theodoi.tracking import rules  # noqa: E402

TODAY = dt.date.today()
YEARS = 5
WINDOW_START = TODAY - dt.timedelta(days=365 * YEARS)
UTC = dt.UTC
VN = dt.timezone(dt.timedelta(hours=7))

COMMUNES = 3300
AGENCY_PLANS_PER_PROVINCE = 20
COMMUNE_PLAN_SHARE = 0.845  # of communes with a plan of their own
WEEKLY_SHARE = 0.15  # of agency and commune plans reporting weekly (province plans all do)
MISSING = 0.08
LATE = 0.15
RETURNED = 0.03

PROVINCE_AGENCIES = (
    ("Sở Khoa học và Công nghệ", "Sở KH&CN", "department"),
    ("Sở Nội vụ", "Sở NV", "department"),
    ("Sở Tài chính", "Sở TC", "department"),
    ("Văn phòng Ủy ban nhân dân tỉnh", "VP UBND", "board"),
    ("Sở Giáo dục và Đào tạo", "Sở GD&ĐT", "department"),
    ("Sở Y tế", "Sở YT", "department"),
    ("Sở Công Thương", "Sở CT", "department"),
    ("Sở Nông nghiệp và Môi trường", "Sở NN&MT", "department"),
    ("Sở Xây dựng", "Sở XD", "department"),
    ("Sở Tư pháp", "Sở TP", "department"),
    ("Sở Văn hóa, Thể thao và Du lịch", "Sở VHTTDL", "department"),
    ("Sở Dân tộc và Tôn giáo", "Sở DT&TG", "department"),
    ("Sở Ngoại vụ", "Sở NgV", "department"),
    ("Thanh tra tỉnh", "TT tỉnh", "department"),
    ("Công an tỉnh", "CA tỉnh", "sector"),
    ("Bộ Chỉ huy Quân sự tỉnh", "BCH QS", "sector"),
    ("Ban Quản lý các khu công nghiệp", "BQL KCN", "board"),
    ("Đài Phát thanh và Truyền hình tỉnh", "Đài PT-TH", "enterprise"),
    ("Thuế tỉnh", "Thuế", "sector"),
    ("Bảo hiểm xã hội tỉnh", "BHXH", "sector"),
    ("Ngân hàng Nhà nước chi nhánh khu vực", "NHNN", "sector"),
    ("Liên minh Hợp tác xã tỉnh", "LM HTX", "other"),
    ("Viễn thông tỉnh (VNPT)", "VNPT", "enterprise"),
    ("Viettel tỉnh", "Viettel", "enterprise"),
    ("Trường Đại học tỉnh", "ĐH tỉnh", "enterprise"),
    ("Ban Tuyên giáo và Dân vận Tỉnh ủy", "BTG&DV", "party"),
    ("Tỉnh đoàn", "Tỉnh đoàn", "party"),
    ("Hội Liên hiệp Phụ nữ tỉnh", "Hội LHPN", "party"),
)
PLAN_ISSUING = 20  # the first agencies above issue plans of their own

SYLLABLES = (
    "An",
    "Bình",
    "Hòa",
    "Phú",
    "Thạnh",
    "Tân",
    "Long",
    "Hưng",
    "Phước",
    "Thuận",
    "Đông",
    "Tây",
    "Nam",
    "Bắc",
    "Trung",
    "Sơn",
    "Hải",
    "Lộc",
    "Mỹ",
    "Quang",
    "Minh",
    "Hiệp",
    "Thành",
    "Thắng",
    "Lợi",
    "Đức",
    "Vĩnh",
    "Xuân",
    "Hồng",
    "Phong",
    "Lâm",
    "Nghĩa",
    "Tiến",
    "Cát",
    "Kim",
    "Ngọc",
    "Hà",
    "Tiên",
    "Định",
    "Khánh",
    "Lạc",
    "Yên",
    "Vân",
    "Quế",
    "Tường",
    "Diên",
    "Ninh",
    "Hậu",
    "Giang",
    "Thịnh",
    "Lương",
    "Trà",
    "Gia",
    "Hiếu",
)
VERBS = (
    "Xây dựng",
    "Triển khai",
    "Hoàn thiện",
    "Nâng cấp",
    "Tổ chức",
    "Rà soát",
    "Ban hành",
    "Đẩy mạnh",
    "Số hóa",
    "Tích hợp",
    "Đánh giá",
    "Phát triển",
    "Tuyên truyền",
    "Đào tạo",
)
OBJECTS = (
    "cơ sở dữ liệu",
    "nền tảng số",
    "kế hoạch",
    "hệ thống thông tin",
    "dịch vụ công trực tuyến",
    "hạ tầng số",
    "chương trình",
    "đề án",
    "quy chế",
    "trung tâm điều hành thông minh",
    "kho dữ liệu dùng chung",
    "mô hình",
    "bộ chỉ số",
    "nguồn nhân lực",
)
DOMAINS = (
    "chuyển đổi số",
    "khoa học và công nghệ",
    "đổi mới sáng tạo",
    "y tế",
    "giáo dục",
    "nông nghiệp",
    "du lịch",
    "đất đai",
    "tài chính công",
    "an toàn thông tin",
    "chính quyền số",
    "kinh tế số",
    "xã hội số",
    "doanh nghiệp khởi nghiệp",
)
OUTPUTS = ("Kế hoạch", "Quyết định", "Đề án", "Văn bản hướng dẫn", "Báo cáo", "Hệ thống", "Quy chế")
SECTION_TITLES = (
    "Nâng cao nhận thức, đổi mới tư duy",
    "Hoàn thiện thể chế, chính sách",
    "Đầu tư hạ tầng cho khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số",
    "Phát triển, trọng dụng nhân tài",
    "Thúc đẩy chuyển đổi số trong hoạt động của cơ quan nhà nước",
    "Tăng cường hợp tác quốc tế",
)
ROMAN = ("I", "II", "III", "IV", "V", "VI")
DONE_TEXTS = (
    "Đã ban hành văn bản triển khai",
    "Đã hoàn thành, gửi báo cáo về Sở Khoa học và Công nghệ",
    "Đang xây dựng dự thảo, lấy ý kiến các đơn vị",
    "Đã tổ chức hội nghị quán triệt",
    "Đã đưa vào vận hành thử nghiệm",
    "Đang khảo sát hiện trạng",
    "Đã trình UBND tỉnh phê duyệt",
)
DIFFICULTIES = (
    "Thiếu kinh phí",
    "Thiếu nhân lực có chuyên môn",
    "Hạ tầng chưa đồng bộ",
    "Chờ hướng dẫn của Trung ương",
)
INDICATORS = (
    ("Tỷ lệ hồ sơ thủ tục hành chính được xử lý trực tuyến", "%", ">=", 80.0),
    ("Tỷ lệ dân số trưởng thành có chữ ký số", "%", ">=", 50.0),
    ("Tỷ trọng kinh tế số trong GRDP", "% GRDP", ">=", 20.0),
    ("Số doanh nghiệp khoa học và công nghệ", "Doanh nghiệp", ">=", 15.0),
    ("Chi cho nghiên cứu phát triển", "% GRDP", ">=", 2.0),
    ("Tỷ lệ cơ quan kết nối mạng truyền số liệu chuyên dùng", "%", ">=", 100.0),
    ("Có trung tâm điều hành thông minh", "Có/Không", "text", None),
    ("Số nhân lực nghiên cứu", "Người/vạn dân", ">=", 12.0),
)


def deadline_choices(year: int) -> list[str]:
    """Return printed deadlines for a plan issued in ``year``, weighted by repetition."""
    out = []
    for y in range(year, year + 4):
        out += [f"{m:02d}/{y}" for m in (3, 6, 9, 12)]
        out += [f"Quý {q}/{y}" for q in ("I", "II", "III", "IV")]
        out += [str(y)] * 2
    out += ["Hằng tháng"] * 3 + ["Thường xuyên"] * 5 + [f"{year}-{year + 5}"] * 2
    return out


class Ids:
    """Hand out ids per table, starting after the rows the migrations made."""

    def __init__(self) -> None:
        self.next: dict[str, int] = {}

    def start(self, table: str, after: int) -> None:
        self.next[table] = after + 1

    def __call__(self, table: str) -> int:
        value = self.next.setdefault(table, 1)
        self.next[table] = value + 1
        return value


def name_pair(rng: random.Random) -> str:
    return f"{rng.choice(SYLLABLES)} {rng.choice(SYLLABLES)}"


def zipf_weights(n: int, s: float = 1.1) -> list[float]:
    return [1 / (k + 1) ** s for k in range(n)]


def weighted(rng: random.Random, cum: list[float], items: list) -> object:
    return items[bisect.bisect_left(cum, rng.random() * cum[-1])]


def cumulative(weights: list[float]) -> list[float]:
    out, total = [], 0.0
    for w in weights:
        total += w
        out.append(total)
    return out


def periods(cadence: str, start: dt.date, due_text: str) -> list[tuple[str, dt.date, dt.date, dt.datetime]]:
    """Return (key, start, end, due_at) of every ``cadence`` period from ``start`` to today."""
    rule = rules.parse_due_rule(cadence, due_text)
    out = []
    day = start
    while day <= TODAY:
        key, p_start, p_end = rules.period_containing(cadence, day)
        out.append((key, p_start, p_end, rules.due_at(rule, start=p_start, end=p_end)))
        day = p_end + dt.timedelta(days=1)
    return out


def recreate_database(url: str, keep: bool) -> None:
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if exists and keep:
            raise SystemExit(f"database {name} exists and --keep was given")
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def migrate(url: str) -> None:
    env = dict(os.environ, DATABASE_URL=url)
    subprocess.run([str(ROOT / ".venv/bin/theodoi"), "migrate", "-v0"], check=True, env=env)


@contextlib.contextmanager
def copier(url: str, sql: str) -> Iterator[psycopg.Copy]:
    """COPY on a connection of its own, committed on leaving.

    Tables loaded side by side each need their own connection (one connection runs one COPY
    at a time). Foreign keys are deferred to commit, so nest the child outside its parent:
    the inner block leaves, and commits, first.
    """
    with psycopg.connect(url) as conn:
        conn.execute("SET synchronous_commit = off")
        with conn.cursor().copy(sql) as copy:
            yield copy


class Loader:
    """Stream rows into one table with COPY and count them."""

    def __init__(self, conn: psycopg.Connection, table: str, columns: tuple[str, ...]) -> None:
        self.cur = conn.cursor()
        self.table, self.columns = table, columns
        self.rows = 0

    def __enter__(self) -> Loader:
        self.ctx = self.cur.copy(f"COPY {self.table} ({', '.join(self.columns)}) FROM STDIN")
        self.copy = self.ctx.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self.ctx.__exit__(*exc)

    def row(self, *values: object) -> None:
        self.copy.write_row(values)
        self.rows += 1


def generate(url: str, scale: float, seed: int) -> dict[str, int]:
    rng = random.Random(seed)
    ids = Ids()
    counts: dict[str, int] = {}
    now = dt.datetime.now(UTC)
    with psycopg.connect(url) as conn:
        conn.execute("SET synchronous_commit = off")
        provinces = conn.execute(
            "SELECT id, code FROM directory_administrativeunit WHERE level = 'province' AND successor_id IS NULL"
            " ORDER BY id"
        ).fetchall()
        ids.start("unit", conn.execute("SELECT max(id) FROM directory_administrativeunit").fetchone()[0])

        # --- communes and agencies -----------------------------------------------------------
        n_communes = max(len(provinces), round(COMMUNES * scale))
        communes: dict[int, list[int]] = {p: [] for p, _ in provinces}
        commune_agencies: dict[int, list[int]] = {}
        province_agencies: dict[int, list[int]] = {}
        with Loader(
            conn, "directory_administrativeunit", ("id", "name", "level", "code", "is_city", "parent_id")
        ) as units:
            for i in range(n_communes):
                prov_id, prov_code = provinces[i % len(provinces)]
                uid = ids("unit")
                kind = "Phường" if rng.random() < 0.25 else "Xã"
                units.row(
                    uid,
                    f"{kind} {name_pair(rng)} {i // len(provinces) + 1}",
                    "commune",
                    f"{prov_code}-x{i:05d}",
                    False,
                    prov_id,
                )
                communes[prov_id].append(uid)
            counts["communes"] = units.rows
        with Loader(
            conn,
            "directory_agency",
            ("id", "name", "short_name", "kind", "needs_review", "is_active", "unit_id"),
        ) as agencies:
            for prov_id, _ in provinces:
                province_agencies[prov_id] = []
                for name, short, kind in PROVINCE_AGENCIES:
                    aid = ids("agency")
                    agencies.row(aid, name, short, kind, False, True, prov_id)
                    province_agencies[prov_id].append(aid)
                for cid in communes[prov_id]:
                    commune_agencies[cid] = []
                    for name, kind in (
                        ("UBND xã", "peoples_committee"),
                        ("Văn phòng HĐND và UBND xã", "board"),
                        ("Phòng Kinh tế xã", "department"),
                    ):
                        aid = ids("agency")
                        agencies.row(aid, f"{name} #{cid}", "", kind, False, True, cid)
                        commune_agencies[cid].append(aid)
            counts["agencies"] = agencies.rows

        # --- plans ------------------------------------------------------------------------
        plans = []  # (id, unit, level, date, cadence, issuer agency, candidate leads, lead cum)
        prov_cum = cumulative(zipf_weights(len(PROVINCE_AGENCIES)))
        span = 540  # plans issued over the first year and a half
        for prov_id, _code in provinces:
            pa = province_agencies[prov_id]
            number = 0

            def plan_date() -> dt.date:
                return WINDOW_START + dt.timedelta(days=rng.randrange(span))

            number += 1
            plans.append(
                (ids("plan"), prov_id, "province", plan_date(), "weekly", None, pa, prov_cum, number, "UBND")
            )
            for k in range(max(1, round(AGENCY_PLANS_PER_PROVINCE * scale))):
                issuer = pa[k % PLAN_ISSUING]
                number += 1
                cadence = "weekly" if rng.random() < WEEKLY_SHARE else "monthly"
                plans.append(
                    (
                        ids("plan"),
                        prov_id,
                        "agency",
                        plan_date(),
                        cadence,
                        issuer,
                        pa,
                        prov_cum,
                        number,
                        PROVINCE_AGENCIES[k % PLAN_ISSUING][1].replace(" ", ""),
                    )
                )
            for cid in communes[prov_id]:
                if rng.random() < COMMUNE_PLAN_SHARE:
                    cadence = "weekly" if rng.random() < WEEKLY_SHARE else "monthly"
                    ca = commune_agencies[cid]
                    plans.append(
                        (
                            ids("plan"),
                            cid,
                            "commune",
                            plan_date(),
                            cadence,
                            None,
                            ca,
                            cumulative([0.75, 0.15, 0.10]),
                            1,
                            "UBND",
                        )
                    )
        due_texts = {"weekly": "trước 10h00 thứ năm trong tuần", "monthly": "trước ngày 15 của tháng"}
        with Loader(
            conn,
            "plans_plan",
            (
                "id",
                "number",
                "kind",
                "issuer",
                "unit_id",
                "province_text",
                "level",
                "date",
                "title",
                "signer",
                "status",
                "source_file",
                "source_hash",
                "source_text",
                "extraction",
                "created_at",
                "updated_at",
            ),
        ) as out:
            for pid, unit, level, date, _c, _i, _a, _w, number, abbr in plans:
                kind = f"KH-{abbr}"
                out.row(
                    pid,
                    f"{number}/{kind}",
                    kind,
                    "ỦY BAN NHÂN DÂN" if abbr == "UBND" else abbr,
                    unit,
                    "",
                    level,
                    date,
                    "Kế hoạch thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị",
                    "",
                    "active",
                    "",
                    "",
                    "",
                    "{}",
                    now,
                    now,
                )
            counts["plans"] = out.rows
        with Loader(
            conn,
            "plans_reportingduty",
            (
                "id",
                "plan_id",
                "cadence",
                "due_text",
                "recipient_text",
                "position",
                "source_lines",
                "confidence",
                "recipient_id",
            ),
        ) as out:
            for pid, _u, level, _d, cadence, _i, agencies_, _w, _n, _a in plans:
                recipient = agencies_[0] if level != "commune" else None
                out.row(
                    ids("duty"),
                    pid,
                    cadence,
                    due_texts[cadence],
                    "Sở Khoa học và Công nghệ",
                    0,
                    "[]",
                    "{}",
                    recipient,
                )

        # --- sections, tasks, leads, indicators ---------------------------------------------
        parsed_cache: dict[str, dict | None] = {}
        plan_tasks: dict[int, list[tuple[int, int, dt.date | None, dt.date | None, bool]]] = {}
        plan_indicators: dict[int, list[tuple[int, int, str]]] = {}
        sec = Loader(conn, "plans_section", ("id", "plan_id", "code", "title", "position"))
        with sec:
            plan_sections = {}
            for pid, *_ in plans:
                n = rng.randint(4, 6)
                plan_sections[pid] = []
                for s in range(n):
                    sid = ids("section")
                    sec.row(sid, pid, ROMAN[s], SECTION_TITLES[s], s)
                    plan_sections[pid].append((sid, ROMAN[s]))
        task_scale = 1.0  # tasks per plan stay realistic at any scale
        # TaskProgress columns known from the task alone (rules.deadline_basis), loaded after the updates.
        commune_province = {cid: p for p, cs in communes.items() for cid in cs}
        plan_province = {
            pid: commune_province[unit] if level == "commune" else unit for pid, unit, level, *_ in plans
        }
        progress_basis: list[tuple] = []
        conn.commit()
        with (
            copier(
                url, "COPY plans_taskagency (id, task_id, agency_id, role, printed_name, position) FROM STDIN"
            ) as acopy,
            copier(
                url,
                "COPY plans_task (id, plan_id, section_id, section_code, code, name, output, deadline_text, deadline_kind,"
                " deadline_due, deadline_parsed, position, search_key, source_lines, confidence) FROM STDIN",
            ) as tcopy,
        ):
            n_tasks = n_assign = 0
            for pid, _u, level, date, _c, issuer, agencies_, cum, _n, _a in plans:
                lo, hi = (100, 150) if level == "province" else (20, 150)
                n = round(rng.randint(lo, hi) * task_scale)
                choices = deadline_choices(date.year)
                sections = plan_sections[pid]
                rows = []
                for pos in range(n):
                    tid = ids("task")
                    sid, scode = sections[min(len(sections) - 1, pos * len(sections) // n)]
                    name = f"{rng.choice(VERBS)} {rng.choice(OBJECTS)} về {rng.choice(DOMAINS)}"
                    text = rng.choice(choices)
                    if text not in parsed_cache:
                        parsed_cache[text] = parse_deadline(text)
                    parsed = parsed_cache[text]
                    kind = (parsed or {}).get("kind", "unknown")
                    due = dt.date.fromisoformat(parsed["due"]) if parsed and parsed.get("due") else None
                    if issuer is not None and rng.random() < 0.7:
                        lead = issuer
                    else:
                        lead = weighted(rng, cum, agencies_)
                    tcopy.write_row(
                        (
                            tid,
                            pid,
                            sid,
                            scode,
                            str(pos + 1),
                            name,
                            rng.choice(OUTPUTS),
                            text,
                            kind,
                            due,
                            json.dumps(parsed, ensure_ascii=False) if parsed else None,
                            pos,
                            fold(name),
                            "[]",
                            "{}",
                        )
                    )
                    n_tasks += 1
                    acopy.write_row((ids("assign"), tid, lead, "lead", "", 0))
                    n_assign += 1
                    if rng.random() < 0.5:
                        partner = rng.choice(agencies_)
                        if partner != lead:
                            acopy.write_row((ids("assign"), tid, partner, "partner", "", 1))
                            n_assign += 1
                    # the task's own line: started some weeks after the plan, done near the deadline
                    start = date + dt.timedelta(days=rng.randrange(7, 200))
                    per_period = kind in ("recurring", "continuous")
                    done = None
                    if due is not None and rng.random() < 0.88:
                        done = due + dt.timedelta(days=rng.randint(-120, 75))
                        done = max(done, start + dt.timedelta(days=14))
                    rows.append((tid, lead, start, done, per_period))
                    basis = rules.deadline_basis(parsed)
                    progress_basis.append(
                        (tid, plan_province[pid], basis.due, basis.per_period, basis.continues, basis.cadence)
                    )
                plan_tasks[pid] = rows
            counts["tasks"], counts["task_agencies"] = n_tasks, n_assign
        with (
            copier(
                url,
                "COPY plans_indicatoragency (id, indicator_id, agency_id, printed_name, position) FROM STDIN",
            ) as iacopy,
            copier(
                url,
                'COPY plans_indicator (id, plan_id, horizon, "group", code, name, unit, target_text, op, value,'
                " value_max, position, search_key, source_lines, confidence) FROM STDIN",
            ) as icopy,
        ):
            n_ind = 0
            for pid, _u, level, *_rest in plans:
                leads = sorted({lead for _t, lead, *_x in plan_tasks[pid]})
                k = {"province": 16, "agency": 5, "commune": 3}[level]
                plan_indicators[pid] = []
                for pos in range(k):
                    iid = ids("indicator")
                    name, unit_text, op, value = INDICATORS[pos % len(INDICATORS)]
                    horizon = 2030 if pos % 3 else 2025
                    target = f"≥ {value:g}".replace(".", ",") if value is not None else "Có"
                    icopy.write_row(
                        (
                            iid,
                            pid,
                            horizon,
                            "",
                            str(pos + 1),
                            name,
                            unit_text,
                            target,
                            op,
                            value,
                            None,
                            pos,
                            fold(name),
                            "[]",
                            "{}",
                        )
                    )
                    agency = leads[pos % len(leads)]
                    iacopy.write_row((ids("iassign"), iid, agency, "", 0))
                    plan_indicators[pid].append((iid, agency, op))
                    n_ind += 1
            counts["indicators"] = n_ind
        conn.commit()
        print(f"  structure: {counts}", flush=True)

        # --- reports, task updates, indicator values ----------------------------------------
        period_cache: dict[tuple[str, dt.date], list] = {}
        n_reports = n_updates = n_values = n_drafts = 0
        t0 = time.monotonic()
        with (
            copier(
                url,
                "COPY tracking_indicatorvalue (id, report_id, indicator_id, number, boolean, text, note, source, updated_at)"
                " FROM STDIN",
            ) as vcopy,
            copier(
                url,
                "COPY tracking_taskupdate (id, report_id, task_id, status, percent, done_on, done_text, difficulties,"
                " proposals, evidence_number, evidence_date, evidence_link, updated_at) FROM STDIN",
            ) as ucopy,
            copier(
                url,
                "COPY tracking_progressreport (id, agency_id, plan_id, cadence, period, period_start, period_end, due_at,"
                " status, version, summary, created_at, updated_at, submitted_at, last_submitted_at, reviewed_at,"
                " return_comment) FROM STDIN",
            ) as rcopy,
        ):
            for pid, _u, _level, date, cadence, *_rest in plans:
                key = (cadence, date)
                if key not in period_cache:
                    period_cache[key] = periods(cadence, date, due_texts[cadence])
                by_lead: dict[int, list] = {}
                for row in plan_tasks[pid]:
                    by_lead.setdefault(row[1], []).append(row)
                ind_by_agency: dict[int, list] = {}
                for iid, agency, op in plan_indicators[pid]:
                    ind_by_agency.setdefault(agency, []).append((iid, op))
                plist = period_cache[key]
                for pkey, p_start, p_end, due in plist:
                    current = due > now
                    recent = (now - due).days < 21
                    month_end = cadence == "monthly" or (p_end + dt.timedelta(days=7)).month != p_end.month
                    for agency, tasks in by_lead.items():
                        r = rng.random()
                        if current:
                            if r < 0.45:
                                status, sent = "draft", None
                            elif r < 0.65:
                                status, sent = "submitted", due - dt.timedelta(hours=rng.randint(1, 72))
                            else:
                                continue
                        else:
                            if r < MISSING:
                                continue
                            late = rng.random() < LATE
                            sent = due + (
                                dt.timedelta(hours=rng.randint(2, 240))
                                if late
                                else -dt.timedelta(hours=rng.randint(1, 120))
                            )
                            if rng.random() < RETURNED:
                                status = "returned"
                            elif recent and rng.random() < 0.6:
                                status = "submitted"
                            else:
                                status = "accepted"
                        rid = ids("report")
                        created = dt.datetime.combine(p_start, dt.time(2), UTC)
                        reviewed = sent + dt.timedelta(days=2) if status == "accepted" else None
                        rcopy.write_row(
                            (
                                rid,
                                agency,
                                pid,
                                cadence,
                                pkey,
                                p_start,
                                p_end,
                                due,
                                status,
                                2 if sent else 1,
                                "",
                                created,
                                sent or created,
                                sent,
                                sent,
                                reviewed,
                                "Bổ sung kết quả, minh chứng" if status == "returned" else "",
                            )
                        )
                        n_reports += 1
                        if status == "draft":
                            n_drafts += 1
                            continue  # opened, nothing filled in yet: bench/national.py fills these
                        stamp = sent
                        for tid, _lead, start, done, per_period in tasks:
                            if p_end < start:
                                ustatus, percent, done_on, text = "not_started", 0, None, ""
                            elif done is not None and done <= p_end and not per_period:
                                ustatus, percent, done_on = "done", 100, done
                                text = DONE_TEXTS[tid % 2]
                            else:
                                ustatus = "in_progress"
                                horizon = (done or (start + dt.timedelta(days=720))) - start
                                percent = min(95, max(5, (p_end - start).days * 100 // max(1, horizon.days)))
                                done_on, text = None, DONE_TEXTS[2 + tid % 5]
                            ucopy.write_row(
                                (
                                    ids("update"),
                                    rid,
                                    tid,
                                    ustatus,
                                    percent,
                                    done_on,
                                    text,
                                    DIFFICULTIES[tid % 4] if tid % 9 == 0 else "",
                                    "",
                                    "",
                                    None,
                                    "",
                                    stamp,
                                )
                            )
                            n_updates += 1
                        if month_end:
                            for iid, op in ind_by_agency.get(agency, ()):
                                progress = (p_end - WINDOW_START).days / (365 * YEARS)
                                if op == "text":
                                    vcopy.write_row(
                                        (ids("value"), rid, iid, None, progress > 0.5, "", "", "", stamp)
                                    )
                                else:
                                    number = round(10 + 80 * progress + rng.uniform(-5, 5), 1)
                                    vcopy.write_row(
                                        (ids("value"), rid, iid, number, None, "", "", "Sở KH&CN", stamp)
                                    )
                                n_values += 1
                if pid % 200 == 0:
                    print(
                        f"  plan {pid}: {n_reports:,} reports, {n_updates:,} updates "
                        f"({time.monotonic() - t0:.0f} s)",
                        flush=True,
                    )
        counts.update(
            reports=n_reports, draft_reports=n_drafts, task_updates=n_updates, indicator_values=n_values
        )
        conn.commit()
        for table in (
            "directory_administrativeunit",
            "directory_agency",
            "plans_plan",
            "plans_reportingduty",
            "plans_section",
            "plans_task",
            "plans_taskagency",
            "plans_indicator",
            "plans_indicatoragency",
            "tracking_progressreport",
            "tracking_taskupdate",
            "tracking_indicatorvalue",
        ):
            conn.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT coalesce(max(id), 1) FROM {table}))"
            )
        conn.commit()
        started = time.monotonic()
        counts["task_progress"] = fill_progress(conn, progress_basis)
        print(
            f"  task progress: {counts['task_progress']:,} rows ({time.monotonic() - started:.0f} s)",
            flush=True,
        )
    return counts


def fill_progress(conn: psycopg.Connection, basis: list[tuple]) -> int:
    """Fill ``tracking_taskprogress`` set-based after the load; return the rows written.

    The task columns come from ``rules.deadline_basis`` (COPY into a temporary table), each
    task's newest counted update from one ``DISTINCT ON`` over the updates (the order of
    ``tracking.progress.newest_counted``; "done" without a day counts from the submission
    day, as ``progress.Latest.reported`` says). The status on the day is then set by
    ``theodoi rebuild-task-progress --status-only``: one UPDATE with the app's own SQL
    judgement, not a copy of it here.
    """
    conn.execute(
        "CREATE TEMP TABLE progress_basis (task_id bigint PRIMARY KEY, province_id bigint,"
        " deadline_due date, per_period boolean, continues boolean, cadence text)"
    )
    with conn.cursor().copy("COPY progress_basis FROM STDIN") as copy:
        for row in basis:
            copy.write_row(row)
    written = conn.execute(
        """
        INSERT INTO tracking_taskprogress (task_id, plan_id, province_id, deadline_due, per_period, continues,
            cadence, update_id, work_status, percent, done_on, report_period, report_period_start,
            report_period_end, reported_at, status, judged_on)
        SELECT b.task_id, t.plan_id, b.province_id, b.deadline_due, b.per_period, b.continues, b.cadence,
            l.id, coalesce(l.status, ''), coalesce(l.percent, 0),
            CASE WHEN l.status = 'done'
                THEN coalesce(l.done_on, (l.last_submitted_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date) END,
            coalesce(l.period, ''), l.period_start, l.period_end, l.last_submitted_at, 'not_started', %(today)s
        FROM progress_basis b
        JOIN plans_task t ON t.id = b.task_id
        LEFT JOIN (
            SELECT DISTINCT ON (u.task_id) u.task_id, u.id, u.status, u.percent, u.done_on,
                r.period, r.period_start, r.period_end, r.last_submitted_at
            FROM tracking_taskupdate u JOIN tracking_progressreport r ON r.id = u.report_id
            WHERE r.status IN ('submitted', 'accepted') AND r.period_start <= %(today)s
            ORDER BY u.task_id, r.period_end DESC, r.last_submitted_at DESC NULLS LAST, u.id DESC
        ) l ON l.task_id = b.task_id
        """,
        {"today": TODAY},
    ).rowcount
    conn.execute("DROP TABLE progress_basis")
    conn.commit()
    return written


def judge_progress(url: str) -> None:
    """Set every progress row's status on today with the app's SQL judgement (one UPDATE).

    The same command judges every indicator and builds this quarter's report obligations,
    as the nightly job does.
    """
    env = dict(os.environ, DATABASE_URL=url)
    subprocess.run(
        [str(ROOT / ".venv/bin/theodoi"), "rebuild-task-progress", "--status-only"], check=True, env=env
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/theodoi_bench")
    parser.add_argument("--seed", type=int, default=57)
    parser.add_argument("--keep", action="store_true", help="refuse to drop an existing database")
    args = parser.parse_args()
    started = time.monotonic()
    recreate_database(args.database_url, args.keep)
    migrate(args.database_url)
    print(f"migrated ({time.monotonic() - started:.0f} s)", flush=True)
    counts = generate(args.database_url, args.scale, args.seed)
    judge_progress(args.database_url)
    loaded = time.monotonic()
    with psycopg.connect(args.database_url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
        size = conn.execute("SELECT pg_size_pretty(pg_database_size(current_database()))").fetchone()[0]
    done = time.monotonic()
    print(f"scale {args.scale}: " + ", ".join(f"{k} {v:,}" for k, v in counts.items()))
    print(f"loaded in {loaded - started:.0f} s, VACUUM ANALYZE {done - loaded:.0f} s, database {size}")


if __name__ == "__main__":
    main()
