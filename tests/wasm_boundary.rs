#![cfg(target_arch = "wasm32")]
//! The wasm boundary as the page's worker calls it (`wasm_bindgen.compare(request)`):
//! JS values in, the report out, an Error with a message for unusable input.
//! Run by `cargo xtask test` (wasm-bindgen's test runner, in Node).

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

fn js(json: &str) -> JsValue {
    js_sys::JSON::parse(json).expect("valid JSON")
}

fn to_json(value: &JsValue) -> serde_json::Value {
    let text: String = js_sys::JSON::stringify(value).expect("serialisable").into();
    serde_json::from_str(&text).expect("JSON")
}

fn error_message(err: wasm_bindgen::JsError) -> String {
    let value: JsValue = err.into();
    value
        .dyn_into::<js_sys::Error>()
        .expect("an Error")
        .message()
        .into()
}

#[wasm_bindgen_test]
fn compare_links_a_moved_sentence_across_the_boundary() {
    let request = js(r#"{
        "documents": [
            {"name": "a.txt", "text": "Le Conseil a siégé à Montréal le 8 décembre. Les ministres ont signé deux accords sur l'intelligence artificielle."},
            {"name": "b.txt", "text": "Les ministres ont signé deux accords sur l'intelligence artificielle. Le Conseil a siégé à Montréal le 8 décembre."}
        ],
        "config": {"split": "sentences"}
    }"#);
    let report = to_json(&recoupe::wasm::compare(request, None).expect("a report"));
    assert_eq!(report["schema"], "recoupe/1");
    assert_eq!(report["documents"].as_array().map(Vec::len), Some(2));
    let links = report["links"].as_array().expect("links");
    let pairs: Vec<(u64, u64)> = links
        .iter()
        .filter_map(|l| {
            Some((
                l["left"]["segments"][0].as_u64()?,
                l["right"]["segments"][0].as_u64()?,
            ))
        })
        .collect();
    assert!(
        pairs.contains(&(0, 1)),
        "first left sentence is the second right one: {pairs:?}"
    );
    assert!(
        pairs.contains(&(1, 0)),
        "second left sentence is the first right one: {pairs:?}"
    );
}

#[wasm_bindgen_test]
fn bad_requests_throw_an_error_with_a_message() {
    let not_a_request =
        recoupe::wasm::compare(JsValue::from_str("nope"), None).expect_err("not a request");
    assert!(!error_message(not_a_request).is_empty());

    let one_document = recoupe::wasm::compare(
        js(r#"{"documents": [{"name": "a.txt", "text": "Seul."}]}"#),
        None,
    )
    .expect_err("one document is not a comparison");
    assert!(!error_message(one_document).is_empty());
}

#[wasm_bindgen_test]
fn version_is_the_crate_version() {
    assert_eq!(recoupe::wasm::version(), env!("CARGO_PKG_VERSION"));
}

#[wasm_bindgen_test]
fn progress_goes_to_the_callback_and_never_breaks_the_comparison() {
    // A long text, so that the core may report (it reports at most every 150 ms, never at
    // first: small texts send nothing); a callback that throws does not stop the work.
    let sentences: Vec<String> = (0..1500)
        .map(|k| {
            format!(
                "Le Conseil numéro {k} a siégé à Montréal avec {} ministres.",
                k % 13
            )
        })
        .collect();
    let text = sentences.join(" ");
    let request = serde_json::json!({
        "documents": [{"name": "a.txt", "text": text}, {"name": "b.txt", "text": text}],
    });
    let request = js(&request.to_string());
    let record = js_sys::Function::new_with_args(
        "stage, done, total",
        "globalThis.__stages = (globalThis.__stages || []).concat([[stage, done, total]]); throw new Error('ignored');",
    );
    let report = to_json(&recoupe::wasm::compare(request, Some(record)).expect("a report"));
    assert_eq!(report["schema"], "recoupe/1");
    let stages =
        js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("__stages")).expect("global");
    if let Ok(stages) = stages.dyn_into::<js_sys::Array>() {
        for call in stages.iter() {
            let call: js_sys::Array = call.dyn_into().expect("[stage, done, total]");
            let stage = call.get(0).as_string().expect("a stage name");
            assert!(
                ["segmenting", "aligning", "diffing"].contains(&stage.as_str()),
                "{stage}"
            );
            assert!(call.get(1).as_f64() <= call.get(2).as_f64());
        }
    }
}

