//! The mock Zoom API: canned answers chosen by method and path, shaped like Zoom's examples.

use clientgen_tests::Reply;
use serde_json::{json, Value};

use super::*;

/// Answers like Zoom would: `204` without a body for every PUT, PATCH and DELETE of these
/// operations, `200` with JSON for GET and `201` with JSON for POST, chosen by path.
pub(super) fn zoom_api(request: &Recorded) -> Reply {
    let path = request.path.strip_prefix("/v2/").unwrap_or(&request.path);
    let route: Vec<&str> = path.split('/').collect();
    let body = match request.method.as_str() {
        "PUT" | "PATCH" | "DELETE" => return Reply::empty(204),
        "GET" => get_response(&route),
        "POST" => post_response(&route),
        _ => None,
    };
    match body {
        Some(body) => Reply::json(if request.method == "POST" { 201 } else { 200 }, body),
        None => no_route(request),
    }
}

fn get_response(route: &[&str]) -> Option<Value> {
    Some(match route {
        // Meetings
        ["users", _, "meetings"] => json!({
            "page_size": 30,
            "total_records": 1,
            "next_page_token": "",
            "meetings": [{
                "id": MEETING_ID,
                "uuid": "aDYlohsHRtCd4ii1uC2+hA==",
                "host_id": "z8yBXksmRJuBQl6Y1r1kYg",
                "topic": "Weekly sync",
                "type": 8,
                "start_time": "2025-03-04T15:00:00Z",
                "duration": 45,
                "timezone": "America/Los_Angeles",
                "join_url": "https://example.com/j/85746065432"
            }]
        }),
        ["users", _, "meeting_templates"] => json!({
            "total_records": 1,
            "templates": [{ "id": "AdxbhxCzKgSiWAw", "name": "Weekly sync", "type": 1 }]
        }),
        ["meetings", _] => json!({
            "id": MEETING_ID,
            "uuid": "aDYlohsHRtCd4ii1uC2+hA==",
            "host_id": "z8yBXksmRJuBQl6Y1r1kYg",
            "host_email": "jchill@example.com",
            "topic": "Weekly sync",
            "type": 8,
            "status": "waiting",
            "pmi": "97891943927",
            "password": "a1B2c3",
            "start_time": "2025-03-04T15:00:00Z",
            "timezone": "America/Los_Angeles",
            "recurrence": { "type": 2, "repeat_interval": 1, "weekly_days": "2,4", "end_times": 6 },
            "occurrences": [{ "occurrence_id": OCCURRENCE_ID, "start_time": "2025-03-04T15:00:00Z", "duration": 45, "status": "available" }],
            "settings": { "mute_upon_entry": false, "waiting_room": true }
        }),
        ["meetings", _, "polls"] | ["webinars", _, "polls"] => json!({ "total_records": 1, "polls": [poll_info()] }),
        ["meetings", _, "polls", _] | ["webinars", _, "polls", _] => poll_info(),
        ["meetings", _, "livestream"] | ["webinars", _, "livestream"] => json!({
            "stream_url": "rtmp://live.example.com/app",
            "stream_key": "contact-ic@example.com",
            "page_url": "https://example.com/livestream/123"
        }),
        ["meetings", _, "registrants"] | ["webinars", _, "registrants"] | ["past_webinars", _, "absentees"] => json!({
            "page_size": 30,
            "total_records": 1,
            "next_page_token": "w7587w4eiyfsudgf",
            "registrants": [{
                "id": REGISTRANT_ID,
                "email": "jchill@example.com",
                "first_name": "Jill",
                "last_name": "Chill",
                "status": "approved",
                "create_time": "2025-02-22T05:59:09Z",
                "join_url": "https://example.com/j/11111",
                "custom_questions": [{ "title": "Favorite thing about Zoom", "value": "Meet Happy" }]
            }]
        }),
        ["meetings", _, "registrants", "questions"] => json!({
            "questions": [{ "field_name": "address", "required": true }],
            "custom_questions": [{ "title": "How did you hear about us?", "type": "single", "required": false, "answers": ["Email", "Web"] }]
        }),
        ["meetings", _, "registrants", _] => json!({
            "id": REGISTRANT_ID,
            "email": "jchill@example.com",
            "first_name": "Jill",
            "last_name": "Chill",
            "status": "approved",
            "create_time": "2025-02-22T05:59:09Z",
            "join_url": "https://example.com/j/11111"
        }),
        ["meetings", _, "token"] | ["webinars", _, "token"] => {
            json!({ "token": "https://closedcaption.example.com/closedcaption?id=200610693&ns=GZHkEA==&expire=86400" })
        }
        ["meetings", _, "survey"] => json!({
            "show_in_the_browser": true,
            "custom_survey": { "anonymous": true, "questions": [{ "name": "How was it?", "type": "rating_scale", "rating_min_value": 1, "rating_max_value": 5 }] }
        }),
        ["meetings", _, "invitation"] => json!({
            "invitation": "Jill Chill is inviting you to a scheduled Zoom meeting.\r\n\r\nJoin Zoom Meeting\r\nhttps://example.com/j/85746065432",
            "sip_links": ["85746065432@zoomcrc.com"]
        }),
        ["past_meetings", _, "instances"] => {
            json!({ "meetings": [{ "uuid": "Bznyg8KZTdCVbQxvS/oZ7w==", "start_time": "2025-02-25T15:00:00Z" }] })
        }

        // Webinars
        ["users", _, "webinars"] => json!({
            "page_size": 30,
            "page_number": 1,
            "page_count": 1,
            "total_records": 1,
            "webinars": [{ "id": WEBINAR_ID, "uuid": "tPq7XyvVQv6q6ld1Yf1xTQ==", "topic": "Product launch", "type": 9, "duration": 60 }]
        }),
        ["users", _, "webinar_templates"] => {
            json!({ "total_records": 1, "templates": [{ "id": "WbxbhxCzKgSiWAw", "name": "Launch webinar" }] })
        }
        ["webinars", _] => json!({
            "id": WEBINAR_ID,
            "uuid": "tPq7XyvVQv6q6ld1Yf1xTQ==",
            "host_id": "z8yBXksmRJuBQl6Y1r1kYg",
            "topic": "Product launch",
            "type": 9,
            "start_time": "2025-04-01T17:00:00Z",
            "duration": 60,
            "recurrence": { "type": 2, "repeat_interval": 1, "weekly_days": "2,4", "end_times": 4 },
            "settings": { "question_and_answer": { "enable": true, "answer_questions": "all" }, "on_demand": false }
        }),
        ["webinars", _, "branding"] => json!({
            "wallpaper": { "id": "wp1" },
            "virtual_backgrounds": [{ "id": VB_ID, "name": "launch.png", "is_default": true }],
            "name_tags": [{ "id": NAME_TAG_ID, "name": "Speaker", "text_color": "0E72ED", "accent_color": "0E72ED", "background_color": "FFFFFF", "is_default": true }]
        }),
        ["webinars", _, "registrants", "questions"] => json!({
            "questions": [{ "field_name": "org", "required": true }],
            "custom_questions": [{ "title": "Which product do you use?", "type": "single_dropdown", "required": true, "answers": ["Meetings", "Phone"] }]
        }),
        ["webinars", _, "registrants", _] => json!({
            "id": REGISTRANT_ID,
            "email": "jchill@example.com",
            "first_name": "Jill",
            "status": "approved",
            "language": "en-US",
            "join_url": "https://example.com/w/11111"
        }),
        ["webinars", _, "tracking_sources"] => json!({
            "total_records": 1,
            "tracking_sources": [{ "id": "5516482804", "source_name": "Newsletter", "tracking_url": "https://example.com/w/99289110036?ts=5516482804", "registration_count": 12, "visitor_count": 40 }]
        }),
        ["webinars", _, "panelists"] => json!({
            "total_records": 1,
            "panelists": [{ "id": PANELIST_ID, "email": "ajchill@example.com", "name": "Al Chill", "join_url": "https://example.com/w/99289110036?tk=abc" }]
        }),
        ["webinars", _, "survey"] => json!({
            "show_in_the_browser": false,
            "show_in_the_follow_up_email": true,
            "third_party_survey": "https://example.com/survey"
        }),
        ["past_webinars", _, "instances"] => {
            json!({ "webinars": [{ "uuid": "tPq7XyvVQv6q6ld1Yf1xTQ==", "start_time": "2025-03-25T17:00:00Z" }] })
        }
        _ => return None,
    })
}

