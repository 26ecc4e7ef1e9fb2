//! Cases as data: each folder of `tests/cases/` holds input documents (`*.txt`, `*.md`,
//! `*.html`, or a `files` list of paths), optional CLI `args`, and `expected.txt`: the
//! segments and links the command line must report. Run with `UPDATE_EXPECT=1` to rewrite
//! the expectations after an intended change, then review the diff.
//!
//! Cases named `facts-*` or `groups-*` (or holding `expected-facts.txt`) also expect the
//! groups, facts and conflicts, in `expected-facts.txt`, keyed by document name.
//!
//! Every case is also run with its documents in every rotation and reversed: the links,
//! groups (ids included) and conflicts must be the same, since results may not depend on
//! the order of the documents.

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
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n != "expected.txt" && n != "expected-facts.txt")
        })
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

fn doc_names(report: &Value) -> Vec<String> {
    report["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            Path::new(d["name"].as_str().unwrap())
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect()
}

fn list(v: &Value) -> &Vec<Value> {
    v.as_array().expect("an array")
}

fn statement(names: &[String], s: &Value) -> String {
    format!(
        "{}:{} «{}»={}",
        names[s["doc"].as_u64().unwrap() as usize],
        s["segment"],
        s["text"].as_str().unwrap(),
        s["value"].as_str().unwrap()
    )
}

fn sorted_statements(names: &[String], v: &Value) -> String {
    let mut st: Vec<String> = list(&v["statements"])
        .iter()
        .map(|s| statement(names, s))
        .collect();
    st.sort();
    st.join(" | ")
}

/// Groups with their members by document name (order-free), id included.
fn group_set(report: &Value) -> BTreeSet<String> {
    let names = doc_names(report);
    list(&report["groups"])
        .iter()
        .map(|g| {
            let mut members: Vec<String> = list(&g["members"])
                .iter()
                .map(|m| {
                    format!(
                        "{}:{:?} {}",
                        names[m["doc"].as_u64().unwrap() as usize],
                        list(&m["segments"])
                            .iter()
                            .map(|s| s.as_u64().unwrap())
                            .collect::<Vec<_>>(),
                        m["telling"].as_str().unwrap()
                    )
                })
                .collect();
            members.sort();
            let rep = &g["representative"];
            format!(
                "g{} {}/{} {} ~ {}:{}",
                g["id"],
                g["accounts"],
                names.len(),
                members.join(" | "),
                names[rep["doc"].as_u64().unwrap() as usize],
                rep["segment"]
            )
        })
        .collect()
}

/// Conflicts by document name (order-free), id and group included.
fn conflict_set(report: &Value) -> BTreeSet<String> {
    let names = doc_names(report);
    list(&report["conflicts"])
        .iter()
        .map(|c| {
            format!(
                "c{} g{} {} [{}]: {}",
                c["id"],
                c["group"],
                c["kind"].as_str().unwrap(),
                c["slot"].as_str().unwrap(),
                sorted_statements(&names, c)
            )
        })
        .collect()
}

/// Groups, facts and conflicts as a reviewer reads them (conflicts first).
fn facts_summary(report: &Value) -> String {
    let names = doc_names(report);
    let mut out = String::from("# conflicts\n");
    for c in conflict_set(report) {
        out += &format!("{c}\n");
    }
    out += "# groups\n";
    let mut groups: Vec<(u64, String)> = group_set(report)
        .into_iter()
        .map(|g| (g[1..].split(' ').next().unwrap().parse().unwrap(), g))
        .collect();
    groups.sort();
    for (_, g) in groups {
        out += &format!("{g}\n");
    }
    out += "# facts\n";
    let mut facts: Vec<String> = list(&report["facts"])
        .iter()
        .map(|f| {
            format!(
                "g{} {} {} [{}] = {}: {}",
                f["group"],
                f["status"].as_str().unwrap(),
                f["kind"].as_str().unwrap(),
                f["slot"].as_str().unwrap(),
                f["value"].as_str().unwrap(),
                sorted_statements(&names, f)
            )
        })
        .collect();
    facts.sort_by_key(|f| {
        let g: u64 = f[1..].split(' ').next().unwrap().parse().unwrap();
        (g, f.clone())
    });
    for f in facts {
        out += &format!("{f}\n");
    }
    out
}

/// UTF-16 `at` offsets of every statement select its text in the segment's text.
fn check_statement_offsets(report: &Value) {
    let docs = list(&report["documents"]);
    let statements = list(&report["facts"])
        .iter()
        .chain(list(&report["conflicts"]))
        .flat_map(|f| list(&f["statements"]));
    for s in statements {
        let seg = &docs[s["doc"].as_u64().unwrap() as usize]["segments"]
            [s["segment"].as_u64().unwrap() as usize];
        let units: Vec<u16> = seg["text"].as_str().unwrap().encode_utf16().collect();
        let (a, b) = (
            s["at"][0].as_u64().unwrap() as usize,
            s["at"][1].as_u64().unwrap() as usize,
        );
        assert_eq!(
            String::from_utf16(&units[a..b]).unwrap(),
            s["text"].as_str().unwrap(),
            "statement offsets"
        );
    }
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
        check_statement_offsets(&report);
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
        let facts_path = dir.join("expected-facts.txt");
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        if facts_path.exists() || name.starts_with("facts-") || name.starts_with("groups-") {
            let actual = facts_summary(&report);
            if update {
                std::fs::write(&facts_path, &actual).unwrap();
            } else {
                let expected = std::fs::read_to_string(&facts_path).unwrap_or_default();
                if expected != actual {
                    failures.push(format!(
                        "{}:\n--- expected facts\n{expected}\n--- actual facts\n{actual}",
                        dir.display()
                    ));
                }
            }
        }
        let mut orders: Vec<(String, Vec<PathBuf>)> = (1..files.len())
            .map(|r| {
                let mut rotated = files.clone();
                rotated.rotate_left(r);
                (format!("rotated by {r}"), rotated)
            })
            .collect();
        let mut reversed = files.clone();
        reversed.reverse();
        orders.push(("reversed".to_string(), reversed));
        for (how, order) in orders {
            let other = run(&args, &order);
            for (what, f) in [
                ("links", link_set as fn(&Value) -> BTreeSet<String>),
                ("groups", group_set),
                ("conflicts", conflict_set),
            ] {
                if f(&report) != f(&other) {
                    failures.push(format!(
                        "{}: {what} depend on document order:\n{:#?}\nvs {how}\n{:#?}",
                        dir.display(),
                        f(&report),
                        f(&other)
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
