"""Russian and Tajik read natively (issue 10), on sentences written in the style of TASS,
Sputnik, Asia-Plus and Khovar: one test a rule, and sentences the rules must leave alone."""

import datetime as dt

from flows.consolidate.across import merge_across_documents
from flows.consolidate.event import Event
from flows.consolidate.within import events_of_document
from flows.extract.dates import find_dates
from flows.extract.language import load_language
from flows.extract.morphology import name_forms
from flows.records import Mention, Participant

from .test_events import events_of, read

RU = load_language("ru")


def ids(rows, kind="person"):
    return {p["actor_id"] for p in rows["participants"] if p["actor_id"].startswith(kind)}


def test_states_and_people_are_found_in_every_case():
    """"Таджикистана", "Токаевым": names are matched through their inflected forms, and
    resolve to the same actors as their English spellings."""
    rows = events_of(read("АСТАНА, 10 мая 2023 — Президент Таджикистана Эмомали Рахмон "
                          "встретился с Президентом Казахстана Касым-Жомартом Токаевым.",
                          dt.date(2023, 5, 10)))
    (e,) = rows["events"]
    assert (e["event_type"], e["event_mode"], e["countries"]) == ("CONSULT", "meeting",
                                                                   ["KAZ", "TJK"])
    assert e["date_start"] == dt.date(2023, 5, 10)
    assert {"person:emomali-rahmon", "person:kassym-jomart-tokayev"} <= ids(rows)


def test_an_arrival_with_a_visit_makes_the_host_a_party():
    rows = events_of(read("Премьер-министр Пакистана Шахбаз Шариф прибыл в Душанбе с "
                          "официальным визитом.", dt.date(2024, 7, 2)))
    assert [(e["event_mode"], e["countries"], e["location"]) for e in rows["events"]] == [
        ("visit", ["PAK", "TJK"], "Dushanbe")]


def test_a_phone_call_and_a_signing():
    rows = events_of(read(
        "Президент Таджикистана Эмомали Рахмон провел телефонный разговор с Президентом России "
        "Владимиром Путиным. По итогам переговоров в Москве 12 марта 2024 года стороны "
        "подписали 12 документов.", dt.date(2024, 3, 12)))
    kinds = sorted((e["event_type"], e["event_mode"]) for e in rows["events"])
    assert ("CONSULT", "phone") in kinds and ("AGREE", "treaty") in kinds
    _, _, figures = read("Стороны подписали 12 документов.", dt.date(2024, 3, 12))
    assert [(f.value, f.measure) for f in figures] == [(12, "documents_signed")]


def test_numbers_as_russian_writes_them():
    cases = {
        "Товарооборот составил 1,5 млрд долларов США.": (1.5e9, "USD", "trade_turnover"),
        "Экспорт достиг 670 млн долл.": (6.7e8, "USD", "exports"),
        "Бюджет составил 12 058,5 тыс. сомони.": (12_058_500, "TJS", "budget"),
        "Объем взаимной торговли вырос в 2,5 раза.": (2.5, "times", "trade_turnover"),
        "Импорт сократился на 9,2%.": (-9.2, "percent", "imports"),
    }
    for text, want in cases.items():
        _, _, (f,) = read(text, dt.date(2023, 12, 1))
        assert (round(f.value, 3), f.unit, f.measure) == want, text


def test_dates_as_russian_writes_them():
    (d,) = find_dates("25 августа 2023 года", RU)
    assert (d.date_start, d.precision) == (dt.date(2023, 8, 25), "day")
    (d,) = find_dates("в январе 2024 года", RU)
    assert (d.date_start, d.date_end) == (dt.date(2024, 1, 1), dt.date(2024, 1, 31))
    (d,) = find_dates("в первом полугодии 2024 года", RU)
    assert d.period == "2024-H1"
    (d,) = find_dates("вчера", RU, dt.date(2024, 1, 3))
    assert d.date_start == dt.date(2024, 1, 2)
    doc, _, _ = read("ДУШАНБЕ, 3 января 2024 — Sputnik. Министры обсудили вопросы торговли.")
    assert doc.published_date == dt.date(2024, 1, 3)


