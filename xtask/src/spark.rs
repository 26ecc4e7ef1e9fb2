//! The Spark stage of `cargo xtask test`: `examples/spark/recoupe_spark.py` really run by
//! PySpark in local mode, both ways it ships the binary (an absolute path for `RDD.pipe`,
//! and `SparkContext.addFile`), and its output checked against `recoupe batch` run
//! directly: the same set of lines (an `error`'s `line` counts within Spark's partition,
//! so it is left out of the comparison).
//!
//! Installs what it needs on a fresh machine: Java (Debian's `openjdk-17-jre-headless`
//! through apt-get when `java` is missing and we are root; else it says what to install),
//! and a venv under `target/spark-venv` with `pyspark==`[`PYSPARK`] from PyPI.
//! The events are built at run time from texts in the repository (`seeds/`,
//! `e2e/fixtures/accounts/`), never from `../shared`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};
use serde_json::{json, Value};

use crate::{root, run_status};

/// Spark 3.5 is the line with Java 17 and Python 3.11 support that Debian 12 has; 3.5.9
/// was its newest release on PyPI when this stage was written.
const PYSPARK: &str = "3.5.9";

pub fn run() -> Result<()> {
    ensure_java()?;
    let python = ensure_pyspark()?;
    let bin = crate::test::debug_cli()?;
    let dir = root().join("target/spark-test");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir)?;
    let events = dir.join("events.jsonl");
    std::fs::write(&events, events_jsonl()?)?;

    let direct = Command::new(&bin)
        .args(["batch", "--jobs", "2"])
        .arg(&events)
        .output()
        .context("running recoupe batch")?;
    if direct.status.code() != Some(1) {
        bail!(
            "recoupe batch should exit 1 (one malformed line), got {}: {}",
            direct.status,
            String::from_utf8_lossy(&direct.stderr)
        );
    }
    let expected = comparable(&String::from_utf8(direct.stdout)?)?;
    let errors = expected.iter().filter(|l| l.contains("\"error\"")).count();
    if errors != 1 || expected.len() < 5 {
        bail!("the events should give one error line and reports, got {expected:?}");
    }

    let script = root().join("examples/spark/recoupe_spark.py");
    for (mode, output) in [("--ship", "out-shipped"), ("--recoupe", "out-path")] {
        let out = dir.join(output);
        let started = std::time::Instant::now();
        // Two cores, as the development machines have; three partitions, more than the
        // cores (a task waits for a core) and each with lines of the 8 in it, so the output
        // really is put together from several `recoupe batch` processes.
        run_status(
            Command::new(&python)
                .arg(&script)
                .args(["--master", "local[2]", "--partitions", "3", mode])
                .arg(&bin)
                .arg(&events)
                .arg(&out)
                .env("PYSPARK_PYTHON", &python)
                // No network in tests: Spark's driver on the loopback.
                .env("SPARK_LOCAL_IP", "127.0.0.1")
                .env_remove("SPARK_HOME"),
        )?;
        let mut parts: Vec<PathBuf> = std::fs::read_dir(&out)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with("part-"))
            })
            .collect();
        parts.sort();
        if parts.len() < 2 {
            bail!(
                "Spark wrote {} part file(s), expected one per partition",
                parts.len()
            );
        }
        let mut text = String::new();
        for p in &parts {
            text.push_str(&std::fs::read_to_string(p)?);
        }
        let got = comparable(&text)?;
        if got != expected {
            let missing: Vec<_> = expected.difference(&got).collect();
            let extra: Vec<_> = got.difference(&expected).collect();
            bail!("Spark ({mode}) and recoupe batch differ: missing {missing:?}, extra {extra:?}");
        }
        eprintln!(
            "xtask: Spark {mode}: {} lines in {} parts, the same as recoupe batch ({:.0} s)",
            got.len(),
            parts.len(),
            started.elapsed().as_secs_f64()
        );
    }
    Ok(())
}

