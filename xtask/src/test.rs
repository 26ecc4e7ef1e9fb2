//! `cargo xtask test`: every test, installing what it needs on a fresh machine.
//!
//! 0. checks (fast, first): `cargo fmt --check`, `cargo clippy --workspace --all-targets
//!    -- -D warnings`, ESLint on the page, workers and browser tests (`e2e/eslint.config.mjs`),
//!    and the page's unit tests (`node --test` on every `*.test.mjs` under `www/` and `e2e/unit/`);
//! 1. host: `cargo test --workspace` (as two runs: the core, then the xtask);
//! 2. wasm: `cargo test --target wasm32-unknown-unknown --test <each tests/*.rs gated on
//!    wasm32>`, run by wasm-bindgen's test runner embedded in this binary
//!    (`cargo xtask wasm-test-runner`, in Node by default; `CHROMEDRIVER=/usr/bin/chromedriver`
//!    runs them in Chromium instead);
//! 3. spark: `examples/spark/recoupe_spark.py` run by PySpark in local mode against
//!    `recoupe batch` (`spark.rs`: Java through apt-get when missing and root, pyspark in a
//!    venv under `target/`);
//! 4. browser: Debian's chromium (apt-get when missing and root), `npm ci` in e2e/, the
//!    single file and the debug command line built (`RECOUPE_HTML`, `RECOUPE_BIN`: the
//!    reader-parity spec runs both), then `npx playwright test`.
//!
//! Options: `--skip-checks`, `--skip-host`, `--skip-wasm`, `--skip-spark`, `--skip-browser`; anything after `--` goes to
//! `playwright test` (e.g. `cargo xtask test --skip-host --skip-wasm -- foundation`).

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use anyhow::{bail, Context, Result};

use crate::{cargo, root, run_status};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

pub fn run(args: &[String]) -> Result<()> {
    let (mut checks, mut host, mut wasm, mut spark, mut browser) = (true, true, true, true, true);
    let mut playwright_args: Vec<String> = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--skip-checks" => checks = false,
            "--skip-host" => host = false,
            "--skip-wasm" => wasm = false,
            "--skip-spark" => spark = false,
            "--skip-browser" => browser = false,
            "--" => playwright_args.extend(it.by_ref().cloned()),
            other => bail!("unknown option `{other}` (test takes --skip-checks, --skip-host, --skip-wasm, --skip-spark, --skip-browser, -- ARGS)"),
        }
    }
    let started = Instant::now();
    let mut results: Vec<(&str, Result<()>, f64)> = Vec::new();
    let mut stage = |name: &'static str, f: &mut dyn FnMut() -> Result<()>| {
        eprintln!("\nxtask: ==== {name} ====");
        let t = Instant::now();
        let r = f();
        if let Err(e) = &r {
            eprintln!("xtask: {name} FAILED: {e:#}");
        }
        results.push((name, r, t.elapsed().as_secs_f64()));
    };
    if checks {
        stage(
            "checks (fmt, clippy, ESLint, JavaScript unit tests)",
            &mut static_checks,
        );
    }
    if host {
        // Two runs, not one `--workspace`: with the core's dev-dependencies in the same
        // build, cargo unifies features differently and rebuilds all of wasm-bindgen-cli
        // for the xtask (minutes on a fresh machine).
        stage("host tests (cargo test --workspace)", &mut || {
            run_status(cargo().args(["test", "--workspace", "--exclude", "xtask"]))?;
            run_status(cargo().args(["test", "--package", "xtask"]))
        });
    }
    if wasm {
        stage("wasm tests (wasm-bindgen-test in Node)", &mut wasm_tests);
    }
    if spark {
        stage(
            "spark (recoupe batch under PySpark, local mode)",
            &mut crate::spark::run,
        );
    }
    if browser {
        stage("browser tests (Playwright + Chromium)", &mut || {
            browser_tests(&playwright_args)
        });
    }

    eprintln!("\nxtask: ==== summary ====");
    let mut failed = 0;
    for (name, r, secs) in &results {
        eprintln!(
            "  {:<6} {name} ({secs:.0} s)",
            if r.is_ok() { "ok" } else { "FAILED" }
        );
        failed += usize::from(r.is_err());
    }
    eprintln!("  total {:.0} s", started.elapsed().as_secs_f64());
    println!("stages: {} passed, {failed} failed", results.len() - failed);
    if failed > 0 {
        bail!("{failed} test stage(s) failed");
    }
    Ok(())
}

/// Formatting, lints and the page's unit tests: seconds when the build is warm, and the
/// first thing a contributor sees fail.
fn static_checks() -> Result<()> {
    run_status(cargo().args(["fmt", "--all", "--check"]))?;
    run_status(cargo().args([
        "clippy",
        "--workspace",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]))?;
    ensure_node()?;
    let e2e = root().join("e2e");
    npm_ci(&e2e)?;
    run_status(
        Command::new(e2e.join("node_modules/.bin/eslint"))
            .args(["-c", "e2e/eslint.config.mjs", "www", "e2e"])
            .current_dir(root()),
    )?;
    let mut unit_tests = Vec::new();
    for dir in [root().join("www"), e2e.join("unit")] {
        collect_unit_tests(&dir, &mut unit_tests)?;
    }
    if unit_tests.is_empty() {
        bail!("no JavaScript unit tests (*.test.mjs) found under www/ or e2e/unit/");
    }
    unit_tests.sort();
    run_status(
        Command::new("node")
            .arg("--test")
            .args(&unit_tests)
            .current_dir(root()),
    )
}

