"""Per-language knowledge, loaded from `lang/<code>.yaml` beside this module and compiled once."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from babel import Locale

from flows.extract.morphology import CYRILLIC, LANG_DIR, expand_pattern, expand_phrase, forms_of
from flows.yaml_files import read_yaml


def phrase_alternation(phrases: list[str], escape: bool = True) -> str:
    """One regex alternation of phrases, so that the longest match wins.

    Literal phrases are written as a trie ("январ(?:ь|я|е)"): Python's `re` tries each
    branch of an alternation in turn at every position, and a flat list of the 213 Tajik
    spellings of the months cost 90 µs a sentence, ten times the trie. The two match alike: phrases that
    match at one place are prefixes of one another, and the trie tries the longer first.
    Where two phrases differ only in case (which a case-blind pattern would try in another
    order), the flat list, longest first, is kept."""
    items = sorted({p for p in phrases if p}, key=lambda p: (-len(p), p))
    if escape and len({p.casefold() for p in items}) == len(items) \
            and _trie_size(items) == _trie_size([p.casefold() for p in items]):
        return _trie_pattern(_trie(items))
    return "|".join(re.escape(p) if escape else p for p in items)


def _trie(phrases: list[str]) -> dict:
    root: dict = {}
    for phrase in phrases:
        node = root
        for ch in phrase:
            node = node.setdefault(ch, {})
        node[""] = {}  # a phrase ends here
    return root


def _trie_size(phrases: list[str]) -> int:
    return len({p[:i] for p in phrases for i in range(1, len(p) + 1)})


def _trie_pattern(node: dict) -> str:
    """A trie as a regex; an ending is optional after the branches that go on. Branches begin
    with different letters (in either case, as `phrase_alternation` checks), so at most one
    matches and their order does not matter."""
    parts = [re.escape(ch) + _trie_pattern(child) for ch, child in node.items() if ch]
    if not parts:
        return ""
    body = parts[0] if len(parts) == 1 else f"(?:{'|'.join(parts)})"
    return f"(?:{body})?" if "" in node else body


def _any_of(patterns: list[str], flags: int) -> re.Pattern:
    """One pattern matching wherever any of them does (one scan instead of one each)."""
    return re.compile("|".join(f"(?:{p})" for p in patterns), flags)


@dataclass(frozen=True)
class Trigger:
    regex: re.Pattern
    event_type: str
    mode: str | None
    strong: bool
    anchors: frozenset[str] | None  # one of these words must be in a sentence it can match


_LEADING_LITERAL = re.compile(r"^\\b([^\W\d_]+)(?= |\\b|\\s)")
_PLAIN_WORDS = re.compile(r"[\w '’-]+\??")
_OPTIONAL = ("?", "*", "{")
_WORD_ENDS = ("\\b", "\\s", " ", ")")


def _scan(text: str, start: int = 0) -> Iterator[tuple[int, str, int]]:
    """A pattern's characters from `start` with the depth of groups after each (an escaped
    character is skipped: `\\(` opens nothing)."""
    depth, i = 0, start
    while i < len(text):
        c = text[i]
        if c == "\\":
            i += 2
            continue
        depth += (c == "(") - (c == ")")
        yield i, c, depth
        i += 1


def _group_end(pattern: str, opened: int) -> int | None:
    """The index of the `)` closing the group opened at `opened`."""
    return next((i for i, _, depth in _scan(pattern, opened) if depth == 0), None)


def _alternatives(body: str) -> list[str]:
    """A group's body split at its own `|` (not those of its inner groups)."""
    cuts = [i for i, c, depth in _scan(body) if c == "|" and depth == 0]
    return [body[a + 1:b] for a, b in zip([-1, *cuts], [*cuts, len(body)], strict=True)]


