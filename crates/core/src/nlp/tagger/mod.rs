//! The entity tagger: a structured averaged perceptron over hashed features with BIO tags, Viterbi
//! decoding under tag-transition constraints, span confidences from max-marginal margins, and a
//! document-level consistency pass.
//!
//! The shipped weights are a dense table of `2^bits` rows × tags, quantised to `i8` with one scale.
//! [`Delta`] is a small sparse table of float weights added on top, so the page can learn online from
//! editors' corrections (perceptron steps, [`crate::nlp::learn`]) without touching the frozen model.
//!
//! The parts, each depending only on the ones before it: [`decode`] (feature rows, Viterbi with the
//! IOB2 constraints, confidences; any [`Scorer`]), [`delta`] ([`Delta`], the sparse float rows),
//! `model` ([`Tagger`], [`WordCache`], [`SentenceTable`], tagging with a delta),
//! [`consistency`] (the document pass, over decoded spans) and [`train`](mod@train) (training and
//! tuning on dev, producing a [`Tagger`]). This module only gathers them.

pub mod consistency;
pub mod decode;
pub mod delta;
mod model;
pub mod train;

pub use consistency::{consistency_pass, consistency_pass_with, DocSentence};
pub use decode::{Scorer, TokSpan};
pub use delta::Delta;
pub use model::{codebook, quantise, SentenceTable, Tagger, WordCache, QUANT_MU};
pub use train::{labels_of, train, AuxSet, EpochReport, TrainConfig, Trained};
