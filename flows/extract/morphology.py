"""Words that change their endings: the forms of a Russian word from pymorphy3's dictionaries,
of a Tajik word from the suffix table of `lang/tg.yaml`.

The language files write a word that inflects as a placeholder, `{встретиться}`: in a regular
expression it stands for any of the word's forms, in a list of phrases for one item a form.
States, cities and people of the gazetteer written in Cyrillic are matched in every case
(Таджикистан, Таджикистана, Таджикистаном).
"""

from __future__ import annotations

import itertools
import re
from functools import cache
from pathlib import Path

from flows.yaml_files import read_yaml

LANG_DIR = Path(__file__).resolve().parent / "lang"  # the language files, one per language
PLACEHOLDER = re.compile(r"\{([^\W\d_][^{}\d,]*)\}")  # {word}; a quantifier {0,4} has digits
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
TAJIK_LETTERS = re.compile(r"[ҷҳӣқғӯҶҲӢҚҒӮ]")
CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
_INFLECTING = {"NOUN", "ADJF", "PRTF"}  # what agrees in case inside a name ("Российской Федерации")


@cache
def _analyzer():
    import pymorphy3  # loaded once, when a language file or Cyrillic name first needs it
    return pymorphy3.MorphAnalyzer(lang="ru")


@cache
def _tajik_suffixes() -> tuple[tuple[str, ...], tuple[str, ...]]:
    table = read_yaml(LANG_DIR / "tg.yaml")["morphology"]
    return tuple(table["suffixes"]), tuple(table["final_i_suffixes"])


def _like(form: str, model: str) -> str:
    """The form written in the letter case of the word it was made from."""
    if model.isupper() and len(model) > 1:
        return form.upper()
    if model[:1].isupper():
        return form[:1].upper() + form[1:]
    return form


@cache
def russian_forms(word: str) -> tuple[str, ...]:
    """Every form of the word: of all its readings whose dictionary form it is, or of its
    first reading when it is itself a form ("переговоры")."""
    parses = _analyzer().parse(word.lower())
    chosen = [p for p in parses if p.normal_form == word.lower()] or parses[:1]
    forms = {f.word for p in chosen for f in p.lexeme} | {word.lower()}
    forms |= {f.replace("ё", "е") for f in forms}  # news mostly writes ё as е (провёл, провел)
    return tuple(sorted((_like(f, word) for f in forms), key=len, reverse=True))


def tajik_forms(word: str) -> tuple[str, ...]:
    """The word and the word with each suffix of the table (Тоҷикистон, Тоҷикистонро)."""
    suffixes, after_i = _tajik_suffixes()
    forms = [word] + [word + s for s in suffixes]
    if word.endswith("ӣ"):
        forms += [word[:-1] + s for s in after_i]
    return tuple(forms)


_WORD = re.compile(r"[^\W\d_]+")


@cache
def _grammemes(word: str) -> frozenset[str]:
    return frozenset(_analyzer().parse(word)[0].tag.grammemes)


def has_grammeme(text: str, grammemes: frozenset[str], morphology: str | None) -> bool:
    """Whether a word of the text, in its likeliest reading, carries one of the grammemes
    ("посетит", "совершит": a perfective verb in the future tense, 'futr')."""
    if morphology != "pymorphy3" or not grammemes:
        return False
    return any(_grammemes(w.lower()) & grammemes for w in _WORD.findall(text)
               if CYRILLIC.match(w))


def forms_of(word: str, morphology: str | None) -> tuple[str, ...]:
    if morphology == "pymorphy3":
        return russian_forms(word)
    if morphology == "suffixes":
        return tajik_forms(word)
    return (word,)


def expand_pattern(pattern: str, morphology: str | None) -> str:
    """A regular expression with each `{word}` replaced by the alternation of its forms."""
    return PLACEHOLDER.sub(
        lambda m: "(?:" + "|".join(re.escape(f) for f in forms_of(m.group(1), morphology)) + ")",
        pattern)


def expand_phrase(phrase: str, morphology: str | None) -> list[str]:
    """A phrase with placeholders as every phrase its words' forms make."""
    parts = PLACEHOLDER.split(phrase)
    if len(parts) == 1:
        return [phrase]
    choices = [[p] if i % 2 == 0 else list(forms_of(p, morphology)) for i, p in enumerate(parts)]
    return ["".join(c) for c in itertools.product(*choices)]