def _leading_words(alternative: str) -> set[str] | None:
    """Words one of which any match of a pattern's alternative must hold: the longest plain
    word it opens with (all of its words are needed: "will" and "to" in "will arrive|to
    arrive" would let the pattern run on nearly every sentence), or those of the group it
    opens with; None when it opens otherwise or optionally."""
    if alternative.startswith("("):
        end = _group_end(alternative, 0)
        if end is None or alternative[end + 1:end + 2] in _OPTIONAL:
            return None
        body = alternative[3 if alternative.startswith("(?:") else 1:end]
        words: set[str] = set()
        for alt in _alternatives(body):
            found = _leading_words(alt)
            if found is None:
                return None
            words |= found
        return words
    plain = _PLAIN_WORDS.match(alternative)
    if not plain or not plain.group(0).split() or \
            alternative[plain.end():plain.end() + 1] in ("*", "+", "{"):
        return None
    text, rest = plain.group(0).lower(), alternative[plain.end():]
    candidates = text.split()
    if not (text.endswith(" ") or rest == "" or rest.startswith(_WORD_ENDS)):
        candidates = candidates[:-1]  # "command[- ]staff": its last word goes on in the text
    if not candidates:
        return None
    word = max(reversed(candidates), key=lambda w: len(w.rstrip("?")))
    if word.endswith("?"):  # "agreements?": both forms
        return {word[:-1], word[:-2]}
    if plain.group(0).endswith(word) and alternative[plain.end():plain.end() + 1] == "?":
        return None  # its last character optional, as the regex reads "word?" inside a group
    return {word}


def anchor_words(pattern: str) -> frozenset[str] | None:
    """Words one of which a sentence must hold for the pattern to match, when it opens with
    a plain alternation (`\\b(met|meets) with`), the word forms the morphology expands a
    `{word}` to (`\\b((?:встреча|встречи|...)|(?:переговоры|...)) с`) or a word: a sentence
    holding none of them cannot match, so the pattern need not run. None when the pattern
    opens otherwise."""
    if pattern.startswith("\\b("):
        words = _leading_words(pattern[2:])
        return frozenset(words) if words else None
    literal = _LEADING_LITERAL.match(pattern)
    return frozenset([literal.group(1).lower()]) if literal else None


class Language:
    """A language's data file with its patterns compiled."""

    def __init__(self, code: str, data: dict):
        self.code = code
        self.morphology = data.get("morphology", {}).get("analyser")
        data = _expanded(data, self.morphology)
        self.data = data
        fur = data["furniture"]
        flags = re.IGNORECASE | re.MULTILINE
        self.furniture_line = _any_of(fur["line_patterns"], flags)
        self.section_heading = _any_of(fur["section_headings"], flags)
        self.inline_furniture = re.compile("|".join(fur["inline_patterns"]), re.IGNORECASE)
        self.reference_marker = _any_of(fur["reference_markers"], flags)
        self.datelines = [re.compile(p, re.IGNORECASE) for p in fur["dateline_patterns"]]
        self.dateline_prefixes = [re.compile(p) for p in fur.get("dateline_prefix_patterns", [])]
        self.header_prefixes = [re.compile(p, re.IGNORECASE) for p in fur.get("header_prefix_patterns", [])]
        self.headline_run_min_lines = int(fur["headline_run_min_lines"])
        self.headline_max_chars = int(fur["headline_max_chars"])
        self.abbreviations = set(data["abbreviations"])
        locale = Locale.parse(code)
        months: dict[str, int] = {}
        for width in ("wide", "abbreviated"):
            for ctx in ("format", "stand-alone"):
                for num, name in locale.months[ctx][width].items():
                    months[name.lower().rstrip(".")] = num
        months.update(data.get("months_extra", {}))
        # "в январе", "к январю": the cases CLDR does not list
        for num, name in locale.months["stand-alone"]["wide"].items():
            months.update({f.lower(): num for f in forms_of(name.lower(), self.morphology)})
        self.months = months
        ignored = set(data.get("weekdays_ignored", []))
        self.weekdays = {f.lower(): num for num, name in locale.days["format"]["wide"].items()
                         for f in forms_of(name.lower(), self.morphology)
                         if name.lower() not in ignored}  # 0 = Monday
        self.triggers = [
            Trigger(re.compile(t["pattern"], re.IGNORECASE), t["type"], t.get("mode"),
                    t.get("strength", "strong") == "strong",
                    frozenset(t["anchors"]) if "anchors" in t else anchor_words(t["pattern"]))
            for t in data["triggers"]
        ]
        # trigger positions by anchor word, so a sentence runs only the patterns it can match
        self.triggers_by_anchor: dict[str, list[int]] = {}
        for i, trig in enumerate(self.triggers):
            for word in trig.anchors or ():
                self.triggers_by_anchor.setdefault(word, []).append(i)
        self.unanchored_triggers = frozenset(i for i, t in enumerate(self.triggers)
                                             if t.anchors is None)

    def __getitem__(self, key: str):
        return self.data[key]


