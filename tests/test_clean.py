import datetime as dt
import re

import pytest

from flows.clean import clean_document, normalise
from flows.extract.language import load_language
from flows.extract.sentences import split_sentences
from flows.records import Document


def doc(text: str) -> Document:
    return Document("doc_0000000000000000", "x.txt", "0" * 64, "utf-8", text, len(text))


def test_normalise_repairs_mojibake_and_whitespace():
    assert normalise("Tajikistanâ€™s\r\nforeign\t\tpolicy  ") == "Tajikistan’s\nforeign policy"


def test_headline_list_is_removed(seed_docs):
    text = seed_docs["000"].text
    assert "Sirojiddin Aslov took part" in text
    assert "Tajikistan, WB discuss cooperation in energy sector" not in text
    assert "Tajikistan, Italy discuss Action Plan" not in text
    assert seed_docs["000"].furniture_lines_removed == 12


def test_photo_credit_and_related_news_are_removed(seed_docs):
    d = seed_docs["001"]
    assert "photo: mfa.tj" not in d.text and "Related news" not in d.text
    assert d.title == "Tajik Leader Hosts Bilateral Talks on Trade, Security, and Culture"
    assert d.text.count("Tajik Leader Hosts Bilateral Talks") == 1
    assert d.paragraphs_repeated == 1
    assert d.chars_removed > 0


def test_dateline_gives_the_publication_date(seed_docs):
    d = seed_docs["003"]
    assert d.published_date == dt.date(2025, 8, 31)
    assert "gov.kz" not in d.text and d.text.startswith("During a working visit to Dushanbe")


def test_encyclopedia_navigation_and_references_are_removed(seed_docs):
    d = seed_docs["004"]
    assert d.genre == "reference"
    assert "This article is part of a series" not in d.text
    assert "Retrieved" not in d.text and "This article is issued from Wikipedia" not in d.text
    # the reference marks go, the sentences they ended keep their stop
    assert not re.search(r"\[\d+\]", d.text)
    assert "is the Foreign Minister of Tajikistan.\n" in d.text
    assert "In January 2007, with funding from the United States" in d.text


def test_news_keeps_its_body_and_drops_read_also():
    text = ("Uzbekistan and Tajikistan sign border deal\n\n"
            "Photo: president.uz\n\n"
            "DUSHANBE, March 10 - The presidents of Uzbekistan and Tajikistan signed an "
            "agreement on the state border on Thursday.\n\n"
            "Read also: Tajik exports rise by 10 percent\n\n"
            "The deal ends a dispute of three decades.")
    d = clean_document(doc(text))
    assert d.title == "Uzbekistan and Tajikistan sign border deal"
    assert d.genre == "news"
    assert "Photo:" not in d.text and "Read also" not in d.text
    assert "The deal ends a dispute of three decades." in d.text
    assert d.furniture_lines_removed == 2


@pytest.mark.parametrize("line, day", [
    ("date 2025-08-31 Images | gov.kz", dt.date(2025, 8, 31)),
    ("Published: 12.03.2024", dt.date(2024, 3, 12)),
    ("12:30, 12 March 2024", dt.date(2024, 3, 12)),
    ("Mon, 4 Mar 2024 09:15", dt.date(2024, 3, 4)),
    ("Updated on March 4, 2024", dt.date(2024, 3, 4)),
])
def test_header_datelines_give_the_publication_date(line, day):
    d = clean_document(doc(f"{line}\n\nTajikistan and Uzbekistan held talks in Dushanbe on "
                           "Monday on water and trade."))
    assert d.published_date == day and line not in d.text


def test_a_link_to_the_outlet_ending_a_paragraph_is_furniture():
    """Page furniture: "... on May 3. asiaplustj.info »" links to the outlet."""
    text = ("The energy minister spoke to journalists in Khujand on May 3. asiaplustj.info "
            "»\n\nTrade with China reached $1.2 billion, up 9.2%.")
    cleaned = clean_document(doc(text)).text
    assert "asiaplustj" not in cleaned and cleaned.startswith("The energy minister")
    assert "up 9.2%." in cleaned  # a sentence ending in a figure is left alone


def test_a_stop_run_into_the_next_sentence_still_ends_it():
    """"... the 2026 UN Water Conference.The Third Conference took place ...": two sentences;
    abbreviations, initials and decimals are left alone."""
    text = ("Delegates prepared the 2026 UN Water Conference.The Third Conference took place in "
            "Dushanbe. Mr. J. Smith of the U.S. attended. Trade grew 2.5 times.")
    assert [s.text for s in split_sentences(text, load_language("en"))] == [
        "Delegates prepared the 2026 UN Water Conference.", "The Third Conference took place in "
        "Dushanbe.", "Mr. J. Smith of the U.S. attended.", "Trade grew 2.5 times."]


HARD_WRAPPED = """DUSHANBE, March 4 (Wire) - Tajikistan
and Uzbekistan have discussed the joint use of water resources
in the Ferghana valley, the ministry said.
The matter was deliberated in Tashkent during a meeting between
the foreign ministers of the two countries, who also agreed
to meet again in the autumn.
"""


def test_a_hard_wrapped_text_is_joined_back_into_sentences():
    cleaned = clean_document(doc(HARD_WRAPPED))
    sentences = [s.text for s in split_sentences(cleaned.text, load_language("en"))]
    assert len(sentences) == 2 and sentences[0].endswith(
        "Tajikistan and Uzbekistan have discussed the joint use of water resources in the "
        "Ferghana valley, the ministry said.")
    assert cleaned.furniture_lines_removed == 0
    # short lines of a text that is not wrapped (a headline, a credit) stay lines
    text = "Tajik and Uzbek ministers meet\nPhoto: press service\n\nThe ministers met in Tashkent."
    kept = clean_document(doc(text))
    assert kept.title == "Tajik and Uzbek ministers meet"


def test_a_date_line_after_a_pages_breadcrumbs_gives_the_publication_date():
    text = ("Главная\n\\\nПолитика\n\\\nПереговоры президентов\nПолитика\n"
            "Переговоры между президентами Туркменистана и Таджикистана\nОпубликовано 10.05.2023\n\n"
            "Сегодня утром Президент Туркменистана отбыл с государственным визитом в Таджикистан.")
    cleaned = clean_document(doc(text))
    assert cleaned.published_date == dt.date(2023, 5, 10)
    assert "Опубликовано" not in cleaned.text
