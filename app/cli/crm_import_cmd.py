"""o2o import crm|receipts|registers|partner.

`o2o import crm` writes the rejects report (CSV, `;`) into `<workspace name>-rejects/`
beside the workspace unless --rejects FILE says where; its path is `rejects_file` in the
result (null when nothing was rejected or dropped). `o2o import receipts` takes files and
folders (of a folder, sorted, the receipt-like files only: .json, .txt QR strings, and
.csv/.tsv/.xlsx tables with FN/FD/FP columns; never a workspace or its .wal; the rest is
listed in `notes`); a file named is always tried. Each file is its own transaction. The exit code
is 0 when every file was imported or skipped as already imported, 1 when some file was
refused (the others stay imported), 2 on a usage or workspace error.

`o2o import crm FILE --preview` reads only the head of the file and changes nothing: the
workspace is opened only when it exists (for a mapping remembered for this file shape), never
created; with --save-mapping the proposed mapping is written. A file of another kind (receipt
JSON, a capture) is refused with the command that imports it.
"""
from __future__ import annotations

from pathlib import Path

from app.cli._common import add_json_arg, add_workspace_arg, open_workspace, stderr_progress, workspace_for_import
from app.cli._text_table import text_table
from engine.errors import O2OError
from engine.imports.registry import IMPORTED, SKIPPED, ImportResult

# what `o2o import crm` says for files of another kind (sniffed by content): (what it looks like, command)
OTHER_KINDS = {
    "receipts": ("fiscal receipts (JSON documents or QR strings)", "o2o import receipts"),
    "capture": ("a Wi-Fi capture (pcap/pcapng)", "o2o import capture"),
    "airodump": ("an airodump-ng CSV log", "o2o import airodump"),
    "kismet": ("a Kismet log", "o2o import kismet"),
    "registers": ("a list of cash registers (site;kkt_reg_id;…)", "o2o import registers"),
    "partner_matches": ("partner matches (mac_md5;phone_sha256)", "o2o import partner --partner NAME"),
}
def _positive(text: str) -> int:
    import argparse

    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"a line number counting from 1, not {text!r}")
    return value


SHEET_HELP = "XLSX sheet: its name, or its number counting from 1 (default: the first sheet)"

RECEIPT_TOTALS = ("documents", "receipts", "items", "duplicates", "rejected", "unregistered_registers", "sales",
                  "returns", "unregistered_receipts", "other_taxpayer_receipts", "with_card", "net_sales_kop")


def register_import(import_sub) -> None:
    crm = import_sub.add_parser("crm", help="a CRM export (CSV or XLSX) of customers")
    crm.add_argument("file", type=Path, metavar="FILE")
    add_workspace_arg(crm)
    crm.add_argument("--mapping", type=Path, metavar="FILE.json", help="column -> role mapping to use")
    crm.add_argument("--save-mapping", type=Path, metavar="FILE.json",
                     help="write the mapping used (with --preview: the proposed one) to this file")
    crm.add_argument("--encoding", help="file encoding (default: detected: utf-8, cp1251, koi8-r, cp866; any other Python codec name, e.g. latin-1, when given)")
    crm.add_argument("--delimiter", help="field delimiter (default: detected among ; , tab |); 'tab' for tab")
    crm.add_argument("--sheet", help=SHEET_HELP)
    crm.add_argument("--header-line", type=_positive, metavar="N",
                     help="the line (XLSX: sheet row) the header is on, when the one detected below a title "
                          "is not it (see header_line in the result)")
    crm.add_argument("--rejects", type=Path, metavar="FILE.csv", help="where to write the rejects report")
    crm.add_argument("--preview", action="store_true",
                     help="only propose a mapping and show what the first rows become; import nothing "
                          "(the workspace is read if it exists, never created)")
    add_json_arg(crm)
    crm.set_defaults(func=cmd_import_crm)

    rcp = import_sub.add_parser("receipts", help="fiscal receipts: FNS/OFD JSON, QR strings, CSV/XLSX tables")
    rcp.add_argument("files", type=Path, nargs="+", metavar="FILE|DIR")
    add_workspace_arg(rcp)
    rcp.add_argument("--mapping", type=Path, metavar="FILE.json", help="column mapping for CSV/XLSX receipt tables")
    rcp.add_argument("--encoding", help="CSV receipt tables: file encoding (default: detected)")
    rcp.add_argument("--delimiter", help="CSV receipt tables: field delimiter (default: detected); 'tab' for tab")
    rcp.add_argument("--sheet", help="XLSX receipt tables: " + SHEET_HELP)
    rcp.add_argument("--header-line", type=_positive, metavar="N",
                     help="CSV/XLSX receipt tables: the header is on line N (the sheet row), when detection below "
                          "a title is not it (see header_line in the result)")
    add_json_arg(rcp)
    rcp.set_defaults(func=cmd_import_receipts)

    reg = import_sub.add_parser("registers", help="known cash registers: CSV site;kkt_reg_id;inn;tenant")
    reg.add_argument("file", type=Path, metavar="FILE")
    reg.add_argument("--rejects", type=Path, metavar="FILE.csv", help="where to write the rejects report")
    add_workspace_arg(reg)
    add_json_arg(reg)
    reg.set_defaults(func=cmd_import_registers)

    partner = import_sub.add_parser("partner", help="partner matches: CSV mac_md5;phone_sha256")
    partner.add_argument("file", type=Path, metavar="FILE")
    add_workspace_arg(partner)
    partner.add_argument("--partner", required=True, metavar="NAME", help="who matched (e.g. the telecom)")
    add_json_arg(partner)
    partner.set_defaults(func=cmd_import_partner)


