//! The quote cue lists (`data/quotes/*-cues.txt`) are compiled into the engine, which the page
//! ships under a size budget. Their comment lines document the entries where they stand (about a
//! third of the files, 2.8 KB of the gzipped page); this copies the lists into `OUT_DIR` without
//! comment and empty lines, which the lexicon's parser skips anyway (`quotes::lexicon::parse`).

use std::error::Error;
use std::path::Path;
use std::{env, fs};

fn main() -> Result<(), Box<dyn Error>> {
    let out = env::var("OUT_DIR")?;
    for name in ["ar-cues.txt", "en-cues.txt"] {
        let src = Path::new("data/quotes").join(name);
        println!("cargo:rerun-if-changed={}", src.display());
        let text = fs::read_to_string(&src)?;
        let mut kept = String::with_capacity(text.len());
        for line in text.lines() {
            let t = line.trim();
            if !t.is_empty() && !t.starts_with('#') {
                kept.push_str(line);
                kept.push('\n');
            }
        }
        fs::write(Path::new(&out).join(name), kept)?;
    }
    Ok(())
}
