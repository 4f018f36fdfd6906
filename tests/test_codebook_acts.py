"""More of the codebook's rules (../shared/ANNOTATION.md), on sentences written in the style of
the news wires: visits told by their guests and hosts, and one trigger for one act."""

import datetime as dt

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
    """"Dushanbe will host the fifth summit": a conference, not also a meeting."""
    rows = events_of(read("Dushanbe will host the fifth summit of the Conference on Interaction "
                          "and Confidence Building Measures in Asia (CICA).", dt.date(2019, 6, 1)))
    assert [(e["event_mode"], e["is_planned"]) for e in rows["events"]] == [("multilateral", True)]


def test_a_headline_naming_a_gathering_reports_it_and_reports_of_it_merge():
    """A headline drops its verbs: "3rd Dushanbe Water Conference" over its dates is the
    conference; another outlet's report of it is the same event ("one row per real-world
    event"), and what only points back to it lends it no states."""
    listing = read("Events\n\n3rd Dushanbe Water Action Decade Conference\n\nDushanbe, Republic of "
                   "Tajikistan\n\nFrom: 10.06.2024 to: 13.06.2024\n\nThe UN 2023 Water Conference "
                   "was co-hosted by Tajikistan and the Netherlands in New York. This conference "
                   "resulted in 800 commitments.", name="a.txt")
    report = read("The Third Dushanbe Water Action Decade Conference took place from 10 to 13 "
                  "June 2024 in Dushanbe, Tajikistan.", name="b.txt")
    (conference,) = [e for e in events_of(listing, report)["events"] if e["sources"] == 2]
    assert conference["countries"] == ["TJK"]
    assert (conference["date_start"], conference["date_end"]) == (dt.date(2024, 6, 10),
                                                                  dt.date(2024, 6, 13))
    call = events_of(read("Presidents of Tajikistan, South Korea discuss cooperation\n\nThe "
                          "presidents of Tajikistan and Korea discussed cooperation during a "
                          "phone conversation.", dt.date(2025, 8, 28)))
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
    rows = events_of(read("The Amir of Qatar received a written message from Tajikistan's "
                          "President Emomali Rahmon on November 8.", dt.date(2020, 11, 20)))
    assert rows["events"] == []
    rows = events_of(read("The Amir of Qatar received Tajikistan's Foreign Minister Sirojiddin "
                          "Muhriddin on November 8.", dt.date(2020, 11, 20)))
    assert [e["event_mode"] for e in rows["events"]] == ["meeting"]


def test_a_summit_announced_then_told_as_held_is_one_event():
    """"The same act told twice in one text is one event": a city chosen to host a summit, then
    the summit held that day, and the leaders who arrived the day before "to attend the
    summit" (their attendance is the summit, not a gathering on the day they arrived)."""
    rows = events_of(read(
        "ASTANA, June 6, 2025 - Astana has been chosen to host the first summit of the five "
        "Central Asian states and Japan. The summit on Friday was attended by Kazakh President "
        "Kassym-Jomart Tokayev, Tajik President Emomali Rahmon and Japanese Prime Minister "
        "Fumio Kishida. Tajik President Emomali Rahmon arrived in Astana on Thursday to attend "
        "the summit.", dt.date(2025, 6, 6)))
    summits = [e for e in rows["events"] if e["event_mode"] == "multilateral"]
    assert [(e["is_planned"], e["date_start"]) for e in summits] == [(False, dt.date(2025, 6, 6))]


def test_an_undated_text_leaves_yesterday_undated():
    """Codebook: relative dates are resolved against the publication date; "no anchor at all ->
    null". With no publication date, "yesterday" does not borrow the year of history told
    further down."""
    rows = events_of(read(
        "Kyrgyz Prime Minister Adylbek Kasymaliev, who is on an official visit to Tajikistan, "
        "yesterday met with Tajik President Emomali Rahmon. The two sides discussed trade. "
        "Tajik leader noted the role of the joint commission. Officially, diplomatic relations "
        "between Tajikistan and Kyrgyzstan were established on January 14, 1993."))
    consult = [e for e in rows["events"] if e["event_type"] == "CONSULT"]
    assert sorted(e["event_mode"] for e in consult) == ["meeting", "visit"]
    assert all(e["date_start"] is None for e in consult)


def test_a_sco_named_after_its_city_is_an_organisation_not_china():
    """"Organisations (UN, SCO, EU, World Bank) are participants but not countries": the
    "Shanghai Organization" brings no China into talks of two presidents."""
    rows = events_of(read(
        "Key topics of the upcoming summit of the Shanghai Organization were discussed by the "
        "Presidents of Belarus and Tajikistan in Dushanbe.", dt.date(2021, 9, 13)))
    assert all("CHN" not in e["countries"] for e in rows["events"])


def test_leaders_at_the_negotiating_table_hold_talks_and_a_session_announced_is_an_act():
    rows = events_of(read(
        "President Emomali Rahmon received President of Belarus Alexander Lukashenko in "
        "Dushanbe. The leaders gathered at the negotiating table. There will be a session of "
        "the CSTO Collective Security Council in the capital of Tajikistan on September 15-17.",
        dt.date(2021, 9, 13)))
    modes = sorted((e["event_mode"], e["is_planned"]) for e in rows["events"])
    assert ("multilateral", True) in modes
    assert ("meeting", False) in modes and ("multilateral", False) not in modes


def test_what_had_happened_before_the_story_is_background():
    """Codebook, not events: "history mentioned in passing in a news text". A guest who "had
    earlier made state visits" elsewhere is on a tour; only the visit the story tells counts."""
    rows = events_of(read(
        "The Amir of Qatar Sheikh Tamim bin Hamad Al Thani met with Tajik President Emomali "
        "Rahmon in Dushanbe on Thursday. The Qatari leader had earlier made state visits to "
        "Kyrgyzstan and Kazakhstan before arriving in Tajikistan.", dt.date(2023, 6, 9)))
    assert {tuple(e["countries"]) for e in rows["events"]} == {("QAT", "TJK")}


def test_an_invitation_to_visit_is_no_visit_until_it_has_a_date():
    """Codebook, not events: "wishes without an occasion"; planned: "announced or scheduled
    events". An invitation to visit is a visit only with its day ("He will receive him on
    October 13"), and the day the invitation was made is not the visit's."""
    wish = events_of(read("President Emomali Rahmon has invited the Amir of Qatar Sheikh Tamim "
                          "bin Hamad Al Thani to pay a state visit to Tajikistan.",
                          dt.date(2020, 11, 19)))
    assert wish["events"] == []
    said = events_of(read("French President Emmanuel Macron has invited his Tajik counterpart "
                          "Emomali Rahmon to visit Paris, the Elysee Palace said on Thursday, with "
                          "the two leaders set to continue the discussion following their phone "
                          "conversation.", dt.date(2021, 8, 26)))
    # the day it was said is not the visit's
    assert [e for e in said["events"] if e["event_mode"] == "visit"] == []
    scheduled = events_of(read(
        "PARIS, August 26 - French President Emmanuel Macron has invited his Tajik counterpart "
        "Emomali Rahmon to visit Paris. He will receive him on October 13, the palace said.",
        dt.date(2021, 8, 26)))
    assert [(e["is_planned"], e["date_start"]) for e in scheduled["events"]] == [
        (True, dt.date(2021, 10, 13))]


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