def _result_payload(result: ImportResult) -> dict:
    return result.to_json()


def _code(results: list[ImportResult]) -> int:
    return 0 if all(r.status in (IMPORTED, SKIPPED) for r in results) else 1


def _delimiter(value: str | None) -> str | None:
    return "\t" if value in ("tab", "\\t") else value


def _refuse_other_kinds(path: Path) -> None:
    from engine.imports.sniff import sniff

    if not path.is_file():
        return  # the import reports a missing file
    kind = sniff(path)
    if kind in OTHER_KINDS:
        looks, command = OTHER_KINDS[kind]
        raise O2OError(f"This looks like {looks}, not a CRM table (CSV/XLSX)", where=str(path),
                       hint=f"Import it with `{command} {path} -w WS`")


def _preview(args, delimiter):
    from engine.crm import mapping as mp
    from engine.crm.preview import propose

    notes = []
    if args.workspace.exists():
        ws, notes = open_workspace(args, create=False)
        with ws:
            payload = propose(args.file, ws=ws, encoding=args.encoding, delimiter=delimiter, sheet=args.sheet,
                              header_line=args.header_line, mapping_file=args.mapping)
    else:
        notes.append(f"workspace {args.workspace} does not exist: "
                     + ("nothing created" if args.mapping else "mapping detected, nothing created"))
        payload = propose(args.file, encoding=args.encoding, delimiter=delimiter, sheet=args.sheet,
                          header_line=args.header_line, mapping_file=args.mapping)
    if args.save_mapping:
        payload["mapping_file"] = str(mp.save_mapping(args.save_mapping, payload["mapping"]).resolve())
    payload["notes"] = notes
    return 0, payload if args.json else readable_preview(payload)


def readable_preview(payload: dict) -> str:
    """The proposal for a terminal: how the file was read, the mapping (column -> role), the first
    rows as they would be stored (columns across, cells cut), then each dropped value and why."""
    from engine.crm import mapping as mp

    reading = payload.get("reading") or {}
    how = ", ".join(f"{k} {'tab' if v == chr(9) else v}" for k, v in reading.items()
                    if k not in ("sheets", "lines", "fields_checked", "header_line") and v)
    if reading.get("header_line", 1) > 1:
        how += f"; the header is on line {reading['header_line']}: the title above it is skipped"
    lines = [f"{payload['file']}: {how}", f"Mapping ({payload['mapping_source']}):"]
    mapping = payload["mapping"]
    width = max((len(c) for c in payload["columns"]), default=0)
    lines += [f"  {c.ljust(width)}  -> {mapping.get(c, mp.IGNORE)}" for c in payload["columns"]]
    # in column order; columns joined into one role (a name in parts) show once, a second phone as "phone 2"
    roles = list(dict.fromkeys(k for row in payload["preview"] for k in row)) or list(dict.fromkeys(
        mapping[c] for c in payload["columns"] if mapping.get(c, mp.IGNORE) != mp.IGNORE))
    rows, dropped = [], []
    # the lines the rejects report gives (a title above the header, quoted line breaks counted)
    numbers = reading.get("lines") or range(2, 2 + len(payload["preview"]))
    problems = payload.get("row_problems") or [None] * len(payload["preview"])
    for number, row, problem in zip(numbers, payload["preview"], problems):
        cells = [number]
        if problem and problem.startswith("row rejected: too"):  # not read at all: no values to show
            rows.append(cells + ["⚠"] * len(roles))
            dropped.append(f"  line {number}: {problem}")
            continue
        if problem:
            dropped.append(f"  line {number}: {problem}")
        for role in roles:
            value = row.get(role) or {}
            if value.get("reason"):  # dropped: its text; kept with a warning: the value stored
                cells.append(f"⚠ {value['value'] if value.get('value') is not None else value.get('raw')}")
                dropped.append(f"  line {number}, {value['column']}: {value.get('raw')!r}: {value['reason']}")
            else:
                cells.append(value.get("value"))
        rows.append(cells)
    lines.append("")
    if rows:
        lines += [f"The first {len(rows)} rows as they would be stored:",
                  text_table(["line", *roles], rows, right=[0])]
    else:
        lines.append("No data rows.")
    if dropped:
        lines += ["Values and rows that would be dropped (⚠):", *dropped]
    if payload.get("mapping_file"):
        lines.append(f"Mapping written to {payload['mapping_file']}")
    lines += [f"Note: {n}" for n in payload.get("notes") or []]
    return "\n".join(lines)


