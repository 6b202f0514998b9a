//! The rules of "Wie werken aan deze zaak?", shared by the screen (`ssr`) and the import API
//! (`api::rollen`): one set of rules with two faces. Who may add whom, end which involvement
//! and move the two marks depends on the organisation that is responsible now; the dates are
//! checked field by field. What needs the database is read by the caller ([`Scope::of`],
//! `involvements::professional`); these decide.
use super::*;
use crate::backend::{
    store::involvements::{self, CandidateRow, InvolvementRow, Mark, NewInvolvement},
    time, Db, StoreError,
};

/// The case's involvements (running today or starting later) and whether the reader's
/// organisation may move the marks.
pub struct Scope {
    pub rows: Vec<InvolvementRow>,
    pub today: NaiveDate,
    /// No organisation is responsible now, or the reader's is: it may add someone of another
    /// organisation, end anyone's involvement and move the marks.
    pub may_mark: bool,
}

impl Scope {
    pub async fn of(
        db: &Db,
        case: CaseId,
        organisation: Option<Uuid>,
    ) -> Result<Scope, StoreError> {
        let today = time::today();
        let rows = involvements::current(db, case, today).await?;
        let responsible_org = rows
            .iter()
            .find(|r| r.is_responsible_now)
            .map(|r| r.organisation_id);
        let may_mark = responsible_org.is_none() || responsible_org == organisation;
        Ok(Scope {
            rows,
            today,
            may_mark,
        })
    }

    /// Whether the reader's organisation may end this involvement: its own people, or anyone
    /// when it is responsible now.
    pub fn may_end(&self, organisation: Option<Uuid>, row: &InvolvementRow) -> bool {
        self.may_mark || Some(row.organisation_id) == organisation
    }

    /// Whether the reader's organisation may add this professional.
    pub fn may_add(&self, organisation: Option<Uuid>, c: &CandidateRow) -> bool {
        self.may_mark || Some(c.organisation_id) == organisation
    }

    /// The involvement that holds the mark now.
    pub fn holder(&self, mark: Mark) -> Option<Uuid> {
        self.rows
            .iter()
            .find(|r| match mark {
                Mark::Responsible => r.is_responsible_now,
                Mark::Contact => r.is_contact_person,
            })
            .map(|r| r.id)
    }
}

fn parse_day(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

/// The form to add someone, as typed.
pub struct AddForm<'a> {
    /// The professional the form names (`None`: none chosen, or not one).
    pub candidate: Option<CandidateRow>,
    pub role: &'a str,
    pub since: &'a str,
    pub until: &'a str,
}

/// Every field of "Iemand toevoegen", each with its own message; the involvement to write.
/// Whether the person is already involved is decided under the case's lock
/// (`involvements::add`), so two additions at once are told so, not "choose someone".
pub fn check_add(
    scope: &Scope,
    organisation: Option<Uuid>,
    form: AddForm<'_>,
    (case, id): (CaseId, Uuid),
) -> (Option<NewInvolvement>, FormReply) {
    let mut reply = FormReply::success(Msg::TeamAdded);
    // Only someone the reader may add: a colleague, or anyone when their organisation is
    // responsible now.
    let candidate = match form.candidate {
        Some(c) if scope.may_add(organisation, &c) => Some(c),
        Some(_) => {
            reply = reply.field("person", Msg::TeamOtherOrganisation);
            None
        }
        None => {
            reply = reply.field("person", Msg::TeamPersonRequired);
            None
        }
    };
    let role = INVOLVEMENT_ROLES
        .into_iter()
        .find(|r| *r == form.role.trim());
    if role.is_none() {
        reply = reply.field("role", Msg::TeamRoleRequired);
    }
    let since = parse_day(form.since);
    if since.is_none() {
        reply = reply.field("since", Msg::FbDateInvalid);
    }
    let until = if form.until.trim().is_empty() {
        None
    } else {
        match parse_day(form.until) {
            Some(d) if since.is_some_and(|s| d < s) => {
                reply = reply.field("until", Msg::TeamUntilBeforeSince);
                None
            }
            Some(d) => Some(d),
            None => {
                reply = reply.field("until", Msg::FbDateInvalid);
                None
            }
        }
    };
    let (Some(c), Some(role), Some(since), true) = (candidate, role, since, reply.ok) else {
        return (None, reply);
    };
    let new = NewInvolvement {
        id,
        case_id: case,
        person_id: c.person_id,
        organisation_id: c.organisation_id,
        role: role.to_string(),
        since,
        until,
        today: scope.today,
    };
    (Some(new), reply)
}

/// The last day of an involvement being ended (`since`: its first day): a day, not before
/// its first.
pub fn check_end(since: NaiveDate, until: &str) -> Result<NaiveDate, FormReply> {
    match parse_day(until) {
        Some(d) if d < since => Err(FormReply::invalid("until", Msg::TeamUntilBeforeSince)),
        Some(d) => Ok(d),
        None => Err(FormReply::invalid("until", Msg::FbDateInvalid)),
    }
}
