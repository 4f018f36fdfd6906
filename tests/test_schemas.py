import pandas as pd
import pyarrow as pa
import pytest

from schemas.generate import (
    README,
    arrow_schema,
    pandera_schema,
    readme_with_codebook,
    rendered_tableschemas,
    table_schema,
)
from schemas.resources import RESOURCES

CONTRACT = {
    "documents": ["doc_id", "source_path", "title", "published_date", "language", "duplicate_of"],
    "events": ["event_id", "date_start", "date_end", "date_precision", "event_type", "countries",
               "location"],
    "event_mentions": ["event_id", "doc_id", "char_start", "char_end", "evidence"],
    "figures": ["figure_id", "doc_id", "value", "unit", "measure", "period", "is_target",
                "countries", "evidence"],
}


def test_generated_table_schemas_are_committed_and_fresh():
    for path, text in rendered_tableschemas().items():
        assert path.exists(), f"{path} missing: run `make schemas`"
        assert path.read_text(encoding="utf-8") == text, f"{path} is stale: run `make schemas`"


def test_readme_codebook_is_fresh():
    readme = README.read_text(encoding="utf-8")
    assert readme == readme_with_codebook(readme), "README codebook is stale: run `make schemas`"


@pytest.mark.parametrize("table, columns", CONTRACT.items())
def test_contract_columns_are_declared(table, columns):
    resource = next(r for r in RESOURCES if r.name == table)
    assert set(columns) <= set(resource.field_names)


def test_the_three_schemas_agree_on_every_column():
    for r in RESOURCES:
        names = [f.name for f in r.fields]
        assert [f["name"] for f in table_schema(r)["fields"]] == names
        assert arrow_schema(r).names == names
        assert list(pandera_schema(r).columns) == names


def test_pandera_rejects_bad_values_and_names_them():
    r = next(r for r in RESOURCES if r.name == "events")
    row = {"event_id": "evt_0123456789abcdef", "event_type": "MEETING", "event_mode": None,
           "date_start": None, "date_end": None, "date_precision": "day",
           "countries": ["TJK", "tajik"], "location": None, "location_country": None,
           "topics": [], "is_planned": False, "mentions": 1, "sources": 1}
    table = pa.Table.from_pylist([row], schema=arrow_schema(r))
    with pytest.raises(Exception) as err:
        pandera_schema(r).validate(table.to_pandas(types_mapper=pd.ArrowDtype), lazy=True)
    assert "MEETING" in str(err.value) and "countries" in str(err.value)
