"""`markup.to_html` renders what markdown-it-py renders, for every document the site writes.

The page's Python moves to MicroPython, where markdown-it-py cannot run; `worksheets.markup`
is the renderer it uses instead. markdown-it-py stays the reference: every worksheet's
document, filled with any answers its form accepts (and hostile text in its text fields),
and every results panel must come out byte for byte as markdown-it renders it; anything
else must come out safe; and MicroPython must render what CPython renders.
"""

from __future__ import annotations

import json
import re
import string
import unicodedata
from datetime import date
from pathlib import Path

import mdurl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.common.entities import entities
from markdown_it.common.utils import isWhiteSpace, mdTrim

import worksheets
from worksheets import markup, render, view
from worksheets.render import escape_inline, escape_text
from worksheets.schema import Worksheet

ROOT = Path(__file__).resolve().parents[2]
#: The renderer the preview used before, and the one `markup` must match.
REFERENCE = MarkdownIt("commonmark", {"html": False}).enable("table").disable("image")
#: markdown-it with the link departures of `markup` (see `departing`).
DEPARTING = MarkdownIt("commonmark", {"html": False}).enable("table").disable("image")
DEPARTING.validateLink = lambda url: (
    url == "" or url.lower().startswith(("http:", "https:", "mailto:"))
)
DEPARTING.normalizeLink = lambda url: mdurl.encode(url.strip())
DEPARTING.normalizeLinkText = lambda url: mdurl.decode(
    url.strip(), mdurl.DECODE_DEFAULT_CHARS + "%"
)
WORKSHEETS = sorted(worksheets.IDS)

#: Typed text at its worst: markup of every kind, whitespace of every kind, long lines.
HOSTILE = [
    string.punctuation,
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "&amp; &copy; &#65; &#x1F600; &bogus;",
    "**x**",
    "__x__",
    "*x* _y_",
    "# x",
    "###### x #",
    "1. x",
    "2) x",
    "- x",
    "+ x",
    "* x",
    "> x",
    "```",
    "~~~",
    "    indented",
    "\tTab\tinside",
    "   leading spaces",
    "trailing spaces   ",
    "\n",
    "\n\n\n",
    "\r\n",
    "\r",
    "---",
    "===",
    "***",
    "___",
    "end\\",
    "\\",
    "a|b",
    ":-",
    "-:",
    "| a | b |",
    "[a](http://example.org)",
    "![a](http://example.org/p.png)",
    "[a](javascript:alert(1))",
    "<http://example.org>",
    "<me@example.org>",
    "`code`",
    "x" * 400,
    "é",
    "😀",
    "“quoted”",
    "\u00a0",
    "\u2003",
    "\u3000",
    "\x0b\x0c",
    "\x00",
]
ALPHABET = string.printable + "é😀“”«»\u00a0\u2003\u3000。"
TEXT = st.lists(
    st.one_of(st.sampled_from(HOSTILE), st.text(alphabet=ALPHABET, max_size=16)), max_size=8
).map("".join)
DATES = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)).map(date.isoformat)


def reference(markdown: str) -> str:
    html: str = REFERENCE.render(markdown)
    return html


def answer(field: worksheets.schema.Field) -> st.SearchStrategy[str]:
    """Any answer the form accepts for `field` (free text: anything at all)."""
    if field.kind in ("line", "text"):
        return TEXT
    if field.kind == "date":
        return st.one_of(st.just(""), DATES)
    return st.sampled_from([""] + [option.value for option in field.choices()])


def answers(worksheet: Worksheet) -> st.SearchStrategy[dict[str, str]]:
    return st.fixed_dictionaries({field.id: answer(field) for field in worksheet.fields()})


def site_markdown(worksheet: Worksheet, state: view.PageState) -> list[str]:
    """Every Markdown the page renders for `state`: the document with and without results,
    the results panel, each card of a "cards" preview."""
    documents = [view.document(worksheet, state, False), view.document(worksheet, state, True)]
    found = view.results(worksheet, state)
    if found is not None:
        documents.append(found.markdown)
    if worksheet.layout == "cards":  # render.preview_html renders each card on its own
        head, *cards = documents[0].split("\n## ")
        documents += [head] + ["## " + card for card in cards]
    return documents