/// `*.test.mjs` files under `dir` (recursively, skipping vendored code).
fn collect_unit_tests(dir: &Path, out: &mut Vec<std::path::PathBuf>) -> Result<()> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(());
    };
    for entry in entries {
        let path = entry?.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if path.is_dir() && name != "vendor" && name != "node_modules" {
            collect_unit_tests(&path, out)?;
        } else if name.ends_with(".test.mjs") {
            out.push(path);
        }
    }
    Ok(())
}

/// The wasm32 integration tests: `tests/*.rs` files that start with
/// `#![cfg(target_arch = "wasm32")]` (the others are host tests).
fn wasm_tests() -> Result<()> {
    crate::build::ensure_wasm_target()?;
    let mut names = Vec::new();
    for entry in std::fs::read_dir(root().join("tests")).context("reading tests/")? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path)?;
            if text
                .lines()
                .take(20)
                .any(|l| l.replace(' ', "") == "#![cfg(target_arch=\"wasm32\")]")
            {
                names.push(
                    path.file_stem()
                        .unwrap_or_default()
                        .to_string_lossy()
                        .into_owned(),
                );
            }
        }
    }
    if names.is_empty() {
        bail!("no wasm test found (a tests/*.rs file starting with #![cfg(target_arch = \"wasm32\")])");
    }
    names.sort();
    let runner = std::env::current_exe()?;
    let mut cmd = cargo();
    cmd.args([
        "test",
        "--package",
        "recoupe",
        "--target",
        "wasm32-unknown-unknown",
    ]);
    for n in &names {
        cmd.args(["--test", n]);
    }
    cmd.env(
        "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER",
        format!("{} wasm-test-runner", runner.display()),
    );
    run_status(&mut cmd)
}

/// `cargo xtask wasm-test-runner FILE.wasm [ARGS]`: wasm-bindgen's test runner, embedded.
pub fn wasm_test_runner(args: &[String]) -> Result<()> {
    let argv = std::iter::once("wasm-bindgen-test-runner".to_string()).chain(args.iter().cloned());
    wasm_bindgen_cli::wasm_bindgen_test_runner::run_cli_with_args(argv)
}

pub(crate) fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

/// Debian's chromium and chromium-driver (Playwright's own browser downloads cannot work
/// on machines without general network access).
fn ensure_chromium() -> Result<()> {
    if Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists() {
        return Ok(());
    }
    if !is_root() {
        bail!(
            "{CHROMIUM} or {CHROMEDRIVER} is missing. Install them (Debian/Ubuntu): \
             sudo apt-get update && sudo apt-get install -y chromium chromium-driver"
        );
    }
    apt_install(&["chromium", "chromium-driver"])
}

/// `apt-get update`, then `apt-get install` of `packages` without recommends (as root).
pub(crate) fn apt_install(packages: &[&str]) -> Result<()> {
    run_status(
        Command::new("apt-get")
            .arg("update")
            .env("DEBIAN_FRONTEND", "noninteractive"),
    )?;
    run_status(
        Command::new("apt-get")
            .args(["install", "-y", "--no-install-recommends"])
            .args(packages)
            .env("DEBIAN_FRONTEND", "noninteractive"),
    )
}

pub(crate) fn ensure_node() -> Result<()> {
    match Command::new("node").arg("--version").output() {
        Ok(o) if o.status.success() => Ok(()),
        _ if is_root() => apt_install(&["nodejs", "npm"]),
        _ => bail!(
            "node and npm are needed for the browser tests: sudo apt-get install -y nodejs npm"
        ),
    }
}

/// `npm ci` in e2e/, skipped when node_modules already matches package-lock.json (not in CI).
pub(crate) fn npm_ci(e2e: &Path) -> Result<()> {
    let lock = e2e.join("package-lock.json");
    let installed = e2e.join("node_modules/.package-lock.json");
    let fresh = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    let up_to_date = std::env::var_os("CI").is_none()
        && matches!((fresh(&lock), fresh(&installed)), (Some(a), Some(b)) if b >= a);
    if up_to_date {
        eprintln!("xtask: e2e/node_modules is up to date (npm ci skipped)");
        return Ok(());
    }
    run_status(
        Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(e2e)
            .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"),
    )
}

fn browser_tests(extra: &[String]) -> Result<()> {
    ensure_chromium()?;
    ensure_node()?;
    let e2e = root().join("e2e");
    npm_ci(&e2e)?;
    let built = crate::build::build(true)?;
    // e2e/reader-parity.spec.mjs compares the page's reader with the command line's.
    let cli = debug_cli()?;
    let mut cmd = Command::new("npx");
    cmd.args(["--no-install", "playwright", "test"])
        .args(extra)
        .current_dir(&e2e)
        .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
        .env("RECOUPE_HTML", &built.html)
        .env("RECOUPE_BIN", &cli)
        .env("RECOUPE_XTASK", std::env::current_exe()?);
    run_status(&mut cmd)
}

/// Builds the debug command line (the one `cargo test` builds too) and returns its path.
pub(crate) fn debug_cli() -> Result<std::path::PathBuf> {
    run_status(cargo().args(["build", "--package", "recoupe", "--bin", "recoupe"]))?;
    Ok(root().join("target/debug/recoupe"))
}
