import datetime as dt
from dataclasses import replace

from flows.clean import clean_document
from flows.consolidate import consolidate
from flows.consolidate.within import events_of_document
from flows.deduplicate import drop_repeated_paragraphs
from flows.extract import extract_document
from flows.ids import stable_id
from flows.records import Document, Mention


def read(text: str, published: dt.date | None = None, name: str = "t.txt"):
    raw = Document(stable_id("doc", name), name, "0" * 64, "utf-8", text, len(text),
                   published_date=published)
    doc = drop_repeated_paragraphs(clean_document(raw))
    return doc, *extract_document(doc)


def events_of(*docs_and_mentions):
    by_doc = {d.doc_id: ms for d, ms, _ in docs_and_mentions}
    return consolidate(by_doc, [d for d, _, _ in docs_and_mentions])


def one_event(text, published=None):
    rows = events_of(read(text, published))
    assert len(rows["events"]) == 1, rows["events"]
    return rows["events"][0], rows


# --- page furniture ---------------------------------------------------------------------------

FURNITURE_TEXT = """Kyrgyz and Tajik ministers meet in Bishkek
Photo: press service of the Kyrgyz MFA

BISHKEK, 4 March 2025 (Kabar) - Kyrgyz Foreign Minister Jeenbek Kulubaev met with Tajik \
Foreign Minister Sirojiddin Muhriddin in Bishkek on Tuesday.

Related news
Uzbekistan, Kazakhstan sign deal on $2 billion power line
Turkmenistan and Iran discuss gas swaps
China pledges $50 million to Kyrgyzstan
"""


def test_no_event_or_figure_from_page_furniture():
    """Codebook: headlines of other articles, photo credits and "Related news" blocks are
    not part of the text: nothing is read from them."""
    doc, mentions, figures = read(FURNITURE_TEXT)
    evidence = [m.evidence for m in mentions] + [f.evidence for f in figures]
    assert evidence and all("Kulubaev" in e or "ministers meet" in e for e in evidence)
    assert not figures
    assert "Photo:" not in doc.text and "gas swaps" not in doc.text


# --- news-wire texts ------------------------------------------------------------------------

def test_meeting_with_counterpart_outside_the_dictionary():
    e, rows = one_event(
        "DUSHANBE, March 3 (Asia-Plus) — Tajik Foreign Minister Sirojiddin Muhriddin held "
        "talks with his Belarusian counterpart Maxim Ryzhenkov on Monday.",
        published=dt.date(2025, 3, 5))
    assert e["event_type"] == "CONSULT" and e["countries"] == ["BLR", "TJK"]
    assert (e["date_start"], e["date_precision"]) == (dt.date(2025, 3, 3), "day")
    people = {p["actor_id"]: p for p in rows["participants"]}
    assert people["person:maxim-ryzhenkov"]["country"] == "BLR"
    assert people["person:maxim-ryzhenkov"]["role"] == "counterpart"


def test_phone_call_resolves_offices_on_the_date():
    e, rows = one_event("President Emomali Rahmon had a telephone conversation with Russian "
                        "President Vladimir Putin on 9 October 2010.")
    assert (e["event_type"], e["event_mode"]) == ("CONSULT", "phone")
    roles = {p["actor_id"]: p["role"] for p in rows["participants"]}
    assert roles["person:vladimir-putin"] == "Prime Minister of Russia"
    assert roles["person:emomali-rahmon"] == "President of Tajikistan"
    assert {a["actor_id"]: a["wikidata_id"] for a in rows["actors"]}["person:vladimir-putin"] == "Q7747"


def test_shared_surname_resolves_by_date():
    rows = events_of(read("President Berdimuhamedov met President Rahmon in Ashgabat on 12 May "
                          "2015."))
    ids = {p["actor_id"] for p in rows["participants"]}
    assert "person:gurbanguly-berdimuhamedov" in ids and "person:serdar-berdimuhamedov" not in ids