def assert_renders_as_markdown_it(markdown: str) -> None:
    """Exactly markdown-it's HTML; where markdown-it makes a link, `markup` may depart from it
    only as documented (see `departing`)."""
    html, want = markup.to_html(markdown), reference(markdown)
    if html != want and "<a " in want:
        assert html == departing(markdown), markdown
    else:
        assert html == want, markdown


def departing(markdown: str) -> str:
    """markdown-it's HTML with the link departures `markup` documents: links only to http:,
    https: and mailto: URLs, and URLs percent-encoded and decoded without being re-parsed
    (so without punycode)."""
    html: str = DEPARTING.render(markdown)
    return html


# -- Every document the site writes ------------------------------------------------------------


@pytest.mark.parametrize("worksheet_id", WORKSHEETS)
def test_an_untouched_page_renders_as_markdown_it(worksheet_id):
    worksheet = worksheets.get(worksheet_id)
    for markdown in site_markdown(worksheet, view.untouched(worksheet)):
        assert_renders_as_markdown_it(markdown)


@pytest.mark.parametrize("worksheet_id", WORKSHEETS)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_filled_page_renders_as_markdown_it(worksheet_id, data):
    worksheet = worksheets.get(worksheet_id)
    if worksheet.log:
        entries = data.draw(st.lists(answers(worksheet), max_size=4), label="entries")
        state = view.PageState(data.draw(answers(worksheet)), entries)
    else:
        partner = None
        if worksheet.id in worksheets.COMPARE:
            partner = data.draw(st.none() | answers(worksheet), label="partner")
        state = view.PageState(data.draw(answers(worksheet), label="answers"), None, partner)
    for markdown in site_markdown(worksheet, state):
        assert_renders_as_markdown_it(markdown)


@settings(max_examples=60, deadline=None)
@given(
    first=answers(worksheets.get("balance_check")), second=answers(worksheets.get("balance_check"))
)
def test_every_comparison_renders_as_markdown_it(first, second):
    for compare in map(worksheets.compare_of, worksheets.COMPARE):
        assert_renders_as_markdown_it(compare(first, second).markdown)


@settings(max_examples=150, deadline=None)
@given(text=TEXT)
def test_escaped_typed_text_renders_as_markdown_it(text):
    """Typed text as the documents hold it: in a paragraph, a heading, a table cell, emphasis."""
    line = escape_inline(" ".join(render.words(text)))
    for markdown in (
        escape_text(text),
        f"## {line}",
        f"**{escape_text(text)}**\n\n_{escape_text(text)}_",
        f"| Task | {line} |\n|---|---|\n| {line} | 70% |\n",
    ):
        assert_renders_as_markdown_it(markdown)


@settings(max_examples=150, deadline=None)
@given(name=TEXT, share=st.sampled_from(["0", "10", "90", "100"]))
def test_a_task_name_in_the_labour_split_results_renders_as_markdown_it(name, share):
    """labour_split writes the other task's name into its suggestions unescaped, so inline
    Markdown (links, code, entities, emphasis) reaches the renderer from typed text."""
    found = worksheets.results_of("labour_split")({"other_task_name": name, "other_task": share})
    assert_renders_as_markdown_it(found.markdown)


# -- Exactly this HTML -------------------------------------------------------------------------

EVERY_PUNCTUATION = "".join("\\" + char for char in string.punctuation)

