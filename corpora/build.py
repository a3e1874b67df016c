"""Render the sample reports from their units files, and write their gold alignments.

    PYTHONPATH=. python corpora/build.py

For every `corpora/<report>/<report>.units.toml` this writes the four language versions
(`<report>.<lang>.<ext>`, each in the format and encoding its [report] table names, with the
page furniture a real copy would carry) and one gold bead file per language pair
(`<report>.<src>-<tgt>.gold`, `[0]:[0, 1]` per line, 0-based indices of the segments
`workbench ingest` makes of each version). It then ingests every version and checks that
the segments are exactly the units' sentences, so the gold indices are right.
"""

from __future__ import annotations

import html
import io
import itertools
import sys
import textwrap
import tomllib
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from workbench.text.ingest import read_document  # noqa: E402
from workbench.text.languages import LANGUAGES, is_rtl  # noqa: E402
from workbench.text.normalize import normalize  # noqa: E402

RLM = "\u200f"
NBSP = "\u00a0"
MONTHS = {
    "en": "January February March April May June July August September October November December",
    "ar": "كانون_الثاني شباط آذار نيسان أيار حزيران تموز آب أيلول تشرين_الأول تشرين_الثاني كانون_الأول",
    "ckb": "کانوونی_دووەم شوبات ئازار نیسان ئایار حوزەیران تەممووز ئاب ئەیلوول تشرینی_یەکەم "
    "تشرینی_دووەم کانوونی_یەکەم",
    "kmr": "Çile Sibat Adar Nîsan Gulan Hezîran Tîrmeh Tebax Îlon Cotmeh Mijdar Kanûna_Pêşîn",
}
SITE = {"en": "Zagros Monitor", "ar": "زاغروس مونيتور", "ckb": "زاگرۆس مۆنیتەر", "kmr": "Zagros Monitor"}
# What a copied page carries after the article, in each language: the closing block opens
# with a marker, lists other stories, then advertises the app.
CLOSING = {
    "en": ["see more", "Most read", "Flood warnings issued for Erbil and Duhok",
           "Oil exports resume through Ceyhan pipeline", "The News in your pocket", "Download",
           "Logo Application", "Play Store App Store Logo"],
    "ar": ["اقرأ المزيد", "الأكثر قراءة", "تحذيرات من فيضانات في أربيل ودهوك",
           "استئناف صادرات النفط عبر خط جيهان", "الأخبار في جيبك", "تحميل", "Play Store App Store Logo"],
    "ckb": ["زیاتر ببینە", "زۆرترین خوێنراو", "ئاگاداری لە لافاو لە هەولێر و دهۆک",
            "هەناردەی نەوت لە ڕێگەی جەیهانەوە دەستی پێکردەوە", "هەواڵ لە گیرفانتدا", "داگرتن",
            "Play Store App Store Logo"],
    "kmr": ["Bêtir bibîne", "Yên herî zêde hatine xwendin", "Hişyariya lehiyê li Hewlêr û Dihokê",
            "Hinardekirina petrolê di ser Ceyhanê re dest pê kir", "Nûçe di bêrîka te de", "Daxîne",
            "Play Store App Store Logo"],
}
NAV = {
    "en": ["Home", "Iraq", "Kurdistan", "Economy", "Health"],
    "ar": ["الرئيسية", "العراق", "كوردستان", "اقتصاد", "صحة"],
}
RELATED = {
    "en": "Read also: Kirkuk council seats: what changed since 2005",
    "ar": "اقرأ أيضاً: هجوم على نقطة تفتيش جنوب كركوك",
}
HTML_FOOTER = {
    "en": ["Share: Facebook | Twitter | WhatsApp", "Download the app", "All rights reserved © 2023 Zagros Monitor"],
    "ar": ["شارك", "حمّل التطبيق", "جميع الحقوق محفوظة © 2023 زاغروس مونيتور"],
}


def main() -> None:
    for units_file in sorted(HERE.glob("*/*.units.toml")):
        build(units_file)


