"""`cds publish`: the page and the picture for the school's website, checked in a real browser."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import shutil
import warnings
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import Result

from cds_tracker import api
from cds_tracker.output import site
from cds_tracker.store.planfile import load_plan
from cds_tracker.store.records import read
from tests.test_people import PLAN as ROSTER_PLAN
from tests.test_people import ROSTER
from tests.test_report import RECORDS

Cds = Callable[..., Result]
DAY = "14/6/2026"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")


@pytest.fixture
def published(cds: Cds, shipped: Path, school: Path) -> Path:
    shipped.with_name("2026-xuan-tien.records.csv").write_text(RECORDS, encoding="utf-8")
    result = cds("publish", "--as-of", DAY, "--plan", str(shipped))
    assert result.exit_code == 0, result.stderr
    return school / "site"


def page_of(folder: Path) -> str:
    return (folder / "index.html").read_text(encoding="utf-8")


def test_publish_writes_the_page_and_the_picture(published: Path) -> None:
    assert page_of(published).startswith("<!DOCTYPE html>")
    assert (published / "tien-do.png").read_bytes().startswith(b"\x89PNG")


def test_publishing_again_replaces_the_two_files_and_nothing_else(
    cds: Cds, shipped: Path, published: Path
) -> None:
    (published / "gioi-thieu.html").write_text("trang riêng của trường", encoding="utf-8")
    cds("publish", "--as-of", "20/6/2026", "--plan", str(shipped))
    assert "20/06/2026" in page_of(published)
    assert (published / "gioi-thieu.html").read_text(encoding="utf-8") == "trang riêng của trường"
    assert sorted(p.name for p in published.iterdir()) == [
        "gioi-thieu.html",
        "index.html",
        "tien-do.png",
    ]


def test_the_page_fetches_nothing(published: Path) -> None:
    page = page_of(published)
    links = re.findall(r"""(?:src|href)\s*=\s*["']([^"']+)""", page)
    # The picture beside the page, and the charts' references to their own parts ('#m1').
    assert [link for link in links if not link.startswith("#")] == ["tien-do.png"]
    assert "<script" not in page and "@import" not in page
    assert [u for u in re.findall(r"url\(([^)]*)\)", page) if not u.startswith("#")] == []


def test_the_page_shows_what_status_json_says(cds: Cds, shipped: Path, published: Path) -> None:
    status = json.loads(cds("status", "--json", "--as-of", DAY, "--plan", str(shipped)).stdout)
    page = html.unescape(page_of(published))
    for item in status["indicators"]:
        article = page.split(f'<article id="{item["id"]}">', 1)[1].split("</article>", 1)[0]
        if item["value"] is None:
            assert "Chưa có số liệu" in article
        elif item["kind"] == "ratio":
            assert f"{item['count']}/{item['of']}" in article
        elif item["kind"] == "milestone":
            assert "Đã hoàn thành" in article
        else:
            assert str(item["value"]).replace(".", ",") in article
    assert "Số liệu tính đến ngày 14/06/2026" in page
    assert "Kế hoạch số 153/KH-THXT ngày 29/5/2026" in page


def test_the_pictures_text_alternative_states_the_figures(published: Path) -> None:
    alt = html.unescape(
        re.search(
            r'<img class="overview" src="tien-do.png" alt="([^"]*)"', page_of(published)
        ).group(1)
    )  # type: ignore[union-attr]
    assert "Cán bộ, viên chức được bồi dưỡng kỹ năng số cơ bản: 27/31 = 87,1%" in alt


def test_an_indicator_with_several_records_has_a_chart_with_its_figures(published: Path) -> None:
    page = html.unescape(page_of(published))
    article = page.split('<article id="ky-nang-so-co-ban">', 1)[1].split("</article>", 1)[0]
    assert (
        '<svg role="img" aria-label="Kết quả theo thời gian: 10/03/2026: 38,7%; 20/05/2026: 87,1%.'
        in article
    )
    single = page.split('<article id="muc-do-cds">', 1)[1].split("</article>", 1)[0]
    assert "<svg" not in single


def test_no_roster_name_or_id_is_published(cds: Cds, tmp_path: Path) -> None:
    plan = tmp_path / "plans" / "2026-tht.yaml"
    plan.parent.mkdir()
    plan.write_text(ROSTER_PLAN, encoding="utf-8")
    plan.with_name("2026-tht.people.csv").write_text(ROSTER, encoding="utf-8")
    for day, who in (("2/5/2026", "gv01,gv02"), ("9/5/2026", "gv03")):
        cds(
            "record",
            "gv-tap-huan",
            "--attendees",
            who,
            "--date",
            day,
            "--note",
            "Đợt",
            "--plan",
            str(plan),
        )
    assert cds("publish", "--as-of", DAY, "--plan", str(plan)).exit_code == 0
    page = page_of(tmp_path / "site")
    picture = (tmp_path / "site" / "tien-do.png").read_bytes()
    for line in ROSTER.splitlines()[1:]:
        person_id, name, _ = line.split(",")
        assert person_id not in page and name not in page
        assert name.encode() not in picture


def test_charts_have_every_vietnamese_glyph(shipped: Path) -> None:
    shipped.with_name("2026-xuan-tien.records.csv").write_text(RECORDS, encoding="utf-8")
    loaded = load_plan(shipped)
    histories = read(loaded.records_path, loaded.plan).histories
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib warns "Glyph … missing from font(s)"
        built = site.build(loaded.plan, histories, dt.date(2026, 6, 14))
    assert built.picture.startswith(b"\x89PNG")


def test_publish_refuses_records_with_problems(cds: Cds, shipped: Path, school: Path) -> None:
    shipped.with_name("2026-xuan-tien.records.csv").write_text(
        "date,indicator,value\n2026-05-01,khong-co,1\n", encoding="utf-8"
    )
    assert cds("publish", "--plan", str(shipped)).exit_code == 1
    assert not (school / "site").exists()


# --- accessible --------------------------------------------------------------------------------


class Outline(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.headings: list[int] = []
        self.tables = self.headers = 0
        self.images: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        self.tables += tag == "table"
        self.headers += tag == "th"
        if tag in ("img", "svg"):
            self.images.append(dict(attrs))


def test_headings_go_in_order(published: Path) -> None:
    outline = Outline()
    outline.feed(page_of(published))
    levels = outline.headings
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False))


