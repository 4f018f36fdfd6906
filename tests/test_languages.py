"""Telling languages apart, and what a document in a language without rules yields (issue 10):
nothing, and it says so, rather than a reading with English rules."""

import datetime as dt

from flows.extract.language import detect_language

from .test_events import events_of, read


def test_cyrillic_languages_by_their_own_letters():
    assert detect_language("Президент Таджикистана Эмомали Рахмон встретился с президентом "
                           "Казахстана Касым-Жомартом Токаевым в Астане.") == "ru"
    assert detect_language("Президенти Ҷумҳурии Тоҷикистон Эмомалӣ Раҳмон бо Президенти "
                           "Ҷумҳурии Қазоқистон мулоқот кард.") == "tg"
    assert detect_language("Қазақстан Президенті Қасым-Жомарт Тоқаев Тәжікстан Президентімен "
                           "кездесті.") == "kk"


def test_latin_languages_by_their_words():
    assert detect_language("Tajik President Emomali Rahmon met with the Kazakh President in "
                           "Astana on Monday, and the two leaders discussed trade.") == "en"
    french = ("Le président tadjik Emomali Rahmon a été reçu mardi à l'Élysée par le président "
              "français, qui a salué le rôle du Tadjikistan dans la stabilité de la région et "
              "annoncé une coopération renforcée dans le domaine de l'énergie.")
    assert detect_language(french) == "fr"


def test_a_text_in_a_language_without_rules_is_marked_and_yields_nothing():
    doc, mentions, figures = read(
        "Le président tadjik Emomali Rahmon a rencontré lundi à Paris le président français "
        "Emmanuel Macron. Les deux dirigeants ont signé trois accords d'une valeur de 50 "
        "millions de dollars.", dt.date(2021, 10, 13))
    assert (doc.language, doc.language_supported) == ("fr", False)
    assert (mentions, figures) == ([], [])
    assert events_of((doc, mentions, figures))["events"] == []


def test_every_unit_a_language_file_can_give_is_one_the_schema_allows():
    """A unit outside the `figures.unit` enum fails validation and stops a whole build: each
    language file's currencies and units must be declared in schemas/."""
    from flows.extract.language import load_language
    from schemas.fields import FIGURE_UNITS

    for code in ("en", "ru", "tg"):
        lang = load_language(code)
        given = {*lang["currency_prefixes"].values(), *lang["currency_suffixes"].values(),
                 *lang["physical_units"].values(), *(u for u, _ in lang["scaled_units"].values())}
        assert given <= set(FIGURE_UNITS), (code, sorted(given - set(FIGURE_UNITS)))


def test_a_pattern_runs_only_on_sentences_holding_one_of_its_leading_words():
    """Anchor words (issue 26): a sentence holding none of a trigger's leading words skips it.
    The word forms a `{word}` expands to anchor it too, unless they are one alternative of
    several."""
    from flows.extract.language import anchor_words

    assert anchor_words(r"\b(met|meets) with") == {"met", "meets"}
    assert anchor_words(r"\b((?:встреча|встречи|встречу)\s+с)") == {"встреча", "встречи", "встречу"}
    assert anchor_words(r"\b(?:мулоқот|мулоқоти)\b") == {"мулоқот", "мулоқоти"}
    assert anchor_words(r"\bқабул (кард|намуд)\b") == {"қабул"}
    # several alternatives: the leading words of each
    assert anchor_words(r"\b((?:встреча|встречи)\s+с|переговоры)") == {
        "встреча", "встречи", "переговоры"}
    assert anchor_words(r"\b((?:сафар|сафари)|(?:боздид|боздиди))\b") == {
        "сафар", "сафари", "боздид", "боздиди"}
    # no anchor where a match need not hold the word whole
    assert anchor_words(r"\b((?:a|b)?\s+c)") is None  # an optional group
    assert anchor_words(r"\b(command[- ]staff|joint) x") is None  # "command-staff" is a token
    assert anchor_words(r"\bташриф\w*") is None
    assert anchor_words(r"(?i)\bmet\b") is None
