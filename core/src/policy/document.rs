//! A small JSON reader for policy documents.
//!
//! It exists because `serde_json` cannot do two things an SCP check needs: it silently keeps
//! the last of two equal keys (AWS treats a repeated element as an error, and a checker that
//! hides it would report a policy other than the one written), and it gives no path to the
//! value it failed on. The reader keeps every object's members in document order, reports
//! each repeated key with its path, and bounds nesting at [`MAX_DEPTH`] so that no input can
//! exhaust the stack: the recursion is at most `MAX_DEPTH` frames deep, whatever the input.
//!
//! The grammar is RFC 8259 exactly: no comments, no trailing commas, no leading zeros, no
//! `NaN`; strings must be valid Unicode (a lone surrogate escape is an error).

use super::PolicyIssueCode;

/// The deepest nesting of arrays and objects the reader accepts. A valid SCP nests four
/// levels (`{"Statement":[{"Condition":{"Op":{"key":[...]}}}]}` is five); 32 leaves room for
/// anything a person writes while keeping the recursion small.
pub const MAX_DEPTH: usize = 32;

/// A JSON value whose objects keep their members in document order, duplicates included.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum JsonValue {
    Null,
    Bool(bool),
    /// A number, as written (it has been checked against the JSON number grammar).
    Number(String),
    String(String),
    Array(Vec<JsonValue>),
    Object(Vec<(String, JsonValue)>),
}

impl JsonValue {
    /// The JSON type name, for messages.
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            JsonValue::Null => "null",
            JsonValue::Bool(_) => "a boolean",
            JsonValue::Number(_) => "a number",
            JsonValue::String(_) => "a string",
            JsonValue::Array(_) => "a list",
            JsonValue::Object(_) => "an object",
        }
    }
}

/// A key that appears more than once in one object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DuplicateKey {
    /// The path of the repeated member (`Statement[0].Effect`).
    pub path: String,
    /// The key.
    pub key: String,
}

/// Why a document could not be read at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ReadError {
    pub code: PolicyIssueCode,
    pub message: String,
}

/// A document that was read: its value and the repeated keys found on the way (at most
/// `max_duplicates` of them; `more_duplicates` says whether there were others).
#[derive(Debug)]
pub(crate) struct ReadDocument {
    pub value: JsonValue,
    pub duplicates: Vec<DuplicateKey>,
    pub more_duplicates: bool,
}

#[derive(Debug, Clone)]
enum Segment {
    Key(String),
    Index(usize),
}

/// Formats a path from its segments, boto3 style: `Statement[1].Condition.Bool`.
fn format_path(segments: &[Segment]) -> String {
    let mut out = String::new();
    for segment in segments {
        match segment {
            Segment::Key(key) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            Segment::Index(index) => {
                out.push('[');
                out.push_str(&index.to_string());
                out.push(']');
            }
        }
    }
    out
}

/// Reads one JSON document (one value, surrounded by optional whitespace).
pub(crate) fn read(text: &str, max_duplicates: usize) -> Result<ReadDocument, ReadError> {
    let mut reader = Reader {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        path: Vec::new(),
        duplicates: Vec::new(),
        max_duplicates,
        more_duplicates: false,
    };
    reader.skip_whitespace();
    let value = reader.value(0)?;
    reader.skip_whitespace();
    if reader.pos < reader.bytes.len() {
        return Err(reader
            .error("unexpected text after the document (a policy is exactly one JSON object)"));
    }
    Ok(ReadDocument {
        value,
        duplicates: reader.duplicates,
        more_duplicates: reader.more_duplicates,
    })
}

/// Whether `text` follows the JSON number grammar (`-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`).
pub(crate) fn is_json_number(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut i = 0;
    if bytes.get(i) == Some(&b'-') {
        i += 1;
    }
    match bytes.get(i) {
        Some(b'0') => i += 1,
        Some(b'1'..=b'9') => {
            while matches!(bytes.get(i), Some(b'0'..=b'9')) {
                i += 1;
            }
        }
        _ => return false,
    }
    if bytes.get(i) == Some(&b'.') {
        i += 1;
        let start = i;
        while matches!(bytes.get(i), Some(b'0'..=b'9')) {
            i += 1;
        }
        if i == start {
            return false;
        }
    }
    if matches!(bytes.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(bytes.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let start = i;
        while matches!(bytes.get(i), Some(b'0'..=b'9')) {
            i += 1;
        }
        if i == start {
            return false;
        }
    }
    i == bytes.len()
}

struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    path: Vec<Segment>,
    duplicates: Vec<DuplicateKey>,
    max_duplicates: usize,
    more_duplicates: bool,
}

