import codecs
import os

from flows.ingest import decode, discover, load_provenance, read_batch

from .conftest import RAW, write_raw

RUSSIAN = "Президент Таджикистана Эмомали Рахмон встретился с министром иностранных дел Казахстана."


def test_discover_lists_seeds_not_the_manifest():
    files = discover(RAW)
    assert len(files) == 5 and all(f.endswith(".txt") for f in files)
    assert "PROVENANCE.yaml" not in files


def test_provenance_names_the_encyclopedia_licence():
    prov = load_provenance(RAW)
    assert "CC BY-SA" in prov["004_c0e2f00e085f68d6.txt"]["license"]


def test_every_file_is_a_document_or_a_reject(tmp_path):
    raw = write_raw(tmp_path / "raw", {
        "good.txt": "Tajikistan and Kazakhstan held talks in Dushanbe.",
        "empty.txt": b"",
        "blank.txt": "  \n\t\n",
        "random.txt": bytes(range(256)) * 4,
        "image.png": b"\x89PNG\r\n\x1a\n" + b"\x00" * 64,
        "nested/dir with space/Dušanbe note.md": "A note about Tajik-Uzbek trade.",
    })
    outside = tmp_path / "outside.txt"
    outside.write_text("secret", encoding="utf-8")
    os.symlink(outside, raw / "link.txt")
    docs, rejects, _ = read_batch(raw, discover(raw), {})
    reasons = {r.source_path: r.reason for r in rejects}
    assert sorted(d.source_path for d in docs) == ["good.txt",
                                                   "nested/dir with space/Dušanbe note.md"]
    assert reasons == {"empty.txt": "empty", "blank.txt": "whitespace_only",
                       "random.txt": "binary", "image.png": "unsupported_format",
                       "link.txt": "outside_raw"}
    assert all(r.detail for r in rejects)


def test_decodes_common_encodings():
    assert decode(RUSSIAN.encode("utf-8")) == (RUSSIAN, "utf-8")
    assert decode(codecs.BOM_UTF8 + RUSSIAN.encode("utf-8"))[0] == RUSSIAN
    assert decode(RUSSIAN.encode("utf-16"))[0] == RUSSIAN
    text, enc = decode(RUSSIAN.encode("cp1251"))
    assert text == RUSSIAN and enc.replace("-", "").lower() in ("cp1251", "windows1251")


def test_truncated_utf8_tail_is_repaired_not_refused():
    data = "Душанбе".encode()[:-1]
    text, enc = decode(data)
    assert text == "Душанб" and "truncated" in enc


def test_doc_ids_are_deterministic_and_path_sensitive(tmp_path):
    raw = write_raw(tmp_path / "raw", {"a.txt": "Same text.", "b.txt": "Same text."})
    first, *_ = read_batch(raw, discover(raw), {})
    again, *_ = read_batch(raw, discover(raw), {})
    assert [d.doc_id for d in first] == [d.doc_id for d in again]
    assert first[0].doc_id != first[1].doc_id
    assert first[0].content_sha256 == first[1].content_sha256


def test_size_limit_rejects_large_files(tmp_path):
    raw = write_raw(tmp_path / "raw", {"big.txt": "word " * 100})
    docs, rejects, _ = read_batch(raw, discover(raw), {}, max_bytes=100)
    assert not docs and rejects[0].reason == "too_large"
