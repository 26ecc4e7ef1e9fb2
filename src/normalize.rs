//! Normalisation for matching only: the text shown to users is never changed.
//!
//! A segment becomes a list of [`Term`]s: folded (NFKC, lower case, no accents, one
//! apostrophe), French elisions removed, stop words dropped, words stemmed (Snowball),
//! numbers written one way ("3 000" = "3000", "six" = "6"), dates one way
//! ("8 déc. 2025" = "8 décembre 2025" = "08/12/2025" = "2025-12-08").

use compact_str::CompactString;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use crate::model::Lang;

/// What kind of information a term carries; rarer kinds separate true links better.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TermClass {
    /// An ordinary word (stemmed).
    Word,
    /// A capitalised word that does not open the sentence: a name.
    Name,
    /// An upper-case abbreviation (UE, OMC, PME), or one derived from its expansion.
    Acronym,
    /// A number, in digits.
    Number,
    /// A full date, as `YYYY-MM-DD`.
    Date,
}

/// One normalised unit of meaning of a segment.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Term {
    /// The normalised key (stem, digits or ISO date); equal keys match.
    pub key: CompactString,
    /// What it is.
    pub class: TermClass,
    /// The word as written (for explanations).
    pub surface: CompactString,
    /// Byte offset of the term's first word in the segment text.
    pub start: usize,
}

/// Folds a string for comparison: NFKC, lower case, accents removed, apostrophes,
/// quotes, dashes and spaces unified.
pub fn fold(s: &str) -> String {
    // Most words are plain ASCII: skip the Unicode machinery for them.
    if s.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return s.to_ascii_lowercase();
    }
    // Most of the rest are French or English words with Latin-1 accents ("été", "Noël"):
    // the same result from a table (profile of issue 13: NFKC/NFD was 14 % of the
    // instructions at 100k words). `latin_fast_path_matches_unicode` checks the table.
    if let Some(out) = fold_latin(s, true, true) {
        return out;
    }
    let mut out = String::with_capacity(s.len());
    for c in s.nfkc().flat_map(char::to_lowercase).nfd() {
        if is_combining_mark(c) {
            continue;
        }
        out.push(unify(c));
    }
    out
}

/// Folds only what the configuration asks (for word diffs and "identical").
pub fn fold_with(s: &str, case: bool, accents: bool) -> String {
    if let Some(out) = fold_latin(s, case, accents) {
        return out;
    }
    let mut out = String::with_capacity(s.len());
    for c in s.nfkc() {
        let mut push = |c: char| {
            if case {
                out.extend(c.to_lowercase().map(unify));
            } else {
                out.push(unify(c));
            }
        };
        if accents {
            for d in c.to_string().nfd().filter(|d| !is_combining_mark(*d)) {
                push(d);
            }
        } else {
            push(c);
        }
    }
    out
}

/// [`fold_with`] without the Unicode tables, for text whose every char is ASCII or a
/// Latin-1 letter (or œ, Œ): those are their own NFKC form, lower-case to one char, and
/// decompose into at most a base letter and one combining mark. `None` for anything else.
fn fold_latin(s: &str, case: bool, accents: bool) -> Option<String> {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\0'..='\u{7f}' | 'À'..='Ö' | 'Ø'..='ö' | 'ø'..='ÿ' | 'Œ' | 'œ' => {}
            _ => return None,
        }
        let c = if case { lower_latin(c) } else { c };
        let c = if accents { strip_latin(c) } else { c };
        out.push(unify(c));
    }
    Some(out)
}

/// Lower case of an ASCII or Latin-1 letter (one char for every char `fold_latin` takes).
fn lower_latin(c: char) -> char {
    match c {
        'A'..='Z' => c.to_ascii_lowercase(),
        'À'..='Ö' | 'Ø'..='Þ' => char::from_u32(c as u32 + 0x20).unwrap_or(c),
        'Œ' => 'œ',
        _ => c,
    }
}

