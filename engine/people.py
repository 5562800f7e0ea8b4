"""The identity graph and the people it resolves to.

Every source record links the identifiers it holds: a CRM row its phones, e-mail, card and
CRM id; a receipt its buyer phone/e-mail and loyalty card; a partner match a device to a
phone (the partner matched the MAC MD5 to the SHA-256 of a phone we already know). People
are the connected components of that graph, computed in DuckDB by label propagation with
pointer jumping (each pass is one SQL statement over all nodes, not a Python loop over rows).

Devices join a person only through such a real link, never by a guess, and randomized MACs
never join at all. `identities` keeps every link with its source (import, rule, evidence)
so a merge can always be explained. A person's id is derived from the smallest identifier
of the component, so it stays the same across rebuilds unless people merge. Records are
keyed by integers (CRM row: import_id * 10^12 + line; receipt: -receipt_id; partner match:
below -10^15) so the joins stay on numbers.
"""
from __future__ import annotations

import time

from engine.errors import O2OError
from engine.people_queries import fold_sql
from engine.progress import CancelToken, ProgressFn, no_progress

MAX_PASSES = 200
PAGE_COLUMNS = ("person_id", "name", "phone", "email", "card", "crm_id", "gender", "birth_date", "consent",
                "phones", "emails", "cards", "devices", "receipts", "revenue_kop", "last_purchase", "sources",
                "last_purchase_local")

_OBSERVATIONS = """
CREATE OR REPLACE TEMP TABLE pp_obs AS
WITH crm AS (
    SELECT import_id::BIGINT * 1000000000000 + line AS rec, import_id, 'line ' || line AS evidence,
           phone, email, card, crm_id, extra_phones FROM contacts),
rc AS (
    SELECT -receipt_id AS rec, import_id, 'receipt FN ' || fn || ' FD ' || fd AS evidence,
           buyer_phone, buyer_email, card FROM receipts
    WHERE buyer_phone IS NOT NULL OR buyer_email IS NOT NULL OR card IS NOT NULL)
SELECT rec, 'phone' AS id_type, phone AS id_value, 'crm' AS source_kind, import_id, 'crm row' AS rule, evidence
    FROM crm WHERE phone IS NOT NULL
UNION ALL SELECT rec, 'phone', unnest(extra_phones), 'crm', import_id, 'crm row, another phone column', evidence
    FROM crm WHERE extra_phones IS NOT NULL
UNION ALL SELECT rec, 'email', email, 'crm', import_id, 'crm row', evidence FROM crm WHERE email IS NOT NULL
UNION ALL SELECT rec, 'card', card, 'crm', import_id, 'crm row', evidence FROM crm WHERE card IS NOT NULL
UNION ALL SELECT rec, 'crm_id', crm_id, 'crm', import_id, 'crm row', evidence FROM crm WHERE crm_id IS NOT NULL
UNION ALL SELECT rec, 'phone', buyer_phone, 'receipts', import_id, 'receipt buyer contact', evidence
    FROM rc WHERE buyer_phone IS NOT NULL
UNION ALL SELECT rec, 'email', buyer_email, 'receipts', import_id, 'receipt buyer contact', evidence
    FROM rc WHERE buyer_email IS NOT NULL
UNION ALL SELECT rec, 'card', card, 'receipts', import_id, 'receipt loyalty card', evidence
    FROM rc WHERE card IS NOT NULL;

-- partner matches: a non-randomized device we saw <-> a phone we know, by the partner's hashes
CREATE OR REPLACE TEMP TABLE pp_partner AS
WITH phones AS (SELECT DISTINCT id_value AS phone, sha256(replace(id_value, '+', '')) AS h
                FROM pp_obs WHERE id_type = 'phone')
SELECT -(1000000000000000 + row_number() OVER ()) AS rec, d.device_key, p.phone,
       m.partner, m.import_id
FROM partner_matches m
JOIN devices d ON d.mac_md5 = m.key_hash AND NOT d.randomized
JOIN phones p ON p.h = m.value_hash
WHERE m.key_type = 'mac_md5' AND m.value_type = 'phone_sha256';

INSERT INTO pp_obs
SELECT rec, 'device', CAST(device_key AS VARCHAR), 'partner_matches', import_id,
       'partner match mac_md5 -> phone_sha256', 'partner ' || partner FROM pp_partner
UNION ALL
SELECT rec, 'phone', phone, 'partner_matches', import_id,
       'partner match mac_md5 -> phone_sha256', 'partner ' || partner FROM pp_partner;
"""

