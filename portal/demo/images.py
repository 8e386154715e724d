"""Demo images: simple illustrations drawn with Pillow at seed time, so the home page and
/aanbod show offers with an image next to offers with the placeholder of their kind.

Each goes through the upload code (``offers.uploads.store``: checked, re-encoded, thumbnail)
like a provider's image. A row of ``offers.json`` names one with ``"image": {"scene": ...,
"alt": ...}``; the drawing is the same on every run.
"""

from __future__ import annotations

import io
import random
from collections.abc import Callable

from PIL import Image, ImageDraw

from portal.models import Attachment, Offer
from portal.offers.uploads import store

SIZE = (720, 480)
SKY, GRASS, WHITE, STEEL = "#cfe6f3", "#7fb069", "#ffffff", "#8a99a6"
Draw = ImageDraw.ImageDraw


def _sky(draw: Draw, ground: str = GRASS, horizon: int = 360) -> None:
    draw.rectangle((0, 0, SIZE[0], horizon), fill=SKY)
    draw.rectangle((0, horizon, SIZE[0], SIZE[1]), fill=ground)


def robot(draw: Draw) -> None:
    _sky(draw, ground="#e9d8a6", horizon=380)
    draw.rounded_rectangle((250, 150, 470, 330), radius=24, fill="#f28f3b", outline="#5b3a29", width=6)
    draw.rounded_rectangle((285, 70, 435, 160), radius=18, fill="#f6bd60", outline="#5b3a29", width=6)
    for x in (325, 395):
        draw.ellipse((x - 16, 100, x + 16, 132), fill=WHITE, outline="#5b3a29", width=4)
        draw.ellipse((x - 6, 110, x + 6, 122), fill="#5b3a29")
    draw.line((360, 70, 360, 35), fill="#5b3a29", width=6)
    draw.ellipse((348, 22, 372, 46), fill="#e63946")
    for x in (265, 415):
        draw.ellipse((x, 320, x + 50, 370), fill="#3d405b")


def wind(draw: Draw) -> None:
    _sky(draw)
    for x, scale in ((220, 1.0), (500, 0.7)):
        top = 360 - int(250 * scale)
        draw.polygon([(x - 8, 360), (x + 8, 360), (x + 4, top), (x - 4, top)], fill=WHITE, outline=STEEL)
        for end in ((x, top - int(130 * scale)), (x + int(115 * scale), top + int(65 * scale))):
            draw.line((x, top, *end), fill=WHITE, width=max(6, int(12 * scale)))
        draw.line(
            (x, top, x - int(115 * scale), top + int(65 * scale)), fill=WHITE, width=max(6, int(12 * scale))
        )
        draw.ellipse((x - 12, top - 12, x + 12, top + 12), fill=STEEL)


def welding(draw: Draw) -> None:
    draw.rectangle((0, 0, *SIZE), fill="#1d2433")
    draw.rectangle((120, 330, 600, 370), fill=STEEL, outline="#cfd8dc", width=3)
    draw.line((200, 330, 520, 330), fill="#ffb703", width=5)
    sparks = random.Random(7)  # the same sparks on every run
    for _ in range(90):
        angle_x, angle_y = sparks.uniform(-1, 1), sparks.uniform(-1, 0.1)
        length = sparks.uniform(30, 170)
        end = (360 + angle_x * length, 325 + angle_y * length)
        draw.line((360, 325, *end), fill=sparks.choice(["#ffb703", "#fb8500", "#ffe8a3"]), width=2)
    draw.ellipse((340, 305, 380, 345), fill="#fff3c4")


def greenhouse(draw: Draw) -> None:
    _sky(draw, ground="#9c6644", horizon=400)
    for x in range(60, 660, 150):
        draw.polygon(
            [(x, 400), (x, 230), (x + 75, 160), (x + 150, 230), (x + 150, 400)], fill="#e8f4f8", outline=STEEL
        )
        draw.line((x + 75, 160, x + 75, 400), fill=STEEL, width=2)
        for y in (300, 350):
            for dx in (25, 100):
                draw.ellipse((x + dx, y, x + dx + 26, y + 26), fill="#e63946")
                draw.line((x + dx + 13, y + 26, x + dx + 13, 400), fill="#2d6a4f", width=4)


def solar(draw: Draw) -> None:
    _sky(draw)
    draw.ellipse((560, 40, 660, 140), fill="#ffd166")
    draw.polygon([(80, 360), (200, 180), (560, 180), (680, 360)], fill="#bc4749")
    for row in range(3):
        for col in range(5):
            left = 210 + col * 68 - row * 28
            top = 200 + row * 50
            draw.polygon(
                [(left, top), (left + 60, top), (left + 40, top + 42), (left - 20, top + 42)],
                fill="#1d3557",
                outline="#a8dadc",
            )


def ship(draw: Draw) -> None:
    _sky(draw, ground="#457b9d", horizon=330)
    draw.polygon([(150, 290), (570, 290), (520, 360), (200, 360)], fill="#1d3557")
    draw.rectangle((300, 200, 440, 290), fill=WHITE, outline=STEEL, width=3)
    draw.rectangle((340, 150, 380, 200), fill="#e63946")
    for x in range(0, SIZE[0], 60):
        draw.arc((x, 370, x + 60, 400), start=180, end=360, fill=WHITE, width=3)


def circuit(draw: Draw) -> None:
    draw.rectangle((0, 0, *SIZE), fill="#f1faee")
    draw.rectangle((120, 140, 600, 380), outline="#264653", width=8)
    draw.rectangle((90, 220, 150, 300), fill="#2a9d8f", outline="#264653", width=4)
    draw.ellipse((320, 90, 400, 170), fill="#ffd166", outline="#264653", width=6)
    draw.line((500, 380, 560, 340), fill="#264653", width=8)


SCENES: dict[str, Callable[[Draw], None]] = {
    "robot": robot,
    "wind": wind,
    "welding": welding,
    "greenhouse": greenhouse,
    "solar": solar,
    "ship": ship,
    "circuit": circuit,
}


def drawing(scene: str) -> bytes:
    image = Image.new("RGB", SIZE, WHITE)
    SCENES[scene](ImageDraw.Draw(image))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=82)
    return out.getvalue()


def add_demo_image(offer: Offer, spec: dict) -> Attachment:
    """The row's illustration as the offer's first image (public, like an approved one)."""
    return store(offer, f"{spec['scene']}.jpg", drawing(spec["scene"]), spec["alt"])
