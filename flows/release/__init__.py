"""The release side of the pipeline: the validated tables become a published data package.

- `tables`: stage records into Arrow tables typed by `schemas/`;
- `validate`: Pandera schemas and foreign keys; `assertions`: the data's own rules;
- `metadata`: what the package says of itself; `version`: its fingerprint, version, date;
- `descriptor`: the Data Package descriptor and CITATION.cff;
- `changelog`: what changed against the previous release;
- `publish`: files written aside, checked, swapped in atomically.
"""
