//! `recoupe batch`: one event a line of JSON (JSON Lines) in, one line out. This is the
//! pure part, one line at a time and no I/O; the command line (`src/bin/recoupe/batch.rs`)
//! reads, runs lines on threads and writes them in order.
//!
//! A line: `{"id": ..., "accounts": [{"id": ..., "text": ..., "source": ..., "date":
//! "YYYY-MM-DD", "url": ...}, ...], ...}`. The output line: the other top-level fields as
//! written (in their order; fields named `report` or `error` are replaced), `id`, then
//! `report` (the `recoupe/1` report, compact) or `error` (`{code, params, message, line}`).
//! Each account's id (a string, or a number as written) is its document's name.

use crate::config::Config;
use crate::decode::{InputError, Param};
use crate::extract::Limits;
use crate::report::{self, BatchErrorDto, BatchParseError, MessageDto, Report};
use crate::Input;

/// Why a line gave no report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineError {
    /// `bad-json`: not JSON, or not UTF-8: what is wrong.
    BadJson(String),
    /// `bad-event`: JSON, but not an event (no accounts, fewer than two, an account without
    /// a text or an id, two accounts with one id, a bad date): what is wrong.
    BadEvent(String),
    /// `line-too-long`: the line is longer than the limit (bytes, without its newline).
    LineTooLong {
        /// Its length in bytes.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// An account's text refused by the reader's rules for text (`empty`, `text-too-large`,
    /// `nul-char`, `control-chars`).
    Account {
        /// The account's id (its document name).
        account: String,
        /// Why.
        error: InputError,
    },
    /// `internal`: the engine failed on this line (a bug; the run goes on).
    Internal(String),
}

impl LineError {
    /// Its stable code.
    pub fn code(&self) -> &'static str {
        match self {
            LineError::BadJson(_) => "bad-json",
            LineError::BadEvent(_) => "bad-event",
            LineError::LineTooLong { .. } => "line-too-long",
            LineError::Account { error, .. } => error.code(),
            LineError::Internal(_) => "internal",
        }
    }

    /// Its parameters, by name.
    pub fn params(&self) -> Vec<(&'static str, Param)> {
        match self {
            LineError::LineTooLong { size, limit } => {
                vec![("size", Param::Num(*size)), ("limit", Param::Num(*limit))]
            }
            LineError::Account { account, error } => {
                let mut p = vec![("account", Param::Str(account.clone()))];
                p.extend(error.params());
                p
            }
            _ => Vec::new(),
        }
    }

    /// The `error` of its output line.
    pub fn to_dto(&self, line: usize) -> BatchErrorDto {
        let error = MessageDto {
            code: self.code().to_string(),
            params: self
                .params()
                .into_iter()
                .map(|(k, v)| (k, report::ParamDto(v)))
                .collect(),
            message: self.to_string(),
        };
        BatchErrorDto { error, line }
    }
}

impl std::fmt::Display for LineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LineError::BadJson(m) => write!(f, "not JSON: {m}"),
            LineError::BadEvent(m) => write!(f, "not an event: {m}"),
            LineError::LineTooLong { size, limit } => write!(
                f,
                "the line is {}, more than the limit of {} per event",
                crate::decode::human_size(*size),
                crate::decode::human_size(*limit)
            ),
            LineError::Account { account, error } => write!(f, "account {account}: {error}"),
            LineError::Internal(m) => write!(f, "the comparison failed: {m}"),
        }
    }
}

impl std::error::Error for LineError {}

/// One batch line (without its newline) → its output line (without a newline) and whether
/// it gave a report. `line_no` counts from 1. Never panics.
pub fn run_line(line: &str, line_no: usize, config: &Config, limits: &Limits) -> (String, bool) {
    let line = line.strip_suffix('\r').unwrap_or(line);
    if line.len() as u64 > limits.max_total_bytes {
        return (
            line_too_long(line.len() as u64, limits.max_total_bytes, line_no),
            false,
        );
    }
    let fields = match report::batch_fields(line) {
        Ok(f) => f.0,
        Err(e) => {
            let error = match e {
                BatchParseError::Syntax(m) => LineError::BadJson(m),
                BatchParseError::NotObject(m) => LineError::BadEvent(m),
            };
            return (failed(&[], None, &error, line_no), false);
        }
    };
    let passthrough: Vec<_> = fields
        .iter()
        .filter(|(k, _)| !matches!(k.as_str(), "id" | "accounts" | "report" | "error"))
        .map(|(k, v)| (k.clone(), *v))
        .collect();
    let ids: Vec<_> = fields.iter().filter(|(k, _)| k == "id").collect();
    let id = ids.first().map(|(_, v)| *v);
    if ids.len() > 1 {
        let error = LineError::BadEvent("the field `id` appears twice".into());
        return (failed(&passthrough, id, &error, line_no), false);
    }
    match inputs(&fields, limits) {
        Err(error) => (failed(&passthrough, id, &error, line_no), false),
        Ok(inputs) => match crate::compare(&inputs, config) {
            Ok(comparison) => (
                report::batch_output(&passthrough, id, Ok(&Report::from(comparison))),
                true,
            ),
            Err(e) => {
                let error = LineError::BadEvent(e.to_string());
                (failed(&passthrough, id, &error, line_no), false)
            }
        },
    }
}

