"""Charts of where a plan stands, drawn by matplotlib: for the website and the report's annex.

matplotlib (and numpy under it) takes a third of a second to import, so only `cds publish` and
`cds report --charts` import this module; `tests/test_publish.py` checks `cds status` never does.
Text is set in DejaVu Sans, which matplotlib ships and which has every Vietnamese letter.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

FONT = "DejaVu Sans"


@dataclass(frozen=True)
class Bar:
    """One indicator in the overview: its label, how far along it is (0..1), its state."""

    label: str
    share: float | None  # None: no figure yet
    figure: str  # as `cds status` words it: '27/31 = 87,1%'
    word: str  # the status word: 'Đang thực hiện'
    colour: str


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


def overview_png(title: str, bars: list[Bar], dpi: int = 100) -> bytes:
    """A horizontal bar per indicator, towards its target (the line at 100%), coloured and
    labelled with its state: the whole plan in one picture, for a page or a messaging group."""
    plt = _pyplot()
    height = 1.2 + 0.42 * len(bars)
    figure, axes = plt.subplots(figsize=(11, height), dpi=dpi)
    try:
        positions = list(range(len(bars)))[::-1]
        shares = [100 * (b.share or 0.0) for b in bars]
        axes.barh(positions, [100] * len(bars), color="#eeeeee", height=0.6)
        axes.barh(positions, shares, color=[b.colour for b in bars], height=0.6)
        axes.axvline(100, color="#333333", linewidth=1)
        axes.set_yticks(positions, [b.label for b in bars])
        axes.set_xlim(0, 160)
        axes.set_xticks([0, 25, 50, 75, 100], ["0", "25%", "50%", "75%", "100%"])
        for y, bar in zip(positions, bars, strict=True):
            said = (
                bar.word
                if bar.share is None and bar.figure == "—"
                else f"{bar.figure} — {bar.word}"
            )
            axes.text(104, y, said, va="center", fontsize=9)
        axes.set_title(title, loc="left", fontsize=12, fontweight="bold")
        axes.tick_params(axis="y", length=0)
        figure.tight_layout()
        out = io.BytesIO()
        figure.savefig(out, format="png", dpi=dpi, metadata={"Software": None})
        return out.getvalue()
    finally:
        plt.close(figure)


class HistoryCharts:
    """Small charts of a figure over time, drawn on one reused figure (creating a figure per
    chart cost four times as much: measured, 21 charts)."""

    def __init__(self) -> None:
        self.plt = _pyplot()
        self.figure, self.axes = self.plt.subplots(figsize=(4.2, 1.9), dpi=100)

    def svg(self, series: Series, target_label: str) -> str:
        """The chart as an inline <svg> element (no XML prolog), scaled by its viewBox."""
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
        self.figure.autofmt_xdate(rotation=0, ha="center")
        axes.xaxis.set_major_formatter(_day_month())
        self.figure.tight_layout()
        out = io.StringIO()
        self.figure.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
        text = out.getvalue()
        return text[text.index("<svg") :]

    def close(self) -> None:
        self.plt.close(self.figure)


def _day_month() -> Any:
    from matplotlib.dates import DateFormatter

    return DateFormatter("%d/%m")  # type: ignore[no-untyped-call]
