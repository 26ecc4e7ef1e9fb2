//! `cargo xtask bench`: how fast the aligner is, against peers timed in the same run, and
//! `BENCHMARKS.md` (committed) with the result.
//!
//! These machines are shared and noisy, so absolute times mean little: each pair under
//! `bench-data/wN/` (made by `../shared/bench/prepare.sh`) is aligned by the release
//! command line on the raw articles (`A.txt`, `B.txt`, JSON report), and two peers are
//! timed alongside, interleaved run by run: `similar`'s patience word diff of the same
//! texts (`peer/`, the `similar-peer` binary, built with the same release profile) and
//! `git diff --no-index --color-moved` on the sentence lines. The median of the runs of
//! each is reported, with the ratios. Beside them: recoupe's peak memory (max RSS, from
//! `/usr/bin/time` when it is there) and quality on the same report (F1 against the gold,
//! moved and reworded gold pairs found: `eval::bench_quality`).
//!
//! `cargo xtask bench --batch [--repeat N] [--runs N]`: `recoupe batch` throughput instead,
//! in events per second with `--jobs 1` and `--jobs 2`, and the speed-up. The events are
//! the 15 news-dev events of `../shared/gold/news-dev/` (three accounts each), written as
//! JSON Lines under `target/` at run time (their texts are never committed) and repeated
//! N times (default [`BATCH_REPEAT`]).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

/// How many times the 15 news-dev events are repeated: 40 × 15 = 600 events. One event
/// takes about 12 ms of CPU (measured: 120 events in 1.4 s of user time), so a run is some
/// 7 s with one job: long enough that process start, the last event's tail and the noise
/// of a shared machine weigh little (8 repeats, 1.5 s, gave speed-ups from 1.08 to 2.2).
const BATCH_REPEAT: usize = 40;

use crate::{cargo, root, run_status};

/// One pair's measurements.
struct Row {
    name: String,
    words: String,
    recoupe: Duration,
    similar: Duration,
    git: Duration,
    max_rss_kb: Option<u64>,
    quality: Option<crate::eval::BenchQuality>,
}

