"""The commune's consolidated report: issued by the commune, in the school report's NĐ 30 layout."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from docx import Document
from typer.testing import Result

from cds_tracker import api
from cds_tracker.checks.problem import CdsError
from cds_tracker.store import issuer
from tests import test_report_form as form
from tests.conftest import SHIPPED_PLAN
from tests.test_report import RECORDS

Cds = Callable[..., Result]
ISSUER = """\
name: UBND xã Xuân Trường
code: UBND
place: Xuân Trường
to: Sở Giáo dục và Đào tạo tỉnh Ninh Bình
signer: {title: Chủ tịch, name: Nguyễn Văn Bình}
recipients: [Như trên, Các trường học trên địa bàn, Lưu: VT]
"""


@pytest.fixture
def commune(tmp_path: Path) -> Path:
    folder = tmp_path / "xa"
    folder.mkdir()
    cases = {"a": RECORDS, "b": "date,indicator,value\n2026-05-01,khong-co,1\n", "c": None}
    for name, records in cases.items():
        text = SHIPPED_PLAN.read_text(encoding="utf-8")
        text = text.replace("code: THXT", f"code: T{name}").replace(
            "name: Trường Tiểu học Xuân Tiến", f"name: Trường Tiểu học Xuân {name.upper()}", 1
        )
        (folder / f"2026-{name}.yaml").write_text(text, encoding="utf-8")
        if records:
            (folder / f"2026-{name}.records.csv").write_text(records, encoding="utf-8")
    (tmp_path / "xa.yaml").write_text(ISSUER, encoding="utf-8")
    return folder


@pytest.fixture
def report(commune: Path) -> Path:
    path, _, _ = api.commune_report(
        [commune], issuer_path=commune.parent / "xa.yaml", quarter=2, year=False,
        issue_date=dt.date(2026, 6, 5), today=dt.date(2026, 6, 5), number="5",
        output=commune.parent / "bao-cao-xa.docx",
    )  # fmt: skip
    return path


def test_a_peoples_committee_is_headed_as_nd30_writes_it(report: Path) -> None:
    document = Document(str(report))
    left, right = document.tables[0].rows[0].cells
    lines = form.paragraphs_of(left)
    assert [p.text for p in lines] == ["ỦY BAN NHÂN DÂN\nXÃ XUÂN TRƯỜNG", "Số: 05/BC-UBND"]
    assert all(run.bold for run in lines[0].runs if run.text.strip())
    assert form.paragraphs_of(right)[-1].text == "Xuân Trường, ngày 05 tháng 6 năm 2026"


def test_a_parent_line_is_kept_where_the_issuer_names_one(commune: Path) -> None:
    issuer = commune.parent / "xa.yaml"
    issuer.write_text(ISSUER + "parent: UBND tỉnh Ninh Bình\n", encoding="utf-8")
    path, _, _ = api.commune_report(
        [commune], issuer_path=issuer, quarter=2, year=False, issue_date=dt.date(2026, 6, 5),
        today=dt.date(2026, 6, 5), output=commune.parent / "r.docx",
    )  # fmt: skip
    left = Document(str(path)).tables[0].rows[0].cells[0]
    assert [p.text for p in form.paragraphs_of(left)][:2] == [
        "UBND TỈNH NINH BÌNH",
        "UBND XÃ XUÂN TRƯỜNG",
    ]


def test_the_results_table_counts_schools_per_indicator(report: Path) -> None:
    rows = [[c.text for c in row.cells] for row in Document(str(report)).tables[1].rows]
    assert rows[0] == [
        "STT",
        "Chỉ tiêu",
        "Số trường đạt",
        "Số trường có số liệu",
        "Số trường tổng hợp",
        "Kết quả chung",
    ]
    skills = next(r for r in rows if r[1].startswith("Cán bộ, viên chức được bồi dưỡng"))
    assert skills[2:] == ["0", "1", "3", "27/31 = 87,1%"]


def test_schools_without_data_or_with_bad_rows_are_listed(report: Path) -> None:
    rows = [[c.text for c in row.cells] for row in Document(str(report)).tables[2].rows]
    assert rows[1:] == [
        [
            "1",
            "Trường Tiểu học Xuân B",
            "Chưa có số liệu; 1 dòng số liệu có lỗi chưa được tính (trường cần sửa)",
        ],
        ["2", "Trường Tiểu học Xuân C", "Chưa có số liệu"],
    ]


def test_a_school_whose_plan_cannot_be_read_is_listed_with_why(commune: Path) -> None:
    (commune / "2026-c.yaml").write_text("school: [\n", encoding="utf-8")
    path, gathered, _ = api.commune_report(
        [commune], issuer_path=commune.parent / "xa.yaml", quarter=2, year=False,
        issue_date=dt.date(2026, 6, 5), today=dt.date(2026, 6, 5), output=commune.parent / "r.docx",
    )  # fmt: skip
    rows = [[c.text for c in row.cells] for row in Document(str(path)).tables[2].rows]
    assert rows[1][1:] == ["2026-c", "Chưa tổng hợp được: " + gathered.left_out[0].message]
    assert (gathered.coverage.given, gathered.coverage.counted) == (3, 2)


def test_signed_for_the_committee(report: Path) -> None:
    left, right = Document(str(report)).tables[-1].rows[0].cells
    assert [p.text for p in form.paragraphs_of(right)] == [
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        "Nguyễn Văn Bình",
    ]
    assert [p.text for p in form.paragraphs_of(left)][-1] == "- Lưu: VT."


def test_a_deputy_signs_for_the_chairman(commune: Path) -> None:
    issuer = commune.parent / "xa.yaml"
    issuer.write_text(
        ISSUER.replace(
            "{title: Chủ tịch, name: Nguyễn Văn Bình}", "{title: Phó Chủ tịch, name: Lê An}"
        ),
        encoding="utf-8",
    )
    path, _, _ = api.commune_report(
        [commune], issuer_path=issuer, quarter=2, year=False, issue_date=dt.date(2026, 6, 5),
        today=dt.date(2026, 6, 5), output=commune.parent / "r.docx",
    )  # fmt: skip
    right = Document(str(path)).tables[-1].rows[0].cells[1]
    assert [p.text for p in form.paragraphs_of(right)] == [
        "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Lê An",
    ]


def test_no_placeholder_without_notes(report: Path) -> None:
    found = [p.text for p in Document(str(report)).paragraphs]
    assert [t for t in found if t.strip() in ("…", "...")] == []
    assert "Không có đề xuất, kiến nghị." in found


def test_the_opening_cites_the_basis_and_the_closing_the_area(commune: Path) -> None:
    issuer = commune.parent / "xa.yaml"
    basis = "Kế hoạch số 92/KH-UBND ngày 26/3/2026 của UBND tỉnh Ninh Bình về chuyển đổi số"
    issuer.write_text(ISSUER + f"basis: [{basis}]\n", encoding="utf-8")
    path, _, _ = api.commune_report(
        [commune], issuer_path=issuer, quarter=2, year=False, issue_date=dt.date(2026, 6, 5),
        today=dt.date(2026, 6, 5), output=commune.parent / "r.docx",
    )  # fmt: skip
    found = [p.text for p in Document(str(path)).paragraphs]
    assert f"Thực hiện {basis}, UBND xã Xuân Trường tổng hợp" in "\n".join(found)
    assert any(t.endswith("các trường học trên địa bàn xã Xuân Trường./.") for t in found)


def test_a_notes_file_that_does_not_exist_is_refused(commune: Path) -> None:
    with pytest.raises(CdsError) as raised:
        api.commune_report(
            [commune], issuer_path=commune.parent / "xa.yaml", quarter=2, year=False,
            issue_date=dt.date(2026, 6, 5), today=dt.date(2026, 6, 5),
            output=commune.parent / "r.docx", notes_path=commune.parent / "khong-co.md",
        )  # fmt: skip
    assert raised.value.problems[0].message.startswith("Không có tệp thuyết minh")
    assert not (commune.parent / "r.docx").exists()


@pytest.mark.parametrize(
    "check",
    [
        form.test_a4_portrait_with_the_decrees_margins,
        form.test_times_new_roman_everywhere,
        form.test_the_body_is_justified_indented_and_spaced,
        form.test_it_ends_with_the_closing_mark,
        form.test_recipients_sit_on_the_left_margin,
        form.test_page_numbers_from_page_two,
        form.test_the_language_is_vietnamese,
        form.test_rules_are_a_third_to_a_half_of_the_line_above,
        form.test_no_paragraph_is_a_placeholder,
        form.test_the_files_say_what_the_document_is,
        form.test_each_rule_sits_right_under_its_line,
    ],
)
def test_the_nd30_checklist_holds(report: Path, check: Callable[[Path], None]) -> None:
    check(report)


def test_the_commune_template_is_in_schema_order() -> None:
    from cds_tracker.output.report import layout

    problems = {
        n: layout.order_problems(r)
        for n, r in form.xml_parts(form.ROOT / "templates" / "bao-cao-xa.docx")
    }
    assert {n: p for n, p in problems.items() if p} == {}


def test_the_cli_writes_it_and_names_the_broken_file(cds: Cds, commune: Path) -> None:
    result = cds(
        "rollup", "--plan", str(commune), "--report", "--year", "--issuer", str(commune.parent / "xa.yaml"),
        "--output", str(commune.parent / "nam.docx"), "--date", "1/12/2026",
    )  # fmt: skip
    assert result.exit_code == 1, result.stderr  # written, and said: a school has a bad row
    assert (commune.parent / "nam.docx").is_file()
    assert f"{commune / '2026-b.records.csv'}:2:" in result.stderr
    assert re.search(
        r"Số: \s*/BC-UBND",
        Document(str(commune.parent / "nam.docx")).tables[0].rows[0].cells[0].paragraphs[-1].text,
    )


def test_the_report_needs_an_issuer(cds: Cds, commune: Path) -> None:
    result = cds("rollup", "--plan", str(commune), "--report", "--quarter", "2")
    assert (result.exit_code, result.stderr.strip()) == (
        1,
        "Báo cáo tổng hợp cần --issuer TỆP: thông tin đơn vị ban hành (xem docs/issuer.md).",
    )


def test_an_issuer_file_with_mistakes_names_their_lines(tmp_path: Path) -> None:
    path = tmp_path / "xa.yaml"
    path.write_text(
        "name: UBND xã A\nplace: A\nsigner: {title: Chủ tịch}\nemail: x\n", encoding="utf-8"
    )
    with pytest.raises(CdsError) as caught:
        issuer.read(path)
    assert [(p.line, p.message) for p in caught.value.problems] == [
        (4, "Mục 'email' không được biết đến."),
        (1, "Thiếu mục 'code'."),
        (3, "Thiếu người ký: signer: {title: Chủ tịch, name: …}."),
    ]


def test_an_issuer_without_basis_is_told_its_opening_cites_nothing(cds: Cds, commune: Path) -> None:
    result = cds(
        "rollup", "--plan", str(commune), "--report", "--quarter", "2", "--issuer",
        str(commune.parent / "xa.yaml"), "--output", str(commune.parent / "q2.docx"),
        "--date", "2026-06-05",
    )  # fmt: skip
    assert "chưa có mục basis, nên câu mở đầu báo cáo không dẫn văn bản nào" in result.stderr
    assert "Không có --notes: các mục I, III, IV, V được viết từ số liệu" in result.stderr


def test_a_failed_pdf_still_says_the_rollups_own_problems(
    cds: Cds, commune: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cds_tracker.output.report import render

    monkeypatch.setattr(render, "libreoffice", lambda: None)
    result = cds(
        "rollup", "--plan", str(commune), "--report", "--quarter", "2", "--issuer",
        str(commune.parent / "xa.yaml"), "--output", str(commune.parent / "q2.docx"), "--pdf",
    )  # fmt: skip
    assert result.exit_code == 1
    assert (commune.parent / "q2.docx").is_file()
    assert "Chưa tạo được PDF vì máy chưa cài LibreOffice" in result.stderr
    assert f"{commune / '2026-b.records.csv'}:2:" in result.stderr
