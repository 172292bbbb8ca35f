"""per-door and per-person sort values kept by triggers, for the doors and people tables

Revision ID: 0007
Revises: 0006

The doors table sorts by a door's turf name, its number of live people and its
latest result; the people table by its door's address. Those values live in
other tables, so sorting by them read every row. Two local tables now hold
them, one row per door (``door_rollups``) and per person (``person_rollups``),
each with an index in sort order, and database triggers keep them right in the
same transaction as every write to doors, people, turfs and contact attempts:
the services, the voter import, sync merges and retention all write through
them, and nothing can forget to. (A bulk insert may instead recompute what it
inserted in one pass before it commits: :mod:`fieldapp.core.rollups`.) They are derived data, recomputed by each
store from its own rows: never synced, never in a bundle, never stamped.

The latest-result rule is :func:`fieldapp.services.rules.door_latest_result_sql`
(the live door attempt with the greatest attempted_at, hlc, id); a change to
that rule needs a revision that recreates these triggers.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# The latest result of the door whose id is the expression {door}.
LATEST = """(SELECT a.result_code FROM contact_attempts a
    WHERE a.door_id = {door} AND a.channel = 'door'
      AND NOT EXISTS (SELECT 1 FROM contact_attempts n WHERE n.supersedes_id = a.id)
    ORDER BY a.attempted_at DESC, a.hlc DESC, a.id DESC LIMIT 1)"""
PEOPLE = """(SELECT count(*) FROM people p WHERE p.door_id = {door} AND p.deleted = {false})"""
TURF = """(SELECT t.name FROM turfs t WHERE t.id = {turf})"""
# A door's address as one text that sorts like (street, house number, street number, unit).
SQLITE_KEY = ("{d}.street_name || char(31) || CASE WHEN {d}.house_number IS NULL THEN '' "
              "ELSE printf('%015d', {d}.house_number) END || char(31) || {d}.street_number "
              "|| char(31) || {d}.unit")
PG_KEY = ("{d}.street_name || chr(31) || COALESCE(lpad({d}.house_number::text, 15, '0'), '') "
          "|| chr(31) || {d}.street_number || chr(31) || {d}.unit")

# A bulk writer (the voter import) turns the insert triggers off for its own
# transaction and recomputes what it inserted in one pass (fieldapp.core.rollups).
NOT_PAUSED = "NOT EXISTS (SELECT 1 FROM store_meta WHERE key = 'rollups_paused')"

SQLITE_TRIGGERS = {
    "tr_rollup_door_insert": f"""AFTER INSERT ON doors WHEN {NOT_PAUSED} BEGIN
        INSERT OR REPLACE INTO door_rollups (door_id, people_count, last_result, turf_name)
        VALUES (NEW.id, {PEOPLE.format(door="NEW.id", false=0)}, {LATEST.format(door="NEW.id")},
                {TURF.format(turf="NEW.turf_id")});
    END""",
    "tr_rollup_door_turf": f"""AFTER UPDATE OF turf_id ON doors BEGIN
        UPDATE door_rollups SET turf_name = {TURF.format(turf="NEW.turf_id")} WHERE door_id = NEW.id;
    END""",
    "tr_rollup_door_address": f"""AFTER UPDATE OF street_name, house_number, street_number, unit
        ON doors BEGIN
        UPDATE person_rollups SET door_sort = (SELECT {SQLITE_KEY.format(d="d")} FROM doors d
                                               WHERE d.id = NEW.id)
        WHERE person_id IN (SELECT id FROM people WHERE door_id = NEW.id);
    END""",
    "tr_rollup_door_delete": """AFTER DELETE ON doors BEGIN
        DELETE FROM door_rollups WHERE door_id = OLD.id;
    END""",
    "tr_rollup_turf_name": """AFTER UPDATE OF name ON turfs BEGIN
        UPDATE door_rollups SET turf_name = NEW.name
        WHERE door_id IN (SELECT id FROM doors WHERE turf_id = NEW.id);
    END""",
    "tr_rollup_person_insert": f"""AFTER INSERT ON people WHEN {NOT_PAUSED} BEGIN
        INSERT OR REPLACE INTO person_rollups (person_id, door_sort)
        VALUES (NEW.id, (SELECT {SQLITE_KEY.format(d="d")} FROM doors d WHERE d.id = NEW.door_id));
        UPDATE door_rollups SET people_count = {PEOPLE.format(door="NEW.door_id", false=0)}
        WHERE door_id = NEW.door_id;
    END""",
    "tr_rollup_person_update": f"""AFTER UPDATE OF door_id, deleted ON people BEGIN
        UPDATE person_rollups
        SET door_sort = (SELECT {SQLITE_KEY.format(d="d")} FROM doors d WHERE d.id = NEW.door_id)
        WHERE person_id = NEW.id;
        UPDATE door_rollups SET people_count = {PEOPLE.format(door="door_rollups.door_id", false=0)}
        WHERE door_id IN (OLD.door_id, NEW.door_id);
    END""",
    "tr_rollup_person_delete": f"""AFTER DELETE ON people BEGIN
        DELETE FROM person_rollups WHERE person_id = OLD.id;
        UPDATE door_rollups SET people_count = {PEOPLE.format(door="OLD.door_id", false=0)}
        WHERE door_id = OLD.door_id;
    END""",
    # An attempt changes its door's latest result, and a correction also the
    # latest result of the door of the attempt it supersedes.
    "tr_rollup_attempt_insert": f"""AFTER INSERT ON contact_attempts BEGIN
        UPDATE door_rollups SET last_result = {LATEST.format(door="door_rollups.door_id")}
        WHERE door_id IN (NEW.door_id,
                          (SELECT s.door_id FROM contact_attempts s WHERE s.id = NEW.supersedes_id));
    END""",
    "tr_rollup_attempt_update": f"""AFTER UPDATE ON contact_attempts BEGIN
        UPDATE door_rollups SET last_result = {LATEST.format(door="door_rollups.door_id")}
        WHERE door_id IN (OLD.door_id, NEW.door_id,
                          (SELECT s.door_id FROM contact_attempts s WHERE s.id = OLD.supersedes_id),
                          (SELECT s.door_id FROM contact_attempts s WHERE s.id = NEW.supersedes_id));
    END""",
    "tr_rollup_attempt_delete": f"""AFTER DELETE ON contact_attempts BEGIN
        UPDATE door_rollups SET last_result = {LATEST.format(door="door_rollups.door_id")}
        WHERE door_id IN (OLD.door_id,
                          (SELECT s.door_id FROM contact_attempts s WHERE s.id = OLD.supersedes_id));
    END""",
}

PG_FUNCTIONS = [
    f"""CREATE OR REPLACE FUNCTION rollup_refresh_door(door text) RETURNS void AS $$
    BEGIN
        IF door IS NULL THEN RETURN; END IF;
        DELETE FROM door_rollups WHERE door_id = door;
        INSERT INTO door_rollups (door_id, people_count, last_result, turf_name)
        SELECT d.id, {PEOPLE.format(door="d.id", false="false")}, {LATEST.format(door="d.id")},
               {TURF.format(turf="d.turf_id")}
        FROM doors d WHERE d.id = door;
    END $$ LANGUAGE plpgsql""",
    f"""CREATE OR REPLACE FUNCTION rollup_refresh_person(person text) RETURNS void AS $$
    BEGIN
        DELETE FROM person_rollups WHERE person_id = person;
        INSERT INTO person_rollups (person_id, door_sort)
        SELECT p.id, (SELECT {PG_KEY.format(d="d")} FROM doors d WHERE d.id = p.door_id)
        FROM people p WHERE p.id = person;
    END $$ LANGUAGE plpgsql""",
    """CREATE OR REPLACE FUNCTION rollup_doors_changed() RETURNS trigger AS $$
    BEGIN
        IF TG_OP = 'DELETE' THEN
            PERFORM rollup_refresh_door(OLD.id);
            RETURN NULL;
        END IF;
        PERFORM rollup_refresh_door(NEW.id);
        IF TG_OP = 'UPDATE' AND (NEW.street_name, NEW.house_number, NEW.street_number, NEW.unit)
                IS DISTINCT FROM (OLD.street_name, OLD.house_number, OLD.street_number, OLD.unit) THEN
            PERFORM rollup_refresh_person(p.id) FROM people p WHERE p.door_id = NEW.id;
        END IF;
        RETURN NULL;
    END $$ LANGUAGE plpgsql""",
    """CREATE OR REPLACE FUNCTION rollup_turfs_changed() RETURNS trigger AS $$
    BEGIN
        IF NEW.name IS DISTINCT FROM OLD.name THEN
            UPDATE door_rollups SET turf_name = NEW.name
            WHERE door_id IN (SELECT id FROM doors WHERE turf_id = NEW.id);
        END IF;
        RETURN NULL;
    END $$ LANGUAGE plpgsql""",
    """CREATE OR REPLACE FUNCTION rollup_people_changed() RETURNS trigger AS $$
    BEGIN
        IF TG_OP <> 'INSERT' THEN
            PERFORM rollup_refresh_door(OLD.door_id);
        END IF;
        IF TG_OP = 'DELETE' THEN
            DELETE FROM person_rollups WHERE person_id = OLD.id;
            RETURN NULL;
        END IF;
        PERFORM rollup_refresh_person(NEW.id);
        PERFORM rollup_refresh_door(NEW.door_id);
        RETURN NULL;
    END $$ LANGUAGE plpgsql""",
    """CREATE OR REPLACE FUNCTION rollup_attempts_changed() RETURNS trigger AS $$
    BEGIN
        IF TG_OP <> 'INSERT' THEN
            PERFORM rollup_refresh_door(OLD.door_id);
            PERFORM rollup_refresh_door(s.door_id) FROM contact_attempts s WHERE s.id = OLD.supersedes_id;
        END IF;
        IF TG_OP <> 'DELETE' THEN
            PERFORM rollup_refresh_door(NEW.door_id);
            PERFORM rollup_refresh_door(s.door_id) FROM contact_attempts s WHERE s.id = NEW.supersedes_id;
        END IF;
        RETURN NULL;
    END $$ LANGUAGE plpgsql""",
]
PG_TRIGGERS = {
    "tr_rollup_doors": "AFTER INSERT OR UPDATE OR DELETE ON doors FOR EACH ROW "
                       "EXECUTE FUNCTION rollup_doors_changed()",
    "tr_rollup_turfs": "AFTER UPDATE OF name ON turfs FOR EACH ROW EXECUTE FUNCTION rollup_turfs_changed()",
    "tr_rollup_people": "AFTER INSERT OR UPDATE OF door_id, deleted OR DELETE ON people FOR EACH ROW "
                        "EXECUTE FUNCTION rollup_people_changed()",
    "tr_rollup_attempts": "AFTER INSERT OR UPDATE OR DELETE ON contact_attempts FOR EACH ROW "
                          "EXECUTE FUNCTION rollup_attempts_changed()",
}
PG_FUNCTION_NAMES = ["rollup_attempts_changed()", "rollup_people_changed()", "rollup_turfs_changed()",
                     "rollup_doors_changed()", "rollup_refresh_person(text)", "rollup_refresh_door(text)"]

# The default sorts' indexes also carry the columns a search matches (a word
# inside a name, an e-mail, an address), so a search in that order reads the
# index alone: 0.3 s instead of 8.5 s at 2,000,000 people for a common name that
# sorts late (measured under load). Same names, one more column or two.
COVERING = {
    "ix_people_sort_name": ("people", ["last_name", "first_name", "id", "deleted"],
                            ["last_name", "first_name", "id", "deleted", "email", "phone"]),
    "ix_doors_sort_address": ("doors", ["street_name", "house_number", "street_number", "unit",
                                        "id", "deleted"],
                              ["street_name", "house_number", "street_number", "unit", "id",
                               "deleted", "address_key", "zip"]),
}

INDEXES = {
    "ix_door_rollups_people": ("door_rollups", ["people_count", "door_id"]),
    "ix_door_rollups_last_result": ("door_rollups", ["last_result", "door_id"]),
    "ix_door_rollups_turf_name": ("door_rollups", ["turf_name", "door_id"]),
    "ix_person_rollups_door_sort": ("person_rollups", ["door_sort", "person_id"]),
}


def upgrade() -> None:
    op.create_table(
        "door_rollups",
        sa.Column("door_id", sa.String(36), primary_key=True),
        sa.Column("people_count", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("last_result", sa.String(40), nullable=True),
        sa.Column("turf_name", sa.String(200), nullable=True),
    )
    op.create_table(
        "person_rollups",
        sa.Column("person_id", sa.String(36), primary_key=True),
        sa.Column("door_sort", sa.String(600), nullable=True),
    )
    postgres = op.get_bind().dialect.name == "postgresql"
    false = "false" if postgres else "0"
    key = (PG_KEY if postgres else SQLITE_KEY).format(d="d")
    # What the triggers would have written, for the rows already there.
    op.execute(f"""INSERT INTO door_rollups (door_id, people_count, last_result, turf_name)
        SELECT d.id, {PEOPLE.format(door="d.id", false=false)}, {LATEST.format(door="d.id")},
               {TURF.format(turf="d.turf_id")} FROM doors d""")
    op.execute(f"""INSERT INTO person_rollups (person_id, door_sort)
        SELECT p.id, (SELECT {key} FROM doors d WHERE d.id = p.door_id) FROM people p""")
    for name, (table, columns) in INDEXES.items():
        op.create_index(name, table, columns)
    for name, (table, _before, after) in COVERING.items():
        op.drop_index(name, table_name=table)
        op.create_index(name, table, after)
    if postgres:
        for sql in PG_FUNCTIONS:
            op.execute(sql)
        for name, body in PG_TRIGGERS.items():
            op.execute(f"CREATE TRIGGER {name} {body}")
    else:
        for name, body in SQLITE_TRIGGERS.items():
            op.execute(f"CREATE TRIGGER {name} {body}")


def downgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    if postgres:
        for name, body in PG_TRIGGERS.items():
            op.execute(f"DROP TRIGGER IF EXISTS {name} ON {body.split(' ON ')[1].split()[0]}")
        for signature in PG_FUNCTION_NAMES:
            op.execute(f"DROP FUNCTION IF EXISTS {signature}")
    else:
        for name in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    for name, (table, _columns) in INDEXES.items():
        op.drop_index(name, table_name=table)
    for name, (table, before, _after) in COVERING.items():
        op.drop_index(name, table_name=table)
        op.create_index(name, table, before)
    op.drop_table("person_rollups")
    op.drop_table("door_rollups")
