import pytest

from workbench.translate.splitting import batches, split_long


def words(text: str) -> int:
    return len(text.split())


def test_a_short_sentence_stays_whole():
    assert split_long("one two three", words, 5) == ["one two three"]


def test_a_long_sentence_is_cut_at_clause_boundaries():
    text = "one two three, four five six; seven eight nine"
    assert split_long(text, words, 4) == ["one two three,", "four five six;", "seven eight nine"]


def test_clauses_that_fit_together_stay_together():
    text = "one, two, three four five six"
    assert split_long(text, words, 4) == ["one, two,", "three four five six"]


@pytest.mark.parametrize("mark", ["\u060c", "\u061b"])  # Arabic comma and semicolon
def test_arabic_clause_marks_are_boundaries(mark):
    text = f"الأول الثاني{mark} الثالث الرابع"
    assert split_long(text, words, 2) == [f"الأول الثاني{mark}", "الثالث الرابع"]


def test_a_clause_too_long_alone_is_cut_between_words():
    assert split_long("a b c d e", words, 2) == ["a b", "c d", "e"]


def test_one_enormous_word_is_cut_inside_and_nothing_is_lost():
    pieces = split_long("x" * 25, len, 10)
    assert pieces == ["x" * 10, "x" * 10, "x" * 5]


@pytest.mark.parametrize(
    "text",
    [
        "a, b c d e f g h, i j; k l m n o p q r s t u v w x y z",
        "word " * 40,
        "بداية، وسط طويل جدا جدا جدا جدا؛ نهاية الجملة هنا تماما",
    ],
)
def test_no_word_is_lost_or_repeated(text):
    pieces = split_long(text.strip(), words, 3)
    assert " ".join(pieces).split() == text.split()
    assert all(words(p) <= 3 for p in pieces)


def test_batches_respect_the_budget_and_cover_every_item():
    lengths = [5, 40, 7, 40, 12, 3]
    groups = batches(lengths, 80)
    assert sorted(i for g in groups for i in g) == list(range(6))
    assert all(len(g) * max(lengths[i] for i in g) <= 80 for g in groups)


def test_batches_go_longest_first():
    assert batches([1, 9, 5], 100) == [[1, 2, 0]]


def test_an_item_over_the_budget_gets_a_batch_of_its_own():
    assert batches([500, 2], 100) == [[0], [1]]
