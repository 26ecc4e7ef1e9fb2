//! The command line: read files, call the core, print the report.

use std::process::ExitCode;

#[path = "recoupe/batch.rs"]
mod batch;

use std::io::Write;

use recoupe::decode::InputError;
use recoupe::extract::{extract, Limits};
use recoupe::render::{self, Format, Table};
use recoupe::report::{parse_lang, parse_split, MessageDto, RefusalDto, Report};
use recoupe::{Config, Input};

const USAGE: &str = "usage: recoupe [--format text|json|html|csv|md|tei|collatex] [--table links|facts] [--report-lang en|fr] [--split sentences|lines|paragraphs] [--lang auto|fr|en] [--threshold 0..1] [--model FILE] [--explain] [--date FILE=YYYY-MM-DD ...] [--source FILE=NAME ...] FILE FILE [FILE...]\n       recoupe batch [--jobs N] [OPTIONS] [IN.jsonl|-] > OUT.jsonl   (one event per line; recoupe batch --help)";

struct Args {
    format: Format,
    render: render::Options,
    config: Config,
    files: Vec<String>,
    /// `--date FILE=YYYY-MM-DD`: FILE as given on the command line, or its file name.
    dates: Vec<(String, recoupe::facts::Date)>,
    /// `--source FILE=NAME`: where the account comes from, for reports.
    sources: Vec<(String, String)>,
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
    let mut out = Args {
        format: Format::Text,
        render: render::Options::default(),
        config: Config::default(),
        files: Vec::new(),
        dates: Vec::new(),
        sources: Vec::new(),
    };
    let mut threshold_given = false;
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or_else(|| format!("{name} needs a value"));
        match arg.as_str() {
            "-h" | "--help" => return Err(String::new()),
            "--format" => out.format = Format::parse(&value("--format")?)?,
            "--table" => out.render.table = Table::parse(&value("--table")?)?,
            "--report-lang" => {
                out.render.lang = match value("--report-lang")?.as_str() {
                    "en" => render::Lang::En,
                    "fr" => render::Lang::Fr,
                    other => {
                        return Err(format!(
                            "unknown report language '{other}' (expected en or fr)"
                        ))
                    }
                }
            }
            "--explain" => out.render.explain = true,
            "--date" => {
                let v = value("--date")?;
                let (file, date) = v
                    .rsplit_once('=')
                    .ok_or_else(|| format!("--date needs FILE=YYYY-MM-DD, got '{v}'"))?;
                let date = recoupe::facts::Date::parse_iso(date)
                    .ok_or_else(|| format!("--date: '{date}' is not a date YYYY-MM-DD"))?;
                out.dates.push((file.to_string(), date));
            }
            "--source" => {
                let v = value("--source")?;
                let (file, source) = v
                    .split_once('=')
                    .ok_or_else(|| format!("--source needs FILE=NAME, got '{v}'"))?;
                out.sources.push((file.to_string(), source.to_string()));
            }
            s if compare_option(s, &mut value, &mut out.config, &mut threshold_given)? => {}
            s if s.starts_with("--") => return Err(format!("unknown option '{s}'")),
            _ => out.files.push(arg),
        }
    }
    let named: Vec<&String> = out
        .dates
        .iter()
        .map(|(f, _)| f)
        .chain(out.sources.iter().map(|(f, _)| f))
        .collect();
    for file in named {
        let name = |f: &String| {
            std::path::Path::new(f)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
        };
        if !out
            .files
            .iter()
            .any(|f| f == file || name(f).as_deref() == Some(file.as_str()))
        {
            return Err(format!(
                "--date or --source names '{file}', which is not a file to compare"
            ));
        }
    }
    if out.files.len() < 2 {
        return Err(format!(
            "need at least two files to compare, got {}",
            out.files.len()
        ));
    }
    Ok(out)
}

/// Why a file was refused: its path and the core's error (I/O errors have no code).
enum Refusal {
    Io(String),
    Input(String, InputError),
}

impl Refusal {
    /// One line: `recoupe: PATH: sentence`, or under `--format json` the [`RefusalDto`].
    fn line(&self, format: &Format) -> String {
        match (self, format) {
            (Refusal::Input(path, e), Format::Json | Format::Collatex) => {
                let dto = RefusalDto {
                    schema: recoupe::report::SCHEMA,
                    file: path.clone(),
                    error: MessageDto::from(e),
                };
                serde_json::to_string(&dto).unwrap_or_else(|_| format!("recoupe: {path}: {e}"))
            }
            (Refusal::Input(path, e), _) => format!("recoupe: {path}: {e}"),
            (Refusal::Io(message), _) => format!("recoupe: {message}"),
        }
    }
}

