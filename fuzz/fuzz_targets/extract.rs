//! Arbitrary bytes → extract (as .txt, .md, .html or .docx, by the first byte) → compare
//! with a fixed account. PDF is left out: pdf-extract's own panics are caught by
//! `extract` on a thread, which libFuzzer's abort-on-panic hook would report anyway.
#![no_main]

use libfuzzer_sys::fuzz_target;
use recoupe::extract::{extract, Limits};
use recoupe::{Config, Input};

const NAMES: [&str; 5] = ["a.txt", "a.md", "a.html", "a.docx", "noext"];
const PARTNER: &str =
    "The Council met in Brussels on 8 December 2025. The next meeting is in Canada.";

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let name = NAMES[selector as usize % NAMES.len()];
    if rest.starts_with(b"%PDF-") || rest.windows(5).take(1024).any(|w| w == b"%PDF-") {
        return;
    }
    let limits = Limits {
        max_file_bytes: 1 << 20,
        max_text_bytes: 1 << 20,
        max_total_bytes: 1 << 22,
        max_unpacked_bytes: 1 << 22,
    };
    match extract(rest, name, &limits) {
        Ok(e) => {
            for b in &e.blocks {
                assert!(b.start < b.end && b.end <= e.text.len());
                assert!(e.text.is_char_boundary(b.start) && e.text.is_char_boundary(b.end));
            }
            let inputs = [Input::new(name, e.text), Input::new("partner.txt", PARTNER)];
            let comparison = recoupe::compare(&inputs, &Config::default()).expect("two documents");
            let _ = recoupe::report::Report::from(&comparison).to_json();
        }
        Err(e) => assert!(!e.to_string().is_empty()),
    }
});
