import datetime as dt

import pytest

from flows.extract.dates import find_dates
from flows.extract.figures import find_figures
from flows.extract.language import load_language
from flows.extract.sentences import Sentence

from .test_events import read

EN = load_language("en")


def figures(text: str, context_period: str | None = None):
    s = Sentence(0, 100, 100 + len(text), text, 0)
    return find_figures(s, "doc_x", EN, find_dates(text, EN), context_period, ["TJK"])


@pytest.mark.parametrize("text, value, unit, measure", [
    ("Trade turnover reached $670 million in the first half of 2025.", 670e6, "USD", "trade_turnover"),
    ("India undertook a US$10 million project in Ayni.", 10e6, "USD", "investment"),
    ("China will provide a loan of 1.5 bln yuan for the road.", 1.5e9, "CNY", "loan"),
    ("The EU allocated a grant of €12 million to Tajikistan.", 12e6, "EUR", "grant"),
    ("Japan donated 250,000 US dollars worth of humanitarian aid.", 250e3, "USD", "aid"),
    ("Exports to Russia rose to 3.4 billion somoni.", 3.4e9, "TJS", "exports"),
    ("the state budget of 41 billion somoni", 41e9, "TJS", "budget"),
    ("Russia deployed 7,000 troops at the 201st base.", 7000, "persons", "troops"),
    ("about 1.1 million labour migrants work in Russia", 1.1e6, "persons", "migrants"),
    ("ceded 1,000 km² of the Pamirs", 1000, "km2", "area"),
    ("owned 3,000 hectares of disputed land", 3000, "ha", "area"),
    ("the Rogun plant will produce 3,600 MW", 3600, "MW", "energy"),
    ("imports of 450,000 tonnes of wheat", 450e3, "tonnes", "imports"),
    ("a share of 35% of exports", 35, "percent", "exports"),
])
def test_values_units_measures(text, value, unit, measure):
    (f,) = figures(text)
    assert (f.value, f.unit, f.measure) == (pytest.approx(value), unit, measure)


def test_offsets_point_into_the_document():
    text = "Trade reached $670 million last year."
    (f,) = figures(text)
    assert f.text_as_written == "$670 million"
    assert (f.value_start - 100, f.value_end - 100) == (14, 26)
    assert (f.char_start - 100, f.char_end - 100) == (0, len(text)) and f.evidence == text


def test_several_figures_take_their_own_measures_and_the_sentence_period():
    text = ("Bilateral trade was valued at US$12.09 million in 2005; India's exports to "
            "Tajikistan were valued at US$6.2 million and its imports at US$5.89 million.")
    got = [(f.value, f.measure, f.period) for f in figures(text)]
    assert got == [(12.09e6, "trade_turnover", "2005"), (6.2e6, "exports", "2005"),
                   (5.89e6, "imports", "2005")]


def test_targets_versus_achieved():
    (goal,) = figures("They set the goal of increasing trade turnover to 2 billion US dollars.")
    (ready,) = figures("Kazakhstan expressed readiness to expand supplies by 200 million US dollars.")
    (done,) = figures("With trade reaching $670 million, both sides expressed interest in increasing it.")
    assert goal.is_target and ready.is_target and not done.is_target


def test_ranges_and_qualifiers():
    (r,) = figures("Investment of $10-15 million is planned.")
    assert (r.value, r.value_max) == (10e6, 15e6)
    (q,) = figures("Over 5,000 migrants returned.")
    assert q.qualifier == "over" and q.value == 5000
    (n,) = figures("nearly $2 billion in remittances")
    assert n.qualifier == "nearly" and n.measure == "remittances"


def test_context_period_is_used_when_the_sentence_has_none():
    (f,) = figures("The bases host 9,000 Russian troops.", context_period="2012")
    assert f.period == "2012"


@pytest.mark.parametrize("text", [
    "In 2005 the 201st Division moved.", "He served 20 or 29 years.", "Call +992 37 221 14 15.",
    "See page 12 of the report.", "1 USD = 10.95 TJS on Monday.", "Resolution 1373 was adopted.",
    "the 17 Mil Mi-17 base", "Section 3 of Article 5", "Sixth Foreign Ministers' Meeting",
])
def test_not_figures(text):
    assert figures(text) == []


def test_a_keyword_after_and_belongs_to_the_next_figure():
    text = ("Foreign trade turnover in January-June 2024 amounted to $3.1 billion, of which "
            "exports accounted for $0.8 billion and imports for $2.3 billion.")
    assert [(f.measure, f.period) for f in figures(text)] == [
        ("trade_turnover", "2024-H1"), ("exports", "2024-H1"), ("imports", "2024-H1")]


@pytest.mark.parametrize("text, value, unit, measure", [
    # codebook: "counts of things (documents signed ...)", in digits or in words
    ("Following the talks, the sides signed 10 documents on energy.", 10, "units",
     "documents_signed"),
    ("In total, nine new cooperation documents were signed in Dushanbe.", 9, "units",
     "documents_signed"),
    # "Declines are negative"; "a trade balance is signed too"
    ("Trade turnover fell by 9.2% in January-March.", -9.2, "percent", "trade_turnover"),
    ("Exports registered a 17-percent decrease over the year.", -17, "percent", "exports"),
    ("Tajikistan's trade turnover showed a deficit of $3.3 billion.", -3.3e9, "USD",
     "trade_balance"),
    ("Trade with Uzbekistan grew 2.5 times in five years.", 2.5, "times", "trade_turnover"),
    ("The new bridge over the Panj is 280 metres long.", 280, "m", "other"),
    ("The delegation consists of 14 officials from the foreign ministry.", 14, "persons",
     "people"),
    ("The loan of 131.3 million Saudi riyals finances the road.", 131.3e6, "SAR", "loan"),
    ("Trade turnover amounted to $5.319b in 2014.", 5.319e9, "USD", "trade_turnover"),
])
def test_counts_changes_multipliers_and_units(text, value, unit, measure):
    (f,) = figures(text)
    assert (f.value, f.unit, f.measure) == (pytest.approx(value), unit, measure)


