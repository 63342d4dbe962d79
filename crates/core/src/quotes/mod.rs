//! Quotes and who said them: direct quotes (quotation marks of every common style), reported
//! speech (cue lexicons), mixed quotes, and speaker attribution to the document's PER/ORG spans.
//!
//! The rules are documented in `docs/QUOTES.md`; the cue lexicons are data, in
//! `crates/core/data/quotes/{ar,en}-cues.txt`. Everything is rule-based and linear in the length
//! of the text: one pass to tokenise, one to pair quotation marks, one over the cues, one over the
//! remaining pairs. No token allocates.
//!
//! ```
//! use sanad_core::{quotes, Origin, Range, Span};
//! let text = "وقال الوزير سيرغي لافروف إن روسيا مستعدة.";
//! let per = Span::new("p1", Range::new(12, 24).unwrap(), "PER", Origin::Editor).unwrap();
//! let q = quotes::detect(text, "ar", &[per]);
//! assert_eq!(q.len(), 1);
//! assert_eq!(q[0].speaker_name(), Some("سيرغي لافروف"));
//! ```

pub mod eval;
mod lexicon;
mod marks;

use crate::model::{Document, Origin, Quote, QuoteKind, Range, Span, Speaker};
use lexicon::{lexicon, word_hashes, CueClass, Lexicon};
use marks::{is_mark, is_terminator, pair_marks, tokenize, Pair, Para, Tok};

pub use lexicon::normalise_text;

/// How many paragraphs back a speaker may be carried over ("وأضاف:", "he added").
pub const CARRY_PARAGRAPHS: u32 = 3;
/// A quoted fragment with fewer words than this, inside a sentence and with no cue, is a scare
/// quote or a name, not a quote.
pub const MIN_FLOATING_WORDS: usize = 6;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum EntKind {
    Per,
    Org,
    Other,
}

#[derive(Debug, Clone)]
struct Ent {
    /// Index into the caller's spans.
    span: usize,
    start: u32,
    end: u32,
    kind: EntKind,
    /// Token range, inclusive.
    t0: usize,
    t1: usize,
}

#[derive(Debug, Clone, Copy)]
struct Cue {
    t0: usize,
    t1: usize,
    class: CueClass,
    /// The preposition the verb governs (أشار إلى، حذر من), also when the subject separates them.
    prep: Option<u64>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Who {
    /// An entity named locally.
    Ent(usize),
    /// The most recent speaker.
    Carry,
    /// Whoever speaks candidate `n`.
    Like(usize),
    /// Nobody (e.g. "according to a survey").
    Nobody,
}

#[derive(Debug, Clone)]
struct Cand {
    s: u32,
    e: u32,
    kind: QuoteKind,
    cue: Option<(usize, usize)>,
    who: Who,
    conf: f64,
    prio: u8,
    para: u32,
    /// The quotation-mark pair of a direct quote.
    pair: Option<usize>,
}

struct Ctx<'a> {
    chars: &'a [char],
    toks: Vec<Tok>,
    paras: Vec<Para>,
    hash: Vec<(u64, u64)>,
    /// Token ends a sentence.
    term: Vec<bool>,
    lex: &'static Lexicon,
    ents: Vec<Ent>,
    ent_at: Vec<u32>,
    pairs: Vec<Pair>,
    title: Vec<bool>,
    used: Vec<bool>,
    open_at: Vec<u32>,
    close_at: Vec<u32>,
    in_pair: Vec<bool>,
    cues: Vec<Cue>,
    cue_at: Vec<u32>,
}

/// Finds the quotes of a text. `lang` chooses the lexicon (`ar*` Arabic, anything else English);
/// `entities` are the document's entity spans (PER and ORG ones can be speakers). Quotes come in
/// text order with ids `q1`, `q2`, ..., origin `model` and a confidence set by the rule that found them.
pub fn detect(text: &str, lang: &str, entities: &[Span]) -> Vec<Quote> {
    let chars: Vec<char> = text.chars().collect();
    let mut cx = Ctx::new(&chars, lang, entities);
    let cands = cx.candidates();
    cx.finish(cands, entities)
}

/// [`detect`] on a document's text, language and entity spans.
pub fn detect_in(doc: &Document) -> Vec<Quote> {
    detect(doc.text(), doc.lang(), doc.spans())
}

fn ent_kind(label: &str) -> EntKind {
    match label {
        "PER" | "PERSON" => EntKind::Per,
        "ORG" | "ORGANIZATION" | "ORGANISATION" => EntKind::Org,
        _ => EntKind::Other,
    }
}

