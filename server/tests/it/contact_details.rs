//! Addresses and numbers of the family: recorded by the professional of the case, hidden from
//! a named member, ended when out of date; each member reads what the one visibility rule
//! shows them, on the page, in the download and in the print view. SQLite and PostgreSQL.
use crate::common;

use axum::http::StatusCode;
use common::{field_errors, ids, Client, TestApp};

const ADDRESS: &str = "Kastanjeweg 12, 3521 CD Utrecht";
const SANNE_PHONE: &str = "06 12312312";
const NOOR_PHONE: &str = "06 44455566";
const LISA_MAIL: &str = "lisa.jansen@voorbeeld.nl";

struct Family {
    case: String,
    sanne: String,
    mehmet: String,
    noor: String,
    lisa: String,
}

async fn family(app: &TestApp) -> Family {
    let p = |n: &'static str| async move { ids::person(app.db(), n).await.to_string() };
    Family {
        case: ids::case(app.db(), "2026-0412").await.to_string(),
        sanne: p("Sanne").await,
        mehmet: p("Mehmet").await,
        noor: p("Noor").await,
        lisa: p("Lisa").await,
    }
}

async fn add(
    app: &TestApp,
    who: &str,
    f: &Family,
    fields: [(&str, &str); 5],
) -> (StatusCode, serde_json::Value) {
    let mut form = vec![("case", f.case.as_str())];
    form.extend(fields);
    let r = app
        .post("/api/add_contact_detail", &form, who, Client::Script)
        .await;
    (
        r.status,
        serde_json::from_str(&r.body).unwrap_or(serde_json::Value::Null),
    )
}

async fn rows(app: &TestApp) -> i64 {
    app::on_db!(app.db(), p => sqlx::query_as::<_, (i64,)>("SELECT COUNT(*) FROM contact_details")
        .fetch_one(p).await)
    .unwrap()
    .0
}

