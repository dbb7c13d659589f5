"""Charts of where a plan stands, drawn by matplotlib: for the website and the report's annex.

matplotlib (and numpy under it) takes a third of a second to import, so only `cds publish` and
`cds report --charts` import this module; `tests/test_publish.py` checks `cds status` never does.
Text is set in DejaVu Sans, which matplotlib ships and which has every Vietnamese letter.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

FONT = "DejaVu Sans"
_FORMAT = 2  # bump when a chart's drawing changes: cached charts are drawn again
SERIF = ["Times New Roman", "Liberation Serif", "DejaVu Serif"]  # the report's face, in the report
LABEL_WIDTH = 44  # characters a label line holds; a label takes two lines at most


@dataclass(frozen=True)
class Bar:
    """One indicator in the overview: its STT and name, where its figure and its target sit on
    its own axis (0..1: a percentage's is 0-100%, a count's 0 to the larger of figure and
    target), and its state."""

    label: str  # 'STT. name', whole (wrapped when drawn)
    share: float | None  # the figure on its axis; None: no figure yet
    figure: str  # as `cds status` words it: '27/31 = 87,1%'
    word: str  # the status word: 'Đang thực hiện'
    colour: str
    target: float | None = None  # the target on the same axis, marked


@dataclass(frozen=True)
class Series:
    """One indicator's figure over time, and the target it is measured against."""

    days: list[Any]  # dates
    values: list[float]
    target: float | None
    unit: str  # '%' for shares, '' otherwise


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")  # no window, no display: works on a server and in CI
    import matplotlib.pyplot as plt

    plt.rcParams.update(
        {
            "font.family": FONT,
            "font.size": 10,
            "svg.fonttype": "none",  # text stays text in SVG: smaller, selectable, readable
            "svg.hashsalt": "cds",  # the same chart gives the same bytes
            "axes.spines.top": False,
            "axes.spines.right": False,
        }
    )
    return plt


def _cached(kind: str, key: object, make: Callable[[], bytes]) -> bytes:
    """A chart drawn before from the same figures is read back, not drawn again: a school
    publishes its page again and again, and matplotlib's import alone costs a third of a second
    (measured). Any trouble with the cache only means drawing; an entry that is not the
    picture `make` draws (not a PNG, not a bare SVG) is drawn again."""
    from cds_tracker.store import cache

    name = cache.key("chart", _FORMAT, kind, key)
    found = cache.read("chart", name)
    if found is not None and _looks_like(kind, found):
        return found
    data = make()
    cache.write("chart", name, data)
    return data


def _looks_like(kind: str, data: bytes) -> bool:
    """A cached picture is believed only if it is what the live path makes: a whole PNG (every
    chunk's CRC right, IHDR first, IEND last), or an SVG with nothing that runs or loads."""
    return _whole_png(data) if kind == "png" else _inert_svg(data)


_PNG = b"\x89PNG\r\n\x1a\n"


def _whole_png(data: bytes) -> bool:
    import struct
    import zlib

    if not data.startswith(_PNG):
        return False
    at, kinds = len(_PNG), []
    while at + 12 <= len(data):
        (size,) = struct.unpack(">I", data[at : at + 4])
        kind = data[at + 4 : at + 8]
        body = data[at + 8 : at + 8 + size]
        if len(body) != size or at + 12 + size > len(data):
            return False
        (crc,) = struct.unpack(">I", data[at + 8 + size : at + 12 + size])
        if zlib.crc32(kind + body) != crc:
            return False
        kinds.append(kind)
        at += 12 + size
    return at == len(data) and kinds[:1] == [b"IHDR"] and kinds[-1:] == [b"IEND"]


# What would run or load in a page: scripts, frames, event attributes, links out of the file.
_ACTIVE = re.compile(
    rb"<\s*(script|foreignobject|iframe|object|embed)|\son[a-z]+\s*=|javascript:", re.I
)
_LINK = re.compile(rb"""href\s*=\s*["']([^"']*)["']""", re.I)


def _inert_svg(data: bytes) -> bool:
    text = data.strip()
    if not text.startswith((b"<svg", b"<?xml")) or not text.endswith(b"</svg>"):
        return False
    if _ACTIVE.search(text):
        return False
    return all(link.startswith((b"#", b"data:image/png;base64,")) for link in _LINK.findall(text))


def overview_png(title: str, bars: list[Bar], dpi: int = 100, serif: bool = False) -> bytes:
    """A horizontal bar per indicator showing its figure on its own axis, its target marked,
    labelled with its STT, its whole name, the figure and the state; the school and the date in
    the title: the whole plan in one picture, for a page, the report or a messaging group.
    `serif`: set in the report's face (the picture sits in the report)."""
    key = (title, bars, dpi, serif)
    return _cached("png", key, lambda: _overview(title, bars, dpi, serif))


