//! Tells the tests whether `python3` is there: the zip interop tests (tests/formats_zip_interop.rs)
//! make and read archives with Python's `zipfile`, and are reported ignored, with that reason, when
//! it is not. (A test cannot ignore itself at run time; the check is made here, when sanad-core is
//! built, and again when PATH changes.) Nothing in the library depends on it.

use std::process::Command;

fn main() {
    println!("cargo::rustc-check-cfg=cfg(sanad_python3)");
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-env-changed=PATH");
    let found = Command::new("python3").arg("--version").output().is_ok_and(|o| o.status.success());
    if found {
        println!("cargo::rustc-cfg=sanad_python3");
    }
}
