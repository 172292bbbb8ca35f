"""Address-point files in their common layouts, turf placement after geocoding, swapped turfs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from fieldapp.core.db import Store
from fieldapp.core.models import Door, Turf
from fieldapp.services.geocoding import geocode_from_file
from fieldapp.services.importing import import_doors
from fieldapp.services.turfs import import_turfs

VOTERS = ("voter_id,first_name,last_name,address,city,state,zip\n"
          "1,Ann,Lee,2417 W Vliet St,Milwaukee,WI,53205\n"
          "2,Bo,Ruiz,2420 W Vliet St Apt 2,Milwaukee,WI,53205\n")
# a turf around the 2400 block of W Vliet St (lon, lat as GeoJSON wants)
RING = [[-87.95, 43.045], [-87.94, 43.045], [-87.94, 43.052], [-87.95, 43.052], [-87.95, 43.045]]

# OpenAddresses output CSV, the NAD text release, and a county GIS export, in that order.
POINT_FILES = {
    "openaddresses": ("LON,LAT,NUMBER,STREET,UNIT,CITY,DISTRICT,REGION,POSTCODE,ID,HASH\n"
                      "-87.94701,43.04851,2417,W VLIET ST,,MILWAUKEE,,WI,53205,,a1\n"
                      "-87.94721,43.04821,2420,W VLIET ST,APT 2,MILWAUKEE,,WI,53205,,a2\n"),
    "nad": None,  # built below from the NAD schema's column order
    "county_gis": ("OBJECTID,ADDR_HN,ST_FULL,FULL_ADDRESS,UNIT,CITY,ZIP,POINT_X,POINT_Y\n"
                   "1,2417,W VLIET ST,2417 W VLIET ST,,MILWAUKEE,53205,-87.94701,43.04851\n"
                   "2,2420,W VLIET ST,2420 W VLIET ST,,MILWAUKEE,53205,-87.94721,43.04821\n"),
}
NAD_COLUMNS = [
    "OID_", "AddNum_Pre", "Add_Number", "AddNum_Suf", "AddNo_Full", "St_PreMod", "St_PreDir",
    "St_PreTyp", "St_PreSep", "St_Name", "St_PosTyp", "St_PosDir", "St_PosMod", "StNam_Full",
    "Building", "Floor", "Unit", "Room", "Addtl_Loc", "Milepost", "Longitude", "Latitude",
    "NatGrid", "Elevation", "Placement", "AddAuth", "AddrRefSys", "Post_Comm", "Census_Plc",
    "Inc_Muni", "Uninc_Comm", "Nbrhd_Comm", "NatAmArea", "NatAmSub", "Urbnztn_PR", "PlaceOther",
    "State", "County", "Zip_Code", "Plus_4", "UUID", "AddrPoint", "Related_ID", "RelateType",
    "ParcelSrc", "Parcel_ID", "AddrClass", "Lifecycle", "Effective", "Expire", "DateUpdate",
    "AnomStatus", "LocatnDesc", "Addr_Type", "DeliverTyp", "NAD_Source", "DataSet_ID",
]


def _nad() -> str:
    lines = [",".join(NAD_COLUMNS)]
    for number, lon, lat in (("2417", "-87.94701", "43.04851"), ("2420", "-87.94721", "43.04821")):
        row = dict.fromkeys(NAD_COLUMNS, "")
        row.update(Add_Number=number, AddNo_Full=number, St_PreDir="W", St_Name="VLIET",
                   St_PosTyp="STREET", StNam_Full="W VLIET STREET", Longitude=lon, Latitude=lat,
                   Post_Comm="Milwaukee", State="WI", Zip_Code="53205")
        lines.append(",".join(row[c] for c in NAD_COLUMNS))
    return "\n".join(lines) + "\n"


def _voters(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "voters.csv"
    path.write_text(VOTERS, encoding="utf-8")
    import_doors(store, path)


def _turf_file(tmp_path: Path, ring: list[list[float]]) -> Path:
    path = tmp_path / "turfs.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "Vliet"},
         "geometry": {"type": "Polygon", "coordinates": [ring]}}]}), encoding="utf-8")
    return path


@pytest.mark.parametrize("layout", list(POINT_FILES))
def test_address_point_layouts_are_recognised_and_doors_land_in_their_turf(
        store: Store, tmp_path: Path, layout: str) -> None:
    _voters(store, tmp_path)
    turfs = import_turfs(store, _turf_file(tmp_path, RING))  # turfs before coordinates
    assert turfs.doors_assigned == 0
    points = tmp_path / f"{layout}.csv"
    points.write_text(POINT_FILES[layout] or _nad(), encoding="utf-8")
    report = geocode_from_file(store, points)
    assert report.layout.startswith(layout)
    assert (report.doors_geocoded, report.doors_placed, report.remaining) == (2, 2, 0)
    with store.session() as s:
        turf_id = s.scalars(select(Turf.id)).one()
        doors = s.scalars(select(Door)).all()
    assert {d.turf_id for d in doors} == {turf_id}
    assert {(d.street_number, d.lat) for d in doors} == {("2417", 43.04851), ("2420", 43.04821)}


def test_swapped_turf_coordinates_are_warned_about(store: Store, tmp_path: Path) -> None:
    _voters(store, tmp_path)
    points = tmp_path / "points.csv"
    points.write_text(POINT_FILES["county_gis"], encoding="utf-8")
    geocode_from_file(store, points)
    report = import_turfs(store, _turf_file(tmp_path, [[lat, lon] for lon, lat in RING]))
    assert report.doors_assigned == 0
    assert any("latitude and longitude swapped" in w and "2 doors" in w for w in report.warnings)
    assert report.lines()[-1].startswith("warning: the turf polygons contain no doors")
    good = import_turfs(store, _turf_file(tmp_path, RING))
    assert good.warnings == [] and good.doors_assigned == 2
