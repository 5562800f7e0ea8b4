"""Wi-Fi detections from sensor captures (pcap/pcapng, airodump-ng CSV, Kismet, live).

- devices: one row per station MAC ever seen, keyed by `device_key` (int64 from
  HMAC-SHA256 with the workspace secret; see engine/hashing.py). The raw MAC is never
  stored. `mac_md5` is the partner form (MD5 of the 6 raw bytes, upper hex: Yandex
  Audiences, telecom matching). `randomized` = locally administered bit.
- detections: one row per kept frame (or per airodump/Kismet observation): UTC time,
  site, sensor, device, frame kind (0 probe request, 1 other management, 2 data,
  3 other/control), RSSI dBm (NULL if unknown), channel, 802.11 sequence number,
  `ssid_id` of the probed SSID (probe requests; NULL = wildcard), import.
- ssids: probed SSIDs by `ssid_id` (int64 keyed hash of the SSID bytes); `ssid` holds the
  clear text only when the analyst keeps SSIDs in clear (settings), else NULL.
"""
VERSION = 2
DESCRIPTION = "captures: devices, detections, ssids"

SQL = """
CREATE TABLE devices (
    device_key  BIGINT PRIMARY KEY,
    randomized  BOOLEAN NOT NULL,
    mac_md5     VARCHAR NOT NULL,
    first_seen  TIMESTAMP,
    last_seen   TIMESTAMP,
    frames      BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE detections (
    ts          TIMESTAMP NOT NULL,
    site_id     INTEGER NOT NULL,
    sensor_id   INTEGER NOT NULL,
    device_key  BIGINT NOT NULL,
    frame_kind  UTINYINT NOT NULL,
    rssi        SMALLINT,
    channel     SMALLINT,
    seq         USMALLINT,
    ssid_id     BIGINT,
    import_id   INTEGER NOT NULL
);

CREATE TABLE ssids (
    ssid_id     BIGINT PRIMARY KEY,
    ssid        VARCHAR
);
"""


def apply(con) -> None:
    con.execute(SQL)
