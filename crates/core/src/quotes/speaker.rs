//! Speaker attribution: who speaks for a cue (the subject before or after it, a pronoun, an office
//! or a description carrying a person or organisation named elsewhere, or nobody for an anonymous
//! source), the subjects of sentences (who the text is about, for carry-over), and which mention of
//! a name is the speaker's fullest one.

use super::context::{Ctx, Cue, EntKind};
use super::lexicon::{self, CueClass};
use super::marks::is_mark;

/// How many entities back an office ("the president", الملك) is looked for.
const OFFICE_LOOKBACK: usize = 60;

/// How many sentences after the cue a description may be named ("Iraq's president says ...
/// Jalal Talabani told ...").
const CATAPHORA_SENTENCES: usize = 2;

#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Who {
    /// An entity named locally.
    Ent(usize),
    /// The most recent speaker or sentence subject.
    Carry,
    /// The most recent speaker or sentence subject of a kind ("he" a person, "it" an organisation).
    CarryKind(EntKind),
    /// The current speaker (of a kind) if there is one, else the entity named after the cue
    /// ("the group says", "Iraq's president says ... Jalal Talabani told ...").
    Refer(Option<EntKind>, Option<usize>),
    /// Whoever spoke last ("The statement says", "وسجل التقرير").
    LastSpeaker,
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

    /// The cue's subject among the tokens `from..to` after it: [`Ctx::first_speaker`], but not
    /// past a relative pronoun or a dash (entities there are in a relative clause or an aside:
    /// "وسجل التقرير - الذي اطلعت الجزيرة نت على نسخة منه - ... أن").
    pub(super) fn subject_speaker(&self, from: usize, to: usize) -> Option<usize> {
        let stop = (from..to)
            .find(|&u| {
                (self.toks[u].is_word() && self.lex.rel.contains(&self.h(u)))
                    || super::context::is_dash_token(self.chars, &self.toks[u])
            })
            .unwrap_or(to);
        self.first_speaker(from, stop)
    }

    fn in_lex(&self, set: &lexicon::Set, t: usize) -> bool {
        self.toks[t].is_word() && (set.contains(&self.hash[t].0) || set.contains(&self.hash[t].1))
    }

    pub(super) fn is_office(&self, t: usize) -> bool {
        self.in_lex(&self.lex.office, t)
    }

    pub(super) fn is_honor(&self, t: usize) -> bool {
        self.in_lex(&self.lex.honor, t)
    }

    /// The keys a word is compared by when looking for an office: the normalised word without the
    /// article, and the same after one proclitic letter (والوزير, وزيرة and الوزيرة meet at وزير(ه)).
    fn stems(&self, t: usize) -> [u64; 2] {
        let w: Vec<char> = self.chars[self.toks[t].start as usize..self.toks[t].end as usize]
            .iter()
            .filter_map(|&c| lexicon::norm_char(c))
            .collect();
        let strip_al = |w: &[char]| -> u64 {
            let w = if w.len() > 3 && w[0] == 'ا' && w[1] == 'ل' { &w[2..] } else { w };
            let mut h = crate::nlp::hash::Fnv1a64::new();
            w.iter().for_each(|&c| h.write_char(c));
            h.finish()
        };
        let whole = strip_al(&w);
        let bare = match w.first() {
            Some('و' | 'ف' | 'ب' | 'ل' | 'ك') if w.len() >= 4 => {
                // لل: ل + the article.
                if w[0] == 'ل' && w[1] == 'ل' {
                    strip_al(&['ا'].iter().chain(&w[1..]).copied().collect::<Vec<char>>())
                } else {
                    strip_al(&w[1..])
                }
            }
            _ => whole,
        };
        [whole, bare]
    }

    fn same_stem(&self, a: [u64; 2], t: usize) -> bool {
        let b = self.stems(t);
        a.iter().any(|x| b.contains(x))
    }

    /// The person an office names: the last PER before `before` that carries the office word
    /// `office` within four words of its mention in the same paragraph ("الملك حمد"، "فايزة أبوالنجا
    /// وزيرة التعاون"، "President Bush", "Afghan President Hamid Karzai"); else the first person named
    /// as a sentence subject in the next sentences (the name comes after the description).
    pub(super) fn office_holder(&self, office: usize, before: usize) -> Option<usize> {
        self.titled(office, before).or_else(|| self.named_after(before, EntKind::Per))
    }

    /// The last PER before token `before` written with the word at `title` within four words of
    /// it ("المدرب حسن شحاتة" ... "وقال المدرب"; "X, a senior official," ... "the official said").
    pub(super) fn titled(&self, title: usize, before: usize) -> Option<usize> {
        let (office, key) = (title, self.stems(title));
        let start = self.toks[before].start;
        let hi = self.ents.partition_point(|e| e.start < start);
        for e in (hi.saturating_sub(OFFICE_LOOKBACK)..hi).rev() {
            let en = &self.ents[e];
            if en.kind != EntKind::Per {
                continue;
            }
            let (p0, p1) = (self.para_start(en.t0), self.para_end(en.t0));
            let near = (en.t0.saturating_sub(4).max(p0)..en.t0).chain(en.t1 + 1..(en.t1 + 5).min(p1));
            if near.into_iter().any(|u| u != office && self.toks[u].is_word() && self.same_stem(key, u)) {
                return Some(e);
            }
        }
        None
    }

    /// The first sentence subject of `kind` in the sentences after the one holding token `t`.
    pub(super) fn named_after(&self, t: usize, kind: EntKind) -> Option<usize> {
        let mut end = self.sent_end(t);
        for _ in 0..CATAPHORA_SENTENCES {
            if end >= self.toks.len() {
                return None;
            }
            let next_end = self.sent_end(end);
            let hit = self.subjects_in(end, next_end).find(|&e| self.ents[e].kind == kind);
            if hit.is_some() {
                return hit;
            }
            end = next_end;
        }
        None
    }

    /// English: the subject written as a description in `from..to` (no entity in it): an office
    /// ("the president", "Iraq's president", "The head of ..."), an organisation noun ("the group"),
    /// the speaker's statement ("The statement says"). `None` for any other description.
    fn description(&self, from: usize, to: usize) -> Option<Who> {
        let words: Vec<usize> = (from..to).filter(|&u| self.toks[u].is_word()).collect();
        let &last = words.last()?;
        // The head: the last word, or the word before "of" ("The head of ..."); no preposition
        // before it ("officials close to the president" is about officials).
        let of = words.iter().position(|&u| self.h(u) == lexicon::norm_hash("of"));
        let head = match of {
            Some(k) if k > 0 => words[k - 1],
            _ => last,
        };
        if words.iter().take_while(|&&u| u != head).any(|&u| self.lex.prep.contains(&self.h(u))) {
            return None;
        }
        if self.is_office(head) {
            return Some(self.office_holder(head, to).map_or(Who::CarryKind(EntKind::Per), Who::Ent));
        }
        let definite = [lexicon::norm_hash("the"), lexicon::norm_hash("its"), lexicon::norm_hash("their")]
            .contains(&self.h(words[0]));
        // Any other noun written beside a person's name before ("the coach said").
        if let Some(e) = self.titled(head, to) {
            return Some(Who::Ent(e));
        }
        if self.in_lex(&self.lex.orgref, head) && head == last {
            // "the group": the organisation speaking; "An international media group says": the
            // one named next. "a group of experts" is no organisation.
            let after = self.named_after(to, EntKind::Org);
            return Some(if definite {
                Who::Refer(Some(EntKind::Org), after)
            } else {
                after.map_or(Who::Nobody, Who::Ent)
            });
        }
        (self.in_lex(&self.lex.carryref, head) && definite).then_some(Who::LastSpeaker)
    }

    /// English: the subject before a cue ("Lindqvist said", "X, the minister, said", "the
    /// president said", "he said").
    pub(super) fn left_subject(&self, cue: &Cue) -> Who {
        let p0 = self.para_start(cue.t0);
        // The word before the cue, adverbs and auxiliaries skipped ("he also said").
        let mut b = cue.t0;
        while b > p0 && self.toks[b - 1].is_word() && self.lex.adv.contains(&self.h(b - 1)) {
            b -= 1;
        }
        let before = (b > p0 && self.toks[b - 1].is_word()).then(|| b - 1);
        if let Some(u) = before.filter(|&u| self.lex.pron.contains(&self.h(u))) {
            return self.pronoun(u);
        }
        // The subject phrase right before the cue, back to a comma or the clause start: a
        // description when it holds no entity ("In an interview with CNN, the president said").
        let mut np = b;
        while np > p0 && (self.toks[np - 1].is_word() || self.possessive(np - 1)) && self.ent(np - 1).is_none() {
            if !self.toks[np - 1].is_word() {
                np -= 1;
                continue;
            }
            let h = self.h(np - 1);
            if self.lex.comp.contains(&h) || self.cue(np - 1).is_some() || self.lex.conj.contains(&h) {
                break;
            }
            np -= 1;
        }
        let np_has_entity = np > p0 && self.speaker_ent(np - 1).is_some();
        if np < b && !np_has_entity {
            if let Some(w) = self.description(np, b) {
                return w;
            }
        }
        let mut best: [Option<usize>; 4] = [None; 4];
        let mut t = cue.t0;
        let mut steps = 0;
        while t > p0 && steps < 40 {
            t -= 1;
            steps += 1;
            let tok = self.toks[t];
            if let Some(c) = tok.punct() {
                if self.possessive(t) {
                    continue;
                }
                if self.term(t) || c == ':' || is_mark(c) {
                    break;
                }
                // A description subject after the comma: the entity before it is not the subject.
                if c == ',' && np < b && !np_has_entity && t + 1 == np {
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
        // A subject with no entity written before the cue ("The ministry said", "Jordanian
        // officials say King Abdullah has ..."): nobody; the name after the verb is the clause's.
        let word_subject = |u: usize| {
            !self.lex.conj.contains(&self.h(u))
                && !self.lex.comp.contains(&self.h(u))
                && self.cue(u).is_none()
                && self.speaker_ent(u).is_none()
        };
        if before.is_some_and(word_subject) {
            return Who::Nobody;
        }
        // "The officials, speaking on condition of anonymity, say": the subject before the
        // parenthetical.
        if b > p0 && matches!(self.punct(b - 1), Some(',')) {
            if let Some(w) = self.subject_before_parenthetical(b - 1) {
                return w;
            }
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
        self.sentence_subject(cue.t0).map_or(Who::Carry, Who::Ent)
    }

    /// The subject phrase before a parenthetical that ends at the comma `comma` ("The officials,
    /// speaking ..., say"): nobody or a description when it holds words but no entity; `None` when
    /// there is no such phrase or it names an entity (the caller's scan finds it).
    fn subject_before_parenthetical(&self, comma: usize) -> Option<Who> {
        let s0 = self.sent_start(comma);
        let open = (s0..comma).find(|&u| matches!(self.punct(u), Some(',')))?;
        let from = (s0..open).rev().find(|&u| !self.toks[u].is_word()).map_or(s0, |u| u + 1);
        if from >= open || (from..open).any(|u| self.ent(u).is_some()) {
            return None;
        }
        let first = self.h(from);
        if self.lex.conj.contains(&first)
            || self.lex.adv.contains(&first)
            || self.lex.prep.contains(&first)
            || self.lex.pron.contains(&first)
        {
            return None;
        }
        Some(self.description(from, open).unwrap_or(Who::Nobody))
    }

    /// A possessive apostrophe attached to the word before it ("ConocoPhillips' officials").
    fn possessive(&self, t: usize) -> bool {
        matches!(self.punct(t), Some('\'' | '’'))
            && t > 0
            && self.toks[t - 1].is_word()
            && self.toks[t - 1].end == self.toks[t].start
    }

    /// A subject pronoun: "he"/"she" carry a person, "it" an organisation, others anyone.
    fn pronoun(&self, u: usize) -> Who {
        let h = self.h(u);
        if [lexicon::norm_hash("he"), lexicon::norm_hash("she")].contains(&h) {
            Who::CarryKind(EntKind::Per)
        } else if h == lexicon::norm_hash("it") {
            Who::CarryKind(EntKind::Org)
        } else {
            Who::Carry
        }
    }

    /// The subject of the sentence holding token `t`, when it comes before `t` ("X met Y and said").
    fn sentence_subject(&self, t: usize) -> Option<usize> {
        let s0 = self.sent_start(t);
        self.subjects_in(s0, t).find(|&e| self.ents[e].t1 < t)
    }

    /// Who speaks for a cue whose forward scan saw `fwd` (first PER, else ORG, before the content).
    pub(super) fn speaker_of(&self, cue: &Cue, fwd: Option<usize>) -> Who {
        match cue.class {
            CueClass::Source => fwd.map_or(Who::Nobody, Who::Ent),
            // A participle has no subject of its own: an entity after it is an object or a place
            // of speaking ("قائلا في مقابلة مع شبكة سي.أن.أن").
            CueClass::Part | CueClass::Saying | CueClass::Trail => self.participle_subject(cue),
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

    /// A participle ("مضيفا"، "adding") continues the speaker of the quote before it in its sentence;
    /// else, in Arabic, the current speaker; in English, the sentence's subject (an entity, a
    /// pronoun), or nobody when the sentence's subject is no entity ("An embassy spokesman
    /// confirmed the move, saying ...").
    fn participle_subject(&self, cue: &Cue) -> Who {
        if let Some(k) = self.prev_in_sentence {
            return Who::Like(k);
        }
        if self.lex.verb_first {
            return Who::Carry;
        }
        if let Some(e) = self.sentence_subject(cue.t0) {
            return Who::Ent(e);
        }
        let s0 = self.sent_start(cue.t0);
        match (s0..cue.t0).find(|&u| self.toks[u].is_word()) {
            Some(u) if self.lex.pron.contains(&self.h(u)) => self.pronoun(u),
            Some(u) if self.lex.conj.contains(&self.h(u)) || self.lex.adv.contains(&self.h(u)) => Who::Carry,
            Some(_) => Who::Nobody,
            None => Who::Carry,
        }
    }

    /// The subject written between two tokens: a PER (else ORG) entity; a pronoun (the current
    /// speaker); in English, a description ("the president") or other words ("the ministry", a
    /// speaker who is no entity: nobody). `None` when there is nothing there.
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
                return Some(self.pronoun(u));
            }
            words |= !self.lex.conj.contains(&h) && !self.lex.adv.contains(&h);
        }
        if !words || self.lex.verb_first {
            return None;
        }
        Some(self.description(from, to).unwrap_or(Who::Nobody))
    }

    /// A PER/ORG entity right after the cue, before the end of the sentence ("said Dr. X").
    pub(super) fn right_speaker(&self, cue: &Cue) -> Option<usize> {
        let pend = self.para_end(cue.t1);
        let to = (cue.t1 + 7).min(pend);
        let stop = (cue.t1 + 1..to).find(|&u| self.term(u)).unwrap_or(to);
        self.first_speaker(cue.t1 + 1, stop)
    }

    /// The speaker of a cue with no named subject. Arabic: an office after the verb ("وقال الملك",
    /// "وأوضحت وزيرة التعاون") is the last person named with it; an indefinite subject right after
    /// the verb (مسؤول، مصدر مطلع، متحدث باسم: no ال, and no ال on the next word) is anonymous:
    /// nobody; otherwise (no subject, a pronoun, or another definite title) the person named
    /// earlier in the same sentence ("التقت البروفيسور X ..., فأشار إلى أن"), else the current
    /// speaker. English: the current speaker.
    pub(super) fn default_subject(&self, cue: &Cue) -> Who {
        if !self.lex.verb_first {
            return Who::Carry;
        }
        let k = cue.t1 + 1;
        let pend = self.para_end(cue.t0);
        // An indefinite noun right before the verb, opening its clause ("لكن خبراء قالوا إن"):
        // an anonymous source.
        if cue.t0 > 0 && self.indefinite_noun(cue.t0 - 1) {
            let b = cue.t0 - 1;
            let opens = b == self.sent_start(b)
                || !self.toks[b - 1].is_word()
                || self.lex.conj.contains(&self.h(b - 1))
                || self.lex.particle.contains(&self.h(b - 1));
            if opens {
                return Who::Nobody;
            }
        }
        // A place as the subject ("أعلنت إسرائيل"): no speaker.
        if k < pend && self.ent(k).is_some_and(|e| self.ents[e].kind == EntKind::Other) {
            return Who::Nobody;
        }
        if k >= pend || !self.toks[k].is_word() || self.ent(k).is_some() || self.cue(k).is_some() {
            return self.earlier_in_sentence(cue);
        }
        let h = self.h(k);
        if self.lex.comp.contains(&h)
            || self.lex.particle.contains(&h)
            || self.lex.block.contains(&h)
            || self.adverbial(k)
        {
            return self.earlier_in_sentence(cue);
        }
        // Honorifics before the office ("سعادة رئيس مجلس الإدارة") are skipped.
        let mut o = k;
        while o + 1 < pend && self.is_honor(o) && !self.is_office(o) {
            o += 1;
        }
        if self.is_office(o) {
            return self.office_holder(o, cue.t0).map_or_else(|| self.earlier_in_sentence(cue), Who::Ent);
        }
        // An honorific pronoun ("ولفت جلالته"): the current speaker.
        if self.is_honor(k) {
            return self.earlier_in_sentence(cue);
        }
        // "وسجل التقرير"، "وقال البيان": the words of whoever spoke last.
        if self.in_lex(&self.lex.carryref, k) {
            return Who::LastSpeaker;
        }
        // "وقالت الصحيفة": the organisation speaking, else the one named next.
        if self.in_lex(&self.lex.orgref, k) {
            return Who::Refer(Some(EntKind::Org), self.named_after(cue.t0, EntKind::Org));
        }
        // Any other noun written beside a person's name before ("المدرب حسن شحاتة" ... "وقال
        // المدرب") is that person; else the noun subject, definite ("وقالت الرئاسة"، "وقال
        // المسؤولون") or not ("قال مسؤول"، "مصدر مطلع"), is a source that is no entity: nobody.
        self.titled(k, cue.t0).map_or(Who::Nobody, Who::Ent)
    }

    /// Arabic: a word in the accusative of manner or time ("وأضاف متمنيا"، "سابقا"): it ends in
    /// alif (tanween), so it is no subject.
    fn adverbial(&self, t: usize) -> bool {
        let w = &self.chars[self.toks[t].start as usize..self.toks[t].end as usize];
        let letters: Vec<char> = w.iter().filter_map(|&c| lexicon::norm_char(c)).collect();
        letters.len() >= 4 && letters.last() == Some(&'ا') && !letters.starts_with(&['ا', 'ل'])
    }

    /// Arabic: a word that can only be an indefinite noun here: no article, no entity, not a
    /// particle, conjunction, complementiser, office, honorific, cue or adverb.
    fn indefinite_noun(&self, t: usize) -> bool {
        if !self.toks[t].is_word() || self.ent(t).is_some() || self.cue(t).is_some() || self.in_pair[t] {
            return false;
        }
        let h = self.h(t);
        let letters: Vec<char> = self.chars[self.toks[t].start as usize..self.toks[t].end as usize]
            .iter()
            .filter_map(|&c| lexicon::norm_char(c))
            .collect();
        let definite = letters.starts_with(&['ا', 'ل'])
            || letters.starts_with(&['و', 'ا', 'ل'])
            || letters.starts_with(&['ل', 'ل']);
        !definite
            && letters.len() >= 3
            && letters.iter().all(|c| ('\u{0621}'..='\u{064A}').contains(c))
            && !self.lex.particle.contains(&h)
            && !self.lex.conj.contains(&h)
            && !self.lex.comp.contains(&h)
            && !self.lex.block.contains(&h)
            && !self.lex.prep.contains(&h)
            && !self.lex.verbatim.contains(&h)
            && !self.is_office(t)
            && !self.is_honor(t)
            && !self.adverbial(t)
    }

    /// Arabic: a reporting verb without a subject in the middle of a sentence continues the person
    /// named earlier in it (the nearest PER before the cue, with no reported clause or quotation
    /// between); else the current speaker.
    fn earlier_in_sentence(&self, cue: &Cue) -> Who {
        let s0 = self.sent_start(cue.t0);
        // "الموقف الاردني الذي يؤكد ان": a relative clause's verb has the sentence's subject.
        if cue.t0 > s0 && self.toks[cue.t0 - 1].is_word() && self.lex.rel.contains(&self.h(cue.t0 - 1)) {
            if let Some(e) = self.subjects_in(s0, cue.t0).next() {
                return Who::Ent(e);
            }
        }
        // "التقت البروفيسور X نائب رئيس المتحف، فأشار إلى أن": the person just named, with nothing
        // but an apposition or an object between (no particle, at most five words).
        let mut t = cue.t0;
        let mut words = 0;
        while t > s0 && words <= 5 {
            t -= 1;
            if self.in_pair[t] || self.cue(t).is_some() || matches!(self.punct(t), Some(':')) {
                break;
            }
            if self.toks[t].is_word() {
                let h = self.h(t);
                if self.lex.comp.contains(&h) || self.lex.particle.contains(&h) || self.lex.block.contains(&h) {
                    break;
                }
            }
            if let Some(e) = self.speaker_ent(t) {
                if self.ents[e].kind == EntKind::Per {
                    return Who::Ent(e);
                }
                t = self.ents[e].t0;
            }
            words += usize::from(self.toks[t].is_word());
        }
        Who::Carry
    }

    /// Sentence subjects whose entity starts in tokens `from..to`.
    fn subjects_in(&self, from: usize, to: usize) -> impl Iterator<Item = usize> + '_ {
        let k = self.subjects.partition_point(|&e| self.ents[e].t0 < from);
        self.subjects[k..].iter().copied().take_while(move |&e| self.ents[e].t0 < to)
    }

    /// The subject of each sentence: its first PER/ORG entity, when it comes early (Arabic: within
    /// the first five words after the verb, titles not counted; English: within the first eight
    /// words) with no preposition before it. Sentence subjects update the current speaker, so
    /// that "وأعرب الملك حمد ... عن تقديره." followed by "وقال الملك إن ..." or "He said ..." finds
    /// the person the text is about even when no quote named them.
    pub(super) fn find_subjects(&mut self) {
        let n = self.toks.len();
        let limit = if self.lex.verb_first { 5 } else { 8 };
        let mut out = Vec::new();
        let mut t = 0;
        while t < n {
            let end = self.sent_end(t);
            let mut words = 0;
            let mut u = t;
            while u < end && words < limit {
                // A short quotation (a quoted name: لم تكن الدكتورة "هنريتا آب") is read through.
                if let Some(pi) = self.open_pair(u) {
                    if self.words_in(pi) >= super::candidates::MIN_FLOATING_WORDS {
                        break;
                    }
                    u += 1;
                    continue;
                }
                if let Some(e) = self.speaker_ent(u) {
                    // A news agency opening a dateline ("رويترز ـ") is no subject.
                    let en = &self.ents[e];
                    if !(en.t0 == en.t1 && self.lex.agency.contains(&self.h(en.t0))) {
                        out.push(e);
                    }
                    break;
                }
                if self.toks[u].is_word() {
                    let h = self.h(u);
                    if self.lex.prep.contains(&h)
                        || self.lex.comp.contains(&h)
                        || (self.lex.verb_first && self.lex.particle.contains(&h))
                        || h == lexicon::norm_hash("of")
                    {
                        break;
                    }
                    if !self.is_office(u) && !self.is_honor(u) {
                        words += 1;
                    }
                } else if matches!(self.punct(u), Some(':')) {
                    break;
                }
                u += 1;
            }
            t = end;
        }
        self.subjects = out;
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
