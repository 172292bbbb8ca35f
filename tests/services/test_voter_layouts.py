"""State voter files in their published layouts: recognised with no options, nothing lost.

The sample files are written here from the states' public layout documents (column
names and order, delimiter, quoting, encoding, line endings, header or not), and the
assertions are the ground truth of what each file holds.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from sqlalchemy import func, select

from fieldapp.core.db import Store
from fieldapp.core.models import Door, Person
from fieldapp.errors import InputError
from fieldapp.services.importing import get_layout, import_doors, layouts, sniff
from fieldapp.services.importing.reader_process import READER_ENV

# layout_ncvoter.txt (NCSBE, 02/11/2022): 67 tab-separated, quoted columns.
NC_COLUMNS = [
    "county_id", "county_desc", "voter_reg_num", "ncid", "last_name", "first_name",
    "middle_name", "name_suffix_lbl", "status_cd", "voter_status_desc", "reason_cd",
    "voter_status_reason_desc", "res_street_address", "res_city_desc", "state_cd", "zip_code",
    "mail_addr1", "mail_addr2", "mail_addr3", "mail_addr4", "mail_city", "mail_state",
    "mail_zipcode", "full_phone_number", "confidential_ind", "registr_dt", "race_code",
    "ethnic_code", "party_cd", "gender_code", "birth_year", "age_at_year_end", "birth_state",
    "drivers_lic", "precinct_abbrv", "precinct_desc", "municipality_abbrv", "municipality_desc",
    "ward_abbrv", "ward_desc", "cong_dist_abbrv", "super_court_abbrv", "judic_dist_abbrv",
    "nc_senate_abbrv", "nc_house_abbrv", "county_commiss_abbrv", "county_commiss_desc",
    "township_abbrv", "township_desc", "school_dist_abbrv", "school_dist_desc",
    "fire_dist_abbrv", "fire_dist_desc", "water_dist_abbrv", "water_dist_desc",
    "sewer_dist_abbrv", "sewer_dist_desc", "sanit_dist_abbrv", "sanit_dist_desc",
    "rescue_dist_abbrv", "rescue_dist_desc", "munic_dist_abbrv", "munic_dist_desc",
    "dist_1_abbrv", "dist_1_desc", "vtd_abbrv", "vtd_desc",
]
# Ohio SOS statewide voter file: comma separated, quoted, UTF-8 with BOM here.
OH_COLUMNS = [
    "SOS_VOTERID", "COUNTY_NUMBER", "COUNTY_ID", "LAST_NAME", "FIRST_NAME", "MIDDLE_NAME",
    "SUFFIX", "DATE_OF_BIRTH", "REGISTRATION_DATE", "VOTER_STATUS", "PARTY_AFFILIATION",
    "RESIDENTIAL_ADDRESS1", "RESIDENTIAL_SECONDARY_ADDR", "RESIDENTIAL_CITY",
    "RESIDENTIAL_STATE", "RESIDENTIAL_ZIP", "RESIDENTIAL_ZIP_PLUS4", "RESIDENTIAL_COUNTRY",
    "RESIDENTIAL_POSTALCODE", "MAILING_ADDRESS1", "MAILING_SECONDARY_ADDRESS", "MAILING_CITY",
    "MAILING_STATE", "MAILING_ZIP", "MAILING_ZIP_PLUS4", "MAILING_COUNTRY",
    "MAILING_POSTAL_CODE", "CAREER_CENTER", "CITY", "CITY_SCHOOL_DISTRICT",
    "COUNTY_COURT_DISTRICT", "CONGRESSIONAL_DISTRICT", "COURT_OF_APPEALS",
    "EDU_SERVICE_CENTER_DISTRICT", "EXEMPTED_VILL_SCHOOL_DISTRICT", "LIBRARY",
    "LOCAL_SCHOOL_DISTRICT", "MUNICIPAL_COURT_DISTRICT", "PRECINCT_NAME", "PRECINCT_CODE",
    "STATE_BOARD_OF_EDUCATION", "STATE_REPRESENTATIVE_DISTRICT", "STATE_SENATE_DISTRICT",
    "TOWNSHIP", "VILLAGE", "WARD", "PRIMARY-05/03/2022", "GENERAL-11/08/2022",
]
# Florida voter extract: 38 tab-separated fields, no header row.
FL_WIDTH = 38
FL = {"county": 0, "id": 1, "last": 2, "first": 4, "addr1": 7, "addr2": 8, "city": 9,
      "state": 10, "zip": 11, "birth": 21, "reg": 22, "party": 23, "precinct": 24,
      "status": 28, "cd": 29, "area": 34, "phone": 35}
# Pennsylvania SURE full voter export: 153 tab-separated fields, no header row.
PA_WIDTH = 153
PA = {"id": 0, "last": 2, "first": 3, "dob": 7, "reg": 8, "status": 9, "party": 11,
      "number": 12, "street": 14, "apt": 15, "city": 17, "state": 18, "zip": 19,
      "precinct": 26, "phone": 150}



@pytest.fixture(autouse=True, params=["here", "process"])
def reader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Every test twice: the file read in the importing process, and (into an empty
    store) in the second process that reads big files (``importing.reading``)."""
    monkeypatch.setenv(READER_ENV, request.param)
    return str(request.param)

