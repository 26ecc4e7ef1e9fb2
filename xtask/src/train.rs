//! `cargo xtask train`: fits the link model (`src/linker.rs`) on the judged sets.
//!
//! Data: every event of `../shared/gold/news-dev/` (three accounts, one gold file per
//! pair) and the seed golds (`../shared/gold/seeds-*.json`, one pair each), given to the
//! engine as the reference sentences, one per line. Every candidate pair the engine
//! proposes is an example: 1 when both annotators linked it (`core`), 0 when neither did
//! (outside `accepted`); pairs only one annotator drew are left out.
//!
//! * Stage 1 (evidence → link) is fitted on each pair of accounts compared alone.
//! * Stage 2 (stage-1 log-odds + support from a third account) on each event's accounts
//!   compared in one run (news-dev only: the seeds have two accounts).
//! * The threshold is the one that maximises micro F1 (precision against `accepted`,
//!   recall against every `core` link, proposed or not) on the training events, over the
//!   pairwise runs and the three-account runs together.
//!
//! Logistic regression by Newton's method (IRLS) with a small L2 penalty: a handful of
//! features and a few thousand examples, solved exactly in milliseconds.
//!
//! `--write` rewrites the block between the markers in `src/linker.rs`; `--out FILE`
//! writes the model as JSON for `recoupe --model FILE`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use recoupe::align::PairCandidates;
use recoupe::linker::{sigmoid, LinkModel, EVIDENCE, EVIDENCE_NAMES};
use recoupe::{Config, Input, Split};
use serde_json::Value;

pub type Pairs = BTreeSet<(usize, usize)>;

/// One judged pair of accounts of an event.
pub struct Gold {
    /// Index of the left and right account in the event.
    pub left: usize,
    pub right: usize,
    pub accepted: Pairs,
    pub core: Pairs,
}

/// Where an event comes from.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Origin {
    /// `news-dev/`: three accounts, judged.
    News,
    /// `seeds-*.json`: one judged seed pair.
    Seed,
    /// A generated pair (`bench-data/w1000`, `w10000`): a text and its rewrite, with moves.
    Generated,
}

/// One event: its accounts (reference sentences, and the raw text when known) and golds.
pub struct Event {
    pub name: String,
    pub origin: Origin,
    pub sentences: Vec<Vec<String>>,
    pub raw: Vec<Option<PathBuf>>,
    pub golds: Vec<Gold>,
}

impl Event {
    /// The accounts as the engine reads them with `--split lines`.
    pub fn line_inputs(&self, docs: &[usize]) -> Vec<Input> {
        docs.iter()
            .map(|&d| Input::new(format!("{}.{d}", self.name), self.sentences[d].join("\n")))
            .collect()
    }
}

fn pairs_of(gold: &Value, key: &str) -> Pairs {
    gold[key]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|p| Some((p[0].as_u64()? as usize, p[1].as_u64()? as usize)))
        .collect()
}

fn strings_of(gold: &Value, key: &str) -> Vec<String> {
    gold[key]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s.as_str().map(str::to_string))
        .collect()
}

fn read_json(path: &Path) -> Result<Value> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    Ok(serde_json::from_str(&text)?)
}

