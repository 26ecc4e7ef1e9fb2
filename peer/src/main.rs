//! `similar-peer A B`: similar's patience word diff of two text files, the peer that
//! `cargo xtask bench` times recoupe against (issue 13). It reads both files, diffs them
//! word by word (`TextDiff::configure().algorithm(Patience).diff_words`), walks every
//! change as a tool printing the diff would, and prints how many words each side changed
//! (so the work cannot be optimised away). Built with the workspace's release profile, like
//! the recoupe command line it is compared with.

use std::process::ExitCode;

use similar::{Algorithm, ChangeTag, TextDiff};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [a, b] = args.as_slice() else {
        eprintln!("usage: similar-peer FILE_A FILE_B");
        return ExitCode::from(2);
    };
    let read =
        |p: &str| std::fs::read_to_string(p).map_err(|e| eprintln!("similar-peer: {p}: {e}"));
    let (Ok(a), Ok(b)) = (read(a), read(b)) else {
        return ExitCode::from(2);
    };
    let diff = TextDiff::configure()
        .algorithm(Algorithm::Patience)
        .diff_words(&a, &b);
    let (mut deleted, mut inserted, mut equal) = (0usize, 0usize, 0usize);
    for op in diff.ops() {
        for change in diff.iter_changes(op) {
            match change.tag() {
                ChangeTag::Delete => deleted += 1,
                ChangeTag::Insert => inserted += 1,
                ChangeTag::Equal => equal += 1,
            }
        }
    }
    println!("equal {equal} deleted {deleted} inserted {inserted}");
    ExitCode::SUCCESS
}
