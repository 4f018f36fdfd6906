"""Release versions that sort, a `created` date that means something, and a CITATION.cff
that credits the dataset's makers and the publishers of its texts."""

import datetime as dt
import json

import pyarrow as pa
import yaml
from packaging.version import Version

from flows.release import metadata
from flows.release.tables import to_arrow
from flows.release.version import code_version, created, version

from .conftest import ROOT


def documents_dated(*dates: str | None) -> pa.Table:
    return to_arrow("documents", [{"doc_id": f"doc_{i}", "published_date":
                                   dt.date.fromisoformat(d) if d else None}
                                  for i, d in enumerate(dates)])


def test_versions_sort_by_code_then_by_the_newest_document():
    older = version("f" * 64, documents_dated("2024-03-01", None, "2023-12-31"))
    newer = version("0" * 64, documents_dated("2024-03-01", "2025-01-15"))
    assert older == f"{code_version()}-20240301+ffffffff"
    assert newer == f"{code_version()}-20250115+00000000"
    # PEP 440 reads the date as a post-release: the newer data sorts later whatever the hash
    assert Version(older) < Version(newer)
    assert Version(newer) < Version("99.0.0-20000101+00000000")


def test_undated_documents_take_the_codes_date():
    undated = documents_dated(None, None)
    assert version("a" * 64, undated).split("-")[1].startswith(metadata.CODE_DATE.replace("-", ""))
    assert created(undated) == f"{metadata.CODE_DATE}T00:00:00Z"


def test_created_is_the_newest_document_unless_the_builder_sets_a_date(monkeypatch):
    docs = documents_dated("2024-03-01", "2025-01-15")
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert created(docs) == "2025-01-15T00:00:00Z"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01, as reproducible builds
    assert created(docs) == "2026-01-01T00:00:00Z"


def test_the_release_citation_credits_its_makers_and_every_source():
    dp = json.loads((ROOT / "output" / "datapackage.json").read_text(encoding="utf-8"))
    cff = yaml.safe_load((ROOT / "output" / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["cff-version"] == "1.2.0" and cff["type"] == "dataset"
    assert cff["version"] == dp["version"] and cff["date-released"] == dp["created"][:10]
    assert cff["authors"] == [{"name": metadata.AUTHOR}]
    assert [r["title"] for r in cff["references"]] == [s["title"] for s in dp["sources"]]
    publishers = {a["name"] for r in cff["references"] for a in r["authors"]}
    assert {"The Caspian Post", "gov.kz", "Wikipedia"} <= publishers
    wikipedia = next(r for r in cff["references"] if r["title"] == "Wikipedia")
    assert "CC BY-SA 3.0" in wikipedia["notes"] and "text republished" in wikipedia["notes"]
    assert all("not republished" in r["notes"] for r in cff["references"] if r is not wikipedia)


def test_the_repository_citation_agrees_with_the_release_metadata():
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["title"] == metadata.TITLE and cff["version"] == code_version()
    assert cff["license"] == metadata.LICENSES[0]["name"]
    assert cff["authors"] == [{"name": metadata.AUTHOR}]
