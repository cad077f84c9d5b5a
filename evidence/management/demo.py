"""Realistic demo material for training sessions, demos and benchmarks.

Everything here is invented: the names, the handles and the messages. The screenshots
look like a phone conversation (1170×2532, the size of a recent iPhone screenshot).
"""

import datetime
import io
import random

from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont

from evidence.models import Platform

WIDTH, HEIGHT = 1170, 2532
FONT_PATHS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
)

AUTHORS = [
    ("Lucas M.", "@lucas.mrtn_08"),
    ("kev_du_93", "@kev_du_93"),
    ("Inès", "@ines.bzh"),
    ("compte_anonyme_4521", "@compte_anonyme_4521"),
    ("Tom R.", "@tomr_officiel"),
]

HOSTILE_LINES = [
    "t'es vraiment pathétique",
    "tout le monde se moque de toi au collège",
    "personne veut de toi dans le groupe",
    "on va tous mettre ta photo en story",
    "fais gaffe demain à la sortie",
    "t'as vu ce qu'on a écrit sur toi ?",
    "supprime ton compte ça vaudra mieux",
    "même tes potes te supportent plus",
    "on a créé un groupe rien que pour parler de toi",
    "t'es trop nul(le) arrête de venir en cours",
]
VICTIM_LINES = [
    "arrête stp",
    "pourquoi tu fais ça ?",
    "laisse moi tranquille",
    "je vais le dire à la CPE",
]

PLATFORMS = [
    Platform.SNAPCHAT,
    Platform.INSTAGRAM,
    Platform.TIKTOK,
    Platform.WHATSAPP,
    Platform.DISCORD,
    Platform.SMS,
]


def _font(size):
    for path in FONT_PATHS:
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)


def _wrap(draw, text, font, width):
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if draw.textlength(candidate, font=font) <= width:
            line = candidate
        else:
            lines.append(line)
            line = word
    lines.append(line)
    return lines


def conversation_screenshot(rng, *, author, handle, when):
    """A PNG that looks like a chat screenshot: status bar, header, bubbles, times."""
    image = Image.new("RGB", (WIDTH, HEIGHT), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    small, body, title = _font(38), _font(46), _font(52)
    draw.text((60, 40), when.strftime("%H:%M"), font=small, fill=(0, 0, 0))
    draw.rectangle((1000, 50, 1100, 90), outline=(0, 0, 0), width=4)
    draw.rectangle((1006, 56, 1006 + rng.randint(20, 88), 84), fill=(0, 0, 0))
    draw.rectangle((0, 130, WIDTH, 330), fill=(246, 246, 248))
    draw.ellipse((60, 170, 180, 290), fill=(rng.randint(60, 200), 120, 180))
    draw.text((210, 175), author, font=title, fill=(0, 0, 0))
    draw.text((210, 240), handle, font=small, fill=(110, 110, 115))
    y = 380
    draw.text(
        (WIDTH // 2 - 180, y), when.strftime("%d/%m/%Y %H:%M"), font=small, fill=(130, 130, 135)
    )
    y += 90
    minute = when
    while y < HEIGHT - 400:
        mine = rng.random() < 0.25
        text = rng.choice(VICTIM_LINES if mine else HOSTILE_LINES)
        lines = _wrap(draw, text, body, 700)
        height = 40 + 62 * len(lines)
        width = max(draw.textlength(line, font=body) for line in lines) + 60
        x = WIDTH - 60 - width if mine else 60
        colour = (0, 122, 255) if mine else (233, 233, 235)
        draw.rounded_rectangle((x, y, x + width, y + height), radius=40, fill=colour)
        for index, line in enumerate(lines):
            draw.text(
                (x + 30, y + 20 + 62 * index),
                line,
                font=body,
                fill=(255, 255, 255) if mine else (0, 0, 0),
            )
        minute += datetime.timedelta(minutes=rng.randint(0, 3))
        draw.text(
            (x + 10 if not mine else x + width - 120, y + height + 8),
            minute.strftime("%H:%M"),
            font=_font(30),
            fill=(140, 140, 145),
        )
        y += height + 70
    draw.rounded_rectangle(
        (40, HEIGHT - 250, WIDTH - 40, HEIGHT - 130), radius=60, outline=(200, 200, 205), width=4
    )
    draw.text((90, HEIGHT - 215), "Message…", font=body, fill=(160, 160, 165))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def demo_items(count, *, seed=2026, today=None, screenshots_only=False):
    """Yield ``count`` demo exhibits as dicts: kind, details, and data or text."""
    rng = random.Random(seed)  # noqa: S311 -- invented demo content, not secrets
    today = today or timezone.localdate()
    start = today - datetime.timedelta(days=max(count, 60))
    for index in range(count):
        author, handle = rng.choice(AUTHORS)
        platform = PLATFORMS[index % len(PLATFORMS)]
        day = start + datetime.timedelta(days=(index * max(count, 60)) // max(count, 1))
        when = datetime.datetime.combine(day, datetime.time(rng.randint(7, 23), rng.randint(0, 59)))
        details = {
            "occurred_on": day,
            "occurred_time": when.time().replace(second=0),
            "platform": platform,
            "platform_other": "",
            "author_name": f"{author} ({handle})",
            "author_profile_url": f"https://www.instagram.com/{handle[1:]}/"
            if platform == Platform.INSTAGRAM
            else "",
            "content_url": "",
            "description": "",
        }
        roll = 0 if screenshots_only else index % 10
        if roll in (3, 8):
            details["description"] = "Message recopié depuis la conversation."
            yield {
                "kind": "message",
                "details": details,
                "text": "\n".join(rng.sample(HOSTILE_LINES, 3)),
            }
        elif roll == 6:
            details["content_url"] = (
                f"https://www.tiktok.com/{handle}/video/{rng.randint(10**18, 10**19)}"
            )
            details["platform"] = Platform.TIKTOK
            details["description"] = "Vidéo publique qui se moque de moi, vue par toute la classe."
            yield {"kind": "link", "details": details}
        else:
            details["description"] = "Capture d'écran de la conversation."
            yield {
                "kind": "image",
                "details": details,
                "data": conversation_screenshot(rng, author=author, handle=handle, when=when),
                "name": f"IMG_{4000 + index}.PNG",
            }