def build(units_file: Path) -> None:
    spec = tomllib.loads(units_file.read_text(encoding="utf-8"))
    report, units = spec["report"], spec["unit"]
    folder = units_file.parent
    for lang in LANGUAGES:
        form = report["formats"][lang]
        path = folder / f"{report['name']}.{lang}.{form.rsplit('.', 1)[-1]}"
        RENDER[form](path, lang, report, paragraphs(units, lang))
        check(path, lang, report, units)
    for src, tgt in itertools.combinations(LANGUAGES, 2):
        gold = folder / f"{report['name']}.{src}-{tgt}.gold"
        gold.write_text("".join(f"{bead}\n" for bead in beads(units, src, tgt)), encoding="utf-8")
    print(f"built {report['name']}")


# --- the content ------------------------------------------------------------------------


def sentences(units: list[dict], lang: str) -> list[tuple[str, set[int]]]:
    """The sentences of a version, each with the units it says."""
    found: list[tuple[str, set[int]]] = []
    for number, unit in enumerate(units):
        value = unit.get(lang, "")
        if value == "^":
            found[-1][1].add(number)
        elif value:
            found.extend((text, {number}) for text in ([value] if isinstance(value, str) else value))
    return found


def paragraphs(units: list[dict], lang: str) -> list[list[str]]:
    """Sentences grouped into paragraphs (a unit with `paragraph = true` opens one)."""
    grouped: list[list[str]] = []
    for number, unit in enumerate(units):
        value = unit.get(lang, "")
        if unit.get("paragraph") or not grouped:
            grouped.append([])
        if value and value != "^":
            grouped[-1].extend([value] if isinstance(value, str) else value)
        del number
    return [p for p in grouped if p]


def beads(units: list[dict], src: str, tgt: str) -> list[str]:
    """Pairwise beads: sentences of the two versions joined when they share a unit."""
    left, right = sentences(units, src), sentences(units, tgt)
    groups: list[tuple[list[int], list[int], int]] = []
    for number in range(len(units)):
        a = [i for i, (_, covered) in enumerate(left) if number in covered]
        b = [j for j, (_, covered) in enumerate(right) if number in covered]
        if not a and not b:
            continue
        for group in groups:  # a merge in either version joins this unit to an earlier bead
            if set(a) & set(group[0]) or set(b) & set(group[1]):
                group[0].extend(i for i in a if i not in group[0])
                group[1].extend(j for j in b if j not in group[1])
                break
        else:
            groups.append((a, b, number))
    return [f"[{', '.join(map(str, a))}]:[{', '.join(map(str, b))}]" for a, b, _ in groups]


def check(path: Path, lang: str, report: dict, units: list[dict]) -> None:
    document = read_document(path, lang)
    got = [s.normalized for s in document.segments]
    want = [normalize(text, lang) for text, _ in sentences(units, lang)]
    if got != want:
        for i, (g, w) in enumerate(itertools.zip_longest(got, want)):
            if g != w:
                sys.exit(f"{path.name}: segment {i} is\n  {g}\nnot\n  {w}")
    if document.date != report["date"]:
        sys.exit(f"{path.name}: date {document.date!r}, not {report['date']!r}")


# --- the versions -----------------------------------------------------------------------


def dateline(lang: str, report: dict) -> str:
    year, month, day = (int(x) for x in report["date"].split("-"))
    name = MONTHS[lang].split()[month - 1].replace("_", " ")
    place = report["place"][lang]
    if lang == "en":
        return f"{place} 10:12 AM - {report['date']}"
    if lang == "ckb":
        return f"{place} - {arabic_digits(day)}ی {name}ی {arabic_digits(year)}"
    if lang == "kmr":
        return f"{place} - {day}ê {name}ê {year}"
    return f"{place} - {day} {name} {year}"


def arabic_digits(number: int) -> str:
    return str(number).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))


def joined(paragraph: list[str]) -> str:
    return " ".join(paragraph)


def render_scraped(path: Path, lang: str, report: dict, paras: list[list[str]]) -> None:
    """A page copied from a browser: dot lines, NBSP lines, the site name, the closing block."""
    title, *body = paras
    lines = [joined(title), "", dateline(lang, report), ".", "", ".", ""]
    for paragraph in body:
        lines += [joined(paragraph), "", NBSP, ""]
    lines += [NBSP, "", SITE[lang] + NBSP, ""]
    lines += [item for line in CLOSING[lang][:-1] for item in (line, "")] + [CLOSING[lang][-1]]
    write(path, "\n".join(lines), "utf-8")


