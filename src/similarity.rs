//! How alike two segments are, from several signals: IDF-weighted overlap of informative
//! terms (dice and containment, so a shared clause counts), character 4-grams for variants
//! and typos, and agreement of numbers and dates.

use std::collections::HashMap;

use crate::normalize::{Term, TermClass};

/// Interned terms of every document of a comparison, with their document frequency.
#[derive(Default, Debug)]
pub struct Vocabulary {
    ids: HashMap<String, u32>,
    /// In how many segments each term occurs.
    pub df: Vec<u32>,
    /// A surface form of each term, for explanations.
    pub surface: Vec<String>,
    /// The class each term was first seen with.
    pub class: Vec<TermClass>,
    /// Number of segments counted.
    pub segments: u32,
}

impl Vocabulary {
    /// The id of `key`, interning it.
    pub fn intern(&mut self, key: &str, surface: &str, class: TermClass) -> u32 {
        if let Some(&id) = self.ids.get(key) {
            return id;
        }
        let id = self.df.len() as u32;
        self.ids.insert(key.to_string(), id);
        self.df.push(0);
        self.surface.push(surface.to_string());
        self.class.push(class);
        id
    }

    /// True for names and acronyms: who or what the segment is about.
    pub fn is_name(&self, id: u32) -> bool {
        matches!(
            self.class.get(id as usize),
            Some(TermClass::Name | TermClass::Acronym)
        )
    }

    /// The id of `key`, if any segment has it.
    pub fn get(&self, key: &str) -> Option<u32> {
        self.ids.get(key).copied()
    }

    /// Inverse document frequency of a term over all segments compared.
    pub fn idf(&self, id: u32) -> f32 {
        let n = self.segments.max(1) as f32;
        let df = self.df[id as usize].max(1) as f32;
        (1.0 + n / df).ln()
    }
}

/// How much a class of term weighs against an ordinary word. Hand-set guesses from
/// reading the seed pairs (a shared name, figure or date says more about a shared fact
/// than a shared word); since issue 9 the link model learns on top of these weights.
pub fn class_weight(class: TermClass) -> f32 {
    match class {
        TermClass::Word => 1.0,
        TermClass::Name | TermClass::Acronym => 1.4,
        TermClass::Number => 1.4,
        TermClass::Date => 2.0,
    }
}

/// What similarity needs to know about one segment (or a run of merged segments).
#[derive(Clone, Debug, Default)]
pub struct Features {
    /// (term id, weight = idf × class weight), sorted by id, one entry per term.
    pub terms: Vec<(u32, f32)>,
    /// Ids of number and date terms, sorted.
    pub numbers: Vec<u32>,
    /// Hashed character 4-grams of the folded content words, sorted and unique.
    pub grams: Vec<u32>,
    /// Sum of the term weights.
    pub mass: f32,
    /// The terms of each clause (text between commas, semicolons, colons, brackets,
    /// dashes and quotation marks), sorted by id; a clause shared inside a long sentence
    /// is evidence a whole-sentence score dilutes.
    pub clauses: Vec<Vec<(u32, f32)>>,
    /// The segment says something is not so ("ne … pas", "sans", "aucun", "not", "without").
    pub negated: bool,
}

/// Byte offsets where a new clause starts in `text`.
fn clause_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    let bytes = text.as_bytes();
    for (k, c) in text.char_indices() {
        let next_is_space = bytes
            .get(k + c.len_utf8())
            .is_none_or(|b| b.is_ascii_whitespace());
        let boundary = match c {
            ';' | '(' | ')' | '«' | '»' | '“' | '”' | '—' | '–' => true,
            // "1,5" and "12:30" are numbers, not clause breaks.
            ',' | ':' => next_is_space,
            _ => false,
        };
        if boundary {
            starts.push(k + c.len_utf8());
        }
    }
    starts
}

/// Words that negate what their clause says, folded (French and English).
const NEGATIONS: &[&str] = &[
    "ne",
    "pas",
    "jamais",
    "aucun",
    "aucune",
    "sans",
    "ni",
    "nullement",
    "not",
    "never",
    "without",
    "nor",
    "cannot",
];

fn negated(text: &str) -> bool {
    negations(text).next().is_some()
}

