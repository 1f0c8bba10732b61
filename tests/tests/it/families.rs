//! A spec split into families (tests/fixtures/families): the crate built with every feature, a
//! list paged by number streamed across its pages, and a client acting for a sub-account.

use clientgen_tests::{MockServer, Recorded, Reply};
use golden_families::types::{ListPetsParams, Tag};
use golden_families::Client;
use serde_json::json;

/// Pets `P1`..`P5`, two a page: page `n` of 3, from the `page_number` the request asks for.
fn three_pages(request: &Recorded) -> Reply {
    let page: i32 =
        request.query.split('&').find_map(|kv| kv.strip_prefix("page_number=")).map_or(1, |n| n.parse().unwrap());
    let pets: Vec<_> =
        (1..=2).map(|i| (page - 1) * 2 + i).filter(|&n| n <= 5).map(|n| json!({ "name": format!("P{n}") })).collect();
    Reply::json(200, json!({ "page_number": page, "page_count": 3, "pets": pets }))
}

#[tokio::test]
async fn a_list_paged_by_number_streams_every_page_up_to_the_page_count() {
    let server = MockServer::start(three_pages).await;
    let client = Client::builder().base_url(server.url()).bearer_token("t").build().unwrap();
    let fields = vec!["name".to_owned(), "tags".to_owned()];
    let params = ListPetsParams { page_size: Some(2), x_fields: Some(fields), ..Default::default() };
    let mut stream = client.pets().list_pets_stream(&params);
    let mut names = Vec::new();
    while let Some(pet) = stream.next().await {
        names.push(pet.unwrap().name.unwrap());
    }
    assert_eq!(names, ["P1", "P2", "P3", "P4", "P5"]);
    let requests = server.requests();
    assert!(requests.iter().all(|r| r.header("x-fields") == Some("name,tags")), "an array header is comma-separated");
    let lines: Vec<String> = requests.iter().map(Recorded::line).collect();
    assert_eq!(
        lines,
        ["GET /pets?page_size=2", "GET /pets?page_number=2&page_size=2", "GET /pets?page_number=3&page_size=2"]
    );
}

#[tokio::test]
async fn a_page_that_gives_no_page_count_is_the_last() {
    let server = MockServer::start(|_| Reply::json(200, json!({ "page_number": 1, "pets": [{ "name": "P1" }] }))).await;
    let client = Client::builder().base_url(server.url()).bearer_token("t").build().unwrap();
    let mut stream = client.pets().list_pets_stream(&ListPetsParams::default());
    let mut count = 0;
    while let Some(pet) = stream.next().await {
        pet.unwrap();
        count += 1;
    }
    assert_eq!((count, server.requests().len()), (1, 1));
}

#[tokio::test]
async fn a_sub_account_client_prefixes_the_operations_served_for_a_sub_account_and_refuses_the_others() {
    let server = MockServer::start(|_| Reply::json(200, json!({ "name": "Rex" }))).await;
    let client = Client::builder().base_url(server.url()).bearer_token("t").build().unwrap();

    let pet = client.sub_account("sub 1/2").pets().get_pet("p1").await.unwrap();
    assert_eq!(pet.name.as_deref(), Some("Rex"));
    client.pets().get_pet("p1").await.unwrap();
    let lines: Vec<String> = server.requests().iter().map(Recorded::line).collect();
    assert_eq!(lines, ["GET /accounts/sub%201%2F2/pets/p1", "GET /pets/p1"], "the id is one segment");

    // Not served for a sub-account: sent to the master account it would act for the wrong one.
    let tags = [Tag { name: Some("red".into()) }];
    let refused = client.sub_account("sub1").stores().set_store_tags("s1", &tags).await.unwrap_err();
    assert!(matches!(&refused, golden_families::Error::InvalidRequest { .. }), "{refused:?}");
    assert!(refused.to_string().contains("setStoreTags"), "{refused}");
    let bad_id = client.sub_account("..").pets().get_pet("p1").await.unwrap_err();
    assert!(matches!(&bad_id, golden_families::Error::InvalidRequest { .. }), "{bad_id:?}");
    assert_eq!(server.requests().len(), 2, "refused requests are never sent");
}
