"""The codebook's rules (../shared/ANNOTATION.md), one test each, on sentences written in the
style of the news wires, with the sentences each rule must leave alone."""

import datetime as dt

import pytest

from flows.clean import clean_document
from flows.extract.dates import find_dates
from flows.extract.language import load_language
from flows.records import Document

from .test_events import events_of, read

EN = load_language("en")


def modes(rows) -> dict[str, dict]:
    return {e["event_mode"]: e for e in rows["events"]}


# --- events: one event per distinct act -------------------------------------------------------

def test_visit_talks_and_signing_are_three_events():
    """"A state visit during which the presidents held talks and signed documents is three
    events: the visit, the talks, the signing." The host of a visit takes part."""
    rows = events_of(read(
        "DUSHANBE, 12 May 2024 (Khovar) - Kyrgyz President Sadyr Japarov arrived in Dushanbe on "
        "Sunday for a state visit.\n\nOn Monday, the presidents of Tajikistan and Kyrgyzstan "
        "held talks in narrow and extended formats.\n\nFollowing the talks, the two leaders "
        "signed seven documents on trade and water.", dt.date(2024, 5, 12)))
    kinds = sorted((e["event_type"], e["event_mode"]) for e in rows["events"])
    assert kinds == [("AGREE", "treaty"), ("CONSULT", "meeting"), ("CONSULT", "visit")]
    visit = modes(rows)["visit"]
    assert visit["countries"] == ["KGZ", "TJK"] and visit["date_start"] == dt.date(2024, 5, 12)


def test_arrival_makes_the_host_a_party():
    """"arrived in Astana" -> KAZ takes part."""
    rows = events_of(read("Tajik Foreign Minister Sirojiddin Muhriddin arrived in Astana on a "
                          "working visit on 3 June 2025."))
    assert [(e["event_mode"], e["countries"]) for e in rows["events"]] == [("visit", ["KAZ", "TJK"])]


def test_leaders_arriving_together_each_pay_a_visit_to_the_host_named_before():
    """A visit: "an official ... travels to another country": three presidents arriving for a
    summit are three visits, each to the host the story has just named (Xi’an, written with
    either apostrophe)."""
    rows = events_of(read(
        "Heads of state from all five Central Asian countries have now arrived in Xi’an for "
        "the summit with China.\n\nTajik President Emomali Rahmon, Kyrgyz President Sadyr Japarov and Kazakh "
        "President Kassym-Jomart Tokayev arrived on Wednesday.", dt.date(2023, 5, 19)))
    visits = {tuple(e["countries"]): e["date_start"] for e in rows["events"]
              if e["event_mode"] == "visit"}
    assert sorted(visits) == [("CHN", "KAZ"), ("CHN", "KGZ"), ("CHN", "TJK"), ("CHN", "TKM"),
                              ("CHN", "UZB")]
    assert {visits[("CHN", state)] for state in ("KAZ", "KGZ", "TJK")} == {dt.date(2023, 5, 17)}


def test_meetings_with_two_people_of_one_state_are_two_meetings():
    """"Bilateral meetings ... are one meeting each": the Emperor, then the Prime Minister."""
    rows = events_of(read(
        "President Emomali Rahmon flew to Tokyo on Tuesday on an official visit.\n\nRahmon "
        "will meet with Emperor Naruhito.\n\nThe Tajik leader is scheduled to meet with "
        "Prime Minister Shigeru Ishiba.", dt.date(2025, 3, 5)))
    meetings = [e for e in rows["events"] if e["event_mode"] == "meeting"]
    assert len(meetings) == 2 and all(e["countries"] == ["JPN", "TJK"] for e in meetings)
    again = events_of(read(
        "Rahmon met with Prime Minister Shigeru Ishiba in Tokyo.\n\nRahmon and Ishiba also "
        "discussed energy and held talks on trade.", dt.date(2025, 3, 5)))
    assert len([e for e in again["events"] if e["event_mode"] == "meeting"]) == 1


