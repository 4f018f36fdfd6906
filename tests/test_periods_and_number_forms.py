"""Dates, periods and numbers as each language writes them (issue 23): Tajik "соли" before
the year and ordinal endings on the day, spans of days and of months, "the first N months",
Tajik and Russian decimals with a point, currencies and percents with Tajik endings. On
sentences written for the tests in the style of Khovar, Sputnik and the wires."""

from __future__ import annotations

import datetime as dt

import pytest

from flows.extract.dates import find_dates
from flows.extract.language import load_language

from .test_events import read

PUB = dt.date(2024, 3, 1)
D = dt.date


@pytest.mark.parametrize("lang, text, start, end, period", [
    # Tajik writes "the year of" before the year, and an ordinal ending on the day
    ("tg", "рӯзи 15-уми майи соли 2024", D(2024, 5, 15), D(2024, 5, 15), "2024-05"),
    ("tg", "8 октябри соли 2019 дар шаҳри Бишкек", D(2019, 10, 8), D(2019, 10, 8), "2019-10"),
    ("tg", "рӯзҳои 11 то 14-уми июни соли 2022", D(2022, 6, 11), D(2022, 6, 14), "2022-06"),
    ("tg", "3 ва 4-уми октябри соли 2023", D(2023, 10, 3), D(2023, 10, 4), "2023-10"),
    ("tg", "дар моҳи март-майи соли 2019", D(2019, 3, 1), D(2019, 5, 31), "2019-03/2019-05"),
    ("tg", "аз моҳи январ то апрели соли 2021", D(2021, 1, 1), D(2021, 4, 30), "2021-01/2021-04"),
    ("tg", "аз моҳи январ то августи соли ҷорӣ", D(2024, 1, 1), D(2024, 8, 31), "2024-01/2024-08"),
    ("tg", "дар ҳашт моҳи соли 2022", D(2022, 1, 1), D(2022, 8, 31), "2022-01/2022-08"),
    ("ru", "с февраля по апрель 2021 года", D(2021, 2, 1), D(2021, 4, 30), "2021-02/2021-04"),
    ("ru", "в январе-сентябре 2023 года", D(2023, 1, 1), D(2023, 9, 30), "2023-01/2023-09"),
    ("ru", "за четыре месяца 2022 года", D(2022, 1, 1), D(2022, 4, 30), "2022-01/2022-04"),
    ("ru", "утром 7-го июня 2021 года", D(2021, 6, 7), D(2021, 6, 7), "2021-06"),
    ("en", "in January-April 2023", D(2023, 1, 1), D(2023, 4, 30), "2023-01/2023-04"),
    ("en", "in the first four months of 2023", D(2023, 1, 1), D(2023, 4, 30), "2023-01/2023-04"),
    ("en", "in January-June 2022", D(2022, 1, 1), D(2022, 6, 30), "2022-H1"),
    ("en", "from April to June 2022", D(2022, 4, 1), D(2022, 6, 30), "2022-Q2"),
])
def test_dates_and_periods_as_each_language_writes_them(lang, text, start, end, period):
    (d,) = find_dates(text, load_language(lang), PUB)
    assert (d.date_start, d.date_end, d.period) == (start, end, period)


def test_a_span_of_three_or_six_months_is_a_quarter_or_a_half():
    (q,) = find_dates("в январе-марте 2023 года", load_language("ru"))
    (h,) = find_dates("аз моҳи июл то декабри соли 2021", load_language("tg"))
    assert (q.period, h.period) == ("2023-Q1", "2021-H2")


@pytest.mark.parametrize("text, value, unit, measure", [
    # the object ending -ро on the currency, and an adjective ending on its name
    ("Ҳаҷми тиҷорат бо Эрон соли 2023 ба 150 миллион долларро расид.", 1.5e8, "USD",
     "trade_turnover"),
    ("Ҳаҷми содирот ба Афғонистон 80 миллион доллари амрикоиро ташкил дод.", 8e7, "USD",
     "exports"),
    ("Ҳаҷми гардиши коло бо Туркия 2,4 млрд сомониро ташкил дод.", 2.4e9, "TJS",
     "trade_turnover"),
    # "дарсад" is the common word for percent, and the decimal may be a point
    ("Ҳаҷми воридот аз Қазоқистон 12 дарсад афзоиш ёфт.", 12, "percent", "imports"),
    ("Кумаки башардӯстона ба 17.5 миллион доллар расид.", 1.75e7, "USD", "aid"),
    ("Экспорт в Китай составил 2.4 млрд долларов.", 2.4e9, "USD", "exports"),
])
def test_numbers_with_tajik_endings_and_decimal_points(text, value, unit, measure):
    _, _, (f,) = read(text, PUB)
    assert (round(f.value, 3), f.unit, f.measure) == (value, unit, measure)


def test_a_state_with_the_clitic_and_and_another_spelling_is_found():
    """"Тоҷикистону Узбакистон": "-у" is "and", and Sputnik spells Uzbekistan "Узбакистон"."""
    _, _, (f,) = read("Гардиши мол миёни Тоҷикистону Узбакистон 40 миллион долларро ташкил дод.",
                      PUB)
    assert f.countries == ["TJK", "UZB"]


