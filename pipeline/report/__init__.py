"""The analyst's views of the tables: `minutes show` in a terminal (terminal.py), `minutes report` as a static
site (site.py, Jinja2 templates with autoescape in templates/)."""
from pipeline.report.terminal import render_document

__all__ = ["render_document", "build_site"]


def build_site(*args, **kwargs):
    """See pipeline.report.site.build_site (imported lazily: `minutes show` needs no Jinja2)."""
    from pipeline.report.site import build_site as _build

    return _build(*args, **kwargs)
