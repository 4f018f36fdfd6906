"""Reference data: states, cities, organisations and people (YAML, with their sources), and
the files derived from registry packages (`python -m flows.reference` rewrites them)."""
