"""The backprop page in Chromium: the step buttons walk the network and train, a slider moved inside a section
(a fragment) still writes the link, and a shared link brings its settings back."""
from tests.e2e.helpers import open_page, wait_idle, wait_rerun


def open_backprop(page, app_url, query=""):
    open_page(page, app_url, f"backprop{query}")
    page.wait_for_url(lambda url: "bp_net_pick=" in url, timeout=60_000)  # written by the page, not the link
    page.get_by_role("button", name="Start again").wait_for(timeout=60_000)  # the last section is drawn
    wait_idle(page)


def press(page, name):
    page.get_by_role("button", name=name).first.click()
    wait_rerun(page)
    assert page.locator("[data-testid=stException]").count() == 0


def test_step_buttons_walk_forward_backward_update_and_train(page, app_url):
    open_backprop(page, app_url)
    assert page.locator("h1", has_text="Neurons and backpropagation").first.is_visible()
    assert page.get_by_role("button", name="Backward ◀ one layer").is_disabled()
    press(page, "Forward ▶ one layer")
    page.get_by_text("1 of 2 layers computed").first.wait_for(timeout=30_000)
    press(page, "Forward ▶ one layer")
    page.get_by_text("Forward pass done").first.wait_for(timeout=30_000)
    press(page, "Backward ◀ one layer")
    press(page, "Backward ◀ one layer")
    page.get_by_text("Backward pass done").first.wait_for(timeout=30_000)
    press(page, "Update: w ← w − 0.3·∂L/∂w")
    page.get_by_text("Loss after update 1").first.wait_for(timeout=30_000)
    press(page, "+100 steps")
    page.get_by_text("Every point is on the right side after 100 steps").first.wait_for(timeout=30_000)
    assert page.errors == []


def test_a_slider_in_a_section_writes_the_link(page, app_url):
    open_backprop(page, app_url)
    thumb = page.locator("[data-testid=stSlider]", has_text="Random start").first.locator("input[type=range]")
    thumb.focus()
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    page.wait_for_url(lambda url: "bp_net_seed=3" in url, timeout=30_000)
    wait_idle(page)
    assert page.locator("[data-testid=stException]").count() == 0


def test_a_shared_link_restores_the_settings(page, app_url):
    open_backprop(page, app_url, "?bp_net_hidden=2&bp_net_units=4&bp_net_loss=ce&bp_train_data=moons&bp_expr_a=-1.5")
    assert "bp_net_hidden=2" in page.url and "bp_train_data=moons" in page.url
    hidden = page.locator("[data-testid=stSlider]", has_text="Hidden layers").first
    hidden.locator("[data-testid=stSliderThumbValue]", has_text="2").wait_for(timeout=30_000)
    page.get_by_text("Two moons").first.wait_for(timeout=30_000)
    page.get_by_text("value -1.5").first.wait_for(timeout=30_000)  # node a of the expression graph
    page.get_by_text("the network has 2 outputs").first.wait_for(timeout=30_000)
    assert page.errors == []
