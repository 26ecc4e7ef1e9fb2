//! Cutting a text into paragraphs, sentences, headings and list items.
//!
//! Every span is a trimmed byte range of the original text: nothing is rewritten, so the
//! text between spans (the gaps) plus the spans rebuild the input exactly.

use crate::config::Split;
use crate::model::{Segment, SegmentKind, Span};

/// Words that end with a full stop without ending a sentence (compared lower-cased,
/// without the dot). French and English.
const ABBREVIATIONS: &[&str] = &[
    "m", "mm", "mme", "mmes", "mlle", "mlles", "dr", "pr", "me", "st", "ste", "p", "pp", "ex",
    "etc", "cf", "av", "apr", "env", "art", "al", "vol", "chap", "éd", "ed", "fig", "no", "n°",
    "nº", "tél", "tel", "min", "max", "approx", "janv", "jan", "févr", "fév", "fevr", "feb",
    "mars", "mar", "avr", "juil", "jul", "jun", "aug", "sept", "sep", "oct", "nov", "déc", "dec",
    "mr", "mrs", "ms", "prof", "inc", "ltd", "co", "corp", "vs", "jr", "sr", "gen", "sen", "rep",
    "gov", "mt", "u.s", "u.k", "e.g", "i.e", "a.m", "p.m", "j.-c", "ca", "resp", "dept", "hon",
    "mgr", "s.a", "s.a.r.l", "bd", "boul", "ch", "sq", "c.-à-d", "c-à-d", "coll",
];

/// Characters that may follow a final mark and still belong to the sentence.
fn is_closing(c: char) -> bool {
    matches!(c, '»' | '”' | '"' | '’' | '\'' | ')' | ']' | '›' | '“')
}

fn is_opening(c: char) -> bool {
    matches!(
        c,
        '«' | '“' | '"' | '‘' | '(' | '[' | '‹' | '¿' | '¡' | '—' | '–' | '-'
    )
}

/// Horizontal whitespace, including no-break spaces.
fn is_space(c: char) -> bool {
    c.is_whitespace() && c != '\n'
}

/// Cuts `text` into segments according to `split`.
pub fn segment(text: &str, split: Split) -> Vec<Segment> {
    let lines = lines(text);
    match split {
        Split::Lines => lines
            .iter()
            .enumerate()
            .map(|(i, l)| Segment {
                span: l.content,
                kind: SegmentKind::Line,
                paragraph: i,
            })
            .collect(),
        Split::Paragraphs => paragraphs(text, &lines)
            .into_iter()
            .enumerate()
            .map(|(i, p)| Segment {
                span: p.span,
                kind: p.kind,
                paragraph: i,
            })
            .map(|s| match s.kind {
                SegmentKind::Sentence => Segment {
                    kind: SegmentKind::Paragraph,
                    ..s
                },
                _ => s,
            })
            .collect(),
        Split::Sentences => {
            let mut out = Vec::new();
            for (i, p) in paragraphs(text, &lines).into_iter().enumerate() {
                if p.kind == SegmentKind::Sentence {
                    for span in sentences(text, p.span) {
                        out.push(Segment {
                            span,
                            kind: SegmentKind::Sentence,
                            paragraph: i,
                        });
                    }
                } else {
                    out.push(Segment {
                        span: p.span,
                        kind: p.kind,
                        paragraph: i,
                    });
                }
            }
            out
        }
    }
}

/// A non-blank line: its trimmed content, and whether a blank line precedes it.
#[derive(Clone, Copy, Debug)]
struct Line {
    content: Span,
    after_blank: bool,
}

fn lines(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut after_blank = false;
    let bytes = text.as_bytes();
    while start <= text.len() {
        let end = bytes[start..]
            .iter()
            .position(|&b| b == b'\n' || b == b'\r')
            .map_or(text.len(), |p| start + p);
        match trim(text, Span { start, end }) {
            Some(content) => {
                out.push(Line {
                    content,
                    after_blank,
                });
                after_blank = false;
            }
            None => after_blank = true,
        }
        if end >= text.len() {
            break;
        }
        // CRLF counts as one break.
        start = if bytes[end] == b'\r' && bytes.get(end + 1) == Some(&b'\n') {
            end + 2
        } else {
            end + 1
        };
    }
    out
}

/// Trims whitespace (and invisible format characters) from both ends; `None` if empty.
fn trim(text: &str, span: Span) -> Option<Span> {
    let s = &text[span.range()];
    let junk = |c: char| {
        c.is_whitespace() || matches!(c, '\u{feff}' | '\u{200b}' | '\u{200e}' | '\u{200f}' | '\0')
    };
    let lead = s.len() - s.trim_start_matches(junk).len();
    let body = s.trim_matches(junk);
    if body.is_empty() {
        None
    } else {
        Some(Span {
            start: span.start + lead,
            end: span.start + lead + body.len(),
        })
    }
}

struct Paragraph {
    span: Span,
    kind: SegmentKind,
}

