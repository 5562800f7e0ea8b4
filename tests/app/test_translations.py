"""The Russian interface is complete: every message translated, placeholders kept, and the .ts compiles.

When a test here fails after you added or changed a user-visible string, run
    .venv/bin/python resources/translations/update.py [GLOSSARY.json]
and translate what it lists (analysts' terms: /work/shared/UX.md, "Words (ru / en)").
"""
from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator

ROOT = Path(__file__).resolve().parents[2]
RU_TS = ROOT / "resources" / "translations" / "o2o_ru.ts"
HOW_TO_FIX = "run `.venv/bin/python resources/translations/update.py` and translate the messages it lists"
PLACEHOLDER = re.compile(r"%(?:n|L?\d+)")


def messages() -> list[tuple[str, ET.Element]]:
    """(context name, <message>) for every message of the Russian .ts."""
    root = ET.parse(RU_TS).getroot()
    return [(context.findtext("name"), message)
            for context in root.iter("context") for message in context.iter("message")]


def translations_of(message: ET.Element) -> list[str]:
    """The translation text, or each plural form of a numerus message."""
    translation = message.find("translation")
    if message.get("numerus") == "yes":
        return [form.text or "" for form in translation.findall("numerusform")]
    return [translation.text or ""]


def test_every_russian_message_is_translated():
    assert len(messages()) > 300, "o2o_ru.ts looks truncated"
    unfinished = [f"{context}: {message.findtext('source')!r}" for context, message in messages()
                  if message.find("translation").get("type") in ("unfinished", "vanished", "obsolete")]
    assert not unfinished, f"{len(unfinished)} untranslated in o2o_ru.ts — {HOW_TO_FIX}:\n" + "\n".join(unfinished)
    empty = [f"{context}: {message.findtext('source')!r}" for context, message in messages()
             if not all(text.strip() for text in translations_of(message))]
    assert not empty, f"empty translations in o2o_ru.ts — {HOW_TO_FIX}:\n" + "\n".join(empty)


def test_numerus_messages_have_three_russian_forms():
    numerus = [(context, message) for context, message in messages() if message.get("numerus") == "yes"]
    assert numerus, "expected at least one plural message (Importing %n file(s))"
    for context, message in numerus:
        forms = translations_of(message)
        assert len(forms) == 3, f"{context}: {message.findtext('source')!r} needs 3 Russian plural forms, has {forms}"


def test_placeholders_survive_translation():
    broken = []
    for context, message in messages():
        source = message.findtext("source")
        wanted = set(PLACEHOLDER.findall(source))
        for text in translations_of(message):
            lost = wanted - set(PLACEHOLDER.findall(text))
            if lost:
                broken.append(f"{context}: {source!r} -> {text!r} lost {sorted(lost)}")
    assert not broken, "placeholders missing from translations:\n" + "\n".join(broken)


def test_accelerators_and_shortcuts_survive_translation():
    broken = []
    for context, message in messages():
        source = message.findtext("source")
        for text in translations_of(message):
            # A menu entry keeps one keyboard accelerator; a shown shortcut such as (Ctrl+E) stays verbatim.
            if re.search(r"&\w", source) and not re.search(r"&\w", text):
                broken.append(f"{context}: {source!r} -> {text!r} lost its & accelerator")
            for shortcut in re.findall(r"Ctrl\+\w", source):
                if shortcut not in text:
                    broken.append(f"{context}: {source!r} -> {text!r} lost {shortcut}")
    assert not broken, "\n".join(broken)


def test_compiled_russian_translates_the_overview(qapp, tmp_path):
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    if not lrelease.exists():
        pytest.skip(f"{lrelease} not installed")
    qm = tmp_path / "o2o_ru.qm"
    done = subprocess.run([str(lrelease), str(RU_TS), "-qm", str(qm)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    translator = QTranslator()
    assert translator.load(str(qm)), f"QTranslator could not load {qm}"
    assert translator.translate("Views", "Overview") == "Обзор"
    assert translator.translate("ReceiptsView", "Register (KKT)") == "Касса (ККТ)"
