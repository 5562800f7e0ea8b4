"""Partner hash forms are the workspace's choice.

`devices.mac_md5` (MD5 of the raw MAC: Yandex Audiences / telecom matching) may be NULL: it
is written only while meta `partner_forms` lists "mac_md5". An unsalted MD5 of a MAC can be
reversed by brute force over a vendor prefix, so a workspace that never matches MACs with a
partner should switch it off (`o2o partner-forms -w WS --disable mac_md5`). Workspaces made
before this migration keep it on, as they were.
"""
VERSION = 5
DESCRIPTION = "partner hash forms: devices.mac_md5 optional, meta partner_forms"


def apply(con) -> None:
    con.execute("ALTER TABLE devices ALTER mac_md5 DROP NOT NULL")
    con.execute("INSERT OR IGNORE INTO meta VALUES ('partner_forms', 'mac_md5')")
