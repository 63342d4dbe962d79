//! How a document is laid out for display: paragraphs, and within each paragraph a tree of
//! annotation elements built by interval segmentation.
//!
//! Annotations may overlap and nest. Each paragraph becomes a forest in which every element's
//! range lies inside its parent's; an annotation that crosses the end of an enclosing one is split
//! into fragments there (and only there), so the text of the leaves, read in order, is exactly the
//! paragraph's text. Elements never wrap single characters for their own sake, so Arabic letters
//! keep their joined forms across element boundaries.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};

use crate::model::{Document, Range};

/// A paragraph: a line of the text, without its line break (`\n` or `\r\n`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paragraph {
    pub start: usize,
    pub end: usize,
}

/// Longest block shown as one element. A longer line (a pasted page without line breaks, a hostile
/// 10 MB line) is shown as consecutive blocks of at most this many code points, cut after a space
/// when there is one in the last [`BLOCK_SLACK`] characters, so the browser lays out only the
/// blocks on screen and no word is cut.
pub const MAX_BLOCK: usize = 4000;
/// How far back from [`MAX_BLOCK`] a cut looks for a space.
pub const BLOCK_SLACK: usize = 500;

/// Splits `text` at line breaks. Blank lines produce no paragraph. Offsets are code points. A
/// line longer than [`MAX_BLOCK`] becomes several consecutive paragraphs (the later ones start
/// right where the previous ended, not after a line break).
pub fn paragraphs(text: &str) -> Vec<Paragraph> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut start = 0usize;
    let mut blank = true;
    let push = |out: &mut Vec<Paragraph>, start: usize, end: usize| {
        let mut a = start;
        while end - a > MAX_BLOCK {
            let hard = a + MAX_BLOCK;
            let cut = (hard - BLOCK_SLACK..hard).rev().find(|&i| chars[i].is_whitespace()).map_or(hard, |i| i + 1);
            out.push(Paragraph { start: a, end: cut });
            a = cut;
        }
        out.push(Paragraph { start: a, end });
    };
    for (pos, &c) in chars.iter().enumerate() {
        if c == '\n' {
            let end = if pos > 0 && chars[pos - 1] == '\r' { pos - 1 } else { pos };
            if !blank {
                push(&mut out, start, end);
            }
            start = pos + 1;
            blank = true;
        } else if !c.is_whitespace() {
            blank = false;
        }
    }
    if !blank {
        let pos = chars.len();
        let end = if pos > 0 && chars[pos - 1] == '\r' { pos - 1 } else { pos };
        push(&mut out, start, end);
    }
    out
}

/// An annotation to lay out. `layer` orders elements with the same range (lower is outer);
/// `key` is the caller's handle (an index into its spans or quotes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Item {
    pub range: Range,
    pub layer: u8,
    pub key: usize,
}

/// A node of the laid-out tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    /// Plain text, `start..end` in code points of the document.
    Text { start: usize, end: usize },
    /// A fragment of an item. `first`/`last` tell whether it begins/ends the whole item.
    Elem { item: Item, start: usize, end: usize, first: bool, last: bool, children: Vec<Node> },
}

impl Node {
    pub fn start(&self) -> usize {
        match self {
            Node::Text { start, .. } | Node::Elem { start, .. } => *start,
        }
    }
    pub fn end(&self) -> usize {
        match self {
            Node::Text { end, .. } | Node::Elem { end, .. } => *end,
        }
    }
}

struct Open {
    item: Item,
    start: usize,
    end: usize,
    children: Vec<Node>,
}