def test_tables_have_header_cells_and_pictures_have_text(published: Path) -> None:
    outline = Outline()
    outline.feed(page_of(published))
    assert outline.tables and outline.headers >= 3 * outline.tables
    for image in outline.images:
        assert image.get("alt") or image.get("aria-label"), image


def contrast(foreground: str, background: str) -> float:
    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.mark.parametrize("status", sorted(site.COLOURS))
def test_status_colours_keep_white_text_readable(status: str) -> None:
    assert contrast("#ffffff", site.COLOURS[status]) >= 4.5


def test_the_page_prints_on_one_column(published: Path) -> None:
    page = page_of(published)
    printing = page.split("@media print", 1)[1]
    assert "grid-template-columns: 1fr;" in printing


def test_status_never_imports_matplotlib(shipped: Path) -> None:
    assert not imports_matplotlib("status", "--plan", str(shipped))


def imports_matplotlib(*args: str) -> bool:
    """Whether `cds ARGS` imports matplotlib, run in a process of its own."""
    import subprocess
    import sys

    probe = (
        "import sys, runpy; sys.argv = ['cds', *sys.argv[1:]]\n"
        "try:\n    runpy.run_module('cds_tracker', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "sys.stderr.write(str('matplotlib' in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True)
    return out.stderr.strip().splitlines()[-1] == "True"


# --- in a real browser ---------------------------------------------------------------------------


@pytest.mark.skipif(
    CHROMIUM is None or DRIVER is None,
    reason="Debian's chromium and chromium-driver are not installed (apt-get install chromium chromium-driver)",
)
@pytest.mark.parametrize("width", [390, 1280])
def test_the_page_reads_on_a_phone_and_a_desktop(
    published: Path, tmp_path: Path, width: int
) -> None:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(argument)
    options.add_argument(f"--window-size={width},900")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(str(DRIVER)), options=options)
    try:
        driver.get((published / "index.html").as_uri())
        inner = driver.execute_script("return window.innerWidth")
        scrolled = driver.execute_script("return document.documentElement.scrollWidth")
        loaded = driver.execute_script(
            "return Array.from(document.images).map(i => i.complete && i.naturalWidth)"
        )
        driver.save_screenshot(str(tmp_path / f"publish-{width}.png"))
        errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    finally:
        driver.quit()
    assert scrolled <= inner
    assert loaded and all(w and w > 0 for w in loaded)
    assert errors == []
    assert (tmp_path / f"publish-{width}.png").stat().st_size > 0


def test_the_report_can_carry_the_overview_chart(shipped: Path) -> None:
    from docx import Document

    shipped.with_name("2026-xuan-tien.records.csv").write_text(RECORDS, encoding="utf-8")
    path = api.report(
        shipped, quarter=2, year=False, issue_date=dt.date(2026, 6, 12), charts=True
    ).path
    document = Document(str(path))
    assert "Phụ lục" in [p.text for p in document.paragraphs]
    assert len(document.inline_shapes) == 1


def test_publishing_unchanged_figures_again_draws_nothing(published: Path, shipped: Path) -> None:
    assert not imports_matplotlib("publish", "--as-of", "14/6/2026", "--plan", str(shipped))