_GRAPH = """
CREATE OR REPLACE TEMP TABLE pp_nodes AS
SELECT row_number() OVER () AS node_id, id_type, id_value
FROM (SELECT DISTINCT id_type, id_value FROM pp_obs);

CREATE OR REPLACE TEMP TABLE pp_rec_nodes AS
SELECT DISTINCT o.rec, n.node_id FROM pp_obs o JOIN pp_nodes n USING (id_type, id_value);

-- star edges: every node of a record to the record's smallest node, both directions
CREATE OR REPLACE TEMP TABLE pp_edges AS
WITH hub AS (SELECT rec, min(node_id) AS hub FROM pp_rec_nodes GROUP BY rec)
SELECT DISTINCT a, b FROM (
    SELECT r.node_id AS a, h.hub AS b FROM pp_rec_nodes r JOIN hub h USING (rec) WHERE r.node_id <> h.hub
    UNION ALL
    SELECT h.hub, r.node_id FROM pp_rec_nodes r JOIN hub h USING (rec) WHERE r.node_id <> h.hub);

CREATE OR REPLACE TEMP TABLE pp_label AS SELECT node_id, node_id AS label FROM pp_nodes;
"""

_PASS = """
CREATE OR REPLACE TEMP TABLE pp_label2 AS
WITH hop AS (SELECT e.a AS node_id, min(l.label) AS m FROM pp_edges e JOIN pp_label l ON l.node_id = e.b GROUP BY e.a),
step AS (SELECT l.node_id, least(l.label, coalesce(h.m, l.label)) AS label
         FROM pp_label l LEFT JOIN hop h USING (node_id))
SELECT s.node_id, least(s.label, j.label) AS label FROM step s JOIN step j ON j.node_id = s.label;
"""

_PEOPLE = f"""
DELETE FROM identities;
DELETE FROM people;

-- a person's id: from the component's smallest identifier, so it survives rebuilds
CREATE OR REPLACE TEMP TABLE pp_person AS
WITH comp AS (SELECT l.label, ('0x' || substr(md5(min(n.id_type || ':' || n.id_value)), 1, 15))::BIGINT AS person_id
              FROM pp_label l JOIN pp_nodes n USING (node_id) GROUP BY l.label)
SELECT l.node_id, c.person_id FROM pp_label l JOIN comp c USING (label);

INSERT INTO identities
SELECT p.person_id, o.id_type, o.id_value, o.source_kind, o.import_id, o.rule, o.evidence
FROM pp_obs o JOIN pp_nodes n USING (id_type, id_value) JOIN pp_person p USING (node_id);

CREATE OR REPLACE TEMP TABLE pp_rec_person AS
SELECT DISTINCT i.rec, p.person_id FROM pp_obs i JOIN pp_nodes n USING (id_type, id_value)
JOIN pp_person p USING (node_id);

INSERT INTO people
-- per person and identifier: how many records show it (the most shown is the person's main one),
-- plain GROUP BYs instead of count(DISTINCT)/mode() per person, which are several times slower
WITH seen AS (
    SELECT person_id, id_type, id_value, count(*) AS records FROM identities GROUP BY ALL),
ids AS (
    SELECT person_id,
        count(*) FILTER (WHERE id_type = 'phone') AS phones,
        count(*) FILTER (WHERE id_type = 'email') AS emails,
        count(*) FILTER (WHERE id_type = 'card') AS cards,
        count(*) FILTER (WHERE id_type = 'device') AS devices,
        arg_max(id_value, records) FILTER (WHERE id_type = 'phone') AS phone,
        arg_max(id_value, records) FILTER (WHERE id_type = 'email') AS email,
        arg_max(id_value, records) FILTER (WHERE id_type = 'card') AS card,
        min(id_value) FILTER (WHERE id_type = 'crm_id') AS crm_id,
        -- what the People filter searches (engine/schema/m007_people_search.py, m008): no device
        -- keys; ё folded to е; each phone after a separator, so a typed prefix is one contains()
        {fold_sql("lower(string_agg(id_value, chr(31)) FILTER (WHERE id_type <> 'device'))")} AS search_ids,
        chr(31) || string_agg(id_value, chr(31)) FILTER (WHERE id_type = 'phone') AS search_phones
    FROM seen GROUP BY person_id),
kinds AS (
    SELECT person_id, string_agg(source_kind, ',' ORDER BY source_kind) AS sources
    FROM (SELECT DISTINCT person_id, source_kind FROM identities) GROUP BY person_id),
crm AS (
    SELECT rp.person_id,
        arg_max(c.name, rp.rec) FILTER (WHERE c.name IS NOT NULL) AS name,  -- the latest CRM row wins
        arg_max(c.gender, rp.rec) FILTER (WHERE c.gender IS NOT NULL) AS gender,
        arg_max(c.birth_date, rp.rec) FILTER (WHERE c.birth_date IS NOT NULL) AS birth_date,
        arg_max(c.consent, rp.rec) FILTER (WHERE c.consent IS NOT NULL) AS consent
    FROM pp_rec_person rp JOIN contacts c ON rp.rec = c.import_id::BIGINT * 1000000000000 + c.line
    WHERE rp.rec > 0 GROUP BY rp.person_id),
buys AS (
    SELECT rp.person_id, count(*) AS receipts,
        sum(CASE WHEN r.operation_type IN (2, 3) THEN -r.total_kop ELSE r.total_kop END) AS revenue_kop,
        max(r.ts) AS last_purchase,
        arg_max(r.local_ts, (r.ts, r.receipt_id)) AS last_purchase_local  -- the till's time of that receipt
    FROM pp_rec_person rp JOIN receipts r ON rp.rec = -r.receipt_id
    WHERE rp.rec < 0 AND rp.rec > -1000000000000000 GROUP BY rp.person_id)
SELECT i.person_id, c.name, i.phone, i.email, i.card, i.crm_id, c.gender, c.birth_date, c.consent,
       i.phones, i.emails, i.cards, i.devices, coalesce(b.receipts, 0), coalesce(b.revenue_kop, 0),
       b.last_purchase, k.sources, b.last_purchase_local, {fold_sql("lower(c.name)")}, i.search_ids, i.search_phones
FROM ids i JOIN kinds k USING (person_id) LEFT JOIN crm c USING (person_id) LEFT JOIN buys b USING (person_id);
"""

