"""``fieldapp store``: an encrypted store on disk holds no readable voter data; the key
lives in the credential store (a real keyring backend in a temporary folder); a wrong
key is one line and exit 1; encrypt/decrypt/rekey round-trip to the same dump."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import keyring
import pytest

from fieldapp.cli import main
from fieldapp.core import cipher
from fieldapp.core.db import open_store
from fieldapp.services import storekey
from tests.conftest import temp_keyring

DEMO_ARGS = ["demo", "--doors", "60", "--seed", "3", "--today", "2026-11-20"]


def _demo_values(path: Path, key: str | None) -> list[bytes]:
    """Names, streets and phone numbers of the demo, read through the store."""
    store = open_store(path, key=key)
    try:
        with store.engine.connect() as conn:
            rows = conn.exec_driver_sql(
                "SELECT first_name, last_name, phone, email FROM people").all()
            streets = conn.exec_driver_sql("SELECT DISTINCT street_name FROM doors").all()
    finally:
        store.close()
    values = {v for row in rows for v in row if v and len(v) >= 5}
    values |= {s[0] for s in streets if s[0]}
    assert len(values) > 50
    return sorted(v.encode() for v in values)


def _raw_files(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.is_file() and p.name.startswith("store")]


def _dump(db: Path, capsys: pytest.CaptureFixture[str]) -> str:
    capsys.readouterr()
    assert main(["--db", str(db), "dump"]) == 0
    return capsys.readouterr().out


@pytest.fixture(autouse=True)
def own_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests choose encryption themselves, also in FIELDAPP_TEST_ENCRYPTED runs."""
    monkeypatch.delenv(storekey.KEY_FILE_ENV, raising=False)
    monkeypatch.setenv(storekey.ENCRYPT_ENV, "0")


@pytest.fixture
def encrypt_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(storekey.ENCRYPT_ENV, raising=False)
    monkeypatch.delenv(storekey.KEY_FILE_ENV, raising=False)