def _delimited(rows: list[list[str]], delimiter: str, *, quote_all: bool,
               newline: str = "\r\n") -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator=newline,
                        quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL)
    writer.writerows(rows)
    return buf.getvalue()


def _row(columns: list[str], values: dict[str, str]) -> list[str]:
    unknown = set(values) - set(columns)
    assert not unknown, unknown
    return [values.get(c, "") for c in columns]


def _positional(width: int, where: dict[str, int], values: dict[str, str]) -> list[str]:
    row = [""] * width
    for key, value in values.items():
        row[where[key]] = value
    return row


def _count(store: Store, model: type[Door] | type[Person], *, live: bool = True) -> int:
    with store.session() as s:
        q = select(func.count()).select_from(model)
        if live:
            q = q.where(model.deleted.is_(False), model.merged_into_id.is_(None))
        return int(s.scalar(q) or 0)


def _people(store: Store) -> dict[str, Person]:
    with store.session() as s:
        return {p.voter_id: p for p in s.scalars(select(Person))}


def _adds_up(report: object) -> None:
    assert report.rows_read == report.accounted  # type: ignore[attr-defined]


NC_ROWS = [
    dict(ncid="AA1", last_name="NÚÑEZ", first_name="JOSÉ", res_street_address="123 OAK TRAIL APT 5",
         res_city_desc="RALEIGH", state_cd="NC", zip_code="27601", full_phone_number="9195550101",
         voter_status_desc="ACTIVE", party_cd="DEM", birth_year="1980", registr_dt="03/15/2004",
         precinct_desc="PRECINCT 01-07", cong_dist_abbrv="2", nc_senate_abbrv="15",
         nc_house_abbrv="33"),
    dict(ncid="AA2", last_name="SMITH", first_name="JOHN", res_street_address="123 Oak Trl Apt 6",
         res_city_desc="RALEIGH", state_cd="NC", zip_code="27601", voter_status_desc="INACTIVE",
         party_cd="REP", birth_year="1950"),
    # a father and son of the same name at one address: two voter ids, two people
    dict(ncid="AA3", last_name="SMITH", first_name="JOHN", res_street_address="123 OAK TRL # 6",
         res_city_desc="RALEIGH", state_cd="NC", zip_code="27601", voter_status_desc="ACTIVE",
         party_cd="REP", birth_year="1978"),
    dict(ncid="AA4", last_name="BOONE", first_name="ANN", res_street_address="9 ELM ST",
         res_city_desc="RALEIGH", state_cd="NC", zip_code="27603", voter_status_desc="REMOVED",
         party_cd="UNA", birth_year="1930"),
    dict(ncid="AA5", last_name="BOONE", first_name="LEE", res_street_address="9 Elm Street",
         res_city_desc="Raleigh", state_cd="NC", zip_code="27603", voter_status_desc="DENIED",
         party_cd="UNA", birth_year="1931"),
]


def _nc_file(tmp_path: Path, rows: list[dict[str, str]] = NC_ROWS, name: str = "ncvoter.txt") -> Path:
    text = _delimited([NC_COLUMNS, *[_row(NC_COLUMNS, r) for r in rows]], "\t", quote_all=True)
    path = tmp_path / name
    path.write_bytes(text.encode("cp1252"))
    return path