/// The news-dev events, then the seed pairs, from `../shared/gold/`.
pub fn load_events() -> Result<Vec<Event>> {
    let gold_dir = crate::root().join("../shared/gold");
    let mut events = Vec::new();
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(gold_dir.join("news-dev"))
        .map(|d| {
            d.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.join("1.sents").exists())
                .collect()
        })
        .unwrap_or_default();
    dirs.sort();
    for dir in dirs {
        let mut sentences = Vec::new();
        let mut raw = Vec::new();
        for k in 1..=3 {
            let text = std::fs::read_to_string(dir.join(format!("{k}.sents")))?;
            sentences.push(text.lines().map(str::to_string).collect());
            raw.push(Some(dir.join(format!("{k}.txt"))).filter(|p| p.exists()));
        }
        let mut golds = Vec::new();
        for (a, b) in [(1, 2), (1, 3), (2, 3)] {
            let gold = read_json(&dir.join(format!("gold-{a}-{b}.json")))?;
            golds.push(Gold {
                left: a - 1,
                right: b - 1,
                accepted: pairs_of(&gold, "accepted"),
                core: pairs_of(&gold, "core"),
            });
        }
        events.push(Event {
            name: dir.file_name().unwrap().to_string_lossy().into_owned(),
            origin: Origin::News,
            sentences,
            raw,
            golds,
        });
    }
    let mut seeds: Vec<PathBuf> = std::fs::read_dir(&gold_dir)
        .map(|d| {
            d.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "json"))
                .collect()
        })
        .unwrap_or_default();
    seeds.sort();
    for path in seeds {
        let gold = read_json(&path)?;
        events.push(Event {
            name: path.file_stem().unwrap().to_string_lossy().into_owned(),
            origin: Origin::Seed,
            sentences: vec![
                strings_of(&gold, "left_sentences"),
                strings_of(&gold, "right_sentences"),
            ],
            raw: vec![
                crate::eval::find_seed(gold["left"].as_str().unwrap_or("")),
                crate::eval::find_seed(gold["right"].as_str().unwrap_or("")),
            ],
            golds: vec![Gold {
                left: 0,
                right: 1,
                accepted: pairs_of(&gold, "accepted"),
                core: pairs_of(&gold, "core"),
            }],
        });
    }
    if events.is_empty() {
        bail!("no judged sets under {}", gold_dir.display());
    }
    // Generated pairs teach what news cannot: that next to a near-identical partner, a
    // weaker one is a neighbour, not a second telling. Only the small sizes: the large
    // ones are what `eval` measures.
    for size in GENERATED_FOR_TRAINING {
        let dir = crate::root().join("bench-data").join(size);
        let Ok(gold) = std::fs::read_to_string(dir.join("gold.tsv")) else {
            eprintln!(
                "xtask: train: {} missing (../shared/bench/prepare.sh bench-data 1000 10000)",
                dir.display()
            );
            continue;
        };
        let pairs: Pairs = gold
            .lines()
            .filter_map(|l| {
                let mut f = l.split('\t');
                Some((f.next()?.parse().ok()?, f.next()?.parse().ok()?))
            })
            .collect();
        let read = |f: &str| -> Result<Vec<String>> {
            Ok(std::fs::read_to_string(dir.join(f))?
                .lines()
                .map(str::to_string)
                .collect())
        };
        events.push(Event {
            name: format!("bench-{size}"),
            origin: Origin::Generated,
            sentences: vec![read("A.sents")?, read("B.sents")?],
            raw: vec![Some(dir.join("A.txt")), Some(dir.join("B.txt"))],
            golds: vec![Gold {
                left: 0,
                right: 1,
                accepted: pairs.clone(),
                core: pairs,
            }],
        });
    }
    Ok(events)
}

/// The generated pairs trained on (the larger ones are kept for measuring).
const GENERATED_FOR_TRAINING: [&str; 2] = ["w1000", "w10000"];

/// How much a generated example counts against a judged one: enough to learn what a
/// revision looks like, not so much that news links are fitted to it (tried 1.0, 0.3,
/// 0.1 with `cargo xtask eval`).
const GENERATED_WEIGHT: f64 = 1.0;

/// A candidate seen in training: its evidence, stage-1 log-odds, support, and label.
struct Example {
    evidence: [f32; EVIDENCE],
    support: f32,
    logit: f32,
    /// 1 core, 0 rejected, None judged by one annotator only.
    label: Option<f32>,
    /// From a judged set (the threshold is chosen on these only).
    judged: bool,
}