EXACT = [
    ("", ""),
    ("\n\n \n", ""),
    ("# Our agreement\n", "<h1>Our agreement</h1>\n"),
    ("## A section\n\n### An entry\n", "<h2>A section</h2>\n<h3>An entry</h3>\n"),
    ("One\\\nTwo\\\nThree\n", "<p>One<br />\nTwo<br />\nThree</p>\n"),
    ("soft\nbreak", "<p>soft\nbreak</p>\n"),
    ("two spaces  \nbreak", "<p>two spaces<br />\nbreak</p>\n"),
    (EVERY_PUNCTUATION, "<p>!&quot;#$%&amp;'()*+,-./:;&lt;=&gt;?@[\\]^_`{|}~</p>\n"),
    ("ends with a backslash\\", "<p>ends with a backslash\\</p>\n"),
    ("typed \\\\\\\nbackslash", "<p>typed \\<br />\nbackslash</p>\n"),
    (
        "**Partner B: name**\n\nR\\. \\*J\\*\n",
        "<p><strong>Partner B: name</strong></p>\n<p>R. *J*</p>\n",
    ),
    ("**\\*label\\***", "<p><strong>*label*</strong></p>\n"),
    ("_A closing \\_note\\_._", "<p><em>A closing _note_.</em></p>\n"),
    ("_Not filled in yet._\n", "<p><em>Not filled in yet.</em></p>\n"),
    ("***both***", "<p><em><strong>both</strong></em></p>\n"),
    ("snake_case_word and 2*3*4", "<p>snake_case_word and 2<em>3</em>4</p>\n"),
    ("Before\n\n---\n\n_After._\n", "<p>Before</p>\n<hr />\n<p><em>After.</em></p>\n"),
    (
        "| Task | Partner A |\n|---|---|\n| a \\| b | 70% |\n| \\*c\\* |\n",
        "<table>\n<thead>\n<tr>\n<th>Task</th>\n<th>Partner A</th>\n</tr>\n</thead>\n"
        "<tbody>\n<tr>\n<td>a | b</td>\n<td>70%</td>\n</tr>\n"
        "<tr>\n<td>*c*</td>\n<td></td>\n</tr>\n</tbody>\n</table>\n",
    ),
    (
        "| Pattern | Your score |\n|---|---|\n",
        "<table>\n<thead>\n<tr>\n<th>Pattern</th>\n<th>Your score</th>\n</tr>\n</thead>\n</table>\n",
    ),
    (
        "| l | c | r |\n|:--|:-:|--:|\n| 1 | 2 | 3 |",
        '<table>\n<thead>\n<tr>\n<th style="text-align:left">l</th>\n'
        '<th style="text-align:center">c</th>\n<th style="text-align:right">r</th>\n'
        '</tr>\n</thead>\n<tbody>\n<tr>\n<td style="text-align:left">1</td>\n'
        '<td style="text-align:center">2</td>\n<td style="text-align:right">3</td>\n'
        "</tr>\n</tbody>\n</table>\n",
    ),
    (  # typed "x", "y|z", ":-" as escape_text wrote them before it escaped a leading ":":
        # a table to CommonMark
        "x\\\ny\\|z\\\n:-",
        "<p>x\\</p>\n<table>\n<thead>\n<tr>\n"
        '<th style="text-align:left">y|z\\</th>\n</tr>\n</thead>\n</table>\n',
    ),
    (escape_text("x\ny|z\n:-"), "<p>x<br />\ny|z<br />\n:-</p>\n"),  # ...and now: text
    ("- one\n- two\n", "<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n"),
    (
        "1. **Who decides**: a score of 2.0.\n1. **Outside pressure**: 2.3 points apart.\n",
        "<ol>\n<li><strong>Who decides</strong>: a score of 2.0.</li>\n"
        "<li><strong>Outside pressure</strong>: 2.3 points apart.</li>\n</ol>\n",
    ),
    ("3. three\n4. four", '<ol start="3">\n<li>three</li>\n<li>four</li>\n</ol>\n'),
    ("- loose\n\n- list", "<ul>\n<li>\n<p>loose</p>\n</li>\n<li>\n<p>list</p>\n</li>\n</ul>\n"),
    ("- outer\n  - inner", "<ul>\n<li>outer\n<ul>\n<li>inner</li>\n</ul>\n</li>\n</ul>\n"),
    ('<b>bold</b> & "quoted"', "<p>&lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot;</p>\n"),
    ("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n"),
    (
        "![pixel](http://example.org/p.png)",
        '<p>!<a href="http://example.org/p.png">pixel</a></p>\n',
    ),
    ("[x](javascript:alert(1))", "<p>[x](javascript:alert(1))</p>\n"),
    (
        '[a](https://example.org/ö "T&C")',
        '<p><a href="https://example.org/%C3%B6" title="T&amp;C">a</a></p>\n',
    ),
    (
        "<http://example.org/%e2%82%ac>",
        '<p><a href="http://example.org/%e2%82%ac">http://example.org/€</a></p>\n',
    ),
    ("<me@example.org>", '<p><a href="mailto:me@example.org">me@example.org</a></p>\n'),
    ("`<code>` and `` a`b ``", "<p><code>&lt;code&gt;</code> and <code>a`b</code></p>\n"),
    ("&copy; &#65; &#x1F600; &#0; &bogus;", "<p>© A 😀 \ufffd &amp;bogus;</p>\n"),
    ("\\&amp; stays", "<p>&amp;amp; stays</p>\n"),
    ("a\r\nb\rc", "<p>a\nb\nc</p>\n"),
    ("nul\x00here", "<p>nul\ufffdhere</p>\n"),
    ("    code &", "<pre><code>code &amp;\n</code></pre>\n"),
    ("Title\n===", "<h1>Title</h1>\n"),
    ("# closed ##", "<h1>closed</h1>\n"),
    ("#hashtag", "<p>#hashtag</p>\n"),
    ("😀 *é* “**q**”", "<p>😀 <em>é</em> “<strong>q</strong>”</p>\n"),
]


