//! CollateX's JSON alignment table, as its Java tools write it (`JsonProcessor`):
//! `{"witnesses": [sigil, ...], "table": [column, ...]}`, each column one array per witness
//! (in the order of `witnesses`) of tokens, empty where the witness has nothing. Tools that
//! read CollateX's output read this. Tokens are recoupe's segments (sentences):
//! `{"t": text, "segment": index}`; CollateX keeps extra token fields too. One addition,
//! which CollateX readers ignore: `transpositions`, pairs of columns holding one passage at
//! two places ([`super::table`]).

use serde::Serialize;

use super::table;
use crate::report::Report;

#[derive(Serialize)]
struct Token<'a> {
    t: &'a str,
    segment: usize,
}

#[derive(Serialize)]
struct AlignmentTable<'a> {
    witnesses: Vec<String>,
    table: Vec<Vec<Vec<Token<'a>>>>,
    transpositions: Vec<[usize; 2]>,
}

/// The table as pretty JSON.
pub fn render(r: &Report) -> String {
    let alignment = table::align(r);
    let table = alignment
        .columns
        .iter()
        .map(|column| {
            column
                .cells
                .iter()
                .enumerate()
                .map(|(doc, cell)| match cell {
                    Some(segs) => segs
                        .clone()
                        .filter_map(|s| {
                            let text = r.documents.get(doc)?.segments.get(s)?.text.as_str();
                            Some(Token {
                                t: text,
                                segment: s,
                            })
                        })
                        .collect(),
                    None => Vec::new(),
                })
                .collect()
        })
        .collect();
    let out = AlignmentTable {
        witnesses: sigils(r),
        table,
        transpositions: alignment
            .transpositions
            .iter()
            .map(|&(a, b)| [a, b])
            .collect(),
    };
    // Plain strings and numbers: serialising cannot fail.
    serde_json::to_string_pretty(&out).unwrap_or_default() + "\n"
}

/// The documents' names, made distinct ("a.txt", "a.txt (2)"): sigils name witnesses.
fn sigils(r: &Report) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for d in &r.documents {
        let mut name = d.name.clone();
        let mut k = 2;
        while out.contains(&name) {
            name = format!("{} ({k})", d.name);
            k += 1;
        }
        out.push(name);
    }
    out
}
