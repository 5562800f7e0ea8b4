"""Fiscal receipts import: FNS/OFD JSON, receipt QR strings, CSV/XLSX receipt tables.

Forms read:
- JSON: a single document, an array of documents, `{"receipt": …}`, `{"document": {"receipt": …}}`,
  `ticket.document.receipt` (FNS "check" export) and the bare receipt. A receipt is the
  object that carries `fiscalDriveNumber`/`fiscalDocumentNumber` with `totalSum` or `items`.
  FFD 1.05 and 1.2 spellings are both read (fiscalSign as number or text, quantity as
  number or text, dateTime as unix seconds (UTC) or ISO text (the till's local time)).
- QR strings, one per line: `t=20240917T1801&s=1285.21&fn=…&i=…&fp=…&n=1` (local time, rubles).
- CSV/XLSX tables with a column mapping like the CRM's (roles in engine/crm/mapping.py).

Identity of a receipt = FN + FD + FP; one seen before (in this file or the workspace) is
skipped and counted as a duplicate. Sums are kopecks. `ts` is UTC: local times are
converted with the time zone of the site the register belongs to (registers table), else
Europe/Moscow; `local_ts` keeps the till's time. Space-padded kktRegId/userInn are trimmed.
Receipts are checked against the known registers (engine/crm/registers.py): a register that
is not listed, or a listed one printing another taxpayer id, flags the receipt; so do items
whose sums miss totalSum by more than a kopeck per item ('items do not add up', counted as
`items_mismatch` in the import details). A receipt needs a usable operation type (numbers or
words, engine/crm/receipt_values.py), else it is rejected; a table without that column is read
as sales (`sales_assumed`). An unusable buyer phone/e-mail or card is dropped from the stored
receipt and listed in the rejects report (`values_dropped`), as in the CRM import.
"""
from __future__ import annotations

import json
import re
from datetime import datetime, timezone
from decimal import Decimal, InvalidOperation
from pathlib import Path
from urllib.parse import parse_qs

import pyarrow as pa

from engine import normalize as nz
from engine.crm import mapping as mp
from engine.crm import receipt_values as rv
from engine.crm.reading import is_xlsx, sheet_identity
from engine.crm.registers import looks_like_registers
from engine.crm.receipt_checks import items_mismatch_count, refresh_receipt_checks
from engine.crm.sources import drop_source, load_table
from engine.errors import ImportRefused, O2OError
from engine.crm.crm_import import export_rejects
from engine.imports.registry import IMPORTED, REFUSED, ImportContext, ImportResult, LoadOutcome, run_import
from engine.progress import CancelToken, ProgressFn, no_progress

MOSCOW = "Europe/Moscow"
CARD_KEYS = ("loyaltyCard", "loyaltyCardNumber", "cardNumber", "discountCard", "card", "bonusCard")
PROMO_KEYS = ("promoCode", "promocode", "promo_code", "coupon", "couponCode")
BUYER_KEYS = ("buyerPhoneOrAddress", "buyerAddress", "buyerPhone", "buyerEmail")
_QR_LINE = re.compile(r"^\s*t=\S*&fn=\S+", re.IGNORECASE)

REC_FIELDS = [("seq", pa.int64()), ("fn", pa.string()), ("fd", pa.int64()), ("fp", pa.string()),
              ("ts", pa.timestamp("us")), ("local_ts", pa.timestamp("us")), ("operation_type", pa.int8()),
              ("total_kop", pa.int64()), ("cash_kop", pa.int64()), ("ecash_kop", pa.int64()),
              ("kkt_reg_id", pa.string()), ("inn", pa.string()), ("seller", pa.string()),
              ("retail_place", pa.string()), ("address", pa.string()), ("buyer_phone", pa.string()),
              ("buyer_email", pa.string()), ("card", pa.string()), ("promo_code", pa.string()),
              ("source_form", pa.string()), ("phone_key", pa.string()), ("email_key", pa.string()),
              ("card_key", pa.string())]
ITEM_FIELDS = [("seq", pa.int64()), ("line_no", pa.int32()), ("name", pa.string()), ("price_kop", pa.int64()),
               ("quantity", pa.float64()), ("sum_kop", pa.int64()), ("nds", pa.int32()),
               ("payment_type", pa.int32()), ("product_type", pa.int32()), ("barcode", pa.string())]


