"""newstables: raw news articles to schema-checked Parquet tables."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("newstables")
except PackageNotFoundError:  # running from a source tree without an install
    __version__ = "0.0.0+source"
