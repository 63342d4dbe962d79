//! Messages to the user: a few at a time, newest last, each dismissed by its id. A notice holds a
//! message ([`Msg`]: catalogue key and values), worded in the interface language when shown.

use crate::i18n::Msg;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeKind {
    Info,
    Error,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub id: u32,
    pub kind: NoticeKind,
    pub msg: Msg,
}

/// Most notices shown at once: the oldest go first.
pub const MAX_NOTICES: usize = 6;

/// The notices shown, and the id of the next one.
#[derive(Debug, Clone, PartialEq)]
pub struct Notices {
    list: Vec<Notice>,
    next: u32,
}

impl Default for Notices {
    fn default() -> Notices {
        Notices { list: Vec::new(), next: 1 }
    }
}

impl Notices {
    pub fn push(&mut self, kind: NoticeKind, msg: Msg) {
        self.list.push(Notice { id: self.next, kind, msg });
        self.next += 1;
        if self.list.len() > MAX_NOTICES {
            self.list.remove(0);
        }
    }

    pub fn dismiss(&mut self, id: u32) {
        self.list.retain(|n| n.id != id);
    }

    /// The notices, oldest first.
    pub fn list(&self) -> &[Notice] {
        &self.list
    }
}
