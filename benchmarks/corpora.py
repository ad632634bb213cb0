"""The corpora the benchmarks run on: gen_corpus.py's articles, and their front matter as .yaml files.

Each is built once into ``benchmarks/.scratch/`` and rebuilt only when the generator changes.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

from experiments.bare_parse import front_matter
from measure import REPO, SCRATCH, log

GEN_CORPUS = REPO.parent / "shared/bench/gen_corpus.py"
SEED = 1


def corpus(n: int) -> Path:
    """The gen_corpus.py corpus of n articles (seed 1), regenerated when the generator changes."""
    out = SCRATCH / f"corpus-{n}"
    stamp = out / ".stamp"
    want = f"{hashlib.sha256(GEN_CORPUS.read_bytes()).hexdigest()} n={n} seed={SEED}\n"
    if stamp.exists() and stamp.read_text() == want:
        return out
    if out.exists():
        shutil.rmtree(out)
    log(f"generating {n} articles into {out.relative_to(REPO)}")
    subprocess.run([sys.executable, str(GEN_CORPUS), str(out), str(n), "--seed", str(SEED)], check=True)
    stamp.write_text(want)
    return out


def extracted_yaml(n: int) -> Path:
    """Each article's front matter as a .yaml file, for check-jsonschema (done once, untimed)."""
    source = corpus(n)
    out = SCRATCH / f"yaml-{n}"
    stamp = out / ".stamp"
    want = (source / ".stamp").read_text()
    if stamp.exists() and stamp.read_text() == want:
        return out
    if out.exists():
        shutil.rmtree(out)
    log(f"extracting the front matter of {n} articles into {out.relative_to(REPO)}")
    for path in sorted(source.rglob("*.md")):
        target = out / path.relative_to(source).with_suffix(".yaml")
        target.parent.mkdir(parents=True, exist_ok=True)
        block = front_matter(path.read_bytes().decode("utf-8", "replace"))
        # A file without front matter becomes an empty document, as it is for the linters.
        target.write_text(block or "", "utf-8")
    stamp.write_text(want)
    return out


def relative_files(root: Path, suffix: str) -> list[str]:
    """The files under ``root`` whose names end in ``suffix``, sorted, relative to ``root``."""
    return [str(p.relative_to(root)) for p in sorted(root.rglob(f"*{suffix}"))]


def clean_article(n: int) -> str:
    """The relative path of the first article of the corpus without an injected defect."""
    root = corpus(n)
    defective = {line.split("\t")[0] for line in (root / "defects.tsv").read_text().splitlines() if line}
    for path in sorted(root.rglob("*.md")):
        if path.name not in defective:
            return str(path.relative_to(root))
    raise RuntimeError("every article of the corpus has a defect")
