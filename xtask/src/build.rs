//! `cargo xtask build` / `dist`: the core to wasm, wasm-bindgen (as a library), optional
//! wasm-opt, then the single file `dist/recoupe.html` (see the top of `main.rs`).

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{bail, Context, Result};
use base64::Engine as _;

use crate::inline::{self, Shell};
use crate::{cargo, root, run_status};

/// The default comparison shown when the page opens.
const DEFAULT_EVENT: &str = "2025-12-08-eu-canada-digital-partnership-council";
const DEFAULT_LEFT: &str = "commission-press-release.fr.txt";
const DEFAULT_RIGHT: &str = "business-blog-article.fr.txt";

/// What a build produced.
pub struct Built {
    pub html: PathBuf,
}

pub fn run(args: &[String]) -> Result<Built> {
    let mut opt = true;
    for a in args {
        match a.as_str() {
            "--no-opt" => opt = false,
            other => bail!("unknown option `{other}` (build takes --no-opt)"),
        }
    }
    build(opt)
}

pub fn build(opt: bool) -> Result<Built> {
    let started = Instant::now();
    let root = root();
    ensure_wasm_target()?;
    run_status(cargo().args([
        "build",
        "--profile",
        "wasm-release",
        "--lib",
        "--package",
        "recoupe",
        "--target",
        "wasm32-unknown-unknown",
    ]))?;
    let target_dir = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"));
    let wasm_in = target_dir.join("wasm32-unknown-unknown/wasm-release/recoupe.wasm");
    let pkg = target_dir.join("recoupe-pkg");
    std::fs::create_dir_all(&pkg)?;
    eprintln!(
        "xtask: wasm-bindgen --target no-modules {}",
        wasm_in.display()
    );
    wasm_bindgen_cli::wasm_bindgen::run_cli_with_args([
        "wasm-bindgen".as_ref(),
        "--target".as_ref(),
        "no-modules".as_ref(),
        "--no-typescript".as_ref(),
        "--out-dir".as_ref(),
        pkg.as_os_str(),
        wasm_in.as_os_str(),
    ])
    .context("wasm-bindgen failed")?;
    let glue_path = pkg.join("recoupe.js");
    let wasm_path = pkg.join("recoupe_bg.wasm");
    if opt {
        wasm_opt(&wasm_path);
    }
    let wasm =
        std::fs::read(&wasm_path).with_context(|| format!("reading {}", wasm_path.display()))?;
    let glue = std::fs::read_to_string(&glue_path)
        .with_context(|| format!("reading {}", glue_path.display()))?;
    let html = assemble(&root, &wasm, &glue)?;
    let dist = root.join("dist");
    std::fs::create_dir_all(&dist)?;
    let out = dist.join("recoupe.html");
    std::fs::write(&out, &html).with_context(|| format!("writing {}", out.display()))?;
    eprintln!(
        "xtask: wrote {} ({}; wasm {} raw, {} gzip) in {:.1} s",
        out.display(),
        human(html.len()),
        human(wasm.len()),
        human(gzip_len(&wasm)),
        started.elapsed().as_secs_f64()
    );
    Ok(Built { html: out })
}

/// `rustup target add` must be explicit here (RUSTUP_AUTO_INSTALL=0; the toolchain file's
/// `targets` alone does not install it). Without rustup we let cargo say what is missing.
pub fn ensure_wasm_target() -> Result<()> {
    let Ok(out) = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .current_dir(root())
        .output()
    else {
        eprintln!(
            "xtask: rustup not found; assuming the wasm32-unknown-unknown target is installed"
        );
        return Ok(());
    };
    if String::from_utf8_lossy(&out.stdout)
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        return Ok(());
    }
    run_status(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
}