def test_a_press_conference_is_a_statement_of_the_speakers_state_alone():
    """Codebook: a statement is "an official statement, press conference ... by one state";
    "a statement has the speaking state only". What is said, before the speaker, names no
    party and gives no date."""
    rows = events_of(read(
        "In 2024, trade with Russia and China grew by 12 percent, the first deputy head of the "
        "Customs Service of Tajikistan, Nemat Rahmatov, said at a news conference in Dushanbe "
        "on 15 January 2025."))
    (statement,) = [e for e in rows["events"] if e["event_type"] == "STATEMENT"]
    assert statement["countries"] == ["TJK"] and statement["date_start"] == dt.date(2025, 1, 15)
    assert not [e for e in rows["events"] if e["event_mode"] == "multilateral"]
    (told,) = events_of(read(
        "No new Eurobonds are planned this year, Finance Minister Faiziddin Qahhorzoda of "
        "Tajikistan told journalists on Tuesday."))["events"]
    assert (told["event_type"], told["countries"]) == ("STATEMENT", ["TJK"])
    assert not events_of(read("Russia remains the main trading partner of Tajikistan, the "
                              "report says."))["events"]


def test_talks_in_the_capital_of_one_state_tell_the_other_s_visit():
    """A visit: "an official ... travels to another country". Talks with the President in
    Dushanbe tell that the guest came to TJK; not talks on the sidelines of a summit, and not
    an arrival already told."""
    rows = events_of(read("Prime Minister Narendra Modi held talks with President Emomali "
                          "Rahmon in Dushanbe on Monday.", dt.date(2015, 7, 13)))
    assert sorted(e["event_mode"] for e in rows["events"]) == ["meeting", "visit"]
    assert all(e["countries"] == ["IND", "TJK"] for e in rows["events"])
    summit = events_of(read(
        "Leaders of Russia, Kazakhstan and Tajikistan attended the CSTO summit in Moscow on "
        "Monday.\n\nOn its sidelines, Vladimir Putin held talks with Emomali Rahmon in Moscow.",
        dt.date(2022, 5, 16)))
    assert "visit" not in {e["event_mode"] for e in summit["events"]}


def test_a_welcome_at_the_airport_is_the_arrival_not_a_meeting():
    rows = events_of(read(
        "The Hungarian Prime Minister Viktor Orbán landed in Uzbekistan on an official visit."
        "\n\nAt the Tashkent International Airport, he was welcomed by Prime Minister Abdulla "
        "Aripov.", dt.date(2024, 5, 3)))
    assert [e["event_mode"] for e in rows["events"]] == ["visit"]
    received = events_of(read("In Dushanbe, the Hungarian Prime Minister was received by "
                              "President Emomali Rahmon.", dt.date(2024, 5, 3)))
    assert "meeting" in {e["event_mode"] for e in received["events"]}
    assert not events_of(read("Loans received by companies of Tajikistan from China reached "
                              "$984 million."))["events"]


def test_a_sentence_going_on_with_the_story_takes_the_states_of_the_act_just_told():
    """Participants come "from the sentence or from an explicit back-reference": a sentence
    naming states in passing (a road linking them) lends them to no later act."""
    rows = events_of(read(
        "The Tajik ambassador paid a courtesy call on Prime Minister Shehbaz Sharif in "
        "Islamabad on Friday.\n\nThe prime minister welcomed the ambassador.", dt.date(2024, 7, 20)))
    assert [(e["event_mode"], e["countries"]) for e in rows["events"]] == [("meeting", ["PAK", "TJK"])]
    rows = events_of(read(
        "The road will connect Tajikistan with Afghanistan, China, Kyrgyzstan and Uzbekistan."
        "\n\nPresident Emomali Rahmon met with the President of the Islamic Development Bank."))
    assert [e["countries"] for e in rows["events"]] == [["TJK"]]


def test_what_may_or_may_not_happen_is_no_event():
    """Codebook, not events: "hypotheticals and wishes without an occasion"."""
    assert not events_of(read("Whether President Rahmon might meet Narendra Modi during the forum "
                              "in Astana has not been decided."))["events"]
    assert not events_of(read("It remains unclear whether Sadyr Japarov will hold talks with "
                              "Vladimir Putin in Kazan."))["events"]


