"""Hypothesis strategies for whole raw folders: news-wire sentences written for these tests
(English, Russian, Tajik), texts in languages without rules, odd Unicode, duplicates, and the
empty and binary files real folders hold. A corpus is a dict of relative path -> bytes."""

from __future__ import annotations

import json

from hypothesis import strategies as st

# Pieces of sentences per language: a subject, what it did (with {partner} and {place}
# slots), partners, places, dates, and whole sentences of figures and of nothing at all.
# Each piece may be empty where a sentence reads without it, so drawn texts come with and
# without people, places, dates and figures.
PIECES = {
    "en": {
        "subject": ["President Emomali Rahmon", "Tajikistan", "Uzbek President Shavkat Mirziyoyev",
                    "The foreign ministers of Kazakhstan and Tajikistan", "Officials",
                    "A delegation of the European Union", "The Tajik side"],
        "act": ["met {partner}{place}", "held talks with {partner}{place}",
                "signed an agreement on water use with {partner}{place}",
                "spoke by phone with {partner}", "arrived{place} on an official visit",
                "will visit{place} next month", "discussed trade and energy{place}"],
        "partner": ["President Kassym-Jomart Tokayev", "Kyrgyzstan", "his Chinese counterpart",
                    "Russian President Vladimir Putin", "the visiting delegation"],
        "place": ["", " in Dushanbe", " in Astana", " in Tashkent", " in Moscow"],
        "date": ["", " on 12 March 2025", " on Tuesday", " in May 2024", " yesterday",
                 " in 1997"],
        "figure": ["Trade between the two countries reached $15 million in 2024.",
                   "Japan provided a grant of 3.5 million US dollars.",
                   "Exports grew by 12 percent in the first half of the year.",
                   "The sides signed 14 documents.", "Some 2,000 troops took part."],
        "filler": ["The weather in the capital was mild.", "Officials did not comment further.",
                   "Read more on our website.", "DUSHANBE, March 12 (Wire) -"],
    },
    "ru": {
        "subject": ["Президент Таджикистана Эмомали Рахмон", "Министр иностранных дел Казахстана",
                    "Делегация Узбекистана", "Глава МИД Таджикистана"],
        "act": ["встретился с {partner}{place}", "провел переговоры с {partner}{place}",
                "подписал соглашение с {partner}{place}",
                "провел телефонный разговор с {partner}", "прибыл{place} с официальным визитом"],
        "partner": ["Президентом России Владимиром Путиным", "Касым-Жомартом Токаевым",
                    "коллегой из Кыргызстана", "представителями Китая"],
        "place": ["", " в Душанбе", " в Москве", " в Ташкенте"],
        "date": ["", " 12 марта 2025 года", " вчера", " в январе 2024 года"],
        "figure": ["Товарооборот составил 1,5 млрд долларов США.", "Экспорт вырос на 9,2%.",
                   "Стороны подписали 12 документов.", "Бюджет составил 12 058,5 тыс. сомони."],
        "filler": ["Подробности уточняются.", "ДУШАНБЕ, 3 января — Sputnik."],
    },
    "tg": {
        "subject": ["Президенти Ҷумҳурии Тоҷикистон Эмомалӣ Раҳмон",
                    "Вазири корҳои хориҷии Тоҷикистон", "Ҳайати Ӯзбекистон"],
        "act": ["{place}бо {partner} мулоқот кард", "бо {partner} гуфтугӯи телефонӣ анҷом дод",
                "{place}бо {partner} созишнома имзо кард", "бо сафари расмӣ ба Душанбе омад"],
        "partner": ["Президенти Ӯзбекистон Шавкат Мирзиёев", "Президенти Қазоқистон",
                    "ҳайати Чин", "сафири Ҷопон"],
        "place": ["", "дар шаҳри Душанбе ", "дар Тошканд "],
        "date": ["", " 12 марти соли 2025", " дирӯз"],
        "figure": ["Ҳаҷми гардиши мол 500 миллион долларро ташкил дод.",
                   "Тарафҳо 10 ҳуҷҷат имзо карданд."],
        "filler": ["Ҷузъиёти бештар баъдтар нашр мешавад."],
    },
}
# texts in languages the project has no rules for: kept, marked unsupported, never read
UNSUPPORTED = [
    "Le président tadjik a rencontré son homologue ouzbek à Douchanbé pour parler du commerce.",
    "Der Präsident Tadschikistans traf am Dienstag den kasachischen Präsidenten in Astana.",
    "Tacikistan Cumhurbaşkanı, Özbekistan Cumhurbaşkanı ile Duşanbe'de bir araya geldi.",
    "Тәжікстан Президенті Қазақстан Президентімен Астанада кездесті.",
]
# what real pages and exports carry between the words
ODD = ["\u200b", "\ufeff", "\u00a0", "\u0301", "\u200f", "\U0001f1f9\U0001f1ef", "\ufb01",
       "\uff11\uff12", "\u2028", "\x0c", "\u0085", "â€™", "\t\t", " \r\n"]


