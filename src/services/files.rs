//! Reading the user's files: size checked before reading, bytes handed to the core importer.

use sanad_core::import::{check_size, import_bytes, ImportError, Imported};

/// Reads and parses one file. Errors name the file (and line and column where they apply).
pub async fn read(file: web_sys::File) -> Result<Imported, ImportError> {
    let name = file.name();
    check_size(&name, file.size() as u64)?;
    let file = gloo::file::File::from(file);
    let bytes = gloo::file::futures::read_as_bytes(&file).await.map_err(|e| ImportError {
        file: name.clone(),
        line: None,
        column: None,
        message: format!("the browser could not read the file ({e})"),
    })?;
    import_bytes(&name, &bytes)
}

/// The files of a `FileList` (from an `<input type=file>` or a drop).
pub fn list(files: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    let Some(files) = files else { return Vec::new() };
    (0..files.length()).filter_map(|i| files.get(i)).collect()
}