/// Like [`run_line`], from bytes: a line that is not UTF-8 is answered with `bad-json`.
pub fn run_line_bytes(
    line: &[u8],
    line_no: usize,
    config: &Config,
    limits: &Limits,
) -> (String, bool) {
    if line.len() as u64 > limits.max_total_bytes {
        return (
            line_too_long(line.len() as u64, limits.max_total_bytes, line_no),
            false,
        );
    }
    match std::str::from_utf8(line) {
        Ok(text) => run_line(text, line_no, config, limits),
        Err(e) => {
            let error = LineError::BadJson(format!(
                "the line is not UTF-8 (at byte {})",
                e.valid_up_to()
            ));
            (failed(&[], None, &error, line_no), false)
        }
    }
}

/// The output line of a line longer than the limit (skipped unread by the caller).
pub fn line_too_long(size: u64, limit: u64, line_no: usize) -> String {
    failed(&[], None, &LineError::LineTooLong { size, limit }, line_no)
}

/// The output line of a line the engine failed on (`internal`): a caught panic, say.
pub fn internal_error(message: &str, line_no: usize) -> String {
    failed(&[], None, &LineError::Internal(message.into()), line_no)
}

fn failed(
    passthrough: &[(String, &serde_json::value::RawValue)],
    id: Option<&serde_json::value::RawValue>,
    error: &LineError,
    line_no: usize,
) -> String {
    report::batch_output(passthrough, id, Err(&error.to_dto(line_no)))
}

