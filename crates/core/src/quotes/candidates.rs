//! Quote candidates: each cue resolved to a direct quote (a quotation after it, before it, or after a
//! colon) or a reported clause, headline quotes ("X: ..."), and the quotation pairs no cue claimed.
//! Candidates may overlap; [`super::assemble`] keeps the best.

use super::context::{Ctx, Cue};
use super::lexicon::{norm_hash, CueClass};
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
        let mut dateline = false;
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
                dateline = j > k && super::context::is_dash_token(self.chars, &self.toks[j]);
                break;
            }
            if j > k && self.ends_clause(j) {
                break;
            }
            // A byline or dateline run into the text ("... والمشارط واشنطن: محمد صادق"): a name
            // followed by a colon starts something else.
            if j > k {
                if let Some(e) = self.ent(j).filter(|&e| self.ents[e].t0 == j) {
                    if self.punct(self.ents[e].t1 + 1) == Some(':') {
                        break;
                    }
                }
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
        // A dateline run into the text ("... ليجازبي سيتي (الفلبين) ـ رويترز ـ"): its place goes too.
        if dateline && last > k {
            if self.punct(last) == Some(')') {
                while last > k && self.punct(last) != Some('(') {
                    last -= 1;
                }
                last = last.saturating_sub(1).max(k);
            }
            if let Some(e) = self.ent(last) {
                last = self.ents[e].t0.saturating_sub(1).max(k);
            }
        }
        loop {
            let trailing_conj = self.toks[last].is_word() && self.lex.conj.contains(&self.h(last));
            if last > k && (trailing_conj || matches!(self.punct(last), Some(',' | '،' | ':' | '-' | '—' | '–'))) {
                last -= 1;
            } else {
                break;
            }
        }
        let s = self.toks[k].start;
        let e = self.toks[last].end;
        (s < e && !matches!(self.punct(last), Some(',' | '،' | ':'))).then_some((s, e, inner))
    }

    /// True when the reported clause stops before token `j` although the sentence goes on: a
    /// narrator's gloss (a `stop` sequence: "في إشارة إلى", "لكنه لم", "، وهو ما", ", but declined";
    /// "اي" after a quotation; "، كما" + a verb), or a second reporting verb with و/ف or after a
    /// conjunction (Arabic `… واعلن أن …`, `… فيما افادت …`), a participle (`… مشيرا إلى أن`) or
    /// "and" + a reporting verb (English). (A news agency in parentheses or between dashes ends
    /// the sentence itself: see `Ctx::new`.)
    pub(super) fn ends_clause(&self, j: usize) -> bool {
        let n = self.toks.len();
        if !self.toks[j].is_word() {
            return false;
        }
        {
            if let Some(forms) = self.lex.stops.get(&self.h(j)) {
                let fits = |rest: &Vec<u64>| {
                    rest.iter()
                        .enumerate()
                        .all(|(i, &w)| j + 1 + i < n && self.toks[j + 1 + i].is_word() && self.h(j + 1 + i) == w)
                };
                if forms.iter().any(fits) {
                    return true;
                }
            }
            let h = self.h(j);
            if self.lex.verb_first && j > 0 {
                let before = self.punct(j - 1);
                // "... اي قبول بغداد": a gloss after a quotation.
                let gloss = (h == norm_hash("اي") || h == norm_hash("أي")) && before.is_some_and(super::marks::is_mark);
                // "، كما رفض ...": the narrator adds another act.
                let also = h == norm_hash("كما")
                    && matches!(before, Some(',' | '،'))
                    && j + 1 < n
                    && self.toks[j + 1].is_word()
                    && !self.lex.comp.contains(&self.h(j + 1));
                if gloss || also {
                    return true;
                }
            }
            if let Some(ci) = self.cue(j) {
                let cue = self.cues[ci];
                if cue.t0 == j {
                    if self.lex.verb_first {
                        let proclitic = self.hash[j].1 != self.hash[j].0 && self.lex.cues.contains_key(&self.hash[j].1);
                        let after_conj = j > 0 && self.toks[j - 1].is_word() && self.lex.conj.contains(&self.h(j - 1));
                        if proclitic || after_conj || matches!(cue.class, CueClass::Part | CueClass::Saying) {
                            return true;
                        }
                    } else if j > 0 && self.toks[j - 1].is_word() && self.h(j - 1) == super::lexicon::norm_hash("and") {
                        return !matches!(cue.class, CueClass::Source);
                    }
                }
            }
            false
        }
    }

    pub(super) fn conf(base: f64, who: Who) -> f64 {
        match who {
            Who::Ent(_) | Who::Like(_) => base,
            Who::Carry | Who::CarryKind(_) | Who::Refer(..) | Who::LastSpeaker => base - 0.1,
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
        // "... 10 الاف شخص حسب تقديرات السلطات.": an attribution phrase right after its clause.
        let glued = cue.class == CueClass::Source
            && cue.t0 > p0
            && cue.t1 + 1 < pend
            && self.toks[cue.t1 + 1].is_word()
            && self.toks[cue.t0 - 1].is_word()
            && !self.term(cue.t0 - 1)
            && self.cue(cue.t0 - 1).is_none();
        let mut c = cue.t0;
        let mut steps = 0;
        let comma = loop {
            if glued {
                break cue.t0;
            }
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
        let cue = self.cues[ci];
        if cue.class == CueClass::Trail {
            return self.trail_clause(cue);
        }
        if self.evidence_subject(&cue) {
            return None;
        }
        // "quoted X as saying": "saying" belongs to the quote verb's attribution.
        if cue.class == CueClass::Part
            && cue.t0 > 0
            && self.toks[cue.t0 - 1].is_word()
            && self.h(cue.t0 - 1) == norm_hash("as")
        {
            return None;
        }
        if let Some(c) = self.trailing(ci) {
            return Some(c);
        }
        let span = Some((cue.t0, cue.t1));
        let pend = self.para_end(cue.t1);
        let first = cue.t1 + 1;
        if first >= pend {
            return None;
        }
        if !self.lex.verb_first {
            if let Some(k) = self.bare_start(&cue) {
                let conf = if matches!(cue.class, CueClass::Say | CueClass::Part) { 0.75 } else { 0.7 };
                let who = match self.quoted_as_saying(&cue) {
                    Some((_, Some(e))) => Who::Ent(e),
                    _ => self.speaker_of(&cue, None),
                };
                return self.reported(k, span, who, conf, 2);
            }
        } else if cue.class == CueClass::Saying
            && self.toks[first].is_word()
            && !self.in_pair[first]
            && self.cue(first).is_none()
            && !self.lex.comp.contains(&self.h(first))
            && !self.lex.particle.contains(&self.h(first))
        {
            // "قائلا نادرا ما ...": verbatim speech right after the participle.
            let who = self.speaker_of(&cue, None);
            return self.reported(first, span, who, 0.75, 2);
        }
        let mut limit = if self.lex.verb_first { 18 } else { 12 };
        let mut widened = false;
        let mut rel_comp: Option<usize> = None;
        let mut j = first;
        let mut count = 0;
        while j < pend && count < limit {
            if let Some(pi) = self.open_pair(j) {
                // Inside a relative clause whose complementiser was seen, its quotation too.
                if rel_comp.is_some() {
                    j = self.pairs[pi].last + 1;
                    continue;
                }
                // A title, or a short quoted name in the middle of the attribution
                // ("قالت X لـ«الأهرام»: «...»", "told "Newsnight" that"), is skipped.
                let after = self.pairs[pi].last + 1;
                let named = self.words_in(pi) < MIN_FLOATING_WORDS
                    && j > first
                    && self.punct(j - 1) != Some(':')
                    && after < pend
                    && (self.punct(after) == Some(':') || self.toks[after].is_word());
                if self.title[pi] || named {
                    j = after;
                    continue;
                }
                // Arabic subjects carry titles and appositions ("وقال علي أصغر سلطانية مندوب إيران
                // لدى الوكالة الذرية ... "...""): the quotation may come further.
                if self.used[pi] || count > if self.lex.verb_first { 12 } else { 6 } {
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
                    // "وهدد قائلا: ان الارهاب ...": a complementiser after the colon is not content.
                    let k = if j + 2 < pend && self.toks[j + 1].is_word() && self.lex.comp.contains(&self.h(j + 1)) {
                        j + 2
                    } else {
                        j + 1
                    };
                    return self.reported(k, span, who, 0.8, 2);
                }
                _ if self.term(j) => break,
                Some(',' | '،') if cue.class == CueClass::Source => {
                    // "According to X, ...": X speaks; "according to a survey, ...": nobody.
                    let who = self.first_speaker(first, j).map_or(Who::Nobody, Who::Ent);
                    if who != Who::Nobody || count <= 6 {
                        let mut k = j + 1;
                        if k < pend && self.lex.comp.contains(&self.h(k)) {
                            k += 1;
                        }
                        return if k < pend { self.reported(k, span, who, 0.8, 2) } else { None };
                    }
                }
                _ => {}
            }
            if self.toks[j].is_word() {
                if self.cue(j).is_some() {
                    break;
                }
                let h = self.h(j);
                // A relative clause after the subject pushes the complementiser further
                // ("وقال الرئيس بوش الذي قطع رحلته ... انها").
                if !widened && self.lex.rel.contains(&h) {
                    limit += 14;
                    widened = true;
                }
                let blocked = j > first
                    && self.lex.block.contains(&self.h(j - 1))
                    && cue.prep != Some(self.h(j - 1))
                    && !(j > first + 1 && self.lex.hope.contains(&self.h(j - 2)));
                if self.lex.comp.contains(&h) && !blocked {
                    // Inside a relative clause a complementiser may be the relative verb's ("كما
                    // قال الرئيس الذي وصف إسرائيل بأنها ...، أن ..."): one after a comma, further on,
                    // is the cue's.
                    if widened && !matches!(self.punct(j - 1), Some(',' | '،')) && rel_comp.is_none() {
                        rel_comp = Some(j);
                    } else {
                        return self.reported_after_comp(cue, first, j);
                    }
                }
                // Verbatim speech without marks after the cue and its subject ("وقال الرئيس لقد ...").
                if self.lex.verb_first && j > first && self.lex.verbatim.contains(&h) && !blocked {
                    let fwd = self.first_speaker(first, j);
                    let who = self.speaker_of(&cue, fwd);
                    return self.reported(j, span, who, 0.7, 2);
                }
            }
            j += 1;
            count += 1;
        }
        if let Some(j) = rel_comp {
            return self.reported_after_comp(cue, first, j);
        }
        self.before_clause(cue)
    }

    /// The reported clause after the complementiser at `j`, spoken by the subject between the cue
    /// and it (`first` is the token after the cue).
    fn reported_after_comp(&mut self, cue: Cue, first: usize, j: usize) -> Option<Cand> {
        let pend = self.para_end(cue.t1);
        let fwd = self.subject_speaker(first, j);
        let who = self.speaker_of(&cue, fwd);
        if j + 1 < pend {
            self.reported(j + 1, Some((cue.t0, cue.t1)), who, 0.85, 2)
        } else {
            None
        }
    }

    /// The cue's subject is a noun of evidence ("وتشير التقديرات إلى أن", "the study showed"):
    /// no speech is reported.
    fn evidence_subject(&self, cue: &Cue) -> bool {
        // "according to estimates" is a quote with no speaker.
        if cue.class == CueClass::Source {
            return false;
        }
        let at = if self.lex.verb_first {
            Some(cue.t1 + 1)
        } else {
            let mut b = cue.t0;
            while b > 0 && self.toks[b - 1].is_word() && self.lex.adv.contains(&self.h(b - 1)) {
                b -= 1;
            }
            b.checked_sub(1)
        };
        // "وتشير تقديرات منظمة الأغذية والزراعة إلى أن": an organisation's estimate is its word.
        let owned = |u: usize| self.lex.verb_first && u + 1 < self.toks.len() && self.speaker_ent(u + 1).is_some();
        at.is_some_and(|u| {
            u < self.toks.len() && self.toks[u].is_word() && self.lex.evidence.contains(&self.hash[u].0) && !owned(u)
        })
    }

    /// English: where a clause without "that" starts after a cue, if it does.
    /// - say-verbs: a lowercase word or number that is no preposition, complementiser, cue or
    ///   entity ("said the plan was ..."); time words may come first ("says Thursday this is ...");
    ///   when the cue has its subject before it, also a capitalised word or a name ("Reporters
    ///   Without Borders says Fahim Kohdamani of Emroz TV was ...", "Officials say King Abdullah has ...");
    /// - other reporting verbs: a subject pronoun or possessive ("acknowledged he has made ...",
    ///   "insists its program is ...");
    /// - tell-verbs: a subject pronoun after the object ("told an Iranian daily he believes ..."),
    ///   or "quoted X as saying ...";
    /// - participles ("saying the procedure was ...", "adding the ..."): as say-verbs.
    pub(super) fn bare_start(&self, cue: &Cue) -> Option<usize> {
        let pend = self.para_end(cue.t1);
        let mut first = cue.t1 + 1;
        if cue.class == CueClass::Tell {
            if let Some((k, _)) = self.quoted_as_saying(cue) {
                return Some(k);
            }
            let stop = (first + 8).min(pend);
            for u in first + 1..stop {
                if !self.toks[u].is_word() || self.cue(u).is_some() || self.lex.comp.contains(&self.h(u)) {
                    return None;
                }
                if self.nominative(u) && u + 1 < pend && self.toks[u + 1].is_word() {
                    return Some(u);
                }
            }
            return None;
        }
        while first < pend && self.toks[first].is_word() && self.lex.time.contains(&self.h(first)) {
            first += 1;
        }
        if first >= pend || !self.toks[first].is_word() || self.in_pair[first] {
            return None;
        }
        let h = self.h(first);
        let number_next = first + 1 < pend
            && self.chars[self.toks[first + 1].start as usize].is_ascii_digit()
            && self.lex.approx.contains(&h);
        if (self.lex.prep.contains(&h) && !number_next) || self.lex.comp.contains(&h) || self.cue(first).is_some() {
            return None;
        }
        let next_is_word = first + 1 < pend && self.toks[first + 1].is_word();
        // A possessive is a subject's ("insists its program is ...") only with a verb soon after;
        // else it is the object's ("announced his resignation").
        let aux_soon =
            (first + 1..(first + 5).min(pend)).any(|u| self.toks[u].is_word() && self.lex.aux.contains(&self.h(u)));
        let pronoun_start = (self.nominative(first) || (self.lex.poss.contains(&h) && aux_soon)) && next_is_word;
        match cue.class {
            CueClass::Say | CueClass::Part => {
                let c0 = self.chars[self.toks[first].start as usize];
                if (c0.is_lowercase() || c0.is_numeric()) && self.speaker_ent(first).is_none() {
                    return Some(first);
                }
                let words_after = (first..self.sent_end(first)).filter(|&u| self.toks[u].is_word()).count();
                let subject_before = cue.class == CueClass::Part || self.has_left_subject(cue);
                (subject_before && c0.is_uppercase() && words_after >= 4).then_some(first)
            }
            CueClass::Verb => pronoun_start.then_some(first),
            _ => None,
        }
    }

    fn nominative(&self, u: usize) -> bool {
        self.toks[u].is_word() && self.lex.pron.contains(&self.h(u))
    }

    /// The cue has its subject written before it (a word that is no conjunction, complementiser
    /// or cue): "X says ...", not "..., said X" or "and said".
    fn has_left_subject(&self, cue: &Cue) -> bool {
        let p0 = self.sent_start(cue.t0);
        let mut b = cue.t0;
        while b > p0 && self.toks[b - 1].is_word() && self.lex.adv.contains(&self.h(b - 1)) {
            b -= 1;
        }
        if b == p0 {
            return false;
        }
        let u = b - 1;
        if !self.toks[u].is_word() {
            // A possessive apostrophe or the end of a name ("ConocoPhillips' officials say").
            return self.ent(u).is_some();
        }
        let h = self.h(u);
        !self.lex.conj.contains(&h) && !self.lex.comp.contains(&h) && self.cue(u).is_none()
    }

    /// "quoted X as saying C": the token where C starts (after "that" if any) and X's entity.
    pub(super) fn quoted_as_saying(&self, cue: &Cue) -> Option<(usize, Option<usize>)> {
        if cue.class != CueClass::Tell {
            return None;
        }
        let pend = self.para_end(cue.t1);
        let stop = (cue.t1 + 12).min(pend);
        let (as_, saying) = (norm_hash("as"), norm_hash("saying"));
        let at = (cue.t1 + 1..stop.saturating_sub(1)).find(|&u| {
            self.toks[u].is_word() && self.h(u) == as_ && self.toks[u + 1].is_word() && self.h(u + 1) == saying
        })?;
        let mut k = at + 2;
        if k < pend && self.toks[k].is_word() && self.lex.comp.contains(&self.h(k)) {
            k += 1;
        }
        (k < pend && self.toks[k].is_word()).then(|| (k, self.first_speaker(cue.t1 + 1, at)))
    }

    /// "... وهو لا يأمل أكثر من معالجة الملف، لا حله على حد قوله": the clause before the cue, from
    /// the earliest comma after which no name is mentioned (else from the last comma, else the
    /// sentence start); the speaker is the current one.
    pub(super) fn trail_clause(&mut self, cue: Cue) -> Option<Cand> {
        let s0 = self.sent_start(cue.t0);
        let mut start = None;
        let mut last_comma = None;
        let mut t = cue.t0;
        while t > s0 {
            t -= 1;
            if self.in_pair[t] && self.open_pair(t).is_none() {
                continue;
            }
            if self.speaker_ent(t).is_some() {
                break;
            }
            if matches!(self.punct(t), Some(',' | '،')) {
                last_comma.get_or_insert(t + 1);
                start = Some(t + 1);
            }
        }
        let start = start.or(last_comma).unwrap_or(s0);
        let mut last = cue.t0.checked_sub(1)?;
        while last > start && matches!(self.punct(last), Some(',' | '،' | '-' | '—')) {
            last -= 1;
        }
        if (start..=last).filter(|&u| self.toks[u].is_word()).count() < 3 {
            return None;
        }
        let who = self.speaker_of(&cue, None);
        let (s, e) = (self.toks[start].start, self.toks[last].end);
        let para = self.toks[start].para;
        let cue_range = Some((cue.t0, cue.t1));
        Some(Cand {
            s,
            e,
            kind: QuoteKind::Indirect,
            cue: cue_range,
            who,
            conf: Ctx::conf(0.6, who),
            prio: 1,
            para,
            pair: None,
        })
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
        // The candidate of the last cue that made one, and the sentence of that cue.
        let mut prev: Option<(usize, usize)> = None;
        for ci in 0..self.cues.len() {
            let s0 = self.sent_start(self.cues[ci].t0);
            self.prev_in_sentence = prev.filter(|&(_, s)| s == s0).map(|(k, _)| k);
            if let Some(c) = self.resolve_cue(ci) {
                if let Some(pi) = c.pair {
                    cand_of_pair[pi] = Some(cands.len());
                }
                prev = Some((cands.len(), s0));
                cands.push(c);
            }
        }
        self.prev_in_sentence = None;
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
            // An opening mark never closed, that no cue claims and that continues nothing, is a
            // stray mark of the source ("«وكان في استقبال جلالة الملك ..." to the paragraph end).
            p.close?;
            return self.direct(pi, None, Who::Carry, 0.5, 1);
        }
        // A quotation inside a sentence with no cue claiming it is a quoted phrase ("the release of
        // hundreds of "minors, women and elderly people ..." as well as ..."), not a quote.
        None
    }
}
