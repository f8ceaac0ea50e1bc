//! The emulator's wire protocols: requests as the SDKs send them, responses as AWS answers.

use orgkit::emulator::wire::{HttpRequest, HttpResponse, Identity, MAX_REQUEST_BODY};
use orgkit::emulator::Emulator;
use serde_json::{json, Value};

const MASTER: &str = "111111111111";

fn authorization(key: &str, service: &str) -> String {
    format!(
        "AWS4-HMAC-SHA256 Credential={key}/20170227/us-east-1/{service}/aws4_request, \
         SignedHeaders=host;x-amz-date, Signature=0000"
    )
}

fn organizations(emulator: &Emulator, key: &str, operation: &str, body: &str) -> HttpResponse {
    let auth = authorization(key, "organizations");
    let target = format!("AWSOrganizationsV20161128.{operation}");
    let headers = [
        ("X-Amz-Target", target.as_str()),
        ("Content-Type", "application/x-amz-json-1.1"),
        ("Authorization", auth.as_str()),
    ];
    emulator.handle_http(&HttpRequest {
        method: "POST",
        target: "/",
        headers: &headers,
        body: body.as_bytes(),
    })
}

fn rest(emulator: &Emulator, key: &str, method: &str, target: &str, body: &str) -> HttpResponse {
    let auth = authorization(key, "chime");
    let headers = [
        ("Content-Type", "application/json"),
        ("Authorization", auth.as_str()),
    ];
    emulator.handle_http(&HttpRequest {
        method,
        target,
        headers: &headers,
        body: body.as_bytes(),
    })
}

fn sts(emulator: &Emulator, key: &str, token: Option<&str>, form: &str) -> HttpResponse {
    let auth = authorization(key, "sts");
    let mut headers = vec![
        (
            "Content-Type",
            "application/x-www-form-urlencoded; charset=utf-8",
        ),
        ("Authorization", auth.as_str()),
    ];
    if let Some(token) = token {
        headers.push(("X-Amz-Security-Token", token));
    }
    emulator.handle_http(&HttpRequest {
        method: "POST",
        target: "/",
        headers: &headers,
        body: form.as_bytes(),
    })
}

fn json_of(response: &HttpResponse) -> Value {
    serde_json::from_slice(&response.body).expect("a JSON body")
}

fn xml_field<'a>(response: &'a HttpResponse, name: &str) -> &'a str {
    let text = std::str::from_utf8(&response.body).unwrap();
    let open = format!("<{name}>");
    let start = text
        .find(&open)
        .unwrap_or_else(|| panic!("no {name} in {text}"))
        + open.len();
    let end = text[start..].find('<').unwrap() + start;
    &text[start..end]
}

#[test]
fn organizations_speaks_aws_json_1_1_and_names_the_caller_by_access_key() {
    let emulator = Emulator::new(1);
    let master_key = emulator.credentials(MASTER).unwrap().access_key_id;
    let created = organizations(&emulator, &master_key, "CreateOrganization", "{}");
    assert_eq!(created.status, 200);
    assert_eq!(
        created.header("content-type"),
        Some("application/x-amz-json-1.1")
    );
    assert!(created.header("x-amzn-requestid").is_some());
    let body = json_of(&created);
    assert_eq!(body["Organization"]["MasterAccountId"], MASTER);

    // A member's key acts as the member: it is in no organization.
    let member_key = emulator.credentials("222222222222").unwrap().access_key_id;
    let refused = organizations(&emulator, &member_key, "ListAccounts", "{}");
    assert_eq!(refused.status, 400);
    let error = json_of(&refused);
    assert_eq!(error["__type"], "AWSOrganizationsNotInUseException");
    assert!(error["Message"].as_str().unwrap().len() > 5);

    // A key the emulator did not hand out acts as the default caller (the master here).
    let listed = organizations(&emulator, "AKIAIOSFODNN7EXAMPLE", "ListAccounts", "{}");
    assert_eq!(listed.status, 200, "{:?}", json_of(&listed));
    // Timestamps are epoch seconds.
    assert!(json_of(&listed)["Accounts"][0]["JoinedTimestamp"].is_number());
}

