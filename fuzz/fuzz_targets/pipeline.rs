//! Arbitrary bytes → read (decode, Markdown, .docx) → segment → align → groups → facts → report
//! → every export format (and the pair cut from it), for two to four
//! documents cut from the input (some with a date), under a configuration chosen by the
//! first byte. The same bytes also go in as one `recoupe batch` line
//! (`recoupe::batch::run_line_bytes`), which must answer with one line of JSON. Nothing may panic, and the report must keep its invariants (segments are
//! slices of the text, links in range, groups and facts point at real segments, values'
//! offsets on char boundaries of their segment).
#![no_main]

use libfuzzer_sys::fuzz_target;
use recoupe::{Config, Input, LangChoice, Split};

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let config = Config {
        split: match selector % 3 {
            0 => Split::Sentences,
            1 => Split::Lines,
            _ => Split::Paragraphs,
        },
        lang: match (selector / 3) % 3 {
            0 => LangChoice::Auto,
            1 => LangChoice::French,
            _ => LangChoice::English,
        },
        threshold: [0.0, 0.1, 0.25, 0.5, 1.0][(selector as usize / 9) % 5],
        ignore_case: selector & 0x40 != 0,
        ignore_accents: selector & 0x80 != 0,
        ignore_punctuation: selector & 0x20 != 0,
        ..Config::default()
    };
    // The bytes as one batch line (JSON Lines): one output line, a report or an error.
    let (line, _) = recoupe::batch::run_line_bytes(
        rest,
        1,
        &config,
        &recoupe::extract::Limits::default(),
    );
    assert!(line.starts_with('{') && line.ends_with('}') && !line.contains('\n'));
    // Documents are separated by a 0xFF byte (never valid UTF-8), else the input is halved.
    let mut parts: Vec<&[u8]> = rest.splitn(4, |&b| b == 0xFF).collect();
    if parts.len() == 1 {
        let half = rest.len() / 2;
        parts = vec![&rest[..half], &rest[half..]];
    }
    let mut inputs = Vec::new();
    for (k, bytes) in parts.iter().enumerate() {
        // The one reader, as the page and the command line call it, as text, Markdown or .docx.
        let name = format!("doc{k}.{}", ["txt", "md", "docx"][(selector as usize / 5 + k) % 3]);
        let input = match recoupe::extract::read(&name, bytes) {
            Ok(d) => Input::new(name, d.text),
            Err(e) => {
                assert!(!e.to_string().is_empty() && !e.code().is_empty());
                Input::new(name, String::from_utf8_lossy(bytes))
            }
        };
        // Some accounts dated (relative dates resolve against it), near the calendar's ends too.
        let date = match (selector as usize + k) % 4 {
            0 => recoupe::facts::Date::parse_iso("2019-01-27"),
            1 => recoupe::facts::Date::parse_iso("1000-01-01"),
            2 => recoupe::facts::Date::parse_iso("2999-12-31"),
            _ => None,
        };
        inputs.push(match date {
            Some(d) => input.with_date(d),
            None => input,
        });
    }
    let Ok(comparison) = recoupe::compare(&inputs, &config) else {
        return;
    };
    let report = recoupe::report::Report::from(&comparison);
    let json = report.to_json();
    assert!(json.starts_with('{'));
    for doc in &comparison.documents {
        for s in &doc.segments {
            assert!(s.span.start <= s.span.end && s.span.end <= doc.text.len());
            assert!(
                doc.text.is_char_boundary(s.span.start) && doc.text.is_char_boundary(s.span.end)
            );
        }
    }
    for link in &comparison.links {
        assert!(link.left.doc < link.right.doc && link.right.doc < comparison.documents.len());
        assert!(link.left.segments.end <= comparison.documents[link.left.doc].segments.len());
        assert!(link.right.segments.end <= comparison.documents[link.right.doc].segments.len());
    }
    let n = comparison.documents.len();
    for g in &comparison.groups {
        assert!(g.members.len() >= 2);
        for m in &g.members {
            assert!(m.doc < n);
            assert!(m.segments.iter().all(|&s| s < comparison.documents[m.doc].segments.len()));
        }
    }
    let statements = comparison
        .facts
        .iter()
        .flat_map(|f| &f.statements)
        .chain(comparison.conflicts.iter().flat_map(|c| &c.statements));
    for s in statements {
        let doc = &comparison.documents[s.doc];
        let text = doc.segment_text(s.segment);
        assert_eq!(text.get(s.start..s.end), Some(s.text.as_str()));
    }
    for f in &comparison.facts {
        assert!(f.group < comparison.groups.len());
        assert!(f.conflict.is_none_or(|c| c < comparison.conflicts.len()));
    }
    for (id, c) in comparison.conflicts.iter().enumerate() {
        assert!(c.group < comparison.groups.len());
        let docs: std::collections::BTreeSet<usize> = c.statements.iter().map(|s| s.doc).collect();
        assert!(docs.len() >= 2, "conflict {id} has one account");
    }

    // Every export renders; TEI is well-formed XML and CollateX JSON parses; the reading
    // order of TEI and CollateX gives every account's segments once, in order; a pair cut
    // from the report points at real segments.
    use recoupe::render::{self, Format, Options, Table};
    let options = Options {
        table: if selector & 1 == 0 { Table::Links } else { Table::Facts },
        ..Options::default()
    };
    for format in Format::ALL {
        let out = render::render(&report, format, &options);
        match format {
            Format::Tei => {
                if let Err(e) = roxmltree::Document::parse(&out) {
                    panic!("TEI not well-formed: {e}");
                }
            }
            Format::Collatex | Format::Json => {
                assert!(serde_json::from_str::<serde_json::Value>(&out).is_ok());
            }
            _ => {}
        }
    }
    let alignment = render::table::align(&report);
    for (doc, d) in report.documents.iter().enumerate() {
        let order: Vec<usize> = alignment
            .columns
            .iter()
            .filter_map(|c| c.cells[doc].clone())
            .flatten()
            .collect();
        assert_eq!(order, (0..d.segments.len()).collect::<Vec<_>>());
    }
    let pair = report.only(&[n - 1, 0]);
    for l in &pair.links {
        assert!(l.left.doc < l.right.doc && l.right.doc < pair.documents.len());
    }
    for f in &pair.facts {
        assert!(f.group < pair.groups.len());
        assert!(f.conflict.is_none_or(|c| c < pair.conflicts.len()));
        for s in &f.statements {
            assert!(s.segment < pair.documents[s.doc].segments.len());
        }
    }
});
