//! The family's feedback words through the import API (issue 16): a comment reaches the
//! organisation's own case system only when its writer ticked that it may, never from an
//! anonymous response, and no longer once the writer takes it back; no one else can give or
//! take that consent for them. SQLite and PostgreSQL, every answer checked against the
//! OpenAPI document.
use crate::{
    api::{count, example, family_login, put},
    api_reports::get_reactions,
    common,
};

use app::backend::demo::DEMO_API_TOKEN;
use axum::http::StatusCode;
use common::Client;
use serde_json::{json, Value};
use uuid::Uuid;

const CASE: &str = "RVDK-2026-0117";

async fn reactions(app: &common::TestApp) -> Value {
    let r = get_reactions(app, DEMO_API_TOKEN).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    serde_json::from_str(&r.body).unwrap()
}

/// Feedback on the collaboration in general, sent from the family member's page.
async fn send(
    app: &common::TestApp,
    cookie: &str,
    comment: &str,
    (anonymous, share): (bool, bool),
) -> Value {
    let key = Uuid::new_v4().to_string();
    let mut form = vec![
        ("contact", ""),
        ("key", key.as_str()),
        ("intent", "send"),
        ("heard", "8"),
        ("topics", "7"),
        ("approach", "8"),
        ("overall", "8"),
        ("comment", comment),
    ];
    if anonymous {
        form.push(("anonymous", "on"));
    }
    if share {
        form.push(("share", "on"));
    }
    app.reply("/api/save_feedback", cookie, &form).await
}

async fn response_of(app: &common::TestApp, comment: &str) -> String {
    app::on_db!(app.db(), p => sqlx::query_as::<_, (Uuid,)>(
        "SELECT id FROM feedback_responses WHERE comment = $1")
        .bind(comment).fetch_one(p).await)
    .unwrap()
    .0
    .to_string()
}

