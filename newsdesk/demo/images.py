"""Artwork for the demo publication, drawn with Pillow alone: article illustrations, portraits, a logo."""

from __future__ import annotations

import io
import math
import random

from PIL import Image, ImageDraw, ImageFont

MOTIFS = ("waves", "grid", "circles", "bars", "peaks", "rays")
_SCALE = 2  # shapes are drawn at twice the size and scaled down, which smooths their edges

RGB = tuple[int, int, int]


def _rgb(color: str) -> RGB:
    value = color.lstrip("#")
    if len(value) != 6:
        raise ValueError(f"expected a colour like '#1f4e79', got {color!r}")
    return (int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16))


def _mix(a: RGB, b: RGB, t: float) -> RGB:
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b))  # type: ignore[return-value]


def _gradient(size: tuple[int, int], top: RGB, bottom: RGB, angle: float = 0) -> Image.Image:
    """A linear gradient from `top` to `bottom`, tilted by `angle` degrees."""
    side = math.ceil(math.hypot(*size))
    mask = Image.linear_gradient("L").resize((side, side)).rotate(angle, resample=Image.BICUBIC)
    left, upper = (side - size[0]) // 2, (side - size[1]) // 2
    mask = mask.crop((left, upper, left + size[0], upper + size[1]))
    return Image.composite(Image.new("RGB", size, bottom), Image.new("RGB", size, top), mask)


def _jpeg(image: Image.Image, quality: int = 82) -> bytes:
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, "JPEG", quality=quality, optimize=True, progressive=True)
    return buffer.getvalue()


def _waves(draw: ImageDraw.ImageDraw, w: int, h: int, rng: random.Random, colors: list[RGB]) -> None:
    layers = rng.randint(4, 6)
    for i in range(layers):
        base = h * (0.35 + 0.55 * i / layers)
        amp, freq, phase = h * rng.uniform(0.03, 0.08), rng.uniform(1.0, 2.6), rng.uniform(0, math.tau)
        points = [(x, base + amp * math.sin(phase + freq * math.tau * x / w)) for x in range(0, w + 17, 16)]
        draw.polygon([*points, (w, h), (0, h)], fill=(*colors[i % len(colors)], 70 + 25 * i))


