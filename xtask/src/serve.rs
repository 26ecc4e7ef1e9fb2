//! `cargo xtask serve [--port N] [--no-build]`: builds, then serves `dist/` on the loopback
//! interface with `/` → `recoupe.html`. A tiny std-only HTTP/1.1 server: GET and HEAD of
//! static files, one thread per connection, nothing else.

use std::io::{BufRead, BufReader, Write};
use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};

use anyhow::{bail, Context, Result};

use crate::root;

pub fn run(args: &[String]) -> Result<()> {
    let mut port: u16 = 8000;
    let mut build = true;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--port" | "-p" => {
                let v = it.next().context("--port needs a number")?;
                port = v
                    .parse()
                    .with_context(|| format!("--port: `{v}` is not a port number"))?;
            }
            "--no-build" => build = false,
            other => match other.strip_prefix("--port=") {
                Some(v) => {
                    port = v
                        .parse()
                        .with_context(|| format!("--port: `{v}` is not a port number"))?
                }
                None => bail!("unknown option `{other}` (serve takes --port N and --no-build)"),
            },
        }
    }
    let dist = root().join("dist");
    if build {
        crate::build::build(true)?;
    } else if !dist.join("recoupe.html").is_file() {
        bail!(
            "{} does not exist: run `cargo xtask dist` first",
            dist.join("recoupe.html").display()
        );
    }
    let listener = match TcpListener::bind((Ipv4Addr::LOCALHOST, port)) {
        Ok(l) => l,
        Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => bail!(
            "port {port} on 127.0.0.1 is already in use (another `cargo xtask serve`?). \
             Stop it, or choose another port: cargo xtask serve --port 8001"
        ),
        Err(e) => return Err(e).with_context(|| format!("cannot listen on 127.0.0.1:{port}")),
    };
    let port = listener.local_addr()?.port();
    let file = dist.join("recoupe.html").canonicalize()?;
    println!("recoupe is served at  http://127.0.0.1:{port}/");
    println!("the offline single file: {}", file.display());
    println!("(Ctrl-C stops the server)");
    std::io::stdout().flush()?;
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        let dist = dist.clone();
        std::thread::spawn(move || {
            let _ = handle(stream, &dist);
        });
    }
    Ok(())
}

fn handle(mut stream: TcpStream, dist: &Path) -> std::io::Result<()> {
    stream.set_read_timeout(Some(std::time::Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    loop {
        let mut request_line = String::new();
        if reader.read_line(&mut request_line)? == 0 {
            return Ok(());
        }
        // Skip the headers; we need none of them.
        let mut keep_alive = true;
        loop {
            let mut h = String::new();
            if reader.read_line(&mut h)? == 0 || h == "\r\n" || h == "\n" {
                break;
            }
            if h.to_ascii_lowercase().starts_with("connection:")
                && h.to_ascii_lowercase().contains("close")
            {
                keep_alive = false;
            }
        }
        let mut parts = request_line.split_whitespace();
        let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
        let (status, ctype, body) = if method != "GET" && method != "HEAD" {
            (
                "405 Method Not Allowed",
                "text/plain; charset=utf-8",
                b"method not allowed\n".to_vec(),
            )
        } else {
            match resolve(dist, target).and_then(|p| std::fs::read(&p).ok().map(|b| (p, b))) {
                Some((p, b)) => ("200 OK", content_type(&p), b),
                None => (
                    "404 Not Found",
                    "text/plain; charset=utf-8",
                    b"not found\n".to_vec(),
                ),
            }
        };
        let head = format!(
            "HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nCache-Control: no-cache\r\n\
             X-Content-Type-Options: nosniff\r\nConnection: {}\r\n\r\n",
            body.len(),
            if keep_alive { "keep-alive" } else { "close" }
        );
        stream.write_all(head.as_bytes())?;
        if method != "HEAD" {
            stream.write_all(&body)?;
        }
        stream.flush()?;
        if !keep_alive {
            return Ok(());
        }
    }
}

/// Maps a request target to a file of `dist/` (never outside it).
fn resolve(dist: &Path, target: &str) -> Option<PathBuf> {
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let path = if path == "/" || path.is_empty() {
        "/recoupe.html"
    } else {
        path
    };
    let mut out = dist.to_path_buf();
    for c in Path::new(path.trim_start_matches('/')).components() {
        match c {
            Component::Normal(p) => out.push(p),
            Component::CurDir => {}
            _ => return None,
        }
    }
    out.is_file().then_some(out)
}

fn content_type(p: &Path) -> &'static str {
    match p.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        "json" => "application/json",
        "png" => "image/png",
        "svg" => "image/svg+xml",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}
