"""Rewrite the reference files derived from registry packages: `python -m flows.reference`."""

from flows.reference.geonames import main

main()
