//! Responses as the handlers build them: like `serde_json::Value`, but member names are
//! `&'static str` and objects are vectors, so that building and dropping a response of a
//! thousand accounts costs a few allocations per account instead of a dozen. Timestamps carry
//! their kind, so a binding makes its host's date type without knowing member names.

use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};
use serde_json::Value;

use crate::model::EpochTimestamp;

/// A response, or a part of one.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq)]
pub enum Output {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A whole number.
    Integer(i64),
    /// A timestamp in seconds since the epoch (Organizations and Account write it as a number).
    Epoch(f64),
    /// A timestamp as ISO-8601 text (Chime writes it so).
    Iso(String),
    /// Text.
    Text(String),
    /// Text known when orgkit was built (an enumeration value, a fixed name).
    Static(&'static str),
    /// A list.
    List(Vec<Output>),
    /// A structure, its members in the order they were added.
    Object(Vec<(&'static str, Output)>),
}

impl Output {
    /// `{}`, the body of operations that return nothing.
    pub fn empty() -> Output {
        Output::Object(Vec::new())
    }

    /// A page of a List response: the items under `name`, and `NextToken` when more follow.
    pub fn page(name: &'static str, items: Vec<Output>, next: Option<String>) -> Output {
        let mut members = vec![(name, Output::List(items))];
        if let Some(token) = next {
            members.push(("NextToken", Output::Text(token)));
        }
        Output::Object(members)
    }

    /// The member `name` of a structure.
    pub fn get(&self, name: &str) -> Option<&Output> {
        match self {
            Output::Object(members) => members
                .iter()
                .find(|(key, _)| *key == name)
                .map(|(_, value)| value),
            _ => None,
        }
    }

    /// The text of a `Text`/`Static`/`Iso` value (or of a JSON string).
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Output::Text(text) | Output::Iso(text) => Some(text),
            Output::Static(text) => Some(text),
            _ => None,
        }
    }

    /// The part at a JSON Pointer (`/Roots/0/Id`), like `serde_json::Value::pointer`.
    pub fn pointer(&self, pointer: &str) -> Option<&Output> {
        if pointer.is_empty() {
            return Some(self);
        }
        let mut at = self;
        for token in pointer.strip_prefix('/')?.split('/') {
            at = match at {
                Output::Object(_) => at.get(token)?,
                Output::List(items) => items.get(token.parse::<usize>().ok()?)?,
                _ => return None,
            };
        }
        Some(at)
    }

    /// The response as wire JSON.
    pub fn into_value(self) -> Value {
        match self {
            Output::Null => Value::Null,
            Output::Bool(flag) => Value::Bool(flag),
            Output::Integer(n) => Value::from(n),
            Output::Epoch(seconds) => {
                serde_json::to_value(EpochTimestamp(seconds)).unwrap_or(Value::Null)
            }
            Output::Iso(text) | Output::Text(text) => Value::String(text),
            Output::Static(text) => Value::String(text.to_owned()),
            Output::List(items) => {
                Value::Array(items.into_iter().map(Output::into_value).collect())
            }
            Output::Object(members) => Value::Object(
                members
                    .into_iter()
                    .map(|(key, value)| (key.to_owned(), value.into_value()))
                    .collect(),
            ),
        }
    }
}

impl Serialize for Output {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Output::Null => serializer.serialize_unit(),
            Output::Bool(flag) => serializer.serialize_bool(*flag),
            Output::Integer(n) => serializer.serialize_i64(*n),
            Output::Epoch(seconds) => EpochTimestamp(*seconds).serialize(serializer),
            Output::Iso(text) | Output::Text(text) => serializer.serialize_str(text),
            Output::Static(text) => serializer.serialize_str(text),
            Output::List(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Output::Object(members) => {
                let mut map = serializer.serialize_map(Some(members.len()))?;
                for (key, value) in members {
                    map.serialize_entry(key, value)?;
                }
                map.end()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn converts_and_serializes_alike() {
        let output = Output::Object(vec![
            ("Id", Output::Text("123456789012".into())),
            ("Joined", Output::Epoch(1_488_153_600.0)),
            ("Half", Output::Epoch(0.5)),
            ("Status", Output::Static("ACTIVE")),
            (
                "Tags",
                Output::List(vec![Output::Null, Output::Bool(true), Output::Integer(-3)]),
            ),
            ("When", Output::Iso("2021-07-16T12:00:00.000Z".into())),
        ]);
        let value = output.clone().into_value();
        assert_eq!(
            value,
            json!({"Id": "123456789012", "Joined": 1_488_153_600, "Half": 0.5, "Status": "ACTIVE",
                   "Tags": [null, true, -3], "When": "2021-07-16T12:00:00.000Z"})
        );
        let text = serde_json::to_string(&output).unwrap();
        assert_eq!(serde_json::from_str::<Value>(&text).unwrap(), value);
        assert_eq!(output.get("Status"), Some(&Output::Static("ACTIVE")));
        assert_eq!(output.get("Nope"), None);
        assert_eq!(output.pointer("/Tags/2"), Some(&Output::Integer(-3)));
        assert_eq!(
            output.pointer("/Id").and_then(Output::as_str),
            Some("123456789012")
        );
        assert_eq!(output.pointer("/Tags/9"), None);
        assert_eq!(output.pointer("Id"), None);
    }
}
