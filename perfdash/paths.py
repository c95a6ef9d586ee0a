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

STORE_DIR = DATA_DIR / "store"
STORE_ENV_VAR = "PERFDASH_STORE"
DEMO_STORE_ENV_VAR = "PERFDASH_DEMO_STORE"
EDITORS_ENV_VAR = "PERFDASH_EDITORS"
RAG_RULES_ENV_VAR = "PERFDASH_RAG_RULES"
DEFAULT_RAG_RULES_FILE = DATA_DIR / "config" / "rag.yaml"


def _location(configured: str) -> Path | str:
    # A server URL stays text: Path would fold its "//".
    return configured if "://" in configured else Path(configured)


def store_path() -> Path | str:
    """The store: $PERFDASH_STORE if set (a file path or a postgresql:// URL), else
    data/store/actuals.duckdb."""
    configured = os.environ.get(STORE_ENV_VAR)
    return _location(configured) if configured else STORE_DIR / "actuals.duckdb"


def demo_store_path() -> Path | str:
    """The demonstration store, kept apart from real outturns."""
    configured = os.environ.get(DEMO_STORE_ENV_VAR)
    return _location(configured) if configured else STORE_DIR / "demo-actuals.duckdb"


def editors_file() -> Path:
    """Local editors (salted password hashes): $PERFDASH_EDITORS, else data/store/editors.yaml."""
    configured = os.environ.get(EDITORS_ENV_VAR)
    return Path(configured) if configured else STORE_DIR / "editors.yaml"


def rag_rules_file() -> Path:
    """RAG tolerances: $PERFDASH_RAG_RULES, else data/config/rag.yaml."""
    configured = os.environ.get(RAG_RULES_ENV_VAR)
    return Path(configured) if configured else DEFAULT_RAG_RULES_FILE
