//! The word diff inside a link. The only module that names `similar` types.
//!
//! Tokens are whole words, whitespace runs and single punctuation marks. After the diff, a
//! semantic clean-up (as diff-match-patch's) folds short equalities that sit between edits
//! into the edits, so a reworded clause reads as one replacement, not confetti.

use similar::algorithms::{myers, Capture, Replace};
use similar::DiffOp;

use crate::model::{DiffFlag, DiffPiece, DiffTag};
use crate::normalize::fold_with;

/// What the word diff ignores.
#[derive(Clone, Copy, Debug, Default)]
pub struct DiffOptions {
    /// Letter case.
    pub ignore_case: bool,
    /// Accents.
    pub ignore_accents: bool,
    /// Punctuation marks.
    pub ignore_punctuation: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum TokenKind {
    Word,
    Space,
    Punct,
}

fn tokenize(s: &str) -> Vec<(&str, TokenKind)> {
    let mut out = Vec::new();
    let mut iter = s.char_indices().peekable();
    while let Some((start, c)) = iter.next() {
        let kind = if c.is_alphanumeric() {
            TokenKind::Word
        } else if c.is_whitespace() {
            TokenKind::Space
        } else {
            TokenKind::Punct
        };
        let mut end = start + c.len_utf8();
        if kind != TokenKind::Punct {
            while let Some(&(p, n)) = iter.peek() {
                let same = match kind {
                    TokenKind::Word => {
                        n.is_alphanumeric() || unicode_normalization::char::is_combining_mark(n)
                    }
                    _ => n.is_whitespace(),
                };
                if !same {
                    break;
                }
                end = p + n.len_utf8();
                iter.next();
            }
        }
        out.push((&s[start..end], kind));
    }
    out
}

/// Myers over the token keys, as a list of ops that cover both sides in order.
///
/// Not `similar::capture_diff_slices`: its `Compact` step (similar 2.7.0) can return ops out
/// of order, found by fuzzing (`diff_survives_ops_that_compaction_reorders`). Our own semantic
/// clean-up does the readability work instead, and if the ops ever do not line up, the whole
/// pair becomes one replacement rather than a panic.
fn word_ops(left: &[String], right: &[String]) -> Vec<DiffOp> {
    let mut hook = Replace::new(Capture::new());
    let Ok(()) = myers::diff(&mut hook, left, 0..left.len(), right, 0..right.len());
    let ops = hook.into_inner().into_ops();
    let (mut at_left, mut at_right) = (0, 0);
    let in_order = ops.iter().all(|op| {
        let (l, r) = (op.old_range(), op.new_range());
        let ok = l.start == at_left && r.start == at_right;
        (at_left, at_right) = (l.end, r.end);
        ok
    }) && at_left == left.len()
        && at_right == right.len();
    if in_order {
        return ops;
    }
    vec![DiffOp::Replace {
        old_index: 0,
        old_len: left.len(),
        new_index: 0,
        new_len: right.len(),
    }]
}

/// A run of the diff before clean-up: tag, left token range, right token range.
#[derive(Clone, Debug)]
struct Run {
    equal: bool,
    left: std::ops::Range<usize>,
    right: std::ops::Range<usize>,
}

/// Diffs two texts word by word; returns the pieces and what changed of note.
pub fn diff_words(
    left: &str,
    right: &str,
    options: DiffOptions,
) -> (Vec<DiffPiece>, Vec<DiffFlag>) {
    let (lt, rt) = (tokenize(left), tokenize(right));
    let key = |(text, kind): &(&str, TokenKind)| -> String {
        match kind {
            TokenKind::Space => " ".to_string(),
            TokenKind::Punct if options.ignore_punctuation => String::new(),
            _ => fold_with(text, options.ignore_case, options.ignore_accents),
        }
    };
    let lk: Vec<String> = lt.iter().map(key).collect();
    let rk: Vec<String> = rt.iter().map(key).collect();
    let ops = word_ops(&lk, &rk);

    let mut runs: Vec<Run> = Vec::new();
    for op in ops {
        let (equal, l, r) = match op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => (true, old_index..old_index + len, new_index..new_index + len),
            DiffOp::Delete {
                old_index,
                old_len,
                new_index,
            } => (false, old_index..old_index + old_len, new_index..new_index),
            DiffOp::Insert {
                old_index,
                new_index,
                new_len,
            } => (false, old_index..old_index, new_index..new_index + new_len),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => (
                false,
                old_index..old_index + old_len,
                new_index..new_index + new_len,
            ),
        };
        push_run(
            &mut runs,
            Run {
                equal,
                left: l,
                right: r,
            },
        );
    }
    semantic_cleanup(&mut runs, &lt);

