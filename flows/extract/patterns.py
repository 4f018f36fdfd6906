"""A language's event patterns, compiled once from its file: the cues, titles and
prepositions that triggers and parties are read with, and what a trigger found in a sentence
is. Both `parties` and `events` read these; this module reads neither."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import ahocorasick

from flows.extract.language import Language, phrase_alternation
from flows.extract.morphology import has_grammeme


@dataclass(frozen=True)
class EventPatterns:
    light_verb: re.Pattern
    occasion: list[re.Pattern]
    back_reference: list[re.Pattern]
    anaphora: re.Pattern
    topic_before: re.Pattern
    location_before: re.Pattern
    non_party_before: re.Pattern
    title_scope: re.Pattern  # "Special Representative for": what follows is in the title
    planned: re.Pattern
    distinct: re.Pattern
    no_occasion: re.Pattern  # habits, hypotheticals and background
    topics: ahocorasick.Automaton  # lower-cased keyword -> (length, its topics)
    topic_order: tuple[str, ...]
    office_then_name: re.Pattern
    person_name: re.Pattern
    serving_in: re.Pattern  # before the state where an office serves ("to", "in", "в", "дар")
    name_then_office: re.Pattern
    title_words: frozenset[str]
    mode_words: dict[str, str]
    reporting: re.Pattern
    speech_content: re.Pattern  # where what a reporting verb reports begins
    arrival_welcome: re.Pattern
    resident: re.Pattern  # offices of people serving abroad where they live
    invitation: re.Pattern
    attend_purpose: re.Pattern  # "to attend": a purpose after a trip
    series: re.Pattern  # "a series of meetings": one meeting each
    sidelines: re.Pattern  # "on the sidelines of": the gathering a meeting was held at
    planned_grammemes: frozenset[str]  # a verb form that tells the future ("посетит")
    office_title: re.Pattern  # a title that ends the text before a name ("Turkmen President")
    office_titles: dict[str, str]  # a title as written, lower-cased -> the dictionary's title
    morphology: str | None

    def tells_plan(self, text: str) -> bool:
        """Whether the text announces: a planned cue, or a verb in the future tense."""
        return bool(self.planned.search(text)) or has_grammeme(text, self.planned_grammemes,
                                                               self.morphology)


def _person_name(lang: Language, guarded: bool = True) -> str:
    """The language's pattern of a person's name; guarded, no word of it may be one of
    `person_name_not_words` ("Minister of State for Foreign Affairs X")."""
    words = phrase_alternation(lang.data.get("person_name_not_words", []), escape=False)
    guard = rf"(?!(?:{words})\b)" if guarded and words else ""
    return lang["person_name_pattern"].replace("NOT_NAME", guard)


@cache
def patterns_for(lang: Language) -> EventPatterns:
    offices = phrase_alternation(lang["offices"])
    name = rf"(?P<name>{_person_name(lang)})"
    of_whom = lang["office_qualifier_pattern"]
    serving_in = phrase_alternation(lang.data.get("office_serving_in", [])) or "(?!)"
    titles = _title_of(lang)
    return EventPatterns(
        light_verb=re.compile(rf"\b(?:{phrase_alternation(lang['light_verbs'])})\b(?:\s+[\w’'-]+){{0,6}}\s*$",
                              re.IGNORECASE),
        occasion=[re.compile(p, re.IGNORECASE) for p in lang["occasion_patterns"]],
        back_reference=[re.compile(p, re.IGNORECASE) for p in lang["back_reference_patterns"]],
        anaphora=re.compile(rf"\b(?:{phrase_alternation(lang['anaphora'])})\b", re.IGNORECASE),
        topic_before=re.compile(
            rf"\b(?:{phrase_alternation(lang['topic_prepositions'])})\s+(?:the\s+)?$", re.IGNORECASE),
        location_before=re.compile(
            rf"(?:\b(?:{phrase_alternation(lang['location_prepositions'])})\s+(?:the\s+)?"
            rf"|{'|'.join(lang.data.get('location_before_patterns', [])) or '(?!)'})$",
            re.IGNORECASE),
        title_scope=re.compile("|".join(lang.data.get("title_scope_patterns", [])) or "(?!)",
                               re.IGNORECASE),
        non_party_before=re.compile(
            rf"\b(?:{phrase_alternation(lang['non_party_prepositions'])})\s+(?:the\s+)?$", re.IGNORECASE),
        planned=re.compile(rf"\b(?:{phrase_alternation(lang['planned_cues'])})\b", re.IGNORECASE),
        distinct=re.compile(rf"\b(?:{phrase_alternation(lang['distinct_act_cues'])})\b", re.IGNORECASE),
        no_occasion=re.compile("|".join(lang["habitual_cues"] + lang["hypothetical_cues"]
                                         + lang["background_cues"]),
                               re.IGNORECASE),
        topics=_keyword_automaton(lang["topics"]),
        topic_order=tuple(lang["topics"]),
        office_then_name=re.compile(rf"\b(?P<office>{offices})(?:{of_whom})?,? {name}"),
        serving_in=re.compile(rf"\b(?:{serving_in})\s+(?:the\s+)?$"),
        title_words=frozenset(w.strip(".,") for o in lang["offices"] + lang["honorifics"]
                              for w in o.split()),
        # a name opens this one, tried at every capital: the words a name may not hold are
        # checked on its matches (person_name), not at every try
        name_then_office=re.compile(rf"(?P<name>{_person_name(lang, guarded=False)}), "
                                    rf"(?:the )?(?:[A-Z][\w-]+ )?(?P<office>{offices})\b"),
        person_name=re.compile(_person_name(lang)),
        mode_words={w.lower(): mode for mode, words in lang["mode_words"].items() for w in words},
        reporting=re.compile(rf"\b(?:{phrase_alternation(lang['reporting_verbs'])})\b"),
        speech_content=re.compile(lang["speech_content_pattern"]),
        resident=re.compile(rf"\b(?:{phrase_alternation(lang['resident_offices'])})\b",
                            re.IGNORECASE),
        arrival_welcome=re.compile(rf"\b(?:{phrase_alternation(lang['arrival_welcome_cues'])})\b",
                                   re.IGNORECASE),
        invitation=re.compile(rf"\b(?:{phrase_alternation(lang['invitation_cues'])})\b",
                              re.IGNORECASE),
        attend_purpose=re.compile(lang["attend_purpose_pattern"], re.IGNORECASE),
        series=re.compile(lang["series_pattern"], re.IGNORECASE),
        sidelines=re.compile(rf"\b(?:{phrase_alternation(lang['sidelines_cues'])})\b[^,;]*",
                             re.IGNORECASE),
        planned_grammemes=frozenset(lang.data.get("planned_grammemes", ())),
        morphology=lang.morphology,
        office_title=re.compile(
            rf"\b(?P<title>{phrase_alternation(list(titles))})"
            rf"{lang['office_title_gap_pattern']}[\s,]*$", re.IGNORECASE),
        office_titles=titles,
    )


def _title_of(lang: Language) -> dict[str, str]:
    return {written.lower(): title for title, spellings in lang["office_titles"].items()
            for written in spellings}


def _keyword_automaton(keywords_by_topic: dict[str, list[str]]) -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for topic, keywords in keywords_by_topic.items():
        for kw in keywords:
            kw = kw.lower()
            length, topics = automaton.get(kw, (len(kw), []))
            automaton.add_word(kw, (length, [*topics, topic]))
    automaton.make_automaton()
    return automaton


@dataclass
class TriggerHit:
    start: int
    end: int
    text: str
    event_type: str
    mode: str | None
    attach_only: bool