@st.composite
def sentence(draw, lang: str) -> str:
    p = PIECES[lang]
    kind = draw(st.sampled_from(["act", "act", "figure", "filler"]))
    if kind != "act":
        return draw(st.sampled_from(p[kind]))
    act = draw(st.sampled_from(p["act"])).format(partner=draw(st.sampled_from(p["partner"])),
                                                 place=draw(st.sampled_from(p["place"])))
    subject, date = draw(st.sampled_from(p["subject"])), draw(st.sampled_from(p["date"]))
    return f"{subject}{date} {act}." if lang != "en" else f"{subject} {act}{date}."


@st.composite
def text(draw) -> str:
    """A news text: a headline-ish first line, then paragraphs of sentences of one language
    (or one without rules), with odd characters here and there."""
    lang = draw(st.sampled_from(["en", "en", "ru", "tg", "other"]))
    if lang == "other":
        sentences = draw(st.lists(st.sampled_from(UNSUPPORTED), min_size=1, max_size=4))
    else:
        sentences = draw(st.lists(sentence(lang), min_size=1, max_size=6))
    paragraphs = draw(st.integers(1, 3))
    cut = max(1, len(sentences) // paragraphs)
    body = "\n\n".join(" ".join(sentences[i:i + cut]) for i in range(0, len(sentences), cut))
    for at, chars in draw(st.lists(st.tuples(st.integers(0, 10_000), st.sampled_from(ODD)),
                                   max_size=3)):
        at = at % (len(body) + 1)
        body = body[:at] + chars + body[at:]
    title = draw(st.sampled_from(["", "Talks in the capital\n\n", "Новости\n\n", "Хабар\n\n"]))
    return title + body


def _encoded(draw, content: str) -> bytes:
    encodings = ["utf-8", "utf-8-sig", "utf-16"]
    try:
        content.encode("cp1251")
        encodings.append("cp1251")
    except UnicodeEncodeError:
        pass
    return content.encode(draw(st.sampled_from(encodings)), errors="surrogatepass")


@st.composite
def document_file(draw) -> tuple[str, bytes]:
    """A readable file: text, Markdown, an HTML page or a JSON Lines export."""
    body = draw(text())
    kind = draw(st.sampled_from(["txt", "txt", "md", "html", "jsonl"]))
    if kind == "html":
        paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
        return "html", (f"<html><head><title>News</title></head><body><nav>Home | World</nav>"
                        f"<article>{paragraphs}</article></body></html>").encode()
    if kind == "jsonl":
        date = draw(st.sampled_from([None, "2025-03-12", "not a date"]))
        record = {"title": "Wire", "text": body, **({"date": date} if date else {})}
        return "jsonl", (json.dumps(record, ensure_ascii=False) + "\n").encode()
    return kind, _encoded(draw, body)


@st.composite
def unreadable_file(draw) -> tuple[str, bytes]:
    """What a folder also holds: nothing, white space, binary noise, a picture, bad UTF-8."""
    return draw(st.sampled_from([
        ("txt", b""), ("txt", b" \n\t\r\n"), ("png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40),
        ("bin", bytes(range(256))),
    ]) | st.binary(min_size=1, max_size=64).map(lambda b: ("txt", b + b"\x00\x00\xff")))


NAMES = st.sampled_from(["wire", "news", "Réunion", "новости", "хабар", "a b", "x"])


@st.composite
def corpus(draw) -> tuple[dict[str, bytes], int]:
    """Files under a raw folder, and how many of them are readable texts: readable ones
    (one maybe repeated under another name, the way two outlets carry one wire story), and
    unreadable ones."""
    readable = draw(st.lists(document_file(), max_size=5))
    unreadable = draw(st.lists(unreadable_file(), max_size=2))
    files: dict[str, bytes] = {}
    for i, (suffix, data) in enumerate(readable + unreadable):
        folder = draw(st.sampled_from(["", "sub/", "2025/03/"]))
        files[f"{folder}{draw(NAMES)}-{i}.{suffix}"] = data
    names = list(files)
    copied = bool(readable) and draw(st.booleans())
    if copied:
        original = draw(st.sampled_from(names[:len(readable)]))
        files[f"copy/{original}"] = files[original]
    return files, len(readable) + copied
