//! Assembly: overlapping candidates resolved (the higher-priority rule, then the earlier quote),
//! carried-over speakers resolved in text order, and the [`Quote`]s built with their cue, speaker
//! and fullest speaker name.

use super::candidates::Cand;
use super::context::Ctx;
use super::speaker::Who;
use crate::model::{Origin, Quote, Range, Span, Speaker};

/// How many paragraphs back a speaker may be carried over ("وأضاف:", "he added").
pub const CARRY_PARAGRAPHS: u32 = 3;

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
