"""Colours that can be read: WCAG contrast between a text colour and its background.

A theme chooses its colours for its own widgets; on our list's cursor row, a muted source, an
accent unread mark or a highlighted match is drawn over the cursor's background, and in several
built-in themes some of those came out near 1.7:1. :func:`readable` keeps a colour that reaches
the 4.5:1 that WCAG asks of body text, else the first fallback that does, else black or white:
one of the two always does (at least 4.58:1, against the worst mid grey).
"""

from __future__ import annotations

from rich.color import Color

WCAG_AA = 4.5


def luminance(color: Color) -> float:
    """WCAG relative luminance, 0 (black) to 1 (white)."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = color.get_truecolor()
    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


def contrast(first: Color, second: Color) -> float:
    """The WCAG contrast ratio, 1 (none) to 21 (black on white)."""
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


_BLACK, _WHITE = Color.from_rgb(0, 0, 0), Color.from_rgb(255, 255, 255)


def readable(color: Color | None, background: Color, *fallbacks: Color | None) -> Color:
    """``color`` if it reads on ``background``, else the first fallback that does, else the
    better of black and white."""
    for candidate in (color, *fallbacks):
        if candidate is not None and contrast(candidate, background) >= WCAG_AA:
            return candidate
    return max((_BLACK, _WHITE), key=lambda plain: contrast(plain, background))
