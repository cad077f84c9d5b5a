"""The complaint PDF prints every character of the evidence: emoji (skin tones, flags,
ZWJ sequences), Arabic, Hebrew, Chinese, Japanese, Korean, Devanagari; a character no
font has as its visible name, never glyph 0 (.notdef); blank lines, tabs and runs of
spaces as typed; and each message rides inside the PDF as the exact bytes it is hashed
from. Read back from the real PDF with pypdf and poppler's pdftotext and pdffonts."""

import hashlib
import io
import re
import subprocess

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream

from evidence.models import Platform
from evidence.pdf.glyphs import printable
from evidence.pdf.render import render_complaint_pdf
from tests.evidence.factories import add_image, add_message, make_complaint, make_dossier, make_user

pytestmark = pytest.mark.django_db

# The emoji most used in messages (Unicode's frequency list, 2021), then skin tones,
# flags (regional indicators and a subdivision tag sequence) and ZWJ sequences.
MOST_USED = (
    "😂❤️🤣👍😭🙏😘🥰😍😊🎉😁💕🥺😅🔥☺️🤦♥️🤷🙄😆🤗😉🎂🤔👏🙂😳🥳😎👌💜😔💪✨💖👀😋😏😢"
    "👉💗😩💯🌹💞🎈💙😃😡💐😜🙈🤞😄🤤🙌🤪❣️😀💋💀👇💔😌💓🤩🙃😬😱😴🤭😐🌞😒😇🌸😈🎶✌️"
    "🎊🥵😞💚☀️🖤💰😚👑🎁💥🙋☹️😑🥴👈💩✅👋🤮😤🤢🌟❗😥🌈💛😝😫😲🔪"
)
SEQUENCES = (
    "👍🏽",
    "🙏🏿",
    "🤦🏻‍♀️",
    "👨‍👩‍👧",
    "🏳️‍🌈",
    "❤️‍🔥",
    "🧑🏾‍💻",
    "🇫🇷",
    "🇩🇿",
    "🇺🇦",
    "🏴󠁧󠁢󠁳󠁣󠁴󠁿",
)
SCRIPTS = (
    "مرحبا، سأجدك",  # Arabic
    "שלום, אני אמצא אותך",  # Hebrew
    "我知道你住在哪里",  # Chinese
    "お前の家を知ってる",  # Japanese
    "너 어디 사는지 알아",  # Korean
    "मैं तुम्हें ढूंढ लूंगा",  # Devanagari
    "Я тебя найду",  # Cyrillic
)
NO_FONT = "\u0378"  # unassigned: no font of any system has it
MESSAGE = (
    "je vais te 🔪\n"
    "\n"
    "\tligne après une ligne vide et une tabulation\n"
    "  deux espaces  au début et au milieu\n"
    + MOST_USED
    + "\n"
    + " ".join(SEQUENCES)
    + "\n"
    + "\n".join(SCRIPTS)
    + f"\nhors de toute police : {NO_FONT}"
)


@pytest.fixture
def pdf(django_user_model):
    dossier = make_dossier(make_user(django_user_model, "alice"))
    add_image(dossier)
    message = add_message(dossier, MESSAGE, platform=Platform.WHATSAPP)
    make_complaint(dossier)
    return {"data": render_complaint_pdf(dossier), "message": message}


