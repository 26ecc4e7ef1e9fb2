//! `cargo xtask eval`: precision, recall and F1 of the aligner on the development sets.
//!
//! * `../shared/gold/seeds-*.json` (next to the repository, when present): two
//!   hand-annotated pairs of the seeds. Precision counts against `accepted` (links either
//!   annotator drew), recall against `core` (links both drew). Scored twice: given the
//!   reference sentences one per line (`--split lines`), and given the raw articles (our
//!   segments are mapped to the reference sentences they overlap).
//! * every `wN/` pair made by `../shared/bench/prepare.sh` under `bench-data/` (or the
//!   folder given with `--bench DIR`): `A.sents`/`B.sents` and `gold.tsv`, scored the same
//!   two ways.
//!
//! Pairs are sentence pairs: a link of segments {3} ↔ {5, 6} counts as (3,5) and (3,6).
//! Extra arguments after `--` go to the recoupe command line (e.g. `-- --threshold 0.3`).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};
use serde_json::Value;

type Pairs = BTreeSet<(usize, usize)>;

struct Scores {
    precision: f64,
    recall: f64,
    f1: f64,
    predicted: usize,
}

fn score(predicted: &Pairs, accepted: &Pairs, core: &Pairs) -> Scores {
    let precision = if predicted.is_empty() {
        0.0
    } else {
        predicted.intersection(accepted).count() as f64 / predicted.len() as f64
    };
    let recall = if core.is_empty() {
        0.0
    } else {
        predicted.intersection(core).count() as f64 / core.len() as f64
    };
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    Scores {
        precision,
        recall,
        f1,
        predicted: predicted.len(),
    }
}

pub fn run(args: &[String]) -> Result<()> {
    let mut bench = crate::root().join("bench-data");
    let mut extra: Vec<String> = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--bench" => bench = PathBuf::from(it.next().context("--bench needs a folder")?),
            "--" => extra.extend(it.by_ref().cloned()),
            other => bail!("unknown eval option `{other}`"),
        }
    }
    let bin = crate::release_cli()?;
    let tmp = std::env::temp_dir().join(format!("recoupe-eval-{}", std::process::id()));
    std::fs::create_dir_all(&tmp)?;
    let mut rows: Vec<(String, Scores)> = Vec::new();

    let gold_dir = crate::root().join("../shared/gold");
    let mut golds: Vec<PathBuf> = std::fs::read_dir(&gold_dir)
        .map(|d| {
            d.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "json"))
                .collect()
        })
        .unwrap_or_default();
    golds.sort();
    for gold_path in golds {
        let gold: Value = serde_json::from_str(&std::fs::read_to_string(&gold_path)?)?;
        let name = gold_path
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let pairs = |key: &str| -> Pairs {
            gold[key]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|p| Some((p[0].as_u64()? as usize, p[1].as_u64()? as usize)))
                .collect()
        };
        let (accepted, core) = (pairs("accepted"), pairs("core"));
        let sentences = |key: &str| -> Vec<String> {
            gold[key]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|s| s.as_str().map(str::to_string))
                .collect()
        };
        let (ls, rs) = (sentences("left_sentences"), sentences("right_sentences"));
        // Lines: the reference segmentation as input.
        let (la, ra) = (
            tmp.join(format!("{name}.left")),
            tmp.join(format!("{name}.right")),
        );
        std::fs::write(&la, ls.join("\n"))?;
        std::fs::write(&ra, rs.join("\n"))?;
        let report = recoupe(&bin, &la, &ra, "lines", &extra)?;
        rows.push((
            format!("{name} (lines)"),
            score(&link_pairs(&report), &accepted, &core),
        ));
        // Raw: the original articles, found among the seeds by the name the gold gives.
        let (Some(left), Some(right)) = (
            find_seed(gold["left"].as_str().unwrap_or("")),
            find_seed(gold["right"].as_str().unwrap_or("")),
        ) else {
            eprintln!("xtask: eval: seeds of {name} not found, raw scoring skipped");
            continue;
        };
        let report = recoupe(&bin, &left, &right, "sentences", &extra)?;
        let predicted = mapped_pairs(
            &report,
            &std::fs::read_to_string(&left)?,
            &ls,
            &std::fs::read_to_string(&right)?,
            &rs,
        );
        rows.push((format!("{name} (raw)"), score(&predicted, &accepted, &core)));
    }

    let mut benches: Vec<PathBuf> = std::fs::read_dir(&bench)
        .map(|d| {
            d.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.join("gold.tsv").exists())
                .collect()
        })
        .unwrap_or_default();
    benches.sort_by_key(|p| {
        p.file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.trim_start_matches('w').parse::<u64>().ok())
            .unwrap_or(0)
    });
    if benches.is_empty() {
        eprintln!("xtask: eval: no bench pairs under {} (make them with ../shared/bench/prepare.sh {} 1000 10000)", bench.display(), bench.display());
    }
    for dir in benches {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let gold: Pairs = std::fs::read_to_string(dir.join("gold.tsv"))?
            .lines()
            .filter_map(|l| {
                let mut f = l.split('\t');
                Some((f.next()?.parse().ok()?, f.next()?.parse().ok()?))
            })
            .collect();
        let report = recoupe(
            &bin,
            &dir.join("A.sents"),
            &dir.join("B.sents"),
            "lines",
            &extra,
        )?;
        rows.push((
            format!("bench {name} (lines)"),
            score(&link_pairs(&report), &gold, &gold),
        ));
        let read_lines = |f: &str| -> Result<Vec<String>> {
            Ok(std::fs::read_to_string(dir.join(f))?
                .lines()
                .map(str::to_string)
                .collect())
        };
        let report = recoupe(
            &bin,
            &dir.join("A.txt"),
            &dir.join("B.txt"),
            "sentences",
            &extra,
        )?;
        let predicted = mapped_pairs(
            &report,
            &std::fs::read_to_string(dir.join("A.txt"))?,
            &read_lines("A.sents")?,
            &std::fs::read_to_string(dir.join("B.txt"))?,
            &read_lines("B.sents")?,
        );
        rows.push((
            format!("bench {name} (raw)"),
            score(&predicted, &gold, &gold),
        ));
    }
    let _ = std::fs::remove_dir_all(&tmp);

    println!(
        "{:<34} {:>9} {:>7} {:>7} {:>6}",
        "set", "precision", "recall", "F1", "pairs"
    );
    for (name, s) in &rows {
        println!(
            "{name:<34} {:>9.3} {:>7.3} {:>7.3} {:>6}",
            s.precision, s.recall, s.f1, s.predicted
        );
    }
    Ok(())
}

