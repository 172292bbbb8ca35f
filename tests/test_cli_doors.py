"""The doors/turfs commands end to end: import, geocode, turf, walklist."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from fieldapp.cli import main

VOTERS = (
    "VANID,LastName,FirstName,Address,City,State,Zip5,Latitude,Longitude\n"
    "1,Ruiz,Ana,2417 W Vliet St,Milwaukee,WI,53205,43.0485,-87.9470\n"
    "2,Ruiz,Bo,2417 W Vliet St,Milwaukee,WI,53205,43.0485,-87.9470\n"
    "3,Lee,Cy,2420 W Vliet St Apt 1,Milwaukee,WI,53205,43.0482,-87.9472\n"
    "4,Kay,Di,2431 W Vliet St,Milwaukee,WI,53205,43.0485,-87.9476\n"
)


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_import_turfs_walklist_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    voters = tmp_path / "voters.csv"
    voters.write_text(VOTERS, encoding="utf-8")
    code, out, _ = _run(capsys, "import", "doors", str(voters), "--dry-run")
    assert code == 0 and "Dry run" in out and "people created             4" in out
    code, out, _ = _run(capsys, "import", "doors", str(voters))
    assert code == 0 and "doors created              3" in out
    code, out, _ = _run(capsys, "import", "doors", str(voters))
    assert "people unchanged           4" in out

    square = [[-87.95, 43.04], [-87.94, 43.04], [-87.94, 43.05], [-87.95, 43.05], [-87.95, 43.04]]
    turfs = tmp_path / "turfs.geojson"
    turfs.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "Vliet West"},
         "geometry": {"type": "Polygon", "coordinates": [square]}}]}))
    code, out, _ = _run(capsys, "import", "turfs", str(turfs))
    assert code == 0 and "3 doors placed" in out
    code, out, _ = _run(capsys, "turf", "list")
    assert "Vliet West" in out and "     3" in out

    code, out, _ = _run(capsys, "walklist", "Vliet West")
    assert code == 0
    lines = [ln.split(". ", 1)[1] for ln in out.splitlines() if ". " in ln]
    assert lines[0].startswith("2417") or lines[0].startswith("2431")

    pdf = tmp_path / "walk.pdf"
    code, out, _ = _run(capsys, "walklist", "Vliet West", "--pdf", str(pdf), "--lang", "es")
    assert code == 0 and pdf.exists()
    text = PdfReader(str(pdf)).pages[0].extract_text()
    assert "Lista de recorrido" in text and "Ana Ruiz" in text


def test_bad_input_exits_1_with_file_and_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    voters = tmp_path / "voters.csv"
    voters.write_text(VOTERS, encoding="utf-8")
    code, _, err = _run(capsys, "import", "doors", str(voters), "--map", "Zip5=postcode")
    assert code == 1
    assert "voters.csv:1: column 'Zip5' is mapped to unknown field 'postcode'" in err
    empty = tmp_path / "empty.kml"
    empty.write_text("")
    code, _, err = _run(capsys, "import", "turfs", str(empty))
    assert code == 1 and "empty.kml: the turf file is empty" in err
    code, _, err = _run(capsys, "walklist", "Nowhere")
    assert code == 1 and "no turf named 'Nowhere'" in err
    code, _, err = _run(capsys, "import", "doors", str(tmp_path / "missing.csv"))
    assert code == 1 and "missing.csv: no such file" in err


def test_mapping_profile_saved_and_reused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    odd = tmp_path / "odd.csv"
    odd.write_text("A,B,C\nAna,Ruiz,10 Elm St\n", encoding="utf-8")
    code, out, _ = _run(capsys, "import", "doors", str(odd), "--map", "A=first_name", "--map",
                        "B=last_name", "--map", "C=address", "--save-mapping", "county", "--dry-run")
    assert code == 0 and "Saved mapping profile 'county'" in out
    code, out, _ = _run(capsys, "import", "doors", str(odd), "--mapping", "county")
    assert code == 0 and "people created             1" in out
    code, out, _ = _run(capsys, "import", "profiles")
    assert "county" in out and "A -> first_name" in out


def test_turf_cut_and_assign(demo_store_path: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "--db", demo_store_path, "turf", "list")
    first = out.splitlines()[1].split("  ")[0]
    code, out, err = _run(capsys, "--db", demo_store_path, "turf", "cut", "--doors-per-turf", "40",
                          "--within", first)
    assert code == 0, err
    assert "Cut" in out and "(now retired)" in out
    code, out, _ = _run(capsys, "--db", demo_store_path, "turf", "list")
    new = next(ln for ln in out.splitlines() if ln.startswith(first + " · 1"))
    name = new.split("  ")[0]
    code, out, err = _run(capsys, "--db", demo_store_path, "turf", "assign", name,
                          "--captain", "Nobody Atall")
    assert code == 1 and "no volunteer named 'Nobody Atall'" in err


@pytest.fixture
def demo_store_path(demo_store: object, tmp_path: Path) -> str:
    return str(tmp_path / "demo.sqlite")


def test_layouts_listed_and_unusable_files_exit_1(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "import", "layouts")
    assert code == 0
    for name in ("nc_ncvoter", "oh_sos", "fl_extract", "pa_sure", "mi_qvf", "wa_vrdb", "ga_sos",
                 "tx_county", "van_export", "openaddresses", "nad", "county_gis"):
        assert f"  {name} " in out
    only = tmp_path / "only.csv"
    only.write_text(VOTERS.splitlines()[0] + "\n", encoding="utf-8")
    code, _, err = _run(capsys, "import", "doors", str(only))
    assert code == 1 and "only.csv: the file has a header but no data rows" in err
    some = tmp_path / "some.csv"
    some.write_text(VOTERS + "5,Vang,Ed,Elm St,Milwaukee,WI,53205,,\n", encoding="utf-8")
    code, out, _ = _run(capsys, "import", "doors", str(some), "--layout", "van_export",
                        "--map", "VANID=voter_id")
    assert code == 0
    assert "warning: 1 of 5 rows rejected (listed above)" in out.splitlines()
    assert "  layout: van_export (VAN / VoteBuilder export)" in out
