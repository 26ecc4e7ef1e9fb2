//! Turns `www/` into one HTML file: the module inliner (the convention is in `main.rs` and
//! `www/README.md`), the escaping of inline blocks, and the Content-Security-Policy.

use std::collections::{BTreeMap, HashMap};
use std::path::{Component, Path, PathBuf};

use anyhow::{anyhow, bail, Context, Result};
use base64::Engine as _;
use sha2::{Digest, Sha256};

/// One ES module of `www/` after parsing (its id, the key of the map, is its path relative
/// to `www/` with `/` separators: `app.js`, `vendor/x.js`).
struct Module {
    /// The source with its import lines removed and `export` keywords stripped.
    body: String,
    /// `import`s: (module id, bindings, line) where a binding is (exported name, local
    /// name); a namespace import is `("*", local)`.
    imports: Vec<(String, Bindings, usize)>,
    /// Exported names: (exported name, local name).
    exports: Vec<(String, String)>,
}

/// Inlines the module graph of `entry` (a path relative to `www`) into the source of one
/// classic-or-module script: each module becomes `const __m_x = (() => { ...; return {..}; })();`.
pub fn bundle_modules(www: &Path, entry: &str) -> Result<(String, Vec<String>)> {
    let mut modules: HashMap<String, Module> = HashMap::new();
    let mut order: Vec<String> = Vec::new();
    let mut state: HashMap<String, bool> = HashMap::new(); // false = visiting, true = done
    visit(
        www,
        entry,
        &mut modules,
        &mut order,
        &mut state,
        &mut Vec::new(),
    )?;

    let mut out = String::new();
    out.push_str(
        "// The page's ES modules, inlined by `cargo xtask build` (xtask/src/inline.rs).\n",
    );
    for id in &order {
        let m = &modules[id];
        out.push_str(&format!(
            "\n// ---- www/{id} ----\nconst {} = (() => {{\n",
            var_name(id)
        ));
        for (from, bindings, line) in &m.imports {
            let exporter = &modules[from];
            let mut parts = Vec::new();
            for (name, local) in bindings {
                if name == "*" {
                    out.push_str(&format!("const {local} = {};\n", var_name(from)));
                    continue;
                }
                if !exporter.exports.iter().any(|(e, _)| e == name) {
                    bail!("www/{id}:{line}: `{name}` is not exported by www/{from}");
                }
                parts.push(if name == local {
                    name.clone()
                } else {
                    format!("{name}: {local}")
                });
            }
            if !parts.is_empty() {
                out.push_str(&format!(
                    "const {{ {} }} = {};\n",
                    parts.join(", "),
                    var_name(from)
                ));
            }
        }
        out.push_str(&m.body);
        if !m.body.ends_with('\n') {
            out.push('\n');
        }
        let exports: Vec<String> = m
            .exports
            .iter()
            .map(|(e, l)| {
                if e == l {
                    e.clone()
                } else {
                    format!("{e}: {l}")
                }
            })
            .collect();
        out.push_str(&format!(
            "return Object.freeze({{ {} }});\n}})();\n",
            exports.join(", ")
        ));
    }
    Ok((escape_script(&out), order))
}

fn var_name(id: &str) -> String {
    let mut s = String::from("__recoupe_");
    for c in id.trim_end_matches(".js").chars() {
        s.push(if c.is_ascii_alphanumeric() { c } else { '_' });
    }
    s
}

fn visit(
    www: &Path,
    id: &str,
    modules: &mut HashMap<String, Module>,
    order: &mut Vec<String>,
    state: &mut HashMap<String, bool>,
    stack: &mut Vec<String>,
) -> Result<()> {
    match state.get(id) {
        Some(true) => return Ok(()),
        Some(false) => {
            stack.push(id.to_string());
            let start = stack.iter().position(|s| s == id).unwrap_or(0);
            bail!(
                "import cycle between modules of www/: {}",
                stack[start..].join(" -> ")
            );
        }
        None => {}
    }
    state.insert(id.to_string(), false);
    stack.push(id.to_string());
    let path = www.join(id);
    let source = std::fs::read_to_string(&path)
        .with_context(|| format!("reading {} (imported as ./{id})", path.display()))?;
    let module = parse_module(id, &source)?;
    for (dep, _, _) in &module.imports {
        visit(www, dep, modules, order, state, stack)?;
    }
    stack.pop();
    state.insert(id.to_string(), true);
    order.push(id.to_string());
    modules.insert(id.to_string(), module);
    Ok(())
}

