//! Drives an emulator with operations decoded from fuzz bytes, checking after every step that
//! nothing panicked, the invariants hold, and a refused call left the state as it was.
//!
//! Requests are built from the model, for any of the 46 operations: each member of the input
//! shape is present or not, and its value is (mostly) one the emulator has handed out so far —
//! every string of every response is remembered by its member name and, when it is an ID, by
//! its kind — or a freshly made value of the right form, or (sometimes) junk of any type.

use std::collections::BTreeMap;

use orgkit::emulator::{Emulator, EmulatorError, Quotas};
use orgkit::ids::ValueKind;
use orgkit::model::{Operation, PatternMatcher, Service, ShapeId, ShapeKind, TimestampFormat};
use serde_json::{json, Map, Value};

use crate::input::Input;
use crate::validate_request::operations;

/// The accounts that call; the first three are registered up front, the fourth appears
/// the first time it calls successfully.
pub const CALLERS: [&str; 4] = [
    "111111111111",
    "222222222222",
    "333333333333",
    "444444444444",
];

/// A service control policy document.
const DOCUMENT: &str =
    r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*"}]}"#;

/// How many values one pool keeps.
const POOL: usize = 24;

/// The kinds of ID remembered from responses.
const REMEMBERED: &[ValueKind] = &[
    ValueKind::AccountId,
    ValueKind::OrganizationId,
    ValueKind::RootId,
    ValueKind::OrganizationalUnitId,
    ValueKind::PolicyId,
    ValueKind::HandshakeId,
    ValueKind::CreateAccountRequestId,
    ValueKind::Email,
];

/// An emulator and what it has told the driver so far.
pub struct Driver {
    pub emulator: Emulator,
    operations: Vec<(&'static Service, &'static Operation)>,
    by_member: BTreeMap<String, Vec<String>>,
    by_kind: BTreeMap<ValueKind, Vec<String>>,
    /// Steps taken, and how many calls succeeded (the seed generator prefers busy inputs).
    pub steps: usize,
    pub successes: usize,
    /// The operations that succeeded at least once.
    pub succeeded: std::collections::BTreeSet<&'static str>,
}

fn remember(pool: &mut Vec<String>, value: &str) {
    if value.len() > 200 || pool.iter().any(|v| v == value) {
        return;
    }
    if pool.len() >= POOL {
        pool.remove(0);
    }
    pool.push(value.to_owned());
}

impl Driver {
    /// A driver of `emulator`, which already holds `known` (e.g. an imported snapshot).
    pub fn new(emulator: Emulator) -> Driver {
        let mut driver = Driver {
            emulator,
            // The emulator serves the original edition.
            operations: operations()
                .into_iter()
                .filter(|(edition, _, _)| *edition == orgkit::emulator::EMULATED_EDITION)
                .map(|(_, service, op)| (service, op))
                .collect(),
            by_member: BTreeMap::new(),
            by_kind: BTreeMap::new(),
            steps: 0,
            successes: 0,
            succeeded: Default::default(),
        };
        for (n, caller) in CALLERS.iter().take(3).enumerate() {
            // Taken IDs or emails (in an imported snapshot) are fine: the account is there.
            let _ = driver.emulator.register_account(
                caller,
                &format!("caller{n}@example.com"),
                &format!("Caller {n}"),
            );
        }
        let state = driver.emulator.export();
        driver.learn(&state, "");
        driver
    }

    /// Sets the scene by `flags` (so the fuzzer need not find it first): bit 0 an organization
    /// of the first caller (bit 1: consolidated billing only), bit 2 the second caller joins
    /// it, bit 3 an OU under the root, bit 4 a policy. Refusals are fine (no organization).
    pub fn setup(&mut self, flags: u8) {
        let master = CALLERS[0];
        let call = |driver: &mut Driver, caller: &str, operation: &str, request: Value| {
            let response = driver
                .emulator
                .call("organizations", operation, caller, &request);
            if let Ok(response) = &response {
                driver.learn(response, "");
            }
            response.ok()
        };
        if flags & 1 == 0 {
            return;
        }
        let features = if flags & 2 == 0 {
            "ALL"
        } else {
            "CONSOLIDATED_BILLING"
        };
        call(
            self,
            master,
            "CreateOrganization",
            json!({"FeatureSet": features}),
        );
        let root = call(self, master, "ListRoots", json!({}))
            .map(|roots| roots["Roots"][0]["Id"].clone())
            .unwrap_or_default();
        if flags & 4 != 0 {
            let target = json!({"Target": {"Id": CALLERS[1], "Type": "ACCOUNT"}});
            if let Some(invite) = call(self, master, "InviteAccountToOrganization", target) {
                let id = invite["Handshake"]["Id"].clone();
                call(
                    self,
                    CALLERS[1],
                    "AcceptHandshake",
                    json!({"HandshakeId": id}),
                );
            }
        }
        if flags & 8 != 0 {
            let request = json!({"ParentId": root, "Name": "Unit"});
            call(self, master, "CreateOrganizationalUnit", request);
        }
        if flags & 16 != 0 {
            let request = json!({"Content": DOCUMENT, "Description": "", "Name": "Deny", "Type": "SERVICE_CONTROL_POLICY"});
            call(self, master, "CreatePolicy", request);
        }
        self.assert_invariants("the setup");
    }

