"""Validate: every table against its Pandera schema (lazily, so all failures are reported at
once), plus the data tests no column check can express: foreign keys, row-count floors, and
the data assertions of `assertions`. Nothing is published unless all of it passes."""

from __future__ import annotations

import pandas as pd
import pandera.errors
import pyarrow as pa

from flows.release.assertions import failed_assertions
from schemas.generate import pandera_schema
from schemas.resources import RESOURCES

MAX_FAILURES_SHOWN = 5


class ValidationFailed(Exception):
    """The release breaks its schemas; the message lists every failure found."""


def as_dataframe(table: pa.Table) -> pd.DataFrame:
    """A table as pandas would read it back from Parquet with dtype_backend="pyarrow"."""
    return table.to_pandas(types_mapper=pd.ArrowDtype)


def validate_tables(tables: dict[str, pa.Table]) -> list[str]:
    """Every failure as a line: table, column, check and failing values. Empty when valid."""
    problems: list[str] = []
    frames = {}
    for resource in RESOURCES:
        if resource.name not in tables:
            problems.append(f"{resource.name}: table missing")
            continue
        df = as_dataframe(tables[resource.name])
        frames[resource.name] = df
        try:
            pandera_schema(resource).validate(df, lazy=True)
        except pandera.errors.SchemaErrors as err:
            cases = err.failure_cases
            for (column, check), group in cases.groupby(["column", "check"], dropna=False,
                                                        sort=True):
                values = group["failure_case"].astype(str).unique()[:MAX_FAILURES_SHOWN]
                problems.append(f"{resource.name}.{column}: check {check} failed for "
                                f"{len(group)} value(s), e.g. {list(values)}")
        if len(df) < resource.min_rows:
            problems.append(f"{resource.name}: {len(df)} rows, at least {resource.min_rows} "
                            "expected")
    for resource in RESOURCES:
        for fk in resource.foreign_keys:
            if resource.name not in frames or fk.resource not in frames:
                continue
            child = frames[resource.name][fk.fields[0]].dropna()
            parent = set(frames[fk.resource][fk.reference_fields[0]])
            missing = sorted(set(child) - parent)
            if missing:
                problems.append(f"{resource.name}.{fk.fields[0]}: {len(missing)} value(s) not "
                                f"in {fk.resource}.{fk.reference_fields[0]}, e.g. "
                                f"{missing[:MAX_FAILURES_SHOWN]}")
    return problems + failed_assertions(frames)


def check_release(tables: dict[str, pa.Table]) -> None:
    problems = validate_tables(tables)
    if problems:
        raise ValidationFailed("the release does not validate; nothing was published:\n  "
                               + "\n  ".join(problems))


__all__ = ["ValidationFailed", "as_dataframe", "check_release",
           "validate_tables"]
