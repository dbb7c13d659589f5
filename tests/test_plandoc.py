"""`cds init --from`: a school's plan read from the document it wrote (#21)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from docx import Document
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import Result

from cds_tracker import api
from cds_tracker.checks.problem import CdsError
from cds_tracker.store import plandoc
from cds_tracker.store.planfile import load_plan
from tests.conftest import ROOT, SHIPPED_PLAN

Cds = Callable[..., Result]
SEED = ROOT / "tests" / "data" / "ke-hoach-cds-xuan-tien.md"

# The shipped plan's choices the document does not state: the school's own count of articles,
# the level of section II, and two shares of things the school counts itself (the document
# says "Tỷ lệ …": a percent; the shipped plan made them ratios of its own head counts).
NOT_IN_THE_DOCUMENT = {"tin-bai-cds", "muc-do-cds"}
SHARES_OF_THINGS = {"hoc-lieu-so", "attt-cap-do"}


def as_docx(text: str, path: Path) -> Path:
    """The seed as schools write it in Word: a header table (school and number; motto and
    date), bold headings, bulleted targets."""
    document = Document()
    table = document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.paragraphs[0].add_run("UBND XÃ XUÂN TRƯỜNG")
    left.add_paragraph().add_run("TRƯỜNG TIỂU HỌC XUÂN TIẾN").bold = True
    right.paragraphs[0].add_run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").bold = True
    right.add_paragraph().add_run("Độc lập - Tự do - Hạnh phúc").bold = True
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        if line.startswith("Số:"):
            left.add_paragraph(line)
            continue
        if line.startswith("Xuân Trường, ngày"):
            right.add_paragraph(line).runs[0].italic = True
            continue
        clean = re.sub(r"^#+\s*", "", line).replace("**", "").replace("*", "")
        if clean.startswith("- "):
            document.add_paragraph(clean[2:], style="List Bullet")
        else:
            paragraph = document.add_paragraph()
            paragraph.add_run(clean).bold = line.startswith("#")
    document.save(str(path))
    return path


def expected() -> list[tuple[str, str, str, str | None, float | None, float | None, str | None]]:
    """The shipped plan's targets of section I.2, as (id, group, kind, op, target, stretch, of)."""
    plan = load_plan(SHIPPED_PLAN).plan
    rows = []
    for i in plan.indicators:
        if i.id in NOT_IN_THE_DOCUMENT:
            continue
        kind, of = i.kind, i.of
        if i.id in SHARES_OF_THINGS:
            kind, of = "percent", None
        op = i.target.op if i.target else None
        rows.append((i.id, i.group, kind, op, i.target.value if i.target else None,
                     i.stretch.value if i.stretch else None, of))  # fmt: skip
    return rows


def read(path: Path) -> list[tuple[str, str, str | None, float | None, float | None, str | None]]:
    doc = plandoc.read_document(plandoc.read_lines(path))
    return [(g.key, t.kind, t.op, t.value, t.stretch, t.of) for g in doc.groups for t in g.targets]


