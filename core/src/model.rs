//! The shapes of the service models as Rust data.
//!
//! `cargo xtask codegen` turns the vendored model files (`core/models/`) into tables of these
//! types (`crate::generated`); nothing reads model JSON at run time. Request validation walks
//! these tables, and the operation table names each operation's shapes, errors and paginator.

use crate::ids::ValueKind;

/// One service of one edition (see [`crate::Edition::services`]).
#[derive(Debug)]
pub struct Service {
    /// The boto3 / SDK client name: `organizations`, `account` or `chime`.
    pub name: &'static str,
    /// The API version, e.g. `2016-11-28`.
    pub api_version: &'static str,
    /// How requests and responses travel over HTTP (the model's `metadata.protocol`).
    pub protocol: Protocol,
    /// The name in a SigV4 credential scope (`organizations`, `account`, `chime`).
    pub signing_name: &'static str,
    /// Every shape reachable from the operations, indexed by [`ShapeId`].
    pub shapes: &'static [Shape],
    /// The operations, in model order.
    pub operations: &'static [Operation],
}

/// The index of a shape in its service's `shapes` table.
pub type ShapeId = usize;

/// A named shape of a service model.
#[derive(Debug)]
pub struct Shape {
    /// The model's shape name, e.g. `CreateAccountRequest`.
    pub name: &'static str,
    /// What values of the shape look like.
    pub kind: ShapeKind,
    /// Whether the model marks values of the shape `sensitive`.
    pub sensitive: bool,
}

/// The type and constraints of a shape.
#[non_exhaustive]
#[derive(Debug)]
pub enum ShapeKind {
    /// Text, with the model's constraints.
    String {
        /// Minimum length in characters.
        min: Option<u32>,
        /// Maximum length in characters.
        max: Option<u32>,
        /// The pattern the whole value must match.
        pattern: Option<Pattern>,
        /// The allowed values, when the shape is an enumeration (empty otherwise).
        values: &'static [&'static str],
    },
    /// A whole number.
    Integer {
        /// Smallest allowed value.
        min: Option<i64>,
        /// Largest allowed value.
        max: Option<i64>,
    },
    /// `true` or `false`.
    Boolean,
    /// A point in time.
    Timestamp(TimestampFormat),
    /// A list of values of one shape.
    List {
        /// The members' shape.
        member: ShapeId,
        /// Fewest members.
        min: Option<u32>,
        /// Most members.
        max: Option<u32>,
    },
    /// Named members.
    Structure {
        /// The members, in model order.
        members: &'static [Member],
        /// Whether the shape is an error shape.
        exception: bool,
    },
}

/// A member of a structure.
#[derive(Debug)]
pub struct Member {
    /// The member's wire name, e.g. `AccountName`.
    pub name: &'static str,
    /// The member's shape.
    pub shape: ShapeId,
    /// Whether the model lists the member as required.
    pub required: bool,
    /// Where the member travels in an HTTP request (restJson1 binds some to the URI or the
    /// query string; everything else is in the JSON body).
    pub location: MemberLocation,
}

/// Where a request member travels, from the model's `location` and `locationName`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemberLocation {
    /// A member of the JSON body, under its own name.
    Body,
    /// A `{label}` of the request URI.
    Uri(&'static str),
    /// A query-string parameter of this name.
    QueryString(&'static str),
    /// An HTTP header of this name.
    Header(&'static str),
}

/// A service's wire protocol, from the model's metadata.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protocol {
    /// awsJson (1.0 / 1.1): every call is `POST /` with the operation named by the
    /// `X-Amz-Target` header (`<target_prefix>.<Operation>`), timestamps as epoch seconds.
    AwsJson {
        /// The `X-Amz-Target` prefix, e.g. `AWSOrganizationsV20161128`.
        target_prefix: &'static str,
        /// The JSON version of the content type, e.g. `1.1` (`application/x-amz-json-1.1`).
        json_version: &'static str,
    },
    /// restJson1: each operation has its own method and URI; members may bind to the URI or
    /// the query string; timestamps as ISO-8601 text unless the model says otherwise.
    RestJson,
}

/// How a timestamp travels on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimestampFormat {
    /// Seconds since the Unix epoch, as a JSON number (JSON 1.1 protocol).
    EpochSeconds,
    /// ISO-8601 text, e.g. `2021-07-16T12:00:00Z`.
    Iso8601,
}

