"""Shared by the activation and optimizer page tests: open a page with a link's settings (or in Chinese, through
app.py, which reads the language), train to the end, tighten the server's limits, change one entry of a
parameter table."""
import dataclasses
import re
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

from dlplay import settings
from dlplay.params import Table

ROOT = Path(__file__).resolve().parents[2]
PAGES = ROOT / "pages"
HAN = re.compile(r"[\u4e00-\u9fff]")
TIGHT = {"MAX_EPOCHS": 3, "MAX_TRAIN_SAMPLES": 500, "MAX_WIDTH": 16, "MAX_DEPTH": 2}


def fresh(page: str, **query) -> AppTest:
    at = AppTest.from_file(str(PAGES / page), default_timeout=60)
    for k, v in query.items():
        at.query_params[k] = v
    return at.run()


def in_chinese(page: str, **query) -> AppTest:
    """`page` opened from a link with ?lang=zh (and `query`), as a browser opens it: app.py reads the language
    and the page draws itself. Set widgets through the link here: AppTest formats a widget's options for
    set_value() outside the session, in English, and then cannot find them among the Chinese ones."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = "zh"
    at.run().switch_page(f"pages/{page}")
    for k, v in query.items():  # the home page's link kept only the app's own settings
        at.query_params[k] = v
    return at.run()


def english_words(text: str) -> list[str]:
    """Runs of three or more English words: what is left untranslated in a Chinese page's prose."""
    return re.findall(r"[A-Za-z]{3,}(?:[ ,'-]+[A-Za-z]{3,}){2,}", text)


def reads_chinese(page: str, title: str, headers: int, first_use: str, **query) -> AppTest:
    """Open `page` in Chinese and check what every page must show: no exception, its title, `headers`
    headings in Chinese, the intro naming a glossary term with its English (`first_use`) and no English
    sentence left in the prose (text, captions and messages)."""
    at = in_chinese(page, **query)
    assert not at.exception
    assert at.title[0].value == title
    shown = [h.value for h in at.header]
    assert len(shown) == headers and all(HAN.search(h) for h in shown), shown
    assert first_use in at.markdown[0].value
    prose = " ".join(texts(at.get(kind)) for kind in ("markdown", "caption", "info", "warning", "error", "success"))
    assert not english_words(prose), english_words(prose)
    return at


def texts(elements) -> str:
    return " ".join(e.value for e in elements)


def tighten(monkeypatch) -> None:
    """The limits a small host might set (DLPLAY_MAX_EPOCHS=3 and so on)."""
    for limit, value in TIGHT.items():
        monkeypatch.setattr(settings, limit, value)


def with_param(table: Table, key: str, **changes) -> Table:
    """`table` with one parameter changed, as an edit of its module would."""
    return Table(table.prefix, tuple(dataclasses.replace(p, **changes) if p.key == key else p for p in table))


def table_entry_follows(monkeypatch, page: str, table_module, recipe, key: str, high, label: str):
    """Lower one parameter's `high` and rename it in its table: the page's widget, the link it reads
    and the recipe's clamp all follow, with no other edit."""
    changed = with_param(table_module.TABLE, key, high=high, label=label)
    monkeypatch.setattr(table_module, "TABLE", changed)
    monkeypatch.setattr(recipe, "TABLE", changed)
    url_key = changed.url_key(key)
    widget = fresh(page).slider(key=url_key)
    assert widget.max == high and widget.label == label
    at = fresh(page, **{url_key: str(high + 1)})  # out of the new range: the link's value is refused
    assert "could not be used" in texts(at.warning)
    assert at.slider(key=url_key).value == changed[key].value() <= high
    assert recipe.clamp({key: high + 1})[key] == high


def train_to_the_end(at: AppTest, topic: str, timeout: float = 180) -> AppTest:
    at.button(key=f"_dlplay_job_{topic}_start").click().run()
    end = time.time() + timeout
    while time.time() < end and not any("Finished" in s.value for s in at.success):
        time.sleep(0.5)
        at.run()
    assert not at.exception
    assert any("Finished" in s.value for s in at.success), "training did not finish in time"
    return at
