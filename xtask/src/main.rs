//! Repository tasks.
//!
//! `cargo xtask codegen` reads the vendored service models in `core/models/` and writes
//! `core/src/generated/`: per service, the shape table with every constraint, the operation
//! table (shapes, errors, paginator) and the Rust types of every structure and enumeration
//! reachable from the seed edition's operations. `cargo xtask codegen --check` fails when the
//! checked-in files differ from what the models produce (CI runs it).

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};

use serde_json::Value;

/// One service of an edition and the files it is generated from.
struct ServiceSource {
    module: &'static str,
    client_name: &'static str,
    model: &'static str,
    paginators: Option<&'static str>,
    /// Timestamp format for shapes that do not name one.
    default_timestamp: &'static str,
}

/// An edition of the models (core/src/edition.rs) and its services.
struct EditionSource {
    /// The module under `core/src/generated/` and the edition's name.
    module: &'static str,
    /// The `orgkit::Edition` variant.
    variant: &'static str,
    services: &'static [ServiceSource],
}

const ORIGINAL: EditionSource = EditionSource {
    module: "original",
    variant: "Original",
    services: &[
        ServiceSource {
            module: "organizations",
            client_name: "organizations",
            model: "organizations-2016-11-28.2017-02.json",
            paginators: Some("organizations-2016-11-28.paginators.2017-03.json"),
            default_timestamp: "EpochSeconds",
        },
        ServiceSource {
            module: "account",
            client_name: "account",
            model: "account-2021-02-01.2021-09.json",
            paginators: None,
            default_timestamp: "EpochSeconds",
        },
        ServiceSource {
            module: "chime",
            client_name: "chime",
            model: "chime-2018-05-01.accounts-subset.2021-07.json",
            paginators: Some("chime-2018-05-01.paginators.ListAccounts.2021-07.json"),
            default_timestamp: "Iso8601",
        },
    ],
};

/// Chime's account operations are the same model in both editions: its current module
/// re-exports the original one.
const CURRENT: EditionSource = EditionSource {
    module: "current",
    variant: "Current",
    services: &[
        ServiceSource {
            module: "organizations",
            client_name: "organizations",
            model: "organizations-2016-11-28.latest.json",
            paginators: Some("organizations-2016-11-28.paginators.latest.json"),
            default_timestamp: "EpochSeconds",
        },
        ServiceSource {
            module: "account",
            client_name: "account",
            model: "account-2021-02-01.latest.json",
            paginators: Some("account-2021-02-01.paginators.latest.json"),
            default_timestamp: "EpochSeconds",
        },
        ServiceSource {
            module: "chime",
            client_name: "chime",
            model: "chime-2018-05-01.accounts-subset.2021-07.json",
            paginators: Some("chime-2018-05-01.paginators.ListAccounts.2021-07.json"),
            default_timestamp: "Iso8601",
        },
    ],
};

const EDITIONS: [&EditionSource; 2] = [&ORIGINAL, &CURRENT];

/// Names that DESIGN rule 4 limits to printable ASCII (the 2017 model gives them no pattern).
const PRINTABLE_ASCII_NAMES: &[&str] = &[
    "AccountName",
    "OrganizationalUnitName",
    "PolicyName",
    "RootName",
    "TargetName",
];

mod client_types;
mod editions;
#[cfg(feature = "fast-path")]
mod fast_js;
mod python_types;
mod typescript;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("codegen") => {
            let check = args.iter().any(|a| a == "--check");
            match codegen(check) {
                Ok(()) => ExitCode::SUCCESS,
                Err(message) => {
                    eprintln!("xtask codegen: {message}");
                    ExitCode::FAILURE
                }
            }
        }
        Some("fast-path") => {
            let check = args.iter().any(|a| a == "--check");
            match fast_path(check) {
                Ok(()) => ExitCode::SUCCESS,
                Err(message) => {
                    eprintln!("xtask fast-path: {message}");
                    ExitCode::FAILURE
                }
            }
        }
        _ => {
            eprintln!("usage: cargo xtask codegen [--check]");
            ExitCode::FAILURE
        }
    }
}

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the repository")
        .to_path_buf()
}

