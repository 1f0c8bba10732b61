//! One row per operation of `specs/zoom/webinars.yaml`.

use serde_json::json;

use super::bodies::*;
use super::*;

pub(super) fn rows() -> Vec<Row> {
    let mut rows = scheduling_and_registrants();
    rows.extend(panelists_polls_surveys_and_streams());
    rows.extend(webinar_branding::rows());
    rows.extend(past_and_deletion());
    rows
}

fn scheduling_and_registrants() -> Vec<Row> {
    vec![
        // Scheduling
        row(
            |c| {
                let create = WebinarCreateRequest {
                    topic: Some("Product launch".into()),
                    type_: Some(WebinarType::RecurringFixedTime),
                    start_time: Some("2025-04-01T17:00:00Z".into()),
                    duration: Some(60),
                    timezone: Some("UTC".into()),
                    password: Some("L4unch!".into()),
                    recurrence: Some(Recurrence {
                        repeat_interval: Some(1),
                        weekly_days: Some("2,4".into()),
                        end_times: Some(4),
                        ..Recurrence::new(RecurrenceType::Weekly)
                    }),
                    settings: Some(WebinarSettings {
                        host_video: Some(true),
                        panelists_video: Some(true),
                        approval_type: Some(ApprovalType::Automatically),
                        question_and_answer: Some(WebinarQuestionAndAnswer {
                            enable: Some(true),
                            allow_anonymous_questions: Some(false),
                            answer_questions: Some(WebinarQuestionVisibility::All),
                            ..Default::default()
                        }),
                        attendees_and_panelists_reminder_email_notification: Some(WebinarReminderEmailNotification {
                            enable: Some(true),
                            type_: Some(WebinarReminderTiming::OneHourBefore),
                        }),
                        ..Default::default()
                    }),
                    tracking_fields: Some(vec![TrackingField {
                        value: Some("Q2".into()),
                        ..TrackingField::new("Campaign")
                    }]),
                    ..Default::default()
                };
                c.webinars().webinar_create("me", &create)
            },
            "POST /v2/users/me/webinars",
            Sent::Json(json!({
                "topic": "Product launch",
                "type": 9,
                "start_time": "2025-04-01T17:00:00Z",
                "duration": 60,
                "timezone": "UTC",
                "password": "L4unch!",
                "recurrence": { "type": 2, "repeat_interval": 1, "weekly_days": "2,4", "end_times": 4 },
                "settings": {
                    "host_video": true,
                    "panelists_video": true,
                    "approval_type": 0,
                    "question_and_answer": { "enable": true, "allow_anonymous_questions": false, "answer_questions": "all" },
                    "attendees_and_panelists_reminder_email_notification": { "enable": true, "type": 1 }
                },
                "tracking_fields": [{ "field": "Campaign", "value": "Q2" }]
            })),
            |created| {
                assert_eq!((created.id, created.type_), (Some(WEBINAR_ID), Some(WebinarType::RecurringFixedTime)));
                assert_eq!(created.registrants_confirmation_email, Some(true));
            },
        ),
        row(
            |c| {
                let params =
                    WebinarParams { occurrence_id: Some(OCCURRENCE_ID.into()), show_previous_occurrences: Some(false) };
                c.webinars().webinar("99289110036", &params)
            },
            "GET /v2/webinars/99289110036?occurrence_id=1648194360000&show_previous_occurrences=false",
            Sent::Nothing,
            |webinar| {
                assert_eq!(webinar.type_, Some(WebinarType::RecurringFixedTime));
                assert_eq!(webinar.recurrence.unwrap().weekly_days.as_deref(), Some("2,4"));
                let qa = webinar.settings.unwrap().question_and_answer.unwrap();
                assert_eq!(qa.answer_questions, Some(WebinarQuestionVisibility::All));
            },
        ),
        row(
            |c| {
                let params = WebinarsParams {
                    type_: Some(WebinarListType::Upcoming),
                    page_size: Some(30),
                    page_number: Some(1),
                };
                c.webinars().webinars("me", &params)
            },
            "GET /v2/users/me/webinars?type=upcoming&page_size=30&page_number=1",
            Sent::Nothing,
            |list| assert_eq!(list.webinars.as_ref().unwrap()[0].id, Some(WEBINAR_ID)),
        ),
        row(
            |c| {
                let update = WebinarUpdate {
                    agenda: Some("Launch agenda".into()),
                    settings: Some(WebinarSettings {
                        on_demand: Some(true),
                        practice_session: Some(true),
                        follow_up_attendees_email_notification: Some(WebinarFollowUpEmailNotification {
                            enable: Some(true),
                            type_: Some(WebinarFollowUpTiming::TwoDaysAfter),
                        }),
                        ..Default::default()
                    }),
                    ..Default::default()
                };
                let params = WebinarUpdateParams { occurrence_id: Some(OCCURRENCE_ID.into()) };
                c.webinars().webinar_update(WEBINAR_ID, &update, &params)
            },
            "PATCH /v2/webinars/99289110036?occurrence_id=1648194360000",
            Sent::Json(json!({
                "agenda": "Launch agenda",
                "settings": {
                    "on_demand": true,
                    "practice_session": true,
                    "follow_up_attendees_email_notification": { "enable": true, "type": 2 }
                }
            })),
            no_body,
        ),
        row(
            |c| {
                let status = WebinarStatusRequest { action: Some(WebinarStatusRequestAction::End) };
                c.webinars().webinar_status(WEBINAR_ID, &status)
            },
            "PUT /v2/webinars/99289110036/status",
            Sent::Json(json!({ "action": "end" })),
            no_body,
        ),
        // Templates
        row(
            |c| c.webinars().list_webinar_templates("me"),
            "GET /v2/users/me/webinar_templates",
            Sent::Nothing,
            |templates| assert_eq!(templates.templates.as_ref().unwrap()[0].name.as_deref(), Some("Launch webinar")),
        ),
        row(
            |c| {
                let template = WebinarTemplateCreateRequest {
                    webinar_id: Some(WEBINAR_ID),
                    name: Some("Launch webinar".into()),
                    save_recurrence: Some(false),
                    overwrite: Some(true),
                };
                c.webinars().webinar_template_create("me", &template)
            },
            "POST /v2/users/me/webinar_templates",
            Sent::Json(
                json!({ "webinar_id": 99289110036i64, "name": "Launch webinar", "save_recurrence": false, "overwrite": true }),
            ),
            |template| assert_eq!(template.id.as_deref(), Some("WbxbhxCzKgSiWAw")),
        ),
        // Registrants
        row(
            |c| {
                let registrant = WebinarRegistrantCreateRequest {
                    first_name: "Jill".into(),
                    last_name: Some("Chill".into()),
                    email: "jchill@example.com".into(),
                    address: Some("1 Main St".into()),
                    city: None,
                    state: Some("CA".into()),
                    zip: Some("95113".into()),
                    country: Some("US".into()),
                    phone: None,
                    comments: None,
                    custom_questions: Some(vec![CustomQuestion {
                        title: Some("Which product do you use?".into()),
                        value: Some("Meetings".into()),
                    }]),
                    industry: Some("Software".into()),
                    job_title: None,
                    no_of_employees: Some(NumberOfEmployees::From21To50),
                    org: Some("Example Inc".into()),
                    purchasing_time_frame: Some(PurchasingTimeFrame::OneToThreeMonths),
                    role_in_purchase_process: Some(RoleInPurchaseProcess::Influencer),
                    language: Some(RegistrantLanguage::DeDe),
                    source_id: Some("4816766181770".into()),
                };
                let params = WebinarRegistrantCreateParams { occurrence_ids: Some(OCCURRENCE_ID.into()) };
                c.webinars().webinar_registrant_create(WEBINAR_ID, &registrant, &params)
            },
            "POST /v2/webinars/99289110036/registrants?occurrence_ids=1648194360000",
            Sent::Json(json!({
                "first_name": "Jill",
                "last_name": "Chill",
                "email": "jchill@example.com",
                "address": "1 Main St",
                "state": "CA",
                "zip": "95113",
                "country": "US",
                "custom_questions": [{ "title": "Which product do you use?", "value": "Meetings" }],
                "industry": "Software",
                "no_of_employees": "21-50",
                "org": "Example Inc",
                "purchasing_time_frame": "1-3 months",
                "role_in_purchase_process": "Influencer",
                "language": "de-DE",
                "source_id": "4816766181770"
            })),
            |added| assert_eq!(added.registrant_id.as_deref(), Some(REGISTRANT_ID)),
        ),
        row(
            |c| c.webinars().add_batch_webinar_registrants(WEBINAR_ID, &batch_registrants()),
            "POST /v2/webinars/99289110036/batch_registrants",
            Sent::Json(batch_registrants_json()),
            |batch| assert_eq!(batch.registrants.as_ref().unwrap()[1].email.as_deref(), Some("ajchill@example.com")),
        ),
        row(
            |c| {
                let params = WebinarRegistrantsParams {
                    status: Some(RegistrantStatus::Approved),
                    tracking_source_id: Some("5516482804".into()),
                    page_size: Some(30),
                    ..Default::default()
                };
                c.webinars().webinar_registrants(WEBINAR_ID, &params)
            },
            "GET /v2/webinars/99289110036/registrants?status=approved&tracking_source_id=5516482804&page_size=30",
            Sent::Nothing,
            |registrants| assert_eq!(registrants.next_page_token.as_deref(), Some("w7587w4eiyfsudgf")),
        ),
        row(
            |c| {
                let params = WebinarRegistrantGetParams { occurrence_id: Some(OCCURRENCE_ID.into()) };
                c.webinars().webinar_registrant_get(WEBINAR_ID, REGISTRANT_ID, &params)
            },
            "GET /v2/webinars/99289110036/registrants/9tboDiHUQAeOnbmudzWa5g?occurrence_id=1648194360000",
            Sent::Nothing,
            |info| {
                assert_eq!(info.language, Some(RegistrantLanguage::EnUs));
                assert_eq!(info.status, Some(RegistrantStatus::Approved));
            },
        ),
        row(
            |c| {
                let status = RegistrantStatusRequest {
                    registrants: Some(vec![RegistrantRef { id: Some(REGISTRANT_ID.into()), email: None }]),
                    ..RegistrantStatusRequest::new(RegistrantStatusAction::Deny)
                };
                let params = WebinarRegistrantStatusParams { occurrence_id: Some(OCCURRENCE_ID.into()) };
                c.webinars().webinar_registrant_status(WEBINAR_ID, &status, &params)
            },
            "PUT /v2/webinars/99289110036/registrants/status?occurrence_id=1648194360000",
            Sent::Json(json!({ "action": "deny", "registrants": [{ "id": "9tboDiHUQAeOnbmudzWa5g" }] })),
            no_body,
        ),
        row(
            |c| c.webinars().webinar_registrants_questions_get(WEBINAR_ID),
            "GET /v2/webinars/99289110036/registrants/questions",
            Sent::Nothing,
            |questions| {
                assert_eq!(
                    questions.custom_questions.as_ref().unwrap()[0].type_,
                    Some(CustomQuestionType::SingleDropdown)
                );
            },
        ),
        row(
            |c| {
                let questions = RegistrationQuestions {
                    questions: Some(vec![
                        RegistrationQuestion {
                            field_name: Some(RegistrationQuestionFieldName::JobTitle),
                            required: Some(true),
                        },
                        RegistrationQuestion {
                            field_name: Some(RegistrationQuestionFieldName::Phone),
                            required: Some(false),
                        },
                    ]),
                    custom_questions: Some(vec![RegistrationCustomQuestion {
                        title: Some("Topics of interest".into()),
                        type_: Some(CustomQuestionType::Multiple),
                        required: Some(false),
                        answers: Some(vec!["Video".into(), "Phone".into()]),
                    }]),
                };
                c.webinars().webinar_registrant_question_update(WEBINAR_ID, &questions)
            },
            "PATCH /v2/webinars/99289110036/registrants/questions",
            Sent::Json(json!({
                "questions": [{ "field_name": "job_title", "required": true }, { "field_name": "phone", "required": false }],
                "custom_questions": [{ "title": "Topics of interest", "type": "multiple", "required": false, "answers": ["Video", "Phone"] }]
            })),
            no_body,
        ),
        row(
            |c| {
                let params = DeleteWebinarRegistrantParams { occurrence_id: Some(OCCURRENCE_ID.into()) };
                c.webinars().delete_webinar_registrant(WEBINAR_ID, REGISTRANT_ID, &params)
            },
            "DELETE /v2/webinars/99289110036/registrants/9tboDiHUQAeOnbmudzWa5g?occurrence_id=1648194360000",
            Sent::Nothing,
            no_body,
        ),
        row(
            |c| {
                let params = WebinarAbsenteesParams {
                    page_size: Some(30),
                    next_page_token: Some("abc".into()),
                    ..Default::default()
                };
                c.webinars().webinar_absentees(WEBINAR_UUID, &params)
            },
            "GET /v2/past_webinars/Bznyg8KZTdCVbQxvS%2FoZ7w%3D%3D/absentees?page_size=30&next_page_token=abc",
            Sent::Nothing,
            |absentees| assert_eq!(absentees.registrants.as_ref().unwrap()[0].first_name, "Jill"),
        ),
        row(
            |c| c.webinars().get_tracking_sources(WEBINAR_ID),
            "GET /v2/webinars/99289110036/tracking_sources",
            Sent::Nothing,
            |sources| assert_eq!(sources.tracking_sources.as_ref().unwrap()[0].registration_count, Some(12)),
        ),
    ]
}

