//! The wasm-bindgen boundary: JSON-like values in, the report out. Thin on purpose: the
//! page gets exactly what the command line prints with `--format json`, and reads files with
//! the command line's reader (`read`, `read_blocks`, `limits`, `check_total`; DTOs in
//! `report.rs`), and saves a comparison in any format of `src/render/` (`export_report`).

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::extract::Limits;
use crate::report::{BlocksRequest, LimitsDto, MessageDto, ReadDto, Report, Request};

/// Compares the documents of a request (`{documents: [{name, text, date?}], config: {...}}`)
/// and returns the report; throws an Error with a readable message on unusable input.
/// `progress(stage, done, total)`, when given, hears how far the work is ("segmenting",
/// "aligning", "diffing"), at most every [`PROGRESS_EVERY_MS`] and never in the first
/// ones: small texts send nothing.
#[wasm_bindgen]
pub fn compare(request: JsValue, progress: Option<js_sys::Function>) -> Result<JsValue, JsError> {
    let (config, inputs) = request_of(request)?;
    let clock = Clock::new();
    let mut last = clock.now();
    let mut observer = |stage: crate::Stage, done: usize, total: usize| {
        if let Some(f) = &progress {
            let now = clock.now();
            if now - last >= PROGRESS_EVERY_MS {
                last = now;
                let stage = JsValue::from_str(stage.name());
                // A callback that throws does not stop the comparison.
                let _ = f.call3(
                    &JsValue::NULL,
                    &stage,
                    &(done as f64).into(),
                    &(total as f64).into(),
                );
            }
        }
        true
    };
    let comparison = crate::compare_with(&inputs, &config, &mut observer)
        .map_err(|e| JsError::new(&e.to_string()))?;
    let report = Report::from(comparison);
    report
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&format!("could not build the report: {e}")))
}

/// The comparison of a request (as `compare` takes it) as a file: `options` is `{format:
/// "html" | "csv" | "md" | "tei" | "collatex" | "json" | "text", table?: "links" | "facts",
/// lang?: "en" | "fr", made?: string, only?: [doc indices]}` (`src/render/`). The same
/// renderings as the command line's `--format`; throws on unusable input.
#[wasm_bindgen]
pub fn export_report(request: JsValue, options: JsValue) -> Result<String, JsError> {
    let options: crate::report::ExportOptions = serde_wasm_bindgen::from_value(options)
        .map_err(|e| JsError::new(&format!("bad export options: {e}")))?;
    let (format, render_options) = options.to_render().map_err(|e| JsError::new(&e))?;
    let (config, inputs) = request_of(request)?;
    let comparison = crate::compare(&inputs, &config).map_err(|e| JsError::new(&e.to_string()))?;
    let mut report = Report::from(comparison);
    if let Some(only) = &options.only {
        report = report.only(only);
    }
    Ok(crate::render::render(&report, format, &render_options))
}

/// Every comparison setting at its default, in the shape `compare` takes under `config`:
/// the page shows these and sends only what the user changed.
#[wasm_bindgen]
pub fn defaults() -> Result<JsValue, JsError> {
    crate::report::RequestConfig::defaults()
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&format!("could not list the defaults: {e}")))
}

/// Reads a file's bytes (`src/extract.rs`, `read_for_page`): `{format, encoding, text,
/// warnings}`, or `{error: {code, params, message}}`, or for HTML and PDF `{extract: "html" |
/// "pdf", encoding, source?}`, whose blocks the page extracts and hands to `read_blocks`.
#[wasm_bindgen]
pub fn read(name: &str, bytes: &[u8]) -> Result<JsValue, JsError> {
    to_js(&ReadDto::from(crate::extract::read_for_page(
        name,
        bytes,
        &Limits::DEFAULT,
    )))
}

/// Text from blocks the page extracted (`{format, encoding?, blocks: [{text, kind?}],
/// warnings?}`): the same result as `read`.
#[wasm_bindgen]
pub fn read_blocks(request: JsValue) -> Result<JsValue, JsError> {
    let request: BlocksRequest = serde_wasm_bindgen::from_value(request)
        .map_err(|e| JsError::new(&format!("bad request: {e}")))?;
    to_js(&request.read(&Limits::DEFAULT))
}

/// The size limits (`{max_file_bytes, max_total_bytes, max_text_bytes, max_unpacked_bytes}`).
#[wasm_bindgen]
pub fn limits() -> Result<JsValue, JsError> {
    to_js(&LimitsDto::from(&Limits::DEFAULT))
}

/// `null` when files of these sizes (bytes) may be compared together, else the refusal.
#[wasm_bindgen]
pub fn check_total(sizes: Vec<f64>) -> Result<JsValue, JsError> {
    let sizes = sizes.into_iter().map(|s| s.max(0.0) as u64);
    let refusal = Limits::DEFAULT
        .check_total(sizes)
        .err()
        .map(|e| MessageDto::from(&e));
    to_js(&refusal)
}

/// A request's settings and documents (`{documents, config}`), or a readable error.
fn request_of(request: JsValue) -> Result<(crate::Config, Vec<crate::Input>), JsError> {
    let request: Request = serde_wasm_bindgen::from_value(request)
        .map_err(|e| JsError::new(&format!("bad request: {e}")))?;
    let config = request.config.to_config().map_err(|e| JsError::new(&e))?;
    let inputs = request
        .documents
        .iter()
        .map(|d| d.to_input())
        .collect::<Result<_, _>>()
        .map_err(|e| JsError::new(&e))?;
    Ok((config, inputs))
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&format!("could not build the result: {e}")))
}

/// The crate version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

use serde::Serialize;

/// How often, at most, `compare` reports progress (milliseconds): often enough for a bar
/// that moves, rarely enough to cost nothing (a guess, not measured).
pub const PROGRESS_EVERY_MS: f64 = 150.0;

/// The high-resolution clock of the worker (or of Node in the tests): the global
/// `performance` object, read through web-sys. Without one, time does not move and no
/// progress is sent.
struct Clock(Option<web_sys::Performance>);

impl Clock {
    fn new() -> Self {
        let perf = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("performance"))
            .ok()
            .and_then(|p| p.dyn_into::<web_sys::Performance>().ok());
        Clock(perf)
    }

    fn now(&self) -> f64 {
        self.0.as_ref().map_or(0.0, web_sys::Performance::now)
    }
}
