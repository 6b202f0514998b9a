//! The authorisation matrix: every server function × every role, as a table of rows read by
//! one loop. A new server function is one new row (the test fails until it has one); each row
//! says what it is called with, on which cases, who may, and what the others get. Denied looks
//! exactly like not found.
//!
//! The matrix is about the policy. What a parent without authority sees of a case he may read
//! is the visibility rule's (`visibility.rs`): his whole dossier is opened first so that the
//! report and statement rows mean the same for every parent.
use crate::common;

use axum::http::StatusCode;
use common::{ids, Client};
use std::collections::{BTreeSet, HashMap};
use uuid::Uuid;

/// The demo's two cases.
const CASES: [&str; 2] = ["2026-0412", "2025-1187"];
/// The first report of each case.
const REPORTS: [(&str, &str); 2] = [
    ("2026-0412", "Beschermingsonderzoek (concept)"),
    ("2025-1187", "Plan van aanpak"),
];
/// A statement every family member of the case may see, per case.
const STATEMENTS: [(&str, &str); 2] = [
    ("2026-0412", "De raadsonderzoeker sprak moeder"),
    ("2025-1187", "Emma gaat drie middagen"),
];

/// Who asks: a demo user, the case they belong to (family) or are assigned to (professional).
#[derive(Clone, Copy, Debug)]
struct Reader {
    user: &'static str,
    own: Option<&'static str>,
    role: Role,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Role {
    Family,
    Professional,
    Confidant,
    Analyst,
    Administrator,
}

const READERS: [Reader; 13] = [
    r("sanne", Some("2026-0412"), Role::Family),
    r("mehmet", Some("2026-0412"), Role::Family),
    r("noor", Some("2026-0412"), Role::Family),
    r("lisa", Some("2026-0412"), Role::Family),
    r("peter", Some("2025-1187"), Role::Family),
    r("jeroen", Some("2026-0412"), Role::Professional),
    r("fatima", Some("2026-0412"), Role::Professional),
    r("willem", Some("2026-0412"), Role::Professional),
    r("anouk", Some("2025-1187"), Role::Professional),
    r("karin", None, Role::Professional),
    r("yvonne", None, Role::Confidant),
    r("analist", None, Role::Analyst),
    r("beheer", None, Role::Administrator),
];

const fn r(user: &'static str, own: Option<&'static str>, role: Role) -> Reader {
    Reader { user, own, role }
}

impl Reader {
    fn family(self) -> bool {
        self.role == Role::Family
    }
    fn professional(self) -> bool {
        self.role == Role::Professional
    }
    fn on(self, case: &str) -> bool {
        self.own == Some(case)
    }
    fn family_of(self, case: &str) -> bool {
        self.family() && self.on(case)
    }
    fn assigned_to(self, case: &str) -> bool {
        self.professional() && self.on(case)
    }
}

/// What one call is made on.
#[derive(Clone, Copy, Debug)]
enum On {
    Nothing,
    /// A case: its id, its first report or its statement, per row.
    Case(&'static str),
    /// A report through a case: (the case in the address, the report's own case).
    ReportVia(&'static str, &'static str),
}

/// Which targets a row is tried on.
#[derive(Clone, Copy)]
enum Over {
    Once,
    Cases,
    ReportsViaCases,
}

impl Over {
    fn targets(self) -> Vec<On> {
        match self {
            Over::Once => vec![On::Nothing],
            Over::Cases => CASES.into_iter().map(On::Case).collect(),
            Over::ReportsViaCases => CASES
                .into_iter()
                .flat_map(|via| {
                    REPORTS
                        .into_iter()
                        .map(move |(of, _)| On::ReportVia(via, of))
                })
                .collect(),
        }
    }
}

/// What an allowed call answers.
#[derive(Clone, Copy)]
enum Allowed {
    /// 200.
    Ok,
    /// 200 with a form reply that is not ok (the row's input is deliberately invalid).
    Reply,
    /// 2xx or a redirect (language, logging out).
    Moves,
}

type Form = Vec<(&'static str, String)>;

struct Row {
    path: &'static str,
    get: bool,
    over: Over,
    args: fn(&Ids, On) -> Form,
    may: fn(Reader, On) -> bool,
    allowed: Allowed,
    denied: StatusCode,
}

/// A POST row with the usual answers: 200 when allowed, 404 when not.
fn post(
    path: &'static str,
    over: Over,
    args: fn(&Ids, On) -> Form,
    may: fn(Reader, On) -> bool,
) -> Row {
    Row {
        path,
        get: false,
        over,
        args,
        may,
        allowed: Allowed::Ok,
        denied: StatusCode::NOT_FOUND,
    }
}

impl Row {
    fn get(mut self) -> Row {
        self.get = true;
        self
    }
    fn allowed(mut self, allowed: Allowed) -> Row {
        self.allowed = allowed;
        self
    }
    fn denied(mut self, denied: StatusCode) -> Row {
        self.denied = denied;
        self
    }
}

/// Ids of the demo rows the table names, looked up once.
struct Ids {
    case: HashMap<&'static str, String>,
    report: HashMap<&'static str, String>,
    statement: HashMap<&'static str, String>,
    /// Per case, an involvement its professionals may end: Fatima's (Veilig Thuis, ending;
    /// the Raad is responsible) and Anouk's (SAVE, responsible).
    involvement: HashMap<&'static str, String>,
    /// Per case, a family member's phone number (Sanne's, Peter's).
    contact: HashMap<&'static str, String>,
    sanne: String,
    linda: String,
    mehmet: String,
    response: String,
    request: String,
}

impl Ids {
    async fn load(db: &app::backend::Db) -> Ids {
        let mut case = HashMap::new();
        let mut report = HashMap::new();
        let mut statement = HashMap::new();
        for ((reference, title), (_, start)) in REPORTS.into_iter().zip(STATEMENTS) {
            case.insert(reference, ids::case(db, reference).await.to_string());
            report.insert(reference, ids::report(db, title).await.to_string());
            statement.insert(reference, ids::statement(db, start).await.to_string());
        }
        Ids {
            case,
            report,
            statement,
            involvement: HashMap::from([
                (
                    CASES[0],
                    ids::involvement(db, CASES[0], "Fatima").await.to_string(),
                ),
                (
                    CASES[1],
                    ids::involvement(db, CASES[1], "Anouk").await.to_string(),
                ),
            ]),
            contact: HashMap::from([
                (
                    CASES[0],
                    ids::contact_detail(db, "06 11122233").await.to_string(),
                ),
                (
                    CASES[1],
                    ids::contact_detail(db, "06 77788899").await.to_string(),
                ),
            ]),
            sanne: ids::person(db, "Sanne").await.to_string(),
            linda: ids::person(db, "Linda").await.to_string(),
            mehmet: ids::person(db, "Mehmet").await.to_string(),
            response: ids::feedback_of(db, "Sanne").await.to_string(),
            request: ids::open_request(db).await.to_string(),
        }
    }
    fn case(&self, on: On) -> String {
        match on {
            On::Case(c) | On::ReportVia(c, _) => self.case[c].clone(),
            On::Nothing => unreachable!("a case row without a case"),
        }
    }
    fn involvement(&self, on: On) -> String {
        let On::Case(c) = on else { unreachable!() };
        self.involvement[c].clone()
    }
    fn contact(&self, on: On) -> String {
        let On::Case(c) = on else { unreachable!() };
        self.contact[c].clone()
    }
    fn statement(&self, on: On) -> String {
        let On::Case(c) = on else { unreachable!() };
        self.statement[c].clone()
    }
    fn report(&self, on: On) -> String {
        match on {
            On::Case(of) | On::ReportVia(_, of) => self.report[of].clone(),
            On::Nothing => unreachable!("a report row without a report"),
        }
    }
}

fn none(_: &Ids, _: On) -> Form {
    Vec::new()
}
fn case(ids: &Ids, on: On) -> Form {
    vec![("case", ids.case(on))]
}
fn anyone(_: Reader, _: On) -> bool {
    true
}
fn no_one(_: Reader, _: On) -> bool {
    false
}
fn family(r: Reader, _: On) -> bool {
    r.family()
}
fn professional(r: Reader, _: On) -> bool {
    r.professional()
}
fn on_the_case(r: Reader, on: On) -> bool {
    matches!(on, On::Case(c) if r.on(c))
}
fn family_of_the_case(r: Reader, on: On) -> bool {
    matches!(on, On::Case(c) if r.family_of(c))
}
fn assigned_to_the_case(r: Reader, on: On) -> bool {
    matches!(on, On::Case(c) if r.assigned_to(c))
}
/// A professional of the organisation that wrote the report, through the report's own case:
/// the Raad's Jeroen and Willem for the Raad's report, SAVE's Anouk for SAVE's plan.
fn writes_the_report(r: Reader, on: On) -> bool {
    matches!(on, On::ReportVia(via, of) if via == of && r.assigned_to(via) && r.user != "fatima")
}
/// Of those, the case's gedragsdeskundige (Willem, the one among the readers).
fn reviews_the_report(r: Reader, on: On) -> bool {
    writes_the_report(r, on) && r.user == "willem"
}
fn report_form(ids: &Ids, on: On) -> Form {
    vec![("case", ids.case(on)), ("report", ids.report(on))]
}
fn analyst_or_administrator(r: Reader, _: On) -> bool {
    matches!(r.role, Role::Analyst | Role::Administrator)
}
fn administrator(r: Reader, _: On) -> bool {
    r.role == Role::Administrator
}

/// The rows, in the order each reader calls them (logging out last).
fn rows() -> Vec<Row> {
    use Allowed::{Moves, Reply};
    use Over::{Cases, Once, ReportsViaCases};
    vec![
        // The family's own pages, by case id: whoever belongs to or works on that case.
        post("/api/praatplaat", Cases, case, on_the_case),
        post("/api/involved", Cases, case, on_the_case),
        post("/api/reports", Cases, case, on_the_case),
        // A report is only found through its own case.
        post(
            "/api/report",
            ReportsViaCases,
            |ids, on| vec![("case", ids.case(on)), ("report", ids.report(on))],
            |r, on| matches!(on, On::ReportVia(via, of) if via == of && r.on(via)),
        ),
        // The reader's own case, without an id: family members only.
        post("/api/praatplaat", Once, none, family),
        post("/api/involved", Once, none, family),
        post("/api/reports", Once, none, family),
        post("/api/rights", Once, none, family),
        // Reference data for everyone, logged in or not (the anonymous call: words.rs).
        post("/api/glossary", Once, none, anyone),
        post("/api/api_reference", Once, none, anyone),
        post("/api/own_dossier", Once, none, family),
        post("/api/print_dossier", Once, none, family),
        post("/api/access_log", Once, none, family),
        post("/api/export_my_data", Once, none, family).get(),
        // Reports and statements by id, without a case: only those of one's own case.
        post(
            "/api/report",
            Cases,
            |ids, on| vec![("report", ids.report(on))],
            family_of_the_case,
        ),
        post(
            "/api/agree_statement",
            Cases,
            |ids, on| vec![("statement", ids.statement(on))],
            family_of_the_case,
        ),
        // Invalid input: allowed readers get a form reply, others "not found".
        post(
            "/api/request_correction",
            Cases,
            |ids, on| {
                vec![
                    ("statement", ids.statement(on)),
                    ("key", "m".into()),
                    ("kind", String::new()),
                    ("reason", String::new()),
                    ("proposed", String::new()),
                ]
            },
            family_of_the_case,
        ),
        post(
            "/api/add_own_view",
            Cases,
            |ids, on| {
                vec![
                    ("statement", ids.statement(on)),
                    ("key", "m".into()),
                    ("text", String::new()),
                ]
            },
            family_of_the_case,
        ),
        // "Klaar met reageren", on the report of one's own case (Plan van aanpak is final: a
        // form reply; the Raad's report is open: said).
        post(
            "/api/close_reaction",
            Cases,
            |ids, on| vec![("report", ids.report(on))],
            family_of_the_case,
        ),
        // Sharing with a confidant; consent is the 16-year-old's own (Lisa).
        post(
            "/api/share_dossier",
            Once,
            |_, _| {
                vec![
                    ("username", String::new()),
                    ("role", String::new()),
                    ("until", String::new()),
                ]
            },
            family,
        ),
        post(
            "/api/revoke_share",
            Once,
            |_, _| vec![("share", Uuid::new_v4().to_string())],
            no_one,
        ),
        post(
            "/api/set_consent",
            Once,
            |ids, _| vec![("parent", ids.sanne.clone()), ("give", "true".into())],
            |r, _| r.user == "lisa",
        ),
        post("/api/shared_with_me", Once, none, |r, _| {
            r.role == Role::Confidant
        }),
        // The case's professionals: hiding a statement from Linda (in the second family; an
        // empty reason is a form reply), opening the whole dossier for Mehmet (in the first),
        // the family list, and inviting Linda (the only demo member without an account).
        post(
            "/api/shield_statement",
            Cases,
            |ids, on| {
                vec![
                    ("case", ids.case(on)),
                    ("statement", ids.statement(on)),
                    ("person", ids.linda.clone()),
                    ("reason", String::new()),
                ]
            },
            |r, on| assigned_to_the_case(r, on) && matches!(on, On::Case("2025-1187")),
        ),
        post("/api/full_information", Cases, case, assigned_to_the_case),
        post(
            "/api/set_full_information",
            Cases,
            |ids, on| {
                vec![
                    ("case", ids.case(on)),
                    ("person", ids.mehmet.clone()),
                    ("open", "true".into()),
                    ("reason", String::new()),
                ]
            },
            |r, on| assigned_to_the_case(r, on) && matches!(on, On::Case("2026-0412")),
        ),
        post("/api/case_family", Cases, case, assigned_to_the_case),
        post(
            "/api/invite_member",
            Cases,
            |ids, on| vec![("case", ids.case(on)), ("person", ids.linda.clone())],
            |r, on| assigned_to_the_case(r, on) && matches!(on, On::Case("2025-1187")),
        ),
        // The family's addresses and numbers: recording one (an empty form: a reply), hiding
        // one (no member chosen: a reply), ending one (the first ends it, the others change
        // nothing).
        post(
            "/api/add_contact_detail",
            Cases,
            |ids, on| vec![("case", ids.case(on)), ("person", String::new())],
            assigned_to_the_case,
        )
        .allowed(Reply),
        post(
            "/api/shield_contact_detail",
            Cases,
            |ids, on| {
                vec![
                    ("case", ids.case(on)),
                    ("detail", ids.contact(on)),
                    ("person", String::new()),
                ]
            },
            assigned_to_the_case,
        )
        .allowed(Reply),
        post(
            "/api/end_contact_detail",
            Cases,
            |ids, on| vec![("case", ids.case(on)), ("detail", ids.contact(on))],
            assigned_to_the_case,
        ),
        post("/api/list_my_cases", Once, none, professional),
        // Opening a case: every demo professional's organisation leads a phase (an empty form:
        // a reply); adding a member: the case's professionals.
        post("/api/open_case_choices", Once, none, professional),
        post(
            "/api/open_case",
            Once,
            |_, _| {
                vec![
                    ("family", String::new()),
                    ("reference", String::new()),
                    ("reporter", String::new()),
                ]
            },
            professional,
        )
        .allowed(Reply),
        post(
            "/api/add_member",
            Cases,
            |ids, on| vec![("case", ids.case(on)), ("member[given]", String::new())],
            assigned_to_the_case,
        )
        .allowed(Reply),
        // Recording the next phase (an empty form: a reply that nothing was recorded).
        post("/api/next_phase", Cases, case, assigned_to_the_case),
        post(
            "/api/start_phase",
            Cases,
            |ids, on| {
                vec![
                    ("case", ids.case(on)),
                    ("from", String::new()),
                    ("to", String::new()),
                    ("date", String::new()),
                    ("decision", String::new()),
                    ("due", String::new()),
                    ("due_reason", String::new()),
                ]
            },
            assigned_to_the_case,
        )
        .allowed(Reply),
        // Who works on the case: every professional of the case reads it and may add (an empty
        // form: a reply that nothing was added) and end (a date that is not one); only the
        // organisation responsible now moves the marks (the Raad on the first case, SAVE on
        // the second; a contact person who moved meanwhile: a reply that nothing changed).
        post("/api/case_team", Cases, case, assigned_to_the_case),
        post(
            "/api/add_involvement",
            Cases,
            |ids, on| {
                vec![
                    ("case", ids.case(on)),
                    ("person", String::new()),
                    ("role", String::new()),
                    ("since", String::new()),
                    ("until", String::new()),
                ]
            },
            assigned_to_the_case,
        )
        .allowed(Reply),
        post(
            "/api/end_involvement",
            Cases,
            |ids, on| {
                vec![
                    ("case", ids.case(on)),
                    ("involvement", ids.involvement(on)),
                    ("until", "x".into()),
                ]
            },
            assigned_to_the_case,
        )
        .allowed(Reply),
        post(
            "/api/mark_involvement",
            Cases,
            |ids, on| {
                vec![
                    ("case", ids.case(on)),
                    ("involvement", ids.involvement(on)),
                    ("mark", "contact".into()),
                    ("was", Uuid::new_v4().to_string()),
                ]
            },
            |r, on| assigned_to_the_case(r, on) && r.user != "fatima",
        )
        .allowed(Reply),
        // Writing reports: any professional of the case starts one (an empty form: a reply);
        // only the writing organisation opens, changes, sends or finalises it. The demo's
        // reports are published, so a change is refused with a reply, never made.
        post(
            "/api/start_report",
            Cases,
            |ids, on| {
                vec![
                    ("case", ids.case(on)),
                    ("kind", String::new()),
                    ("title", String::new()),
                ]
            },
            assigned_to_the_case,
        )
        .allowed(Reply),
        post(
            "/api/writing",
            ReportsViaCases,
            report_form,
            writes_the_report,
        ),
        post(
            "/api/save_statement",
            ReportsViaCases,
            report_form,
            writes_the_report,
        )
        .allowed(Reply),
        post(
            "/api/remove_statement",
            ReportsViaCases,
            |ids, on| {
                let mut form = report_form(ids, on);
                form.push(("statement", Uuid::new_v4().to_string()));
                form
            },
            writes_the_report,
        )
        .allowed(Reply),
        post(
            "/api/publish_report",
            ReportsViaCases,
            report_form,
            writes_the_report,
        )
        .allowed(Reply),
        // The family members of the first case said "klaar met reageren" on the Raad's report
        // in their rows above, so its first writer makes it final (200, ok); the next one is
        // told it is final already (200, a form reply).
        post(
            "/api/finalise_report",
            ReportsViaCases,
            report_form,
            writes_the_report,
        ),
        // The Raad's report is open for the family's reaction: reviewing it is too late (a
        // reply); anyone but the case's gedragsdeskundige gets 404.
        post(
            "/api/review_report",
            ReportsViaCases,
            report_form,
            reviews_the_report,
        )
        .allowed(Reply),
        // Who was asked: every professional of the case (an empty form: a reply).
        post("/api/case_informants", Cases, case, assigned_to_the_case),
        post(
            "/api/add_informant",
            Cases,
            |ids, on| {
                vec![
                    ("case", ids.case(on)),
                    ("who", String::new()),
                    ("relation", String::new()),
                    ("date", String::new()),
                    ("topic", String::new()),
                ]
            },
            assigned_to_the_case,
        )
        .allowed(Reply),
        post("/api/case_contacts", Cases, case, assigned_to_the_case),
        post(
            "/api/record_contact",
            Cases,
            |ids, on| {
                vec![
                    ("case", ids.case(on)),
                    ("id", Uuid::new_v4().to_string()),
                    ("kind", String::new()),
                    ("date", String::new()),
                    ("time", String::new()),
                    ("summary", String::new()),
                ]
            },
            assigned_to_the_case,
        ),
        // Feedback: family members give it about their own case; professionals read, record
        // and answer it on assigned cases (Sanne's is about the first).
        post("/api/my_feedback", Once, none, family),
        post(
            "/api/save_feedback",
            Once,
            |_, _| {
                vec![
                    ("contact", String::new()),
                    ("key", "m".into()),
                    ("intent", "send".into()),
                    ("comment", String::new()),
                ]
            },
            family,
        )
        .allowed(Reply),
        // Only the writer of a sent response lets the organisation's system have its words.
        post(
            "/api/share_feedback",
            Once,
            |ids, _| vec![("response", ids.response.clone()), ("share", "yes".into())],
            |r, _| r.user == "sanne",
        ),
        post("/api/inbox", Once, none, professional),
        post(
            "/api/reply_to_feedback",
            Once,
            |ids, _| vec![("response", ids.response.clone()), ("text", String::new())],
            |r, _| r.assigned_to("2026-0412"),
        ),
        post(
            "/api/mark_discussed",
            Once,
            |ids, _| vec![("response", ids.response.clone()), ("date", "x".into())],
            |r, _| r.assigned_to("2026-0412"),
        ),
        // The open request is about Veilig Thuis's report: only its assigned professional
        // decides (an empty reason: a form reply).
        post(
            "/api/decide_correction",
            Once,
            |ids, _| {
                vec![
                    ("request", ids.request.clone()),
                    ("decision", "decline".into()),
                    ("text", String::new()),
                    ("reason", String::new()),
                ]
            },
            |r, _| r.user == "fatima",
        ),
        // The organisation's anonymised figures (their own organisation: insights.rs), as the
        // page and as the CSV.
        post("/api/insights", Once, none, analyst_or_administrator),
        post("/inzicht/export.csv", Once, none, analyst_or_administrator).get(),
        // Only an organisation administrator manages staff, and only their own.
        post("/api/staff", Once, none, administrator),
        post("/api/staff_audit", Once, none, administrator),
        // Only an organisation administrator makes, rotates and revokes its API clients (a
        // client of another organisation, or none, is not found; the API's own matrix is
        // `api::every_api_call_as_every_client`).
        post("/api/api_clients", Once, none, administrator),
        post(
            "/api/create_api_client",
            Once,
            |_, _| vec![("name", String::new())],
            administrator,
        ),
        post(
            "/api/rotate_api_client",
            Once,
            |_, _| vec![("client", Uuid::new_v4().to_string())],
            no_one,
        ),
        post(
            "/api/revoke_api_client",
            Once,
            |_, _| vec![("client", Uuid::new_v4().to_string())],
            no_one,
        ),
        post(
            "/api/invite_professional",
            Once,
            |_, _| {
                vec![
                    ("given_name", String::new()),
                    ("family_name", String::new()),
                    ("job_title", String::new()),
                ]
            },
            administrator,
        ),
        post(
            "/api/set_staff_disabled",
            Once,
            |_, _| {
                vec![
                    ("account", Uuid::new_v4().to_string()),
                    ("disabled", "true".into()),
                ]
            },
            no_one,
        ),
        // Everyone's own account: the password (a wrong current one is a reply), activation
        // (open to anyone holding a code; a wrong code is a reply), the sessions (one that is
        // not theirs is not found), logging in again (empty fields are a reply).
        post(
            "/api/change_password",
            Once,
            |_, _| {
                vec![
                    ("current", "x".into()),
                    ("password", "x".into()),
                    ("repeat", "x".into()),
                ]
            },
            anyone,
        )
        .allowed(Reply),
        post(
            "/api/activate",
            Once,
            |_, _| {
                vec![
                    ("code", "x".into()),
                    ("username", "x".into()),
                    ("password", "x".into()),
                    ("repeat", "x".into()),
                ]
            },
            anyone,
        )
        .allowed(Reply),
        post(
            "/api/login",
            Once,
            |_, _| vec![("username", String::new()), ("password", String::new())],
            anyone,
        )
        .allowed(Reply),
        post("/api/list_my_sessions", Once, none, anyone),
        post(
            "/api/end_my_session",
            Once,
            |_, _| vec![("handle", "0123456789abcdef".into())],
            no_one,
        ),
        // The second step belongs to a session still waiting for it: none here.
        post(
            "/api/verify_code",
            Once,
            |_, _| vec![("code", "123456".into())],
            no_one,
        )
        .denied(StatusCode::UNAUTHORIZED),
        post(
            "/api/second_step",
            Once,
            |_, _| vec![("code", "123456".into())],
            no_one,
        )
        .denied(StatusCode::UNAUTHORIZED),
        post(
            "/api/set_language",
            Once,
            |_, _| vec![("lang", "en".into()), ("back", "/".into())],
            anyone,
        )
        .allowed(Moves),
        post("/api/logout", Once, none, anyone).allowed(Moves),
    ]
}

on_both!(
    authorisation_matrix_every_server_function_every_role,
    |app| {
        let rows = rows();
        // Every registered server function has a row.
        let registered: BTreeSet<&str> = leptos::server_fn::axum::server_fn_paths()
            .map(|(p, _)| p)
            .collect();
        let in_matrix: BTreeSet<&str> = rows
            .iter()
            .map(|row| row.path)
            .filter(|p| p.starts_with("/api/"))
            .collect();
        let missing: Vec<_> = registered.difference(&in_matrix).collect();
        assert!(
            missing.is_empty(),
            "server functions without a matrix row: {missing:?}"
        );
        let unknown: Vec<_> = in_matrix.difference(&registered).collect();
        assert!(
            unknown.is_empty(),
            "matrix rows for no server function: {unknown:?}"
        );

        app.open_whole_dossier_for_mehmet().await;
        let ids = Ids::load(app.db()).await;
        let mut calls = 0;
        for reader in READERS {
            let cookie = app.login(reader.user).await;
            for row in &rows {
                for on in row.over.targets() {
                    let form = (row.args)(&ids, on);
                    let form: Vec<(&str, &str)> =
                        form.iter().map(|(k, v)| (*k, v.as_str())).collect();
                    let reply = if row.get {
                        app.get(row.path, &cookie).await
                    } else {
                        app.post(row.path, &form, &cookie, Client::Script).await
                    };
                    calls += 1;
                    let what = format!(
                        "{} on {on:?} for {}: {} {}",
                        row.path,
                        reader.user,
                        reply.status,
                        reply.body.chars().take(300).collect::<String>()
                    );
                    if (row.may)(reader, on) {
                        match row.allowed {
                            Allowed::Ok => assert_eq!(reply.status, StatusCode::OK, "{what}"),
                            Allowed::Reply => {
                                assert_eq!(reply.status, StatusCode::OK, "{what}");
                                assert!(
                                    reply.body.contains(r#""ok":false"#),
                                    "a form reply: {what}"
                                );
                            }
                            Allowed::Moves => assert!(
                                reply.status.is_success() || reply.status.is_redirection(),
                                "{what}"
                            ),
                        }
                    } else {
                        assert_eq!(reply.status, row.denied, "denied: {what}");
                    }
                }
            }
        }
        assert!(
            calls > READERS.len() * rows.len(),
            "every row was called for every reader"
        );

        // Without a session nothing of a dossier is reachable.
        let case = ids.case(On::Case("2026-0412"));
        for (path, form) in [
            ("/api/praatplaat", vec![("case", case.as_str())]),
            ("/api/list_my_cases", vec![]),
            ("/api/access_log", vec![]),
        ] {
            let reply = app.post(path, &form, "", Client::Script).await;
            assert_eq!(
                reply.status,
                StatusCode::UNAUTHORIZED,
                "{path} without a session"
            );
        }
    }
);
