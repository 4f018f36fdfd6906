"""Figures: numeric facts with a currency or unit, normalised, with what they measure, the
period they refer to, whether they are a target, and the states concerned.

Hand-written rather than quantulum3, which mis-reads "a US$10 million" (value 1), "3,000
hectares" (no unit) and "17 Mil Mi-17" (mill per mile); the units, scales, measures and cues
are language data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache

from flows.extract.dates import DateMention, days_of_month
from flows.extract.language import Language, phrase_alternation
from flows.extract.sentences import Sentence
from flows.records import Figure

_DIGIT = re.compile(r"\d")
_CLAUSE_BREAK = re.compile(r";|:|\s[–—-]\s|,\s(?:while|whereas|but)\s|\band (?:its|their)\b")
# an aside listing what a total holds ("trade turnover, including electrical power, ...")
_ASIDE = re.compile(r",\s*(?:including|excluding|except|such as)\b[^,]*(?=,)", re.IGNORECASE)


@dataclass(frozen=True)
class FigurePatterns:
    number: re.Pattern
    person_nouns: re.Pattern
    count_nouns: re.Pattern
    measures: list[tuple[str, re.Pattern]]
    target: re.Pattern
    qualifier: re.Pattern
    not_before: re.Pattern
    word_count: re.Pattern
    word_count_cues: re.Pattern  # any counted noun or multiplier: most sentences have none
    number_word: re.Pattern  # where a number word may start: the count is matched only there
    word_values: dict[str, int]
    person_noun: re.Pattern
    decline_before: re.Pattern
    decline_after: re.Pattern
    signed_nouns: frozenset[str]
    signing: re.Pattern
    balance: re.Pattern
    multiplier_before: re.Pattern
    multiplier_after: re.Pattern
    lang: Language


@cache
def patterns_for(lang: Language) -> FigurePatterns:
    sep = "".join(re.escape(s) for s in lang["thousands_separators"])
    dec = "[" + "".join(re.escape(s) for s in lang["decimal_separators"]) + "]"
    num = rf"\d{{1,3}}(?:[{sep}]\d{{3}})+(?:{dec}\d+)?|\d+(?:{dec}\d+)?"
    prefixes = phrase_alternation(list(lang["currency_prefixes"]))
    scales = phrase_alternation([s for s in lang["scales"] if len(s) > 2])
    short_scales = phrase_alternation([s for s in lang["scales"] if len(s) <= 2]) or "(?!)"
    suffixes = phrase_alternation(list(lang["currency_suffixes"]) + list(lang["physical_units"])
                                  + list(lang["scaled_units"]))
    number = re.compile(
        # not a format's name ("C5+1"), a part of a code or a ratio
        rf"(?<![\w.,/=-])(?<!\w\+)(?P<prefix>{prefixes})?\s?"
        rf"(?P<num>{num})(?:\s?(?:-|–|to)\s?(?P<num2>{num}))?"
        rf"(?:(?P<short>{short_scales})\b|\s(?P<scale>{scales})\b\.?)?"
        rf"(?:[\s-]?(?P<unit>{suffixes})(?![\w]))?"
        rf"(?!\w|[.,]\d|\s?[/=])",
        re.IGNORECASE)
    person = phrase_alternation(lang["person_nouns"])
    count = phrase_alternation(lang["count_nouns"])
    words = r"(?:[\w.’'-]+\s){0,3}?"
    # an empty alternative would let any words before a stop count as a noun
    count_shape = "|".join(x for x in [count, *lang.data.get("count_noun_patterns", [])] if x)
    word_values = number_word_values(lang)
    times_words = [w for w, u in lang["physical_units"].items() if u == "times"]
    return FigurePatterns(
        number=number,
        person_nouns=re.compile(rf"^\s{words}(?P<noun>{person})\b", re.IGNORECASE),
        count_nouns=re.compile(rf"^\s{words}(?P<noun>{count_shape or '(?!)'})(?!\w)"),
        measures=[(m, re.compile(rf"\b(?:{phrase_alternation(kws)})\b", re.IGNORECASE))
                  for m, kws in lang["measures"].items()],
        target=re.compile(rf"\b(?:{phrase_alternation(lang['target_cues'])})\b", re.IGNORECASE),
        qualifier=re.compile(rf"\b(?P<q>{phrase_alternation(list(lang['qualifiers']))})\s*$",
                             re.IGNORECASE),
        not_before=re.compile(rf"\b(?:{'|'.join(lang['not_figure_before'])})\s*$", re.IGNORECASE),
        word_count=_word_count_pattern(lang, word_values, times_words),
        word_count_cues=re.compile(phrase_alternation(
            [n.lower() for n in [*lang["number_word_nouns"], *times_words]]) or "(?!)"),
        number_word=re.compile(
            rf"\b(?:{phrase_alternation(list(lang['number_words']))})\b", re.IGNORECASE),
        word_values=word_values,
        person_noun=re.compile(rf"(?:{person})", re.IGNORECASE),
        decline_before=re.compile(rf"\b(?:{'|'.join(lang['decline_before'])})\s*$", re.IGNORECASE),
        decline_after=re.compile(rf"^\s*(?:{'|'.join(lang['decline_after'])})\b", re.IGNORECASE),
        signed_nouns=frozenset(n.lower() for n in lang["signed_nouns"]),
        signing=re.compile(lang["signing_pattern"], re.IGNORECASE),
        balance=re.compile(lang["trade_balance_pattern"], re.IGNORECASE),
        # "grew 3 times", "grew almost 3 times": a qualifier may stand between
        multiplier_before=re.compile(
            rf"\b(?:{phrase_alternation(lang['multiplier_before'])})"
            rf"(?:\s+(?:{phrase_alternation(list(lang['qualifiers']))}))?\s*$", re.IGNORECASE),
        multiplier_after=re.compile(rf"\s*(?:{phrase_alternation(lang['multiplier_after'])})\b",
                                    re.IGNORECASE),
        lang=lang,
    )


def number_word_values(lang: Language) -> dict[str, int]:
    """The language's number words, with tens and units written together ("twenty-two")."""
    words = {w.lower(): int(v) for w, v in lang["number_words"].items()}
    tens = {w: v for w, v in words.items() if 20 <= v < 100 and v % 10 == 0}
    units = {w: v for w, v in words.items() if 1 <= v <= 9}
    for joiner in lang.data.get("number_word_joiners", []):
        for tw, tv in tens.items():
            for uw, uv in units.items():
                words[f"{tw}{joiner}{uw}"] = tv + uv
    return words


