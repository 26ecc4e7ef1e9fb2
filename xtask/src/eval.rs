//! `cargo xtask eval`: precision, recall and F1 of the aligner on the development sets.
//!
//! * `../shared/gold/news-dev/` (fifteen events, three accounts each) and
//!   `../shared/gold/seeds-*.json` (two seed pairs): judged sentence pairs. Precision
//!   counts against `accepted` (links either annotator drew), recall against `core`
//!   (links both drew), micro-averaged. The link model is fitted on these very sets, so
//!   each event is scored **leave-one-event-out**: the model is trained (`train.rs`) on
//!   every other event and given to the command line with `--model`. Scored three ways:
//!   the reference sentences one per line (`--split lines`), the raw articles (our
//!   segments are mapped to the reference sentences they overlap), and, for news-dev,
//!   the three accounts in one run (pairs read from that run's links; the run is
//!   repeated with the accounts reversed and must give the same links).
//! * every `wN/` pair made by `../shared/bench/prepare.sh` under `bench-data/` (or the
//!   folder given with `--bench DIR`): `A.sents`/`B.sents` and `gold.tsv`, scored the same
//!   two ways.
//!
//! Pairs are sentence pairs: a link of segments {3} ↔ {5, 6} counts as (3,5) and (3,6).
//! Extra arguments after `--` go to the recoupe command line (e.g. `-- --threshold 0.3`).

use std::path::{Path, PathBuf};

use crate::train::{Event, Pairs};
use std::process::Command;

use anyhow::{bail, Context, Result};
use serde_json::Value;

struct Scores {
    precision: f64,
    recall: f64,
    f1: f64,
    predicted: usize,
}

fn score(predicted: &Pairs, accepted: &Pairs, core: &Pairs) -> Scores {
    let mut counts = Counts::default();
    counts.add(predicted, accepted, core);
    counts.scores()
}

/// Micro-averaged counts over several pairs.
#[derive(Default, Clone, Copy)]
struct Counts {
    predicted: usize,
    right: usize,
    found: usize,
    core: usize,
}

impl Counts {
    fn add(&mut self, predicted: &Pairs, accepted: &Pairs, core: &Pairs) {
        self.predicted += predicted.len();
        self.right += predicted.intersection(accepted).count();
        self.found += predicted.intersection(core).count();
        self.core += core.len();
    }

    fn scores(&self) -> Scores {
        let precision = self.right as f64 / self.predicted.max(1) as f64;
        let recall = self.found as f64 / self.core.max(1) as f64;
        let f1 = if precision + recall > 0.0 {
            2.0 * precision * recall / (precision + recall)
        } else {
            0.0
        };
        Scores {
            precision,
            recall,
            f1,
            predicted: self.predicted,
        }
    }
}

/// Scores one event with a model trained without it: lines, raw, and all accounts in
/// one run (when it has three or more). Returns the order-dependence failures.
fn score_event(
    bin: &Path,
    tmp: &Path,
    event: &Event,
    model: Option<&Path>,
    extra: &[String],
    sets: &mut [Counts; 3],
) -> Result<usize> {
    let mut args: Vec<String> = extra.to_vec();
    if let Some(m) = model {
        args.insert(0, m.display().to_string());
        args.insert(0, "--model".to_string());
    }
    let files: Vec<PathBuf> = (0..event.sentences.len())
        .map(|d| {
            let f = tmp.join(format!("{}.{d}", event.name));
            std::fs::write(&f, event.sentences[d].join("\n")).map(|_| f)
        })
        .collect::<std::io::Result<_>>()?;
    for gold in &event.golds {
        let (l, r) = (gold.left, gold.right);
        let report = recoupe(bin, &[&files[l], &files[r]], "lines", &args)?;
        sets[0].add(&link_pairs(&report, 0, 1), &gold.accepted, &gold.core);
        if let (Some(lp), Some(rp)) = (&event.raw[l], &event.raw[r]) {
            let report = recoupe(bin, &[lp, rp], "sentences", &args)?;
            let predicted = mapped_pairs(
                &report,
                &std::fs::read_to_string(lp)?,
                &event.sentences[l],
                &std::fs::read_to_string(rp)?,
                &event.sentences[r],
            );
            sets[1].add(&predicted, &gold.accepted, &gold.core);
        }
    }
    let mut order_failures = 0;
    if event.sentences.len() >= 3 {
        let all: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
        let reversed: Vec<&Path> = all.iter().rev().copied().collect();
        let report = recoupe(bin, &all, "lines", &args)?;
        let back = recoupe(bin, &reversed, "lines", &args)?;
        let n = all.len();
        for gold in &event.golds {
            let (l, r) = (gold.left, gold.right);
            let forward = link_pairs(&report, l, r);
            // In the reversed run document d is at n-1-d, and left/right swap.
            let backward: Pairs = link_pairs(&back, n - 1 - r, n - 1 - l)
                .into_iter()
                .map(|(a, b)| (b, a))
                .collect();
            if forward != backward {
                order_failures += 1;
            }
            sets[2].add(&forward, &gold.accepted, &gold.core);
        }
    }
    Ok(order_failures)
}