#[test]
fn errors_carry_reason_and_status_from_the_model() {
    let emulator = Emulator::new(1);
    let key = emulator.credentials(MASTER).unwrap().access_key_id;
    organizations(&emulator, &key, "CreateOrganization", "{}");
    let invalid = organizations(
        &emulator,
        &key,
        "CreateOrganizationalUnit",
        r#"{"ParentId": "nope", "Name": "x"}"#,
    );
    assert_eq!(invalid.status, 400);
    let body = json_of(&invalid);
    assert_eq!(body["__type"], "InvalidInputException");
    assert_eq!(body["Reason"], "INVALID_PATTERN");
    let other = emulator.credentials("333333333333").unwrap().access_key_id;
    let denied = organizations(&emulator, &other, "CreateOrganization", "{}");
    assert_eq!(
        denied.status, 200,
        "a standalone account may create its own"
    );
}

#[test]
fn malformed_requests_get_protocol_errors_not_panics() {
    let emulator = Emulator::new(1);
    let key = "AKIAIOSFODNN7EXAMPLE";
    for (body, code) in [
        ("{", "SerializationException"),
        ("[1]", "SerializationException"),
        ("\"text\"", "SerializationException"),
        (&"[".repeat(10_000), "SerializationException"),
    ] {
        let response = organizations(&emulator, key, "ListRoots", body);
        assert_eq!(response.status, 400);
        assert_eq!(json_of(&response)["__type"], code);
    }
    let not_utf8 = emulator.handle_http(&HttpRequest {
        method: "POST",
        target: "/",
        headers: &[
            ("X-Amz-Target", "AWSOrganizationsV20161128.ListRoots"),
            ("Content-Type", "application/x-amz-json-1.1"),
        ],
        body: &[0xff, 0xfe, b'{'],
    });
    assert_eq!(json_of(&not_utf8)["__type"], "SerializationException");

    let unknown = organizations(&emulator, key, "CloseAccount", "{}");
    assert_eq!(unknown.status, 400);
    assert_eq!(json_of(&unknown)["__type"], "UnknownOperationException");
    assert!(json_of(&unknown)["Message"]
        .as_str()
        .unwrap()
        .contains("original edition"));
    // A member only the current edition has is refused, not ignored, naming the edition.
    let tagged = organizations(
        &emulator,
        key,
        "CreateAccount",
        r#"{"Email": "a@example.com", "AccountName": "A", "Tags": [{"Key": "k", "Value": "v"}]}"#,
    );
    assert_eq!(tagged.status, 400);
    assert_eq!(json_of(&tagged)["__type"], "InvalidInputException");
    let message = json_of(&tagged)["Message"].as_str().unwrap().to_owned();
    assert!(message.contains("current edition only"), "{message}");
    assert!(
        message.contains(orgkit::Edition::Original.description()),
        "{message}"
    );

    let wrong_type = emulator.handle_http(&HttpRequest {
        method: "POST",
        target: "/",
        headers: &[
            ("X-Amz-Target", "AWSOrganizationsV20161128.ListRoots"),
            ("Content-Type", "text/plain"),
        ],
        body: b"{}",
    });
    assert_eq!(json_of(&wrong_type)["__type"], "UnknownOperationException");

    let huge = vec![b' '; MAX_REQUEST_BODY + 1];
    let too_large = emulator.handle_http(&HttpRequest {
        method: "POST",
        target: "/",
        headers: &[
            ("X-Amz-Target", "AWSOrganizationsV20161128.ListRoots"),
            ("Content-Type", "application/x-amz-json-1.1"),
        ],
        body: &huge,
    });
    assert_eq!(too_large.status, 413);

    let no_route = rest(&emulator, key, "DELETE", "/nowhere", "");
    assert_eq!(no_route.status, 404);
    assert_eq!(
        no_route.header("x-amzn-ErrorType"),
        Some("UnknownOperationException")
    );
    let chime_not_json = rest(&emulator, key, "POST", "/accounts", "{");
    assert_eq!(
        chime_not_json.header("x-amzn-ErrorType"),
        Some("SerializationException")
    );
    let media = emulator.handle_http(&HttpRequest {
        method: "POST",
        target: "/accounts",
        headers: &[("Content-Type", "text/xml")],
        body: b"<a/>",
    });
    assert_eq!(media.status, 415);
}

