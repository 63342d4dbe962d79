//! A project's label schema as a whole: checks across labels (unique names and keys), a fresh label
//! for "add", and the colour-blind-safe palette new labels take their colours from.

use crate::model::{LabelDef, ModelError};

/// The Okabe-Ito palette (Okabe and Ito, 2008): eight colours that stay distinguishable with the
/// common colour-vision deficiencies. The default labels use the first five; new labels take the
/// first colour no label has yet.
pub const PALETTE: [&str; 8] = ["#E69F00", "#56B4E9", "#009E73", "#CC79A7", "#F0E442", "#0072B2", "#D55E00", "#999999"];

/// Why a schema was refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SchemaError {
    #[error("{0}")]
    Label(#[from] ModelError),
    #[error("two labels are called {0:?}")]
    DuplicateName(String),
    #[error("the key {key:?} is used by {first} and {second}")]
    DuplicateKey { key: String, first: String, second: String },
}

/// Label names compare without case.
fn same_name(a: &str, b: &str) -> bool {
    a.chars().map(crate::case::lower).eq(b.chars().map(crate::case::lower))
}

/// Checks every label and that names (ignoring case) and non-empty keys are unique.
pub fn check(labels: &[LabelDef]) -> Result<(), SchemaError> {
    for (i, l) in labels.iter().enumerate() {
        l.check()?;
        for m in &labels[..i] {
            if same_name(&m.name, &l.name) {
                return Err(SchemaError::DuplicateName(l.name.clone()));
            }
            if !l.key.is_empty() && m.key == l.key {
                return Err(SchemaError::DuplicateKey {
                    key: l.key.clone(),
                    first: m.name.clone(),
                    second: l.name.clone(),
                });
            }
        }
    }
    Ok(())
}

/// A label to add to `labels`: named `LABEL`, `LABEL2`, ... (the first name not taken), with the
/// first palette colour not used (else the first), and the first free digit key 1-9, 0 (else none).
pub fn new_label(labels: &[LabelDef]) -> LabelDef {
    let taken = |n: &str| labels.iter().any(|l| same_name(&l.name, n));
    let name = std::iter::once("LABEL".to_string())
        .chain((2..).map(|k| format!("LABEL{k}")))
        .find(|n| !taken(n))
        .unwrap_or_default();
    let color = PALETTE
        .iter()
        .find(|c| !labels.iter().any(|l| l.color.eq_ignore_ascii_case(c)))
        .unwrap_or(&PALETTE[0])
        .to_string();
    let key = "1234567890".chars().map(String::from).find(|k| !labels.iter().any(|l| l.key == *k)).unwrap_or_default();
    LabelDef { name, color, key, description: String::new() }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn defaults_pass_and_use_the_palette() {
        let d = LabelDef::defaults();
        check(&d).unwrap();
        for (l, c) in d.iter().zip(PALETTE) {
            assert_eq!(l.color, c);
        }
    }

    #[test]
    fn names_and_keys_must_be_unique() {
        let mut d = LabelDef::defaults();
        d[1].name = "per".into();
        assert_eq!(check(&d), Err(SchemaError::DuplicateName("per".into())));
        let mut d = LabelDef::defaults();
        d[2].key = "1".into();
        assert!(matches!(check(&d), Err(SchemaError::DuplicateKey { .. })));
        // Labels without a key are fine, several of them.
        let mut d = LabelDef::defaults();
        d[2].key.clear();
        d[3].key.clear();
        check(&d).unwrap();
        let mut d = LabelDef::defaults();
        d[0].color = "orange".into();
        assert!(matches!(check(&d), Err(SchemaError::Label(ModelError::BadLabel { .. }))));
    }

    #[test]
    fn a_new_label_takes_what_is_free() {
        let mut d = LabelDef::defaults();
        let n = new_label(&d);
        assert_eq!((n.name.as_str(), n.color.as_str(), n.key.as_str()), ("LABEL", "#0072B2", "6"));
        d.push(n);
        check(&d).unwrap();
        let n = new_label(&d);
        assert_eq!((n.name.as_str(), n.color.as_str(), n.key.as_str()), ("LABEL2", "#D55E00", "7"));
        // Ten keys taken: the eleventh label has none, and the schema is still valid.
        for _ in 0..5 {
            let n = new_label(&d);
            d.push(n);
        }
        assert_eq!(d.len(), 11);
        assert_eq!(d[10].key, "");
        check(&d).unwrap();
    }
}