def _word_count_pattern(lang: Language, values: dict[str, int], times_words: list[str]):
    """A number word before a counted noun ("nine documents", "twenty-two trucks") or a
    multiplier ("four times"); never after an article that makes it a set ("the two
    countries") nor before "of" ("one of the agreements")."""
    times = phrase_alternation(times_words) or "(?!)"
    return re.compile(
        rf"(?<!the )(?<!these )(?<!those )(?<!both )\b(?P<word>{phrase_alternation(list(values))})"
        rf"(?:[\s-](?P<times>{times})\b"
        rf"|\s(?:(?!of\b)[\w’'-]+\s){{0,3}}?(?P<noun>{phrase_alternation(lang['number_word_nouns'])})\b)",
        re.IGNORECASE)


def _to_decimal(raw: str, lang: Language) -> Decimal | None:
    for s in lang["thousands_separators"]:
        raw = raw.replace(s, "")
    for s in lang["decimal_separators"]:
        raw = raw.replace(s, ".")
    try:
        return Decimal(raw)
    except InvalidOperation:
        return None


def clause_bounds(text: str, pos: int) -> tuple[int, int]:
    """The clause around a position: between semicolons, dashes and ", and"/", while"."""
    start, end = 0, len(text)
    for m in _CLAUSE_BREAK.finditer(text):
        if m.end() <= pos:
            start = m.end()
        elif m.start() >= pos:
            end = m.start()
            break
    return start, end


def measure_of(text: str, start: int, end: int, unit: str, p: FigurePatterns) -> str:
    """What the figure measures: a keyword just after it ("$2 million aid", "$50,000 worth of
    aid"), else the nearest keyword before it in its clause, else one after it."""
    if unit in ("km2", "ha"):
        return "area"
    if unit in ("MW", "kWh"):
        return "energy"
    c0, c1 = clause_bounds(text, start)
    after = text[end:c1]
    head = re.match(r"^\s*(?:worth\s+(?:of\s+)?|in\s+)?(?:(?!(?:and|or|but|while)\b)[\w-]+\s+){0,2}",
                    after)
    window = after[: head.end() + 25] if head else after[:25]
    best_after = _nearest(window, p, from_end=False, limit=len(window))
    if best_after and best_after[1] <= (head.end() if head else 0) + 1:
        return best_after[0]
    # "trade turnover, including electrical power and natural gas, amounted to $5.3b": what
    # an aside lists is not what the figure measures (blanked, so distances stay true)
    before = _nearest(_ASIDE.sub(lambda m: " " * len(m.group(0)), text[c0:start]), p,
                      from_end=True)
    if before:
        return before[0]
    rest = _nearest(after, p, from_end=False)
    if rest:
        return rest[0]
    # "the largest volume of trade was with Kazakhstan - $550 million": the sentence before
    # the clause names it
    earlier = _nearest(text[:c0], p, from_end=True)
    return earlier[0] if earlier else "other"



