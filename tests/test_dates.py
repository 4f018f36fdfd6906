import datetime as dt

import pytest

from flows.extract.dates import find_dates
from flows.extract.language import load_language

EN = load_language("en")
PUB = dt.date(2025, 8, 31)  # a Sunday


@pytest.mark.parametrize("text, start, end, precision", [
    ("on 1 May 2017 in Turkmenistan", dt.date(2017, 5, 1), dt.date(2017, 5, 1), "day"),
    ("in Dushanbe on April 14, 2007.", dt.date(2007, 4, 14), dt.date(2007, 4, 14), "day"),
    ("the meeting of 2025-08-31", dt.date(2025, 8, 31), dt.date(2025, 8, 31), "day"),
    ("In January 2007, they opened", dt.date(2007, 1, 1), dt.date(2007, 1, 31), "month"),
    ("signed in 2002 that", dt.date(2002, 1, 1), dt.date(2002, 12, 31), "year"),
    ("in the first half of 2025", dt.date(2025, 1, 1), dt.date(2025, 6, 30), "half"),
    ("in the third quarter of 2024", dt.date(2024, 7, 1), dt.date(2024, 9, 30), "quarter"),
    ("From 1992 to 1993 aid flowed", dt.date(1992, 1, 1), dt.date(1993, 12, 31), "year"),
    ("talks held on 12.03.2024 in Astana", dt.date(2024, 3, 12), dt.date(2024, 3, 12), "day"),
    ("2023-8-15 11:36", dt.date(2023, 8, 15), dt.date(2023, 8, 15), "day"),
    ("took place from 10 to 13 June 2024 in", dt.date(2024, 6, 10), dt.date(2024, 6, 13), "day"),
    ("rose from 5 to 10 percent in June 2024", dt.date(2024, 6, 1), dt.date(2024, 6, 30), "month"),
])
def test_absolute_dates(text, start, end, precision):
    (d,) = find_dates(text, EN)
    assert (d.date_start, d.date_end, d.precision) == (start, end, precision)


def test_relative_dates_need_a_publication_date():
    assert find_dates("The ministers met on Saturday.", EN) == []
    (d,) = find_dates("The ministers met on Saturday.", EN, PUB)
    assert d.date_start == dt.date(2025, 8, 30) and d.precision == "day"
    (y,) = find_dates("He arrived yesterday.", EN, PUB)
    assert y.date_start == dt.date(2025, 8, 30)
    (m,) = find_dates("They met on 12 August.", EN, PUB)
    assert m.date_start == dt.date(2025, 8, 12)


def test_reference_points_are_marked():
    (d,) = find_dates("established soon after the 1991 dissolution", EN)
    assert d.is_reference
    (u,) = find_dates("Until 2005, Russia had border guards", EN)
    assert u.is_reference
    (o,) = find_dates("relations were established on 11 March 1992", EN)
    assert not o.is_reference


@pytest.mark.parametrize("text", [
    "the 201st Motor Rifle Division", "US$12.09 million", "17 Mil Mi-17 helicopters",
    "they may 2 times", "a grant of $2015", "code 2019-x",
])
def test_not_dates(text):
    assert find_dates(text, EN) == []


def test_periods():
    assert find_dates("in the first half of 2025", EN)[0].period == "2025-H1"
    assert find_dates("in March 2008", EN)[0].period == "2008-03"
    assert find_dates("from 1992 to 1993", EN)[0].period == "1992/1993"


def test_relative_spans_against_the_publication_date():
    (y,) = find_dates("trade reached $1.5bn last year", EN, PUB)
    assert (y.date_start, y.date_end, y.period, y.vague) == (
        dt.date(2024, 1, 1), dt.date(2024, 12, 31), "2024", True)
    (w,) = find_dates("talks this week", EN, PUB)
    assert (w.date_start, w.date_end, w.precision) == (dt.date(2025, 8, 25), dt.date(2025, 8, 31),
                                                        "week")
    assert find_dates("trade reached $1.5bn last year", EN) == []


def test_next_week_is_the_week_after_publication():
    """Codebook: relative dates are resolved against the publication date, "forwards for what
    is announced"."""
    (d,) = find_dates("The envoy is expected to arrive in Dushanbe next week.", EN, PUB)
    assert (d.date_start, d.date_end, d.precision) == (dt.date(2025, 9, 1), dt.date(2025, 9, 7),
                                                       "week")
    (m,) = find_dates("Talks will resume next month.", EN, PUB)
    assert (m.date_start, m.date_end) == (dt.date(2025, 9, 1), dt.date(2025, 9, 30))
    (y,) = find_dates("Trade grew last year.", EN, dt.date(2025, 1, 10))
    assert (y.date_start, y.date_end, y.vague) == (dt.date(2024, 1, 1), dt.date(2024, 12, 31), True)