/// A model pattern and the hand-written matcher that applies it to the whole value.
#[derive(Debug)]
pub struct Pattern {
    /// The pattern as the model states it (shown in messages).
    pub source: &'static str,
    /// The matcher.
    pub matcher: PatternMatcher,
}

/// The hand-written matchers behind the models' patterns (DESIGN rules 1–5).
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PatternMatcher {
    /// A value kind of [`crate::ids`]; its length rules are not applied here (the shape's own
    /// lengths are).
    Kind(ValueKind),
    /// An Organizations ARN of one resource type, in any partition (outputs only).
    Arn(crate::arn::ResourceType),
    /// `^arn:aws:organizations::.+:.+` (outputs only): the prefix, then an account and a resource.
    GenericArn,
    /// `^[\s0-9()+-]+$`: a phone number.
    PhoneNumber,
    /// `.*\S.*`: one line with at least one non-space character.
    NonBlankLine,
    /// `.+@.+\..+`: one line with an `@` and a later `.`.
    LooseEmail,
    /// `[\u0020-\u007E]+`: printable ASCII, for the names the seed limits to "the ASCII
    /// character range" (DESIGN rule 4; the 2017 model has no pattern for them, the current
    /// one `[\s\S]*`); also the current model's `^[ -~]+$`.
    PrintableAscii,
    /// `[\w+=,.-]+@[\w.-]+\.[\w]+`: the original edition's Email
    /// ([`crate::ids::is_original_email`]; the current one's is the `Email` kind).
    OriginalEmail,
    /// The organization path of an account or OU (current edition, outputs only).
    #[cfg(feature = "response-tables")]
    OrganizationPath,
    /// A resource policy ARN, any partition (current edition, outputs only).
    #[cfg(feature = "response-tables")]
    ResourcePolicyArn,
    /// A responsibility transfer ARN, any partition (current edition, outputs only).
    #[cfg(feature = "response-tables")]
    ResponsibilityTransferArn,
    /// `[ -;=?-~]+`: printable ASCII without `<` and `>` (Account's account name).
    PrintableWithoutAngleBrackets,
    /// `[+][\s0-9()-]+`: a phone number starting with `+` (Account's contact information).
    InternationalPhoneNumber,
    /// `[\s]*[\w+=.#|!&-]+@[\w.-]+\.[\w]+[\s]*`: Account's current alternate-contact email.
    ContactEmail,
    /// `[a-zA-Z0-9]{6}`: a one-time passcode.
    Passcode,
    /// `^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$`: the characters of tag keys and values (current
    /// edition; Unicode categories, see [`crate::ids::is_tag_key`]).
    TagText,
}

/// A botocore paginator entry.
#[derive(Debug)]
pub struct Paginator {
    /// The request member that takes the token.
    pub input_token: &'static str,
    /// The response member that holds the next token.
    pub output_token: &'static str,
    /// The request member that limits the page size.
    pub limit_key: &'static str,
    /// The response member holding the page's items.
    pub result_key: &'static str,
}

/// One operation of a service.
#[derive(Debug)]
pub struct Operation {
    /// The model's name, e.g. `CreateAccount`.
    pub name: &'static str,
    /// boto3's method name, e.g. `create_account`.
    pub python_name: &'static str,
    /// The input shape (none for DeleteOrganization, DescribeOrganization, LeaveOrganization).
    pub input: Option<ShapeId>,
    /// The output shape (none when the response body is empty, and in builds without the
    /// `response-tables` feature).
    pub output: Option<ShapeId>,
    /// The error shapes the model lists (empty in builds without the `response-tables`
    /// feature, whose tables describe requests only).
    pub errors: &'static [&'static str],
    /// The paginator, for List operations.
    pub paginator: Option<Paginator>,
    /// The HTTP status of a successful response: the model's `http.responseCode`, 200 when
    /// the model states none (Chime CreateAccount answers 201).
    pub success_status: u16,
    /// The HTTP method (the model's `http.method`).
    pub http_method: &'static str,
    /// The request URI template, e.g. `/accounts/{accountId}` (the model's `http.requestUri`).
    pub request_uri: &'static str,
}