    /// Remembers every string (and object key) in `value`.
    pub fn learn(&mut self, value: &Value, member: &str) {
        match value {
            Value::String(text) => {
                if !member.is_empty() {
                    remember(self.by_member.entry(member.to_owned()).or_default(), text);
                }
                self.learn_text(text);
            }
            Value::Array(items) => items.iter().for_each(|item| self.learn(item, member)),
            Value::Object(map) => {
                for (key, item) in map {
                    self.learn_text(key);
                    self.learn(item, key);
                }
            }
            _ => {}
        }
    }

    fn learn_text(&mut self, text: &str) {
        for kind in REMEMBERED {
            if kind.is_valid(text) {
                remember(self.by_kind.entry(*kind).or_default(), text);
            }
        }
    }

    fn caller(&mut self, input: &mut Input) -> String {
        let known = self
            .by_kind
            .get(&ValueKind::AccountId)
            .cloned()
            .unwrap_or_default();
        match input.below(32) {
            0 => input.text(14),
            1..=15 => CALLERS[0].to_owned(),
            16..=23 if !known.is_empty() => input.pick(&known).clone(),
            n => CALLERS[n % CALLERS.len()].to_owned(),
        }
    }

    /// A value of the right form for `kind`, not taken from a response.
    fn made_up(&self, kind: ValueKind, input: &mut Input) -> String {
        const LOWER: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
        let chars = |count: usize, input: &mut Input| -> String {
            (0..count)
                .map(|_| LOWER[input.below(LOWER.len())] as char)
                .collect()
        };
        match kind {
            ValueKind::AccountId => match input.below(3) {
                0 => CALLERS[input.below(CALLERS.len())].to_owned(),
                1 => "999999999999".to_owned(),
                _ => format!("{:012}", u64::from(input.u32()) * 1_000 % 1_000_000_000_000),
            },
            ValueKind::OrganizationId => format!("o-{}", chars(10, input)),
            ValueKind::RootId => format!("r-{}", chars(4, input)),
            ValueKind::OrganizationalUnitId => {
                format!("ou-{}-{}", chars(4, input), chars(8, input))
            }
            ValueKind::PolicyId => match input.below(2) {
                0 => "p-FullAWSAccess".to_owned(),
                _ => format!("p-{}", chars(8, input)),
            },
            ValueKind::HandshakeId => format!("h-{}", chars(10, input)),
            ValueKind::CreateAccountRequestId => format!("car-{}", chars(10, input)),
            ValueKind::ChildId => {
                let inner = *input.pick(&[ValueKind::AccountId, ValueKind::OrganizationalUnitId]);
                self.made_up(inner, input)
            }
            ValueKind::ParentId => {
                let inner = *input.pick(&[ValueKind::RootId, ValueKind::OrganizationalUnitId]);
                self.made_up(inner, input)
            }
            ValueKind::PolicyTargetId => {
                let inner = *input.pick(&[
                    ValueKind::RootId,
                    ValueKind::AccountId,
                    ValueKind::OrganizationalUnitId,
                ]);
                self.made_up(inner, input)
            }
            ValueKind::Email => match input.below(4) {
                0 => format!(
                    "account-{}@example.com",
                    CALLERS[input.below(CALLERS.len())]
                ),
                1 => format!("ACCT{}@Example.com", input.below(4)),
                _ => format!("acct{}@example.com", input.below(8)),
            },
            _ => chars(1 + input.below(8), input),
        }
    }

