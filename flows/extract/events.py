"""Events: triggers and the event mentions they make, with the parties of `parties`.

An event mention needs a trigger (a verb phrase, or a noun with a light verb or an occasion
phrase) and at least two parties, one of them a state; a statement, a conference told by its
host and a visit by someone serving no named state need only their one state. Parties come
from the sentence (states, their adjectives, people from the actor dictionary or named with an
office, organisations) and, when the sentence points back ("the two leaders", "both sides",
"the talks"), from the event or sentences just before; a sentence going on with the story
takes the states of the act just told. Reference texts (encyclopedias) yield dated events only.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from anyascii import anyascii

from flows.extract.dates import DateMention
from flows.extract.entities import PLACE_KINDS, EntityMatch, Gazetteer, state_actor_id
from flows.extract.figures import clause_bounds
from flows.extract.language import Language
from flows.extract.parties import Party, SentenceReading, dedupe_parties, read_parties, unique
from flows.extract.patterns import EventPatterns, TriggerHit
from flows.extract.places import Place, city_place, place_fields, state_place
from flows.extract.sentences import Sentence
from flows.records import Document, Mention, Participant

INVITATION_REACH = 120  # characters before a visit that an invitation to pay it may lie
CONTEXT_SENTENCES = 3  # how far back "the two leaders" may reach
SPEAKER_PARTS = 3  # how many comma-parts before "told reporters" may name the speaker
_WORDS = re.compile(r"[\w'’-]+")


@dataclass
class DocContext:
    """What a document has said so far that later sentences may point back to."""

    last_mention: Mention | None = None
    last_mention_sentence: int = -10
    recent_states: list[tuple[int, list[str]]] = field(default_factory=list)
    paragraph: int = -1
    paragraph_period: str | None = None
    last_host: tuple[str | None, int] = (None, -10)  # the latest host of a visit, and where

    def event_states_back(self, sentence_index: int) -> list[str]:
        """The states of the act just told, when it was told in the last few sentences."""
        if self.last_mention and sentence_index - self.last_mention_sentence <= CONTEXT_SENTENCES:
            return list(self.last_mention.countries)
        return []

    def states_back(self, sentence_index: int) -> list[str]:
        """The states of the latest event, or of a later sentence naming two or more."""
        for idx, states in reversed(self.recent_states):
            if idx <= self.last_mention_sentence or sentence_index - idx > CONTEXT_SENTENCES:
                break
            if len(states) >= 2:
                return states
        return self.event_states_back(sentence_index)


def find_triggers(text: str, lang: Language, p: EventPatterns,
                  headline: bool = False) -> list[TriggerHit]:
    """The best trigger of each event type in the sentence. A headline drops its verbs ("CICA
    Summit in Dushanbe on June 15"): the gatherings and visits it names are acts."""
    best: dict[str, TriggerHit] = {}
    index = lang.triggers_by_anchor
    runnable = set(lang.unanchored_triggers)
    for word in index.keys() & set(_WORDS.findall(text.lower())):
        runnable.update(index[word])
    spans: dict[str, list[tuple[int, int]]] = {}  # phrases found once a sentence, when asked

    def within(kind: str, patterns: list[re.Pattern], pos: int) -> bool:
        if kind not in spans:
            spans[kind] = [m.span() for rx in patterns for m in rx.finditer(text)]
        return any(a <= pos < b for a, b in spans[kind])

    for trig in (lang.triggers[i] for i in sorted(runnable)):
        for m in trig.regex.finditer(text):
            # one event per distinct act: a visit, the talks held during it and the summit
            # it came for are told apart by their mode
            mode = _mode_of(m.group(0), trig.mode, p) if trig.event_type == "CONSULT" else trig.mode
            cur = best.get((trig.event_type, mode))
            if not trig.strong and cur is not None and not cur.attach_only:
                break  # a noun can add nothing to an act of its kind already found
            if trig.strong:
                attach = within("back", p.back_reference, m.start())
            else:
                c0, _ = clause_bounds(text, m.start())
                attach = not (headline and mode in ("multilateral", "visit")
                              or p.light_verb.search(text[c0:m.start()])
                              or within("occasion", p.occasion, m.start()))
            if mode == "meeting" and trig.event_type == "CONSULT" and not attach:
                # "At the airport, he was welcomed by the Prime Minister": the visit's arrival
                c0, c1 = clause_bounds(text, m.start())
                attach = bool(p.arrival_welcome.search(text, c0, c1))
            hit = TriggerHit(m.start(), m.end(), m.group(0), trig.event_type, mode, attach)
            if cur is None or (cur.attach_only and not hit.attach_only):
                best[(trig.event_type, mode)] = hit
            break  # the first match of a pattern is enough; patterns are ordered by strength
    hits = list(best.values())
    # "will host the fifth summit": one act, read by its longer trigger
    return sorted((h for h in hits if not any(
        o is not h and o.event_type == h.event_type and o.start <= h.start and h.end <= o.end
        and o.end - o.start > h.end - h.start for o in hits)), key=lambda h: h.start)


def act_scope(trig: TriggerHit, triggers: list[TriggerHit], text: str) -> list[tuple[int, int]] | None:
    """Where a sentence reporting several acts names the parties of one of them: its subject
    (before the first act, or in its own clause: "In Astana to attend the summit, President
    Rahmon met ...") and what follows its own trigger up to the next act's ("visited Astana,
    where he met Kazakh officials and took part in a meeting with the five Central Asian
    states"). None when the sentence reports one act."""
    acts = [t for t in triggers if not t.attach_only]
    if trig.attach_only or len(acts) < 2:
        return None
    following = [t.start for t in acts if t.start > trig.start]
    scope = [(0, acts[0].start), (trig.start, min(following, default=len(text)))]
    previous = max((t.end for t in acts if t.end <= trig.start), default=None)
    clause = text.rfind(",", previous, trig.start) if previous is not None else -1
    if clause != -1:
        scope.append((clause, trig.start))
    return scope


def _mode_of(trigger_text: str, mode: str | None, p: EventPatterns) -> str | None:
    """The mode a trigger's own head word gives ("held a summit": multilateral; "held a
    telephone conversation": phone), else the pattern's."""
    for word in reversed(_WORDS.findall(trigger_text.lower())):
        if word in p.mode_words:
            return p.mode_words[word]
    return mode


def _event_date(text: str, dates: list[DateMention], trigger: TriggerHit,
                p: EventPatterns) -> DateMention | None:
    # "last year" dates the figures of a sentence far more often than its events
    # "the Decade for Action 2018-2028": a span of years is a period, not an occasion's date
    # "who welcomed the Amir, said 2024 would see ...": a year in what is said after the act
    # is the speech's, not the act's
    own = [d for d in dates if not d.is_reference and not d.vague
           and (d.date_end - d.date_start).days <= 366
           and not (d.precision == "year" and d.start > trigger.end
                    and p.reporting.search(text, trigger.end, d.start))]
    if trigger.mode == "multilateral" and p.attend_purpose.match(trigger.text):
        # "arrived on Thursday to attend the summit": a date before the purpose is the trip's
        own = [d for d in own if d.start > trigger.start]
    if not own:
        return None
    return min(own, key=lambda d: abs(d.start - trigger.start))


def _topics(text: str, p: EventPatterns) -> list[str]:
    """Topics whose keywords begin a word of the text (a keyword is a word's start: "agricultur")."""
    lowered = text.lower()
    found: set[str] = set()
    for end, (length, topics) in p.topics.iter(lowered):
        start = end - length + 1
        if start == 0 or not (lowered[start - 1].isalnum() or lowered[start - 1] == "_"):
            found.update(topics)
    return [t for t in p.topic_order if t in found]


def mentions_for(doc: Document, s: Sentence, trig: TriggerHit, ents: list[EntityMatch],
                  dates: list[DateMention], g: Gazetteer, p: EventPatterns, ctx: DocContext,
                  points_back: bool, back: list[str],
                  scope: list[tuple[int, int]] | None = None) -> list[Mention]:
    c0, c1 = clause_bounds(s.text, trig.start)
    if p.no_occasion.search(s.text[c0:c1]):
        # "has visited China ten times", "it is not known whether he will meet": a habit or a
        # hypothetical, not an occasion (codebook: "Not events")
        return []
    statement = trig.event_type == "STATEMENT"
    planned = p.tells_plan(trig.text if statement else s.text[c0:trig.end])
    # "invited him to visit Paris": a visit someone is invited to pay
    invited = trig.mode == "visit" and bool(
        p.invitation.search(s.text, max(0, trig.start - INVITATION_REACH), trig.start))
    # a statement's date follows its reporting verb: one before it is what was said; an
    # invitation's date is the inviting's
    date = _event_date(s.text, [d for d in dates if not (statement or invited) or (
        d.start >= trig.start and not (invited and p.reporting.search(s.text, trig.end, d.start)))],
        trig, p)
    # codebook, not events: "wishes without an occasion"; but the states of an invitation
    # are those the story goes on with ("He will receive him on October 13")
    wish = invited and date is None
    if date is not None and planned:  # codebook: "forwards for what is announced"
        date = date.forward(doc.published_date)
    day = date.date_start if date and date.precision == "day" else (
        date.date_end if date else doc.published_date)
    reading = _speaker(s.text, ents, g, p, day, trig) if statement else \
        read_parties(s.text, ents, g, p, day, trig, scope)
    named = unique([x.country for x in reading.parties if x.country])
    host = reading.location.country if reading.location else None
    if host is None and trig.mode == "visit" and not trig.attach_only \
            and s.index - ctx.last_host[1] <= CONTEXT_SENTENCES:
        host = ctx.last_host[0]  # "... have all arrived in Xi'an. Tokayev arrived on Wednesday."
    travellers: list[str] = []
    if trig.event_type == "CONSULT" and trig.mode != "phone" and host \
            and (trig.mode in ("visit", "multilateral") or len(named) < 2):
        # codebook: "the host of a visit or meeting takes part (a visit to Dushanbe -> TJK;
        # 'arrived in Astana' -> KAZ)"
        if trig.mode == "visit":  # the traveller is named before the verb; who is named
            # after it, but the host, belongs to what they do there
            before = [x for x in reading.parties if x.start < trig.start and x.country]
            if before:
                reading.parties = before
            travellers = unique([x.country for x in before if x.country != host])
        place = reading.location
        reading.parties.append(Party(place.start if place else -1, state_actor_id(host),
                                     place.text if place else host, "state", host))
    parties = dedupe_parties(reading.parties)
    own_states = unique([x.country for x in parties if x.country])
    countries = list(own_states)
    inherited_date = None
    last = ctx.last_mention
    if not (points_back or trig.attach_only):
        # a sentence going on with the story ("The prime minister welcomed the ambassador")
        # takes the states of the act just told, not those a sentence between names in passing
        # ... but a gathering's states do not take part in what is done on its sidelines
        sidelines = last is not None and last.event_mode == "multilateral" \
            and trig.mode != "multilateral"
        back = [] if sidelines else ctx.event_states_back(s.index)
    if len(own_states) < 2 and back and not statement:
        countries = unique(countries + back)
        for c in back:
            if c not in own_states:
                parties.append(Party(-1, state_actor_id(c), g.actors[state_actor_id(c)]
                                     .canonical_name, "state", c))
    # "following the meeting", "the two leaders": the event just reported, and its date
    # (a new act of another kind, "the presidents have all arrived", is not dated by it)
    if last and date is None and last.date_start and (
            trig.attach_only or points_back and (last.event_type, last.event_mode)
            == (trig.event_type, trig.mode)) \
            and (doc.genre == "news" or trig.attach_only) \
            and s.index - ctx.last_mention_sentence <= CONTEXT_SENTENCES \
            and set(countries) & set(last.countries):
        inherited_date = last
    orgs = [x for x in parties if x.kind == "organisation"]
    # a conference may be told by its host alone ("Dushanbe will host the summit"): the
    # codebook counts it with the states the text names
    # ... and a statement by its speaker alone (codebook: "a statement has the speaking state
    # only")
    alone = (trig.mode == "multilateral" or statement) and len(countries) == 1
    # ... and a visit by someone serving no state the text names ("Ms. Terhi Hakala arrived
    # in Dushanbe"): the host's
    alone = alone or (trig.mode == "visit" and countries == [host] and any(
        x.kind == "person" and x.country is None for x in parties))
    if not trig.attach_only and not (len(countries) >= 2 or (countries and orgs) or alone):
        return []
    if date is None and inherited_date is None and doc.genre == "reference":
        return []
    place = place_of(reading.location, g, tuple(countries))
    base = dict(
        doc_id=doc.doc_id, sentence_index=s.index, char_start=s.start, char_end=s.end,
        evidence=s.text, trigger=trig.text, event_type=trig.event_type, event_mode=trig.mode,
        **place_fields(place),
        topics=_topics(s.text, p), is_planned=planned, attach_only=trig.attach_only,
        distinct=not trig.attach_only and bool(p.distinct.search(s.text[c0:trig.end])),
    )
    if date is not None:
        base.update(date_start=date.date_start, date_end=date.date_end,
                    date_precision=date.precision)
    elif inherited_date is not None:
        base.update(date_start=inherited_date.date_start, date_end=inherited_date.date_end,
                    date_precision=inherited_date.date_precision)
    out = []
    series = trig.event_type == "CONSULT" and p.series.search(trig.text) and len(own_states) >= 3
    if trig.event_type == "CONSULT" and trig.mode == "meeting" and len(named) >= 3 \
            and not series:
        base["event_mode"] = "multilateral"  # codebook: a multilateral meeting is a conference
    if trig.mode == "visit" and len(travellers) >= 2:
        # "Tokayev, Rahmon and Japarov arrived on Wednesday": each travelled, a visit each
        for state in travellers:
            own = [x for x in parties if x.country in (state, host)]
            out.append(Mention(**base, countries=sorted({state, host}),
                               participants=_participants(own)))
    elif series:
        # "held a series of meetings with the presidents of A, B and C": one meeting each
        host = min((x for x in parties if x.country), key=lambda x: x.start).country
        for other in own_states:
            if other != host:
                pair = [x for x in parties if x.country in (host, other) or x.kind == "organisation"]
                out.append(Mention(**base, countries=sorted({host, other}),
                                   participants=_participants(pair)))
    else:
        out.append(Mention(**base, countries=countries, participants=_participants(parties)))
    if not trig.attach_only:
        ctx.last_mention, ctx.last_mention_sentence = out[-1], s.index
        if host and trig.mode in ("visit", "multilateral"):
            ctx.last_host = (host, s.index)
    return [] if wish else out


def _participants(parties: list[Party]) -> list[Participant]:
    return [Participant(x.actor_id, x.name, x.kind, x.country, x.role, x.term) for x in parties]


_SPEECH_BREAK = re.compile(r"[,;:\"“”]")


def _speaker(text: str, ents: list[EntityMatch], g: Gazetteer, p: EventPatterns,
             day: dt.date | None, trig: TriggerHit) -> SentenceReading:
    """Who makes a statement: the subject of its reporting verb, read from the parts of the
    sentence before it, nearest first ("..., the first deputy head of the Customs Service of
    Tajikistan, Nemat Rahmatov, told reporters"), else the words after it up to the verb that
    reports the speech ("At a press conference in Dushanbe, the Foreign Minister said ...").
    What was said, before the speaker, names no party."""
    breaks = [m.end() for m in _SPEECH_BREAK.finditer(text, 0, trig.start)]
    ends = [trig.start] + [b - 1 for b in reversed(breaks)]
    starts = [*reversed(breaks), 0]
    spans = list(zip(starts, ends, strict=True))[:SPEAKER_PARTS]
    verb = p.reporting.search(text, trig.end)
    after = _SPEECH_BREAK.search(text, trig.end)
    subject_from = after.end() if after and (verb is None or after.start() < verb.start()) \
        else trig.end
    spans.append((subject_from, verb.start() if verb else len(text)))
    reading = SentenceReading([], None)
    for span in spans:
        reading = read_parties(text, ents, g, p, day, trig, [span])
        if any(x.country for x in reading.parties):
            break
    if reading.location is None:
        # where the words were said: "told reporters in Dushanbe", "said at a press
        # conference in Astana that ...", "At a briefing in Tashkent, the minister noted that"
        # (but not a place in what was said, before its verb or after "that")
        content = p.speech_content.search(text, trig.end)
        frame = [(0, trig.start), (trig.end, content.start())] if content \
            else [(trig.end, len(text))]
        reading.location = read_parties(text, ents, g, p, day, trig, frame).location
    return reading


def place_of(found: EntityMatch | None, g: Gazetteer, states: tuple[str, ...] = ()) -> Place | None:
    """Where an act took place, as one English spelling with its GeoNames id and coordinates
    (codebook: "Written in English (Dushanbe, not Душанбе)"). A city GeoNames lacks keeps
    its name, in Latin letters."""
    if found is None:
        return None
    if found.kind not in PLACE_KINDS:
        return state_place(found.key)
    name = g.city_names.get(found.text, found.text)
    # a town's name may be borne in several states ("Guliston"): the one of a state the
    # sentence names, else the first
    country = found.country or next(
        (c for c in found.key.split("|") if c in states), found.key.split("|")[0])
    return city_place(name, country) or Place(anyascii(name), country)