impl Service {
    /// Looks an operation up by its model name (`CreateAccount`) or boto3 name
    /// (`create_account`).
    pub fn operation(&self, name: &str) -> Option<&'static Operation> {
        self.operations
            .iter()
            .find(|op| op.name == name || op.python_name == name)
    }

    /// The shape with index `id`.
    pub fn shape(&self, id: ShapeId) -> &'static Shape {
        &self.shapes[id]
    }

    /// Looks a shape up by name.
    pub fn shape_named(&self, name: &str) -> Option<&'static Shape> {
        self.shapes.iter().find(|shape| shape.name == name)
    }
}

impl Service {
    /// The names of the members whose shape is a timestamp (e.g. `JoinedTimestamp`), so that
    /// a binding can turn them into its host's date type.
    pub fn timestamp_members(&self) -> Vec<&'static str> {
        let mut names: Vec<&'static str> = self
            .shapes
            .iter()
            .filter_map(|shape| match shape.kind {
                ShapeKind::Structure { members, .. } => Some(members),
                _ => None,
            })
            .flatten()
            .filter(|member| matches!(self.shapes[member.shape].kind, ShapeKind::Timestamp(_)))
            .map(|member| member.name)
            .collect();
        names.sort_unstable();
        names.dedup();
        names
    }

    /// Every error shape any operation of the service lists, sorted (none without the
    /// `response-tables` feature).
    pub fn error_names(&self) -> Vec<&'static str> {
        let mut names: Vec<&'static str> = self
            .operations
            .iter()
            .flat_map(|op| op.errors.iter().copied())
            .collect();
        names.sort_unstable();
        names.dedup();
        names
    }
}

/// A timestamp as Organizations and Account send it: seconds since the Unix epoch, a JSON
/// number that may have a fraction. Kept as the number it was, so a round trip is lossless.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct EpochTimestamp(pub f64);

impl EpochTimestamp {
    /// Seconds since the Unix epoch.
    pub fn unix_seconds(self) -> f64 {
        self.0
    }
}

impl serde::Serialize for EpochTimestamp {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let seconds = self.0;
        // Whole seconds print as an integer, as the service sends them.
        if seconds.fract() == 0.0 && seconds.abs() < 9.0e15 {
            serializer.serialize_i64(seconds as i64)
        } else {
            serializer.serialize_f64(seconds)
        }
    }
}

impl<'de> serde::Deserialize<'de> for EpochTimestamp {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let seconds = f64::deserialize(deserializer)?;
        if seconds.is_finite() {
            Ok(EpochTimestamp(seconds))
        } else {
            Err(serde::de::Error::custom(
                "a timestamp must be a finite number of seconds",
            ))
        }
    }
}

/// A timestamp as Chime sends it: ISO-8601 text (`2021-07-16T12:00:00.000Z`). The text is
/// kept as sent, so a round trip is lossless; parsing checks that it is a date-time.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct IsoTimestamp(String);

impl IsoTimestamp {
    /// Checks `text` and wraps it.
    pub fn parse(text: &str) -> Option<IsoTimestamp> {
        iso8601_seconds(text).map(|_| IsoTimestamp(text.to_owned()))
    }

    /// The text as sent.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Seconds since the Unix epoch.
    pub fn unix_seconds(&self) -> f64 {
        iso8601_seconds(&self.0).unwrap_or(f64::NAN)
    }

    /// The UTC text of a point in time, with milliseconds (`2021-07-16T12:00:00.000Z`), as
    /// Chime writes it. `None` for a time that is not finite or outside years 0..=9999.
    pub fn from_unix_seconds(seconds: f64) -> Option<IsoTimestamp> {
        if !seconds.is_finite() || !(-62_167_219_200.0..253_402_300_800.0).contains(&seconds) {
            return None;
        }
        let millis = (seconds * 1000.0).round() as i64;
        let (days, millis_of_day) = (millis.div_euclid(86_400_000), millis.rem_euclid(86_400_000));
        // Civil date from days since the epoch (the inverse of the computation in
        // `iso8601_seconds`, after Howard Hinnant's method).
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let day_of_era = z - era * 146_097;
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let month_index = (5 * day_of_year + 2) / 153;
        let day = day_of_year - (153 * month_index + 2) / 5 + 1;
        let month = if month_index < 10 {
            month_index + 3
        } else {
            month_index - 9
        };
        let year = year_of_era + era * 400 + i64::from(month <= 2);
        let (hour, minute) = (millis_of_day / 3_600_000, millis_of_day / 60_000 % 60);
        let (second, milli) = (millis_of_day / 1000 % 60, millis_of_day % 1000);
        Some(IsoTimestamp(format!(
            "{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}.{milli:03}Z"
        )))
    }
}