def test_money_given_is_aid_and_a_headline_takes_the_tense_of_its_story():
    """Aid: "grants, loans ... handed over or pledged". "Kuwait to provide $35 million" in a
    headline is the pledge the story tells ("will provide"): one planned event."""
    rows = events_of(read(
        "Kuwait to provide $35 million for Tajik school building\n\nDUSHANBE (Wire) - "
        "Kuwait will provide $35 million to Tajikistan to build twelve schools in the "
        "Khatlon region."))
    assert [(e["event_type"], e["countries"], e["is_planned"]) for e in rows["events"]] == [
        ("AID", ["KWT", "TJK"], True)]
    assert not events_of(read("Assistance provided by the European Commission makes the EU the "
                              "largest donor to Kazakhstan and Tajikistan."))["events"]
    assert not events_of(read("The National Bank of Tajikistan granted a license to an Iranian "
                              "micro-credit institution."))["events"]


def test_a_meeting_at_a_summit_does_not_take_the_host_as_a_party():
    rows = events_of(read("On the sidelines of the summit in Astana, President Rahmon met with "
                          "Turkish President Recep Tayyip Erdogan on 4 July 2024."))
    meeting = modes(rows)["meeting"]
    assert meeting["countries"] == ["TJK", "TUR"]


def test_phone_call_over_the_phone_and_during_a_conversation():
    for text in ("Chinese President Xi Jinping talked over the phone with the Tajik leader "
                 "on Friday.",
                 "During a phone conversation on Friday, the leaders of Iran and Tajikistan "
                 "exchanged views on Afghanistan."):
        rows = events_of(read(text, dt.date(2021, 9, 10)))
        call = modes(rows)["phone"]
        assert call["date_start"] == dt.date(2021, 9, 10) and "TJK" in call["countries"]
        assert "AFG" not in call["countries"]  # a state talked about is no party


def test_each_act_of_a_sentence_takes_its_own_parties():
    """"One event per distinct act": a sentence telling a visit, a meeting and a conference
    gives each the states named in its own part (and the subject they share); an act whose
    part names no other state shares those of the whole sentence."""
    rows = events_of(read(
        "US Secretary of State Antony Blinken visited Astana, Kazakhstan, where he met with "
        "Kazakh officials and participated in a ministerial meeting with the five Central "
        "Asian states on 1 March 2023."))
    assert {e["event_mode"]: e["countries"] for e in rows["events"]} == {
        "visit": ["KAZ", "USA"], "meeting": ["KAZ", "USA"],
        "multilateral": ["KAZ", "KGZ", "TJK", "TKM", "USA", "UZB"]}
    rows = events_of(read("President Rahmon held talks with Uzbek President Shavkat Mirziyoyev "
                          "and signed seven agreements on 2 June 2022."))
    assert sorted((e["event_type"], tuple(e["countries"])) for e in rows["events"]) == [
        ("AGREE", ("TJK", "UZB")), ("CONSULT", ("TJK", "UZB"))]


def test_history_told_in_passing_in_a_news_story_is_no_event():
    """"history mentioned in passing in a news text" is no event; the story's own acts are."""
    rows = events_of(read(
        "Tajik President Emomali Rahmon met with Japanese Prime Minister Fumio Kishida in Tokyo "
        "on Monday.\n\nIn 2004, the Japanese foreign minister visited Dushanbe and signed an "
        "agreement with Tajikistan.", dt.date(2023, 5, 10)))
    # the meeting in Tokyo, and the visit to Japan it tells
    assert sorted((e["event_mode"], e["date_start"]) for e in rows["events"]) == [
        ("meeting", dt.date(2023, 5, 8)), ("visit", dt.date(2023, 5, 8))]


def test_the_negotiations_of_two_leaders_were_held_is_a_report_not_a_back_reference():
    rows = events_of(read("The talks of Azerbaijani President Ilham Aliyev and Tajik President "
                          "Emomali Rahmon were held in Baku on 8 March 2024."))
    assert sorted((e["event_mode"], e["countries"]) for e in rows["events"]) == [
        ("meeting", ["AZE", "TJK"]), ("visit", ["AZE", "TJK"])]