@pytest.mark.parametrize(("markdown", "html"), EXACT)
def test_exact_html(markdown, html):
    assert markup.to_html(markdown) == html
    assert reference(markdown) == html  # the expectation is markdown-it's too


#: Where `markup` differs from markdown-it on purpose or by omission (the module docstring
#: lists them), none of it in anything the site writes: links (as `departing` models them)...
LINK_DEPARTURES = [
    ("[relative](page.html)", "<p>[relative](page.html)</p>\n"),
    ("[ftp](ftp://example.org)", "<p>[ftp](ftp://example.org)</p>\n"),
    ("[a](http://ü.de)", '<p><a href="http://%C3%BC.de">a</a></p>\n'),
    ("<http://xn--tda.de>", '<p><a href="http://xn--tda.de">http://xn--tda.de</a></p>\n'),
]
#: ...and the blocks and entities not ported.
DEPARTURES = [
    ("> quote", "<p>&gt; quote</p>\n"),
    ("```\ncode\n```", "<p><code>code</code></p>\n"),
    ("[x]\n\n[x]: http://example.org", "<p>[x]</p>\n<p>[x]: http://example.org</p>\n"),
    ("&Alpha;", "<p>&amp;Alpha;</p>\n"),
]


@pytest.mark.parametrize(("markdown", "html"), LINK_DEPARTURES + DEPARTURES)
def test_known_departures_from_markdown_it(markdown, html):
    assert markup.to_html(markdown) == html
    assert reference(markdown) != html


@pytest.mark.parametrize(("markdown", "html"), LINK_DEPARTURES)
def test_link_departures_are_the_documented_ones(markdown, html):
    assert departing(markdown) == html


# -- Safe on anything --------------------------------------------------------------------------

ALLOWED_TAGS = {
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "strong",
    "em",
    "br",
    "hr",
    "code",
    "pre",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "ul",
    "ol",
    "li",
    "a",
}
TAG = re.compile(r'<(/?)([a-z0-9]+)((?: (?:href|title|style|start)="[^"<>]*")*)( /)?>')


def assert_safe(html: str) -> None:
    position = html.find("<")
    while position != -1:
        tag = TAG.match(html, position)
        assert tag, html[position : position + 40]
        assert tag.group(2) in ALLOWED_TAGS, tag.group(0)
        for href in re.findall(r'href="([^"]*)"', tag.group(3)):
            assert href == "" or href.lower().startswith(("http:", "https:", "mailto:")), href
        position = html.find("<", tag.end())
    assert "<img" not in html
    assert "<script" not in html


@settings(max_examples=500, deadline=None)
@given(text=st.one_of(st.text(), TEXT, st.text(alphabet="<>[]()!&#;:/\\`*_|-=\n jsavcript")))
def test_anything_renders_safely(text):
    assert_safe(markup.to_html(text))


@pytest.mark.parametrize(
    "hostile",
    [
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](<javascript:alert(1)>)",
        "[x](&#106;avascript:alert(1))",
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
        "<javascript:alert(1)>",
        "<vbscript:msgbox(1)>",
        '[x](http://example.org "\\"><script>alert(1)</script>")',
        "![x](http://example.org/pixel.png)",
        "<img src=x onerror=alert(1)>",
        "<a href='javascript:alert(1)'>x</a>",
    ],
)
def test_no_script_url_or_image_gets_through(hostile):
    html = markup.to_html(hostile)
    assert_safe(html)
    assert 'href="javascript' not in html.lower()


