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
use lexicon::{lexicon, norm_hash_chars, stripped_hash_chars, CueClass, Lexicon};
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
}

struct Ctx<'a> {
    chars: &'a [char],
    toks: Vec<Tok>,
    paras: Vec<Para>,
    hash: Vec<(u64, u64)>,
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
        let hash = toks
            .iter()
            .map(|t| {
                let w = &chars[t.start as usize..t.end as usize];
                (norm_hash_chars(w), stripped_hash_chars(w))
            })
            .collect();
        let mut order: Vec<usize> = (0..entities.len()).collect();
        order.sort_by_key(|&i| (entities[i].start(), std::cmp::Reverse(entities[i].end())));
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
            lex: lexicon(lang),
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
                    found = Some(Cue { t0: t, t1, class: f.class });
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
            match self.punct(j) {
                Some(c) if is_terminator(c) => break,
                Some(',' | '،') => {
                    let mut m = j + 1;
                    if m < pend && self.lex.conj.contains(&self.h(m)) {
                        m += 1;
                    }
                    if m < pend && self.cue(m).is_some() {
                        break;
                    }
                }
                _ => {}
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
        if cue.t0 > p0 && self.lex.pron.contains(&self.h(cue.t0 - 1)) {
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
                if is_terminator(c) || c == ':' || is_mark(c) {
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
            if !self.toks[t].is_word() {
                break;
            }
        }
        Who::Carry
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
                Who::Carry
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
        Some(Cand { s, e, kind: QuoteKind::Direct, cue, who, conf: Ctx::conf(base, who), prio, para })
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
        Some(Cand { s, e, kind, cue, who, conf: Ctx::conf(base, who), prio, para })
    }

    /// Trailing attribution: `“...,” X said`, `“...”، قالت X`, `"...," she said`, `"...," said X`.
    fn trailing(&mut self, ci: usize) -> Option<Cand> {
        let cue = self.cues[ci];
        if cue.class == CueClass::Source {
            return None;
        }
        let p0 = self.para_start(cue.t0);
        let mut t = cue.t0;
        let mut subj = None;
        let mut pron = false;
        let mut steps = 0;
        while t > p0 && steps < 6 {
            let u = t - 1;
            if let Some(e) = self.speaker_ent(u) {
                subj.get_or_insert(e);
                t = self.ents[e].t0;
            } else if self.lex.pron.contains(&self.h(u)) && self.toks[u].is_word() {
                pron = true;
                t = u;
            } else {
                break;
            }
            steps += 1;
        }
        if t > p0 && matches!(self.punct(t - 1), Some(',' | '،')) {
            t -= 1;
        }
        if t == p0 {
            return None;
        }
        let pi = match self.close_at[t - 1] {
            0 => return None,
            k => k as usize - 1,
        };
        if self.used[pi] || self.title[pi] {
            return None;
        }
        let pend = self.para_end(cue.t1);
        let who = match (subj, pron) {
            (Some(e), _) => Who::Ent(e),
            (None, true) => Who::Carry,
            (None, false) => {
                let to = (cue.t1 + 5).min(pend);
                let stop = (cue.t1 + 1..to).find(|&u| self.punct(u).is_some_and(is_terminator)).unwrap_or(to);
                self.first_speaker(cue.t1 + 1, stop).map_or(Who::Carry, Who::Ent)
            }
        };
        self.direct(pi, Some((cue.t0, cue.t1)), who, 0.9, 3)
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
                if self.title[pi] {
                    j = self.pairs[pi].last + 1;
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
                Some(c) if is_terminator(c) => break,
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
                let blocked = j > first && self.lex.block.contains(&self.h(j - 1));
                if self.lex.comp.contains(&self.h(j)) && !blocked {
                    let fwd = self.first_speaker(first, j);
                    let who = self.speaker_of(&cue, fwd);
                    return if j + 1 < pend { self.reported(j + 1, span, who, 0.85, 2) } else { None };
                }
            }
            j += 1;
            count += 1;
        }
        // "..., according to X." at the end of a sentence: the clause before it.
        if cue.class == CueClass::Source {
            let p0 = self.para_start(cue.t0);
            let mut c = cue.t0;
            if c > p0 && self.lex.conj.contains(&self.h(c - 1)) {
                c -= 1;
            }
            if c > p0 && matches!(self.punct(c - 1), Some(',' | '،')) {
                let mut s = c - 1;
                while s > p0 && !self.punct(s - 1).is_some_and(is_terminator) {
                    s -= 1;
                }
                let stop = (cue.t1 + 1..pend).find(|&u| self.punct(u).is_some_and(is_terminator)).unwrap_or(pend);
                let who = self.first_speaker(cue.t1 + 1, stop).map_or(Who::Nobody, Who::Ent);
                if s < c - 1 {
                    let (cs, ce) = (self.toks[s].start, self.toks[c - 2].end);
                    let para = self.toks[s].para;
                    return Some(Cand {
                        s: cs,
                        e: ce,
                        kind: QuoteKind::Indirect,
                        cue: span,
                        who,
                        conf: Ctx::conf(0.6, who),
                        prio: 1,
                        para,
                    });
                }
            }
        }
        None
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
        let mut cand_of_cue: Vec<Option<usize>> = vec![None; self.cues.len()];
        let mut cand_of_pair: Vec<Option<usize>> = vec![None; self.pairs.len()];
        for (ci, slot) in cand_of_cue.iter_mut().enumerate() {
            if let Some(c) = self.resolve_cue(ci) {
                if c.kind == QuoteKind::Direct {
                    if let Some(pi) = self.pairs.iter().position(|p| p.content == Some((c.s, c.e))) {
                        cand_of_pair[pi] = Some(cands.len());
                    }
                }
                *slot = Some(cands.len());
                cands.push(c);
            }
        }
        for pi in 0..self.paras.len() {
            let p = self.paras[pi];
            if let Some(c) = self.headline(p) {
                cands.push(c);
            }
        }
        for pi in 0..self.pairs.len() {
            if self.used[pi] || self.title[pi] || self.pairs[pi].content.is_none() {
                continue;
            }
            let c = self.unclaimed(pi, &cand_of_pair, &cand_of_cue, &cands);
            if let Some(c) = c {
                cand_of_pair[pi] = Some(cands.len());
                cands.push(c);
            }
        }
        cands
    }

    /// A pair no cue claimed: a continuation paragraph, a quote opening a sentence, or a long
    /// quotation inside one. Short fragments inside a sentence (scare quotes, names) are dropped.
    fn unclaimed(
        &mut self,
        pi: usize,
        cand_of_pair: &[Option<usize>],
        cand_of_cue: &[Option<usize>],
        cands: &[Cand],
    ) -> Option<Cand> {
        if let Some(prev) = self.pairs[pi].continues {
            if let Some(ci) = cand_of_pair[prev] {
                return self.direct(pi, None, Who::Like(ci), 0.75, 2);
            }
        }
        let p = self.pairs[pi].clone();
        let p0 = self.para_start(p.open);
        let pend = self.para_end(p.open);
        let prev = (p.open > p0).then(|| p.open - 1);
        let sentence_start = prev.is_none_or(|t| self.punct(t).is_some_and(|c| is_terminator(c) || c == ':'));
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
                // Split quote: `“A,” X said. “B.”` — B has A's speaker and cue.
                if self.punct(t).is_some_and(is_terminator) {
                    let mut u = t;
                    let mut steps = 0;
                    while u > p0 && steps < 4 {
                        let v = u - 1;
                        if let Some(ci) = self.cue(v) {
                            if let Some(k) = cand_of_cue[ci] {
                                if cands[k].kind == QuoteKind::Direct && cands[k].para == self.toks[p.open].para {
                                    return self.direct(pi, cands[k].cue, Who::Like(k), 0.8, 2);
                                }
                            }
                            break;
                        }
                        if self.speaker_ent(v).is_none() && !self.lex.pron.contains(&self.h(v)) {
                            break;
                        }
                        u = v;
                        steps += 1;
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
    fn fullest(&self, e: usize) -> usize {
        let kind = self.ents[e].kind;
        let mut best = e;
        let mut best_n = self.n_words(e);
        for o in 0..self.ents.len() {
            if self.ents[o].kind != kind {
                continue;
            }
            let n = self.n_words(o);
            if n > best_n && self.contained(e, o) {
                best = o;
                best_n = n;
            }
        }
        best
    }

    /// The nearest mention of the same name as entity `e` ending before `pos`.
    fn nearest_mention(&self, e: usize, pos: u32) -> usize {
        let kind = self.ents[e].kind;
        self.ents
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
        order.sort_by_key(|&i| (std::cmp::Reverse(cands[i].prio), cands[i].s));
        let mut kept: Vec<usize> = Vec::new();
        for i in order {
            let c = &cands[i];
            if kept.iter().all(|&k| cands[k].e <= c.s || c.e <= cands[k].s) {
                kept.push(i);
            }
        }
        kept.sort_by_key(|&i| (cands[i].s, cands[i].e));
        let mut resolved: Vec<Option<usize>> = vec![None; cands.len()];
        let mut last: Option<(usize, u32)> = None;
        let mut out = Vec::with_capacity(kept.len());
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
                Some((Speaker::new(r, Some(spans[en.span].id().to_string())), self.text_of(self.fullest(e))))
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
