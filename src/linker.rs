//! How likely a candidate pair of segments is to assert a shared proposition: a logistic
//! model over the pair's evidence ([`Evidence`]), then, with three or more accounts, a
//! second small model that adds what the other accounts say about the pair.
//!
//! The weights below are learned, not hand-set: `cargo xtask train --write` fits them on
//! `../shared/gold/news-dev/`, the seed golds (every candidate pair the engine proposes,
//! labelled by the annotators) and the generated pairs `bench-data/w1000`, `w10000`
//! (`../shared/bench/prepare.sh bench-data 1000 10000` first), and rewrites the block
//! between the markers.
//! `cargo xtask eval` reports them leave-one-event-out. A model file written by
//! `cargo xtask train --out FILE` can be given to the command line with `--model FILE`.

/// Names of the evidence features, in the order of [`Evidence`] and of the weights.
pub const EVIDENCE_NAMES: [&str; EVIDENCE] = [
    "dice",
    "containment",
    "char_grams",
    "log_shared",
    "log_margin",
    "rank_low",
    "rank_high",
    "mutual_best",
    "clause_cover",
    "log_shared_names",
    "shared_numbers",
    "number_conflict",
    "negation_mismatch",
    "drift",
    "neighbour",
    "length_ratio",
    "title",
    "revision_mutual_best",
    "revision_rank_low",
    "revision",
];

/// Number of evidence features.
pub const EVIDENCE: usize = 20;

/// What is known about one candidate pair; every feature is symmetric in the two sides.
pub type Evidence = [f32; EVIDENCE];

/// The weights of both stages and the link threshold they were fitted with.
#[derive(Clone, Debug, PartialEq)]
pub struct LinkModel {
    /// Bias, then one weight per evidence feature.
    pub pair: [f32; EVIDENCE + 1],
    /// With three or more accounts: bias, weight of the first stage's log-odds, weight of
    /// the support from third accounts (a sentence of a third account both link to).
    pub third: [f32; 3],
}

impl Default for LinkModel {
    fn default() -> Self {
        LinkModel {
            pair: TRAINED_PAIR,
            third: TRAINED_THIRD,
        }
    }
}

impl LinkModel {
    /// Log-odds that a pair links, from its evidence alone.
    pub fn pair_logit(&self, evidence: &Evidence) -> f32 {
        self.pair[0]
            + evidence
                .iter()
                .zip(&self.pair[1..])
                .map(|(x, w)| x * w)
                .sum::<f32>()
    }

    /// Probability after the third-account stage, from the first stage's log-odds and
    /// the support `third` (in [0, 1]) that other accounts lend the pair.
    pub fn with_third(&self, logit: f32, third: f32) -> f32 {
        sigmoid(self.third[0] + self.third[1] * logit + self.third[2] * third)
    }
}

/// The logistic function.
pub fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}

// BEGIN TRAINED (cargo xtask train --write)
/// First-stage weights (bias first, then [`EVIDENCE_NAMES`] in order), fitted by
/// `cargo xtask train` on 19 events (news-dev, the seed pairs, and the
/// generated pairs w1000 and w10000 of ../shared/bench/prepare.sh).
#[rustfmt::skip]
const TRAINED_PAIR: [f32; EVIDENCE + 1] = [-5.2311, 1.5368, 2.0839, 2.5588, 1.4229, 0.4673, -0.5265, -0.4790, 0.1336, 1.0606, -0.5220, 1.5931, 0.2549, -0.1702, -0.3248, 1.9187, -0.3616, -0.4504, 1.1329, 0.1163, -2.1737];
/// Third-account stage weights (bias, stage-1 log-odds, support), fitted likewise.
const TRAINED_THIRD: [f32; 3] = [-0.2545, 0.9486, 1.4820];
/// The link threshold that maximised micro F1 on the same data.
pub const TRAINED_THRESHOLD: f32 = 0.26;
// END TRAINED