@pytest.fixture(params=["md", "docx"])
def seed(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    if request.param == "md":
        return SEED
    return as_docx(SEED.read_text(encoding="utf-8"), tmp_path / "Kế hoạch CĐS 2026.docx")


def test_every_target_of_the_seed_reads_as_the_shipped_plan_has_it(seed: Path) -> None:
    assert read(seed) == [row[1:] for row in expected()]


def test_the_school_and_the_plan_are_read_from_the_header(seed: Path) -> None:
    doc = plandoc.read_document(plandoc.read_lines(seed))
    assert (doc.name, doc.code, doc.place, doc.number) == (
        "Trường Tiểu học Xuân Tiến", "THXT", "Xuân Trường", "153/KH-THXT",
    )  # fmt: skip
    assert (doc.date.isoformat() if doc.date else None, doc.year) == ("2026-05-29", 2026)
    assert doc.title == "Kế hoạch chuyển đổi số năm 2026"
    assert doc.basis[0].startswith("Kế hoạch số 92/KH-UBND ngày 26/3/2026 của UBND tỉnh Ninh Bình")


def test_the_header_tables_parent_is_read(tmp_path: Path) -> None:
    doc = plandoc.read_document(
        plandoc.read_lines(as_docx(SEED.read_text("utf-8"), tmp_path / "k.docx"))
    )
    assert doc.parent == "UBND xã Xuân Trường"


def test_the_imported_plan_validates_once_its_headcounts_are_filled(
    cds: Cds, tmp_path: Path
) -> None:
    result = cds("init", "--from", str(SEED), "--folder", str(tmp_path / "Trường mới"))
    assert result.exit_code == 0, result.stderr
    plan = tmp_path / "Trường mới" / "plans" / "2026-thxt.yaml"
    text = plan.read_text(encoding="utf-8")
    assert text.count("    # kiểm tra:") == 10  # the targets with a guess, each said
    assert text.count("0   # kiểm tra: điền số") == 5  # and each head count to fill in
    first = cds("validate", "--plan", str(plan))
    assert first.exit_code == 1
    assert f"{plan}:" in first.stderr and "Chưa điền sĩ số 'teachers'" in first.stderr
    plan.write_text(re.sub(r"^(  \w+): 0 ", r"\1: 30 ", text, flags=re.M), encoding="utf-8")
    assert cds("validate", "--plan", str(plan)).exit_code == 0


def test_options_win_over_the_document(tmp_path: Path) -> None:
    made = api.init_from(SEED, code="XT2", name="Trường Tiểu học Mới", year=2026, cwd=tmp_path)
    text = made.done.path.read_text(encoding="utf-8")
    assert made.done.path.name == "2026-xt2.yaml"
    assert 'name: "Trường Tiểu học Mới"' in text and 'code: "XT2"' in text


def test_a_plan_of_that_year_is_never_overwritten(cds: Cds, tmp_path: Path) -> None:
    assert cds("init", "--from", str(SEED), "--folder", str(tmp_path / "a")).exit_code == 0
    plan = tmp_path / "a" / "plans" / "2026-thxt.yaml"
    before = plan.read_bytes()
    again = cds("init", "--from", str(SEED), "--folder", str(tmp_path / "a"))
    assert again.exit_code == 1 and plan.read_bytes() == before


def test_a_document_without_targets_is_refused(cds: Cds, tmp_path: Path) -> None:
    empty = tmp_path / "thu-moi.txt"
    empty.write_text("Số: 12/TB-THXT\nThông báo họp phụ huynh.\n", encoding="utf-8")
    result = cds("init", "--from", str(empty), "--folder", str(tmp_path / "x"))
    assert result.exit_code == 1
    assert "Không tìm thấy chỉ tiêu nào" in result.stderr
    assert not (tmp_path / "x").exists()


@pytest.mark.parametrize(("name", "data", "said"), [
    ("ke-hoach.pdf", b"%PDF-1.7\n", "cds đọc kế hoạch từ tệp Word .docx"),
    ("ke-hoach.doc", b"\xd0\xcf\x11\xe0", "cds đọc kế hoạch từ tệp Word .docx"),
    ("ke-hoach.docx", b"not a zip", "không phải một tài liệu Word .docx đọc được"),
    ("ke-hoach.txt", b"%PDF-1.7\n", "Đây là một tệp PDF đổi tên"),
])  # fmt: skip
def test_a_file_that_is_no_document_says_what_to_do(
    cds: Cds, tmp_path: Path, name: str, data: bytes, said: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    result = cds("init", "--from", str(path), "--folder", str(tmp_path / "x"))
    assert result.exit_code == 1
    assert said in result.stderr and "Lưu thành (Save As)" in result.stderr


def test_what_was_not_read_is_listed(cds: Cds, tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8").replace("Số: 153/KH - THXT", "")
    source = tmp_path / "k.md"
    source.write_text(text, encoding="utf-8")
    result = cds("init", "--from", str(source), "--code", "THXT", "--folder", str(tmp_path / "x"))
    assert result.exit_code == 0, result.stderr
    assert "Những phần chưa đọc được" in result.stderr
    assert "số và ngày của kế hoạch" in result.stderr


# --- other schools, other words ----------------------------------------------------------------

THCS = """\
PHÒNG GIÁO DỤC VÀ ĐÀO TẠO
TRƯỜNG THCS HẢI AN
Số: 07/KH-THCSHA
Hải An, ngày 5 tháng 9 năm 2026
KẾ HOẠCH
Chuyển đổi số năm học 2026
I. MỤC TIÊU
2. Mục tiêu cụ thể
1.1. Về truyền thông
• Ít nhất 24 tin, bài về chuyển đổi số được đăng trên trang thông tin điện tử của trường.
• Tổ chức hưởng ứng Ngày Chuyển đổi số quốc gia 10/10.
1.2. Về nhân lực số
• Từ 80% giáo viên trở lên sử dụng thành thạo phần mềm quản lý học tập.
• Không dưới 70% học sinh được học kỹ năng an toàn trên môi trường số, phan dau 90%.
• Trên 95% CB-GV-NV có tài khoản định danh điện tử mức độ 2.
1.3. Về đánh giá
• Nhà trường đạt mức độ chuyển đổi số mức độ 2.
II. NHIỆM VỤ
- Tổ chức bồi dưỡng.
"""

MAM_NON = """\
TRƯỜNG MẦM NON HOA SEN
Số: 21/KH-MNHS
Hoa Sen, ngày 12 tháng 8 năm 2026
KẾ HOẠCH Ứng dụng công nghệ thông tin và chuyển đổi số năm 2026
2. Mục tiêu cụ thể
2.1. Về cơ sở dữ liệu
- 100% trẻ được cập nhật thông tin trên cơ sở dữ liệu ngành.
- Tỷ lệ hồ sơ trẻ được số hóa đạt tối thiểu 60%, phấn đấu đạt 80%.
2.2. Về đội ngũ
- 100% giáo viên biết sử dụng phần mềm quản lý trẻ; tối thiểu 50% giáo viên thiết kế được bài giảng điện tử.
- Hoàn thành cài đặt chữ ký số cho Hiệu trưởng.
III. TỔ CHỨC THỰC HIỆN
"""


def read_text(
    text: str, tmp_path: Path
) -> list[tuple[str, str, str | None, float | None, float | None, str | None]]:
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    return read(path)


def test_a_lower_secondary_schools_plan(tmp_path: Path) -> None:
    assert read_text(THCS, tmp_path) == [
        ("1.1", "count", ">=", 24.0, None, None),
        ("1.1", "milestone", None, None, None, None),
        ("1.2", "ratio", ">=", 80.0, None, "teachers"),
        ("1.2", "ratio", ">=", 70.0, 90.0, "students"),
        ("1.2", "ratio", ">", 95.0, None, "staff"),
        ("1.3", "level", ">=", 2.0, None, None),
    ]
    doc = plandoc.read_document(plandoc.read_lines(tmp_path / "plan.txt"))
    assert (doc.name, doc.code, doc.place, doc.year) == (
        "Trường THCS Hải An",
        "THCSHA",
        "Hải An",
        2026,
    )
    assert doc.groups[0].targets[0].unit == "tin, bài"


def test_a_kindergartens_plan(tmp_path: Path) -> None:
    assert read_text(MAM_NON, tmp_path) == [
        ("2.1", "ratio", ">=", 100.0, None, "children"),
        ("2.1", "percent", ">=", 60.0, 80.0, None),
        ("2.2", "ratio", ">=", 100.0, None, "teachers"),
        ("2.2", "ratio", ">=", 50.0, None, "teachers"),
        ("2.2", "milestone", None, None, None, None),
    ]
    doc = plandoc.read_document(plandoc.read_lines(tmp_path / "plan.txt"))
    assert (doc.name, doc.code, doc.title) == (
        "Trường Mầm non Hoa Sen", "MNHS", "Kế hoạch ứng dụng công nghệ thông tin và chuyển đổi số năm 2026",
    )  # fmt: skip


@pytest.mark.parametrize(("text", "op", "value", "stretch"), [
    ("Trên 90% viên chức làm chủ kỹ năng số.", ">", 90.0, None),
    ("Tối thiểu 65% học sinh được tập huấn.", ">=", 65.0, None),
    ("Ít nhất 40% giáo viên có chứng chỉ.", ">=", 40.0, None),
    ("Không dưới 30% học sinh tham gia.", ">=", 30.0, None),
    ("Tỷ lệ thanh toán trực tuyến: Đạt 83%.", ">=", 83.0, None),
    ("Phấn đấu 50% giáo viên ứng dụng AI.", None, None, 50.0),
    ("Phần đầu 50% giáo viên ứng dụng AI.", None, None, 50.0),
    ("Phan dau 50% giao vien ung dung AI.", None, None, 50.0),
])  # fmt: skip
def test_a_way_of_writing_a_target(
    text: str, op: str | None, value: float | None, stretch: float | None
) -> None:
    [target] = plandoc.targets_of(text)
    assert (target.op, target.value, target.stretch) == (op, value, stretch)


@given(st.text(max_size=200))
def test_the_target_reader_never_fails_on_any_text(text: str) -> None:
    for target in plandoc.targets_of(text):
        assert target.kind in ("ratio", "percent", "count", "milestone", "level")


@given(st.integers(min_value=1, max_value=100))
def test_a_share_reads_back_its_figure(n: int) -> None:
    [target] = plandoc.targets_of(f"Tối thiểu {n}% học sinh được tập huấn kỹ năng số.")
    assert (target.kind, target.op, target.value, target.of) == (
        "ratio",
        ">=",
        float(n),
        "students",
    )


def test_a_seed_docx_saved_by_libreoffice_reads_the_same(tmp_path: Path) -> None:
    """Word files come from Word and from LibreOffice Writer: Writer's own .docx reads the same."""
    import shutil
    import subprocess

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed (libreoffice-writer-nogui)")
    made = as_docx(SEED.read_text(encoding="utf-8"), tmp_path / "word.docx")
    out = tmp_path / "writer"
    done = subprocess.run(
        [soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
         "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out), str(made)],
        capture_output=True, timeout=180, check=False,
    )  # fmt: skip
    assert done.returncode == 0
    assert read(out / "word.docx") == [row[1:] for row in expected()]


def test_no_target_means_nothing_written(tmp_path: Path) -> None:
    empty = tmp_path / "e.md"
    empty.write_text("# KẾ HOẠCH\n## 2. Mục tiêu cụ thể\n### 2.1. Về hạ tầng\n", encoding="utf-8")
    with pytest.raises(CdsError):
        api.init_from(empty, name="A", code="A", place="A", cwd=tmp_path)
    assert not (tmp_path / "plans").exists()


def test_init_without_from_still_needs_name_code_and_place(cds: Cds, tmp_path: Path) -> None:
    result = cds("init", "--code", "THX", "--folder", str(tmp_path / "x"))
    assert result.exit_code == 2
    assert "Thiếu --name, --place (hoặc dùng --from TỆP" in result.stderr
    assert not (tmp_path / "x").exists()
