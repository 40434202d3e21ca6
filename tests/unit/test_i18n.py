"""Two languages: every string the code shows has a Chinese translation, the compiled catalogs match
their sources, and glossary terms read the same everywhere."""
import pytest

from dlplay import i18n, i18n_tools


@pytest.fixture
def chinese():
    used = set()
    i18n.set_source(lambda: "zh", lambda: used)
    yield used
    i18n.set_source(lambda: i18n.DEFAULT, lambda: set())


def test_every_shown_string_has_a_chinese_translation():
    gaps = {domain: strings for domain, strings in i18n_tools.missing().items() if strings}
    assert not gaps, "untranslated (python -m dlplay i18n missing): " + repr(gaps)[:2000]


def test_compiled_catalogs_are_up_to_date(tmp_path, monkeypatch):
    import gettext

    for domain in i18n.DOMAINS:
        po = i18n_tools.read(domain)
        mo = i18n.LOCALE_DIR / "zh" / "LC_MESSAGES" / f"{domain}.mo"
        with open(mo, "rb") as f:
            compiled = gettext.GNUTranslations(f)
        for message in po:
            if message.id and message.string and not message.fuzzy and isinstance(message.id, str):
                assert compiled.gettext(message.id) == message.string, \
                    f"{domain}.mo is stale: run python -m dlplay i18n compile"


def test_translation_follows_the_language(chinese):
    assert i18n._("Start here") == "从这里开始"
    i18n.set_source(lambda: "en")
    assert i18n._("Start here") == "Start here"
    i18n.set_source(lambda: "xx")  # an unknown code reads as English
    assert i18n._("Start here") == "Start here"


def test_glossary_terms_carry_the_english_on_first_use_only(chinese):
    assert i18n.term("activation function") == "激活函数（activation function）"
    assert i18n.term("activation function") == "激活函数"
    assert i18n.term("ReLU") == "ReLU"
    assert i18n.term("LSTM") == "长短期记忆网络（LSTM）" and i18n.term("LSTM") == "LSTM"
    chinese.clear()  # a new page starts afresh
    assert i18n.term("activation function").endswith("（activation function）")


def test_glossary_is_complete_and_consistent():
    terms = i18n.glossary()
    for required in ["activation function", "vanishing gradient", "kernel", "feature map", "pooling", "LSTM",
                     "latent space", "discriminator", "ReLU", "Adam", "GRU", "MNIST", "ONNX", "softmax"]:
        assert required in terms
    for english, (chinese, mode) in terms.items():
        assert chinese and mode in (i18n.TRANSLATE, i18n.KEEP_ENGLISH, i18n.NAME_ONCE), english


def test_topic_ui_modules_belong_to_the_topic_catalog_only():
    backprop_ui = {p.name for p in i18n_tools.files("backprop")}
    app = {p.name for p in i18n_tools.files("app")}
    assert "backprop_figs.py" in backprop_ui and "backprop_figs.py" not in app
    assert "training.py" in app  # shared UI stays in the shared catalog


def test_a_string_moved_to_another_catalog_keeps_its_translation(tmp_path, monkeypatch):
    (tmp_path / "a.py").write_text('_("Hello")\n')
    (tmp_path / "b.py").write_text('_("World")\n')
    monkeypatch.setattr(i18n_tools.settings, "ROOT", tmp_path)
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path / "locale")
    monkeypatch.setattr(i18n, "DOMAINS", {"app": ["a.py"], "page": ["b.py"]})
    i18n_tools.extract()
    assert i18n_tools.translate("app", {"Hello": "你好"}) == 1
    (tmp_path / "a.py").write_text("")
    (tmp_path / "b.py").write_text('_("Hello")\n_("World")\n')  # "Hello" moved from a.py to b.py
    i18n_tools.extract(["page"])
    page = {m.id: m.string for m in i18n_tools.read("page") if m.id}
    assert page == {"Hello": "你好", "World": ""}
    with pytest.raises(ValueError):
        i18n_tools.extract(["nope"])
