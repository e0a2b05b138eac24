"""Imported by a local pool's fork server (executors.WarmForkServer) before it forks any worker: builds the spaCy
pipeline and the action scorer for the run's settings and runs the warm-up documents, so that every worker forked
from the server starts warm. Imported anywhere else (WARM_ENV unset), it does nothing."""
from __future__ import annotations

import base64
import gc
import os
import pickle

from pipeline.executors import WARM_ENV, _warm

_config = os.environ.get(WARM_ENV)
if _config:
    # Written by this run's own process for its own server (executors.WarmForkServer.ensure_running).
    _warm(*pickle.loads(base64.b64decode(_config)))
    # What the server built lives as long as every worker: out of the collector's reach, so that a worker's full
    # collections neither walk it nor write to its pages (which the fork shares until written).
    gc.freeze()