/// The base letter of an accented Latin-1 letter (its NFD without the combining mark).
fn strip_latin(c: char) -> char {
    match c {
        'à'..='å' => 'a',
        'À'..='Å' => 'A',
        'ç' => 'c',
        'Ç' => 'C',
        'è'..='ë' => 'e',
        'È'..='Ë' => 'E',
        'ì'..='ï' => 'i',
        'Ì'..='Ï' => 'I',
        'ñ' => 'n',
        'Ñ' => 'N',
        'ò'..='ö' => 'o',
        'Ò'..='Ö' => 'O',
        'ù'..='ü' => 'u',
        'Ù'..='Ü' => 'U',
        'ý' | 'ÿ' => 'y',
        'Ý' => 'Y',
        c => c,
    }
}

fn unify(c: char) -> char {
    match c {
        '’' | '‘' | 'ʼ' | '`' | '´' | '′' => '\'',
        '«' | '»' | '“' | '”' | '„' | '‟' | '″' => '"',
        '–' | '—' | '‒' | '−' | '‐' | '‑' => '-',
        c if c.is_whitespace() => ' ',
        c => c,
    }
}

/// A word or number as it appears in the text, with its byte range in the segment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word<'a> {
    /// The text as written.
    pub text: &'a str,
    /// Byte offset in the segment.
    pub start: usize,
    /// True for a number token ("3 000", "1,5", "08/12/2025").
    pub numeric: bool,
}