def test_a_run_of_figures_shares_its_measure():
    fs = figures("Imports came mainly from Russia - 26.6% of total imports, China - 19.8% and "
                 "Kazakhstan - 15.7%.")
    assert [(f.value, f.measure) for f in fs] == [(26.6, "imports"), (19.8, "imports"),
                                                   (15.7, "imports")]


@pytest.mark.parametrize("text", [
    "This news has been read 137 times in total.",  # a view counter, not a multiplier
    "The two countries signed the treaty.",  # "two countries" is no count of things
    "Rahmon has visited China ten times.",
])
def test_left_alone(text):
    assert figures(text) == []


def test_the_measure_is_what_the_figure_counts_not_an_aside():
    """Codebook: the measure comes "from the words around it": not from an aside ("including
    electrical power"), and from the clause before a dash when the figure's own has none."""
    (f,) = figures("Last year Kyrgyzstan's trade turnover, including electricity and coal, "
                   "came to $4.1 billion.")
    assert (f.value, f.measure) == (4.1e9, "trade_turnover")
    (g,) = figures("China was second, and the biggest volume of trade after it was with "
                   "Uzbekistan - $410 million.")
    assert (g.value, g.measure) == (4.1e8, "trade_turnover")
    (h,) = figures("Electricity supplies to Afghanistan reached $80 million.")
    assert h.measure == "exports"


def test_the_day_of_an_act_lends_no_period_to_the_figures_after_it():
    _, _, figs = read("DUSHANBE, 14 March 2024 - The presidents of Tajikistan and Uzbekistan "
                        "met in Dushanbe on 12 March. Trade turnover between the two "
                        "countries reached $500 million.\n\nIn 2023 trade turnover between "
                        "Tajikistan and Uzbekistan grew by 12 percent. Exports reached $300 "
                        "million.\n", dt.date(2024, 3, 14))
    assert [(f.text_as_written, f.period) for f in figs] == [
        ("$500 million", None), ("12 percent", "2023"), ("$300 million", "2023")]


def test_a_negative_trade_balance_is_a_deficit():
    _, _, figures = read("Kyrgyzstan's trade balance was negative, at more than $2.7 billion.")
    assert [(f.value, f.measure, f.qualifier) for f in figures] == [
        (-2.7e9, "trade_balance", "over")]
    _, _, figures = read("The balance of trade remained negative and stood at $900 million.")
    assert [(f.value, f.measure) for f in figures] == [(-9e8, "trade_balance")]
    # a cost told as negative is still a positive amount
    _, _, figures = read("The impact was negative, costing the budget $5 million.")
    assert [f.value for f in figures] == [5e6]


def test_the_number_in_a_formats_name_is_no_figure():
    _, _, figures = read("The C5+1 Ministerial Meeting with representatives of the five states "
                         "was held in Astana. Exports grew by +5% in 2024.")
    assert [(f.value, f.unit) for f in figures] == [(5.0, "percent")]


def test_officials_attending_are_counted_as_people():
    _, _, figures = read("The meeting was attended by 12 deputy ministers and 30 journalists.")
    assert [(f.value, f.unit) for f in figures] == [(12.0, "persons"), (30.0, "persons")]


def test_a_figure_the_text_tells_twice_is_one_figure():
    """The headline's figure told again in the lead is one fact; the same value of another
    measure or period is another."""
    _, _, figs = read("Trade with Kazakhstan tops $640 million\n\nDUSHANBE, May 3 (Wire) - Trade "
                      "between Tajikistan and Kazakhstan topped $640 million in 2023, customs "
                      "said. Exports came to $640 million in 2022.", dt.date(2024, 5, 3))
    assert sorted((f.measure, f.period) for f in figs) == [("exports", "2022"),
                                                           ("trade_turnover", "2023")]
    _, _, figs = read("Россия передала Кыргызстану 18 единиц техники\n\nМинобороны России передало "
                      "армии Кыргызстана 18 единиц техники.", dt.date(2024, 5, 3))
    assert [(f.value, f.unit) for f in figs] == [(18, "units")]


@pytest.mark.parametrize("text, value, unit", [
    # the noun nearer the number counts: "единицы военной техники" is equipment, not soldiers
    ("Россия передала Таджикистану 42 единицы военной техники.", 42, "units"),
    ("В учениях задействовано 250 единиц военной техники и 1 500 военнослужащих.", 250, "units"),
    ("В учениях участвуют около 300 военных из трех стран.", 300, "persons"),
])
def test_the_noun_nearest_the_number_is_what_it_counts(text, value, unit):
    _, _, figs = read(text, dt.date(2024, 5, 3))
    assert (figs[0].value, figs[0].unit) == (value, unit)
