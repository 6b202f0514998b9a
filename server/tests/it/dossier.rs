//! The family's dossier: reports and responses, shielding, the 16+ rule, sharing with a
//! confidant, the export and the rights catalogue. Each test runs on SQLite and PostgreSQL.
use crate::common;

use axum::http::StatusCode;
use common::{ids, Client};

const RAAD: &str = "Beschermingsonderzoek (concept)";
const ADDRESS: &str = "Moeder en de kinderen wonen sinds deze maand";
// Words as the page shows them: jargon in a statement is a link to its explanation, so a
// page check uses a part without it (the lookups in the database use the statement's start).
const LISA_PART: &str = "Zij schreef een brief die bij dit rapport hoort";
const RAAD_VIEW: &str = "De Raad vindt dat de spanning";
const OFFICE: &str = "De raadsonderzoeker sprak moeder";
const OFFICE_SEEN: &str = "sprak moeder op het kantoor van de Raad";

on_both!(
    a_report_reads_statement_by_statement_with_kind_source_and_grounds,
    |app| {
        let sanne = app.login("sanne").await;
        let list = app.get("/rapporten", &sanne).await;
        assert_eq!(list.status, StatusCode::OK);
        assert!(list.body.contains(RAAD) && list.body.contains("Verslag onderzoek Veilig Thuis"));
        assert!(
            list.body.contains("U kunt reageren tot en met"),
            "the reaction window shows"
        );
        let id = ids::report(app.db(), RAAD).await;
        let page = app.get(&format!("/rapporten/{id}"), &sanne).await;
        assert_eq!(page.status, StatusCode::OK);
        for part in [
            "Wat iemand anders zegt",
            "Mening van de hulpverlener",
            "Bron: Huisarts van het gezin (huisarts)",
            "Deze mening rust op zin 2, 4, 5.",
            // Sanne's earlier own view, under the Raad's assessment.
            "Uw kant",
            "Daan heeft de laatste weken geen buikpijn meer.",
        ] {
            assert!(page.body.contains(part), "{part}");
        }
        // Filters are links that work without JavaScript.
        let facts = app
            .get(&format!("/rapporten/{id}?toon=feiten"), &sanne)
            .await;
        assert!(facts.body.contains(OFFICE_SEEN));
        assert!(
            !facts.body.contains(RAAD_VIEW),
            "an assessment is not a fact"
        );
        let opinions = app
            .get(&format!("/rapporten/{id}?toon=oordelen"), &sanne)
            .await;
        assert!(opinions.body.contains(RAAD_VIEW) && !opinions.body.contains(OFFICE_SEEN));
        // The VT report shows Sanne's correction request with its deadline.
        let vt = ids::report(app.db(), "Verslag onderzoek Veilig Thuis").await;
        let vt_page = app.get(&format!("/rapporten/{vt}"), &sanne).await;
        assert!(
            vt_page.body.contains("Verstuurd, nog niet bekeken"),
            "status of the request"
        );
        assert!(
            vt_page.body.contains("Beslissing uiterlijk"),
            "its one-month deadline"
        );
        assert!(
            vt_page.body.contains("U zei: dit klopt."),
            "her earlier agreement"
        );
    }
);