class _Bad(Exception):
    """A document that cannot be used; the message is the reject reason, `field` and `value`
    the rejects report's column and value (when one field is to blame)."""

    def __init__(self, reason: str, field: str | None = None, value=None):
        super().__init__(reason)
        self.field = field
        self.value = None if value is None else str(value)[:200]


def _text(value) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _int(value, what: str) -> int | None:
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise _Bad(f"{what} is not a number: {str(value)[:40]!r}", what, value) from None
    if number != number.to_integral_value():
        raise _Bad(f"{what} is not a whole number: {value!r}", what, value)
    return int(number)


def _rubles_to_kop(value) -> int:
    try:
        return int((Decimal(str(value).replace(" ", "").replace(",", ".")) * 100).to_integral_value())
    except InvalidOperation:
        raise _Bad(f"sum is not a number: {str(value)[:40]!r}", "s", value) from None


def _parse_time(value) -> tuple[datetime | None, datetime | None]:
    """(UTC, local) from a unix number (UTC) or ISO / QR text (local unless it has an offset)."""
    if value is None or value == "":
        return None, None
    if isinstance(value, (int, float)) or (isinstance(value, str) and value.strip().isdigit()):
        seconds = float(value)
        if seconds > 1e11:  # milliseconds
            seconds /= 1000
        return datetime.fromtimestamp(seconds, timezone.utc).replace(tzinfo=None), None
    text = str(value).strip()
    if re.fullmatch(r"\d{8}T\d{4}(\d{2})?", text):  # QR form: 20240917T1801 or 20240917T180130
        try:
            return None, datetime.strptime(text, "%Y%m%dT%H%M%S" if len(text) == 15 else "%Y%m%dT%H%M")
        except ValueError:
            raise _Bad(f"dateTime not understood: {text!r}", "dateTime", text) from None
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            parsed = datetime.strptime(text, "%d.%m.%Y %H:%M:%S" if text.count(":") == 2 else "%d.%m.%Y %H:%M")
        except ValueError:
            raise _Bad(f"dateTime not understood: {text[:40]!r}", "dateTime", text) from None
    if parsed.tzinfo is not None:
        return parsed.astimezone(timezone.utc).replace(tzinfo=None), None
    return None, parsed


def _properties(receipt: dict) -> dict[str, str]:
    """Additional user properties (tag 1084) as {name lowercased: value}."""
    out = {}
    props = receipt.get("properties") or receipt.get("userProperty") or receipt.get("propertiesData")
    for prop in props if isinstance(props, list) else [props] if isinstance(props, dict) else []:
        if isinstance(prop, dict):
            name = _text(prop.get("propertyName") or prop.get("name"))
            value = _text(prop.get("propertyValue") or prop.get("value"))
            if name and value:
                out[name.lower()] = value
    return out


def _first(receipt: dict, keys, props: dict, prop_words) -> tuple[str | None, str | None]:
    """(value, where it was found: the key or 'properties: name'), (None, None) when absent."""
    for key in keys:
        if _text(receipt.get(key)):
            return _text(receipt.get(key)), key
    for name, value in props.items():
        if any(w in name for w in prop_words):
            return value, f"properties: {name}"
    return None, None


def _operation_type(value, key: str) -> int:
    """1-4 (engine/crm/receipt_values.py); a receipt without a usable one is rejected: whether it
    is a sale or a return decides the sign of its money."""
    if value is None or value == "":
        raise _Bad(f"no {key} (sale or return unknown)", key)
    code = rv.operation_type_of(value)
    if code is None:
        raise _Bad(f"{key} {rv.BAD_OPERATION}: {str(value)[:40]!r}", key, value)
    return code


