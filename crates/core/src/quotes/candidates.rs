//! Quote candidates: each cue resolved to a direct quote (a quotation after it, before it, or after a
//! colon) or a reported clause, headline quotes ("X: ..."), and the quotation pairs no cue claimed.
//! Candidates may overlap; [`super::assemble`] keeps the best.

use super::context::{Ctx, Cue};
use super::lexicon::CueClass;
use super::marks::Para;
use super::speaker::Who;
use crate::model::QuoteKind;

/// A quoted fragment with fewer words than this, inside a sentence and with no cue, is a scare
/// quote or a name, not a quote.
pub const MIN_FLOATING_WORDS: usize = 6;

/// A possible quote before overlaps are resolved: its code point range, kind, cue tokens, speaker
/// rule, confidence, the priority of the rule that found it and its paragraph.
#[derive(Debug, Clone)]
pub(super) struct Cand {
    pub(super) s: u32,
    pub(super) e: u32,
    pub(super) kind: QuoteKind,
    pub(super) cue: Option<(usize, usize)>,
    pub(super) who: Who,
    pub(super) conf: f64,
    pub(super) prio: u8,
    pub(super) para: u32,
    /// The quotation-mark pair of a direct quote.
    pub(super) pair: Option<usize>,
}

impl<'a> Ctx<'a> {
    /// The reported clause starting at token `k`: up to the end of the sentence (final full stop
    /// excluded), or up to a comma followed by another cue. Quotation marks inside are skipped as
    /// a whole; the outermost pairs met are returned (they make the quote mixed).
    pub(super) fn clause(&self, k: usize) -> Option<(u32, u32, Vec<usize>)> {
        // A cue at the very end of the text has no clause after it.
        if k >= self.toks.len() {
            return None;
        }
        let pend = self.para_end(k);
        let mut j = k;
        let mut last: Option<usize> = None;
        let mut inner = Vec::new();
        while j < pend {
            if let Some(pi) = self.open_pair(j) {
                if !self.title[pi] {
                    inner.push(pi);
                }
                last = Some(self.pairs[pi].last);
                j = self.pairs[pi].last + 1;
                continue;
            }
            if self.term(j) {
                break;
            }
            if let Some(',' | '،') = self.punct(j) {
                let mut m = j + 1;
                if m < pend && self.lex.conj.contains(&self.h(m)) {
                    m += 1;
                }
                if m < pend && self.cue(m).is_some() {
                    break;
                }
            }
            last = Some(j);
            j += 1;
        }
        let mut last = last?;
        while last > k && matches!(self.punct(last), Some(',' | '،' | ':' | '-' | '—' | '–')) {
            last -= 1;
        }
        let s = self.toks[k].start;
        let e = self.toks[last].end;
        (s < e && !matches!(self.punct(last), Some(',' | '،' | ':'))).then_some((s, e, inner))
    }

    pub(super) fn conf(base: f64, who: Who) -> f64 {
        match who {
            Who::Ent(_) | Who::Like(_) => base,
            Who::Carry => base - 0.1,
            Who::Nobody => base - 0.2,
        }
    }

    pub(super) fn direct(
        &mut self,
        pi: usize,
        cue: Option<(usize, usize)>,
        who: Who,
        base: f64,
        prio: u8,
    ) -> Option<Cand> {
        let (s, e) = self.pair_content(pi)?;
        self.used[pi] = true;
        let para = self.toks[self.pairs[pi].open].para;
        Some(Cand { s, e, kind: QuoteKind::Direct, cue, who, conf: Ctx::conf(base, who), prio, para, pair: Some(pi) })
    }

    pub(super) fn reported(
        &mut self,
        k: usize,
        cue: Option<(usize, usize)>,
        who: Who,
        base: f64,
        prio: u8,
    ) -> Option<Cand> {
        let (s, e, inner) = self.clause(k)?;
        // A clause that is nothing but one quotation is a direct quote.
        if let [pi] = inner[..] {
            let p = &self.pairs[pi];
            if p.open == k && self.toks[p.last].end == e && !self.used[pi] {
                return self.direct(pi, cue, who, base + 0.05, prio + 1);
            }
        }
        let mut kind = QuoteKind::Indirect;
        for pi in inner {
            if !self.used[pi] {
                self.used[pi] = true;
                kind = QuoteKind::Mixed;
            }
        }
        let para = self.toks[k].para;
        Some(Cand { s, e, kind, cue, who, conf: Ctx::conf(base, who), prio, para, pair: None })
    }

