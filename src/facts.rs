//! Facts: checkable values inside each group, and the conflicts between accounts.
//!
//! In every segment of a group the stage finds dates (French and English, relative ones
//! resolved against the account's own date when it is given), times, counts with what
//! they count ("deux soldats tués" = 2, slot "soldat tué"), amounts with their currency
//! and magnitude ("10,5 milliards d'euros" = "10.5 billion euros"), percentages, ranges
//! ("28 à 30,5"), names (capitalised words inside a sentence, acronyms) and quotations.
//! A fact is one value of one slot in a group: `agreed` when two accounts or more state
//! it, `unconfirmed` when one does, `conflict` when another account states another value
//! for the same slot.
//!
//! Conflicts are precision first. Two statements of two accounts conflict only when they
//! are about the same thing — counts: the same counted words; names: the same last word;
//! dates, times, amounts, percentages, ranges: a content word shared within
//! [`CONTEXT_WORDS`] words of the value (and the same currency or unit) — and their values
//! differ beyond rounding ("300" and "320" do not; "4" and "5" do), neither is hedged
//! ("près de", "about", "plus de"...), and neither account also states the other's value
//! about that thing. Two different numbers about two different things are no conflict.

use std::collections::{BTreeMap, BTreeSet};

use crate::groups::Group;
use crate::model::{DocId, Document, Lang};
use crate::normalize::{self, fold, is_stop_word, words, Normalizer, Word};

/// A calendar date (proleptic Gregorian), years 1000 to 2999.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year.
    pub year: i32,
    /// Month, 1 to 12.
    pub month: u32,
    /// Day of the month, from 1.
    pub day: u32,
}

impl Date {
    /// A valid date, or `None`.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        ((1000..=2999).contains(&year) && (1..=days).contains(&day)).then_some(Date {
            year,
            month,
            day,
        })
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse_iso(s: &str) -> Option<Date> {
        let mut parts = s.trim().split('-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
    }

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
    fn days(self) -> i64 {
        let (m, d) = (i64::from(self.month), i64::from(self.day));
        let y = i64::from(self.year) - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    fn from_days(z: i64) -> Option<Date> {
        let z = z + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = doy - (153 * mp + 2) / 5 + 1;
        let m = if mp < 10 { mp + 3 } else { mp - 9 };
        let y = yoe + era * 400 + i64::from(m <= 2);
        Date::new(
            i32::try_from(y).ok()?,
            u32::try_from(m).ok()?,
            u32::try_from(d).ok()?,
        )
    }

    /// Day of the week, 0 = Monday.
    pub fn weekday(self) -> u32 {
        // 1970-01-01 was a Thursday.
        (self.days() + 3).rem_euclid(7) as u32
    }

    fn plus(self, days: i64) -> Option<Date> {
        Date::from_days(self.days() + days)
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// What a fact is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FactKind {
    /// A day, a weekday, a year.
    Date,
    /// A time of day.
    Time,
    /// A number of something ("5 blessés").
    Count,
    /// Money ("10,5 milliards d'euros").
    Amount,
    /// A percentage.
    Percent,
    /// A range ("28 à 30,5").
    Range,
    /// A person, place or organisation.
    Name,
    /// A quotation.
    Quote,
}

impl FactKind {
    /// Public name.
    pub fn name(self) -> &'static str {
        match self {
            FactKind::Date => "date",
            FactKind::Time => "time",
            FactKind::Count => "number",
            FactKind::Amount => "amount",
            FactKind::Percent => "percent",
            FactKind::Range => "range",
            FactKind::Name => "name",
            FactKind::Quote => "quote",
        }
    }
}

/// How many accounts back a fact.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FactStatus {
    /// Two accounts or more state this value.
    Agreed,
    /// One account only.
    Unconfirmed,
    /// Another account states another value for the same slot.
    Conflict,
}

impl FactStatus {
    /// Public name.
    pub fn name(self) -> &'static str {
        match self {
            FactStatus::Agreed => "agreed",
            FactStatus::Unconfirmed => "unconfirmed",
            FactStatus::Conflict => "conflict",
        }
    }
}

/// Where one account states a value.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Statement {
    /// The account.
    pub doc: DocId,
    /// The segment.
    pub segment: usize,
    /// UTF-8 byte range of the value in the segment's text (char boundaries).
    pub start: usize,
    /// End of that range (exclusive).
    pub end: usize,
    /// The value as written.
    pub text: String,
    /// The value normalised (what is compared).
    pub value: String,
}

/// One value of one slot in a group.
#[derive(Clone, Debug, PartialEq)]
pub struct Fact {
    /// Index into the comparison's groups.
    pub group: usize,
    /// What it is.
    pub kind: FactKind,
    /// What it is about: the counted words for a count, the last word of a name, else empty.
    pub slot: String,
    /// The normalised value.
    pub value: String,
    /// Agreed, unconfirmed or in conflict.
    pub status: FactStatus,
    /// The conflict it belongs to.
    pub conflict: Option<usize>,
    /// Every statement of this value in the group.
    pub statements: Vec<Statement>,
}

/// Accounts giving different values for the same slot of a group.
#[derive(Clone, Debug, PartialEq)]
pub struct Conflict {
    /// Index into the comparison's groups.
    pub group: usize,
    /// What kind of value.
    pub kind: FactKind,
    /// What it is about (counted words, a shared word near the value, a last name).
    pub slot: String,
    /// The statements on every side (at least two accounts).
    pub statements: Vec<Statement>,
}

/// Words on each side of a value, inside its clause, whose content words tell what it
/// is about (dates, times, amounts, percentages, ranges). A guess, checked on the test
/// cases: at 4 the verb and the noun a figure belongs to were often out of reach ("plan de
/// relance ferroviaire de 10,5 milliards"); the clause bounds it anyway.
const CONTEXT_WORDS: usize = 6;

/// Content words two statements must share near their values to be about the same thing.
/// A guess, from the negative test case: one shared word ("chantier") joined a cost and a
/// subsidy; two did not.
const MIN_SHARED_CONTEXT: usize = 2;

/// Shortest quotation kept, in words. A guess: shorter quoted words are usually terms or
/// titles ("« gilets jaunes »"), not statements.
const MIN_QUOTE_WORDS: usize = 3;

#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct DateValue {
    year: Option<i32>,
    month: Option<u32>,
    day: Option<u32>,
    weekday: Option<u32>,
}

