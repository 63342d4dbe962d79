//! `sanad stats FILE`: documents by status, spans per label, quotes and speakers, for any format
//! Sanad reads (streamed: documents are counted and dropped, never all held at once).

use std::path::Path;
use std::process::ExitCode;

use sanad_core::formats::{Format, ImportOptions, Preview};

use crate::convert::{input_format, read_input};

/// Prints the counts of `path` (format detected unless given).
pub fn run(path: &Path, from: Option<Format>) -> ExitCode {
    let name = path.display().to_string();
    let format = match input_format(path, from) {
        Ok(f) => f,
        Err(f) => {
            eprintln!("{}", f.message);
            return ExitCode::from(f.code);
        }
    };
    let mut p = Preview::default();
    // Bad records are counted out and listed, so that the counts of a partly broken file still show.
    let opts = ImportOptions { skip_bad: true, ..ImportOptions::default() };
    let report = match read_input(path, format, &opts, &mut |d| {
        p.add(&d);
        Ok(())
    }) {
        Ok(r) => r,
        Err(f) => {
            eprintln!("{}", f.message);
            return ExitCode::from(f.code);
        }
    };
    print!("{}", render(&name, format, &p));
    for problem in &report.problems {
        eprintln!("{problem}");
    }
    if report.skipped_records > 0 {
        println!("bad records (not counted): {}", report.skipped_records);
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

/// The report printed by `sanad stats`.
pub fn render(name: &str, format: Format, p: &Preview) -> String {
    let mut s = format!("{name} ({format}): {} documents\n", p.documents);
    let statuses: Vec<String> = p.by_status.iter().map(|(k, v)| format!("{k} {v}")).collect();
    s.push_str(&format!(
        "documents by status: {}\n",
        if statuses.is_empty() { "-".into() } else { statuses.join(", ") }
    ));
    let total: usize = p.spans_per_label.values().sum();
    s.push_str(&format!("spans: {total}\n"));
    let width = p.spans_per_label.keys().map(|k| k.chars().count()).max().unwrap_or(0);
    for (label, n) in &p.spans_per_label {
        s.push_str(&format!("  {label:<width$}  {n}\n"));
    }
    s.push_str(&format!("quotes: {} ({} with a speaker)\n", p.quotes, p.quotes_with_speaker));
    s.push_str(&format!("speakers: {}\n", p.speakers.len()));
    let mut speakers: Vec<(&String, &usize)> = p.speakers.iter().collect();
    speakers.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    for (name, n) in speakers {
        s.push_str(&format!("  {name}  {n}\n"));
    }
    s
}
