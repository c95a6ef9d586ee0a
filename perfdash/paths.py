"""Where the project's data lives. The extracts folder can be overridden for other datasets."""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
SOURCES_DIR = DATA_DIR / "sources"
CURATED_DIR = DATA_DIR / "curated"
CATALOGUE_FILE = SOURCES_DIR / "catalogue.yaml"
TAXONOMY_FILE = CURATED_DIR / "taxonomy.yaml"
DEFAULT_EXTRACTS_DIR = DATA_DIR / "extracts"
EXTRACTS_ENV_VAR = "PERFDASH_EXTRACTS_DIR"


def extracts_dir() -> Path:
    """The extracts folder: $PERFDASH_EXTRACTS_DIR if set, else data/extracts."""
    configured = os.environ.get(EXTRACTS_ENV_VAR)
    return Path(configured) if configured else DEFAULT_EXTRACTS_DIR