/// The event's accounts as the core's inputs, checked as the reader checks a text.
fn inputs(
    fields: &[(String, &serde_json::value::RawValue)],
    limits: &Limits,
) -> Result<Vec<Input>, LineError> {
    let bad = |m: String| LineError::BadEvent(m);
    let mut accounts = fields.iter().filter(|(k, _)| k == "accounts");
    let raw = accounts
        .next()
        .ok_or_else(|| bad("no `accounts` field".into()))?
        .1;
    if accounts.next().is_some() {
        return Err(bad("the field `accounts` appears twice".into()));
    }
    let raw = report::batch_accounts(raw)
        .map_err(|m| bad(format!("`accounts` must be an array of objects: {m}")))?;
    if raw.len() < 2 {
        return Err(bad(format!(
            "need at least two accounts to compare, got {}",
            raw.len()
        )));
    }
    let mut inputs: Vec<Input> = Vec::with_capacity(raw.len());
    for (k, raw) in raw.iter().enumerate() {
        let n = k + 1;
        let account = report::batch_account(raw).map_err(|m| bad(format!("account {n}: {m}")))?;
        let name = account
            .id
            .and_then(report::batch_id_name)
            .ok_or_else(|| bad(format!("account {n} has no `id` (a string or a number)")))?;
        if inputs.iter().any(|i| i.name == name) {
            return Err(bad(format!("two accounts have the id {name}")));
        }
        let refused = |error| LineError::Account {
            account: name.clone(),
            error,
        };
        // The reader's rules for a text (`extract`): not empty, within the text limit, text.
        if account.text.trim().is_empty() {
            return Err(refused(InputError::Empty));
        }
        let size = account.text.len() as u64;
        if size > limits.max_text_bytes {
            return Err(refused(InputError::TextTooLarge {
                size,
                limit: limits.max_text_bytes,
            }));
        }
        crate::decode::check_text_is_textual(&account.text).map_err(refused)?;
        let mut input =
            Input::new(name.clone(), account.text).with_source(account.source, account.url);
        match account.date.as_deref() {
            None | Some("") => {}
            Some(d) => {
                let date = crate::facts::Date::parse_iso(d).ok_or_else(|| {
                    bad(format!(
                        "account {name}: date must be YYYY-MM-DD, got '{d}'"
                    ))
                })?;
                input = input.with_date(date);
            }
        }
        inputs.push(input);
    }
    Ok(inputs)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(line: &str) -> (serde_json::Value, bool) {
        let (out, ok) = run_line(line, 7, &Config::default(), &Limits::default());
        assert!(!out.contains('\n'));
        (serde_json::from_str(&out).unwrap(), ok)
    }

    const EVENT: &str = r#"{"topic": {"b": 1,  "a": [1.50, "x y"]}, "id": 3, "accounts": [{"id": "a", "text": "Le Conseil a siégé à Montréal. Il a signé deux accords."}, {"id": 2, "text": "Deux accords ont été signés. Le Conseil a siégé à Montréal.", "date": "2025-12-08", "source": "AFP"}], "z": null}"#;

    #[test]
    fn a_good_line_gives_the_report_and_the_other_fields_as_written() {
        let (out, ok) = run_line(EVENT, 1, &Config::default(), &Limits::default());
        assert!(ok);
        assert!(
            out.starts_with(r#"{"topic":{"b":1,"a":[1.50,"x y"]},"z":null,"id":3,"report":{"#),
            "{out}"
        );
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["report"]["schema"], "recoupe/1");
        assert_eq!(v["report"]["documents"][0]["name"], "a");
        assert_eq!(v["report"]["documents"][1]["name"], "2");
        assert_eq!(v["report"]["documents"][1]["date"], "2025-12-08");
        assert_eq!(v["report"]["documents"][1]["source"], "AFP");
        assert_eq!(v["report"]["links"].as_array().unwrap().len(), 2);
    }

    #[test]
    fn bad_lines_say_why_with_their_line_number() {
        for (line, code) in [
            ("{\"id\": 1, \"accounts\": [", "bad-json"),
            ("[1, 2]", "bad-event"),
            ("{\"id\": 1}", "bad-event"),
            ("{\"id\": 1, \"accounts\": {}}", "bad-event"),
            ("{\"id\": 1, \"accounts\": [{\"id\": \"a\", \"text\": \"x\"}]}", "bad-event"),
            ("{\"id\": 1, \"id\": 2, \"accounts\": []}", "bad-event"),
            ("{\"accounts\": [{\"id\": \"a\", \"text\": \"x\"}, {\"id\": \"a\", \"text\": \"y\"}]}", "bad-event"),
            ("{\"accounts\": [{\"id\": \"a\", \"text\": \"x\"}, {\"text\": \"y\"}]}", "bad-event"),
            ("{\"accounts\": [{\"id\": \"a\", \"text\": \"x\"}, {\"id\": [], \"text\": \"y\"}]}", "bad-event"),
            ("{\"accounts\": [{\"id\": \"a\", \"text\": \"x\", \"date\": \"2025-13-01\"}, {\"id\": \"b\", \"text\": \"y\"}]}", "bad-event"),
            ("{\"accounts\": [{\"id\": \"a\", \"text\": \"x\"}, {\"id\": \"b\", \"text\": \" \\n\"}]}", "empty"),
            ("{\"accounts\": [{\"id\": \"a\", \"text\": \"x\\u0000\"}, {\"id\": \"b\", \"text\": \"y\"}]}", "nul-char"),
        ] {
            let (v, ok) = run(line);
            assert!(!ok, "{line}");
            assert_eq!(v["error"]["code"], code, "{line}: {v}");
            assert_eq!(v["error"]["line"], 7, "{line}");
            assert!(!v["error"]["message"].as_str().unwrap().is_empty());
            assert!(v.get("report").is_none());
        }
    }

    #[test]
    fn limits_and_bytes() {
        let small = Limits {
            max_total_bytes: 10,
            ..Limits::default()
        };
        let (out, ok) = run_line_bytes(b"{\"id\": 12345678}", 2, &Config::default(), &small);
        assert!(!ok);
        assert!(out.contains("\"code\":\"line-too-long\""), "{out}");
        let (out, ok) = run_line_bytes(b"{\"i\xff\":1}", 3, &Config::default(), &small);
        assert!(!ok);
        assert!(
            out.starts_with("{\"id\":null,\"error\":{\"code\":\"bad-json\""),
            "{out}"
        );
        let text = Limits {
            max_text_bytes: 3,
            ..Limits::default()
        };
        let (out, _) = run_line(
            r#"{"id": "e", "accounts": [{"id": "a", "text": "abcd"}, {"id": "b", "text": "x"}]}"#,
            1,
            &Config::default(),
            &text,
        );
        assert!(out.starts_with(r#"{"id":"e","error":{"code":"text-too-large","params":{"account":"a","limit":3,"size":4}"#), "{out}");
    }
}
