"""Known cash registers and partner matches, both small `;` CSV files.

- registers (importer kind "registers"): columns site;kkt_reg_id;inn;tenant (Russian
  headers площадка/ТЦ, ккт/рег. номер, инн, арендатор are understood too). Sites named
  here are created if new. A register number is 10–20 digits (16 as a rule), kept as text
  (leading zeros). A register listed twice in one file: the first row counts, the repeat is
  rejected as a duplicate; a register of an earlier list is replaced by the new row. Receipts
  already in the workspace are re-checked against the new list.
- partner matches (importer kind "partner_matches"): columns mac_md5;phone_sha256 — what
  a telecom partner matched: MD5 of the 6 raw MAC bytes (upper hex) to SHA-256 of the
  phone digits with country code (lower hex). Pairs seen before for the same partner are
  counted as duplicates. They link a device to a person only through engine/people.py,
  and only for non-randomized devices.
"""
from __future__ import annotations

import re

from engine.crm.crm_import import export_rejects
from engine.crm.mapping import unique_headers
from engine.crm.sources import drop_source, load_table
from engine.crm.receipt_checks import refresh_receipt_checks
from engine.errors import O2OError
from engine.imports.registry import IMPORTED, ImportContext, ImportResult, LoadOutcome, run_import
from engine.progress import CancelToken, ProgressFn, no_progress

_REGISTER_HEADERS = {
    "site": ("site", "площадка", "тц", "магазин", "store", "объект"),
    "kkt_reg_id": ("kkt_reg_id", "kktregid", "kkt", "ккт", "регномер", "регномерккт", "register"),
    "inn": ("inn", "инн", "userinn"),
    "tenant": ("tenant", "арендатор", "tenant_name", "продавец"),
}
_PARTNER_HEADERS = {
    "mac_md5": ("mac_md5", "macmd5", "mac"),
    "phone_sha256": ("phone_sha256", "phonesha256", "phone_hash", "phone"),
}


def _columns(header: list[str], wanted: dict[str, tuple[str, ...]], where: str, required) -> dict[str, str]:
    keys = [re.sub(r"[^0-9a-zа-я_]", "", h.lower()) for h in header]
    found = {}
    for role, names in wanted.items():
        for i, key in enumerate(keys):
            if key in names or key.replace("_", "") in names:
                found[role] = f"c{i}"
                break
    missing = [r for r in required if r not in found]
    if missing:
        raise O2OError(f"Missing column(s): {', '.join(missing)}", where=where,
                       hint=f"Expected a header like {';'.join(wanted)}; found {';'.join(unique_headers(header))}")
    return found


def looks_like_registers(header: list[str]) -> bool:
    """Whether a header names a registers list's required columns (site, KKT number)."""
    try:
        _columns(header, _REGISTER_HEADERS, "", ("site", "kkt_reg_id"))
    except O2OError:
        return False
    return True


KKT_DIGITS = (10, 20)  # a KKT registration number is 16 digits; 10–20 allows other tills' numbering