fn codegen(check: bool) -> Result<(), String> {
    let root = repo_root();
    let models = root.join("core/models");
    let mut files = BTreeMap::new();
    for edition in EDITIONS {
        for source in edition.services {
            let path = format!("core/src/generated/{}/{}.rs", edition.module, source.module);
            let original = ORIGINAL
                .services
                .iter()
                .find(|s| s.module == source.module)
                .ok_or("every service has an original edition")?;
            if edition.module != ORIGINAL.module && original.model == source.model {
                // The same model in both editions: one set of tables and types.
                files.insert(path, rustfmt(&generate_reexport(edition, source))?);
                continue;
            }
            let model = read_json(&models.join(source.model))?;
            let paginators = match source.paginators {
                Some(file) => read_json(&models.join(file))?,
                None => Value::Null,
            };
            // Types whose whole shape closure is the same as the original edition's are
            // re-exported from it instead of being written twice.
            let shared = if edition.module == ORIGINAL.module {
                BTreeSet::new()
            } else {
                shared_types(&read_json(&models.join(original.model))?, &model)?
            };
            let code = generate_service(edition, source, &model, &paginators, &shared)?;
            files.insert(path, rustfmt(&code)?);
        }
    }
    files.insert(
        "core/src/generated/mod.rs".to_owned(),
        rustfmt(&generate_mod())?,
    );
    files.insert(
        "core/src/generated/unicode.rs".to_owned(),
        rustfmt(&generate_unicode_tables()?)?,
    );
    let change_list = editions::change_list(&models)?;
    let readme_path = root.join("README.md");
    let readme = std::fs::read_to_string(&readme_path).map_err(|e| format!("README.md: {e}"))?;
    files.insert(
        "README.md".to_owned(),
        editions::replace_marked(&readme, &change_list)?,
    );

    // The typed clients of the emulator (which serves the original edition): TypeScript beside
    // the Node package's other typings, Python beside the package's modules; both read the
    // models through `client_types`.
    let mut loaded = Vec::new();
    for source in ORIGINAL.services {
        loaded.push((source, read_json(&models.join(source.model))?));
    }
    let mut typed = Vec::new();
    for (source, model) in &loaded {
        typed.push(client_types::TypedService {
            client_name: source.client_name,
            type_prefix: match source.client_name {
                "organizations" => "Organizations",
                "account" => "Account",
                _ => "Chime",
            },
            model,
            shapes: reachable_shapes(model)?,
        });
    }
    let mut current_operations = Vec::new();
    for source in CURRENT.services {
        let model = read_json(&models.join(source.model))?;
        let names = model["operations"]
            .as_object()
            .map(|ops| ops.keys().cloned().collect())
            .unwrap_or_default();
        current_operations.push(typescript::OperationNames {
            client_name: source.client_name,
            names,
        });
    }
    files.insert(
        "bindings-node/emulator.d.ts".to_owned(),
        typescript::generate(
            &typed,
            &current_operations,
            "xtask/src/typescript.rs",
            |name| snake_case(name).trim_start_matches("r#").to_owned(),
        ),
    );
    files.insert(
        "bindings-python/python/orgkit/emulator_types.py".to_owned(),
        python_types::generate(&typed, "xtask/src/python_types.rs", |name| {
            snake_case(name).trim_start_matches("r#").to_owned()
        }),
    );

    let mut stale = Vec::new();
    for (name, text) in &files {
        let path = root.join(name);
        let current = std::fs::read_to_string(&path).unwrap_or_default();
        if current != *text {
            stale.push(name.clone());
            if !check {
                if let Some(dir) = path.parent() {
                    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
                }
                std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
            }
        }
    }
    if check && !stale.is_empty() {
        return Err(format!(
            "generated code is out of date ({}); run `cargo xtask codegen`",
            stale.join(", ")
        ));
    }
    if check {
        println!("generated code is up to date");
    } else if stale.is_empty() {
        println!("generated code unchanged");
    } else {
        println!("wrote {}", stale.join(", "));
    }
    // The Node package's JavaScript fast path is written from the compiled core's tables: a
    // build of xtask with the core in it, run after the core's tables above are up to date (so
    // that one command writes both, and xtask itself never needs the core to build).
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let mut step = Command::new(cargo);
    step.args([
        "run",
        "--quiet",
        "--package",
        "xtask",
        "--features",
        "fast-path",
        "--",
        "fast-path",
    ]);
    if check {
        step.arg("--check");
    }
    let status = step
        .current_dir(&root)
        .status()
        .map_err(|e| format!("cargo run -p xtask --features fast-path: {e}"))?;
    if !status.success() {
        return Err("writing bindings-node/fast.generated.js failed".to_owned());
    }
    Ok(())
}

/// `cargo xtask fast-path [--check]` (run by `codegen`): writes or checks
/// `bindings-node/fast.generated.js` from the tables of the `orgkit` crate xtask was built with.
#[cfg(feature = "fast-path")]
fn fast_path(check: bool) -> Result<(), String> {
    let name = "bindings-node/fast.generated.js";
    let path = repo_root().join(name);
    let text = fast_js::generate()?;
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    if current == text {
        println!("{name} is up to date");
    } else if check {
        return Err(format!("{name} is out of date; run `cargo xtask codegen`"));
    } else {
        std::fs::write(&path, text).map_err(|e| format!("{name}: {e}"))?;
        println!("wrote {name}");
    }
    Ok(())
}

#[cfg(not(feature = "fast-path"))]
fn fast_path(_check: bool) -> Result<(), String> {
    Err("build xtask with `--features fast-path` (`cargo xtask codegen` does)".to_owned())
}

fn read_json(path: &Path) -> Result<Value, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