/// Byte offsets of the words of `text` that negate their clause.
fn negations(text: &str) -> impl Iterator<Item = usize> + '_ {
    // The longest negation ("nullement") has 9 letters, and folding keeps at least one
    // char for every char but combining marks: longer words are not folded to be compared
    // (every word was; folding was 8 % of the instructions at 100k words, issue 13).
    const LONGEST: usize = 9;
    crate::normalize::words(text)
        .into_iter()
        .filter(move |w| {
            let letters = || {
                w.text
                    .chars()
                    .filter(|&c| !unicode_normalization::char::is_combining_mark(c))
                    .count()
            };
            if w.numeric || (w.text.len() > LONGEST && letters() > LONGEST) {
                return false;
            }
            let f = crate::normalize::fold(w.text);
            NEGATIONS.contains(&f.as_str())
                || f == "n" && text[w.start + w.text.len()..].starts_with(['\'', '’'])
        })
        .map(|w| w.start)
}

/// Whether a negation of `text` bears on what it shares with another passage: a negating
/// word in a clause that holds one of the shared places (byte offsets). "Ils ont maîtrisé
/// le feu, sans faire de victime" negates nothing of "ils ont maîtrisé le feu".
pub fn negation_bears_on(text: &str, shared: &[usize]) -> bool {
    let starts = clause_starts(text);
    let clause = |at: usize| starts.partition_point(|&s| s <= at);
    negations(text).any(|n| shared.iter().any(|&s| clause(s) == clause(n)))
}

impl Features {
    /// Builds features of the segment `text` from its terms, already interned (ids
    /// parallel to `terms`).
    pub fn new(text: &str, terms: &[Term], ids: &[u32], vocab: &Vocabulary) -> Features {
        let mut pairs: Vec<(u32, f32)> = ids
            .iter()
            .zip(terms)
            .map(|(&id, t)| (id, vocab.idf(id) * class_weight(t.class)))
            .collect();
        pairs.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
        pairs.dedup_by_key(|p| p.0);
        let mut numbers: Vec<u32> = ids
            .iter()
            .zip(terms)
            .filter(|(_, t)| matches!(t.class, TermClass::Number | TermClass::Date))
            .map(|(&id, _)| id)
            .collect();
        numbers.sort_unstable();
        numbers.dedup();
        let mut grams = Vec::new();
        // One buffer for every word (two allocations a word here were a tenth of the
        // allocations at 100k words, issue 13).
        let mut w: Vec<char> = Vec::new();
        for t in terms
            .iter()
            .filter(|t| t.class != TermClass::Number && t.class != TermClass::Date)
        {
            w.clear();
            w.push(' ');
            w.extend(crate::normalize::fold(&t.surface).chars());
            w.push(' ');
            // Character 4-grams (with word boundaries): catch inflections a stemmer
            // misses; 4 is the usual choice for French and English (a guess, not tuned).
            for g in w.windows(4) {
                grams.push(hash4(g));
            }
        }
        grams.sort_unstable();
        grams.dedup();
        let mass = pairs.iter().map(|p| p.1).sum();
        let starts = clause_starts(text);
        let mut clauses: Vec<Vec<(u32, f32)>> = vec![Vec::new(); starts.len()];
        for (&id, t) in ids.iter().zip(terms) {
            let clause = starts.partition_point(|&s| s <= t.start).saturating_sub(1);
            clauses[clause].push((id, vocab.idf(id) * class_weight(t.class)));
        }
        let mut clauses: Vec<Vec<(u32, f32)>> = clauses
            .into_iter()
            .filter(|c| !c.is_empty())
            .map(|mut c| {
                c.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
                c.dedup_by_key(|p| p.0);
                c
            })
            .collect();
        // One clause is the whole segment: nothing more to learn from it.
        if clauses.len() == 1 {
            clauses.clear();
        }
        Features {
            terms: pairs,
            numbers,
            grams,
            mass,
            clauses,
            negated: negated(text),
        }
    }

    /// The union of several segments' features (a split or a merge).
    pub fn union(parts: &[&Features]) -> Features {
        let mut terms: Vec<(u32, f32)> =
            parts.iter().flat_map(|f| f.terms.iter().copied()).collect();
        terms.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
        terms.dedup_by_key(|p| p.0);
        let mut numbers: Vec<u32> = parts
            .iter()
            .flat_map(|f| f.numbers.iter().copied())
            .collect();
        numbers.sort_unstable();
        numbers.dedup();
        let mut grams: Vec<u32> = parts.iter().flat_map(|f| f.grams.iter().copied()).collect();
        grams.sort_unstable();
        grams.dedup();
        let mass = terms.iter().map(|p| p.1).sum();
        Features {
            terms,
            numbers,
            grams,
            mass,
            clauses: parts
                .iter()
                .flat_map(|f| f.clauses.iter().cloned())
                .collect(),
            negated: parts.iter().any(|f| f.negated),
        }
    }
}