#[test]
fn chime_routes_bind_uri_labels_and_query_strings() {
    let emulator = Emulator::new(1);
    let key = emulator.credentials(MASTER).unwrap().access_key_id;
    let created = rest(
        &emulator,
        &key,
        "POST",
        "/accounts",
        r#"{"Name": "team one"}"#,
    );
    assert_eq!(created.status, 201);
    let account = json_of(&created)["Account"].clone();
    let id = account["AccountId"].as_str().unwrap().to_owned();
    // ISO-8601 timestamps on restJson.
    assert!(account["CreatedTimestamp"].as_str().unwrap().ends_with('Z'));

    let got = rest(&emulator, &key, "GET", &format!("/accounts/{id}"), "");
    assert_eq!(got.status, 200);
    assert_eq!(json_of(&got)["Account"]["Name"], "team one");

    let listed = rest(
        &emulator,
        &key,
        "GET",
        "/accounts?name=team%20one&max-results=1",
        "",
    );
    assert_eq!(listed.status, 200);
    assert_eq!(json_of(&listed)["Accounts"].as_array().unwrap().len(), 1);

    let bad_page = rest(&emulator, &key, "GET", "/accounts?max-results=lots", "");
    assert_eq!(bad_page.status, 400);
    assert_eq!(
        bad_page.header("x-amzn-ErrorType"),
        Some("BadRequestException")
    );
    assert_eq!(json_of(&bad_page)["Code"], "BadRequest");

    let updated = rest(
        &emulator,
        &key,
        "POST",
        &format!("/accounts/{id}"),
        r#"{"Name": "team two"}"#,
    );
    assert_eq!(updated.status, 200);
    let missing = rest(
        &emulator,
        &key,
        "GET",
        "/accounts/00000000-0000-0000-0000-000000000000",
        "",
    );
    assert_eq!(missing.status, 404);
    assert_eq!(
        missing.header("x-amzn-ErrorType"),
        Some("NotFoundException")
    );
}

#[test]
fn account_alternate_contacts_over_rest_json() {
    let emulator = Emulator::new(1);
    let key = emulator.credentials("222222222222").unwrap().access_key_id;
    let put = rest(
        &emulator,
        &key,
        "POST",
        "/putAlternateContact",
        r#"{"AlternateContactType": "BILLING", "EmailAddress": "b@example.com", "Name": "B", "PhoneNumber": "+1 555", "Title": "CFO"}"#,
    );
    assert_eq!(put.status, 200, "{:?}", String::from_utf8_lossy(&put.body));
    let got = rest(
        &emulator,
        &key,
        "POST",
        "/getAlternateContact",
        r#"{"AlternateContactType": "BILLING"}"#,
    );
    assert_eq!(json_of(&got)["AlternateContact"]["Title"], "CFO");
    let invalid = rest(
        &emulator,
        &key,
        "POST",
        "/getAlternateContact",
        r#"{"AlternateContactType": "NOPE"}"#,
    );
    assert_eq!(invalid.status, 400);
    assert_eq!(
        invalid.header("x-amzn-ErrorType"),
        Some("ValidationException")
    );
    assert!(json_of(&invalid)["message"].is_string());
}