/// The candidates of a run of `docs` of `event`, labelled with the golds between them.
fn examples(event: &Event, docs: &[usize], config: &Config, out: &mut Vec<Example>) -> Result<()> {
    let inputs = event.line_inputs(docs);
    let all: Vec<PairCandidates> = recoupe::candidate_pairs(&inputs, config)
        .map_err(|e| anyhow::anyhow!("{}: {e}", event.name))?;
    for pc in all {
        let (l, r) = (docs[pc.left], docs[pc.right]);
        let Some(gold) = event
            .golds
            .iter()
            .find(|g| (g.left, g.right) == (l, r) || (g.left, g.right) == (r, l))
        else {
            continue;
        };
        let flipped = gold.left != l;
        for c in pc.candidates {
            let pair = if flipped {
                (c.right, c.left)
            } else {
                (c.left, c.right)
            };
            let label = if gold.core.contains(&pair) {
                Some(1.0)
            } else if gold.accepted.contains(&pair) {
                None
            } else {
                Some(0.0)
            };
            out.push(Example {
                evidence: c.evidence,
                support: c.support,
                logit: c.logit,
                label,
                judged: event.origin != Origin::Generated,
            });
        }
    }
    Ok(())
}

/// Fits weights w (bias first) of a logistic model by IRLS with an L2 penalty.
// Matrix code reads best with the indices of the formulas.
#[allow(clippy::needless_range_loop)]
fn fit_logistic(rows: &[(Vec<f64>, f64, f64)], dims: usize) -> Vec<f64> {
    // L2 on every weight but the bias: keeps rare features from running away.
    const L2: f64 = 1.0;
    let mut w = vec![0.0f64; dims];
    for _ in 0..50 {
        let mut grad = vec![0.0f64; dims];
        let mut hess = vec![vec![0.0f64; dims]; dims];
        for (x, y, weight) in rows {
            let z: f64 = x.iter().zip(&w).map(|(a, b)| a * b).sum();
            let p = 1.0 / (1.0 + (-z).exp());
            for a in 0..dims {
                grad[a] += weight * (y - p) * x[a];
                for b in 0..dims {
                    hess[a][b] += weight * p * (1.0 - p) * x[a] * x[b];
                }
            }
        }
        for a in 1..dims {
            grad[a] -= L2 * w[a];
            hess[a][a] += L2;
        }
        hess[0][0] += 1e-6;
        let step = solve(hess, grad);
        let change: f64 = step.iter().map(|s| s.abs()).fold(0.0, f64::max);
        for a in 0..dims {
            w[a] += step[a];
        }
        if change < 1e-7 {
            break;
        }
    }
    w
}

/// Solves A x = b by Gaussian elimination with partial pivoting.
// Matrix code reads best with the indices of the formulas.
#[allow(clippy::needless_range_loop)]
fn solve(mut a: Vec<Vec<f64>>, mut b: Vec<f64>) -> Vec<f64> {
    let n = b.len();
    for col in 0..n {
        let pivot = (col..n)
            .max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs()))
            .unwrap_or(col);
        a.swap(col, pivot);
        b.swap(col, pivot);
        let d = a[col][col];
        if d.abs() < 1e-12 {
            continue;
        }
        for row in col + 1..n {
            let f = a[row][col] / d;
            for k in col..n {
                a[row][k] -= f * a[col][k];
            }
            b[row] -= f * b[col];
        }
    }
    let mut x = vec![0.0; n];
    for row in (0..n).rev() {
        let s: f64 = (row + 1..n).map(|k| a[row][k] * x[k]).sum();
        x[row] = if a[row][row].abs() < 1e-12 {
            0.0
        } else {
            (b[row] - s) / a[row][row]
        };
    }
    x
}

/// What training gives: the model and its threshold.
pub struct Trained {
    pub model: LinkModel,
    pub threshold: f32,
}