/// Lays out the items that touch `para` (others are ignored; items are clipped to it).
pub fn layout(para: Paragraph, items: &[Item]) -> Vec<Node> {
    // Pending fragments ordered by (start asc, end desc, layer asc, key asc); the last field is
    // the item's index in `items`.
    type Pending = Reverse<(usize, Reverse<usize>, u8, usize, usize)>;
    let mut heap: BinaryHeap<Pending> = items
        .iter()
        .enumerate()
        .filter(|(_, it)| it.range.start() < para.end && it.range.end() > para.start)
        .map(|(i, it)| {
            let s = it.range.start().max(para.start);
            let e = it.range.end().min(para.end);
            Reverse((s, Reverse(e), it.layer, it.key, i))
        })
        .collect();
    let mut root: Vec<Node> = Vec::new();
    let mut stack: Vec<Open> = Vec::new();
    let mut cursor = para.start;

    fn text_to(cursor: &mut usize, to: usize, stack: &mut [Open], root: &mut Vec<Node>) {
        if to > *cursor {
            let node = Node::Text { start: *cursor, end: to };
            match stack.last_mut() {
                Some(top) => top.children.push(node),
                None => root.push(node),
            }
            *cursor = to;
        }
    }
    fn close(cursor: &mut usize, stack: &mut Vec<Open>, root: &mut Vec<Node>) {
        if let Some(top) = stack.last() {
            let end = top.end;
            text_to(cursor, end, stack, root);
        }
        if let Some(top) = stack.pop() {
            let node = Node::Elem {
                first: top.start == top.item.range.start(),
                last: top.end == top.item.range.end(),
                item: top.item,
                start: top.start,
                end: top.end,
                children: top.children,
            };
            match stack.last_mut() {
                Some(parent) => parent.children.push(node),
                None => root.push(node),
            }
        }
    }

    while let Some(Reverse((start, Reverse(end), layer, key, i))) = heap.pop() {
        while stack.last().is_some_and(|top| top.end <= start) {
            close(&mut cursor, &mut stack, &mut root);
        }
        text_to(&mut cursor, start, &mut stack, &mut root);
        let limit = stack.last().map_or(para.end, |t| t.end);
        let end = if end > limit {
            heap.push(Reverse((limit, Reverse(end), layer, key, i)));
            limit
        } else {
            end
        };
        stack.push(Open { item: items[i], start, end, children: Vec::new() });
    }
    while !stack.is_empty() {
        close(&mut cursor, &mut stack, &mut root);
    }
    text_to(&mut cursor, para.end, &mut stack, &mut root);
    root
}

/// Layer of an annotation element; lower layers enclose higher ones over the same range.
pub mod layer {
    /// A quote's content.
    pub const QUOTE: u8 = 0;
    /// An entity span.
    pub const ENTITY: u8 = 1;
    /// A quote's speaker where no entity span covers exactly that range.
    pub const SPEAKER: u8 = 2;
    /// A quote's reporting cue.
    pub const CUE: u8 = 3;
}

/// Everything the article view needs, computed once per document version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocLayout {
    /// Paragraphs with the items that touch them. Item keys index `doc.spans()` for entities and
    /// `doc.quotes()` for quotes, speakers and cues.
    pub paragraphs: Vec<(Paragraph, Vec<Item>)>,
    /// For each span (by index), the quotes (by index) whose speaker it is.
    pub speaker_of: Vec<Vec<usize>>,
}

impl DocLayout {
    pub fn new(doc: &Document) -> DocLayout {
        DocLayout::for_paragraphs(doc, paragraphs(doc.text()))
    }

