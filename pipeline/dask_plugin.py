"""The Dask worker plugin (imported only when a run uses Dask, so `distributed` stays an optional extra)."""
from __future__ import annotations

from pathlib import Path

from distributed import WorkerPlugin

from pipeline.config import Settings
from pipeline.executors import _warm


class LoadPipeline(WorkerPlugin):
    """Each worker builds the spaCy pipeline and the action scorer once, when it starts, not per document.

    settings: the run's settings (the pipeline is built for them).
    user_gazetteer_dir: the archive's own gazetteer folder; a path the workers must see (shared storage).
    """

    name = "minutes-pipeline"

    def __init__(self, settings: Settings, user_gazetteer_dir: Path | None):
        self.settings, self.user_gazetteer_dir = settings, user_gazetteer_dir

    def setup(self, worker) -> None:
        _warm(self.settings, self.user_gazetteer_dir)
