//! Builds the V8 side (`src/shim.cc`) against the headers of the `node` on PATH (or of
//! `ORGKIT_NODE_INCLUDE`, a folder holding `node.h`), and writes the module's entry point for
//! that Node.js ABI. Against V8 versions whose fast API layout `src/v8_fast_api.h` was not
//! checked against, without headers, or for another OS than Linux, it builds an empty library
//! (a warning says why) and the `orgkit` package goes on without fast calls.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::{env, fs};

/// The V8 versions whose fast API types `src/v8_fast_api.h` declares (major, minor range).
const CHECKED_V8: (u32, std::ops::RangeInclusive<u32>) = (11, 2..=4);

fn main() {
    println!("cargo:rerun-if-changed=src/shim.cc");
    println!("cargo:rerun-if-changed=src/v8_fast_api.h");
    println!("cargo:rerun-if-env-changed=ORGKIT_NODE_INCLUDE");
    // Another `node` on PATH may mean other headers.
    println!("cargo:rerun-if-env-changed=PATH");
    println!("cargo:rustc-check-cfg=cfg(orgkit_fastcall)");
    match node_headers() {
        Ok(headers) => build(&headers),
        Err(why) => {
            println!("cargo:warning=orgkit-node-fastcall: no fast calls in this build: {why}")
        }
    }
}

/// The Node.js headers to build against, with the versions they declare.
struct Headers {
    include: PathBuf,
    module_version: u32,
    v8: (u32, u32),
}

fn node_headers() -> Result<Headers, String> {
    // Elsewhere the linker wants V8's symbols resolved when the library is linked (macOS without
    // `-undefined dynamic_lookup`, Windows against node.lib): not set up here.
    let os = env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    if os != "linux" {
        return Err(format!("fast calls are built for Linux only, not {os}"));
    }
    let include = match env::var_os("ORGKIT_NODE_INCLUDE") {
        Some(folder) => PathBuf::from(folder),
        None => {
            let output = Command::new("node")
                .args([
                    "-p",
                    "require('path').join(process.execPath, '..', '..', 'include', 'node')",
                ])
                .output()
                .map_err(|err| format!("cannot run node: {err}"))?;
            PathBuf::from(String::from_utf8_lossy(&output.stdout).trim())
        }
    };
    for header in ["node_version.h", "v8-version.h"] {
        println!("cargo:rerun-if-changed={}", include.join(header).display());
    }
    let node_version = read(&include.join("node_version.h"))?;
    let v8_version = read(&include.join("v8-version.h"))?;
    let module_version = defined(&node_version, "NODE_MODULE_VERSION")?;
    let v8 = (
        defined(&v8_version, "V8_MAJOR_VERSION")?,
        defined(&v8_version, "V8_MINOR_VERSION")?,
    );
    if v8.0 != CHECKED_V8.0 || !CHECKED_V8.1.contains(&v8.1) {
        return Err(format!(
            "the headers in {} are of V8 {}.{}; src/v8_fast_api.h is checked against 11.2 to 11.4 only",
            include.display(),
            v8.0,
            v8.1
        ));
    }
    Ok(Headers {
        include,
        module_version,
        v8,
    })
}

fn read(path: &Path) -> Result<String, String> {
    fs::read_to_string(path).map_err(|err| format!("cannot read {}: {err}", path.display()))
}

/// The number a header `#define`s `name` to.
fn defined(header: &str, name: &str) -> Result<u32, String> {
    header
        .lines()
        .filter_map(|line| line.trim().strip_prefix("#define "))
        .filter_map(|rest| rest.strip_prefix(name))
        .find_map(|value| value.trim().parse().ok())
        .ok_or_else(|| format!("no numeric #define {name}"))
}

fn build(headers: &Headers) {
    let compiled = cc::Build::new()
        .cpp(true)
        .std("c++17")
        .file("src/shim.cc")
        // Node's headers as system headers: their own warnings are not this crate's.
        .flag("-isystem")
        .flag(
            headers
                .include
                .to_str()
                .expect("the headers' path is UTF-8"),
        )
        .flag_if_supported("-fno-exceptions")
        .flag_if_supported("-fno-rtti")
        .warnings(true)
        .try_compile("orgkit_fastcall_shim");
    if let Err(err) = compiled {
        // No C++ compiler, or one that refuses the headers: an empty library, as for other V8s.
        println!("cargo:warning=orgkit-node-fastcall: no fast calls in this build: the C++ shim did not compile: {err}");
        return;
    }
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let entry = format!(
        "/// The entry point Node.js (ABI {abi}, V8 {major}.{minor}) calls when it loads the addon.\n\
         ///\n\
         /// # Safety\n\
         /// Called by Node.js only, with the handles of the module being loaded.\n\
         #[export_name = \"node_register_module_v{abi}\"]\n\
         pub unsafe extern \"C\" fn register(exports: *mut c_void, module: *mut c_void, context: *mut c_void) {{\n\
         \x20   // SAFETY: the handles Node.js passed, passed on unchanged.\n\
         \x20   unsafe {{ orgkit_fastcall_register(exports, module, context) }}\n\
         }}\n",
        abi = headers.module_version,
        major = headers.v8.0,
        minor = headers.v8.1,
    );
    fs::write(out.join("entry.rs"), entry).expect("OUT_DIR is writable");
    println!("cargo:rustc-cfg=orgkit_fastcall");
}
