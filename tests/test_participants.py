"""Participants (issue 24): a state takes part under its English name however the text names
it (an adjective, an inflected form, its capital); a person with an office the dictionary
does not hold is a person actor of the state named beside the office. On sentences written
for the tests in the style of the wires, TASS and Khovar."""

from __future__ import annotations

import datetime as dt

import pytest

from .test_events import events_of, read

PUB = dt.date(2024, 5, 20)


@pytest.mark.parametrize("text, states", [
    ("Tajik and Afghan officials met in Termez on Monday.", {"Afghanistan", "Tajikistan"}),
    ("Таджикские и узбекские пограничники провели встречу в Худжанде.",
     {"Tajikistan", "Uzbekistan"}),
    ("Делегации Таджикистана и Казахстана провели переговоры в Астане.",
     {"Kazakhstan", "Tajikistan"}),
    ("Ҳайатҳои Тоҷикистон ва Қирғизистон дар шаҳри Бишкек мулоқот карданд.",
     {"Kyrgyzstan", "Tajikistan"}),
])
def test_a_state_takes_part_under_its_english_name(text, states):
    rows = events_of(read(text, PUB))
    named = {p["name"] for p in rows["participants"] if p["actor_id"].startswith("state:")}
    assert named == states


@pytest.mark.parametrize("text, name, country", [
    ("The Ambassador of Japan to Tajikistan Hiroshi Tanaka met Foreign Minister Sirojiddin "
     "Muhriddin in Dushanbe.", "Hiroshi Tanaka", "JPN"),
    ("Hungarian Foreign Minister Péter Kovács arrived in Dushanbe on Monday.", "Péter Kovács",
     "HUN"),
    # an office of a body, where it serves, names with particles; no word of the office in
    # the name
    ("The documents were signed by the head of the Japan International Cooperation Agency "
     "(JICA) Akihiko Tanaka and Finance Minister of Tajikistan Faiziddin Qahhorzoda.",
     "Akihiko Tanaka", None),
    ("The Minister of State for Foreign Affairs of Qatar Sultan bin Saad al-Muraikhi met "
     "Tajikistan's Ambassador to Qatar Khisrav Sohibzoda.", "Sultan bin Saad al-Muraikhi",
     "QAT"),
    ("A loan agreement was signed by the Finance Minister of Tajikistan and the EBRD Permanent "
     "Representative in Tajikistan Anna Schmidt.", "Anna Schmidt", None),
    # letters beyond ASCII, and hyphens inside a name's words
    ("Serbian President Aleksandar Vučić held talks with Tajik President Emomali Rahmon in "
     "Dushanbe.", "Aleksandar Vučić", "SRB"),
    ("The Chief Executive of the Saudi Fund for Development Sultan Abdulrahman Al-Marshad met "
     "the Finance Minister of Tajikistan in Riyadh on Monday.", "Abdulrahman Al-Marshad", None),
    ("South Korean Prime Minister Lee Nak-yeon met Tajik President Emomali Rahmon in "
     "Dushanbe.", "Lee Nak-yeon", "KOR"),
    # named where the office serves, in Russian and Tajik; the English name in Latin letters
    ("Посол Японии в Таджикистане Хироси Танака встретился с министром иностранных дел "
     "Таджикистана Сироджиддином Мухриддином.", "Khirosi Tanaka", "JPN"),
    ("Сафири Ҷопон дар Тоҷикистон Хироси Танака бо Вазири корҳои хориҷии Тоҷикистон "
     "Сироҷиддин Муҳриддин мулоқот кард.", "Khirosi Tanaka", "JPN"),
])
def test_a_titled_person_missing_from_the_dictionary_is_a_person_actor(text, name, country):
    rows = events_of(read(text, PUB))
    people = [a for a in rows["actors"] if a["kind"] == "person"
              and a["canonical_name"] == name]
    assert [a["country"] for a in people] == [country]


@pytest.mark.parametrize("written, nominative", [
    ("Ивану Петрову", "Иван Петров"),
    ("Сергеем Кузнецовым", "Сергей Кузнецов"),
    # a surname the dictionary does not know decides nothing: the name is kept as written
    # (a guess would take "Кахорзода" for the genitive of "Кахорзод")
    ("Хироси Танакой", "Хироси Танакой"),
    ("Фаиздин Кахорзода", "Фаиздин Кахорзода"),
    # a Tajik name does not decline as a Russian one
    ("Музаффар Ҳусейнзода", "Музаффар Ҳусейнзода"),
    ("Nursultan Nazarbayev", "Nursultan Nazarbayev"),
])
def test_a_russian_name_in_another_case_is_named_in_the_nominative(written, nominative):
    from flows.extract.morphology import nominative_name

    assert nominative_name(written) == nominative