fn hash4(g: &[char]) -> u32 {
    // FNV-1a: stable across platforms and runs (results must be deterministic).
    let mut h: u32 = 0x811c_9dc5;
    for c in g {
        h ^= *c as u32;
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// The parts of a similarity score, kept for explanations and tuning.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Score {
    /// Weight of the shared terms.
    pub shared: f32,
    /// 2·shared / (mass a + mass b).
    pub dice: f32,
    /// shared / min(mass a, mass b): how much of the shorter one the longer covers.
    pub containment: f32,
    /// Dice of character 4-grams.
    pub grams: f32,
    /// The combined score in [0, 1].
    pub total: f32,
}

/// Weights of the signals, tuned with `cargo xtask eval` on the seed gold pairs and the
/// generated bench pairs together (coordinate search; see the eval notes in ARCHITECTURE.md).
const W_DICE: f32 = 0.5;
const W_CONTAINMENT: f32 = 0.3;
const W_GRAMS: f32 = 0.2;

/// Smallest shared weight that can make a link: about two ordinary informative words.
/// Hand-set (a guess checked by reading the seed pairs' false links, issue 2).
pub const MIN_SHARED: f32 = 3.0;

/// How far containment can be trusted: fully once the shorter side weighs three times
/// [`MIN_SHARED`], less for trivially short segments (a two-word heading is "contained"
/// in almost anything).
pub fn containment_trust(a: &Features, b: &Features) -> f32 {
    (a.mass.min(b.mass) / (3.0 * MIN_SHARED)).min(1.0)
}

/// Scores two segments. Symmetric: `score(a, b) == score(b, a)`.
pub fn score(a: &Features, b: &Features) -> Score {
    let shared = shared_weight(&a.terms, &b.terms);
    if shared <= 0.0 || a.mass <= 0.0 || b.mass <= 0.0 {
        return Score::default();
    }
    let dice = 2.0 * shared / (a.mass + b.mass);
    let containment = shared / a.mass.min(b.mass);
    let common_grams = count_common(&a.grams, &b.grams) as f32;
    let grams = if a.grams.is_empty() || b.grams.is_empty() {
        0.0
    } else {
        2.0 * common_grams / (a.grams.len() + b.grams.len()) as f32
    };
    let mut total =
        W_DICE * dice + W_CONTAINMENT * containment * containment_trust(a, b) + W_GRAMS * grams;
    // Numbers both sides state but never agree on: likely different facts. The 0.85 is a
    // guess; the link model also sees the numbers (its "numbers differ" evidence).
    if !a.numbers.is_empty() && !b.numbers.is_empty() && count_common(&a.numbers, &b.numbers) == 0 {
        total *= 0.85;
    }
    // Too little in common to be more than chance.
    if shared < MIN_SHARED {
        total *= shared / MIN_SHARED;
    }
    Score {
        shared,
        dice,
        containment,
        grams,
        total: total.clamp(0.0, 1.0),
    }
}

/// Summed weight of the terms two sorted term lists share.
pub fn shared_weight(a: &[(u32, f32)], b: &[(u32, f32)]) -> f32 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += a[i].1.min(b[j].1);
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

/// How many ids two sorted lists share.
pub fn count_common(a: &[u32], b: &[u32]) -> usize {
    // Branch-free: which list steps is data, not a jump the processor mispredicts on
    // half the steps (the gram lists' merge was the largest part of `score`, 10 % of
    // the time at 100k words, issue 13).
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        let (x, y) = (a[i], b[j]);
        n += usize::from(x == y);
        i += usize::from(x <= y);
        j += usize::from(y <= x);
    }
    n
}

/// The shared terms of two feature sets, heaviest first (for "why was this linked").
pub fn shared_terms(a: &Features, b: &Features) -> Vec<(u32, f32)> {
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < a.terms.len() && j < b.terms.len() {
        match a.terms[i].0.cmp(&b.terms[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push((a.terms[i].0, a.terms[i].1.min(b.terms[j].1)));
                i += 1;
                j += 1;
            }
        }
    }
    out.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
    out
}