/// Splits a text into words and numbers. Digit groups separated by a (no-break) space
/// form one number when the group after the space has three digits ("3 000").
pub fn words(s: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        if c.is_ascii_digit() {
            let mut j = i + 1;
            loop {
                while j < chars.len() && chars[j].1.is_ascii_digit() {
                    j += 1;
                }
                // 1,5  1.5  08/12/2025  2025-12-08  3 000
                let sep = chars.get(j).map(|p| p.1);
                let digits_after = |k: usize| {
                    chars[k.min(chars.len())..]
                        .iter()
                        .take_while(|p| p.1.is_ascii_digit())
                        .count()
                };
                match sep {
                    Some(',' | '.' | '/') if digits_after(j + 1) > 0 => j += 1,
                    Some('-')
                        if digits_after(j + 1) == 2
                            && chars[i..j].iter().filter(|p| p.1.is_ascii_digit()).count() >= 2 =>
                    {
                        j += 1
                    }
                    Some(' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')
                        if digits_after(j + 1) == 3
                            && chars.get(j + 4).is_none_or(|p| !p.1.is_alphanumeric()) =>
                    {
                        j += 1
                    }
                    _ => break,
                }
            }
            let end = chars.get(j).map_or(s.len(), |p| p.0);
            out.push(Word {
                text: &s[start..end],
                start,
                numeric: true,
            });
            i = j;
        } else if c.is_alphanumeric() {
            let mut j = i + 1;
            while j < chars.len() && (chars[j].1.is_alphanumeric() || is_combining_mark(chars[j].1))
            {
                j += 1;
            }
            let end = chars.get(j).map_or(s.len(), |p| p.0);
            out.push(Word {
                text: &s[start..end],
                start,
                numeric: false,
            });
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

pub(crate) fn month(folded: &str) -> Option<u32> {
    // A `match`, not a search of a list: it runs on every word (profile of issue 13: 3.5 %
    // of the instructions at 100k words as a linear search).
    match folded {
        "janvier" | "janv" | "january" | "jan" => Some(1),
        "fevrier" | "fevr" | "fev" | "february" | "feb" => Some(2),
        "mars" | "march" | "mar" => Some(3),
        "avril" | "avr" | "april" | "apr" => Some(4),
        "mai" | "may" => Some(5),
        "juin" | "june" | "jun" => Some(6),
        "juillet" | "juil" | "july" | "jul" => Some(7),
        "aout" | "august" | "aug" => Some(8),
        "septembre" | "sept" | "september" | "sep" => Some(9),
        "octobre" | "oct" | "october" => Some(10),
        "novembre" | "nov" | "november" => Some(11),
        "decembre" | "dec" | "december" => Some(12),
        _ => None,
    }
}

pub(crate) const NUMBER_WORDS: &[(&str, &str)] = &[
    ("deux", "2"),
    ("trois", "3"),
    ("quatre", "4"),
    ("cinq", "5"),
    ("six", "6"),
    ("sept", "7"),
    ("huit", "8"),
    ("neuf", "9"),
    ("dix", "10"),
    ("onze", "11"),
    ("douze", "12"),
    ("treize", "13"),
    ("quatorze", "14"),
    ("quinze", "15"),
    ("seize", "16"),
    ("vingt", "20"),
    ("trente", "30"),
    ("quarante", "40"),
    ("cinquante", "50"),
    ("soixante", "60"),
    ("cent", "100"),
    ("mille", "1000"),
    ("two", "2"),
    ("three", "3"),
    ("four", "4"),
    ("five", "5"),
    ("six", "6"),
    ("seven", "7"),
    ("eight", "8"),
    ("nine", "9"),
    ("ten", "10"),
    ("eleven", "11"),
    ("twelve", "12"),
    ("twenty", "20"),
    ("thirty", "30"),
    ("forty", "40"),
    ("fifty", "50"),
    ("hundred", "100"),
    ("thousand", "1000"),
    ("premier", "1er"),
    ("premiere", "1er"),
    ("first", "1er"),
    ("second", "2e"),
    ("seconde", "2e"),
    ("deuxieme", "2e"),
    ("troisieme", "3e"),
    ("third", "3e"),
];

/// Magnitude words written one way ("5 milliards" = "5 Md" = "5 billion").
const MAGNITUDES: &[(&str, &str)] = &[
    ("milliard", "e9"),
    ("milliards", "e9"),
    ("md", "e9"),
    ("mds", "e9"),
    ("mrd", "e9"),
    ("billion", "e9"),
    ("billions", "e9"),
    ("bn", "e9"),
    ("million", "e6"),
    ("millions", "e6"),
    ("m", "e6"),
    ("mn", "e6"),
    ("millier", "e3"),
    ("milliers", "e3"),
    ("k", "e3"),
    ("pour", "%"),
    ("cent", "%"),
    ("percent", "%"),
];

/// Stop words (folded), French and English: they carry no information for matching.
const STOP_WORDS: &[&str] = &[
    // French
    "a",
    "au",
    "aux",
    "avec",
    "ce",
    "ces",
    "cet",
    "cette",
    "dans",
    "de",
    "des",
    "du",
    "elle",
    "elles",
    "en",
    "et",
    "eux",
    "il",
    "ils",
    "je",
    "la",
    "le",
    "les",
    "leur",
    "leurs",
    "lui",
    "ma",
    "mais",
    "me",
    "meme",
    "memes",
    "mes",
    "moi",
    "mon",
    "ne",
    "nos",
    "notre",
    "nous",
    "on",
    "ou",
    "par",
    "pas",
    "pour",
    "qu",
    "que",
    "qui",
    "sa",
    "se",
    "ses",
    "son",
    "sur",
    "ta",
    "te",
    "tes",
    "toi",
    "ton",
    "tu",
    "un",
    "une",
    "vos",
    "votre",
    "vous",
    "c",
    "d",
    "j",
    "l",
    "m",
    "n",
    "s",
    "t",
    "y",
    "ete",
    "etre",
    "est",
    "sont",
    "ont",
    "avoir",
    "fait",
    "ainsi",
    "aussi",
    "tres",
    "plus",
    "moins",
    "tout",
    "tous",
    "toute",
    "toutes",
    "dont",
    "lors",
    "entre",
    "sans",
    "sous",
    "chez",
    "vers",
    "apres",
    "avant",
    "depuis",
    "si",
    "donc",
    "car",
    "ni",
    "comme",
    "cela",
    "ceci",
    "celui",
    "celle",
    "ceux",
    "celles",
    "lequel",
    "laquelle",
    "lesquels",
    "lesquelles",
    "auquel",
    "duquel",
    "avait",
    "avaient",
    "etait",
    "etaient",
    "sera",
    "seront",
    "serait",
    "ai",
    "as",
    "avons",
    "avez",
    "fut",
    "soit",
    "jusqu",
    "lorsqu",
    "puisqu",
    "quoi",
    "quand",
    "ici",
    "alors",
    "encore",
    "deja",
    "egalement",
    "autre",
    "autres",
    "chaque",
    "certains",
    "certaines",
    "quel",
    "quelle",
    "quels",
    "quelles",
    "sest",
    "peut",
    "peuvent",
    "doit",
    "doivent",
    "faire",
    "afin",
    // English
    "the",
    "of",
    "and",
    "to",
    "in",
    "is",
    "was",
    "for",
    "that",
    "with",
    "by",
    "at",
    "an",
    "be",
    "this",
    "it",
    "from",
    "or",
    "are",
    "were",
    "has",
    "have",
    "had",
    "its",
    "their",
    "they",
    "he",
    "she",
    "his",
    "her",
    "which",
    "who",
    "whom",
    "will",
    "would",
    "not",
    "but",
    "been",
    "also",
    "than",
    "then",
    "there",
    "these",
    "those",
    "into",
    "about",
    "over",
    "after",
    "before",
    "such",
    "can",
    "could",
    "should",
    "may",
    "might",
    "must",
    "do",
    "does",
    "did",
    "we",
    "our",
    "you",
    "your",
    "i",
    "my",
    "us",
    "them",
    "what",
    "when",
    "where",
    "how",
    "all",
    "any",
    "both",
    "each",
    "more",
    "most",
    "other",
    "some",
    "no",
    "nor",
    "only",
    "own",
    "same",
    "so",
    "too",
    "very",
];

pub(crate) fn is_stop_word(folded: &str) -> bool {
    static SET: std::sync::OnceLock<std::collections::HashSet<&'static str>> =
        std::sync::OnceLock::new();
    SET.get_or_init(|| STOP_WORDS.iter().copied().collect())
        .contains(folded)
}

/// Elided articles and pronouns that precede a word with an apostrophe.
const ELISIONS: &[&str] = &[
    "l", "d", "qu", "j", "n", "s", "c", "m", "t", "jusqu", "lorsqu", "puisqu", "quoiqu",
];

/// Guesses the language of a text from its most common words.
pub fn detect_lang(text: &str) -> Lang {
    const FR: &[&str] = &[
        "le", "la", "les", "de", "des", "et", "est", "une", "dans", "pour", "que", "qui", "du",
        "au", "sur", "avec",
    ];
    const EN: &[&str] = &[
        "the", "and", "of", "to", "is", "in", "that", "for", "with", "on", "was", "are", "by",
        "this", "it", "as",
    ];
    let (mut fr, mut en) = (0usize, 0usize);
    for w in words(text).iter().take(5000) {
        let f = w.text.to_lowercase();
        fr += usize::from(FR.contains(&f.as_str()));
        en += usize::from(EN.contains(&f.as_str()));
    }
    if en > fr {
        Lang::English
    } else {
        Lang::French
    }
}

/// Turns segment text into matching terms.
pub struct Normalizer {
    french: rust_stemmers::Stemmer,
    english: rust_stemmers::Stemmer,
    /// Stems of the words seen, by language and word as written: a text repeats its
    /// words, and Snowball with its folding was 10 % of the instructions at 100k words
    /// (profile of issue 13). The cache holds one entry per distinct word form (tens of
    /// thousands for a book).
    stems: std::cell::RefCell<[std::collections::HashMap<Box<str>, CompactString>; 2]>,
}

impl Default for Normalizer {
    fn default() -> Self {
        Normalizer {
            french: rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::French),
            english: rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English),
            stems: Default::default(),
        }
    }
}