pub fn run(args: &[String]) -> Result<()> {
    let mut bench = crate::root().join("bench-data");
    let mut extra: Vec<String> = Vec::new();
    let mut shipped = false;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--bench" => bench = PathBuf::from(it.next().context("--bench needs a folder")?),
            // Score the judged sets with the model in the code (trained on them: for a
            // look at the fit, never for figures).
            "--shipped" => shipped = true,
            "--" => extra.extend(it.by_ref().cloned()),
            other => bail!("unknown eval option `{other}`"),
        }
    }
    let bin = crate::release_cli()?;
    let tmp = std::env::temp_dir().join(format!("recoupe-eval-{}", std::process::id()));
    std::fs::create_dir_all(&tmp)?;
    let mut rows: Vec<(String, Scores)> = Vec::new();

    let events = crate::train::load_events().unwrap_or_default();
    let mut news = [Counts::default(); 3];
    let mut seeds = [Counts::default(); 3];
    let mut order_failures = 0;
    for (k, event) in events.iter().enumerate() {
        if event.origin == crate::train::Origin::Generated {
            continue;
        }
        let model = if shipped {
            None
        } else {
            let others: Vec<&Event> = events
                .iter()
                .enumerate()
                .filter(|&(j, _)| j != k)
                .map(|(_, e)| e)
                .collect();
            let trained = crate::train::fit(&others)?;
            let path = tmp.join(format!("model-{k}.json"));
            std::fs::write(&path, crate::train::model_json(&trained))?;
            Some(path)
        };
        let sets = if event.sentences.len() >= 3 {
            &mut news
        } else {
            &mut seeds
        };
        let mut one = [Counts::default(); 3];
        order_failures += score_event(&bin, &tmp, event, model.as_deref(), &extra, &mut one)?;
        for (total, part) in sets.iter_mut().zip(one) {
            total.predicted += part.predicted;
            total.right += part.right;
            total.found += part.found;
            total.core += part.core;
        }
        if std::env::var_os("EVAL_EVENTS").is_some() {
            let s = one[0].scores();
            eprintln!(
                "{:<24} lines P {:.3} R {:.3} F1 {:.3}",
                event.name, s.precision, s.recall, s.f1
            );
        }
    }
    let how = if shipped {
        "shipped model"
    } else {
        "leave-one-event-out"
    };
    if news[0].core > 0 {
        rows.push((format!("news-dev lines ({how})"), news[0].scores()));
        rows.push((format!("news-dev raw ({how})"), news[1].scores()));
        rows.push((format!("news-dev 3 in one run ({how})"), news[2].scores()));
    }
    if seeds[0].core > 0 {
        rows.push((format!("seeds lines ({how})"), seeds[0].scores()));
        rows.push((format!("seeds raw ({how})"), seeds[1].scores()));
    }

    let mut moved_found: Vec<(String, f64, f64)> = Vec::new();
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
        // Pairs the generator moved (fourth column 1): are they still found?
        let moved: Pairs = std::fs::read_to_string(dir.join("gold.tsv"))?
            .lines()
            .filter_map(|l| {
                let f: Vec<&str> = l.split('\t').collect();
                (f.get(3) == Some(&"1")).then_some(())?;
                Some((f[0].parse().ok()?, f[1].parse().ok()?))
            })
            .collect();
        let report = recoupe(
            &bin,
            &[&dir.join("A.sents"), &dir.join("B.sents")],
            "lines",
            &extra,
        )?;
        let predicted = link_pairs(&report, 0, 1);
        if !moved.is_empty() {
            let (_, _, reworded) = bench_gold(&dir)?;
            moved_found.push((
                name.clone(),
                predicted.intersection(&moved).count() as f64 / moved.len() as f64,
                share(&predicted, &reworded),
            ));
        }
        rows.push((
            format!("bench {name} (lines)"),
            score(&predicted, &gold, &gold),
        ));
        let read_lines = |f: &str| -> Result<Vec<String>> {
            Ok(std::fs::read_to_string(dir.join(f))?
                .lines()
                .map(str::to_string)
                .collect())
        };
        let report = recoupe(
            &bin,
            &[&dir.join("A.txt"), &dir.join("B.txt")],
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
        "{:<48} {:>9} {:>7} {:>7} {:>6}",
        "set", "precision", "recall", "F1", "pairs"
    );
    for (name, s) in &rows {
        println!(
            "{name:<48} {:>9.3} {:>7.3} {:>7.3} {:>6}",
            s.precision, s.recall, s.f1, s.predicted
        );
    }
    for (name, moved, reworded) in &moved_found {
        println!(
            "bench {name}: moved sentences found (lines) {moved:.3}, reworded found {reworded:.3}"
        );
    }
    if news[2].core > 0 {
        println!("three-account runs whose links change when the accounts are reversed: {order_failures}");
    }
    Ok(())
}

