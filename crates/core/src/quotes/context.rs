//! The analysed text that quote detection works on ([`Ctx`]): tokens and paragraphs, word hashes,
//! sentence ends, the caller's entities by token, quotation-mark pairs (and which are titles), and
//! the cues of the lexicon found in the text. Built once per text; read by the speaker rules
//! (`speaker`), the candidate rules (`candidates`) and the assembly (`assemble`).

use super::lexicon::{lexicon, word_hashes, CueClass, Lexicon};
use super::marks::{content_of, is_terminator, pair_marks, tokenize, Pair, Para, Tok};
use crate::model::Span;

/// What an entity can be as a speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum EntKind {
    Per,
    Org,
    Other,
}

/// One of the caller's entity spans, on tokens (overlapping spans after the first are dropped).
#[derive(Debug, Clone)]
pub(super) struct Ent {
    /// Index into the caller's spans; `None` for a name the caller's entities missed (`names`).
    pub(super) span: Option<usize>,
    pub(super) start: u32,
    pub(super) end: u32,
    pub(super) kind: EntKind,
    /// Token range, inclusive.
    pub(super) t0: usize,
    pub(super) t1: usize,
}

/// A cue of the lexicon found in the text, on tokens (inclusive).
#[derive(Debug, Clone, Copy)]
pub(super) struct Cue {
    pub(super) t0: usize,
    pub(super) t1: usize,
    pub(super) class: CueClass,
    /// The preposition the verb governs (أشار إلى، حذر من), also when the subject separates them.
    pub(super) prep: Option<u64>,
}

/// The analysed text. Slots `*_at` are per token: 0 for none, else index + 1.
pub(super) struct Ctx<'a> {
    pub(super) chars: &'a [char],
    pub(super) toks: Vec<Tok>,
    pub(super) paras: Vec<Para>,
    pub(super) hash: Vec<(u64, u64)>,
    /// Token ends a sentence.
    pub(super) term: Vec<bool>,
    pub(super) lex: &'static Lexicon,
    pub(super) ents: Vec<Ent>,
    pub(super) ent_at: Vec<u32>,
    pub(super) pairs: Vec<Pair>,
    pub(super) title: Vec<bool>,
    /// The pair is part of a candidate already (set by the candidate rules).
    pub(super) used: Vec<bool>,
    pub(super) open_at: Vec<u32>,
    pub(super) close_at: Vec<u32>,
    pub(super) in_pair: Vec<bool>,
    pub(super) cues: Vec<Cue>,
    pub(super) cue_at: Vec<u32>,
    /// First token of the sentence holding each token, and one past its last.
    pub(super) sent_bounds: Vec<(u32, u32)>,
    /// Entities that are the subject of their sentence, in text order (see `find_subjects`).
    pub(super) subjects: Vec<usize>,
    /// The candidate of the previous cue, when it is in the same sentence as the cue being
    /// resolved (a participle continues its speaker: "X said ..., adding that ...").
    pub(super) prev_in_sentence: Option<usize>,
}

/// A dash: `-`, `–`, `—`, or a word of tatweels (`ـ`, as Arabic datelines write it).
pub(super) fn is_dash_token(chars: &[char], tok: &Tok) -> bool {
    let w = &chars[tok.start as usize..tok.end as usize];
    match tok.punct() {
        Some(c) => matches!(c, '-' | '–' | '—'),
        None => !w.is_empty() && w.iter().all(|&c| c == 'ـ'),
    }
}

/// "U.S", "U.N", "a.m": letters, each run at most two long, joined by inner full stops.
fn is_initialism(w: &[char]) -> bool {
    w.contains(&'.')
        && w.split(|&c| c == '.').all(|p| (1..=2).contains(&p.len()) && p.iter().all(|c| c.is_alphabetic()))
}

/// A cue word of the lexicon that opens a clause (a verb, not "according to").
fn is_cue_word(lex: &Lexicon, h: (u64, u64)) -> bool {
    [h.0, h.1]
        .iter()
        .any(|k| lex.cues.get(k).is_some_and(|fs| fs.iter().any(|f| f.rest.is_empty() && f.class != CueClass::Source)))
}

