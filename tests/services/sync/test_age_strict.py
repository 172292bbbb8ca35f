"""Finding 2: the age reader follows the spec's canonical encoding exactly.

Each header here carries a correct MAC (built with the file key), so the only
thing wrong is the encoding: a loose reader would open them.
"""

from __future__ import annotations

import base64
import hmac
import io
import os
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fieldapp.services.sync import agefmt
from fieldapp.services.sync.format import SPECS, RecordError, check_record

IDENTITY = agefmt.Identity.generate()
PLAIN = b"door 12 Main St: canvassed\n" * 10


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode().rstrip("=")


def _noncanonical(text: str) -> str:
    """The same bytes with a non-zero unused bit in the last character."""
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    return text[:-1] + alphabet[alphabet.index(text[-1]) + 1]


def craft(*, body: Callable[[str], str] = str, mac_text: Callable[[str], str] = str,
          extra: str = "", payload: bool = True) -> bytes:
    """An age file for IDENTITY whose header lines pass through the given edits."""
    file_key = os.urandom(16)
    stanza = agefmt._wrap_x25519(file_key, IDENTITY.recipient())
    body_text = body(_b64(stanza.body))
    header = (agefmt.MAGIC + b"\n" + f"-> X25519 {stanza.args[0]}\n{body_text}\n".encode()
              + extra.encode("latin-1") + b"---")
    mac = hmac.new(agefmt._hkdf(file_key, b"", b"header"), header, "sha256").digest()
    out = io.BytesIO()
    out.write(header + b" " + mac_text(_b64(mac)).encode() + b"\n")
    if payload:
        agefmt._payload_encrypt(io.BytesIO(PLAIN), out, file_key)
    return out.getvalue()


def open_it(data: bytes) -> bytes:
    out = io.BytesIO()
    agefmt.decrypt(io.BytesIO(data), out, identities=[IDENTITY])
    return out.getvalue()


def test_the_crafted_file_opens_when_nothing_is_wrong() -> None:
    assert open_it(craft()) == PLAIN
    assert open_it(craft(extra="-> fieldapp-to abc123\n\n")) == PLAIN


@pytest.mark.parametrize(("edits", "reason"), [
    ({"body": _noncanonical}, "non-canonical base64"),
    ({"mac_text": _noncanonical}, "non-canonical base64"),
    ({"body": lambda t: t + "=="}, "bad base64"),
    ({"mac_text": lambda t: _b64(base64.b64decode(t + "=")[:16])}, "MAC has the wrong length"),
    ({"mac_text": lambda t: _b64(base64.b64decode(t + "=") + b"\0")}, "MAC has the wrong length"),
    ({"extra": "-> fieldapp-to  abc\n\n"}, "bad stanza argument"),
    ({"extra": "-> fieldapp-to ab\x7fc\n\n"}, "bad stanza argument"),
    ({"extra": "-> fieldapp-to \xe9\n\n"}, "bad stanza argument"),
    ({"extra": "-> fieldapp-to abc \n\n"}, "bad stanza argument"),
])
def test_non_canonical_headers_are_refused(edits: dict[str, object], reason: str) -> None:
    with pytest.raises(agefmt.AgeHeaderError, match=reason):
        open_it(craft(**edits))  # type: ignore[arg-type]


def test_header_and_payload_damage_are_told_apart() -> None:
    good = craft()
    header_end = good.index(b"\n---") + 1
    with pytest.raises(agefmt.AgeHeaderError):
        open_it(good[: header_end - 5])  # cut inside the header
    with pytest.raises(agefmt.AgePayloadError):
        open_it(craft(payload=False))  # header intact, no payload
    flipped = bytearray(good)
    flipped[-3] ^= 1
    with pytest.raises(agefmt.AgePayloadError):
        open_it(bytes(flipped))


def test_the_scrypt_cap_is_what_field_app_writes_plus_a_small_margin() -> None:
    assert agefmt.SCRYPT_LOG_N <= agefmt.SCRYPT_MAX_LOG_N <= agefmt.SCRYPT_LOG_N + 2
    out = io.BytesIO()
    agefmt.encrypt(io.BytesIO(PLAIN), out, passphrase=b"pw", scrypt_log_n=4)
    text = out.getvalue()
    too_high = text.replace(b" 4\n", f" {agefmt.SCRYPT_MAX_LOG_N + 1}\n".encode(), 1)
    with pytest.raises(agefmt.AgeHeaderError, match="work factor"):
        agefmt.decrypt(io.BytesIO(too_high), io.BytesIO(), passphrase=b"pw")


def test_running_out_of_memory_in_scrypt_is_a_one_line_refusal(
        monkeypatch: pytest.MonkeyPatch) -> None:
    out = io.BytesIO()
    agefmt.encrypt(io.BytesIO(PLAIN), out, passphrase=b"pw", scrypt_log_n=4)

    def no_memory(self: object, key: bytes) -> bytes:
        raise MemoryError

    monkeypatch.setattr(agefmt.Scrypt, "derive", no_memory)
    with pytest.raises(agefmt.AgeError, match="not enough memory"):
        agefmt.decrypt(io.BytesIO(out.getvalue()), io.BytesIO(), passphrase=b"pw")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_fuzzed_files_only_ever_raise_age_errors(data: st.DataObject) -> None:
    good = bytearray(craft(extra="-> fieldapp-to abc123\n\n"))
    for _ in range(data.draw(st.integers(1, 4))):
        op = data.draw(st.sampled_from(["flip", "cut", "insert", "delete"]))
        at = data.draw(st.integers(0, max(len(good) - 1, 0)))
        if op == "flip" and good:
            good[at] ^= data.draw(st.integers(1, 255))
        elif op == "cut":
            del good[at:]
        elif op == "insert":
            good[at:at] = data.draw(st.binary(min_size=1, max_size=8))
        elif good:
            del good[at]
    try:
        assert open_it(bytes(good)) == PLAIN
    except agefmt.AgeError:
        pass


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_random_headers_only_ever_raise_age_errors(tail: bytes) -> None:
    with pytest.raises(agefmt.AgeError):
        open_it(agefmt.MAGIC + b"\n" + tail)


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=6,
)


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_fuzzed_records_only_ever_raise_record_errors(data: st.DataObject) -> None:
    table = data.draw(st.sampled_from(sorted(SPECS)))
    keys = [s.key for s in SPECS[table]]
    record: object = data.draw(st.one_of(
        _JSON,
        st.fixed_dictionaries({k: _JSON for k in keys}),
    ))
    try:
        check_record(table, record)
    except RecordError:
        pass