def test_nc_ncvoter_file_imports_with_no_options(store: Store, tmp_path: Path) -> None:
    report = import_doors(store, _nc_file(tmp_path))
    assert report.layout.startswith("nc_ncvoter")
    assert report.encoding == "cp1252"
    assert (report.people_created, report.rows_rejected) == (5, 0)
    _adds_up(report)
    # doors: (123 oak trl, 5), (123 oak trl, 6), (9 elm st, "")
    assert _count(store, Door) == 3
    people = _people(store)
    assert (people["AA1"].first_name, people["AA1"].last_name) == ("JOSÉ", "NÚÑEZ")
    assert people["AA2"].id != people["AA3"].id and people["AA2"].door_id == people["AA3"].door_id
    assert {vid: p.voter_status for vid, p in people.items()} == {
        "AA1": "active", "AA2": "inactive", "AA3": "active", "AA4": "removed", "AA5": "removed"}
    first = people["AA1"]
    assert (first.phone, first.party, first.birth_year) == ("9195550101", "DEM", 1980)
    assert (first.registration_date, first.precinct) == ("2004-03-15", "PRECINCT 01-07")
    assert first.districts == {"congressional": "2", "state_senate": "15", "state_house": "33"}
    lines = "\n".join(report.lines())
    assert re.search(r"^    res_street_address +-> address$", lines, re.MULTILINE)
    assert "columns ignored (50)" in lines
    assert "2 removed, cancelled or deceased voters" in lines


OH_ROWS = [
    dict(SOS_VOTERID="OH0001", LAST_NAME="GARCÍA", FIRST_NAME="MARÍA", DATE_OF_BIRTH="1970-01-02",
         REGISTRATION_DATE="2001-05-06", VOTER_STATUS="ACTIVE", PARTY_AFFILIATION="D",
         RESIDENTIAL_ADDRESS1="500 N HIGH ST", RESIDENTIAL_SECONDARY_ADDR="APT 2",
         RESIDENTIAL_CITY="COLUMBUS", RESIDENTIAL_STATE="OH", RESIDENTIAL_ZIP="43215",
         PRECINCT_NAME="COLUMBUS 1-A", WARD="1"),
    dict(SOS_VOTERID="OH0002", LAST_NAME="GARCÍA", FIRST_NAME="MARÍA", DATE_OF_BIRTH="1995-03-04",
         VOTER_STATUS="ACTIVE", RESIDENTIAL_ADDRESS1="500 N HIGH ST",
         RESIDENTIAL_SECONDARY_ADDR="APT 2", RESIDENTIAL_CITY="COLUMBUS", RESIDENTIAL_STATE="OH",
         RESIDENTIAL_ZIP="43215"),
    dict(SOS_VOTERID="OH0003", LAST_NAME="KIM", FIRST_NAME="SOO", DATE_OF_BIRTH="1960-07-08",
         VOTER_STATUS="CONFIRMATION", PARTY_AFFILIATION="R", RESIDENTIAL_ADDRESS1="500 North High Street",
         RESIDENTIAL_SECONDARY_ADDR="APT 3", RESIDENTIAL_CITY="COLUMBUS", RESIDENTIAL_STATE="OH",
         RESIDENTIAL_ZIP="43215"),
    dict(SOS_VOTERID="OH0004", LAST_NAME="OKAFOR", FIRST_NAME="ADA", DATE_OF_BIRTH="1988-09-10",
         VOTER_STATUS="ACTIVE", RESIDENTIAL_ADDRESS1="12 MAIN ST", RESIDENTIAL_CITY="COLUMBUS",
         RESIDENTIAL_STATE="OH", RESIDENTIAL_ZIP="43215"),
]


def _oh_file(tmp_path: Path, rows: list[dict[str, str]], name: str = "SWVF_1_22.txt") -> Path:
    text = _delimited([OH_COLUMNS, *[_row(OH_COLUMNS, r) for r in rows]], ",", quote_all=True,
                      newline="\n")
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8-sig"))
    return path


def test_ohio_file_keeps_units_and_same_named_relatives(store: Store, tmp_path: Path) -> None:
    report = import_doors(store, _oh_file(tmp_path, OH_ROWS))
    assert report.layout.startswith("oh_sos") and report.encoding == "utf-8-sig"
    assert report.people_created == 4
    _adds_up(report)
    assert _count(store, Door) == 3  # apt 2, apt 3 (same building), 12 main st
    people = _people(store)
    assert people["OH0001"].id != people["OH0002"].id
    assert people["OH0001"].door_id == people["OH0002"].door_id != people["OH0003"].door_id
    assert people["OH0001"].last_name == "GARCÍA"
    assert people["OH0003"].voter_status == "inactive"
    with store.session() as s:
        units = sorted(s.scalars(select(Door.unit)))
    assert units == ["", "APT 2", "APT 3"]