def _registers_loader(ctx: ImportContext) -> LoadOutcome:
    con, where = ctx.ws.con, str(ctx.path)
    source = load_table(con, ctx.path, "reg_raw", cancel=ctx.cancel)
    col = _columns(source.header, _REGISTER_HEADERS, where, ("site", "kkt_reg_id"))
    inn = col.get("inn", "NULL::VARCHAR")
    tenant = col.get("tenant", "NULL::VARCHAR")
    low, high = KKT_DIGITS
    # text all the way: a register number keeps its leading zeros (0006334399059439)
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE reg_t AS SELECT line, trim({col['site']}) AS site,
            trim({col['kkt_reg_id']}) AS kkt, nullif(trim({inn}), '') AS inn, nullif(trim({tenant}), '') AS tenant
        FROM reg_raw""")
    # one reason per bad row, the first check that fails
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE reg_bad AS SELECT line,
            CASE WHEN coalesce(kkt, '') = '' OR NOT regexp_full_match(kkt, '[0-9]{{{low},{high}}}') THEN 'kkt_reg_id'
                 WHEN coalesce(site, '') = '' THEN 'site' ELSE 'inn' END AS column_name,
            left(CASE WHEN coalesce(kkt, '') = '' THEN site
                      WHEN NOT regexp_full_match(kkt, '[0-9]{{{low},{high}}}') THEN kkt
                      WHEN coalesce(site, '') = '' THEN kkt ELSE inn END, 200) AS value,
            CASE WHEN coalesce(kkt, '') = '' THEN 'no register number'
                 WHEN NOT regexp_full_match(kkt, '[0-9]{{{low},{high}}}')
                     THEN 'register number (ККТ) must be {low} to {high} digits (16 as a rule)'
                 WHEN coalesce(site, '') = '' THEN 'no site'
                 ELSE 'taxpayer id (ИНН) must be 10 or 12 digits' END AS reason
        FROM reg_t WHERE coalesce(kkt, '') = '' OR NOT regexp_full_match(kkt, '[0-9]{{{low},{high}}}')
            OR coalesce(site, '') = ''
            OR (inn IS NOT NULL AND NOT regexp_full_match(inn, '[0-9]{{10}}|[0-9]{{12}}'))""")
    # a register listed twice in one file: the first row counts, the repeat is a duplicate (a list
    # that names one till at two sites is a mistake to see, not to settle silently by the last row)
    con.execute("""
        CREATE OR REPLACE TEMP TABLE reg_ok AS SELECT *, min(line) OVER (PARTITION BY kkt) AS first_line
        FROM reg_t WHERE line NOT IN (SELECT line FROM reg_bad)""")
    duplicates = con.execute("""
        SELECT line, 'kkt_reg_id', kkt, 'duplicate: register already listed on line ' || first_line
        FROM reg_ok WHERE line <> first_line ORDER BY line""").fetchall()
    good = con.execute("SELECT line, site, kkt, inn, tenant FROM reg_ok WHERE line = first_line "
                       "ORDER BY line").fetchall()
    sites: dict[str, int] = {}
    created = []
    for _, site, *_ in good:
        if site not in sites:
            sites[site], new = ctx.ws.ensure_site(site)
            if new:
                created.append(site)
    known = {r[0] for r in con.execute("SELECT kkt_reg_id FROM registers").fetchall()}
    # a register of an earlier list is replaced: a newer list is the truth (a till moved, a new tenant)
    if good:  # a list whose every row is rejected stores none (and lists them all)
        con.executemany("INSERT OR REPLACE INTO registers VALUES (?, ?, ?, ?, ?)",
                        [(kkt, sites[site], inn, tenant, ctx.import_id) for _, site, kkt, inn, tenant in good])
    ctx.reject_rows(con.execute("SELECT line, column_name, value, reason FROM reg_bad ORDER BY line").fetchall())
    ctx.reject_rows(duplicates)
    ctx.reject_rows([(line, None, value, reason) for line, value, reason in source.parse_rejects])
    refresh_receipt_checks(con)
    flagged = con.execute("SELECT count(*) FROM receipts WHERE flag IS NOT NULL").fetchone()[0]
    invalid = con.execute("SELECT count(*) FROM reg_bad").fetchone()[0]
    for table in ("reg_t", "reg_bad", "reg_ok"):
        con.execute(f"DROP TABLE IF EXISTS {table}")
    drop_source(con, "reg_raw")
    rows = source.rows + len(source.parse_rejects)
    rejected = invalid + len(source.parse_rejects)
    replaced = sum(kkt in known for _, _, kkt, _, _ in good)
    # rows = registers + duplicates + rejected; `replaced` are registers of an earlier list listed again
    details = {"rows": rows, "registers": len(good), "duplicates": len(duplicates), "rejected": rejected,
               "replaced": replaced, "sites": sorted(sites), "sites_created": created, "flagged_receipts": flagged,
               "header_line": source.header_line}
    return LoadOutcome(rows_in=rows, rows_ok=len(good), rows_rejected=rejected + len(duplicates), details=details,
                       message=f"{ctx.path.name}: {len(good)} register(s) at {len(sites)} site(s), "
                               f"{len(duplicates)} duplicate(s), {rejected} rejected; {flagged} receipt(s) flagged")


