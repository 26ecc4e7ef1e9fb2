//! The wasm-bindgen boundary: JSON-like values in, the report out. Thin on purpose: the
//! page gets exactly what the command line prints with `--format json`, and reads files with
//! the command line's reader (`read`, `read_blocks`, `limits`, `check_total`; DTOs in
//! `report.rs`).

use wasm_bindgen::prelude::*;

use crate::extract::Limits;
use crate::report::{BlocksRequest, LimitsDto, MessageDto, ReadDto, Report, Request};

/// Compares the documents of a request (`{documents: [{name, text}], config: {...}}`)
/// and returns the report; throws an Error with a readable message on unusable input.
#[wasm_bindgen]
pub fn compare(request: JsValue) -> Result<JsValue, JsError> {
    let request: Request = serde_wasm_bindgen::from_value(request)
        .map_err(|e| JsError::new(&format!("bad request: {e}")))?;
    let config = request.config.to_config().map_err(|e| JsError::new(&e))?;
    let inputs: Vec<crate::Input> = request
        .documents
        .into_iter()
        .map(|d| crate::Input::new(d.name, d.text))
        .collect();
    let comparison = crate::compare(&inputs, &config).map_err(|e| JsError::new(&e.to_string()))?;
    let report = Report::from(&comparison);
    report
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&format!("could not build the report: {e}")))
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
