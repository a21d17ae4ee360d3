"""Small charts rendered on the server as SVG text (matplotlib, Agg backend, no pyplot state).

Shared by the officials' dashboard (api/admin) and the evaluation report (eval/report_html).
The SVG keeps its text as text (readable, selectable, Vietnamese rendered by the browser's
fonts), carries no metadata block and links to no other host.
"""

from __future__ import annotations

import base64
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass

import matplotlib

matplotlib.use("Agg")

from matplotlib.figure import Figure  # noqa: E402

# Colours with at least 4.5:1 contrast on white (WCAG AA for text and marks).
PRIMARY = "#0b5cad"
SECONDARY = "#7a4b00"
DANGER = "#a3141d"
MUTED = "#4a5363"
_RC = {
    "svg.fonttype": "none",
    "svg.hashsalt": "troly",
    "font.family": ["DejaVu Sans", "sans-serif"],
    "font.size": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
}
_METADATA_RE = re.compile(r"<metadata>.*?</metadata>\s*", re.S)
_PROLOGUE_RE = re.compile(r"^.*?(?=<svg)", re.S)


@dataclass(frozen=True)
class Series:
    """One named list of values drawn against the chart's labels."""

    name: str
    values: Sequence[float]
    color: str = PRIMARY


def _figure(width: float, height: float) -> Figure:
    with matplotlib.rc_context(_RC):
        return Figure(figsize=(width, height), dpi=72, layout="constrained")


def _svg(fig: Figure, title: str) -> str:
    buf = io.StringIO()
    with matplotlib.rc_context(_RC):
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
    text = _PROLOGUE_RE.sub("", buf.getvalue(), count=1)
    text = _METADATA_RE.sub("", text)
    # A title element names the chart for assistive technology when the SVG is inline.
    return text.replace(">", f' role="img" aria-label="{_attr(title)}">', 1)


def _attr(text: str) -> str:
    return (
        str(text)
        .replace("&", "&amp;")
        .replace('"', "&quot;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
    )


def bar_chart(
    labels: Sequence[str],
    series: Sequence[Series],
    *,
    title: str,
    ylabel: str = "",
    horizontal: bool = False,
    percent: bool = False,
    stacked: bool = False,
    width: float = 7.0,
    height: float | None = None,
) -> str:
    """Grouped (or stacked) bars, one group per label; returns the SVG text."""
    n = max(1, len(labels))
    k_bars = 1 if stacked else max(1, len(series))
    height = height or (max(2.4, n * (0.16 * k_bars + 0.12) + 1.2) if horizontal else 3.4)
    with matplotlib.rc_context(_RC):
        fig = _figure(width, height)
        ax = fig.add_subplot()
        positions = list(range(len(labels)))
        k = 1 if stacked else max(1, len(series))
        bar = 0.8 / k
        bottom = [0.0] * len(labels)
        for i, s in enumerate(series):
            offset = 0.0 if stacked else (i - (k - 1) / 2) * bar
            pos = [p + offset for p in positions]
            values = [float(v) for v in s.values]
            if horizontal:
                ax.barh(pos, values, height=bar, left=bottom, color=s.color, label=s.name)
            else:
                ax.bar(pos, values, width=bar, bottom=bottom, color=s.color, label=s.name)
            if stacked:
                bottom = [b + v for b, v in zip(bottom, values, strict=True)]
        if horizontal:
            ax.set_yticks(positions, [str(lb) for lb in labels])
            ax.invert_yaxis()
            if ylabel:
                ax.set_xlabel(ylabel)
            if percent:
                ax.set_xlim(0, 100)
        else:
            ax.set_xticks(positions, [str(lb) for lb in labels])
            if len(labels) > 6:
                for tick in ax.get_xticklabels():
                    tick.set_rotation(45)
                    tick.set_horizontalalignment("right")
            if ylabel:
                ax.set_ylabel(ylabel)
            if percent:
                ax.set_ylim(0, 100)
            else:
                ax.yaxis.get_major_locator().set_params(integer=True)
        if len(series) > 1:  # below the plot: never over a bar
            fig.legend(loc="outside lower center", ncols=len(series), frameon=False, fontsize=9)
        ax.set_title(title, loc="left", fontsize=11)
        return _svg(fig, title)


def histogram(
    values: Sequence[float], *, title: str, xlabel: str, bins: int = 20, width: float = 7.0
) -> str:
    """A histogram of the values; returns the SVG text."""
    with matplotlib.rc_context(_RC):
        fig = _figure(width, 3.0)
        ax = fig.add_subplot()
        ax.hist([float(v) for v in values] or [0.0], bins=bins, color=PRIMARY, edgecolor="white")
        ax.set_xlabel(xlabel)
        ax.set_ylabel("Số câu")
        ax.set_title(title, loc="left", fontsize=11)
        return _svg(fig, title)


def data_uri(svg: str) -> str:
    """The SVG as a data: URI, for an <img> under a Content-Security-Policy without inline styles."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")
