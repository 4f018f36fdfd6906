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