fn find_seed(original_name: &str) -> Option<PathBuf> {
    // The seeds were renamed; the README of seeds/ lists original names, and so does this map.
    let renamed = match original_name {
        "001_166073210bef3c6e.txt" => {
            "2025-12-08-eu-canada-digital-partnership-council/commission-press-release.fr.txt"
        }
        "003_c93fec29b7181766.txt" => {
            "2025-12-08-eu-canada-digital-partnership-council/business-blog-article.fr.txt"
        }
        "004_73b56ba1c66ba7ed.txt" => {
            "2024-02-01-eu-canada-digital-partnership-luxembourg/commission-luxembourg-news.fr.txt"
        }
        "000_a91ca3159684420a.txt" => {
            "2026-02-munich-canada-germany-ai-declaration/canada-news-release.fr.txt"
        }
        "002_6dbfd2f61a00c252.txt" => {
            "2025-11-18-hub-france-ia-ki-bundesverband/ai-hub-agreement-article.fr.txt"
        }
        _ => return None,
    };
    Some(crate::root().join("seeds").join(renamed)).filter(|p| p.exists())
}

fn recoupe(bin: &Path, left: &Path, right: &Path, split: &str, extra: &[String]) -> Result<Value> {
    let out = Command::new(bin)
        .args(["--format", "json", "--split", split])
        .args(extra)
        .arg(left)
        .arg(right)
        .output()
        .with_context(|| format!("could not run {}", bin.display()))?;
    if !out.status.success() {
        bail!(
            "recoupe failed on {}: {}",
            left.display(),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    Ok(serde_json::from_slice(&out.stdout)?)
}

fn indices(side: &Value) -> Vec<usize> {
    side["segments"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_u64().map(|v| v as usize))
        .collect()
}

/// Sentence pairs of the report's links, by segment index.
fn link_pairs(report: &Value) -> Pairs {
    let mut out = Pairs::new();
    for link in report["links"].as_array().into_iter().flatten() {
        for a in indices(&link["left"]) {
            for b in indices(&link["right"]) {
                out.insert((a, b));
            }
        }
    }
    out
}

/// Byte spans of the reference sentences in the raw text (searched in order).
fn reference_spans(text: &str, sentences: &[String]) -> Vec<Option<(usize, usize)>> {
    let mut cursor = 0;
    sentences
        .iter()
        .map(|s| {
            let at = text[cursor..]
                .find(s.as_str())
                .map(|p| p + cursor)
                .or_else(|| text.find(s.as_str()))?;
            cursor = at + s.len();
            Some((at, at + s.len()))
        })
        .collect()
}

/// The reference sentences a segment covers: those it overlaps by half of either.
fn covered(start: usize, end: usize, spans: &[Option<(usize, usize)>]) -> Vec<usize> {
    spans
        .iter()
        .enumerate()
        .filter_map(|(k, s)| {
            let (a, b) = (*s)?;
            let overlap = end.min(b).saturating_sub(start.max(a));
            (overlap > 0 && (2 * overlap >= b - a || 2 * overlap >= end - start)).then_some(k)
        })
        .collect()
}

/// Links of a raw-text report, mapped onto the reference sentences.
fn mapped_pairs(
    report: &Value,
    left_text: &str,
    left_sents: &[String],
    right_text: &str,
    right_sents: &[String],
) -> Pairs {
    let spans = [
        reference_spans(left_text, left_sents),
        reference_spans(right_text, right_sents),
    ];
    let segment_refs = |doc: usize, seg: usize| -> Vec<usize> {
        let s = &report["documents"][doc]["segments"][seg];
        covered(
            s["start"].as_u64().unwrap_or(0) as usize,
            s["end"].as_u64().unwrap_or(0) as usize,
            &spans[doc.min(1)],
        )
    };
    let mut out = Pairs::new();
    for link in report["links"].as_array().into_iter().flatten() {
        for a in indices(&link["left"]) {
            for b in indices(&link["right"]) {
                for x in segment_refs(0, a) {
                    for y in segment_refs(1, b) {
                        out.insert((x, y));
                    }
                }
            }
        }
    }
    out
}
