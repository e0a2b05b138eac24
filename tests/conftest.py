"""Session-wide test settings."""
import os

import pytest

from pipeline.cache import CACHE_ENV


@pytest.fixture(autouse=True, scope="session")
def _own_cache_folder(tmp_path_factory):
    """The derived-data cache (pipeline/cache.py) goes to a folder of the test session, not the user's: a test run
    neither reads what an earlier version left in ~/.cache nor leaves its own files there. The CLI and the fork
    server the tests start inherit it through the environment."""
    before = os.environ.get(CACHE_ENV)
    os.environ[CACHE_ENV] = str(tmp_path_factory.mktemp("cache"))
    yield
    if before is None:
        os.environ.pop(CACHE_ENV, None)
    else:
        os.environ[CACHE_ENV] = before