/// Output lines as a set, each without its error's `line`.
fn comparable(out: &str) -> Result<BTreeSet<String>> {
    out.lines()
        .map(|l| {
            let mut v: Value = serde_json::from_str(l).with_context(|| format!("not JSON: {l}"))?;
            if let Some(e) = v.get_mut("error").and_then(Value::as_object_mut) {
                e.remove("line");
            }
            Ok(v.to_string())
        })
        .collect()
}

/// Events from the repository's texts: the seed pair, three EU–Canada accounts, the five
/// fire accounts and pairs of them, an empty line and a malformed line.
fn events_jsonl() -> Result<String> {
    let read =
        |p: &str| std::fs::read_to_string(root().join(p)).with_context(|| format!("reading {p}"));
    let account = |id: &str, p: &str| -> Result<Value> { Ok(json!({"id": id, "text": read(p)?})) };
    let council = "seeds/2025-12-08-eu-canada-digital-partnership-council";
    let press = account(
        "press",
        &format!("{council}/commission-press-release.fr.txt"),
    )?;
    let blog = account("blog", &format!("{council}/business-blog-article.fr.txt"))?;
    let lux = account(
        "luxembourg",
        "seeds/2024-02-01-eu-canada-digital-partnership-luxembourg/commission-luxembourg-news.fr.txt",
    )?;
    let fire: Vec<Value> = ["wire", "daily", "radio", "weekly", "blog"]
        .iter()
        .map(|n| account(n, &format!("e2e/fixtures/accounts/{n}.txt")))
        .collect::<Result<_>>()?;
    let mut lines = vec![
        json!({"id": "council", "topic": "eu-canada", "accounts": [press, blog]}),
        json!({"id": "eu-canada-3", "accounts": [lux, press, blog]}),
        json!({"id": "fire", "accounts": fire}),
    ];
    for k in 0..fire.len() - 1 {
        lines.push(json!({"id": format!("fire-{k}"), "accounts": [fire[k], fire[k + 1]]}));
    }
    let mut text: Vec<String> = lines.iter().map(Value::to_string).collect();
    text.insert(2, String::new());
    text.insert(4, "{\"id\": \"broken\", \"accounts\": [".to_string());
    Ok(text.join("\n") + "\n")
}

fn java_works() -> bool {
    Command::new("java")
        .arg("-version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Spark 3.5 runs on Java 8, 11 or 17: Debian 12's is 17.
fn ensure_java() -> Result<()> {
    if java_works() {
        return Ok(());
    }
    if !crate::test::is_root() {
        bail!(
            "java is missing (Spark needs it). Install it (Debian/Ubuntu): \
             sudo apt-get update && sudo apt-get install -y openjdk-17-jre-headless"
        );
    }
    crate::test::apt_install(&["openjdk-17-jre-headless"])
}

/// `target/spark-venv` with pyspark [`PYSPARK`]; its python.
fn ensure_pyspark() -> Result<PathBuf> {
    let venv = root().join("target/spark-venv");
    let python = venv.join("bin/python");
    if !python.exists() {
        let make = || {
            Command::new("python3")
                .args(["-m", "venv"])
                .arg(&venv)
                .status()
                .is_ok_and(|s| s.success())
        };
        if !make() {
            let _ = std::fs::remove_dir_all(&venv);
            if !crate::test::is_root() {
                bail!(
                    "python3 -m venv failed: install Python's venv (Debian/Ubuntu): \
                     sudo apt-get install -y python3-venv"
                );
            }
            crate::test::apt_install(&["python3-venv"])?;
            run_status(Command::new("python3").args(["-m", "venv"]).arg(&venv))?;
        }
    }
    if !has_pyspark(&python) {
        run_status(
            Command::new(&python)
                .args([
                    "-m",
                    "pip",
                    "install",
                    "--disable-pip-version-check",
                    "--quiet",
                ])
                .arg(format!("pyspark=={PYSPARK}")),
        )?;
    }
    Ok(python)
}

fn has_pyspark(python: &Path) -> bool {
    Command::new(python)
        .args([
            "-c",
            &format!("import pyspark; assert pyspark.__version__ == '{PYSPARK}'"),
        ])
        .output()
        .is_ok_and(|o| o.status.success())
}
