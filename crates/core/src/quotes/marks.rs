//! Tokens, paragraphs and quotation-mark pairing.
//!
//! Pairing works paragraph by paragraph with a stack, so a mark left open can never run past the
//! end of its paragraph. Only outermost pairs become quotes; inner pairs are part of their content.

/// Kind of a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokKind {
    Word,
    Punct(char),
}

/// A token: a code point range of the text and its paragraph.
#[derive(Debug, Clone, Copy)]
pub struct Tok {
    pub start: u32,
    pub end: u32,
    pub para: u32,
    pub kind: TokKind,
}

impl Tok {
    pub fn is_word(&self) -> bool {
        self.kind == TokKind::Word
    }
    pub fn punct(&self) -> Option<char> {
        match self.kind {
            TokKind::Punct(c) => Some(c),
            TokKind::Word => None,
        }
    }
}

/// A paragraph: a line of the text, as a token range `[t0, t1)`.
#[derive(Debug, Clone, Copy)]
pub struct Para {
    pub t0: usize,
    pub t1: usize,
}

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || matches!(c, '_' | '@');
    }
    if matches!(c, '\u{0621}'..='\u{065F}' | '\u{0660}'..='\u{0669}' | '\u{0670}'..='\u{06D3}') {
        return true;
    }
    c.is_alphanumeric()
        || matches!(c, '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' | '\u{06D6}'..='\u{06ED}')
        || matches!(c, '_' | '@' | '\u{200C}' | '\u{200D}')
}

fn is_arabic(c: char) -> bool {
    crate::lang::is_arabic_letter(c)
}

/// Splits a text (as characters) into word and punctuation tokens. Apostrophes, hyphens and dots
/// between word characters stay inside the word (don't, l'Etat, wake-up, 1.2); a digit run glued
/// to Arabic letters is split from them ("2023وقال" gives "2023", "وقال").
pub fn tokenize(chars: &[char]) -> (Vec<Tok>, Vec<Para>) {
    let mut toks = Vec::with_capacity(chars.len() / 5 + 8);
    let mut paras = Vec::new();
    let mut para = 0u32;
    let mut para_t0 = 0usize;
    let n = chars.len();
    let mut i = 0usize;
    while i < n {
        let c = chars[i];
        if c == '\n' {
            paras.push(Para { t0: para_t0, t1: toks.len() });
            para_t0 = toks.len();
            para += 1;
            i += 1;
            continue;
        }
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if is_word_char(c) {
            let start = i;
            // Start of the current dot-separated segment (for Arabic initialisms).
            let mut seg = i;
            i += 1;
            while i < n {
                let d = chars[i];
                let prev = chars[i - 1];
                if is_word_char(d) {
                    let split = (prev.is_ascii_digit() && is_arabic(d)) || (d.is_ascii_digit() && is_arabic(prev));
                    if split {
                        break;
                    }
                    i += 1;
                } else if matches!(d, '\'' | '’' | 'ʼ' | '-' | '.' | '‐')
                    && i + 1 < n
                    && is_word_char(chars[i + 1])
                    && (d != '.' || (prev.is_alphanumeric() && !is_arabic(prev)) || arabic_initialism(chars, seg, i))
                {
                    i += 2;
                    if d == '.' {
                        seg = i - 1;
                    }
                } else {
                    break;
                }
            }
            toks.push(Tok { start: start as u32, end: i as u32, para, kind: TokKind::Word });
            continue;
        }
        toks.push(Tok { start: i as u32, end: i as u32 + 1, para, kind: TokKind::Punct(c) });
        i += 1;
    }
    paras.push(Para { t0: para_t0, t1: toks.len() });
    (toks, paras)
}

/// An Arabic initialism written with dots ("سي.أن.أن", "أ.ف.ب"): the letters before the dot at
/// `dot` (from `seg`) and after it are Arabic runs of at most three letters each.
fn arabic_initialism(chars: &[char], seg: usize, dot: usize) -> bool {
    let before = &chars[seg..dot];
    let after = chars[dot + 1..].iter().take_while(|&&c| is_arabic(c)).count();
    let ends = chars.get(dot + 1 + after).is_none_or(|&c| !is_word_char(c));
    (1..=3).contains(&before.len()) && before.iter().all(|&c| is_arabic(c)) && (1..=3).contains(&after) && ends
}

/// Sentence-final punctuation.
pub fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '؟' | ';' | '؛' | '…' | '\u{06D4}')
}

