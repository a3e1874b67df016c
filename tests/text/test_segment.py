"""Segmentation tables: one case per row, at least 30 per language."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.records import Segment
from workbench.text.languages import LANGUAGES
from workbench.text.segment import segment, segment_paragraphs

RLM = "\u200f"
ZWNJ = "\u200c"

ENGLISH = [
    (
        "two sentences",
        "The meeting ended. Officials left.",
        ["The meeting ended.", "Officials left."],
    ),
    (
        "question and exclamation",
        "Who attended? Nobody knows! Fine.",
        ["Who attended?", "Nobody knows!", "Fine."],
    ),
    ("rank before a name", "Lt. Gen. Jabbar Yawar attended.", ["Lt. Gen. Jabbar Yawar attended."]),
    (
        "U.S. inside a sentence",
        "The U.S. envoy arrived. He spoke.",
        ["The U.S. envoy arrived.", "He spoke."],
    ),
    (
        "U.S. ending a sentence",
        "Aid came from the U.S. The rest came later.",
        ["Aid came from the U.S.", "The rest came later."],
    ),
    (
        "number abbreviation",
        "Resolution No. 5 passed. It was late.",
        ["Resolution No. 5 passed.", "It was late."],
    ),
    (
        "no. ending a sentence",
        'He said "no." The vote failed.',
        ['He said "no."', "The vote failed."],
    ),
    (
        "doctor",
        "Dr. Salih treated them. They recovered.",
        ["Dr. Salih treated them.", "They recovered."],
    ),
    (
        "mr and mrs",
        "Mr. and Mrs. Karim returned. Both are safe.",
        ["Mr. and Mrs. Karim returned.", "Both are safe."],
    ),
    ("decimal", "Turnout was 3.5 per cent. It fell.", ["Turnout was 3.5 per cent.", "It fell."]),
    (
        "time with a.m.",
        "It began at 9:30 a.m. local time. It ended.",
        ["It began at 9:30 a.m. local time.", "It ended."],
    ),
    (
        "p.m. ending a sentence",
        "The curfew starts at 10 p.m. The army enforces it.",
        ["The curfew starts at 10 p.m.", "The army enforces it."],
    ),
    (
        "dotted date",
        "On 03.05.2021 they met. Talks went on.",
        ["On 03.05.2021 they met.", "Talks went on."],
    ),
    (
        "url inside",
        "See https://www.example.org/news/2021.html for details. Thanks.",
        ["See https://www.example.org/news/2021.html for details.", "Thanks."],
    ),
    (
        "url at the end",
        "The text is at www.example.org. It is short.",
        ["The text is at www.example.org.", "It is short."],
    ),
    (
        "e-mail",
        "Write to press.office@example.org today. We reply.",
        ["Write to press.office@example.org today.", "We reply."],
    ),
    (
        "initials",
        "The report by J. R. Hassan was read. It was long.",
        ["The report by J. R. Hassan was read.", "It was long."],
    ),
    (
        "quote closing after the stop",
        'He said: "We are ready." The meeting ended.',
        ['He said: "We are ready."', "The meeting ended."],
    ),
    (
        "curly quote closing after the stop",
        "He said: “We are ready.” The meeting ended.",
        ["He said: “We are ready.”", "The meeting ended."],
    ),
    (
        "bracket closing after the stop",
        "(The figure was revised.) It rose.",
        ["(The figure was revised.)", "It rose."],
    ),
    (
        "question in a quote then lower case",
        '"Why now?" he asked. Nobody answered.',
        ['"Why now?" he asked.', "Nobody answered."],
    ),
    (
        "headline without a stop",
        "Army and Peshmerga agree on coordination\n\nThe meeting was held in Baghdad.",
        ["Army and Peshmerga agree on coordination", "The meeting was held in Baghdad."],
    ),
    (
        "line break inside a paragraph",
        "The meeting was\nheld in Baghdad.",
        ["The meeting was held in Baghdad."],
    ),
    (
        "e.g. then lower case",
        "Several groups, e.g. the Red Crescent, helped.",
        ["Several groups, e.g. the Red Crescent, helped."],
    ),
    (
        "ellipsis then capital",
        "They waited… Nothing happened.",
        ["They waited…", "Nothing happened."],
    ),
    ("ellipsis then lower case", "They waited... and waited.", ["They waited... and waited."]),
    ("enumerator", "1. The first point is security.", ["1. The first point is security."]),
    ("etc. then lower case", "Food, water, etc. were sent.", ["Food, water, etc. were sent."]),
    (
        "Inc. before an opener",
        "The contract went to Acme Inc. The price is secret.",
        ["The contract went to Acme Inc.", "The price is secret."],
    ),
    (
        "article abbreviation",
        "Under Art. 140 the areas are disputed. Talks continue.",
        ["Under Art. 140 the areas are disputed.", "Talks continue."],
    ),
    ("stop cluster", "Really?! Yes.", ["Really?!", "Yes."]),
    (
        "colonel",
        "Col. Ahmed Karim spoke. He was brief.",
        ["Col. Ahmed Karim spoke.", "He was brief."],
    ),
    (
        "number ending a sentence",
        "The camp holds 1,200. More are coming.",
        ["The camp holds 1,200.", "More are coming."],
    ),
    (
        "semicolon is not a boundary",
        "The road is open; the bridge is not.",
        ["The road is open; the bridge is not."],
    ),
    (
        "colon is not a boundary",
        "Two things matter: water and power.",
        ["Two things matter: water and power."],
    ),
    ("saint", "He flew to St. Louis. Then home.", ["He flew to St. Louis.", "Then home."]),
    (
        "abbreviation after a hyphen",
        "The term is used by non-U.S. Arctic peoples.",
        ["The term is used by non-U.S. Arctic peoples."],
    ),
    ("empty text", "", []),
    ("blank paragraphs skipped", "One.\n\n \n\nTwo.", ["One.", "Two."]),
]

ARABIC = [
    ("two sentences", "انتهى الاجتماع. غادر المسؤولون.", ["انتهى الاجتماع.", "غادر المسؤولون."]),
    ("arabic question mark", "من حضر الاجتماع؟ لا أحد يعرف.", ["من حضر الاجتماع؟", "لا أحد يعرف."]),
    ("exclamation", "يا له من يوم! انتهى كل شيء.", ["يا له من يوم!", "انتهى كل شيء."]),
    (
        "arabic comma never a boundary",
        "حضر الوزير، وغادر الوفد، ثم انتهى اللقاء.",
        ["حضر الوزير، وغادر الوفد، ثم انتهى اللقاء."],
    ),
    (
        "arabic semicolon never a boundary",
        "تأجلت الانتخابات؛ بسبب الأوضاع الأمنية.",
        ["تأجلت الانتخابات؛ بسبب الأوضاع الأمنية."],
    ),
    (
        "doctor title",
        "قال د. أحمد صالح إن الوضع مستقر. ثم غادر.",
        ["قال د. أحمد صالح إن الوضع مستقر.", "ثم غادر."],
    ),
    (
        "engineer title",
        "افتتح م. علي حسن المشروع. وحضر المحافظ.",
        ["افتتح م. علي حسن المشروع.", "وحضر المحافظ."],
    ),
    (
        "year marker ends a sentence",
        "وقع ذلك عام ٢٠٢١م. وتكرر لاحقا.",
        ["وقع ذلك عام ٢٠٢١م.", "وتكرر لاحقا."],
    ),
    (
        "spaced year marker ends a sentence",
        "وقع ذلك عام 2021 م. وتكرر لاحقا.",
        ["وقع ذلك عام 2021 م.", "وتكرر لاحقا."],
    ),
    (
        "professor doctor",
        "ألقى أ.د. سامي كلمة. ثم بدأ النقاش.",
        ["ألقى أ.د. سامي كلمة.", "ثم بدأ النقاش."],
    ),
    (
        "decimal with arabic separator",
        "بلغت النسبة ٣٫٥ بالمئة. وارتفعت لاحقا.",
        ["بلغت النسبة ٣٫٥ بالمئة.", "وارتفعت لاحقا."],
    ),
    (
        "decimal with a full stop",
        "بلغت النسبة ٣.٥ بالمئة. وارتفعت لاحقا.",
        ["بلغت النسبة ٣.٥ بالمئة.", "وارتفعت لاحقا."],
    ),
    (
        "latin decimal",
        "بلغت النسبة 3.5 بالمئة. وارتفعت لاحقا.",
        ["بلغت النسبة 3.5 بالمئة.", "وارتفعت لاحقا."],
    ),
    (
        "time",
        "بدأ الاجتماع الساعة ٩:٣٠ صباحا. وانتهى ظهرا.",
        ["بدأ الاجتماع الساعة ٩:٣٠ صباحا.", "وانتهى ظهرا."],
    ),
    (
        "dotted date",
        "صدر القرار في 03.05.2021 رسميا. ونشر لاحقا.",
        ["صدر القرار في 03.05.2021 رسميا.", "ونشر لاحقا."],
    ),
    (
        "url",
        "التفاصيل على https://www.example.org/ar/news.html اليوم. شكرا.",
        ["التفاصيل على https://www.example.org/ar/news.html اليوم.", "شكرا."],
    ),
    (
        "e-mail",
        "راسلوا info.iq@example.org للاستفسار. نرد سريعا.",
        ["راسلوا info.iq@example.org للاستفسار.", "نرد سريعا."],
    ),
    (
        "guillemets closing after the stop",
        "قال الوزير: «نحن مستعدون.» ثم غادر.",
        ["قال الوزير: «نحن مستعدون.»", "ثم غادر."],
    ),
    (
        "bracket closing after the stop",
        "(عدلت الأرقام لاحقا.) وارتفع العدد.",
        ["(عدلت الأرقام لاحقا.)", "وارتفع العدد."],
    ),
    (
        "headline without a stop",
        "اتفاق على تعزيز التنسيق الأمني\n\nعقد الاجتماع في بغداد.",
        ["اتفاق على تعزيز التنسيق الأمني", "عقد الاجتماع في بغداد."],
    ),
    ("ellipsis character", "انتظروا طويلا… ولم يحدث شيء.", ["انتظروا طويلا…", "ولم يحدث شيء."]),
    ("three dots", "انتظروا طويلا... ولم يحدث شيء.", ["انتظروا طويلا...", "ولم يحدث شيء."]),
    (
        "page abbreviation",
        "انظر ص. ١٢ من التقرير. وفيه التفاصيل.",
        ["انظر ص. ١٢ من التقرير.", "وفيه التفاصيل."],
    ),
    ("hijri marker ends a sentence", "صدر عام ١٤٤٢ هـ. ثم عدل.", ["صدر عام ١٤٤٢ هـ.", "ثم عدل."]),
    (
        "brand with exclamation then and",
        "مستخدمو Yahoo! و Microsoft كثر.",
        ["مستخدمو Yahoo! و Microsoft كثر."],
    ),
    ("latin question mark", "هل انتهى الاجتماع? نعم.", ["هل انتهى الاجتماع?", "نعم."]),
    (
        "sentence ending in a number",
        "بلغ عدد الضحايا ١٢. وقال مسؤول إن العدد قد يرتفع.",
        ["بلغ عدد الضحايا ١٢.", "وقال مسؤول إن العدد قد يرتفع."],
    ),
    ("enumerator", "١. تعزيز التنسيق بين القوات.", ["١. تعزيز التنسيق بين القوات."]),
    (
        "etcetera ends a sentence",
        "أرسلت أغذية وأدوية إلخ. ووصلت القافلة.",
        ["أرسلت أغذية وأدوية إلخ.", "ووصلت القافلة."],
    ),
    (
        "before christ after a number",
        "بنيت عام ٥٠٠ ق.م. وما زالت قائمة.",
        ["بنيت عام ٥٠٠ ق.م.", "وما زالت قائمة."],
    ),
    (
        "rlm after the stop",
        f"انتهى الاجتماع.{RLM} غادر الوفد.",
        [f"انتهى الاجتماع.{RLM}", "غادر الوفد."],
    ),
    ("three paragraphs", "الأول.\n\nالثاني.\n\nالثالث.", ["الأول.", "الثاني.", "الثالث."]),
]

SORANI = [
    (
        "two sentences",
        "کۆبوونەوەکە کۆتایی هات. بەرپرسان ڕۆیشتن.",
        ["کۆبوونەوەکە کۆتایی هات.", "بەرپرسان ڕۆیشتن."],
    ),
    ("question mark", "کێ بەشداری کرد؟ کەس نازانێت.", ["کێ بەشداری کرد؟", "کەس نازانێت."]),
    ("exclamation", "چ ڕۆژێک بوو! هەموو شت تەواو بوو.", ["چ ڕۆژێک بوو!", "هەموو شت تەواو بوو."]),
    (
        "arabic comma never a boundary",
        "وەزیر ئامادە بوو، شاندەکە ڕۆیشت، کۆبوونەوەکە تەواو بوو.",
        ["وەزیر ئامادە بوو، شاندەکە ڕۆیشت، کۆبوونەوەکە تەواو بوو."],
    ),
    (
        "arabic semicolon never a boundary",
        "هەڵبژاردن دواخرا؛ بەهۆی بارودۆخی ئەمنی.",
        ["هەڵبژاردن دواخرا؛ بەهۆی بارودۆخی ئەمنی."],
    ),
    (
        "doctor title",
        "د. ئەحمەد ساڵح وتی بارودۆخەکە ئارامە. پاشان ڕۆیشت.",
        ["د. ئەحمەد ساڵح وتی بارودۆخەکە ئارامە.", "پاشان ڕۆیشت."],
    ),
    (
        "teacher title",
        "م. عومەر وانەکەی وتەوە. قوتابیان گوێیان گرت.",
        ["م. عومەر وانەکەی وتەوە.", "قوتابیان گوێیان گرت."],
    ),
    (
        "kak title",
        "ک. ئازاد هاتە کۆبوونەوەکە. قسەی کرد.",
        ["ک. ئازاد هاتە کۆبوونەوەکە.", "قسەی کرد."],
    ),
    (
        "year marker ends a sentence",
        "ئەمە لە ساڵی ٢٠٢١ز. ڕوویدا. دواتر دووبارە بووەوە.",
        ["ئەمە لە ساڵی ٢٠٢١ز.", "ڕوویدا.", "دواتر دووبارە بووەوە."],
    ),
    (
        "decimal with arabic separator",
        "ڕێژەکە گەیشتە ٣٫٥ لە سەدا. دواتر بەرز بووەوە.",
        ["ڕێژەکە گەیشتە ٣٫٥ لە سەدا.", "دواتر بەرز بووەوە."],
    ),
    (
        "decimal with a full stop",
        "ڕێژەکە گەیشتە ٣.٥ لە سەدا. دواتر بەرز بووەوە.",
        ["ڕێژەکە گەیشتە ٣.٥ لە سەدا.", "دواتر بەرز بووەوە."],
    ),
    (
        "latin decimal",
        "ڕێژەکە گەیشتە 3.5 لە سەدا. دواتر بەرز بووەوە.",
        ["ڕێژەکە گەیشتە 3.5 لە سەدا.", "دواتر بەرز بووەوە."],
    ),
    (
        "time",
        "کۆبوونەوەکە کاتژمێر ١٠:١٢ دەستی پێکرد. نیوەڕۆ تەواو بوو.",
        ["کۆبوونەوەکە کاتژمێر ١٠:١٢ دەستی پێکرد.", "نیوەڕۆ تەواو بوو."],
    ),
    (
        "iso date",
        "ڕاپۆرتەکە لە 2021-05-03 بڵاوکرایەوە. زۆر درێژ بوو.",
        ["ڕاپۆرتەکە لە 2021-05-03 بڵاوکرایەوە.", "زۆر درێژ بوو."],
    ),
    (
        "url",
        "وردەکاری لە https://www.example.org/ckb/news.html هەیە. سوپاس.",
        ["وردەکاری لە https://www.example.org/ckb/news.html هەیە.", "سوپاس."],
    ),
    (
        "e-mail",
        "بنووسن بۆ info.krd@example.org ئەمڕۆ. وەڵام دەدەینەوە.",
        ["بنووسن بۆ info.krd@example.org ئەمڕۆ.", "وەڵام دەدەینەوە."],
    ),
    (
        "guillemets closing after the stop",
        "وەزیر وتی: «ئێمە ئامادەین.» پاشان ڕۆیشت.",
        ["وەزیر وتی: «ئێمە ئامادەین.»", "پاشان ڕۆیشت."],
    ),
    (
        "bracket closing after the stop",
        "(ژمارەکان دواتر ڕاستکرانەوە.) ژمارەکە زیادی کرد.",
        ["(ژمارەکان دواتر ڕاستکرانەوە.)", "ژمارەکە زیادی کرد."],
    ),
    (
        "headline without a stop",
        "ڕێککەوتن لەسەر بەهێزکردنی هەماهەنگی\n\nکۆبوونەوەکە لە بەغدا بوو.",
        ["ڕێککەوتن لەسەر بەهێزکردنی هەماهەنگی", "کۆبوونەوەکە لە بەغدا بوو."],
    ),
    (
        "urdu full stop",
        "کۆبوونەوەکە تەواو بوو۔ بەرپرسان ڕۆیشتن۔",
        ["کۆبوونەوەکە تەواو بوو۔", "بەرپرسان ڕۆیشتن۔"],
    ),
    (
        "ellipsis character",
        "زۆر چاوەڕێیان کرد… هیچ ڕووی نەدا.",
        ["زۆر چاوەڕێیان کرد…", "هیچ ڕووی نەدا."],
    ),
    ("zwnj inside words", f"دەست{ZWNJ}پێکرد. پاشان ڕۆیشت.", [f"دەست{ZWNJ}پێکرد.", "پاشان ڕۆیشت."]),
    (
        "number abbreviation",
        "بڕیاری ژ. ٥ دەرچوو. درەنگ بوو.",
        ["بڕیاری ژ. ٥ دەرچوو.", "درەنگ بوو."],
    ),
    (
        "sentence ending in a number",
        "ژمارەی قوربانیان گەیشتە ١٢. بەرپرسێک وتی ژمارەکە زیاد دەکات.",
        ["ژمارەی قوربانیان گەیشتە ١٢.", "بەرپرسێک وتی ژمارەکە زیاد دەکات."],
    ),
    (
        "etcetera ends a sentence",
        "خۆراک و دەرمان و هتد. نێردران. کاروانەکە گەیشت.",
        ["خۆراک و دەرمان و هتد.", "نێردران.", "کاروانەکە گەیشت."],
    ),
    (
        "enumerator",
        "١. بەهێزکردنی هەماهەنگی نێوان هێزەکان.",
        ["١. بەهێزکردنی هەماهەنگی نێوان هێزەکان."],
    ),
    (
        "before christ after a number",
        "لە ساڵی ٥٠٠ پ.ز. دروستکرا. هێشتا ماوە.",
        ["لە ساڵی ٥٠٠ پ.ز.", "دروستکرا.", "هێشتا ماوە."],
    ),
    (
        "brand with exclamation then and",
        "بەکارهێنەرانی Yahoo! و Microsoft زۆرن.",
        ["بەکارهێنەرانی Yahoo! و Microsoft زۆرن."],
    ),
    ("three paragraphs", "یەکەم.\n\nدووەم.\n\nسێیەم.", ["یەکەم.", "دووەم.", "سێیەم."]),
    (
        "rlm around the stop",
        f"کۆبوونەوەکە تەواو بوو.{RLM} {RLM}شاندەکە ڕۆیشت.",
        [f"کۆبوونەوەکە تەواو بوو.{RLM}", f"{RLM}شاندەکە ڕۆیشت."],
    ),
    ("title right after a boundary", "ئەوەی وت. د. ئەحمەد هات.", ["ئەوەی وت.", "د. ئەحمەد هات."]),
    ("question and exclamation cluster", "بەڕاستی؟! بەڵێ.", ["بەڕاستی؟!", "بەڵێ."]),
]

KURMANJI = [
    (
        "two sentences",
        "Civîn bi dawî bû. Berpirsan cih hiştin.",
        ["Civîn bi dawî bû.", "Berpirsan cih hiştin."],
    ),
    (
        "question and exclamation",
        "Kî beşdar bû? Kes nizane! Baş e.",
        ["Kî beşdar bû?", "Kes nizane!", "Baş e."],
    ),
    (
        "doctor",
        "Dr. Ehmed Salih got ku rewş aram e. Paşê çû.",
        ["Dr. Ehmed Salih got ku rewş aram e.", "Paşê çû."],
    ),
    (
        "professor doctor",
        "Prof. Dr. Zeynep Kaya axivî. Civîn dewam kir.",
        ["Prof. Dr. Zeynep Kaya axivî.", "Civîn dewam kir."],
    ),
    (
        "associate professor",
        "Doç. Dr. Xalid Reşîd beşdar bû. Wî pirsek kir.",
        ["Doç. Dr. Xalid Reşîd beşdar bû.", "Wî pirsek kir."],
    ),
    (
        "general",
        "Gen. Cebar Yawer jî amade bû. Wî axaftin kir.",
        ["Gen. Cebar Yawer jî amade bû.", "Wî axaftin kir."],
    ),
    (
        "number abbreviation",
        "Biryara j. 5 hat dayîn. Dereng bû.",
        ["Biryara j. 5 hat dayîn.", "Dereng bû."],
    ),
    (
        "page abbreviation",
        "Li r. 12 binêrin. Agahî li wir in.",
        ["Li r. 12 binêrin.", "Agahî li wir in."],
    ),
    (
        "Nr. before a number",
        "Kampa Nr. 3 hat girtin. Malbat çûn.",
        ["Kampa Nr. 3 hat girtin.", "Malbat çûn."],
    ),
    ("etc. then lower case", "Xwarin, av, hwd. hatin şandin.", ["Xwarin, av, hwd. hatin şandin."]),
    (
        "etc. before an opener",
        "Xwarin, av û hwd. Lê derman kêm bûn.",
        ["Xwarin, av û hwd.", "Lê derman kêm bûn."],
    ),
    (
        "decimal with a full stop",
        "Rêje gihîşt 3.5 ji sedî. Paşê zêde bû.",
        ["Rêje gihîşt 3.5 ji sedî.", "Paşê zêde bû."],
    ),
    (
        "decimal with a comma",
        "Rêje gihîşt 3,5 ji sedî. Paşê zêde bû.",
        ["Rêje gihîşt 3,5 ji sedî.", "Paşê zêde bû."],
    ),
    (
        "time",
        "Civîn saet 10.12an dest pê kir. Nîvro qediya.",
        ["Civîn saet 10.12an dest pê kir.", "Nîvro qediya."],
    ),
    (
        "dotted date",
        "Di 03.05.2021an de hevdîtin çêbû. Axaftin dewam kirin.",
        ["Di 03.05.2021an de hevdîtin çêbû.", "Axaftin dewam kirin."],
    ),
    (
        "url",
        "Hûrgulî li https://www.example.org/kmr/nuce.html hene. Spas.",
        ["Hûrgulî li https://www.example.org/kmr/nuce.html hene.", "Spas."],
    ),
    (
        "e-mail",
        "Ji info.kmr@example.org re binivîsin. Em bersiv didin.",
        ["Ji info.kmr@example.org re binivîsin.", "Em bersiv didin."],
    ),
    (
        "quote closing after the stop",
        'Wezîr got: "Em amade ne." Paşê çû.',
        ['Wezîr got: "Em amade ne."', "Paşê çû."],
    ),
    (
        "bracket closing after the stop",
        "(Hejmar paşê hatin rastkirin.) Hejmar zêde bû.",
        ["(Hejmar paşê hatin rastkirin.)", "Hejmar zêde bû."],
    ),
    (
        "headline without a stop",
        "Li ser hevahengiyê lihevkirin çêbû\n\nCivîn li Bexdayê bû.",
        ["Li ser hevahengiyê lihevkirin çêbû", "Civîn li Bexdayê bû."],
    ),
    (
        "initial",
        "M. Emîn Zekî pirtûk nivîsî. Ew navdar e.",
        ["M. Emîn Zekî pirtûk nivîsî.", "Ew navdar e."],
    ),
    (
        "lower case after a stop",
        "Ew hat li 2 km. li başûrê bajêr.",
        ["Ew hat li 2 km. li başûrê bajêr."],
    ),
    (
        "teacher title",
        "Mam. Ehmed ders da. Xwendekar guhdar bûn.",
        ["Mam. Ehmed ders da.", "Xwendekar guhdar bûn."],
    ),
    ("ellipsis", "Gelek li bendê man… Tiştek çênebû.", ["Gelek li bendê man…", "Tiştek çênebû."]),
    (
        "enumerator",
        "1. Xurtkirina hevahengiyê di navbera hêzan de.",
        ["1. Xurtkirina hevahengiyê di navbera hêzan de."],
    ),
    (
        "before christ before an opener",
        "Di sala 500 b.z. de hat avakirin. Ew hîn jî heye.",
        ["Di sala 500 b.z. de hat avakirin.", "Ew hîn jî heye."],
    ),
    (
        "year ending a sentence",
        "Ev di sala 2021. Piştî wê dîsa qewimî.",
        ["Ev di sala 2021.", "Piştî wê dîsa qewimî."],
    ),
    (
        "colon is not a boundary",
        "Du tişt girîng in: av û elektrîk.",
        ["Du tişt girîng in: av û elektrîk."],
    ),
    (
        "semicolon is not a boundary",
        "Rê vekirî ye; pir ne vekirî ye.",
        ["Rê vekirî ye; pir ne vekirî ye."],
    ),
    (
        "question in a quote then lower case",
        '"Em amade ne?" wî pirsî. Kesî bersiv neda.',
        ['"Em amade ne?" wî pirsî.', "Kesî bersiv neda."],
    ),
    ("three paragraphs", "Yek.\n\nDu.\n\nSê.", ["Yek.", "Du.", "Sê."]),
    (
        "U.S. inside a sentence",
        "Şandeya U.S. gihîşt Hewlêrê. Wê civîn kir.",
        ["Şandeya U.S. gihîşt Hewlêrê.", "Wê civîn kir."],
    ),
]


def _ids(table):
    return [case[0] for case in table]


def _args(table):
    return [case[1:] for case in table]


@pytest.mark.parametrize(("text", "expected"), _args(ENGLISH), ids=_ids(ENGLISH))
def test_english(text, expected):
    assert segment(text, "en") == expected


@pytest.mark.parametrize(("text", "expected"), _args(ARABIC), ids=_ids(ARABIC))
def test_arabic(text, expected):
    assert segment(text, "ar") == expected


@pytest.mark.parametrize(("text", "expected"), _args(SORANI), ids=_ids(SORANI))
def test_sorani(text, expected):
    assert segment(text, "ckb") == expected


@pytest.mark.parametrize(("text", "expected"), _args(KURMANJI), ids=_ids(KURMANJI))
def test_kurmanji(text, expected):
    assert segment(text, "kmr") == expected


@pytest.mark.parametrize(
    ("table", "minimum"), [(ENGLISH, 30), (ARABIC, 30), (SORANI, 30), (KURMANJI, 30)]
)
def test_each_language_has_enough_cases(table, minimum):
    assert len(table) >= minimum


def test_segment_paragraphs_numbers_segments_and_paragraphs():
    segments = segment_paragraphs(["كوردستان. دوو.", "", "سێ"], "ckb")
    assert segments == [
        Segment(0, "كوردستان.", "کوردستان.", 0),
        Segment(1, "دوو.", "دوو.", 0),
        Segment(2, "سێ", "سێ", 2),
    ]


def test_segment_paragraphs_keeps_the_original_text_beside_the_normalized():
    (only,) = segment_paragraphs([f"\u200fالأمـن مستتب.{RLM}"], "ar")
    assert only.text == f"\u200fالأمـن مستتب.{RLM}"
    assert only.normalized == "الأمن مستتب."


def test_segment_accepts_language_aliases():
    assert segment("One. Two.", "eng") == ["One.", "Two."]


ALPHABET = 'ab AB.!?؟،؛«»"()\n ٣٫.5 د م ە ڕ ê ş\u200f\u200c'


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=ALPHABET, max_size=200), lang=st.sampled_from(LANGUAGES))
def test_segmentation_only_splits_it_never_loses_or_adds_text(text, lang):
    sentences = segment(text, lang)
    assert "".join("".join(sentences).split()) == "".join(text.split())
    assert all(s == s.strip() and s for s in sentences)