pub fn run(args: &[String]) -> Result<()> {
    let mut bench = root().join("bench-data");
    let mut runs = 5usize;
    let mut batch = false;
    let mut repeat = BATCH_REPEAT;
    let mut write = true;
    let mut browser = true;
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
            "--no-write" => write = false,
            "--no-browser" => browser = false,
            other => bail!(
                "unknown bench option `{other}` (bench takes --bench DIR, --runs N, --no-write, --no-browser, --batch, --repeat N)"
            ),
        }
    }
    if batch {
        return run_batch(
            repeat,
            if args.iter().any(|a| a == "--runs") {
                runs
            } else {
                // 5 runs of both, as the pair bench (about a minute in all).
                5
            },
        );
    }
    let runs = runs.max(1);
    let bin = crate::release_cli()?;
    run_status(cargo().args(["build", "--release", "--package", "similar-peer"]))?;
    let peer = root().join("target/release/similar-peer");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&bench)
        .with_context(|| {
            format!(
                "no bench pairs in {} (make them with ../shared/bench/prepare.sh {} 10000 100000 1000000)",
                bench.display(),
                bench.display()
            )
        })?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("A.sents").exists())
        .collect();
    dirs.sort_by_key(|p| words_of(p));
    println!(
        "{:<10} {:>12} {:>12} {:>8} {:>12} {:>8} {:>9} {:>6} {:>6} {:>6}",
        "pair",
        "recoupe",
        "similar",
        "ratio",
        "git moved",
        "ratio",
        "max RSS",
        "F1",
        "moved",
        "reword"
    );
    let mut rows = Vec::new();
    for dir in dirs {
        let (a, b) = (dir.join("A.txt"), dir.join("B.txt"));
        let (mut ours, mut similar, mut git) = (Vec::new(), Vec::new(), Vec::new());
        let mut max_rss_kb = None;
        let mut quality = None;
        for run in 0..runs {
            let out =
                std::env::temp_dir().join(format!("recoupe-bench-{}.json", std::process::id()));
            let mut cmd = Command::new(&bin);
            cmd.args(["--format", "json"]).arg(&a).arg(&b);
            let (took, rss) = time_to(&mut cmd, &out)?;
            ours.push(took);
            max_rss_kb = max_rss_kb.max(rss);
            if run == 0 {
                let report: serde_json::Value =
                    serde_json::from_reader(std::io::BufReader::new(std::fs::File::open(&out)?))
                        .context("reading recoupe's report")?;
                quality = crate::eval::bench_quality(&dir, &report).ok();
            }
            let _ = std::fs::remove_file(&out);
            similar.push(time(Command::new(&peer).arg(&a).arg(&b))?);
            git.push(time(
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
        let row = Row {
            name: dir.file_name().unwrap().to_string_lossy().into_owned(),
            words: human_words(words_of(&dir)),
            recoupe: median(&mut ours),
            similar: median(&mut similar),
            git: median(&mut git),
            max_rss_kb,
            quality,
        };
        println!(
            "{:<10} {:>9.0} ms {:>9.0} ms {:>7.2}× {:>9.0} ms {:>7.1}× {:>9} {:>6} {:>6} {:>6}",
            row.name,
            ms(row.recoupe),
            ms(row.similar),
            ratio(row.recoupe, row.similar),
            ms(row.git),
            ratio(row.recoupe, row.git),
            row.max_rss_kb
                .map_or("-".into(), |k| format!("{} MB", k / 1024)),
            row.quality
                .as_ref()
                .map_or("-".into(), |q| format!("{:.3}", q.f1)),
            row.quality
                .as_ref()
                .map_or("-".into(), |q| format!("{:.3}", q.moved)),
            row.quality
                .as_ref()
                .map_or("-".into(), |q| format!("{:.3}", q.reworded)),
        );
        rows.push(row);
    }
    println!("ratios: recoupe on the raw articles / the peer, medians of {runs} interleaved runs");
    let pages = if browser {
        match page_rows(&rows, &bench, runs) {
            Ok(p) => p,
            Err(e) => {
                eprintln!("xtask: the page was not measured: {e:#}");
                Vec::new()
            }
        }
    } else {
        Vec::new()
    };
    if write {
        let path = root().join("BENCHMARKS.md");
        std::fs::write(&path, markdown(&rows, &pages, runs, &bench))
            .with_context(|| format!("writing {}", path.display()))?;
        eprintln!("xtask: wrote {}", path.display());
    }
    Ok(())
}

/// The N of `wN`.
fn words_of(dir: &Path) -> u64 {
    dir.file_name()
        .and_then(|n| n.to_str())
        .and_then(|n| n.trim_start_matches('w').parse::<u64>().ok())
        .unwrap_or(0)
}

fn human_words(n: u64) -> String {
    match n {
        n if n >= 1_000_000 && n % 1_000_000 == 0 => format!("{}M", n / 1_000_000),
        n if n >= 1000 && n % 1000 == 0 => format!("{}k", n / 1000),
        n => n.to_string(),
    }
}

fn markdown(rows: &[Row], pages: &[PageRow], runs: usize, bench: &Path) -> String {
    let mut md = String::new();
    let _ = writeln!(md, "# Benchmarks\n");
    let _ = writeln!(
        md,
        "Written by `cargo xtask bench --runs {runs}` (`xtask/src/bench.rs`); do not edit by hand.\n"
    );
    let _ =
        writeln!(
        md,
        "Pairs: `{}` made by `../shared/bench/prepare.sh bench-data 1000 10000 100000 1000000` \
         (generated French prose with gold: deletions, insertions, moved blocks, rewordings, \
         splits, merges; `wN` has about N words per side). Times are wall-clock medians of \
         {runs} interleaved runs; the ratios compare runs of the same moment, which is what \
         a shared machine allows.\n",
        bench.file_name().map_or("bench-data".into(), |n| n.to_string_lossy())
    );
    let _ = writeln!(md, "- **recoupe**: the release command line, `recoupe --format json A.txt B.txt` (reading, segmenting, aligning, word diffs, groups, facts, and the JSON report written out);");
    let _ = writeln!(md, "- **similar**: `similar-peer A.txt B.txt` (`peer/`): similar {}'s patience word diff of the same texts, every change walked, no deadline (so at a million words it runs to the end where a deadline would cut it short), same release profile;", similar_version());
    let _ = writeln!(md, "- **git**: `git diff --no-index --color-moved=zebra --color=always A.sents B.sents` (one sentence a line);");
    let _ = writeln!(
        md,
        "- **max RSS**: recoupe's peak memory (`/usr/bin/time`), the largest of its runs;"
    );
    let _ = writeln!(md, "- **F1**, **moved**, **reworded**: recoupe's report on the raw articles against the gold (sentence pairs; moved: share of the gold pairs the generator moved that are linked; reworded: the same for the pairs it reworded).\n");
    let _ = writeln!(md, "## Native\n");
    let _ = writeln!(md, "| words per side | recoupe | similar | recoupe / similar | git --color-moved | recoupe / git | max RSS | F1 | moved found | reworded found |");
    let _ = writeln!(md, "|---|---|---|---|---|---|---|---|---|---|");
    for r in rows {
        let q = |f: fn(&crate::eval::BenchQuality) -> f64| {
            r.quality
                .as_ref()
                .map_or("—".to_string(), |q| format!("{:.3}", f(q)))
        };
        let _ = writeln!(
            md,
            "| {} (`{}`) | {} | {} | {:.2}× | {} | {:.1}× | {} | {} | {} | {} |",
            r.words,
            r.name,
            human_time(r.recoupe),
            human_time(r.similar),
            ratio(r.recoupe, r.similar),
            human_time(r.git),
            ratio(r.recoupe, r.git),
            r.max_rss_kb
                .map_or("—".into(), |k| format!("{} MB", k / 1024)),
            q(|q| q.f1),
            q(|q| q.moved),
            q(|q| q.reworded),
        );
    }
    let _ = writeln!(md, "\n## In the browser\n");
    if pages.is_empty() {
        let _ = writeln!(
            md,
            "Not measured in this run (`--no-browser`, or no Chromium / `dist/recoupe.html`).\n"
        );
    } else {
        let _ = writeln!(md, "`e2e/bench-page.mjs` (Playwright, Debian's Chromium, headless): the two files added to `dist/recoupe.html` from `file://` as a user adds them; the time runs until both column heads name them, nothing is running and rows are drawn (reading, the wasm comparison in its worker, the rows). Median of the runs (one run at a million words); the native time is the command line's median above, from the same run. The longest task is the longest main-thread block seen meanwhile (`PerformanceObserver`, `longtask`), the largest of the runs.\n");
        let _ = writeln!(md, "| words per side | page (drop → links shown) | native recoupe | page / native | longest main-thread task |");
        let _ = writeln!(md, "|---|---|---|---|---|");
        for p in pages {
            match (&p.page, p.native) {
                (Ok(page), native) => {
                    let _ = writeln!(
                        md,
                        "| {} | {} | {} | {:.1}× | {} ms |",
                        p.words,
                        human_time(*page),
                        human_time(native),
                        ratio(*page, native),
                        p.longest_task_ms
                    );
                }
                (Err(e), native) => {
                    let _ = writeln!(
                        md,
                        "| {} | not shown: {} | {} | — | — |",
                        p.words,
                        e,
                        human_time(native)
                    );
                }
            }
        }
        let _ = writeln!(md);
    }
    let _ = writeln!(md, "## Machine\n");
    let _ = writeln!(md, "{}\n", machine());
    md
}

fn similar_version() -> String {
    let lock = std::fs::read_to_string(root().join("Cargo.lock")).unwrap_or_default();
    let mut lines = lock.lines();
    while let Some(l) = lines.next() {
        if l == "name = \"similar\"" {
            if let Some(v) = lines.next().and_then(|v| v.strip_prefix("version = ")) {
                return v.trim_matches('"').to_string();
            }
        }
    }
    "?".into()
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|s| s.trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let mem = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|m| {
            m.lines()
                .next()
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|k| k.parse::<u64>().ok())
        })
        .map_or("?".into(), |k| format!("{} GiB", k / 1024 / 1024));
    let rustc = Command::new("rustc")
        .arg("--version")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default();
    format!(
        "{cpu}, {cores} cores (shared with other builds: times are noisy, ratios less so), \
         {mem}; {rustc}; release profile of `Cargo.toml` (opt-level 3, LTO, one codegen unit; the wasm has its own profile, `wasm-release`, at opt-level \"s\") \
         for recoupe and the similar peer alike."
    )
}

