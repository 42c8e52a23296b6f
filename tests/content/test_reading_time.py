from newsdesk.content.text import count_words, is_rtl, reading_time


def test_english_reads_at_the_english_rate():
    assert reading_time("word " * 228 * 3, "en") == 3


def test_partial_minutes_round_up():
    assert reading_time("word " * 229, "en") == 2


def test_a_short_text_takes_one_minute_not_zero():
    assert reading_time("Breaking.", "en") == 1
    assert reading_time("", "en") == 1


def test_arabic_reads_slower_than_english_for_the_same_word_count():
    text = "كلمة " * 600
    assert reading_time(text, "ar") == 5  # 600 / 138 wpm
    assert reading_time(text, "en") == 3  # 600 / 228 wpm


def test_chinese_is_counted_in_characters():
    assert count_words("美国和伊朗在阿曼会谈") == (0, 10)
    assert reading_time("字" * 255 * 2, "zh") == 2


def test_japanese_characters_read_faster_than_chinese():
    text = "日本語の文章" * 100  # 600 characters
    assert reading_time(text, "ja") == 2  # 600 / 357 cpm
    assert reading_time(text, "zh") == 3  # 600 / 255 cpm


def test_regional_language_codes_use_their_base_language():
    assert reading_time("كلمة " * 600, "ar-dz") == reading_time("كلمة " * 600, "ar")


def test_contractions_and_hyphenated_words_count_once():
    assert count_words("Iran’s well-known envoy didn't go") == (5, 0)


def test_right_to_left_languages_are_recognised():
    assert is_rtl("ar") and is_rtl("he") and is_rtl("fa") and is_rtl("ur")
    assert not is_rtl("en") and not is_rtl("zh-hans")