impl Normalizer {
    /// Stems a lower-case word and folds its accents.
    pub fn stem(&self, lower: &str, lang: Lang) -> String {
        let stemmer = match lang {
            Lang::French => &self.french,
            Lang::English => &self.english,
        };
        fold(&stemmer.stem(lower))
    }

    /// [`Normalizer::stem`] of a word as written (lower-cased first), remembered.
    pub fn stem_word(&self, written: &str, lang: Lang) -> CompactString {
        let mut stems = self.stems.borrow_mut();
        let known = &mut stems[usize::from(lang == Lang::English)];
        if let Some(stem) = known.get(written) {
            return stem.clone();
        }
        let stem = CompactString::from(self.stem(&written.to_lowercase(), lang));
        known.insert(Box::from(written), stem.clone());
        stem
    }

    /// The terms of one segment, in text order (duplicates kept).
    pub fn terms(&self, text: &str, lang: Lang) -> Vec<Term> {
        let ws = words(text);
        let folded: Vec<String> = ws.iter().map(|w| fold(w.text)).collect();
        let mut out = Vec::with_capacity(ws.len());
        let mut i = 0;
        while i < ws.len() {
            // Dates first: they span several words.
            if let Some((date, used)) = date_at(&ws, &folded, i) {
                let surface = text
                    [ws[i].start..ws[i + used - 1].start + ws[i + used - 1].text.len()]
                    .to_string();
                out.push(Term {
                    key: date.as_str().into(),
                    class: TermClass::Date,
                    surface: surface.as_str().into(),
                    start: ws[i].start,
                });
                if let Some(day) = date.get(4..).filter(|_| !date.starts_with("--")) {
                    out.push(Term {
                        key: date[..4].into(),
                        class: TermClass::Number,
                        surface: surface.as_str().into(),
                        start: ws[i].start,
                    });
                    // The day without its year, to meet "vendredi 24 octobre".
                    out.push(Term {
                        key: compact_str::format_compact!("-{day}"),
                        class: TermClass::Date,
                        surface: surface.into(),
                        start: ws[i].start,
                    });
                }
                i += used;
                continue;
            }
            let w = &ws[i];
            let f = &folded[i];
            if w.numeric {
                let key = number_key(w.text);
                let magnitude = folded
                    .get(i + 1)
                    .and_then(|n| MAGNITUDES.iter().find(|(m, _)| m == n))
                    .map(|&(_, e)| e);
                let key = match magnitude {
                    Some(e) => format!("{key}{e}"),
                    None => key,
                };
                out.push(Term {
                    key: key.into(),
                    class: TermClass::Number,
                    surface: w.text.into(),
                    start: w.start,
                });
                i += 1 + usize::from(magnitude.is_some());
                continue;
            }
            // An elided article before an apostrophe: "l'UE", "qu'il".
            let apostrophe_after = text[w.start + w.text.len()..].starts_with(['\'', '’', 'ʼ']);
            if apostrophe_after && ELISIONS.contains(&f.as_str()) {
                i += 1;
                continue;
            }
            if let Some(&(_, n)) = NUMBER_WORDS.iter().find(|(k, _)| k == f) {
                out.push(Term {
                    key: n.into(),
                    class: TermClass::Number,
                    surface: w.text.into(),
                    start: w.start,
                });
                i += 1;
                continue;
            }
            if is_stop_word(f) || f.chars().count() < 2 {
                i += 1;
                continue;
            }
            let upper = w.text.chars().filter(|c| c.is_uppercase()).count();
            let letters = w.text.chars().filter(|c| c.is_alphabetic()).count();
            let class = if upper >= 2 && upper * 2 > letters && letters <= 8 {
                TermClass::Acronym
            } else if upper >= 1
                && w.text.starts_with(char::is_uppercase)
                && i > 0
                && !sentence_start(text, w.start)
            {
                TermClass::Name
            } else {
                TermClass::Word
            };
            let key = match class {
                TermClass::Acronym => f.as_str().into(),
                _ => self.stem_word(w.text, lang),
            };
            out.push(Term {
                key,
                class,
                surface: w.text.into(),
                start: w.start,
            });
            i += 1;
        }
        // Stop words took a place each in the capacity: at 1M words the spare half was
        // the largest block of the peak memory (massif, issue 13).
        out.shrink_to_fit();
        out
    }
}

