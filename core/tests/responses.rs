//! Every operation's response: a full sample body built from the shape tables (every member,
//! lists of two, nested structures, a value no enumeration lists, a member the model does not
//! have) parses into the typed output and writes back to the same JSON, minus the extra member.

use orgkit::model::{Service, ShapeKind, TimestampFormat};
use orgkit::response::parse_response;
use serde_json::{json, Map, Value};

fn sample(service: &Service, id: usize, depth: usize, unknown_enum: &mut bool) -> Value {
    let shape = service.shape(id);
    match &shape.kind {
        ShapeKind::String { values, .. } if !values.is_empty() => {
            if *unknown_enum {
                *unknown_enum = false;
                json!("A_VALUE_FROM_THE_FUTURE")
            } else {
                json!(values[values.len() - 1])
            }
        }
        ShapeKind::String { .. } => json!(format!("{}-sample", shape.name)),
        ShapeKind::Integer { max, .. } => json!(max.unwrap_or(7)),
        ShapeKind::Boolean => json!(true),
        ShapeKind::Timestamp(TimestampFormat::EpochSeconds) => json!(1480024594.331),
        ShapeKind::Timestamp(TimestampFormat::Iso8601) => json!("2021-07-16T12:34:56.789Z"),
        ShapeKind::List { member, .. } => {
            if depth > 3 {
                return json!([]);
            }
            json!([
                sample(service, *member, depth + 1, unknown_enum),
                sample(service, *member, depth + 1, unknown_enum)
            ])
        }
        ShapeKind::Structure { members, .. } => {
            let mut map = Map::new();
            for member in *members {
                if depth > 3 && !member.required {
                    continue;
                }
                map.insert(
                    member.name.to_owned(),
                    sample(service, member.shape, depth + 1, unknown_enum),
                );
            }
            Value::Object(map)
        }
        _ => Value::Null,
    }
}

#[test]
fn every_response_round_trips() {
    let mut checked = 0;
    for service in orgkit::Edition::Original.services() {
        for operation in service.operations {
            let Some(output) = operation.output else {
                let parsed = parse_response(
                    orgkit::Edition::Original,
                    service.name,
                    operation.name,
                    json!({}),
                )
                .unwrap();
                assert_eq!(parsed.to_value(), json!({}));
                continue;
            };
            let mut unknown_enum = true;
            let body = sample(service, output, 0, &mut unknown_enum);
            let mut with_extra = body.clone();
            with_extra
                .as_object_mut()
                .unwrap()
                .insert("AddedLater".to_owned(), json!({"any": ["thing"]}));
            let parsed = parse_response(
                orgkit::Edition::Original,
                service.name,
                operation.python_name,
                with_extra,
            )
            .unwrap_or_else(|err| panic!("{} {}: {err}", service.name, operation.name));
            assert_eq!(
                parsed.to_value(),
                body,
                "{} {}",
                service.name,
                operation.name
            );
            checked += 1;
        }
    }
    assert!(checked >= 35, "{checked}");
}

#[test]
fn malformed_bodies_are_errors_not_panics() {
    let err = parse_response(
        orgkit::Edition::Original,
        "organizations",
        "DescribeAccount",
        json!({"Account": {"JoinedTimestamp": "yesterday"}}),
    )
    .unwrap_err();
    assert!(err.to_string().contains("DescribeAccount"), "{err}");
    let err = parse_response(orgkit::Edition::Original, "chime", "GetAccount", json!({"Account": {"AwsAccountId": "1", "AccountId": "a", "Name": "n", "CreatedTimestamp": "2021-13-01T00:00:00Z"}}))
        .unwrap_err();
    assert!(err.to_string().contains("ISO-8601"), "{err}");
    assert!(parse_response(orgkit::Edition::Original, "chime", "Nope", json!({})).is_err());
}