/// An outermost pair of quotation marks.
#[derive(Debug, Clone)]
pub struct Pair {
    /// Token of the opening mark.
    pub open: usize,
    /// Token of the closing mark; `None` when the mark was never closed (the quote is capped at the
    /// end of its paragraph).
    pub close: Option<usize>,
    /// Last token of the pair (the closing mark, or the paragraph's last token).
    pub last: usize,
    /// Content, code points, marks excluded and trimmed (a final `.` `,` `،` excluded).
    pub content: Option<(u32, u32)>,
    /// Pair in the previous paragraph that this one continues (news convention).
    pub continues: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fam {
    Guillemet,
    SingleGuillemet,
    Curly,
    CurlyRight,
    Low,
    SingleCurly,
    LowSingle,
    Straight,
    StraightSingle,
}

impl Fam {
    fn single(self) -> bool {
        matches!(self, Fam::SingleGuillemet | Fam::SingleCurly | Fam::LowSingle | Fam::StraightSingle)
    }
}

enum Role {
    Open(Fam),
    Close(&'static [Fam]),
    None,
}

/// True if the characters are a quotation mark of any style.
pub fn is_mark(c: char) -> bool {
    matches!(c, '"' | '\'' | '«' | '»' | '‹' | '›' | '“' | '”' | '„' | '‘' | '’' | '‚')
}

/// Pairs the marks of every paragraph. Returns the outermost pairs in text order.
pub fn pair_marks(chars: &[char], toks: &[Tok], paras: &[Para]) -> Vec<Pair> {
    let mut pairs: Vec<Pair> = Vec::new();
    let mut stack: Vec<(Fam, usize)> = Vec::new();
    let mut local: Vec<Pair> = Vec::new();
    let mut prev_unclosed: Option<usize> = None;
    for p in paras {
        stack.clear();
        local.clear();
        for (t, tok) in toks.iter().enumerate().take(p.t1).skip(p.t0) {
            let Some(c) = tok.punct() else { continue };
            if !is_mark(c) {
                continue;
            }
            let role = role_of(chars, tok.start as usize, c, &stack);
            match role {
                Role::Open(f) => stack.push((f, t)),
                Role::Close(fams) => {
                    // A closing mark with no opener of its family is a stray mark (or an apostrophe).
                    if let Some(k) = stack.iter().rposition(|(g, _)| fams.contains(g)) {
                        let open = stack[k].1;
                        stack.truncate(k);
                        // Outermost when nothing but (possibly apostrophe) single marks stays open.
                        if stack.iter().all(|(g, _)| g.single()) {
                            local.retain(|q| q.open < open);
                            local.push(Pair { open, close: Some(t), last: t, content: None, continues: None });
                        }
                    }
                }
                Role::None => {}
            }
        }
        // The outermost opener left unclosed runs to the end of its paragraph; single marks left
        // open are apostrophes or transliteration signs, not quotes.
        let mut unclosed_open = None;
        if let Some(&(_, open)) = stack.iter().find(|(f, _)| !f.single()) {
            if p.t1 > open + 1 {
                // Pairs closed after this opener are nested inside it.
                local.retain(|q| q.open < open);
                local.push(Pair { open, close: None, last: p.t1 - 1, content: None, continues: None });
                unclosed_open = Some(open);
            }
        }
        let base = pairs.len();
        let mut this_unclosed = None;
        for (k, mut q) in local.drain(..).enumerate() {
            // News convention: a paragraph opening with a mark continues the previous paragraph's
            // unclosed quote.
            if k == 0 && q.open == p.t0 {
                q.continues = prev_unclosed;
            }
            if Some(q.open) == unclosed_open {
                this_unclosed = Some(base + k);
            }
            q.content = content_of(chars, toks, &q);
            pairs.push(q);
        }
        prev_unclosed = this_unclosed;
    }
    pairs
}

fn role_of(chars: &[char], pos: usize, c: char, stack: &[(Fam, usize)]) -> Role {
    let before = if pos > 0 { chars.get(pos - 1).copied() } else { None };
    let after = chars.get(pos + 1).copied();
    let space_before = before.is_none_or(|b| b.is_whitespace() || "([{«“‘—–-:".contains(b));
    let space_after = after.is_none_or(|a| a.is_whitespace() || a.is_ascii_punctuation() || "،؛؟…»”’".contains(a));
    let has = |f: Fam| stack.iter().any(|(g, _)| *g == f);
    match c {
        '«' => Role::Open(Fam::Guillemet),
        '»' => Role::Close(&[Fam::Guillemet]),
        '‹' => Role::Open(Fam::SingleGuillemet),
        '›' => Role::Close(&[Fam::SingleGuillemet]),
        '„' => Role::Open(Fam::Low),
        '‚' => Role::Open(Fam::LowSingle),
        '“' => {
            if has(Fam::Low) {
                Role::Close(&[Fam::Low])
            } else if has(Fam::Curly) && !space_before && space_after {
                Role::Close(&[Fam::Curly])
            } else {
                Role::Open(Fam::Curly)
            }
        }
        '”' => {
            if has(Fam::Curly) || has(Fam::Low) || has(Fam::CurlyRight) {
                Role::Close(&[Fam::Curly, Fam::Low, Fam::CurlyRight])
            } else if space_before && !space_after {
                Role::Open(Fam::CurlyRight)
            } else {
                Role::None
            }
        }
        '‘' => {
            if has(Fam::LowSingle) {
                Role::Close(&[Fam::LowSingle])
            } else {
                Role::Open(Fam::SingleCurly)
            }
        }
        '’' => Role::Close(&[Fam::SingleCurly, Fam::LowSingle]),
        '"' => {
            if has(Fam::Straight) {
                Role::Close(&[Fam::Straight])
            } else {
                Role::Open(Fam::Straight)
            }
        }
        '\'' => {
            if has(Fam::StraightSingle) && !space_before && space_after {
                Role::Close(&[Fam::StraightSingle])
            } else if space_before && !space_after {
                Role::Open(Fam::StraightSingle)
            } else {
                Role::None
            }
        }
        _ => Role::None,
    }
}

/// The content of a pair: marks excluded, spaces and a final `.` `,` `،` trimmed.
pub fn content_of(chars: &[char], toks: &[Tok], p: &Pair) -> Option<(u32, u32)> {
    let mut s = toks[p.open].end as usize;
    let mut e = match p.close {
        Some(c) => toks[c].start as usize,
        None => toks[p.last].end as usize,
    };
    while s < e && chars[s].is_whitespace() {
        s += 1;
    }
    while e > s && (chars[e - 1].is_whitespace() || matches!(chars[e - 1], '.' | ',' | '،')) {
        e -= 1;
    }
    (s < e).then_some((s as u32, e as u32))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn contents(text: &str) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        let (toks, paras) = tokenize(&chars);
        pair_marks(&chars, &toks, &paras)
            .iter()
            .filter_map(|p| p.content)
            .map(|(s, e)| chars[s as usize..e as usize].iter().collect())
            .collect()
    }