def test_ambassador_named_with_office():
    e, rows = one_event("Jane Doe, the US Ambassador to Tajikistan, met Foreign Minister "
                        "Sirojiddin Muhriddin in Dushanbe on 2 June 2024.")
    assert e["countries"] == ["TJK", "USA"] and e["location"] == "Dushanbe"
    assert {p["actor_id"]: p["country"] for p in rows["participants"]}["person:jane-doe"] == "USA"


def test_agreement_with_place_and_day():
    e, _ = one_event("Tajikistan and Uzbekistan signed an agreement on the state border in "
                     "Tashkent on 9 March 2023.")
    assert (e["event_type"], e["location"], e["location_country"]) == ("AGREE", "Tashkent", "UZB")
    assert e["date_start"] == dt.date(2023, 3, 9) and "territory" in e["topics"]


def test_planned_visit():
    e, _ = one_event("Kyrgyz President Sadyr Japarov will pay a state visit to Tajikistan next "
                     "month, the presidential press service said.")
    assert e["is_planned"] and e["event_mode"] == "visit" and e["countries"] == ["KGZ", "TJK"]


def test_aid_event_and_its_figure():
    d, ms, fs = read("Japan provided Tajikistan with humanitarian aid worth $2 million in 2023.")
    rows = events_of((d, ms, fs))
    (e,) = rows["events"]
    assert e["event_type"] == "AID" and e["date_precision"] == "year"
    (f,) = fs
    assert (f.value, f.measure, f.period) == (2e6, "aid", "2023")


def test_the_two_leaders_point_back_to_the_last_event():
    rows = events_of(read(
        "Tajik President Emomali Rahmon received Iranian President Masoud Pezeshkian in "
        "Dushanbe on 15 January 2025.\n\nThe two leaders discussed water and energy projects. "
        "Following the talks, they adopted a joint statement."))
    by_mode = {e["event_mode"]: e for e in rows["events"]}
    # a signed outcome is an event of its own, and so is the visit the meeting in Dushanbe tells
    assert set(by_mode) == {"meeting", "declaration", "visit"}
    assert by_mode["meeting"]["mentions"] == 3 and by_mode["meeting"]["location"] == "Dushanbe"
    assert by_mode["declaration"]["countries"] == ["IRN", "TJK"]
    assert by_mode["declaration"]["date_start"] == dt.date(2025, 1, 15)


def test_general_statements_in_reference_texts_are_not_events():
    rows = events_of(read(
        "Foreign relations of Iran\n\nIran and Tajikistan have signed agreements on culture.[3]"
        " In 2009 Iran and Tajikistan signed an agreement on visas.[4]"))
    assert [(e["event_type"], e["date_start"]) for e in rows["events"]] == [
        ("AGREE", dt.date(2009, 1, 1))]


def test_a_state_named_as_topic_is_not_a_party():
    e, _ = one_event("Chinese Foreign Minister Wang Yi held talks with Tajik Foreign Minister "
                     "Sirojiddin Muhriddin on 4 May 2024. The ministers discussed Afghanistan.")
    assert e["countries"] == ["CHN", "TJK"]


def test_two_documents_reporting_one_meeting_give_one_event_with_two_mentions():
    a = read("DUSHANBE, 4 March — President Emomali Rahmon met Kazakh President Kassym-Jomart "
             "Tokayev on Monday to discuss water and trade.", dt.date(2024, 3, 5), "a.txt")
    b = read("Kazakhstan's Tokayev and Tajikistan's Rahmon held talks in Dushanbe on March 4, "
             "2024, focusing on trade, which the leaders hope to bring to $2 billion.",
             dt.date(2024, 3, 4), "b.txt")
    rows = events_of(a, b)
    (e,) = rows["events"]
    assert e["countries"] == ["KAZ", "TJK"] and e["sources"] == 2 and e["mentions"] == 2
    assert {m["doc_id"] for m in rows["event_mentions"]} == {a[0].doc_id, b[0].doc_id}


