//! The words a report adds around the documents' text, in English and French (the page's
//! two languages; `www/i18n.js` words the page itself).

use super::Lang;

/// Headings and labels of the HTML and Markdown reports.
pub(super) struct Words {
    pub(super) title: &'static str,
    pub(super) made_with: &'static str,
    pub(super) accounts: &'static str,
    pub(super) account: &'static str,
    pub(super) source: &'static str,
    pub(super) date: &'static str,
    pub(super) address: &'static str,
    pub(super) sentences: &'static str,
    pub(super) conflicts: &'static str,
    pub(super) no_conflict: &'static str,
    pub(super) who: &'static str,
    pub(super) who_legend: &'static str,
    pub(super) passage: &'static str,
    pub(super) all_report: &'static str,
    pub(super) none_all: &'static str,
    pub(super) only_one: &'static str,
    pub(super) only_in: &'static str,
    pub(super) nothing_unique: &'static str,
    pub(super) pairs: &'static str,
    pub(super) covered: &'static str,
    pub(super) no_link: &'static str,
    pub(super) moved: &'static str,
    pub(super) legend: &'static str,
    pub(super) summary: &'static str,
    pub(super) kinds: [(&'static str, &'static str); 3],
    pub(super) values: [(&'static str, &'static str); 8],
}

const EN: Words = Words {
    title: "Comparison of {n} accounts",
    made_with: "Made with recoupe {version}",
    accounts: "Accounts",
    account: "Account",
    source: "Source",
    date: "Date",
    address: "Address",
    sentences: "Sentences",
    conflicts: "Conflicts",
    no_conflict: "No conflict: where the accounts give dates, figures and names for the same thing, they agree.",
    who: "Who reports what",
    who_legend: "● tells it as the others do · ◐ tells part of it · ≠ tells it differently (a conflicting value) · blank: does not tell it",
    passage: "Passage",
    all_report: "What all accounts report",
    none_all: "No passage is told by every account.",
    only_one: "What only one account reports",
    only_in: "Only in {account}",
    nothing_unique: "Nothing: every sentence has a partner.",
    pairs: "Passage by passage",
    covered: "{a}% of {A} and {b}% of {B} are shared.",
    no_link: "No passage in common.",
    moved: "moved:",
    legend: "Shared words are highlighted on both sides; a figure or date that only one side states is marked ≠. In identical and equivalent passages, deleted words are struck out and added words underlined. § numbers count sentences from 1.",
    summary: "Passages told by all accounts: {all} · sentences told by one only: {one} · conflicts: {conflicts}.",
    kinds: [("identical", "identical"), ("equivalent", "equivalent"), ("partial", "partly shared")],
    values: [
        ("date", "date"),
        ("time", "time"),
        ("number", "number"),
        ("amount", "amount"),
        ("percent", "percentage"),
        ("range", "range"),
        ("name", "name"),
        ("quote", "quotation"),
    ],
};

const FR: Words = Words {
    title: "Comparaison de {n} récits",
    made_with: "Réalisé avec recoupe {version}",
    accounts: "Récits",
    account: "Récit",
    source: "Source",
    date: "Date",
    address: "Adresse",
    sentences: "Phrases",
    conflicts: "Contradictions",
    no_conflict: "Aucune contradiction : là où les récits donnent des dates, des chiffres et des noms pour la même chose, ils concordent.",
    who: "Qui rapporte quoi",
    who_legend: "● le rapporte comme les autres · ◐ en partie · ≠ autrement (une valeur contradictoire) · vide : ne le rapporte pas",
    passage: "Passage",
    all_report: "Ce que tous les récits rapportent",
    none_all: "Aucun passage n'est rapporté par tous les récits.",
    only_one: "Ce qu'un seul récit rapporte",
    only_in: "Seulement dans {account}",
    nothing_unique: "Rien : chaque phrase a un pendant.",
    pairs: "Passage par passage",
    covered: "{a} % de {A} et {b} % de {B} sont en commun.",
    no_link: "Aucun passage en commun.",
    moved: "déplacé :",
    legend: "Les mots en commun sont surlignés des deux côtés ; un chiffre ou une date qu'un seul côté donne est marqué ≠. Dans les passages identiques et équivalents, les mots supprimés sont barrés et les mots ajoutés soulignés. Les numéros § comptent les phrases à partir de 1.",
    summary: "Passages rapportés par tous les récits : {all} · phrases rapportées par un seul : {one} · contradictions : {conflicts}.",
    kinds: [("identical", "identique"), ("equivalent", "équivalent"), ("partial", "en partie commun")],
    values: [
        ("date", "date"),
        ("time", "heure"),
        ("number", "nombre"),
        ("amount", "montant"),
        ("percent", "pourcentage"),
        ("range", "fourchette"),
        ("name", "nom"),
        ("quote", "citation"),
    ],
};

impl Words {
    /// The words of `lang`.
    pub(super) fn of(lang: Lang) -> &'static Words {
        match lang {
            Lang::En => &EN,
            Lang::Fr => &FR,
        }
    }

    /// A link kind ("partial") in words.
    pub(super) fn kind(&self, kind: &str) -> &'static str {
        self.kinds
            .iter()
            .find(|(k, _)| *k == kind)
            .map_or("", |(_, w)| w)
    }

    /// A value kind ("percent") in words.
    pub(super) fn value(&self, kind: &str) -> &'static str {
        self.values
            .iter()
            .find(|(k, _)| *k == kind)
            .map_or("", |(_, w)| w)
    }
}

/// `template` with each `{key}` replaced, in one pass (a value that itself holds "{B}"
/// stays as it is).
pub(super) fn fill(template: &str, pairs: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let key = &after[..close];
            pairs
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| (*v, close))
        });
        match value {
            Some((v, close)) => {
                out.push_str(v);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::fill;

    #[test]
    fn values_are_not_filled_again() {
        assert_eq!(
            fill("{a} and {b} {c}", &[("a", "{b}"), ("b", "x")]),
            "{b} and x {c}"
        );
    }
}