def test_new_store_is_encrypted_with_its_key_in_the_credential_store(
        tmp_path: Path, encrypt_by_default: None, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "laptop" / "store.sqlite"
    assert main(["--db", str(db), *DEMO_ARGS]) == 0
    assert cipher.file_state(db) == "encrypted"
    key = keyring.get_password(storekey.SERVICE, str(db.resolve()))
    assert key is not None and cipher.is_raw_key(key)
    # A backup (as before a schema upgrade) is encrypted with the same key.
    store = open_store(db)
    from fieldapp.core.db import backup_sqlite

    backup = backup_sqlite(store.engine, "before-test")
    store.close()
    assert backup is not None and cipher.file_state(backup) == "encrypted"
    values = _demo_values(db, key)
    files = _raw_files(db.parent)
    assert backup in files and len(files) >= 2
    for path in files:
        raw = path.read_bytes()
        leaked = [v for v in values if v in raw]
        assert not leaked, f"{path.name} holds {leaked[:3]}"
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(db).execute("SELECT count(*) FROM people").fetchall()
    capsys.readouterr()
    assert main(["--db", str(db), "store", "status"]) == 0
    out = capsys.readouterr().out
    assert "Encrypted:  yes" in out and "credential store" in out


def test_wrong_key_is_one_line_and_exit_1_and_changes_nothing(
        tmp_path: Path, encrypt_by_default: None, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "store.sqlite"
    assert main(["--db", str(db), *DEMO_ARGS]) == 0
    before = db.read_bytes()
    keyring.set_password(storekey.SERVICE, str(db.resolve()), cipher.new_key())
    capsys.readouterr()
    assert main(["--db", str(db), "info"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "with this key (wrong key" in err
    assert db.read_bytes() == before
    assert not Path(f"{db}-wal").exists() or Path(f"{db}-wal").stat().st_size == 0


def test_key_file_opens_the_store_without_a_credential_store(
        tmp_path: Path, encrypt_by_default: None, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    key_file = tmp_path / "keys" / "store.key"
    monkeypatch.setenv(storekey.KEY_FILE_ENV, str(key_file))
    db = tmp_path / "store.sqlite"
    assert main(["--db", str(db), *DEMO_ARGS]) == 0
    assert cipher.file_state(db) == "encrypted"
    assert key_file.stat().st_mode & 0o777 == 0o600
    assert keyring.get_password(storekey.SERVICE, str(db.resolve())) is None
    # Another machine, no credential store at all: the key file is enough.
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())
    capsys.readouterr()
    assert main(["--db", str(db), "info"]) == 0
    assert "people" in capsys.readouterr().out
    monkeypatch.delenv(storekey.KEY_FILE_ENV)
    assert main(["--db", str(db), "info"]) == 1
    assert "FIELDAPP_STORE_KEY_FILE" in capsys.readouterr().err


def test_encrypt_decrypt_encrypt_round_trips_to_the_same_dump(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "store.sqlite"
    assert main(["--db", str(db), *DEMO_ARGS]) == 0  # plain (FIELDAPP_STORE_ENCRYPT=0 in tests)
    assert cipher.file_state(db) == "plain"
    plain_dump = _dump(db, capsys)
    assert main(["--db", str(db), "store", "encrypt"]) == 0
    out = capsys.readouterr().out
    assert "backup (encrypted)" in out
    assert cipher.file_state(db) == "encrypted"
    backups = sorted(tmp_path.glob("store.before-cipher-*.sqlite"))
    assert len(backups) == 1 and cipher.file_state(backups[0]) == "encrypted"
    assert _dump(db, capsys) == plain_dump
    first_key = keyring.get_password(storekey.SERVICE, str(db.resolve()))

    assert main(["--db", str(db), "store", "rekey"]) == 0
    second_key = keyring.get_password(storekey.SERVICE, str(db.resolve()))
    assert second_key and second_key != first_key
    assert _dump(db, capsys) == plain_dump
    with pytest.raises(cipher.WrongKeyError):
        cipher.check_key(db, first_key)

    assert main(["--db", str(db), "store", "decrypt"]) == 0
    assert cipher.file_state(db) == "plain"
    assert _dump(db, capsys) == plain_dump
    assert all(cipher.file_state(b) == "encrypted"
               for b in tmp_path.glob("store.before-cipher-*.sqlite"))
    assert main(["--db", str(db), "store", "encrypt"]) == 0
    assert _dump(db, capsys) == plain_dump
    capsys.readouterr()
    assert main(["--db", str(db), "store", "encrypt"]) == 1
    assert "already encrypted" in capsys.readouterr().err


def test_conversion_with_a_wrong_key_changes_nothing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "store.sqlite"
    assert main(["--db", str(db), *DEMO_ARGS]) == 0
    assert main(["--db", str(db), "store", "encrypt"]) == 0
    before = db.read_bytes()
    keyring.set_password(storekey.SERVICE, str(db.resolve()), cipher.new_key())
    capsys.readouterr()
    assert main(["--db", str(db), "store", "decrypt"]) == 1
    assert "with this key (wrong key" in capsys.readouterr().err
    assert db.read_bytes() == before


def test_tests_keyring_is_a_real_backend_in_the_temp_folder(tmp_path: Path) -> None:
    backend = temp_keyring(tmp_path / "kr")
    backend.set_password("svc", "user", "secret")
    assert (tmp_path / "kr" / "keyring_pass.cfg").exists()
    assert temp_keyring(tmp_path / "kr").get_password("svc", "user") == "secret"


def test_purge_uploaded_on_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.test_cli_sync import Machine, exported, pair

    laptop = Machine(tmp_path, "laptop", capsys)
    hq = Machine(tmp_path, "hq", capsys)
    pair(laptop, hq, tmp_path)
    laptop.run(*DEMO_ARGS)
    assert "Nothing purged" in laptop.run("store", "purge", "--uploaded")
    exported(laptop.run("bundle", "export", "--out", str(tmp_path / "usb")))
    out = laptop.run("store", "purge", "--uploaded")
    cleared = int(out.split("people", 1)[1].split("fields", 1)[0].replace(",", ""))
    assert cleared > 0 and "contact_attempts" in out
    store = open_store(laptop.db)
    try:
        with store.engine.connect() as conn:
            phones = conn.exec_driver_sql("SELECT count(*) FROM people WHERE phone != ''").scalar()
    finally:
        store.close()
    assert phones == 0
    assert "say what to purge" in laptop.run("store", "purge", rc=1)