/// Fits both stages and the threshold on `events`.
pub fn fit(events: &[&Event]) -> Result<Trained> {
    let config = Config {
        split: Split::Lines,
        ..Config::default()
    };
    // Stage 1: pairwise runs.
    let mut pairwise = Vec::new();
    let mut core_total = 0;
    for event in events {
        for gold in &event.golds {
            examples(event, &[gold.left, gold.right], &config, &mut pairwise)?;
            if event.origin != Origin::Generated {
                core_total += gold.core.len();
            }
        }
    }
    let rows: Vec<(Vec<f64>, f64, f64)> = pairwise
        .iter()
        .filter_map(|e| {
            let y = e.label?;
            let mut x = vec![1.0f64];
            x.extend(e.evidence.iter().map(|&v| v as f64));
            let weight = if e.judged { 1.0 } else { GENERATED_WEIGHT };
            Some((x, y as f64, weight))
        })
        .collect();
    let w = fit_logistic(&rows, EVIDENCE + 1);
    let mut pair = [0.0f32; EVIDENCE + 1];
    for (k, v) in w.iter().enumerate() {
        pair[k] = *v as f32;
    }
    let mut model = LinkModel {
        pair,
        third: [0.0, 1.0, 0.0],
    };
    // Stage 2: each event's accounts in one run, with the stage-1 weights.
    let staged = Config {
        model: model.clone(),
        ..config.clone()
    };
    let mut joint = Vec::new();
    let mut joint_core = 0;
    for event in events.iter().filter(|e| e.sentences.len() >= 3) {
        let docs: Vec<usize> = (0..event.sentences.len()).collect();
        examples(event, &docs, &staged, &mut joint)?;
        joint_core += event.golds.iter().map(|g| g.core.len()).sum::<usize>();
    }
    if !joint.is_empty() {
        let rows: Vec<(Vec<f64>, f64, f64)> = joint
            .iter()
            .filter_map(|e| {
                Some((
                    vec![1.0, e.logit as f64, e.support as f64],
                    e.label? as f64,
                    1.0,
                ))
            })
            .collect();
        let v = fit_logistic(&rows, 3);
        model.third = [v[0] as f32, v[1] as f32, v[2] as f32];
    }
    // Threshold: micro F1 over pairwise and joint runs.
    let mut best = (0.0f64, 0.5f32);
    for step in 5..=95 {
        let t = step as f32 / 100.0;
        let (mut tp_p, mut predicted, mut tp_r) = (0usize, 0usize, 0usize);
        let mut count = |examples: &[Example], joint: bool| {
            for e in examples.iter().filter(|e| e.judged) {
                let p = if joint {
                    model.with_third(e.logit, e.support)
                } else {
                    sigmoid(model.pair_logit(&e.evidence))
                };
                if p >= t {
                    predicted += 1;
                    if e.label != Some(0.0) {
                        tp_p += 1;
                    }
                    if e.label == Some(1.0) {
                        tp_r += 1;
                    }
                }
            }
        };
        count(&pairwise, false);
        count(&joint, true);
        let core = core_total + joint_core;
        let precision = tp_p as f64 / predicted.max(1) as f64;
        let recall = tp_r as f64 / core.max(1) as f64;
        let f1 = if precision + recall > 0.0 {
            2.0 * precision * recall / (precision + recall)
        } else {
            0.0
        };
        if f1 > best.0 {
            best = (f1, t);
        }
    }
    Ok(Trained {
        model,
        threshold: best.1,
    })
}

/// The model as JSON, for `recoupe --model FILE`.
pub fn model_json(t: &Trained) -> String {
    serde_json::json!({
        "features": EVIDENCE_NAMES,
        "pair": t.model.pair,
        "third": t.model.third,
        "threshold": t.threshold,
    })
    .to_string()
}