_TEMP = ("pp_obs", "pp_partner", "pp_nodes", "pp_rec_nodes", "pp_edges", "pp_label", "pp_label2",
         "pp_person", "pp_rec_person")


def _run(con, script: str) -> None:
    for statement in script.split(";\n"):
        if statement.strip():
            con.execute(statement)


def build_people(ws, *, progress: ProgressFn = no_progress, cancel: CancelToken | None = None) -> dict:
    """Rebuild identities and people from contacts, receipts and partner matches (one transaction)."""
    cancel = cancel or CancelToken()
    ws.require_writable()
    started = time.perf_counter()
    cancel.watch(ws.con)
    try:
        with ws.transaction() as con:
            con.execute("SET enable_progress_bar = false")  # DuckDB's own bar would write to the console
            progress(0.05, "collecting identifiers")
            _run(con, _OBSERVATIONS)
            _run(con, _GRAPH)
            cancel.check()
            passes = 0
            while True:
                passes += 1
                con.execute(_PASS)
                changed = con.execute("SELECT count(*) FROM pp_label2 n JOIN pp_label o USING (node_id) "
                                      "WHERE n.label <> o.label").fetchone()[0]
                con.execute("DROP TABLE pp_label")
                con.execute("ALTER TABLE pp_label2 RENAME TO pp_label")
                cancel.check()
                progress(min(0.1 + 0.05 * passes, 0.8), f"linking identifiers (pass {passes})")
                if changed == 0:
                    break
                if passes >= MAX_PASSES:
                    raise O2OError(f"The identity graph did not settle in {MAX_PASSES} passes",
                                   where=str(ws.path))
            progress(0.85, "resolving people")
            _run(con, _PEOPLE)
            last_import = con.execute("SELECT coalesce(max(import_id), 0) FROM imports").fetchone()[0]
            con.execute("INSERT OR REPLACE INTO meta VALUES ('people_built_import', ?)", [str(last_import)])
            for table in _TEMP:
                con.execute(f"DROP TABLE IF EXISTS {table}")
    finally:
        cancel.unwatch(ws.con)
    summary = people_summary(ws)
    summary.update(passes=passes, seconds=round(time.perf_counter() - started, 3))
    progress(1.0, f"{summary['people']:,} people")
    return summary