def _grid(draw: ImageDraw.ImageDraw, w: int, h: int, rng: random.Random, colors: list[RGB]) -> None:
    rows = rng.randint(6, 9)
    cell = h // rows
    gap, left = cell // 10, (w % cell) // 2
    for y in range((h - rows * cell) // 2, h - cell + 1, cell):
        for x in range(left, w - cell + 1, cell):
            roll = rng.random()
            box = (x + gap, y + gap, x + cell - gap, y + cell - gap)
            if roll < 0.22:
                draw.rectangle(box, fill=(*rng.choice(colors), rng.randint(90, 200)))
            elif roll < 0.32:
                draw.ellipse(box, fill=(*rng.choice(colors), rng.randint(90, 180)))
            else:
                draw.rectangle(box, outline=(*colors[-1], 40), width=max(2, gap // 3))


def _circles(draw: ImageDraw.ImageDraw, w: int, h: int, rng: random.Random, colors: list[RGB]) -> None:
    for _ in range(rng.randint(7, 11)):
        r = h * rng.uniform(0.08, 0.42)
        cx, cy = rng.uniform(0, w), rng.uniform(0, h)
        box = (cx - r, cy - r, cx + r, cy + r)
        if rng.random() < 0.6:
            draw.ellipse(box, fill=(*rng.choice(colors), rng.randint(50, 120)))
        else:
            draw.ellipse(box, outline=(*rng.choice(colors), 150), width=max(4, h // 120))


def _bars(draw: ImageDraw.ImageDraw, w: int, h: int, rng: random.Random, colors: list[RGB]) -> None:
    count = rng.randint(14, 22)
    step = w / count
    height = rng.uniform(0.3, 0.6)
    for i in range(count):
        height = min(0.85, max(0.12, height + rng.uniform(-0.14, 0.16)))
        x = i * step + step * 0.18
        draw.rectangle((x, h * (1 - height), x + step * 0.64, h), fill=(*colors[i % 2], 120 + (i % 3) * 30))
    draw.line((0, h * 0.995, w, h * 0.995), fill=(*colors[-1], 180), width=max(4, h // 150))


def _peaks(draw: ImageDraw.ImageDraw, w: int, h: int, rng: random.Random, colors: list[RGB]) -> None:
    ranges = rng.randint(3, 5)
    for i in range(ranges):
        base, roughness = h * (0.45 + 0.5 * i / ranges), h * rng.uniform(0.12, 0.28)
        x, points = 0.0, []
        while x <= w:
            points.append((x, base - rng.uniform(0.2, 1.0) * roughness))
            x += w * rng.uniform(0.06, 0.14)
        points.append((w, base - rng.uniform(0.2, 1.0) * roughness))
        t = i / (ranges - 1)  # distant ranges pale, nearer ones in the accent, the nearest darkest
        shade = _mix(colors[2], colors[0], 2 * t) if t <= 0.5 else _mix(colors[0], (20, 20, 20), (t - 0.5) * 0.8)
        draw.polygon([*points, (w, h), (0, h)], fill=(*shade, 150 + 25 * i))


def _rays(draw: ImageDraw.ImageDraw, w: int, h: int, rng: random.Random, colors: list[RGB]) -> None:
    cx, cy = w * rng.uniform(0.25, 0.75), h * rng.uniform(0.55, 0.9)
    count, reach = rng.choice((18, 24, 30)), math.hypot(w, h)
    offset = rng.uniform(0, math.tau)
    for i in range(0, count, 2):
        a, b = offset + math.tau * i / count, offset + math.tau * (i + 1) / count
        points = [(cx, cy), (cx + reach * math.cos(a), cy + reach * math.sin(a)),
                  (cx + reach * math.cos(b), cy + reach * math.sin(b))]
        draw.polygon(points, fill=(*colors[(i // 2) % 2], 55))
    for r, alpha in ((h * 0.22, 90), (h * 0.15, 230)):
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(*colors[0], alpha))


_DRAWERS = {"waves": _waves, "grid": _grid, "circles": _circles, "bars": _bars, "peaks": _peaks, "rays": _rays}


def illustration(*, palette: list[str], motif: str, seed: str, size: tuple[int, int] = (1600, 900)) -> bytes:
    """An abstract editorial illustration as JPEG bytes: a gradient in `palette` with `motif` drawn from `seed`."""
    if motif not in _DRAWERS:
        raise ValueError(f"unknown motif {motif!r}: choose one of {', '.join(MOTIFS)}")
    if len(palette) < 3:
        raise ValueError(f"a palette needs three colours (dark, accent, light), got {len(palette)}")
    dark, accent, light = (_rgb(c) for c in palette[:3])
    rng = random.Random(f"{motif}:{seed}")
    width, height = size
    image = _gradient(size, _mix(dark, accent, 0.25), dark, angle=rng.uniform(-25, 25)).convert("RGBA")
    layer = Image.new("RGBA", (width * _SCALE, height * _SCALE), (0, 0, 0, 0))
    colors = [accent, _mix(accent, light, 0.5), light]
    _DRAWERS[motif](ImageDraw.Draw(layer), width * _SCALE, height * _SCALE, rng, colors)
    image.alpha_composite(layer.resize(size, Image.LANCZOS))
    vignette = Image.radial_gradient("L").resize(size).point(lambda v: min(255, v) * 90 // 255)
    image.paste(Image.new("RGBA", size, (*dark, 255)), mask=vignette)
    return _jpeg(image)


def _initials(name: str) -> str:
    words = [w for w in name.replace("-", " ").split() if w[:1].isalpha()]
    return "".join(w[0].upper() for w in (words[:1] + words[-1:] if len(words) > 1 else words)) or "?"


def _font(size: int) -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
    return ImageFont.load_default(size=size)  # Pillow's built-in font: no font files needed


def _text(draw: ImageDraw.ImageDraw, xy: tuple[float, float], text: str, font, fill, *, center: bool, **kw) -> None:
    """Draw `text` centred on `xy` (or from its x), measuring it rather than using anchors, which bitmap fonts lack."""
    left, top, right, bottom = draw.textbbox((0, 0), text, font=font, **kw)
    x = xy[0] - (left + right) / 2 if center else xy[0] - left
    draw.text((x, xy[1] - (top + bottom) / 2), text, font=font, fill=fill, **kw)


def portrait(*, name: str, color: str, size: int = 400) -> bytes:
    """A square placeholder portrait as JPEG bytes: a head-and-shoulders silhouette and the initials of `name`."""
    base = _rgb(color)
    white = (255, 255, 255)
    big = size * _SCALE
    image = _gradient((big, big), _mix(base, white, 0.18), _mix(base, (0, 0, 0), 0.15))
    draw = ImageDraw.Draw(image)
    tone = _mix(base, white, 0.32)
    head = big * 0.17
    cx, cy = big / 2, big * 0.36
    draw.ellipse((cx - big * 0.36, big * 0.6, cx + big * 0.36, big * 1.3), fill=tone)
    draw.rectangle((cx - big * 0.07, cy + head * 0.6, cx + big * 0.07, big * 0.66), fill=tone)
    draw.ellipse((cx - head, cy - head * 1.12, cx + head, cy + head * 1.12), fill=tone)
    _text(draw, (cx, big * 0.84), _initials(name), _font(round(big * 0.17)), base, center=True,
          stroke_width=max(1, big // 240))
    return _jpeg(image.resize((size, size), Image.LANCZOS), quality=88)