def cmd_import_crm(args):
    from engine.crm import crm_import, mapping as mp

    delimiter = _delimiter(args.delimiter)
    _refuse_other_kinds(args.file)
    if args.preview:
        return _preview(args, delimiter)
    with workspace_for_import(args) as (ws, notes):
        result = crm_import.import_crm(
            ws, args.file, mapping_file=args.mapping, encoding=args.encoding, delimiter=delimiter,
            sheet=args.sheet, header_line=args.header_line, rejects_file=args.rejects,
            progress=stderr_progress(not args.json))
        if args.save_mapping and result.status == IMPORTED:
            saved = mp.save_mapping(args.save_mapping, result.details["mapping"])
            result.details["mapping_file"] = str(saved.resolve())
    payload = _result_payload(result)
    payload["notes"] = notes
    return _code([result]), payload


# what `o2o import receipts DIR` takes from a folder: JSON documents, QR strings (.txt), tables
RECEIPT_SUFFIXES = (".json", ".txt", ".csv", ".tsv", ".xlsx")
TABLE_SUFFIXES = (".csv", ".tsv", ".xlsx")


def _looks_like_receipt_table(path: Path) -> bool:
    """A table in a folder is taken when its header names FN, FD and FP columns (a CRM export
    or any other table beside the receipts is left alone)."""
    from engine.crm import mapping as mp
    from engine.crm.reading import head_records

    try:
        header, _, _ = head_records(path, 0)
    except (O2OError, OSError, ValueError):  # unreadable: the import would refuse it too, so leave it out
        return False
    roles = set(mp.propose_mapping(header, [], "receipts").values())
    return {"fn", "fd", "fp"} <= roles


def _expand(paths: list[Path], mapping_given: bool = False) -> tuple[list[Path], list[str]]:
    """(files to import, notes). A file named is always tried; of a folder only receipt-like files
    are taken (see RECEIPT_SUFFIXES; never a workspace .o2o or its .wal), tables only when their
    header has FN/FD/FP columns or a --mapping is given. What a folder had besides is noted."""
    from engine.crm.receipts import starts_with_qr_string

    files, notes = [], []
    for path in paths:
        if not path.is_dir():
            files.append(path)
            continue
        left_out = []
        for p in sorted(q for q in path.iterdir() if q.is_file() and not q.name.startswith(".")):
            suffix = p.suffix.lower()
            if suffix not in RECEIPT_SUFFIXES or p.name.startswith("LICENSE"):
                left_out.append(p.name)
            elif suffix in TABLE_SUFFIXES and not mapping_given and not _looks_like_receipt_table(p):
                left_out.append(f"{p.name} (a table without FN/FD/FP columns)")
            elif suffix == ".txt" and not starts_with_qr_string(p):
                left_out.append(f"{p.name} (text without receipt QR strings)")
            else:
                files.append(p)
        if left_out:
            shown = ", ".join(left_out[:10]) + (f" and {len(left_out) - 10} more" if len(left_out) > 10 else "")
            notes.append(f"{path}: {len(left_out)} file(s) that are not receipts left out: {shown}")
    return files, notes


def cmd_import_receipts(args):
    from engine.crm.receipts import import_receipts

    paths, left_out = _expand(args.files, mapping_given=bool(args.mapping))
    results = []
    with workspace_for_import(args) as (ws, notes):
        notes += left_out
        for path in paths:
            results.append(import_receipts(ws, path, mapping_file=args.mapping, encoding=args.encoding,
                                           delimiter=_delimiter(args.delimiter), sheet=args.sheet,
                                           header_line=args.header_line))
        ids = [r.import_id for r in results if r.status == IMPORTED]
        unregistered = ws.con.execute(
            "SELECT count(DISTINCT kkt_reg_id) FROM receipts WHERE flag = 'unregistered register' "
            "AND list_contains(?, import_id)", [ids]).fetchone()[0] if ids else 0
    totals = {key: sum(int(r.details.get(key, 0) or 0) for r in results) for key in RECEIPT_TOTALS}
    totals["unregistered_registers"] = unregistered  # distinct registers over all files, not a sum
    payload = {**totals, "files": len(results),
               "imported": sum(r.status == IMPORTED for r in results),
               "skipped": sum(r.status == SKIPPED for r in results),
               "refused": [r.message for r in results if r.status not in (IMPORTED, SKIPPED)],
               "rejects_files": [r.details["rejects_file"] for r in results if r.details.get("rejects_file")],
               "results": [_result_payload(r) for r in results], "notes": notes}
    if not args.json:
        payload = {k: v for k, v in payload.items() if k != "results"}
        payload["messages"] = [r.message for r in results]
    return _code(results), payload


def _one_file_import(args, importer, **options):
    """Import args.file with `importer` into the workspace; the result and what was created."""
    with workspace_for_import(args) as (ws, notes):
        result = importer(ws, args.file, **options)
    payload = _result_payload(result)
    payload["notes"] = notes
    return _code([result]), payload


def cmd_import_registers(args):
    from engine.crm.registers import import_registers

    return _one_file_import(args, import_registers, rejects_file=args.rejects)


def cmd_import_partner(args):
    from engine.crm.registers import import_partner_matches

    return _one_file_import(args, import_partner_matches, partner=args.partner)