def test_an_announced_visit_is_planned_and_looks_forward():
    rows = events_of(read("Президент Узбекистана Шавкат Мирзиёев посетит Таджикистан с "
                          "государственным визитом 18 апреля.", dt.date(2025, 4, 10)))
    (e,) = rows["events"]
    assert e["is_planned"] and e["date_start"] == dt.date(2025, 4, 18)
    assert e["countries"] == ["TJK", "UZB"]


def test_sentences_the_rules_leave_alone():
    """Ties described, not acts: "general descriptions of relations" are not events."""
    for text in ("Таджикистан и Казахстан являются добрыми соседями и стратегическими "
                 "партнерами.", "Статья была прочитана 137 раз."):
        doc, mentions, figures = read(text, dt.date(2024, 1, 1))
        assert (doc.language, mentions, figures) == ("ru", [], []), text


def test_tajik_meeting_with_tajik_spellings():
    rows = events_of(read("Душанбе, 22 сентябр 2008. Президенти Ҷумҳурии Тоҷикистон Эмомалӣ "
                          "Раҳмон бо Президенти Ҷумҳурии Ӯзбекистон Шавкат Мирзиёев мулоқот "
                          "кард."))
    (e,) = rows["events"]
    assert (e["event_mode"], e["countries"]) == ("meeting", ["TJK", "UZB"])
    assert e["date_start"] == dt.date(2008, 9, 22)
    assert "person:emomali-rahmon" in ids(rows)


def test_tajik_monday_is_not_the_capital_and_the_capital_is_not_monday():
    rows = events_of(read("Вазири корҳои хориҷии Тоҷикистон бо сафари расмӣ ба Душанбе "
                          "омад.", dt.date(2024, 5, 15)))
    assert all(e["date_start"] != dt.date(2024, 5, 13) for e in rows["events"])


def test_a_russian_and_an_english_report_of_one_meeting_are_one_event():
    """"One row per real-world event" across documents and languages."""
    en = read("Tajik President Emomali Rahmon met Kazakh President Kassym-Jomart Tokayev in "
              "Astana on 10 May 2023.", dt.date(2023, 5, 10), name="en.txt")
    ru = read("Президент Таджикистана Эмомали Рахмон встретился с Президентом Казахстана "
              "Касым-Жомартом Токаевым в Астане 10 мая 2023 года.", dt.date(2023, 5, 11),
              name="ru.txt")
    rows = events_of(en, ru)
    meetings = [e for e in rows["events"] if e["event_mode"] == "meeting"]
    assert [(e["sources"], e["countries"]) for e in meetings] == [(2, ["KAZ", "TJK"])]


def test_arriving_to_take_part_in_a_summit_is_a_visit_and_the_summit():
    rows = events_of(read("Премьер-министр Пакистана Шахбаз Шариф прибыл в Астану, чтобы "
                          "принять участие в саммите Шанхайской организации сотрудничества.",
                          dt.date(2024, 7, 3)))
    assert sorted((e["event_mode"], tuple(e["countries"])) for e in rows["events"]) == [
        ("multilateral", ("KAZ", "PAK")), ("visit", ("KAZ", "PAK"))]


def test_a_visit_that_ended_is_a_visit_and_what_follows_takes_its_states():
    """"Завершился рабочий визит": the visit is reported (a light verb before the noun), and
    "Также Алиев встретился с премьер-министром" is a meeting of the same two states."""
    rows = events_of(read("Завершился рабочий визит президента Азербайджана Ильхама Алиева в "
                          "Таджикистан. Также Ильхам Алиев встретился с премьер-министром "
                          "страны.", dt.date(2025, 3, 6)))
    assert sorted((e["event_mode"], tuple(e["countries"])) for e in rows["events"]) == [
        ("meeting", ("AZE", "TJK")), ("visit", ("AZE", "TJK"))]


