//! The messy real-world and hostile files of `tests/corpus/` (written by
//! `tests/corpus/generate.py`; its README says what each one is) run through the command
//! line: each one is either read, with the text we expect and nothing else, or refused with
//! exit code 2 and a message naming the file and saying why.

#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn corpus(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus")
        .join(rel)
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(files: &[&Path]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_recoupe"))
        .args(["--format", "json"])
        .args(files)
        .output()
        .expect("the recoupe binary runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Compares `rel` with the partner text; returns the text of its segments, one per line.
fn read_ok(rel: &str) -> String {
    let file = corpus(rel);
    let r = run(&[&file, &corpus("text/partner.txt")]);
    assert_eq!(
        r.code, 0,
        "{rel}: expected a report, got exit {} and stderr {}",
        r.code, r.stderr
    );
    assert!(!r.stderr.contains("panicked"), "{rel}: {}", r.stderr);
    let report: Value = serde_json::from_str(&r.stdout).expect("a JSON report");
    let segments = report["documents"][0]["segments"]
        .as_array()
        .expect("segments");
    assert!(!segments.is_empty(), "{rel}: no segments");
    segments
        .iter()
        .map(|s| s["text"].as_str().unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Compares `rel` with the partner text; expects exit 2 and returns stderr.
fn refused(rel: &str) -> String {
    let file = corpus(rel);
    let r = run(&[&file, &corpus("text/partner.txt")]);
    assert_eq!(
        r.code, 2,
        "{rel}: expected a refusal (exit 2), got {} with stdout {}",
        r.code, r.stdout
    );
    assert!(r.stdout.is_empty(), "{rel}: a refusal prints no report");
    assert!(!r.stderr.contains("panicked"), "{rel}: {}", r.stderr);
    let name = file.file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        r.stderr.contains(&name),
        "{rel}: the message names the file: {}",
        r.stderr
    );
    assert_eq!(
        r.stderr.trim_end().lines().count(),
        1,
        "{rel}: one line: {}",
        r.stderr
    );
    r.stderr
}

const FRENCH: &str = "s’est réuni à Bruxelles le 8 décembre 2025";

#[test]
fn encodings_are_decoded_to_the_same_text() {
    for rel in [
        "text/utf8-bom.txt",
        "text/utf16le-bom.txt",
        "text/utf16be-bom.txt",
    ] {
        let text = read_ok(rel);
        assert!(text.contains(FRENCH), "{rel}: {text}");
        assert!(
            text.starts_with("Le Conseil"),
            "{rel}: the BOM is not text: {text:?}"
        );
    }
    let text = read_ok("text/windows-1252-fr.txt");
    assert!(
        text.contains(FRENCH) && text.contains("câbles sous-marins"),
        "{text}"
    );
}

#[test]
fn crlf_and_cr_line_endings_make_the_same_segments() {
    let lf = read_ok("text/partner.txt");
    for rel in ["text/crlf.txt", "text/cr-only.txt"] {
        let text = read_ok(rel);
        assert_eq!(text.lines().count(), lf.lines().count(), "{rel}: {text:?}");
        assert!(text.contains("8 December 2025."), "{rel}");
    }
}

#[test]
fn empty_files_are_refused() {
    assert!(refused("text/empty.txt").contains("the file is empty"));
    assert!(refused("text/whitespace-only.txt").contains("the file is empty"));
}

#[test]
fn binary_files_are_refused_with_what_they_are() {
    assert!(refused("refused/nul-bytes.txt").contains("NUL byte"));
    assert!(refused("refused/png-named.txt").contains("PNG image"));
    assert!(refused("refused/old-word.doc").contains("save it as .docx"));
    assert!(refused("refused/spreadsheet.docx").contains("Excel workbook"));
}

#[test]
fn damaged_files_are_refused_not_crashed() {
    assert!(refused("refused/truncated.docx").contains("damaged"));
    assert!(refused("refused/damaged.pdf").contains("PDF"));
}

#[test]
fn zip_bombs_stop_at_the_unpacked_limit() {
    // One declares its real size, the other lies about it: both stop at the limit.
    for rel in ["refused/zip-bomb.docx", "refused/zip-bomb-lying.docx"] {
        assert!(
            refused(rel).contains("unpacks to more than the limit"),
            "{rel}"
        );
    }
}

#[test]
fn a_file_over_the_size_limit_is_refused_with_the_limit() {
    let dir = std::env::temp_dir().join(format!("recoupe-corpus-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let big = dir.join("huge.txt");
    let line = "The Council met in Brussels on 8 December 2025.\n";
    let size = recoupe::extract::MAX_FILE_BYTES as usize + 1;
    std::fs::write(&big, line.repeat(size / line.len() + 1)).unwrap();
    let r = run(&[&big, &corpus("text/partner.txt")]);
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("huge.txt") && r.stderr.contains("limit of 16 MB per file"),
        "{}",
        r.stderr
    );
}

#[test]
fn markdown_keeps_headings_and_items_and_drops_markup() {
    let text = read_ok("formats/article.md");
    assert!(
        text.lines()
            .any(|l| l == "EU–Canada Digital Partnership Council"),
        "{text}"
    );
    assert!(
        text.lines()
            .any(|l| l == "cooperation on artificial intelligence"),
        "{text}"
    );
    for markup in ["**", "](", "front matter", "raw html", "<div", "#"] {
        assert!(!text.contains(markup), "{markup:?} in {text}");
    }
}

#[test]
fn word_documents_give_paragraphs_headings_and_items_without_deletions() {
    let text = read_ok("formats/report.docx");
    assert!(
        text.contains(
            "Le Conseil s’est réuni à Bruxelles le 8 décembre 2025 & a adopté une déclaration."
        ),
        "{text}"
    );
    assert!(
        text.lines()
            .any(|l| l == "Conseil de partenariat numérique"),
        "{text}"
    );
    assert!(text.lines().any(|l| l == "Câbles sous-marins"), "{text}");
    assert!(
        !text.contains("hier"),
        "a tracked deletion is not text: {text}"
    );
}

#[test]
fn pdf_text_layer_is_read() {
    let text = read_ok("formats/statement.pdf");
    assert!(
        text.contains("The Council met in Brussels on 8 December 2025."),
        "{text}"
    );
    assert!(
        text.contains("Ministers welcomed progress on artificial intelligence."),
        "{text}"
    );
}

#[test]
fn a_printed_pdf_of_several_pages_is_read() {
    // pdf-extract splits some words at accented letters in this Chromium-made PDF
    // ("numé rique"); the page's pdf.js does not (e2e/hostile.spec.mjs).
    let text = read_ok("formats/press-release.pdf");
    assert!(text.contains("Communiqué de presse"), "{text}");
    assert!(text.contains("Evan Solomon"), "{text}");
}

#[test]
fn pdfs_without_readable_text_are_refused_with_the_reason() {
    assert!(refused("refused/password.pdf").contains("password"));
    assert!(refused("refused/scanned.pdf").contains("scanned image"));
}

#[test]
fn pdf_scripts_and_actions_are_ignored_and_the_text_is_read() {
    let text = read_ok("hostile/pdf-actions.pdf");
    assert!(
        text.contains("The Council met in Brussels on 8 December 2025."),
        "{text}"
    );
    assert!(!text.contains("app.alert"), "{text}");
}

#[test]
fn a_saved_news_page_gives_the_article_only() {
    let text = read_ok("formats/news-page.html");
    assert!(
        text.contains("met in Brussels on 8 December 2025"),
        "{text}"
    );
    assert!(
        text.contains(
            "An expert group on submarine cable security will report before the next meeting."
        ),
        "{text}"
    );
    for furniture in [
        "cookies",
        "Accept all",
        "Most read",
        "Leave a Comment",
        "All rights reserved",
        "Subscribe",
        "dataLayer",
        "Sport",
    ] {
        assert!(!text.contains(furniture), "{furniture:?} in {text}");
    }
}

#[test]
fn an_html_page_declaring_latin1_is_decoded_with_it() {
    let text = read_ok("formats/latin1-page.html");
    assert!(
        text.contains("réuni à Bruxelles le 8 décembre 2025"),
        "{text}"
    );
}

#[test]
fn hostile_html_gives_its_text_and_none_of_its_code() {
    for rel in [
        "hostile/script-tags.html",
        "hostile/event-handlers.html",
        "hostile/remote-resources.html",
        "hostile/svg-script.html",
    ] {
        let text = read_ok(rel);
        assert!(text.contains("8 December 2025"), "{rel}: {text}");
        assert!(text.contains("Canada in 2026"), "{rel}: {text}");
        for code in [
            "<script",
            "onerror",
            "onload",
            "evil.example",
            "<img",
            "<iframe",
        ] {
            assert!(!text.contains(code), "{rel}: {code:?} in {text}");
        }
    }
}

#[test]
fn markup_written_as_text_stays_text_and_form_fields_are_dropped() {
    let text = read_ok("hostile/mutation-xss.html");
    assert!(text.contains("Canada in 2026"), "{text}");
    // `&lt;script&gt;` in the page is text about a script tag: it is kept, as text.
    assert!(text.contains("<script>window.__pwned"), "{text}");
    for code in ["<img", "onerror", "<noscript"] {
        assert!(!text.contains(code), "{code:?} in {text}");
    }
}

#[test]
fn hostile_markdown_drops_raw_html() {
    let text = read_ok("hostile/markdown-html.md");
    assert!(
        text.contains("The Council met in Brussels on 8 December 2025."),
        "{text}"
    );
    for code in ["<script", "<img", "onerror"] {
        assert!(!text.contains(code), "{code:?} in {text}");
    }
}

#[test]
fn an_svg_image_is_refused() {
    assert!(refused("hostile/drawing.svg").contains("SVG image"));
}

#[test]
fn refusals_under_format_json_are_one_json_line_with_a_code() {
    for (rel, code) in [
        ("refused/png-named.txt", "binary"),
        ("refused/nul-bytes.txt", "nul-byte"),
        ("refused/old-word.doc", "old-format"),
        ("refused/spreadsheet.docx", "not-docx"),
        ("refused/truncated.docx", "damaged"),
        ("refused/zip-bomb.docx", "unpacked-too-large"),
        ("text/empty.txt", "empty"),
    ] {
        let line = refused(rel);
        let v: Value = serde_json::from_str(line.trim()).expect("a JSON line");
        assert_eq!(v["error"]["code"], code, "{rel}: {line}");
        assert!(v["file"].as_str().unwrap_or("").ends_with(rel), "{line}");
        assert!(!v["error"]["message"].as_str().unwrap_or("").is_empty());
    }
}