def text_of(data, *options):
    return subprocess.run(
        ["pdftotext", *options, "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()


def glyph_codes(reader):
    """Every glyph a page draws, as (font name, CID), read from its content stream."""
    for page in reader.pages:
        fonts = page["/Resources"]["/Font"]
        maps = {name: code_to_cid(font.get_object()) for name, font in fonts.items()}
        font = None
        for operands, operator in ContentStream(page.get_contents(), reader).operations:
            if operator == b"Tf":
                font = operands[0]
            elif operator in (b"Tj", b"'", b'"'):
                yield from ((font, cid) for cid in maps[font](operands[-1]))
            elif operator == b"TJ":
                for part in operands[0]:
                    if not isinstance(part, int | float):
                        yield from ((font, cid) for cid in maps[font](part))


def code_to_cid(font):
    """Two-byte codes to CIDs (WeasyPrint's fonts are Type0 with an Identity CIDToGIDMap,
    so a CID is a glyph id): Identity-H, or a CMap of its own with cidchar/cidrange."""
    encoding = font["/Encoding"]
    table = None
    if not isinstance(encoding, str) or encoding != "/Identity-H":
        cmap = encoding.get_object().get_data().decode("latin-1")
        table = {}
        for first, last, cid in re.findall(r"<([0-9a-f]+)>\s*<([0-9a-f]+)>\s*(\d+)", cmap):
            for offset in range(int(last, 16) - int(first, 16) + 1):
                table[int(first, 16) + offset] = int(cid) + offset
        for code, cid in re.findall(r"^<([0-9a-f]+)>\s+(\d+)$", cmap, re.MULTILINE):
            table[int(code, 16)] = int(cid)

    def cids(string):
        raw = bytes(string.original_bytes if hasattr(string, "original_bytes") else string)
        codes = [int.from_bytes(raw[i : i + 2], "big") for i in range(0, len(raw), 2)]
        return codes if table is None else [table.get(code, 0) for code in codes]

    return cids


def test_every_character_is_drawn_and_reads_back_never_as_the_empty_box(pdf):
    reader = PdfReader(io.BytesIO(pdf["data"]))
    drawn = list(glyph_codes(reader))
    assert len(drawn) > 2000
    assert [font for font, cid in drawn if cid == 0] == []

    fonts = subprocess.run(
        ["pdffonts", "-"], input=pdf["data"], capture_output=True, check=True
    ).stdout.decode()
    for family in ("Noto-Color-Emoji", "Noto-Sans-CJK", "Noto-Sans-Hebrew", "Devanagari"):
        assert family in fonts
    extracted = re.sub(r"\s", "", text_of(pdf["data"]))
    for sequence in (*SEQUENCES, *re.findall(r".\ufe0f?", MOST_USED)):
        assert sequence.replace("\ufe0f", "") in extracted.replace("\ufe0f", ""), sequence
    for line in SCRIPTS:
        if line.startswith(("مرحبا", "שלום")):
            continue  # right to left: pdftotext gives them in visual order
        assert re.sub(r"\s", "", line) in extracted, line
    assert "horsdetoutepolice:[U+0378]" in extracted


def test_a_character_no_font_has_is_named():
    assert printable("a\u0378b\ue000") == "a[U+0378]b[U+E000]"
    assert printable("é 🔪 \u200d\ufe0f") == "é 🔪 \u200d\ufe0f"  # drawn, or drawn by none


def word_boxes(data):
    """{word: (left, top, right)} of the message's first words, from pdftotext's boxes."""
    boxes = text_of(data, "-bbox")
    found = re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)"[^>]*>([^<]*)<', boxes
    )
    words = [word for *_box, word in found]
    start = next(i for i in range(len(words)) if words[i : i + 3] == ["je", "vais", "te"])
    first = {}
    for left, top, right, word in found[start : start + 20]:
        first.setdefault(word, (float(left), float(top), float(right)))
    return first


def test_blank_lines_tabs_and_spaces_are_kept(pdf):
    at = word_boxes(pdf["data"])
    je, ligne, deux, espaces, au = at["je"], at["ligne"], at["deux"], at["espaces"], at["au"]
    column = (espaces[2] - espaces[0]) / len("espaces")  # a monospaced font
    line = deux[1] - ligne[1]
    assert ligne[1] - je[1] > 1.7 * line  # the blank line keeps its height
    assert ligne[0] - je[0] == pytest.approx(4 * column, abs=1.2)  # the tab, 4 columns
    assert deux[0] - je[0] == pytest.approx(2 * column, abs=1.2)  # two spaces at the start
    assert espaces[0] - deux[2] == pytest.approx(column, abs=1.2)
    assert au[0] - espaces[2] == pytest.approx(2 * column, abs=1.2)  # two in the middle


def test_the_message_rides_inside_as_the_bytes_its_hash_is_of(pdf):
    reader = PdfReader(io.BytesIO(pdf["data"]))
    message = pdf["message"]
    ((name, (data,)),) = [
        (name, files) for name, files in reader.attachments.items() if name.endswith(".txt")
    ]
    assert data == MESSAGE.encode("utf-8")
    assert hashlib.sha256(data).hexdigest() == message.sha256
    assert message.sha256 in text_of(pdf["data"])
    assert name in text_of(pdf["data"]).replace("\n", "")


def test_directional_controls_in_a_description_cannot_turn_our_words_around(django_user_model):
    dossier = make_dossier(make_user(django_user_model, "alice"))
    add_image(dossier, description="capture \u202eNOITPIRCSED", author_name="\u202e@lanimirc")
    make_complaint(dossier)
    text = text_of(render_complaint_pdf(dossier))
    assert "\u202e" not in text
    assert "Reçue par le service le :" in text and "SHA-256 :" in text  # our words read as written
    assert "capture NOITPIRCSED" in text and "@lanimirc" in text
