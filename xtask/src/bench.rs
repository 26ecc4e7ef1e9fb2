//! `cargo xtask bench`: how fast the aligner is, against a peer timed in the same run.
//!
//! These machines are shared and noisy, so absolute times mean little: each pair under
//! `bench-data/wN/` (made by `../shared/bench/prepare.sh`) is aligned by the release
//! command line (raw articles, and one-sentence-per-line input), and `git diff --no-index
//! --color-moved` on the sentence lines is timed alongside as the peer; the median of
//! several interleaved runs of each is reported, with the ratio.
//!
//! `cargo xtask bench --batch [--repeat N] [--runs N]`: `recoupe batch` throughput instead,
//! in events per second with `--jobs 1` and `--jobs 2`, and the speed-up. The events are
//! the 15 news-dev events of `../shared/gold/news-dev/` (three accounts each), written as
//! JSON Lines under `target/` at run time (their texts are never committed) and repeated
//! N times (default [`BATCH_REPEAT`]).

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

/// How many times the 15 news-dev events are repeated: 8 × 15 = 120 events, about ten
/// seconds with one job on a shared 2-core machine (measured), long enough that process
/// start and the slowest event's tail weigh little.
const BATCH_REPEAT: usize = 8;

pub fn run(args: &[String]) -> Result<()> {
    let mut bench = crate::root().join("bench-data");
    let mut runs = 5usize;
    let mut batch = false;
    let mut repeat = BATCH_REPEAT;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--batch" => batch = true,
            "--repeat" => {
                repeat = it
                    .next()
                    .and_then(|n| n.parse().ok())
                    .context("--repeat needs a number")?
            }
            "--bench" => bench = PathBuf::from(it.next().context("--bench needs a folder")?),
            "--runs" => {
                runs = it
                    .next()
                    .context("--runs needs a number")?
                    .parse()
                    .context("--runs needs a number")?
            }
            other => bail!("unknown bench option `{other}`"),
        }
    }
    if batch {
        return run_batch(
            repeat,
            if args.iter().any(|a| a == "--runs") {
                runs
            } else {
                3
            },
        );
    }
    let bin = crate::release_cli()?;
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&bench)
        .with_context(|| {
            format!(
                "no bench pairs in {} (make them with ../shared/bench/prepare.sh {} 10000 100000)",
                bench.display(),
                bench.display()
            )
        })?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("A.sents").exists())
        .collect();
    dirs.sort_by_key(|p| {
        p.file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.trim_start_matches('w').parse::<u64>().ok())
            .unwrap_or(0)
    });
    println!(
        "{:<10} {:>14} {:>14} {:>16} {:>10}",
        "pair", "recoupe raw", "recoupe lines", "git diff moved", "ratio"
    );
    for dir in dirs {
        let mut raw = Vec::new();
        let mut lines = Vec::new();
        let mut peer = Vec::new();
        for _ in 0..runs {
            raw.push(time(
                Command::new(&bin)
                    .args(["--format", "json"])
                    .arg(dir.join("A.txt"))
                    .arg(dir.join("B.txt")),
            )?);
            lines.push(time(
                Command::new(&bin)
                    .args(["--format", "json", "--split", "lines"])
                    .arg(dir.join("A.sents"))
                    .arg(dir.join("B.sents")),
            )?);
            peer.push(time(
                Command::new("git")
                    .args([
                        "diff",
                        "--no-index",
                        "--color-moved=zebra",
                        "--color=always",
                    ])
                    .arg(dir.join("A.sents"))
                    .arg(dir.join("B.sents")),
            )?);
        }
        let (r, l, p) = (median(&mut raw), median(&mut lines), median(&mut peer));
        println!(
            "{:<10} {:>11.0} ms {:>11.0} ms {:>13.0} ms {:>9.1}×",
            dir.file_name().unwrap().to_string_lossy(),
            ms(r),
            ms(l),
            ms(p),
            r.as_secs_f64() / p.as_secs_f64().max(1e-6)
        );
    }
    println!("ratio: recoupe on raw articles / git diff --color-moved on sentence lines (median of {runs} interleaved runs)");
    Ok(())
}

/// `recoupe batch` over the news-dev events repeated `repeat` times, `--jobs 1` and 2.
fn run_batch(repeat: usize, runs: usize) -> Result<()> {
    let news = crate::root().join("../shared/gold/news-dev");
    let mut events = Vec::new();
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&news)
        .with_context(|| format!("no news-dev events in {}", news.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("1.txt").exists())
        .collect();
    dirs.sort();
    for dir in &dirs {
        let name = dir.file_name().unwrap_or_default().to_string_lossy();
        let mut accounts = Vec::new();
        for k in 1..=3 {
            let text = std::fs::read_to_string(dir.join(format!("{k}.txt")))?;
            accounts.push(serde_json::json!({"id": k.to_string(), "text": text}));
        }
        events.push((name.into_owned(), accounts));
    }
    if events.is_empty() {
        bail!(
            "no news-dev events (folders with 1.txt) in {}",
            news.display()
        );
    }
    let mut jsonl = String::new();
    for r in 0..repeat {
        for (name, accounts) in &events {
            let line = serde_json::json!({"id": format!("{name}#{r}"), "accounts": accounts});
            jsonl.push_str(&line.to_string());
            jsonl.push('\n');
        }
    }
    let n = events.len() * repeat;
    let dir = crate::root().join("target/bench-batch");
    std::fs::create_dir_all(&dir)?;
    let file = dir.join("news-dev.jsonl");
    std::fs::write(&file, &jsonl)?;
    let bin = crate::release_cli()?;
    let mut times: [Vec<Duration>; 2] = [Vec::new(), Vec::new()];
    for _ in 0..runs {
        for (k, jobs) in ["1", "2"].iter().enumerate() {
            times[k].push(time(
                Command::new(&bin)
                    .args(["batch", "--jobs", jobs])
                    .arg(&file),
            )?);
        }
    }
    let (one, two) = (median(&mut times[0]), median(&mut times[1]));
    let rate = |d: Duration| n as f64 / d.as_secs_f64().max(1e-6);
    println!(
        "recoupe batch: {n} events ({} news-dev events × {repeat}, 3 accounts each, {:.1} MB of JSON Lines)",
        events.len(),
        jsonl.len() as f64 / 1e6
    );
    println!(
        "  --jobs 1: {:>6.1} events/s ({:.1} s)",
        rate(one),
        one.as_secs_f64()
    );
    println!(
        "  --jobs 2: {:>6.1} events/s ({:.1} s)",
        rate(two),
        two.as_secs_f64()
    );
    println!(
        "  speed-up with 2 jobs: {:.2}× (median of {runs} interleaved runs; {} cores available)",
        one.as_secs_f64() / two.as_secs_f64().max(1e-6),
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    Ok(())
}

fn time(cmd: &mut Command) -> Result<Duration> {
    let start = Instant::now();
    let status = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .with_context(|| format!("could not run {cmd:?}"))?;
    let elapsed = start.elapsed();
    // git diff exits 1 when the files differ; anything above that is a failure.
    if status.code().is_none_or(|c| c > 1) {
        bail!("{cmd:?} failed ({status})");
    }
    Ok(elapsed)
}

fn median(v: &mut [Duration]) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