_REGEX_LIKE = re.compile(r"[\\()\[\]|?*+^$]")


def _expanded(value, morphology: str | None):
    """The language data with every `{word}` placeholder expanded (see `morphology`): in a
    regular expression (a string with regex syntax) to the alternation of the word's forms,
    in a plain phrase of a list to one item a form."""
    if morphology is None:
        return value
    if isinstance(value, dict):  # a key with placeholders ("{доллар}": USD) is every form
        return {form: _expanded(v, morphology) for k, v in value.items()
                for form in (expand_phrase(k, morphology) if not _REGEX_LIKE.search(k) else [k])}
    if isinstance(value, list):
        out = []
        for item in value:
            if isinstance(item, str) and not _REGEX_LIKE.search(item):
                out += expand_phrase(item, morphology)
            else:
                out.append(_expanded(item, morphology))
        return out
    if isinstance(value, str):
        return expand_pattern(value, morphology)
    return value


@cache
def load_language(code: str = "en") -> Language:
    """The rules of a language; a language without a file is cleaned with English rules (page
    furniture is mostly markup and links) but never read for events (`has_rules`)."""
    path = LANG_DIR / f"{code}.yaml"
    if not path.exists():
        path = LANG_DIR / "en.yaml"
    return Language(code if path.stem == code else "en",
                    read_yaml(path))


_LETTER = re.compile(r"[^\W\d_]")
_WORD = re.compile(r"[^\W\d_]+")
DETECT_SAMPLE_CHARS = 5000
ENGLISH_SAMPLE_CHARS = 1500  # enough words to tell English by its commonest ones


@cache
def rule_languages() -> tuple[str, ...]:
    """The languages the project has a file of rules for (`lang/<code>.yaml`; `scripts.yaml`
    tells languages apart and is none)."""
    return tuple(sorted(p.stem for p in LANG_DIR.glob("*.yaml") if p.stem != "scripts"))


def has_rules(code: str) -> bool:
    """Whether the project has a language file (rules to read texts) for the language."""
    return code in rule_languages()


@cache
def _scripts() -> dict:
    return read_yaml(LANG_DIR / "scripts.yaml")


@cache
def _latin_identifier():
    # imported here: loading its model costs ~0.3 s, and most builds read Cyrillic or English
    from py3langid.langid import MODEL_FILE, LanguageIdentifier
    ident = LanguageIdentifier.from_model_file(MODEL_FILE)
    ident.set_languages(_scripts()["latin_candidates"])
    return ident


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language: Cyrillic texts by the letters of their own
    alphabets (Tajik ҷ ӣ ӯ, Uzbek ў, Kazakh, Kyrgyz; else Russian), English by its commonest
    words, others by py3langid."""
    sample = text[:DETECT_SAMPLE_CHARS]
    scripts = _scripts()
    if CYRILLIC.search(sample):
        cyrillic = len(CYRILLIC.findall(sample))
        if cyrillic / max(1, len(_LETTER.findall(sample))) > 0.3:
            counts = {code: sum(sample.count(ch) for ch in chars)
                      for code, chars in scripts["cyrillic_letters"].items()}
            code, n = max(counts.items(), key=lambda kv: kv[1])
            return code if n and n / cyrillic >= scripts["min_share"] else "ru"
    words = _WORD.findall(sample[:ENGLISH_SAMPLE_CHARS].lower())
    common = _english_words()
    if not words or sum(w in common for w in words) / len(words) >= scripts["english_min_share"]:
        return "en"
    if len(words) < scripts["short_text_words"] and sample.isascii():
        return "en"  # a line of names and plain words: too little for the model to tell
    return _latin_identifier().classify(sample)[0]


@cache
def _english_words() -> frozenset[str]:
    return frozenset(_scripts()["english_words"])