def test_tajik_preparing_a_visit_announces_it():
    """Planned: "announced or scheduled events". Ministers who discussed "омодагӣ ба сафари
    давлатӣ" (preparations for the state visit) announce that visit."""
    rows = events_of(read("Вазирони корҳои хориҷии Тоҷикистон ва Ӯзбекистон мулоқот карданд. "
                          "Масъалаҳо вобаста ба омодагӣ ба сафари давлатии Президенти Ҷумҳурии "
                          "Ӯзбекистон ба Ҷумҳурии Тоҷикистон баррасӣ шуданд.",
                          dt.date(2022, 4, 14)))
    assert sorted((e["event_mode"], e["is_planned"]) for e in rows["events"]) == [
        ("meeting", False), ("visit", True)]


def test_a_meeting_on_the_sidelines_is_of_its_two_states():
    """Codebook: "bilateral meetings on the sidelines of a summit are one meeting each": the
    summit's states, named in the sidelines phrase, are not the meeting's."""
    tg = events_of(read("Эмомалӣ Раҳмон дар ҳошияи мулоқоти машваратии сарони давлатҳои Осиёи "
                        "Марказӣ бо Шавкат Мирзиёев вохӯрӣ кард.", dt.date(2019, 11, 29)))
    ru = events_of(read("На полях саммита глав государств Центральной Азии Эмомали Рахмон "
                        "встретился с Шавкатом Мирзиёевым.", dt.date(2019, 11, 29)))
    en = events_of(read("On the sidelines of the summit of Central Asian heads of state, "
                        "Emomali Rahmon met with Shavkat Mirziyoyev.", dt.date(2019, 11, 29)))
    for rows in (tg, ru, en):  # the summit is an event too, of its own states
        assert [e["countries"] for e in rows["events"] if e["event_mode"] == "meeting"] == [
            ["TJK", "UZB"]]


def test_a_verb_in_the_future_tense_announces():
    """Codebook: "forwards for what is announced". Russian tells what is to come by the
    verb's form ("посетит", "совершит", "обсудят"), with no cue word beside it."""
    rows = events_of(read("Глава МИД Кыргызстана совершит трехдневный рабочий визит в "
                          "Таджикистан.", dt.date(2023, 9, 12)))
    assert [(e["event_mode"], e["is_planned"]) for e in rows["events"]] == [("visit", True)]
    rows = events_of(read("Глава МИД Кыргызстана совершил трехдневный рабочий визит в "
                          "Таджикистан.", dt.date(2023, 9, 12)))
    assert [(e["event_mode"], e["is_planned"]) for e in rows["events"]] == [("visit", False)]


def test_what_the_wire_recalls_is_background():
    """"Напомним, ...": history told in passing, no event; nor does its date go to the visit
    the story announces."""
    rows = events_of(read(
        "Президент Узбекистана Шавкат Мирзиёев посетит Таджикистан. Напомним, в ходе "
        "прошлой поездки лидера Таджикистана в Ташкент 17 августа 2018 года стороны "
        "подписали 27 соглашений."))
    assert [(e["event_mode"], e["is_planned"], e["date_start"]) for e in rows["events"]] == [
        ("visit", True, None)]