impl DateValue {
    fn full(&self) -> Option<Date> {
        Date::new(self.year?, self.month?, self.day?)
    }
    fn weekday(&self) -> Option<u32> {
        self.full().map(Date::weekday).or(self.weekday)
    }
    fn day_level(&self) -> bool {
        self.day.is_some() || self.weekday.is_some()
    }
    fn compatible(&self, o: &DateValue) -> bool {
        fn ok<T: PartialEq>(a: Option<T>, b: Option<T>) -> bool {
            match (a, b) {
                (Some(a), Some(b)) => a == b,
                _ => true,
            }
        }
        ok(self.year, o.year)
            && ok(self.month, o.month)
            && ok(self.day, o.day)
            && ok(self.weekday(), o.weekday())
    }
    fn key(&self) -> String {
        const DAYS: [&str; 7] = [
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
        ];
        if let Some(d) = self.full() {
            return d.to_string();
        }
        match (self.year, self.month, self.day) {
            (_, Some(m), Some(d)) => format!("--{m:02}-{d:02}"),
            (Some(y), Some(m), None) => format!("{y:04}-{m:02}"),
            (Some(y), None, _) => format!("{y:04}"),
            _ => self
                .weekday
                .and_then(|w| DAYS.get(w as usize))
                .map_or_else(String::new, |d| (*d).to_string()),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
enum Val {
    Date(DateValue),
    Time(u32),
    /// A number: value, half the unit of its last written digit, hedged.
    Num(f64, f64, bool),
    /// A range: low, high, tolerance, hedged.
    Range(f64, f64, f64, bool),
    Name(Vec<String>),
    Quote(String),
}

/// A value found in one segment.
#[derive(Clone, Debug)]
struct Found {
    kind: FactKind,
    slot: String,
    /// Currency or unit that must match for two values to be compared.
    unit: String,
    val: Val,
    key: String,
    start: usize,
    end: usize,
    /// (stem, folded surface) of the content words around it, in its clause.
    context: Vec<(String, String)>,
    /// Its clause is conditional or reported as a wish ("devrait", "should"): no conflict.
    modal: bool,
}

const WEEKDAYS: &[(&str, u32)] = &[
    ("lundi", 0),
    ("mardi", 1),
    ("mercredi", 2),
    ("jeudi", 3),
    ("vendredi", 4),
    ("samedi", 5),
    ("dimanche", 6),
    ("monday", 0),
    ("tuesday", 1),
    ("wednesday", 2),
    ("thursday", 3),
    ("friday", 4),
    ("saturday", 5),
    ("sunday", 6),
];

fn weekday_of(f: &str) -> Option<u32> {
    WEEKDAYS.iter().find(|(w, _)| *w == f).map(|&(_, n)| n)
}

const MAGNITUDE_WORDS: &[(&str, f64)] = &[
    ("milliard", 1e9),
    ("milliards", 1e9),
    ("billion", 1e9),
    ("billions", 1e9),
    ("bn", 1e9),
    ("md", 1e9),
    ("mds", 1e9),
    ("mrd", 1e9),
    ("million", 1e6),
    ("millions", 1e6),
    ("mn", 1e6),
    ("millier", 1e3),
    ("milliers", 1e3),
    ("thousand", 1e3),
];

const CURRENCY_WORDS: &[(&str, &str)] = &[
    ("euro", "EUR"),
    ("euros", "EUR"),
    ("eur", "EUR"),
    ("dollar", "USD"),
    ("dollars", "USD"),
    ("usd", "USD"),
    ("livre", "GBP"),
    ("livres", "GBP"),
    ("pound", "GBP"),
    ("pounds", "GBP"),
    ("gbp", "GBP"),
    ("franc", "CHF"),
    ("francs", "CHF"),
    ("yuan", "CNY"),
    ("yuans", "CNY"),
    ("yen", "JPY"),
    ("yens", "JPY"),
];

/// Words before a figure that make it approximate or a bound: never in conflict.
const HEDGES: &[&str] = &[
    "environ",
    "pres",
    "plus",
    "moins",
    "quelque",
    "presque",
    "jusqu",
    "approximativement",
    "about",
    "around",
    "nearly",
    "almost",
    "over",
    "than",
    "least",
    "some",
    "approximately",
    "roughly",
    "up",
    "under",
    "below",
    "above",
    "beyond",
    "estimated",
    "estime",
    "estimee",
    "estimees",
    "estimes",
    "near",
    "dizaine",
    "dizaines",
    "centaine",
    "centaines",
];

fn gap<'a>(text: &'a str, a: &Word, b: &Word) -> &'a str {
    text.get(a.start + a.text.len()..b.start).unwrap_or("")
}

fn end_of(w: &Word) -> usize {
    w.start + w.text.len()
}

/// The number written by a token in digits, with half the unit of its last digit.
fn number_of(text: &str) -> Option<(f64, f64)> {
    if text.contains(['/', '-']) {
        return None;
    }
    // "1.000" and "70.000" (French thousands with dots): groups of three after a dot.
    let dotted_thousands = !text.contains(',')
        && text.contains('.')
        && text.split('.').skip(1).all(|g| g.len() == 3)
        && text
            .split('.')
            .next()
            .is_some_and(|g| (1..=3).contains(&g.len()));
    let key = if dotted_thousands {
        text.replace('.', "")
    } else {
        normalize::number_key(text)
    };
    let value: f64 = key.parse().ok()?;
    let unit = match key.split_once('.') {
        Some((_, dec)) => 10f64.powi(-(dec.len().min(12) as i32)),
        None => {
            let zeros = key.bytes().rev().take_while(|&b| b == b'0').count();
            if zeros == key.len() {
                1.0
            } else {
                10f64.powi(zeros.min(15) as i32)
            }
        }
    };
    value.is_finite().then_some((value, unit / 2.0))
}

fn number_word(f: &str) -> Option<f64> {
    if matches!(f, "cent" | "mille" | "hundred" | "thousand") {
        return None;
    }
    normalize::NUMBER_WORDS
        .iter()
        .find(|(k, _)| *k == f)
        .and_then(|(_, v)| v.parse().ok())
}

fn format_number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e18 {
        format!("{}", v as i64)
    } else {
        let s = format!("{v:.6}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

struct Scanner<'a> {
    text: &'a str,
    ws: Vec<Word<'a>>,
    f: Vec<String>,
    lang: Lang,
    date: Option<Date>,
    norm: &'a Normalizer,
}

impl<'a> Scanner<'a> {
    /// The words of `text`, folded, read in `lang` with the account's date when known.
    fn new(text: &'a str, lang: Lang, date: Option<Date>, norm: &'a Normalizer) -> Self {
        let ws = words(text);
        let f = ws.iter().map(|w| fold(w.text)).collect();
        Scanner {
            text,
            ws,
            f,
            lang,
            date,
            norm,
        }
    }

    fn is(&self, k: usize, words: &[&str]) -> bool {
        self.f.get(k).is_some_and(|f| words.contains(&f.as_str()))
    }

    fn num(&self, k: usize) -> Option<u32> {
        self.ws
            .get(k)
            .filter(|w| w.numeric && w.text.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|w| w.text.parse().ok())
    }

    /// A date at word `i`: (value, words used).
    fn date(&self, i: usize) -> Option<(DateValue, usize)> {
        let anchor = self.date;
        // "last Friday", "next Monday"
        if self.is(i, &["last", "next"]) {
            let w = weekday_of(self.f.get(i + 1)?)?;
            let v = resolve_weekday(w, anchor, self.is(i, &["next"]), self.is(i, &["last"]));
            return Some((v, 2));
        }
        if let Some(w) = weekday_of(&self.f[i]) {
            if let Some((mut v, used)) = self.absolute(i + 1) {
                v.weekday = Some(w);
                return Some((v, used + 1));
            }
            let next = self.is(i + 1, &["prochain", "next"]);
            let last = self.is(i + 1, &["dernier", "last"]);
            let v = resolve_weekday(w, anchor, next, last);
            return Some((v, 1 + usize::from(next || last)));
        }
        if let Some(r) = self.absolute(i) {
            return Some(r);
        }
        // Relative days: only with the account's date.
        let shift = |d: i64| {
            anchor.and_then(|a| a.plus(d)).map(|d| DateValue {
                year: Some(d.year),
                month: Some(d.month),
                day: Some(d.day),
                weekday: None,
            })
        };
        let f = self.f[i].as_str();
        let next = self.f.get(i + 1).map(String::as_str);
        match (f, next) {
            ("avant", Some("hier")) => return shift(-2).map(|v| (v, 2)),
            ("apres", Some("demain")) => return shift(2).map(|v| (v, 2)),
            ("aujourd", Some("hui")) => return shift(0).map(|v| (v, 2)),
            ("hier" | "yesterday", _) => return shift(-1).map(|v| (v, 1)),
            ("today", _) => return shift(0).map(|v| (v, 1)),
            ("demain" | "tomorrow", _) => return shift(1).map(|v| (v, 1)),
            _ => {}
        }
        None
    }

    /// "8 décembre 2025", "08/12/2025", "December 8, 2025", "le 26 janvier", "en 2008".
    fn absolute(&self, i: usize) -> Option<(DateValue, usize)> {
        if i >= self.ws.len() {
            return None;
        }
        if let Some((iso, used)) = normalize::date_at(&self.ws, &self.f, i) {
            let mut v = DateValue::default();
            if let Some(md) = iso.strip_prefix("--") {
                let (m, d) = md.split_once('-')?;
                v.month = m.parse().ok();
                v.day = d.parse().ok();
                // The account's year, or the neighbouring one when closer to its date.
                if let (Some(a), Some(m), Some(d)) = (self.date, v.month, v.day) {
                    let best = [a.year - 1, a.year, a.year + 1]
                        .into_iter()
                        .filter_map(|y| Date::new(y, m, d))
                        .min_by_key(|c| (c.days() - a.days()).abs());
                    v.year = best.map(|b| b.year);
                }
            } else {
                let d = Date::parse_iso(&iso)?;
                v.year = Some(d.year);
                v.month = Some(d.month);
                v.day = Some(d.day);
            }
            return Some((v, used));
        }
        // A month and a year: "janvier 2019".
        if let (Some(m), Some(y)) = (normalize::month(&self.f[i]), self.num(i + 1)) {
            if (1000..=2999).contains(&y) && self.f[i].len() > 3 {
                return Some((
                    DateValue {
                        year: i32::try_from(y).ok(),
                        month: Some(m),
                        ..DateValue::default()
                    },
                    2,
                ));
            }
        }
        // A year alone, after "en", "in", "depuis", "since".
        if i > 0 && self.is(i - 1, &["en", "in", "depuis", "since"]) {
            if let Some(y) = self.num(i).filter(|y| (1800..=2100).contains(y)) {
                if self.ws[i].text.len() == 4 {
                    return Some((
                        DateValue {
                            year: i32::try_from(y).ok(),
                            ..DateValue::default()
                        },
                        1,
                    ));
                }
            }
        }
        None
    }

    /// "14 h 30", "14h30", "à 10 heures", "2:30 pm", "9 am": minutes after midnight.
    fn time(&self, i: usize) -> Option<(u32, usize)> {
        let h = self.num(i).filter(|h| *h <= 24)?;
        let next = self.f.get(i + 1)?;
        let pm = |k: usize| self.is(k, &["pm"]);
        if next == "h" {
            let m = self
                .num(i + 2)
                .filter(|m| *m < 60 && self.ws[i + 2].text.len() == 2);
            return Some((h * 60 + m.unwrap_or(0), 2 + usize::from(m.is_some())));
        }
        if let Some(m) = next.strip_prefix('h') {
            if m.len() == 2 && m.bytes().all(|b| b.is_ascii_digit()) {
                let m: u32 = m.parse().ok()?;
                return (m < 60).then_some((h * 60 + m, 2));
            }
        }
        if matches!(next.as_str(), "heures" | "heure") && i > 0 && self.is(i - 1, &["a", "vers"]) {
            return Some((h * 60, 2));
        }
        if gap(self.text, &self.ws[i], &self.ws[i + 1]) == ":" {
            let m = self
                .num(i + 1)
                .filter(|m| *m < 60 && self.ws[i + 1].text.len() == 2)?;
            let h = if pm(i + 2) && h < 12 { h + 12 } else { h };
            let used = 2 + usize::from(self.is(i + 2, &["am", "pm"]));
            return Some((h * 60 + m, used));
        }
        if matches!(next.as_str(), "am" | "pm") && h <= 12 {
            let h = if pm(i + 1) && h < 12 { h + 12 } else { h % 12 };
            return Some((h * 60, 2));
        }
        None
    }

    fn hedged(&self, i: usize) -> bool {
        let before = |k: usize| i.checked_sub(k).and_then(|j| self.f.get(j));
        let hedge = |f: Option<&String>| f.is_some_and(|f| HEDGES.contains(&f.as_str()));
        hedge(before(1))
            || (before(1).is_some_and(|f| matches!(f.as_str(), "de" | "d" | "a" | "to" | "of"))
                && hedge(before(2)))
            || self.is(i + 1, &["environ"])
    }

    /// A number at word `i`, its unit and what it counts.
    fn number(&self, i: usize) -> Option<(Found, usize)> {
        let w = &self.ws[i];
        let (mut value, mut tol) = if w.numeric {
            number_of(w.text)?
        } else {
            let v = number_word(&self.f[i])?;
            // "vingt-deux", "quatre-vingts": compound number words are left alone.
            if self.f.get(i + 1).and_then(|f| number_word(f)).is_some()
                || (i > 0 && number_word(&self.f[i - 1]).is_some())
            {
                return None;
            }
            (v, 0.5)
        };
        let hedged = self.hedged(i);
        let mut k = i + 1;
        let mut last = i;
        let magnitude = |k: usize| {
            self.f
                .get(k)
                .and_then(|f| MAGNITUDE_WORDS.iter().find(|(m, _)| m == f))
                .map(|&(_, m)| m)
        };
        if let Some(m) = magnitude(k) {
            value *= m;
            tol *= m;
            last = k;
            k += 1;
        }
        // A range: "28 à 30,5", "between 28 and 30.5", "28-30".
        let mut high = None;
        let joins = self.is(k, &["a", "to"])
            || (self.is(k, &["et", "and"]) && i > 0 && self.is(i - 1, &["entre", "between"]));
        let dash = self.ws.get(k).is_some_and(|n| {
            n.numeric && matches!(gap(self.text, &self.ws[last], n).trim(), "-" | "–")
        });
        if joins || dash {
            let at = if dash { k } else { k + 1 };
            if let Some((mut v2, mut t2)) = self
                .ws
                .get(at)
                .filter(|n| n.numeric)
                .and_then(|n| number_of(n.text))
            {
                let mut after = at + 1;
                if let Some(m) = magnitude(after) {
                    v2 *= m;
                    t2 *= m;
                    if last == i {
                        value *= m;
                        tol *= m;
                    }
                    after += 1;
                }
                high = Some((v2, t2));
                last = at.max(after - 1);
                k = after;
            }
        }
        // Unit: a currency, a percentage.
        let after_text = self
            .text
            .get(end_of(&self.ws[last])..)
            .unwrap_or("")
            .trim_start_matches([' ', '\u{a0}', '\u{202f}', '\u{2009}']);
        let before_text = self
            .text
            .get(..w.start)
            .unwrap_or("")
            .trim_end_matches([' ', '\u{a0}', '\u{202f}']);
        let mut end = end_of(&self.ws[last]);
        let mut unit = String::new();
        let mut kind = FactKind::Count;
        if after_text.starts_with('%') {
            kind = FactKind::Percent;
            unit = "%".into();
            end = self.text.len() - after_text.len() + 1;
        } else if self.is(k, &["percent"])
            || (self.is(k, &["pour", "per"]) && self.is(k + 1, &["cent"]))
        {
            kind = FactKind::Percent;
            unit = "%".into();
            let used = if self.is(k, &["percent"]) { k } else { k + 1 };
            end = end_of(&self.ws[used]);
            k = used + 1;
        } else if let Some(c) = ['€', '$', '£']
            .into_iter()
            .find(|&c| after_text.starts_with(c))
        {
            kind = FactKind::Amount;
            unit = currency_symbol(c).into();
            end = self.text.len() - after_text.len() + c.len_utf8();
        } else if let Some(c) = ['€', '$', '£']
            .into_iter()
            .find(|&c| before_text.ends_with(c))
        {
            kind = FactKind::Amount;
            unit = currency_symbol(c).into();
        } else {
            let at = if self.is(k, &["d", "de", "of"]) {
                k + 1
            } else {
                k
            };
            if let Some(&(_, c)) = self
                .f
                .get(at)
                .and_then(|f| CURRENCY_WORDS.iter().find(|(w, _)| w == f))
            {
                if c != "GBP" || self.f[at].starts_with('p') || self.is(at + 1, &["sterling"]) {
                    kind = FactKind::Amount;
                    unit = c.into();
                    end = end_of(&self.ws[at]);
                    k = at + 1;
                }
            }
        }
        let start = if kind == FactKind::Amount && before_text.len() < w.start {
            let sym = before_text.chars().next_back().map_or(0, char::len_utf8);
            if ['€', '$', '£'].iter().any(|c| before_text.ends_with(*c)) {
                before_text.len() - sym
            } else {
                w.start
            }
        } else {
            w.start
        };
        let mut slot = String::new();
        if kind == FactKind::Count && high.is_none() {
            // What it counts: the next word, and the one after it when it qualifies it.
            let at = if last > i && self.is(k, &["de", "d", "of"]) {
                k + 1
            } else {
                k
            };
            let head = self.content_word(at, at - 1)?;
            slot = head;
            if let Some(q) = self.content_word(at + 1, at) {
                if !self.ws[at + 1].text.starts_with(char::is_uppercase) {
                    slot = format!("{slot} {q}");
                }
            }
        }
        let (val, key) = match high {
            Some((v2, t2)) => (
                Val::Range(value, v2, tol.max(t2), hedged),
                format!(
                    "{}–{}{}",
                    format_number(value),
                    format_number(v2),
                    unit_suffix(&unit)
                ),
            ),
            None => (
                Val::Num(value, tol, hedged),
                format!("{}{}", format_number(value), unit_suffix(&unit)),
            ),
        };
        // What the money is for: "15,5 milliards d'euros de dépenses" is not the whole plan.
        if kind == FactKind::Amount && self.is(k, &["de", "d", "of"]) {
            if let Some(q) = self.content_word(k + 1, k) {
                unit = format!("{unit}/{q}");
            }
        }
        let kind = if high.is_some() {
            FactKind::Range
        } else {
            kind
        };
        if kind == FactKind::Count && slot.is_empty() {
            return None;
        }
        Some((
            Found {
                kind,
                slot,
                unit,
                val,
                key,
                start,
                end: end.max(start),
                context: Vec::new(),
                modal: false,
            },
            (k.max(last + 1)) - i,
        ))
    }

    /// The stem of word `k` if it is a content word right after word `prev` (spaces only).
    fn content_word(&self, k: usize, prev: usize) -> Option<String> {
        let w = self.ws.get(k)?;
        let f = &self.f[k];
        if w.numeric
            || !gap(self.text, &self.ws[prev], w).trim().is_empty()
            || is_stop_word(f)
            || f.chars().count() < 2
            || number_word(f).is_some()
            || normalize::month(f).is_some()
            || weekday_of(f).is_some()
            || MAGNITUDE_WORDS.iter().any(|(m, _)| m == f)
        {
            return None;
        }
        Some(self.norm.stem_word(w.text, self.lang).into())
    }

    /// The words of `a..b`'s clause within [`CONTEXT_WORDS`] on each side: stops at
    /// commas, semicolons, colons, brackets, quotation marks and dashes.
    fn clause(&self, a: usize, b: usize) -> std::ops::Range<usize> {
        let breaks = |k: usize| {
            // Between word k-1 and word k.
            k == 0
                || k >= self.ws.len()
                || gap(self.text, &self.ws[k - 1], &self.ws[k]).contains([
                    ',', ';', ':', '(', ')', '«', '»', '"', '“', '”', '—', '–', '.',
                ])
        };
        let mut lo = a;
        while lo > 0 && a - lo < CONTEXT_WORDS && !breaks(lo) {
            lo -= 1;
        }
        let mut hi = b.min(self.ws.len());
        while hi < self.ws.len() && hi - b < CONTEXT_WORDS && !breaks(hi) {
            hi += 1;
        }
        lo..hi
    }

    /// Content words of the clause around words `a..b` (see [`Scanner::clause`]).
    fn context(&self, a: usize, b: usize) -> Vec<(String, String)> {
        self.clause(a, b)
            .filter(|&k| k < a || k >= b)
            .filter(|&k| {
                let f = &self.f[k];
                !self.ws[k].numeric
                    && !is_stop_word(f)
                    && f.chars().count() > 2
                    && number_word(f).is_none()
                    && normalize::month(f).is_none()
                    && weekday_of(f).is_none()
                    && !MAGNITUDE_WORDS.iter().any(|(m, _)| m == f)
                    && !CURRENCY_WORDS.iter().any(|(m, _)| m == f)
            })
            .map(|k| {
                (
                    self.norm.stem_word(self.ws[k].text, self.lang).into(),
                    self.f[k].clone(),
                )
            })
            .collect()
    }

    /// Whether a verb of saying stands within two words of words `a..b`.
    fn saying(&self, a: usize, b: usize) -> bool {
        (a.saturating_sub(2)..(b + 2).min(self.ws.len()))
            .filter(|&k| k < a || k >= b)
            .any(|k| SAYING.iter().any(|p| self.f[k].starts_with(p)))
    }

    /// Whether the clause around words `a..b` is conditional or a wish.
    fn modal(&self, a: usize, b: usize) -> bool {
        self.clause(a, b)
            .any(|k| MODALS.contains(&self.f[k].as_str()))
    }
}

/// Words before a surname that are no given name.
const TITLES: &[&str] = &[
    "m", "mm", "mme", "mmes", "mlle", "me", "mgr", "dr", "pr", "mr", "mrs", "ms", "sir", "dame",
    "lord", "saint", "sainte",
];

/// Verbs of saying: a date next to one tells when something was said or reported, which
/// accounts legitimately differ on (an agency reports on Friday what was announced on
/// Tuesday). Prefixes of folded words. A guess, from reading news-dev's conflicts
/// (`cargo xtask facts --show`).
const SAYING: &[&str] = &[
    "annon",
    "indiq",
    "rapport",
    "affirm",
    "precis",
    "expliq",
    "ajout",
    "soulign",
    "confirm",
    "appris",
    "estim",
    "assur",
    "said",
    "says",
    "announc",
    "report",
    "told",
    "confirmed",
    "stated",
    "added",
];

/// Words that make a clause a forecast, a wish or a claim about what should be: its
/// figures are not checkable statements of fact.
const MODALS: &[&str] = &[
    "devrait",
    "devraient",
    "pourrait",
    "pourraient",
    "faudrait",
    "souhaite",
    "souhaitent",
    "reclame",
    "reclament",
    "demande",
    "demandent",
    "objectif",
    "should",
    "could",
    "would",
    "might",
    "target",
    "aims",
    "wants",
    "demands",
];

fn currency_symbol(c: char) -> &'static str {
    match c {
        '€' => "EUR",
        '£' => "GBP",
        _ => "USD",
    }
}

fn unit_suffix(unit: &str) -> String {
    match unit {
        "" => String::new(),
        "%" => "%".into(),
        u => format!(" {u}"),
    }
}

fn resolve_weekday(w: u32, anchor: Option<Date>, next: bool, last: bool) -> DateValue {
    let Some(a) = anchor else {
        return DateValue {
            weekday: Some(w),
            ..DateValue::default()
        };
    };
    let today = i64::from(a.weekday());
    let w = i64::from(w);
    // Past by default (news tells what happened): the latest such day on or before the
    // account's date; "prochain"/"next" the first after it; "dernier"/"last" before it.
    let back = (today - w).rem_euclid(7);
    let shift = if next {
        let ahead = (w - today).rem_euclid(7);
        if ahead == 0 {
            7
        } else {
            ahead
        }
    } else if last && back == 0 {
        -7
    } else {
        -back
    };
    match a.plus(shift) {
        Some(d) => DateValue {
            year: Some(d.year),
            month: Some(d.month),
            day: Some(d.day),
            weekday: None,
        },
        None => DateValue::default(),
    }
}

/// Days the text names only relative to the account's own date ("hier", "vendredi",
/// "le 24 janvier" without its year): (byte offset in `text`, the day once anchored on
/// `anchor`). Linking adds them as full dates, so "vendredi" in an account of Sunday
/// 26 January meets "le 24 janvier 2019" in another.
pub fn anchored_days(
    text: &str,
    lang: Lang,
    anchor: Date,
    norm: &Normalizer,
) -> Vec<(usize, Date)> {
    let mut sc = Scanner::new(text, lang, Some(anchor), norm);
    let mut out = Vec::new();
    let mut i = 0;
    while i < sc.ws.len() {
        let Some((v, used)) = sc.date(i) else {
            i += 1;
            continue;
        };
        if let Some(day) = v.full() {
            // Read again without the anchor: a date that is full even so needs none.
            sc.date = None;
            let bare = sc.date(i).and_then(|(b, _)| b.full());
            sc.date = Some(anchor);
            if bare.is_none() {
                out.push((sc.ws[i].start, day));
            }
        }
        i += used.max(1);
    }
    out
}

/// Every value of one segment.
fn scan(text: &str, lang: Lang, date: Option<Date>, norm: &Normalizer) -> Vec<Found> {
    let sc = Scanner::new(text, lang, date, norm);
    let mut out = Vec::new();
    let mut i = 0;
    while i < sc.ws.len() {
        let (found, used) = if let Some((v, used)) = sc.date(i) {
            let key = v.key();
            let found = (!key.is_empty()).then(|| Found {
                kind: FactKind::Date,
                slot: String::new(),
                unit: String::new(),
                val: Val::Date(v),
                key,
                start: sc.ws[i].start,
                end: end_of(&sc.ws[i + used - 1]),
                context: sc.context(i, i + used),
                modal: sc.modal(i, i + used) || sc.saying(i, i + used),
            });
            (found, used)
        } else if let Some((minutes, used)) = sc.time(i) {
            let found = Found {
                kind: FactKind::Time,
                slot: String::new(),
                unit: String::new(),
                val: Val::Time(minutes),
                key: format!("{:02}:{:02}", minutes / 60, minutes % 60),
                start: sc.ws[i].start,
                end: end_of(&sc.ws[i + used - 1]),
                context: sc.context(i, i + used),
                modal: sc.modal(i, i + used),
            };
            (Some(found), used)
        } else if let Some((mut found, used)) = sc.number(i) {
            if found.kind != FactKind::Count {
                found.context = sc.context(i, i + used);
            }
            found.modal = sc.modal(i, i + used);
            (Some(found), used)
        } else {
            (None, 1)
        };
        out.extend(found);
        i += used.max(1);
    }
    out.extend(names(&sc));
    out.extend(quotes(text));
    // Offsets must fall on char boundaries, inside the text.
    out.retain(|v| {
        v.start < v.end
            && v.end <= text.len()
            && text.is_char_boundary(v.start)
            && text.is_char_boundary(v.end)
    });
    out
}

/// Runs of capitalised words inside a sentence ("Jean-Marc Ayrault", "Charles de Gaulle")
/// and acronyms anywhere.
fn names(sc: &Scanner) -> Vec<Found> {
    let mut out = Vec::new();
    let cap = |k: usize| {
        let w = &sc.ws[k];
        let f = &sc.f[k];
        !w.numeric
            && w.text.starts_with(char::is_uppercase)
            && w.text.chars().count() >= 2
            && normalize::month(f).is_none()
            && weekday_of(f).is_none()
    };
    let sentence_start = |k: usize| {
        let before = sc
            .text
            .get(..sc.ws[k].start)
            .unwrap_or("")
            .trim_end_matches(|c: char| c.is_whitespace() || "«“\"'‘(-–—".contains(c));
        // "M. Romero", "J. Dupont": a title or an initial before the dot ends no sentence.
        let title = before.strip_suffix('.').is_some_and(|b| {
            let last = b
                .rsplit(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or("");
            last.chars().count() == 1 || TITLES.contains(&fold(last).as_str())
        });
        before.is_empty() || (before.ends_with(['.', '!', '?', ':', '…']) && !title)
    };
    let acronym = |k: usize| {
        let t = sc.ws[k].text;
        let letters = t.chars().filter(|c| c.is_alphabetic()).count();
        (2..=8).contains(&letters) && t.chars().all(|c| !c.is_alphabetic() || c.is_uppercase())
    };
    let mut k = 0;
    while k < sc.ws.len() {
        // At a sentence start a capital says nothing, unless a hyphen ties the word to
        // another capitalised one ("Jean-Michel Lefèvre, le directeur...").
        let hyphenated =
            k + 1 < sc.ws.len() && cap(k + 1) && gap(sc.text, &sc.ws[k], &sc.ws[k + 1]) == "-";
        if !cap(k) || (sentence_start(k) && !acronym(k) && !hyphenated) {
            k += 1;
            continue;
        }
        let mut parts = vec![k];
        let mut j = k + 1;
        while j < sc.ws.len() {
            let g = gap(sc.text, &sc.ws[j - 1], &sc.ws[j]);
            if cap(j) && matches!(g, " " | "-" | "\u{a0}") {
                parts.push(j);
                j += 1;
            } else if sc.is(j, &["de", "du", "van", "von", "da", "di", "del"])
                && g == " "
                && j + 1 < sc.ws.len()
                && cap(j + 1)
                && gap(sc.text, &sc.ws[j], &sc.ws[j + 1]) == " "
            {
                parts.push(j);
                parts.push(j + 1);
                j += 2;
            } else {
                break;
            }
        }
        let folded: Vec<String> = parts.iter().map(|&p| sc.f[p].clone()).collect();
        let (first, last) = (parts[0], parts[parts.len() - 1]);
        out.push(Found {
            kind: FactKind::Name,
            slot: folded.last().cloned().unwrap_or_default(),
            unit: String::new(),
            key: folded.join(" "),
            val: Val::Name(folded),
            start: sc.ws[first].start,
            end: end_of(&sc.ws[last]),
            context: Vec::new(),
            modal: false,
        });
        k = j;
    }
    out
}

/// Quotations between « », “ ” or straight double quotes, of [`MIN_QUOTE_WORDS`] words
/// or more.
fn quotes(text: &str) -> Vec<Found> {
    let mut out = Vec::new();
    let mut rest = 0;
    while let Some((open_at, open)) = text
        .get(rest..)
        .and_then(|t| t.char_indices().find(|(_, c)| matches!(c, '«' | '“' | '"')))
    {
        let inner_start = rest + open_at + open.len_utf8();
        let close = match open {
            '«' => '»',
            '“' => '”',
            _ => '"',
        };
        let Some(len) = text.get(inner_start..).and_then(|t| t.find(close)) else {
            break;
        };
        let inner = &text[inner_start..inner_start + len];
        let trimmed_start = inner_start + (inner.len() - inner.trim_start().len());
        let trimmed = inner.trim();
        let folded: Vec<String> = words(trimmed).iter().map(|w| fold(w.text)).collect();
        if folded.len() >= MIN_QUOTE_WORDS {
            out.push(Found {
                kind: FactKind::Quote,
                slot: String::new(),
                unit: String::new(),
                key: folded.join(" "),
                val: Val::Quote(folded.join(" ")),
                start: trimmed_start,
                end: trimmed_start + trimmed.len(),
                context: Vec::new(),
                modal: false,
            });
        }
        rest = inner_start + len + close.len_utf8();
    }
    out
}

/// Whether two values are the same statement (agreement), ignoring what they are about.
fn agree(a: &Val, b: &Val) -> bool {
    match (a, b) {
        (Val::Date(x), Val::Date(y)) => x.compatible(y),
        (Val::Time(x), Val::Time(y)) => x == y,
        (Val::Num(x, tx, _), Val::Num(y, ty, _)) => (x - y).abs() <= tx.max(*ty),
        (Val::Range(a1, a2, ta, _), Val::Range(b1, b2, tb, _)) => {
            let t = ta.max(*tb);
            (a1 - b1).abs() <= t && (a2 - b2).abs() <= t
        }
        (Val::Name(x), Val::Name(y)) => {
            // Given names agree when equal or one is the other's initial ("Jean-Marc
            // Dupont", "Marc Dupont" and "M. Dupont" agree; "Jean-Luc" and "Jean-Louis"
            // do not).
            // The given name is the word before the last; titles and roles before it
            // ("Mme Lagarde", "ministre de l'Economie Christine Lagarde") say nothing.
            let given = |v: &[String]| {
                v.len()
                    .checked_sub(2)
                    .map(|k| v[k].clone())
                    .filter(|g| !TITLES.contains(&g.as_str()))
            };
            // A given name found among the other's first words agrees too ("Carla
            // Sarkozy", "Carla Bruni-Sarkozy").
            let among = |g: &str, v: &[String]| v[..v.len() - 1].iter().any(|w| w == g);
            match (given(x), given(y)) {
                (Some(a), Some(b)) => {
                    a == b
                        || (a.chars().count() == 1 && b.starts_with(a.as_str()))
                        || (b.chars().count() == 1 && a.starts_with(b.as_str()))
                        || among(&a, y)
                        || among(&b, x)
                }
                _ => true,
            }
        }
        (Val::Quote(x), Val::Quote(y)) => {
            format!(" {x} ").contains(&format!(" {y} "))
                || format!(" {y} ").contains(&format!(" {x} "))
        }
        _ => false,
    }
}

fn hedged(v: &Val) -> bool {
    matches!(v, Val::Num(_, _, true) | Val::Range(_, _, _, true))
}

/// Whether two statements speak of the same thing; the shared word names it.
fn same_thing(a: &Found, b: &Found) -> Option<String> {
    if a.kind != b.kind || a.unit != b.unit {
        return None;
    }
    match a.kind {
        FactKind::Count => (!a.slot.is_empty() && a.slot == b.slot).then(|| a.slot.clone()),
        FactKind::Name => match (&a.val, &b.val) {
            (Val::Name(x), Val::Name(y)) if x.len() >= 2 && y.len() >= 2 && a.slot == b.slot => {
                Some(a.slot.clone())
            }
            _ => None,
        },
        FactKind::Quote => None,
        _ => {
            let bs: BTreeSet<&str> = b.context.iter().map(|(s, _)| s.as_str()).collect();
            let shared: BTreeSet<&str> = a
                .context
                .iter()
                .map(|(s, _)| s.as_str())
                .filter(|s| bs.contains(s))
                .collect();
            if shared.len() < MIN_SHARED_CONTEXT {
                return None;
            }
            // Named by the shared words' shortest spellings, in order: order-free.
            let mut surfaces: Vec<String> = shared
                .iter()
                .filter_map(|stem| {
                    a.context
                        .iter()
                        .chain(&b.context)
                        .filter(|(s, _)| s == stem)
                        .map(|(_, surface)| surface.clone())
                        .min()
                })
                .collect();
            surfaces.sort();
            surfaces.truncate(2);
            Some(surfaces.join(" "))
        }
    }
}

fn disagree(a: &Found, b: &Found) -> bool {
    if a.modal || b.modal || hedged(&a.val) || hedged(&b.val) || agree(&a.val, &b.val) {
        return false;
    }
    match (&a.val, &b.val) {
        // Only dates of the same grain conflict: a day and a day, a year and a year.
        (Val::Date(x), Val::Date(y)) => {
            x.day_level() == y.day_level() && (x.day_level() || x.year.is_some())
        }
        _ => true,
    }
}

/// One statement of a group: its account, segment and what was found.
struct Said {
    doc: DocId,
    segment: usize,
    found: Found,
}

/// Facts and conflicts of every group. Fact and conflict order is order-free: by group,
/// kind, slot and value (conflicts: and their values).
pub fn extract(documents: &[Document], groups: &[Group]) -> (Vec<Fact>, Vec<Conflict>) {
    let norm = Normalizer::default();
    let mut facts = Vec::new();
    let mut conflicts = Vec::new();
    for (g, group) in groups.iter().enumerate() {
        let mut said: Vec<Said> = Vec::new();
        for m in &group.members {
            let Some(doc) = documents.get(m.doc) else {
                continue;
            };
            for &s in &m.segments {
                let Some(seg) = doc.segments.get(s) else {
                    continue;
                };
                let text = doc.text.get(seg.span.range()).unwrap_or("");
                for found in scan(text, doc.lang, doc.date, &norm) {
                    said.push(Said {
                        doc: m.doc,
                        segment: s,
                        found,
                    });
                }
            }
        }
        let statement = |k: usize| {
            let s = &said[k];
            let doc = &documents[s.doc];
            let span = doc.segments[s.segment].span;
            Statement {
                doc: s.doc,
                segment: s.segment,
                start: s.found.start,
                end: s.found.end,
                text: doc
                    .text
                    .get(span.start + s.found.start..span.start + s.found.end)
                    .unwrap_or("")
                    .to_string(),
                value: s.found.key.clone(),
            }
        };

        // Conflicting pairs: same thing, values apart, and neither account also states
        // the other's value about it.
        let mut pairs: Vec<(usize, usize, String)> = Vec::new();
        for a in 0..said.len() {
            for b in a + 1..said.len() {
                let (x, y) = (&said[a], &said[b]);
                if x.doc == y.doc {
                    continue;
                }
                let Some(slot) = same_thing(&x.found, &y.found) else {
                    continue;
                };
                if !disagree(&x.found, &y.found) {
                    continue;
                }
                let backs = |doc: DocId, other: &Found| {
                    said.iter().any(|s| {
                        s.doc == doc
                            && same_thing(&s.found, other).is_some()
                            && agree(&s.found.val, &other.val)
                    })
                };
                if backs(x.doc, &y.found) || backs(y.doc, &x.found) {
                    continue;
                }
                pairs.push((a, b, slot));
            }
        }
        // Conflicts: statements joined by conflicting pairs of one kind.
        let mut comp: BTreeMap<usize, usize> = BTreeMap::new();
        fn root(comp: &mut BTreeMap<usize, usize>, mut x: usize) -> usize {
            while let Some(&p) = comp.get(&x) {
                if p == x {
                    break;
                }
                x = p;
            }
            x
        }
        for (a, b, _) in &pairs {
            comp.entry(*a).or_insert(*a);
            comp.entry(*b).or_insert(*b);
            let (ra, rb) = (root(&mut comp, *a), root(&mut comp, *b));
            if ra != rb {
                comp.insert(ra.max(rb), ra.min(rb));
            }
        }
        let mut parts: BTreeMap<usize, (BTreeSet<usize>, BTreeSet<String>)> = BTreeMap::new();
        for (a, b, slot) in &pairs {
            let r = root(&mut comp, *a);
            let e = parts.entry(r).or_default();
            e.0.insert(*a);
            e.0.insert(*b);
            e.1.insert(slot.clone());
        }
        let mut in_conflict: BTreeMap<usize, usize> = BTreeMap::new();
        let first_conflict = conflicts.len();
        let mut group_conflicts: Vec<(Conflict, Vec<usize>)> = Vec::new();
        for (members, slots) in parts.into_values() {
            let members: Vec<usize> = members.into_iter().collect();
            let kind = said[members[0]].found.kind;
            let mut statements: Vec<Statement> = members.iter().map(|&k| statement(k)).collect();
            statements.sort();
            group_conflicts.push((
                Conflict {
                    group: g,
                    kind,
                    slot: slots.into_iter().next().unwrap_or_default(),
                    statements,
                },
                members,
            ));
        }
        let sort_key = |c: &Conflict| {
            let mut values: Vec<&str> = c.statements.iter().map(|s| s.value.as_str()).collect();
            values.sort_unstable();
            (c.kind, c.slot.clone(), values.join("\u{1}"))
        };
        group_conflicts.sort_by_key(|a| sort_key(&a.0));
        for (k, (c, members)) in group_conflicts.into_iter().enumerate() {
            for m in members {
                in_conflict.insert(m, first_conflict + k);
            }
            conflicts.push(c);
        }

        // Facts: statements of one kind, slot and value.
        let mut by_value: BTreeMap<(FactKind, String, String), Vec<usize>> = BTreeMap::new();
        let mut order: Vec<usize> = (0..said.len()).collect();
        // Longest quotations first, so a shorter one joins the longer one it is part of.
        order.sort_by(|&a, &b| {
            let (x, y) = (&said[a].found, &said[b].found);
            y.key
                .len()
                .cmp(&x.key.len())
                .then_with(|| x.key.cmp(&y.key))
        });
        for k in order {
            let f = &said[k].found;
            let slot = match f.kind {
                FactKind::Count | FactKind::Name => f.slot.clone(),
                _ => String::new(),
            };
            let joined = if f.kind == FactKind::Quote {
                by_value
                    .iter_mut()
                    .find(|((kind, _, value), _)| {
                        *kind == FactKind::Quote && agree(&Val::Quote(value.clone()), &f.val)
                    })
                    .map(|(_, v)| v.push(k))
                    .is_some()
            } else if let Val::Date(v) = &f.val {
                // A day without its year ("le 16 janvier", in an account whose date is not
                // known) is the same fact as the one full date it fits, when there is one.
                let fits: Vec<&(FactKind, String, String)> = if v.full().is_none() && v.day_level()
                {
                    by_value
                        .keys()
                        .filter(|(kind, _, value)| {
                            *kind == FactKind::Date
                                && Date::parse_iso(value).is_some_and(|d| {
                                    v.compatible(&DateValue {
                                        year: Some(d.year),
                                        month: Some(d.month),
                                        day: Some(d.day),
                                        weekday: None,
                                    })
                                })
                        })
                        .collect()
                } else {
                    Vec::new()
                };
                match fits.as_slice() {
                    [one] => {
                        let one = (*one).clone();
                        by_value.get_mut(&one).map(|m| m.push(k)).is_some()
                    }
                    _ => false,
                }
            } else {
                false
            };
            if !joined {
                by_value
                    .entry((f.kind, slot, f.key.clone()))
                    .or_default()
                    .push(k);
            }
        }
        for ((kind, slot, value), members) in by_value {
            let docs: BTreeSet<DocId> = members.iter().map(|&k| said[k].doc).collect();
            let conflict = members
                .iter()
                .filter_map(|k| in_conflict.get(k))
                .min()
                .copied();
            let status = if conflict.is_some() {
                FactStatus::Conflict
            } else if docs.len() >= 2 {
                FactStatus::Agreed
            } else {
                FactStatus::Unconfirmed
            };
            let mut statements: Vec<Statement> = members.iter().map(|&k| statement(k)).collect();
            statements.sort();
            facts.push(Fact {
                group: g,
                kind,
                slot,
                value,
                status,
                conflict,
                statements,
            });
        }
    }
    (facts, conflicts)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str, date: Option<&str>) -> Vec<(FactKind, String, String)> {
        let norm = Normalizer::default();
        scan(
            text,
            crate::normalize::detect_lang(text),
            date.and_then(Date::parse_iso),
            &norm,
        )
        .into_iter()
        .map(|f| (f.kind, f.slot, f.key))
        .collect()
    }

    fn keys(text: &str, date: Option<&str>) -> Vec<String> {
        found(text, date).into_iter().map(|f| f.2).collect()
    }

    #[test]
    fn dates_relative_and_absolute() {
        assert_eq!(Date::parse_iso("2019-01-26").map(Date::weekday), Some(5));
        assert_eq!(
            keys("L'attaque a eu lieu vendredi.", Some("2019-01-27")),
            ["2019-01-25"]
        );
        assert_eq!(
            keys("L'attaque a eu lieu samedi 26 janvier.", Some("2019-01-27")),
            ["2019-01-26"]
        );
        assert_eq!(
            keys("Il est arrivé hier.", Some("2019-03-01")),
            ["2019-02-28"]
        );
        assert_eq!(
            keys("It happened yesterday.", Some("2020-03-01")),
            ["2020-02-29"]
        );
        assert_eq!(keys("Il est arrivé hier.", None), Vec::<String>::new());
        assert_eq!(keys("le 8 décembre 2025", None), ["2025-12-08"]);
        assert_eq!(keys("vendredi", None), ["friday"]);
    }

    #[test]
    fn anchored_days_are_the_ones_only_the_account_date_pins_down() {
        let norm = Normalizer::default();
        let anchor = Date::parse_iso("2025-01-17").unwrap();
        let days = |text: &str| -> Vec<String> {
            anchored_days(text, Lang::French, anchor, &norm)
                .into_iter()
                .map(|(at, d)| format!("{}@{at}", d))
                .collect()
        };
        assert_eq!(days("Le conseil a voté hier."), ["2025-01-16@19"]);
        assert_eq!(days("Mardi, il avait rejeté le projet."), ["2025-01-14@0"]);
        assert_eq!(days("le 14 janvier"), ["2025-01-14@3"]);
        // A date written out in full needs no anchor: nothing to add.
        assert_eq!(days("le 14 janvier 2025"), Vec::<String>::new());
        assert_eq!(days("Rien de daté ici."), Vec::<String>::new());
    }

    #[test]
    fn counts_amounts_percentages_ranges() {
        assert_eq!(
            found("deux soldats tués et 5 blessés", None),
            [
                (FactKind::Count, "soldat tu".to_string(), "2".to_string()),
                (FactKind::Count, "bless".to_string(), "5".to_string())
            ]
        );
        assert_eq!(
            keys("un plan de 10,5 milliards d'euros", None),
            ["10500000000 EUR"]
        );
        assert_eq!(
            keys("a plan of 10.5 billion euros", None),
            ["10500000000 EUR"]
        );
        assert_eq!(keys("un taux de 8,5 %", None), ["8.5%"]);
        assert_eq!(
            keys("entre 28 à 30,5 milliards", None),
            ["28000000000–30500000000"]
        );
        assert_eq!(keys("vers 14 h 30", None), ["14:30"]);
    }

    #[test]
    fn rounding_and_hedges_are_no_conflict() {
        let v = |t: &str| scan(t, Lang::French, None, &Normalizer::default()).remove(0);
        assert!(!disagree(&v("300 manifestants"), &v("320 manifestants")));
        assert!(disagree(&v("cinq blessés"), &v("quatre blessés")));
        assert!(!disagree(&v("près de 5 blessés"), &v("quatre blessés")));
    }

    #[test]
    fn dotted_thousands_and_currency_symbols() {
        assert_eq!(keys("une prime de 1.000 euros", None), ["1000 EUR"]);
        assert_eq!(keys("une prime de 1 000 €", None), ["1000 EUR"]);
        assert_eq!(keys("a $5 billion loan", None), ["5000000000 USD"]);
    }

    #[test]
    fn names_agree_on_given_name_titles_and_compounds() {
        let name = |t: &str| {
            scan(t, Lang::French, None, &Normalizer::default())
                .into_iter()
                .find(|f| f.kind == FactKind::Name)
                .unwrap()
        };
        let a = name("selon Jean-Luc Romero.");
        assert!(disagree(&a, &name("selon Jean-Louis Romero.")));
        assert!(!disagree(&a, &name("selon M. Romero.")));
        assert!(!disagree(
            &name("à Carla Sarkozy."),
            &name("à Carla Bruni-Sarkozy.")
        ));
        assert!(!disagree(
            &name("la ministre de l'Economie Christine Lagarde."),
            &name("avec Mme Lagarde.")
        ));
    }

    #[test]
    fn saying_verbs_and_conditionals_keep_dates_and_figures_out_of_conflicts() {
        let v = |t: &str| scan(t, Lang::French, None, &Normalizer::default()).remove(0);
        assert!(v("a annoncé mardi l'agence").modal);
        assert!(v("la baisse devrait atteindre 65 %").modal);
        assert!(!v("la baisse a atteint 55 %").modal);
    }

    #[test]
    fn odd_inputs_never_panic_and_offsets_stay_in_the_text() {
        let odd = [
            "",
            "«",
            "“ a b c",
            "\"",
            "$",
            "€5",
            "5€",
            "£",
            "14h99",
            "24:00 pm",
            "12 am",
            "1.000.000,5 euros",
            "last",
            "Friday next",
            "vendredi prochain",
            "avant",
            "hier",
            "aujourd'hui",
            "31 février 2019",
            "le 29 février 2021",
            "9999999999999999999999 milliards",
            "1e400",
            "28 à",
            "entre 3 et",
            "28-30 %",
            "de 28 à 30,5 milliards d'euros de dépenses",
            "M.",
            "M. ",
            "J.-P. Dupont",
            "Éric É. Émile",
            "ǅ ǅ ǅ",
            "٣ blessés",
            "５ blessés",
            "3\u{a0}000\u{a0}€",
            "10 % ",
            "10 pour",
            "10 per",
            "en 2999",
            "en 1000 ans",
        ];
        let norm = Normalizer::default();
        for date in [
            None,
            Date::parse_iso("1000-01-01"),
            Date::parse_iso("2999-12-31"),
        ] {
            for text in odd {
                for lang in [Lang::French, Lang::English] {
                    for f in scan(text, lang, date, &norm) {
                        assert!(f.start < f.end && f.end <= text.len(), "{text:?}");
                        assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
                    }
                }
            }
        }
    }
}
