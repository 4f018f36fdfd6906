"""Clean: repair Unicode, normalise white space, find the title and publication date, and
remove page furniture (credits, headline lists, related-news blocks, reference lists).

What is removed stays countable: `furniture_lines_removed` and `chars_removed` per document.
The rules are language data (`extract/lang/<code>.yaml`); this module only applies them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

import ftfy

from flows.extract.dates import parse_absolute_date
from flows.extract.language import Language, detect_language, has_rules, load_language
from flows.records import Document

# ftfy costs ~1 ms a document; run it where it can find something: UTF-8 read as a legacy
# code page (a lead byte like Ã, â, Ð followed by a continuation-range character), C0/C1
# control characters, terminal escapes, HTML entities, ligatures or full-width forms
_NEEDS_FTFY = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192"
    "\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
    "|[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]|&#?\\w+;|[\ufb00-\ufb06\uff01-\uff5e]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_CLOSING = ('.', '!', '?', ':', ';', '"', '”', '»', "'", '’', ')')
TITLE_MAX_CHARS = 200
DATELINE_REACH = 5  # lines opening with a dateline ("DUSHANBE, 3 January 2024 - ...")
DATE_LINE_REACH = 10  # lines that are a date alone ("Опубликовано 10.05.2023")


def normalise(text: str) -> str:
    """Unicode repair (ftfy), NFC, one kind of line ending, single spaces, no edge spaces."""
    if _NEEDS_FTFY.search(text):
        text = ftfy.fix_text(text, normalization="NFC", uncurl_quotes=False)
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = text.replace("\u200b", "").replace("\ufeff", "")
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


# a text hard-wrapped at a fixed width breaks sentences across lines; read as it stands, each
# piece is a "line" the furniture rules may drop and no sentence holds an act whole
WRAPPED_MIN_BREAKS = 3
WRAPPED_MIN_SHARE = 0.3


def unwrap(lines: list[str]) -> list[str]:
    """The lines of a hard-wrapped text joined back into its paragraphs: when at least
    WRAPPED_MIN_BREAKS lines, and WRAPPED_MIN_SHARE of them, end mid-sentence (no closing
    mark, the next line going on in lower case), every line ending without a closing mark is
    joined to the next. Other texts are left as they are."""
    breaks = sum(1 for a, b in zip(lines, lines[1:], strict=False)
                 if a and b and not a.endswith(_CLOSING) and b[:1].islower())
    if breaks < WRAPPED_MIN_BREAKS or breaks < WRAPPED_MIN_SHARE * sum(1 for x in lines if x):
        return lines
    out: list[str] = []
    for line in lines:
        if out and out[-1] and line and not out[-1].endswith(_CLOSING):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


def _is_headline_like(line: str, lang: Language) -> bool:
    return 0 < len(line) <= lang.headline_max_chars and not line.endswith(_CLOSING)


def _furniture_mask(lines: list[str], lang: Language) -> tuple[list[bool], object]:
    """Which lines are furniture; also the publication date found in a dateline, if any."""
    drop = [False] * len(lines)
    published = None
    nonempty = [i for i, line in enumerate(lines) if line]
    # a page's header (breadcrumbs, section, title) may stand before its date line
    for n, i in enumerate(nonempty[:DATE_LINE_REACH]):
        for rx in lang.datelines:
            m = rx.match(lines[i])
            if m and published is None:
                published = parse_absolute_date(m.group("date"), lang)
                if published is not None:
                    drop[i] = True
        if n >= DATELINE_REACH:
            continue
        for rx in lang.dateline_prefixes:
            m = rx.match(lines[i])
            if m and published is None:
                published = parse_absolute_date(m.group("date"), lang)
    for i, line in enumerate(lines):
        if line and lang.furniture_line.match(line):
            drop[i] = True
            # lines run on below a furniture line (a sidebar, a caption) go with it
            j = i + 1
            while j < len(lines) and _is_headline_like(lines[j], lang):
                drop[j] = True
                j += 1
    # a tail section ("Related news", "References", "See also") ends the article
    seen_text = False
    for i, line in enumerate(lines):
        if line and not drop[i] and not _is_headline_like(line, lang):
            seen_text = True
        if seen_text and line and lang.section_heading.match(line):
            for j in range(i, len(lines)):
                drop[j] = True
            break
    # runs of short unpunctuated lines are lists of other headlines
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and _is_headline_like(lines[j], lang):
            j += 1
        if j - i >= lang.headline_run_min_lines:
            for k in range(i, j):
                drop[k] = True
        i = max(j, i + 1)
    # numbered reference lists ("1. Author. Title. Retrieved ...")
    numbered = [bool(re.match(r"^\^?\d{1,3}\.\s", line)) for line in lines]
    for i, is_num in enumerate(numbered):
        before = i > 0 and numbered[i - 1]
        after = i + 1 < len(lines) and numbered[i + 1]
        if is_num and (before or after):
            drop[i] = True
    return drop, published


def _header_date(lines: list[str], lang: Language) -> tuple[list[str], object]:
    """A publication date written as a header at the very start of a line the article then
    runs on ("date 2023-08-26 DUSHANBE, ..."): the date is kept and the header taken off the
    line, the rest of which is text."""
    for i, line in enumerate(lines[:5]):
        for rx in lang.header_prefixes:
            m = rx.match(line)
            if m and (published := parse_absolute_date(m.group("date"), lang)) is not None:
                return [*lines[:i], line[m.end():].lstrip(), *lines[i + 1:]], published
    return lines, None


def find_title(lines: list[str]) -> str | None:
    """The first line, when it reads as a headline: short and not a run of sentences."""
    for line in lines:
        if not line:
            continue
        if len(line) <= TITLE_MAX_CHARS and not re.search(r"[.!?]\s+[A-Z]", line) \
                and not line.endswith("."):
            return line
        return None
    return None


def clean_document(doc: Document) -> Document:
    """A copy of the document with cleaned text, title, date, language and counts."""
    text = normalise(doc.text)
    if doc.title:
        doc = replace(doc, title=normalise(doc.title))
    language = detect_language(text)
    lang = load_language(language)
    genre = "reference" if lang.reference_marker.search(text) else "news"
    lines, header_published = _header_date(unwrap(text.split("\n")), lang)
    drop, published = _furniture_mask(lines, lang)
    published = header_published or published
    kept = [lang.inline_furniture.sub("", line).rstrip() if not d else None
            for line, d in zip(lines, drop, strict=True)]
    body = "\n".join(line for line in kept if line is not None)
    body = re.sub(r"\n{3,}", "\n\n", body).strip()
    return replace(
        doc,
        text=body,
        title=doc.title or find_title(body.split("\n")),
        published_date=doc.published_date or published,
        language=language,
        language_supported=has_rules(language),
        genre=genre,
        furniture_lines_removed=sum(1 for line, d in zip(lines, drop, strict=True) if d and line),
        # net: a ligature or full-width form normalised into two characters adds one
        chars_removed=max(0, doc.chars_raw - len(body)),
    )


def clean_batch(docs: list[Document]) -> list[Document]:
    return [clean_document(d) for d in docs]
