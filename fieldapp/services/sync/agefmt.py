"""The age file format (age-encryption.org/v1), streaming, from ``cryptography``.

Why not pyrage: its passphrase API only encrypts whole byte strings, and a
bundle of 100,000 contacts must not be held in memory several times over.
This module streams in 64 KiB chunks both ways, so memory stays flat, and it
writes files that Debian's ``age`` tool opens (tested in
``tests/services/sync/test_age_interop.py``).

Supported: X25519 recipients (``age1...``, identities ``AGE-SECRET-KEY-1...``)
and scrypt passphrases. Besides the X25519 stanzas an encrypted file carries one
``fieldapp-to`` stanza per recipient with that recipient's key fingerprint, so
that "encrypted for someone else" can say for whom; age ignores stanza types it
does not know.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from fieldapp.errors import FieldAppError

MAGIC = b"age-encryption.org/v1"
CHUNK = 64 * 1024
TAG = 16
SCRYPT_LOG_N = 18  # what age itself uses (about a second); tests lower it
# What Field App writes plus a small margin (2**20 * 1 KiB = 1 GiB of memory, a few
# seconds); a higher factor is refused before any work is done.
SCRYPT_MAX_LOG_N = SCRYPT_LOG_N + 2
MAC_LEN = 32
HINT_TYPE = "fieldapp-to"
MAX_HEADER = 64 * 1024


class AgeError(FieldAppError):
    """The file is not age, is damaged, or we hold no key that opens it."""


class AgeHeaderError(AgeError):
    """The header (recipient stanzas or MAC) is malformed or does not verify."""


class AgePayloadError(AgeError):
    """The header verified but the encrypted payload is cut short or altered."""


class NoIdentityError(AgeError):
    """Encrypted, but not for any key or passphrase we were given."""

    def __init__(self, message: str, hints: list[str], passphrase: bool) -> None:
        super().__init__(message)
        self.hints = hints
        self.passphrase = passphrase


# --------------------------------------------------------------------------- bech32

_CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"


def _polymod(values: list[int]) -> int:
    gen = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)
    chk = 1
    for v in values:
        top = chk >> 25
        chk = (chk & 0x1FFFFFF) << 5 ^ v
        for i in range(5):
            chk ^= gen[i] if ((top >> i) & 1) else 0
    return chk


def _hrp_expand(hrp: str) -> list[int]:
    return [ord(x) >> 5 for x in hrp] + [0] + [ord(x) & 31 for x in hrp]


def _convertbits(data: bytes | list[int], frombits: int, tobits: int, pad: bool) -> list[int]:
    acc = 0
    bits = 0
    ret: list[int] = []
    maxv = (1 << tobits) - 1
    for value in data:
        acc = (acc << frombits) | value
        bits += frombits
        while bits >= tobits:
            bits -= tobits
            ret.append((acc >> bits) & maxv)
    if pad:
        if bits:
            ret.append((acc << (tobits - bits)) & maxv)
    elif bits >= frombits or ((acc << (tobits - bits)) & maxv):
        raise ValueError("invalid padding")
    return ret


def bech32_encode(hrp: str, data: bytes) -> str:
    five = _convertbits(data, 8, 5, True)
    polymod = _polymod([*_hrp_expand(hrp), *five, 0, 0, 0, 0, 0, 0]) ^ 1
    checksum = [(polymod >> 5 * (5 - i)) & 31 for i in range(6)]
    return hrp + "1" + "".join(_CHARSET[d] for d in five + checksum)


def bech32_decode(text: str, hrp: str) -> bytes:
    if text.lower() != text and text.upper() != text:
        raise ValueError("mixed case")
    text = text.lower()
    pos = text.rfind("1")
    if pos < 1 or text[:pos] != hrp or len(text) - pos < 7:
        raise ValueError(f"not a {hrp} key")
    try:
        data = [_CHARSET.index(c) for c in text[pos + 1 :]]
    except ValueError:
        raise ValueError("invalid character") from None
    if _polymod(_hrp_expand(hrp) + data) != 1:
        raise ValueError("bad checksum")
    return bytes(_convertbits(data[:-6], 5, 8, False))


# --------------------------------------------------------------------------- keys


def _raw_public(key: X25519PublicKey) -> bytes:
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    return key.public_bytes(Encoding.Raw, PublicFormat.Raw)


def _raw_private(key: X25519PrivateKey) -> bytes:
    from cryptography.hazmat.primitives.serialization import (
        Encoding,
        NoEncryption,
        PrivateFormat,
    )

    return key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())


@dataclass(frozen=True)
class Recipient:
    """An X25519 public key, written ``age1...``."""

    public: bytes

    @classmethod
    def parse(cls, text: str) -> Recipient:
        try:
            raw = bech32_decode(text.strip(), "age")
        except ValueError as exc:
            raise AgeError(f"not an age recipient ({exc}): {text[:20]!r}") from None
        if len(raw) != 32:
            raise AgeError(f"not an age recipient (wrong length): {text[:20]!r}")
        try:  # a low-order point gives an all-zero shared secret: nobody could decrypt
            X25519PrivateKey.generate().exchange(X25519PublicKey.from_public_bytes(raw))
        except ValueError:
            raise AgeError(f"not a usable age recipient (a low-order key): {text[:20]!r}") from None
        return cls(raw)

    def __str__(self) -> str:
        return bech32_encode("age", self.public)

    @property
    def fingerprint(self) -> str:
        """A short stable name for the key (not secret)."""
        return hashlib.sha256(b"fieldapp-recipient:" + self.public).hexdigest()[:16]


@dataclass(frozen=True)
class Identity:
    """An X25519 private key, written ``AGE-SECRET-KEY-1...`` (age-keygen's format)."""

    secret: bytes

    @classmethod
    def generate(cls) -> Identity:
        return cls(_raw_private(X25519PrivateKey.generate()))

    @classmethod
    def parse(cls, text: str) -> Identity:
        for line in text.splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                try:
                    raw = bech32_decode(line, "age-secret-key-")
                except ValueError as exc:
                    raise AgeError(f"not an age identity ({exc})") from None
                if len(raw) != 32:
                    raise AgeError("not an age identity (wrong length)")
                return cls(raw)
        raise AgeError("no age identity in the key file")

    def __str__(self) -> str:
        return bech32_encode("age-secret-key-", self.secret).upper()

    def recipient(self) -> Recipient:
        key = X25519PrivateKey.from_private_bytes(self.secret)
        return Recipient(_raw_public(key.public_key()))


# --------------------------------------------------------------------------- header


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii").rstrip("=")


_B64_CHARS = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")


def _unb64(text: str | bytes) -> bytes:
    """Strict base64 as age's spec has it: no padding, canonical last character."""
    raw = text.encode("ascii", "replace") if isinstance(text, str) else text
    if len(raw) % 4 == 1 or not _B64_CHARS.issuperset(raw):
        raise AgeHeaderError("damaged header (bad base64)")
    try:
        data = base64.b64decode(raw + b"=" * (-len(raw) % 4), validate=True)
    except ValueError:
        raise AgeHeaderError("damaged header (bad base64)") from None
    if _b64(data).encode() != raw:  # non-zero unused bits in the last character
        raise AgeHeaderError("damaged header (non-canonical base64)")
    return data


def _hkdf(ikm: bytes, salt: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=info).derive(ikm)


@dataclass
class _Stanza:
    kind: str
    args: list[str]
    body: bytes

    def encode(self) -> bytes:
        text = _b64(self.body)
        lines = [text[i : i + 64] for i in range(0, len(text), 64)]
        if not lines or len(lines[-1]) == 64:
            lines.append("")
        return ("-> " + " ".join([self.kind, *self.args]) + "\n" + "\n".join(lines) + "\n").encode()


_ZERO_NONCE = bytes(12)


def _wrap_x25519(file_key: bytes, recipient: Recipient) -> _Stanza:
    eph = X25519PrivateKey.generate()
    share = _raw_public(eph.public_key())
    shared = eph.exchange(X25519PublicKey.from_public_bytes(recipient.public))
    key = _hkdf(shared, share + recipient.public, b"age-encryption.org/v1/X25519")
    body = ChaCha20Poly1305(key).encrypt(_ZERO_NONCE, file_key, None)
    return _Stanza("X25519", [_b64(share)], body)


def _unwrap_x25519(stanza: _Stanza, identity: Identity) -> bytes | None:
    if len(stanza.args) != 1:
        raise AgeHeaderError("damaged header (X25519 stanza)")
    share = _unb64(stanza.args[0])
    if len(share) != 32 or len(stanza.body) != 32:
        raise AgeHeaderError("damaged header (X25519 stanza)")
    priv = X25519PrivateKey.from_private_bytes(identity.secret)
    try:
        shared = priv.exchange(X25519PublicKey.from_public_bytes(share))
    except ValueError:
        raise AgeHeaderError("damaged header (X25519 share)") from None
    key = _hkdf(shared, share + identity.recipient().public, b"age-encryption.org/v1/X25519")
    try:
        return ChaCha20Poly1305(key).decrypt(_ZERO_NONCE, stanza.body, None)
    except InvalidTag:
        return None


def _scrypt_key(passphrase: bytes, salt: bytes, log_n: int) -> bytes:
    try:
        kdf = Scrypt(salt=b"age-encryption.org/v1/scrypt" + salt, length=32, n=1 << log_n, r=8, p=1)
        return kdf.derive(passphrase)
    except MemoryError:
        raise AgeError(f"not enough memory for the passphrase work factor ({log_n}): close "
                       "other programs and try again") from None


def _wrap_scrypt(file_key: bytes, passphrase: bytes, log_n: int) -> _Stanza:
    salt = os.urandom(16)
    key = _scrypt_key(passphrase, salt, log_n)
    body = ChaCha20Poly1305(key).encrypt(_ZERO_NONCE, file_key, None)
    return _Stanza("scrypt", [_b64(salt), str(log_n)], body)


def _unwrap_scrypt(stanza: _Stanza, passphrase: bytes) -> bytes | None:
    if (len(stanza.args) != 2 or not stanza.args[1].isascii() or not stanza.args[1].isdigit()
            or stanza.args[1].startswith("0")):
        raise AgeHeaderError("damaged header (scrypt stanza)")
    salt = _unb64(stanza.args[0])
    if len(salt) != 16 or len(stanza.body) != 32 or len(stanza.args[1]) > 2:
        raise AgeHeaderError("damaged header (scrypt stanza)")
    log_n = int(stanza.args[1])
    if log_n > SCRYPT_MAX_LOG_N:
        raise AgeHeaderError(f"the passphrase work factor ({log_n}) is higher than Field App "
                             f"accepts ({SCRYPT_MAX_LOG_N}): not trying it")
    key = _scrypt_key(passphrase, salt, log_n)
    try:
        return ChaCha20Poly1305(key).decrypt(_ZERO_NONCE, stanza.body, None)
    except InvalidTag:
        return None


def _read_line(src: BinaryIO, budget: list[int]) -> bytes:
    line = src.readline(budget[0] + 1)
    budget[0] -= len(line)
    if budget[0] < 0:
        raise AgeHeaderError("not an age file (header too long)")
    if not line.endswith(b"\n"):
        raise AgeHeaderError("truncated file (header cut short)")
    return line[:-1]


def _stanza_args(line: bytes) -> list[str]:
    """The type and arguments of a ``-> `` line: non-empty runs of printable ASCII."""
    parts = line[3:].split(b" ")
    for part in parts:
        if not part or any(c < 0x21 or c > 0x7E for c in part):
            raise AgeHeaderError("damaged header (bad stanza argument)")
    return [p.decode("ascii") for p in parts]


def _read_header(src: BinaryIO) -> tuple[list[_Stanza], bytes, bytes]:
    """The stanzas, the bytes the MAC covers, and the MAC."""
    budget = [MAX_HEADER]
    first = src.read(len(MAGIC) + 1)
    if first != MAGIC + b"\n":
        raise AgeHeaderError("not an age-encrypted file")
    covered = bytearray(first)
    stanzas: list[_Stanza] = []
    line = _read_line(src, budget)
    while True:
        if line.startswith(b"---"):
            if not line.startswith(b"--- "):
                raise AgeHeaderError("damaged header")
            covered += b"---"
            mac = _unb64(line[4:])
            if len(mac) != MAC_LEN:
                raise AgeHeaderError("damaged header (MAC has the wrong length)")
            return stanzas, bytes(covered), mac
        if not line.startswith(b"-> "):
            raise AgeHeaderError("damaged header")
        covered += line + b"\n"
        parts = _stanza_args(line)
        body = bytearray()
        while True:
            body_line = _read_line(src, budget)
            covered += body_line + b"\n"
            if len(body_line) > 64:
                raise AgeHeaderError("damaged header (long body line)")
            body += body_line
            if len(body_line) < 64:
                break
        stanzas.append(_Stanza(parts[0], parts[1:], _unb64(bytes(body))))
        line = _read_line(src, budget)


# --------------------------------------------------------------------------- streams


def _payload_encrypt(src: BinaryIO, dst: BinaryIO, file_key: bytes) -> None:
    nonce = os.urandom(16)
    dst.write(nonce)
    aead = ChaCha20Poly1305(_hkdf(file_key, nonce, b"payload"))
    counter = 0
    chunk = src.read(CHUNK)
    while True:
        nxt = src.read(CHUNK) if len(chunk) == CHUNK else b""
        last = not nxt
        chunk_nonce = counter.to_bytes(11, "big") + (b"\x01" if last else b"\x00")
        dst.write(aead.encrypt(chunk_nonce, chunk, None))
        if last:
            return
        counter += 1
        chunk = nxt


def encrypt(
    src: BinaryIO,
    dst: BinaryIO,
    *,
    recipients: Sequence[Recipient] = (),
    passphrase: bytes | None = None,
    scrypt_log_n: int | None = None,
) -> None:
    """Encrypt ``src`` to ``dst`` for the recipients, or with a passphrase."""
    if bool(recipients) == (passphrase is not None):
        raise ValueError("give either recipients or a passphrase")
    file_key = os.urandom(16)
    if passphrase is not None:
        stanzas = [_wrap_scrypt(file_key, passphrase, scrypt_log_n or SCRYPT_LOG_N)]
    else:
        stanzas = [_wrap_x25519(file_key, r) for r in recipients]
        stanzas += [_Stanza(HINT_TYPE, [r.fingerprint], b"") for r in recipients]
    header = MAGIC + b"\n" + b"".join(s.encode() for s in stanzas) + b"---"
    mac = hmac.new(_hkdf(file_key, b"", b"header"), header, "sha256").digest()
    dst.write(header + b" " + _b64(mac).encode() + b"\n")
    _payload_encrypt(src, dst, file_key)


def recipient_hints(src: BinaryIO) -> tuple[list[str], bool]:
    """The recipient fingerprints a file names, and whether it is passphrase-encrypted."""
    stanzas, _, _ = _read_header(src)
    hints = [s.args[0] for s in stanzas if s.kind == HINT_TYPE and s.args]
    return hints, any(s.kind == "scrypt" for s in stanzas)


def decrypt(
    src: BinaryIO,
    dst: BinaryIO,
    *,
    identities: Sequence[Identity] = (),
    passphrase: bytes | None = None,
) -> None:
    """Decrypt ``src`` to ``dst``; raise :class:`AgeError` on any damage.

    Every chunk is authenticated before it is written, and the last chunk is
    marked, so a truncated or altered file always fails.
    """
    stanzas, covered, mac = _read_header(src)
    file_key: bytes | None = None
    is_scrypt = any(s.kind == "scrypt" for s in stanzas)
    if is_scrypt:
        if len(stanzas) != 1:
            raise AgeHeaderError("damaged header (scrypt with other recipients)")
        if passphrase is not None:
            file_key = _unwrap_scrypt(stanzas[0], passphrase)
            if file_key is None:
                raise NoIdentityError("wrong passphrase", [], True)
    else:
        for stanza in stanzas:
            if stanza.kind != "X25519":
                continue
            for identity in identities:
                file_key = _unwrap_x25519(stanza, identity)
                if file_key is not None:
                    break
            if file_key is not None:
                break
    if file_key is None:
        hints = [s.args[0] for s in stanzas if s.kind == HINT_TYPE and s.args]
        raise NoIdentityError("no key we hold opens this file", hints, is_scrypt)
    if len(file_key) != 16:
        raise AgeHeaderError("damaged header (file key)")
    want = hmac.new(_hkdf(file_key, b"", b"header"), covered, "sha256").digest()
    if not hmac.compare_digest(want, mac):
        raise AgeHeaderError("damaged header (MAC does not match)")
    _decrypt_payload(src, dst, file_key)


def _decrypt_payload(src: BinaryIO, dst: BinaryIO, file_key: bytes) -> None:
    nonce = src.read(16)
    if len(nonce) != 16:
        raise AgePayloadError("truncated file (no payload)")
    aead = ChaCha20Poly1305(_hkdf(file_key, nonce, b"payload"))
    counter = 0
    size = CHUNK + TAG
    chunk = src.read(size)
    while True:
        if len(chunk) < TAG:
            raise AgePayloadError("truncated or damaged file")
        nxt = src.read(size) if len(chunk) == size else b""
        last = not nxt
        chunk_nonce = counter.to_bytes(11, "big") + (b"\x01" if last else b"\x00")
        try:
            plain = aead.decrypt(chunk_nonce, chunk, None)
        except InvalidTag:
            raise AgePayloadError("truncated or damaged file (a block fails its check)") from None
        if last and not plain and counter > 0:
            raise AgePayloadError("damaged file (empty last block)")
        dst.write(plain)
        if last:
            return
        counter += 1
        chunk = nxt
