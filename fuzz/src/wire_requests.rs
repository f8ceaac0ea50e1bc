//! wire_requests: `Emulator::handle_http` on any request. The input's first byte picks the
//! method and the protocol family (awsJson with a target, restJson on a path, STS form), the
//! bytes up to the first 0xFF are the target / path / header value, the rest is the body. It
//! never panics and never answers 5xx; every response has the status and body format of its
//! protocol; a refused request leaves the state as it was (but for the clock, which every
//! request moves); the invariants hold after each request.

use orgkit::emulator::wire::HttpRequest;
use orgkit::emulator::Emulator;

const METHODS: &[&str] = &["POST", "GET", "PUT", "DELETE"];
const PATHS: &[&str] = &[
    "/",
    "/accounts",
    "/accounts/",
    "/putAlternateContact",
    "/getAlternateContact",
];

fn without_clock(mut snapshot: serde_json::Value) -> serde_json::Value {
    if let Some(state) = snapshot.get_mut("state").and_then(|s| s.as_object_mut()) {
        state.remove("clock");
    }
    snapshot
}

/// Runs the properties on one input.
pub fn run(data: &[u8]) {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let split = rest.iter().position(|&b| b == 0xFF).unwrap_or(rest.len());
    let head = String::from_utf8_lossy(&rest[..split]).into_owned();
    let body = rest.get(split + 1..).unwrap_or(&[]);
    let method = METHODS[usize::from(selector) % METHODS.len()];
    let emulator = Emulator::new(1);
    // A state worth protecting: an organization with an OU.
    let master = "111111111111";
    let org = emulator
        .call(
            "organizations",
            "CreateOrganization",
            master,
            &serde_json::json!({}),
        )
        .expect("create organization");
    let _ = org;
    let key = emulator
        .credentials(master)
        .expect("credentials")
        .access_key_id;
    let auth = format!("AWS4-HMAC-SHA256 Credential={key}/20170227/us-east-1/x/aws4_request");
    let before = without_clock(emulator.export());
    let (target, headers): (String, Vec<(&str, String)>) = match (selector >> 2) % 3 {
        0 => (
            "/".to_owned(),
            vec![
                ("X-Amz-Target", format!("AWSOrganizationsV20161128.{head}")),
                ("Content-Type", "application/x-amz-json-1.1".to_owned()),
            ],
        ),
        1 => (
            format!("{}{head}", PATHS[usize::from(selector >> 4) % PATHS.len()]),
            vec![("Content-Type", "application/json".to_owned())],
        ),
        _ => (
            format!("/?{head}"),
            vec![(
                "Content-Type",
                "application/x-www-form-urlencoded".to_owned(),
            )],
        ),
    };
    let mut pairs: Vec<(&str, &str)> = headers.iter().map(|(k, v)| (*k, v.as_str())).collect();
    pairs.push(("Authorization", &auth));
    let response = emulator.handle_http(&HttpRequest {
        method,
        target: &target,
        headers: &pairs,
        body,
    });
    assert!(
        (200..500).contains(&response.status),
        "status {} for {method} {target}: {}",
        response.status,
        String::from_utf8_lossy(&response.body)
    );
    let content_type = response.header("content-type").unwrap_or("");
    if content_type.contains("json") {
        let parsed: serde_json::Value =
            serde_json::from_slice(&response.body).expect("a JSON response body");
        assert!(parsed.is_object());
    } else {
        assert_eq!(content_type, "text/xml");
        let text = std::str::from_utf8(&response.body).expect("UTF-8 XML");
        assert!(text.starts_with('<') && text.ends_with('>'), "{text}");
        // Only characters XML 1.0 allows: a parser must never choke on a response.
        assert!(
            text.chars().all(|c| c >= ' '
                || matches!(c, '\t' | '\n' | '\r') && c != '\u{fffe}' && c != '\u{ffff}'),
            "{text:?}"
        );
    }
    if response.status >= 400 {
        let after = without_clock(emulator.export());
        assert!(
            crate::first_difference(&before, &after).is_none(),
            "a refused request changed the state: {:?}",
            crate::first_difference(&before, &after)
        );
    }
    let problems = emulator.check_invariants();
    assert!(problems.is_empty(), "{problems:?}");
}