on_both!(
    bad_contact_details_are_refused_at_the_field_and_nothing_is_written,
    |app| {
        let f = family(&app).await;
        let jeroen = app.login("jeroen").await;
        let demo = rows(&app).await;
        let cases: [([(&str, &str); 5], &str); 7] = [
            (
                [
                    ("person", ""),
                    ("kind", "phone"),
                    ("value", SANNE_PHONE),
                    ("hide_from", ""),
                    ("reason", ""),
                ],
                "person",
            ),
            (
                [
                    ("person", &f.sanne),
                    ("kind", "fax"),
                    ("value", SANNE_PHONE),
                    ("hide_from", ""),
                    ("reason", ""),
                ],
                "kind",
            ),
            (
                [
                    ("person", &f.sanne),
                    ("kind", "phone"),
                    ("value", "06-12ab"),
                    ("hide_from", ""),
                    ("reason", ""),
                ],
                "value",
            ),
            (
                [
                    ("person", &f.sanne),
                    ("kind", "email"),
                    ("value", "sanne@voorbeeld"),
                    ("hide_from", ""),
                    ("reason", ""),
                ],
                "value",
            ),
            (
                [
                    ("person", &f.sanne),
                    ("kind", "address"),
                    ("value", ADDRESS),
                    ("hide_from", &f.sanne),
                    ("reason", "Veiligheid"),
                ],
                "hide_from",
            ),
            (
                [
                    ("person", &f.sanne),
                    ("kind", "address"),
                    ("value", ADDRESS),
                    ("hide_from", &f.mehmet),
                    ("reason", "  "),
                ],
                "reason",
            ),
            (
                [
                    ("person", &f.sanne),
                    ("kind", "phone"),
                    ("value", SANNE_PHONE),
                    ("hide_from", ""),
                    ("reason", "Veiligheid"),
                ],
                "hide_from",
            ),
        ];
        for (fields, field) in cases {
            let (status, reply) = add(&app, &jeroen, &f, fields).await;
            assert_eq!(status, StatusCode::OK);
            assert_eq!(reply["ok"], false, "{reply}");
            assert_eq!(field_errors(&reply), vec![field.to_string()], "{reply}");
        }
        assert_eq!(rows(&app).await, demo, "nothing half-written");
        // Without JavaScript the form comes back open, with what was typed and the message.
        let r = app
            .post(
                "/api/add_contact_detail",
                &[
                    ("case", &f.case),
                    ("person", &f.sanne),
                    ("kind", "phone"),
                    ("value", "06-12ab"),
                    ("hide_from", ""),
                    ("reason", ""),
                ],
                &jeroen,
                Client::PlainForm,
            )
            .await;
        assert_eq!(r.status, StatusCode::FOUND);
        let flash = r.cookie("helder_flash").expect("flash cookie");
        let page = app
            .get(
                &format!("/zaken/{}", f.case),
                &format!("{jeroen}; helder_flash={flash}"),
            )
            .await;
        assert!(page.body.contains("Dit is geen telefoonnummer."));
        assert!(page.body.contains(r#"value="06-12ab""#));
        // Someone of another organisation, a family member, a member of another family: 404.
        let fine = [
            ("person", f.sanne.as_str()),
            ("kind", "phone"),
            ("value", SANNE_PHONE),
            ("hide_from", ""),
            ("reason", ""),
        ];
        for who in ["anouk", "sanne", "karin"] {
            let (status, _) = add(&app, &app.login(who).await, &f, fine).await;
            assert_eq!(status, StatusCode::NOT_FOUND, "{who}");
        }
        let peter = ids::person(app.db(), "Peter").await.to_string();
        let mut other = fine;
        other[0].1 = &peter;
        let (_, reply) = add(&app, &jeroen, &f, other).await;
        assert_eq!(field_errors(&reply), vec!["person".to_string()]);
        assert_eq!(rows(&app).await, demo);
    }
);

on_both!(
    a_hidden_address_reaches_no_page_download_or_print_of_the_member_it_is_hidden_from,
    |app| {
        let f = family(&app).await;
        let jeroen = app.login("jeroen").await;
        let before = common::audit_rows(app.db(), "add_contact").await;
        for (person, kind, value, hide) in [
            (&f.sanne, "address", ADDRESS, f.mehmet.as_str()),
            (&f.sanne, "phone", SANNE_PHONE, ""),
            (&f.noor, "phone", NOOR_PHONE, ""),
            (&f.lisa, "email", LISA_MAIL, ""),
        ] {
            let reason = if hide.is_empty() {
                ""
            } else {
                "Moeder woont in de opvang; vader mag het adres niet weten."
            };
            let (status, reply) = add(
                &app,
                &jeroen,
                &f,
                [
                    ("person", person),
                    ("kind", kind),
                    ("value", value),
                    ("hide_from", hide),
                    ("reason", reason),
                ],
            )
            .await;
            assert_eq!((status, &reply["ok"]), (StatusCode::OK, &true.into()));
        }
        assert_eq!(
            common::audit_rows(app.db(), "add_contact").await,
            before + 4
        );
        // The professional sees it all, and from whom the address is hidden, and why.
        let card = app.get(&format!("/zaken/{}", f.case), &jeroen).await;
        assert!(card.body.contains(ADDRESS) && card.body.contains(LISA_MAIL));
        assert!(card
            .body
            .contains("Verborgen voor Mehmet Yilmaz. Reden: Moeder woont in de opvang"));

        let page = |who: &'static str| {
            let app = &app;
            async move { app.get("/wie-betrokken", &app.login(who).await).await.body }
        };
        let sanne = page("sanne").await;
        for v in [ADDRESS, SANNE_PHONE, NOOR_PHONE, LISA_MAIL] {
            assert!(sanne.contains(v), "Sanne sees {v}");
        }
        assert!(sanne.contains("Adressen en telefoonnummers van uw gezin"));
        // Noor (14): her parents' details and her own, not her sister's.
        let noor = page("noor").await;
        assert!(noor.contains(ADDRESS) && noor.contains(NOOR_PHONE));
        assert!(!noor.contains(LISA_MAIL), "a sibling's details are hers");
        assert!(noor.contains("Adressen en telefoonnummers van je gezin"));
        // Lisa (16): her own.
        assert!(page("lisa").await.contains(LISA_MAIL));
        // Mehmet, without authority: nothing of the others while his dossier is closed.
        let mehmet = page("mehmet").await;
        for v in [ADDRESS, SANNE_PHONE, NOOR_PHONE, LISA_MAIL] {
            assert!(!mehmet.contains(v), "closed dossier: {v}");
        }
        // Nor what was done with them, in his access log.
        let closed_log = app
            .get("/wie-keek-mee", &app.login("mehmet").await)
            .await
            .body;
        assert!(
            !closed_log.contains("adres of telefoonnummer"),
            "{closed_log}"
        );
        // Opened for him: the phone numbers, never the hidden address, and not Lisa's (16+,
        // no consent to him).
        app.open_whole_dossier_for_mehmet().await;
        let mehmet_cookie = app.login("mehmet").await;
        let mehmet = app.get("/wie-betrokken", &mehmet_cookie).await.body;
        assert!(mehmet.contains(SANNE_PHONE) && mehmet.contains(NOOR_PHONE));
        assert!(!mehmet.contains(ADDRESS) && !mehmet.contains("Kastanjeweg"));
        assert!(!mehmet.contains(LISA_MAIL));
        let print = app
            .get("/mijn-dossier/afdrukken", &mehmet_cookie)
            .await
            .body;
        assert!(print.contains(SANNE_PHONE), "the print view has the family");
        assert!(!print.contains("Kastanjeweg"));
        let export = app.get("/api/export_my_data", &mehmet_cookie).await.body;
        assert!(export.contains(SANNE_PHONE), "the download has the family");
        assert!(!export.contains("Kastanjeweg"));
        // Not in his access log either: the entry is about what is hidden from him.
        let log = app.get("/wie-keek-mee", &mehmet_cookie).await.body;
        assert!(!log.contains("afgeschermd voor een gezinslid"));
        let sanne_export = app
            .get("/api/export_my_data", &app.login("sanne").await)
            .await
            .body;
        assert!(sanne_export.contains("Kastanjeweg"));

        // Hiding Noor's number from him afterwards: gone from his page at once.
        let noor_phone = ids::contact_detail(app.db(), NOOR_PHONE).await.to_string();
        let shield = |who: String, person: String, reason: &'static str| {
            let (app, case, id) = (&app, f.case.clone(), noor_phone.clone());
            async move {
                app.post(
                    "/api/shield_contact_detail",
                    &[
                        ("case", &case),
                        ("detail", &id),
                        ("person", &person),
                        ("reason", reason),
                    ],
                    &who,
                    Client::Script,
                )
                .await
            }
        };
        let r = shield(jeroen.clone(), f.noor.clone(), "x").await;
        assert_eq!(
            field_errors(&serde_json::from_str(&r.body).unwrap()),
            vec!["person".to_string()],
            "not from herself"
        );
        let r = shield(app.login("sanne").await, f.mehmet.clone(), "x").await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        let r = shield(jeroen.clone(), f.mehmet.clone(), "Op verzoek van Noor.").await;
        assert!(r.body.contains(r#""ok":true"#), "{}", r.body);
        let mehmet = app.get("/wie-betrokken", &mehmet_cookie).await.body;
        assert!(!mehmet.contains(NOOR_PHONE) && mehmet.contains(SANNE_PHONE));
        assert!(page("noor").await.contains(NOOR_PHONE), "still hers");

        // Ending Sanne's number: nobody in the family reads it any more; a second end changes
        // nothing and leaves no audit row; another organisation gets 404.
        let sanne_phone = ids::contact_detail(app.db(), SANNE_PHONE).await.to_string();
        let end = |who: String| {
            let (app, case, id) = (&app, f.case.clone(), sanne_phone.clone());
            async move {
                app.post(
                    "/api/end_contact_detail",
                    &[("case", &case), ("detail", &id)],
                    &who,
                    Client::Script,
                )
                .await
                .status
            }
        };
        assert_eq!(end(app.login("anouk").await).await, StatusCode::NOT_FOUND);
        assert_eq!(end(jeroen.clone()).await, StatusCode::OK);
        let ended = common::audit_rows(app.db(), "end_contact").await;
        assert_eq!(end(jeroen.clone()).await, StatusCode::OK);
        assert_eq!(common::audit_rows(app.db(), "end_contact").await, ended);
        assert!(!page("sanne").await.contains(SANNE_PHONE));
        assert!(page("sanne").await.contains(ADDRESS));
    }
);
