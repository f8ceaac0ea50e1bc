//! Digests the crate's own sources (`src/`, `models/`, `Cargo.toml`) into `ORGKIT_SOURCE_DIGEST`
//! ([`orgkit::ids::SOURCE_DIGEST`]): two libraries built from the same sources carry the same
//! digest, so a binding that loads two of them (the Node addon and its V8 fast calls) can tell a
//! leftover build from another version of the core.

use std::path::{Path, PathBuf};
use std::{env, fs};

fn main() {
    let root =
        PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for part in ["src", "models"] {
        println!("cargo:rerun-if-changed={part}");
        collect(&root.join(part), &mut files);
    }
    println!("cargo:rerun-if-changed=Cargo.toml");
    files.push(root.join("Cargo.toml"));
    files.sort();
    // FNV-1a over each file's path (relative, with '/') and contents.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |bytes: &[u8]| {
        for &b in bytes {
            hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    };
    for file in &files {
        let relative = file.strip_prefix(&root).unwrap_or(file);
        let name: Vec<String> = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        eat(name.join("/").as_bytes());
        eat(&[0]);
        eat(&fs::read(file).unwrap_or_default());
        eat(&[0]);
    }
    println!("cargo:rustc-env=ORGKIT_SOURCE_DIGEST={hash:016x}");
}

/// Every file under `dir`, recursively.
fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, files);
        } else {
            files.push(path);
        }
    }
}
