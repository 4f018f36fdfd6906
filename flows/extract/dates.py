"""Dates in prose: absolute (1 May 2017, April 14, 2007, 2025-08-31), partial (January 2007,
2002, the first half of 2025) and relative (on Saturday, yesterday) against a publication date.

Hand-written on purpose: dateparser's `search_dates` reads footnote markers and "$50" as dates
and costs 20-400 ms a document; these patterns cover the forms news uses, with month and
weekday names from the language's CLDR data (via babel), in microseconds.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import cache

from flows.extract.language import Language, phrase_alternation

_DIGIT = re.compile(r"\d")
NUMERIC_FORMS = ("iso", "dmy_num")  # the forms that name no month


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    date_start: dt.date
    date_end: dt.date
    precision: str  # day | week | month | quarter | half | year
    is_reference: bool  # "after 2005", "since 1992": a reference point, not the event's date
    vague: bool = False  # "last year", "this month": a span relative to publication
    # the year or the week was taken from the publication date, looking back ("on June 15",
    # "on Thursday"); an announced event looks forward instead (`forward`)
    inferred: bool = False

    def forward(self, published: dt.date | None) -> DateMention:
        """The same date read as announced: on or after publication, never before it."""
        if not self.inferred or published is None or self.date_start >= published:
            return self
        if self.precision == "day" and (self.date_end - self.date_start).days < 7 \
                and (published - self.date_start).days < 7:  # a weekday: the next one
            shift = dt.timedelta(days=7)
            return replace(self, date_start=self.date_start + shift, date_end=self.date_end + shift)
        try:
            return replace(self, date_start=self.date_start.replace(year=self.date_start.year + 1),
                           date_end=self.date_end.replace(year=self.date_end.year + 1))
        except ValueError:  # 29 February
            return self

    @property
    def period(self) -> str:
        """The span as a period code: YYYY, YYYY-MM, YYYY-H1, YYYY-Q3, or START/END."""
        s, e = self.date_start, self.date_end
        if self.precision == "year":
            return str(s.year) if s.year == e.year else f"{s.year}/{e.year}"
        if self.precision == "half":
            return f"{s.year}-H{1 if s.month == 1 else 2}"
        if self.precision == "quarter":
            return f"{s.year}-Q{(s.month - 1) // 3 + 1}"
        if (s.year, s.month) != (e.year, e.month):  # a span of months
            return f"{s.year}-{s.month:02d}/{e.year}-{e.month:02d}"
        return f"{s.year}-{s.month:02d}"


def month_span(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def months_precision(first: int, last: int) -> str:
    """A span of whole months is a half or a quarter when it is one ("January-June")."""
    if last - first == 5 and first in (1, 7):
        return "half"
    if last - first == 2 and first in (1, 4, 7, 10):
        return "quarter"
    return "month"


class DatePatterns:
    """The compiled date patterns of one language."""

    def __init__(self, lang: Language):
        self.lang = lang
        # "may" is a verb, "May" a month; Russian and Tajik write months in lower case
        capitalised = bool(lang.data.get("months_capitalised"))
        names = [n.capitalize() for n in lang.months] if capitalised else list(lang.months)
        flags = 0 if capitalised else re.IGNORECASE
        mon = f"(?:{phrase_alternation(names)})\\.?"
        # ordinal endings of a day ("5th", "5-го", "15-уми") and words before a year ("соли")
        ordinal = "|".join(["st", "nd", "rd", "th", *map(re.escape, lang.data.get("day_suffixes", []))])
        day = rf"(?P<d>[0-3]?\d)(?:{ordinal})?"
        year_words = phrase_alternation(lang.data.get("year_prefixes", []))
        year = rf"(?:(?:{year_words}) )?(?P<y>1[89]\d\d|20\d\d)" if year_words \
            else r"(?P<y>1[89]\d\d|20\d\d)"
        # spans of days: "June 18-20, 2020", "6-9 June 2022", "August 22-23", "14-15 September"
        # ... and "from 10 to 13 June 2024"
        self.span_words = [w.lower() for w in lang.data.get("day_span_words", [])]
        between = "|".join([r"\s?[-–]\s?"] + [f" {re.escape(w)} " for w in self.span_words])
        span = rf"(?P<d>[0-3]?\d)(?:{ordinal})?(?:{between})(?P<d2>[0-3]?\d)(?:{ordinal})?"
        self.any_month = re.compile(rf"\b{mon}", flags)  # most sentences name none
        self.forms: list[tuple[str, re.Pattern]] = [
            ("iso", re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})\b")),
            ("dmy_span", re.compile(rf"\b{span} (?:of )?(?P<mon>{mon}),? {year}\b", flags)),
            ("mdy_span", re.compile(rf"\b(?P<mon>{mon}) {span},? {year}\b", flags)),
            ("dm_span", re.compile(rf"\b{span} (?P<mon>{mon})\b(?!,? \d)", flags)),
            ("md_span", re.compile(rf"\b(?P<mon>{mon}) {span}\b(?!,? \d|\d)", flags)),
            ("dmy_num", re.compile(r"\b(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>\d{4})\b")),
            ("dmy", re.compile(rf"\b{day} (?:of )?(?P<mon>{mon}),? {year}\b", flags)),
            ("mdy", re.compile(rf"\b(?P<mon>{mon}) {day},? {year}\b", flags)),
            ("my", re.compile(rf"\b(?P<mon>{mon}),? (?:of )?{year}\b", flags)),
            ("dm", re.compile(rf"\b{day} (?P<mon>{mon})\b(?!,? \d)", flags)),
            ("md", re.compile(rf"\b(?P<mon>{mon}) {day}\b(?!,? \d|\d)", flags)),
        ]
        # days of a month, listed or alone ("July 17 and 21", "17 и 21 июля"): a number
        # there is a day, whether or not the year is known
        listing = phrase_alternation(lang.data.get("day_list_words", [])) or "(?!)"
        days = rf"[0-3]?\d(?:{ordinal})?(?: (?:{listing}) [0-3]?\d(?:{ordinal})?)*"
        self.days_of_month = re.compile(rf"\b{mon} {days}\b|\b{days} {mon}", flags)
        # spans of months: "January-May 2024", "from January to July 2022", "январ-феврали
        # соли 2018"; "the first five months of 2024"
        months_between = "|".join([r"\s?[-–]\s?"] + [f" {re.escape(w)} " for w in
                                                     lang.data.get("month_span_words", [])])
        month_word = phrase_alternation(lang.data.get("month_words", []))
        month_word = rf"(?:(?:{month_word}) )?" if month_word else ""
        current = phrase_alternation(lang.data.get("current_year_words", [])) or "(?!)"
        self.month_range = re.compile(
            rf"\b{month_word}(?P<mon>{mon})(?:{months_between}){month_word}(?P<mon2>{mon}),? "
            rf"(?:{year}|(?P<current>{current}))\b",
            flags)
        self.months_of_year = [re.compile(x.replace("YEAR", year), re.IGNORECASE)
                               for x in lang.data.get("months_of_year_patterns", [])]
        halves = {k: phrase_alternation(v, escape=False)
                  for k, v in lang["half_year_patterns"].items()}
        quarters = {k: phrase_alternation(v, escape=False)
                    for k, v in lang["quarter_patterns"].items()}
        self.any_part = re.compile("|".join(f"(?:{v})" for v in [*halves.values(), *quarters.values()]),
                                   re.IGNORECASE)
        self.halves = [(k, re.compile(rf"\b(?:the )?(?:{v}) ?{year}\b", re.IGNORECASE))
                       for k, v in halves.items()]
        self.quarters = [(k, re.compile(rf"\b(?:the )?(?:{v}) ?{year}\b", re.IGNORECASE))
                         for k, v in quarters.items()]
        rw = phrase_alternation(lang["year_range_words"])
        self.year_range = re.compile(
            rf"\b(?:{rw}) (?P<y1>1[89]\d\d|20\d\d) (?:to|and|until|till|-|–) "
            rf"(?P<y2>1[89]\d\d|20\d\d)\b|\b(?P<y3>1[89]\d\d|20\d\d) ?[-–] ?(?P<y4>1[89]\d\d|20\d\d)\b",
            re.IGNORECASE)
        self.year = re.compile(r"(?<![\w$€£.,/-])(?P<y>1[89]\d\d|20\d\d)(?![\w%-]|,\d|\.\d)")
        # weekdays are capitalised where months are ("on Monday"; "в понедельник")
        weekdays = phrase_alternation([w.capitalize() if capitalised else w for w in lang.weekdays])
        self.weekday = re.compile(rf"\b(?:on |last |this )?(?P<wd>{weekdays})\b", flags)
        self.weekday_span = re.compile(
            rf"\b(?:from )?(?P<wd>{weekdays})(?: to |-|–| through | and )(?P<wd2>{weekdays})\b", flags)
        self.relative_day = re.compile(
            rf"\b(?P<rel>{phrase_alternation(list(lang['relative_days']))})\b", re.IGNORECASE)
        self.relative_span = re.compile(
            rf"\b(?P<span>{phrase_alternation(list(lang['relative_spans']))})\b", re.IGNORECASE)
        self.reference_before = re.compile(
            rf"\b(?:{phrase_alternation(lang['reference_date_prepositions'])})\s+(?:the\s+|a\s+)?"
            rf"(?:(?:early|mid|late|end of|beginning of|start of)\s+)?(?:(?:on|in)\s+)?$",
            re.IGNORECASE)

    def month_number(self, name: str) -> int:
        return self.lang.months[name.lower().rstrip(".")]


@cache
def patterns_for(lang: Language) -> DatePatterns:
    return DatePatterns(lang)


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def find_dates(text: str, lang: Language, published: dt.date | None = None) -> list[DateMention]:
    """Every date expression in the text, left to right, without overlaps."""
    has_digit = bool(_DIGIT.search(text))
    if not has_digit and published is None:
        return []  # every form but the relative ones has a digit
    p = patterns_for(lang)
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    def add(s: int, e: int, d0: dt.date | None, d1: dt.date | None, precision: str,
            vague: bool = False, inferred: bool = False, span: bool = False) -> None:
        if d0 is None or d1 is None or d1 < d0 or not free(s, e):
            return
        # "с 11 по 18 февраля": the "from" of a span is no reference point ("с 2015 года")
        ref = not span and bool(p.reference_before.search(text[max(0, s - 40):s]))
        found.append(DateMention(s, e, d0, d1, precision, ref, vague, inferred))
        taken.append((s, e))

    for m in p.month_range.finditer(text) if has_digit or published else ():
        year = int(m.group("y")) if m.group("y") else published.year if published else None
        first, last = p.month_number(m.group("mon")), p.month_number(m.group("mon2"))
        if year is not None and first < last:
            add(m.start(), m.end(), month_span(year, first)[0], month_span(year, last)[1],
                months_precision(first, last), span=True)
    for rx in p.months_of_year if has_digit else ():
        for m in rx.finditer(text):
            n = m.group("n").lower()
            count = int(n) if n.isdigit() else lang.data.get("number_words", {}).get(n)
            if count and 1 < count < 12:
                y = int(m.group("y"))
                add(m.start(), m.end(), dt.date(y, 1, 1), month_span(y, count)[1],
                    months_precision(1, count))
    for precision, table, months in (("half", p.halves, 6), ("quarter", p.quarters, 3)) \
            if has_digit and p.any_part.search(text) else ():
        for key, rx in table:
            for m in rx.finditer(text):
                y, n = int(m.group("y")), int(key[1])
                first = (n - 1) * months + 1
                add(m.start(), m.end(), dt.date(y, first, 1),
                    month_span(y, first + months - 1)[1], precision)
    # spans of days need a dash or a span word
    may_span = "-" in text or "–" in text or any(f" {w} " in text for w in p.span_words)
    has_month = has_digit and bool(p.any_month.search(text))
    for kind, rx in p.forms if has_digit else ():
        if kind.endswith("_span") and not may_span or kind not in NUMERIC_FORMS and not has_month:
            continue
        for m in rx.finditer(text):
            g = m.groupdict()
            month = int(g["m"]) if g.get("m") else p.month_number(g["mon"])
            last = int(g.get("d2") or g.get("d") or 0)
            span = kind.endswith("_span")
            kind = kind.removesuffix("_span")
            if kind in ("dm", "md"):
                if published is None:
                    continue
                # codebook: a day and month without a year take the publication's year
                year = published.year
                d = _safe_date(year, month, int(g["d"]))
                if d and d > published + dt.timedelta(days=31):
                    year -= 1  # news reports the past; an announcement moves it on (forward)
                    d = _safe_date(year, month, int(g["d"]))
                add(m.start(), m.end(), d, _safe_date(year, month, last), "day", inferred=True,
                    span=span)
            elif kind == "my":
                add(m.start(), m.end(), *month_span(int(g["y"]), month), "month")
            else:
                add(m.start(), m.end(), _safe_date(int(g["y"]), month, int(g["d"])),
                    _safe_date(int(g["y"]), month, last), "day", span=span)
    for m in p.year_range.finditer(text) if has_digit else ():
        y1, y2 = int(m.group("y1") or m.group("y3")), int(m.group("y2") or m.group("y4"))
        if y1 <= y2:
            add(m.start(), m.end(), dt.date(y1, 1, 1), dt.date(y2, 12, 31), "year")
    for m in p.year.finditer(text) if has_digit else ():
        y = int(m.group("y"))
        add(m.start(), m.end(), dt.date(y, 1, 1), dt.date(y, 12, 31), "year")
    if published is not None:
        for m in p.relative_day.finditer(text):
            d = published + dt.timedelta(days=lang["relative_days"][m.group("rel").lower()])
            add(m.start(), m.end(), d, d, "day")
        for m in p.relative_span.finditer(text):
            span = _relative_span(lang["relative_spans"][m.group("span").lower()], published)
            # "last year" dates figures far more often than acts; "next week" dates an act
            add(m.start(), m.end(), *span, vague=span[2] != "week")
        for m in p.weekday_span.finditer(text):  # "from Thursday to Friday"
            wd, wd2 = (lang.weekdays[m.group(k).lower()] for k in ("wd", "wd2"))
            d = published - dt.timedelta(days=(published.weekday() - wd) % 7)
            add(m.start(), m.end(), d, d + dt.timedelta(days=(wd2 - wd) % 7), "day",
                inferred=True)
        for m in p.weekday.finditer(text):
            wd = lang.weekdays[m.group("wd").lower()]
            # news reports the past: the latest such weekday on or before publication
            d = published - dt.timedelta(days=(published.weekday() - wd) % 7)
            add(m.start(), m.end(), d, d, "day", inferred=True)
    return sorted(found, key=lambda x: x.start)


def days_of_month(text: str, lang: Language) -> list[tuple[int, int]]:
    """The spans of days named with their month ("July 17 and 21"), even with no year known."""
    p = patterns_for(lang)
    if not _DIGIT.search(text) or not p.any_month.search(text):
        return []
    return [m.span() for m in p.days_of_month.finditer(text)]


def tells_relative_time(text: str, lang: Language) -> bool:
    """Whether the text tells a time relative to its publication ("yesterday", "last year",
    "on Monday"), which a text without a publication date leaves unknown."""
    p = patterns_for(lang)
    return any(rx.search(text) for rx in (p.relative_day, p.relative_span, p.weekday))


def _relative_span(kind: str, published: dt.date) -> tuple[dt.date, dt.date, str]:
    """"this week", "last month", "next year"... as a span, against the publication date."""
    step = -1 if kind.endswith("_prev") else 1 if kind.endswith("_next") else 0
    if kind.startswith("week"):
        monday = published - dt.timedelta(days=published.weekday()) + dt.timedelta(days=7 * step)
        return monday, monday + dt.timedelta(days=6), "week"
    if kind.startswith("month"):
        months = published.year * 12 + published.month - 1 + step
        return (*month_span(months // 12, months % 12 + 1), "month")
    y = published.year + step
    return dt.date(y, 1, 1), dt.date(y, 12, 31), "year"


def parse_absolute_date(text: str, lang: Language) -> dt.date | None:
    """A single day-precise date written in full (for datelines), or None."""
    for d in find_dates(text, lang):
        if d.precision == "day":
            return d.date_start
    return None