/// Arabic: quotation marks shifted by one word in the source (`"وذكر أن ... وقال" نعتقد ...`, `"وأضاف" ألم
/// ...`): a closed pair whose content begins and ends with a reporting verb holds the narrator's words,
/// not a quotation. Its closing mark is taken as the opener of the real quotation, which runs to the
/// end of the paragraph (pairs after it in the paragraph are nested inside).
fn fix_shifted_pairs(
    pairs: &mut Vec<Pair>,
    chars: &[char],
    toks: &[Tok],
    paras: &[Para],
    hash: &[(u64, u64)],
    lex: &Lexicon,
) {
    let shifted = |p: &Pair| {
        let Some(close) = p.close else { return false };
        let mut words = (p.open + 1..close).filter(|&t| toks[t].is_word());
        let first = words.next();
        let last = words.next_back().or(first);
        let para = &paras[toks[close].para as usize];
        matches!((first, last), (Some(a), Some(b)) if is_cue_word(lex, hash[a]) && is_cue_word(lex, hash[b]))
            && close + 2 < para.t1
    };
    // English scare quotes may hold a reporting verb ("would "continue" to"); the shift is an
    // artefact of tokenised Arabic sources.
    if !lex.verb_first || !pairs.iter().any(shifted) {
        return;
    }
    let old = std::mem::take(pairs);
    // New index of each old pair (None: nested in a re-opened quotation, dropped).
    let mut map: Vec<Option<usize>> = vec![None; old.len()];
    let mut cover_end = 0usize;
    for (k, p) in old.iter().enumerate() {
        if p.open < cover_end {
            continue;
        }
        let mut q = p.clone();
        if shifted(p) {
            let close = p.close.unwrap_or(p.last);
            let end = paras[toks[close].para as usize].t1;
            q = Pair { open: close, close: None, last: end - 1, content: None, continues: None };
            q.content = content_of(chars, toks, &q);
            cover_end = end;
        }
        map[k] = Some(pairs.len());
        pairs.push(q);
    }
    for p in pairs.iter_mut() {
        p.continues = p.continues.and_then(|c| map[c]);
    }
}

fn ent_kind(label: &str) -> EntKind {
    match label {
        "PER" | "PERSON" => EntKind::Per,
        "ORG" | "ORGANIZATION" | "ORGANISATION" => EntKind::Org,
        _ => EntKind::Other,
    }
}