def receipt_record(receipt: dict, seq: int, form: str = "json") -> tuple[dict, list[dict]]:
    fn = _text(receipt.get("fiscalDriveNumber") or receipt.get("fn"))
    fd = _int(receipt.get("fiscalDocumentNumber", receipt.get("fd")), "fiscalDocumentNumber")
    fp = _text(receipt.get("fiscalSign", receipt.get("fp")))
    if not fn or fd is None or not fp:
        lacking = "fiscalDriveNumber" if not fn else "fiscalDocumentNumber" if fd is None else "fiscalSign"
        raise _Bad("no receipt identity (fiscalDriveNumber, fiscalDocumentNumber, fiscalSign)", lacking)
    fp = str(_int(fp, "fiscalSign"))
    ts, local = _parse_time(receipt.get("dateTime"))
    if local is None and receipt.get("localDateTime"):
        local = _parse_time(receipt.get("localDateTime"))[1]
    if ts is None and local is None:
        raise _Bad("no dateTime", "dateTime")
    total = _int(receipt.get("totalSum"), "totalSum")
    items_in = receipt.get("items") or []
    if not isinstance(items_in, list):
        raise _Bad("items is not a list", "items", json.dumps(items_in, ensure_ascii=False))
    items = []
    for n, item in enumerate(items_in, start=1):
        if not isinstance(item, dict):
            raise _Bad(f"item {n} is not an object")
        qty = item.get("quantity")
        try:
            qty = float(str(qty).replace(",", ".")) if qty not in (None, "") else None
        except ValueError:
            raise _Bad(f"item {n}: quantity is not a number: {qty!r}", f"item {n} quantity", qty) from None
        items.append({"seq": seq, "line_no": n, "name": _text(item.get("name")),
                      "price_kop": _int(item.get("price"), f"item {n} price"),
                      "quantity": qty, "sum_kop": _int(item.get("sum"), f"item {n} sum"),
                      "nds": _int(item.get("nds"), f"item {n} nds"),
                      "payment_type": _int(item.get("paymentType"), f"item {n} paymentType"),
                      "product_type": _int(item.get("productType", item.get("productTypeV2")), f"item {n} productType"),
                      "barcode": _text(item.get("barcode") or item.get("productCode"))})
    if total is None:
        if not items:
            raise _Bad("no totalSum", "totalSum")
        total = sum(i["sum_kop"] or 0 for i in items)
    props = _properties(receipt)
    # raw contact and card: normalised for all receipts at once in SQL (see _normalised_stage)
    buyer_key = next((k for k in BUYER_KEYS if _text(receipt.get(k))), None)
    buyer = _text(receipt.get(buyer_key)) if buyer_key else None
    phone, email = (None, buyer) if buyer and "@" in buyer else (buyer, None)
    card, card_key = _first(receipt, CARD_KEYS, props, ("карт", "card"))
    extra = receipt.get("propertiesData")  # tag 1192, a free text requisite: a card number when it looks like one
    if card is None and isinstance(extra, (str, int)) and re.fullmatch(r"\s*\d{4,32}\s*", str(extra)):
        card, card_key = str(extra).strip(), "propertiesData"
    record = {"seq": seq, "fn": fn, "fd": fd, "fp": fp, "ts": ts, "local_ts": local,
              "operation_type": _operation_type(receipt.get("operationType"), "operationType"),
              "total_kop": total, "cash_kop": _int(receipt.get("cashTotalSum"), "cashTotalSum"),
              "ecash_kop": _int(receipt.get("ecashTotalSum"), "ecashTotalSum"),
              "kkt_reg_id": _text(receipt.get("kktRegId")), "inn": _text(receipt.get("userInn")),
              "seller": _text(receipt.get("user")), "retail_place": _text(receipt.get("retailPlace")),
              "address": _text(receipt.get("retailPlaceAddress")), "buyer_phone": phone, "buyer_email": email,
              "card": card,
              "promo_code": _first(receipt, PROMO_KEYS, props, ("промо", "promo", "купон", "coupon"))[0],
              "source_form": form, "phone_key": buyer_key, "email_key": buyer_key, "card_key": card_key}
    return record, items


def find_receipt(doc, depth: int = 0):
    """The receipt object inside a document, through any wrapper (receipt, document, ticket…)."""
    if not isinstance(doc, dict) or depth > 5:
        return None
    if ("fiscalDriveNumber" in doc or "fiscalDocumentNumber" in doc) and ("totalSum" in doc or "items" in doc):
        return doc
    for key in ("receipt", "document", "ticket", "data", "content"):
        found = find_receipt(doc.get(key), depth + 1)
        if found is not None:
            return found
    for value in doc.values():
        if isinstance(value, dict):
            found = find_receipt(value, depth + 1)
            if found is not None:
                return found
    return None


FISCAL_KEYS = frozenset({"fiscalDriveNumber", "fiscalDocumentNumber", "fiscalSign"})