/// How much of its best clause one side shares with the other segment: the largest
/// share of a clause's weight found in the other segment, over the clauses of both
/// sides that weigh at least [`MIN_SHARED`].
pub fn clause_cover(a: &Features, b: &Features) -> f32 {
    let best = |x: &Features, y: &Features| {
        x.clauses
            .iter()
            .map(|c| {
                let mass: f32 = c.iter().map(|p| p.1).sum();
                if mass < MIN_SHARED {
                    0.0
                } else {
                    shared_weight(c, &y.terms) / mass
                }
            })
            .fold(0.0f32, f32::max)
    };
    best(a, b).max(best(b, a))
}

/// Summed weight of the names and acronyms two segments share.
pub fn shared_names(a: &Features, b: &Features, vocab: &Vocabulary) -> f32 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < a.terms.len() && j < b.terms.len() {
        match a.terms[i].0.cmp(&b.terms[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                if vocab.is_name(a.terms[i].0) {
                    sum += a.terms[i].1.min(b.terms[j].1);
                }
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Lang;
    use crate::normalize::Normalizer;

    /// Features of several texts sharing one vocabulary (IDF over all of them).
    fn features(texts: &[&str]) -> Vec<Features> {
        let normalizer = Normalizer::default();
        let terms: Vec<Vec<Term>> = texts
            .iter()
            .map(|t| normalizer.terms(t, Lang::French))
            .collect();
        let mut vocab = Vocabulary::default();
        let ids: Vec<Vec<u32>> = terms
            .iter()
            .map(|ts| {
                ts.iter()
                    .map(|t| vocab.intern(&t.key, &t.surface, t.class))
                    .collect()
            })
            .collect();
        for list in &ids {
            let mut unique = list.clone();
            unique.sort_unstable();
            unique.dedup();
            for id in unique {
                vocab.df[id as usize] += 1;
            }
            vocab.segments += 1;
        }
        texts
            .iter()
            .zip(&terms)
            .zip(&ids)
            .map(|((text, t), i)| Features::new(text, t, i, &vocab))
            .collect()
    }

    #[test]
    fn negation_is_seen_in_both_languages() {
        let f = features(&[
            "Il est reparti sans leur demander d'engagement.",
            "Il a demandé des engagements.",
            "Le ministre n'a pas signé.",
            "The minister did not sign.",
        ]);
        assert!(f[0].negated, "sans");
        assert!(!f[1].negated);
        assert!(f[2].negated, "n' ... pas");
        assert!(f[3].negated, "not");
    }

    #[test]
    fn a_negation_bears_only_on_its_own_clause() {
        let text = "Les pompiers ont maîtrisé le feu, sans faire de victime.";
        let feu = text.find("feu").unwrap();
        let victime = text.find("victime").unwrap();
        assert!(
            !negation_bears_on(text, &[feu]),
            "the shared words are outside"
        );
        assert!(
            negation_bears_on(text, &[feu, victime]),
            "a shared word is inside"
        );
        assert!(!negation_bears_on(
            "Les pompiers ont maîtrisé le feu.",
            &[0]
        ));
    }

    #[test]
    fn a_clause_shared_inside_a_long_sentence_is_covered() {
        // The long sentence's second clause is the short one, reworded only in its order.
        let f = features(&[
            "Après trois jours de débats au Parlement, les députés ont adopté la réforme des retraites par 312 voix, malgré la grève des cheminots.",
            "La grève des cheminots n'a pas empêché le vote.",
            "Le temps sera ensoleillé demain sur la Bretagne.",
        ]);
        assert!(f[0].clauses.len() >= 2);
        let shared = clause_cover(&f[0], &f[1]);
        let unrelated = clause_cover(&f[0], &f[2]);
        assert!(shared > 0.5, "shared clause covered: {shared}");
        assert!(
            shared > score(&f[0], &f[1]).dice * 2.0,
            "a clause says more than the sentence"
        );
        assert!(unrelated < 0.2, "unrelated: {unrelated}");
        assert_eq!(clause_cover(&f[0], &f[1]), clause_cover(&f[1], &f[0]));
    }

    #[test]
    fn scores_are_symmetric() {
        let f = features(&[
            "Le Conseil a siégé à Montréal le 8 décembre 2025.",
            "Réuni à Montréal, le Conseil a signé deux accords.",
        ]);
        assert_eq!(score(&f[0], &f[1]), score(&f[1], &f[0]));
    }
}