def _nearest(chunk: str, p: FigurePatterns, from_end: bool,
             limit: int | None = None) -> tuple[str, int] | None:
    best: tuple[str, int] | None = None
    for measure, rx in p.measures:
        for m in rx.finditer(chunk):
            dist = len(chunk) - m.end() if from_end else m.start()
            if limit is not None and dist > limit:
                continue
            if best is None or dist < best[1]:
                best = (measure, dist)
    return best


def find_figures(sentence: Sentence, doc_id: str, lang: Language,
                 dates: list[DateMention], context_period: str | None,
                 countries: list[str]) -> list[Figure]:
    """The figures of one sentence. `dates` are the sentence's own date mentions (offsets
    relative to the sentence); `context_period` is the period of the paragraph so far."""
    text = sentence.text
    p = patterns_for(lang)
    out: list[Figure] = _counted_in_words(sentence, doc_id, p, dates, context_period, countries)
    if not _DIGIT.search(text):
        return out  # every other figure is written with digits
    days = days_of_month(text, lang)
    for m in p.number.finditer(text):
        if any(d.start <= m.start("num") < d.end for d in dates) \
                or any(a <= m.start("num") < b for a, b in days):
            continue
        before = text[max(0, m.start() - 15):m.start()]
        if p.not_before.search(before) or before.rstrip().endswith(("=", "/")):
            continue
        prefix, unit_word = m.group("prefix"), m.group("unit")
        scale = Decimal(1)
        scale_word = (m.group("scale") or m.group("short") or "").lower()
        if m.group("short") and not prefix:
            continue  # "5m" alone may be metres: short scales only with a currency symbol
        if scale_word:
            scale = Decimal(str(lang["scales"][scale_word]))
        unit = None
        end = m.end()
        if prefix:
            unit = lang["currency_prefixes"][_key(prefix, lang["currency_prefixes"])]
        if unit_word:
            w = unit_word.lower()
            if w in lang["currency_suffixes"]:
                unit = unit or lang["currency_suffixes"][w]
            elif w in lang["scaled_units"]:
                unit, extra = lang["scaled_units"][w]
                scale *= Decimal(str(extra))
            else:
                unit = unit or lang["physical_units"].get(w) or lang["physical_units"].get(unit_word)
        else:
            end = m.end("scale") if m.group("scale") else m.end("short") if m.group("short") \
                else m.end("num2") if m.group("num2") else m.end("num")
        if unit == "times" and not _is_multiplier(text, m.start(), end, p):
            continue
        if unit is None:
            rest = text[end:]
            pm = p.person_nouns.match(rest)
            cm = p.count_nouns.match(rest)
            if pm and cm:  # the noun nearer the number counts: "42 units of military equipment"
                pm, cm = (pm, None) if pm.start("noun") <= cm.start("noun") else (None, cm)
            if pm:
                unit, end, noun = "persons", end + pm.end(), pm.group("noun")
            elif cm:
                unit, end, noun = "units", end + cm.end(), cm.group("noun")
            else:
                continue
        value = _to_decimal(m.group("num"), lang)
        if value is None:
            continue
        value_max = _to_decimal(m.group("num2"), lang) if m.group("num2") else None
        start = m.start()
        q = p.qualifier.search(text[max(0, start - 25):start])
        c0, _ = clause_bounds(text, start)
        if unit == "persons":
            measure = _person_measure(noun, p)
        elif unit == "units":
            measure = _count_measure(noun, text[c0:clause_bounds(text, start)[1]], p)
        else:
            measure = measure_of(text, start, end, unit, p)
        if _declines(text, c0, start, end, p):
            value = -value
            if measure == "trade_turnover" and p.balance.search(text[c0:end + 30]):
                measure = "trade_balance"
        v0, v1 = _stripped(text, start, end)
        out.append(Figure(
            doc_id=doc_id,
            value=float(value * scale),
            value_max=float(value_max * scale) if value_max is not None else None,
            qualifier=lang["qualifiers"][q.group("q").lower()] if q else None,
            unit=unit,
            measure=measure,
            period=_period_near(dates, start, context_period),
            is_target=bool(p.target.search(text[c0:start])),
            countries=countries,
            text_as_written=text[v0:v1],
            sentence_index=sentence.index,
            char_start=sentence.start,
            char_end=sentence.end,
            value_start=sentence.start + v0,
            value_end=sentence.start + v1,
            evidence=text,
        ))
    return _measures_along_runs(out)