fn rustfmt(code: &str) -> Result<String, String> {
    let mut child = Command::new("rustfmt")
        .args(["--edition", "2021", "--emit", "stdout"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("rustfmt: {e}"))?;
    child
        .stdin
        .take()
        .ok_or("rustfmt stdin")?
        .write_all(code.as_bytes())
        .map_err(|e| e.to_string())?;
    let output = child.wait_with_output().map_err(|e| e.to_string())?;
    if !output.status.success() {
        return Err(format!(
            "rustfmt failed: {}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    String::from_utf8(output.stdout).map_err(|e| e.to_string())
}

const HEADER: &str =
    "// @generated by `cargo xtask codegen` (xtask/src/main.rs) from core/models/. DO NOT EDIT.\n";

fn generate_mod() -> String {
    let mut out = String::from(HEADER);
    out.push_str(
        "//! The service models as Rust, one module per edition (see `crate::edition`): shape and\n\
         //! operation tables (walked by request validation) and the types of every structure and\n\
         //! enumeration. A current-edition type whose shape is unchanged since the original\n\
         //! edition is the original's type, re-exported.\n\n",
    );
    out.push_str("/// Unicode character tables of the patterns that ask for Unicode categories.\npub mod unicode;\n\n");
    for edition in EDITIONS {
        let _ = writeln!(
            out,
            "/// The {} edition (`orgkit::Edition::{}`).\npub mod {} {{",
            edition.module, edition.variant, edition.module
        );
        for source in edition.services {
            let _ = writeln!(
                out,
                "    /// The `{}` service, from `core/models/{}`.\n    pub mod {};",
                source.client_name, source.model, source.module
            );
        }
        out.push_str("}\n\n");
    }
    out
}

/// The non-ASCII part of the tag pattern's class `[\p{L}\p{Z}\p{N}_.:/=+\-@]` as sorted,
/// disjoint ranges, from the Unicode data of `regex-syntax` (the crate the tests' `regex`
/// oracle uses, so matcher and oracle read the same Unicode version).
fn generate_unicode_tables() -> Result<String, String> {
    use regex_syntax::hir::{Class, HirKind};
    let class = r"[\p{L}\p{Z}\p{N}_.:/=+\-@]";
    let hir = regex_syntax::Parser::new()
        .parse(class)
        .map_err(|e| format!("{class}: {e}"))?;
    let HirKind::Class(Class::Unicode(ranges)) = hir.kind() else {
        return Err(format!("{class} is not a Unicode class"));
    };
    let mut out = String::from(HEADER);
    out.push_str("//! Unicode tables for the hand-written matchers (`crate::ids`).\n\n");
    let non_ascii: Vec<(u32, u32)> = ranges
        .iter()
        .filter(|r| r.end() > '\u{7f}')
        .map(|r| (r.start().max('\u{80}') as u32, r.end() as u32))
        .collect();
    // Each range as its first character and its length minus one, in two arrays (u32 and
    // u16: six bytes a range, which the browser's form bundle feels), searched by halving.
    let _ = writeln!(
        out,
        "/// The first characters of the ranges above U+007F of `{class}` (the tag key and value\n/// pattern): Unicode letters (L), separators (Z) and numbers (N), sorted.\npub static TAG_CHARACTER_STARTS: [u32; {}] = [",
        non_ascii.len()
    );
    for (low, _) in &non_ascii {
        let _ = writeln!(out, "    {low:#x},");
    }
    let _ = writeln!(
        out,
        "];\n\n/// The length minus one of each range of [`TAG_CHARACTER_STARTS`].\npub static TAG_CHARACTER_SPANS: [u16; {}] = [",
        non_ascii.len()
    );
    for (low, high) in &non_ascii {
        let span = u16::try_from(high - low).map_err(|_| "a range over u16")?;
        let _ = writeln!(out, "    {span},");
    }
    out.push_str("];\n");
    Ok(out)
}

/// A service whose model is the same in `edition` as in the original edition.
fn generate_reexport(edition: &EditionSource, source: &ServiceSource) -> String {
    let mut out = String::from(HEADER);
    let _ = writeln!(
        out,
        "//! The `{}` service of the {} edition: the same model (`core/models/{}`) as the\n\
         //! original edition, so the same tables and types.\n\n\
         pub use crate::generated::original::{}::*;",
        source.client_name, edition.module, source.model, source.module
    );
    out
}

/// The names of the types of `current` that can be the original edition's: present and
/// reachable in both, with the same definition (documentation aside) all the way down. The
/// greatest set closed under "my members' shapes are in the set too", found by removing
/// shapes until nothing changes, so that recursive shapes are judged as a whole.
fn shared_types(original: &Value, current: &Value) -> Result<BTreeSet<String>, String> {
    fn strip(value: &Value) -> Value {
        match value {
            Value::Object(map) => Value::Object(
                map.iter()
                    .filter(|(k, _)| k.as_str() != "documentation")
                    .map(|(k, v)| (k.clone(), strip(v)))
                    .collect(),
            ),
            Value::Array(items) => Value::Array(items.iter().map(strip).collect()),
            other => other.clone(),
        }
    }
    fn targets(shape: &Value) -> Vec<&str> {
        let mut out: Vec<&str> = shape["members"]
            .as_object()
            .into_iter()
            .flatten()
            .filter_map(|(_, m)| m["shape"].as_str())
            .collect();
        out.extend(shape["member"]["shape"].as_str());
        out
    }
    let reachable_original: BTreeSet<String> = reachable_shapes(original)?.into_iter().collect();
    let mut shared: BTreeSet<String> = reachable_shapes(current)?
        .into_iter()
        .filter(|name| {
            let (a, b) = (&original["shapes"][name], &current["shapes"][name]);
            reachable_original.contains(name) && strip(a) == strip(b)
        })
        .collect();
    loop {
        let unshared: Vec<String> = shared
            .iter()
            .filter(|name| {
                targets(&current["shapes"][name.as_str()])
                    .iter()
                    .any(|target| !shared.contains(*target))
            })
            .cloned()
            .collect();
        if unshared.is_empty() {
            return Ok(shared);
        }
        for name in unshared {
            shared.remove(&name);
        }
    }
}

/// Every shape reachable from the operations' inputs, outputs and errors, sorted by name.
fn reachable_shapes(model: &Value) -> Result<Vec<String>, String> {
    let shapes = model["shapes"].as_object().ok_or("model has no shapes")?;
    let mut seen = BTreeSet::new();
    let mut queue = VecDeque::new();
    for op in model["operations"]
        .as_object()
        .ok_or("model has no operations")?
        .values()
    {
        for key in ["input", "output"] {
            if let Some(name) = op[key]["shape"].as_str() {
                queue.push_back(name.to_owned());
            }
        }
        for error in op["errors"].as_array().into_iter().flatten() {
            if let Some(name) = error["shape"].as_str() {
                queue.push_back(name.to_owned());
            }
        }
    }
    while let Some(name) = queue.pop_front() {
        if !seen.insert(name.clone()) {
            continue;
        }
        let shape = shapes.get(&name).ok_or(format!("unknown shape {name}"))?;
        if let Some(members) = shape["members"].as_object() {
            for member in members.values() {
                queue.push_back(
                    member["shape"]
                        .as_str()
                        .ok_or("member without shape")?
                        .to_owned(),
                );
            }
        }
        if let Some(member) = shape["member"]["shape"].as_str() {
            queue.push_back(member.to_owned());
        }
    }
    Ok(seen.into_iter().collect())
}

/// Every shape reachable from the operations' inputs, sorted by name.
fn request_shapes(model: &Value) -> Result<Vec<String>, String> {
    let shapes = model["shapes"].as_object().ok_or("model has no shapes")?;
    let mut seen = BTreeSet::new();
    let mut queue: VecDeque<String> = model["operations"]
        .as_object()
        .ok_or("model has no operations")?
        .values()
        .filter_map(|op| op["input"]["shape"].as_str().map(str::to_owned))
        .collect();
    while let Some(name) = queue.pop_front() {
        if !seen.insert(name.clone()) {
            continue;
        }
        let shape = shapes.get(&name).ok_or(format!("unknown shape {name}"))?;
        for member in shape["members"]
            .as_object()
            .into_iter()
            .flatten()
            .map(|(_, m)| m)
        {
            queue.push_back(
                member["shape"]
                    .as_str()
                    .ok_or("member without shape")?
                    .to_owned(),
            );
        }
        if let Some(member) = shape["member"]["shape"].as_str() {
            queue.push_back(member.to_owned());
        }
    }
    Ok(seen.into_iter().collect())
}

fn matcher_for(pattern: &str) -> Result<&'static str, String> {
    Ok(match pattern {
        r"^\d{12}$" => "PatternMatcher::Kind(ValueKind::AccountId)",
        "^o-[a-z0-9]{10,32}$" => "PatternMatcher::Kind(ValueKind::OrganizationId)",
        "^r-[0-9a-z]{4,32}$" => "PatternMatcher::Kind(ValueKind::RootId)",
        "^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$" => {
            "PatternMatcher::Kind(ValueKind::OrganizationalUnitId)"
        }
        "^p-[0-9a-zA-Z_]{8,128}$" => "PatternMatcher::Kind(ValueKind::PolicyId)",
        "^h-[0-9a-z]{8,32}$" => "PatternMatcher::Kind(ValueKind::HandshakeId)",
        "^car-[a-z0-9]{8,32}$" => "PatternMatcher::Kind(ValueKind::CreateAccountRequestId)",
        r"^(\d{12})|(ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$" => {
            "PatternMatcher::Kind(ValueKind::ChildId)"
        }
        "^(r-[0-9a-z]{4,32})|(ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$" => {
            "PatternMatcher::Kind(ValueKind::ParentId)"
        }
        r"^(r-[0-9a-z]{4,32})|(\d{12})|(ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$" => {
            "PatternMatcher::Kind(ValueKind::PolicyTargetId)"
        }
        r"[\w+=,.-]+@[\w.-]+\.[\w]+" => "PatternMatcher::OriginalEmail",
        r"[\w+=,.@-]{1,64}" => "PatternMatcher::Kind(ValueKind::RoleName)",
        "^arn:aws:organizations::.+:.+" => "PatternMatcher::GenericArn",
        // The current edition's patterns.
        r"[\u0020-\u007E]+" | "^[ -~]+$" => "PatternMatcher::PrintableAscii",
        r"[\w+=,.@-]*" => "PatternMatcher::Kind(ValueKind::ServicePrincipal)",
        r"[^\s@]+@[^\s@]+\.[^\s@]+" => "PatternMatcher::Kind(ValueKind::Email)",
        r"^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$" => "PatternMatcher::TagText",
        r"^(r-[0-9a-z]{4,32})|(\d{12})|(ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})|(^p-[0-9a-zA-Z_]{8,128})|(^rp-[0-9a-zA-Z_]{4,128})|(^rt-[0-9a-zA-Z_]{8,32})$" => {
            "PatternMatcher::Kind(ValueKind::TaggableResourceId)"
        }
        "^rp-[0-9a-zA-Z_]{4,128}$" => "PatternMatcher::Kind(ValueKind::ResourcePolicyId)",
        "^rt-[0-9a-z]{8,32}$" => "PatternMatcher::Kind(ValueKind::ResponsibilityTransferId)",
        r"^(o-[a-z0-9]{10,32}\/r-[0-9a-z]{4,32}(\/ou\-[0-9a-z]{4,32}-[a-z0-9]{8,32})*(\/\d{12})*)\/" => {
            "PatternMatcher::OrganizationPath"
        }
        r"^arn:[a-z0-9][a-z0-9-.]{0,62}:organizations::\d{12}:resourcepolicy\/o-[a-z0-9]{10,32}\/rp-[0-9a-zA-Z_]{4,128}" => {
            "PatternMatcher::ResourcePolicyArn"
        }
        r"^arn:[a-z0-9][a-z0-9-.]{0,62}:organizations::\d{12}:transfer\/o-[a-z0-9]{10,32}\/(billing)\/(inbound|outbound)\/rt-[0-9a-z]{8,32}$" => {
            "PatternMatcher::ResponsibilityTransferArn"
        }
        "[ -;=?-~]+" => "PatternMatcher::PrintableWithoutAngleBrackets",
        r"[+][\s0-9()-]+" => "PatternMatcher::InternationalPhoneNumber",
        r"[\s]*[\w+=.#|!&-]+@[\w.-]+\.[\w]+[\s]*" => "PatternMatcher::ContactEmail",
        "[a-zA-Z0-9]{6}" => "PatternMatcher::Passcode",
        r"\d{12}" => "PatternMatcher::Kind(ValueKind::AccountId)",
        r"[\s0-9()+-]+" => "PatternMatcher::PhoneNumber",
        p if p.starts_with("^arn:aws:organizations::")
            || p.starts_with("^(arn:aws:organizations::") =>
        {
            let kinds = [
                (
                    ":organization\\/",
                    "PatternMatcher::Arn(ResourceType::Organization)",
                ),
                (":account\\/", "PatternMatcher::Arn(ResourceType::Account)"),
                (":root\\/", "PatternMatcher::Arn(ResourceType::Root)"),
                (
                    ":ou\\/",
                    "PatternMatcher::Arn(ResourceType::OrganizationalUnit)",
                ),
                (":policy\\/", "PatternMatcher::Arn(ResourceType::Policy)"),
                (
                    ":handshake\\/",
                    "PatternMatcher::Arn(ResourceType::Handshake)",
                ),
            ];
            match kinds.iter().find(|(marker, _)| p.contains(marker)) {
                Some((_, matcher)) => matcher,
                None => return Err(format!("no ARN resource type in {p:?}")),
            }
        }
        r"^[\s0-9()+-]+$" => "PatternMatcher::PhoneNumber",
        r".*\S.*" => "PatternMatcher::NonBlankLine",
        r".+@.+\..+" => "PatternMatcher::LooseEmail",
        other => return Err(format!("no hand-written matcher for pattern {other:?}")),
    })
}

fn opt<T: std::fmt::Display>(value: Option<T>) -> String {
    match value {
        Some(v) => format!("Some({v})"),
        None => "None".to_owned(),
    }
}

fn rust_str(text: &str) -> String {
    format!("{text:?}")
}

/// `AwsAccountId` → `aws_account_id`, `IAMUser` → `iam_user`; keywords get `r#`.
fn snake_case(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            let prev = chars[i - 1];
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_ascii_lowercase());
            if prev.is_ascii_lowercase()
                || prev.is_ascii_digit()
                || (prev.is_ascii_uppercase() && next_lower)
            {
                out.push('_');
            }
        }
        out.push(c.to_ascii_lowercase());
    }
    match out.as_str() {
        "type" | "match" | "ref" | "self" | "struct" | "enum" | "mod" | "use" => format!("r#{out}"),
        _ => out,
    }
}

