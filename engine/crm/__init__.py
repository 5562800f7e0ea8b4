"""Customer-side imports (issue 5): CRM exports, fiscal receipts, cash registers, partner matches.

Modules: reading (encodings, delimiters, samples, XLSX sheets), sources (a CSV/XLSX export
opened for DuckDB, read in one pass by the importer's own query), mapping (column roles,
proposals, saved and remembered mappings), preview (what the import dialog shows),
crm_import, receipts, registers (registers + partner matches). Normalisation rules live in
engine/normalize.py, the identity graph in engine/people.py.

Awkward inputs and what happens (each one has a test in tests/engine/test_crm_import.py or
test_receipts.py):
- empty file (0 bytes): refused, "Empty file (0 bytes): no header and no rows" (receipts:
  "no receipt in it"); nothing is written.
- header only: imported with 0 rows; no rejects file.
- wrong encoding declared (--encoding): refused with the encoding the bytes look like
  ("Not valid utf-8 text at byte N; it looks like cp1251", "Declared cp1251, but the file
  is UTF-8 text", "Declared cp1251, but the text reads as koi8-r"); leaving the encoding
  out detects it.
- a row with an extra (or a missing) field: that row is rejected with its line and the
  parser's reason ("too many fields: expected: 2 found: 3"); the other rows import.
- a 10 MB single cell: read (cells up to ~64 MB); a name longer than 1 000 characters is
  dropped as a value with a reason, an ignored column is ignored; longer lines are rejected.
- Cyrillic and emoji: kept as they are (UTF-8 inside the workspace).
- Excel scientific form ("7,91612E+10"): the phone is rejected with "phone mangled by Excel
  (scientific notation)" (its last digits are lost; never guessed); same for card numbers.
- dates as Excel serials (32874 -> 1990-01-01): read as dates.
- the same file again: skipped by its sha256 ("already imported as #N"); for a workbook
  by its sha256 and sheet, so another sheet of it is a new import.
- unknown columns: ignored, and listed in `ignored_columns` and in the message.
- blank lines between rows: skipped (they still count in line numbers). A blank line before the
  header: refused, "No header line: the first line must name the columns".
- duplicates (every phone/e-mail/card, and the CRM id, seen before): counted, not stored, and
  listed in the rejects report with the key they repeat and where it was first seen.
"""
