"""Column mapping of tabular exports: which column holds the phone, the e-mail, …

A mapping is a JSON-able dict {column header: role}. It is proposed from the header
(Russian and English names) and, for columns the header does not explain, from the content
of the first rows; the analyst corrects it in the import dialog; it can be saved to a file
(`--mapping FILE.json`) and is remembered in the workspace per file shape (the header
signature), so the next export of the same shape maps itself.
"""
from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from engine.errors import O2OError

IGNORE = "ignore"
CRM_ROLES = ("phone", "email", "name", "birth_date", "gender", "card", "consent", "crm_id")
RECEIPT_ROLES = ("fn", "fd", "fp", "datetime", "total", "operation_type", "kkt_reg_id", "inn",
                 "card", "promo_code", "buyer_phone", "buyer_email")
# roles several columns may have: name columns (surname, first name…) are joined with spaces;
# phone columns (mobile, home…) each give a phone: the first valid one is the row's phone, the
# others are kept as its extra phones (engine/crm/crm_import.py)
MULTI_ROLES = {"name", "phone"}
JOINED_ROLES = {"name"}

# (role, pattern, whole-header match only); checked in order, first hit wins
_CRM_HEADER_RULES: list[tuple[str, str, bool]] = [
    ("birth_date", "датарожд", False), ("birth_date", "birth", False), ("birth_date", "dob", True),
    ("birth_date", "др", True), ("birth_date", "деньрождения", False), ("birth_date", "рождени", False),
    ("consent", "соглас", False), ("consent", "consent", False), ("consent", "optin", False),
    ("consent", "подписк", False), ("consent", "subscri", False), ("consent", "рассылк", False),
    ("card", "карт", False), ("card", "card", False),
    ("email", "email", False), ("email", "почт", False), ("email", "mail", False),
    ("phone", "телефон", False), ("phone", "phone", False), ("phone", "mobile", False),
    ("phone", "моб", False), ("phone", "тел", True), ("phone", "tel", True), ("phone", "msisdn", False),
    ("phone", "cell", True),
    ("gender", "пол", True), ("gender", "gender", False), ("gender", "sex", True),
    ("gender", "полклиент", False), ("gender", "полпокупател", False),
    ("crm_id", "id", True), ("crm_id", "clientid", False), ("crm_id", "customerid", False),
    ("crm_id", "кодклиента", False), ("crm_id", "идентификатор", False), ("crm_id", "crmid", False),
    ("crm_id", "externalid", False), ("crm_id", "код", True), ("crm_id", "ид", True),
    ("name", "фио", False), ("name", "имя", False), ("name", "наименованиеклиент", False),
    ("name", "фамилия", False), ("name", "отчество", False),
    ("name", "name", False), ("name", "клиент", True), ("name", "покупатель", True),
]
_RECEIPT_HEADER_RULES: list[tuple[str, str, bool]] = [
    ("fn", "fn", True), ("fn", "фн", True), ("fn", "fiscaldrive", False), ("fn", "номерфн", False),
    ("fd", "fd", True), ("fd", "фд", True), ("fd", "fiscaldocument", False), ("fd", "номерфд", False),
    ("fd", "i", True),
    ("fp", "fp", True), ("fp", "фп", True), ("fp", "fpd", True), ("fp", "фпд", True),
    ("fp", "fiscalsign", False), ("fp", "фискальныйпризнак", False),
    ("datetime", "datetime", False), ("datetime", "дата", False), ("datetime", "date", False),
    ("datetime", "t", True), ("datetime", "время", False),
    ("total", "totalsum", False), ("total", "сумма", False), ("total", "sum", False), ("total", "s", True),
    ("total", "итог", False),
    ("operation_type", "operationtype", False), ("operation_type", "n", True), ("operation_type", "тип", False),
    ("kkt_reg_id", "kkt", False), ("kkt_reg_id", "ккт", False), ("kkt_reg_id", "регномер", False),
    ("inn", "inn", False), ("inn", "инн", False),
    ("card", "карт", False), ("card", "card", False),
    ("promo_code", "promo", False), ("promo_code", "промо", False), ("promo_code", "купон", False),
    ("promo_code", "coupon", False),
    ("buyer_phone", "телефон", False), ("buyer_phone", "phone", False),
    ("buyer_email", "email", False), ("buyer_email", "почт", False),
]


# "ID клиента", "Номер покупателя", "Customer No", "Member ID", "CRM ID": an id word and a who word
_ID_WORD = r"(id|ид|код|номер|uid|guid|uuid|no|nr|num|number)"
_WHO_WORD = r"(клиент[а-я]*|покупател[а-я]*|участник[а-я]*|контакт[а-я]*|customer|client|contact|member|person|" \
            r"user|crm|external|loyalty)"
