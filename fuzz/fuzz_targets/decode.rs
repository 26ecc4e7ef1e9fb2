//! Arbitrary bytes → decode → segment (every split mode), and Markdown extraction: the cheap
//! front of the pipeline, run at a much higher rate than `pipeline`. Spans must be ordered
//! char-boundary slices of the decoded text, blocks likewise.
#![no_main]

use libfuzzer_sys::fuzz_target;
use recoupe::extract::{extract, Limits};
use recoupe::Split;

fuzz_target!(|data: &[u8]| {
    match recoupe::decode::decode(data) {
        Ok(d) => {
            assert!(!d.text.contains('\0'));
            for split in [Split::Sentences, Split::Lines, Split::Paragraphs] {
                let mut at = 0;
                for s in recoupe::segment::segment(&d.text, split) {
                    assert!(at <= s.span.start && s.span.start < s.span.end);
                    assert!(s.span.end <= d.text.len());
                    assert!(d.text.is_char_boundary(s.span.start));
                    assert!(d.text.is_char_boundary(s.span.end));
                    at = s.span.end;
                }
            }
        }
        Err(e) => assert!(!e.to_string().is_empty()),
    }
    if let Ok(e) = extract(data, "a.md", &Limits::default()) {
        for b in &e.blocks {
            assert!(b.start < b.end && b.end <= e.text.len());
            assert!(e.text.is_char_boundary(b.start) && e.text.is_char_boundary(b.end));
        }
    }
});