fn post_response(route: &[&str]) -> Option<Value> {
    Some(match route {
        // Meetings
        ["users", _, "meetings"] => json!({
            "id": MEETING_ID,
            "host_email": "jchill@example.com",
            "topic": "Weekly sync",
            "type": 8,
            "start_time": "2025-03-03T15:00:00Z",
            "duration": 45,
            "timezone": "America/Los_Angeles",
            "created_at": "2025-02-20T10:00:00Z",
            "join_url": "https://example.com/j/85746065432",
            "start_url": "https://example.com/s/85746065432?zak=xxx",
            "password": "a1B2c3",
            "occurrences": [{ "occurrence_id": OCCURRENCE_ID, "start_time": "2025-03-04T15:00:00Z", "duration": 45, "status": "available" }],
            "settings": {
                "waiting_room": true,
                "global_dial_in_numbers": [{ "country": "US", "country_name": "US", "number": "+1 6465588656", "type": "toll" }]
            }
        }),
        ["users", _, "meeting_templates"] => json!({ "id": "AdxbhxCzKgSiWAw", "name": "Weekly sync" }),
        ["users", _, "webinar_templates"] => json!({ "id": "WbxbhxCzKgSiWAw", "name": "Launch webinar" }),
        ["meetings", _, "registrants"] => json!({
            "id": MEETING_ID,
            "registrant_id": REGISTRANT_ID,
            "join_url": "https://example.com/j/11111",
            "topic": "Weekly sync",
            "start_time": "2025-03-04T15:00:00Z",
            "occurrences": [{ "occurrence_id": OCCURRENCE_ID, "start_time": "2025-03-04T15:00:00Z", "duration": 45, "status": "available" }]
        }),
        ["meetings", _, "batch_registrants"] | ["webinars", _, "batch_registrants"] => json!({
            "registrants": [
                { "email": "jchill@example.com", "registrant_id": REGISTRANT_ID, "join_url": "https://example.com/j/11111" },
                { "email": "ajchill@example.com", "registrant_id": "abc2", "join_url": "https://example.com/j/22222" }
            ]
        }),
        ["meetings", _, "polls"] | ["webinars", _, "polls"] => poll_info(),
        ["meetings", _, "batch_polls"] => json!({
            "polls": [{ "id": "poll-b1", "title": "Quick quiz", "status": "notstart", "anonymous": false, "poll_type": 3,
                        "questions": [{ "name": "2 + 2?", "type": "single", "answers": ["3", "4"], "right_answers": ["4"] }] }]
        }),
        ["meetings", _, "invite_links"] | ["webinars", _, "invite_links"] => {
            json!({ "attendees": [{ "name": "Jill Chill", "join_url": "https://example.com/j/85746065432?tk=xyz" }] })
        }

        // Webinars
        ["users", _, "webinars"] => json!({
            "id": WEBINAR_ID,
            "uuid": "tPq7XyvVQv6q6ld1Yf1xTQ==",
            "host_id": "z8yBXksmRJuBQl6Y1r1kYg",
            "host_email": "jchill@example.com",
            "topic": "Product launch",
            "type": 9,
            "start_time": "2025-04-01T17:00:00Z",
            "duration": 60,
            "join_url": "https://example.com/w/99289110036",
            "start_url": "https://example.com/s/99289110036?zak=xxx",
            "registrants_confirmation_email": true
        }),
        // Zoom's response carries `id`, the webinar's numeric ID.
        ["webinars", _, "registrants"] => json!({
            "id": 92_674_392_836_i64,
            "registrant_id": REGISTRANT_ID,
            "join_url": "https://example.com/w/11111",
            "topic": "Product launch",
            "start_time": "2025-04-01T17:00:00Z"
        }),
        ["webinars", _, "panelists"] => json!({ "id": "99289110036", "updated_at": "2025-02-20T10:00:00Z" }),
        ["webinars", _, "branding", "name_tags"] => json!({
            "id": NAME_TAG_ID,
            "name": "Speaker",
            "text_color": "0E72ED",
            "accent_color": "0E72ED",
            "background_color": "FFFFFF",
            "is_default": true
        }),
        ["webinars", _, "branding", "virtual_backgrounds"] => {
            json!({ "id": VB_ID, "name": "launch.png", "type": "image", "size": 7, "is_default": true })
        }
        ["webinars", _, "branding", "wallpaper"] => {
            json!({ "id": "wp1", "name": "wallpaper.png", "type": "image", "size": 7 })
        }
        _ => return None,
    })
}

fn poll_info() -> Value {
    json!({
        "id": POLL_ID,
        "status": "notstart",
        "title": "Learn something new",
        "anonymous": false,
        "poll_type": 2,
        "questions": [{ "name": "How useful was this meeting?", "type": "single", "answers": ["Very", "Somewhat"], "right_answers": ["Very"] }]
    })
}
