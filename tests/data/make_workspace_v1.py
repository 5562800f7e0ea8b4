"""How tests/data/workspace_v1.o2o was made (kept for the record; the .o2o is committed).

A schema-v1 demo workspace: core tables only, one site, one sensor, one import row.
Re-running it makes a new file (new ids); the committed file must stay as it is.
"""
import base64
import sys
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from engine.schema import m001_core  # noqa: E402

out = Path(__file__).with_name("workspace_v1.o2o")
out.unlink(missing_ok=True)
con = duckdb.connect(str(out))
m001_core.apply(con)
secret = bytes(range(32))
import hashlib, hmac  # noqa: E401,E402
check = hmac.new(secret, b"o2o-secret-check", hashlib.sha256).hexdigest()[:16]
con.executemany("INSERT INTO meta VALUES (?, ?)", [
    ("app", "o2o-workstation"), ("workspace_id", "00000000-0000-4000-8000-000000000001"),
    ("created_at", "2026-11-23T00:00:00"), ("secret_check", check), ("secret_mode", "demo"),
    ("secret_clear", base64.b64encode(secret).decode()), ("schema_version", "1")])
con.execute("INSERT INTO sites (name, kind) VALUES ('Old Mall Store', 'store')")
con.execute("INSERT INTO sensors (site_id, name, rssi_inside) VALUES (1, 'entrance', -68)")
con.execute("INSERT INTO imports (kind, file_name, sha256, status, started_at, finished_at, rows_in, rows_ok) "
            "VALUES ('capture', 'old.pcap', 'ab' || repeat('0', 62), 'imported', TIMESTAMP '2026-11-01 10:00', "
            "TIMESTAMP '2026-11-01 10:01', 5, 5)")
con.execute("CHECKPOINT")
con.close()
print(out)
