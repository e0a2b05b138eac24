"""minutes-pipeline: meeting minutes in, source-grounded Parquet tables out.

`pipeline.load(OUT)` reads every table of an output folder as typed DataFrames (see pipeline.api).
"""

__version__ = "0.2.0"


def load(out, table=None):
    """Every table of OUT as typed DataFrames (`pipeline.api.load`); imported lazily so stages stay light."""
    from pipeline.api import load as _load

    return _load(out) if table is None else _load(out, table)


__all__ = ["__version__", "load"]