@cache
def _surname_cases() -> dict[str, dict[str, str]]:
    return read_yaml(LANG_DIR / "ru.yaml")["morphology"]["surname_cases"]


def _word_cases(word: str) -> list[dict[str, str]]:
    """The ways a word of a name declines, each its form in each case; none when it does not
    decline (Эмомали)."""
    if "-" in word:  # "Касым-Жомарт": its last part declines
        head, _, last = word.rpartition("-")
        return [{case: f"{head}-{form}" for case, form in way.items()}
                for way in _word_cases(last)]
    nominative = [p for p in _analyzer().parse(word) if p.tag.POS in _INFLECTING
                  and "nomn" in p.tag]
    # a singular reading first ("Токаев" is no plural of "Токай"), a plural one ("Эмираты")
    # only of a word the dictionary knows: a guessed plural is a foreign name ("Гурбангулы")
    parses = [p for p in nominative if "plur" not in p.tag] or (
        nominative if _analyzer().word_is_known(word.lower()) else [])
    known = [p for p in parses if {"Surn", "Name"} & p.tag.grammemes]
    ways = []
    lower = word.lower()
    ending = next((e for e in sorted(_surname_cases(), key=len, reverse=True)
                   if lower.endswith(e)), None)
    if not known and ending is not None:  # a surname the dictionary does not know
        stem = word[:-len(ending)]
        ways.append({case: stem + _like(form, word[-len(ending):])
                     for case, form in _surname_cases()[ending].items()})
    for reading in (known or parses)[:1]:
        way = {}
        for case in CASES[1:]:
            inflected = reading.inflect({case})
            if inflected:
                way[case] = _like(inflected.word, word)
        ways.append(way)
    return ways


@cache
def name_forms(name: str) -> tuple[str, ...]:
    """A Cyrillic name in every case: Russian words that agree in case are inflected together
    ("Российская Федерация", "Российской Федерации"), indeclinable ones kept ("Эмомали
    Рахмон", "Эмомали Рахмона"); Tajik endings are added to the last word. A name in another
    script is returned as it is."""
    if not CYRILLIC.search(name):
        return (name,)
    words = name.split(" ")
    ways = [_word_cases(w) or [{}] for w in words]
    forms = {name}
    for case in CASES[1:]:
        for combination in itertools.product(*ways):
            forms.add(" ".join(way.get(case, w) for w, way in zip(words, combination, strict=True)))
            # "в Республике Корея": a title declines, the name in apposition to it does not
            forms.add(" ".join([combination[0].get(case, words[0]), *words[1:]]))
    if "ё" not in name.lower():  # the dictionary writes ё where the name has е
        forms = {f.replace("ё", "е") for f in forms}
    head = " ".join(words[:-1])
    forms |= {(head + " " if head else "") + f for f in tajik_forms(words[-1])[1:]}
    return tuple(sorted(forms))


def nominative_name(name: str) -> str:
    """A Russian personal name in the nominative ("Сироджиддином Мухриддином" -> "Сироджиддин
    Мухриддин"): the words the dictionary reads as a first name, surname or patronymic in the
    case its surname is in are put back; any other word, and a name whose surname the dictionary
    does not know, is kept as written ("Хироси Танакой", "Фаиздин Кахорзода")."""
    if not CYRILLIC.search(name) or TAJIK_LETTERS.search(name):
        return name  # a Tajik name does not decline as a Russian one
    words = name.split(" ")
    # only words the dictionary knows: a guessed reading takes "Кахорзода" for a genitive
    readings = [[p for p in _analyzer().parse(w) if {"Name", "Surn", "Patr"} & p.tag.grammemes]
                if _analyzer().word_is_known(w.lower()) else [] for w in words]
    if not readings[-1] or readings[-1][0].tag.case == "nomn":
        return name  # a surname the dictionary cannot read decides nothing
    case = readings[-1][0].tag.case
    out = []
    for word, named in zip(words, readings, strict=True):
        reading = next((p for p in named if p.tag.case == case), None)
        nominative = reading.inflect({"nomn"}) if reading else None
        out.append(_like(nominative.word, word) if nominative else word)
    return " ".join(out)