@pytest.mark.parametrize("text, value, unit", [
    # codebook: counts of things; transport, infrastructure and equipment among them
    ("The United States handed over 14 border outposts and 6 training centers to Tajikistan.",
     14, "units"),
    ("Some 210 container trains ran between China and Uzbekistan in the first quarter.",
     210, "units"),
    ("The ministry received 45 pieces of military equipment from its partners.", 45, "units"),
    ("Узбекистан открыл 7 пунктов пропуска на границе с Таджикистаном.", 7, "units"),
    ("За месяц через станцию прошли 1 200 вагонов с зерном из Казахстана.", 1200, "units"),
    ("Ҷопон ба Тоҷикистон 35 воҳиди техникаи роҳсозӣ тақдим кард.", 35, "units"),
    # a length written as a compound ("a 58-kilometer road")
    ("The bank will finance a 64-kilometer road between Kulob and Kalaikhumb.", 64, "km"),
    ("The sides agreed to build a 320-kilometre power line to Afghanistan.", 320, "km"),
    # a multiplier as "-fold"
    ("Trade between the two states grew almost 12-fold in five years.", 12, "times"),
])
def test_counts_of_things_and_compound_units(text, value, unit):
    _, _, figures = read(text, PUB)
    assert (figures[0].value, figures[0].unit) == (value, unit)


@pytest.mark.parametrize("text, unit", [
    # the currencies of the region's partners, by name and by code
    ("Pakistan will lend 50 million Pakistani rupees for the school programme.", "PKR"),
    ("The Abu Dhabi fund pledged 15 million dirhams to the project.", "AED"),
    ("Ankara allocated 120 million Turkish lira for the new hospital.", "TRY"),
    ("The IMF disbursed SDR 40 million to Kyrgyzstan under the facility.", "XDR"),
    ("Ашхабад выделил 30 млн манатов на строительство дороги.", "TMT"),
    ("Индия выделила 200 млн рупий на гуманитарную помощь.", "INR"),
    ("Ҳукумати Узбекистон 5 миллиард сӯм ҷудо кард.", "UZS"),
])
def test_currencies_of_the_regions_partners(text, unit):
    _, _, figures = read(text, PUB)
    assert [f.unit for f in figures] == [unit]


def test_the_from_of_a_span_is_no_reference_point():
    """"с 11 по 18 февраля" is a span of days; "с 2015 года" (since 2015) is a reference."""
    ru = load_language("ru")
    (span,) = find_dates("в период с 3 по 9 июня 2023 года в Худжанде", ru, PUB)
    (since,) = find_dates("с 2015 года", ru, PUB)
    assert (span.date_start, span.date_end, span.is_reference) == (D(2023, 6, 3), D(2023, 6, 9),
                                                                   False)
    assert since.is_reference


@pytest.mark.parametrize("text, expected", [
    # codebook: counts of people and of things, written in words too
    ("The embassy handed over twenty-six pickup trucks and thirteen patrol boats to the border "
     "service.", [(26, "units"), (13, "units")]),
    ("Floods on Monday killed eleven people and four people are still missing, officials said.",
     [(11, "persons"), (4, "persons")]),
    ("Japan will fund seven new projects in the Khatlon region.", [(7, "units")]),
    # a multiplier in words, and a decline by a multiple is negative
    ("Exports of cement to Afghanistan grew by nearly three times in the first half of 2023.",
     [(3, "times")]),
    ("Экспорт хлопка в Китай сократился почти в три раза за год.", [(-3, "times")]),
    ("Товарооборот между странами снизился более чем в 2,5 раза.", [(-2.5, "times")]),
    ("Bilateral trade reached $48 million, a rise of almost 12-fold.",
     [(48_000_000, "USD"), (12, "times")]),
    # "units of ... equipment" with words between
    ("About 2,500 troops and 120 units of armoured and engineering equipment will take part.",
     [(2500, "persons"), (120, "units")]),
])
def test_counts_and_multipliers_in_words(text, expected):
    _, _, figures = read(text, PUB)
    assert [(f.value, f.unit) for f in figures] == expected


@pytest.mark.parametrize("text", [
    # a set, not a count: the parties, officials, or one of several
    "The two countries signed one of the largest deals in their history.",
    "Both sides agreed that two ministers would meet again in the spring.",
    "Two officials said the talks had gone well.",
    # "read three times" is no multiplier
    "The resolution was read three times before the vote.",
])
def test_number_words_that_are_no_figure(text):
    _, _, figures = read(text, PUB)
    assert figures == []


@pytest.mark.parametrize("text, published, count", [
    # days listed with their month are days, whether or not the year is known
    ("Landslides on May 4 and 9 killed 12 people in the district.", None, 12),
    ("Landslides on May 4 and 9 killed 12 people in the district.", PUB, 12),
    ("Оползни 3 и 8 мая унесли жизни 14 человек.", None, 14),
    ("On March 2, 30 trucks crossed the border.", None, 30),
])
def test_days_listed_with_their_month_are_no_figures(text, published, count):
    _, _, figures = read(text, published)
    assert [f.value for f in figures] == [count]