/// `ENABLE_ALL_FEATURES` → `EnableAllFeatures`; `ProTrial` stays.
fn variant_name(value: &str) -> String {
    if value.contains('_') || value.chars().all(|c| !c.is_ascii_lowercase()) {
        value
            .split('_')
            .filter(|w| !w.is_empty())
            .map(|w| {
                let lower = w.to_ascii_lowercase();
                let mut chars = lower.chars();
                match chars.next() {
                    Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
                    None => String::new(),
                }
            })
            .collect()
    } else {
        let mut chars = value.chars();
        match chars.next() {
            Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
            None => String::new(),
        }
    }
}

fn generate_service(
    edition: &EditionSource,
    source: &ServiceSource,
    model: &Value,
    paginators: &Value,
    shared: &BTreeSet<String>,
) -> Result<String, String> {
    let names = reachable_shapes(model)?;
    let shapes = &model["shapes"];
    let metadata = &model["metadata"];
    let mut out = String::from(HEADER);
    let _ = writeln!(
        out,
        "//! {} (API {}), {} edition, generated from `core/models/{}`.\n",
        metadata["serviceFullName"]
            .as_str()
            .unwrap_or(source.client_name),
        metadata["apiVersion"].as_str().unwrap_or(""),
        edition.module,
        source.model
    );
    if !shared.is_empty() {
        out.push_str("//!\n//! Types whose shape is the same in the original edition are that edition's types,\n//! re-exported (`pub use`); the tables are this edition's own.\n");
    }
    out.push_str(
        "#![allow(clippy::all, missing_docs, unused_imports)]\n\n\
         use std::fmt;\n\n\
         use serde::{Deserialize, Deserializer, Serialize, Serializer};\n\n\
         use crate::arn::ResourceType;\n\
         use crate::ids::ValueKind;\n\
         use crate::model::{Member, MemberLocation, Operation, Paginator, Pattern, PatternMatcher, Protocol, Service, Shape, ShapeKind, TimestampFormat};\n\n",
    );

    // The tables: with the response and error shapes (the `response-tables` feature, which
    // the emulator and response parsing need), or of the requests alone (smaller: the
    // browser's form bundle).
    let request_names = request_shapes(model)?;
    for (cfg, request_only, table_names) in [
        ("#[cfg(feature = \"response-tables\")]", false, &names),
        (
            "#[cfg(not(feature = \"response-tables\"))]",
            true,
            &request_names,
        ),
    ] {
        let _ = writeln!(out, "{cfg}\nmod tables {{\n    use super::*;\n");
        generate_tables(
            &mut out,
            source,
            model,
            paginators,
            table_names,
            request_only,
        )?;
        out.push_str("}\n\n");
    }
    out.push_str("pub use tables::{shape_ids, OPERATIONS, SERVICE, SHAPES};\n\n");
    let operations = model["operations"].as_object().ok_or("no operations")?;

    // Types.
    for name in &names {
        let shape = &shapes[name.as_str()];
        let is_type = shape["type"].as_str() == Some("structure") || shape["enum"].is_array();
        if is_type && shared.contains(name) {
            let _ = writeln!(
                out,
                "/// The `{name}` {}, unchanged since the original edition.\npub use crate::generated::original::{}::{name};\n",
                if shape["enum"].is_array() { "enumeration" } else { "structure" },
                source.module
            );
            continue;
        }
        match shape["type"].as_str() {
            Some("string") if shape["enum"].is_array() => generate_enum(&mut out, name, shape),
            Some("structure") => generate_struct(&mut out, source, name, shape, shapes)?,
            _ => {}
        }
    }

    // Typed outputs, one variant per operation with an output shape.
    out.push_str("/// The typed response of every operation that returns a body.\n#[derive(Debug, Clone, PartialEq)]\n#[non_exhaustive]\npub enum Output {\n");
    for (name, op) in operations {
        if let Some(output) = op["output"]["shape"].as_str() {
            let _ = writeln!(
                out,
                "    /// The response of `{name}`.\n    {name}({output}),"
            );
        }
    }
    out.push_str("}\n\nimpl Output {\n");
    out.push_str("    /// Parses the wire JSON of `operation`'s response. `None` when the operation has no\n    /// response body (or is not one of this service's).\n    pub fn from_value(operation: &str, value: serde_json::Value) -> Option<Result<Output, serde_json::Error>> {\n        Some(match operation {\n");
    for (name, op) in operations {
        if op["output"]["shape"].is_string() {
            let _ = writeln!(
                out,
                "            {} => serde_json::from_value(value).map(Output::{name}),",
                rust_str(name)
            );
        }
    }
    out.push_str("            _ => return None,\n        })\n    }\n\n");
    out.push_str("    /// The response as wire JSON.\n    pub fn to_value(&self) -> Result<serde_json::Value, serde_json::Error> {\n        match self {\n");
    for (name, op) in operations {
        if op["output"]["shape"].is_string() {
            let _ = writeln!(
                out,
                "            Output::{name}(output) => serde_json::to_value(output),"
            );
        }
    }
    out.push_str("        }\n    }\n}\n\n");

    // Typed requests validate themselves.
    for (name, op) in operations {
        if let Some(input) = op["input"]["shape"].as_str() {
            if shared.contains(input) {
                // Defined (and validated) in the original edition, whose rules for it are the same.
                continue;
            }
            let _ = writeln!(
                out,
                "impl {input} {{\n    /// Checks this request as `validate_request(Edition::{}, {}, {}, …)` does: every issue, or `Ok`.\n    pub fn validate(&self) -> Result<(), crate::ValidationError> {{\n        crate::validate::validate_typed_request(crate::Edition::{}, {}, {}, self)\n    }}\n}}\n",
                edition.variant, rust_str(source.client_name), rust_str(name), edition.variant, rust_str(source.client_name), rust_str(name)
            );
        }
    }
    Ok(out)
}

