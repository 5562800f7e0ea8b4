"""What the import dialog shows before importing: a proposed mapping and the first rows
with what normalisation makes of each mapped value (the same rules the import applies)."""
from __future__ import annotations

from pathlib import Path

from engine import normalize as nz
from engine.crm import mapping as mp
from engine.crm.crm_normalise import ID_TOO_LONG, MAX_ID, MAX_NAME, NAME_TOO_LONG
from engine.crm.reading import head_records, sheet_row_problem

# bulk normalisers: one query for a column's previewed values, not one per cell
_NORMALISERS = {
    "phone": nz.normalize_phones,
    "buyer_phone": nz.normalize_phones,
    "email": nz.normalize_emails,
    "buyer_email": nz.normalize_emails,
    "birth_date": nz.normalize_dates,
    "gender": nz.normalize_genders,
    "card": nz.normalize_cards,
}


def _consent(text):
    if text is None or not str(text).strip():
        return None, None
    value = str(text).strip().lower()
    if value in nz.CONSENT_YES:
        return True, None
    if value in nz.CONSENT_NO:
        return False, None
    return None, nz.BAD_CONSENT


def _operation_type(text):
    from engine.crm.receipt_values import BAD_OPERATION, OPERATION_WORDS, operation_type_of

    code = operation_type_of(text)
    if code is None:  # blank or not understood: the import rejects the receipt
        return None, "receipt rejected: operation type " + ("missing" if not str(text or "").strip() else BAD_OPERATION)
    return f"{code} {OPERATION_WORDS[code][0]}", None


# values the import drops whole when longer (role -> (characters, reason))
_LENGTH_LIMITS = {"name": (MAX_NAME, NAME_TOO_LONG), "crm_id": (MAX_ID, ID_TOO_LONG)}


def normalise_values(role: str, texts: list) -> list[tuple]:
    """(value, reason) of each cell of a column under a role (CRM or receipt table), as the import
    would store it."""
    fn = _NORMALISERS.get(role)
    if fn is not None:
        return fn(texts)
    if role in _LENGTH_LIMITS:
        return nz.normalize_texts(texts, *_LENGTH_LIMITS[role])
    return [normalise_value(role, text) for text in texts]


def joined_values(role: str, columns: list[list]) -> list[tuple]:
    """(value, reason) of a role mapped to several columns (a name in parts), per record, as the
    import joins and keeps them."""
    return normalise_values(role, nz.joined_texts(columns))


def normalise_value(role: str, text):
    """(value, reason) of one cell under a role (see normalise_values)."""
    if role == "consent":
        return _consent(text)
    if role == "operation_type":
        return _operation_type(text)
    if role in _NORMALISERS or role in _LENGTH_LIMITS:
        return normalise_values(role, [text])[0]
    value = str(text).strip() if text is not None else ""
    return (value or None), None


def row_problem(record: list, width: int, *, sheet: bool = False) -> str | None:
    """Why the import rejects a record whole, in the words of its rejects report; None for a
    record it reads. CSV: another number of fields than the header; a sheet row: values beyond
    the header's columns."""
    if sheet:
        problem = sheet_row_problem(record, width)
        return f"row rejected: {problem}" if problem else None
    if len(record) == width:
        return None
    side = "too many" if len(record) > width else "too few"
    return f"row rejected: {side} fields (expected {width}, found {len(record)})"


KEY_ROLES = ("phone", "email", "card")


def crm_row_problem(row: dict) -> str | None:
    """Why the CRM import rejects a row of preview_rows whole: no usable phone, e-mail or card."""
    from engine.crm.crm_import import NO_KEY

    # a kept value may carry a warning (a second phone in the cell): it still makes the row usable
    usable = any(v.get("value") is not None for k, v in row.items() if k.split(" ")[0] in KEY_ROLES)
    return None if usable else NO_KEY


def preview_rows(header: list[str], records: list[list], mapping: dict[str, str]) -> list[dict]:
    """[{role: {"column", "raw", "value", "reason"}}] for each record; names joined like the import,
    a second phone column under "phone 2" (and so on)."""
    names = mp.unique_headers(header)
    roles = [mapping.get(name, mp.IGNORE) for name in names]
    cell = lambda record, i: record[i] if i < len(record) else None  # noqa: E731
    column = lambda i: [cell(record, i) for record in records]  # noqa: E731
    verdicts = {i: normalise_values(role, column(i)) for i, role in enumerate(roles) if role != mp.IGNORE}
    joined = {}  # role -> (joined texts, their verdicts) of a role mapped to several columns
    for role in mp.JOINED_ROLES:
        parts = [i for i, r in enumerate(roles) if r == role]
        if len(parts) > 1:
            texts = nz.joined_texts([column(i) for i in parts])
            joined[role] = (texts, normalise_values(role, texts))
    out = []
    for r, record in enumerate(records):
        row: dict[str, dict] = {}
        for i, name in enumerate(names):
            role = roles[i]
            if role == mp.IGNORE:
                continue
            raw = cell(record, i)
            key = role
            if role in joined:  # one entry for all its columns
                texts, values = joined[role]
                if role in row:
                    row[role]["column"] += f" + {name}"
                else:
                    row[role] = {"column": name, "raw": texts[r], "value": values[r][0], "reason": values[r][1]}
                continue
            if role in row:  # another phone column: "phone 2", "phone 3" …
                key = next(f"{role} {n}" for n in range(2, len(names) + 2) if f"{role} {n}" not in row)
            value, reason = verdicts[i][r]
            row[key] = {"column": name, "raw": raw, "value": value, "reason": reason}
        out.append(row)
    return out


def propose(path: str | Path, *, ws=None, kind: str = "crm", encoding: str | None = None,
            delimiter: str | None = None, sheet=None, limit: int = 20, header_line: int | None = None,
            mapping_file: str | Path | None = None) -> dict:
    """Mapping proposal + preview of the first rows. A mapping file given wins, then a mapping
    remembered in the workspace for this file shape, then detection."""
    header, records, facts = head_records(Path(path), limit, encoding=encoding, delimiter=delimiter, sheet=sheet,
                                          header_line=header_line)
    remembered = mp.remembered_mapping(ws, header, kind) if ws is not None and not mapping_file else None
    if mapping_file:
        mapping = mp.validate_mapping(mp.load_mapping(mapping_file), header, kind, where=str(mapping_file))
        source = f"file {Path(mapping_file).name}"
    else:
        mapping = remembered or mp.propose_mapping(header, records, kind)
        source = "remembered for this file shape" if remembered else "detected"
    names = mp.unique_headers(header)
    preview = preview_rows(header, records, mapping) if kind == "crm" else records
    # why the import would reject each previewed row whole (None: it reads it)
    problems = [row_problem(record, len(header), sheet="sheet" in facts)
                or (crm_row_problem(row) if kind == "crm" else None) for record, row in zip(records, preview)]
    return {"file": str(path), "header": header, "columns": names, "signature": mp.signature(header),
            "mapping": mapping, "mapping_source": source,
            "roles": list(mp.roles_for(kind)) + [mp.IGNORE], "reading": facts,
            "ignored_columns": [n for n in names if mapping.get(n, mp.IGNORE) == mp.IGNORE],
            "preview": preview, "row_problems": problems}