    /// The layout of `paras` only (paragraphs of the document's text, in order): items touching
    /// none of them are left out; `speaker_of` still has one entry per span (empty for spans
    /// outside). After an edit only the paragraphs it touched are laid out again, in time
    /// proportional to the document's spans and quotes, without allocating per item outside.
    pub fn for_paragraphs(doc: &Document, paras: Vec<Paragraph>) -> DocLayout {
        let touches = |r: Range| {
            let i = paras.partition_point(|p| p.end <= r.start());
            paras.get(i).is_some_and(|p| p.start < r.end())
        };
        let spans = doc.spans();
        let mut speaker_of = vec![Vec::new(); spans.len()];
        let mut items = Vec::new();
        // Spans shown in these paragraphs, by id and by range (for speakers).
        let mut by_id: HashMap<&str, usize> = HashMap::new();
        let mut by_range: HashMap<Range, usize> = HashMap::new();
        for (k, s) in spans.iter().enumerate() {
            if touches(s.range()) {
                items.push(Item { range: s.range(), layer: layer::ENTITY, key: k });
                by_id.insert(s.id(), k);
                by_range.entry(s.range()).or_insert(k);
            }
        }
        for (k, q) in doc.quotes().iter().enumerate() {
            if touches(q.range()) {
                items.push(Item { range: q.range(), layer: layer::QUOTE, key: k });
            }
            if let Some(c) = q.cue().filter(|&c| touches(c)) {
                items.push(Item { range: c, layer: layer::CUE, key: k });
            }
            let Some(sp) = q.speaker() else { continue };
            // The speaker's entity: the span it names, else a span with exactly its range.
            if let Some(&si) = sp.span().and_then(|id| by_id.get(id)) {
                speaker_of[si].push(k);
                continue;
            }
            // Nothing else of a speaker outside these paragraphs shows here (a span with its range
            // would be here too): most speakers, when only the paragraphs an edit touched are laid
            // out, so they cost no search through the spans.
            if !touches(sp.range()) {
                continue;
            }
            // Named span outside these paragraphs: nothing to show here (the speaker shows as that
            // entity's, elsewhere).
            if sp.span().is_some_and(|id| spans.iter().any(|s| s.id() == id)) {
                continue;
            }
            match by_range.get(&sp.range()) {
                Some(&si) => speaker_of[si].push(k),
                None => items.push(Item { range: sp.range(), layer: layer::SPEAKER, key: k }),
            }
        }
        let mut out: Vec<(Paragraph, Vec<Item>)> = paras.iter().map(|p| (*p, Vec::new())).collect();
        for it in items {
            // First paragraph that ends after the item starts.
            let first = paras.partition_point(|p| p.end <= it.range.start());
            for (p, list) in out.iter_mut().skip(first) {
                if p.start >= it.range.end() {
                    break;
                }
                if p.end > it.range.start() {
                    list.push(it);
                }
            }
        }
        DocLayout { paragraphs: out, speaker_of }
    }
}

/// Code point ranges whose display differs between two versions of a document with the same
/// text: the spans and quotes (with cues and speakers) of the one stretch of each list that
/// differs, before and after. `None` when the texts differ or more than `limit` items changed (lay
/// everything out again). An edit changes one stretch, so this costs one comparison per item.
pub fn changed_ranges(old: &Document, new: &Document, limit: usize) -> Option<Vec<Range>> {
    if !std::sync::Arc::ptr_eq(old.shared_text(), new.shared_text()) && old.text() != new.text() {
        return None;
    }
    let mut out = Vec::new();
    if let Some((p, a, b)) = stretch(old.spans(), new.spans()) {
        if (a - p) + (b - p) > limit {
            return None;
        }
        out.extend(old.spans()[p..a].iter().chain(&new.spans()[p..b]).map(|s| s.range()));
    }
    if let Some((p, a, b)) = stretch(old.quotes(), new.quotes()) {
        if (a - p) + (b - p) > limit {
            return None;
        }
        for q in old.quotes()[p..a].iter().chain(&new.quotes()[p..b]) {
            out.push(q.range());
            out.extend(q.cue());
            out.extend(q.speaker().map(|s| s.range()));
        }
    }
    Some(out)
}

/// The stretch where `a` and `b` differ: `(p, a_end, b_end)` with `a[..p] == b[..p]` and
/// `a[a_end..] == b[b_end..]`; `None` when they are equal.
pub(crate) fn stretch<T: PartialEq>(a: &[T], b: &[T]) -> Option<(usize, usize, usize)> {
    let p = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let room = a.len().min(b.len()) - p;
    let s = a.iter().rev().zip(b.iter().rev()).take(room).take_while(|(x, y)| x == y).count();
    if p + s == a.len() && p + s == b.len() {
        return None;
    }
    Some((p, a.len() - s, b.len() - s))
}

