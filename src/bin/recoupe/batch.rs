//! `recoupe batch [--jobs N] [options] [IN.jsonl|-]`: one event a line of JSON in, one line
//! out, in input order, on N threads. The work of a line is `recoupe::batch::run_line`;
//! here only the arguments, reading, threads and writing (docs/batch.md).
//!
//! Memory is bounded by the lines in flight (at most [`WINDOW_PER_JOB`] × N, read, being
//! compared or waiting for their turn to be written), never by the file: a line longer
//! than the limit is skipped to its newline unread and answered with `line-too-long`.

use std::collections::BTreeMap;
use std::io::{BufRead, Write};
use std::process::ExitCode;
use std::sync::mpsc;
use std::sync::{Condvar, Mutex};

use recoupe::batch::{internal_error, line_too_long, run_line_bytes};
use recoupe::extract::Limits;
use recoupe::Config;

const USAGE: &str = "usage: recoupe batch [--jobs N] [--split sentences|lines|paragraphs] [--lang auto|fr|en] [--threshold 0..1] [--model FILE] [--ignore-case] [--ignore-accents] [--ignore-punctuation] [IN.jsonl|-] > OUT.jsonl";

/// Lines in flight per thread: read, being compared, or done and waiting for an earlier
/// line to be written. Two (the issue's suggestion) keeps every thread fed while one slow
/// event holds the head of the output, and bounds memory at 2 × N events.
const WINDOW_PER_JOB: usize = 2;

/// Read buffer: 64 KiB, the usual pipe and readahead size on Linux; lines are at most the
/// total limit whatever this is.
const READ_BUFFER: usize = 64 * 1024;

struct Args {
    jobs: usize,
    config: Config,
    input: Option<String>,
    /// The longest line read (bytes): the core's total limit; `--max-line-bytes` (hidden,
    /// for tests) lowers it.
    max_line: u64,
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
    let mut out = Args {
        jobs: std::thread::available_parallelism().map_or(1, |n| n.get()),
        config: Config::default(),
        input: None,
        max_line: Limits::default().max_total_bytes,
    };
    let mut threshold_given = false;
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or_else(|| format!("{name} needs a value"));
        match arg.as_str() {
            "-h" | "--help" => return Err(String::new()),
            "--jobs" | "-j" => {
                let v = value("--jobs")?;
                out.jobs =
                    v.parse::<usize>().ok().filter(|&n| n > 0).ok_or_else(|| {
                        format!("--jobs must be a whole number from 1, got '{v}'")
                    })?;
            }
            "--max-line-bytes" => {
                let v = value("--max-line-bytes")?;
                out.max_line =
                    v.parse::<u64>().ok().filter(|&n| n > 0).ok_or_else(|| {
                        format!("--max-line-bytes must be a whole number, got '{v}'")
                    })?;
            }
            s if super::compare_option(s, &mut value, &mut out.config, &mut threshold_given)? => {}
            "-" if out.input.is_none() => out.input = Some(arg),
            s if s.starts_with('-') => {
                return Err(format!("unknown option '{s}' for batch"));
            }
            _ if out.input.is_some() => {
                return Err(format!(
                    "batch reads one file (or standard input), got a second: '{arg}'"
                ))
            }
            _ => out.input = Some(arg),
        }
    }
    Ok(out)
}

/// `recoupe batch ARGS` (the arguments after `batch`).
pub fn main(args: impl Iterator<Item = String>) -> ExitCode {
    let args = match super::or_usage(parse_args(args), USAGE) {
        Ok(a) => a,
        Err(code) => return code,
    };
    let stdin = std::io::stdin();
    let reader: Box<dyn BufRead> = match args.input.as_deref() {
        None | Some("-") => Box::new(stdin.lock()),
        Some(path) => match std::fs::File::open(path) {
            Ok(f) if f.metadata().is_ok_and(|m| m.is_dir()) => {
                eprintln!("recoupe: {path}: is a directory");
                return ExitCode::from(2);
            }
            Ok(f) => Box::new(std::io::BufReader::with_capacity(READ_BUFFER, f)),
            Err(e) => {
                eprintln!("recoupe: {path}: {e}");
                return ExitCode::from(2);
            }
        },
    };
    let out = std::io::BufWriter::with_capacity(READ_BUFFER, std::io::stdout());
    let outcome = run(reader, out, &args);
    match outcome {
        Err(message) => {
            eprintln!("recoupe: {message}");
            ExitCode::from(2)
        }
        Ok(0) => ExitCode::SUCCESS,
        Ok(_) => ExitCode::from(1),
    }
}

/// A line as read: its bytes, or only its length when longer than the limit.
enum Line {
    Bytes(Vec<u8>),
    TooLong(u64),
}

/// Reads one line (without its newline) holding at most `max` bytes of it; `None` at the
/// end of the input.
fn read_line(r: &mut dyn BufRead, max: u64) -> std::io::Result<Option<Line>> {
    let mut buf = Vec::new();
    let mut size = 0u64;
    let mut any = false;
    loop {
        let chunk = match r.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            break;
        }
        any = true;
        let (piece, done) = match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => (&chunk[..i], i + 1),
            None => (chunk, chunk.len()),
        };
        let ended = done > piece.len();
        size += piece.len() as u64;
        if size <= max {
            buf.extend_from_slice(piece);
        } else if !buf.is_empty() {
            buf = Vec::new(); // too long: from here on only counted
        }
        r.consume(done);
        if ended {
            break;
        }
    }
    Ok(match (any, size > max) {
        (false, _) => None,
        (true, false) => Some(Line::Bytes(buf)),
        (true, true) => Some(Line::TooLong(size)),
    })
}