def test_the_safety_check_can_fail():
    with pytest.raises(AssertionError):
        assert_safe('<p><img src="x"></p>')
    with pytest.raises(AssertionError):
        assert_safe('<a href="javascript:alert(1)">x</a>')


# -- The tables behind the characters ----------------------------------------------------------


def test_punctuation_table_is_unicodedata():
    """markdown-it-py asks unicodedata for P* and S*; MicroPython has no unicodedata."""
    markup._is_punct("\u00a1")  # loads the table
    starts, ends = markup._TABLES["punct"]
    ranges: list[list[int]] = []
    for code in range(0x80, 0x110000):
        if unicodedata.category(chr(code))[0] in "PS":
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])
    assert [list(pair) for pair in zip(starts, ends, strict=True)] == ranges
    assert all(markup._is_punct(char) for char in string.punctuation)
    assert not any(markup._is_punct(char) for char in string.ascii_letters + string.digits + " ")


def test_whitespace_and_trimming_are_markdown_its():
    for code in range(0x3001):
        char = chr(code)
        assert markup._is_whitespace(char) == isWhiteSpace(code), hex(code)
        padded = char + "x" + char
        assert markup._trim(padded) == mdTrim(padded), hex(code)
        assert markup._py_strip(padded) == padded.strip(), hex(code)


def test_named_entities_are_markdown_its():
    markup._entity("amp")
    table = markup._TABLES["entities"]
    assert len(table) == 150
    for name, text in table.items():
        assert entities[name] == text, name


# -- The same in MicroPython -------------------------------------------------------------------


def micropython_documents() -> list[str]:
    """A handful of documents: every untouched page, one of each filled with hostile text,
    the exact cases, and arbitrary text."""
    documents = []
    for worksheet_id in WORKSHEETS:
        worksheet = worksheets.get(worksheet_id)
        documents += site_markdown(worksheet, view.untouched(worksheet))
        filled = {}
        for number, field in enumerate(worksheet.fields()):
            choices = [option.value for option in field.choices()]
            if field.kind in ("line", "text"):
                filled[field.id] = "\n".join(HOSTILE[number % 7 :: 7])
            elif field.kind == "date":
                filled[field.id] = "2026-03-0" + str(number % 9 + 1)
            else:
                filled[field.id] = choices[number % len(choices)]
        state = view.PageState(filled, [filled, dict(filled, date="")], dict(filled, role="b"))
        documents += site_markdown(worksheet, state)
    documents += [markdown for markdown, _html in EXACT + LINK_DEPARTURES + DEPARTURES]
    documents.append(max((maximal(worksheets.get(name)) for name in WORKSHEETS), key=len))
    documents += ["".join(HOSTILE[i::5]) for i in range(5)]
    return documents


def maximal(worksheet: Worksheet) -> str:
    """The worksheet's longest document: every answer as long as the form lets it be (and
    hostile), with results, a partner to compare with or three log entries."""
    filler = "".join(HOSTILE)
    filled = {}
    for field in worksheet.fields():
        if field.kind in ("line", "text"):
            filled[field.id] = (filler * (field.max_length // len(filler) + 1))[: field.max_length]
        elif field.kind == "date":
            filled[field.id] = "2026-01-31"
        else:
            filled[field.id] = field.choices()[-1].value
    state = view.PageState(filled, [filled] * 3, filled)
    return view.document(worksheet, state, True)


def test_micropython_renders_what_cpython_renders(micropython):
    documents = micropython_documents()
    expected = [markup.to_html(document) for document in documents]
    largest = max(range(len(documents)), key=lambda i: len(documents[i]))
    check = (
        "import json, time\n"
        "from worksheets.markup import to_html\n"
        "DOCUMENTS = json.loads(open('/app/input.json').read())\n"
        "RESULTS = [to_html(document) for document in DOCUMENTS]\n"
        "start = time.ticks_ms()\n"
        f"to_html(DOCUMENTS[{largest}])\n"
        "print(json.dumps([RESULTS, time.ticks_diff(time.ticks_ms(), start)]))\n"
    )
    out = micropython(check, data=documents)
    results, milliseconds = json.loads(out.strip().splitlines()[-1], strict=False)
    assert len(results) == len(documents)
    for document, got, want in zip(documents, results, expected, strict=True):
        assert got == want, document
    print(f"MicroPython: {len(documents[largest])} characters in {milliseconds} ms")
