"""The trigram search index finds exactly the rows the ``LIKE`` search finds.

Each people or doors search of 3 characters or more may take its candidates
from the FTS5 index (migration 0009, ``fieldapp.core.search``); the rows shown
must be the same as the plain ``LIKE`` path's for any words: accents, capitals,
apostrophes, LIKE wildcards, phone digits and words too short for a trigram.
Writes (insert, rename, delete) and the voter import's deferred bulk insert
keep the index right.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from fieldapp.core import rollups, search
from fieldapp.core.db import Store, open_store
from fieldapp.core.ids import new_id
from fieldapp.core.models import Door, Person
from fieldapp.core.stamping import bulk_insert

FIRST = ["José", "JOSÉ", "jose", "Ana", "ÁNGEL", "Zoë", "Ñandú", "li", "Mary-Jo", "d'Arcy"]
LAST = ["Núñez", "NUÑEZ", "O'Brien", "o'brien", "García", "GARCIA", "Ruiz", "ruíz", "100%", "a_b"]
STREETS = ["Main St", "Ñuble Av", "O'Connor Rd", "Élan Ct", "5th St"]
TERMS = ["josé", "JOSÉ", "jose", "osé", "ñez", "ÑEZ", "nuñez", "o'b", "O'BRIEN", "'br", "garc",
         "GARCÍA", "ruiz", "RUÍZ", "uí", "li", "a", "é", "100%", "0%", "%", "a_b", "_b", "ana núñez",
         "jo ruiz", "mary-jo", "d'ar", "555", "414-555", "5550", "01", "zoë", "ZOË", "zzz",
         "example", "@EXAMPLE.org", "ñandú o'brien", "jose ab", '"ruiz"', "ru*", "NEAR(ruiz)"]
# Phones as voter files and people write them: the search finds them by their digits.
PHONES = ["414555{i:04d}", "414-555-{i:04d}", "(414) 555-{i:04d}", "+1 414.555.{i:04d}",
          "414 555 {i:04d} ext. 2", "414/555/{i:04d}"]
PHONE_TERMS = ["5550012", "4145550012", "414-555-0012", "(414) 555-0012", "555.0013", "15550",
               "0042", "414555", "1414", "2"]
DOOR_TERMS = ["main", "MAIN st", "ñub", "ÑUBLE", "o'c", "o'connor", "élan", "ELAN", "5th", "12",
              "532", "53201", "st 12", "zzz", "ct", "av 3"]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    path: Path = tmp_path_factory.mktemp("search") / "search.sqlite"
    store = open_store(path)
    doors = [{"id": new_id(), "street_number": str(n), "house_number": n,
              "street_name": STREETS[n % len(STREETS)], "unit": "", "zip": f"5320{n % 9}",
              "address_key": f"{n} {STREETS[n % len(STREETS)].lower()}",
              "building_key": f"{n} {STREETS[n % len(STREETS)].lower()}"}
             for n in range(120)]
    people = [{"id": new_id(), "door_id": doors[i % len(doors)]["id"], "first_name": first,
               "last_name": last, "phone": PHONES[i % len(PHONES)].format(i=i),
               "email": f"{first[:2].lower()}{i}@Example.org" if i % 4 else ""}
              for i, (first, last) in enumerate(itertools.product(FIRST, LAST))]
    with store.transaction() as session:
        bulk_insert(session, Door, doors)
        bulk_insert(session, Person, people)
    yield store
    store.close()


def _ids(store: Store, source: object, search: str, *, indexed: bool) -> set[str]:
    """The rows ``source`` matches, through the index or by ``LIKE`` alone."""
    source.index_limit = 10**9 if indexed else -1  # type: ignore[attr-defined]
    with store.session() as session:
        source.prepare_search(session, search)  # type: ignore[attr-defined]
        took_index = source._indexed is not None  # type: ignore[attr-defined]
        ids = {row[0] for row in session.execute(source.id_query(search))}  # type: ignore[attr-defined]
    return ids, took_index  # type: ignore[return-value]


@pytest.mark.parametrize("source_name", ["PersonSource", "DoorSource"])
def test_the_index_finds_the_rows_like_finds(app, store: Store, source_name: str) -> None:
    from fieldapp.ui import sources

    source = getattr(sources, source_name)()
    terms = TERMS + PHONE_TERMS if source_name == "PersonSource" else DOOR_TERMS + TERMS
    used = 0
    for term in terms:
        like, _ = _ids(store, source, term, indexed=False)
        found, took_index = _ids(store, source, term, indexed=True)
        assert found == like, f"{source_name} {term!r}: {len(found)} rows, LIKE {len(like)}"
        used += took_index
    assert used >= len(terms) // 2  # most terms are long enough for the index
    with store.session() as session:  # the data does exercise the searches
        assert session.execute(sources.PersonSource().id_query("o'brien")).all()


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def test_a_phone_is_found_by_its_digits_whatever_its_punctuation(app, store: Store) -> None:
    from fieldapp.ui.sources import PersonSource

    with store.session() as session:
        phones = dict(session.execute(text("SELECT id, phone FROM people")).all())
    source = PersonSource()
    for term in ("5550012", "4145550012", "(414) 555-0012", "555.0013", "14145"):
        wanted = {pid for pid, phone in phones.items() if _digits(term) in _digits(phone)}
        assert wanted, term
        for indexed in (True, False):
            found, took_index = _ids(store, source, term, indexed=indexed)
            assert found == wanted, (term, indexed)
            assert took_index == indexed
    # Each way of writing a phone is found by the digits alone, through either path.
    for i in range(13, 18):
        (person,) = [pid for pid, phone in phones.items() if phone.endswith(f"{i:04d}")
                     or phone.endswith(f"{i:04d} ext. 2")]
        assert not phones[person].isdigit()  # written with punctuation
        for indexed in (True, False):
            assert _ids(store, source, f"4145550{i:03d}", indexed=indexed)[0] == {person}


def test_writes_and_a_deferred_bulk_insert_keep_the_index(app, tmp_path: Path) -> None:
    from fieldapp.ui.sources import PersonSource

    store = open_store(tmp_path / "w.sqlite")
    door = {"id": new_id(), "street_number": "1", "house_number": 1, "street_name": "Main St",
            "unit": "", "zip": "53201", "address_key": "1 main st", "building_key": "1 main st"}
    first = {"id": new_id(), "door_id": door["id"], "first_name": "Ana", "last_name": "Quintero",
             "phone": "", "email": ""}
    later = [{"id": new_id(), "door_id": door["id"], "first_name": "Bo", "last_name": f"Xavier{i}",
              "phone": "", "email": ""} for i in range(3)]
    source = PersonSource()

    def found(term: str) -> set[str]:
        return _ids(store, source, term, indexed=True)[0]

    with store.transaction() as session:
        bulk_insert(session, Door, [door])
        bulk_insert(session, Person, [first])
    assert found("quinter") == {first["id"]}
    with store.transaction() as session:
        session.execute(text("UPDATE people SET last_name = 'Villalobos' WHERE id = :id"),
                        {"id": first["id"]})
    assert found("quinter") == set() and found("lobos") == {first["id"]}
    with store.transaction() as session, rollups.deferred(session.connection()):
        bulk_insert(session, Person, later)
        session.execute(text("UPDATE people SET first_name = 'Cy' WHERE id = :id"),
                        {"id": later[0]["id"]})
    assert found("xavier") == {p["id"] for p in later}
    assert found("cy xavier") == {later[0]["id"]} and found("bo xavier") == {p["id"] for p in later[1:]}
    with store.transaction() as session:
        session.execute(text("DELETE FROM people WHERE id = :id"), {"id": later[1]["id"]})
    assert found("xavier") == {later[0]["id"], later[2]["id"]}
    with store.session() as session:  # the index holds one entry per person, no leftovers
        assert session.execute(text("SELECT count(*) FROM person_search_keys")).scalar() == 3
        # and counts the rows holding a piece of text as they are now (what a search's
        # first window relies on to read no other row)
        connection = session.connection()
        assert search.rows_holding(connection, "people", "xav") == 2
        assert search.rows_holding(connection, "people", "lob") == 1
        assert search.rows_holding(connection, "people", "qui") == 0
    store.close()


def test_postgresql_finds_a_phone_by_its_digits_too(app, pg_url: str) -> None:
    """HQ has no trigram index: its LIKE conditions compare the same digits."""
    from fieldapp.ui.sources import PersonSource

    store = open_store(pg_url)
    people = [{"id": new_id(), "first_name": "Ana", "last_name": "Ruiz", "phone": phone, "email": ""}
              for phone in ("414-555-0042", "(414) 555-0043", "4145550044", "608.555.0042")]
    with store.transaction() as session:
        bulk_insert(session, Person, people)
    source = PersonSource()
    try:
        for term, wanted in (("5550042", {0, 3}), ("4145550043", {1}), ("555004", {0, 1, 2, 3}), ("4145550", {0, 1, 2}),
                             ("(414) 555-0044", {2}), ("Ruiz 6085550042", {3})):
            with store.session() as session:
                source.prepare_search(session, term)
                found = {row[0] for row in session.execute(source.id_query(term))}
            assert found == {people[i]["id"] for i in wanted}, term
    finally:
        store.close()
