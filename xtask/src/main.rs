//! recoupe's task runner (matklad's cargo-xtask pattern): `cargo xtask <command>`.
//!
//! ```text
//! cargo xtask build      build the wasm, run wasm-bindgen, write dist/recoupe.html
//! cargo xtask dist       the same (the name users read in the README)
//! cargo xtask serve      build, then serve dist/ on http://127.0.0.1:8000 (--port N)
//! cargo xtask bench      speed on the bench pairs against a peer, as ratios (bench.rs)
//! cargo xtask eval       precision, recall, F1 of the aligner on the dev sets (eval.rs)
//! cargo xtask facts      groups, facts and conflicts on news-dev, per event (facts.rs)
//! cargo xtask train      fit the link model on the judged sets (train.rs)
//! cargo xtask test       host tests, wasm tests (Node), Spark (spark.rs), browser tests (Playwright + Chromium)
//! cargo xtask wasm-test-runner <file.wasm> ...
//!                        the wasm-bindgen test runner, used by cargo as the wasm32 runner
//! ```
//!
//! One file per subcommand: `build.rs` (wasm → single HTML file, with `inline.rs` doing
//! the module inlining and the CSP), `serve.rs`, `test.rs`. A new subcommand is a new file
//! plus one line in `main` below.
//!
//! # What `dist/recoupe.html` is made of
//!
//! One self-contained file that works served and from `file://` with no network:
//!
//! * `www/index.html` is the shell. Its `<link rel="stylesheet" href="style.css">` is
//!   replaced by the CSS inline, its `<script type="module" src="app.js"></script>` by the
//!   page's ES modules inlined into ONE `<script type="module">` (see below), and its
//!   Content-Security-Policy `<meta>` by the policy computed here (network forbidden,
//!   `script-src` = the sha256 of the inline module script + `'wasm-unsafe-eval'`).
//!   The marker `<!-- recoupe:inline -->` (optional; else before `</body>`) is where the
//!   data blocks go:
//!   - `<script type="application/octet-stream" id="recoupe-wasm">`: the wasm, base64;
//!   - `<script type="text/plain" id="recoupe-worker">`: the wasm-bindgen `no-modules`
//!     glue followed by `www/worker.js`, the source of the Web Worker (a Blob URL);
//!   - `<script type="application/json" id="recoupe-seeds">`: `{"seeds": [{event, name,
//!     text}], "default": {event, left, right}}` from `seeds/*/*.txt`.
//!
//!   Data blocks are not scripts: they are never run and need no CSP hash.
//!
//! # The module convention of `www/` (no bundler)
//!
//! `www/README.md` says the same for the authors of the page:
//!
//! * imports are relative, named and on one line: `import { a, b as c } from './x.js';`
//!   (also `import * as x from './x.js';` and `import './x.js';`);
//! * `export` only in front of a top-level `function`, `async function`, `class`, `const`,
//!   `let` (one name per declaration), or as one `export { a, b };` list of local names;
//!   no default export, no re-export, no top-level `await`;
//! * imported bindings are snapshots taken when the importing module starts (no live
//!   bindings): export functions or objects, not `let`s that change later.
//!
//! The inliner wraps each module in a function scope, orders them by their imports
//! (dependencies first; a cycle is an error), turns each import into a `const { ... } =`
//! of the imported module's object, and starts from the entry `www/app.js`.

mod bench;
mod build;
mod eval;
mod facts;
mod inline;
mod serve;
mod spark;
mod test;
mod train;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use anyhow::{bail, Context, Result};

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  build | dist          build dist/recoupe.html (wasm + wasm-bindgen + single-file page)
  serve [--port N]      build, then serve dist/ on http://127.0.0.1:8000
  test [--skip-spark] [--skip-browser]
                        host tests, wasm tests (Node), recoupe batch under PySpark
                        (local mode), browser tests (Playwright, Chromium)
  eval [--bench DIR]    precision/recall/F1 on news-dev (leave-one-event-out), the seed
                        golds and the bench pairs
  facts [--show]        groups, facts and conflicts per news-dev event (three accounts
                        in one run); --show prints every conflict's sentences
  train [--write] [--out FILE]
                        fit the link model on the judged sets (src/linker.rs)
  bench [--bench DIR]   alignment speed against git diff --color-moved, as ratios
  bench --batch [--repeat N]
                        recoupe batch events/s with --jobs 1 and 2 (news-dev events)
  wasm-test-runner ...  wasm-bindgen's test runner (cargo's runner for wasm32)
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((command, rest)) = args.split_first() else {
        eprint!("{USAGE}");
        return ExitCode::from(2);
    };
    let result = match command.as_str() {
        "build" | "dist" => build::run(rest).map(|_| ()),
        "serve" => serve::run(rest),
        "test" => test::run(rest),
        "eval" => eval::run(rest),
        "facts" => facts::run(rest),
        "train" => train::run(rest),
        "bench" => bench::run(rest),
        "wasm-test-runner" => test::wasm_test_runner(rest),
        "help" | "-h" | "--help" => {
            print!("{USAGE}");
            Ok(())
        }
        other => {
            eprintln!("unknown command `{other}`\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root (the parent of `xtask/`).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace root")
        .to_path_buf()
}

/// The `cargo` that runs us (so the pinned toolchain is used for nested builds).
pub fn cargo() -> Command {
    Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

/// Builds the release command line (for `eval` and `bench`) and returns its path.
pub fn release_cli() -> Result<PathBuf> {
    run_status(cargo().args([
        "build",
        "--release",
        "--package",
        "recoupe",
        "--bin",
        "recoupe",
    ]))?;
    Ok(root().join("target/release/recoupe"))
}

/// Runs a command, failing with its command line when it does not succeed.
pub fn run_status(cmd: &mut Command) -> Result<()> {
    let shown = format!("{cmd:?}");
    eprintln!("xtask: $ {shown}");
    let status = cmd
        .current_dir_if_unset()
        .status()
        .with_context(|| format!("could not start {shown}"))?;
    if !status.success() {
        bail!("{shown} failed ({status})");
    }
    Ok(())
}

/// Commands run from the workspace root unless told otherwise.
trait CurrentDirIfUnset {
    fn current_dir_if_unset(&mut self) -> &mut Self;
}

impl CurrentDirIfUnset for Command {
    fn current_dir_if_unset(&mut self) -> &mut Self {
        if self.get_current_dir().is_none() {
            self.current_dir(root());
        }
        self
    }
}
