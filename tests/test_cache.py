import os

from pipeline import cache


def test_cache_folder_without_its_variable_is_under_the_xdg_cache(monkeypatch, tmp_path):
    monkeypatch.delenv(cache.CACHE_ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() == tmp_path / "xdg" / "minutes-pipeline"


def test_cache_store_moves_a_whole_file_into_place(tmp_path):
    target = tmp_path / "sub" / "words-abc.json"
    cache.store(target, lambda f: f.write(b"[1, 2]"), kind="words-")
    assert target.read_bytes() == b"[1, 2]"
    assert not [p for p in target.parent.iterdir() if p.name.endswith(".tmp")]


def test_cache_store_that_fails_leaves_nothing(tmp_path):
    target = tmp_path / "words-abc.json"

    def broken(f):
        f.write(b"[1,")
        raise OSError("disk full")

    cache.store(target, broken, kind="words-")
    assert list(tmp_path.iterdir()) == []


def test_cache_store_keeps_only_the_newest_files_of_its_kind(tmp_path):
    for k in range(cache.KEEP_PER_KIND + 3):
        old = tmp_path / f"words-{k}.json"
        old.write_text("[]")
        os.utime(old, ns=(k * 10**9, k * 10**9))
    other = tmp_path / "langid-1.npz"
    other.write_text("x")
    os.utime(other, ns=(0, 0))
    newest = tmp_path / "words-new.json"
    cache.store(newest, lambda f: f.write(b"[]"), kind="words-")
    kept = sorted(p.name for p in tmp_path.glob("words-*"))
    assert len(kept) == cache.KEEP_PER_KIND and "words-new.json" in kept
    assert f"words-{cache.KEEP_PER_KIND + 2}.json" in kept and "words-0.json" not in kept
    assert other.exists()  # another kind is left alone
