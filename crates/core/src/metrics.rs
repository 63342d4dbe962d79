//! Precision, recall and F1 from counts, shared by every evaluation (entities, quotes, cues).

/// Counts of one evaluation: correct predictions, predictions, gold items.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Prf {
    /// Correct predicted items.
    pub tp: usize,
    /// Predicted items.
    pub pred: usize,
    /// Gold items.
    pub gold: usize,
}

impl Prf {
    /// Precision (0 when nothing was predicted).
    pub fn p(&self) -> f64 {
        if self.pred == 0 {
            0.0
        } else {
            self.tp as f64 / self.pred as f64
        }
    }
    /// Recall (0 when there is no gold item).
    pub fn r(&self) -> f64 {
        if self.gold == 0 {
            0.0
        } else {
            self.tp as f64 / self.gold as f64
        }
    }
    /// F1, the harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.p(), self.r());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    /// Adds another evaluation's counts.
    pub fn add(&mut self, o: Prf) {
        self.tp += o.tp;
        self.pred += o.pred;
        self.gold += o.gold;
    }
}

#[cfg(test)]
mod tests {
    use super::Prf;

    #[test]
    fn scores() {
        let mut a = Prf { tp: 3, pred: 4, gold: 6 };
        assert_eq!((a.p(), a.r()), (0.75, 0.5));
        assert!((a.f1() - 0.6).abs() < 1e-12);
        a.add(Prf { tp: 1, pred: 0, gold: 2 });
        assert_eq!(a, Prf { tp: 4, pred: 4, gold: 8 });
        assert_eq!(Prf::default().f1(), 0.0);
    }
}
