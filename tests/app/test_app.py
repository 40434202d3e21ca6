"""AppTest: the entry page runs, and every registered page runs without an exception."""
import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
SLUGS = re.findall(r'topic_page\("(\w+)"\)', (ROOT / "app.py").read_text())


def test_home_runs_and_lists_registered_topics():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception
    assert at.title[0].value.endswith("DL Playground")
    links = [p.proto.page for p in at.get("page_link")]
    for slug in SLUGS:
        assert slug in links, f"home has no link to {slug}"
    sidebar = " ".join(c.value for c in at.sidebar.caption)
    assert "onnxruntime on" in sidebar and "Training" in sidebar


def test_every_registered_page_runs():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    for slug in SLUGS:
        at.switch_page(f"pages/{slug}.py").run()
        assert not at.exception, f"{slug}: {at.exception}"


def test_about_page_shows_every_limit():
    from dlplay import settings
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at.switch_page("pages/about.py").run()
    assert not at.exception
    text = " ".join(m.value for m in at.markdown)
    for name, value in settings.as_table():
        assert f"| {name.replace('_', chr(92) + '_')} | {value} |" in text


def test_presenter_mode_from_the_link_enlarges_text_and_stays_in_the_url():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["present"] = "true"
    at.run()
    assert not at.exception
    assert at.toggle(key="present").value is True
    styles = " ".join(str(h.proto) for h in at.get("html"))
    assert "font-size: 20px" in styles and "font-size: 15px" in styles
    assert at.query_params.get("present") in (["true"], "true")
    plain = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert plain.toggle(key="present").value is False
    assert "font-size: 20px" not in " ".join(str(h.proto) for h in plain.get("html"))


def test_about_page_explains_every_limit():
    from dlplay import settings
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at.switch_page("pages/about.py").run()
    text = " ".join(m.value for m in at.markdown)
    for name, value in settings.as_table():
        row = next(line for line in text.split("\n") if f"| {name.replace('_', chr(92) + '_')} |" in line)
        assert not row.rstrip().endswith("|  |"), f"{name} has no explanation"


def test_presenter_fit_sizes_every_panel_only_in_presenter_mode(monkeypatch):
    from plotly.subplots import make_subplots

    from dlplay.ui import presenter
    fig = make_subplots(rows=1, cols=2)
    monkeypatch.setattr(presenter, "is_on", lambda: False)
    assert presenter.fit(fig).layout.xaxis2.tickfont.size is None
    monkeypatch.setattr(presenter, "is_on", lambda: True)
    fitted = presenter.fit(fig).layout
    assert fitted.xaxis2.tickfont.size == fitted.yaxis.tickfont.size == presenter.TICK_PX
    assert fitted.legend.font.size == presenter.LABEL_PX


def test_every_model_page_without_its_model_files_says_how_to_rebuild_them(tmp_path, monkeypatch):
    from dlplay import settings
    monkeypatch.setattr(settings, "MODELS_DIR", tmp_path)  # an empty models/: every shipped file missing
    for slug, recipe in (("digits", "cnn"), ("sentiment", "sentiment"), ("autoencoder", "autoencoder"), ("gan", "gan")):
        at = AppTest.from_file(str(ROOT / "pages" / f"{slug}.py"), default_timeout=60).run()
        assert not at.exception, slug
        assert any(f"python -m dlplay train {recipe}" in w.value for w in at.warning), slug