/// Length in bytes of a list marker at the start of `s` ("• ", "- ", "1. ", "a) "), if any.
fn list_marker(s: &str) -> Option<usize> {
    let mut chars = s.char_indices();
    let (_, first) = chars.next()?;
    let marker_end = if matches!(
        first,
        '•' | '·'
            | '▪'
            | '◦'
            | '‣'
            | '–'
            | '—'
            | '-'
            | '*'
            | '+'
            | '○'
            | '■'
            | '►'
            | '✓'
            | '✔'
    ) {
        first.len_utf8()
    } else if first.is_ascii_digit() || first.is_ascii_lowercase() {
        let digits = s.bytes().take_while(|b| b.is_ascii_digit()).count();
        let head = if first.is_ascii_lowercase() {
            1
        } else {
            digits
        };
        if head == 0 || head > 3 {
            return None;
        }
        match s.as_bytes().get(head) {
            Some(b')') => head + 1,
            Some(b'.') if first.is_ascii_digit() => head + 1,
            _ => return None,
        }
    } else {
        return None;
    };
    let rest = &s[marker_end..];
    let spaces = rest.len() - rest.trim_start_matches(is_space).len();
    // A marker must be followed by a space and then some text.
    if spaces == 0 || rest.trim().is_empty() {
        return None;
    }
    Some(marker_end + spaces)
}

fn ends_sentence(s: &str) -> bool {
    let t = s.trim_end_matches(|c: char| is_closing(c) || c.is_whitespace());
    t.ends_with(['.', '!', '?', '…', ':', ';'])
}

/// Groups lines into paragraphs. A line break ends a paragraph unless the line runs on
/// (no final punctuation) into a line that starts in lower case: hard-wrapped text.
fn paragraphs(text: &str, lines: &[Line]) -> Vec<Paragraph> {
    let mut out: Vec<Paragraph> = Vec::new();
    let mut current: Option<(Span, usize)> = None; // span, number of lines
    for line in lines {
        let s = &text[line.content.range()];
        if let Some(marker) = list_marker(s) {
            flush(text, &mut out, current.take());
            let span = Span {
                start: line.content.start + marker,
                end: line.content.end,
            };
            out.push(Paragraph {
                span,
                kind: SegmentKind::Item,
            });
            continue;
        }
        let continues = match current {
            Some((span, _)) if !line.after_blank => {
                let prev = &text[span.range()];
                !ends_sentence(prev) && s.chars().next().is_some_and(|c| c.is_lowercase())
            }
            _ => false,
        };
        if continues {
            if let Some((span, n)) = current.as_mut() {
                span.end = line.content.end;
                *n += 1;
            }
        } else {
            flush(text, &mut out, current.take());
            current = Some((line.content, 1));
        }
    }
    flush(text, &mut out, current);
    out
}

fn flush(text: &str, out: &mut Vec<Paragraph>, current: Option<(Span, usize)>) {
    let Some((span, n)) = current else { return };
    let s = &text[span.range()];
    let words = s.split_whitespace().count();
    let heading = n == 1 && words <= 20 && !ends_sentence(s);
    let kind = if heading {
        SegmentKind::Heading
    } else {
        SegmentKind::Sentence
    };
    out.push(Paragraph { span, kind });
}

/// Splits one paragraph into sentence spans.
fn sentences(text: &str, para: Span) -> Vec<Span> {
    let s = &text[para.range()];
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut out = Vec::new();
    let mut start = 0usize; // byte offset within s
    let mut i = 0;
    while i < chars.len() {
        let (pos, c) = chars[i];
        if !matches!(c, '.' | '!' | '?' | '…' | '\n' | '\r') {
            i += 1;
            continue;
        }
        // A line break inside a paragraph is a wrap: never a boundary by itself.
        if c == '\n' || c == '\r' {
            i += 1;
            continue;
        }
        // Take the whole run of final marks ("?!", "...", "?»").
        let mut j = i;
        while j < chars.len() && matches!(chars[j].1, '.' | '!' | '?' | '…') {
            j += 1;
        }
        // Closing quotes and brackets, possibly after a (no-break) space: « Oui ? »
        let mut k = j;
        loop {
            let mut m = k;
            while m < chars.len() && is_space(chars[m].1) {
                m += 1;
            }
            // A straight quote followed by a letter opens the next sentence instead.
            let opens_next = matches!(chars[m.min(chars.len() - 1)].1, '"' | '\'')
                && chars.get(m + 1).is_some_and(|&(_, c)| c.is_alphanumeric());
            if m < chars.len() && is_closing(chars[m].1) && !(opens_next && m > k) {
                k = m + 1;
            } else {
                break;
            }
        }
        let end_byte = if k < chars.len() { chars[k].0 } else { s.len() };
        // What follows: whitespace, then the next sentence's first character.
        let mut m = k;
        let mut saw_space = false;
        while m < chars.len() && chars[m].1.is_whitespace() {
            saw_space = true;
            m += 1;
        }
        let next = chars.get(m).map(|&(_, c)| c);
        let boundary = match next {
            None => false, // end of paragraph: handled below
            Some(n) if saw_space => {
                let starts = n.is_uppercase() || is_opening(n) || n.is_ascii_digit();
                starts && !(c == '.' && j == i + 1 && is_abbreviation(s, pos, n))
            }
            _ => false,
        };
        if boundary {
            if let Some(span) = trim(
                text,
                Span {
                    start: para.start + start,
                    end: para.start + end_byte,
                },
            ) {
                out.push(span);
            }
            start = chars[m].0;
            i = m;
        } else {
            i = k.max(i + 1);
        }
    }
    if let Some(span) = trim(
        text,
        Span {
            start: para.start + start,
            end: para.end,
        },
    ) {
        out.push(span);
    }
    out
}

