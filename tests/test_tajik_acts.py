"""Tajik acts as the agencies tell them (issue 23), on sentences written for the tests in the
style of Khovar and Sputnik Тоҷикистон: the perfect tense ("кардааст", "расидааст"), a session
"held" after a long chain of nouns, an agreement "reached" (not an arrival), joint exercises,
and a reporting phrase that announces nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from .test_events import events_of, read

PUB = dt.date(2024, 3, 6)


def acts(text: str) -> list[tuple]:
    rows = events_of(read(text, PUB))
    return sorted((e["event_type"], e["event_mode"], tuple(e["countries"]), e["is_planned"])
                  for e in rows["events"])


@pytest.mark.parametrize("text, expected", [
    # the perfect tense of the verbs of meeting and signing
    ("Вазири корҳои хориҷии Тоҷикистон бо сафири Ҷопон мулоқот кардааст.",
     [("CONSULT", "meeting", ("JPN", "TJK"), False)]),
    ("Раиси Ҳукумати Қазоқистон ба Душанбе ташриф овардааст.",
     [("CONSULT", "visit", ("KAZ", "TJK"), False)]),
    # a document "came to signature": signed, and in the past
    ("Зикр мегардад, ки дар охири вохӯрӣ ёддошти тафоҳум байни Тоҷикистон ва Қазоқистон ба "
     "имзо расидааст.",
     [("AGREE", "treaty", ("KAZ", "TJK"), False), ("CONSULT", "meeting", ("KAZ", "TJK"), False)]),
    ("Дар ҷамъбасти гуфтушунидҳо шартномаи ҳамкорӣ миёни Тоҷикистон ва Эрон ба имзо расид.",
     [("AGREE", "treaty", ("IRN", "TJK"), False), ("CONSULT", "meeting", ("IRN", "TJK"), False)]),
])
def test_the_perfect_tense_tells_an_act_done(text, expected):
    assert acts(text) == expected


@pytest.mark.parametrize("text", [
    "Тоҷикистон ва Қирғизистон оид ба масъалаҳои истифодаи об ба мувофиқа расиданд.",
    "Ҳайатҳои Тоҷикистон ва Узбекистон дар бораи нархи нерӯи барқ ба созиш омаданд.",
])
def test_reaching_agreement_is_an_agreement_not_an_arrival(text):
    """"ба мувофиқа расиданд" is built like "ба Душанбе расиданд" (arrived in Dushanbe)."""
    assert [a[:2] for a in acts(text)] == [("AGREE", "agreement")]


@pytest.mark.parametrize("text", [
    "Дар шаҳри Хуҷанд ҷаласаи навбатии комиссияи байниҳукуматии Тоҷикистону Узбекистон оид ба "
    "ҳамкориҳои тиҷоративу иқтисодӣ, илмию техникӣ ва фарҳангӣ баргузор гардид.",
    "Дирӯз дар Бишкек нишасти муштараки ҳайатҳои ҳукуматии Қирғизистон ва Тоҷикистон оид ба "
    "масъалаҳои марзу сарҳад баргузор гардидааст.",
])
def test_a_session_held_after_a_long_chain_of_nouns(text):
    """Tajik strings nouns with the izofat ("ҷаласаи навбатии комиссияи байниҳукуматии ..."):
    the session and its "held" may lie far apart."""
    (act,) = acts(text)
    assert act[0] == "CONSULT" and len(act[2]) == 2 and not act[3]


@pytest.mark.parametrize("text, states", [
    ("Машқҳои низомии муштараки нирӯҳои Тоҷикистону Узбекистон дар вилояти Суғд оғоз шуд.",
     ("TJK", "UZB")),
    ("Тамринҳои муштараки артиши Тоҷикистон ва Қирғизистон дар Хатлон гузаронида шуданд.",
     ("KGZ", "TJK")),
])
def test_joint_exercises_are_military_cooperation(text, states):
    assert acts(text) == [("COOPERATE", "military_exercise", states, False)]


def test_a_reporting_phrase_announces_nothing():
    """"Гуфта мешавад" (it is said), "зикр мегардад" (it is noted) are in the present-future
    tense, but what they report has happened; "баргузор мегардад" (will be held) announces."""
    said = acts("Гуфта мешавад, ки президентҳои Тоҷикистон ва Эрон дар Теҳрон мулоқот карданд.")
    assert [a[3] for a in said] == [False]
    coming = acts("Ҷаласаи навбатии комиссияи Тоҷикистон ва Қазоқистон моҳи оянда дар Остона "
                  "баргузор мегардад.")
    assert [a[3] for a in coming] == [True]


@pytest.mark.parametrize("text, expected", [
    # "a telephone conversation took place": the call, told by its noun and "доир гардид"
    ("Дирӯз байни Президенти Тоҷикистон ва Президенти Туркманистон суҳбати телефонӣ доир "
     "гардид.", [("CONSULT", "phone", ("TJK", "TKM"), False)]),
    ("Миёни вазирони корҳои хориҷии Тоҷикистон ва Эрон гуфтугӯи телефонӣ сурат гирифт.",
     [("CONSULT", "phone", ("IRN", "TJK"), False)]),
    # the verb of travelling; a plan told by "қарор аст" and the subjunctive
    ("Қарор аст моҳи оянда Президенти Қазоқистон ба Тоҷикистон сафар кунад.",
     [("CONSULT", "visit", ("KAZ", "TJK"), True)]),
    ("Сарвазири Покистон ҳафтаи гузашта ба Тоҷикистон сафар кард.",
     [("CONSULT", "visit", ("PAK", "TJK"), False)]),
])
def test_calls_and_trips_told_by_their_verbs(text, expected):
    assert acts(text) == expected


@pytest.mark.parametrize("text, expected", [
    # an act told as planned by its noun and "is scheduled" / "is foreseen"
    ("Пас аз суханронӣ мулоқоти Президенти Тоҷикистон бо Сарвазири Ҳиндустон ба нақша гирифта "
     "шудааст.", [("CONSULT", "meeting", ("IND", "TJK"), True)]),
    ("Сафари Президенти Ӯзбекистон ба Тоҷикистон моҳи оянда пешбинӣ шудааст.",
     [("CONSULT", "visit", ("TJK", "UZB"), True)]),
])
def test_an_act_told_as_scheduled_by_its_noun(text, expected):
    assert acts(text) == expected
