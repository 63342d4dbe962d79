//! The queue of documents waiting for entity suggestions: one is in the worker at a time.

use std::collections::HashSet;
use std::rc::Rc;

/// The last result: document, suggestions added, tokens, milliseconds in the worker.
pub type LastTagged = (String, usize, usize, f64);

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tagging {
    pub queue: Vec<String>,
    pub in_flight: Option<String>,
    /// Documents finished in the current batch, and the batch size (for the progress bar).
    pub done: usize,
    pub total: usize,
    /// Documents tagged in this session (shared between versions of the state: a version that
    /// adds one copies the set, others share it).
    pub tagged: Rc<HashSet<String>>,
    pub last: Option<LastTagged>,
}

impl Tagging {
    /// Queues documents not already waiting or in the worker, at the front (the one just opened)
    /// or at the back.
    pub fn enqueue(&mut self, ids: impl IntoIterator<Item = String>, front: bool) {
        for id in ids {
            if self.in_flight.as_deref() == Some(id.as_str()) || self.queue.contains(&id) {
                continue;
            }
            if front {
                self.queue.insert(0, id);
            } else {
                self.queue.push(id);
            }
            self.total += 1;
        }
    }

    /// The document went to the worker.
    pub fn sent(&mut self, id: String) {
        self.queue.retain(|q| *q != id);
        self.in_flight = Some(id);
    }

    /// The worker answered for the document (with suggestions or a failure).
    pub fn finish(&mut self, doc_id: &str) {
        if self.in_flight.as_deref() == Some(doc_id) {
            self.in_flight = None;
        }
        if !self.tagged.contains(doc_id) {
            Rc::make_mut(&mut self.tagged).insert(doc_id.to_string());
        }
        self.done += 1;
        if self.queue.is_empty() && self.in_flight.is_none() {
            self.done = 0;
            self.total = 0;
        }
    }

    /// Forgets the documents still waiting (the one in the worker still finishes).
    pub fn cancel(&mut self) {
        self.queue.clear();
        self.total = self.done + usize::from(self.in_flight.is_some());
    }

    /// True while a batch of more than one document is being tagged.
    pub fn busy(&self) -> bool {
        self.total > 1
    }

    /// True while `id` waits for the worker or is in it.
    pub fn pending(&self, id: &str) -> bool {
        self.in_flight.as_deref() == Some(id) || self.queue.iter().any(|q| q == id)
    }
}