fn panelists_polls_surveys_and_streams() -> Vec<Row> {
    vec![
        // Panelists
        row(
            |c| {
                let panelists = PanelistsAddRequest {
                    panelists: Some(vec![
                        PanelistInput {
                            name: Some("Al Chill".into()),
                            email: Some("ajchill@example.com".into()),
                            name_tag_id: Some(NAME_TAG_ID.into()),
                            name_tag_pronouns: Some("he/him".into()),
                            ..Default::default()
                        },
                        PanelistInput {
                            name: Some("Jo Chill".into()),
                            email: Some("jo@example.com".into()),
                            virtual_background_id: Some(VB_ID.into()),
                            ..Default::default()
                        },
                    ]),
                };
                c.webinars().webinar_panelist_create(WEBINAR_ID, &panelists)
            },
            "POST /v2/webinars/99289110036/panelists",
            Sent::Json(json!({
                "panelists": [
                    { "name": "Al Chill", "email": "ajchill@example.com", "name_tag_id": NAME_TAG_ID, "name_tag_pronouns": "he/him" },
                    { "name": "Jo Chill", "email": "jo@example.com", "virtual_background_id": VB_ID }
                ]
            })),
            |added| assert_eq!(added.updated_at.as_deref(), Some("2025-02-20T10:00:00Z")),
        ),
        row(
            |c| c.webinars().webinar_panelists(WEBINAR_ID),
            "GET /v2/webinars/99289110036/panelists",
            Sent::Nothing,
            |listed| assert_eq!(listed.panelists.as_ref().unwrap()[0].id.as_deref(), Some(PANELIST_ID)),
        ),
        row(
            |c| c.webinars().webinar_panelist_delete(WEBINAR_ID, PANELIST_ID),
            "DELETE /v2/webinars/99289110036/panelists/_ZWC8Z5rT-ixkBtwGZwkGw",
            Sent::Nothing,
            no_body,
        ),
        row(
            |c| c.webinars().webinar_panelists_delete(WEBINAR_ID),
            "DELETE /v2/webinars/99289110036/panelists",
            Sent::Nothing,
            no_body,
        ),
        // Polls
        row(
            |c| c.webinars().webinar_poll_create(WEBINAR_ID, &new_poll()),
            "POST /v2/webinars/99289110036/polls",
            Sent::Json(new_poll_json()),
            |poll| assert_eq!(poll.id.as_deref(), Some(POLL_ID)),
        ),
        row(
            |c| c.webinars().webinar_polls(WEBINAR_ID, &WebinarPollsParams { anonymous: Some(true) }),
            "GET /v2/webinars/99289110036/polls?anonymous=true",
            Sent::Nothing,
            |polls| assert_eq!(polls.polls.as_ref().unwrap()[0].status, Some(PollStatus::Notstart)),
        ),
        row(
            |c| c.webinars().webinar_poll_get(WEBINAR_ID, POLL_ID),
            "GET /v2/webinars/99289110036/polls/QalIoKWLTJehBJ8e1xRrbQ",
            Sent::Nothing,
            |poll| assert_eq!(poll.title.as_deref(), Some("Learn something new")),
        ),
        row(
            |c| c.webinars().webinar_poll_update(WEBINAR_ID, POLL_ID, &rating_poll()),
            "PUT /v2/webinars/99289110036/polls/QalIoKWLTJehBJ8e1xRrbQ",
            Sent::Json(rating_poll_json()),
            no_body,
        ),
        row(
            |c| c.webinars().webinar_poll_delete(WEBINAR_ID, POLL_ID),
            "DELETE /v2/webinars/99289110036/polls/QalIoKWLTJehBJ8e1xRrbQ",
            Sent::Nothing,
            no_body,
        ),
        // Survey
        row(
            |c| {
                let survey = WebinarSurvey {
                    show_in_the_browser: Some(false),
                    show_in_the_follow_up_email: Some(true),
                    third_party_survey: Some("https://example.com/survey".into()),
                    custom_survey: None,
                };
                c.webinars().webinar_survey_update(WEBINAR_ID, &survey)
            },
            "PATCH /v2/webinars/99289110036/survey",
            Sent::Json(json!({
                "show_in_the_browser": false,
                "show_in_the_follow_up_email": true,
                "third_party_survey": "https://example.com/survey"
            })),
            no_body,
        ),
        row(
            |c| c.webinars().webinar_survey_get(WEBINAR_ID),
            "GET /v2/webinars/99289110036/survey",
            Sent::Nothing,
            |survey| assert_eq!(survey.show_in_the_follow_up_email, Some(true)),
        ),
        row(
            |c| c.webinars().webinar_survey_delete(WEBINAR_ID),
            "DELETE /v2/webinars/99289110036/survey",
            Sent::Nothing,
            no_body,
        ),
        // Live streaming
        row(
            |c| {
                let stream = LiveStream {
                    stream_url: "rtmp://live.example.com/app".into(),
                    stream_key: "launch-key".into(),
                    page_url: "https://example.com/livestream/launch".into(),
                };
                c.webinars().webinar_live_stream_update(WEBINAR_ID, &stream)
            },
            "PATCH /v2/webinars/99289110036/livestream",
            Sent::Json(json!({
                "stream_url": "rtmp://live.example.com/app",
                "stream_key": "launch-key",
                "page_url": "https://example.com/livestream/launch"
            })),
            no_body,
        ),
        row(
            |c| c.webinars().get_webinar_live_stream_details(WEBINAR_ID),
            "GET /v2/webinars/99289110036/livestream",
            Sent::Nothing,
            |details| assert_eq!(details.page_url.as_deref(), Some("https://example.com/livestream/123")),
        ),
        row(
            |c| {
                let status = LiveStreamStatus { action: Some(LiveStreamAction::Stop), settings: None };
                c.webinars().webinar_live_stream_status_update(WEBINAR_ID, &status)
            },
            "PATCH /v2/webinars/99289110036/livestream/status",
            Sent::Json(json!({ "action": "stop" })),
            no_body,
        ),
        // Token and invite links
        row(
            |c| {
                let params = WebinarTokenParams { type_: Some(TokenType::ClosedCaptionToken) };
                c.webinars().webinar_token(WEBINAR_ID, &params)
            },
            "GET /v2/webinars/99289110036/token?type=closed_caption_token",
            Sent::Nothing,
            |token| assert!(token.token.is_some()),
        ),
        row(
            |c| c.webinars().webinar_invite_links_create(WEBINAR_ID, &invite_link()),
            "POST /v2/webinars/99289110036/invite_links",
            Sent::Json(json!({ "attendees": [{ "name": "Jill Chill" }], "ttl": 7200 })),
            |links| assert!(links.attendees.unwrap()[0].join_url.is_some()),
        ),
    ]
}

/// The last rows: past instances, then the webinar is deleted.
fn past_and_deletion() -> Vec<Row> {
    vec![
        row(
            |c| c.webinars().past_webinars(WEBINAR_ID),
            "GET /v2/past_webinars/99289110036/instances",
            Sent::Nothing,
            |past| assert_eq!(past.webinars.as_ref().map(Vec::len), Some(1)),
        ),
        row(
            |c| {
                let params = WebinarDeleteParams { occurrence_id: None, cancel_webinar_reminder: Some(true) };
                c.webinars().webinar_delete(WEBINAR_ID, &params)
            },
            "DELETE /v2/webinars/99289110036?cancel_webinar_reminder=true",
            Sent::Nothing,
            no_body,
        ),
    ]
}
