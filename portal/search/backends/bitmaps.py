"""Sets of Whoosh document numbers as Python ints (bit d set = document d).

The Whoosh backend counts facets and combines filters with these: an AND is ``&`` and a
count is ``bit_count()``, both in C, where Whoosh's own matchers walk postings in Python.
"""

from __future__ import annotations


def to_mask(docnums, size: int) -> int:
    bits = bytearray((size + 8) // 8)
    for d in docnums:
        bits[d >> 3] |= 1 << (d & 7)
    return int.from_bytes(bits, "little")


_BITS = [tuple(b for b in range(8) if value >> b & 1) for value in range(256)]


def mask_to_set(mask: int) -> set[int]:
    out: set[int] = set()
    data = mask.to_bytes((mask.bit_length() + 7) // 8, "little")
    for i, byte in enumerate(data):
        if byte:
            base = i << 3
            out.update(base + b for b in _BITS[byte])
    return out