/// Resolves `./x.js` / `../x.js` against the directory of module `id`, inside `www/`.
fn resolve(id: &str, spec: &str) -> Option<String> {
    if !(spec.starts_with("./") || spec.starts_with("../")) || !spec.ends_with(".js") {
        return None;
    }
    let base = Path::new(id).parent().unwrap_or(Path::new(""));
    let mut parts: Vec<String> = Vec::new();
    for c in base.join(spec).components() {
        match c {
            Component::Normal(p) => parts.push(p.to_str()?.to_string()),
            Component::ParentDir => {
                parts.pop()?;
            }
            Component::CurDir => {}
            _ => return None,
        }
    }
    Some(parts.join("/"))
}

fn is_ident(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_alphanumeric() || c == '_' || c == '$')
}

/// Parses `a`, `a as b` lists (from `{ ... }`) into (name, alias) pairs.
fn parse_names(list: &str, ctx: &str) -> Result<Vec<(String, String)>> {
    let mut out = Vec::new();
    for item in list.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        let words: Vec<&str> = item.split_whitespace().collect();
        let pair = match words.as_slice() {
            [a] => (a.to_string(), a.to_string()),
            [a, "as", b] => (a.to_string(), b.to_string()),
            _ => bail!("{ctx}: cannot read `{item}`"),
        };
        if !is_ident(&pair.0) || !is_ident(&pair.1) {
            bail!("{ctx}: `{item}` is not a plain name");
        }
        out.push(pair);
    }
    Ok(out)
}

fn parse_module(id: &str, source: &str) -> Result<Module> {
    let source = source.replace("\r\n", "\n");
    let mut body = String::with_capacity(source.len());
    let mut imports = Vec::new();
    let mut exports = Vec::new();
    for (n, line) in source.lines().enumerate() {
        let ctx = format!("www/{id}:{}", n + 1);
        let trimmed = line.trim_start();
        let indented = trimmed.len() != line.len();
        let is_import = trimmed.starts_with("import ") && !trimmed.starts_with("import (");
        let is_export = trimmed.starts_with("export ");
        if indented
            && (is_export
                || (is_import && (trimmed.contains(" from '") || trimmed.contains(" from \""))))
        {
            bail!("{ctx}: `import`/`export` must start at column 0 (see www/README.md)");
        }
        if !indented && is_import {
            let (bindings, spec) =
                parse_import(trimmed).map_err(|e| anyhow!("{ctx}: {e} (see www/README.md)"))?;
            let dep = resolve(id, &spec).ok_or_else(|| {
                anyhow!("{ctx}: only relative imports of .js files inside www/ are supported, not `{spec}`")
            })?;
            imports.push((dep, bindings, n + 1));
            body.push_str("// (import inlined)\n");
            continue;
        }
        if !indented && is_export {
            let rest = trimmed["export ".len()..].trim_start();
            if let Some(list) = rest.strip_prefix('{') {
                let list = list
                    .trim_end()
                    .trim_end_matches(';')
                    .strip_suffix('}')
                    .ok_or_else(|| {
                        anyhow!("{ctx}: an `export {{ ... }}` list must be on one line")
                    })?;
                if rest.contains(" from ") {
                    bail!("{ctx}: re-exports are not supported (see www/README.md)");
                }
                for (local, exported) in parse_names(list, &ctx)? {
                    exports.push((exported, local));
                }
                body.push_str("// (export list inlined)\n");
                continue;
            }
            let name = exported_name(rest).ok_or_else(|| {
                anyhow!("{ctx}: unsupported export; use `export function|class|const|let NAME` (see www/README.md)")
            })?;
            exports.push((name.clone(), name));
            body.push_str(rest);
            body.push('\n');
            continue;
        }
        body.push_str(line);
        body.push('\n');
    }
    let mut seen = BTreeMap::new();
    for (e, _) in &exports {
        if seen.insert(e.clone(), ()).is_some() {
            bail!("www/{id}: `{e}` is exported twice");
        }
    }
    Ok(Module {
        body,
        imports,
        exports,
    })
}

type Bindings = Vec<(String, String)>;