def test_conference_told_by_its_host_alone():
    """A conference "Dushanbe will host" counts with the states the text names: its host."""
    rows = events_of(read("The Third High-Level International Conference on water will be held "
                          "in Dushanbe on 10-13 June 2024.", dt.date(2024, 2, 1)))
    (e,) = rows["events"]
    assert (e["event_mode"], e["countries"], e["is_planned"]) == ("multilateral", ["TJK"], True)
    assert (e["date_start"], e["date_end"]) == (dt.date(2024, 6, 10), dt.date(2024, 6, 13))


def test_a_single_state_without_a_conference_is_no_event():
    rows = events_of(read("Tajikistan held talks on Monday.", dt.date(2024, 2, 1)))
    assert rows["events"] == []


def test_also_met_someone_new_is_another_meeting():
    """"Bilateral meetings ... are one meeting each.\""""
    rows = events_of(read(
        "On March 3, Emperor Naruhito of Japan received President Emomali Rahmon at the "
        "Imperial Palace in Tokyo.\n\nLater that day, President Rahmon also met former Prime "
        "Minister Taro Aso in Tokyo.\n\nThey also talked about investment.",
        dt.date(2026, 3, 5)))
    meetings = [e for e in rows["events"] if e["event_mode"] == "meeting"]
    assert len(meetings) == 2
    people = {p["event_id"]: set() for p in rows["participants"]}
    for p in rows["participants"]:
        people[p["event_id"]].add(p["actor_id"])
    assert {frozenset(people[e["event_id"]]) & {"person:naruhito", "person:taro-aso"}
            for e in meetings} == {frozenset({"person:naruhito"}), frozenset({"person:taro-aso"})}


def test_also_attended_by_more_states_is_the_same_meeting():
    rows = events_of(read(
        "Foreign Minister Sirojiddin Muhriddin took part in the foreign ministers' meeting of "
        "the Central Asia plus Japan Dialogue in Ashgabat on 1 May 2017.\n\nForeign Ministers of "
        "Kazakhstan, Kyrgyzstan, Turkmenistan and Japan also attended the meeting."))
    assert len([e for e in rows["events"] if e["event_type"] == "CONSULT"]) == 1


def test_invitation_with_its_day_is_planned():
    rows = events_of(read("President Emomali Rahmon has invited the Amir of Qatar Sheikh Tamim "
                          "bin Hamad Al Thani to pay a state visit to Tajikistan on 12 June 2023."))
    (e,) = rows["events"]
    assert e["is_planned"] and e["countries"] == ["QAT", "TJK"]
    assert e["date_start"] == dt.date(2023, 6, 12)


# --- dates -------------------------------------------------------------------------------------

def test_spans_of_days_with_and_without_a_year():
    found = find_dates("June 18-20, 2020 and 6-9 June 2022, then August 22-23.", EN,
                       dt.date(2023, 8, 1))
    assert [(d.date_start, d.date_end) for d in found] == [
        (dt.date(2020, 6, 18), dt.date(2020, 6, 20)), (dt.date(2022, 6, 6), dt.date(2022, 6, 9)),
        (dt.date(2023, 8, 22), dt.date(2023, 8, 23))]


def test_announced_events_look_forward_reported_ones_back():
    """"backwards for what happened and forwards for what is announced\""""
    published = dt.date(2024, 3, 6)  # a Wednesday
    done = events_of(read("President Rahmon met Kazakh President Tokayev on Monday.", published))
    announced = events_of(read("President Rahmon will meet Kazakh President Tokayev on Monday.",
                               published))
    assert done["events"][0]["date_start"] == dt.date(2024, 3, 4)
    assert announced["events"][0]["date_start"] == dt.date(2024, 3, 11)
    later = events_of(read("The summit will be held in Dushanbe on February 20.", published))
    assert later["events"][0]["date_start"] == dt.date(2025, 2, 20)


def test_a_summit_lasts_the_span_of_weekdays_one_report_gives():
    """"A span ("August 22-23") is its first and last day": "from Thursday to Friday" too, and
    a summit told "held on Friday" and "from Thursday to Friday" lasted both days."""
    published = dt.date(2023, 5, 19)  # a Friday
    found = find_dates("The summit from Thursday to Friday was attended by five presidents.", EN,
                       published)
    assert [(d.date_start, d.date_end) for d in found] == [
        (dt.date(2023, 5, 18), dt.date(2023, 5, 19))]
    rows = events_of(read(
        "President Xi Jinping opened the China-Central Asia Summit in Xi'an on Friday with a "
        "speech.\n\nThe summit from Thursday to Friday was attended by "
        "President Emomali Rahmon of Tajikistan and President Kassym-Jomart Tokayev of "
        "Kazakhstan.", published))
    (summit,) = rows["events"]
    assert (summit["date_start"], summit["date_end"]) == (dt.date(2023, 5, 18),
                                                          dt.date(2023, 5, 19))
    assert summit["countries"] == ["CHN", "KAZ", "TJK"] and not summit["is_planned"]