#[test]
fn sts_assume_role_into_an_account_create_account_made() {
    let emulator = Emulator::new(1);
    let master = emulator.credentials(MASTER).unwrap();
    organizations(&emulator, &master.access_key_id, "CreateOrganization", "{}");
    let created = organizations(
        &emulator,
        &master.access_key_id,
        "CreateAccount",
        r#"{"Email": "new@example.com", "AccountName": "new"}"#,
    );
    let request_id = json_of(&created)["CreateAccountStatus"]["Id"]
        .as_str()
        .unwrap()
        .to_owned();
    // The next request sees it finished: each request is a second of virtual time.
    let status = organizations(
        &emulator,
        &master.access_key_id,
        "DescribeCreateAccountStatus",
        &json!({"CreateAccountRequestId": request_id}).to_string(),
    );
    let status = json_of(&status);
    assert_eq!(status["CreateAccountStatus"]["State"], "SUCCEEDED");
    let account = status["CreateAccountStatus"]["AccountId"]
        .as_str()
        .unwrap()
        .to_owned();

    let who = sts(
        &emulator,
        &master.access_key_id,
        None,
        "Action=GetCallerIdentity&Version=2011-06-15",
    );
    assert_eq!(who.status, 200);
    assert_eq!(xml_field(&who, "Account"), MASTER);
    assert_eq!(xml_field(&who, "Arn"), "arn:aws:iam::111111111111:root");

    let role_arn = format!("arn:aws:iam::{account}:role/OrganizationAccountAccessRole");
    let form = format!(
        "Action=AssumeRole&Version=2011-06-15&RoleArn={}&RoleSessionName=setup",
        role_arn.replace(':', "%3A").replace('/', "%2F")
    );
    let assumed = sts(&emulator, &master.access_key_id, None, &form);
    assert_eq!(
        assumed.status,
        200,
        "{}",
        String::from_utf8_lossy(&assumed.body)
    );
    let key = xml_field(&assumed, "AccessKeyId").to_owned();
    let token = xml_field(&assumed, "SessionToken").to_owned();
    assert_eq!(
        xml_field(&assumed, "Arn"),
        format!("arn:aws:sts::{account}:assumed-role/OrganizationAccountAccessRole/setup")
    );
    // The temporary credentials act as the member.
    let who = sts(&emulator, &key, Some(&token), "Action=GetCallerIdentity");
    assert_eq!(xml_field(&who, "Account"), account);
    assert_eq!(
        emulator.identity_of(
            &[
                ("Authorization", &authorization(&key, "sts")),
                ("X-Amz-Security-Token", &token)
            ],
            ""
        ),
        Identity::AssumedRole {
            account: account.clone(),
            role: "OrganizationAccountAccessRole".into(),
            session: "setup".into()
        }
    );
    let org = organizations(&emulator, &key, "DescribeOrganization", "{}");
    assert_eq!(json_of(&org)["Organization"]["MasterAccountId"], MASTER);

    // Anyone else is refused, and so is a role CreateAccount did not make.
    let other = emulator.credentials("999999999999").unwrap();
    let denied = sts(&emulator, &other.access_key_id, None, &form);
    assert_eq!(denied.status, 403);
    assert_eq!(xml_field(&denied, "Code"), "AccessDenied");
    let with_path = form.replace("role%2F", "role%2Fteam%2F");
    assert_eq!(
        sts(&emulator, &master.access_key_id, None, &with_path).status,
        403
    );
    let wrong_role = form.replace("OrganizationAccountAccessRole", "Admin");
    assert_eq!(
        sts(&emulator, &master.access_key_id, None, &wrong_role).status,
        403
    );
    let bad_session = form.replace("setup", "x");
    assert_eq!(
        xml_field(
            &sts(&emulator, &master.access_key_id, None, &bad_session),
            "Code"
        ),
        "ValidationError"
    );
    assert_eq!(
        xml_field(
            &sts(
                &emulator,
                &master.access_key_id,
                None,
                "Action=GetSessionToken"
            ),
            "Code"
        ),
        "InvalidAction"
    );
}

#[test]
fn reviewed_edge_cases_of_targets_escapes_and_xml() {
    let emulator = Emulator::new(1);
    let key = "AKIAIOSFODNN7EXAMPLE";
    // A query value holding a URL does not make the target a URL.
    let listed = rest(&emulator, key, "GET", "/accounts?name=http://x/y", "");
    assert_eq!(
        listed.status,
        200,
        "{}",
        String::from_utf8_lossy(&listed.body)
    );
    // `%+9` is no escape: the pair does not decode and is dropped.
    let signed = rest(&emulator, key, "GET", "/accounts?max-results=%+9", "");
    assert_eq!(signed.status, 200);
    // Control characters a request echoes come back as U+FFFD: the XML stays well formed.
    let odd = sts(&emulator, key, None, "Action=%01x");
    let text = String::from_utf8(odd.body.clone()).unwrap();
    assert!(
        text.contains("Could not find operation \u{fffd}x"),
        "{text}"
    );
    assert!(!text.contains('\u{1}'));
    // A session longer than the role's MaxSessionDuration is refused.
    let long = sts(
        &emulator,
        key,
        None,
        "Action=AssumeRole&RoleArn=arn%3Aaws%3Aiam%3A%3A222222222222%3Arole%2FR&RoleSessionName=ab&DurationSeconds=7200",
    );
    assert_eq!(xml_field(&long, "Code"), "ValidationError");
}