/// Runs `cmd`, its stdout into `out`; returns the wall time and, when `/usr/bin/time` is
/// there, the peak memory in KB.
fn time_to(cmd: &mut Command, out: &Path) -> Result<(Duration, Option<u64>)> {
    let gnu_time = Path::new("/usr/bin/time");
    let rss_file = out.with_extension("rss");
    let mut run = if gnu_time.exists() {
        let mut c = Command::new(gnu_time);
        c.arg("-f")
            .arg("%M")
            .arg("-o")
            .arg(&rss_file)
            .arg(cmd.get_program());
        c.args(cmd.get_args());
        c
    } else {
        let mut c = Command::new(cmd.get_program());
        c.args(cmd.get_args());
        c
    };
    run.stdout(std::fs::File::create(out)?)
        .stderr(Stdio::null());
    let start = Instant::now();
    let status = run
        .status()
        .with_context(|| format!("could not run {cmd:?}"))?;
    let elapsed = start.elapsed();
    if !status.success() {
        bail!("{cmd:?} failed ({status})");
    }
    let rss = std::fs::read_to_string(&rss_file)
        .ok()
        .and_then(|s| s.trim().lines().last()?.trim().parse().ok());
    let _ = std::fs::remove_file(&rss_file);
    Ok((elapsed, rss))
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
    // On a shared machine the speed-up says as much about the neighbours as about recoupe.
    if let Ok(load) = std::fs::read_to_string("/proc/loadavg") {
        let load: Vec<&str> = load.split_whitespace().take(3).collect();
        println!("  load average after the runs: {}", load.join(" "));
    }
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

fn ratio(a: Duration, b: Duration) -> f64 {
    a.as_secs_f64() / b.as_secs_f64().max(1e-6)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn human_time(d: Duration) -> String {
    if d.as_secs_f64() >= 1.0 {
        format!("{:.2} s", d.as_secs_f64())
    } else {
        format!("{:.0} ms", ms(d))
    }
}

/// One pair in the browser.
struct PageRow {
    words: String,
    page: std::result::Result<Duration, String>,
    native: Duration,
    longest_task_ms: u64,
}

/// Runs `e2e/bench-page.mjs` on the pairs of `rows` (after building the page) and reads its
/// JSON lines.
fn page_rows(rows: &[Row], bench: &Path, runs: usize) -> Result<Vec<PageRow>> {
    let chromium = Path::new("/usr/bin/chromium");
    if !chromium.exists() {
        bail!("no /usr/bin/chromium (apt-get install chromium)");
    }
    if !root().join("e2e/node_modules/@playwright/test").exists() {
        run_status(
            Command::new("npm")
                .arg("ci")
                .current_dir(root().join("e2e")),
        )?;
    }
    let built = crate::build::build(true)?;
    // A million words a side takes the page minutes: one run there, `runs` below.
    let (big, small): (Vec<&Row>, Vec<&Row>) = rows
        .iter()
        .partition(|r| words_of(&bench.join(&r.name)) >= 1_000_000);
    let mut stdout = String::new();
    for (group, n) in [(small, runs), (big, 1)] {
        if group.is_empty() {
            continue;
        }
        let mut cmd = Command::new("node");
        cmd.arg(root().join("e2e/bench-page.mjs"))
            .arg("--html")
            .arg(&built.html)
            .arg("--runs")
            .arg(n.to_string())
            // A pair the page has not shown in 5 minutes is reported as such.
            .arg("--timeout")
            .arg("300");
        for r in &group {
            cmd.arg(bench.join(&r.name));
        }
        eprintln!(
            "xtask: the page in Chromium, {} pairs × {n} runs",
            group.len()
        );
        let out = cmd
            .stderr(Stdio::inherit())
            .output()
            .context("running node e2e/bench-page.mjs")?;
        if !out.status.success() {
            bail!("e2e/bench-page.mjs failed ({})", out.status);
        }
        stdout.push_str(&String::from_utf8_lossy(&out.stdout));
    }
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    let mut pages = Vec::new();
    for r in rows {
        let mine: Vec<&serde_json::Value> = lines
            .iter()
            .filter(|l| l["pair"] == r.name.as_str())
            .collect();
        let mut times: Vec<Duration> = mine
            .iter()
            .filter_map(|l| l["ms"].as_u64())
            .map(Duration::from_millis)
            .collect();
        let longest = mine
            .iter()
            .filter_map(|l| l["longest_task_ms"].as_u64())
            .max()
            .unwrap_or(0);
        let page = if times.is_empty() {
            Err(mine
                .iter()
                .find_map(|l| l["error"].as_str())
                .unwrap_or("no result")
                .chars()
                .take(80)
                .collect())
        } else {
            Ok(median(&mut times))
        };
        if let Ok(t) = &page {
            println!(
                "{:<10} page {:>9.0} ms  native {:>9.0} ms  {:>5.1}×  longest task {longest} ms",
                r.name,
                ms(*t),
                ms(r.recoupe),
                ratio(*t, r.recoupe)
            );
        }
        pages.push(PageRow {
            words: format!("{} (`{}`)", r.words, r.name),
            page,
            native: r.recoupe,
            longest_task_ms: longest,
        });
    }
    Ok(pages)
}