/// The tables of one service (`SERVICE`, `SHAPES`, `shape_ids`, `OPERATIONS`) over the shapes
/// `names`: every reachable shape, or (`request_only`) those of the requests alone.
fn generate_tables(
    out: &mut String,
    source: &ServiceSource,
    model: &Value,
    paginators: &Value,
    names: &[String],
    request_only: bool,
) -> Result<(), String> {
    let index: BTreeMap<&str, usize> = names
        .iter()
        .enumerate()
        .map(|(i, n)| (n.as_str(), i))
        .collect();
    let shapes = &model["shapes"];
    let metadata = &model["metadata"];
    // The service and its tables.
    let _ = writeln!(
        out,
        "/// The service's tables.\npub static SERVICE: Service = Service {{ name: {}, api_version: {}, protocol: {}, signing_name: {}, shapes: &SHAPES, operations: &OPERATIONS }};\n",
        rust_str(source.client_name),
        rust_str(metadata["apiVersion"].as_str().unwrap_or("")),
        protocol_of(metadata)?,
        rust_str(
            metadata["signingName"]
                .as_str()
                .or(metadata["endpointPrefix"].as_str())
                .unwrap_or(source.client_name)
        )
    );
    let _ = writeln!(
        out,
        "/// Every shape the tables hold, sorted by name.\npub static SHAPES: [Shape; {}] = [",
        names.len()
    );
    for name in names {
        let shape = &shapes[name.as_str()];
        let sensitive = shape["sensitive"].as_bool().unwrap_or(false);
        let kind = match shape["type"].as_str().unwrap_or("") {
            "string" => {
                let printable_name = source.module == "organizations"
                    && PRINTABLE_ASCII_NAMES.contains(&name.as_str());
                let pattern = match shape["pattern"].as_str() {
                    // DESIGN rule 4 in both editions: the current model's `[\s\S]*` for these
                    // names is looser than the API reference's "ASCII character range".
                    None | Some(r"[\s\S]*") if printable_name => {
                        format!("Some(Pattern {{ source: {}, matcher: PatternMatcher::PrintableAscii }})", rust_str(r"[\u0020-\u007E]+"))
                    }
                    // `[\s\S]*` (the current model's policy content, notes, tokens) admits every
                    // text: no pattern to check.
                    Some(r"[\s\S]*") => "None".to_owned(),
                    Some(p) => format!(
                        "Some(Pattern {{ source: {}, matcher: {} }})",
                        rust_str(p),
                        matcher_for(p)?
                    ),
                    None => "None".to_owned(),
                };
                let values: Vec<String> = shape["enum"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                    .map(rust_str)
                    .collect();
                format!(
                    "ShapeKind::String {{ min: {}, max: {}, pattern: {pattern}, values: &[{}] }}",
                    opt(shape["min"].as_u64()),
                    opt(shape["max"].as_u64()),
                    values.join(", ")
                )
            }
            "integer" | "long" => format!(
                "ShapeKind::Integer {{ min: {}, max: {} }}",
                opt(shape["min"].as_i64()),
                opt(shape["max"].as_i64())
            ),
            "boolean" => "ShapeKind::Boolean".to_owned(),
            "timestamp" => {
                let format = match shape["timestampFormat"].as_str() {
                    Some("iso8601") => "Iso8601",
                    Some("unixTimestamp") => "EpochSeconds",
                    Some(other) => return Err(format!("timestamp format {other}")),
                    None => source.default_timestamp,
                };
                format!("ShapeKind::Timestamp(TimestampFormat::{format})")
            }
            "list" => {
                let member = shape["member"]["shape"]
                    .as_str()
                    .ok_or("list without member")?;
                format!(
                    "ShapeKind::List {{ member: {}, min: {}, max: {} }}",
                    index[member],
                    opt(shape["min"].as_u64()),
                    opt(shape["max"].as_u64())
                )
            }
            "structure" => {
                let required: Vec<&str> = shape["required"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                    .collect();
                let mut members = Vec::new();
                for (member, def) in shape["members"].as_object().into_iter().flatten() {
                    let target = def["shape"].as_str().ok_or("member without shape")?;
                    members.push(format!(
                        "Member {{ name: {}, shape: {}, required: {}, location: {} }}",
                        rust_str(member),
                        index[target],
                        required.contains(&member.as_str()),
                        location_of(member, def)?
                    ));
                }
                format!(
                    "ShapeKind::Structure {{ members: &[{}], exception: {} }}",
                    members.join(", "),
                    shape["exception"].as_bool().unwrap_or(false)
                )
            }
            other => return Err(format!("shape {name}: unsupported type {other}")),
        };
        let _ = writeln!(
            out,
            "    Shape {{ name: {}, sensitive: {sensitive}, kind: {kind} }},",
            rust_str(name)
        );
    }
    out.push_str("];\n\n");

    // Shape ids, for code that names shapes.
    out.push_str("/// The index of each shape in [`SHAPES`].\npub mod shape_ids {\n");
    for (i, name) in names.iter().enumerate() {
        let _ = writeln!(
            out,
            "    pub const {}: usize = {i};",
            snake_case(name)
                .trim_start_matches("r#")
                .to_ascii_uppercase()
        );
    }
    out.push_str("}\n\n");

    // Operations.
    let operations = model["operations"].as_object().ok_or("no operations")?;
    let _ = writeln!(
        out,
        "/// The operations, sorted by name.\npub static OPERATIONS: [Operation; {}] = [",
        operations.len()
    );
    for (name, op) in operations {
        let shape_of = |key: &str| op[key]["shape"].as_str().map(|s| index[s].to_string());
        // Request-only tables have no response shapes: an operation's output is not in them.
        let output = if request_only {
            None
        } else {
            shape_of("output")
        };
        // The errors are part of the responses: request-only tables list none.
        let errors: Vec<String> = op["errors"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|e| e["shape"].as_str())
            .filter(|_| !request_only)
            .map(rust_str)
            .collect();
        let paginator = match paginators["pagination"].get(name) {
            Some(p) => format!(
                "Some(Paginator {{ input_token: {}, output_token: {}, limit_key: {}, result_key: {} }})",
                rust_str(p["input_token"].as_str().unwrap_or("")),
                rust_str(p["output_token"].as_str().unwrap_or("")),
                rust_str(p["limit_key"].as_str().unwrap_or("")),
                rust_str(p["result_key"].as_str().unwrap_or("")),
            ),
            None => "None".to_owned(),
        };
        // The model's `http.responseCode` (Chime CreateAccount: 201); 200 when it states none.
        let success_status = op["http"]["responseCode"].as_u64().unwrap_or(200);
        let http_method = op["http"]["method"].as_str().unwrap_or("POST");
        let request_uri = op["http"]["requestUri"].as_str().unwrap_or("/");
        let _ = writeln!(
            out,
            "    Operation {{ name: {}, python_name: {}, input: {}, output: {}, errors: &[{}], paginator: {paginator}, success_status: {success_status}, http_method: {}, request_uri: {} }},",
            rust_str(name), rust_str(&snake_case(name)), opt(shape_of("input")), opt(output), errors.join(", "),
            rust_str(http_method), rust_str(request_uri)
        );
    }
    out.push_str("];\n\n");

    Ok(())
}

fn generate_enum(out: &mut String, name: &str, shape: &Value) {
    let values: Vec<&str> = shape["enum"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    let _ = writeln!(
        out,
        "/// The `{name}` enumeration; values this edition does not know are kept in `Unknown`."
    );
    out.push_str("#[derive(Debug, Clone, PartialEq, Eq, Hash)]\n#[non_exhaustive]\n");
    let _ = writeln!(out, "pub enum {name} {{");
    for value in &values {
        let _ = writeln!(out, "    /// `{value}`\n    {},", variant_name(value));
    }
    out.push_str("    /// A value this edition of the model does not list (kept as sent).\n    Unknown(String),\n}\n\n");
    let _ = writeln!(out, "impl {name} {{");
    let _ = writeln!(
        out,
        "    /// Every value the model lists.\n    pub const VALUES: &'static [&'static str] = &[{}];\n",
        values.iter().map(|v| rust_str(v)).collect::<Vec<_>>().join(", ")
    );
    out.push_str("    /// Every value the model lists.\n    pub fn values() -> &'static [&'static str] {\n        Self::VALUES\n    }\n\n");
    out.push_str("    /// The wire text of the value.\n    pub fn as_str(&self) -> &str {\n        match self {\n");
    for value in &values {
        let _ = writeln!(
            out,
            "            Self::{} => {},",
            variant_name(value),
            rust_str(value)
        );
    }
    out.push_str("            Self::Unknown(text) => text,\n        }\n    }\n\n");
    out.push_str("    /// The value for wire text (`Unknown` when the model does not list it).\n    pub fn from_wire(text: &str) -> Self {\n        match text {\n");
    for value in &values {
        let _ = writeln!(
            out,
            "            {} => Self::{},",
            rust_str(value),
            variant_name(value)
        );
    }
    out.push_str("            other => Self::Unknown(other.to_owned()),\n        }\n    }\n}\n\n");
    let _ = writeln!(
        out,
        "impl fmt::Display for {name} {{\n    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {{\n        f.write_str(self.as_str())\n    }}\n}}\n\n\
         impl Serialize for {name} {{\n    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {{\n        serializer.serialize_str(self.as_str())\n    }}\n}}\n\n\
         impl<'de> Deserialize<'de> for {name} {{\n    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {{\n        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;\n        Ok(Self::from_wire(&text))\n    }}\n}}\n"
    );
}

fn field_type(source: &ServiceSource, shapes: &Value, target: &str) -> Result<String, String> {
    let shape = &shapes[target];
    Ok(match shape["type"].as_str().unwrap_or("") {
        "string" if shape["enum"].is_array() => target.to_owned(),
        "string" => "String".to_owned(),
        "integer" | "long" => "i64".to_owned(),
        "boolean" => "bool".to_owned(),
        "timestamp" => {
            let iso = shape["timestampFormat"].as_str() == Some("iso8601")
                || (shape["timestampFormat"].is_null() && source.default_timestamp == "Iso8601");
            if iso {
                "crate::model::IsoTimestamp".to_owned()
            } else {
                "crate::model::EpochTimestamp".to_owned()
            }
        }
        "list" => format!(
            "Vec<{}>",
            field_type(
                source,
                shapes,
                shape["member"]["shape"].as_str().ok_or("list member")?
            )?
        ),
        "structure" => target.to_owned(),
        other => return Err(format!("unsupported member type {other}")),
    })
}

fn generate_struct(
    out: &mut String,
    source: &ServiceSource,
    name: &str,
    shape: &Value,
    shapes: &Value,
) -> Result<(), String> {
    let required: Vec<&str> = shape["required"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    let members: Vec<(&String, &Value)> =
        shape["members"].as_object().into_iter().flatten().collect();
    let kind = if shape["exception"].as_bool().unwrap_or(false) {
        "error shape"
    } else {
        "structure"
    };
    let _ = writeln!(
        out,
        "/// The `{name}` {kind}. Members the model does not list are ignored when parsing."
    );
    out.push_str("#[derive(Clone, PartialEq, Serialize, Deserialize)]\n");
    let _ = writeln!(out, "pub struct {name} {{");
    let mut debug_fields = String::new();
    for (member, def) in &members {
        let target = def["shape"].as_str().ok_or("member shape")?;
        let ty = field_type(source, shapes, target)?;
        let field = snake_case(member);
        let sensitive = shapes[target]["sensitive"].as_bool().unwrap_or(false);
        let _ = writeln!(
            out,
            "    /// `{member}` ({target}{})",
            if sensitive { ", sensitive" } else { "" }
        );
        if required.contains(&member.as_str()) {
            let _ = writeln!(
                out,
                "    #[serde(rename = {})]\n    pub {field}: {ty},",
                rust_str(member)
            );
        } else {
            let _ = writeln!(
                out,
                "    #[serde(rename = {}, default, skip_serializing_if = \"Option::is_none\")]\n    pub {field}: Option<{ty}>,",
                rust_str(member)
            );
        }
        if sensitive {
            let _ = writeln!(
                debug_fields,
                "            .field({}, &crate::model::Redacted)",
                rust_str(field.trim_start_matches("r#"))
            );
        } else {
            let _ = writeln!(
                debug_fields,
                "            .field({}, &self.{field})",
                rust_str(field.trim_start_matches("r#"))
            );
        }
    }
    out.push_str("}\n\n");
    let _ = writeln!(
        out,
        "impl fmt::Debug for {name} {{\n    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {{\n        f.debug_struct({})\n{debug_fields}            .finish()\n    }}\n}}\n",
        rust_str(name)
    );
    Ok(())
}

/// The model's protocol metadata as a `Protocol` expression.
fn protocol_of(metadata: &Value) -> Result<String, String> {
    match metadata["protocol"].as_str() {
        Some("json") => Ok(format!(
            "Protocol::AwsJson {{ target_prefix: {}, json_version: {} }}",
            rust_str(
                metadata["targetPrefix"]
                    .as_str()
                    .ok_or("json protocol without targetPrefix")?
            ),
            rust_str(metadata["jsonVersion"].as_str().unwrap_or("1.0"))
        )),
        Some("rest-json") => Ok("Protocol::RestJson".to_owned()),
        other => Err(format!("unsupported protocol {other:?}")),
    }
}

/// Where a member travels in an HTTP request, from its `location` / `locationName`.
fn location_of(member: &str, def: &Value) -> Result<String, String> {
    let name = def["locationName"].as_str().unwrap_or(member);
    Ok(match def["location"].as_str() {
        None => "MemberLocation::Body".to_owned(),
        Some("uri") => format!("MemberLocation::Uri({})", rust_str(name)),
        Some("querystring") => format!("MemberLocation::QueryString({})", rust_str(name)),
        Some("header") => format!("MemberLocation::Header({})", rust_str(name)),
        Some(other) => return Err(format!("member {member}: unsupported location {other}")),
    })
}