/// True when only spaces, quotes or opening marks separate `pos` from a sentence start.
fn sentence_start(text: &str, pos: usize) -> bool {
    let before =
        text[..pos].trim_end_matches(|c: char| c.is_whitespace() || "«“\"'‘(-–—".contains(c));
    before.is_empty() || before.ends_with(['.', '!', '?', ':', '…'])
}

/// Digits of a number, with group spaces dropped and the decimal mark as ".".
pub fn number_key(s: &str) -> String {
    let mut out: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    // "1,5" and "1.5" are the same; "1.000" (thousands) is rare enough in our texts.
    if out.matches(',').count() == 1 && !out.contains('.') {
        out = out.replace(',', ".");
    }
    out
}

/// Recognises a date starting at word `i`; returns its ISO form and the words used.
pub(crate) fn date_at(ws: &[Word], folded: &[String], i: usize) -> Option<(String, usize)> {
    let num = |k: usize| -> Option<u32> {
        ws.get(k)
            .filter(|w| w.numeric)
            .and_then(|w| w.text.parse().ok())
    };
    let year_at = |k: usize| num(k).filter(|y| (1000..=2999).contains(y));
    // 08/12/2025, 2025-12-08
    if ws[i].numeric {
        let parts: Vec<&str> = ws[i].text.split(['/', '-', '.']).collect();
        if parts.len() == 3 && parts.iter().all(|p| !p.is_empty()) {
            let p: Vec<u32> = parts.iter().filter_map(|p| p.parse().ok()).collect();
            if p.len() == 3 {
                let (y, m, d) = if parts[0].len() == 4 {
                    (p[0], p[1], p[2])
                } else {
                    (p[2], p[1], p[0])
                };
                if (1..=12).contains(&m) && (1..=31).contains(&d) && (1000..=2999).contains(&y) {
                    return Some((format!("{y:04}-{m:02}-{d:02}"), 1));
                }
            }
        }
    }
    // 8 décembre 2025, 1er février 2024, 8 déc. 2025
    let day = num(i).filter(|d| (1..=31).contains(d));
    if let Some(d) = day {
        // "1er février": the ordinal suffix is a word of its own.
        let ordinal = d == 1 && folded.get(i + 1).is_some_and(|f| f == "er");
        let month_index = if ordinal { i + 2 } else { i + 1 };
        if let Some(m) = folded.get(month_index).and_then(|f| month(f)) {
            if let Some(y) = year_at(month_index + 1) {
                return Some((format!("{y:04}-{m:02}-{d:02}"), month_index + 2 - i));
            }
            // "le 24 octobre": a day of the year the account is about.
            return Some((format!("--{m:02}-{d:02}"), month_index + 1 - i));
        }
    }
    // December 8, 2025
    if let Some(m) = month(&folded[i]) {
        if let (Some(d), Some(y)) = (num(i + 1).filter(|d| (1..=31).contains(d)), year_at(i + 2)) {
            return Some((format!("{y:04}-{m:02}-{d:02}"), 3));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_lists_have_no_duplicates() {
        for (name, list) in [("STOP_WORDS", STOP_WORDS), ("ELISIONS", ELISIONS)] {
            let mut seen = std::collections::HashSet::new();
            let dups: Vec<_> = list.iter().filter(|w| !seen.insert(**w)).collect();
            assert!(dups.is_empty(), "{name} lists twice: {dups:?}");
        }
    }

    fn keys(text: &str) -> Vec<String> {
        Normalizer::default()
            .terms(text, Lang::French)
            .into_iter()
            .map(|t| t.key.into())
            .collect()
    }

    #[test]
    fn dates_written_three_ways_agree() {
        assert_eq!(
            keys("le 8 décembre 2025"),
            ["2025-12-08", "2025", "--12-08"]
        );
        assert_eq!(keys("8 déc. 2025"), ["2025-12-08", "2025", "--12-08"]);
        assert_eq!(keys("08/12/2025"), ["2025-12-08", "2025", "--12-08"]);
        assert_eq!(keys("1er février 2024"), keys("01/02/2024"));
    }

    #[test]
    fn a_day_without_its_year_meets_the_full_date() {
        assert_eq!(keys("vendredi 24 octobre"), ["vendred", "--10-24"]);
        assert!(keys("le 24/10/2008").contains(&"--10-24".to_string()));
        assert_eq!(keys("1er février"), ["--02-01"]);
    }

    #[test]
    fn numbers_in_words_digits_and_groups() {
        assert_eq!(keys("3 000 emplois"), keys("3000 emplois"));
        assert_eq!(keys("six pays"), keys("6 pays"));
        assert_eq!(keys("5 milliards"), keys("5 Md"));
    }

    /// The slow path of `fold_with` (NFKC, case, NFD without marks), for comparison.
    fn fold_unicode(s: &str, case: bool, accents: bool) -> String {
        let mut out = String::new();
        for c in s.nfkc() {
            let cs: Vec<char> = if case {
                c.to_lowercase().collect()
            } else {
                vec![c]
            };
            for c in cs {
                if accents {
                    out.extend(
                        c.to_string()
                            .nfd()
                            .filter(|d| !is_combining_mark(*d))
                            .map(unify),
                    );
                } else {
                    out.push(unify(c));
                }
            }
        }
        out
    }

    #[test]
    fn latin_fast_path_matches_unicode() {
        let mut all: Vec<char> = (0u32..0x180).filter_map(char::from_u32).collect();
        all.extend(['œ', 'Œ', 'Ÿ', 'ﬁ', '’', 'é']);
        let mut checked = 0;
        for &c in &all {
            let s = format!("{c}x{c}É");
            for (case, accents) in [(false, false), (true, false), (false, true), (true, true)] {
                if let Some(fast) = fold_latin(&s, case, accents) {
                    assert_eq!(
                        fast,
                        fold_unicode(&s, case, accents),
                        "{c:?} {case} {accents}"
                    );
                    checked += 1;
                }
                assert_eq!(
                    fold_with(&s, case, accents),
                    fold_unicode(&s, case, accents)
                );
            }
            assert_eq!(fold(&s), fold_unicode(&s, true, true), "{c:?}");
        }
        assert!(checked >= 4 * 190, "the fast path takes Latin-1: {checked}");
        assert_eq!(fold("Noël À Œuvre"), "noel a œuvre");
    }

    #[test]
    fn stems_are_remembered_the_same() {
        let n = Normalizer::default();
        for w in ["Européenne", "européennes", "Européenne", "running"] {
            assert_eq!(
                n.stem_word(w, Lang::French),
                n.stem(&w.to_lowercase(), Lang::French)
            );
        }
    }

    #[test]
    fn elision_apostrophes_and_accents() {
        assert_eq!(keys("l’intelligence"), keys("l'intelligence"));
        assert_eq!(keys("l'Union européenne"), keys("Union europeenne"));
        assert_eq!(fold("Élan — « oui »"), "elan - \" oui \"");
    }
}
