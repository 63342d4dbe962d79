//! The analysed text that quote detection works on ([`Ctx`]): tokens and paragraphs, word hashes,
//! sentence ends, the caller's entities by token, quotation-mark pairs (and which are titles), and
//! the cues of the lexicon found in the text. Built once per text; read by the speaker rules
//! (`speaker`), the candidate rules (`candidates`) and the assembly (`assemble`).

use super::lexicon::{lexicon, word_hashes, CueClass, Lexicon};
use super::marks::{is_terminator, pair_marks, tokenize, Pair, Para, Tok};
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
    /// Index into the caller's spans.
    pub(super) span: usize,
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

    pub(super) fn pair_content(&self, pi: usize) -> Option<(u32, u32)> {
        self.pairs[pi].content
    }
}
