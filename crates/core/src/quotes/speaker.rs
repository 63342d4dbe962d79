//! Speaker attribution: who speaks for a cue (the subject before or after it, a pronoun carrying
//! the current speaker, or nobody for an anonymous source), and which mention of a name is the
//! speaker's fullest one.

use super::context::{Ctx, Cue, EntKind};
use super::lexicon::{self, CueClass};
use super::marks::is_mark;

#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Who {
    /// An entity named locally.
    Ent(usize),
    /// The most recent speaker.
    Carry,
    /// Whoever speaks candidate `n`.
    Like(usize),
    /// Nobody (e.g. "according to a survey").
    Nobody,
}

impl<'a> Ctx<'a> {
    /// PER first, else ORG, among entities starting in tokens `from..to`.
    pub(super) fn first_speaker(&self, from: usize, to: usize) -> Option<usize> {
        let mut org = None;
        for t in from..to.min(self.toks.len()) {
            if let Some(e) = self.speaker_ent(t) {
                match self.ents[e].kind {
                    EntKind::Per => return Some(e),
                    _ => {
                        org.get_or_insert(e);
                    }
                }
            }
        }
        org
    }

    /// English: the subject before a cue ("Lindqvist said", "X, the minister, said").
    pub(super) fn left_subject(&self, cue: &Cue) -> Who {
        let p0 = self.para_start(cue.t0);
        // The word before the cue, adverbs and auxiliaries skipped ("he also said").
        let mut b = cue.t0;
        while b > p0 && self.toks[b - 1].is_word() && self.lex.adv.contains(&self.h(b - 1)) {
            b -= 1;
        }
        let before = (b > p0 && self.toks[b - 1].is_word()).then(|| b - 1);
        if before.is_some_and(|u| self.lex.pron.contains(&self.h(u))) {
            return Who::Carry;
        }
        let mut best: [Option<usize>; 4] = [None; 4];
        let mut t = cue.t0;
        let mut steps = 0;
        while t > p0 && steps < 40 {
            t -= 1;
            steps += 1;
            let tok = self.toks[t];
            if let Some(c) = tok.punct() {
                if self.term(t) || c == ':' || is_mark(c) {
                    break;
                }
                continue;
            }
            if self.lex.comp.contains(&self.h(t)) || self.cue(t).is_some() {
                break;
            }
            if let Some(e) = self.speaker_ent(t) {
                let ent = &self.ents[e];
                let next = ent.t1 + 1;
                let subjectish = next == cue.t0 || matches!(self.punct(next), Some(','));
                let slot = match (subjectish, ent.kind) {
                    (true, EntKind::Per) => 0,
                    (true, _) => 1,
                    (false, EntKind::Per) => 2,
                    _ => 3,
                };
                best[slot].get_or_insert(e);
                t = ent.t0;
            }
        }
        if let Some(e) = best.iter().flatten().next() {
            return Who::Ent(*e);
        }
        // "said X": the subject after the verb.
        let pend = self.para_end(cue.t1);
        for t in cue.t1 + 1..(cue.t1 + 4).min(pend) {
            if let Some(e) = self.speaker_ent(t) {
                return Who::Ent(e);
            }
            // Words and abbreviation dots ("said Dr. X") may come before the name.
            if !self.toks[t].is_word() && (self.term(t) || self.punct(t) != Some('.')) {
                break;
            }
        }
        // A subject that is no entity ("The ministry said"): nobody, not the previous speaker.
        match before {
            Some(u)
                if !self.lex.conj.contains(&self.h(u))
                    && !self.lex.comp.contains(&self.h(u))
                    && self.cue(u).is_none()
                    && self.ent(u).is_none() =>
            {
                Who::Nobody
            }
            _ => Who::Carry,
        }
    }

    /// Who speaks for a cue whose forward scan saw `fwd` (first PER, else ORG, before the content).
    pub(super) fn speaker_of(&self, cue: &Cue, fwd: Option<usize>) -> Who {
        match cue.class {
            CueClass::Source => fwd.map_or(Who::Nobody, Who::Ent),
            CueClass::Part => fwd.map_or(Who::Carry, Who::Ent),
            _ if self.lex.verb_first => {
                if let Some(e) = fwd {
                    return Who::Ent(e);
                }
                // Subject before the verb ("لافروف قال").
                if cue.t0 > self.para_start(cue.t0) {
                    if let Some(e) = self.speaker_ent(cue.t0 - 1) {
                        return Who::Ent(e);
                    }
                }
                self.default_subject(cue)
            }
            _ => self.left_subject(cue),
        }
    }