/// Reads one file into text (any supported format); warnings are prefixed with its name.
fn read(path: &str, limits: &Limits, warnings: &mut Vec<String>) -> Result<(Input, u64), Refusal> {
    let size = std::fs::metadata(path)
        .map_err(|e| Refusal::Io(format!("{path}: {e}")))?
        .len();
    if size > limits.max_file_bytes {
        return Err(Refusal::Input(
            path.to_string(),
            InputError::TooLarge {
                size,
                limit: limits.max_file_bytes,
            },
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| Refusal::Io(format!("{path}: {e}")))?;
    let name = std::path::Path::new(path)
        .file_name()
        .map_or(path.to_string(), |n| n.to_string_lossy().into_owned());
    let extracted =
        extract(&bytes, &name, limits).map_err(|e| Refusal::Input(path.to_string(), e))?;
    warnings.extend(extracted.warnings.iter().map(|w| format!("{name}: {w}")));
    Ok((Input::new(name, extracted.text), size))
}

fn main() -> ExitCode {
    if std::env::args().nth(1).as_deref() == Some("batch") {
        return batch::main(std::env::args().skip(2));
    }
    let args = match or_usage(parse_args(std::env::args().skip(1)), USAGE) {
        Ok(a) => a,
        Err(code) => return code,
    };
    let limits = Limits::default();
    let mut inputs = Vec::new();
    let mut sizes = Vec::new();
    let mut warnings = Vec::new();
    for f in &args.files {
        match read(f, &limits, &mut warnings) {
            Ok((mut input, size)) => {
                // The date given for this exact path, else for its file name.
                let date = args
                    .dates
                    .iter()
                    .find(|(file, _)| file == f)
                    .or_else(|| args.dates.iter().find(|(file, _)| *file == input.name));
                if let Some((_, d)) = date {
                    input = input.with_date(*d);
                }
                let source = args
                    .sources
                    .iter()
                    .find(|(file, _)| file == f)
                    .or_else(|| args.sources.iter().find(|(file, _)| *file == input.name));
                if let Some((_, s)) = source {
                    input = input.with_source(Some(s.clone()), None);
                }
                inputs.push(input);
                sizes.push(size);
            }
            Err(refusal) => {
                eprintln!("{}", refusal.line(&args.format));
                return ExitCode::from(2);
            }
        }
    }
    if let Err(e) = limits.check_total(sizes) {
        let line = match args.format {
            Format::Json | Format::Collatex => Refusal::Input(String::new(), e).line(&args.format),
            _ => format!("recoupe: {e}"),
        };
        eprintln!("{line}");
        return ExitCode::from(2);
    }
    match recoupe::compare(&inputs, &args.config) {
        Ok(mut c) => {
            warnings.append(&mut c.warnings);
            c.warnings = warnings;
            let mut options = args.render;
            if matches!(args.format, Format::Html | Format::Markdown) {
                options.made = Some(today());
            }
            // The comparison is consumed: its texts move into the report.
            let report = Report::from(c);
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            // A closed pipe (`recoupe ... | head`) is not an error worth a panic.
            let _ =
                render::write(&report, args.format, &options, &mut out).and_then(|()| out.flush());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("recoupe: {e}");
            ExitCode::from(2)
        }
    }
}

/// Today's date (UTC), `YYYY-MM-DD`, for the reports that say when they were made.
fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    // Days since 1970-01-01 to a civil date (Howard Hinnant's `civil_from_days`).
    let z = (secs / 86_400) as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// The comparison options both commands take (`--split`, `--lang`, `--threshold`,
/// `--model`, the ignore flags): sets `config` and says whether `arg` was one of them.
/// A threshold given on the command line wins over a model's.
fn compare_option(
    arg: &str,
    value: &mut dyn FnMut(&str) -> Result<String, String>,
    config: &mut Config,
    threshold_given: &mut bool,
) -> Result<bool, String> {
    match arg {
        "--split" => config.split = parse_split(&value("--split")?)?,
        "--lang" => config.lang = parse_lang(&value("--lang")?)?,
        "--threshold" => {
            let v = value("--threshold")?;
            let t = v
                .parse::<f32>()
                .map_err(|_| format!("--threshold must be a number between 0 and 1, got '{v}'"))?;
            config.threshold = Config::checked_threshold(t).map_err(|e| format!("--{e}"))?;
            *threshold_given = true;
        }
        "--model" => {
            let path = value("--model")?;
            let json = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
            let (model, threshold) =
                recoupe::report::parse_model(&json).map_err(|e| format!("{path}: {e}"))?;
            config.model = model;
            if !*threshold_given {
                config.threshold = threshold;
            }
        }
        "--ignore-case" => config.ignore_case = true,
        "--ignore-accents" => config.ignore_accents = true,
        "--ignore-punctuation" => config.ignore_punctuation = true,
        _ => return Ok(false),
    }
    Ok(true)
}

/// Parsed arguments, or the way out: `--help` (an empty message) prints the usage and
/// succeeds; anything else prints the message and the usage and exits 2.
fn or_usage<T>(parsed: Result<T, String>, usage: &str) -> Result<T, ExitCode> {
    parsed.map_err(|e| {
        if e.is_empty() {
            println!("{usage}");
            ExitCode::SUCCESS
        } else {
            eprintln!("recoupe: {e}\n{usage}");
            ExitCode::from(2)
        }
    })
}