def people_stale(ws) -> bool:
    built = ws.con.execute("SELECT value FROM meta WHERE key = 'people_built_import'").fetchone()
    last = ws.con.execute("SELECT coalesce(max(import_id), 0) FROM imports").fetchone()[0]
    return built is None or int(built[0]) != last


def ensure_people(ws, **kwargs) -> dict:
    """Rebuild when an import happened since the last build; else just the summary."""
    if people_stale(ws) and not ws.read_only:
        return build_people(ws, **kwargs)
    return people_summary(ws)


def people_summary(ws) -> dict:
    row = ws.con.execute("""
        SELECT count(*), count(*) FILTER (WHERE phones > 0), count(*) FILTER (WHERE emails > 0),
               count(*) FILTER (WHERE cards > 0), count(*) FILTER (WHERE devices > 0),
               count(*) FILTER (WHERE receipts > 0), coalesce(sum(revenue_kop), 0),
               count(*) FILTER (WHERE consent)
        FROM people""").fetchone()
    identities = ws.con.execute("SELECT count(*) FROM identities").fetchone()[0]
    keys = ("people", "with_phone", "with_email", "with_card", "with_device", "with_receipts",
            "revenue_kop", "with_consent")
    out = dict(zip(keys, (int(v) for v in row)))
    out["identities"] = identities
    return out


def parse_sort(sort: str) -> tuple[str, bool]:
    """'-revenue_kop' -> ('revenue_kop', True); 'name' -> ('name', False). An unknown column is
    an error that lists the sortable ones."""
    text = (sort or "").strip()
    descending = text.startswith("-")
    column = text.lstrip("-+").strip()
    if column not in PAGE_COLUMNS:
        raise O2OError(f"Cannot sort people by '{column or text}'",
                       hint=f"Sortable columns: {', '.join(PAGE_COLUMNS)} (prefix - for descending: "
                            f"-revenue_kop)")
    return column, descending


def people_page(ws, offset: int = 0, limit: int = 200, sort_column: str = "person_id",
                descending: bool = False, filter_text: str | None = None) -> dict:
    """One window of the people table for a lazily fetched view: rows + whether more exist.
    `filter_text` as in the People screen (engine.people_queries.people_filter): the name or
    any identity of the person; `phone:916`-style keys narrow to one kind. `matched` = the people
    the filter matches (the People screen's "N match the filter"); each row has the till's local
    `last_purchase_local` beside the UTC `last_purchase`."""
    from engine.people_queries import people_filter

    sort_column, flipped = parse_sort(sort_column)
    descending = descending != flipped
    offset, limit = max(int(offset), 0), max(int(limit), 1)
    condition, params = people_filter(filter_text or "")
    where = f"WHERE {condition}" if condition else ""
    order = f"{sort_column} {'DESC' if descending else 'ASC'} NULLS LAST, person_id"
    cur = ws.con.execute(f"SELECT {', '.join(PAGE_COLUMNS)} FROM people {where} ORDER BY {order} "
                         f"LIMIT {limit} OFFSET {offset}", params or None)
    rows = [dict(zip(PAGE_COLUMNS, r)) for r in cur.fetchall()]
    # the count the People screen shows as "N match the filter": the same condition over the same table
    matched = ws.con.execute(f"SELECT count(*) FROM people {where}", params or None).fetchone()[0]
    return {"columns": list(PAGE_COLUMNS), "rows": rows, "more": offset + len(rows) < matched,
            "matched": int(matched), "offset": offset, "limit": limit}


def _has_table(ws, name: str) -> bool:
    return ws.con.execute("SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database() "
                          "AND schema_name = 'main' AND table_name = ?", [name]).fetchone()[0] > 0