    /// The subject written between two tokens: a PER (else ORG) entity; a pronoun (the current
    /// speaker); in English, other words ("the ministry") name a speaker who is no entity: nobody.
    /// `None` when there is nothing there.
    pub(super) fn subject_between(&self, from: usize, to: usize) -> Option<Who> {
        if from >= to {
            return None;
        }
        if let Some(e) = self.first_speaker(from, to) {
            return Some(Who::Ent(e));
        }
        let mut words = false;
        for u in (from..to).filter(|&u| self.toks[u].is_word()) {
            let h = self.h(u);
            if self.lex.pron.contains(&h) {
                return Some(Who::Carry);
            }
            words |= !self.lex.conj.contains(&h) && !self.lex.adv.contains(&h);
        }
        (words && !self.lex.verb_first).then_some(Who::Nobody)
    }

    /// A PER/ORG entity right after the cue, before the end of the sentence ("said Dr. X").
    pub(super) fn right_speaker(&self, cue: &Cue) -> Option<usize> {
        let pend = self.para_end(cue.t1);
        let to = (cue.t1 + 7).min(pend);
        let stop = (cue.t1 + 1..to).find(|&u| self.term(u)).unwrap_or(to);
        self.first_speaker(cue.t1 + 1, stop)
    }

    pub(super) fn starts_with_al(&self, t: usize) -> bool {
        let s = self.toks[t].start as usize;
        let mut it = self.chars[s..self.toks[t].end as usize].iter().filter_map(|&c| lexicon::norm_char(c));
        it.next() == Some('ا') && it.next() == Some('ل')
    }

    /// The speaker of a cue with no named subject. Arabic: an indefinite subject right after the
    /// verb (مسؤول، مصدر مطلع، متحدث باسم: no ال, and no ال on the next word) is anonymous: nobody;
    /// otherwise (no subject, a pronoun, or a definite title such as "وزير الخارجية") the current
    /// speaker. English: the current speaker.
    pub(super) fn default_subject(&self, cue: &Cue) -> Who {
        if !self.lex.verb_first {
            return Who::Carry;
        }
        let k = cue.t1 + 1;
        let pend = self.para_end(cue.t0);
        if k >= pend || !self.toks[k].is_word() || self.ent(k).is_some() || self.cue(k).is_some() {
            return Who::Carry;
        }
        let h = self.h(k);
        if self.lex.comp.contains(&h) || self.lex.particle.contains(&h) || self.lex.block.contains(&h) {
            return Who::Carry;
        }
        let definite_next = k + 1 < pend && self.toks[k + 1].is_word() && self.starts_with_al(k + 1);
        if self.starts_with_al(k) || definite_next {
            Who::Carry
        } else {
            Who::Nobody
        }
    }

    pub(super) fn tokens_match(&self, a: (u64, u64), b: (u64, u64)) -> bool {
        a.0 == b.0 || a.1 == b.0 || a.0 == b.1 || a.1 == b.1
    }

    /// Every word of entity `a` is a word of entity `b` (up to Arabic proclitics).
    pub(super) fn contained(&self, a: usize, b: usize) -> bool {
        let (ea, eb) = (&self.ents[a], &self.ents[b]);
        (ea.t0..=ea.t1)
            .filter(|&t| self.toks[t].is_word())
            .all(|t| (eb.t0..=eb.t1).any(|u| self.toks[u].is_word() && self.tokens_match(self.hash[t], self.hash[u])))
    }

    pub(super) fn n_words(&self, e: usize) -> usize {
        let en = &self.ents[e];
        (en.t0..=en.t1).filter(|&t| self.toks[t].is_word()).count()
    }

    /// The fullest mention of the entity's name: the mention with the most words containing all of
    /// its words; the earliest one on a tie; the mention itself when none is longer.
    /// `n_words` holds every entity's word count.
    pub(super) fn fullest(&self, e: usize, n_words: &[usize]) -> usize {
        let kind = self.ents[e].kind;
        let mut best = e;
        let mut best_n = n_words[e];
        for (o, &n) in n_words.iter().enumerate() {
            if n > best_n && self.ents[o].kind == kind && self.contained(e, o) {
                best = o;
                best_n = n;
            }
        }
        best
    }

    /// The nearest mention of the same name as entity `e` ending before `pos`.
    pub(super) fn nearest_mention(&self, e: usize, pos: u32) -> usize {
        let kind = self.ents[e].kind;
        let hi = self.ents.partition_point(|o| o.start < pos);
        self.ents[..hi]
            .iter()
            .enumerate()
            .rev()
            .filter(|(_, o)| o.end <= pos && o.kind == kind)
            .find(|&(o, _)| o == e || self.contained(o, e) || self.contained(e, o))
            .map_or(e, |(o, _)| o)
    }

    pub(super) fn text_of(&self, e: usize) -> String {
        self.chars[self.ents[e].start as usize..self.ents[e].end as usize].iter().collect()
    }
}
