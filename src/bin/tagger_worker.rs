//! Entry point of the tagger Web Worker (built by Trunk with `data-type="worker"`).

use gloo_worker::Registrable;
use sanad_web::services::tagger::{protocol::SerdeWasm, TaggerWorker};

fn main() {
    TaggerWorker::registrar().encoding::<SerdeWasm>().register();
}