def person_profile(ws, person_id: int) -> dict:
    """Contacts (every identity with the source of each link), consents, receipts (count, revenue,
    last purchase, the latest ones), visits (when visits were built: count, short ones, passes,
    last local visit, dwell, sites) and the sources (imports) of one person."""
    cur = ws.con.execute(f"SELECT {', '.join(PAGE_COLUMNS)} FROM people WHERE person_id = ?", [person_id])
    row = cur.fetchone()
    if row is None:
        raise O2OError(f"No person {person_id} in this workspace", where=str(ws.path),
                       hint="Rebuild people (o2o people) after new imports")
    profile = dict(zip(PAGE_COLUMNS, row))
    links = ws.con.execute("""
        SELECT i.id_type, i.id_value, i.source_kind, i.import_id, m.file_name, i.rule, i.evidence
        FROM identities i LEFT JOIN imports m USING (import_id) WHERE i.person_id = ?
        ORDER BY i.id_type, i.id_value, i.import_id""", [person_id]).fetchall()
    contacts: dict[str, dict[str, list]] = {}
    for id_type, value, kind, import_id, file_name, rule, evidence in links:
        contacts.setdefault(id_type, {}).setdefault(value, []).append(
            {"source": kind, "import_id": import_id, "file": file_name, "rule": rule, "evidence": evidence})
    profile["contacts"] = contacts
    profile["consents"] = [dict(zip(("import_id", "file", "line", "consent"), r)) for r in ws.con.execute("""
        SELECT c.import_id, m.file_name, c.line, c.consent FROM contacts c JOIN imports m USING (import_id)
        WHERE c.consent IS NOT NULL AND (
            c.phone IN (SELECT id_value FROM identities WHERE person_id = $p AND id_type = 'phone')
            OR c.email IN (SELECT id_value FROM identities WHERE person_id = $p AND id_type = 'email')
            OR c.card IN (SELECT id_value FROM identities WHERE person_id = $p AND id_type = 'card'))
        ORDER BY c.import_id, c.line""", {"p": person_id}).fetchall()]
    receipts = ws.con.execute("""
        SELECT r.receipt_id, r.ts, r.local_ts, r.total_kop, r.operation_type, r.seller, r.card, r.promo_code, r.flag
        FROM receipts r WHERE (r.buyer_phone IN (SELECT id_value FROM identities WHERE person_id = $p AND id_type = 'phone')
            OR r.buyer_email IN (SELECT id_value FROM identities WHERE person_id = $p AND id_type = 'email')
            OR r.card IN (SELECT id_value FROM identities WHERE person_id = $p AND id_type = 'card'))
        ORDER BY r.ts DESC, r.receipt_id DESC""", {"p": person_id}).fetchall()
    keys = ("receipt_id", "ts", "local_ts", "total_kop", "operation_type", "seller", "card", "promo_code", "flag")
    # receipts are ordered by UTC time; the latest one's local time is the last purchase as the till printed it
    profile["last_purchase_local"] = receipts[0][2] if receipts else None
    profile["receipts"] = {"count": profile["receipts"], "revenue_kop": profile["revenue_kop"],
                           "last_purchase": profile["last_purchase"],
                           "last_purchase_local": profile["last_purchase_local"],
                           "latest": [dict(zip(keys, r)) for r in receipts[:20]]}
    profile["visits"] = None
    if _has_table(ws, "visits"):
        # visits = the visitor and short-visit classes (what the Visits screen counts); walking past
        # the store (passer-by) is counted apart; times in the site's local time
        row = ws.con.execute("""
            WITH v AS (SELECT v.*, s.name AS site FROM visits v LEFT JOIN sites s USING (site_id)
                       WHERE v.device_key IN (SELECT CAST(id_value AS BIGINT) FROM identities
                                              WHERE person_id = ? AND id_type = 'device'))
            SELECT count(*) FILTER (WHERE class IN ('visitor', 'short')),
                   count(*) FILTER (WHERE class = 'short'), count(*) FILTER (WHERE class = 'passerby'),
                   max(local_start) FILTER (WHERE class IN ('visitor', 'short')),
                   coalesce(sum(dwell_s) FILTER (WHERE class IN ('visitor', 'short')), 0),
                   count(DISTINCT site_id) FILTER (WHERE class IN ('visitor', 'short')),
                   list(DISTINCT site ORDER BY site) FILTER (WHERE class IN ('visitor', 'short'))
            FROM v""", [person_id]).fetchone()
        profile["visits"] = dict(zip(("count", "short", "passes", "last_visit", "dwell_s", "sites", "site_names"),
                                     row))
        profile["visits"]["site_names"] = profile["visits"]["site_names"] or []
    profile["sources"] = [dict(zip(("import_id", "kind", "file", "links"), r)) for r in ws.con.execute("""
        SELECT i.import_id, i.source_kind, m.file_name, count(*) FROM identities i
        LEFT JOIN imports m USING (import_id) WHERE i.person_id = ? GROUP BY ALL ORDER BY i.import_id""",
        [person_id]).fetchall()]
    return profile
