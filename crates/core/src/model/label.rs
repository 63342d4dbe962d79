//! A label of the project's schema ([`LabelDef`]), checked when made or read.

use serde::{Deserialize, Serialize};

use super::{refused, ModelError};

/// Why a label definition was refused ([`LabelDef::check`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum LabelProblem {
    #[error("the name is empty")]
    EmptyName,
    #[error("the name is longer than {MAX_LABEL_NAME_CHARS} characters")]
    NameTooLong,
    #[error("the name has control or invisible formatting characters")]
    InvisibleCharacters,
    #[error("the colour must be a hex colour such as #E69F00")]
    NotHexColour,
    #[error("the key must be one character")]
    KeyTooLong,
    #[error("the description is longer than {MAX_LABEL_DESCRIPTION_CHARS} characters")]
    DescriptionTooLong,
}

/// Longest label name, in characters.
pub const MAX_LABEL_NAME_CHARS: usize = 40;
/// Longest label description (its guideline), in characters.
pub const MAX_LABEL_DESCRIPTION_CHARS: usize = 2000;

/// A label of the project's schema. Read from files through [`LabelDef::check`]: the colour is a
/// CSS hex colour (it is put in a style attribute), the name is short and has no control or
/// format characters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawLabelDef")]
pub struct LabelDef {
    pub name: String,
    pub color: String,
    pub key: String,
    pub description: String,
}

#[derive(Deserialize)]
struct RawLabelDef {
    name: String,
    color: String,
    #[serde(default)]
    key: String,
    #[serde(default)]
    description: String,
}

impl TryFrom<RawLabelDef> for LabelDef {
    type Error = ModelError;
    fn try_from(r: RawLabelDef) -> Result<LabelDef, ModelError> {
        let l = LabelDef { name: r.name, color: r.color, key: r.key, description: r.description };
        l.check().map_err(refused)?;
        Ok(l)
    }
}

/// True when `name` has no control or invisible formatting characters (bidi controls, zero-width
/// characters): a name (label, annotator) goes into the page's text and attributes as it is.
pub(crate) fn is_visible_name(name: &str) -> bool {
    let invisible = |c: char| matches!(c, '\u{200B}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{061C}' | '\u{FEFF}');
    !name.chars().any(|c| c.is_control() || invisible(c))
}

/// True for `#rgb` and `#rrggbb`.
pub fn is_hex_color(c: &str) -> bool {
    c.strip_prefix('#').is_some_and(|h| (h.len() == 3 || h.len() == 6) && h.bytes().all(|b| b.is_ascii_hexdigit()))
}

impl LabelDef {
    /// Checks what the page relies on: a usable name, a hex colour, a one-character key.
    pub fn check(&self) -> Result<(), ModelError> {
        let bad = |reason| Err(ModelError::BadLabel { name: self.name.clone(), reason });
        if self.name.trim().is_empty() {
            return bad(LabelProblem::EmptyName);
        }
        if self.name.chars().count() > MAX_LABEL_NAME_CHARS {
            return bad(LabelProblem::NameTooLong);
        }
        if !is_visible_name(&self.name) {
            return bad(LabelProblem::InvisibleCharacters);
        }
        if !is_hex_color(&self.color) {
            return bad(LabelProblem::NotHexColour);
        }
        if self.key.chars().count() > 1 {
            return bad(LabelProblem::KeyTooLong);
        }
        if self.description.chars().count() > MAX_LABEL_DESCRIPTION_CHARS {
            return bad(LabelProblem::DescriptionTooLong);
        }
        Ok(())
    }

    fn new(name: &str, color: &str, key: &str, description: &str) -> LabelDef {
        LabelDef {
            name: name.to_string(),
            color: color.to_string(),
            key: key.to_string(),
            description: description.to_string(),
        }
    }

    /// The default schema: PER, ORG, LOC, MISC, DATE, coloured with the Okabe-Ito palette
    /// (distinguishable with the common colour-vision deficiencies).
    pub fn defaults() -> Vec<LabelDef> {
        vec![
            LabelDef::new("PER", "#E69F00", "1", "A person, named: Sergei Lavrov, لافروف."),
            LabelDef::new("ORG", "#56B4E9", "2", "An organisation, company, party, team or institution."),
            LabelDef::new("LOC", "#009E73", "3", "A place: country, city, region, natural feature, facility."),
            LabelDef::new("MISC", "#CC79A7", "4", "Another named thing: event, law, product, work, nationality."),
            LabelDef::new("DATE", "#F0E442", "5", "An explicit date, weekday, month or year."),
        ]
    }
}
