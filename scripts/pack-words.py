#!/usr/bin/env python3
"""Packs Dictionary/thai-words.txt into Dictionary/thai-words.packed, the trie thaireport reads.

Run it after editing the word list:  python3 scripts/pack-words.py
The layout is described in Sources/ThaiText/ThaiWordList.swift; ThaiTextTests checks that the
committed packed file is exactly what the text gives, so a stale one fails the tests.
"""
import os
import struct
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def words(path):
    """Lines made only of Thai letters (U+0E01-U+0E4F), as offsets from U+0E00; two letters or more."""
    found = set()
    with open(path, "rb") as f:
        for line in f.read().split(b"\n"):
            text = line.replace(b"\r", b"").decode("utf-8", errors="replace")
            letters = [ord(c) - 0x0E00 for c in text]
            if all(0x01 <= c <= 0x4F for c in letters) and len(letters) >= 2:
                found.add(bytes(letters))
    return sorted(found)


def pack(sorted_words):
    """The trie in breadth-first order: per node (children | 0x80 if a word ends there), then the
    letters of every edge in order (the child of edge e is node e + 1)."""
    flags, letters = [], []
    queue = [(0, len(sorted_words), 0)]
    head = 0
    while head < len(queue):
        start, end, depth = queue[head]
        head += 1
        is_word = start < end and len(sorted_words[start]) == depth
        if is_word:
            start += 1
        children = 0
        index = start
        while index < end:
            letter = sorted_words[index][depth]
            stop = index + 1
            while stop < end and sorted_words[stop][depth] == letter:
                stop += 1
            letters.append(letter)
            queue.append((index, stop, depth + 1))
            children += 1
            index = stop
        flags.append(children | (0x80 if is_word else 0))
    return b"THWORDS1" + struct.pack("<II", len(sorted_words), len(flags)) + bytes(flags) + bytes(letters)


def main():
    source = os.path.join(ROOT, "Dictionary", "thai-words.txt")
    target = os.path.join(ROOT, "Dictionary", "thai-words.packed")
    data = pack(words(source))
    with open(target, "wb") as f:
        f.write(data)
    print(f"wrote {target} ({len(data):,} bytes)")


if __name__ == "__main__":
    sys.exit(main())