impl Reader<'_> {
    /// An `INVALID_JSON` error at the current position, with its line and column.
    fn error(&self, what: &str) -> ReadError {
        let pos = self.pos.min(self.bytes.len());
        let before = &self.bytes[..pos];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        // Columns count characters, not bytes.
        let column = self
            .text
            .get(line_start..pos)
            .map_or(pos - line_start, |s| s.chars().count())
            + 1;
        let at = if self.path.is_empty() {
            String::new()
        } else {
            format!(" (inside {})", format_path(&self.path))
        };
        ReadError {
            code: PolicyIssueCode::InvalidJson,
            message: format!(
                "The policy is not valid JSON: {what} at line {line}, column {column}{at}"
            ),
        }
    }

    fn skip_whitespace(&mut self) {
        while matches!(self.bytes.get(self.pos), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn value(&mut self, depth: usize) -> Result<JsonValue, ReadError> {
        match self.bytes.get(self.pos) {
            None => Err(self.error("unexpected end of text, expected a value")),
            Some(b'{') => self.object(depth + 1),
            Some(b'[') => self.array(depth + 1),
            Some(b'"') => Ok(JsonValue::String(self.string()?)),
            Some(b't') => self.literal("true", JsonValue::Bool(true)),
            Some(b'f') => self.literal("false", JsonValue::Bool(false)),
            Some(b'n') => self.literal("null", JsonValue::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.error("unexpected character, expected a value")),
        }
    }

    fn literal(&mut self, word: &str, value: JsonValue) -> Result<JsonValue, ReadError> {
        if self.bytes[self.pos..].starts_with(word.as_bytes()) {
            self.pos += word.len();
            Ok(value)
        } else {
            Err(self.error("unexpected character, expected a value"))
        }
    }

    fn number(&mut self) -> Result<JsonValue, ReadError> {
        let start = self.pos;
        while matches!(
            self.bytes.get(self.pos),
            Some(b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9')
        ) {
            self.pos += 1;
        }
        let text = &self.text[start..self.pos];
        if is_json_number(text) {
            Ok(JsonValue::Number(text.to_owned()))
        } else {
            self.pos = start;
            Err(self.error("malformed number"))
        }
    }

    fn enter(&self, depth: usize) -> Result<(), ReadError> {
        if depth > MAX_DEPTH {
            let at = if self.path.is_empty() {
                "the top level".to_owned()
            } else {
                format_path(&self.path)
            };
            Err(ReadError {
                code: PolicyIssueCode::TooDeep,
                message: format!(
                    "The policy nests lists and objects more than {MAX_DEPTH} levels deep (at {at}); no valid SCP comes close"
                ),
            })
        } else {
            Ok(())
        }
    }

    fn array(&mut self, depth: usize) -> Result<JsonValue, ReadError> {
        self.enter(depth)?;
        self.pos += 1; // '['
        let mut items = Vec::new();
        self.skip_whitespace();
        if self.bytes.get(self.pos) == Some(&b']') {
            self.pos += 1;
            return Ok(JsonValue::Array(items));
        }
        loop {
            self.path.push(Segment::Index(items.len()));
            self.skip_whitespace();
            let item = self.value(depth)?;
            self.path.pop();
            items.push(item);
            self.skip_whitespace();
            match self.bytes.get(self.pos) {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(JsonValue::Array(items));
                }
                None => return Err(self.error("unexpected end of text, expected ',' or ']'")),
                Some(_) => return Err(self.error("expected ',' or ']'")),
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<JsonValue, ReadError> {
        self.enter(depth)?;
        self.pos += 1; // '{'
        let mut members: Vec<(String, JsonValue)> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        self.skip_whitespace();
        if self.bytes.get(self.pos) == Some(&b'}') {
            self.pos += 1;
            return Ok(JsonValue::Object(members));
        }
        loop {
            self.skip_whitespace();
            if self.bytes.get(self.pos) != Some(&b'"') {
                return Err(if self.pos >= self.bytes.len() {
                    self.error("unexpected end of text, expected a member name")
                } else {
                    self.error("expected a member name in double quotes")
                });
            }
            let key = self.string()?;
            self.skip_whitespace();
            if self.bytes.get(self.pos) != Some(&b':') {
                return Err(self.error("expected ':' after a member name"));
            }
            self.pos += 1;
            self.skip_whitespace();
            self.path.push(Segment::Key(key.clone()));
            if !seen.insert(key.clone()) {
                if self.duplicates.len() < self.max_duplicates {
                    self.duplicates.push(DuplicateKey {
                        path: format_path(&self.path),
                        key: key.clone(),
                    });
                } else {
                    self.more_duplicates = true;
                }
            }
            let value = self.value(depth)?;
            self.path.pop();
            members.push((key, value));
            self.skip_whitespace();
            match self.bytes.get(self.pos) {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(JsonValue::Object(members));
                }
                None => return Err(self.error("unexpected end of text, expected ',' or '}'")),
                Some(_) => return Err(self.error("expected ',' or '}'")),
            }
        }
    }

    fn hex4(&mut self) -> Result<u32, ReadError> {
        let digits = self
            .text
            .get(self.pos..self.pos + 4)
            .filter(|d| d.bytes().all(|b| b.is_ascii_hexdigit()))
            .ok_or_else(|| self.error("malformed \\u escape (four hex digits expected)"))?;
        let value = u32::from_str_radix(digits, 16)
            .map_err(|_| self.error("malformed \\u escape (four hex digits expected)"))?;
        self.pos += 4;
        Ok(value)
    }

    fn string(&mut self) -> Result<String, ReadError> {
        self.pos += 1; // opening quote
        let mut out = String::new();
        loop {
            let start = self.pos;
            while let Some(&b) = self.bytes.get(self.pos) {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            // The stop bytes are ASCII, so this slice falls on character boundaries.
            out.push_str(&self.text[start..self.pos]);
            match self.bytes.get(self.pos) {
                None => return Err(self.error("unterminated string")),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.pos += 1;
                    let escape = self.bytes.get(self.pos).copied();
                    self.pos += 1;
                    match escape {
                        Some(b'"') => out.push('"'),
                        Some(b'\\') => out.push('\\'),
                        Some(b'/') => out.push('/'),
                        Some(b'b') => out.push('\u{8}'),
                        Some(b'f') => out.push('\u{c}'),
                        Some(b'n') => out.push('\n'),
                        Some(b'r') => out.push('\r'),
                        Some(b't') => out.push('\t'),
                        Some(b'u') => {
                            let first = self.hex4()?;
                            let code = if (0xD800..0xDC00).contains(&first) {
                                if !self.bytes[self.pos..].starts_with(b"\\u") {
                                    return Err(self.error("lone surrogate in a \\u escape"));
                                }
                                self.pos += 2;
                                let second = self.hex4()?;
                                if !(0xDC00..0xE000).contains(&second) {
                                    return Err(self.error("lone surrogate in a \\u escape"));
                                }
                                0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                            } else if (0xDC00..0xE000).contains(&first) {
                                return Err(self.error("lone surrogate in a \\u escape"));
                            } else {
                                first
                            };
                            match char::from_u32(code) {
                                Some(c) => out.push(c),
                                None => return Err(self.error("invalid \\u escape")),
                            }
                        }
                        _ => {
                            self.pos -= 1;
                            return Err(self.error("invalid escape in a string"));
                        }
                    }
                }
                Some(_) => return Err(self.error("control character in a string (escape it)")),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_members_in_order_and_reports_duplicates() {
        let doc = read(r#"{"a":1,"b":[true,null,{"c":"x","c":"y"}],"a":2}"#, 10).unwrap();
        let paths: Vec<&str> = doc.duplicates.iter().map(|d| d.path.as_str()).collect();
        assert_eq!(paths, ["b[2].c", "a"]);
        match doc.value {
            JsonValue::Object(members) => assert_eq!(members.len(), 3),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn rejects_what_json_rejects() {
        for bad in [
            "",
            "{",
            "{\"a\"}",
            "[1,]",
            "{\"a\":1,}",
            "01",
            "1.",
            "NaN",
            "\"\\ud800\"",
            "\"\\udc00x\"",
            "\"a\nb\"",
            "{} {}",
            "tru",
            "\"\\x\"",
            "-",
            "1e",
        ] {
            assert!(read(bad, 10).is_err(), "{bad:?}");
        }
        for good in ["0", "-0.5e+3", "\"\\ud83d\\ude00\"", "[]", "{}", " null "] {
            assert!(read(good, 10).is_ok(), "{good:?}");
        }
    }

    #[test]
    fn depth_is_bounded() {
        let ok = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
        assert!(read(&ok, 10).is_ok());
        let deep = "[".repeat(100_000);
        assert_eq!(read(&deep, 10).unwrap_err().code, PolicyIssueCode::TooDeep);
    }

    #[test]
    fn errors_name_line_and_column() {
        let err = read("{\n  \"a\": x}", 10).unwrap_err();
        assert!(err.message.contains("line 2, column 8"), "{}", err.message);
    }
}