/// Indexes of the paragraphs (sorted, disjoint) that any of `ranges` touches, ascending.
pub fn paragraphs_touched(paras: &[Paragraph], ranges: &[Range]) -> Vec<usize> {
    let mut out = Vec::new();
    for r in ranges {
        let mut i = paras.partition_point(|p| p.end <= r.start());
        while i < paras.len() && paras[i].start < r.end() {
            out.push(i);
            i += 1;
        }
    }
    crate::sort::sort_by(&mut out, |a, b| a.cmp(b));
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn item(s: usize, e: usize, layer: u8, key: usize) -> Item {
        Item { range: Range::new(s, e).unwrap(), layer, key }
    }

    #[test]
    fn paragraphs_split_lines_and_crlf() {
        let p = paragraphs("ab\r\n\r\ncd\n  \nef");
        assert_eq!(
            p,
            vec![Paragraph { start: 0, end: 2 }, Paragraph { start: 6, end: 8 }, Paragraph { start: 12, end: 14 }]
        );
        assert_eq!(paragraphs(""), vec![]);
        assert_eq!(paragraphs("x\r"), vec![Paragraph { start: 0, end: 1 }]);
    }

    #[test]
    fn long_lines_become_blocks_cut_after_spaces() {
        let word = "كلمة ";
        let line: String = word.repeat(3 * MAX_BLOCK / 5);
        let text = format!("title\n{line}\nend");
        let p = paragraphs(&text);
        let chars: Vec<char> = text.chars().collect();
        assert_eq!(p[0], Paragraph { start: 0, end: 5 });
        assert_eq!(p.last().map(|x| x.end), Some(chars.len()));
        let blocks = &p[1..p.len() - 1];
        assert!(blocks.len() >= 3, "{}", blocks.len());
        for w in blocks.windows(2) {
            assert_eq!(w[0].end, w[1].start, "consecutive");
            assert!(chars[w[0].end - 1] == ' ', "cut after a space");
        }
        assert!(blocks.iter().all(|b| b.end - b.start <= MAX_BLOCK));
        // Without any space the cut is hard, still at most MAX_BLOCK.
        let solid = "x".repeat(MAX_BLOCK * 2 + 1);
        let p = paragraphs(&solid);
        assert_eq!(p.iter().map(|b| b.end - b.start).collect::<Vec<_>>(), vec![MAX_BLOCK, MAX_BLOCK, 1]);
    }

    #[test]
    fn nesting_without_crossing_keeps_one_element() {
        // quote 0..10 containing entity 2..5
        let nodes = layout(Paragraph { start: 0, end: 12 }, &[item(2, 5, 1, 0), item(0, 10, 0, 1)]);
        assert_eq!(nodes.len(), 2);
        let Node::Elem { item: q, children, first: true, last: true, .. } = &nodes[0] else { panic!("{nodes:?}") };
        assert_eq!(q.key, 1);
        assert_eq!(children.len(), 3);
    }

    #[test]
    fn crossing_splits_at_the_enclosing_end() {
        // a 0..6, b 4..9: b is split at 6.
        let nodes = layout(Paragraph { start: 0, end: 9 }, &[item(0, 6, 1, 0), item(4, 9, 1, 1)]);
        let frags: Vec<(usize, usize, usize, bool, bool)> =
            flatten(&nodes).into_iter().filter_map(|(it, s, e, f, l)| it.map(|k| (k, s, e, f, l))).collect();
        assert!(frags.contains(&(1, 4, 6, true, false)), "{frags:?}");
        assert!(frags.contains(&(1, 6, 9, false, true)), "{frags:?}");
    }

    fn flatten(nodes: &[Node]) -> Vec<(Option<usize>, usize, usize, bool, bool)> {
        let mut out = Vec::new();
        for n in nodes {
            match n {
                Node::Text { start, end } => out.push((None, *start, *end, true, true)),
                Node::Elem { item, start, end, first, last, children } => {
                    out.push((Some(item.key), *start, *end, *first, *last));
                    out.extend(flatten(children));
                }
            }
        }
        out
    }

    fn leaves(nodes: &[Node], out: &mut Vec<(usize, usize)>) {
        for n in nodes {
            match n {
                Node::Text { start, end } => out.push((*start, *end)),
                Node::Elem { children, .. } => leaves(children, out),
            }
        }
    }

    fn well_nested(nodes: &[Node], lo: usize, hi: usize) -> bool {
        let mut prev = lo;
        for n in nodes {
            if n.start() < prev || n.end() > hi || n.start() >= n.end() {
                return false;
            }
            prev = n.end();
            if let Node::Elem { children, start, end, .. } = n {
                if !well_nested(children, *start, *end) {
                    return false;
                }
            }
        }
        true
    }

    #[test]
    fn doc_layout_links_speakers_and_groups_by_paragraph() {
        let d = crate::markup::parse(
            "id: x\n\n[[PER#p1:Lopez]] [[CUE#c1:said]] {{indirect speaker=p1 cue=c1:it works}}.\n\"{{direct speaker=p1:Yes}}\"",
        )
        .unwrap();
        let l = DocLayout::new(&d);
        assert_eq!(l.paragraphs.len(), 2);
        assert_eq!(l.speaker_of, vec![vec![0, 1]]);
        let layers: Vec<u8> = l.paragraphs[0].1.iter().map(|i| i.layer).collect();
        assert_eq!(layers, vec![layer::ENTITY, layer::QUOTE, layer::CUE]);
        assert_eq!(l.paragraphs[1].1.len(), 1);
    }

    /// What a paragraph shows, resolved to values (not indexes): for comparing versions.
    fn shown(doc: &Document, lay: &DocLayout, i: usize) -> Vec<String> {
        let (p, items) = &lay.paragraphs[i];
        let mut out = vec![format!("{p:?}")];
        for it in items {
            out.push(match it.layer {
                layer::ENTITY => {
                    let s = &doc.spans()[it.key];
                    let said: Vec<&str> = lay.speaker_of[it.key].iter().map(|&q| doc.quotes()[q].id()).collect();
                    format!("{s:?} said {said:?}")
                }
                _ => format!("{} {:?} {:?}", it.layer, it.range, doc.quotes()[it.key]),
            });
        }
        out
    }

    fn para_doc() -> Document {
        let text = "Lopez said it works.\nPutin met Lopez in Astana.\n\nLavrov said no.\nEnd";
        let d = Document::new("d", "", "en", text).unwrap();
        let r = |a, b| Range::new(a, b).unwrap();
        let sp = |id: &str, a, b, l: &str| crate::Span::new(id, r(a, b), l, crate::Origin::Editor).unwrap();
        let spans =
            vec![sp("s1", 0, 5, "PER"), sp("s2", 21, 26, "PER"), sp("s3", 31, 36, "PER"), sp("s4", 49, 55, "PER")];
        let q1 = crate::Quote::new("q1", r(11, 19), crate::QuoteKind::Indirect, crate::Origin::Model)
            .unwrap()
            .with_cue(Some(r(6, 10)))
            .with_speaker(Some(crate::Speaker::new(r(31, 36), Some("s3".into()))), Some("Lopez".into()));
        let q2 = crate::Quote::new("q2", r(61, 63), crate::QuoteKind::Direct, crate::Origin::Model)
            .unwrap()
            .with_speaker(Some(crate::Speaker::new(r(40, 46), None)), None);
        d.with_annotations(spans, vec![q1, q2]).unwrap()
    }

    #[test]
    fn partial_layout_equals_the_full_one_for_its_paragraphs() {
        let d = para_doc();
        let full = DocLayout::new(&d);
        let paras = paragraphs(d.text());
        for pick in [vec![0], vec![1], vec![2, 3], vec![0, 1, 2, 3]] {
            let part = DocLayout::for_paragraphs(&d, pick.iter().map(|&i| paras[i]).collect());
            for (j, &i) in pick.iter().enumerate() {
                assert_eq!(shown(&d, &part, j), shown(&d, &full, i));
            }
        }
        // The speaker in paragraph 1 (no span of its own) shows there; the linked one as its span's.
        assert_eq!(full.speaker_of[2], vec![0]);
        assert!(full.paragraphs[1].1.iter().any(|it| it.layer == layer::SPEAKER));
    }

    proptest! {
        #[test]
        fn an_edit_changes_only_the_paragraphs_it_touches(
            cmds in proptest::collection::vec((0usize..6, 0usize..66, 1usize..8, 0usize..4), 1..6),
        ) {
            use crate::edit::{apply, Command, SpeakerRef};
            let mut d = para_doc();
            let labels = ["PER", "LOC", "ORG", "MISC"];
            for (op, a, l, x) in cmds {
                let old = d.clone();
                let id = ["s1", "s2", "s3", "s4", "e1", "e2"][x % 6].to_string();
                let cmd = match op {
                    0 => Command::AddSpan { start: a, end: a + l, label: labels[x].into() },
                    1 => Command::RemoveSpan { id },
                    2 => Command::Relabel { id, label: labels[x].into() },
                    3 => Command::SetSpanRange { id, start: a, end: a + l },
                    4 => Command::SetSpeaker { quote: ["q1", "q2"][x % 2].into(), speaker: SpeakerRef::Span(id) },
                    _ => Command::RemoveQuote { id: ["q1", "q2", "q3", "q4"][x].into() },
                };
                if apply(&mut d, cmd, None).is_err() {
                    continue;
                }
                let (lo, ln) = (DocLayout::new(&old), DocLayout::new(&d));
                let paras = paragraphs(d.text());
                let touched = paragraphs_touched(&paras, &changed_ranges(&old, &d, 100).unwrap());
                for i in 0..paras.len() {
                    if !touched.contains(&i) {
                        prop_assert_eq!(shown(&old, &lo, i), shown(&d, &ln, i));
                    }
                }
            }
        }

        #[test]
        fn layout_covers_text_and_items(
            raw in proptest::collection::vec((0usize..40, 1usize..15, 0u8..3), 0..20),
            ps in 0usize..10, pl in 1usize..40,
        ) {
            let para = Paragraph { start: ps, end: ps + pl };
            let items: Vec<Item> = raw.iter().enumerate().map(|(k, &(s, l, layer))| item(s, s + l, layer, k)).collect();
            let nodes = layout(para, &items);
            prop_assert!(well_nested(&nodes, para.start, para.end));
            // Leaves tile the paragraph exactly.
            let mut lv = Vec::new();
            leaves(&nodes, &mut lv);
            let mut pos = para.start;
            for (s, e) in lv {
                prop_assert_eq!(s, pos);
                prop_assert!(e > s);
                pos = e;
            }
            prop_assert_eq!(pos, para.end);
            // Each item's fragments tile its clipped range, first/last flags right.
            for it in &items {
                let (cs, ce) = (it.range.start().max(para.start), it.range.end().min(para.end));
                let mut frags: Vec<_> = flatten(&nodes).into_iter().filter(|f| f.0 == Some(it.key)).collect();
                frags.sort_by_key(|f| f.1);
                if cs >= ce {
                    prop_assert!(frags.is_empty());
                    continue;
                }
                let mut pos = cs;
                for f in &frags {
                    prop_assert_eq!(f.1, pos);
                    prop_assert_eq!(f.3, f.1 == it.range.start());
                    prop_assert_eq!(f.4, f.2 == it.range.end());
                    pos = f.2;
                }
                prop_assert_eq!(pos, ce);
            }
        }
    }
}
