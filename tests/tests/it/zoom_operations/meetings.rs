//! One row per operation of `specs/zoom/meetings.yaml`.

use serde_json::json;

use super::bodies::*;
use super::*;

pub(super) fn rows() -> Vec<Row> {
    vec![
        // Scheduling
        row(
            |c| {
                let create = MeetingCreateRequest {
                    topic: Some("Weekly sync".into()),
                    type_: Some(MeetingType::RecurringFixedTime),
                    start_time: Some("2025-03-03T15:00:00Z".into()),
                    duration: Some(45),
                    timezone: Some("America/Los_Angeles".into()),
                    agenda: Some("Status updates".into()),
                    recurrence: Some(Recurrence {
                        repeat_interval: Some(1),
                        // Several week days travel as one comma-separated string.
                        weekly_days: Some("2,4".into()),
                        end_times: Some(6),
                        ..Recurrence::new(RecurrenceType::Weekly)
                    }),
                    settings: Some(MeetingSettings {
                        host_video: Some(true),
                        join_before_host: Some(false),
                        waiting_room: Some(true),
                        approval_type: Some(ApprovalType::NoRegistrationRequired),
                        audio: Some(AudioType::Both),
                        auto_recording: Some(AutoRecording::Cloud),
                        meeting_invitees: Some(vec![MeetingInvitee { email: Some("ajchill@example.com".into()) }]),
                        breakout_room: Some(BreakoutRoomSettings {
                            enable: Some(true),
                            rooms: Some(vec![BreakoutRoom {
                                name: Some("Room 1".into()),
                                participants: Some(vec!["ajchill@example.com".into()]),
                            }]),
                        }),
                        ..Default::default()
                    }),
                    tracking_fields: Some(vec![TrackingField {
                        value: Some("Engineering".into()),
                        ..TrackingField::new("Department")
                    }]),
                    ..Default::default()
                };
                c.meetings().meeting_create("jchill@example.com", &create)
            },
            "POST /v2/users/jchill%40example.com/meetings",
            Sent::Json(json!({
                "topic": "Weekly sync",
                "type": 8,
                "start_time": "2025-03-03T15:00:00Z",
                "duration": 45,
                "timezone": "America/Los_Angeles",
                "agenda": "Status updates",
                "recurrence": { "type": 2, "repeat_interval": 1, "weekly_days": "2,4", "end_times": 6 },
                "settings": {
                    "host_video": true,
                    "join_before_host": false,
                    "waiting_room": true,
                    "approval_type": 2,
                    "audio": "both",
                    "auto_recording": "cloud",
                    "meeting_invitees": [{ "email": "ajchill@example.com" }],
                    "breakout_room": { "enable": true, "rooms": [{ "name": "Room 1", "participants": ["ajchill@example.com"] }] }
                },
                "tracking_fields": [{ "field": "Department", "value": "Engineering" }]
            })),
            |created| {
                assert_eq!(created.id, Some(MEETING_ID));
                assert_eq!(created.type_, Some(MeetingType::RecurringFixedTime));
                assert_eq!(created.occurrences.as_ref().unwrap()[0].occurrence_id.as_deref(), Some(OCCURRENCE_ID));
                let dial_in = &created.settings.as_ref().unwrap().global_dial_in_numbers.as_ref().unwrap()[0];
                assert_eq!(dial_in.type_, Some(GlobalDialInNumberType::Toll));
            },
        ),
        row(
            |c| {
                let params =
                    MeetingParams { occurrence_id: Some(OCCURRENCE_ID.into()), show_previous_occurrences: Some(true) };
                c.meetings().meeting(MEETING_ID, &params)
            },
            "GET /v2/meetings/85746065432?occurrence_id=1648194360000&show_previous_occurrences=true",
            Sent::Nothing,
            |meeting| {
                assert_eq!(meeting.status, Some(MeetingStatus::Waiting));
                assert_eq!(meeting.type_, Some(MeetingType::RecurringFixedTime));
                assert_eq!(meeting.pmi.as_deref(), Some("97891943927"));
                assert_eq!(meeting.recurrence.unwrap().weekly_days.as_deref(), Some("2,4"));
            },
        ),
        row(
            |c| {
                let params = MeetingsParams {
                    type_: Some(MeetingListType::Upcoming),
                    page_size: Some(30),
                    next_page_token: Some("IAfJX3jsOLW7w3dokmFl84zOa0MAVGyMEB2".into()),
                    ..Default::default()
                };
                c.meetings().meetings("me", &params)
            },
            "GET /v2/users/me/meetings?type=upcoming&page_size=30&next_page_token=IAfJX3jsOLW7w3dokmFl84zOa0MAVGyMEB2",
            Sent::Nothing,
            |list| {
                assert_eq!(list.meetings.as_ref().unwrap()[0].id, Some(MEETING_ID));
                assert_eq!(list.next_page_token.as_deref(), Some(""), "the last page has an empty token");
            },
        ),
        row(
            |c| {
                let update = MeetingUpdateRequest {
                    topic: Some("Weekly sync (moved)".into()),
                    start_time: Some("2025-03-05T16:00:00Z".into()),
                    duration: Some(60),
                    settings: Some(MeetingSettings {
                        mute_upon_entry: Some(true),
                        alternative_hosts: Some("ajchill@example.com".into()),
                        authentication_exception: Some(vec![AuthenticationException {
                            name: Some("Guest".into()),
                            email: Some("guest@example.org".into()),
                            join_url: None,
                        }]),
                        ..Default::default()
                    }),
                    tracking_fields: Some(vec![TrackingField {
                        value: Some("Sales".into()),
                        ..TrackingField::new("Department")
                    }]),
                    ..Default::default()
                };
                let params = MeetingUpdateParams { occurrence_id: Some(OCCURRENCE_ID.into()) };
                c.meetings().meeting_update(MEETING_ID, &update, &params)
            },
            "PATCH /v2/meetings/85746065432?occurrence_id=1648194360000",
            Sent::Json(json!({
                "topic": "Weekly sync (moved)",
                "start_time": "2025-03-05T16:00:00Z",
                "duration": 60,
                "settings": {
                    "mute_upon_entry": true,
                    "alternative_hosts": "ajchill@example.com",
                    "authentication_exception": [{ "name": "Guest", "email": "guest@example.org" }]
                },
                "tracking_fields": [{ "field": "Department", "value": "Sales" }]
            })),
            no_body,
        ),
        // Templates
        row(
            |c| c.meetings().list_meeting_templates("me"),
            "GET /v2/users/me/meeting_templates",
            Sent::Nothing,
            |templates| assert_eq!(templates.templates.as_ref().unwrap()[0].type_, Some(1)),
        ),
        row(
            |c| {
                let template = MeetingTemplateCreateRequest {
                    meeting_id: Some(MEETING_ID),
                    name: Some("Weekly sync".into()),
                    save_recurrence: Some(true),
                    overwrite: None,
                };
                c.meetings().meeting_template_create("me", &template)
            },
            "POST /v2/users/me/meeting_templates",
            Sent::Json(json!({ "meeting_id": 85746065432i64, "name": "Weekly sync", "save_recurrence": true })),
            |template| assert_eq!(template.id.as_deref(), Some("AdxbhxCzKgSiWAw")),
        ),
        // Registrants
        row(
            |c| {
                let registrant = MeetingRegistrantCreateRequest {
                    first_name: "Jill".into(),
                    last_name: Some("Chill".into()),
                    email: "jchill@example.com".into(),
                    address: None,
                    city: Some("San Jose".into()),
                    state: None,
                    zip: None,
                    country: Some("US".into()),
                    phone: None,
                    comments: Some("Looking forward to it".into()),
                    custom_questions: Some(vec![CustomQuestion {
                        title: Some("Favorite thing about Zoom".into()),
                        value: Some("Meet Happy".into()),
                    }]),
                    industry: None,
                    job_title: Some("Product Manager".into()),
                    no_of_employees: Some(NumberOfEmployees::From101To500),
                    org: Some("Example Inc".into()),
                    purchasing_time_frame: Some(PurchasingTimeFrame::WithinAMonth),
                    role_in_purchase_process: Some(RoleInPurchaseProcess::DecisionMaker),
                    language: Some(RegistrantLanguage::EnUs),
                    auto_approve: Some(true),
                };
                let params =
                    MeetingRegistrantCreateParams { occurrence_ids: Some("1648194360000,1648799160000".into()) };
                c.meetings().meeting_registrant_create(MEETING_ID, &registrant, &params)
            },
            "POST /v2/meetings/85746065432/registrants?occurrence_ids=1648194360000%2C1648799160000",
            Sent::Json(json!({
                "first_name": "Jill",
                "last_name": "Chill",
                "email": "jchill@example.com",
                "city": "San Jose",
                "country": "US",
                "comments": "Looking forward to it",
                "custom_questions": [{ "title": "Favorite thing about Zoom", "value": "Meet Happy" }],
                "job_title": "Product Manager",
                "no_of_employees": "101-500",
                "org": "Example Inc",
                "purchasing_time_frame": "Within a month",
                "role_in_purchase_process": "Decision Maker",
                "language": "en-US",
                "auto_approve": true
            })),
            |added| assert_eq!((added.id, added.registrant_id.as_deref()), (Some(MEETING_ID), Some(REGISTRANT_ID))),
        ),
        row(
            |c| c.meetings().add_batch_registrants(MEETING_ID, &batch_registrants()),
            "POST /v2/meetings/85746065432/batch_registrants",
            Sent::Json(batch_registrants_json()),
            |batch| assert_eq!(batch.registrants.as_ref().map(Vec::len), Some(2)),
        ),
        row(
            |c| {
                let params = MeetingRegistrantsParams {
                    status: Some(RegistrantStatus::Pending),
                    page_size: Some(30),
                    ..Default::default()
                };
                c.meetings().meeting_registrants(MEETING_ID, &params)
            },
            "GET /v2/meetings/85746065432/registrants?status=pending&page_size=30",
            Sent::Nothing,
            |registrants| {
                let first = &registrants.registrants.as_ref().unwrap()[0];
                assert_eq!((first.email.as_str(), first.id.as_deref()), ("jchill@example.com", Some(REGISTRANT_ID)));
            },
        ),
        row(
            |c| c.meetings().meeting_registrant_get(MEETING_ID, REGISTRANT_ID),
            "GET /v2/meetings/85746065432/registrants/9tboDiHUQAeOnbmudzWa5g",
            Sent::Nothing,
            |info| {
                assert_eq!(info.status, Some(RegistrantStatus::Approved));
                assert_eq!(info.first_name, "Jill");
            },
        ),
        row(
            |c| {
                let status = RegistrantStatusRequest {
                    registrants: Some(vec![RegistrantRef {
                        id: Some(REGISTRANT_ID.into()),
                        email: Some("jchill@example.com".into()),
                    }]),
                    ..RegistrantStatusRequest::new(RegistrantStatusAction::Approve)
                };
                let params = MeetingRegistrantStatusParams { occurrence_id: Some(OCCURRENCE_ID.into()) };
                c.meetings().meeting_registrant_status(MEETING_ID, &status, &params)
            },
            "PUT /v2/meetings/85746065432/registrants/status?occurrence_id=1648194360000",
            Sent::Json(json!({
                "action": "approve",
                "registrants": [{ "id": "9tboDiHUQAeOnbmudzWa5g", "email": "jchill@example.com" }]
            })),
            no_body,
        ),
        row(
            |c| c.meetings().meeting_registrants_questions_get(MEETING_ID),
            "GET /v2/meetings/85746065432/registrants/questions",
            Sent::Nothing,
            |questions| {
                assert_eq!(
                    questions.questions.as_ref().unwrap()[0].field_name,
                    Some(RegistrationQuestionFieldName::Address)
                );
                assert_eq!(questions.custom_questions.as_ref().unwrap()[0].type_, Some(CustomQuestionType::Single));
            },
        ),
        row(
            |c| {
                let questions = RegistrationQuestions {
                    questions: Some(vec![RegistrationQuestion {
                        field_name: Some(RegistrationQuestionFieldName::Org),
                        required: Some(true),
                    }]),
                    custom_questions: Some(vec![RegistrationCustomQuestion {
                        title: Some("How did you hear about us?".into()),
                        type_: Some(CustomQuestionType::Single),
                        required: Some(false),
                        answers: Some(vec!["Email".into(), "Web".into()]),
                    }]),
                };
                c.meetings().meeting_registrant_question_update(MEETING_ID, &questions)
            },
            "PATCH /v2/meetings/85746065432/registrants/questions",
            Sent::Json(json!({
                "questions": [{ "field_name": "org", "required": true }],
                "custom_questions": [{ "title": "How did you hear about us?", "type": "single", "required": false, "answers": ["Email", "Web"] }]
            })),
            no_body,
        ),
        row(
            |c| {
                let params = MeetingRegistrantDeleteParams { occurrence_id: Some(OCCURRENCE_ID.into()) };
                c.meetings().meeting_registrant_delete(MEETING_ID, REGISTRANT_ID, &params)
            },
            "DELETE /v2/meetings/85746065432/registrants/9tboDiHUQAeOnbmudzWa5g?occurrence_id=1648194360000",
            Sent::Nothing,
            no_body,
        ),
        // Polls
        row(
            |c| c.meetings().meeting_poll_create(MEETING_ID, &new_poll()),
            "POST /v2/meetings/85746065432/polls",
            Sent::Json(new_poll_json()),
            |poll| assert_eq!((poll.id.as_deref(), poll.status), (Some(POLL_ID), Some(PollStatus::Notstart))),
        ),
        row(
            |c| c.meetings().meeting_polls(MEETING_ID, &MeetingPollsParams { anonymous: Some(false) }),
            "GET /v2/meetings/85746065432/polls?anonymous=false",
            Sent::Nothing,
            |polls| assert_eq!(polls.total_records, Some(1)),
        ),
        row(
            |c| c.meetings().meeting_poll_get(MEETING_ID, POLL_ID),
            "GET /v2/meetings/85746065432/polls/QalIoKWLTJehBJ8e1xRrbQ",
            Sent::Nothing,
            |poll| {
                assert_eq!(poll.poll_type, Some(PollType::AdvancedPoll));
                assert_eq!(poll.questions.as_ref().unwrap()[0].type_, Some(PollQuestionType::Single));
            },
        ),
        row(
            |c| c.meetings().meeting_poll_update(MEETING_ID, POLL_ID, &rating_poll()),
            "PUT /v2/meetings/85746065432/polls/QalIoKWLTJehBJ8e1xRrbQ",
            Sent::Json(rating_poll_json()),
            no_body,
        ),
        row(
            |c| {
                let batch_polls = BatchPollsRequest {
                    polls: Some(vec![Poll {
                        title: Some("Quick quiz".into()),
                        anonymous: Some(false),
                        poll_type: Some(PollType::Quiz),
                        questions: Some(vec![PollQuestion {
                            name: Some("2 + 2?".into()),
                            type_: Some(PollQuestionType::Single),
                            answers: Some(vec!["3".into(), "4".into()]),
                            right_answers: Some(vec!["4".into()]),
                            ..Default::default()
                        }]),
                    }]),
                };
                c.meetings().create_batch_polls(MEETING_ID, &batch_polls)
            },
            "POST /v2/meetings/85746065432/batch_polls",
            Sent::Json(json!({
                "polls": [{
                    "title": "Quick quiz",
                    "anonymous": false,
                    "poll_type": 3,
                    "questions": [{ "name": "2 + 2?", "type": "single", "answers": ["3", "4"], "right_answers": ["4"] }]
                }]
            })),
            |created_polls| {
                let created_poll = &created_polls.polls.as_ref().unwrap()[0];
                assert_eq!(
                    (created_poll.id.as_deref(), created_poll.poll_type),
                    (Some("poll-b1"), Some(PollType::Quiz))
                );
            },
        ),
        row(
            |c| c.meetings().meeting_poll_delete(MEETING_ID, POLL_ID),
            "DELETE /v2/meetings/85746065432/polls/QalIoKWLTJehBJ8e1xRrbQ",
            Sent::Nothing,
            no_body,
        ),
        // Survey
        row(
            |c| {
                let survey = MeetingSurvey {
                    show_in_the_browser: Some(true),
                    custom_survey: Some(CustomSurvey {
                        anonymous: Some(true),
                        questions: Some(vec![
                            SurveyQuestion {
                                name: Some("How was it?".into()),
                                type_: Some(SurveyQuestionType::RatingScale),
                                rating_min_value: Some(1),
                                rating_max_value: Some(5),
                                answer_required: Some(true),
                                ..Default::default()
                            },
                            SurveyQuestion {
                                name: Some("Anything else?".into()),
                                type_: Some(SurveyQuestionType::LongAnswer),
                                answer_max_character: Some(500),
                                ..Default::default()
                            },
                        ]),
                    }),
                    third_party_survey: None,
                };
                c.meetings().meeting_survey_update(MEETING_ID, &survey)
            },
            "PATCH /v2/meetings/85746065432/survey",
            Sent::Json(json!({
                "show_in_the_browser": true,
                "custom_survey": {
                    "anonymous": true,
                    "questions": [
                        { "name": "How was it?", "type": "rating_scale", "rating_min_value": 1, "rating_max_value": 5, "answer_required": true },
                        { "name": "Anything else?", "type": "long_answer", "answer_max_character": 500 }
                    ]
                }
            })),
            no_body,
        ),
        row(
            |c| c.meetings().meeting_survey_get(MEETING_ID),
            "GET /v2/meetings/85746065432/survey",
            Sent::Nothing,
            |survey| {
                let question = &survey.custom_survey.as_ref().unwrap().questions.as_ref().unwrap()[0];
                assert_eq!(question.type_, Some(SurveyQuestionType::RatingScale));
            },
        ),
        row(
            |c| c.meetings().meeting_survey_delete(MEETING_ID),
            "DELETE /v2/meetings/85746065432/survey",
            Sent::Nothing,
            no_body,
        ),
        // Live streaming
        row(
            |c| {
                let stream = LiveStream {
                    stream_url: "rtmp://live.example.com/app".into(),
                    stream_key: "contact-ic@example.com".into(),
                    page_url: "https://example.com/livestream/123".into(),
                };
                c.meetings().meeting_live_stream_update(MEETING_ID, &stream)
            },
            "PATCH /v2/meetings/85746065432/livestream",
            Sent::Json(json!({
                "stream_url": "rtmp://live.example.com/app",
                "stream_key": "contact-ic@example.com",
                "page_url": "https://example.com/livestream/123"
            })),
            no_body,
        ),
        row(
            |c| c.meetings().get_meeting_live_stream_details(MEETING_ID),
            "GET /v2/meetings/85746065432/livestream",
            Sent::Nothing,
            |details| assert_eq!(details.stream_url.as_deref(), Some("rtmp://live.example.com/app")),
        ),
        row(
            |c| {
                let stream_status = LiveStreamStatus {
                    action: Some(LiveStreamAction::Start),
                    settings: Some(LiveStreamStatusSettings {
                        active_speaker_name: Some(true),
                        display_name: Some("Jill Chill".into()),
                    }),
                };
                c.meetings().meeting_live_stream_status_update(MEETING_ID, &stream_status)
            },
            "PATCH /v2/meetings/85746065432/livestream/status",
            Sent::Json(
                json!({ "action": "start", "settings": { "active_speaker_name": true, "display_name": "Jill Chill" } }),
            ),
            no_body,
        ),
        // In-meeting controls and status
        row(
            |c| {
                let control = InMeetingControlRequest {
                    method: Some("invite".into()),
                    params: Some(InMeetingControlParams {
                        contacts: Some(vec![InMeetingControlContact {
                            email: Some("ajchill@example.com".into()),
                            id: None,
                        }]),
                        invite_options: Some(InMeetingControlInviteOptions {
                            require_greeting: Some(false),
                            require_pressing_one: Some(true),
                        }),
                        ..Default::default()
                    }),
                };
                c.meetings().in_meeting_control(MEETING_ID, &control)
            },
            "PATCH /v2/live_meetings/85746065432/events",
            Sent::Json(json!({
                "method": "invite",
                "params": {
                    "contacts": [{ "email": "ajchill@example.com" }],
                    "invite_options": { "require_greeting": false, "require_pressing_one": true }
                }
            })),
            no_body,
        ),
        row(
            |c| {
                let status = MeetingStatusRequest { action: Some(MeetingStatusRequestAction::End) };
                c.meetings().meeting_status(MEETING_ID, &status)
            },
            "PUT /v2/meetings/85746065432/status",
            Sent::Json(json!({ "action": "end" })),
            no_body,
        ),
        // Token, invitation, invite links
        row(
            |c| {
                let params = MeetingTokenParams { type_: Some(TokenType::ClosedCaptionToken) };
                c.meetings().meeting_token(MEETING_ID, &params)
            },
            "GET /v2/meetings/85746065432/token?type=closed_caption_token",
            Sent::Nothing,
            |token| assert!(token.token.unwrap().starts_with("https://closedcaption.example.com/")),
        ),
        row(
            |c| c.meetings().meeting_invitation(MEETING_ID),
            "GET /v2/meetings/85746065432/invitation",
            Sent::Nothing,
            |invitation| {
                assert!(invitation.invitation.unwrap().contains("Join Zoom Meeting"));
                assert_eq!(invitation.sip_links.as_ref().map(Vec::len), Some(1));
            },
        ),
        row(
            |c| c.meetings().meeting_invite_links_create(MEETING_ID, &invite_link()),
            "POST /v2/meetings/85746065432/invite_links",
            Sent::Json(json!({ "attendees": [{ "name": "Jill Chill" }], "ttl": 7200 })),
            |links| assert_eq!(links.attendees.as_ref().unwrap()[0].name.as_deref(), Some("Jill Chill")),
        ),
        // Past instances, then the meeting is deleted.
        row(
            |c| c.meetings().past_meetings(MEETING_ID),
            "GET /v2/past_meetings/85746065432/instances",
            Sent::Nothing,
            |past| assert_eq!(past.meetings.as_ref().unwrap()[0].uuid.as_deref(), Some("Bznyg8KZTdCVbQxvS/oZ7w==")),
        ),
        row(
            |c| {
                let params = MeetingDeleteParams {
                    occurrence_id: None,
                    schedule_for_reminder: Some(true),
                    cancel_meeting_reminder: Some(true),
                };
                c.meetings().meeting_delete(MEETING_ID, &params)
            },
            "DELETE /v2/meetings/85746065432?schedule_for_reminder=true&cancel_meeting_reminder=true",
            Sent::Nothing,
            no_body,
        ),
    ]
}
