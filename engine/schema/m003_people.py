"""People: CRM contacts, fiscal receipts, cash registers, partner matches, identities.

- contacts: one row per usable CRM row (engine/crm/crm_import.py). Phones are E.164
  ('+79161234567'), emails trimmed and lowercased, `gender` 'm' | 'f', `line` is the
  record number in the source file (header = 1). Rows whose every phone/email/card was
  already known are counted as duplicates and not stored again.
- crm_mappings: the analyst's column mapping remembered per file shape (`signature` = hash
  of the normalised header), so the next export of the same shape maps itself.
- registers: known cash registers (ККТ registration number) per site and tenant, with the
  taxpayer id (ИНН) they must print. Receipts are checked against it.
- receipts: one row per fiscal document; identity = FN + FD + FP (fiscal drive number,
  fiscal document number, fiscal sign). Money in kopecks. `ts` is UTC, `local_ts` the
  till's local time. `flag` says why a receipt is suspicious ('unregistered register',
  'other taxpayer'); NULL = checked and fine or no registers known yet (`registered` NULL).
  `card` and `promo_code` are kept for linking people and coupon redemption.
- receipt_items: the lines of a receipt (sums in kopecks, quantity may be fractional).
- partner_matches: what a partner (telecom) matched: a key hash (mac_md5) to a value hash
  (phone_sha256: SHA-256 of the phone digits with country code).
- identities (derived by engine/people.py): each identifier (phone, email, card, crm_id,
  device) of each person with the source that put it there (import, rule, evidence).
- people (derived): the resolved persons = connected components of identifiers.
"""
VERSION = 3
DESCRIPTION = "people: contacts, crm_mappings, registers, receipts, items, partner_matches, identities, people"

SQL = """
CREATE TABLE contacts (
    import_id   INTEGER NOT NULL,
    line        BIGINT NOT NULL,
    crm_id      VARCHAR,
    name        VARCHAR,
    phone       VARCHAR,
    email       VARCHAR,
    birth_date  DATE,
    gender      VARCHAR,
    card        VARCHAR,
    consent     BOOLEAN
);

CREATE TABLE crm_mappings (
    signature   VARCHAR PRIMARY KEY,
    kind        VARCHAR NOT NULL,
    header      JSON NOT NULL,
    mapping     JSON NOT NULL,
    updated_at  TIMESTAMP NOT NULL DEFAULT (now()::TIMESTAMP)
);

CREATE TABLE registers (
    kkt_reg_id  VARCHAR PRIMARY KEY,
    site_id     INTEGER,
    inn         VARCHAR,
    tenant      VARCHAR,
    import_id   INTEGER NOT NULL
);

CREATE SEQUENCE receipts_seq START 1;
CREATE TABLE receipts (
    receipt_id     BIGINT PRIMARY KEY DEFAULT nextval('receipts_seq'),
    import_id      INTEGER NOT NULL,
    fn             VARCHAR NOT NULL,
    fd             BIGINT NOT NULL,
    fp             VARCHAR NOT NULL,
    ts             TIMESTAMP,
    local_ts       TIMESTAMP,
    operation_type TINYINT,
    total_kop      BIGINT NOT NULL,
    cash_kop       BIGINT,
    ecash_kop      BIGINT,
    kkt_reg_id     VARCHAR,
    inn            VARCHAR,
    seller         VARCHAR,
    retail_place   VARCHAR,
    address        VARCHAR,
    buyer_phone    VARCHAR,
    buyer_email    VARCHAR,
    card           VARCHAR,
    promo_code     VARCHAR,
    source_form    VARCHAR NOT NULL,
    site_id        INTEGER,
    registered     BOOLEAN,
    flag           VARCHAR,
    UNIQUE (fn, fd, fp)
);

CREATE TABLE receipt_items (
    receipt_id   BIGINT NOT NULL,
    line_no      INTEGER NOT NULL,
    name         VARCHAR,
    price_kop    BIGINT,
    quantity     DOUBLE,
    sum_kop      BIGINT,
    nds          INTEGER,
    payment_type INTEGER,
    product_type INTEGER,
    barcode      VARCHAR
);

CREATE TABLE partner_matches (
    partner      VARCHAR NOT NULL,
    key_type     VARCHAR NOT NULL,
    key_hash     VARCHAR NOT NULL,
    value_type   VARCHAR NOT NULL,
    value_hash   VARCHAR NOT NULL,
    import_id    INTEGER NOT NULL
);

CREATE TABLE identities (
    person_id   BIGINT NOT NULL,
    id_type     VARCHAR NOT NULL,
    id_value    VARCHAR NOT NULL,
    source_kind VARCHAR NOT NULL,
    import_id   INTEGER,
    rule        VARCHAR NOT NULL,
    evidence    VARCHAR
);

CREATE TABLE people (
    person_id     BIGINT PRIMARY KEY,
    name          VARCHAR,
    phone         VARCHAR,
    email         VARCHAR,
    card          VARCHAR,
    crm_id        VARCHAR,
    gender        VARCHAR,
    birth_date    DATE,
    consent       BOOLEAN,
    phones        INTEGER NOT NULL,
    emails        INTEGER NOT NULL,
    cards         INTEGER NOT NULL,
    devices       INTEGER NOT NULL,
    receipts      INTEGER NOT NULL,
    revenue_kop   BIGINT NOT NULL,
    last_purchase TIMESTAMP,
    sources       VARCHAR
);
"""


def apply(con) -> None:
    con.execute(SQL)
