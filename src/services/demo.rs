//! The demo library shipped with the app (generated from demo/articles by a core test), fetched
//! from the app's own origin on the first visit (and precached by the service worker).

use sanad_core::import::{decode_utf8, project_error, ImportError, ImportErrorKind};
use sanad_core::Project;

use super::fetch::{self, FetchError};

/// Where Trunk copies demo/library.json, relative to the page.
const URL: &str = "demo/library.json";

/// The demo project; a failure is reported as a problem with the file `demo/library.json`.
pub async fn library() -> Result<Project, ImportError> {
    let bytes = fetch::bytes(URL).await.map_err(|e| {
        let system_message = match e {
            FetchError::Browser(b) => b.0,
            FetchError::Http(status) => format!("HTTP {status}"),
        };
        ImportError::new(URL, ImportErrorKind::Read { system_message })
    })?;
    let text = decode_utf8(URL, &bytes)?;
    Project::from_json(text).map_err(|e| project_error(URL, e))
}
