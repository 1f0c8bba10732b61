//! Request bodies that the Meetings and Webinars rows share, with the JSON each must become.

use clientgen_runtime::FilePart;
use serde_json::{json, Value};
use zoom::types::*;

pub(super) fn new_poll() -> Poll {
    Poll {
        title: Some("Learn something new".into()),
        anonymous: Some(false),
        poll_type: Some(PollType::AdvancedPoll),
        questions: Some(vec![
            PollQuestion {
                name: Some("How useful was this meeting?".into()),
                type_: Some(PollQuestionType::Single),
                answers: Some(vec!["Very".into(), "Somewhat".into()]),
                right_answers: Some(vec!["Very".into()]),
                ..Default::default()
            },
            PollQuestion {
                name: Some("Match the products".into()),
                type_: Some(PollQuestionType::Matching),
                answer_required: Some(true),
                answers: Some(vec!["Video".into(), "Voice".into()]),
                prompts: Some(vec![PollQuestionPrompt {
                    prompt_question: Some("Meetings".into()),
                    prompt_right_answers: Some(vec!["Video".into()]),
                }]),
                ..Default::default()
            },
        ]),
    }
}

pub(super) fn new_poll_json() -> Value {
    json!({
        "title": "Learn something new",
        "anonymous": false,
        "poll_type": 2,
        "questions": [
            { "name": "How useful was this meeting?", "type": "single", "answers": ["Very", "Somewhat"], "right_answers": ["Very"] },
            {
                "name": "Match the products",
                "type": "matching",
                "answer_required": true,
                "answers": ["Video", "Voice"],
                "prompts": [{ "prompt_question": "Meetings", "prompt_right_answers": ["Video"] }]
            }
        ]
    })
}

pub(super) fn rating_poll() -> Poll {
    Poll {
        title: Some("Rate the session".into()),
        questions: Some(vec![PollQuestion {
            name: Some("Overall".into()),
            type_: Some(PollQuestionType::RatingScale),
            rating_min_value: Some(1),
            rating_max_value: Some(5),
            rating_min_label: Some("Poor".into()),
            rating_max_label: Some("Great".into()),
            ..Default::default()
        }]),
        ..Default::default()
    }
}

pub(super) fn rating_poll_json() -> Value {
    json!({
        "title": "Rate the session",
        "questions": [{
            "name": "Overall",
            "type": "rating_scale",
            "rating_min_value": 1,
            "rating_max_value": 5,
            "rating_min_label": "Poor",
            "rating_max_label": "Great"
        }]
    })
}

pub(super) fn batch_registrants() -> BatchRegistrationRequest {
    BatchRegistrationRequest {
        auto_approve: Some(true),
        registrants: Some(vec![
            BatchRegistrant {
                email: "jchill@example.com".into(),
                first_name: "Jill".into(),
                last_name: Some("Chill".into()),
            },
            BatchRegistrant { email: "ajchill@example.com".into(), first_name: "Al".into(), last_name: None },
        ]),
    }
}

pub(super) fn batch_registrants_json() -> Value {
    json!({
        "auto_approve": true,
        "registrants": [
            { "email": "jchill@example.com", "first_name": "Jill", "last_name": "Chill" },
            { "email": "ajchill@example.com", "first_name": "Al" }
        ]
    })
}

pub(super) fn invite_link() -> InviteLink {
    InviteLink { attendees: Some(vec![InviteLinkAttendee::new("Jill Chill")]), ttl: Some(7200) }
}

pub(super) fn png(file_name: &str) -> FilePart {
    FilePart::new(file_name, PNG).with_content_type("image/png")
}

pub(super) const PNG: &[u8] = &[0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a];
