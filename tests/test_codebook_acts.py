"""More of the codebook's rules (../shared/ANNOTATION.md), on sentences written in the style of
the news wires: visits told by their guests and hosts, and one trigger for one act."""

import datetime as dt

import pytest

from .test_events import events_of, read


def test_an_envoy_serving_no_state_visits_the_host():
    """A visit: "an official ... travels to another country"; organisations "are participants
    but not countries": an EU envoy's visit is the host's event."""
    rows = events_of(read("Ms. Terhi Hakala arrived in Dushanbe to participate in a conference "
                          "on border security.", dt.date(2022, 10, 18)))
    assert sorted((e["event_mode"], tuple(e["countries"])) for e in rows["events"]) == [
        ("multilateral", ("TJK",)), ("visit", ("TJK",))]
    home = events_of(read("President Emomali Rahmon arrived in Dushanbe.", dt.date(2022, 10, 18)))
    assert home["events"] == []


def test_received_a_visiting_envoy_is_a_meeting_and_a_visit():
    rows = events_of(read("On Tuesday, Tajik President Emomali Rahmon received visiting European "
                          "Union Special Representative Peter Burian.", dt.date(2017, 1, 25)))
    assert sorted((e["event_mode"], e["countries"]) for e in rows["events"]) == [
        ("meeting", ["TJK"]), ("visit", ["TJK"])]


def test_a_host_announcing_a_summit_is_one_act():
    """"<City> will host the summit": a conference, not also a meeting."""
    rows = events_of(read("Tashkent is to host the next summit of the Economic Cooperation "
                          "Organization (ECO) in the autumn.", dt.date(2023, 3, 2)))
    assert [(e["event_mode"], e["is_planned"]) for e in rows["events"]] == [("multilateral", True)]


def test_a_headline_naming_a_gathering_reports_it_and_reports_of_it_merge():
    """A headline drops its verbs: "3rd Dushanbe Water Conference" over its dates is the
    conference; another outlet's report of it is the same event ("one row per real-world
    event"), and what only points back to it lends it no states."""
    listing = read("Calendar\n\n2nd Dushanbe Glacier Preservation Conference\n\nDushanbe, "
                   "Republic of Tajikistan\n\nFrom: 21.05.2025 to: 23.05.2025\n\nAn earlier "
                   "forum on glaciers was co-organised by Tajikistan and Switzerland in Geneva. "
                   "That forum produced 300 pledges.", name="a.txt")
    report = read("The Second Dushanbe Glacier Preservation Conference was held from 21 to 23 "
                  "May 2025 in Dushanbe, Tajikistan.", name="b.txt")
    (conference,) = [e for e in events_of(listing, report)["events"] if e["sources"] == 2]
    assert conference["countries"] == ["TJK"]
    assert (conference["date_start"], conference["date_end"]) == (dt.date(2025, 5, 21),
                                                                  dt.date(2025, 5, 23))
    call = events_of(read("Leaders of Tajikistan, Oman talk energy\n\nThe leaders of Oman and "
                          "Tajikistan talked about energy projects in a telephone conversation.",
                          dt.date(2024, 2, 14)))
    assert [e["event_mode"] for e in call["events"]] == ["phone"]


def test_an_undated_report_joins_the_event_its_people_took_part_in():
    """"One row per real-world event": an undated report of a C5+1 meeting Blinken hosted is
    the meeting Blinken hosted, not the first C5+1 meeting years before."""
    history = read("The first C5+1 ministerial meeting of Kazakhstan, Kyrgyzstan, Tajikistan, "
                   "Turkmenistan, Uzbekistan and the United States took place in Samarkand in "
                   "November 2015.", dt.date(2015, 11, 2), name="a.txt")
    dated = read("US Secretary of State Antony Blinken hosted a meeting of the foreign ministers "
                 "of Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan and Uzbekistan on 23 April "
                 "2021.", name="b.txt")
    undated = read("Antony Blinken hosted a virtual meeting with the foreign ministers of "
                   "Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan and Uzbekistan.",
                   name="c.txt")
    rows = events_of(history, dated, undated)
    by_start = {e["date_start"]: e["sources"] for e in rows["events"]}
    assert by_start == {dt.date(2015, 11, 1): 1, dt.date(2021, 4, 23): 2}


def test_receiving_a_message_is_no_meeting():
    rows = events_of(read("The King of Saudi Arabia received a letter from the President of "
                          "Tajikistan on 3 April.", dt.date(2022, 4, 10)))
    assert rows["events"] == []
    rows = events_of(read("The King of Saudi Arabia received the Foreign Minister of Tajikistan "
                          "on 3 April.", dt.date(2022, 4, 10)))
    assert [e["event_mode"] for e in rows["events"]] == ["meeting"]