/// At most `cap` lines in flight: the reader takes a place before sending a line on, the
/// writer gives it back once the line's output is written (or dropped after an error).
struct Window {
    in_flight: Mutex<usize>,
    freed: Condvar,
    cap: usize,
}

impl Window {
    fn take(&self) {
        let mut n = self.in_flight.lock().unwrap_or_else(|p| p.into_inner());
        while *n >= self.cap {
            n = self.freed.wait(n).unwrap_or_else(|p| p.into_inner());
        }
        *n += 1;
    }

    fn give_back(&self) {
        let mut n = self.in_flight.lock().unwrap_or_else(|p| p.into_inner());
        *n -= 1;
        self.freed.notify_one();
    }
}

/// A line to compare: its place in the output, its number in the input, its bytes.
type Job = (usize, usize, Vec<u8>);
/// A line's output: its place, the line, whether it gave a report.
type Done = (usize, String, bool);

/// Reads, compares on `args.jobs` threads and writes in input order; the number of failed
/// lines, or why the run stopped (an unreadable input, an unwritable output).
fn run(
    mut reader: Box<dyn BufRead>,
    mut out: impl Write + Send,
    args: &Args,
) -> Result<usize, String> {
    let limits = Limits::default();
    let window = Window {
        in_flight: Mutex::new(0),
        freed: Condvar::new(),
        cap: WINDOW_PER_JOB * args.jobs,
    };
    let stop = std::sync::atomic::AtomicBool::new(false);
    let (job_tx, job_rx) = mpsc::channel::<Job>();
    let job_rx = Mutex::new(job_rx);
    let (done_tx, done_rx) = mpsc::channel::<Done>();
    std::thread::scope(|s| {
        for _ in 0..args.jobs {
            let (job_rx, done_tx, config, limits) =
                (&job_rx, done_tx.clone(), &args.config, &limits);
            s.spawn(move || loop {
                let job = job_rx.lock().unwrap_or_else(|p| p.into_inner()).recv();
                let Ok((seq, line_no, bytes)) = job else {
                    return;
                };
                // The core never panics; should it, this line says so and the run goes on.
                let result =
                    std::panic::catch_unwind(|| run_line_bytes(&bytes, line_no, config, limits))
                        .unwrap_or_else(|panic| {
                            let what = panic
                                .downcast_ref::<&str>()
                                .map(|s| s.to_string())
                                .or_else(|| panic.downcast_ref::<String>().cloned())
                                .unwrap_or_default();
                            (internal_error(&what, line_no), false)
                        });
                if done_tx.send((seq, result.0, result.1)).is_err() {
                    return;
                }
            });
        }
        let writer = {
            let (window, stop) = (&window, &stop);
            s.spawn(move || -> Result<usize, std::io::Error> {
                let mut waiting: BTreeMap<usize, (String, bool)> = BTreeMap::new();
                let (mut next, mut failed) = (0usize, 0usize);
                let mut error = None;
                for (seq, line, ok) in done_rx {
                    waiting.insert(seq, (line, ok));
                    while let Some((line, ok)) = waiting.remove(&next) {
                        next += 1;
                        failed += usize::from(!ok);
                        if error.is_none() {
                            if let Err(e) = out
                                .write_all(line.as_bytes())
                                .and_then(|()| out.write_all(b"\n"))
                            {
                                stop.store(true, std::sync::atomic::Ordering::Relaxed);
                                error = Some(e);
                            }
                        }
                        window.give_back();
                    }
                }
                if error.is_none() {
                    if let Err(e) = out.flush() {
                        error = Some(e);
                    }
                }
                match error {
                    Some(e) => Err(e),
                    None => Ok(failed),
                }
            })
        };
        // The reader: this thread.
        let mut read_error = None;
        let (mut seq, mut line_no) = (0usize, 0usize);
        while !stop.load(std::sync::atomic::Ordering::Relaxed) {
            let line = match read_line(&mut *reader, args.max_line) {
                Ok(Some(line)) => line,
                Ok(None) => break,
                Err(e) => {
                    read_error = Some(e);
                    break;
                }
            };
            line_no += 1;
            match line {
                Line::Bytes(bytes) if bytes.iter().all(u8::is_ascii_whitespace) => continue,
                Line::Bytes(bytes) => {
                    window.take();
                    if job_tx.send((seq, line_no, bytes)).is_err() {
                        break;
                    }
                }
                Line::TooLong(size) => {
                    window.take();
                    let line = line_too_long(size, args.max_line, line_no);
                    if done_tx.send((seq, line, false)).is_err() {
                        break;
                    }
                }
            }
            seq += 1;
        }
        drop(job_tx);
        drop(done_tx);
        let written = writer
            .join()
            .unwrap_or_else(|_| Err(std::io::Error::other("the writer failed")));
        if let Some(e) = read_error {
            let input = args
                .input
                .as_deref()
                .filter(|p| *p != "-")
                .unwrap_or("standard input");
            return Err(format!("{input}: {e}"));
        }
        match written {
            Ok(failed) => Ok(failed),
            // `recoupe batch ... | head`: a closed pipe ends the run quietly.
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(0),
            Err(e) => Err(format!("writing the output: {e}")),
        }
    })
}