    /// Trailing attribution: `“...,” X said`, `“...”، قالت X`, `"...," she said`, `"...," said Dr. X`,
    /// `"...," Health Minister X told reporters`: a closing mark a few words before the cue, the
    /// quotation ending like an attributed one (punctuation before the closing mark or a comma after
    /// it, or nothing but a name between).
    pub(super) fn trailing(&mut self, ci: usize) -> Option<Cand> {
        let cue = self.cues[ci];
        if cue.class == CueClass::Source {
            return None;
        }
        let p0 = self.para_start(cue.t0);
        let mut t = cue.t0;
        let mut steps = 0;
        let pi = loop {
            if t == p0 || steps > 8 {
                return None;
            }
            let u = t - 1;
            if self.close_at[u] != 0 {
                break self.close_at[u] as usize - 1;
            }
            if self.toks[u].is_word() {
                if self.cue(u).is_some() || self.lex.comp.contains(&self.h(u)) {
                    return None;
                }
            } else if self.term(u) || !matches!(self.punct(u), Some(',' | '،' | '.')) {
                return None;
            }
            t = u;
            steps += 1;
        };
        if self.used[pi] || self.title[pi] {
            return None;
        }
        let close = self.pairs[pi].close?;
        let at = self.toks[close].start as usize;
        let punct_before = at > 0 && matches!(self.chars[at - 1], ',' | '،' | '.' | '!' | '?' | '؟');
        let comma_after = close + 1 < cue.t0 && matches!(self.punct(close + 1), Some(',' | '،'));
        let only_names = (close + 1..cue.t0)
            .all(|u| self.speaker_ent(u).is_some() || (self.toks[u].is_word() && self.lex.pron.contains(&self.h(u))));
        if !(punct_before || comma_after || only_names) {
            return None;
        }
        let who = match self.subject_between(close + 1, cue.t0) {
            Some(w) => w,
            None => self.right_speaker(&cue).map_or_else(|| self.default_subject(&cue), Who::Ent),
        };
        self.direct(pi, Some((cue.t0, cue.t1)), who, 0.9, 3)
    }

    /// "..., X said." / "..., the ministry announced on Tuesday." / "..., according to X.": the
    /// clause before the comma that precedes the cue's subject, when nothing but a few words follow
    /// the cue to the end of the sentence.
    pub(super) fn before_clause(&mut self, cue: Cue) -> Option<Cand> {
        let p0 = self.para_start(cue.t0);
        let pend = self.para_end(cue.t1);
        let mut end = cue.t1 + 1;
        while end < pend && !self.term(end) {
            if end > cue.t1 + 8 || self.open_at[end] != 0 || self.punct(end) == Some(':') {
                return None;
            }
            end += 1;
        }
        let mut c = cue.t0;
        let mut steps = 0;
        let comma = loop {
            if c == p0 || steps > 8 {
                return None;
            }
            let u = c - 1;
            match self.punct(u) {
                Some(',' | '،') => break u,
                Some('.') if !self.term(u) => {}
                Some(_) => return None,
                None if self.cue(u).is_some() || self.lex.comp.contains(&self.h(u)) => return None,
                None => {}
            }
            c = u;
            steps += 1;
        };
        let mut s = comma;
        while s > p0 && !self.term(s - 1) {
            s -= 1;
        }
        let mut last = comma.checked_sub(1)?;
        while last > s && matches!(self.punct(last), Some(',' | '،' | '-' | '—')) {
            last -= 1;
        }
        let words = (s..=last).filter(|&u| self.toks[u].is_word()).count();
        if words < 4 || (s..=last).any(|u| self.cue(u).is_some()) {
            return None;
        }
        let who = if cue.class == CueClass::Source {
            self.right_speaker(&cue).map_or(Who::Nobody, Who::Ent)
        } else {
            match self.subject_between(comma + 1, cue.t0) {
                Some(w) => w,
                None => self.right_speaker(&cue).map_or_else(|| self.default_subject(&cue), Who::Ent),
            }
        };
        let mut kind = QuoteKind::Indirect;
        let mut u = s;
        while u <= last {
            match self.open_pair(u) {
                Some(pi) => {
                    if self.pairs[pi].last <= last && !self.title[pi] && !self.used[pi] {
                        self.used[pi] = true;
                        kind = QuoteKind::Mixed;
                    }
                    u = self.pairs[pi].last + 1;
                }
                None => u += 1,
            }
        }
        let para = self.toks[s].para;
        let (cs, ce) = (self.toks[s].start, self.toks[last].end);
        Some(Cand {
            s: cs,
            e: ce,
            kind,
            cue: Some((cue.t0, cue.t1)),
            who,
            conf: Ctx::conf(0.6, who),
            prio: 1,
            para,
            pair: None,
        })
    }