def _wrapped(label: str) -> str:
    import textwrap

    lines = textwrap.wrap(label, LABEL_WIDTH)
    if len(lines) > 2:
        lines = [lines[0], textwrap.shorten(" ".join(lines[1:]), LABEL_WIDTH, placeholder="…")]
    return "\n".join(lines)


def _overview(title: str, bars: list[Bar], dpi: int, serif: bool) -> bytes:
    plt = _pyplot()
    font = {"family": SERIF} if serif else {}
    rows = len(bars)
    height = 1.0 + 0.5 * rows
    figure, axes = plt.subplots(figsize=(11, height), dpi=dpi)
    try:
        positions = list(range(rows))[::-1]
        shares = [100 * (b.share or 0.0) for b in bars]
        axes.barh(positions, [100] * rows, color="#eeeeee", height=0.62)
        axes.barh(positions, shares, color=[b.colour for b in bars], height=0.62)
        for y, bar in zip(positions, bars, strict=True):
            if bar.target is not None:  # the target, on the bar's own axis
                x = 100 * min(max(bar.target, 0.0), 1.0)
                axes.plot([x, x], [y - 0.38, y + 0.38], color="#212121", linewidth=1.6)
            said = (
                bar.word
                if bar.share is None and bar.figure == "—"
                else f"{bar.figure} — {bar.word}"
            )
            axes.text(102, y, said, va="center", fontsize=9, **font)
        axes.set_yticks(positions, [_wrapped(b.label) for b in bars], fontsize=9, **font)
        axes.set_xlim(0, 172)  # 0-100: the bars; past 102: the figure and the state
        axes.set_ylim(-0.6, rows - 0.4)
        axes.set_xticks([])
        axes.spines[["bottom", "left"]].set_visible(False)
        axes.tick_params(axis="y", length=0, pad=6)
        figure.suptitle(title, x=0.01, ha="left", fontsize=12, fontweight="bold", **font)
        # Fixed margins (tight_layout measured every label again: a third of the chart's time):
        # the labels are wrapped to two lines of LABEL_WIDTH characters, which fit in the left
        # 34% at this size; the title takes the top 0.6 inch.
        figure.subplots_adjust(left=0.345, right=0.995, top=1 - 0.6 / height, bottom=0.1 / height)
        out = io.BytesIO()
        figure.savefig(out, format="png", dpi=dpi, metadata={"Software": None})
        return out.getvalue()
    finally:
        plt.close(figure)


class HistoryCharts:
    """Small charts of a figure over time, drawn on one reused figure (creating a figure per
    chart cost four times as much: measured, 21 charts)."""

    def __init__(self) -> None:
        self.figure: Any = None  # made at the first chart the cache does not have

    def svg(self, series: Series, target_label: str) -> str:
        """The chart as an inline <svg> element (no XML prolog), scaled by its viewBox."""
        key = (series, target_label)
        return _cached("svg", key, lambda: self._draw(series, target_label).encode()).decode()

    def _draw(self, series: Series, target_label: str) -> str:
        if self.figure is None:
            self.plt = _pyplot()
            self.figure, self.axes = self.plt.subplots(figsize=(4.2, 1.9), dpi=100)
            # Fixed margins: tight_layout measured every label of every chart again (a third
            # of the time of `cds publish`), and these charts all have the same shape.
            self.figure.subplots_adjust(left=0.12, right=0.98, top=0.95, bottom=0.15)
        axes = self.axes
        axes.cla()
        axes.step(series.days, series.values, where="post", color="#0d47a1", linewidth=2)
        axes.plot(series.days, series.values, "o", color="#0d47a1", markersize=4)
        if series.target is not None:
            axes.axhline(series.target, color="#b71c1c", linestyle="--", linewidth=1)
            axes.annotate(
                target_label,
                (1, series.target),
                xycoords=("axes fraction", "data"),
                ha="right",
                va="bottom",
                fontsize=8,
                color="#b71c1c",
            )
        top = max([*series.values, series.target or 0.0]) * 1.15 or 1.0
        axes.set_ylim(0, top)
        axes.tick_params(labelsize=8)
        axes.xaxis.set_major_formatter(_day_month())
        axes.xaxis.set_major_locator(_months())
        out = io.StringIO()
        self.figure.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
        text = out.getvalue()
        return text[text.index("<svg") :]

    def close(self) -> None:
        if self.figure is not None:
            self.plt.close(self.figure)


def _months() -> Any:
    from matplotlib.dates import MonthLocator

    return MonthLocator()  # type: ignore[no-untyped-call]


def _day_month() -> Any:
    from matplotlib.dates import DateFormatter

    return DateFormatter("%d/%m")  # type: ignore[no-untyped-call]