#[test]
fn default_caller_and_credentials_are_checked() {
    let emulator = Emulator::new(1);
    assert_eq!(emulator.default_caller(), "111111111111");
    emulator.set_default_caller("444444444444").unwrap();
    assert_eq!(emulator.default_caller(), "444444444444");
    assert_eq!(
        emulator.set_default_caller("nope").unwrap_err().code(),
        "INVALID_CALLER"
    );
    assert_eq!(
        emulator.credentials("12").unwrap_err().code(),
        "INVALID_CALLER"
    );
    assert_eq!(
        emulator.identity_of(&[], ""),
        Identity::Account("444444444444".into())
    );
}

#[cfg(feature = "server")]
#[test]
fn the_server_answers_over_loopback_with_keep_alive() {
    use std::io::{BufRead, BufReader, Read, Write};
    use std::sync::Arc;

    let emulator = Arc::new(Emulator::new(1));
    let server = orgkit::server::Server::start(Arc::clone(&emulator), "127.0.0.1:0").unwrap();
    let mut stream = std::net::TcpStream::connect(server.local_addr()).unwrap();
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    for _ in 0..3 {
        let body = "{}";
        write!(
            stream,
            "POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: AWSOrganizationsV20161128.DescribeOrganization\r\n\
             Content-Type: application/x-amz-json-1.1\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        )
        .unwrap();
        let mut status = String::new();
        reader.read_line(&mut status).unwrap();
        assert!(status.starts_with("HTTP/1.1 400"), "{status}");
        let mut length = 0;
        loop {
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            if line == "\r\n" {
                break;
            }
            if let Some(value) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                length = value.trim().parse().unwrap();
            }
        }
        let mut body = vec![0; length];
        reader.read_exact(&mut body).unwrap();
        let body: Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(body["__type"], "AWSOrganizationsNotInUseException");
    }
    let remote = orgkit::server::Server::start(Arc::clone(&emulator), "8.8.8.8:80").unwrap_err();
    assert_eq!(remote.code(), "INVALID_ADDRESS");
    assert!(!remote.message().starts_with("INVALID_ADDRESS"));
    let named = orgkit::server::Server::start(Arc::clone(&emulator), "localhost:0").unwrap();
    assert!(named.local_addr().ip().is_loopback());
    named.stop();
    server.stop();
}

#[cfg(feature = "server")]
fn raw_exchange(server: &orgkit::server::Server, request: &[u8]) -> String {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(server.local_addr()).unwrap();
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(20)))
        .unwrap();
    // The server may answer and close before the whole request is written.
    let _ = stream.write_all(request);
    let _ = stream.shutdown(std::net::Shutdown::Write);
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    String::from_utf8_lossy(&answer).into_owned()
}

#[cfg(feature = "server")]
#[test]
fn the_server_refuses_oversized_and_broken_bodies_without_running_them() {
    use std::sync::Arc;

    let emulator = Arc::new(Emulator::new(1));
    let server = orgkit::server::Server::start(Arc::clone(&emulator), "127.0.0.1:0").unwrap();
    let before = emulator.export();

    let mut huge = format!(
        "POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: AWSOrganizationsV20161128.CreateOrganization\r\n\
         Content-Type: application/x-amz-json-1.1\r\nContent-Length: {}\r\n\r\n",
        MAX_REQUEST_BODY + 1
    )
    .into_bytes();
    huge.extend(std::iter::repeat_n(b' ', MAX_REQUEST_BODY + 1));
    let answer = raw_exchange(&server, &huge);
    assert!(
        answer.starts_with("HTTP/1.1 413"),
        "{}",
        &answer[..answer.len().min(200)]
    );
    assert!(answer.contains("RequestEntityTooLargeException"));

    // Chunked framing that breaks off: 400, and the operation never ran.
    let broken = b"POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: AWSOrganizationsV20161128.CreateOrganization\r\n\
        Content-Type: application/x-amz-json-1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n";
    let answer = raw_exchange(&server, broken);
    assert!(answer.starts_with("HTTP/1.1 400"), "{answer}");
    assert_eq!(emulator.export(), before, "nothing ran");
    server.stop();
}