def test_different_meetings_stay_apart_across_documents():
    a = read("President Rahmon met President Tokayev in Astana on 10 May 2023.", name="a.txt")
    b = read("President Rahmon met President Tokayev in Dushanbe on 22 August 2024.", name="b.txt")
    meetings = [e for e in events_of(a, b)["events"] if e["event_mode"] == "meeting"]
    assert sorted(e["location"] for e in meetings) == ["Astana", "Dushanbe"]


def test_ids_are_stable_across_runs():
    text = "Tajikistan and Uzbekistan signed an agreement in Tashkent on 9 March 2023."
    first, again = events_of(read(text)), events_of(read(text))
    assert first == again
    d, ms, fs = read(text)
    assert replace(ms[0]) == ms[0]


def test_dateline_dates_the_story_and_a_deadline_is_not_the_event_date():
    d, ms, fs = read("Tajikistan, Uzbekistan sign 15 documents during state visit\n\n"
                     "TASHKENT, 18 April 2024 (AKIpress) - Uzbek President Shavkat Mirziyoyev and "
                     "Tajik President Emomali Rahmon signed 15 intergovernmental documents on "
                     "Thursday following talks in narrow and extended formats. The leaders agreed "
                     "to increase mutual trade to $2 billion by 2026.")
    assert d.published_date == dt.date(2024, 4, 18)
    rows = events_of((d, ms, fs))
    agree = [e for e in rows["events"] if e["event_type"] == "AGREE"]
    assert len(agree) == 1 and agree[0]["date_start"] == dt.date(2024, 4, 18)
    target = [f for f in fs if f.unit == "USD"][0]
    assert target.is_target and target.period == "2026" and target.measure == "trade_turnover"


def test_an_organisation_and_one_state_make_an_event():
    e, rows = one_event("The European Union will allocate EUR 20 million to Tajikistan for "
                        "border security, an EU envoy said in Dushanbe on Wednesday.",
                        dt.date(2023, 11, 9))
    assert (e["event_type"], e["countries"], e["is_planned"]) == ("AID", ["TJK"], True)
    assert "org:EU" in {p["actor_id"] for p in rows["participants"]}


def test_border_clash():
    e, _ = one_event("Kyrgyz and Tajik border guards exchanged fire near the village of "
                     "Kok-Tash on Wednesday, the Kyrgyz border service said.", dt.date(2022, 9, 15))
    assert (e["event_type"], e["countries"], e["date_start"]) == (
        "ASSAULT", ["KGZ", "TJK"], dt.date(2022, 9, 14))


def test_planned_travel_summit_and_meeting_are_three_events():
    """Codebook: one event per distinct act; the host of a visit takes part; announced
    events are planned, dated forwards."""
    rows = events_of(read("On 5 July, President Rahmon will travel to Astana to attend the SCO "
                          "summit, where he is expected to meet Chinese leader Xi Jinping.",
                          dt.date(2024, 7, 1)))
    by_mode = {e["event_mode"]: e for e in rows["events"]}
    assert set(by_mode) == {"visit", "multilateral", "meeting"}
    assert all(e["is_planned"] and e["date_start"] == dt.date(2024, 7, 5) for e in rows["events"])
    assert by_mode["visit"]["countries"] == ["KAZ", "TJK"]
    assert by_mode["meeting"]["countries"] == ["CHN", "TJK"]
    assert "org:SCO" in {p["actor_id"] for p in rows["participants"]}


def test_bank_grant_and_summoned_diplomat():
    e, _ = one_event("The Asian Development Bank has approved a $100 million grant to help "
                     "Tajikistan improve its power sector.")
    assert (e["event_type"], e["countries"]) == ("AID", ["TJK"])
    rows = events_of(read("Tajikistan’s Foreign Ministry summoned the Afghan chargé d’affaires "
                          "on Wednesday to protest.", dt.date(2024, 12, 26)))
    (e,) = rows["events"]
    assert (e["event_type"], e["event_mode"], e["countries"]) == (
        "ACCUSE", "diplomatic_protest", ["AFG", "TJK"])


