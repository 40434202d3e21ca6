"""The two explorers in Chromium: move a slider, the plot redraws, the address bar keeps the lesson."""
from tests.e2e.helpers import open_page, wait_idle

PLOT_DATA = """(i) => {
    const plot = document.querySelectorAll('.js-plotly-plot')[i];
    return JSON.stringify(plot.data, (k, v) => ArrayBuffer.isView(v) ? Array.from(v) : v);
}"""


def plot_data(page, index):
    page.wait_for_function(f"() => document.querySelectorAll('.js-plotly-plot').length > {index}", timeout=30_000)
    return page.evaluate(PLOT_DATA, index)


def open_explorer(page, app_url, path, url_has):
    """Open a page and wait until its script has run to the end (it writes its settings into the URL last)."""
    open_page(page, app_url, path)
    page.wait_for_url(lambda url: url_has in url, timeout=60_000)
    wait_idle(page)
    assert page.locator("[data-testid=stException]").count() == 0


def nudge(page, label, key, times, url_has):
    """Move a Streamlit slider with the keyboard, as a learner could, and wait for the page to answer."""
    thumb = page.locator("[data-testid=stSlider]", has_text=label).locator("input[type=range]").first
    thumb.focus()
    for _ in range(times):
        page.keyboard.press(key)
    page.wait_for_url(lambda url: url_has in url, timeout=30_000)  # the rerun has written the URL
    wait_idle(page)


def test_activation_depth_slider_redraws_the_deep_stack(page, app_url):
    open_explorer(page, app_url, "activations", "act_name=sigmoid")
    assert page.locator("h2", has_text="Shape and slope").first.is_visible()
    before = plot_data(page, 1)  # plot 0: the curves, plot 1: the deep stack
    nudge(page, "Depth (layers)", "ArrowRight", 3, "ds_depth=15")
    assert plot_data(page, 1) != before
    assert page.locator("[data-testid=stException]").count() == 0
    assert page.errors == []


def test_optimizer_step_slider_moves_the_racers_and_lr_shows_divergence(page, app_url):
    open_explorer(page, app_url, "optimizers", "opt_surface=rosenbrock")
    before = plot_data(page, 0)
    nudge(page, "Show step", "ArrowLeft", 5, "opt_step=295")
    assert plot_data(page, 0) != before
    nudge(page, "lr: SGD, momentum, Nesterov", "ArrowRight", 6, "opt_lr=0.05")  # 0.001 -> 0.05: SGD blows up
    page.get_by_text("SGD diverged at step").first.wait_for(timeout=30_000)
    assert page.locator("[data-testid=stException]").count() == 0
    assert page.errors == []


def test_clicking_the_map_moves_the_start(page, app_url):
    open_explorer(page, app_url, "optimizers", "opt_x0=-1.5")
    box = page.locator(".js-plotly-plot").first.locator(".nsewdrag").first.bounding_box()
    page.mouse.move(box["x"] + box["width"] * 0.75, box["y"] + box["height"] * 0.75)
    page.wait_for_timeout(300)
    page.mouse.click(box["x"] + box["width"] * 0.75, box["y"] + box["height"] * 0.75)
    page.wait_for_url(lambda url: "opt_x0=-1.5" not in url, timeout=30_000)
    wait_idle(page)
    x0 = float(page.url.split("opt_x0=")[1].split("&")[0])
    assert 0.5 < x0 < 1.5  # three quarters across x in [-2, 2]
