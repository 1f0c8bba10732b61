//! The golden parameters fixture against a server on 127.0.0.1: path parameters that are
//! arrays, header parameters that are arrays, enums and objects, byte for byte as sent.

use clientgen_tests::{MockServer, Reply};
use golden_parameters::types::{LabelRunsParams, LabelRunsXLimits, Priority, Scope, Status};
use golden_parameters::Client;

/// What `labelRuns` sent: its request line and the headers it sets.
async fn sent(ids: &[i64], names: &[&str], scope: Scope, params: &LabelRunsParams) -> (String, [Option<String>; 4]) {
    let server = MockServer::start(|_| Reply::empty(204)).await;
    let client = Client::builder().base_url(server.url()).build().unwrap();
    let names: Vec<String> = names.iter().map(|n| n.to_string()).collect();
    let tags = ["a b".to_owned(), "c".to_owned()];
    client.label_runs(ids, &names, &tags, Priority::RightNow, scope, params).await.unwrap();
    let request = &server.requests()[0];
    let header = |name: &str| request.header(name).map(str::to_owned);
    (request.line(), [header("x-tags"), header("x-priority"), header("x-scope"), header("x-limits")])
}

#[tokio::test]
async fn array_path_parameters_are_their_items_each_encoded_and_joined_by_commas() {
    let scope = || Scope::new("core");
    let cases: [(&[i64], &[&str], &str); 3] = [
        (&[1, 2], &["x"], "PUT /runs/1,2/labels/x"),
        // The comma between items stays a separator; one inside an item is escaped.
        (&[7], &["a,b", "c d", "é/f"], "PUT /runs/7/labels/a%2Cb,c%20d,%C3%A9%2Ff"),
        (&[-3, 0], &["", ""], "PUT /runs/-3,0/labels/,"),
    ];
    for (ids, names, line) in cases {
        assert_eq!(sent(ids, names, scope(), &LabelRunsParams::default()).await.0, line);
    }
}

#[tokio::test]
async fn an_empty_array_or_a_dot_segment_is_refused_before_sending() {
    let server = MockServer::start(|_| Reply::empty(204)).await;
    let client = Client::builder().base_url(server.url()).build().unwrap();
    let params = LabelRunsParams::default();
    for (ids, names) in [(&[][..], &["x".to_owned()][..]), (&[1][..], &["..".to_owned()][..])] {
        let err = client.label_runs(ids, names, &[], Priority::Low, Scope::new("t"), &params).await.unwrap_err();
        assert!(matches!(err, clientgen_runtime::Error::InvalidRequest { .. }), "{err:?}");
    }
    assert!(server.requests().is_empty());
}

#[tokio::test]
async fn header_arrays_enums_and_objects_in_simple_style() {
    let mut scope = Scope::new("core");
    scope.region = Some("eu west".into());
    let params = LabelRunsParams { x_limits: Some(LabelRunsXLimits { burst: Some(5), status: Some(Status::Done) }) };
    let (_, headers) = sent(&[1], &["x"], scope, &params).await;
    let expected = ["a b,c", "right-now", "team,core,region,eu west", "burst=5,status=done"];
    assert_eq!(headers, expected.map(|h| Some(h.to_owned())));
    // Absent fields are left out, and an absent optional header is not sent.
    let (_, headers) = sent(&[1], &["x"], Scope::new("core"), &LabelRunsParams::default()).await;
    assert_eq!(headers[2..], [Some("team,core".to_owned()), None]);
}

#[tokio::test]
async fn an_error_body_that_is_a_map_of_a_component_decodes_as_one() {
    use golden_parameters::types::Problem;
    let body = serde_json::json!({ "X-Scope": { "message": "unknown team" } });
    let server = MockServer::start(move |_| Reply::json(400, body.clone())).await;
    let client = Client::builder().base_url(server.url()).build().unwrap();
    let err = client.label_runs(&[1], &["x".into()], &[], Priority::Low, Scope::new("t"), &Default::default()).await;
    match err.unwrap_err() {
        clientgen_runtime::Error::Api(err) => {
            let problems = err.body.expect("the body decodes");
            assert_eq!(problems["X-Scope"], Problem { message: Some("unknown team".into()) });
        }
        other => panic!("expected the API's error, got {other:?}"),
    }
}