fn parse_import(line: &str) -> std::result::Result<(Bindings, String), String> {
    let rest = line["import ".len()..].trim();
    let rest = rest.strip_suffix(';').unwrap_or(rest).trim();
    let quoted = |s: &str| -> Option<String> {
        let s = s.trim();
        let q = s.chars().next()?;
        if (q == '\'' || q == '"') && s.len() >= 2 && s.ends_with(q) {
            Some(s[1..s.len() - 1].to_string())
        } else {
            None
        }
    };
    if let Some(spec) = quoted(rest) {
        return Ok((Vec::new(), spec));
    }
    let (what, from) = rest
        .rsplit_once(" from ")
        .ok_or("an import must be on one line: `import { a, b } from './x.js';`")?;
    let spec = quoted(from).ok_or("cannot read the module path of this import")?;
    let what = what.trim();
    if let Some(ns) = what.strip_prefix("* as ") {
        let ns = ns.trim();
        if !is_ident(ns) {
            return Err(format!("`{ns}` is not a plain name"));
        }
        return Ok((vec![("*".to_string(), ns.to_string())], spec));
    }
    let list = what
        .strip_prefix('{')
        .and_then(|w| w.strip_suffix('}'))
        .ok_or("only named imports `import { a, b } from './x.js';` (no default import)")?;
    let names = parse_names(list, "import").map_err(|e| e.to_string())?;
    Ok((names, spec))
}

fn exported_name(rest: &str) -> Option<String> {
    let rest = rest
        .strip_prefix("async ")
        .map(str::trim_start)
        .unwrap_or(rest);
    let after = ["function* ", "function ", "class ", "const ", "let "]
        .iter()
        .find_map(|k| rest.strip_prefix(k))?
        .trim_start();
    let name: String = after
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '$')
        .collect();
    (!name.is_empty() && is_ident(&name)).then_some(name)
}

/// Makes JavaScript source safe inside a `<script>` element: `</script` and `<!--` would end
/// or confuse the element; `\x3C` means `<` in strings, templates and regexes alike.
pub fn escape_script(js: &str) -> String {
    let mut out = String::with_capacity(js.len());
    let mut i = 0;
    let bytes = js.as_bytes();
    while i < bytes.len() {
        let rest = &js[i..];
        if rest.starts_with("<!--")
            || (rest.len() >= 8 && rest.as_bytes()[..8].eq_ignore_ascii_case(b"</script"))
        {
            out.push_str("\\x3C");
            i += 1;
            continue;
        }
        let c = rest.chars().next().expect("non-empty");
        out.push(c);
        i += c.len_utf8();
    }
    out
}

/// A bundled ES module (one final `export { a, b as c };`, no other export, no static
/// import) as an expression a classic script can hold:
/// `(() => { "use strict"; <body> return { a, c: b }; })()`, with `import.meta.url` read as
/// the script's own address. Used for the vendored pdf.js, whose two modules must share one
/// classic worker: Chromium refuses module workers from Blob URLs in a `file://` page.
/// Wrapping keeps their top-level names apart.
pub fn module_as_expression(src: &str) -> Result<String> {
    let src = src.replace("import.meta.url", "self.location.href");
    if src.contains("import.meta") {
        bail!("`import.meta` other than `import.meta.url` cannot be rewritten");
    }
    let src = src.as_str();
    let starts: Vec<usize> = src
        .match_indices("export")
        .map(|(at, _)| at)
        .filter(|&at| {
            let before = src[..at].trim_end().chars().last();
            let after = src[at + "export".len()..].trim_start().chars().next();
            matches!(before, None | Some(';') | Some('}')) && after == Some('{')
        })
        .collect();
    let [at] = starts[..] else {
        bail!(
            "expected exactly one `export {{...}}` statement, found {}",
            starts.len()
        );
    };
    let open = at + src[at..].find('{').expect("checked above");
    let close = open + src[open..].find('}').context("unclosed export list")?;
    let tail = src[close + 1..].trim();
    if !(tail.is_empty() || tail == ";") {
        bail!("the export list is not the end of the module");
    }
    let mut fields = Vec::new();
    for item in src[open + 1..close]
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        match item.split_whitespace().collect::<Vec<_>>()[..] {
            [name] => fields.push(name.to_string()),
            [local, "as", exported] => fields.push(format!("{exported}: {local}")),
            _ => bail!("unexpected export item `{item}`"),
        }
    }
    Ok(format!(
        "(() => {{\n\"use strict\";\n{}\nreturn {{ {} }};\n}})()",
        &src[..at],
        fields.join(", ")
    ))
}