impl<'a> Ctx<'a> {
    pub(super) fn new(chars: &'a [char], lang: &str, entities: &[Span]) -> Ctx<'a> {
        let (toks, paras) = tokenize(chars);
        let n = toks.len();
        let hash: Vec<(u64, u64)> = toks
            .iter()
            .map(|t| if t.is_word() { word_hashes(&chars[t.start as usize..t.end as usize]) } else { (0, 0) })
            .collect();
        let lex = lexicon(lang);
        let agency_at = |t: usize| t < n && toks[t].is_word() && lex.agency.contains(&hash[t].0);
        let is_dash = |t: usize| is_dash_token(chars, &toks[t]);
        // A full stop after an abbreviation ("Dr.") or an initialism ("U.S.") does not end the
        // sentence; a news agency in parentheses ("(رويترز)", a caption run into the text) does.
        let term: Vec<bool> = (0..n)
            .map(|t| match toks[t].punct() {
                Some('.') if t > 0 && toks[t - 1].is_word() && toks[t - 1].end == toks[t].start => {
                    let w = &chars[toks[t - 1].start as usize..toks[t - 1].end as usize];
                    !lex.abbr.contains(&hash[t - 1].0) && !is_initialism(w)
                }
                Some(_) if is_dash(t) => {
                    agency_at(t + 1) && t + 2 < n && (is_dash(t + 2) || toks[t + 2].punct() == Some(':'))
                }
                Some(c) => is_terminator(c) || (c == '(' && agency_at(t + 1)),
                // A dateline run into the text ("ـ رويترز ـ") ends the sentence before it.
                None => {
                    is_dash(t) && agency_at(t + 1) && t + 2 < n && (is_dash(t + 2) || toks[t + 2].punct() == Some(':'))
                }
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
            ents.push(Ent { span: Some(i), start: s, end: e, kind: ent_kind(sp.label()), t0, t1: t1 - 1 });
            for slot in &mut ent_at[t0..t1] {
                *slot = ents.len() as u32;
            }
        }
        let mut pairs = pair_marks(chars, &toks, &paras);
        fix_shifted_pairs(&mut pairs, chars, &toks, &paras, &hash, lex);
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
        let mut sent_bounds = vec![(0u32, 0u32); n];
        let mut s0 = 0usize;
        for t in 0..n {
            let last_of_para = t + 1 == n || toks[t + 1].para != toks[t].para;
            if term[t] || last_of_para {
                for slot in &mut sent_bounds[s0..=t] {
                    *slot = (s0 as u32, t as u32 + 1);
                }
                s0 = t + 1;
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
            sent_bounds,
            subjects: Vec::new(),
            prev_in_sentence: None,
        };
        cx.title = (0..cx.pairs.len()).map(|k| cx.is_title(k)).collect();
        cx.find_cues();
        cx.find_missed_names();
        cx.find_subjects();
        cx
    }

    pub(super) fn h(&self, t: usize) -> u64 {
        self.hash[t].0
    }

    pub(super) fn term(&self, t: usize) -> bool {
        self.term[t]
    }

    pub(super) fn punct(&self, t: usize) -> Option<char> {
        self.toks[t].punct()
    }

    pub(super) fn para_end(&self, t: usize) -> usize {
        self.paras[self.toks[t].para as usize].t1
    }

    /// First token of the sentence holding token `t`.
    pub(super) fn sent_start(&self, t: usize) -> usize {
        self.sent_bounds.get(t).map_or(t, |b| b.0 as usize)
    }

    /// One past the last token of the sentence holding token `t` (the next sentence's first token).
    pub(super) fn sent_end(&self, t: usize) -> usize {
        self.sent_bounds.get(t).map_or(t + 1, |b| b.1 as usize)
    }

    pub(super) fn para_start(&self, t: usize) -> usize {
        self.paras[self.toks[t].para as usize].t0
    }

    pub(super) fn ent(&self, t: usize) -> Option<usize> {
        match self.ent_at[t] {
            0 => None,
            k => Some(k as usize - 1),
        }
    }

    /// The PER/ORG entity covering token `t`.
    pub(super) fn speaker_ent(&self, t: usize) -> Option<usize> {
        self.ent(t).filter(|&e| self.ents[e].kind != EntKind::Other)
    }

    pub(super) fn open_pair(&self, t: usize) -> Option<usize> {
        match self.open_at[t] {
            0 => None,
            k => Some(k as usize - 1),
        }
    }

    pub(super) fn cue(&self, t: usize) -> Option<usize> {
        match self.cue_at[t] {
            0 => None,
            k => Some(k as usize - 1),
        }
    }

    pub(super) fn words_in(&self, k: usize) -> usize {
        let p = &self.pairs[k];
        (p.open..=p.last).filter(|&t| self.toks[t].is_word()).count()
    }

    /// A pair is a title when a naming word (بعنوان، البرنامج، called, channel...) is one of the two
    /// words right before its opening mark.
    pub(super) fn is_title(&self, k: usize) -> bool {
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

    pub(super) fn find_cues(&mut self) {
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
            // English: a capitalised cue word inside a sentence is a name ("the United States have"),
            // and a verb after "to" is no reported event ("is set to report", "declined to say").
            if !self.lex.verb_first && t > 0 {
                let capital = self.chars[self.toks[t].start as usize].is_uppercase()
                    && !self.term(t - 1)
                    && t != self.para_start(t);
                let infinitive = self.toks[t - 1].is_word() && self.h(t - 1) == super::lexicon::norm_hash("to");
                if capital || infinitive {
                    t += 1;
                    continue;
                }
            }
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
            // A participle right before a reporting verb is a noun ("مضيفة تحدثت": a stewardess
            // spoke); a reporting verb right before a form of قال is one cue ("وتابع يقول").
            if let Some(c) = &mut found {
                let next = c.t1 + 1;
                let next_cue =
                    (next < pend && self.toks[next].is_word() && !self.in_pair[next] && self.ent_at[next] == 0)
                        .then(|| self.lex.cues.get(&self.h(next)))
                        .flatten()
                        .and_then(|fs| fs.iter().find(|f| f.rest.is_empty()).map(|f| f.class));
                match next_cue {
                    Some(_) if c.class == CueClass::Part => found = None,
                    Some(k @ (CueClass::Say | CueClass::Verb | CueClass::Saying)) if c.class != CueClass::Source => {
                        c.t1 = next;
                        if k == CueClass::Saying {
                            c.class = k;
                        }
                    }
                    _ => {}
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

    pub(super) fn pair_content(&self, pi: usize) -> Option<(u32, u32)> {
        self.pairs[pi].content
    }
}