def has_fiscal_fields(doc, depth: int = 0) -> bool:
    """Whether a JSON document holds any fiscal field at any depth: a receipt, maybe a broken one.
    A file with none in any document is no receipts file at all (a config, a truth.json…)."""
    if depth > 6:
        return False
    if isinstance(doc, dict):
        return bool(FISCAL_KEYS & doc.keys()) or any(has_fiscal_fields(v, depth + 1) for v in doc.values())
    if isinstance(doc, list):
        return any(has_fiscal_fields(v, depth + 1) for v in doc[:1000])
    return False


def qr_record(line: str, seq: int) -> dict:
    fields = {k.lower(): v[0] for k, v in parse_qs(line.strip(), keep_blank_values=True).items()}
    missing = [k for k in ("t", "s", "fn", "i", "fp", "n") if not fields.get(k)]
    if missing:
        raise _Bad(f"QR string lacks {', '.join(missing)}", missing[0], line.strip())
    ts, local = _parse_time(fields["t"])
    return {"seq": seq, "fn": fields["fn"].strip(), "fd": _int(fields["i"], "i"), "fp": str(_int(fields["fp"], "fp")),
            "ts": ts, "local_ts": local, "operation_type": _operation_type(fields["n"], "n"),
            "total_kop": _rubles_to_kop(fields["s"]), "source_form": "qr"}


def _documents(path: Path):
    """(form, iterator of (place, document)) for a JSON or QR-lines file."""
    data = path.read_bytes()
    text = data.decode("utf-8-sig", errors="replace")
    if not text.strip():
        raise ImportRefused("Empty file: no receipt in it", where=str(path))
    first = text.lstrip()[:1]
    if first in "{[":
        try:
            doc = json.loads(text)
        except json.JSONDecodeError as exc:
            raise O2OError(f"Not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}",
                           where=str(path), hint="Export the receipts again, or check the file") from None
        docs = doc if isinstance(doc, list) else [doc]
        return "json", ((f"document {i}", d) for i, d in enumerate(docs, start=1))
    if _QR_LINE.match(text.splitlines()[0] if text.splitlines() else ""):
        lines = text.splitlines()
        return "qr", ((f"line {i}", ln) for i, ln in enumerate(lines, start=1) if ln.strip())
    raise ImportRefused("Neither receipt JSON nor receipt QR strings", where=str(path),
                        hint="CSV/XLSX receipt tables are imported with a column mapping")


def starts_with_qr_string(path: Path) -> bool:
    """Whether a text file begins with a receipt QR string (`t=…&fn=…`)."""
    with open(path, "rb") as fh:
        head = fh.read(4096).decode("utf-8", errors="replace").lstrip("\ufeff \r\n\t")
    return bool(_QR_LINE.match(head))


def _is_table(path: Path) -> bool:
    """A CSV/XLSX receipt table (not JSON, not QR strings)."""
    if is_xlsx(path):
        return True
    with open(path, "rb") as fh:
        head = fh.read(4096).decode("utf-8", errors="replace").lstrip("\ufeff \r\n\t")
    return not (head[:1] in ("{", "[") or _QR_LINE.match(head))


def _stage(con, records: list[dict], items: list[dict]) -> None:
    con.execute("DROP TABLE IF EXISTS rec_stage")
    con.execute("DROP TABLE IF EXISTS item_stage")
    rec = pa.table({name: pa.array([r.get(name) for r in records], typ) for name, typ in REC_FIELDS})
    itm = pa.table({name: pa.array([r.get(name) for r in items], typ) for name, typ in ITEM_FIELDS})
    con.register("_rec_arrow", rec)
    con.register("_item_arrow", itm)
    con.execute("CREATE TEMP TABLE rec_stage AS SELECT * FROM _rec_arrow")
    con.execute("CREATE TEMP TABLE item_stage AS SELECT * FROM _item_arrow")
    con.unregister("_rec_arrow")
    con.unregister("_item_arrow")