def test_an_undated_report_joins_the_talks_held_in_the_office_it_titles():
    """The same two presidents' names meet in two dated talks; an undated report that calls
    Gurbanguly Berdimuhamedov president joins the talks of his presidency, not those of 2024
    when he chaired the Halk Maslahaty, and his role is the office the text gives him."""
    talks_2021 = read("ДУШАНБЕ, 4 августа 2021 — Эмомали Рахмон и Гурбангулы Бердымухамедов, "
                      "президенты Таджикистана и Туркменистана, провели сегодня переговоры.",
                      dt.date(2021, 8, 4), name="a.txt")
    talks_2024 = read("DUSHANBE, April 4, 2024 - Chairman of the Halk Maslahaty of Turkmenistan "
                      "Gurbanguly Berdimuhamedov held talks with President Emomali Rahmon.",
                      dt.date(2024, 4, 4), name="b.txt")
    undated = read("Переговоры президента Таджикистана Эмомали Рахмона и президента "
                   "Гурбангулы Бердымухамедова прошли в Душанбе.", name="c.txt")
    rows = events_of(talks_2021, talks_2024, undated)
    talks = [e for e in rows["events"] if e["event_mode"] == "meeting"]
    assert sorted((e["date_start"], e["sources"]) for e in talks) == [
        (dt.date(2021, 8, 4), 2), (dt.date(2024, 4, 4), 1)]
    roles = {p["role"] for p in rows["participants"]
             if p["actor_id"] == "person:gurbanguly-berdimuhamedov"}
    assert roles == {"President of Turkmenistan", "Chairman of the Halk Maslahaty of Turkmenistan"}


def test_a_title_tells_namesakes_apart():
    """Two Berdimuhamedovs: the president of an undated text is the president today, the
    chairman of the Halk Maslahaty is his father, whatever the language."""
    def berdimuhamedov(text):
        rows = events_of(read(text))
        return {(p["actor_id"], p["role"]) for p in rows["participants"]
                if "berdimuhamedov" in p["actor_id"]}
    assert berdimuhamedov("Tajik President Emomali Rahmon held talks with Turkmen President "
                          "Berdimuhamedov in Dushanbe.") == {
        ("person:serdar-berdimuhamedov", "President of Turkmenistan")}
    assert berdimuhamedov("Tajik President Emomali Rahmon held talks with Chairman of the Halk "
                          "Maslahaty of Turkmenistan Berdimuhamedov in Dushanbe.") == {
        ("person:gurbanguly-berdimuhamedov", "Chairman of the Halk Maslahaty of Turkmenistan")}
    assert berdimuhamedov("В Душанбе состоялись переговоры Эмомали Рахмона с Председателем "
                          "Халк Маслахаты Туркменистана Бердымухамедовым.") == {
        ("person:gurbanguly-berdimuhamedov", "Chairman of the Halk Maslahaty of Turkmenistan")}


def test_a_foreign_given_name_the_dictionary_only_guesses_stays_as_it_is():
    """"Гурбангулы" is no plural noun: the given name stays, the surname declines."""
    forms = name_forms("Гурбангулы Бердымухамедов")
    assert "Гурбангулы Бердымухамедовым" in forms
    assert not any(f.startswith("Гурбангулами") for f in forms)
    assert "Объединёнными Арабскими Эмиратами" in name_forms("Объединённые Арабские Эмираты")


def test_titles_that_do_not_fit_a_reports_own_date_bound_nothing():
    """Two reports of talks on 4 May 2017 that call the Kazakh minister by the office he took
    in 2023: the title cannot date the act, and no longer keeps the two reports apart."""
    def report(doc_id: str) -> Event:
        minister = Participant("person:murat-nurtleu", "Murat Nurtleu", "person", "KAZ",
                               "Deputy Prime Minister", term=(dt.date(2023, 1, 4), None))
        (event,) = events_of_document([Mention(
            doc_id, 0, 0, 80, "On 4 May 2017 Deputy Prime Minister Murat Nurtleu held talks "
            "in Dushanbe.", "held talks", "CONSULT", "meeting", ["KAZ", "TJK"],
            date_start=dt.date(2017, 5, 4), date_end=dt.date(2017, 5, 4), date_precision="day",
            participants=[minister])])
        return event
    merged = merge_across_documents([report("doc_a"), report("doc_b")], {})
    assert [sorted(e.docs) for e in merged] == [["doc_a", "doc_b"]]