    pub(super) fn resolve_cue(&mut self, ci: usize) -> Option<Cand> {
        if let Some(c) = self.trailing(ci) {
            return Some(c);
        }
        let cue = self.cues[ci];
        let span = Some((cue.t0, cue.t1));
        let pend = self.para_end(cue.t1);
        let first = cue.t1 + 1;
        if first >= pend {
            return None;
        }
        // English "said the plan was ...": a bare clause right after a say-verb.
        if cue.class == CueClass::Say && !self.lex.verb_first && self.toks[first].is_word() {
            let c0 = self.chars[self.toks[first].start as usize];
            let h = self.h(first);
            if (c0.is_lowercase() || c0.is_numeric())
                && !self.lex.prep.contains(&h)
                && !self.lex.comp.contains(&h)
                && self.cue(first).is_none()
                && self.speaker_ent(first).is_none()
            {
                let who = self.speaker_of(&cue, None);
                return self.reported(first, span, who, 0.75, 2);
            }
        }
        let limit = if self.lex.verb_first { 18 } else { 12 };
        let mut j = first;
        let mut count = 0;
        while j < pend && count < limit {
            if let Some(pi) = self.open_pair(j) {
                // A title, or a short quoted name in the middle of the attribution
                // ("قالت X لـ«الأهرام»: «...»", "told "Newsnight" that"), is skipped.
                let after = self.pairs[pi].last + 1;
                let named = self.words_in(pi) < MIN_FLOATING_WORDS
                    && !(j > first && self.punct(j - 1) == Some(':'))
                    && after < pend
                    && (self.punct(after) == Some(':') || self.toks[after].is_word());
                if self.title[pi] || named {
                    j = after;
                    continue;
                }
                if self.used[pi] || count > 6 {
                    return None;
                }
                let fwd = self.first_speaker(first, j);
                let who = self.speaker_of(&cue, fwd);
                return self.direct(pi, span, who, 0.9, 3);
            }
            match self.punct(j) {
                Some(':') => {
                    let fwd = self.first_speaker(first, j);
                    let who = self.speaker_of(&cue, fwd);
                    if let Some(pi) = (j + 1 < pend).then(|| self.open_pair(j + 1)).flatten() {
                        if !self.title[pi] && !self.used[pi] {
                            return self.direct(pi, span, who, 0.9, 3);
                        }
                    }
                    return self.reported(j + 1, span, who, 0.8, 2);
                }
                _ if self.term(j) => break,
                Some(',' | '،') if cue.class == CueClass::Source => {
                    if let Some(e) = self.first_speaker(first, j) {
                        let mut k = j + 1;
                        if k < pend && self.lex.comp.contains(&self.h(k)) {
                            k += 1;
                        }
                        return if k < pend { self.reported(k, span, Who::Ent(e), 0.8, 2) } else { None };
                    }
                }
                _ => {}
            }
            if self.toks[j].is_word() {
                if self.cue(j).is_some() {
                    break;
                }
                let blocked = j > first && self.lex.block.contains(&self.h(j - 1)) && cue.prep != Some(self.h(j - 1));
                if self.lex.comp.contains(&self.h(j)) && !blocked {
                    let fwd = self.first_speaker(first, j);
                    let who = self.speaker_of(&cue, fwd);
                    return if j + 1 < pend { self.reported(j + 1, span, who, 0.85, 2) } else { None };
                }
            }
            j += 1;
            count += 1;
        }
        self.before_clause(cue)
    }