on_both!(
    a_correction_request_keeps_what_was_typed_and_is_filed_once,
    |app| {
        let sanne = app.login("sanne").await;
        let statement = ids::statement(app.db(), OFFICE).await;
        let sid = statement.to_string();
        let count = "SELECT COUNT(*) FROM correction_requests WHERE statement_id = $1";
        // Without JavaScript, a missing reason: back to the statement with the typed text kept.
        let r = app
            .post(
                "/api/request_correction",
                &[
                    ("statement", &sid),
                    ("key", "k1"),
                    ("kind", "feitelijke_onjuistheid"),
                    ("reason", "  "),
                    ("proposed", "Moeder was tien minuten te laat."),
                ],
                &sanne,
                Client::PlainForm,
            )
            .await;
        assert_eq!(r.status, StatusCode::FOUND, "{}", r.body);
        let back = r.location().unwrap().to_string();
        assert!(back.ends_with(&format!("#s-{sid}")), "{back}");
        let flash = r.cookie("helder_flash").expect("flash");
        let page = app
            .get(&back, &format!("{sanne}; helder_flash={flash}"))
            .await;
        assert!(
            page.body.contains("Moeder was tien minuten te laat."),
            "typed text kept"
        );
        assert!(
            page.body.contains("Vul dit in."),
            "message next to the field"
        );
        assert!(
            page.body
                .contains(r#"value="feitelijke_onjuistheid" checked"#),
            "choice kept"
        );
        assert_eq!(
            ids::count(app.db(), count, statement).await,
            0,
            "nothing half-written"
        );
        // Too long is refused too.
        let long = "x".repeat(4001);
        let r = app
            .post(
                "/api/request_correction",
                &[
                    ("statement", &sid),
                    ("key", "k1"),
                    ("kind", "aanvulling"),
                    ("reason", &long),
                    ("proposed", ""),
                ],
                &sanne,
                Client::Script,
            )
            .await;
        let reply: serde_json::Value = serde_json::from_str(&r.body).unwrap();
        assert_eq!(reply["ok"], false);
        assert_eq!(reply["field_errors"][0][0], "reason");
        // Valid, sent twice with the same key (a retry after a lost connection): filed once.
        for _ in 0..2 {
            let r = app
                .post(
                    "/api/request_correction",
                    &[
                        ("statement", &sid),
                        ("key", "k1"),
                        ("kind", "feitelijke_onjuistheid"),
                        ("reason", "Ik was op tijd."),
                        ("proposed", ""),
                    ],
                    &sanne,
                    Client::Script,
                )
                .await;
            assert_eq!(r.status, StatusCode::OK, "{}", r.body);
            assert!(r.body.contains(r#""ok":true"#));
        }
        assert_eq!(
            ids::count(app.db(), count, statement).await,
            1,
            "idempotent"
        );
        let due: (chrono::DateTime<chrono::Utc>, chrono::DateTime<chrono::Utc>, String) = app::on_db!(app.db(), p => sqlx::query_as(
        "SELECT created_at, due_at, status FROM correction_requests WHERE statement_id = $1").bind(statement).fetch_one(p).await).unwrap();
        assert_eq!(
            due.1,
            due.0 + chrono::Months::new(1),
            "legal deadline: one month"
        );
        assert_eq!(due.2, "ingediend");
        assert_eq!(
        ids::count(app.db(), "SELECT COUNT(*) FROM audit_events WHERE action = 'request_correction' AND object_id = $1", statement).await,
        1,
        "the change is audited"
    );
        let page = app
            .get(
                &format!("/rapporten/{}", ids::report(app.db(), RAAD).await),
                &sanne,
            )
            .await;
        assert!(page.body.contains("Verstuurd, nog niet bekeken"));
    }
);

on_both!(
    my_side_becomes_a_statement_of_my_kind_next_to_the_original,
    |app| {
        let noor = app.login("noor").await;
        let statement = ids::statement(app.db(), RAAD_VIEW).await;
        let sid = statement.to_string();
        let text = "Ik ben niet moe door thuis, maar door mijn bijbaan.";
        for _ in 0..2 {
            let r = app
                .post(
                    "/api/add_own_view",
                    &[("statement", &sid), ("key", "v1"), ("text", text)],
                    &noor,
                    Client::PlainForm,
                )
                .await;
            assert_eq!(r.status, StatusCode::FOUND, "{}", r.body);
        }
        let kinds: Vec<(String,)> = app::on_db!(app.db(), p => sqlx::query_as(
        "SELECT kind FROM statements WHERE responds_to = $1 ORDER BY created_at").bind(statement).fetch_all(p).await).unwrap();
        assert_eq!(
            kinds.iter().map(|k| k.0.as_str()).collect::<Vec<_>>(),
            ["visie_ouder", "visie_kind"],
            "Sanne's demo view and Noor's, once"
        );
        // Visible to the other family members and to the professional.
        let sanne = app.login("sanne").await;
        let report = ids::report(app.db(), RAAD).await;
        let page = app.get(&format!("/rapporten/{report}"), &sanne).await;
        assert!(page.body.contains(text) && page.body.contains("De kant van Noor Yilmaz"));
        let jeroen = app.login("jeroen").await;
        let case = ids::case(app.db(), "2026-0412").await;
        let pro = app
            .get(&format!("/zaken/{case}/rapporten/{report}"), &jeroen)
            .await;
        assert_eq!(pro.status, StatusCode::OK);
        assert!(pro.body.contains(text));
        assert!(
            !pro.body.contains("Mijn kant toevoegen"),
            "professionals do not respond as family"
        );
        // Agreeing is recorded once.
        let office = ids::statement(app.db(), OFFICE).await.to_string();
        for _ in 0..2 {
            let r = app
                .post(
                    "/api/agree_statement",
                    &[("statement", &office)],
                    &noor,
                    Client::Script,
                )
                .await;
            assert_eq!(r.status, StatusCode::OK);
        }
        assert_eq!(
            ids::count(
                app.db(),
                "SELECT COUNT(*) FROM statement_agreements WHERE statement_id = $1",
                ids::statement(app.db(), OFFICE).await
            )
            .await,
            1
        );
    }
);

on_both!(
    a_shielded_item_is_simply_absent_for_the_person_it_is_hidden_from,
    |app| {
        let address = ids::statement(app.db(), ADDRESS).await;
        let report = ids::report(app.db(), RAAD).await;
        // Sanne reads and responds to it: that writes audit events about the address.
        let sanne = app.login("sanne").await;
        let page = app.get(&format!("/rapporten/{report}"), &sanne).await;
        assert!(page.body.contains("Zonnebloemstraat"));
        let r = app
            .post(
                "/api/agree_statement",
                &[("statement", &address.to_string())],
                &sanne,
                Client::Script,
            )
            .await;
        assert_eq!(r.status, StatusCode::OK);

        // Shielding holds also when the whole dossier is open for him.
        app.open_whole_dossier_for_mehmet().await;
        let mehmet = app.login("mehmet").await;
        let page = app.get(&format!("/rapporten/{report}"), &mehmet).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains(RAAD_VIEW), "he reads the report");
        assert!(!page.body.contains("Zonnebloemstraat"), "absent");
        assert!(
            !page.body.contains(&address.to_string()),
            "no trace of its id"
        );
        for path in ["/api/agree_statement", "/api/add_own_view"] {
            let r = app
                .post(
                    path,
                    &[
                        ("statement", &address.to_string()),
                        ("key", "x"),
                        ("text", "x"),
                    ],
                    &mehmet,
                    Client::Script,
                )
                .await;
            assert_eq!(
                r.status,
                StatusCode::NOT_FOUND,
                "{path}: like a statement that does not exist"
            );
        }
        let export = app.get("/api/export_my_data", &mehmet).await;
        assert_eq!(export.status, StatusCode::OK);
        assert!(
            !export.body.contains("Zonnebloemstraat"),
            "not in the export"
        );
        let print = app.get("/mijn-dossier/afdrukken", &mehmet).await;
        assert!(
            !print.body.contains("Zonnebloemstraat"),
            "not in the print view"
        );
        // Sanne's "dit klopt" on the address is an entry about a statement hidden from him.
        let log = app.get("/wie-keek-mee?zelf=ja", &mehmet).await;
        assert_eq!(log.status, StatusCode::OK);
        assert!(
            !log.body.contains("gereageerd op een zin"),
            "not in the access log"
        );
        assert!(!log.body.contains("Zonnebloemstraat"));
        let log = app.get("/wie-keek-mee?zelf=ja", &sanne).await;
        assert!(
            log.body.contains("U zelf") && log.body.contains("gereageerd op een zin in"),
            "but the others see their own access"
        );
        assert!(
            !log.body.contains(ADDRESS),
            "the log never repeats dossier text"
        );
    }
);

on_both!(
    from_sixteen_the_young_person_decides_which_parent_reads_their_part,
    |app| {
        let report = ids::report(app.db(), RAAD).await;
        let path = format!("/rapporten/{report}");
        app.open_whole_dossier_for_mehmet().await;
        let mehmet = app.login("mehmet").await;
        let sanne = app.login("sanne").await;
        assert!(
            !app.get(&path, &mehmet).await.body.contains(LISA_PART),
            "no consent for the father"
        );
        assert!(
            app.get(&path, &sanne).await.body.contains(LISA_PART),
            "consent for the mother"
        );
        // Noor (14) reads it? She is a child of the case: yes, 12–15 read the whole dossier.
        let lisa = app.login("lisa").await;
        let page = app.get("/mijn-dossier", &lisa).await;
        assert!(
            page.body
                .contains("Mehmet Yilmaz mag jouw deel niet lezen."),
            "{}",
            page.body
        );
        let father = ids::person(app.db(), "Mehmet").await.to_string();
        let r = app
            .post(
                "/api/set_consent",
                &[("parent", &father), ("give", "true")],
                &lisa,
                Client::PlainForm,
            )
            .await;
        assert_eq!(r.location(), Some("/mijn-dossier"));
        assert!(
            app.get(&path, &mehmet).await.body.contains(LISA_PART),
            "after consent"
        );
        app.post(
            "/api/set_consent",
            &[("parent", &father), ("give", "false")],
            &lisa,
            Client::Script,
        )
        .await;
        assert!(
            !app.get(&path, &mehmet).await.body.contains(LISA_PART),
            "after withdrawal"
        );
        assert_eq!(
        ids::count(app.db(), "SELECT COUNT(*) FROM audit_events WHERE action IN ('give_consent', 'withdraw_consent') AND object_id = $1", ids::person(app.db(), "Mehmet").await).await,
        2
    );
        // Only for a parent in her family, and only for young people of 16+.
        let peter = ids::person(app.db(), "Peter").await.to_string();
        let r = app
            .post(
                "/api/set_consent",
                &[("parent", &peter), ("give", "true")],
                &lisa,
                Client::Script,
            )
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        let noor = app.login("noor").await;
        let r = app
            .post(
                "/api/set_consent",
                &[("parent", &father), ("give", "true")],
                &noor,
                Client::Script,
            )
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
    }
);

on_both!(
    a_family_shares_with_a_confidant_for_a_period_and_can_stop,
    |app| {
        let sanne = app.login("sanne").await;
        let until = (chrono::Utc::now().date_naive() + chrono::Duration::days(30)).to_string();
        // Unknown name and a professional's name are refused, with what was typed kept.
        for name in ["niemand", "jeroen"] {
            let r = app
                .post(
                    "/api/share_dossier",
                    &[
                        ("username", name),
                        ("role", "vertrouwenspersoon"),
                        ("until", &until),
                    ],
                    &sanne,
                    Client::PlainForm,
                )
                .await;
            let flash = r.cookie("helder_flash").unwrap();
            let page = app
                .get("/mijn-dossier", &format!("{sanne}; helder_flash={flash}"))
                .await;
            assert!(
                page.body
                    .contains("We kennen geen vertrouwenspersoon of advocaat met deze naam."),
                "{name}"
            );
            assert!(page.body.contains(&format!(r#"value="{name}""#)), "kept");
        }
        let case = ids::case(app.db(), "2026-0412").await;
        let yvonne = app.login("yvonne").await;
        assert_eq!(
            app.get(&format!("/zaken/{case}"), &yvonne).await.status,
            StatusCode::NOT_FOUND,
            "not shared yet"
        );
        let r = app
            .post(
                "/api/share_dossier",
                &[
                    ("username", "yvonne"),
                    ("role", "vertrouwenspersoon"),
                    ("until", &until),
                ],
                &sanne,
                Client::Script,
            )
            .await;
        assert!(r.body.contains(r#""ok":true"#), "{}", r.body);
        let home = app.get("/", &yvonne).await;
        assert!(
            home.body.contains("Familie Jansen-Yilmaz")
                && home.body.contains("Gedeeld door Sanne Jansen")
        );
        for path in [
            format!("/zaken/{case}"),
            format!("/zaken/{case}/betrokken"),
            format!("/zaken/{case}/rapporten"),
        ] {
            assert_eq!(
                app.get(&path, &yvonne).await.status,
                StatusCode::OK,
                "{path}"
            );
        }
        let report = ids::report(app.db(), RAAD).await;
        let page = app
            .get(&format!("/zaken/{case}/rapporten/{report}"), &yvonne)
            .await;
        assert!(
            page.body.contains(LISA_PART),
            "she reads through Sanne's eyes"
        );
        assert!(!page.body.contains("Mijn kant toevoegen"), "reading only");
        let office = ids::statement(app.db(), OFFICE).await.to_string();
        let r = app
            .post(
                "/api/agree_statement",
                &[("statement", &office)],
                &yvonne,
                Client::Script,
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::NOT_FOUND,
            "a confidant does not respond for the family"
        );
        // The family sees her reading it.
        let log = app.get("/wie-keek-mee", &sanne).await;
        assert!(
            log.body
                .contains(r#"<strong dir="auto">Yvonne Mulder</strong>"#),
            "{}",
            log.body
        );
        // Stop sharing: she is out at once.
        let share: (uuid::Uuid,) = app::on_db!(app.db(), p => sqlx::query_as("SELECT id FROM delegations WHERE revoked_at IS NULL").fetch_one(p).await).unwrap();
        let r = app
            .post(
                "/api/revoke_share",
                &[("share", &share.0.to_string())],
                &sanne,
                Client::Script,
            )
            .await;
        assert_eq!(r.status, StatusCode::OK);
        assert_eq!(
            app.get(&format!("/zaken/{case}"), &yvonne).await.status,
            StatusCode::NOT_FOUND
        );
        // Another family member cannot stop Sanne's share, nor can Peter.
        let r = app
            .post(
                "/api/revoke_share",
                &[("share", &share.0.to_string())],
                &app.login("peter").await,
                Client::Script,
            )
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        // A date beyond a year is refused.
        let far = (chrono::Utc::now().date_naive() + chrono::Duration::days(400)).to_string();
        let r = app
            .post(
                "/api/share_dossier",
                &[
                    ("username", "yvonne"),
                    ("role", "advocaat"),
                    ("until", &far),
                ],
                &sanne,
                Client::Script,
            )
            .await;
        assert!(r.body.contains(r#""until""#), "{}", r.body);
    }
);

on_both!(
    the_export_holds_everything_about_the_reader_and_is_audited,
    |app| {
        let sanne = app.login("sanne").await;
        let r = app.get("/api/export_my_data", &sanne).await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(r
            .headers
            .get("content-disposition")
            .unwrap()
            .to_str()
            .unwrap()
            .starts_with("attachment; filename=\"helder-dossier-"));
        let json: serde_json::Value = serde_json::from_str(&r.body).unwrap();
        assert_eq!(json["case_reference"], "2026-0412");
        assert_eq!(json["reports"].as_array().unwrap().len(), 2);
        assert!(r.body.contains("Oma (moeder van Sanne)"), "informants");
        assert!(
            r.body.contains("Vader was niet bij het huisbezoek"),
            "her correction request"
        );
        assert!(json["access_log"].as_array().is_some());
        assert_eq!(
            ids::count(
                app.db(),
                "SELECT COUNT(*) FROM audit_events WHERE action = 'export' AND object_id = $1",
                ids::case(app.db(), "2026-0412").await
            )
            .await,
            1
        );
        // Started from another site: refused.
        let cross = app
            .get_with(
                "/api/export_my_data",
                &sanne,
                &[("sec-fetch-site", "cross-site")],
            )
            .await;
        assert_eq!(cross.status, StatusCode::NOT_FOUND);
        // Not for professionals or analysts.
        assert_eq!(
            app.get("/api/export_my_data", &app.login("jeroen").await)
                .await
                .status,
            StatusCode::NOT_FOUND
        );
    }
);

on_both!(
    rights_follow_phase_age_and_authority_in_both_languages,
    |app| {
        let noor = app.login("noor").await;
        let page = app.get("/mijn-rechten", &noor).await;
        assert!(
            page.body.contains("Praten met de rechter"),
            "12+: being heard"
        );
        assert!(
            page.body.contains("Jouw kant laten opschrijven"),
            "addressed to a young person"
        );
        assert!(!page.body.contains("Een advocaat</h2>"), "a parent's right");
        assert!(
            !page.body.contains("Jij beslist wie jouw deel leest"),
            "16+ only"
        );
        let lisa = app.login("lisa").await;
        assert!(app
            .get("/mijn-rechten", &lisa)
            .await
            .body
            .contains("Jij beslist wie jouw deel leest"));
        let sanne = app.login("sanne").await;
        let page = app.get("/mijn-rechten", &sanne).await;
        assert!(
            !page.body.contains("Een tweede onderzoek vragen"),
            "a second opinion only when parental authority may end (court phase), not during the Raad's investigation"
        );
        assert!(
            page.body.contains("Een klacht over de Raad"),
            "the Raad's phase"
        );
        assert!(
            page.body.contains("Een klacht over Veilig Thuis"),
            "a complaint right stays visible for its term after VT's phase ended"
        );
        assert!(
            !page.body.contains("Weten dat er een melding is"),
            "other VT rights end with VT's phase"
        );
        assert!(
            !page
                .body
                .contains("Soms blijft iets weg om een ander te beschermen; dan hoort u waarom"),
            "a shielded item leaves no trace: no promise to explain it"
        );
        assert!(page.body.contains("minstens 5 werkdagen"));
        let mehmet = app.login("mehmet").await;
        assert!(
            !app.get("/mijn-rechten", &mehmet)
                .await
                .body
                .contains("Een klacht over de jeugdbeschermer"),
            "not the certified organisation's phase"
        );
        let r = app
            .post(
                "/api/set_language",
                &[("lang", "en"), ("back", "/mijn-rechten")],
                &sanne,
                Client::Script,
            )
            .await;
        let lang = r
            .cookie("helder_lang")
            .map(|v| format!("; helder_lang={v}"))
            .unwrap_or_default();
        let en = app.get("/mijn-rechten", &format!("{sanne}{lang}")).await;
        assert!(
            en.body
                .contains("A complaint about the Child Care and Protection Board"),
            "English texts from the database, one name for the Raad"
        );
        let en_noor = app.get("/mijn-rechten", &format!("{noor}{lang}")).await;
        assert!(
            en_noor.body.contains("Having your side written down"),
            "English addressed to a young person ('en-young')"
        );
        assert!(
            en_noor.body.contains("Being heard by the judge"),
            "falls back to 'en' where a right has no 'en-young' text"
        );
    }
);

on_both!(
    a_young_person_reads_the_praatplaat_in_simpler_words,
    |app| {
        let noor = app.login("noor").await;
        let page = app.get("/waar-sta-ik", &noor).await;
        assert!(
            page.body.contains("De Raad wil weten wat jij nodig hebt"),
            "{}",
            page.body
        );
        assert!(page.body.contains("Wat kun jij nu doen?"));
        let sanne = app.login("sanne").await;
        assert!(app
            .get("/waar-sta-ik", &sanne)
            .await
            .body
            .contains("De Raad onderzoekt wat uw kind nodig heeft"));
        let who = app.get("/wie-betrokken", &noor).await;
        assert!(who.body.contains("Mentor van Noor") && who.body.contains("Jeroen Smit"));
        assert!(
            !who.body.contains("Huisarts van het gezin") && !who.body.contains("Mentor van Lisa"),
            "what was asked about a sibling is that sibling's"
        );
        assert!(who.body.contains("Eerder betrokken") && who.body.contains("Karin Bos"));
    }
);

on_both!(
    a_professional_hides_a_statement_from_one_family_member_with_a_reason,
    |app| {
        let case = ids::case(app.db(), "2026-0412").await.to_string();
        let report = ids::report(app.db(), RAAD).await;
        let oma = ids::statement(app.db(), "Oma vertelt").await.to_string();
        let noor = ids::person(app.db(), "Noor").await.to_string();
        let jeroen = app.login("jeroen").await;
        // The reason is required, and what was typed comes back.
        let r = app
            .post(
                "/api/shield_statement",
                &[
                    ("case", &case),
                    ("statement", &oma),
                    ("person", &noor),
                    ("reason", " "),
                ],
                &jeroen,
                Client::Script,
            )
            .await;
        assert!(r.body.contains(r#""reason""#), "{}", r.body);
        let r = app
            .post(
                "/api/shield_statement",
                &[
                    ("case", &case),
                    ("statement", &oma),
                    ("person", &noor),
                    ("reason", "Oma vroeg dit niet met de kinderen te delen."),
                ],
                &jeroen,
                Client::PlainForm,
            )
            .await;
        assert_eq!(r.status, StatusCode::FOUND);
        let pro = app
            .get(&format!("/zaken/{case}/rapporten/{report}"), &jeroen)
            .await;
        assert!(
            pro.body.contains(
                "Verborgen voor Noor Yilmaz. Reden: Oma vroeg dit niet met de kinderen te delen."
            ),
            "the professional sees it and why"
        );
        let noor_page = app
            .get(&format!("/rapporten/{report}"), &app.login("noor").await)
            .await;
        assert!(!noor_page.body.contains("Oma vertelt"), "absent for Noor");
        assert!(
            app.get(&format!("/rapporten/{report}"), &app.login("sanne").await)
                .await
                .body
                .contains("Oma vertelt"),
            "still there for Sanne"
        );
        // Only a professional of the case; only a member of the case's family.
        let anouk = app.login("anouk").await;
        let r = app
            .post(
                "/api/shield_statement",
                &[
                    ("case", &case),
                    ("statement", &oma),
                    ("person", &noor),
                    ("reason", "x"),
                ],
                &anouk,
                Client::Script,
            )
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        let peter = ids::person(app.db(), "Peter").await.to_string();
        let r = app
            .post(
                "/api/shield_statement",
                &[
                    ("case", &case),
                    ("statement", &oma),
                    ("person", &peter),
                    ("reason", "x"),
                ],
                &jeroen,
                Client::Script,
            )
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        let sanne = app.login("sanne").await;
        let r = app
            .post(
                "/api/shield_statement",
                &[
                    ("case", &case),
                    ("statement", &oma),
                    ("person", &noor),
                    ("reason", "x"),
                ],
                &sanne,
                Client::Script,
            )
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
    }
);