#[wasm_bindgen_test]
fn read_gives_text_or_a_code_and_hands_html_and_pdf_to_the_page() {
    let md = to_json(&recoupe::wasm::read("a.md", b"# Titre\n\n- un *point*\n").expect("a result"));
    assert_eq!(md["format"], "markdown");
    assert_eq!(md["text"], "Titre\n\nun point");
    let png = to_json(&recoupe::wasm::read("a.txt", b"\x89PNG\r\n\x1a\n\0\0").expect("a result"));
    assert_eq!(png["error"]["code"], "binary");
    assert_eq!(png["error"]["params"]["format"], "png");
    let latin = to_json(&recoupe::wasm::read("a.txt", b"D\xE9j\xE0 vu").expect("a result"));
    assert_eq!(latin["text"], "Déjà vu");
    assert_eq!(latin["warnings"][0]["code"], "windows-1252");
    let html = to_json(&recoupe::wasm::read("a.html", b"<p>caf\xE9</p>").expect("a result"));
    assert_eq!(html["extract"], "html");
    assert_eq!(html["encoding"], "windows-1252");
    let blocks = js(r#"{"format": "html", "encoding": "windows-1252",
        "blocks": [{"text": "  Un   titre ", "kind": "heading"}, {"text": "Du texte."}],
        "warnings": [{"code": "no-article", "params": {}}]}"#);
    let read = to_json(&recoupe::wasm::read_blocks(blocks).expect("a result"));
    assert_eq!(read["text"], "Un titre\n\nDu texte.");
    assert_eq!(read["warnings"][0]["code"], "no-article");
    let limits = to_json(&recoupe::wasm::limits().expect("limits"));
    assert_eq!(limits["max_file_bytes"], 16 * 1024 * 1024);
    let total = to_json(
        &recoupe::wasm::check_total(vec![60.0 * 1048576.0, 5.0 * 1048576.0]).expect("a result"),
    );
    assert_eq!(total["code"], "total-too-large");
}

#[wasm_bindgen_test]
fn export_report_renders_every_format_and_refuses_an_unknown_one() {
    let request = || {
        js(r#"{
        "documents": [
            {"name": "a.txt", "text": "Le Conseil a siégé à Montréal le 8 décembre. Cinq pompiers ont été blessés.", "source": "AFP <b>"},
            {"name": "b.txt", "text": "Quatre pompiers ont été blessés. Le Conseil a siégé à Montréal le 8 décembre."},
            {"name": "c.txt", "text": "Le Conseil a siégé à Montréal le 8 décembre. Cinq pompiers ont été blessés."}
        ]
    }"#)
    };
    for (format, starts) in [
        ("html", "<!doctype html>"),
        ("md", "# Comparison of 3 accounts"),
        ("tei", "<?xml"),
        ("collatex", "{"),
        ("csv", "\u{feff}link,"),
        ("json", "{"),
        ("text", "[0] a.txt"),
    ] {
        let options = js(&format!(r#"{{"format": "{format}"}}"#));
        let out = recoupe::wasm::export_report(request(), options).expect("a file");
        assert!(
            out.starts_with(starts),
            "{format}: {}",
            &out[..out.len().min(80)]
        );
    }
    let html =
        recoupe::wasm::export_report(request(), js(r#"{"format": "html", "lang": "fr"}"#)).unwrap();
    assert!(html.contains("AFP &lt;b&gt;"), "the source, escaped");
    assert!(html.contains("Comparaison de 3 récits"));
    // The pair on screen: two witnesses only.
    let tei = recoupe::wasm::export_report(request(), js(r#"{"format": "tei", "only": [0, 1]}"#))
        .unwrap();
    assert_eq!(tei.matches("<witness ").count(), 2);
    let err = recoupe::wasm::export_report(request(), js(r#"{"format": "pdf"}"#)).unwrap_err();
    assert!(error_message(err).contains("unknown format 'pdf'"));
}