def test_last_year_dates_the_figure_not_the_call():
    d, ms, fs = read("DUSHANBE, 14 April 2025 (Asia-Plus) — Tajik Foreign Minister Sirojiddin "
                     "Muhriddin and his Kazakh counterpart Murat Nurtleu held talks by phone on "
                     "Monday. The ministers noted that trade turnover had reached $1.5bn last "
                     "year and agreed on a plan to bring it to US$ 3 billion by 2030.")
    assert [(f.value, f.period, f.is_target) for f in fs] == [(1.5e9, "2024", False),
                                                             (3e9, "2030", True)]
    rows = events_of((d, ms, fs))["events"]
    assert {e["event_type"] for e in rows} == {"CONSULT", "AGREE"}
    assert all(e["date_start"] == dt.date(2025, 4, 14) for e in rows)


def test_a_group_of_states_takes_part_as_its_members():
    rows = events_of(read(
        "Leaders of Central Asian states gathered in Astana on 9 August 2024 for the sixth "
        "Consultative Meeting. The presidents of Kazakhstan, Kyrgyzstan, Tajikistan, "
        "Turkmenistan and Uzbekistan adopted a joint statement."))
    five = ["KAZ", "KGZ", "TJK", "TKM", "UZB"]
    by_type = {e["event_type"]: e for e in rows["events"]}
    assert by_type["CONSULT"]["countries"] == five and by_type["CONSULT"]["location"] == "Astana"
    assert by_type["AGREE"]["countries"] == five
    assert by_type["AGREE"]["date_start"] == dt.date(2024, 8, 9)


def test_undated_reports_of_the_same_people_meeting_are_one_event():
    a = read("President Emomali Rahmon met Kyrgyz President Sadyr Japarov to discuss the "
             "border.", name="a.txt")
    b = read("Kyrgyz leader Sadyr Japarov and Tajik President Emomali Rahmon held talks on "
             "water and the state border.", name="b.txt")
    c = read("Tajikistan and Kyrgyzstan held talks on the border, officials said.", name="c.txt")
    rows = events_of(a, b, c)
    merged = [e for e in rows["events"] if e["sources"] == 2]
    assert len(rows["events"]) == 2 and len(merged) == 1  # c names no people: kept apart


def test_a_duplicate_document_reports_the_same_events():
    text = ("Tajik President Emomali Rahmon received Iranian President Masoud Pezeshkian in "
            "Dushanbe. The two leaders signed eight documents.")
    a, b = read(text, name="a.txt"), read(text, name="copy/a.txt")
    dup = (replace(b[0], duplicate_of=a[0].doc_id), b[1], b[2])
    rows = events_of(a, dup)
    assert all(e["sources"] == 1 for e in rows["events"])  # a copy is no other source
    by_doc = {}
    for m in rows["event_mentions"]:
        by_doc.setdefault(m["doc_id"], set()).add(m["event_id"])
    assert by_doc[a[0].doc_id] == by_doc[b[0].doc_id]


def test_a_spelling_close_to_a_dictionary_person_is_that_person():
    rows = events_of(read("Foreign Minister Sirodjiddin Mukhriddinov held talks with Uzbek "
                          "Foreign Minister Bakhtiyor Saidov in Tashkent on 3 October 2023."))
    people = {p["actor_id"]: p for p in rows["participants"]}
    assert people["person:sirojiddin-muhriddin"]["name"] == "Sirodjiddin Mukhriddinov"
    assert people["person:sirojiddin-muhriddin"]["country"] == "TJK"


def test_a_shared_surname_alone_is_not_a_dictionary_person():
    _, rows = one_event("Tajik Ambassador Ali Rahmonov met Kazakh Foreign Minister Murat Nurtleu "
                        "in Astana on 3 October 2023.")
    ids = {p["actor_id"] for p in rows["participants"]}
    assert "person:ali-rahmonov" in ids and "person:emomali-rahmon" not in ids


