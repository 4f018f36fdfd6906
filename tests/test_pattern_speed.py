"""Patterns written for speed match as the plain ones would (issue 26): a list of phrases as a
trie alternation finds, at every place, what the flat list tried longest first finds."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from flows.extract.language import phrase_alternation

# a small alphabet with shared prefixes, case variants and Cyrillic, so that phrases collide
LETTERS = "abAB яЯж.-"
phrases = st.lists(st.text(LETTERS, min_size=1, max_size=5), min_size=1, max_size=12)


def _flat(items: list[str]) -> str:
    return "|".join(re.escape(p) for p in sorted(set(items), key=len, reverse=True))


@settings(max_examples=300, deadline=None)
@given(phrases, st.text(LETTERS, max_size=40), st.sampled_from([0, re.IGNORECASE]),
       st.sampled_from(["{}", r"\b(?:{})\b", "(?:{}) ?a"]))
def test_a_trie_alternation_matches_as_the_flat_list(items, text, flags, context):
    trie = re.compile(context.format(phrase_alternation(items)), flags)
    flat = re.compile(context.format(_flat(items)), flags)
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in flat.finditer(text)]


def test_month_spellings_share_their_prefixes():
    pattern = phrase_alternation(["январь", "января", "январе", "февраль", "февраля"])
    assert re.fullmatch(pattern, "января") and re.fullmatch(pattern, "февраль")
    assert not re.fullmatch(pattern, "январ")
    assert pattern.count("январ") == 1  # one branch for the three forms, not three
    assert re.search(pattern, "с 5 января 2024 года").group() == "января"
