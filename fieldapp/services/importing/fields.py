"""The fields a voter-file column can map to, and the header names each goes by."""

from __future__ import annotations

import re

FIELDS: dict[str, str] = {
    "voter_id": "voter id from the file (matches re-imports)",
    "first_name": "first name",
    "last_name": "last name",
    "full_name": "whole name (\"Last, First\" or \"First Last\")",
    "street_number": "house number",
    "street_number_suffix": "house number suffix (\"1/2\", \"B\")",
    "street_pre": "street direction before the name (N, SW)",
    "street_name": "street name",
    "street_type": "street type (St, Ave, Trl)",
    "street_post": "street direction after the name",
    "address": "whole street line (\"1234 N 20th St Apt 3\")",
    "unit_type": "unit type (Apt, Unit, Ste)",
    "unit": "apartment or unit",
    "city": "city",
    "state": "state",
    "zip": "ZIP code",
    "area_code": "phone area code (put before the phone)",
    "phone": "phone",
    "email": "email",
    "party": "party",
    "birth_year": "year of birth",
    "birth_date": "date of birth (the year is kept)",
    "age": "age (turned into a birth year)",
    "status": "registration status (active, inactive, removed, cancelled, confidential, deceased)",
    "registration_date": "registration date",
    "precinct": "precinct",
    "ward": "ward",
    "congressional_district": "congressional district",
    "senate_district": "state senate district",
    "house_district": "state house district",
    "lat": "latitude",
    "lon": "longitude",
    "language": "preferred language",
    "do_not_call": "do not call (yes/no; \"yes\" records an opt-out, blank or \"no\" nothing)",
    "do_not_text": "do not text (yes/no; as do_not_call)",
    "do_not_email": "do not email (yes/no; as do_not_call)",
    "ignore": "not imported",
}
"""The fields a column can be mapped to, with a short description."""

_ALIASES: dict[str, tuple[str, ...]] = {
    "voter_id": (
        "voterid", "vanid", "voterregnumber", "voterregistrationnumber", "regnumber",
        "registrationnumber", "statevoterid", "voterfileid", "voterfilevanid", "sosid",
        "ncid", "sosvoterid", "vuid", "statevoterid", "id", "personid", "externalid", "voterkey", "lalvoterid", "voternumber",
    ),
    "first_name": ("firstname", "first", "fname", "givenname", "namefirst", "votersfirstname"),
    "last_name": ("lastname", "last", "lname", "surname", "familyname", "namelast", "voterslastname"),
    "full_name": ("name", "fullname", "votername", "personname"),
    "street_number": (
        "streetno", "streetnumber", "housenumber", "houseno", "addressnumber", "stno",
        "resstreetno", "residencehousenumber", "housenum", "resstreetnumber", "number",
    ),
    "street_name": (
        "streetname", "street", "stname", "residencestreetname", "resstreetname",
    ),
    "address": (
        "address", "address1", "addressline1", "streetaddress", "residentialaddress",
        "resaddress", "voteraddress", "residenceaddress", "addr", "residentialaddress1",
        "streetline", "vaddress",
    ),
    "unit": (
        "unit", "apt", "aptno", "apartment", "unitnumber", "aptnumber", "address2",
        "addressline2", "suite", "residenceunit", "resunit", "aptunit", "apartmentnumber",
        "unitno",
    ),
    "city": ("city", "residentialcity", "rescity", "residencecity", "town", "municipality", "vcity"),
    "state": ("state", "st", "residentialstate", "resstate", "stateabbr", "statecode", "vstate"),
    "zip": (
        "zip", "zip5", "zipcode", "postalcode", "postcode", "residentialzip", "reszip",
        "zip9", "residencezip", "vzip",
    ),
    "phone": (
        "phone", "phonenumber", "cellphone", "cell", "mobile", "homephone", "telephone",
        "preferredphone", "mobilephone", "cellphonenumber",
    ),
    "email": ("email", "emailaddress", "preferredemail"),
    "party": ("party", "partycode", "partyaffiliation", "registeredparty", "partyname"),
    "birth_year": ("birthyear", "yearofbirth", "yob", "byear"),
    "birth_date": ("dob", "dateofbirth", "birthdate", "birthday"),
    "age": ("age", "voterage"),
    "status": ("status", "voterstatus", "registrationstatus", "statuscode", "voterstatusdesc"),
    "registration_date": ("registrationdate", "regdate", "dateregistered", "registereddate",
                          "registrdt"),
    "precinct": ("precinct", "precinctname", "precinctcode", "pct", "precinctdesc"),
    "ward": ("ward", "wardname"),
    "congressional_district": ("cd", "congressionaldistrict", "congdist", "ushouse"),
    "senate_district": ("sd", "senatedistrict", "statesenatedistrict", "senatedist"),
    "house_district": ("hd", "housedistrict", "statehousedistrict", "housedist",
                       "staterepresentativedistrict"),
    "lat": ("lat", "latitude", "ycoord"),
    "lon": ("lon", "lng", "long", "longitude", "xcoord"),
    "language": ("language", "lang", "preferredlanguage", "primarylanguage", "spokenlanguage"),
}
_ALIAS_TO_FIELD: dict[str, str] = {
    alias: name for name, aliases in _ALIASES.items() for alias in aliases
}
_ALIAS_TO_FIELD.update({name.replace("_", ""): name for name in FIELDS})

MAX_PROBLEMS_KEPT = 1000
_LANGS = {"es": "es", "spa": "es", "spanish": "es", "espanol": "es", "español": "es",
          "en": "en", "eng": "en", "english": "en"}



def norm_header(text: str) -> str:
    """A header cell lower-cased with everything but letters and digits removed."""
    return re.sub(r"[^a-z0-9]", "", text.lower())

_OPT_OUT_WORDS = frozenset({"1", "y", "yes", "true", "t", "x", "si", "sí", "dnc", "do not call"})


def is_opt_out_cell(text: str) -> bool:
    """Whether an import file's "do not call" cell says so (blank or "no" records nothing)."""
    return text.strip().lower() in _OPT_OUT_WORDS
