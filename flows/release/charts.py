"""The report's charts: Altair (Vega-Lite) specifications drawn to static SVG by vl-convert,
so the page needs no script and no network to show them. Every scale is UTC and every domain
is given in a fixed order, so the same frames give the same SVG byte for byte."""

from __future__ import annotations

import altair as alt
import pandas as pd
import vl_convert

from schemas.fields import PLOVER_EVENT_TYPES

WIDTH = 640
FONT = "Helvetica, Arial, sans-serif"
CONFIG = {"font": FONT, "view": {"stroke": None}, "axis": {"labelFontSize": 11},
          "legend": {"labelFontSize": 11}}
# vl-convert resolves links against the base of its bundled data loader, which has nothing to do
# with the report: a link to a place in the page must stay one
_LOADER_BASE = 'xlink:href="https://vega.github.io/vega-datasets/#'


def svg(chart: alt.TopLevelMixin) -> str:
    """A chart as an SVG element to inline in HTML."""
    drawn = vl_convert.vegalite_to_svg(chart.to_dict(), config=CONFIG)
    return drawn.replace(_LOADER_BASE, 'xlink:href="#')


def events_over_time(counts: pd.DataFrame, grain: str) -> alt.Chart:
    """Stacked bars: events per month (or year) coloured by PLOVER type."""
    types = [t for t in PLOVER_EVENT_TYPES if t in set(counts.event_type)]
    unit = "utcyearmonth" if grain == "month" else "utcyear"
    return alt.Chart(counts).mark_bar().encode(
        x=alt.X("when:T", timeUnit=unit, title=grain.capitalize(),
                scale=alt.Scale(type="utc")),
        y=alt.Y("sum(events):Q", title="Events", axis=alt.Axis(tickMinStep=1, format="d")),
        color=alt.Color("event_type:N", title="Event type",
                        scale=alt.Scale(domain=types, scheme="tableau20"), sort=types),
        order=alt.Order("event_type:N"),
    ).properties(width=WIDTH, height=220)


def partners(counts: pd.DataFrame) -> alt.Chart:
    """Horizontal bars: Tajikistan's partners by number of events, most first."""
    return alt.Chart(counts).mark_bar(color="#4c78a8").encode(
        x=alt.X("events:Q", title="Events with Tajikistan",
                axis=alt.Axis(tickMinStep=1, format="d")),
        y=alt.Y("name:N", title=None, sort=list(counts.name)),
    ).properties(width=WIDTH - 140, height=alt.Step(18))


def places(located: pd.DataFrame) -> alt.Chart:
    """Cities where events happened, as points sized by their events on longitude and latitude
    (no coastline: no world outline ships in a registry package this project installs)."""
    return alt.Chart(located).mark_circle(color="#e45756", opacity=0.7).encode(
        x=alt.X("longitude:Q", title="Longitude", scale=alt.Scale(zero=False)),
        y=alt.Y("latitude:Q", title="Latitude", scale=alt.Scale(zero=False)),
        size=alt.Size("events:Q", title="Events", scale=alt.Scale(range=[30, 600])),
        tooltip=["location:N", "country:N", "events:Q"],
    ).properties(width=WIDTH - 140, height=320) + alt.Chart(located).mark_text(
        align="left", dx=7, fontSize=10).encode(
        x="longitude:Q", y="latitude:Q", text="location:N")


def headline_figures(figures: pd.DataFrame) -> alt.FacetChart:
    """Points over time per partner, one panel per measure: achieved figures are filled circles
    joined by a line, targets hollow triangles; each point links to its evidence in the page."""
    figures = figures[["name", "measure", "when", "value", "kind", "href"]].assign(
        measure=figures.measure.str.replace("_", " ").str.capitalize())
    names = sorted(set(figures.name))
    base = alt.Chart().encode(
        x=alt.X("when:T", title="Period start (publication date where none is stated)",
                scale=alt.Scale(type="utc")),
        y=alt.Y("value:Q", title="US dollars", scale=alt.Scale(type="log"),
                axis=alt.Axis(format="$~s", grid=False)),
        color=alt.Color("name:N", title="Partner",
                        scale=alt.Scale(domain=names, scheme="category10"),
                        legend=alt.Legend(orient="top", columns=4)),
        href="href:N",
    )
    achieved = base.transform_filter(alt.datum.kind == "achieved")
    targets = base.transform_filter(alt.datum.kind == "target")
    layers = alt.layer(
        achieved.mark_line(strokeWidth=1),
        achieved.mark_point(filled=True, size=60, opacity=1),
        targets.mark_point(shape="triangle-up", filled=False, size=70, strokeWidth=2),
        data=figures)
    return layers.properties(width=WIDTH, height=150).facet(
        row=alt.Row("measure:N", title=None, sort=sorted(set(figures.measure)),
                    header=alt.Header(labelAngle=0, labelAlign="left", labelFontSize=12)),
    ).resolve_scale(y="independent")