/// Is the word before the dot at `dot` an abbreviation or an initial?
fn is_abbreviation(s: &str, dot: usize, next: char) -> bool {
    let before = &s[..dot];
    let word_start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_whitespace() || matches!(c, '(' | '«' | '“' | '"' | '\'' | '’'))
        .map_or(0, |(p, c)| p + c.len_utf8());
    let word = &before[word_start..];
    if word.is_empty() {
        return false;
    }
    let lower = word.to_lowercase();
    if ABBREVIATIONS.contains(&lower.as_str()) {
        // "etc." and month names can end a sentence; only trust them before a digit or
        // a lower-case word... except titles (M., Dr.) which always precede a name.
        let title = matches!(
            lower.as_str(),
            "m" | "mm"
                | "mme"
                | "mmes"
                | "mlle"
                | "dr"
                | "pr"
                | "mr"
                | "mrs"
                | "ms"
                | "prof"
                | "me"
                | "st"
                | "ste"
                | "mgr"
                | "hon"
                | "gen"
                | "sen"
                | "rep"
                | "gov"
                | "mt"
                | "p"
                | "pp"
                | "no"
                | "n°"
                | "nº"
                | "art"
                | "cf"
                | "fig"
                | "vol"
                | "ch"
                | "chap"
        );
        return title
            || next.is_ascii_digit()
            || !matches!(
                lower.as_str(),
                "etc" | "inc" | "ltd" | "co" | "corp" | "jr" | "sr" | "u.s" | "u.k" | "mars"
            );
    }
    // An initial: one upper-case letter ("J. Smith"), or dotted letters ("U.S.").
    let letters: Vec<char> = word.chars().filter(|c| *c != '.').collect();
    if letters.len() == 1 && letters[0].is_uppercase() {
        return true;
    }
    word.contains('.') && word.split('.').all(|p| p.chars().count() <= 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviations_are_listed_once() {
        let mut seen = std::collections::HashSet::new();
        let dups: Vec<_> = ABBREVIATIONS.iter().filter(|w| !seen.insert(**w)).collect();
        assert!(dups.is_empty(), "ABBREVIATIONS lists twice: {dups:?}");
    }

    fn texts(text: &str, split: Split) -> Vec<String> {
        segment(text, split)
            .iter()
            .map(|s| text[s.span.range()].to_string())
            .collect()
    }

    #[test]
    fn abbreviations_and_dates_do_not_end_sentences() {
        let t = "M. Dupont est arrivé le 8 déc. 2025 à Paris. Il a vu Mme Durand. Fin.";
        assert_eq!(
            texts(t, Split::Sentences),
            [
                "M. Dupont est arrivé le 8 déc. 2025 à Paris.",
                "Il a vu Mme Durand.",
                "Fin."
            ]
        );
    }

    #[test]
    fn question_inside_guillemets_stays() {
        let t = "« Où allons-nous ? » a-t-il demandé. Personne ne sait.";
        assert_eq!(
            texts(t, Split::Sentences),
            ["« Où allons-nous ? » a-t-il demandé.", "Personne ne sait."]
        );
    }

    #[test]
    fn list_items_and_headings() {
        let t = "Titre de l'article\nL'accord prévoit :\n• une chose ;\n• une autre.\n";
        let segs = segment(t, Split::Sentences);
        let kinds: Vec<_> = segs.iter().map(|s| s.kind).collect();
        assert_eq!(
            kinds,
            [
                SegmentKind::Heading,
                SegmentKind::Sentence,
                SegmentKind::Item,
                SegmentKind::Item
            ]
        );
        assert_eq!(&t[segs[2].span.range()], "une chose ;");
    }

    #[test]
    fn crlf_and_wrapped_lines() {
        let t = "Une phrase coupée\r\nen deux lignes. Une autre.\r\n\r\nNouveau paragraphe.";
        assert_eq!(
            texts(t, Split::Sentences),
            [
                "Une phrase coupée\r\nen deux lignes.",
                "Une autre.",
                "Nouveau paragraphe."
            ]
        );
    }

    #[test]
    fn lines_mode_takes_each_line() {
        assert_eq!(
            texts("a b.\n\n c d \ne", Split::Lines),
            ["a b.", "c d", "e"]
        );
    }
}
