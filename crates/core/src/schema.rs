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

/// `labels` followed by a definition for every label the documents use that `labels` lacks (in the
/// order first used; colours and free keys as [`new_label`] picks them). Names a definition cannot
/// carry (too long, control characters) are left out: their spans keep them all the same.
pub fn with_labels_of<'a>(labels: &[LabelDef], docs: impl IntoIterator<Item = &'a crate::Document>) -> Vec<LabelDef> {
    let mut out = labels.to_vec();
    for d in docs {
        for s in d.spans() {
            if out.iter().any(|l| same_name(&l.name, s.label())) {
                continue;
            }
            let def = LabelDef { name: s.label().to_string(), ..new_label(&out) };
            if def.check().is_ok() {
                out.push(def);
            }
        }
    }
    out
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
    fn labels_of_imported_documents_are_added_once() {
        let d = crate::Document::new("a", "", "en", "Lavrov met Acme in Geneva")
            .unwrap()
            .with_annotations(
                vec![
                    crate::Span::new("s1", crate::Range::new(0, 6).unwrap(), "PER", crate::Origin::Editor).unwrap(),
                    crate::Span::new("s2", crate::Range::new(11, 15).unwrap(), "COMPANY", crate::Origin::Editor)
                        .unwrap(),
                    crate::Span::new("s3", crate::Range::new(19, 25).unwrap(), "company", crate::Origin::Editor)
                        .unwrap(),
                ],
                vec![],
            )
            .unwrap();
        let labels = with_labels_of(&LabelDef::defaults(), [&d]);
        let names: Vec<&str> = labels.iter().map(|l| l.name.as_str()).collect();
        assert_eq!(names, ["PER", "ORG", "LOC", "MISC", "DATE", "COMPANY"]);
        let company = labels.last().unwrap();
        assert!(company.check().is_ok());
        assert!(!LabelDef::defaults().iter().any(|l| l.key == company.key && !l.key.is_empty()));
        assert!(check(&labels).is_ok());
    }

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