def test_the_same_act_kept_apart_in_one_document_is_one_event():
    """A document that tells the ministers' talks of 4 May 2017 twice, read as two acts
    (the second "also held talks"), still gives one event: same type, states, day and people."""
    def told(sentence: int) -> Event:
        people = [Participant("person:murat-nurtleu", "Murat Nurtleu", "person", "KAZ"),
                  Participant("person:sirojiddin-muhriddin", "Sirojiddin Muhriddin", "person",
                              "TJK")]
        (event,) = events_of_document([Mention(
            "doc_a", sentence, sentence * 100, sentence * 100 + 80, "Nurtleu and Muhriddin held "
            "talks on 4 May 2017.", "held talks", "CONSULT", "meeting", ["KAZ", "TJK"],
            date_start=dt.date(2017, 5, 4), date_end=dt.date(2017, 5, 4), date_precision="day",
            participants=people)])
        return event
    (event,) = merge_across_documents([told(0), told(3)], {})
    assert len(event.mentions) == 2
    other_day = told(5)
    other_day.date_start = other_day.date_end = dt.date(2017, 5, 9)
    assert len(merge_across_documents([told(0), other_day], {})) == 2


def test_talks_a_story_opens_with_stay_the_act_when_later_told_as_an_occasion():
    # "during the meeting, he said": the same talks pointed back to, not told anew
    rows = events_of(read(
        "В Астане проходит встреча президентов Таджикистана и Казахстана – Эмомали Рахмона и "
        "Касым-Жомарта Токаева.\n\nВо время встречи Токаев отметил, что две страны связывают "
        "давние дружеские отношения.", dt.date(2025, 6, 2)))
    kinds = sorted((e["event_mode"], tuple(e["countries"])) for e in rows["events"])
    assert kinds == [("meeting", ("KAZ", "TJK")), ("visit", ("KAZ", "TJK"))]
    meeting = next(e for e in rows["events"] if e["event_mode"] == "meeting")
    assert meeting["location_country"] == "KAZ"


def test_talks_told_later_as_a_phone_call_are_that_call():
    rows = events_of(read(
        "Presidents of Tajikistan, Kazakhstan discuss cooperation\n\nDUSHANBE, June 2 - "
        "President of Tajikistan Emomali Rahmon and President of Kazakhstan Kassym-Jomart "
        "Tokayev discussed trade and transport during a phone conversation.", dt.date(2025, 6, 2)))
    assert [e["event_mode"] for e in rows["events"]] == ["phone"]


def test_a_tajik_headline_announces_a_coming_visit():
    rows = events_of(read(
        "Вазири корҳои хориҷии Қазоқистон ба Тоҷикистон меояд\n\nДушанбе, 2 июн. (АМИТ «Ховар»). "
        "Вазири корҳои хориҷии Қазоқистон Мурат Нуртлеу 5 июн ба Душанбе ташриф меорад.",
        dt.date(2025, 6, 2)))
    visits = [e for e in rows["events"] if e["event_mode"] == "visit"]
    assert len(visits) == 1 and visits[0]["is_planned"]
    assert sorted(visits[0]["countries"]) == ["KAZ", "TJK"]
    # "ба шумор меравад" (is counted as) is no trip
    assert events_of(read("Донишгоҳи Урал яке аз беҳтарин донишгоҳҳои Русия ба шумор меравад.",
                          dt.date(2025, 6, 2)))["events"] == []


def test_a_number_before_a_word_no_count_noun_list_holds_is_no_figure():
    # Russian and Tajik list their count nouns and no noun shapes: that must not let any word
    # count ("13 июл" is a dateline's day, "63-юми" an ordinal)
    for text in ("ДУШАНБЕ, 13 июл — Sputnik.",
                 "Президент дар иҷлосияи 63 –юми Маҷмаи кулли СММ нутқ хоҳад кард."):
        _, _, figures = read(text)
        assert figures == [], text
    _, _, figures = read("Стороны подписали 12 соглашений.", dt.date(2024, 3, 12))
    assert [(f.value, f.unit) for f in figures] == [(12, "units")]


