"""Every character of the PDF is drawn: by a font of the PDF's stacks, or as a visible
replacement that names it.

A threat typed with an emoji, a name in Arabic or Chinese, a character no font has: the
PDF must show each, never an empty box. The fonts Pango falls back on
(``FONT_FAMILIES``: the stylesheet names DejaVu; the rest are found by fontconfig) cover
Latin, Greek and Cyrillic (DejaVu), Arabic,
Hebrew, Devanagari and the other scripts of Noto, Chinese, Japanese and Korean (Noto CJK),
emoji with their skin tones, flags and ZWJ sequences (Noto Color Emoji) and symbols
(Symbola), all Debian packages (``make pdf-libraries``). A character none of them has is
printed as ``[U+0378]`` or ``[U+E000 PRIVATE USE…]`` with its Unicode name: the PDF then
never uses glyph 0 (.notdef), which PDF/A forbids (ISO 19005-3, 6.2.11.8) and which
would hide evidence.
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
import unicodedata

from fontTools.ttLib import TTFont

# In the order they are looked at: a page of French text only ever opens the first; an
# emoji is found before the large CJK font is opened.
FONT_FAMILIES = (
    "DejaVu Serif",
    "DejaVu Sans",
    "DejaVu Sans Mono",
    "Noto Color Emoji",
    "Symbola",
    "Noto Sans",
    "Noto Sans Arabic",
    "Noto Sans Hebrew",
    "Noto Sans Devanagari",
    "Noto Sans Bengali",
    "Noto Sans Tamil",
    "Noto Sans Thai",
    "Noto Sans Armenian",
    "Noto Sans Georgian",
    "Noto Sans Ethiopic",
    "Noto Sans CJK JP",
)

# Drawn by no glyph, whatever the font: line breaks, tabs, joiners, variation selectors,
# bidirectional controls, tags (the parts of a subdivision flag).
INVISIBLE_CATEGORIES = {"Cc", "Cf", "Zl", "Zp"}
VARIATION_SELECTORS = (range(0xFE00, 0xFE10), range(0xE0100, 0xE01F0))

OUTSIDE_ASCII = re.compile(r"[^\x00-\x7f]")


@functools.cache
def font_files() -> dict[str, tuple[str, int]]:
    """Each installed family's regular face: its file and index, as fontconfig knows them
    (one call to ``fc-list``, the list Pango falls back on)."""
    fc_list = shutil.which("fc-list") or "/usr/bin/fc-list"
    # Our own constants as arguments, no shell: nothing of a user's reaches it.
    listed = subprocess.run(  # noqa: S603
        [fc_list, "--format=%{family[0]}|%{style[0]}|%{file}|%{index}\n"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    files: dict[str, tuple[str, int]] = {}
    for line in listed.splitlines():
        family, style, path, index = line.rsplit("|", 3) if line.count("|") >= 3 else ("",) * 4
        if family and (family not in files or style in ("Regular", "Book")):
            files[family] = (path, int(index or 0))
    return files


@functools.cache
def code_points(family: str) -> frozenset[int]:
    """What one family draws (its cmap), read the first time it is asked about."""
    found = font_files().get(family)
    if found is None:
        return frozenset()
    font = TTFont(found[0], fontNumber=found[1], lazy=True)
    try:
        return frozenset(font.getBestCmap() or {})
    finally:
        font.close()


def drawn(char: str) -> bool:
    point = ord(char)
    if unicodedata.category(char) in INVISIBLE_CATEGORIES:
        return True
    if any(point in selectors for selectors in VARIATION_SELECTORS):
        return True
    return any(point in code_points(family) for family in FONT_FAMILIES)


def replacement(char: str) -> str:
    """What is printed for a character no font draws: its code point and its name."""
    name = unicodedata.name(char, "")
    return f"[U+{ord(char):04X}{' ' + name if name else ''}]"


def printable(html: str) -> str:
    """``html`` with every character no font of the stacks draws replaced by its name.

    Only text the template engine escaped can hold such a character (the markup and our
    own words are ASCII or French), so the whole page is scanned at once."""
    memo: dict[str, str] = {}

    def replace(match: re.Match[str]) -> str:
        char = match.group(0)
        if char not in memo:
            memo[char] = char if drawn(char) else replacement(char)
        return memo[char]

    return OUTSIDE_ASCII.sub(replace, html)
