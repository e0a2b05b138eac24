"""minutes-pipeline: meeting minutes in, source-grounded Parquet tables out."""

__version__ = "0.2.0"
