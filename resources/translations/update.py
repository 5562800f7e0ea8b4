"""Refresh the translation sources and fill Russian from a glossary.

    .venv/bin/python resources/translations/update.py [GLOSSARY.json]

Runs pyside6-lupdate over app/ (existing translations are kept), then sets the Russian
translation of every unfinished message found in GLOSSARY.json ({"source": "перевод"}; for a
numerus message the value may be a list of the three Russian forms: ["%n файл", "%n файла", "%n файлов"]).
Prints the messages still unfinished, so they can be added to the glossary.
The .ts files are the source of truth; .qm files are compiled by bootstrap.py, not committed.
"""
from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent


def lupdate() -> None:
    sources = sorted(str(p) for p in (ROOT / "app").rglob("*.py"))
    tool = Path(sys.executable).with_name("pyside6-lupdate")
    subprocess.check_call([str(tool), "-silent", "-no-obsolete", *sources, "-ts",
                           str(HERE / "o2o_ru.ts"), str(HERE / "o2o_en.ts")])


def fill(ts_path: Path, glossary: dict[str, str]) -> tuple[int, int]:
    tree = ET.parse(ts_path)
    done = missing = 0
    for message in tree.getroot().iter("message"):
        source = message.findtext("source")
        translation = message.find("translation")
        if translation.get("type") != "unfinished":
            continue
        if source in glossary:
            text = glossary[source]
            if message.get("numerus") == "yes":
                forms = text if isinstance(text, list) else [text] * 3  # Russian has three plural forms
                for form in translation.findall("numerusform"):
                    translation.remove(form)
                for form_text in forms:
                    ET.SubElement(translation, "numerusform").text = form_text
                translation.text = None
            else:
                translation.text = text
            del translation.attrib["type"]
            done += 1
        else:
            missing += 1
    tree.write(ts_path, encoding="utf-8", xml_declaration=True)
    return done, missing


def untranslated(ts_path: Path) -> list[tuple[str, str]]:
    """(context, source) of every message whose translation is still unfinished."""
    tree = ET.parse(ts_path)
    return [(context.findtext("name"), m.findtext("source"))
            for context in tree.getroot().iter("context") for m in context.iter("message")
            if m.find("translation").get("type") == "unfinished"]


if __name__ == "__main__":
    lupdate()
    glossary = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8")) if len(sys.argv) > 1 else {}
    done, missing = fill(HERE / "o2o_ru.ts", glossary)
    for context, source in untranslated(HERE / "o2o_ru.ts"):
        print(f"  {context}: {json.dumps(source, ensure_ascii=False)}")
    print(f"ru: {done} filled, {missing} still untranslated")