    /// The pool for a string of `kind` at member `member`.
    fn known(&self, kind: Option<ValueKind>, member: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let kinds: &[ValueKind] = match kind {
            Some(ValueKind::ChildId) => &[ValueKind::AccountId, ValueKind::OrganizationalUnitId],
            Some(ValueKind::ParentId) => &[ValueKind::RootId, ValueKind::OrganizationalUnitId],
            Some(ValueKind::PolicyTargetId) => &[
                ValueKind::RootId,
                ValueKind::AccountId,
                ValueKind::OrganizationalUnitId,
            ],
            Some(ref one) => std::slice::from_ref(one),
            None => &[],
        };
        for kind in kinds {
            out.extend(self.by_kind.get(kind).into_iter().flatten().cloned());
        }
        out.extend(self.by_member.get(member).into_iter().flatten().cloned());
        out
    }

    /// Junk of any JSON type.
    fn junk(input: &mut Input) -> Value {
        match input.below(6) {
            0 => Value::Null,
            1 => json!(input.byte() % 2 == 0),
            2 => json!(i64::from(input.u32() as i32)),
            3 => json!(f64::from(input.u32()) / 7.0),
            4 => json!([]),
            _ => json!(input.text(24)),
        }
    }

    fn string(&self, kind: &ShapeKind, member: &str, input: &mut Input) -> Value {
        let ShapeKind::String {
            min,
            max,
            pattern,
            values,
        } = kind
        else {
            unreachable!()
        };
        if !values.is_empty() {
            return json!(if input.below(32) != 0 {
                (*input.pick(values)).to_owned()
            } else {
                input.text(12)
            });
        }
        let value_kind = match pattern.as_ref().map(|p| p.matcher) {
            Some(PatternMatcher::Kind(kind)) => Some(kind),
            _ => None,
        };
        let known = self.known(value_kind, member);
        if !known.is_empty() && input.chance(12) {
            return json!(input.pick(&known));
        }
        if let Some(kind) = value_kind {
            if input.chance(14) {
                return json!(self.made_up(kind, input));
            }
        }
        let text = match member {
            "Content" if input.chance(12) => DOCUMENT.to_owned(),
            "Content" => input
                .pick(&["{}", "not json", r#"{"Version":"2012-10-17"}"#])
                .to_string(),
            _ => match input.below(16) {
                0 => input.text(16),
                1 => "".to_owned(),
                _ => format!("{member}{}", input.below(4)),
            },
        };
        // Mostly within the shape's lengths.
        let text = match (min, max) {
            (Some(min), _) if text.chars().count() < *min as usize && input.chance(12) => {
                format!("{text:x<width$}", width = *min as usize)
            }
            (_, Some(max)) if text.chars().count() > *max as usize && input.chance(12) => {
                text.chars().take(*max as usize).collect()
            }
            _ => text,
        };
        json!(text)
    }

    /// A value for shape `id` of `service` at member `member`.
    fn value(
        &self,
        service: &Service,
        id: ShapeId,
        member: &str,
        depth: usize,
        input: &mut Input,
    ) -> Value {
        if input.below(64) == 0 {
            return Self::junk(input);
        }
        let shape = service.shape(id);
        match &shape.kind {
            kind @ ShapeKind::String { .. } => self.string(kind, member, input),
            ShapeKind::Integer { min, max } => {
                let low = min.unwrap_or(0);
                let high = max.unwrap_or(low + 100).max(low);
                let span = (high - low + 1).min(1 << 20) as u64;
                match input.below(8) {
                    0 => json!(low - 1),
                    1 => json!(high + 1),
                    _ => json!(low + (u64::from(input.u32()) % span) as i64),
                }
            }
            ShapeKind::Boolean => json!(input.byte() % 2 == 0),
            ShapeKind::Timestamp(TimestampFormat::EpochSeconds) => {
                json!(self.emulator.now() + f64::from(input.u32() % 100_000) - 50_000.0)
            }
            ShapeKind::Timestamp(_) => json!("2017-03-01T00:00:00Z"),
            ShapeKind::List { member: item, .. } => {
                if depth > 4 {
                    return json!([]);
                }
                let count = input.below(4);
                Value::Array(
                    (0..count)
                        .map(|_| self.value(service, *item, member, depth + 1, input))
                        .collect(),
                )
            }
            ShapeKind::Structure { members, .. } => {
                let mut map = Map::new();
                if depth > 4 {
                    return Value::Object(map);
                }
                for m in *members {
                    let present = if m.required {
                        input.below(32) != 0
                    } else {
                        input.chance(5)
                    };
                    if present {
                        map.insert(
                            m.name.to_owned(),
                            self.value(service, m.shape, m.name, depth + 1, input),
                        );
                    }
                }
                if input.below(64) == 0 {
                    map.insert(input.text(6), Self::junk(input));
                }
                Value::Object(map)
            }
            _ => Self::junk(input),
        }
    }

    fn request(&self, service: &Service, operation: &Operation, input: &mut Input) -> Value {
        match operation.input {
            Some(shape) => self.value(service, shape, "", 0, input),
            None if input.below(16) == 0 => json!({"Unexpected": 1}),
            None => json!({}),
        }
    }

    fn assert_invariants(&self, what: &str) {
        let broken = self.emulator.check_invariants();
        assert!(
            broken.is_empty(),
            "after {what}: invariants broken: {broken:?}"
        );
    }

    /// One step decoded from `input`: a call of one of the 46 operations, or `advance`,
    /// `register_account`, `set_quotas`, or a snapshot round trip.
    pub fn step(&mut self, input: &mut Input) {
        self.steps += 1;
        let count = self.operations.len();
        let choice = input.below(count + 4);
        let before = self.emulator.export();
        if choice < count {
            let (service, operation) = self.operations[choice];
            let caller = self.caller(input);
            let request = self.request(service, operation, input);
            let what = format!(
                "{}.{} as {caller:?} with {request}",
                service.name, operation.name
            );
            let result = self
                .emulator
                .call(service.name, operation.name, &caller, &request);
            match &result {
                Ok(response) => {
                    self.successes += 1;
                    self.succeeded.insert(operation.name);
                    self.learn(response, "");
                }
                Err(error) => {
                    check_error(error);
                    crate::assert_same_json(
                        &self.emulator.export(),
                        &before,
                        &format!("{what} was refused ({error}) but changed the state"),
                    );
                }
            }
            self.assert_invariants(&what);
            return;
        }
        match choice - count {
            0 => {
                let seconds = match input.below(12) {
                    0 => -1.0,
                    1 => f64::NAN,
                    2 => f64::INFINITY,
                    3 => 1.0e10,
                    4 => 1.0e10 + 1.0,
                    5 => 0.0,
                    6 => 15.0 * 86_400.0 + 1.0,
                    7 => f64::from(input.u32()),
                    _ => f64::from(input.byte()) * 3_600.0,
                };
                match self.emulator.advance(seconds) {
                    Ok(()) => self.successes += 1,
                    Err(error) => {
                        check_error(&error);
                        crate::assert_same_json(
                            &self.emulator.export(),
                            &before,
                            &format!(
                                "advance({seconds}) was refused ({error}) but changed the state"
                            ),
                        );
                    }
                }
                self.assert_invariants(&format!("advance({seconds})"));
            }
            1 => {
                let id = self.made_up(ValueKind::AccountId, input);
                let email = self.made_up(ValueKind::Email, input);
                let name = if input.chance(14) {
                    "Registered".to_owned()
                } else {
                    input.text(8)
                };
                if let Err(error) = self.emulator.register_account(&id, &email, &name) {
                    check_error(&error);
                    crate::assert_same_json(
                        &self.emulator.export(),
                        &before,
                        &format!("register_account refused ({error}) but changed the state"),
                    );
                }
                self.assert_invariants("register_account");
            }
            2 => {
                let small = |input: &mut Input| {
                    if input.chance(8) {
                        1 + input.below(4)
                    } else {
                        10_000
                    }
                };
                let quotas = Quotas {
                    max_accounts: small(input),
                    max_organizational_units: small(input),
                    max_policies: small(input),
                };
                self.emulator.set_quotas(quotas);
                self.assert_invariants("set_quotas");
            }
            _ => {
                // Every reachable state is a snapshot the emulator reads back.
                let copy = Emulator::from_snapshot(&before)
                    .unwrap_or_else(|err| panic!("an exported state is refused: {err}\n{before}"));
                crate::assert_same_json(
                    &copy.export(),
                    &before,
                    "an exported state imports differently",
                );
            }
        }
    }
}

/// Every error carries a stable code and serializes.
pub fn check_error(error: &EmulatorError) {
    assert!(!error.code().is_empty());
    let body = error.to_json();
    assert_eq!(body["Code"], json!(error.code()), "{body}");
    assert!(!error.to_string().is_empty());
    if let EmulatorError::Service(service) = error {
        for issue in &service.issues {
            assert!(orgkit::error::ErrorCode::ALL.contains(&issue.code));
        }
    }
}