impl serde::Serialize for IsoTimestamp {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> serde::Deserialize<'de> for IsoTimestamp {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        IsoTimestamp::parse(&text)
            .ok_or_else(|| serde::de::Error::custom("expected an ISO-8601 date-time"))
    }
}

/// Seconds since the epoch of `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`.
fn iso8601_seconds(text: &str) -> Option<f64> {
    let b = text.as_bytes();
    let number = |range: std::ops::Range<usize>| -> Option<i64> {
        let digits = b.get(range)?;
        digits.iter().all(u8::is_ascii_digit).then(|| {
            digits
                .iter()
                .fold(0i64, |n, d| n * 10 + i64::from(d - b'0'))
        })
    };
    if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'T' | b't') {
        return None;
    }
    if b[13] != b':' || b[16] != b':' {
        return None;
    }
    let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
    let (hour, minute, second) = (number(11..13)?, number(14..16)?, number(17..19)?);
    if !(1..=12).contains(&month)
        || !(1..=31).contains(&day)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    let mut at = 19;
    let mut fraction = 0.0;
    if b.get(at) == Some(&b'.') {
        let start = at + 1;
        at = start;
        while b.get(at).is_some_and(u8::is_ascii_digit) {
            at += 1;
        }
        if at == start {
            return None;
        }
        fraction = text[start - 1..at].parse::<f64>().ok()?;
    }
    let offset = match b.get(at)? {
        b'Z' | b'z' if at + 1 == b.len() => 0,
        sign @ (b'+' | b'-') if at + 6 == b.len() && b[at + 3] == b':' => {
            let minutes = number(at + 1..at + 3)? * 60 + number(at + 4..at + 6)?;
            if *sign == b'+' {
                minutes * 60
            } else {
                -minutes * 60
            }
        }
        _ => return None,
    };
    // Days from the civil date (proleptic Gregorian), after Howard Hinnant's well-known method.
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let month_index = (month + 9) % 12;
    let day_of_year = (153 * month_index + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    let days = era * 146_097 + day_of_era - 719_468;
    let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset;
    Some(seconds as f64 + fraction)
}

/// Stands in for a `sensitive` value in `Debug` output (DESIGN rule 10).
pub struct Redacted;

impl std::fmt::Debug for Redacted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("<redacted>")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_text_from_seconds_round_trips() {
        for seconds in [
            0.0,
            951_782_400.5,
            1_626_436_800.0,
            1_488_153_600.25,
            -86_400.0,
        ] {
            let text = IsoTimestamp::from_unix_seconds(seconds).unwrap();
            assert_eq!(text.unix_seconds(), seconds, "{}", text.as_str());
        }
        assert_eq!(
            IsoTimestamp::from_unix_seconds(1_626_436_800.0)
                .unwrap()
                .as_str(),
            "2021-07-16T12:00:00.000Z"
        );
        assert!(IsoTimestamp::from_unix_seconds(f64::NAN).is_none());
        assert!(IsoTimestamp::from_unix_seconds(1e300).is_none());
    }

    #[test]
    fn iso_timestamps() {
        assert_eq!(iso8601_seconds("1970-01-01T00:00:00Z"), Some(0.0));
        assert_eq!(
            iso8601_seconds("2021-07-16T12:00:00.500Z"),
            Some(1_626_436_800.5)
        );
        assert_eq!(
            iso8601_seconds("2021-07-16T14:00:00+02:00"),
            Some(1_626_436_800.0)
        );
        assert_eq!(iso8601_seconds("2021-07-16 12:00:00Z"), None);
        assert_eq!(iso8601_seconds("2021-13-16T12:00:00Z"), None);
        assert_eq!(iso8601_seconds("2021-07-16T12:00:00"), None);
    }

    #[test]
    fn epoch_round_trip_keeps_the_number() {
        for text in ["1480024594", "1480024594.331", "0"] {
            let parsed: EpochTimestamp = serde_json::from_str(text).unwrap();
            assert_eq!(serde_json::to_string(&parsed).unwrap(), text);
        }
    }
}