def _stage_table(con, ctx: ImportContext, mapping, mapping_file, encoding, delimiter, sheet, header_line=None
                 ) -> tuple[int, list, int, bool, int]:
    """A CSV/XLSX receipt table -> rec_stage (one receipt per row), vectorised. Returns (rows,
    parse rejects, rows rejected here, whether every receipt was read as a sale because no
    column holds the operation type, the header's line). A table of receipts without that column is a list of
    sales in the exports analysts meet; with it, a cell not understood rejects its row."""
    source = load_table(con, ctx.path, "rcp_raw", encoding=encoding, delimiter=delimiter, sheet=sheet,
                        cancel=ctx.cancel, header_line=header_line)
    given = mp.load_mapping(mapping_file) if mapping_file else mapping
    if given is None:
        given = mp.remembered_mapping(ctx.ws, source.header, "receipts") or mp.propose_mapping(
            source.header, [], "receipts")
    full = mp.validate_mapping(given, source.header, "receipts", where=str(ctx.path))
    mp.remember_mapping(ctx.ws, source.header, full, "receipts")
    names = mp.unique_headers(source.header)
    col = {role: f"c{names.index(c)}" for c, role in full.items() if role != mp.IGNORE}
    missing = [r for r in ("fn", "fd", "fp", "datetime", "total") if r not in col]
    if missing:
        # a registers list (it may name each till's ФН) has no receipt date or sum
        if looks_like_registers(source.header) and not {"datetime", "total"} & col.keys():
            raise O2OError("This is a list of cash registers (site and KKT columns), not receipts",
                           where=str(ctx.path), hint="Import it with `o2o import registers FILE`: receipts are then "
                                                     "checked against it")
        raise O2OError(f"The receipt table needs columns for {', '.join(missing)}", where=str(ctx.path),
                       hint="Map them with --mapping FILE.json (roles: " + ", ".join(mp.RECEIPT_ROLES) + f"); "
                            f"the header read is on line {source.header_line} (columns: "
                            f"{', '.join(mp.unique_headers(source.header))}): if a title sits above the table, "
                            "name the header's line with --header-line N")

    def c(role: str) -> str:
        return col.get(role, "NULL::VARCHAR")

    header_of = {role: names[int(ref[1:])] for role, ref in col.items()}

    def literal(text: str | None) -> str:
        return "NULL::VARCHAR" if text is None else "'" + text.replace("'", "''") + "'"

    typed = "operation_type" in col
    operation = rv.operation_type_sql(c("operation_type")) if typed else f"{rv.SALE}::TINYINT"
    nz.install_macros(con)
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE rcp_t AS SELECT line, {c('fn')} AS raw_fn, {c('fd')} AS raw_fd,
            {c('fp')} AS raw_fp, {c('datetime')} AS raw_datetime, {c('total')} AS raw_total,
            trim({c('fn')}) AS fn, try_cast(trim({c('fd')}) AS BIGINT) AS fd,
            CAST(try_cast(trim({c('fp')}) AS BIGINT) AS VARCHAR) AS fp,
            coalesce(try_strptime(trim({c('datetime')}), ['%d.%m.%Y %H:%M:%S', '%d.%m.%Y %H:%M', '%Y-%m-%d %H:%M:%S',
                     '%Y-%m-%dT%H:%M:%S', '%Y-%m-%dT%H:%M', '%Y%m%dT%H%M', '%Y%m%dT%H%M%S', '%Y-%m-%d %H:%M']),
                     try_cast(trim({c('datetime')}) AS TIMESTAMP),
                     {_excel_serial_sql(c('datetime'))}) AS local_ts,
            CAST(round(try_cast(replace(replace(trim({c('total')}), ' ', ''), ',', '.') AS DECIMAL(18, 2)) * 100)
                 AS BIGINT) AS total_kop,
            {c('operation_type')} AS raw_operation_type, {operation} AS operation_type,
            trim({c('kkt_reg_id')}) AS kkt_reg_id, trim({c('inn')}) AS inn, o2o_blank({c('card')}) AS card,
            o2o_blank({c('promo_code')}) AS promo_code, o2o_blank({c('buyer_phone')}) AS buyer_phone,
            o2o_blank({c('buyer_email')}) AS buyer_email
        FROM rcp_raw""")
    # one reject per unusable row, naming the first column that fails and its value as written
    checks = [("fn", "fn IS NULL", "fiscal drive number (FN)", ""),
              ("fd", "fd IS NULL", "fiscal document number (FD)", ": not a whole number"),
              ("fp", "fp IS NULL", "fiscal sign (FP)", ": not a whole number"),
              ("datetime", "local_ts IS NULL", "date and time", ": not understood"),
              ("total", "total_kop IS NULL", "sum", ": not a number")]
    if typed:
        checks.append(("operation_type", "operation_type IS NULL", "operation type", ": " + rv.BAD_OPERATION))
    unusable = " OR ".join(test for _role, test, _label, _why in checks)
    first = lambda part: "CASE " + " ".join(  # noqa: E731 - a SQL CASE over the checks, in order
        f"WHEN {test} THEN {part(role, label, why)}" for role, test, label, why in checks) + " END"
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE rcp_bad AS SELECT line,
            {first(lambda role, label, why: literal(header_of[role]))} AS column_name,
            left({first(lambda role, label, why: 'raw_' + role)}, 200) AS value,
            {first(lambda role, label, why: f"CASE WHEN o2o_blank(raw_{role}) IS NULL THEN {literal('no ' + label)} "
                                             f"ELSE {literal(label + (why or ': empty'))} END")} AS reason
        FROM rcp_t WHERE {unusable}""")
    con.execute(f"INSERT INTO import_rejects SELECT {int(ctx.import_id)}, line, column_name, value, reason "
                "FROM rcp_bad")
    bad = con.execute("SELECT count(*) FROM rcp_bad").fetchone()[0]
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE rec_stage AS SELECT line AS seq, fn, fd, fp, NULL::TIMESTAMP AS ts, local_ts,
            operation_type, total_kop, NULL::BIGINT AS cash_kop, NULL::BIGINT AS ecash_kop, kkt_reg_id, inn,
            NULL::VARCHAR AS seller, NULL::VARCHAR AS retail_place, NULL::VARCHAR AS address, buyer_phone,
            buyer_email, card, promo_code, 'table' AS source_form,
            {literal(header_of.get('buyer_phone'))} AS phone_key, {literal(header_of.get('buyer_email'))} AS email_key,
            {literal(header_of.get('card'))} AS card_key
        FROM rcp_t WHERE NOT ({unusable})""")
    con.execute(
        "CREATE OR REPLACE TEMP TABLE item_stage AS SELECT * FROM (SELECT NULL::BIGINT AS seq, NULL::INTEGER AS "
        "line_no, NULL AS name, NULL::BIGINT AS price_kop, NULL::DOUBLE AS quantity, NULL::BIGINT AS sum_kop, "
        "NULL::INTEGER AS nds, NULL::INTEGER AS payment_type, NULL::INTEGER AS product_type, NULL AS barcode) "
        "WHERE false")
    rejects = [(line, None, value, reason) for line, value, reason in source.parse_rejects]
    drop_source(con, "rcp_raw")
    con.execute("DROP TABLE IF EXISTS rcp_t")
    con.execute("DROP TABLE IF EXISTS rcp_bad")
    return source.rows + len(source.parse_rejects), rejects, bad, not typed, source.header_line


EXCEL_SERIALS = (1000, 80000)  # 1902-09-26 … 2119-01-10: a date-time serial, not some other number


def _excel_serial_sql(column: str) -> str:
    """SQL: an Excel serial date-time (days since 1899-12-30, the fraction the time of day, to the
    second) as a naive timestamp: the till's local time, like the other naive times of a table;
    NULL for anything else. An XLSX numeric cell arrives as its number's text ("45552.75"); a
    CSV may write it with a decimal comma."""
    number = f"try_cast(replace(trim({column}), ',', '.') AS DOUBLE)"
    low, high = EXCEL_SERIALS
    return (f"CASE WHEN {number} BETWEEN {low} AND {high} THEN TIMESTAMP '1899-12-30' + "
            f"to_seconds(CAST(round({number} * 86400) AS BIGINT)) END")


def receipts_loader(*, mapping=None, mapping_file=None, encoding=None, delimiter=None, sheet=None, header_line=None):
    def load(ctx: ImportContext) -> LoadOutcome:
        con = ctx.ws.con
        con.execute("SET enable_progress_bar = false")  # DuckDB's own bar would write to the console
        path = ctx.path
        if path.stat().st_size == 0:
            raise ImportRefused("Empty file (0 bytes): no receipt in it", where=str(path))
        ctx.progress(0.05, "reading receipts")
        records, items, rejects, documents, stored_rejects, assumed_sales = [], [], [], 0, 0, False
        table_header_line = None  # a table's header line (below a title: > 1)
        if _is_table(path):
            documents, rejects, stored_rejects, assumed_sales, table_header_line = _stage_table(
                con, ctx, mapping, mapping_file, encoding, delimiter, sheet, header_line)
            form = "table"
        else:
            form, docs = _documents(path)
            seen: set[tuple] = set()
            fiscal_documents = 0
            for place, doc in docs:
                documents += 1
                seq = documents
                try:
                    if form == "qr":
                        record, lines = qr_record(doc, seq), []
                    else:
                        receipt = find_receipt(doc)
                        fiscal_documents += receipt is not None or has_fiscal_fields(doc)
                        if receipt is None:
                            raise _Bad("no receipt in this document")
                        record, lines = receipt_record(receipt, seq)
                except _Bad as exc:
                    rejects.append((seq, exc.field, exc.value, f"{place}: {exc}"))
                    continue
                key = (record["fn"], record["fd"], record["fp"])
                if key in seen:
                    record["dup_in_file"] = True
                seen.add(key)
                if not record.get("dup_in_file"):
                    records.append(record)
                    items.extend(lines)
                if documents % 10_000 == 0:
                    ctx.cancel.check()
            if form == "json" and not fiscal_documents:
                raise ImportRefused(f"JSON without fiscal fields in any of its {documents} document(s): "
                                    "no receipt in it", where=str(path),
                                    hint="A receipt carries fiscalDriveNumber, fiscalDocumentNumber and "
                                         "fiscalSign (FNS/OFD export)")
            _stage(con, records, items)
        rejected = len(rejects) + stored_rejects
        in_file_dups = documents - rejected - con.execute("SELECT count(*) FROM rec_stage").fetchone()[0]
        ctx.progress(0.6, "storing")
        nz.install_macros(con)
        rv.normalise_contacts(con)
        # local times become UTC with the register's site time zone, else Moscow; and back
        con.execute(f"""
            CREATE OR REPLACE TEMP TABLE rec_new AS
            SELECT s.* REPLACE (
                coalesce(s.ts, (s.local_ts AT TIME ZONE coalesce(t.timezone, '{MOSCOW}')) AT TIME ZONE 'UTC') AS ts,
                coalesce(s.local_ts, (s.ts AT TIME ZONE 'UTC') AT TIME ZONE coalesce(t.timezone, '{MOSCOW}'))
                    AS local_ts)
            FROM rec_stage s
            LEFT JOIN registers g ON g.kkt_reg_id = s.kkt_reg_id LEFT JOIN sites t ON t.site_id = g.site_id
            WHERE NOT EXISTS (SELECT 1 FROM receipts r WHERE r.fn = s.fn AND r.fd = s.fd AND r.fp = s.fp)
            QUALIFY row_number() OVER (PARTITION BY s.fn, s.fd, s.fp ORDER BY s.seq) = 1""")
        staged = con.execute("SELECT count(*) FROM rec_stage").fetchone()[0]
        new = con.execute("SELECT count(*) FROM rec_new").fetchone()[0]
        duplicates = in_file_dups + (staged - new)
        con.execute(f"""
            INSERT INTO receipts (import_id, fn, fd, fp, ts, local_ts, operation_type, total_kop, cash_kop, ecash_kop,
                kkt_reg_id, inn, seller, retail_place, address, buyer_phone, buyer_email, card, promo_code,
                source_form)
            SELECT {ctx.import_id}, fn, fd, fp, ts, local_ts, operation_type, total_kop, cash_kop, ecash_kop,
                kkt_reg_id, inn, seller, retail_place, address, buyer_phone, buyer_email, card, promo_code,
                source_form FROM rec_new ORDER BY seq""")
        con.execute("""
            INSERT INTO receipt_items SELECT r.receipt_id, i.line_no, i.name, i.price_kop, i.quantity, i.sum_kop,
                i.nds, i.payment_type, i.product_type, i.barcode
            FROM item_stage i JOIN rec_new n USING (seq)
            JOIN receipts r ON r.fn = n.fn AND r.fd = n.fd AND r.fp = n.fp""")
        refresh_receipt_checks(con)
        ctx.reject_rows(rejects)
        dropped = rv.store_dropped_values(con, ctx.import_id)
        facts = con.execute(f"""
            SELECT count(*), coalesce(sum(CASE WHEN operation_type IN (2, 3) THEN -total_kop
                                               WHEN operation_type IN (1, 4) THEN total_kop END), 0),
                count(DISTINCT kkt_reg_id) FILTER (WHERE flag = 'unregistered register'),
                count(*) FILTER (WHERE flag IS NOT NULL), count(*) FILTER (WHERE flag = 'other taxpayer'),
                coalesce(bool_or(registered IS NOT NULL), false), count(*) FILTER (WHERE operation_type = 1),
                count(*) FILTER (WHERE operation_type = 2), count(card), count(promo_code),
                count(*) FILTER (WHERE flag = 'unregistered register')
            FROM receipts WHERE import_id = {ctx.import_id}""").fetchone()
        n_items = con.execute(f"SELECT count(*) FROM receipt_items i JOIN receipts r USING (receipt_id) "
                              f"WHERE r.import_id = {ctx.import_id}").fetchone()[0]
        mismatched = items_mismatch_count(con, ctx.import_id)
        for table in ("rec_stage", "item_stage", "rec_new"):
            con.execute(f"DROP TABLE IF EXISTS {table}")
        details = {"documents": documents, "receipts": facts[0], "items": n_items, "duplicates": duplicates,
                   "rejected": rejected, "net_sales_kop": int(facts[1]), "unregistered_registers": facts[2],
                   "sales": facts[6], "returns": facts[7], "with_card": facts[8], "with_promo_code": facts[9],
                   "flagged_receipts": facts[3], "other_taxpayer_receipts": facts[4],
                   "unregistered_receipts": facts[10], "items_mismatch": mismatched,
                   "registers_checked": bool(facts[5]), "form": form,
                   "values_dropped": dropped, "reject_entries": rejected + dropped,
                   "sales_assumed": facts[0] if assumed_sales else 0}
        if table_header_line is not None:
            details["header_line"] = table_header_line
        message = (f"{path.name}: {documents} document(s): {facts[0]} receipt(s), {n_items} item(s), "
                   f"{duplicates} duplicate(s), {rejected} rejected")
        if facts[3]:
            message += f"; {facts[3]} flagged (unregistered register, other taxpayer, items do not add up)"
        if mismatched:
            message += f"; {mismatched} whose items do not add up to the total"
        if dropped:
            message += f"; {dropped} value(s) dropped (buyer phone, e-mail or card not usable)"
        if assumed_sales and facts[0]:
            message += "; no operation type column: every receipt read as a sale"
        if (table_header_line or 1) > 1:
            message += f"; the header is on line {table_header_line}, the title above it was skipped"
        return LoadOutcome(rows_in=documents, rows_ok=facts[0], rows_rejected=rejected, message=message,
                           details=details)

    return load


def import_receipts(ws, path, *, mapping: dict | None = None, mapping_file=None, encoding: str | None = None,
                    delimiter: str | None = None, sheet=None, header_line: int | None = None,
                    rejects_file=None, write_rejects: bool = True,
                    progress: ProgressFn = no_progress, cancel: CancelToken | None = None,
                    **_site_options) -> ImportResult:
    """Import one receipts file. Like a CRM import, an imported file with rejects gets its
    rejects report (CSV, `;`: file, line, column, value, reason) beside the workspace, or at
    `rejects_file`; `rejects_file` in the result is its absolute path, None when nothing
    was rejected. (In a JSON file "line" is the document's number, in QR strings the line.)"""
    try:  # each sheet of a workbook is its own import
        sheet, identity = sheet_identity(path, sheet)
    except O2OError as exc:
        return ImportResult(str(path), "receipts", REFUSED, exc.one_line())
    loader = receipts_loader(mapping=mapping, mapping_file=mapping_file, encoding=encoding,
                             delimiter=delimiter, sheet=sheet, header_line=header_line)
    result = run_import(ws, path, "receipts", loader, progress=progress, cancel=cancel, identity_suffix=identity)
    if result.status == IMPORTED:
        result.details["rejects_file"] = None
        if write_rejects and result.details.get("reject_entries"):
            result.details["rejects_file"] = str(export_rejects(ws, result.import_id, rejects_file).resolve())
            result.message += f"; rejects report: {result.details['rejects_file']}"  # the CLI prints messages
    return result
