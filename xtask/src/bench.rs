//! `cargo xtask bench`: how fast the aligner is, against a peer timed in the same run.
//!
//! These machines are shared and noisy, so absolute times mean little: each pair under
//! `bench-data/wN/` (made by `../shared/bench/prepare.sh`) is aligned by the release
//! command line (raw articles, and one-sentence-per-line input), and `git diff --no-index
//! --color-moved` on the sentence lines is timed alongside as the peer; the median of
//! several interleaved runs of each is reported, with the ratio.

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

pub fn run(args: &[String]) -> Result<()> {
    let mut bench = crate::root().join("bench-data");
    let mut runs = 5usize;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
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