    /// Headline convention: a paragraph that opens with a PER/ORG name and a colon
    /// ("لافروف: روسيا مستعدة ...", "Kremlin: ...").
    pub(super) fn headline(&mut self, p: Para) -> Option<Cand> {
        if p.t1 <= p.t0 + 4 {
            return None;
        }
        let e = self.speaker_ent(p.t0)?;
        let colon = self.ents[e].t1 + 1;
        if self.ents[e].t0 != p.t0 || colon + 3 >= p.t1 || self.punct(colon) != Some(':') {
            return None;
        }
        let k = colon + 1;
        if let Some(pi) = self.open_pair(k) {
            if !self.used[pi] && !self.title[pi] {
                return self.direct(pi, None, Who::Ent(e), 0.6, 1);
            }
        }
        if self.in_pair[k] {
            return None;
        }
        self.reported(k, None, Who::Ent(e), 0.6, 1)
    }

    /// Every candidate: cues first (in text order), then headlines, then the pairs still unclaimed.
    pub(super) fn candidates(&mut self) -> Vec<Cand> {
        let mut cands: Vec<Cand> = Vec::new();
        let mut cand_of_pair: Vec<Option<usize>> = vec![None; self.pairs.len()];
        for ci in 0..self.cues.len() {
            if let Some(c) = self.resolve_cue(ci) {
                if let Some(pi) = c.pair {
                    cand_of_pair[pi] = Some(cands.len());
                }
                cands.push(c);
            }
        }
        for pi in 0..self.paras.len() {
            let p = self.paras[pi];
            if let Some(c) = self.headline(p) {
                if let Some(pi) = c.pair {
                    cand_of_pair[pi] = Some(cands.len());
                }
                cands.push(c);
            }
        }
        for pi in 0..self.pairs.len() {
            if self.used[pi] || self.title[pi] || self.pairs[pi].content.is_none() {
                continue;
            }
            let c = self.unclaimed(pi, &cand_of_pair, &cands);
            if let Some(c) = c {
                cand_of_pair[pi] = Some(cands.len());
                cands.push(c);
            }
        }
        cands
    }

    /// A pair no cue claimed: a continuation paragraph, a quote opening a sentence, or a long
    /// quotation inside one. Short fragments inside a sentence (scare quotes, names) are dropped.
    pub(super) fn unclaimed(&mut self, pi: usize, cand_of_pair: &[Option<usize>], cands: &[Cand]) -> Option<Cand> {
        if let Some(prev) = self.pairs[pi].continues {
            if let Some(ci) = cand_of_pair[prev] {
                return self.direct(pi, None, Who::Like(ci), 0.75, 2);
            }
        }
        let p = self.pairs[pi].clone();
        let p0 = self.para_start(p.open);
        let pend = self.para_end(p.open);
        let prev = (p.open > p0).then(|| p.open - 1);
        let sentence_start = prev.is_none_or(|t| self.term(t) || self.punct(t) == Some(':'));
        let clause_like = match p.close {
            None => true,
            Some(c) => {
                let before_close = self.chars[self.toks[c].start as usize - 1];
                let after = c + 1;
                matches!(before_close, '.' | ',' | '،' | '!' | '?' | '؟')
                    || after >= pend
                    || self.punct(after).is_some()
                    || self.cue(after).is_some()
            }
        };
        if sentence_start && clause_like {
            if let Some(t) = prev {
                // Split quote: `“A,” X said. “B.”` — B has A's speaker and cue when the sentence
                // between the two quotations is A's attribution.
                if self.term(t) && pi > 0 {
                    let q = &self.pairs[pi - 1];
                    let k = cand_of_pair[pi - 1];
                    let same_para = self.toks[q.open].para == self.toks[p.open].para;
                    if let (true, Some(k)) = (same_para && p.open - q.last <= 16, k) {
                        if let Some((a, b)) = cands[k].cue.filter(|&(a, _)| a > q.last) {
                            if b < p.open && cands[k].kind == QuoteKind::Direct {
                                return self.direct(pi, Some((a, b)), Who::Like(k), 0.8, 2);
                            }
                        }
                    }
                }
                // `X: "..."` without a cue: X speaks.
                if self.punct(t) == Some(':') && t > p0 {
                    if let Some(e) = self.speaker_ent(t - 1) {
                        return self.direct(pi, None, Who::Ent(e), 0.6, 1);
                    }
                }
            }
            return self.direct(pi, None, Who::Carry, 0.5, 1);
        }
        if self.words_in(pi) >= MIN_FLOATING_WORDS {
            return self.direct(pi, None, Who::Carry, 0.4, 1);
        }
        None
    }
}