_CRM_ID_HEADER = re.compile(f"{_ID_WORD}{_WHO_WORD}|{_WHO_WORD}{_ID_WORD}|guid|uuid")
# headers that describe something about a contact, not the contact itself: "Дата согласия",
# "Дата выдачи карты", "Количество карт", "Сумма покупок по карте" (birth dates are matched before)
_NOT_A_CONTACT_FIELD = ("дата", "date", "время", "time", "количество", "колво", "count", "число", "сумма", "sum",
                        "баланс", "balance", "бонус", "bonus")


def roles_for(kind: str) -> tuple[str, ...]:
    return RECEIPT_ROLES if kind == "receipts" else CRM_ROLES


def _norm_header(text: str) -> str:
    return re.sub(r"[^0-9a-zа-я]", "", (text or "").lower().replace("ё", "е"))


def unique_headers(header: list[str]) -> list[str]:
    """Header names made unique and non-empty (mapping keys): 'Телефон', 'Телефон (2)', 'column 3'."""
    seen: dict[str, int] = {}
    out = []
    for i, name in enumerate(header):
        name = (name or "").strip() or f"column {i + 1}"
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return out


def signature(header: list[str]) -> str:
    """The file shape: a hash of the normalised header, order kept."""
    return hashlib.sha256(json.dumps([_norm_header(h) for h in header]).encode()).hexdigest()[:16]


def role_by_header(header: str, kind: str = "crm") -> str | None:
    key = _norm_header(header)
    if not key:
        return None
    if kind != "receipts":
        if any(key.startswith(p) for p in ("датарожд", "деньрожд", "dateofbirth", "birth")):
            return "birth_date"
        if key.startswith(_NOT_A_CONTACT_FIELD):
            return None
        if _CRM_ID_HEADER.fullmatch(key):
            return "crm_id"
    for role, pattern, whole in (_RECEIPT_HEADER_RULES if kind == "receipts" else _CRM_HEADER_RULES):
        if (key == pattern) if whole else (pattern in key):
            return role
    return None


_DIGITS_ONLY = re.compile(r"\d+")
_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_/-]{0,31}")
_NAME_WORD = r"[A-ZА-ЯЁ][a-zа-яё]+(?:-[A-ZА-ЯЁ]?[a-zа-яё]+)?"
_FULL_NAME = re.compile(rf"{_NAME_WORD}(?: {_NAME_WORD}){{1,2}}")
_CONSENT_WORDS = {"да", "нет", "yes", "no", "true", "false", "y", "n", "согласен", "согласна", "не согласен",
                  "не согласна", "истина", "ложь"}


def _is_card_column(values: list[str], phone_share: float) -> bool:
    """13-19-digit numbers (spaces allowed) that are not phones: loyalty / discount card numbers."""
    digits = [re.sub(r"[\s-]", "", v) for v in values]
    long_numbers = sum(1 for d in digits if _DIGITS_ONLY.fullmatch(d) and 13 <= len(d) <= 19)
    return long_numbers / len(values) > 0.8 and phone_share < 0.2


def _is_consent_column(values: list[str]) -> bool:
    """да/нет, yes/no, true/false; 1/0 only when both appear (a column of 1s is a count or a flag)."""
    lowered = [v.strip().lower() for v in values]
    if len(values) < 3:
        return False  # one "y" says nothing
    if sum(1 for v in lowered if v in _CONSENT_WORDS or v in ("1", "0")) / len(values) < 0.9:
        return False
    if any(v in _CONSENT_WORDS for v in lowered):
        return True
    return {"1", "0"} <= set(lowered) and len(values) >= 4


def _is_id_column(values: list[str]) -> bool:
    """Unique short codes: letters with digits ("K-1001", "A7F3"), or digits of one length of at
    least 4 or with leading zeros ("000123"); amounts and ages (60, 1500, 990) are not ids."""
    if len(values) < 3 or len(set(values)) != len(values):
        return False
    if not all(_CODE.fullmatch(v) and any(ch.isdigit() for ch in v) for v in values):
        return False
    numeric = [v for v in values if v.isdigit()]
    if not numeric:
        return True
    if len(numeric) < len(values):
        return sum(any(ch.isalpha() for ch in v) for v in values) / len(values) > 0.5
    if all(len(v) == 4 and 1900 <= int(v) <= 2100 for v in numeric):
        return False  # years
    return len({len(v) for v in numeric}) == 1 and len(numeric[0]) >= 4 or all(v.startswith("0") for v in numeric)


def _is_name_column(values: list[str]) -> bool:
    """2-3 capitalised words ("Иванов Иван Иванович", "John Smith"), mostly different from each
    other (a column of city or shop names repeats)."""
    if len(values) < 2:
        return False
    names = [v for v in values if _FULL_NAME.fullmatch(v.strip())]
    return len(names) / len(values) > 0.8 and len(set(names)) >= 0.7 * len(names)


def _holds_phones(values: list) -> bool:
    """Whether the first non-empty values of a column are mostly phones (or there are none)."""
    from engine import normalize as nz

    values = [str(v).strip() for v in values if v is not None and str(v).strip()][:200]
    return not values or sum(e164 is not None for e164, _ in nz.normalize_phones(values)) / len(values) > 0.5