    let text = |toks: &[(&str, TokenKind)], r: &std::ops::Range<usize>| {
        toks[r.clone()].iter().map(|t| t.0).collect::<String>()
    };
    let mut pieces = Vec::new();
    let mut flags = Vec::new();
    let (left_facts, right_facts) = (Facts::of(left), Facts::of(right));
    for run in &runs {
        if run.equal {
            let (l, r) = (text(&lt, &run.left), text(&rt, &run.right));
            let right_text = (l != r).then_some(r);
            pieces.push(DiffPiece {
                tag: DiffTag::Equal,
                text: l,
                right_text,
            });
            continue;
        }
        let (del, ins) = (text(&lt, &run.left), text(&rt, &run.right));
        // A number or name on one side that the other side never states.
        let sentence_start = run.left.start == 0 && run.right.start == 0;
        for (changed, other) in [(&del, &right_facts), (&ins, &left_facts)] {
            let facts = Facts::of_changed(changed, sentence_start);
            if facts.numbers.iter().any(|n| !other.numbers.contains(n)) {
                flags.push(DiffFlag::Number);
            }
            if facts.names.iter().any(|n| !other.words.contains(n)) {
                flags.push(DiffFlag::Name);
            }
        }
        if !del.is_empty() {
            pieces.push(DiffPiece {
                tag: DiffTag::Delete,
                text: del,
                right_text: None,
            });
        }
        if !ins.is_empty() {
            pieces.push(DiffPiece {
                tag: DiffTag::Insert,
                text: ins,
                right_text: None,
            });
        }
    }
    flags.sort_unstable();
    flags.dedup();
    (pieces, flags)
}

fn push_run(runs: &mut Vec<Run>, run: Run) {
    if run.left.is_empty() && run.right.is_empty() {
        return;
    }
    if let Some(last) = runs.last_mut() {
        if last.equal == run.equal
            && last.left.end == run.left.start
            && last.right.end == run.right.start
        {
            last.left.end = run.left.end;
            last.right.end = run.right.end;
            return;
        }
    }
    runs.push(run);
}

/// Folds an equality into the edits around it when it is no longer than them, or when it
/// holds no word at all; repeats until nothing changes.
fn semantic_cleanup(runs: &mut Vec<Run>, left_tokens: &[(&str, TokenKind)]) {
    loop {
        let mut changed = false;
        let mut k = 1;
        while k + 1 < runs.len() {
            if runs[k].equal && !runs[k - 1].equal && !runs[k + 1].equal {
                let eq = &runs[k];
                let words = left_tokens[eq.left.clone()]
                    .iter()
                    .filter(|t| t.1 == TokenKind::Word)
                    .count();
                let edit_len = |r: &Run| r.left.len().max(r.right.len());
                // "Small": a lone equal word between edits at least four times its
                // length reads as noise (a guess from reading diffs of the seeds).
                let small = eq.left.len() * 4 <= edit_len(&runs[k - 1]).min(edit_len(&runs[k + 1]));
                if words == 0 || (words == 1 && small) {
                    let merged = Run {
                        equal: false,
                        left: runs[k - 1].left.start..runs[k + 1].left.end,
                        right: runs[k - 1].right.start..runs[k + 1].right.end,
                    };
                    runs.splice(k - 1..k + 2, [merged]);
                    changed = true;
                    continue;
                }
            }
            k += 1;
        }
        if !changed {
            break;
        }
    }
}