/// Runs binaryen's wasm-opt from `e2e/node_modules` (npm package `binaryen`, pinned in
/// `e2e/package-lock.json`). A fresh machine gets it the way `cargo xtask test` does (node
/// and npm, then `npm ci` in e2e/: `test::ensure_node`, `test::npm_ci`), so `build`, `dist`
/// and `serve` write the same optimised file as the test command; only when that cannot be
/// done is the unoptimised wasm used, with a warning. wasm-opt takes about a minute here,
/// so its output is cached by the sha256 of its input.
fn wasm_opt(wasm: &Path) {
    use sha2::{Digest, Sha256};
    let bin = root().join("e2e/node_modules/.bin/wasm-opt");
    if !bin.exists() {
        eprintln!("xtask: binaryen's wasm-opt is not installed: npm ci in e2e/");
        let installed =
            crate::test::ensure_node().and_then(|()| crate::test::npm_ci(&root().join("e2e")));
        if let Err(e) = installed {
            eprintln!("xtask: WARNING: wasm-opt skipped, the wasm is not optimised ({e:#})");
            return;
        }
    }
    if !bin.exists() {
        eprintln!(
            "xtask: WARNING: wasm-opt skipped: npm ci did not install {}",
            bin.display()
        );
        return;
    }
    let Ok(input) = std::fs::read(wasm) else {
        return;
    };
    let key = format!("{:x}", Sha256::digest(&input));
    let cached = wasm.with_extension(format!("opt-{}.wasm", &key[..16]));
    if cached.is_file() && std::fs::copy(&cached, wasm).is_ok() {
        eprintln!("xtask: wasm-opt output reused ({})", cached.display());
        return;
    }
    eprintln!("xtask: wasm-opt -Os (about a minute)");
    let tmp = wasm.with_extension(format!("tmp-{}.wasm", std::process::id()));
    let status = Command::new(&bin)
        .args([
            "-Os",
            "--enable-bulk-memory",
            "--enable-nontrapping-float-to-int",
            "--enable-sign-ext",
        ])
        .args([
            "--enable-mutable-globals",
            "--enable-reference-types",
            "--enable-multivalue",
        ])
        .arg(wasm)
        .arg("-o")
        .arg(&tmp)
        .status();
    match status {
        Ok(s) if s.success() => {
            // Old cache entries go; the new one stays beside the wasm.
            if let Some(dir) = wasm.parent() {
                for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                    if e.file_name().to_string_lossy().contains(".opt-") {
                        let _ = std::fs::remove_file(e.path());
                    }
                }
            }
            let _ = std::fs::copy(&tmp, &cached);
            if let Err(e) = std::fs::rename(&tmp, wasm) {
                eprintln!("xtask: wasm-opt output not used: {e}");
            }
        }
        Ok(s) => eprintln!("xtask: wasm-opt failed ({s}); using the unoptimised wasm"),
        Err(e) => eprintln!("xtask: wasm-opt could not start ({e}); using the unoptimised wasm"),
    }
}

/// Builds the single HTML file from `www/`, the wasm, the glue and the seeds.
pub fn assemble(root: &Path, wasm: &[u8], glue: &str) -> Result<String> {
    let www = root.join("www");
    let index =
        std::fs::read_to_string(www.join("index.html")).context("reading www/index.html")?;
    let mut shell = Shell::new(&index);
    shell.inline_styles(&www)?;
    let (entry, at) = shell.take_module_script()?;
    let (bundle, modules) = inline::bundle_modules(&www, entry.trim_start_matches("./"))?;
    eprintln!(
        "xtask: inlined {} modules: {}",
        modules.len(),
        modules.join(", ")
    );
    let module_text = format!("\n{bundle}");
    let script = format!("<script type=\"module\">{module_text}</script>");
    shell.html.insert_str(at, &script);
    shell.set_csp(&inline::csp(&[inline::csp_hash(&module_text)]));

    let worker_js =
        std::fs::read_to_string(www.join("worker.js")).context("reading www/worker.js")?;
    let worker_src = inline::escape_script(&format!(
        "{}\n;// ---- www/worker.js ----\n{}",
        glue.replace("\r\n", "\n"),
        worker_js.replace("\r\n", "\n")
    ));
    // Gzipped: the page unpacks it with the browser's DecompressionStream (www/comparer.js).
    let wasm_b64 = base64::engine::general_purpose::STANDARD.encode(gzip(wasm));
    let pdfjs_b64 =
        base64::engine::general_purpose::STANDARD.encode(gzip(pdf_worker_source(&www)?.as_bytes()));
    let seeds = seeds_json(&root.join("seeds"))?;
    let blocks = format!(
        "\n<script type=\"application/json\" id=\"recoupe-seeds\">{seeds}</script>\n\
         <script type=\"text/plain\" id=\"recoupe-worker\">\n{worker_src}</script>\n\
         <script type=\"application/octet-stream\" id=\"recoupe-wasm\" data-encoding=\"gzip\">{wasm_b64}</script>\n\
         <script type=\"application/octet-stream\" id=\"recoupe-pdfjs\">{pdfjs_b64}</script>\n"
    );
    shell.insert_blocks(&blocks);
    Ok(shell.html)
}

