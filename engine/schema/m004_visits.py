"""Visits and the analyst's parameters that derive them (issue 4).

- visit_settings(scope, scope_id, key, value): the analyst's parameters. scope is
  'workspace' (scope_id 0), 'site' (site_id) or 'sensor' (sensor_id); the most specific
  one wins, then engine/visits.py DEFAULTS. Kept in the workspace so every figure can be
  reproduced; per-sensor inside/outside RSSI thresholds live on `sensors` itself.
- visits (derived, rebuilt from detections by engine/visits.py): one row per stay of a
  device at a site (a gap longer than `gap_s` starts a new one). `local_start` is the
  start in the site's time zone (what periods and hour×weekday charts use); `dwell_s` =
  last − first seen; `margin` = best (RSSI − inside threshold of the sensor that heard
  it), ≥ 0 means heard inside; `base_class` is the visit's own class (passerby | short |
  visitor) and `class` is the final one (staff | fixed when the device has that role).
- device_roles (derived): devices that are staff or fixed equipment at a site, and why.
- visit_builds: one row per rebuild: parameters fingerprint, the newest import covered,
  detections seen, whether it was incremental, counts and seconds. The next rebuild reads
  the last row to decide what it may skip.
- device_clusters: behaviour clusters of devices (engine/clusters.py) with a plain-words
  label and a 2-D PCA position; cluster_runs: k, criterion and descriptions of each run.
"""
VERSION = 4
DESCRIPTION = "visits: settings, visits, device roles, builds, device clusters"

SQL = """
CREATE TABLE visit_settings (
    scope       VARCHAR NOT NULL,
    scope_id    INTEGER NOT NULL,
    key         VARCHAR NOT NULL,
    value       DOUBLE NOT NULL,
    updated_at  TIMESTAMP NOT NULL DEFAULT (now()::TIMESTAMP),
    PRIMARY KEY (scope, scope_id, key)
);

CREATE TABLE visits (
    site_id      INTEGER NOT NULL,
    device_key   BIGINT NOT NULL,
    start_ts     TIMESTAMP NOT NULL,
    end_ts       TIMESTAMP NOT NULL,
    local_start  TIMESTAMP NOT NULL,
    dwell_s      DOUBLE NOT NULL,
    detections   INTEGER NOT NULL,
    probes       INTEGER NOT NULL,
    max_rssi     SMALLINT,
    median_rssi  DOUBLE,
    margin       SMALLINT,
    sensors      INTEGER NOT NULL,
    best_sensor  INTEGER,
    randomized   BOOLEAN NOT NULL,
    base_class   VARCHAR NOT NULL,
    class        VARCHAR NOT NULL
);

CREATE TABLE device_roles (
    site_id     INTEGER NOT NULL,
    device_key  BIGINT NOT NULL,
    role        VARCHAR NOT NULL,
    reason      VARCHAR NOT NULL,
    PRIMARY KEY (site_id, device_key)
);

CREATE SEQUENCE visit_builds_seq START 1;
CREATE TABLE visit_builds (
    build_id       INTEGER PRIMARY KEY DEFAULT nextval('visit_builds_seq'),
    built_at       TIMESTAMP NOT NULL,
    fingerprint    VARCHAR NOT NULL,
    max_import_id  INTEGER,
    detections     BIGINT NOT NULL,
    incremental    BOOLEAN NOT NULL,
    rebuilt_pairs  BIGINT,
    counts         JSON,
    seconds        DOUBLE
);

CREATE TABLE device_clusters (
    device_key  BIGINT PRIMARY KEY,
    cluster     INTEGER NOT NULL,
    label       VARCHAR NOT NULL,
    x           DOUBLE,
    y           DOUBLE,
    run_id      INTEGER NOT NULL
);

CREATE SEQUENCE cluster_runs_seq START 1;
CREATE TABLE cluster_runs (
    run_id      INTEGER PRIMARY KEY DEFAULT nextval('cluster_runs_seq'),
    built_at    TIMESTAMP NOT NULL,
    k           INTEGER NOT NULL,
    criterion   VARCHAR NOT NULL,
    devices     BIGINT NOT NULL,
    summary     JSON
);
"""


def apply(con) -> None:
    con.execute(SQL)