def test_refresh_moves_movers_and_changes_exactly_what_changed(store: Store, tmp_path: Path) -> None:
    import_doors(store, _oh_file(tmp_path, OH_ROWS, "first.txt"))
    before = _people(store)
    old_door = before["OH0004"].door_id
    refreshed = [dict(r) for r in OH_ROWS]
    refreshed[3].update(RESIDENTIAL_ADDRESS1="77 BROAD ST")  # moved
    refreshed[2].update(PARTY_AFFILIATION="D")  # changed party
    report = import_doors(store, _oh_file(tmp_path, refreshed, "second.txt"))
    _adds_up(report)
    assert (report.people_created, report.people_updated, report.people_unchanged) == (0, 2, 2)
    assert report.people_moved == 1
    after = _people(store)
    assert len(after) == 4
    assert after["OH0004"].id == before["OH0004"].id and after["OH0004"].door_id != old_door
    with store.session() as s:
        assert s.get(Door, old_door) is not None  # the old door keeps its history
    assert after["OH0003"].party == "D"
    for vid in ("OH0001", "OH0002"):
        assert after[vid].hlc == before[vid].hlc  # untouched


def _fl_file(tmp_path: Path) -> Path:
    rows = [
        dict(county="ALA", id="100000001", last="Peña", first="Lucía", addr1="1200 NW 5TH AVE",
             addr2="APT 4", city="GAINESVILLE", state="FL", zip="32601", birth="02/03/1990",
             reg="05/06/2012", party="DEM", precinct="12", status="ACT", cd="3", area="352",
             phone="5550100"),
        dict(county="ALA", id="100000002", last="Peña", first="Marco", addr1="1200 NW 5TH AVE",
             addr2="APT 5", city="GAINESVILLE", state="FL", zip="32601", birth="01/01/1960",
             reg="01/01/1990", party="NPA", precinct="12", status="INA", cd="3"),
        dict(county="ALA", id="100000003", last="Ortiz", first="Ana", addr1="40 SE 1ST ST",
             city="GAINESVILLE", state="FL", zip="32601", birth="12/31/1975", reg="03/03/2003",
             party="REP", precinct="14", status="ACT", cd="3"),
    ]
    text = _delimited([_positional(FL_WIDTH, FL, r) for r in rows], "\t", quote_all=False)
    path = tmp_path / "ALA_20240101.txt"
    path.write_bytes(text.encode("cp1252"))
    return path


def test_florida_extract_without_header_is_recognised(store: Store, tmp_path: Path) -> None:
    path = _fl_file(tmp_path)
    fmt = sniff(path)
    assert (fmt.layout, fmt.has_header) == ("fl_extract", False)
    report = import_doors(store, path)
    assert (report.rows_read, report.people_created, report.rows_rejected) == (3, 3, 0)
    _adds_up(report)
    assert _count(store, Door) == 3
    people = _people(store)
    assert (people["100000001"].last_name, people["100000001"].first_name) == ("Peña", "Lucía")
    assert people["100000001"].phone == "3525550100"
    assert people["100000002"].voter_status == "inactive"
    assert people["100000003"].birth_year == 1975


def test_pennsylvania_sure_export_without_header_is_recognised(store: Store, tmp_path: Path) -> None:
    rows = [
        dict(id="012345678901", last="KOWALSKI", first="JAN", dob="4/5/1961", reg="6/7/1990",
             status="A", party="D", number="1500", street="N BROAD ST", apt="2R",
             city="PHILADELPHIA", state="PA", zip="19121", precinct="4701", phone="2155550199"),
        dict(id="012345678902", last="KOWALSKI", first="JAN", dob="8/9/1989", reg="1/2/2010",
             status="I", party="D", number="1500", street="N BROAD ST", apt="3R",
             city="PHILADELPHIA", state="PA", zip="19121", precinct="4701"),
    ]
    path = tmp_path / "PHILADELPHIA FVE 20240101.txt"
    path.write_text(_delimited([_positional(PA_WIDTH, PA, r) for r in rows], "\t",
                               quote_all=False), encoding="utf-8", newline="")
    report = import_doors(store, path)
    assert report.layout.startswith("pa_sure")
    assert (report.people_created, report.rows_rejected) == (2, 0)
    assert _count(store, Door) == 2
    people = _people(store)
    assert people["012345678901"].voter_status == "active"
    assert people["012345678902"].voter_status == "inactive"
    assert people["012345678901"].phone == "2155550199"