def test_a_year_in_what_is_said_after_an_act_is_not_its_date():
    rows = events_of(read("The Tajik president, who welcomed the Amir of Qatar Sheikh Tamim bin "
                          "Hamad Al Thani in Dushanbe, said 2024 would see the 30th anniversary "
                          "of relations."))
    assert {e["date_start"] for e in rows["events"]} == {None}
    rows = events_of(read("President Rahmon met Kazakh President Tokayev in Astana in 2019, the "
                          "press service said."))
    assert {e["date_start"] for e in rows["events"]} == {dt.date(2019, 1, 1)}


def test_a_span_of_years_in_a_name_is_no_date():
    rows = events_of(read("The conference on the Water Decade 2018-2028 will take place in "
                          "Dushanbe.", dt.date(2022, 1, 10)))
    assert rows["events"][0]["date_start"] is None


def test_acts_of_a_story_told_without_a_date_take_the_dates_the_story_gives():
    """A news story reports one occasion: the signing told without a date took place at the
    visit it dates; the meeting of a story that dates no act, on the day its lead gives."""
    rows = events_of(read(
        "During the state visit, the President of Tajikistan and the Prime Minister of India "
        "signed a treaty on trade.\n\nThe Prime Minister of India arrived in Tajikistan on a "
        "state visit on September 14, 2025."))
    dates = {e["event_type"]: e["date_start"] for e in rows["events"]}
    assert dates == {"AGREE": dt.date(2025, 9, 14), "CONSULT": dt.date(2025, 9, 14)}
    rows = events_of(read(
        "MOSCOW, May 16 (Sputnik) - The situation in the region remains difficult, Russian "
        "President Vladimir Putin told Tajik President Emomali Rahmon on Monday.\n\n\"We are "
        "very interested in your opinion,\" Putin said at a meeting with Rahmon in Moscow.",
        dt.date(2022, 5, 16)))
    assert {e["date_start"] for e in rows["events"]} == {dt.date(2022, 5, 16)}


@pytest.mark.parametrize("text", [
    "Tajik President Emomali Rahmon met Kazakh President Tokayev in Astana.",
    "Президенты Таджикистана и Казахстана провели переговоры в Астане.",
    "Президенти Тоҷикистон бо Президенти Қазоқистон дар Остона мулоқот кард.",
])
def test_news_an_undated_story_tells_is_dated_by_its_report(text):
    """Codebook, "dated by its report": an act a dated news report tells as news without a
    date of its own takes the report's publication date, with precision `report`."""
    events = events_of(read(text, dt.date(2024, 3, 6)))["events"]
    assert events and all((e["date_start"], e["date_end"], e["date_precision"]) == (
        dt.date(2024, 3, 6), dt.date(2024, 3, 6), "report") for e in events)


def test_plans_undated_texts_and_history_stay_undated():
    """No anchor at all -> null: a planned act the text does not date, and an act of an
    undated report."""
    planned = "Tajik President Emomali Rahmon will meet Kazakh President Tokayev in Astana."
    told = "Tajik President Emomali Rahmon met Kazakh President Tokayev in Astana."
    plans = events_of(read(planned, dt.date(2024, 3, 6)))["events"]
    assert plans and all(e["is_planned"] and e["date_start"] is None
                         and e["date_precision"] == "unknown" for e in plans)
    undated = events_of(read(told, None))["events"]
    assert undated and all(e["date_start"] is None and e["date_precision"] == "unknown"
                           for e in undated)


