"""8-bit exports to UTF-8: the parallel iconv path gives exactly Python's text, in file order."""
from __future__ import annotations

import codecs
import os
import sys

import pytest

from engine.crm import sources, transcode
from engine.crm.reading import CHUNK_BYTES
from engine.progress import CancelToken

needs_iconv = pytest.mark.skipif(sys.platform == "win32", reason="no C library iconv on Windows")


@needs_iconv
@pytest.mark.parametrize("encoding", ["cp1251", "koi8-r", "cp866", "windows-1251", "latin-1"])
def test_every_byte_converts_as_pythons_codec_does(encoding):
    convert = transcode.converter(encoding)
    assert convert is not None
    every_byte = bytes(range(256)) * 3
    assert convert(every_byte) == every_byte.decode(encoding, errors="replace").encode("utf-8")


@needs_iconv
def test_an_undefined_byte_becomes_the_replacement_character_and_the_rest_follows():
    convert = transcode.converter("cp1251")
    assert convert("Пётр ".encode("cp1251") + b"\x98" + "Ёлкин".encode("cp1251")) == "Пётр \ufffdЁлкин".encode()


def test_multi_byte_and_unknown_encodings_keep_pythons_codec():
    assert transcode.converter("utf-16") is None
    assert transcode.converter("shift_jis") is None
    assert transcode.converter("no-such-encoding") is None


def test_blocks_come_back_in_file_order_however_many_workers():
    blocks = [bytes([65 + i % 26]) * (1 + i % 7) for i in range(100)]
    assert list(transcode.convert_in_order(iter(blocks), lambda b: b.lower(), 3)) == [b.lower() for b in blocks]


@pytest.mark.parametrize("newlines", [False, True])
def test_a_file_of_several_blocks_is_the_same_text_and_line_count_as_pythons_decode(tmp_path, newlines):
    line = "+7 916 123-45-67;ПЁТР@почта.рф;Ёлкина Юлия «Ю» — №5;\u20ac\r\n" if newlines else "7916;Пётр;\u2116\n"
    text = "Телефон;Имя;Карта\n" + line * (2 * CHUNK_BYTES // len(line.encode("cp1251")) + 17)
    path = tmp_path / "big.csv"
    path.write_bytes(text.encode("cp1251") + b"\x98;tail")  # an undefined byte, no final line end
    copy, lines = sources._transcode(path, "cp1251", CancelToken(), newlines=newlines)
    try:
        want = (text + "\ufffd;tail").replace("\r\n", "\n")
        assert copy.read_bytes() == want.encode("utf-8")
        assert lines == want.count("\n") + 1
    finally:
        os.unlink(copy)


def test_a_title_above_the_header_is_left_out_of_the_copy(tmp_path):
    path = tmp_path / "titled.csv"
    path.write_bytes("Выгрузка от 01.02.2026\n\nТелефон;Имя\n79161234567;Пётр\n".encode("cp1251"))
    copy, lines = sources._transcode(path, "cp1251", CancelToken(), skip_lines=2)
    try:
        assert copy.read_text(encoding="utf-8") == "Телефон;Имя\n79161234567;Пётр\n"
        assert lines == 2
    finally:
        os.unlink(copy)


def test_utf16_goes_through_pythons_decoder_whole(tmp_path):
    path = tmp_path / "u16.csv"
    path.write_bytes(codecs.BOM_UTF16_LE + "Телефон;Имя\n79161234567;Пётр\n".encode("utf-16-le"))
    copy, lines = sources._transcode(path, "utf-16", CancelToken())
    try:
        assert copy.read_text(encoding="utf-8") == "Телефон;Имя\n79161234567;Пётр\n"
        assert lines == 2
    finally:
        os.unlink(copy)
