"""Text in pictures: Chinese is drawn with a CJK font found on disk, and without one the labels
stay English instead of turning into empty boxes."""
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

from dlplay import i18n
from dlplay.ui import fonts

NOTO = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
needs_cjk_font = pytest.mark.skipif(fonts.cjk_font_file() is None,
                                    reason="no CJK font here: install fonts-noto-cjk (CI and the Docker image do)")


@pytest.fixture
def language():
    def use(code):
        i18n.set_source(lambda: code, lambda: set())
    yield use
    i18n.set_source(lambda: i18n.DEFAULT, lambda: set())


@pytest.fixture
def no_cjk_font(monkeypatch):
    """A machine without any CJK font: none of the usual places, nothing from fontconfig."""
    monkeypatch.setattr(fonts, "CANDIDATES", (DEJAVU,))
    monkeypatch.setattr(fonts, "_fontconfig_files", lambda: [])
    fonts.cjk_font_file.cache_clear()
    yield
    fonts.cjk_font_file.cache_clear()


def ink(text: str, font) -> np.ndarray:
    im = Image.new("L", (200, 40))
    ImageDraw.Draw(im).text((4, 4), text, fill=255, font=font)
    return np.asarray(im)


@needs_cjk_font
def test_the_cjk_font_draws_distinct_chinese_characters():
    font = fonts.cjk_font(20)
    a, b = ink("撤销", font), ink("清空", font)
    assert a.sum() > 0 and b.sum() > 0 and not np.array_equal(a, b)
    assert fonts.cjk_font(20) is font  # one font object per size, not a file read per picture


@needs_cjk_font
@pytest.mark.skipif(not Path(NOTO).is_file(), reason="Debian's Noto CJK collection is not here")
def test_a_collection_gives_its_simplified_chinese_face():
    index = fonts._best_face(NOTO)
    from PIL import ImageFont
    assert "SC" in ImageFont.truetype(NOTO, 12, index=index).getname()[0]


@pytest.mark.skipif(not Path(DEJAVU).is_file(), reason="no DejaVu font to stand for a Latin-only font")
def test_a_font_without_chinese_is_not_taken(no_cjk_font):
    assert fonts._best_face(DEJAVU) is None
    assert fonts.cjk_font_file() is None and fonts.cjk_font(14) is None


@needs_cjk_font
def test_labels_are_chinese_with_the_cjk_font_when_the_reader_reads_chinese(language):
    language("zh")
    text, font = fonts.label("Undo", 14)
    assert text == "撤销" and font is fonts.cjk_font(14)
    assert fonts.label("Download {file}", 14, file="a.onnx")[0] == "下载 a.onnx"
    assert fonts.font(14) is fonts.cjk_font(14)


def test_labels_stay_english_in_english(language):
    language("en")
    text, font = fonts.label("Download {file}", 14, file="a.onnx")
    assert text == "Download a.onnx" and font is not fonts.cjk_font(14)
    assert not fonts.chinese_pictures()


def test_without_a_cjk_font_chinese_readers_get_english_labels_not_boxes(language, no_cjk_font):
    language("zh")
    assert not fonts.chinese_pictures()
    text, font = fonts.label("Undo", 14)
    assert text == "Undo" and fonts.font(14) is font
    assert ink(text, font).sum() > 0