impl<'a> Ctx<'a> {
    fn new(chars: &'a [char], lang: &str, entities: &[Span]) -> Ctx<'a> {
        let (toks, paras) = tokenize(chars);
        let n = toks.len();
        let hash: Vec<(u64, u64)> = toks
            .iter()
            .map(|t| if t.is_word() { word_hashes(&chars[t.start as usize..t.end as usize]) } else { (0, 0) })
            .collect();
        let lex = lexicon(lang);
        // A full stop after an abbreviation ("Dr.") does not end the sentence.
        let term = (0..n)
            .map(|t| match toks[t].punct() {
                Some('.') if t > 0 && toks[t - 1].is_word() && toks[t - 1].end == toks[t].start => {
                    !lex.abbr.contains(&hash[t - 1].0)
                }
                Some(c) => is_terminator(c),
                None => false,
            })
            .collect();
        let mut order: Vec<usize> = (0..entities.len()).collect();
        crate::sort::sort_by_key(&mut order, |&i| (entities[i].start(), std::cmp::Reverse(entities[i].end())));
        let mut ents = Vec::with_capacity(entities.len());
        let mut ent_at = vec![0u32; n];
        for i in order {
            let sp = &entities[i];
            let (s, e) = (sp.start() as u32, sp.end() as u32);
            let t0 = toks.partition_point(|t| t.end <= s);
            let mut t1 = t0;
            while t1 < n && toks[t1].start < e {
                t1 += 1;
            }
            if t1 == t0 {
                continue;
            }
            if (t0..t1).any(|t| ent_at[t] != 0) {
                continue;
            }
            ents.push(Ent { span: i, start: s, end: e, kind: ent_kind(sp.label()), t0, t1: t1 - 1 });
            for slot in &mut ent_at[t0..t1] {
                *slot = ents.len() as u32;
            }
        }
        let pairs = pair_marks(chars, &toks, &paras);
        let mut open_at = vec![0u32; n];
        let mut close_at = vec![0u32; n];
        let mut in_pair = vec![false; n];
        for (k, p) in pairs.iter().enumerate() {
            open_at[p.open] = k as u32 + 1;
            if let Some(c) = p.close {
                close_at[c] = k as u32 + 1;
            }
            for slot in &mut in_pair[p.open..=p.last] {
                *slot = true;
            }
        }
        let mut cx = Ctx {
            chars,
            toks,
            paras,
            hash,
            term,
            lex,
            ents,
            ent_at,
            title: vec![false; pairs.len()],
            used: vec![false; pairs.len()],
            pairs,
            open_at,
            close_at,
            in_pair,
            cues: Vec::new(),
            cue_at: vec![0; n],
        };
        cx.title = (0..cx.pairs.len()).map(|k| cx.is_title(k)).collect();
        cx.find_cues();
        cx
    }

    fn h(&self, t: usize) -> u64 {
        self.hash[t].0
    }

    fn term(&self, t: usize) -> bool {
        self.term[t]
    }

    fn punct(&self, t: usize) -> Option<char> {
        self.toks[t].punct()
    }

    fn para_end(&self, t: usize) -> usize {
        self.paras[self.toks[t].para as usize].t1
    }

    fn para_start(&self, t: usize) -> usize {
        self.paras[self.toks[t].para as usize].t0
    }

    fn ent(&self, t: usize) -> Option<usize> {
        match self.ent_at[t] {
            0 => None,
            k => Some(k as usize - 1),
        }
    }

    /// The PER/ORG entity covering token `t`.
    fn speaker_ent(&self, t: usize) -> Option<usize> {
        self.ent(t).filter(|&e| self.ents[e].kind != EntKind::Other)
    }

    fn open_pair(&self, t: usize) -> Option<usize> {
        match self.open_at[t] {
            0 => None,
            k => Some(k as usize - 1),
        }
    }

    fn cue(&self, t: usize) -> Option<usize> {
        match self.cue_at[t] {
            0 => None,
            k => Some(k as usize - 1),
        }
    }

    fn words_in(&self, k: usize) -> usize {
        let p = &self.pairs[k];
        (p.open..=p.last).filter(|&t| self.toks[t].is_word()).count()
    }

    /// A pair is a title when a naming word (بعنوان، البرنامج، called, channel...) is one of the two
    /// words right before its opening mark.
    fn is_title(&self, k: usize) -> bool {
        let open = self.pairs[k].open;
        let p0 = self.para_start(open);
        let mut t = open;
        for _ in 0..2 {
            if t == p0 {
                return false;
            }
            t -= 1;
            if !self.toks[t].is_word() {
                return false;
            }
            if self.lex.title.contains(&self.hash[t].0) || self.lex.title.contains(&self.hash[t].1) {
                return true;
            }
        }
        false
    }

    fn find_cues(&mut self) {
        let n = self.toks.len();
        let mut t = 0;
        while t < n {
            if !self.toks[t].is_word() || self.in_pair[t] || self.ent_at[t] != 0 {
                t += 1;
                continue;
            }
            let Some(forms) = self.lex.cues.get(&self.h(t)) else {
                t += 1;
                continue;
            };
            let pend = self.para_end(t);
            let mut found = None;
            for f in forms {
                let fits = f.rest.iter().enumerate().all(|(k, &w)| {
                    let u = t + 1 + k;
                    u < pend && self.toks[u].is_word() && self.h(u) == w
                });
                if fits {
                    let mut t1 = t + f.rest.len();
                    if let Some(o) = f.optional {
                        if t1 + 1 < pend && self.h(t1 + 1) == o {
                            t1 += 1;
                        }
                    }
                    found = Some(Cue { t0: t, t1, class: f.class, prep: f.optional });
                    break;
                }
            }
            match found {
                Some(c) => {
                    self.cues.push(c);
                    for slot in &mut self.cue_at[c.t0..=c.t1] {
                        *slot = self.cues.len() as u32;
                    }
                    t = c.t1 + 1;
                }
                None => t += 1,
            }
        }
    }

    /// The reported clause starting at token `k`: up to the end of the sentence (final full stop
    /// excluded), or up to a comma followed by another cue. Quotation marks inside are skipped as
    /// a whole; the outermost pairs met are returned (they make the quote mixed).
    fn clause(&self, k: usize) -> Option<(u32, u32, Vec<usize>)> {
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

    fn pair_content(&self, pi: usize) -> Option<(u32, u32)> {
        self.pairs[pi].content
    }

    /// PER first, else ORG, among entities starting in tokens `from..to`.
    fn first_speaker(&self, from: usize, to: usize) -> Option<usize> {
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
    fn left_subject(&self, cue: &Cue) -> Who {
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
    fn speaker_of(&self, cue: &Cue, fwd: Option<usize>) -> Who {
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

    fn conf(base: f64, who: Who) -> f64 {
        match who {
            Who::Ent(_) | Who::Like(_) => base,
            Who::Carry => base - 0.1,
            Who::Nobody => base - 0.2,
        }
    }

    fn direct(&mut self, pi: usize, cue: Option<(usize, usize)>, who: Who, base: f64, prio: u8) -> Option<Cand> {
        let (s, e) = self.pair_content(pi)?;
        self.used[pi] = true;
        let para = self.toks[self.pairs[pi].open].para;
        Some(Cand { s, e, kind: QuoteKind::Direct, cue, who, conf: Ctx::conf(base, who), prio, para, pair: Some(pi) })
    }

    fn reported(&mut self, k: usize, cue: Option<(usize, usize)>, who: Who, base: f64, prio: u8) -> Option<Cand> {
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
    fn trailing(&mut self, ci: usize) -> Option<Cand> {
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

    /// The subject written between two tokens: a PER (else ORG) entity; a pronoun (the current
    /// speaker); in English, other words ("the ministry") name a speaker who is no entity: nobody.
    /// `None` when there is nothing there.
    fn subject_between(&self, from: usize, to: usize) -> Option<Who> {
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
    fn right_speaker(&self, cue: &Cue) -> Option<usize> {
        let pend = self.para_end(cue.t1);
        let to = (cue.t1 + 7).min(pend);
        let stop = (cue.t1 + 1..to).find(|&u| self.term(u)).unwrap_or(to);
        self.first_speaker(cue.t1 + 1, stop)
    }

    fn starts_with_al(&self, t: usize) -> bool {
        let s = self.toks[t].start as usize;
        let mut it = self.chars[s..self.toks[t].end as usize].iter().filter_map(|&c| lexicon::norm_char(c));
        it.next() == Some('ا') && it.next() == Some('ل')
    }

    /// The speaker of a cue with no named subject. Arabic: an indefinite subject right after the
    /// verb (مسؤول، مصدر مطلع، متحدث باسم: no ال, and no ال on the next word) is anonymous: nobody;
    /// otherwise (no subject, a pronoun, or a definite title such as "وزير الخارجية") the current
    /// speaker. English: the current speaker.
    fn default_subject(&self, cue: &Cue) -> Who {
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

    /// "..., X said." / "..., the ministry announced on Tuesday." / "..., according to X.": the
    /// clause before the comma that precedes the cue's subject, when nothing but a few words follow
    /// the cue to the end of the sentence.
    fn before_clause(&mut self, cue: Cue) -> Option<Cand> {
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

    fn resolve_cue(&mut self, ci: usize) -> Option<Cand> {
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
    fn headline(&mut self, p: Para) -> Option<Cand> {
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

    fn candidates(&mut self) -> Vec<Cand> {
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
    fn unclaimed(&mut self, pi: usize, cand_of_pair: &[Option<usize>], cands: &[Cand]) -> Option<Cand> {
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

    fn tokens_match(&self, a: (u64, u64), b: (u64, u64)) -> bool {
        a.0 == b.0 || a.1 == b.0 || a.0 == b.1 || a.1 == b.1
    }

    /// Every word of entity `a` is a word of entity `b` (up to Arabic proclitics).
    fn contained(&self, a: usize, b: usize) -> bool {
        let (ea, eb) = (&self.ents[a], &self.ents[b]);
        (ea.t0..=ea.t1)
            .filter(|&t| self.toks[t].is_word())
            .all(|t| (eb.t0..=eb.t1).any(|u| self.toks[u].is_word() && self.tokens_match(self.hash[t], self.hash[u])))
    }

    fn n_words(&self, e: usize) -> usize {
        let en = &self.ents[e];
        (en.t0..=en.t1).filter(|&t| self.toks[t].is_word()).count()
    }

    /// The fullest mention of the entity's name: the mention with the most words containing all of
    /// its words; the earliest one on a tie; the mention itself when none is longer.
    /// `n_words` holds every entity's word count.
    fn fullest(&self, e: usize, n_words: &[usize]) -> usize {
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
    fn nearest_mention(&self, e: usize, pos: u32) -> usize {
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

    fn text_of(&self, e: usize) -> String {
        self.chars[self.ents[e].start as usize..self.ents[e].end as usize].iter().collect()
    }

    fn finish(&self, cands: Vec<Cand>, spans: &[Span]) -> Vec<Quote> {
        // Overlaps: the higher-priority rule wins, then the earlier quote.
        let mut order: Vec<usize> = (0..cands.len()).collect();
        crate::sort::sort_by_key(&mut order, |&i| (std::cmp::Reverse(cands[i].prio), cands[i].s));
        // Kept quotes as (start, end), sorted by start.
        let mut taken: Vec<(u32, u32)> = Vec::new();
        let mut kept: Vec<usize> = Vec::new();
        for i in order {
            let c = &cands[i];
            // Kept quotes never overlap, so the one starting last before `c` ends is the only one to check.
            let before = taken.partition_point(|&(s, _)| s < c.e);
            if before == 0 || taken[before - 1].1 <= c.s {
                taken.insert(taken.partition_point(|&(s, _)| s < c.s), (c.s, c.e));
                kept.push(i);
            }
        }
        crate::sort::sort_by_key(&mut kept, |&i| (cands[i].s, cands[i].e));
        let mut resolved: Vec<Option<usize>> = vec![None; cands.len()];
        let mut last: Option<(usize, u32)> = None;
        let mut out = Vec::with_capacity(kept.len());
        let n_words: Vec<usize> = (0..self.ents.len()).map(|e| self.n_words(e)).collect();
        // speaker_name by the speaker's words: the same words always give the same fullest name.
        let mut names: std::collections::HashMap<u64, String> = std::collections::HashMap::new();
        for (n, &i) in kept.iter().enumerate() {
            let c = &cands[i];
            let carry = |last: Option<(usize, u32)>| {
                last.filter(|&(_, p)| c.para <= p + CARRY_PARAGRAPHS).map(|(e, _)| self.nearest_mention(e, c.s))
            };
            let who = match c.who {
                Who::Ent(e) => Some(e),
                Who::Carry => carry(last),
                Who::Like(k) => resolved[k].or_else(|| carry(last)),
                Who::Nobody => None,
            };
            resolved[i] = who;
            if let Some(e) = who {
                last = Some((e, c.para));
            }
            let Ok(range) = Range::new(c.s as usize, c.e as usize) else { continue };
            let cue = c.cue.and_then(|(a, b)| Range::new(self.toks[a].start as usize, self.toks[b].end as usize).ok());
            let speaker = who.and_then(|e| {
                let en = &self.ents[e];
                let r = Range::new(en.start as usize, en.end as usize).ok()?;
                let key = (en.t0..=en.t1).fold(en.kind as u64, |k, t| k.wrapping_mul(31).wrapping_add(self.hash[t].0));
                let name = names.entry(key).or_insert_with(|| self.text_of(self.fullest(e, &n_words))).clone();
                Some((Speaker::new(r, Some(spans[en.span].id().to_string())), name))
            });
            let conf = if speaker.is_some() { c.conf } else { c.conf * 0.8 };
            let (speaker, name) = match speaker {
                Some((s, n)) => (Some(s), Some(n)),
                None => (None, None),
            };
            let q = Quote::new(format!("q{}", n + 1), range, c.kind, Origin::Model)
                .map(|q| q.with_cue(cue).with_speaker(speaker, name))
                .and_then(|q| q.with_confidence(Some(conf.clamp(0.0, 1.0))));
            if let Ok(q) = q {
                out.push(q);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests;
