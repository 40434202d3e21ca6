"""Fonts for text drawn into pictures with PIL, in the reader's language.

PIL draws a character only if the font file it is given has it: its built-in font has no Chinese,
and a picture labelled in Chinese with it shows empty boxes. A CJK font has to be found on disk
(Debian's fonts-noto-cjk, which CI and the Docker image install); without one, pictures keep their
English labels. Pages never pick a font themselves: they ask `label()` for the words and the font
that draws them, or `font()` for text that is already in the reader's language.
"""
from __future__ import annotations

import functools
import shutil
import subprocess

from PIL import Image, ImageDraw, ImageFont

from dlplay import i18n

# Where common systems keep a font with Simplified Chinese, most likely first. Anything else
# fontconfig knows (`fc-list :lang=zh`) is found too, more slowly, once per process.
CANDIDATES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",  # Debian, Ubuntu: fonts-noto-cjk
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",  # Arch
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",  # Fedora
    "/usr/share/fonts/noto/NotoSansCJK-Regular.ttc",  # Alpine
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",  # Debian, Ubuntu: fonts-wqy-microhei
    "/System/Library/Fonts/PingFang.ttc",  # macOS
    "C:/Windows/Fonts/msyh.ttc",  # Windows: Microsoft YaHei
)
# A font collection holds the same design for several regions; the Simplified Chinese face draws
# characters the way mainland textbooks print them (a Japanese face differs in some strokes).
_PREFERRED_FACE = ("SC", "GB", "Simplified", "Hei")
_MAX_FACES = 16
PROBE = "中文"  # characters a CJK font must have


def _fontconfig_files() -> list[str]:
    if shutil.which("fc-list") is None:
        return []
    try:
        out = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True, text=True, timeout=5).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    files = [line.split(":")[0].strip() for line in out.splitlines() if line.strip()]
    # Sans faces read better at label sizes than serif ones; regular before bold.
    return sorted(files, key=lambda f: ("Serif" in f, "Bold" in f, f))


def _draws_chinese(font: ImageFont.FreeTypeFont) -> bool:
    """Whether the font has glyphs for PROBE (a missing glyph is drawn as the font's empty box,
    the same shape for every character, so two different characters that look alike mean none)."""
    masks = []
    for ch in PROBE:
        im = Image.new("L", (24, 24))
        ImageDraw.Draw(im).text((2, 2), ch, fill=255, font=font)
        masks.append(im.tobytes())
    return all(any(m) for m in masks) and masks[0] != masks[1]


def _best_face(path: str) -> int | None:
    """The index of the face to use in a font file (a .ttc holds several); None when the file is no
    font PIL can read or has no Chinese."""
    faces = []
    for index in range(_MAX_FACES):
        try:
            font = ImageFont.truetype(path, 16, index=index)
        except OSError:
            break
        faces.append((index, " ".join(font.getname())))
        if not path.lower().endswith((".ttc", ".otc")):
            break
    for index, name in sorted(faces, key=lambda f: not any(tag in f[1] for tag in _PREFERRED_FACE)):
        if _draws_chinese(ImageFont.truetype(path, 16, index=index)):
            return index
    return None


@functools.lru_cache(maxsize=1)
def cjk_font_file() -> tuple[str, int] | None:
    """(path, face index) of a font that draws Chinese, or None when this machine has none."""
    seen = set()
    for path in (*CANDIDATES, *_fontconfig_files()):
        if path in seen:
            continue
        seen.add(path)
        try:
            index = _best_face(path)
        except OSError:
            continue
        if index is not None:
            return path, index
    return None


@functools.lru_cache(maxsize=32)
def _cjk(size: int, found: tuple[str, int]) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(found[0], size, index=found[1])


def cjk_font(size: int) -> ImageFont.FreeTypeFont | None:
    """A font of `size` pixels that draws Chinese (and Latin), or None when no CJK font is installed."""
    found = cjk_font_file()
    return _cjk(int(size), found) if found is not None else None


@functools.lru_cache(maxsize=32)
def _default(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.load_default(size)


def chinese_pictures() -> bool:
    """Whether pictures are labelled in Chinese now: the reader reads Chinese and a CJK font exists."""
    return i18n.language() == "zh" and cjk_font_file() is not None


def font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """The font for text already in the reader's language: the CJK font while labels are Chinese,
    PIL's own scalable font otherwise."""
    return cjk_font(size) if chinese_pictures() else _default(int(size))


def label(english: str, size: int, **values) -> tuple[str, ImageFont.FreeTypeFont | ImageFont.ImageFont]:
    """(text, font) for a label in a picture: `english` (a msgid, marked with N_ where it is written)
    translated and formatted with `values`, and a font that draws it. In Chinese without a CJK font,
    the English text: a learner reads English rather than a row of empty boxes."""
    if chinese_pictures():
        return i18n._(english).format(**values), cjk_font(size)
    return english.format(**values), _default(int(size))
