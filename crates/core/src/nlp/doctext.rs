//! A document's text as the tagger sees it: tokens, sentences, each token's word and normalised key,
//! and the language of each sentence. [`crate::nlp::Annotator`] tags from it and
//! [`crate::nlp::learn`] learns from it, so what the page suggests and what it learns from are read
//! the same way, token for token.

use std::ops::Range;

use super::normalize;
use super::tokenize::{self, Token, TokenKind};

/// The tokens, sentences, words and keys of one text.
#[derive(Debug)]
pub struct DocText<'t, 'l> {
    text: &'t str,
    /// Byte offset of every code point, and one more for the end.
    bytes: Vec<usize>,
    /// Tokens, in code points.
    pub tokens: Vec<Token>,
    /// Sentences: ranges of token indices.
    pub sents: Vec<Range<usize>>,
    /// Per token: the word (a hashtag's word drops its '#').
    pub words: Vec<&'t str>,
    /// Per token: the code point range of its word.
    pub ranges: Vec<(usize, usize)>,
    key_buf: String,
    key_ends: Vec<usize>,
    /// The language of each sentence: that of the paragraph holding its first token.
    pub sent_lang: Vec<&'l str>,
}

impl<'t, 'l> DocText<'t, 'l> {
    /// Reads `text`. Each sentence takes the language of the paragraph (of `paras`) its first token
    /// is in, `default` outside them (see [`crate::lang::paragraph_languages`]).
    pub fn new(text: &'t str, paras: &[crate::lang::ParagraphLang<'l>], default: &'l str) -> DocText<'t, 'l> {
        // Code points and their byte offsets (one more for the end), so words are slices of `text`.
        let mut chars: Vec<char> = Vec::with_capacity(text.len());
        let mut bytes: Vec<usize> = Vec::with_capacity(text.len() + 1);
        for (b, c) in text.char_indices() {
            chars.push(c);
            bytes.push(b);
        }
        bytes.push(text.len());
        let tokens = tokenize::tokenize_chars(&chars);
        let sents = tokenize::sentences(&chars, &tokens);
        let mut words: Vec<&str> = Vec::with_capacity(tokens.len());
        let mut ranges: Vec<(usize, usize)> = Vec::with_capacity(tokens.len());
        let mut key_buf = String::with_capacity(text.len());
        let mut key_ends: Vec<usize> = Vec::with_capacity(tokens.len());
        for t in &tokens {
            let skip = usize::from(t.kind == TokenKind::Hashtag);
            let w = &text[bytes[t.start + skip]..bytes[t.end]];
            words.push(w);
            ranges.push((t.start + skip, t.end));
            normalize::normalize_into(w, &mut key_buf);
            key_ends.push(key_buf.len());
        }
        let mut para = 0;
        let sent_lang = sents
            .iter()
            .map(|r| {
                let at = tokens.get(r.start).map_or(0, |t| t.start);
                while para < paras.len() && paras[para].end <= at {
                    para += 1;
                }
                paras.get(para).filter(|p| p.start <= at).map_or(default, |p| p.lang)
            })
            .collect();
        DocText { text, bytes, tokens, sents, words, ranges, key_buf, key_ends, sent_lang }
    }

    /// The normalised key of every token.
    pub fn keys(&self) -> Vec<&str> {
        self.key_ends
            .iter()
            .enumerate()
            .map(|(i, &e)| &self.key_buf[if i == 0 { 0 } else { self.key_ends[i - 1] }..e])
            .collect()
    }

    /// The text between code points `i` and `j`.
    pub fn slice(&self, i: usize, j: usize) -> &'t str {
        &self.text[self.bytes[i]..self.bytes[j]]
    }

    /// The languages of the sentences, in order of first appearance.
    pub fn languages(&self) -> Vec<&'l str> {
        let mut langs: Vec<&str> = Vec::new();
        for l in &self.sent_lang {
            if !langs.contains(l) {
                langs.push(l);
            }
        }
        langs
    }

    /// The sentences in language `lang`.
    pub fn sentences_in(&self, lang: &str) -> Vec<Range<usize>> {
        self.sents.iter().zip(&self.sent_lang).filter(|(_, l)| **l == lang).map(|(r, _)| r.clone()).collect()
    }
}
