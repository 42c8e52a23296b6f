from newsdesk.content.markdown import html_to_text, render_markdown


def test_section_headings_get_linkable_anchors():
    html = render_markdown("## A Precarious Context\n\nText.")
    assert '<h2 id="a-precarious-context">' in html
    assert 'href="#a-precarious-context"' in html


def test_repeated_headings_get_distinct_anchors():
    html = render_markdown("## Why\n\n## Why\n")
    assert 'id="why"' in html and 'id="why-1"' in html


def test_a_level_one_heading_in_the_body_becomes_level_two():
    html = render_markdown("# Background\n")
    assert "<h1" not in html
    assert '<h2 id="background">' in html


def test_headings_in_non_latin_scripts_keep_their_words():
    assert 'id="محادثات-مسقط"' in render_markdown("## محادثات مسقط\n")


def test_script_tags_in_a_body_do_not_survive():
    html = render_markdown('Hi <script>alert(1)</script><img src=x onerror="alert(2)">')
    assert "<script" not in html
    assert "onerror" not in html


def test_javascript_links_are_not_links():
    html = render_markdown('[click](javascript:alert(1)) <a href="javascript:alert(2)">raw</a>')
    assert "href=\"javascript" not in html
    assert ">raw</a>" in html


def test_links_open_without_giving_the_target_a_handle_on_the_page():
    assert 'rel="noopener noreferrer"' in render_markdown("[site](https://example.org)")


def test_text_extraction_leaves_out_heading_permalinks():
    assert html_to_text(render_markdown("## Title\n\nOne two.")) .split() == ["Title", "One", "two."]