def test_an_organisation_is_found_with_its_words_capitalised():
    # "Европейского Союза" as titles write it, not only "Европейского союза"
    rows = events_of(read("Премьер-министр Таджикистана Кохир Расулзода встретился с делегацией "
                          "Европейского Союза.", dt.date(2019, 5, 17)))
    assert [(e["event_mode"], e["countries"]) for e in rows["events"]] == [("meeting", ["TJK"])]
    assert any(p["actor_id"] == "org:EU" for p in rows["participants"])


def test_the_scope_of_an_envoys_title_is_no_party_in_tajik():
    rows = events_of(read(
        "Имрӯз вазири корҳои хориҷии Ҷумҳурии Тоҷикистон Сироҷиддин Муҳриддин бо намояндаи махсуси "
        "Иттиҳоди Аврупо дар кишварҳои Осиёи Марказӣ мулоқот кард.", dt.date(2025, 5, 11)))
    assert [(e["event_mode"], e["countries"]) for e in rows["events"]] == [("meeting", ["TJK"])]


def test_a_tajik_meeting_held_while_attending_a_gathering_is_between_its_own_two():
    rows = events_of(read(
        "Вазири корҳои хориҷии Ҷумҳурии Тоҷикистон Сироҷиддин Муҳриддин зимни сафари корӣ ба "
        "шаҳри Тошканд ҷиҳати иштирок дар нишасти вазирони корҳои хориҷии кишварҳои Осиёи Марказӣ, "
        "бо вазири корҳои хориҷии Ҷумҳурии Қирғизистон Ҷээнбек Кулубаев мулоқот анҷом дод.",
        dt.date(2025, 8, 9)))
    assert sorted((e["event_mode"], tuple(e["countries"])) for e in rows["events"]) == [
        ("meeting", ("KGZ", "TJK")), ("multilateral", ("KAZ", "KGZ", "TJK", "TKM", "UZB")),
        ("visit", ("TJK", "UZB"))]


def test_a_total_over_years_is_a_figure_but_no_event():
    for text in ("За годы сотрудничества Азиатский банк развития предоставил Кыргызстану около "
                 "$2 миллиардов.",
                 "Over the years, Germany has given Kyrgyzstan some 300 million euros in aid."):
        doc, mentions, figures = read(text, dt.date(2024, 3, 12))
        assert events_of((doc, mentions, figures))["events"] == [], text
        assert len(figures) == 1, text


def test_the_codebooks_date_header_gives_the_publication_date_in_every_language():
    for text in ("date 2025-10-12 Путин и Рахмон провели переговоры в Душанбе\n\nПрезидент России "
                 "Владимир Путин встретился с президентом Таджикистана Эмомали Рахмоном.",
                 "date 2025-10-12 Раҳмон ва Путин мулоқот карданд\n\nПрезиденти Ҷумҳурии Тоҷикистон "
                 "Эмомалӣ Раҳмон бо Президенти Русия Владимир Путин мулоқот кард."):
        doc, _, _ = read(text)
        assert doc.published_date == dt.date(2025, 10, 12), text



def test_an_exercise_named_by_its_kind_and_equipment_handed_over():
    """Codebook: joint exercises are military cooperation, arms deliveries aid; told by their
    nouns ("совместные учения") and by handing over ("передала ... технику")."""
    for text, kind in (
            ("В Хатлонской области начались совместные учения армий Таджикистана и Узбекистана.",
             ("COOPERATE", "military_exercise")),
            ("Командно-штабные учения военных Казахстана и Кыргызстана прошли под Ошем.",
             ("COOPERATE", "military_exercise")),
            ("Китай безвозмездно передал Таджикистану партию медицинского оборудования.",
             ("AID", "humanitarian")),
            ("Россия передала Кыргызстану 30 единиц бронетехники.", ("AID", "military"))):
        rows = events_of(read(text, dt.date(2024, 5, 14)))
        assert [(e["event_type"], e["event_mode"]) for e in rows["events"]] == [kind], text
