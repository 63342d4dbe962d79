//! Assembly: overlapping candidates resolved (the higher-priority rule, then the earlier quote),
//! carried-over speakers resolved in text order, and the [`Quote`]s built with their cue, speaker
//! and fullest speaker name.

use super::candidates::Cand;
use super::context::{Ctx, EntKind};
use super::speaker::Who;
use crate::model::{Origin, Quote, Range, Span, Speaker};

/// How many paragraphs back a speaker may be carried over ("وأضاف:", "he added").
pub const CARRY_PARAGRAPHS: u32 = 4;

/// The current speaker: the most recent person and organisation that spoke or were the subject
/// of a sentence, with the paragraph and position where they were last seen.
#[derive(Debug, Clone, Copy, Default)]
struct Current {
    per: Option<(usize, u32, u32)>,
    org: Option<(usize, u32, u32)>,
    /// The last quote's speaker.
    spoke: Option<(usize, u32, u32)>,
    /// Where the last quote whose source is no entity ("officials said") was: carrying over
    /// after it gives nobody, until someone is named again.
    nobody: Option<u32>,
}

impl Current {
    /// `e` spoke or was named at position `at`, in paragraph `para`.
    fn see(&mut self, ctx: &Ctx<'_>, e: usize, para: u32, at: u32) {
        let en = &ctx.ents[e];
        let seen = Some((e, para, at));
        match en.kind {
            EntKind::Per => self.per = seen,
            EntKind::Org => self.org = seen,
            EntKind::Other => {}
        }
    }

    /// The current speaker of `kind` (any kind: the more recent), if seen at most
    /// [`CARRY_PARAGRAPHS`] before paragraph `para`.
    fn get(&self, kind: Option<EntKind>, para: u32) -> Option<usize> {
        let pick = match kind {
            Some(EntKind::Per) => self.per,
            Some(EntKind::Org) => self.org,
            _ => match (self.per, self.org) {
                (Some(p), Some(o)) => Some(if o.2 > p.2 { o } else { p }),
                (p, o) => p.or(o),
            },
        };
        self.fresh(pick, para)
    }

    fn fresh(&self, pick: Option<(usize, u32, u32)>, para: u32) -> Option<usize> {
        pick.filter(|&(_, p, at)| para <= p + CARRY_PARAGRAPHS && self.nobody.is_none_or(|n| at > n)).map(|(e, _, _)| e)
    }
}

impl<'a> Ctx<'a> {
    /// The quotes of the text from the candidates (`spans` are the caller's entities, for speaker ids).
    pub(super) fn finish(&self, cands: Vec<Cand>, spans: &[Span]) -> Vec<Quote> {
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
        let mut current = Current::default();
        // Sentence subjects outside every kept quote update the current speaker in text order.
        let mut subjects = self.subjects.iter().copied().peekable();
        let inside_quote = |pos: u32| {
            let k = taken.partition_point(|&(s, _)| s <= pos);
            k > 0 && taken[k - 1].1 > pos
        };
        let mut out = Vec::with_capacity(kept.len());
        let n_words: Vec<usize> = (0..self.ents.len()).map(|e| self.n_words(e)).collect();
        // speaker_name by the speaker's words: the same words always give the same fullest name.
        let mut names: std::collections::HashMap<u64, String> = std::collections::HashMap::new();
        for (n, &i) in kept.iter().enumerate() {
            let c = &cands[i];
            while let Some(e) = subjects.next_if(|&e| self.ents[e].start < c.s) {
                if !inside_quote(self.ents[e].start) {
                    current.see(self, e, self.toks[self.ents[e].t0].para, self.ents[e].start);
                }
            }
            let near = |e: usize| self.nearest_mention(e, c.s);
            // Nobody spoke or was named yet: the person named in the next sentences ("قالت لنا:
            // «...»" then "لم تكن الدكتورة هنريتا آب ...").
            let first_named = || {
                let fresh = current.per.is_none() && current.org.is_none() && current.nobody.is_none();
                let at = self.toks.partition_point(|t| t.end <= c.e).min(self.toks.len().saturating_sub(1));
                fresh.then(|| self.named_after(at, EntKind::Per)).flatten()
            };
            let carry = |kind: Option<EntKind>| {
                current.get(kind, c.para).map(near).or_else(|| {
                    if kind == Some(EntKind::Org) {
                        None
                    } else {
                        first_named()
                    }
                })
            };
            let who = match c.who {
                Who::Ent(e) => Some(e),
                Who::Carry => carry(None),
                Who::CarryKind(k) => carry(Some(k)),
                Who::Refer(k, after) => carry(k).or(after),
                Who::LastSpeaker => current.fresh(current.spoke, c.para).map(near),
                Who::Like(k) => resolved[k].or_else(|| carry(None)),
                Who::Nobody => None,
            };
            resolved[i] = who;
            match who {
                Some(e) => {
                    current.see(self, e, c.para, c.s);
                    current.spoke = Some((e, c.para, c.s));
                }
                None if c.who == Who::Nobody => current.nobody = Some(c.s),
                None => {}
            }
            let Ok(range) = Range::new(c.s as usize, c.e as usize) else { continue };
            let cue = c.cue.and_then(|(a, b)| Range::new(self.toks[a].start as usize, self.toks[b].end as usize).ok());
            let speaker = who.and_then(|e| {
                let en = &self.ents[e];
                let r = Range::new(en.start as usize, en.end as usize).ok()?;
                let key = (en.t0..=en.t1).fold(en.kind as u64, |k, t| k.wrapping_mul(31).wrapping_add(self.hash[t].0));
                let name = names
                    .entry(key)
                    .or_insert_with(|| without_article(&self.text_of(self.fullest(e, &n_words))))
                    .clone();
                Some((Speaker::new(r, en.span.map(|i| spans[i].id().to_string())), name))
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

/// A name without an indefinite article a tagger took into its span ("A White House" is the
/// White House's name); "The" stays (The New York Times).
fn without_article(name: &str) -> String {
    for a in ["A ", "An "] {
        if let Some(rest) = name.strip_prefix(a) {
            if rest.chars().next().is_some_and(char::is_uppercase) {
                return rest.to_string();
            }
        }
    }
    name.to_string()
}
