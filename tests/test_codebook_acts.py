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