    #[test]
    fn tokenizer_keeps_apostrophes_and_splits_glued_digits() {
        let chars: Vec<char> = "don't l'Etat 2023وقال 1.2-km".chars().collect();
        let (toks, _) = tokenize(&chars);
        let words: Vec<String> =
            toks.iter().map(|t| chars[t.start as usize..t.end as usize].iter().collect::<String>()).collect();
        assert_eq!(words, vec!["don't", "l'Etat", "2023", "وقال", "1.2-km"]);
        // Arabic initialisms keep their dots; a full stop between words does not.
        let chars: Vec<char> = "شبكة سي.أن.أن قال.وأضاف".chars().collect();
        let (toks, _) = tokenize(&chars);
        assert_eq!(toks.len(), 5, "{toks:?}");
    }

    #[test]
    fn every_style_pairs() {
        assert_eq!(contents("a \"b c\" d"), vec!["b c"]);
        assert_eq!(contents("a “b c” d"), vec!["b c"]);
        assert_eq!(contents("قال «ب ج» د"), vec!["ب ج"]);
        assert_eq!(contents("er sagte „b c“ d"), vec!["b c"]);
        assert_eq!(contents("a ‹b c› d"), vec!["b c"]);
        assert_eq!(contents("a ‘b c’ d"), vec!["b c"]);
        assert_eq!(contents("a 'b c' d"), vec!["b c"]);
    }

    #[test]
    fn nesting_apostrophes_and_unbalanced() {
        assert_eq!(contents("«a \"b\" c»"), vec!["a \"b\" c"]);
        assert_eq!(contents("“He said ‘no’ twice.”"), vec!["He said ‘no’ twice"]);
        assert_eq!(contents("the workers' union and Qur'an, don't"), Vec::<String>::new());
        assert_eq!(contents("“a b\nc d"), vec!["a b"]);
        assert_eq!(contents("a ’b c"), Vec::<String>::new());
        assert_eq!(contents("'Ali went home"), Vec::<String>::new());
    }
}