def test_habits_are_not_events():
    rows = events_of(read("President Rahmon has visited China more than ten times, and the two "
                          "countries regularly hold consultations on security."))
    assert rows["events"] == []


def test_a_sentence_attached_to_another_act_lends_it_no_place_or_date():
    """"After the signing ceremony in Khujand, ..." attached to a visit (no signing reported
    before it) is a report of the visit, but the place and day are the signing's."""
    visit = Mention("doc_a", 0, 0, 60, "The Uzbek minister arrived on an official visit.",
                    "arrived on an official visit", "CONSULT", "visit", ["TJK", "UZB"],
                    date_start=dt.date(2024, 3, 1), date_end=dt.date(2024, 3, 31),
                    date_precision="month")
    signing = Mention("doc_a", 1, 61, 130, "After the signing ceremony in Khujand on 12 "
                      "March, the ministers met students.", "the signing ceremony", "AGREE",
                      "treaty", ["TJK", "UZB"], date_start=dt.date(2024, 3, 12),
                      date_end=dt.date(2024, 3, 12), date_precision="day", location="Khujand",
                      location_country="TJK", attach_only=True)
    (event,) = events_of_document([visit, signing])
    assert event.event_mode == "visit" and len(event.mentions) == 2
    assert event.location is None and event.date_precision == "month"
    talks = replace(signing, event_type="CONSULT", event_mode="visit", trigger="the visit")
    (event,) = events_of_document([visit, talks])  # the visit told again: it describes it
    assert event.location == "Khujand" and event.date_start == dt.date(2024, 3, 12)


def test_talks_named_as_the_subject_of_what_they_will_do_are_announced():
    rows = events_of(read(
        "ASHGABAT, May 10 - Kazakh President Kassym-Jomart Tokayev arrived in Turkmenistan for a "
        "state visit. The high-level negotiations will address trade and transit.",
        dt.date(2025, 5, 10)))
    kinds = sorted((e["event_mode"], e["is_planned"]) for e in rows["events"])
    assert kinds == [("meeting", True), ("visit", False)]
    # ... but not talks someone only says will go on
    said = events_of(read("Officials said the talks will continue.", dt.date(2025, 5, 10)))
    assert said["events"] == []


def test_the_scope_of_an_envoys_title_is_no_party():
    rows = events_of(read(
        "DUSHANBE, May 11 - Foreign Minister of Tajikistan Sirojiddin Muhriddin met the EU Special "
        "Representative for the Central Asian states Terhi Hakala in Dushanbe.",
        dt.date(2025, 5, 11)))
    assert [(e["event_mode"], e["countries"]) for e in rows["events"]] == [("meeting", ["TJK"])]


def test_the_subject_in_an_acts_own_clause_takes_part():
    # "In Astana to attend the summit, President Rahmon met ...": the subject follows the first
    # act's clause, and is the meeting's party all the same
    rows = events_of(read(
        "ASTANA, August 9 - In Astana to attend the summit of the Central Asian states, President "
        "of Tajikistan Emomali Rahmon met President of Kyrgyzstan Sadyr Japarov.",
        dt.date(2025, 8, 9)))
    assert sorted((e["event_mode"], tuple(e["countries"])) for e in rows["events"]) == [
        ("meeting", ("KGZ", "TJK")), ("multilateral", ("KAZ", "KGZ", "TJK", "TKM", "UZB"))]


def test_more_aid_given_is_an_aid_event():
    event, _ = one_event("TOKYO, March 2 - Japan has decided to raise its aid to Kyrgyzstan by "
                         "some $12 million this year.", dt.date(2019, 3, 2))
    assert (event["event_type"], event["countries"]) == ("AID", ["JPN", "KGZ"])
    event, _ = one_event("The World Bank will increase its support to Tajikistan by $50 million.",
                         dt.date(2019, 3, 2))
    assert (event["event_type"], event["countries"]) == ("AID", ["TJK"])
    assert events_of(read("Tajikistan increased its exports to China by 20 percent.",
                          dt.date(2015, 1, 15)))["events"] == []
