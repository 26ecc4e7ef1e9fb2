//! The wasm-bindgen boundary: JSON-like values in, the report out. Thin on purpose: the
//! page gets exactly what the command line prints with `--format json`.

use wasm_bindgen::prelude::*;

use crate::report::{Report, Request};

/// Compares the documents of a request (`{documents: [{name, text, date?}], config: {...}}`)
/// and returns the report; throws an Error with a readable message on unusable input.
#[wasm_bindgen]
pub fn compare(request: JsValue) -> Result<JsValue, JsError> {
    let request: Request = serde_wasm_bindgen::from_value(request)
        .map_err(|e| JsError::new(&format!("bad request: {e}")))?;
    let config = request.config.to_config().map_err(|e| JsError::new(&e))?;
    let inputs: Vec<crate::Input> = request
        .documents
        .iter()
        .map(|d| d.to_input())
        .collect::<Result<_, _>>()
        .map_err(|e| JsError::new(&e))?;
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

/// The crate version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

use serde::Serialize;