def import_registers(ws, path, *, rejects_file=None, write_rejects: bool = True, progress: ProgressFn = no_progress,
                     cancel: CancelToken | None = None, **_options) -> ImportResult:
    """Import a registers list. Rejected and duplicate rows go to a rejects report (CSV, `;`) beside
    the workspace, or at `rejects_file`, like a CRM import; `rejects_file` in the result is its
    absolute path, None when every row was taken."""
    result = run_import(ws, path, "registers", _registers_loader, progress=progress, cancel=cancel)
    if result.status == IMPORTED:
        result.details["rejects_file"] = None
        if write_rejects and result.rows_rejected:
            result.details["rejects_file"] = str(export_rejects(ws, result.import_id, rejects_file).resolve())
            result.message += f"; rejects report: {result.details['rejects_file']}"
    return result


def _partner_loader(partner: str | None):
    def load(ctx: ImportContext) -> LoadOutcome:
        con, where = ctx.ws.con, str(ctx.path)
        name = (partner or ctx.path.stem).strip()
        source = load_table(con, ctx.path, "pm_raw", cancel=ctx.cancel)
        col = _columns(source.header, _PARTNER_HEADERS, where, ("mac_md5", "phone_sha256"))
        con.execute(f"""
            CREATE OR REPLACE TEMP TABLE pm_t AS SELECT line, upper(trim({col['mac_md5']})) AS k,
                lower(trim({col['phone_sha256']})) AS v,
                regexp_full_match(upper(trim({col['mac_md5']})), '[0-9A-F]{{32}}') AS k_ok,
                regexp_full_match(lower(trim({col['phone_sha256']})), '[0-9a-f]{{64}}') AS v_ok
            FROM pm_raw""")
        ctx.reject_rows(con.execute("""
            SELECT line, CASE WHEN NOT coalesce(k_ok, false) THEN 'mac_md5' ELSE 'phone_sha256' END,
                   left(CASE WHEN NOT coalesce(k_ok, false) THEN k ELSE v END, 100),
                   CASE WHEN NOT coalesce(k_ok, false) THEN 'not an MD5 (32 hex digits)'
                        ELSE 'not a SHA-256 (64 hex digits)' END
            FROM pm_t WHERE NOT (coalesce(k_ok, false) AND coalesce(v_ok, false)) ORDER BY line""").fetchall())
        ctx.reject_rows([(line, None, value, reason) for line, value, reason in source.parse_rejects])
        con.execute("""
            CREATE OR REPLACE TEMP TABLE pm_new AS SELECT DISTINCT k, v FROM pm_t p WHERE k_ok AND v_ok
            AND NOT EXISTS (SELECT 1 FROM partner_matches m WHERE m.partner = $partner AND m.key_hash = p.k
                            AND m.value_hash = p.v)""", {"partner": name})
        con.execute(f"INSERT INTO partner_matches SELECT $partner, 'mac_md5', k, 'phone_sha256', v, "
                    f"{ctx.import_id} FROM pm_new", {"partner": name})
        valid, new, devices = con.execute("""
            SELECT (SELECT count(*) FROM pm_t WHERE k_ok AND v_ok), (SELECT count(*) FROM pm_new),
                   (SELECT count(DISTINCT d.device_key) FROM pm_new n JOIN devices d ON d.mac_md5 = n.k)""").fetchone()
        for table in ("pm_t", "pm_new"):
            con.execute(f"DROP TABLE IF EXISTS {table}")
        drop_source(con, "pm_raw")
        rows = source.rows + len(source.parse_rejects)
        rejected = rows - valid
        details = {"partner": name, "header_line": source.header_line, "rows": rows, "matches": new,
                   "duplicates": valid - new, "rejected": rejected,
                   "devices_known": devices}
        return LoadOutcome(rows_in=rows, rows_ok=new, rows_rejected=rejected, details=details,
                           message=f"{ctx.path.name}: {new} match(es) from {name} ({valid - new} duplicate(s), "
                                   f"{rejected} rejected); {devices} of them for devices seen here")

    return load


def import_partner_matches(ws, path, *, partner: str | None = None, progress: ProgressFn = no_progress,
                           cancel: CancelToken | None = None, **_options) -> ImportResult:
    return run_import(ws, path, "partner_matches", _partner_loader(partner), progress=progress, cancel=cancel)
