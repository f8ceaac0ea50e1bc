//! validate_request: JSON bytes as the request of one of the operations of either edition
//! (the first byte chooses which: 46 original, 83 current). Validation never panics, names every issue with a catalogue code, locates
//! it at a path that exists in the request or the model, and gives the same issues every
//! time, by model name and boto3 name alike.

use orgkit::error::{ErrorCode, Issue};
use orgkit::model::{Operation, Service, ShapeId, ShapeKind};
use orgkit::validate::{check_request, validate_request};
use orgkit::Edition;
use serde_json::Value;

/// Every operation of every service of both editions, in model order.
pub fn operations() -> Vec<(Edition, &'static Service, &'static Operation)> {
    Edition::ALL
        .iter()
        .flat_map(|&edition| {
            edition.services().into_iter().flat_map(move |service| {
                service
                    .operations
                    .iter()
                    .map(move |op| (edition, service, op))
            })
        })
        .collect()
}

/// Whether `rest` — what follows a value's own path — leads somewhere from a value of shape
/// `id` (`value` is the request's value there, if it has one): `""`, `.Member…` into a
/// structure, `[i]…` into a list. A member may be one the model defines or, as the last step,
/// an unknown key the request holds.
fn resolves(service: &Service, id: ShapeId, value: Option<&Value>, rest: &str) -> bool {
    if rest.is_empty() {
        return true;
    }
    match &service.shape(id).kind {
        ShapeKind::Structure { members, .. } => match rest.strip_prefix('.') {
            Some(names) => resolves_member(service, members, value, names),
            None => false,
        },
        ShapeKind::List { member, .. } => {
            let Some(index_and_rest) = rest.strip_prefix('[') else {
                return false;
            };
            let Some((index, rest)) = index_and_rest.split_once(']') else {
                return false;
            };
            let Ok(index) = index.parse::<usize>() else {
                return false;
            };
            if index.to_string() != index_and_rest[..index_and_rest.len() - rest.len() - 1] {
                return false;
            }
            let item = value
                .and_then(|v| v.as_array())
                .and_then(|items| items.get(index));
            if value.is_some() && item.is_none() {
                return false;
            }
            resolves(service, *member, item, rest)
        }
        _ => false,
    }
}

/// [`resolves`] for the member names at the start of `names`, inside a structure.
fn resolves_member(
    service: &Service,
    members: &[orgkit::model::Member],
    value: Option<&Value>,
    names: &str,
) -> bool {
    let follows = |name: &str| {
        names
            .strip_prefix(name)
            .filter(|rest| rest.is_empty() || rest.starts_with('.') || rest.starts_with('['))
    };
    for member in members {
        if let Some(rest) = follows(member.name) {
            let inner = value.and_then(|v| v.get(member.name));
            if resolves(service, member.shape, inner, rest) {
                return true;
            }
        }
    }
    // An unknown key of the request, as the last step.
    if let Some(Value::Object(map)) = value {
        if map.contains_key(names) && !members.iter().any(|m| m.name == names) {
            return true;
        }
    }
    false
}

/// Whether `issue.path` is a place in this request.
fn path_exists(service: &Service, operation: &Operation, params: &Value, issue: &Issue) -> bool {
    if issue.path.is_empty() {
        return true;
    }
    match operation.input {
        Some(input) => match &service.shape(input).kind {
            ShapeKind::Structure { members, .. } => {
                resolves_member(service, members, Some(params), &issue.path)
            }
            _ => false,
        },
        // Operations without input: only unknown keys can be reported.
        None => params
            .as_object()
            .is_some_and(|map| map.contains_key(&issue.path)),
    }
}

/// The target.
pub fn run(data: &[u8]) {
    let Some((&first, json)) = data.split_first() else {
        return;
    };
    let Ok(params) = serde_json::from_slice::<Value>(json) else {
        return;
    };
    let all = operations();
    let (edition, service, operation) = all[usize::from(first) % all.len()];
    let issues = validate_request(edition, service.name, operation.name, &params)
        .expect("a known operation is found");
    for issue in &issues {
        assert!(
            ErrorCode::ALL.contains(&issue.code),
            "unknown code {:?}",
            issue.code
        );
        assert_eq!(ErrorCode::from_name(issue.code.as_str()), Some(issue.code));
        assert!(!issue.message.is_empty(), "{issue:?} has no message");
        assert!(
            path_exists(service, operation, &params, issue),
            "{}.{}: the path of {issue:?} is not in the request",
            service.name,
            operation.name
        );
    }
    // Deterministic, and the same by boto3 name, through check_request, and after a JSON
    // round trip of the request.
    let again = validate_request(edition, service.name, operation.name, &params).unwrap();
    assert_eq!(issues, again, "two validations of one request differ");
    let by_python_name =
        validate_request(edition, service.name, operation.python_name, &params).unwrap();
    assert_eq!(issues, by_python_name);
    let reparsed: Value = serde_json::from_str(&params.to_string()).unwrap();
    assert_eq!(
        issues,
        validate_request(edition, service.name, operation.name, &reparsed).unwrap()
    );
    match check_request(edition, service.name, operation.name, &params) {
        Ok(()) => assert!(issues.is_empty()),
        Err(orgkit::Error::Validation(err)) => assert_eq!(err.issues, issues),
        Err(other) => panic!("check_request: {other}"),
    }
}
