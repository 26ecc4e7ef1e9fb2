//! `recoupe batch` end to end: the real binary on real files in a temporary folder, the
//! events built at run time from the texts in `seeds/` and `e2e/fixtures/accounts/`.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::{json, Value};

const BIN: &str = env!("CARGO_BIN_EXE_recoupe");

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn text(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap()
}

/// The two accounts of the EU–Canada council of 8 December 2025 in `seeds/`.
fn seed_event(id: &str) -> Value {
    let dir = "seeds/2025-12-08-eu-canada-digital-partnership-council";
    json!({"id": id, "accounts": [
        {"id": "press", "text": text(&format!("{dir}/commission-press-release.fr.txt")),
         "source": "European Commission", "date": "2025-12-08"},
        {"id": "blog", "text": text(&format!("{dir}/business-blog-article.fr.txt")),
         "url": "https://example.org/blog"},
    ]})
}

/// The five accounts of one (invented) fire in `e2e/fixtures/accounts/`.
fn fire_event(id: &str) -> Value {
    let accounts: Vec<Value> = ["wire", "daily", "radio", "weekly", "blog"]
        .iter()
        .map(|n| json!({"id": n, "text": text(&format!("e2e/fixtures/accounts/{n}.txt"))}))
        .collect();
    json!({"id": id, "accounts": accounts})
}

struct Run {
    out: String,
    err: String,
    code: i32,
}

fn run(args: &[&str], stdin: Option<&[u8]>) -> Run {
    let mut child = Command::new(BIN)
        .arg("batch")
        .args(args)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(bytes) = stdin {
        let mut pipe = child.stdin.take().unwrap();
        pipe.write_all(bytes).unwrap();
    }
    let o = child.wait_with_output().unwrap();
    Run {
        out: String::from_utf8(o.stdout).unwrap(),
        err: String::from_utf8(o.stderr).unwrap(),
        code: o.status.code().unwrap(),
    }
}

/// A fresh folder under the target directory for one test's files.
fn temp_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("batch-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path.to_string_lossy().into_owned()
}

