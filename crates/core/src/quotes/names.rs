//! Speakers the caller's entities missed: a name-like subject of a cue that no entity span covers
//! ("Correspondent Colombant says", "Mr. Ban Wednesday said", "The IDB says", "According to the
//! Herald,"; a word of a name the entities have elsewhere: "Okafor said", "وقال بوين") becomes a
//! mention of its own, so the quote still gets a speaker. Places of the built-in list ("the United
//! States says") are not taken. Such a mention is not an entity span of the document: the quote's speaker has its
//! range and name and no span id (the model allows a speaker without a span; the editor may make
//! it an entity). Mentions found here take part in carry-over and in the fullest name like the
//! caller's entities.

use super::context::{Ctx, Ent, EntKind};
use super::lexicon::CueClass;

/// At most this many words in a missed name.
const MAX_NAME_WORDS: usize = 4;

impl<'a> Ctx<'a> {
    fn is_cap(&self, t: usize) -> bool {
        self.toks[t].is_word() && self.chars[self.toks[t].start as usize].is_uppercase()
    }

    fn is_acronym(&self, t: usize) -> bool {
        let w = &self.chars[self.toks[t].start as usize..self.toks[t].end as usize];
        w.iter().filter(|c| c.is_alphabetic()).count() >= 2 && w.iter().all(|c| c.is_uppercase() || *c == '.')
    }

    /// A lowercase word that may sit inside a name ("Osama bin Laden", "Dominique de Villepin").
    fn name_particle(&self, t: usize) -> bool {
        self.toks[t].is_word() && self.lex.name_particle.contains(&self.h(t))
    }

    /// English: the name written right before a cue (`b` is the first token of the cue, adverbs
    /// skipped), as a token range, when it is one: capitalised words (name particles allowed
    /// inside) after an optional "the" or honorific, at least two words, or one after "the" or an
    /// honorific, or an acronym. Offices and honorifics at its start are left out; time words
    /// at its end ("Mr. Ban Wednesday said") are skipped.
    fn name_before(&self, b: usize) -> Option<(usize, usize)> {
        let s0 = self.sent_start(b);
        let mut end = b;
        while end > s0
            && self.toks[end - 1].is_word()
            && self.lex.time.contains(&self.h(end - 1))
            && self.is_cap(end - 1)
        {
            end -= 1;
        }
        let mut start = end;
        while start > s0 {
            let u = start - 1;
            if self.ent(u).is_some() || self.cue(u).is_some() || self.in_pair[u] {
                break;
            }
            if self.is_cap(u) || (self.name_particle(u) && start < end) {
                start = u;
                continue;
            }
            // "Mr. Ban": an abbreviation's full stop inside the title.
            if self.punct(u) == Some('.') && !self.term(u) && u > s0 && self.is_honor(u - 1) {
                start = u;
                continue;
            }
            break;
        }
        // Titles are not the name: it is what follows the last office or honorific ("Israeli Prime
        // Minister Ehud Olmert"); a lowercase "the" before it counts as a determiner.
        let mut first = start;
        let mut titled = false;
        if let Some(k) = (start..end).rev().find(|&u| self.is_honor(u) || self.is_office(u)) {
            first = k + 1;
            titled = true;
            while first < end && self.punct(first) == Some('.') {
                first += 1;
            }
        }
        let the = lexicon_hash("the");
        let determined = start > s0 && self.toks[start - 1].is_word() && self.h(start - 1) == the;
        let mut from = first;
        if from < end && self.h(from) == the {
            from += 1;
            titled = true;
        }
        let from_first = from;
        let words: Vec<usize> = (from_first..end).filter(|&u| self.toks[u].is_word()).collect();
        if words.is_empty() || words.len() > MAX_NAME_WORDS || self.name_particle(words[0]) {
            return None;
        }
        let plain = |u: usize| {
            let h = self.h(u);
            !self.lex.office.contains(&h)
                && !self.lex.orgref.contains(&h)
                && !self.lex.carryref.contains(&h)
                && !self.lex.evidence.contains(&h)
                && !self.lex.time.contains(&h)
                && !self.lex.pron.contains(&h)
                && !self.lex.conj.contains(&h)
        };
        if !words.iter().all(|&u| plain(u) || self.name_particle(u)) {
            return None;
        }
        let at_start = from_first == s0;
        // "Okafor said" where the entities have "Grace Okafor" elsewhere but not here.
        let known = words.len() == 1 && self.is_cap(words[0]) && self.known_name_word(words[0]).is_some();
        let ok = known
            || words.len() >= 2 && !at_start
            || words.len() >= 2 && words.iter().filter(|&&u| self.is_cap(u)).count() >= 2
            || titled
            || determined
            || words.iter().all(|&u| self.is_acronym(u));
        let range = (words[0], *words.last().unwrap_or(&words[0]));
        (ok && !self.is_place(range)).then_some(range)
    }

    /// The words are a place of the built-in list ("the United States", "North Korea").
    fn is_place(&self, (t0, t1): (usize, usize)) -> bool {
        let text: String = self.chars[self.toks[t0].start as usize..self.toks[t1].end as usize].iter().collect();
        let places = super::lexicon::places(if self.lex.verb_first { "ar" } else { "en" });
        places.contains(&super::lexicon::norm_hash(&super::lexicon::normalise_text(&text)))
    }

