//! Cases as data: each folder of `tests/cases/` holds input documents (`*.txt`, `*.md`,
//! `*.html`, or a `files` list of paths), optional CLI `args`, and `expected.txt`: the
//! segments and links the command line must report. Run with `UPDATE_EXPECT=1` to rewrite
//! the expectations after an intended change, then review the diff.
//!
//! Every case is also run with its documents in reverse order: the links must be the same
//! (mirrored), since results may not depend on the order of the documents.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn case_inputs(dir: &Path) -> Vec<PathBuf> {
    let list = dir.join("files");
    if list.exists() {
        return std::fs::read_to_string(list)
            .unwrap()
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| dir.join(l.trim()))
            .collect();
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("txt" | "md" | "html")
            )
        })
        .filter(|p| p.file_name().is_some_and(|n| n != "expected.txt"))
        .collect();
    files.sort();
    files
}

fn run(args: &[String], files: &[PathBuf]) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_recoupe"))
        .args(["--format", "json"])
        .args(args)
        .args(files)
        .output()
        .expect("run recoupe");
    assert!(
        out.status.success(),
        "recoupe failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("valid JSON report")
}

fn segs(v: &Value) -> String {
    let s: Vec<u64> = v["segments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_u64().unwrap())
        .collect();
    if s.len() == 1 {
        format!("{}", s[0])
    } else {
        format!("{}-{}", s[0], s[s.len() - 1])
    }
}

/// The report, as the lines a reviewer reads: segments, then links.
fn summary(report: &Value) -> String {
    let mut out = String::new();
    for (k, d) in report["documents"].as_array().unwrap().iter().enumerate() {
        let name = Path::new(d["name"].as_str().unwrap())
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        out += &format!("# document {k}: {name} ({})\n", d["lang"].as_str().unwrap());
        for (i, s) in d["segments"].as_array().unwrap().iter().enumerate() {
            out += &format!(
                "{k}:{i} {}: {}\n",
                s["kind"].as_str().unwrap(),
                s["text"].as_str().unwrap().replace('\n', "⏎")
            );
        }
    }
    out += "# links\n";
    for l in report["links"].as_array().unwrap() {
        let moved = if l["moved"].as_bool().unwrap() {
            " moved"
        } else {
            ""
        };
        let flags: Vec<&str> = l["flags"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f.as_str().unwrap())
            .collect();
        let flags = if flags.is_empty() {
            String::new()
        } else {
            format!(" [{}]", flags.join(","))
        };
        out += &format!(
            "{}:{} ~ {}:{} {}{moved}{flags}\n",
            l["left"]["doc"],
            segs(&l["left"]),
            l["right"]["doc"],
            segs(&l["right"]),
            l["kind"].as_str().unwrap()
        );
    }
    out
}

/// Links keyed by document names, each pair in name order: comparable across permutations.
fn link_set(report: &Value) -> BTreeSet<String> {
    let names: Vec<&str> = report["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["name"].as_str().unwrap())
        .collect();
    report["links"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            let a = (
                names[l["left"]["doc"].as_u64().unwrap() as usize],
                segs(&l["left"]),
            );
            let b = (
                names[l["right"]["doc"].as_u64().unwrap() as usize],
                segs(&l["right"]),
            );
            let (a, b) = if a <= b { (a, b) } else { (b, a) };
            format!(
                "{}:{} ~ {}:{} {}",
                a.0,
                a.1,
                b.0,
                b.1,
                l["kind"].as_str().unwrap()
            )
        })
        .collect()
}

/// Offsets are UTF-8 byte ranges and `text` is exactly that slice of the input.
fn check_offsets(report: &Value, files: &[PathBuf]) {
    for (d, f) in report["documents"].as_array().unwrap().iter().zip(files) {
        let text = std::fs::read_to_string(f).unwrap();
        for s in d["segments"].as_array().unwrap() {
            let (a, b) = (
                s["start"].as_u64().unwrap() as usize,
                s["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(
                text.get(a..b),
                s["text"].as_str(),
                "segment offsets of {}",
                f.display()
            );
        }
    }
}

#[test]
fn cases() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    assert!(!dirs.is_empty());
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut failures = Vec::new();
    for dir in &dirs {
        let files = case_inputs(dir);
        let args: Vec<String> = std::fs::read_to_string(dir.join("args"))
            .unwrap_or_default()
            .split_whitespace()
            .map(str::to_string)
            .collect();
        let report = run(&args, &files);
        check_offsets(&report, &files);
        let actual = summary(&report);
        let expected_path = dir.join("expected.txt");
        if update {
            std::fs::write(&expected_path, &actual).unwrap();
        } else {
            let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
            if expected != actual {
                failures.push(format!(
                    "{}:\n--- expected\n{expected}\n--- actual\n{actual}",
                    dir.display()
                ));
            }
        }
        let mut reversed = files.clone();
        reversed.reverse();
        let mirrored = run(&args, &reversed);
        if link_set(&report) != link_set(&mirrored) {
            failures.push(format!(
                "{}: links depend on document order:\n{:#?}\nvs reversed\n{:#?}",
                dir.display(),
                link_set(&report),
                link_set(&mirrored)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