def test_a_summit_announced_then_told_as_held_is_one_event():
    """"The same act told twice in one text is one event": a city chosen to host a summit, then
    the summit held that day, and the leaders who arrived the day before "to attend the
    summit" (their attendance is the summit, not a gathering on the day they arrived)."""
    rows = events_of(read(
        "BISHKEK, October 9, 2024 - Bishkek was picked to host the summit of Central Asia and "
        "India. The leaders' summit on Wednesday brought together Kyrgyz President Sadyr "
        "Japarov, Indian Prime Minister Narendra Modi and Tajik President Emomali Rahmon. The "
        "Tajik President came to Bishkek on Tuesday to attend the summit.", dt.date(2024, 10, 9)))
    summits = [e for e in rows["events"] if e["event_mode"] == "multilateral"]
    assert [(e["is_planned"], e["date_start"]) for e in summits] == [(False, dt.date(2024, 10, 9))]


def test_an_undated_text_leaves_yesterday_undated():
    """Codebook: relative dates are resolved against the publication date; "no anchor at all ->
    null". With no publication date, "yesterday" does not borrow the year of history told
    further down."""
    rows = events_of(read(
        "Uzbek Prime Minister Abdulla Aripov, in Tajikistan on an official visit, met "
        "President Emomali Rahmon yesterday. Energy was on the agenda. The president praised "
        "the intergovernmental commission. Uzbekistan and Tajikistan set up diplomatic "
        "relations on October 22, 1992."))
    consult = [e for e in rows["events"] if e["event_type"] == "CONSULT"]
    assert sorted(e["event_mode"] for e in consult) == ["meeting", "visit"]
    assert all(e["date_start"] is None for e in consult)


def test_a_sco_named_after_its_city_is_an_organisation_not_china():
    """"Organisations (UN, SCO, EU, World Bank) are participants but not countries": the
    "Shanghai Organization" brings no China into talks of two presidents."""
    rows = events_of(read(
        "The Presidents of Tajikistan and Pakistan discussed the agenda of the next Shanghai "
        "Organization summit in Islamabad.", dt.date(2022, 6, 2)))
    assert all("CHN" not in e["countries"] for e in rows["events"])


def test_leaders_at_the_negotiating_table_hold_talks_and_a_session_announced_is_an_act():
    rows = events_of(read(
        "President Sadyr Japarov received President Emomali Rahmon in Bishkek. Then the two "
        "presidents sat down at the negotiating table. A session of the CIS Council of Heads of "
        "State will take place in the Kyrgyz capital on October 11-12.", dt.date(2024, 5, 20)))
    modes = sorted((e["event_mode"], e["is_planned"]) for e in rows["events"])
    assert ("multilateral", True) in modes
    assert ("meeting", False) in modes and ("multilateral", False) not in modes


def test_what_had_happened_before_the_story_is_background():
    """Codebook, not events: "history mentioned in passing in a news text". A guest who "had
    earlier made state visits" elsewhere is on a tour; only the visit the story tells counts."""
    rows = events_of(read(
        "The President of the UAE Sheikh Mohamed bin Zayed Al Nahyan held talks with President "
        "Emomali Rahmon in Dushanbe on Monday. Sheikh Mohamed had earlier made state visits to "
        "Uzbekistan and Turkmenistan on his way to Dushanbe.", dt.date(2024, 3, 4)))
    assert {tuple(e["countries"]) for e in rows["events"]} == {("ARE", "TJK")}


def test_an_invitation_to_visit_is_no_visit_until_it_has_a_date():
    """Codebook, not events: "wishes without an occasion"; planned: "announced or scheduled
    events". An invitation to visit is a visit only with its day ("He will receive him on
    October 13"), and the day the invitation was made is not the visit's."""
    wish = events_of(read("President Emomali Rahmon has invited the King of Saudi Arabia "
                          "Salman bin Abdulaziz Al Saud to make an official visit to Tajikistan.",
                          dt.date(2022, 3, 9)))
    assert wish["events"] == []
    said = events_of(read("Japanese Prime Minister Shigeru Ishiba has invited his Tajik "
                          "counterpart to visit Tokyo, his office said on Monday, as the two "
                          "men agreed to talk again after their video call.",
                          dt.date(2025, 2, 3)))
    # the day it was said is not the visit's
    assert [e for e in said["events"] if e["event_mode"] == "visit"] == []
    scheduled = events_of(read(
        "TOKYO, February 3 - Japanese Prime Minister Shigeru Ishiba has invited President "
        "Emomali Rahmon to visit Tokyo. He will host him on April 21, his office said.",
        dt.date(2025, 2, 3)))
    assert [(e["is_planned"], e["date_start"]) for e in scheduled["events"]] == [
        (True, dt.date(2025, 4, 21))]


def test_agreeing_to_go_on_talking_is_no_agreement():
    """An agreement is "documents signed, a treaty/declaration/roadmap adopted or ratified, an
    agreement reached"; what the sides of a call agreed to keep doing is the call's."""
    rows = events_of(read(
        "Tajik President Emomali Rahmon and French President Emmanuel Macron held a phone call "
        "on Wednesday. The sides agreed to continue consultations on Afghanistan.",
        dt.date(2021, 8, 26)))
    assert [e["event_type"] for e in rows["events"]] == ["CONSULT"]