@pytest.mark.parametrize("name", ["mi_qvf", "wa_vrdb", "ga_sos", "tx_county", "van_export"])
def test_header_layouts_are_matched_by_their_header(store: Store, tmp_path: Path, name: str) -> None:
    layout = get_layout(name)
    by_field = {f: c for c, f in layout.fields.items()}
    values = {"voter_id": "V1", "first_name": "Ana", "last_name": "Núñez", "street_number": "12",
              "street_name": "Oak", "street_type": "Trail", "address": "12 Oak Trail",
              "city": "Springfield", "state": "ST", "zip": "12345", "status": "A",
              "unit": "2", "unit_type": "APT"}
    row = {by_field[f]: v for f, v in values.items() if f in by_field}
    if "street_type" not in by_field and "street_name" in by_field:
        row[by_field["street_name"]] = "Oak Trail"
    columns = list(layout.columns)
    delimiter = layout.delimiter or ","
    path = tmp_path / f"{name}.txt"
    path.write_text(_delimited([columns, _row(columns, row)], delimiter, quote_all=False),
                    encoding="utf-8")
    report = import_doors(store, path)
    assert report.layout.startswith(name)
    assert (report.people_created, report.rows_rejected) == (1, 0)
    with store.session() as s:
        person = s.scalars(select(Person)).one()
        door = s.get(Door, person.door_id)
    assert (person.voter_id, person.last_name) == ("V1", "Núñez")
    assert door is not None and door.street_number == "12"
    assert door.address_key.startswith("12|oak trl|springfield|")


def test_every_layout_names_its_public_document() -> None:
    found = layouts()
    assert len(found) >= 9
    for layout in found.values():
        assert "layout" in layout.source.lower() or "fields" in layout.source.lower(), layout.name
        assert set(layout.fields) <= set(layout.columns), layout.name


def test_forced_layout_reads_a_headerless_file(store: Store, tmp_path: Path) -> None:
    path = _fl_file(tmp_path)
    report = import_doors(store, path, layout="fl_extract", dry_run=True)
    assert report.people_created == 3
    with pytest.raises(InputError, match="no layout named 'nope'"):
        import_doors(store, path, layout="nope")


