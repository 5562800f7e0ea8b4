"""Core tables: meta, sites, sensors, imports and their rejects.

- meta(key, value): schema_version, workspace_id, created_at, secret_mode
  (keyring | passphrase | demo), secret_check (proves a secret belongs to this workspace),
  and for passphrase/demo workspaces the wrapped or demo secret.
- sites: a store, mall, dealer centre or event; `timezone` is its local zone (IANA).
- sensors: a Wi-Fi sensor at a site; `rssi_inside`/`rssi_outside` are its calibration
  (dBm at which a phone is surely inside / surely outside); NULL = site defaults.
- imports: one row per file that landed, with its sha256 so a second import is detected.
  Only successful imports are rows here: a refused or failed import changes nothing.
- import_rejects: every row an import could not use, with where and why.
"""
VERSION = 1
DESCRIPTION = "core: meta, sites, sensors, imports, import_rejects"

SQL = """
CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR);

CREATE SEQUENCE sites_seq START 1;
CREATE TABLE sites (
    site_id     INTEGER PRIMARY KEY DEFAULT nextval('sites_seq'),
    name        VARCHAR NOT NULL UNIQUE,
    kind        VARCHAR NOT NULL DEFAULT 'store',
    timezone    VARCHAR NOT NULL DEFAULT 'Europe/Moscow',
    created_at  TIMESTAMP NOT NULL DEFAULT (now()::TIMESTAMP)
);

CREATE SEQUENCE sensors_seq START 1;
CREATE TABLE sensors (
    sensor_id    INTEGER PRIMARY KEY DEFAULT nextval('sensors_seq'),
    site_id      INTEGER NOT NULL,
    name         VARCHAR NOT NULL,
    rssi_inside  SMALLINT,
    rssi_outside SMALLINT,
    created_at   TIMESTAMP NOT NULL DEFAULT (now()::TIMESTAMP),
    UNIQUE (site_id, name)
);

CREATE SEQUENCE imports_seq START 1;
CREATE TABLE imports (
    import_id     INTEGER PRIMARY KEY DEFAULT nextval('imports_seq'),
    kind          VARCHAR NOT NULL,
    file_name     VARCHAR NOT NULL,
    file_path     VARCHAR,
    sha256        VARCHAR NOT NULL,
    bytes         BIGINT,
    site_id       INTEGER,
    sensor_id     INTEGER,
    rows_in       BIGINT NOT NULL DEFAULT 0,
    rows_ok       BIGINT NOT NULL DEFAULT 0,
    rows_rejected BIGINT NOT NULL DEFAULT 0,
    status        VARCHAR NOT NULL,
    message       VARCHAR,
    details       JSON,
    started_at    TIMESTAMP NOT NULL,
    finished_at   TIMESTAMP
);
CREATE INDEX imports_sha ON imports (sha256);

CREATE TABLE import_rejects (
    import_id   INTEGER NOT NULL,
    line        BIGINT,
    column_name VARCHAR,
    value       VARCHAR,
    reason      VARCHAR NOT NULL
);
"""


def apply(con) -> None:
    con.execute(SQL)
