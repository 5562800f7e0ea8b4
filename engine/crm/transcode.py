"""8-bit exports to UTF-8 on every core: the C library's iconv, called through ctypes.

Python's codecs turn cp1251 into UTF-8 at about 280 MB/s on one core and hold the GIL while they
do: a 750 MB CRM export spent 2.7 s there before DuckDB could read a row. iconv (glibc, macOS's
libiconv) converts the same bytes a third faster, and ctypes releases the GIL for the call, so
blocks convert on all cores at once and are written in file order.

Only single-byte encodings are converted this way (a block boundary can never split a
character), and only when iconv maps each of the 256 bytes exactly as Python's codec does with
errors="replace" (an undefined byte, such as 0x98 in cp1251, becomes U+FFFD): that is checked
once per encoding. Everywhere else (Windows, other encodings, an iconv that disagrees) `converter`
returns None and the caller keeps Python's codec, so the text is the same either way.
"""
from __future__ import annotations

import codecs
import ctypes
import ctypes.util
import errno
import functools
import threading
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from typing import Callable, Iterable, Iterator

# Python codec name -> iconv's name for it (the single-byte encodings Russian exports come in)
ICONV_NAMES = {"cp1251": "CP1251", "koi8-r": "KOI8-R", "koi8-u": "KOI8-U", "cp866": "CP866",
               "iso8859-5": "ISO-8859-5", "cp1252": "CP1252", "iso8859-1": "ISO-8859-1", "cp1250": "CP1250"}
REPLACEMENT = "\ufffd".encode()
_FAILED = ctypes.c_size_t(-1).value
_local = threading.local()


@functools.cache
def _iconv():
    """The C library's iconv functions, or None where there is none (Windows)."""
    for name in (None, ctypes.util.find_library("iconv")):
        try:
            lib = ctypes.CDLL(name, use_errno=True)
            lib.iconv_open.restype = ctypes.c_void_p
            lib.iconv_open.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
            lib.iconv.restype = ctypes.c_size_t
            pointer = ctypes.POINTER(ctypes.c_void_p)
            size = ctypes.POINTER(ctypes.c_size_t)
            lib.iconv.argtypes = [ctypes.c_void_p, pointer, size, pointer, size]
            lib.iconv_close.argtypes = [ctypes.c_void_p]
            return lib
        except (OSError, AttributeError, TypeError):
            continue
    return None


def _convert(lib, iconv_name: bytes, block: bytes) -> bytes:
    """`block` converted by iconv; an undefined byte becomes U+FFFD, as Python's errors="replace"."""
    handle = lib.iconv_open(b"UTF-8", iconv_name)
    if handle in (None, _FAILED):
        raise OSError(f"iconv cannot convert from {iconv_name.decode()}")
    needed = 3 * len(block)  # a single byte is at most 3 bytes of UTF-8 (U+FFFD included)
    out = getattr(_local, "out", None)
    if out is None or len(out) < needed:  # one buffer per thread: not zero-filled again per block
        out = _local.out = ctypes.create_string_buffer(max(needed, 1))
    source = ctypes.c_char_p(block)  # points into `block` itself: no copy
    in_ptr = ctypes.c_void_p(ctypes.cast(source, ctypes.c_void_p).value)
    in_left = ctypes.c_size_t(len(block))
    out_ptr = ctypes.c_void_p(ctypes.addressof(out))
    out_left = ctypes.c_size_t(len(out))
    try:
        while lib.iconv(handle, ctypes.byref(in_ptr), ctypes.byref(in_left), ctypes.byref(out_ptr),
                        ctypes.byref(out_left)) == _FAILED:
            if ctypes.get_errno() != errno.EILSEQ:
                raise OSError(ctypes.get_errno(), "iconv failed")
            ctypes.memmove(out_ptr.value, REPLACEMENT, len(REPLACEMENT))
            out_ptr.value += len(REPLACEMENT)
            out_left.value -= len(REPLACEMENT)
            in_ptr.value += 1
            in_left.value -= 1
    finally:
        lib.iconv_close(handle)
    return ctypes.string_at(ctypes.addressof(out), len(out) - out_left.value)


@functools.cache
def converter(encoding: str) -> Callable[[bytes], bytes] | None:
    """A function converting blocks of `encoding` to UTF-8 outside the GIL, or None when Python's
    codec must do it (see the module's docstring)."""
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        return None
    lib, iconv_name = _iconv(), ICONV_NAMES.get(name, "").encode()
    if lib is None or not iconv_name:
        return None
    convert = functools.partial(_convert, lib, iconv_name)
    try:
        agrees = all(convert(bytes([b])) == bytes([b]).decode(name, errors="replace").encode()
                     for b in range(256))
    except OSError:
        return None
    return convert if agrees else None


# beyond 4 threads the disk and the writer are the limit; each thread holds a 3x block buffer
MAX_WORKERS = 4


def convert_in_order(blocks: Iterable[bytes], convert: Callable[[bytes], bytes], workers: int) -> Iterator[bytes]:
    """`convert` of each block, in the blocks' order, up to `workers` (at most MAX_WORKERS) at a
    time. At most workers + 1 blocks are held at once, however long the file and however many
    cores: with 4 MB blocks, under 100 MB."""
    workers = max(1, min(workers, MAX_WORKERS))
    with ThreadPoolExecutor(workers, thread_name_prefix="o2o-transcode") as pool:
        pending: deque = deque()
        for block in blocks:
            pending.append(pool.submit(convert, block))
            if len(pending) > workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
