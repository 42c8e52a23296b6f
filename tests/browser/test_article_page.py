"""A reader opens the demo's lead story in Chromium and sees every part of an article page."""

from playwright.sync_api import expect

OMAN_STORY_SLUG = "us-iran-envoys-oman-talks"


def _open_oman_story(page, site_url):
    page.goto(f"{site_url}/section/world/")
    page.locator(f'a[href*="/{OMAN_STORY_SLUG}/"]').first.click()
    page.wait_for_load_state("load")


def test_the_article_page_shows_every_part_a_reader_expects(page, site_url, artifacts):
    _open_oman_story(page, site_url)

    expect(page.locator("h1.article__headline")).to_be_visible()
    expect(page.locator(".byline")).to_contain_text("Ahmed Hassan")
    expect(page.locator(".byline")).to_contain_text("International Editor")
    expect(page.locator(".article__facts .reading-time")).to_have_count(1)
    expect(page.locator(".article__facts .reading-time")).to_be_visible()
    expect(page.locator(".share__link")).to_have_count(6)
    expect(page.locator(".author-bio").first).to_be_visible()
    expect(page.locator("footer.site-footer")).to_contain_text("All rights reserved")
    expect(page.get_by_role("link", name="Terms of Service")).to_be_visible()
    expect(page.get_by_role("link", name="Privacy Policy")).to_be_visible()
    page.screenshot(path=artifacts / "article-page.png", full_page=True)


def test_the_article_page_fits_a_phone_screen_without_sideways_scrolling(browser, site_url, artifacts):
    context = browser.new_context(viewport={"width": 375, "height": 740}, device_scale_factor=2, is_mobile=True)
    page = context.new_page()
    _open_oman_story(page, site_url)

    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")

    page.screenshot(path=artifacts / "article-page-phone.png", full_page=False)
    context.close()
    assert overflow <= 0


def test_the_skip_link_is_the_first_thing_the_keyboard_reaches(page, site_url):
    page.goto(site_url)

    page.keyboard.press("Tab")

    expect(page.locator(".skip-link")).to_be_focused()
    expect(page.locator(".skip-link")).to_be_in_viewport()


def test_dark_mode_follows_the_readers_system_setting(browser, site_url, artifacts):
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    _open_oman_story(page, site_url)

    background = page.evaluate("getComputedStyle(document.body).backgroundColor")

    page.screenshot(path=artifacts / "article-page-dark.png")
    context.close()
    assert background == "rgb(20, 20, 20)"
