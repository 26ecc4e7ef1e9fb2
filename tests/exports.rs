//! Every `--format` of the command line, read back by independent parsers: TEI well-formed
//! (roxmltree) with its witnesses, CSV parsed back (the `csv` crate), CollateX's table shape,
//! HTML with no script and its own CSP, Markdown's sections. The inputs: the five invented
//! accounts of a fire (`e2e/fixtures/accounts/`, with a conflict) and hostile text
//! (`tests/exports/`: markup, a formula, control characters).

#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn root(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

fn accounts() -> Vec<PathBuf> {
    ["blog", "daily", "radio", "weekly", "wire"]
        .iter()
        .map(|n| root(&format!("e2e/fixtures/accounts/{n}.txt")))
        .collect()
}

fn hostile() -> Vec<PathBuf> {
    vec![
        root("tests/exports/hostile.txt"),
        root("tests/exports/plain.txt"),
    ]
}

/// Runs the CLI; panics unless it succeeds.
fn run(args: &[&str], files: &[PathBuf]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_recoupe"))
        .args(args)
        .args(files)
        .output()
        .expect("the recoupe binary runs");
    assert!(
        out.status.success(),
        "recoupe {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

fn json(files: &[PathBuf]) -> Value {
    serde_json::from_str(&run(&["--format", "json"], files)).expect("JSON report")
}

#[test]
fn tei_is_well_formed_with_every_witness_and_every_sentence_once() {
    for files in [accounts(), hostile()] {
        let report = json(&files);
        let tei = run(&["--format", "tei"], &files);
        let doc = roxmltree::Document::parse(&tei).expect("well-formed XML");
        let ns = "http://www.tei-c.org/ns/1.0";
        assert_eq!(doc.root_element().tag_name().namespace(), Some(ns));
        let encoding = doc
            .descendants()
            .find(|n| n.has_tag_name((ns, "variantEncoding")))
            .expect("variantEncoding");
        assert_eq!(encoding.attribute("method"), Some("parallel-segmentation"));
        let witnesses: Vec<&str> = doc
            .descendants()
            .filter(|n| n.has_tag_name((ns, "witness")))
            .filter_map(|n| n.attribute(("http://www.w3.org/XML/1998/namespace", "id")))
            .collect();
        let n_docs = report["documents"].as_array().unwrap().len();
        assert_eq!(witnesses.len(), n_docs);
        // Every rdg names declared witnesses; every app names each witness exactly once.
        let mut told: Vec<String> = vec![String::new(); n_docs];
        for app in doc.descendants().filter(|n| n.has_tag_name((ns, "app"))) {
            let mut seen = Vec::new();
            for rdg in app.children().filter(|n| n.has_tag_name((ns, "rdg"))) {
                for w in rdg.attribute("wit").unwrap().split(' ') {
                    let id = w.strip_prefix('#').expect("a pointer");
                    let k = witnesses.iter().position(|x| *x == id).expect("declared");
                    seen.push(k);
                    let text = rdg.text().unwrap_or("");
                    if !text.is_empty() {
                        told[k].push_str(text);
                        told[k].push(' ');
                    }
                }
            }
            seen.sort_unstable();
            assert_eq!(
                seen,
                (0..n_docs).collect::<Vec<_>>(),
                "each witness once per app"
            );
        }
        // Read witness by witness, the apps give back each account's sentences in order.
        for (k, d) in report["documents"].as_array().unwrap().iter().enumerate() {
            let expected: Vec<String> = d["segments"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| clean(s["text"].as_str().unwrap().trim()))
                .collect();
            assert_eq!(told[k].trim_end(), expected.join(" "), "witness {k}");
        }
        // Transpositions point at apps that exist.
        for link in doc.descendants().filter(|n| n.has_tag_name((ns, "link"))) {
            for target in link.attribute("target").unwrap().split(' ') {
                let id = target.strip_prefix('#').unwrap();
                assert!(doc.descendants().any(|n| n
                    .attribute(("http://www.w3.org/XML/1998/namespace", "id"))
                    == Some(id)));
            }
        }
    }
}

/// What XML can hold of a text: C0 controls (but tab and line ends) become U+FFFD.
fn clean(s: &str) -> String {
    s.chars()
        .map(|c| {
            if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') {
                '\u{fffd}'
            } else {
                c
            }
        })
        .collect()
}

#[test]
fn tei_witnesses_carry_their_sources_and_dates() {
    let tei = run(
        &[
            "--format",
            "tei",
            "--source",
            "blog.txt=Le Blog <b>",
            "--date",
            "daily.txt=2019-01-27",
        ],
        &accounts(),
    );
    let doc = roxmltree::Document::parse(&tei).expect("well-formed XML");
    let texts: Vec<&str> = doc.descendants().filter_map(|n| n.text()).collect();
    assert!(texts.contains(&"Le Blog <b>"), "the source, as text");
    let date = doc
        .descendants()
        .find(|n| n.tag_name().name() == "date")
        .expect("a date");
    assert_eq!(date.attribute("when"), Some("2019-01-27"));
}

#[test]
fn csv_of_links_parses_back_to_the_report() {
    for files in [accounts(), hostile()] {
        let report = json(&files);
        let text = run(&["--format", "csv"], &files);
        assert!(
            text.starts_with('\u{feff}'),
            "a byte-order mark for spreadsheets"
        );
        assert!(text.contains("\r\n"), "CRLF line ends");
        let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
        let headers = reader.headers().unwrap().clone();
        assert_eq!(&headers[0], "link");
        let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
        let links = report["links"].as_array().unwrap();
        assert_eq!(rows.len(), links.len());
        for (row, link) in rows.iter().zip(links) {
            let doc = |side: &str| link[side]["doc"].as_u64().unwrap() as usize;
            let name = |k: usize| report["documents"][k]["name"].as_str().unwrap().to_string();
            assert_eq!(&row[1], name(doc("left")));
            assert_eq!(&row[5], name(doc("right")));
            assert_eq!(&row[9], link["kind"].as_str().unwrap());
            let score: f64 = row[10].parse().unwrap();
            assert!((score - link["score"].as_f64().unwrap()).abs() < 0.0015);
            assert_eq!(
                &row[11],
                if link["moved"].as_bool().unwrap() {
                    "true"
                } else {
                    "false"
                }
            );
            for cell in row.iter() {
                assert!(!cell.starts_with('='), "no live formula: {cell}");
            }
        }
    }
}

#[test]
fn csv_of_facts_lists_every_statement_and_the_conflict() {
    let report = json(&accounts());
    let text = run(&["--format", "csv", "--table", "facts"], &accounts());
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    let statements: usize = report["facts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["statements"].as_array().unwrap().len())
        .sum();
    assert_eq!(rows.len(), statements);
    let conflicting: Vec<&str> = rows
        .iter()
        .filter(|r| &r[4] == "conflict")
        .map(|r| r.get(10).unwrap())
        .collect();
    assert!(
        conflicting.contains(&"Quatre") && conflicting.contains(&"Cinq"),
        "{conflicting:?}"
    );
}

#[test]
fn collatex_table_has_collatex_shape_and_every_sentence_once() {
    for files in [accounts(), hostile()] {
        let report = json(&files);
        let table: Value =
            serde_json::from_str(&run(&["--format", "collatex"], &files)).expect("JSON");
        let witnesses = table["witnesses"].as_array().expect("witnesses");
        let n = report["documents"].as_array().unwrap().len();
        assert_eq!(witnesses.len(), n);
        let mut seen: Vec<Vec<u64>> = vec![Vec::new(); n];
        for column in table["table"].as_array().expect("table") {
            let cells = column.as_array().unwrap();
            assert_eq!(cells.len(), n, "one cell per witness");
            for (k, cell) in cells.iter().enumerate() {
                for token in cell.as_array().unwrap() {
                    assert!(token["t"].is_string());
                    seen[k].push(token["segment"].as_u64().unwrap());
                }
            }
        }
        for (k, d) in report["documents"].as_array().unwrap().iter().enumerate() {
            let count = d["segments"].as_array().unwrap().len() as u64;
            assert_eq!(
                seen[k],
                (0..count).collect::<Vec<_>>(),
                "witness {k} in order, once"
            );
        }
    }
}

#[test]
fn html_runs_nothing_and_escapes_everything_from_the_documents() {
    let html = run(&["--format", "html"], &hostile());
    assert!(html.contains("content=\"default-src 'none'; style-src 'unsafe-inline'\""));
    assert!(
        !html.to_lowercase().contains("<script"),
        "no script element"
    );
    assert!(html.contains("&lt;script&gt;window.__pwned"));
    assert!(!html.contains("<!-- commentaire"));
    let lower = html.to_lowercase();
    for attr in [" onload=", " onerror=", " onclick=", "javascript:"] {
        assert!(!lower.contains(attr), "{attr}");
    }
}

#[test]
fn html_report_has_every_section_conflicts_first() {
    let html = run(&["--format", "html", "--report-lang", "fr"], &accounts());
    let at = |id: &str| {
        html.find(&format!("<section id=\"{id}\">"))
            .unwrap_or_else(|| panic!("section {id}"))
    };
    assert!(at("accounts") < at("conflicts"));
    assert!(at("conflicts") < at("who"));
    assert!(at("who") < at("pairs"));
    assert!(at("pairs") < at("only"));
    assert!(html.contains("<html lang=\"fr\">"));
    assert!(html.contains("Contradictions (1)"));
    assert!(html.contains("<mark class=\"value\">Quatre</mark>"));
    assert!(html.contains("@page{size:A4"));
}

#[test]
fn markdown_escapes_markup_and_has_its_sections() {
    let md = run(&["--format", "md"], &hostile());
    assert!(md.starts_with("# Comparison of 2 accounts"));
    for heading in [
        "## Accounts",
        "## Conflicts",
        "## What all accounts report",
        "## What only one account reports",
    ] {
        assert!(md.contains(heading), "{heading}");
    }
    assert!(md.contains("\\<script\\>"), "markup escaped");
    assert!(!md.contains("<script>"));
}

#[test]
fn text_and_json_stay_as_they_were() {
    let text = run(&[], &accounts());
    assert!(text.contains("conflicts (1):"));
    assert!(text.contains("only in [0] blog.txt"));
    let report = json(&accounts());
    assert_eq!(report["schema"], "recoupe/1");
}

#[test]
fn an_unknown_format_is_refused_with_the_list() {
    let out = Command::new(env!("CARGO_BIN_EXE_recoupe"))
        .args(["--format", "pdf"])
        .args(accounts())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("text, json, html, csv, md, tei, collatex"),
        "{err}"
    );
}

/// The page exports the pair on screen from the comparison of every account: `Report::only`.
#[test]
fn a_pair_cut_from_all_accounts_keeps_its_links_and_its_conflict() {
    use recoupe::report::Report;
    let inputs: Vec<recoupe::Input> = accounts()
        .iter()
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            recoupe::Input::new(name, std::fs::read_to_string(p).unwrap())
        })
        .collect();
    let all = Report::from(&recoupe::compare(&inputs, &recoupe::Config::default()).unwrap());
    // daily (1) says four firemen were hurt, radio (2) five.
    let pair = all.only(&[2, 1]);
    let names: Vec<&str> = pair.documents.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(names, ["daily.txt", "radio.txt"]);
    let expected = all
        .links
        .iter()
        .filter(|l| l.left.doc == 1 && l.right.doc == 2)
        .count();
    assert_eq!(pair.links.len(), expected);
    assert!(pair
        .links
        .iter()
        .all(|l| l.left.doc == 0 && l.right.doc == 1));
    assert_eq!(pair.stats.len(), 1);
    assert_eq!(pair.conflicts.len(), 1);
    let values: Vec<&str> = pair.conflicts[0]
        .statements
        .iter()
        .map(|s| s.value.as_str())
        .collect();
    assert_eq!(values.len(), 2);
    assert!(values.contains(&"4") && values.contains(&"5"), "{values:?}");
    assert!(pair
        .groups
        .iter()
        .all(|g| g.members.len() == 2 && g.accounts == 2));
    for f in &pair.facts {
        assert!(pair.groups.len() > f.group);
        assert!(f.statements.iter().all(|s| s.doc < 2));
    }
    // Two accounts that agree on the count have no conflict between them.
    assert!(all.only(&[2, 4]).conflicts.is_empty());
}

/// TEI valid against the TEI schema: opt-in, because no copy of `tei_all.rng` can be had
/// offline on a fresh machine (npm, PyPI and Debian have none). With `TEI_ALL_RNG=/path/to/
/// tei_all.rng` and Debian's `jing`, the exports of the fire, of hostile text and of a
/// generated pair with moves (transpositions) are validated.
#[test]
fn tei_is_valid_against_the_tei_schema_when_one_is_given() {
    let Ok(schema) = std::env::var("TEI_ALL_RNG") else {
        eprintln!("TEI_ALL_RNG not set: TEI schema validation skipped (well-formedness and structure are tested above)");
        return;
    };
    let dir = std::env::temp_dir().join(format!("recoupe-tei-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut files = Vec::new();
    for (k, inputs) in [accounts(), hostile()].iter().enumerate() {
        let path = dir.join(format!("{k}.tei.xml"));
        std::fs::write(&path, run(&["--format", "tei"], inputs)).unwrap();
        files.push(path);
    }
    let out = Command::new("jing")
        .arg(&schema)
        .args(&files)
        .output()
        .expect("jing runs (apt-get install jing)");
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        out.status.success(),
        "not valid TEI: {}",
        String::from_utf8_lossy(&out.stdout)
    );
}