fn lines(out: &str) -> Vec<Value> {
    out.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

/// Cases as data: one input line each (`None`: an empty line, answered by nothing), and
/// what its output line must say: `Ok(links at least)` or `Err(code)`.
fn cases() -> Vec<(Option<String>, Result<usize, &'static str>)> {
    let line = |v: Value| Some(v.to_string());
    vec![
        (line(seed_event("seed")), Ok(3)),
        (None, Ok(0)),
        (line(fire_event("fire")), Ok(5)),
        (
            Some("{\"id\": \"cut\", \"accounts\": [".into()),
            Err("bad-json"),
        ),
        (Some("   ".into()), Ok(0)),
        (line(json!({"id": "no-accounts"})), Err("bad-event")),
        (
            line(json!({"id": "one", "accounts": [{"id": "a", "text": "Seul."}]})),
            Err("bad-event"),
        ),
        (
            line(json!({"id": "bad-date", "accounts": [
                {"id": "a", "text": "Le Conseil a siégé.", "date": "2025-02-30"},
                {"id": "b", "text": "Le Conseil a siégé hier."}]})),
            Err("bad-event"),
        ),
        (
            line(json!({"id": "no-text", "accounts": [{"id": "a", "text": "x"}, {"id": "b"}]})),
            Err("bad-event"),
        ),
        (
            line(
                json!({"id": "empty-text", "accounts": [{"id": "a", "text": "x"}, {"id": "b", "text": "  "}]}),
            ),
            Err("empty"),
        ),
        (Some("[\"an\", \"array\"]".into()), Err("bad-event")),
        (
            line(json!({"id": 7, "accounts": [
            {"id": 1, "text": "Le Conseil a siégé à Montréal. Il a signé deux accords."},
            {"id": 2, "text": "Deux accords ont été signés. Le Conseil a siégé à Montréal."}]})),
            Ok(2),
        ),
    ]
}

fn cases_file(dir: &Path) -> (String, Vec<Result<usize, &'static str>>) {
    let mut text = String::new();
    let mut expected = Vec::new();
    for (line, outcome) in cases() {
        text.push_str(line.as_deref().unwrap_or(""));
        text.push('\n');
        if line.as_deref().is_some_and(|l| !l.trim().is_empty()) {
            expected.push(outcome);
        }
    }
    (write(dir, "events.jsonl", text.as_bytes()), expected)
}

#[test]
fn every_line_is_answered_in_order_and_bad_lines_say_why() {
    let dir = temp_dir("cases");
    let (file, expected) = cases_file(&dir);
    let r = run(&["--jobs", "2", &file], None);
    assert_eq!(r.code, 1, "some lines failed: {}", r.err);
    assert!(r.err.is_empty(), "{}", r.err);
    let out = lines(&r.out);
    assert_eq!(out.len(), expected.len());
    let input_lines: Vec<usize> = {
        let text = std::fs::read_to_string(&file).unwrap();
        text.lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
            .map(|(k, _)| k + 1)
            .collect()
    };
    for ((v, want), line_no) in out.iter().zip(&expected).zip(input_lines) {
        match want {
            Ok(links) => {
                let report = &v["report"];
                assert_eq!(report["schema"], "recoupe/1", "{v}");
                assert!(report["links"].as_array().unwrap().len() >= *links, "{v}");
                assert!(v.get("error").is_none());
            }
            Err(code) => {
                assert_eq!(v["error"]["code"], *code, "line {line_no}: {v}");
                assert_eq!(v["error"]["line"], line_no, "{v}");
                assert!(v.get("report").is_none());
            }
        }
    }
    // Ids as given (null when the line is not readable).
    let ids: Vec<&Value> = out.iter().map(|v| &v["id"]).collect();
    assert_eq!(ids[0], "seed");
    assert_eq!(ids[1], "fire");
    assert_eq!(*ids[2], Value::Null);
    assert_eq!(ids[3], "no-accounts");
    assert_eq!(ids[ids.len() - 1], 7);
}

#[test]
fn seed_accounts_are_linked_and_named_by_their_ids() {
    let dir = temp_dir("seed");
    let file = write(
        &dir,
        "one.jsonl",
        format!("{}\n", seed_event("s")).as_bytes(),
    );
    let r = run(&[&file], None);
    assert_eq!((r.code, r.err.as_str()), (0, ""));
    let v = &lines(&r.out)[0];
    let docs = &v["report"]["documents"];
    assert_eq!(docs[0]["name"], "press");
    assert_eq!(docs[0]["source"], "European Commission");
    assert_eq!(docs[0]["date"], "2025-12-08");
    assert_eq!(docs[1]["name"], "blog");
    assert_eq!(docs[1]["url"], "https://example.org/blog");
    assert!(v["report"]["links"].as_array().unwrap().len() >= 3);
    // The same report as the command line's --format json on the same texts and date
    // (the press release's "aujourd'hui" is anchored on it).
    let seed = "seeds/2025-12-08-eu-canada-digital-partnership-council";
    let direct = Command::new(BIN)
        .args(["--format", "json"])
        .args(["--date", "commission-press-release.fr.txt=2025-12-08"])
        .arg(root().join(seed).join("commission-press-release.fr.txt"))
        .arg(root().join(seed).join("business-blog-article.fr.txt"))
        .output()
        .unwrap();
    let direct: Value = serde_json::from_slice(&direct.stdout).unwrap();
    assert_eq!(v["report"]["links"], direct["links"]);
    assert_eq!(v["report"]["groups"], direct["groups"]);
}

#[test]
fn unknown_fields_pass_through_as_written_in_their_order() {
    let line = r#"{"z": 1, "meta": {"b": [1.50, 2], "a": "é"}, "id": "x", "accounts": [{"id": "a", "text": "Le Conseil a siégé."}, {"id": "b", "text": "Le Conseil a siégé hier."}], "tail": null, "report": "replaced"}"#;
    let r = run(&[], Some(format!("{line}\n").as_bytes()));
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(
        r.out
            .starts_with(r#"{"z":1,"meta":{"b":[1.50,2],"a":"é"},"tail":null,"id":"x","report":{"schema":"recoupe/1""#),
        "{}",
        r.out
    );
    assert_eq!(r.out.lines().count(), 1);
}

#[test]
fn all_good_lines_exit_0_and_usage_errors_exit_2() {
    let dir = temp_dir("exit");
    let good = write(
        &dir,
        "good.jsonl",
        format!("{}\n\n{}", seed_event("a"), fire_event("b")).as_bytes(),
    );
    let r = run(&[&good], None);
    assert_eq!((r.code, r.err.as_str(), r.out.lines().count()), (0, "", 2));
    for args in [
        vec!["--jobs", "0", good.as_str()],
        vec!["--format", "json", good.as_str()],
        vec!["--threshold", "2", good.as_str()],
        vec![good.as_str(), good.as_str()],
        vec!["/no/such/file.jsonl"],
        vec![dir.to_str().unwrap()],
    ] {
        let r = run(&args, None);
        assert_eq!(r.code, 2, "{args:?}");
        assert!(r.out.is_empty(), "{args:?}");
        assert!(r.err.starts_with("recoupe: "), "{args:?}: {}", r.err);
    }
}

#[test]
fn one_thread_or_two_and_stdin_or_a_file_give_the_same_output() {
    let dir = temp_dir("jobs");
    let (file, _) = cases_file(&dir);
    let bytes = std::fs::read(&file).unwrap();
    let one = run(&["--jobs", "1", &file], None);
    let two = run(&["--jobs", "2", &file], None);
    let stdin = run(&["--jobs", "2"], Some(&bytes));
    let dash = run(&["-", "--jobs", "3"], Some(&bytes));
    assert_eq!(one.code, 1);
    for other in [&two, &stdin, &dash] {
        assert_eq!(other.code, one.code);
        assert!(one.out == other.out, "outputs differ");
    }
}

#[test]
fn permuted_lines_give_the_same_set_of_output_lines() {
    let dir = temp_dir("permuted");
    let events: Vec<String> = vec![
        seed_event("a").to_string(),
        fire_event("b").to_string(),
        json!({"id": "c", "accounts": [{"id": "x", "text": "Un."}]}).to_string(),
        json!({"id": "d", "accounts": [
            {"id": "x", "text": "Le Conseil a siégé à Montréal."},
            {"id": "y", "text": "À Montréal, le Conseil a siégé."}]})
        .to_string(),
    ];
    // An error line carries its line number: compare without it.
    let set = |out: &str| -> BTreeSet<String> {
        lines(out)
            .into_iter()
            .map(|mut v| {
                if let Some(e) = v.get_mut("error").and_then(Value::as_object_mut) {
                    e.remove("line");
                }
                v.to_string()
            })
            .collect()
    };
    let forward = write(&dir, "forward.jsonl", (events.join("\n") + "\n").as_bytes());
    let mut reversed = events.clone();
    reversed.reverse();
    reversed.swap(0, 1);
    let backward = write(&dir, "backward.jsonl", reversed.join("\n").as_bytes());
    let (f, b) = (
        run(&[&forward], None),
        run(&["--jobs", "2", &backward], None),
    );
    assert_eq!((f.code, b.code), (1, 1));
    assert_eq!(set(&f.out), set(&b.out));
    assert_eq!(f.out.lines().count(), 4);
}

#[test]
fn reversed_accounts_give_the_same_links_by_name() {
    let mut reversed = fire_event("fire");
    reversed["accounts"].as_array_mut().unwrap().reverse();
    let input = format!("{}\n{}\n", fire_event("fire"), reversed);
    let r = run(&[], Some(input.as_bytes()));
    assert_eq!(r.code, 0, "{}", r.err);
    // Each link as an unordered pair of (account, segments).
    let links = |v: &Value| -> BTreeSet<String> {
        let docs = &v["report"]["documents"];
        let side = |s: &Value| {
            format!(
                "{}:{}",
                docs[s["doc"].as_u64().unwrap() as usize]["name"],
                s["segments"]
            )
        };
        v["report"]["links"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| {
                let mut pair = [side(&l["left"]), side(&l["right"])];
                pair.sort();
                pair.join(" ~ ")
            })
            .collect()
    };
    let out = lines(&r.out);
    assert!(!links(&out[0]).is_empty());
    assert_eq!(links(&out[0]), links(&out[1]));
    assert_eq!(
        out[0]["report"]["conflicts"].as_array().unwrap().len(),
        out[1]["report"]["conflicts"].as_array().unwrap().len()
    );
}

#[test]
fn a_line_over_the_limit_is_skipped_and_the_next_ones_read() {
    let dir = temp_dir("long");
    let long = json!({"id": "long", "accounts": [
        {"id": "a", "text": "mot ".repeat(2000)}, {"id": "b", "text": "mot"}]});
    let small = json!({"id": "after", "accounts": [
        {"id": "a", "text": "Le Conseil a siégé."}, {"id": "b", "text": "Le Conseil a siégé hier."}]});
    let mut bytes = format!("{small}\n{long}\n{small}\n").into_bytes();
    bytes.extend_from_slice(b"{\"id\": \"\xff\xfe\"}\n"); // not UTF-8
    bytes.extend_from_slice(format!("{small}\n{long}").as_bytes()); // the last line unended
    let file = write(&dir, "long.jsonl", &bytes);
    let r = run(&["--max-line-bytes", "1000", &file], None);
    assert_eq!(r.code, 1, "{}", r.err);
    let out = lines(&r.out);
    let codes: Vec<&str> = out
        .iter()
        .map(|v| v["error"]["code"].as_str().unwrap_or("report"))
        .collect();
    assert_eq!(
        codes,
        [
            "report",
            "line-too-long",
            "report",
            "bad-json",
            "report",
            "line-too-long"
        ]
    );
    assert_eq!(out[1]["error"]["line"], 2);
    assert_eq!(out[1]["error"]["params"]["limit"], 1000);
    assert_eq!(
        out[1]["error"]["params"]["size"],
        long.to_string().len() as u64
    );
    assert_eq!(out[5]["error"]["line"], 6);
    assert_eq!(out[2]["id"], "after");
}