def test_ignored_columns_that_matter_are_warnings(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text("voter_id,first_name,last_name,address,city,state,zip,SecondaryAddr,Pty\n"
                    "1,Ann,Lee,5 Elm St,Madison,WI,53703,Apt 2,DEM\n", encoding="utf-8")
    report = import_doors(store, path, dry_run=True)
    text = "\n".join(report.lines())
    assert "Dry run" in text
    assert re.search(r"^    address +-> address$", text, re.MULTILINE)
    assert "column 'SecondaryAddr' looks like a unit/apartment and is not imported" in text
    assert "column 'Pty' " not in text  # not recognisable, and not claimed to be


def test_invalid_utf8_byte_deep_in_the_file_rejects_that_row(store: Store, tmp_path: Path) -> None:
    header = b"voter_id,first_name,last_name,address,city,state,zip\n"
    lines = [f"{i},José,Núñez,{i} Oak St,Durham,NC,27701\n".encode() for i in range(1, 3000)]
    lines[2898] = b"2899,Ren\xe9,Roy,2899 Oak St,Durham,NC,27701\n"  # file line 2,900
    path = tmp_path / "voters.csv"
    path.write_bytes(header + b"".join(lines))
    report = import_doors(store, path)
    assert report.encoding == "utf-8"
    assert report.rows_rejected == 1 and report.people_created == 2998
    _adds_up(report)
    problem = next(p for p in report.problems if p.level == "rejected")
    assert (problem.line, problem.field) == (2900, "first_name")
    assert "0xE9" in problem.reason
    with store.session() as s:
        names = set(s.scalars(select(Person.last_name)))
    assert names == {"Núñez"}
    assert report.lines()[-1].startswith("warning: 1 of 2,999 rows rejected")
    with pytest.raises(InputError, match=r"voters.csv:2900 field 'first_name'"):
        import_doors(store, path, strict=True)


def test_nul_byte_is_reported_with_its_line(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "nul.csv"
    path.write_bytes(b"voter_id,first_name,last_name,address,city\n"
                     b"1,Ann,Lee,5 Elm St,Madison\n"
                     b"2,B\x00b,Lee,7 Elm St,Madison\n")
    report = import_doors(store, path)
    problem = next(p for p in report.problems if p.level == "rejected")
    assert (problem.line, problem.field) == (3, "first_name")
    assert "NUL" in problem.reason
    assert report.people_created == 1


def test_header_only_and_all_rejected_files_exit_with_the_reason(store: Store, tmp_path: Path) -> None:
    only = tmp_path / "only.csv"
    only.write_text("voter_id,first_name,last_name,address,city\n", encoding="utf-8")
    with pytest.raises(InputError, match="no data rows"):
        import_doors(store, only)
    bad = tmp_path / "bad.csv"
    bad.write_text("voter_id,first_name,last_name,address,city\n1,Ann,Lee,Elm St,Madison\n"
                   "2,Bo,Lee,Oak St,Madison\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"every row \(2\) was rejected.*no house number"):
        import_doors(store, bad)
    assert _count(store, Door, live=False) == 0 and _count(store, Person, live=False) == 0


def test_a_row_repeated_in_the_file_is_merged_and_explained(store: Store, tmp_path: Path) -> None:
    rows = [NC_ROWS[0], NC_ROWS[1], {**NC_ROWS[0], "full_phone_number": "9195550199"}]
    report = import_doors(store, _nc_file(tmp_path, rows))
    assert (report.people_created, report.people_merged) == (2, 1)
    _adds_up(report)
    assert any("the same voter id as line 2" in p.reason for p in report.problems)
    assert _people(store)["AA1"].phone == "9195550199"


def test_a_repeat_far_down_a_state_file_is_still_merged(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A state file is too big to remember every voter id's first line: past the
    # kept keys, a repeat is recognised as a person this import created.
    from fieldapp.services.importing import run, writer

    monkeypatch.setattr(run, "BATCH_ROWS", 1)
    monkeypatch.setattr(writer, "PENDING_KEPT", 1)
    import_doors(store, _nc_file(tmp_path, [NC_ROWS[0]], name="ncvoter_first.txt"))
    rows = [NC_ROWS[0], NC_ROWS[1], {**NC_ROWS[1], "full_phone_number": "9195550199"}]
    report = import_doors(store, _nc_file(tmp_path, rows))
    assert (report.people_unchanged, report.people_created, report.people_merged) == (1, 1, 1)
    _adds_up(report)
    assert any(p.line == 4 and "the same voter id as an earlier line" in p.reason
               for p in report.problems)
    people = _people(store)
    assert _count(store, Person) == 2
    assert people["AA2"].phone == "9195550199"


def test_without_voter_id_name_birth_year_and_address_decide(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "no_ids.csv"
    path.write_text("first_name,last_name,address,city,birth_year,phone\n"
                    "Juan,Pérez,10 Elm St,Madison,1950,\n"
                    "Juan,Pérez,10 Elm St,Madison,1980,\n", encoding="utf-8")
    first = import_doors(store, path)
    assert (first.people_created, first.people_merged) == (2, 0)
    path.write_text("first_name,last_name,address,city,birth_year,phone\n"
                    "Juan,Pérez,10 Elm St,Madison,1950,608-555-0100\n"
                    "Juan,Pérez,10 Elm St,Madison,1980,\n", encoding="utf-8")
    again = import_doors(store, path)
    _adds_up(again)
    assert (again.people_created, again.people_updated, again.people_unchanged) == (0, 1, 1)
    with store.session() as s:
        phones = {year: phone for year, phone in s.execute(select(Person.birth_year, Person.phone))}
    assert phones == {1950: "608-555-0100", 1980: ""}


def test_a_bundle_from_a_store_before_0002_still_reads() -> None:
    from fieldapp.core.serialize import to_plain
    from fieldapp.services.sync.format import check_record, convert_record

    person = Person(id="00000000-0000-4000-8000-000000000001", site_id="", hlc=1, born_hlc=1,
                    born_site="", clocks={}, deleted=False, door_id=None, first_name="Ana",
                    last_name="Núñez", phone="", email="", language="es", tags=[],
                    birth_year=None, party="", voter_id="", do_not_call=False, do_not_text=False,
                    do_not_email=False, notes="", merged_into_id=None, voter_status="active",
                    registration_date="", precinct="", ward="", districts={})
    site = "11111111-1111-4111-8111-111111111111"
    person.site_id = person.born_site = site
    plain = to_plain(Person, person)
    old = {k: v for k, v in plain.items()
           if k not in ("voter_status", "registration_date", "precinct", "ward", "districts")}
    values = check_record("people", old)
    assert values["voter_status"] == "" and values["districts"] == {}
    assert convert_record("people", dict(old))["voter_status"] == ""
