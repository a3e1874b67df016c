"""Small and edge-case inputs for golden tests: (hypotheses, reference streams) by name.

The expected numbers are never written here: every test computes them with sacrebleu itself
(its API, or its command line) and requires the workbench to agree exactly.
"""

from __future__ import annotations

CASES: dict[str, tuple[list[str], list[list[str]]]] = {
    "english": (
        ["The cat sat on the mat.", "A quick brown fox jumps.", "Hello world"],
        [["The cat sat on a mat.", "The quick brown fox jumped.", "Hello, world!"]],
    ),
    "empty-hypothesis": (
        ["", "It approved the plan.", ""],
        [["The committee met in May.", "It approved the plan.", "Members thanked staff."]],
    ),
    "all-empty-hypotheses": (["", ""], [["Something was said.", "And more."]]),
    "empty-reference": (["An addition the reference lacks.", "Same."], [["", "Same."]]),
    "whitespace-and-punctuation": (["  ...  ", "!?", "ok ."], [["...", "?!", "ok."]]),
    "arabic": (
        ["اجتمعت اللجنة في 3 مايو 2024.", "راجعت الميزانية، ووافقت على الخطة؟"],
        [["اجتمعت اللجنة في 3 أيار 2024.", "راجعت الميزانية ووافقت على الخطة."]],
    ),
    "arabic-diacritics": (
        ["قالَ الرئيسُ إنّ الاجتماعَ ناجحٌ", "الـــلجنة"],
        [["قال الرئيس إن الاجتماع ناجح", "اللجنة"]],
    ),
    "sorani": (
        ["لیژنەکە لە ٣ی مایۆ ٢٠٢٤ کۆبووەوە.", "بودجەکەی پێداچووەوە."],
        [["لیژنەکە لە ٣ی ئایاری ٢٠٢٤ کۆبووەوە.", "بودجەکەی پێداچووەوە و پلانەکەی پەسەند کرد."]],
    ),
    "kurmanji": (
        ["Komîte di 3ê Gulanê de civiya.", "Wê budçe nirxand."],
        [["Komîteyê di 3ê Gulana 2024an de civîn kir.", "Wê budçeyê nirxand û plan pejirand."]],
    ),
    "two-references": (
        ["The committee met in May.", "It approved the plan."],
        [
            ["The committee met in May.", "The plan was approved."],
            ["In May the committee met.", "It approved the plan."],
        ],
    ),
    "many-to-many-joined": (
        ["It reviewed the budget. It approved the plan.", "Members thanked the staff."],
        [["It reviewed the budget and approved the plan.", "Members thanked staff."]],
    ),
    "repeated-pairs": (
        ["Thank you.", "Thank you.", "Page 1", "Thank you.", "Page 1"],
        [["Thank you.", "Thank you.", "Page 1", "Thanks.", "Page 1"]],
    ),
}