def _role_by_content(values: list[str]) -> str | None:
    """A role from the first values of a column the header does not explain; None when unsure.
    Numbers without separators (60, 1500) never become dates or phones."""
    from engine import normalize as nz

    values = [str(v).strip() for v in values if v is not None and str(v).strip() and len(str(v)) <= 100][:200]
    if not values:
        return None

    def share(fn) -> float:  # fn: a bulk normaliser
        return sum(1 for value, _ in fn(values) if value is not None) / len(values)

    if sum("@" in v for v in values) / len(values) > 0.5 and share(nz.normalize_emails) > 0.5:
        return "email"
    phone_share = share(nz.normalize_phones) if any(len(re.sub(r"\D", "", v)) >= 10 for v in values) else 0.0
    if _is_card_column(values, phone_share):
        return "card"
    if phone_share > 0.6:
        return "phone"
    if share(nz.normalize_genders) > 0.8:
        return "gender"
    if all(re.search(r"[./-]", v) for v in values) and share(nz.normalize_dates) > 0.8:
        return "birth_date"
    if _is_consent_column(values):
        return "consent"
    if _is_name_column(values):
        return "name"
    if _is_id_column(values):
        return "crm_id"
    return None


def propose_mapping(header: list[str], records: list[list], kind: str = "crm") -> dict[str, str]:
    """{column: role} from the header names, then from the content of unexplained columns."""
    names = unique_headers(header)
    mapping: dict[str, str] = {}
    taken: set[str] = set()
    for i, (name, raw) in enumerate(zip(names, header)):
        role = role_by_header(raw, kind)
        values = [r[i] if i < len(r) else None for r in records]
        if role == "phone" and kind != "receipts" and not _holds_phones(values):
            if _role_by_content(values) == "email":
                role = "email"  # "Телефон / e-mail": what it holds wins
            elif role in taken:
                role = None  # "Тип телефона", "Телефон подтверждён": about the phone, not one
        if role and (role not in taken or role in MULTI_ROLES):
            mapping[name] = role
            taken.add(role)
        else:
            mapping[name] = IGNORE
    if kind != "receipts":
        for i, name in enumerate(names):
            if mapping[name] != IGNORE:
                continue
            role = _role_by_content([r[i] if i < len(r) else None for r in records])
            if role and (role not in taken or role == "phone"):
                mapping[name] = role
                taken.add(role)
    return mapping


def validate_mapping(mapping: dict[str, str], header: list[str], kind: str = "crm",
                     where: str | None = None) -> dict[str, str]:
    """The mapping completed for this header (unmapped columns ignored); errors name the problem."""
    names = unique_headers(header)
    roles = roles_for(kind)
    unknown = [c for c in mapping if c not in names]
    if unknown:
        raise O2OError(f"The mapping names columns this file does not have: {', '.join(unknown)}",
                       where=where, hint=f"Columns are: {', '.join(names)}")
    bad = sorted({r for r in mapping.values() if r not in roles and r != IGNORE})
    if bad:
        raise O2OError(f"Unknown role(s) in the mapping: {', '.join(bad)}", where=where,
                       hint=f"Roles are: {', '.join(roles)}, {IGNORE}")
    full = {name: mapping.get(name, IGNORE) for name in names}
    for role in roles:
        columns = [c for c, r in full.items() if r == role]
        if len(columns) > 1 and role not in MULTI_ROLES:
            raise O2OError(f"Two columns are mapped to {role}: {', '.join(columns)}", where=where,
                           hint="Map one of them and set the other to ignore")
    return full


def save_mapping(path: str | Path, mapping: dict[str, str]) -> Path:
    path = Path(path)
    path.write_text(json.dumps(mapping, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def load_mapping(path: str | Path) -> dict[str, str]:
    path = Path(path)
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except (OSError, ValueError) as exc:
        raise O2OError(f"Cannot read the mapping file ({exc})", where=str(path),
                       hint='A mapping file is JSON: {"column": "role", …}') from exc
    if isinstance(data, dict) and isinstance(data.get("mapping"), dict):
        data = data["mapping"]
    if not isinstance(data, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in data.items()):
        raise O2OError("A mapping file holds one JSON object of column -> role", where=str(path))
    return data


def remember_mapping(ws, header: list[str], mapping: dict[str, str], kind: str = "crm") -> str:
    sig = signature(header)
    ws.con.execute("INSERT OR REPLACE INTO crm_mappings (signature, kind, header, mapping, updated_at) "
                   "VALUES (?, ?, ?, ?, now()::TIMESTAMP)",
                   [sig, kind, json.dumps(header, ensure_ascii=False), json.dumps(mapping, ensure_ascii=False)])
    return sig


def remembered_mapping(ws, header: list[str], kind: str = "crm") -> dict[str, str] | None:
    row = ws.con.execute("SELECT mapping FROM crm_mappings WHERE signature = ? AND kind = ?",
                         [signature(header), kind]).fetchone()
    return json.loads(row[0]) if row else None