fn rust_block(t: &Trained, events: usize) -> String {
    let list = |v: &[f32]| {
        v.iter()
            .map(|x| format!("{x:.4}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    format!(
        "// BEGIN TRAINED (cargo xtask train --write)\n\
         /// First-stage weights (bias first, then [`EVIDENCE_NAMES`] in order), fitted by\n\
         /// `cargo xtask train` on {events} events (news-dev, the seed pairs, and the\n\
         /// generated pairs w1000 and w10000 of ../shared/bench/prepare.sh).\n\
         #[rustfmt::skip]\n\
         const TRAINED_PAIR: [f32; EVIDENCE + 1] = [{}];\n\
         /// Third-account stage weights (bias, stage-1 log-odds, support), fitted likewise.\n\
         const TRAINED_THIRD: [f32; 3] = [{}];\n\
         /// The link threshold that maximised micro F1 on the same data.\n\
         pub const TRAINED_THRESHOLD: f32 = {:.2};\n\
         // END TRAINED",
        list(&t.model.pair),
        list(&t.model.third),
        t.threshold
    )
}

pub fn run(args: &[String]) -> Result<()> {
    let mut write = false;
    let mut out: Option<PathBuf> = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--write" => write = true,
            "--out" => out = Some(PathBuf::from(it.next().context("--out needs a file")?)),
            "--dump" => {
                let path = PathBuf::from(it.next().context("--dump needs a file")?);
                return dump(&load_events()?, &path);
            }
            other => bail!("unknown train option `{other}`"),
        }
    }
    let events = load_events()?;
    let all: Vec<&Event> = events.iter().collect();
    let trained = fit(&all)?;
    println!("{:<20} {:>9}", "feature", "weight");
    println!("{:<20} {:>9.4}", "(bias)", trained.model.pair[0]);
    for (name, w) in EVIDENCE_NAMES.iter().zip(&trained.model.pair[1..]) {
        println!("{name:<20} {w:>9.4}");
    }
    println!(
        "third-account stage: bias {:.4}, log-odds {:.4}, support {:.4}",
        trained.model.third[0], trained.model.third[1], trained.model.third[2]
    );
    println!("threshold {:.2}", trained.threshold);
    if let Some(path) = out {
        std::fs::write(&path, model_json(&trained))?;
        println!("wrote {}", path.display());
    }
    if write {
        let path = crate::root().join("src/linker.rs");
        let text = std::fs::read_to_string(&path)?;
        let (Some(a), Some(b)) = (text.find("// BEGIN TRAINED"), text.find("// END TRAINED"))
        else {
            bail!("markers not found in {}", path.display());
        };
        let b = b + "// END TRAINED".len();
        let updated = format!(
            "{}{}{}",
            &text[..a],
            rust_block(&trained, events.len()),
            &text[b..]
        );
        std::fs::write(&path, updated)?;
        println!("rewrote the trained block of {}", path.display());
    }
    Ok(())
}

/// `--dump FILE`: every candidate of every judged pair of accounts compared alone, one
/// JSON line each (event, accounts, segments, evidence, label), then one line per pair of
/// accounts with how many of its `core` links are among the candidates: the data for
/// studying a new feature or model outside the engine.
fn dump(events: &[Event], path: &Path) -> Result<()> {
    use std::io::Write;
    let config = Config {
        split: Split::Lines,
        ..Config::default()
    };
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    for event in events {
        for gold in &event.golds {
            let inputs = event.line_inputs(&[gold.left, gold.right]);
            let all = recoupe::candidate_pairs(&inputs, &config)
                .map_err(|e| anyhow::anyhow!("{}: {e}", event.name))?;
            let mut proposed = Pairs::new();
            for pc in all {
                for c in pc.candidates {
                    let pair = (c.left, c.right);
                    proposed.insert(pair);
                    let label = if gold.core.contains(&pair) {
                        Value::from(1)
                    } else if gold.accepted.contains(&pair) {
                        Value::Null
                    } else {
                        Value::from(0)
                    };
                    let line = serde_json::json!({
                        "event": event.name, "origin": format!("{:?}", event.origin),
                        "l": gold.left, "r": gold.right, "i": c.left, "j": c.right,
                        "x": c.evidence.to_vec(), "label": label,
                    });
                    writeln!(out, "{line}")?;
                }
            }
            let line = serde_json::json!({
                "event": event.name, "origin": format!("{:?}", event.origin),
                "l": gold.left, "r": gold.right, "core": gold.core.len(),
                "accepted": gold.accepted.len(),
                "core_proposed": gold.core.intersection(&proposed).count(),
                "missed": gold.core.difference(&proposed).collect::<Vec<_>>(),
            });
            writeln!(out, "{line}")?;
        }
    }
    println!("wrote {}", path.display());
    Ok(())
}
