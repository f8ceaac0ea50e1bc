//! The README's list of what changed between the original and the current edition, written
//! from the two sets of models so that it cannot drift from the tables orgkit validates with.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

use serde_json::Value;

use crate::{reachable_shapes, read_json, CURRENT, ORIGINAL};

const BEGIN: &str = "<!-- edition-changes:begin (written by `cargo xtask codegen`) -->";
const END: &str = "<!-- edition-changes:end -->";

/// Replaces the text between the README's edition-change markers with `list`.
pub fn replace_marked(readme: &str, list: &str) -> Result<String, String> {
    let start = readme
        .find(BEGIN)
        .ok_or_else(|| format!("README.md has no {BEGIN} marker"))?;
    let end = readme
        .find(END)
        .ok_or_else(|| format!("README.md has no {END} marker"))?;
    if end < start {
        return Err("README.md's edition-change markers are out of order".to_owned());
    }
    Ok(format!(
        "{}{BEGIN}\n{list}{}",
        &readme[..start],
        &readme[end..]
    ))
}

/// A string, list or number constraint of a shape, as the README shows it.
fn constraints(shape: &Value) -> BTreeMap<&'static str, String> {
    let mut out = BTreeMap::new();
    for key in ["pattern", "min", "max"] {
        if let Some(value) = shape.get(key) {
            let text = match value {
                Value::String(text) => format!("`{}`", text.replace('|', "\\|")),
                other => other.to_string(),
            };
            out.insert(
                match key {
                    "pattern" => "pattern",
                    "min" => "min",
                    _ => "max",
                },
                text,
            );
        }
    }
    out
}

fn names<'a>(value: &'a Value, key: &str) -> BTreeSet<&'a str> {
    value[key]
        .as_object()
        .map(|map| map.keys().map(String::as_str).collect())
        .unwrap_or_default()
}

fn required(shape: &Value) -> BTreeSet<&str> {
    shape["required"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect()
}

/// Every shape reachable from the operations' inputs.
fn input_shapes(model: &Value) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut queue: Vec<String> = model["operations"]
        .as_object()
        .into_iter()
        .flatten()
        .filter_map(|(_, op)| op["input"]["shape"].as_str().map(str::to_owned))
        .collect();
    while let Some(name) = queue.pop() {
        if !seen.insert(name.clone()) {
            continue;
        }
        let shape = &model["shapes"][name.as_str()];
        for (_, member) in shape["members"].as_object().into_iter().flatten() {
            queue.extend(member["shape"].as_str().map(str::to_owned));
        }
        queue.extend(shape["member"]["shape"].as_str().map(str::to_owned));
    }
    seen
}

