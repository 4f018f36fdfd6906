from dataclasses import replace

from flows.deduplicate import drop_repeated_paragraphs, find_duplicates, signature
from flows.records import Document

STORY = ("Tajik President Emomali Rahmon met Uzbek President Shavkat Mirziyoyev in Tashkent on "
         "Monday. The two leaders discussed water sharing, border crossings and trade, which "
         "reached 1.2 billion dollars last year. They signed eleven documents, including an "
         "agreement on the joint use of the Farhad reservoir, and agreed to meet again in "
         "Dushanbe in the autumn. The visit was the first by a Tajik leader in two years. "
         "Officials said the new agreements cover transport corridors, energy exchanges in "
         "the summer months, the reopening of four border posts in the Fergana Valley, and "
         "simplified visas for students and workers. Business forums held alongside the "
         "talks produced contracts in textiles, fruit processing and cement, and both "
         "governments said they expect turnover to keep growing next year.")


def doc(name: str, text: str) -> Document:
    return Document(f"doc_{abs(hash(name)) % 10**16:016d}", name, "0" * 64, "utf-8", text, len(text))


def test_repeated_lead_paragraph_counts_once():
    d = drop_repeated_paragraphs(doc("a.txt", f"Title\n\n{STORY}\n\nRelated\n\n{STORY}"))
    assert d.text.count("Farhad reservoir") == 1
    assert d.paragraphs_repeated == 1


def test_exact_and_near_duplicates_point_to_the_first_document():
    a = doc("a.txt", STORY)
    b = doc("b.txt", STORY.replace("  ", " ") + "\n")
    c = doc("c.txt", STORY.replace("Monday", "Tuesday"))
    other = doc("d.txt", "Kazakhstan and China opened a new border crossing at Khorgos, where "
                "trade reached 5 billion dollars, officials said on Friday in Astana.")
    dups = find_duplicates([signature(x) for x in (c, other, b, a)])
    assert dups == {b.doc_id: a.doc_id, c.doc_id: a.doc_id}


def test_different_stories_are_not_duplicates():
    a = doc("a.txt", STORY)
    b = replace(doc("b.txt", STORY.split(". ")[0] + ". Officials gave no details."))
    assert find_duplicates([signature(a), signature(b)]) == {}


FOLLOW_UP = ("Speaking to reporters after the talks, the Uzbek foreign minister said the two "
             "countries would set up a joint commission on water and energy before the end of the "
             "year, and that a working group of customs officials would meet in Khujand next "
             "month to agree common procedures at the border. Analysts in Dushanbe said the visit "
             "confirmed a thaw that began after 2016, when trade between the neighbours was less "
             "than a quarter of its present level, and that the reopening of direct flights and "
             "rail links had done more for ordinary people than any of the signed documents. "
             "The presidents also discussed the situation in Afghanistan, regional security and "
             "the construction of new hydropower plants on the rivers the two countries share.")


def test_near_duplicates_are_found_whichever_word_an_edit_changes():
    """Copies of a two-paragraph story, each with one word edited (Jaccard ~0.96 over
    shingles), are all found: the LSH bands make such a pair a candidate nearly always, and
    the estimate confirms it."""
    text = f"{STORY}\n\n{FOLLOW_UP}"
    words = sorted({w for w in text.split() if w.isalpha() and len(w) > 5})
    copies = [doc(f"copy{i:02d}.txt", text.replace(w, w.upper() + "X", 1))
              for i, w in enumerate(words)]
    original = doc("a.txt", text)
    dups = find_duplicates([signature(x) for x in [original, *copies]])
    assert dups == {c.doc_id: original.doc_id for c in copies}


def test_an_exact_duplicate_counts_no_figure_twice_and_is_no_new_source(built_release,
                                                                        tmp_path):
    """A copy of a seed under another name: its mentions are listed as reports, but no figure
    is repeated and no event gains a source."""
    import shutil

    import pandas as pd

    from flows.pipeline import build

    from .conftest import copy_seeds

    raw = copy_seeds(tmp_path / "raw")
    shutil.copy(raw / "003_23851ab61b612867.txt", raw / "copy of 003.txt")
    out = tmp_path / "output"
    build(raw=raw, output=out)

    def table(folder, name):
        return pd.read_parquet(folder / f"{name}.parquet", dtype_backend="pyarrow")
    docs = table(out, "documents")
    copy = docs.loc[docs["source_path"] == "copy of 003.txt", "doc_id"].item()
    assert docs.loc[docs["doc_id"] == copy, "duplicate_of"].notna().item()
    fact = ["value", "unit", "measure", "period", "text_as_written"]
    before, after = table(built_release, "figures"), table(out, "figures")
    assert len(after) == len(before) and not (after["doc_id"] == copy).any()
    assert after[fact].astype(str).value_counts().equals(before[fact].astype(str).value_counts())
    events_before, events_after = table(built_release, "events"), table(out, "events")
    assert sorted(events_after["sources"]) == sorted(events_before["sources"])
    assert (table(out, "event_mentions")["doc_id"] == copy).any()  # still a report


def test_event_ids_stay_when_unrelated_documents_come_and_go():
    """Build the seeds; add two unrelated stories; drop one and read the rest in reverse
    order: every event the seeds report keeps its id."""
    import datetime as dt

    from .conftest import RAW
    from .test_events import events_of, read

    seeds = [read(p.read_text(encoding="utf-8"), name=p.name) for p in sorted(RAW.glob("*.txt"))]
    other = [read("Kyrgyz President Sadyr Japarov met Uzbek President Shavkat Mirziyoyev in "
                  "Tashkent on 4 March 2025. The two leaders signed 12 documents.",
                  dt.date(2025, 3, 4), name="zz-other.txt"),
             read("Turkmen Foreign Minister Rashid Meredov held talks with his Azerbaijani "
                  "counterpart in Ashgabat.", name="aa-undated.txt")]

    def seed_event_ids(*docs):
        rows = events_of(*docs)
        seed_docs = {d.doc_id for d, _, _ in seeds}
        of_event: dict[str, set[str]] = {}
        for m in rows["event_mentions"]:
            of_event.setdefault(m["event_id"], set()).add(m["doc_id"])
        return {e for e, docs_ in of_event.items() if docs_ <= seed_docs}

    before = seed_event_ids(*seeds)
    assert len(before) >= 10
    assert seed_event_ids(*seeds, *other) == before
    assert seed_event_ids(other[1], *reversed(seeds)) == before