/// Numbers (normalised) and capitalised words of a text, to tell real changes of fact
/// from rewording.
struct Facts {
    numbers: Vec<String>,
    names: Vec<String>,
    words: Vec<String>,
}

impl Facts {
    fn of(text: &str) -> Facts {
        Facts::of_changed(text, false)
    }

    /// `skip_first`: the text opens a sentence, so its first capital is not a name.
    fn of_changed(text: &str, skip_first: bool) -> Facts {
        let mut facts = Facts {
            numbers: Vec::new(),
            names: Vec::new(),
            words: Vec::new(),
        };
        for (k, w) in crate::normalize::words(text).into_iter().enumerate() {
            if w.numeric {
                facts.numbers.push(crate::normalize::number_key(w.text));
                continue;
            }
            let folded = crate::normalize::fold(w.text);
            let capital = w.text.starts_with(char::is_uppercase);
            if capital && !(skip_first && k == 0) {
                facts.names.push(folded.clone());
            }
            facts.words.push(folded);
        }
        facts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diff_survives_ops_that_compaction_reorders() {
        // Found by the `pipeline` fuzz target: similar's compaction returned these tokens'
        // ops out of order and the diff sliced a range backwards.
        let left = "/\u{0}6.\u{1e}";
        let right = "6\u{1e};\u{fffd}\u{fffd}\u{fffd}\u{fffd}\u{fffd}+6\u{fffd} \u{b}6\u{1e};\u{fffd}\re\u{fffd}\u{fffd}\u{fffd}\u{fffd}>";
        let (pieces, _) = diff_words(left, right, DiffOptions::default());
        let side = |keep: DiffTag| -> String {
            pieces
                .iter()
                .filter(|p| p.tag == DiffTag::Equal || p.tag == keep)
                .map(|p| match (&p.right_text, keep) {
                    (Some(r), DiffTag::Insert) if p.tag == DiffTag::Equal => r.clone(),
                    _ => p.text.clone(),
                })
                .collect()
        };
        assert_eq!(side(DiffTag::Delete), left);
        assert_eq!(side(DiffTag::Insert), right);
    }

    fn render(pieces: &[DiffPiece]) -> String {
        pieces
            .iter()
            .map(|p| match p.tag {
                DiffTag::Equal => p.text.clone(),
                DiffTag::Delete => format!("[-{}]", p.text),
                DiffTag::Insert => format!("[+{}]", p.text),
            })
            .collect()
    }

    #[test]
    fn one_word_changed() {
        let (p, _) = diff_words(
            "Le Conseil a siégé.",
            "Le Conseil avait siégé.",
            DiffOptions::default(),
        );
        assert_eq!(render(&p), "Le Conseil [-a][+avait] siégé.");
    }

    #[test]
    fn short_equalities_fold_into_the_edit() {
        let (p, _) = diff_words(
            "les deux parties ont signé un accord",
            "les partenaires ont conclu le protocole",
            DiffOptions::default(),
        );
        assert_eq!(
            render(&p),
            "les [-deux parties][+partenaires] ont [-signé un accord][+conclu le protocole]"
        );
    }

    #[test]
    fn changed_numbers_are_flagged() {
        let (_, flags) = diff_words("3 000 emplois", "4 000 emplois", DiffOptions::default());
        assert_eq!(flags, [DiffFlag::Number]);
    }

    #[test]
    fn both_sides_rebuild_exactly() {
        let (l, r) = (
            "« Oui », dit-il le 8 déc.",
            "Oui, a-t-il dit le 8 décembre.",
        );
        let (p, _) = diff_words(
            l,
            r,
            DiffOptions {
                ignore_case: true,
                ignore_accents: true,
                ignore_punctuation: true,
            },
        );
        let left: String = p
            .iter()
            .filter(|x| x.tag != DiffTag::Insert)
            .map(|x| x.text.as_str())
            .collect();
        assert_eq!(left, l);
        let right: String = p
            .iter()
            .filter(|x| x.tag != DiffTag::Delete)
            .map(|x| x.right_text.as_deref().unwrap_or(&x.text))
            .collect();
        assert_eq!(right, r);
    }
}
