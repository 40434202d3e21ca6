"""AppTest: the language comes from the link (?lang=zh), the sidebar switch changes it, an unknown
value reads as English, and the choice holds on the next page."""
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dlplay import i18n
from dlplay.topics import TOPICS

ROOT = Path(__file__).resolve().parents[2]
HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def chinese_catalog():
    """Translations as the app shows them in Chinese (for the expected titles)."""
    return i18n.catalog("zh").gettext


def app(lang: str | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    if lang is not None:
        at.query_params["lang"] = lang
    return at.run()


def rerun_app(at: AppTest) -> AppTest:
    """Rerun from app.py, as a browser's rerun does (sidebar and language included): after its first
    run, AppTest 1.67 reruns only the page script of an st.navigation app."""
    at._page_hash = at._finished_page_script_hash = None
    return at.run()


def switch(at: AppTest):
    return next(w for w in at.sidebar.get("button_group") if w.key == "lang")


def navigation_titles(at: AppTest) -> dict[str, str]:
    """url path -> the title the sidebar navigation shows (AppTest keeps st.navigation's registry)."""
    return {info.get("url_pathname") or "home": info["page_name"] for info in at._registered_pages.values()}


def test_home_from_a_chinese_link_reads_chinese(chinese_catalog):
    at = app("zh")
    assert not at.exception
    assert at.title[0].value == "🧠 " + chinese_catalog("DL Playground") and HAN.search(at.title[0].value)
    assert HAN.search(at.markdown[0].value)
    links = {p.proto.page: p.proto.label for p in at.get("page_link")}
    nav = navigation_titles(at)
    assert nav["home"] == "从这里开始" and nav["about"] == chinese_catalog("About and limits")
    for t in TOPICS:
        title = chinese_catalog(t.title)
        assert HAN.search(title), f"{t.slug}: no Chinese title"
        assert nav[t.slug] == title
        assert title in links[t.slug]
    captions = " ".join(c.value for c in at.sidebar.caption)
    assert "预测" in captions and "Predictions" not in captions
    assert at.query_params.get("lang") in ("zh", ["zh"])


def test_the_switch_sits_in_the_sidebar_and_changes_the_language():
    at = app()
    lang = switch(at)
    assert lang.options == ["English", "中文"] and lang.value == "en"
    assert at.title[0].value == "🧠 DL Playground"
    lang.set_value("zh")
    rerun_app(at)
    assert not at.exception
    assert switch(at).value == "zh"
    assert HAN.search(at.title[0].value)
    assert at.query_params.get("lang") in ("zh", ["zh"])  # a copied link opens in Chinese too


def test_an_unknown_language_reads_as_english():
    for value in ("xx", "ZH-hans; drop table", ""):
        at = app(value)
        assert not at.exception
        assert at.title[0].value == "🧠 DL Playground", value
        assert not any(HAN.search(m.value) for m in at.markdown), value
        assert switch(at).value == "en"


def test_the_language_holds_on_the_next_page(chinese_catalog):
    at = app("zh")
    at.switch_page("pages/about.py").run()
    assert not at.exception
    assert at.title[0].value == chinese_catalog("About DL Playground") and HAN.search(at.title[0].value)
    tables = " ".join(m.value for m in at.markdown if m.value.startswith("|"))
    assert "| 限制 | 值 |" in tables and "| limit |" not in tables
    assert HAN.search(" ".join(m.value for m in at.markdown[:2]))