/// The Markdown list of changes, per service.
pub fn change_list(models: &Path) -> Result<String, String> {
    let mut out = String::new();
    for (old_source, new_source) in ORIGINAL.services.iter().zip(CURRENT.services) {
        let service = old_source.client_name;
        if old_source.model == new_source.model {
            let _ = writeln!(
                out,
                "**{service}** — the same model in both editions (`{}`).\n",
                old_source.model
            );
            continue;
        }
        let old = read_json(&models.join(old_source.model))?;
        let new = read_json(&models.join(new_source.model))?;
        let old_ops = names(&old, "operations");
        let new_ops = names(&new, "operations");
        let added: Vec<&str> = new_ops.difference(&old_ops).copied().collect();
        let _ = writeln!(
            out,
            "**{service}** — `{}` → `{}`: {} operations → {}.\n",
            old_source.model,
            new_source.model,
            old_ops.len(),
            new_ops.len()
        );
        if !added.is_empty() {
            let _ = writeln!(
                out,
                "- Operations only in the current edition ({}): {}.",
                added.len(),
                added
                    .iter()
                    .map(|n| format!("`{n}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
        let removed: Vec<&str> = old_ops.difference(&new_ops).copied().collect();
        if !removed.is_empty() {
            let _ = writeln!(out, "- Operations removed: {}.", removed.join(", "));
        }

        // Members of every structure both editions have, requests first, then responses
        // and errors; then every enumeration's values.
        let old_reachable: BTreeSet<String> = reachable_shapes(&old)?.into_iter().collect();
        let new_reachable: BTreeSet<String> = reachable_shapes(&new)?.into_iter().collect();
        let old_inputs = input_shapes(&old);
        let new_inputs = input_shapes(&new);
        let in_both: Vec<&String> = old_reachable.intersection(&new_reachable).collect();
        for requests in [true, false] {
            let mut lines = Vec::new();
            for name in &in_both {
                let is_request = old_inputs.contains(*name) && new_inputs.contains(*name);
                if is_request != requests {
                    continue;
                }
                let (a, b) = (&old["shapes"][name.as_str()], &new["shapes"][name.as_str()]);
                if b["type"] != "structure" {
                    continue;
                }
                let mut changes = Vec::new();
                let added: Vec<String> = names(b, "members")
                    .difference(&names(a, "members"))
                    .map(|m| format!("`{m}`"))
                    .collect();
                if !added.is_empty() {
                    changes.push(format!("new {}", added.join(", ")));
                }
                let removed: Vec<String> = names(a, "members")
                    .difference(&names(b, "members"))
                    .map(|m| format!("`{m}`"))
                    .collect();
                if !removed.is_empty() {
                    changes.push(format!("without {}", removed.join(", ")));
                }
                for (member, def) in b["members"].as_object().into_iter().flatten() {
                    let was = a["members"][member.as_str()]["shape"].as_str();
                    let now = def["shape"].as_str();
                    if was.is_some() && was != now {
                        changes.push(format!(
                            "`{member}` is a `{}` (was `{}`)",
                            now.unwrap_or("?"),
                            was.unwrap_or("?")
                        ));
                    }
                }
                let (was_required, now_required) = (required(a), required(b));
                let newly: Vec<String> = now_required
                    .difference(&was_required)
                    .map(|m| format!("`{m}`"))
                    .collect();
                if !newly.is_empty() {
                    changes.push(format!("{} required", newly.join(", ")));
                }
                let no_longer: Vec<String> = was_required
                    .difference(&now_required)
                    .map(|m| format!("`{m}`"))
                    .collect();
                if !no_longer.is_empty() {
                    changes.push(format!("{} optional", no_longer.join(", ")));
                }
                if !changes.is_empty() {
                    lines.push(format!("`{name}`: {}", changes.join("; ")));
                }
            }
            if !lines.is_empty() {
                let _ = writeln!(
                    out,
                    "- {} that changed:",
                    if requests {
                        "Request structures"
                    } else {
                        "Response and error structures"
                    }
                );
                for line in lines {
                    let _ = writeln!(out, "  - {line}");
                }
            }
        }
        let mut enums = Vec::new();
        for name in &in_both {
            let values = |model: &Value| -> BTreeSet<String> {
                model["shapes"][name.as_str()]["enum"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect()
            };
            let (was, now) = (values(&old), values(&new));
            let more: Vec<String> = now.difference(&was).map(|v| format!("`{v}`")).collect();
            let fewer: Vec<String> = was.difference(&now).map(|v| format!("`{v}`")).collect();
            if !more.is_empty() || !fewer.is_empty() {
                let mut change = format!("`{name}`");
                if !more.is_empty() {
                    change.push_str(&format!(" + {}", more.join(", ")));
                }
                if !fewer.is_empty() {
                    change.push_str(&format!(" − {}", fewer.join(", ")));
                }
                enums.push(change);
            }
        }
        if !enums.is_empty() {
            let _ = writeln!(out, "- Enumerations that changed:");
            for line in enums {
                let _ = writeln!(out, "  - {line}");
            }
        }

        // Constraints of the shapes requests carry in both editions.
        let mut rows = Vec::new();
        for name in old_inputs.intersection(&new_inputs) {
            let (a, b) = (&old["shapes"][name.as_str()], &new["shapes"][name.as_str()]);
            let (ca, cb) = (constraints(a), constraints(b));
            for key in ca.keys().chain(cb.keys()).collect::<BTreeSet<_>>() {
                let (was, now) = (ca.get(key), cb.get(key));
                if was != now {
                    rows.push(format!(
                        "| `{name}` | {key} | {} | {} |",
                        was.map_or("—", String::as_str),
                        now.map_or("—", String::as_str)
                    ));
                }
            }
        }
        if !rows.is_empty() {
            out.push_str(
                "\n| request shape | constraint | original | current |\n|---|---|---|---|\n",
            );
            for row in rows {
                out.push_str(&row);
                out.push('\n');
            }
        }

        // Errors per operation.
        let mut more_errors = 0;
        for op in old_ops.intersection(&new_ops) {
            let errors = |model: &Value| -> BTreeSet<String> {
                model["operations"][*op]["errors"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|e| e["shape"].as_str().map(str::to_owned))
                    .collect()
            };
            more_errors += errors(&new).difference(&errors(&old)).count();
        }
        let shapes_added =
            reachable_shapes(&new)?.len() as i64 - reachable_shapes(&old)?.len() as i64;
        let _ = writeln!(
            out,
            "\n{more_errors} errors more are listed on the operations both editions have; {shapes_added} more shapes in all.\n"
        );
    }
    Ok(out)
}