def render_html(path: Path, lang: str, report: dict, paras: list[list[str]]) -> None:
    title, *body = paras
    e = html.escape
    direction = "rtl" if is_rtl(lang) else "ltr"
    nav = "".join(f'<li><a href="/{i}">{e(item)}</a></li>' for i, item in enumerate(NAV[lang]))
    article = [f"<p>{e(joined(p))}</p>" for p in body]
    article.insert(3, f'<p class="related"><a href="/related">{e(RELATED[lang])}</a></p>')
    stories = "".join(f'<li><a href="/s{i}">{e(s)}</a></li>' for i, s in enumerate(CLOSING[lang][2:4]))
    footer = "".join(f"<p>{e(line)}</p>" for line in HTML_FOOTER[lang])
    page = f"""<!DOCTYPE html>
<html lang="{lang}" dir="{direction}">
<head>
<meta charset="utf-8">
<title>{e(joined(title))} | {e(SITE[lang])}</title>
<meta property="og:title" content="{e(joined(title))}">
<meta property="article:published_time" content="{report['date']}T10:12:00+03:00">
</head>
<body>
<header><a class="logo" href="/">{e(SITE[lang])}</a><nav><ul>{nav}</ul></nav></header>
<main>
<article>
<h1>{e(joined(title))}</h1>
<div class="meta"><span>{e(report['place'][lang])}</span> <time datetime="{report['date']}">{e(dateline(lang, report))}</time></div>
{chr(10).join(article)}
</article>
<aside><h2>{e(CLOSING[lang][1])}</h2><ul>{stories}</ul></aside>
</main>
<footer>{footer}</footer>
</body>
</html>
"""
    write(path, page, "utf-8")


def render_markdown(path: Path, lang: str, report: dict, paras: list[list[str]]) -> None:
    title, *body = paras
    wrapped = [textwrap.fill(joined(p), width=90, break_long_words=False) for p in body]
    write(path, "\n\n".join([f"# {joined(title)}", f"*{dateline(lang, report)}*", *wrapped]) + "\n", "utf-8")


def render_text(encoding: str, *, rlm: bool = False, newline: str = "\n"):
    def render(path: Path, lang: str, report: dict, paras: list[list[str]]) -> None:
        title, *body = paras
        blocks = [joined(title), dateline(lang, report)]
        for paragraph in body:
            if rlm:  # as Sorani pages pasted from a browser often are
                paragraph = [s + RLM if i % 2 else s for i, s in enumerate(paragraph)]
                blocks.append(RLM + joined(paragraph))
            else:
                blocks.append(joined(paragraph))
        write(path, newline.join(("\n\n".join(blocks) + "\n").split("\n")), encoding)

    return render


def render_docx(path: Path, lang: str, report: dict, paras: list[list[str]]) -> None:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    title, *body = paras
    document = docx.Document()
    document.core_properties.title = joined(title)
    document.core_properties.author = "workbench sample corpus"
    heading = document.add_heading(joined(title), level=0)
    for paragraph in [heading, document.add_paragraph(dateline(lang, report))]:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT if is_rtl(lang) else None
    for block in body:
        paragraph = document.add_paragraph(joined(block))
        if is_rtl(lang):
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    buffer = io.BytesIO()
    document.save(buffer)
    path.write_bytes(stable_zip(buffer.getvalue()))


def stable_zip(data: bytes) -> bytes:
    """The same .docx bytes on every build: fixed member times (python-docx stamps 'now')."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2023, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


def write(path: Path, text: str, encoding: str) -> None:
    partial = path.with_name(path.name + ".partial")
    partial.write_bytes(text.encode(encoding))
    partial.replace(path)


RENDER = {
    "scraped.txt": render_scraped,
    "html": render_html,
    "md": render_markdown,
    "docx": render_docx,
    "cp1256.txt": render_text("cp1256", newline="\r\n"),
    "bom.txt": render_text("utf-8-sig", rlm=True),
    "utf16.txt": render_text("utf-16", newline="\r\n"),
}

if __name__ == "__main__":
    main()