/// The source of the PDF worker (a classic script): Mozilla's pdf.js from `www/vendor/pdfjs/`
/// (its worker half first, so the API half finds `globalThis.pdfjsWorker` and runs it in the
/// same thread instead of starting a worker of its own), then `www/pdf-worker.js`. Embedded
/// gzipped (`#recoupe-pdfjs`) and unpacked by the page only when a PDF is dropped.
fn pdf_worker_source(www: &Path) -> Result<String> {
    let read = |rel: &str| {
        std::fs::read_to_string(www.join(rel)).with_context(|| format!("reading www/{rel}"))
    };
    let worker = inline::module_as_expression(&read("vendor/pdfjs/pdf.worker.min.mjs")?)
        .context("www/vendor/pdfjs/pdf.worker.min.mjs")?;
    let api = inline::module_as_expression(&read("vendor/pdfjs/pdf.min.mjs")?)
        .context("www/vendor/pdfjs/pdf.min.mjs")?;
    Ok(format!(
        "// Mozilla pdf.js (Apache-2.0), www/vendor/pdfjs/, wrapped by xtask/src/build.rs.\n\
         const pdfjsWorker = {worker};\nconst pdfjsLib = {api};\n\
         // ---- www/pdf-worker.js ----\n{}",
        read("pdf-worker.js")?.replace("\r\n", "\n")
    ))
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(bytes).expect("writing to memory");
    enc.finish().expect("writing to memory")
}

/// `{"seeds": [{"event", "name", "text"}], "default": {"event", "left", "right", "report"}}`:
/// `report` is the core's report of the default pair under the default settings, made here
/// by the same core (native), so that a first visit shows the sample at once instead of
/// waiting for the wasm to compile and compare (the page uses it only for exactly these two
/// texts, names and default settings; `e2e/first-use.spec.mjs` checks it equals what the
/// page's own engine computes).
fn seeds_json(seeds: &Path) -> Result<String> {
    let mut default_texts: [Option<String>; 2] = [None, None];
    let mut items = Vec::new();
    let mut events: Vec<_> = std::fs::read_dir(seeds)
        .with_context(|| format!("reading {}", seeds.display()))?
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .collect();
    events.sort_by_key(|e| e.file_name());
    for event in events {
        let mut files: Vec<_> = std::fs::read_dir(event.path())?
            .filter_map(|e| e.ok())
            .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
            .collect();
        files.sort_by_key(|e| e.file_name());
        for f in files {
            let text = std::fs::read_to_string(f.path())
                .with_context(|| format!("reading {}", f.path().display()))?;
            let text = text.replace("\r\n", "\n");
            if event.file_name() == DEFAULT_EVENT {
                for (k, name) in [DEFAULT_LEFT, DEFAULT_RIGHT].iter().enumerate() {
                    if f.file_name() == *name {
                        default_texts[k] = Some(text.clone());
                    }
                }
            }
            items.push(format!(
                "{{\"event\":{},\"name\":{},\"text\":{}}}",
                inline::json_string(&event.file_name().to_string_lossy()),
                inline::json_string(&f.file_name().to_string_lossy()),
                inline::json_string(&text)
            ));
        }
    }
    let has = |name: &str| seeds.join(DEFAULT_EVENT).join(name).is_file();
    if !has(DEFAULT_LEFT) || !has(DEFAULT_RIGHT) {
        bail!("the default seeds seeds/{DEFAULT_EVENT}/{{{DEFAULT_LEFT},{DEFAULT_RIGHT}}} are missing");
    }
    let [Some(left), Some(right)] = default_texts else {
        bail!("the default seeds could not be read");
    };
    let inputs = [
        recoupe::Input::new(DEFAULT_LEFT, left),
        recoupe::Input::new(DEFAULT_RIGHT, right),
    ];
    let comparison = recoupe::compare(&inputs, &recoupe::Config::default())
        .map_err(|e| anyhow::anyhow!("comparing the default seeds: {e}"))?;
    let report = serde_json::to_string(&recoupe::report::Report::from(&comparison))?
        // Inside <script>: no "</script>" can close it ("<" only occurs in strings).
        .replace('<', "\\u003c");
    Ok(format!(
        "{{\"seeds\":[{}],\"default\":{{\"event\":{},\"left\":{},\"right\":{},\"report\":{report}}}}}",
        items.join(","),
        inline::json_string(DEFAULT_EVENT),
        inline::json_string(DEFAULT_LEFT),
        inline::json_string(DEFAULT_RIGHT)
    ))
}

pub fn gzip_len(bytes: &[u8]) -> usize {
    gzip(bytes).len()
}

pub fn human(n: usize) -> String {
    if n >= 1024 * 1024 {
        format!("{:.2} MiB", n as f64 / (1024.0 * 1024.0))
    } else {
        format!("{:.1} KiB", n as f64 / 1024.0)
    }
}
