"""The user's cache folder: derived copies of installed data (a decompressed model, the words of the gazetteer's
phrases) that save start-up time in later runs. Each file's name carries a key of what it was derived from, so a
changed package, model or list makes a new file; deleting the folder is always safe."""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Callable

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


# Files of one kind kept beside the newest: a code or list edit makes a new key, and its old files are never read
# again (English and French pipelines each have their own phrase words, so a kind may hold two live files).
KEEP_PER_KIND = 4


def store(target: Path, write, kind: str) -> None:
    """write(file) into a file next to `target`, then move it into place (a concurrent reader never sees half a
    file); a cache that cannot be written is no error, the next run derives the data again. `kind` is the name
    prefix of the files of this sort ("langid-"): all but the KEEP_PER_KIND newest of them are deleted."""
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
        return
    prune(target.parent, kind, keep=target)


def prune(folder: Path, kind: str, keep: Path | None = None) -> None:
    """Delete all but the KEEP_PER_KIND most recently written files named `kind`*, never `keep`."""
    try:
        files = [f for f in folder.glob(f"{kind}*") if f.is_file() and not f.name.endswith(".tmp")]
        files.sort(key=lambda f: f.stat().st_mtime_ns, reverse=True)
    except OSError:
        return
    for old in files[KEEP_PER_KIND:]:
        if old != keep:
            try:
                old.unlink()
            except OSError:
                pass


def cached_json(kind: str, key: Callable[[], str], make: Callable[[], object], valid: Callable[[object], bool]):
    """make(), read from the cache file `kind` + key() + ".json" when an earlier run wrote one that `valid` accepts,
    and written there after it was made. key() is called only when there is a cache; a file that cannot be read or
    decoded is made again."""
    folder = cache_dir()
    target = folder / f"{kind}{key()}.json" if folder is not None else None
    if target is not None and target.is_file():
        try:
            value = json.loads(target.read_text(encoding="utf-8"))
            if valid(value):
                return value
        except (OSError, ValueError):
            pass
    value = make()
    if target is not None:
        store(target, lambda f: f.write(json.dumps(value, ensure_ascii=False).encode("utf-8", "surrogatepass")),
              kind=kind)
    return value