/// A JSON string literal, with `<` escaped so it can sit inside a `<script>` data block.
pub fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '<' => out.push_str("\\u003c"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `'sha256-…'` of an inline script's text, as CSP wants it.
pub fn csp_hash(script_text: &str) -> String {
    let digest = Sha256::digest(script_text.as_bytes());
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// The policy of the single file: nothing may touch the network.
pub fn csp(script_hashes: &[String]) -> String {
    format!(
        "default-src 'none'; script-src {} 'wasm-unsafe-eval'; worker-src blob:; \
         style-src 'unsafe-inline'; img-src data: blob:; connect-src 'none'; font-src 'none'; \
         media-src 'none'; object-src 'none'; frame-src 'none'; manifest-src 'none'; \
         base-uri 'none'; form-action 'none'",
        script_hashes.join(" ")
    )
}

/// The HTML shell with its stylesheet links, its module script and its CSP replaced.
pub struct Shell {
    pub html: String,
}

impl Shell {
    pub fn new(html: &str) -> Self {
        Shell {
            html: html.replace("\r\n", "\n"),
        }
    }

    /// Finds the first tag starting with `open` (e.g. `<link`) that contains all of
    /// `needles`; returns its byte range (the whole tag, `>` included).
    fn find_tag(&self, open: &str, needles: &[&str], from: usize) -> Option<(usize, usize)> {
        let lower = self.html.to_ascii_lowercase();
        let mut at = from;
        while let Some(pos) = lower[at..].find(open) {
            let start = at + pos;
            let end = start + lower[start..].find('>')? + 1;
            let tag = &lower[start..end];
            if needles.iter().all(|n| tag.contains(n)) {
                return Some((start, end));
            }
            at = end;
        }
        None
    }

    fn attr(tag: &str, name: &str) -> Option<String> {
        let lower = tag.to_ascii_lowercase();
        let key = format!(" {name}=");
        let pos = lower.find(&key)? + key.len();
        let rest = &tag[pos..];
        let q = rest.chars().next()?;
        if q == '"' || q == '\'' {
            let end = rest[1..].find(q)? + 1;
            Some(rest[1..end].to_string())
        } else {
            Some(
                rest.split(|c: char| c.is_whitespace() || c == '>')
                    .next()?
                    .to_string(),
            )
        }
    }

    /// Replaces every `<link rel="stylesheet" href="local.css">` by a `<style>` element.
    pub fn inline_styles(&mut self, www: &Path) -> Result<Vec<PathBuf>> {
        let mut used = Vec::new();
        while let Some((start, end)) = self.find_tag("<link", &["stylesheet"], 0) {
            let tag = self.html[start..end].to_string();
            let href = Self::attr(&tag, "href")
                .ok_or_else(|| anyhow!("stylesheet link without href: {tag}"))?;
            let path = local_file(www, &href)?;
            let css = std::fs::read_to_string(&path)
                .with_context(|| format!("reading {}", path.display()))?;
            if css.to_ascii_lowercase().contains("</style") {
                bail!("{} contains `</style`", path.display());
            }
            self.html.replace_range(
                start..end,
                &format!("<style>\n{}</style>", css.replace("\r\n", "\n")),
            );
            used.push(path);
        }
        Ok(used)
    }

    /// Finds the page's module script (`<script type="module" src="app.js"></script>`),
    /// removes it and returns its `src` and where it was.
    pub fn take_module_script(&mut self) -> Result<(String, usize)> {
        let (start, end) = self
            .find_tag("<script", &["type=\"module\"", "src="], 0)
            .ok_or_else(|| {
                anyhow!("www/index.html has no `<script type=\"module\" src=\"app.js\"></script>`")
            })?;
        let tag = self.html[start..end].to_string();
        let src = Self::attr(&tag, "src").ok_or_else(|| anyhow!("cannot read src of {tag}"))?;
        let close = self.html[end..]
            .to_ascii_lowercase()
            .find("</script>")
            .ok_or_else(|| anyhow!("unclosed {tag}"))?;
        self.html
            .replace_range(start..end + close + "</script>".len(), "");
        if let Some((s, e)) = self.find_tag("<script", &["src="], 0) {
            bail!(
                "www/index.html: only one (module) script may have a src: {}",
                &self.html[s..e]
            );
        }
        Ok((src, start))
    }

    /// Replaces the CSP `<meta>` (or adds one after `<meta charset>`/`<head>`).
    pub fn set_csp(&mut self, policy: &str) {
        let meta = format!("<meta http-equiv=\"Content-Security-Policy\" content=\"{policy}\">");
        if let Some((s, e)) = self.find_tag("<meta", &["content-security-policy"], 0) {
            self.html.replace_range(s..e, &meta);
        } else if let Some((_, e)) = self.find_tag("<meta", &["charset"], 0) {
            self.html.insert_str(e, &format!("\n{meta}"));
        } else if let Some((_, e)) = self.find_tag("<head", &[], 0) {
            self.html.insert_str(e, &format!("\n{meta}"));
        } else {
            self.html.insert_str(0, &meta);
        }
    }

    /// Inserts `blocks` at `<!-- recoupe:inline -->`, else before `</body>`, else at the end.
    pub fn insert_blocks(&mut self, blocks: &str) {
        const MARKER: &str = "<!-- recoupe:inline -->";
        if let Some(pos) = self.html.find(MARKER) {
            self.html.replace_range(pos..pos + MARKER.len(), blocks);
        } else if let Some(pos) = self.html.to_ascii_lowercase().rfind("</body>") {
            self.html.insert_str(pos, blocks);
        } else {
            self.html.push_str(blocks);
        }
    }
}

/// A local file of `www/` named by an attribute of the shell (no URL, no escape from www/).
fn local_file(www: &Path, href: &str) -> Result<PathBuf> {
    if href.contains(':') || href.starts_with('/') || href.contains("..") {
        bail!("www/index.html refers to `{href}`: only files inside www/ can be inlined");
    }
    Ok(www.join(href.trim_start_matches("./")))
}

#[cfg(test)]
mod tests {

    #[test]
    fn module_becomes_an_expression() {
        let got = module_as_expression("const a=1;function b(){}export{a,b as c};").unwrap();
        assert_eq!(
            got,
            "(() => {\n\"use strict\";\nconst a=1;function b(){}\nreturn { a, c: b };\n})()"
        );
        assert!(module_as_expression("export{a};export{b};").is_err());
        assert!(module_as_expression("export{a};foo()").is_err());
        assert!(module_as_expression("const a=1;").is_err());
        assert!(module_as_expression("const a=import.meta.url;export{a};")
            .unwrap()
            .contains("const a=self.location.href;"));
    }

    use super::*;

    fn write(dir: &Path, name: &str, text: &str) {
        std::fs::create_dir_all(dir.join(name).parent().unwrap()).unwrap();
        std::fs::write(dir.join(name), text).unwrap();
    }

    fn tmp(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("recoupe-xtask-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        d
    }

    #[test]
    fn bundles_in_dependency_order_with_renamed_imports() {
        let d = tmp("order");
        write(&d, "app.js", "import { b as bee } from './lib/b.js';\nimport * as A from './a.js';\nconsole.log(bee(), A.a);\n");
        write(&d, "a.js", "export const a = 1;\n");
        write(&d, "lib/b.js", "import { a } from '../a.js';\nexport function b() { return a + 1; }\nconst c = '</script>';\nexport { c };\n");
        let (js, order) = bundle_modules(&d, "app.js").unwrap();
        assert_eq!(order, ["a.js", "lib/b.js", "app.js"]);
        assert!(js.contains("const { b: bee } = __recoupe_lib_b;"), "{js}");
        assert!(js.contains("const A = __recoupe_a;"), "{js}");
        assert!(js.contains("return Object.freeze({ b, c });"), "{js}");
        assert!(!js.contains("</script"), "{js}");
        assert!(js.contains("'\\x3C/script>'"), "{js}");
    }

    #[test]
    fn refuses_cycles_and_unknown_names_and_default_exports() {
        let d = tmp("bad");
        write(&d, "app.js", "import { x } from './b.js';\n");
        write(
            &d,
            "b.js",
            "import { y } from './app.js';\nexport const x = 1;\n",
        );
        let err = bundle_modules(&d, "app.js").unwrap_err().to_string();
        assert!(err.contains("cycle"), "{err}");
        write(&d, "app.js", "import { z } from './c.js';\n");
        write(&d, "c.js", "export const x = 1;\n");
        let err = bundle_modules(&d, "app.js").unwrap_err().to_string();
        assert!(err.contains("`z` is not exported"), "{err}");
        write(&d, "c.js", "export default 1;\n");
        assert!(bundle_modules(&d, "app.js").is_err());
        write(&d, "app.js", "import {\n  z } from './c.js';\n");
        assert!(bundle_modules(&d, "app.js").is_err());
    }

    #[test]
    fn shell_replacements() {
        let d = tmp("shell");
        write(&d, "style.css", "body{color:red}");
        let mut s = Shell::new("<html><head><meta charset=\"utf-8\"><meta http-equiv=\"Content-Security-Policy\" content=\"x\"><link rel=\"stylesheet\" href=\"style.css\"></head><body><script type=\"module\" src=\"app.js\"></script></body></html>");
        s.inline_styles(&d).unwrap();
        let (src, _) = s.take_module_script().unwrap();
        assert_eq!(src, "app.js");
        s.set_csp("default-src 'none'");
        s.insert_blocks("<!--blocks-->");
        assert_eq!(s.html, "<html><head><meta charset=\"utf-8\"><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'\"><style>\nbody{color:red}</style></head><body><!--blocks--></body></html>");
    }

    #[test]
    fn json_strings_are_script_safe() {
        assert_eq!(json_string("a\"<b>\n"), "\"a\\\"\\u003cb>\\n\"");
    }
}