    /// The kind of the PER/ORG entity of the caller that has the word at `t` among its words
    /// (proclitics ignored), if one has.
    pub(super) fn known_name_word(&self, t: usize) -> Option<EntKind> {
        let h = self.hash[t];
        self.ents.iter().filter(|e| e.kind != EntKind::Other && e.span.is_some()).find_map(|e| {
            (e.t0..=e.t1)
                .any(|u| {
                    self.toks[u].is_word()
                        && self.tokens_match(self.hash[u], h)
                        && self.toks[u].end - self.toks[u].start >= 3
                })
                .then_some(e.kind)
        })
    }

    /// English "According to the Herald, ...": the name between the cue and the comma.
    fn name_after_source(&self, cue: usize) -> Option<(usize, usize)> {
        let pend = self.para_end(cue);
        let stop = (cue + 1..(cue + 7).min(pend)).find(|&u| matches!(self.punct(u), Some(',')))?;
        if (cue + 1..stop).any(|u| self.ent(u).is_some()) {
            return None;
        }
        self.name_before(stop)
    }

    fn arabic_name_word(&self, t: usize) -> bool {
        if !self.toks[t].is_word() || self.ent(t).is_some() || self.cue(t).is_some() || self.in_pair[t] {
            return false;
        }
        let h = self.h(t);
        let w: Vec<char> = self.chars[self.toks[t].start as usize..self.toks[t].end as usize]
            .iter()
            .filter_map(|&c| super::lexicon::norm_char(c))
            .collect();
        // With the article, possibly after a proclitic (الفني، للأكاديمية، والمدير): no name.
        let definite = w.starts_with(&['ا', 'ل'])
            || w.starts_with(&['ل', 'ل'])
            || (w.len() > 3 && matches!(w[0], 'و' | 'ف' | 'ب' | 'ك') && w[1] == 'ا' && w[2] == 'ل');
        w.len() >= 2
            && !definite
            && w.iter().all(|c| ('\u{0621}'..='\u{064A}').contains(c))
            && !self.lex.particle.contains(&h)
            && !self.lex.comp.contains(&h)
            && !self.lex.block.contains(&h)
            && !self.lex.conj.contains(&h)
            && !self.lex.verbatim.contains(&h)
            && !self.lex.prep.contains(&h)
            && !self.is_office(t)
            && !self.is_honor(t)
    }

    /// Adds a mention for every missed name found at a cue (see the module documentation).
    pub(super) fn find_missed_names(&mut self) {
        let mut found: Vec<(usize, usize, EntKind)> = Vec::new();
        for c in &self.cues {
            let range = if self.lex.verb_first {
                match c.class {
                    CueClass::Verb | CueClass::Say => None.or_else(|| {
                        // "وقال بوين إن" where the entities have "إستوارت بوين" elsewhere only.
                        let t = c.t1 + 1;
                        (t < self.toks.len() && self.arabic_name_word(t))
                            .then(|| self.known_name_word(t))
                            .flatten()
                            .map(|k| ((t, t), k))
                    }),
                    _ => None,
                }
            } else {
                match c.class {
                    CueClass::Source => self.name_after_source(c.t1),
                    CueClass::Say | CueClass::Verb | CueClass::Tell => {
                        let mut b = c.t0;
                        while b > 0 && self.toks[b - 1].is_word() && self.lex.adv.contains(&self.h(b - 1)) {
                            b -= 1;
                        }
                        self.name_before(b)
                    }
                    _ => None,
                }
                .map(|r| {
                    (
                        r,
                        if r.0 == r.1 {
                            self.known_name_word(r.0).unwrap_or_else(|| self.name_kind(r))
                        } else {
                            self.name_kind(r)
                        },
                    )
                })
            };
            if let Some(((t0, t1), kind)) = range {
                if (t0..=t1).all(|u| self.ent_at[u] == 0) && !found.iter().any(|f| f.0 <= t1 && t0 <= f.1) {
                    found.push((t0, t1, kind));
                }
            }
        }
        if found.is_empty() {
            return;
        }
        for (t0, t1, kind) in found {
            let (start, end) = (self.toks[t0].start, self.toks[t1].end);
            self.ents.push(Ent { span: None, start, end, kind, t0, t1 });
        }
        crate::sort::sort_by_key(&mut self.ents, |e| e.start);
        self.ent_at.iter_mut().for_each(|s| *s = 0);
        for (k, e) in self.ents.iter().enumerate() {
            for slot in &mut self.ent_at[e.t0..=e.t1] {
                *slot = k as u32 + 1;
            }
        }
    }

    /// An organisation when it is an acronym or holds an organisation word ("Herald", "Agency").
    fn name_kind(&self, (t0, t1): (usize, usize)) -> EntKind {
        let org =
            (t0..=t1).any(|u| self.toks[u].is_word() && (self.lex.org_word.contains(&self.h(u)) || self.is_acronym(u)));
        if org {
            EntKind::Org
        } else {
            EntKind::Per
        }
    }
}

fn lexicon_hash(w: &str) -> u64 {
    super::lexicon::norm_hash(w)
}
