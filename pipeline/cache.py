"""The user's cache folder: derived copies of installed data (a decompressed model, the words of the gazetteer's
phrases) that save start-up time in later runs. Each file's name carries a key of what it was derived from, so a
changed package, model or list makes a new file; deleting the folder is always safe."""
from __future__ import annotations

import os
from pathlib import Path

CACHE_ENV = "MINUTES_CACHE_DIR"  # set: the cache folder; set to "off" (or "0", "none"): no cache at all


def cache_dir() -> Path | None:
    """$MINUTES_CACHE_DIR, else $XDG_CACHE_HOME/minutes-pipeline, else ~/.cache/minutes-pipeline; None when the
    variable turns the cache off or there is no home folder."""
    value = os.environ.get(CACHE_ENV, "")
    if value.strip().lower() in ("off", "0", "none"):
        return None
    if value:
        return Path(value).expanduser()
    try:
        base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
        return Path(base).expanduser() / "minutes-pipeline"
    except RuntimeError:  # no home folder to put it in
        return None


def store(target: Path, write) -> None:
    """write(file) into a file next to `target`, then move it into place (a concurrent reader never sees half a
    file); a cache that cannot be written is no error, the next run derives the data again."""
    tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as f:
            write(f)
        os.replace(tmp, target)
    except OSError:
        try:
            tmp.unlink()
        except OSError:
            pass
