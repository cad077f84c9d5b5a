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

FONT_FAMILIES = (
    "DejaVu Serif",
    "DejaVu Sans",
    "DejaVu Sans Mono",
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
    "Noto Color Emoji",
    "Symbola",
)

# Drawn by no glyph, whatever the font: line breaks, tabs, joiners, variation selectors,
# bidirectional controls, tags (the parts of a subdivision flag).
INVISIBLE_CATEGORIES = {"Cc", "Cf", "Zl", "Zp"}
VARIATION_SELECTORS = (range(0xFE00, 0xFE10), range(0xE0100, 0xE01F0))

OUTSIDE_ASCII = re.compile(r"[^\x00-\x7f]")


@functools.cache
def covered() -> frozenset[int]:
    """The code points some font of the stacks draws (read once per process)."""
    points: set[int] = set()
    fc_match = shutil.which("fc-match") or "/usr/bin/fc-match"  # fontconfig, as Pango uses
    for family in FONT_FAMILIES:
        # Our own constants as arguments, no shell: nothing of a user's reaches it.
        found = subprocess.run(  # noqa: S603
            [fc_match, "--format=%{file}|%{index}", family],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        path, _bar, index = found.partition("|")
        font = TTFont(path, fontNumber=int(index or 0), lazy=True)
        try:
            points.update(font.getBestCmap() or {})
        finally:
            font.close()
    return frozenset(points)


def drawn(char: str) -> bool:
    point = ord(char)
    if point in covered() or unicodedata.category(char) in INVISIBLE_CATEGORIES:
        return True
    return any(point in selectors for selectors in VARIATION_SELECTORS)


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
