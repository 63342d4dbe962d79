//! The rows of "Who said what": one per person or organisation (`quotes::speaker_groups`), then
//! the quotes nobody is named for; and the edits the rows' tools send (merge, split, rename,
//! automatic name), each one `Command::SetSpeakerName`, checked here before it is sent so that the
//! page can say why it would not do what the editor meant.

use std::collections::HashMap;

use sanad_core::edit::{self, Command};
use sanad_core::quotes::{speaker_groups, SpeakerGroup};
use sanad_core::Document;

/// One person's row.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub group: SpeakerGroup,
    /// The row's quotes as indices into the document's quotes, in its order.
    pub quotes: Vec<usize>,
    /// The other ways the name is written in the quotes' speaker mentions: distinct, in text order,
    /// the display name left out.
    pub also: Vec<String>,
}

/// The panel's rows: people in the order of their first quote, then the unattributed quotes.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Rows {
    pub people: Vec<Row>,
    /// Quotes in no row (no speaker, or a speaker whose name is empty), as indices.
    pub unattributed: Vec<usize>,
}

impl Rows {
    pub fn of(doc: &Document) -> Rows {
        let index: HashMap<&str, usize> = doc.quotes().iter().enumerate().map(|(k, q)| (q.id(), k)).collect();
        let mut grouped = vec![false; doc.quotes().len()];
        let people = speaker_groups(doc)
            .into_iter()
            .map(|group| {
                let quotes: Vec<usize> = group.quotes.iter().filter_map(|id| index.get(id.as_str()).copied()).collect();
                for &k in &quotes {
                    grouped[k] = true;
                }
                let also = also_written(&group);
                Row { group, quotes, also }
            })
            .collect();
        let unattributed = grouped.iter().enumerate().filter(|(_, g)| !**g).map(|(k, _)| k).collect();
        Rows { people, unattributed }
    }

    pub fn row(&self, key: &str) -> Option<&Row> {
        self.people.iter().find(|r| r.group.key == key)
    }
}

/// The mentions of a group written otherwise than its display name.
pub fn also_written(g: &SpeakerGroup) -> Vec<String> {
    let shown = g.display_name.trim();
    let mut out: Vec<String> = Vec::new();
    for m in &g.mentions {
        let t = m.text.trim();
        if !t.is_empty() && t != shown && !out.iter().any(|o| o == t) {
            out.push(t.to_string());
        }
    }
    out
}

/// Why a row tool did not send its edit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// No name was given.
    EmptyName,
    /// The quotes given another name would still be grouped with the row's other quotes: the name
    /// is contained in the row's own name (a surname alone).
    StaysInRow,
    /// The rows to merge would still be apart: a person and an organisation never share a row.
    StayApart,
}

/// The groups once `cmd` is applied. `None` when the core refuses it: such a command is not judged
/// here; it is sent, and the page shows the core's message.
fn groups_after(doc: &Document, cmd: &Command) -> Option<Vec<SpeakerGroup>> {
    let mut after = doc.clone();
    edit::apply(&mut after, cmd.clone(), None).ok()?;
    Some(speaker_groups(&after))
}

/// "Someone else…": the quotes `chosen` of `row` were said by `name`, another row's name (they
/// move there) or a new one (a new row).
pub fn split(doc: &Document, row: &SpeakerGroup, chosen: &[String], name: &str) -> Result<Command, Refusal> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Refusal::EmptyName);
    }
    let cmd = Command::split_speaker(chosen, name);
    let rest: Vec<String> = row.quotes.iter().filter(|q| !chosen.contains(q)).cloned().collect();
    // A moved quote still beside one that stays: the name joined the row again.
    let stays = !rest.is_empty()
        && groups_after(doc, &cmd).is_some_and(|groups| {
            groups
                .iter()
                .any(|g| g.quotes.iter().any(|q| chosen.contains(q)) && g.quotes.iter().any(|q| rest.contains(q)))
        });
    if stays {
        Err(Refusal::StaysInRow)
    } else {
        Ok(cmd)
    }
}

/// "Rename": every quote of the row takes `name`. `None` when the name is the row's already.
pub fn rename(row: &SpeakerGroup, name: &str) -> Result<Option<Command>, Refusal> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Refusal::EmptyName);
    }
    Ok((name != row.display_name.trim()).then(|| Command::split_speaker(&row.quotes, name)))
}

/// "Automatic name": the row's quotes take back the names found in the text.
pub fn automatic(row: &SpeakerGroup) -> Command {
    Command::reset_speaker_names(&row.quotes)
}

/// "Same person": the rows `keys` become one, named as the row `target`. `Ok(None)` when fewer than
/// two of the rows exist.
pub fn merge(doc: &Document, rows: &Rows, target: &str, keys: &[String]) -> Result<Option<Command>, Refusal> {
    let Some(into) = rows.row(target) else { return Ok(None) };
    let others: Vec<&SpeakerGroup> =
        keys.iter().filter(|k| k.as_str() != target).filter_map(|k| rows.row(k)).map(|r| &r.group).collect();
    if others.is_empty() {
        return Ok(None);
    }
    let cmd = Command::merge_speakers(&into.group, &others);
    let all: Vec<&String> = others.iter().flat_map(|g| g.quotes.iter()).chain(&into.group.quotes).collect();
    match groups_after(doc, &cmd) {
        Some(groups) if !groups.iter().any(|g| all.iter().all(|q| g.quotes.contains(q))) => Err(Refusal::StayApart),
        _ => Ok(Some(cmd)),
    }
}

#[cfg(test)]
mod tests;
