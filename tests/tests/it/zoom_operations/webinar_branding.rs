//! One row per branding operation of `specs/zoom/webinars.yaml`: wallpaper, virtual backgrounds
//! and name tags.

use serde_json::json;

use super::bodies::*;
use super::*;

pub(super) fn rows() -> Vec<Row> {
    vec![
        row(
            |c| c.webinars().get_webinar_branding(WEBINAR_ID),
            "GET /v2/webinars/99289110036/branding",
            Sent::Nothing,
            |branding| {
                assert_eq!(branding.name_tags.as_ref().unwrap()[0].id.as_deref(), Some(NAME_TAG_ID));
                assert_eq!(branding.virtual_backgrounds.as_ref().unwrap()[0].is_default, Some(true));
            },
        ),
        row(
            |c| {
                let wallpaper = UploadWebinarBrandingWallpaperForm::new(png("wallpaper.png"));
                c.webinars().upload_webinar_branding_wallpaper(WEBINAR_ID, &wallpaper)
            },
            "POST /v2/webinars/99289110036/branding/wallpaper",
            Sent::Form { file_name: "wallpaper.png", bytes: PNG, fields: &[] },
            |uploaded| {
                assert_eq!((uploaded.id.as_deref(), uploaded.type_), (Some("wp1"), Some(WebinarBrandingFileType::Image)));
            },
        ),
        row(
            |c| c.webinars().delete_webinar_branding_wallpaper(WEBINAR_ID),
            "DELETE /v2/webinars/99289110036/branding/wallpaper",
            Sent::Nothing,
            no_body,
        ),
        row(
            |c| {
                let background = UploadWebinarBrandingVbForm {
                    default: Some(true),
                    set_default_for_all_panelists: Some(false),
                    ..UploadWebinarBrandingVbForm::new(png("launch.png"))
                };
                c.webinars().upload_webinar_branding_vb(WEBINAR_ID, &background)
            },
            "POST /v2/webinars/99289110036/branding/virtual_backgrounds",
            Sent::Form {
                file_name: "launch.png",
                bytes: PNG,
                fields: &[("default", "true"), ("set_default_for_all_panelists", "false")],
            },
            |uploaded| assert_eq!((uploaded.id.as_deref(), uploaded.size), (Some(VB_ID), Some(7))),
        ),
        row(
            |c| {
                let params =
                    SetWebinarBrandingVbParams { id: Some(VB_ID.into()), set_default_for_all_panelists: Some(true) };
                c.webinars().set_webinar_branding_vb(WEBINAR_ID, &params)
            },
            "PATCH /v2/webinars/99289110036/branding/virtual_backgrounds?id=_l0MP1U7Qn2JgJ4oEJbVZQ&set_default_for_all_panelists=true",
            Sent::Nothing,
            no_body,
        ),
        row(
            |c| {
                let params = DeleteWebinarBrandingVbParams { ids: Some(format!("{VB_ID},vb2")) };
                c.webinars().delete_webinar_branding_vb(WEBINAR_ID, &params)
            },
            "DELETE /v2/webinars/99289110036/branding/virtual_backgrounds?ids=_l0MP1U7Qn2JgJ4oEJbVZQ%2Cvb2",
            Sent::Nothing,
            no_body,
        ),
        row(
            |c| {
                let name_tag = WebinarNameTagCreate {
                    name: "Speaker".into(),
                    text_color: "0E72ED".into(),
                    accent_color: "0E72ED".into(),
                    background_color: "FFFFFF".into(),
                    is_default: Some(true),
                    set_default_for_all_panelists: None,
                };
                c.webinars().create_webinar_branding_name_tag(WEBINAR_ID, &name_tag)
            },
            "POST /v2/webinars/99289110036/branding/name_tags",
            Sent::Json(json!({
                "name": "Speaker",
                "text_color": "0E72ED",
                "accent_color": "0E72ED",
                "background_color": "FFFFFF",
                "is_default": true
            })),
            |tag| assert_eq!(tag.id.as_deref(), Some(NAME_TAG_ID)),
        ),
        row(
            |c| {
                let change = WebinarNameTagUpdate {
                    name: Some("Host".into()),
                    background_color: Some("000000".into()),
                    set_default_for_all_panelists: Some(true),
                    ..Default::default()
                };
                c.webinars().update_webinar_branding_name_tag(WEBINAR_ID, NAME_TAG_ID, &change)
            },
            "PATCH /v2/webinars/99289110036/branding/name_tags/7R9pXG9wSuO1J7MKmuF3Vg",
            Sent::Json(json!({ "name": "Host", "background_color": "000000", "set_default_for_all_panelists": true })),
            no_body,
        ),
        row(
            |c| {
                let params = DeleteWebinarBrandingNameTagParams { name_tag_ids: Some(NAME_TAG_ID.into()) };
                c.webinars().delete_webinar_branding_name_tag(WEBINAR_ID, &params)
            },
            "DELETE /v2/webinars/99289110036/branding/name_tags?name_tag_ids=7R9pXG9wSuO1J7MKmuF3Vg",
            Sent::Nothing,
            no_body,
        ),
    ]
}