def _is_multiplier(text: str, start: int, end: int, p: FigurePatterns) -> bool:
    """"times" is a multiplier ("grew almost 3 times", "2 times more"), not a view counter,
    only beside the words listed for it."""
    return bool(p.multiplier_before.search(text[max(0, start - 25):start])
                or p.multiplier_after.match(text[end:]))


def _person_measure(noun: str, p: FigurePatterns) -> str:
    """People are measured by what they are: troops, migrants...; else `people`."""
    nearest = _nearest(noun, p, from_end=False)
    return nearest[0] if nearest else "people"


def _declines(text: str, clause_start: int, start: int, end: int, p: FigurePatterns) -> bool:
    """Codebook: "declines are negative: 'fell by 20%', 'a 17-percent decrease'"."""
    return bool(p.decline_before.search(text[clause_start:start])
                or p.decline_after.search(text[end:end + 30]))


def _stripped(text: str, start: int, end: int) -> tuple[int, int]:
    """The span less the white space at its ends."""
    span = text[start:end]
    return start + len(span) - len(span.lstrip()), end - len(span) + len(span.rstrip())


def _measures_along_runs(figures: list[Figure]) -> list[Figure]:
    """A run of figures of one unit ("Turkey - 31.2% of all exports, Iran - 12.5%, Uzbekistan -
    8.1%") measures one thing: a figure the words around it say nothing of takes the measure
    of the one before it."""
    for prev, fig in zip(figures, figures[1:], strict=False):
        if fig.measure == "other" and prev.measure != "other" and prev.unit == fig.unit:
            fig.measure = prev.measure
    return figures


def _count_measure(noun: str, clause: str, p: FigurePatterns) -> str:
    """Documents counted where they were signed are `documents_signed`; other things, other."""
    if noun.lower() in p.signed_nouns and p.signing.search(clause):
        return "documents_signed"
    return "other"


def _counted_in_words(sentence: Sentence, doc_id: str, p: FigurePatterns,
                      dates: list[DateMention], context_period: str | None,
                      countries: list[str]) -> list[Figure]:
    """Counts and multipliers written in words ("nine new cooperation documents were signed",
    "thirty-three light trucks", "grew almost four times"); only before the nouns listed for
    it, so "the two countries" is no figure."""
    out: list[Figure] = []
    text = sentence.text
    lowered = text.lower()
    if not p.word_count_cues.search(lowered):
        return out
    taken = 0
    for start in p.number_word.finditer(text):
        m = p.word_count.match(text, start.start()) if start.start() >= taken else None
        if m is None:
            continue
        taken = m.end()
        c0, c1 = clause_bounds(text, m.start())
        noun = m.group("noun")
        if m.group("times"):
            if not _is_multiplier(text, m.start(), m.end(), p):
                continue
            unit, measure = "times", measure_of(text, m.start(), m.end(), "times", p)
        elif p.person_noun.fullmatch(noun):
            unit, measure = "persons", _person_measure(noun, p)
        else:
            unit, measure = "units", _count_measure(noun, text[c0:c1], p)
        value = p.word_values[m.group("word").lower()]
        if unit == "times" and _declines(text, c0, m.start(), m.end(), p):
            value = -value
        out.append(Figure(
            doc_id=doc_id, value=float(value),
            unit=unit, measure=measure,
            period=_period_near(dates, m.start(), context_period),
            is_target=bool(p.target.search(text[c0:m.start()])), countries=countries,
            text_as_written=m.group(0), sentence_index=sentence.index,
            char_start=sentence.start, char_end=sentence.end,
            value_start=sentence.start + m.start(), value_end=sentence.start + m.end(),
            evidence=text))
    return out


def _key(found: str, table: dict) -> str:
    for k in table:
        if k.lower() == found.lower():
            return k
    return found


def _period_near(dates: list[DateMention], pos: int, context: str | None) -> str | None:
    """The period of the date nearest the figure in its sentence, else the context's."""
    if not dates:
        return context
    return min(dates, key=lambda d: abs(d.start - pos)).period