def test_a_phone_call_has_no_host():
    """"The host of a visit or meeting takes part"; a city the callers discussed hosts nothing."""
    rows = events_of(read(
        "During the phone call on Wednesday, Tajik President Emomali Rahmon and French President "
        "Emmanuel Macron discussed the consequences of the takeover in Kabul.",
        dt.date(2021, 8, 26)))
    assert [(e["event_mode"], e["countries"]) for e in rows["events"]] == [
        ("phone", ["FRA", "TJK"])]


def test_last_night_is_the_day_before():
    rows = events_of(read("Last night, President Emomali Rahmon met with Japanese Prime Minister "
                          "Shinzo Abe in Tokyo.", dt.date(2018, 10, 5)))
    assert [e["date_start"] for e in rows["events"] if e["event_mode"] == "meeting"] == [
        dt.date(2018, 10, 4)]


def test_an_act_announced_and_reported_in_one_text_is_one_act():
    """"The same act told twice in one text is one event": an agreement or aid the story
    announces undated and reports dated, or the reverse, has no date to tell them apart.
    Visits and meetings recur ("will meet again"), so theirs stay apart without a date."""
    aid = events_of(read(
        "JEDDAH, March 2 - The Islamic Development Bank has agreed to raise its financing to "
        "Kyrgyzstan by $30 million in 2023.\n\n\"The IsDB will raise its financing to Kyrgyzstan "
        "by around $30 million,\" its regional director said.", dt.date(2023, 3, 2)))
    assert [(e["event_type"], e["mentions"]) for e in aid["events"]] == [("AID", 2)]
    deal = events_of(read(
        "Tajikistan and Iran will sign a transit agreement, officials said.\n\nThe agreement "
        "was signed in Tehran on 4 June 2023 by the two transport ministers.", dt.date(2023, 6, 5)))
    assert [(e["event_type"], e["is_planned"], e["mentions"]) for e in deal["events"]] == [
        ("AGREE", False, 2)]


def test_a_signing_told_as_a_noun_is_its_own_act():
    """"A state visit during which the presidents held talks and signed documents is three
    events": "the talks saw the signing of a protocol" is the talks and the signing."""
    for text in ("The sixth session of the Kyrgyz-Tajik commission in Osh saw the signing of a "
                 "protocol on customs cooperation.",
                 "The main result of the talks in Ashgabat between Tajikistan and Turkmenistan "
                 "was the signing of seven agreements on energy and transit."):
        rows = events_of(read(text, dt.date(2024, 4, 2)))
        assert "AGREE" in {e["event_type"] for e in rows["events"]}, text


def test_a_joint_exercise_is_military_cooperation_and_taking_part_in_it_no_gathering():
    """Codebook: "military: joint exercises ... COOPERATE". An exercise named by its kind is
    one; units that "will take part in" it are in the exercise, not in a gathering."""
    for text in ("Kazakh and Tajik special forces will take part in a joint tactical exercise "
                 "near Khatlon next week.",
                 "Troops of Uzbekistan and Tajikistan began a joint military exercise at the "
                 "Harbmaidon range on Monday."):
        rows = events_of(read(text, dt.date(2024, 4, 2)))
        assert [e["event_mode"] for e in rows["events"]] == ["military_exercise"], text


@pytest.mark.parametrize("text", [
    # an agreement reached, told in the passive
    "An agreement was also reached on a new transit route between Tajikistan and Iran.",
    "A deal has been struck between Kazakhstan and Kyrgyzstan on summer water releases.",
    # what the sides signed, told in a relative clause
    "Thanks to the documents that we signed today, Kyrgyz and Tajik flights will resume, "
    "President Rahmon said.",
    "The agreements which the two presidents signed in Tashkent cover trade and Uzbek-Tajik "
    "power lines.",
    # a session that ended with documents
    "The Kazakh-Tajik intergovernmental commission concluded with important MoUs and protocols.",
    "Talks between Turkmen and Tajik ministers ended with three new memoranda.",
])
def test_agreements_told_in_the_passive_a_relative_clause_or_as_an_outcome(text):
    """Codebook, agreement: "documents signed ... an agreement reached"."""
    rows = events_of(read(text, dt.date(2024, 4, 2)))
    assert "AGREE" in {e["event_type"] for e in rows["events"]}, text


@pytest.mark.parametrize("text", [
    "The US chargé d'affaires and the deputy commander of Tajik border troops participated in "
    "a handover ceremony in Dushanbe.",
    "Kazakh and Kyrgyz diplomats attended the opening ceremony of the new bridge over the Chu.",
    "The ambassadors of Iran and Tajikistan attended a reception marking Nowruz.",
])
def test_a_ceremony_or_reception_attended_is_no_gathering(text):
    """Codebook: a gathering is a conference or summit ("multilateral"); a ceremony, dinner or
    reception attended is not one."""
    rows = events_of(read(text, dt.date(2024, 4, 2)))
    assert "multilateral" not in {e["event_mode"] for e in rows["events"]}, text
