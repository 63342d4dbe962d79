//! What the tagger knows about one token ([`TokInfo`]): hashes of its key, stems and shape from
//! `features::token_info`, then codes set sentence by sentence by the quotation marking
//! (`features::mark_quotes`), the gazetteer (`Gazetteer::mark`) and the learned lexicon
//! (`Lexicon::mark`). A plain data type, so the modules that fill it depend on it and not on each
//! other.

/// Most proclitic analyses a word can have besides its primary stem (see the exhaustive test in
/// `normalize`): hashes are kept inline, so a token needs no heap allocation.
pub const MAX_ALT_STEMS: usize = 4;

/// How many neighbour granularities of word clusters a token offers (see [`TokInfo::cl_nb`]).
pub const CLUSTER_NB_SLOTS: usize = 3;

/// Hashes of a token's other proclitic analyses' stems, inline. Dereferences to a slice.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AltStems {
    h: [u64; MAX_ALT_STEMS],
    n: u8,
}

impl AltStems {
    /// Appends a hash (ignored when full, which the analysis grammar never reaches).
    #[inline]
    pub fn push(&mut self, x: u64) {
        if let Some(slot) = self.h.get_mut(usize::from(self.n)) {
            *slot = x;
            self.n += 1;
        }
    }
}

impl std::ops::Deref for AltStems {
    type Target = [u64];
    #[inline]
    fn deref(&self) -> &[u64] {
        &self.h[..usize::from(self.n)]
    }
}

/// Everything the tagger needs to know about one token, computed once.
#[derive(Clone, Debug, Default)]
pub struct TokInfo {
    /// Hash of the normalised key.
    pub key: u64,
    /// Hash of the primary stem (the key when there are no proclitics).
    pub stem: u64,
    /// Hashes of the other proclitic analyses' stems.
    pub alt_stems: AltStems,
    /// Hash of the word shape ("Xx", "x", "d", "a", ...).
    pub shape: u64,
    /// Proclitic flags of the longest analysis.
    pub clitics: u8,
    /// Trigger classes of the word or its stem.
    pub trig: u8,
    /// Gazetteer tag: 0 none, else (type << 1) | (1 if inside, 0 if first token).
    pub gaz: u8,
    /// Token features that do not depend on neighbours (without the gazetteer and lexicon ones,
    /// which [`features_at`](crate::nlp::features::features_at) adds from `gaz`, `lex_word` and `lex`).
    pub local: Vec<u64>,
    /// First letter is uppercase (Latin and other cased scripts).
    pub upper: bool,
    /// Match in the lexicon learned from training data: 0 none, else (label + 1) << 2 | ratio bucket << 1 | inside.
    pub lex: u8,
    /// Word-level code from the learned lexicon (see [`Lexicon::words`](crate::nlp::lexicon::Lexicon::words)).
    pub lex_word: u8,
    /// Frequency code of the key in the gazetteer's word frequency table (0 without a table; see
    /// [`Gazetteer::freq_of`](crate::nlp::gazetteer::Gazetteer::freq_of)).
    pub freq: u8,
    /// Frequency code of the primary stem when it differs from the key, else 0.
    pub freq_stem: u8,
    /// Quotation mark kind of the token: 0 none, 1 opening (« “), 2 closing (» ”), 3 either (" ').
    pub qmark: u8,
    /// Inside a short quotation of its sentence (see [`mark_quotes`](crate::nlp::features::mark_quotes)): 0 not, else the number of
    /// tokens inside (1 to 6) << 1 | 1 for the first token inside.
    pub quoted: u8,
    /// Packed word cluster ids (`clusters::unpack`), 0 when the word is not in the model's table.
    pub cluster: u32,
    /// What the token's cluster offers its ±1 neighbours as features (one hash per granularity the
    /// model uses; 0 = none).
    pub cl_nb: [u64; CLUSTER_NB_SLOTS],
    /// What it offers its ±2 neighbours (0 = none).
    pub cl_nb2: u64,
    /// Its part of the cluster bigram with the next token (0 = none).
    pub cl_bi: u64,
}
