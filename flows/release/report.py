"""`report.html`: the release at a glance in one self-contained page (charts inlined as SVG, no
script, no network), rendered with Jinja2 from the published tables. It holds no time but the
release's own date, so the same tables give the same page byte for byte."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pandas as pd
import pyarrow as pa
from markupsafe import Markup

from flows.release import charts, metadata, report_data
from flows.release.database import DATABASE_FILE, METADATA_FILE

REPORT_FILE = "report.html"
_TEMPLATES = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=True, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
    undefined=jinja2.StrictUndefined)


def _records(frame: pd.DataFrame) -> list[dict]:
    """Rows for the template, with missing values as None."""
    return frame.astype(object).where(frame.notna(), None).to_dict("records")


def _chart(frame: pd.DataFrame, draw, *args) -> Markup | None:
    """A chart drawn to inline SVG, or None when there is nothing to draw."""
    return Markup(charts.svg(draw(frame, *args))) if len(frame) else None


def report_html(tables: dict[str, pa.Table], version: str, created: str,
                sources: list[dict]) -> str:
    """The page for the release's tables; `sources` as the descriptor credits them."""
    counts, grain, left_out = report_data.events_over_time(tables["events"])
    partners = report_data.partners(tables["events"])
    places = report_data.places(tables["events"])
    figures = report_data.headline_figures(tables["figures"], tables["documents"])
    return _TEMPLATES.get_template("report.html.j2").render(
        title=metadata.TITLE, description=metadata.DESCRIPTION, license=metadata.LICENSES[0],
        version=version, created=created, database=DATABASE_FILE, metadata=METADATA_FILE,
        counts=report_data.table_counts(tables),
        grain=grain, left_out=left_out, months_before_yearly=report_data.MONTHS_BEFORE_YEARLY,
        dates=report_data.date_summary(tables["events"]),
        events_chart=_chart(counts, charts.events_over_time, grain),
        partners_chart=_chart(partners, charts.partners),
        partners_shown=report_data.PARTNERS_SHOWN,
        places=_records(places),
        places_chart=_chart(places[places.location_precision == "city"]
                            .dropna(subset=["latitude", "longitude"]), charts.places),
        figures_chart=_chart(figures, charts.headline_figures), figures=_records(figures),
        figure_partners_shown=report_data.FIGURE_PARTNERS_SHOWN,
        figure_points_shown=report_data.FIGURE_POINTS_SHOWN,
        latest=_records(report_data.latest_events(tables)),
        latest_shown=report_data.LATEST_EVENTS_SHOWN,
        undated=_records(report_data.undated_events(tables)),
        undated_shown=report_data.UNDATED_EVENTS_SHOWN,
        glossary=_records(report_data.glossary(tables["events"])),
        languages=_records(report_data.documents_by_language(tables["documents"])),
        rejects=_records(report_data.rejects(tables["rejects"])), sources=sources)


def write_report(tables: dict[str, pa.Table], path: Path, version: str, created: str,
                 sources: list[dict]) -> None:
    path.write_text(report_html(tables, version, created, sources), encoding="utf-8")
