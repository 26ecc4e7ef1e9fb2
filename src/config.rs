//! One struct for every knob, so no function takes a boolean parameter.

use crate::linker::LinkModel;

/// How texts are cut into units of comparison.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Split {
    /// Sentences, headings and list items (the default).
    #[default]
    Sentences,
    /// Each non-empty line is one segment (pre-segmented input, as hunalign takes it).
    Lines,
    /// Paragraphs (blocks separated by blank lines or line breaks after a full stop).
    Paragraphs,
}

/// Which language rules to use.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum LangChoice {
    /// Guess per document (French or English).
    #[default]
    Auto,
    /// French for every document.
    French,
    /// English for every document.
    English,
}

/// Everything a comparison can be told.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// Segmentation.
    pub split: Split,
    /// Language rules.
    pub lang: LangChoice,
    /// How likely a pair must be to link, in [0, 1]; lower links more.
    pub threshold: f32,
    /// Word diffs and "identical" ignore letter case.
    pub ignore_case: bool,
    /// Word diffs and "identical" ignore accents.
    pub ignore_accents: bool,
    /// Word diffs and "identical" ignore punctuation.
    pub ignore_punctuation: bool,
    /// The weights that turn a pair's evidence into a probability of a link.
    pub model: LinkModel,
}

impl Config {
    /// The default threshold: a link's probability must reach it. Fitted with the link
    /// model by `cargo xtask train` (the F1-best threshold on the training data).
    pub const DEFAULT_THRESHOLD: f32 = crate::linker::TRAINED_THRESHOLD;

    /// `threshold` if it is a usable link threshold (a number in [0, 1]), or the message
    /// both surfaces show.
    pub fn checked_threshold(threshold: f32) -> Result<f32, String> {
        if (0.0..=1.0).contains(&threshold) {
            Ok(threshold)
        } else {
            Err(format!(
                "threshold must be a number between 0 and 1, got {threshold}"
            ))
        }
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            split: Split::Sentences,
            lang: LangChoice::Auto,
            threshold: Self::DEFAULT_THRESHOLD,
            ignore_case: false,
            ignore_accents: false,
            ignore_punctuation: false,
            model: LinkModel::default(),
        }
    }
}