def test_an_event_id_does_not_change_when_its_report_dates_it():
    """The id of an act dated by its report is that of the undated act (its first report),
    so a corrected publication date does not make it another event."""
    told = "Tajik President Emomali Rahmon met Kazakh President Tokayev in Astana."
    a = events_of(read(told, dt.date(2024, 3, 6)))["events"]
    b = events_of(read(told, dt.date(2024, 3, 7)))["events"]
    assert a and [e["event_id"] for e in a] == [e["event_id"] for e in b]
    assert {e["date_start"] for e in a} != {e["date_start"] for e in b}


def test_header_date_line_gives_the_publication_date_and_leaves_the_text():
    text = "date 2019-04-11 On Wednesday April 10, the Kyrgyz foreign minister visited Dushanbe."
    doc = clean_document(Document("d", "d.txt", "0" * 64, "utf-8", text, len(text)))
    assert doc.published_date == dt.date(2019, 4, 11)
    assert doc.text.startswith("On Wednesday April 10")


# --- across documents ---------------------------------------------------------------------------

def test_announcement_and_report_of_one_visit_merge():
    announced = read("Japanese Prime Minister Shinzo Abe will visit Tajikistan.",
                     dt.date(2015, 10, 20), "a.txt")
    reported = read("Japanese Prime Minister Shinzo Abe arrived in Dushanbe on Saturday.",
                    dt.date(2015, 10, 24), "b.txt")
    rows = events_of(announced, reported)
    (visit,) = [e for e in rows["events"] if e["event_mode"] == "visit"]
    assert visit["sources"] == 2 and not visit["is_planned"]


def test_undated_report_merges_with_a_dated_one_through_a_shared_person():
    dated = read("Russian President Vladimir Putin held talks with President Emomali Rahmon in "
                 "Dushanbe on 9 October 2025.", None, "a.txt")
    undated = read("Putin and Rahmon held talks in Dushanbe.", None, "b.txt")
    rows = events_of(dated, undated)
    assert len([e for e in rows["events"] if e["event_mode"] == "meeting"]) == 1


def test_conference_reports_with_nested_lists_of_states_merge():
    one = read("Leaders of Tajikistan, Russia, China and Iran attended the CICA summit in Dushanbe "
               "on 15 June 2019.", None, "a.txt")
    other = read("Vladimir Putin and Xi Jinping took part in the CICA summit held in Dushanbe on "
                 "15 June 2019.", None, "b.txt")
    rows = events_of(one, other)
    (summit,) = [e for e in rows["events"] if e["event_mode"] == "multilateral"]
    assert summit["sources"] == 2 and {"CHN", "IRN", "RUS", "TJK"} <= set(summit["countries"])


def test_outlets_telling_one_story_share_its_other_acts():
    """"Reports of the same act ... share one event": two texts that report the same talks
    report the same signing too, though neither names who signed."""
    dated = read("Tajik President Emomali Rahmon held talks with Gurbanguly Berdimuhamedov in "
                 "Dushanbe on Thursday.\n\nTajikistan and Turkmenistan then signed five "
                 "documents.", dt.date(2024, 4, 5), name="a.txt")
    undated = read("Emomali Rahmon and Gurbanguly Berdimuhamedov held talks in Dushanbe.\n\n"
                   "Tajikistan and Turkmenistan signed a cooperation programme.", name="b.txt")
    rows = events_of(dated, undated)
    # the talks in Dushanbe, the visit they tell, and the signing
    assert sorted((e["event_type"], e["event_mode"], e["sources"]) for e in rows["events"]) == [
        ("AGREE", "treaty", 2), ("CONSULT", "meeting", 2), ("CONSULT", "visit", 2)]
    alone = events_of(read("Tajikistan and Turkmenistan signed a cooperation programme.",
                           name="c.txt"), dated)
    assert sorted((e["event_type"], e["sources"]) for e in alone["events"]
                  if e["event_mode"] != "visit") == [("AGREE", 1), ("AGREE", 1), ("CONSULT", 1)]


def test_visits_a_year_apart_stay_apart():
    one = read("Kazakh President Tokayev arrived in Dushanbe on 22 August 2023.", None, "a.txt")
    other = read("Kazakh President Tokayev arrived in Dushanbe on 20 August 2024.", None, "b.txt")
    rows = events_of(one, other)
    assert len([e for e in rows["events"] if e["event_mode"] == "visit"]) == 2