/// Quality of one bench pair's raw-article report against its gold (`cargo xtask bench`
/// puts it beside the times).
pub struct BenchQuality {
    pub f1: f64,
    /// Share of the pairs the generator moved that the report links.
    pub moved: f64,
    /// Share of the pairs the generator reworded (kind `para...`) that the report links.
    pub reworded: f64,
}

/// Gold pairs of a bench pair: all, moved (fourth column 1), reworded (kind starts with `para`).
fn bench_gold(dir: &Path) -> Result<(Pairs, Pairs, Pairs)> {
    let (mut all, mut moved, mut reworded) = (Pairs::new(), Pairs::new(), Pairs::new());
    for l in std::fs::read_to_string(dir.join("gold.tsv"))?.lines() {
        let f: Vec<&str> = l.split('\t').collect();
        let (Some(Ok(a)), Some(Ok(b))) =
            (f.first().map(|x| x.parse()), f.get(1).map(|x| x.parse()))
        else {
            continue;
        };
        all.insert((a, b));
        if f.get(3) == Some(&"1") {
            moved.insert((a, b));
        }
        if f.get(2).is_some_and(|k| k.starts_with("para")) {
            reworded.insert((a, b));
        }
    }
    Ok((all, moved, reworded))
}

fn share(predicted: &Pairs, of: &Pairs) -> f64 {
    predicted.intersection(of).count() as f64 / of.len().max(1) as f64
}

/// F1, moved and reworded found of the report on the raw articles `A.txt`, `B.txt` of `dir`.
pub fn bench_quality(dir: &Path, report: &Value) -> Result<BenchQuality> {
    let (gold, moved, reworded) = bench_gold(dir)?;
    let read_lines = |f: &str| -> Result<Vec<String>> {
        Ok(std::fs::read_to_string(dir.join(f))?
            .lines()
            .map(str::to_string)
            .collect())
    };
    let predicted = mapped_pairs(
        report,
        &std::fs::read_to_string(dir.join("A.txt"))?,
        &read_lines("A.sents")?,
        &std::fs::read_to_string(dir.join("B.txt"))?,
        &read_lines("B.sents")?,
    );
    Ok(BenchQuality {
        f1: score(&predicted, &gold, &gold).f1,
        moved: share(&predicted, &moved),
        reworded: share(&predicted, &reworded),
    })
}

pub fn find_seed(original_name: &str) -> Option<PathBuf> {
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

fn recoupe(bin: &Path, files: &[&Path], split: &str, extra: &[String]) -> Result<Value> {
    let out = Command::new(bin)
        .args(["--format", "json", "--split", split])
        .args(extra)
        .args(files)
        .output()
        .with_context(|| format!("could not run {}", bin.display()))?;
    if !out.status.success() {
        bail!(
            "recoupe failed on {}: {}",
            files[0].display(),
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

/// Sentence pairs of the report's links between documents `l` and `r`, by segment
/// index, oriented `l` → `r`.
fn link_pairs(report: &Value, l: usize, r: usize) -> Pairs {
    let mut out = Pairs::new();
    for link in report["links"].as_array().into_iter().flatten() {
        let docs = (
            link["left"]["doc"].as_u64().unwrap_or(0) as usize,
            link["right"]["doc"].as_u64().unwrap_or(0) as usize,
        );
        for a in indices(&link["left"]) {
            for b in indices(&link["right"]) {
                if docs == (l, r) {
                    out.insert((a, b));
                } else if docs == (r, l) {
                    out.insert((b, a));
                }
            }
        }
    }
    out
}

/// Byte spans of the reference sentences in the raw text (searched in order). White space
/// is compared as one kind: the raw articles keep no-break spaces (before `:` `;` `»`)
/// where the reference sentences have plain ones, and a sentence not found would drop
/// every link it takes part in from the raw score.
fn reference_spans(text: &str, sentences: &[String]) -> Vec<Option<(usize, usize)>> {
    let plain = |c: char| if c.is_whitespace() { ' ' } else { c };
    // The text with every white space as ' ', and the byte offset in `text` of each of
    // its bytes (plus one past the end).
    let mut folded = String::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len() + 1);
    for (at, c) in text.char_indices() {
        let p = plain(c);
        folded.push(p);
        origin.extend(std::iter::repeat_n(at, p.len_utf8()));
    }
    origin.push(text.len());
    let mut cursor = 0;
    sentences
        .iter()
        .map(|s| {
            let s: String = s.chars().map(plain).collect();
            if s.trim().is_empty() {
                return None;
            }
            let at = folded[cursor..]
                .find(s.as_str())
                .map(|p| p + cursor)
                .or_else(|| folded.find(s.as_str()))?;
            cursor = at + s.len();
            Some((origin[at], origin[at + s.len()]))
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