on_both!(
    feedback_words_reach_the_case_system_only_with_their_writers_consent,
    |app| {
        assert_eq!(put(&app, &example(), &[]).await.status, StatusCode::CREATED);
        let iris = family_login(&app, CASE, "p-20417", "iris").await;
        let karim = family_login(&app, CASE, "p-20418", "karim").await;
        let (mine, his, hidden) = (
            "Jeroen luisterde goed, maar de brief kwam laat.",
            "Ik wil vaker gebeld worden.",
            "Dit zeg ik liever zonder naam.",
        );

        // Anonymous and shared do not go together: said next to the box, nothing stored.
        let r = send(&app, &iris, mine, (true, true)).await;
        assert_eq!(r["ok"], false, "{r}");
        assert_eq!(r["field_errors"][0], json!(["share", "FbShareAnonymous"]));
        assert_eq!(
            count(&app, "SELECT COUNT(*) FROM feedback_responses WHERE status = 'submitted' AND comment IS NOT NULL AND case_id IN (SELECT id FROM cases WHERE reference = 'RVDK-2026-0117')").await,
            0
        );
        // Without JavaScript the page says so next to the box, with the words kept.
        let plain = app
            .post(
                "/api/save_feedback",
                &[
                    ("contact", ""),
                    ("key", "k-plain"),
                    ("intent", "send"),
                    ("heard", "8"),
                    ("topics", "7"),
                    ("approach", "8"),
                    ("overall", "8"),
                    ("comment", mine),
                    ("anonymous", "on"),
                    ("share", "on"),
                ],
                &iris,
                Client::PlainForm,
            )
            .await;
        assert_eq!(plain.status, StatusCode::FOUND, "{}", plain.body);
        let flash = plain.cookie("helder_flash").unwrap_or_default();
        let page = app
            .get("/feedback", &format!("{iris}; helder_flash={flash}"))
            .await;
        assert!(page
            .body
            .contains("Zonder naam kan de organisatie uw woorden niet bewaren."));
        assert!(page.body.contains(mine), "the words are kept");
        assert!(
            page.body.contains(r#"name="share" value="on" checked"#),
            "the box is kept"
        );

        // Iris shares her words, Karim keeps his in Helder, and an anonymous one never goes.
        assert_eq!(send(&app, &iris, mine, (false, true)).await["ok"], true);
        assert_eq!(send(&app, &karim, his, (false, false)).await["ok"], true);
        assert_eq!(send(&app, &karim, hidden, (true, false)).await["ok"], true);
        let v = reactions(&app).await;
        assert_eq!(v["feedback"]["antwoorden"], 2, "{v}");
        let today = app::backend::time::today().to_string();
        assert_eq!(
            v["feedback"]["toelichtingen"],
            json!([{"gezinslid": "p-20417", "tekst": mine, "verstuurd_op": today}])
        );
        assert!(!v.to_string().contains(his) && !v.to_string().contains(hidden));

        // Her page says where her words may go, and how to take it back.
        let page = app.get("/feedback", &iris).await;
        assert!(page
            .body
            .contains("De organisatie mag deze woorden in haar eigen dossier zetten."));
        assert!(page.body.contains("Niet meer delen met de organisatie"));

        // No one shares or withdraws for someone else: Karim's attempts are "not found".
        let (iris_response, his_response, anonymous_response) = (
            response_of(&app, mine).await,
            response_of(&app, his).await,
            response_of(&app, hidden).await,
        );
        for (response, share) in [(&iris_response, "no"), (&iris_response, "yes")] {
            let r = app
                .post(
                    "/api/share_feedback",
                    &[("response", response), ("share", share)],
                    &karim,
                    Client::Script,
                )
                .await;
            assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
        }
        // Nor can the words of an anonymous response be shared, by its writer either: the
        // database refuses it too.
        let r = app
            .post(
                "/api/share_feedback",
                &[("response", &anonymous_response), ("share", "yes")],
                &karim,
                Client::Script,
            )
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
        let forced = app::on_db!(app.db(), p => sqlx::query(
            "UPDATE feedback_responses SET comment_shared = TRUE WHERE id = $1")
            .bind(Uuid::parse_str(&anonymous_response).unwrap()).execute(p).await.map(|_| ()));
        assert!(
            forced.is_err(),
            "an anonymous response's words stay in Helder"
        );
        assert_eq!(
            reactions(&app).await["feedback"]["toelichtingen"]
                .as_array()
                .unwrap()
                .len(),
            1
        );

        // Iris takes it back: the system no longer gets her words. Karim shares his after all.
        let r = app
            .reply(
                "/api/share_feedback",
                &iris,
                &[("response", &iris_response), ("share", "no")],
            )
            .await;
        assert_eq!(r["ok"], true, "{r}");
        assert_eq!(r["message"], "FbShareStopped");
        let r = app
            .reply(
                "/api/share_feedback",
                &karim,
                &[("response", &his_response), ("share", "yes")],
            )
            .await;
        assert_eq!(r["ok"], true, "{r}");
        let v = reactions(&app).await;
        assert_eq!(
            v["feedback"]["toelichtingen"],
            json!([{"gezinslid": "p-20418", "tekst": his, "verstuurd_op": today}])
        );
        // Each consent given and taken back is in the log; the same again changes nothing.
        let audited = count(
            &app,
            "SELECT COUNT(*) FROM audit_events WHERE action IN ('share_feedback', 'unshare_feedback')",
        )
        .await;
        assert_eq!(audited, 2);
        assert_eq!(
            count(&app, "SELECT COUNT(*) FROM audit_events WHERE action = 'send_feedback' AND detail = 'share'").await,
            1,
            "the consent given with the form"
        );
        let again = app
            .reply(
                "/api/share_feedback",
                &karim,
                &[("response", &his_response), ("share", "yes")],
            )
            .await;
        assert_eq!(again["ok"], true);
        assert_eq!(
            count(&app, "SELECT COUNT(*) FROM audit_events WHERE action IN ('share_feedback', 'unshare_feedback')").await,
            audited
        );
        let page = app.get("/feedback", &iris).await;
        assert!(page.body.contains("Deze woorden blijven in Helder."));
        assert!(page.body.contains("Toch delen met de organisatie"));
    }
);
