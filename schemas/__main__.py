"""`python -m schemas`: regenerate the Table Schema JSON files and the README codebook."""

from schemas.generate import write_artefacts

if __name__ == "__main__":
    for path in write_artefacts():
        print(f"rewrote {path}")
