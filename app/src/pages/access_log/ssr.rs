//! Server side of the access log: the policy, the period, the grouped read of the trail, the
//! visibility rule on every line, the audit of this read.
use super::{AccessFilter, AccessGroup, AccessItem, AccessLog, GROUPS_PER_PAGE};
use crate::{
    backend::{
        audit::{self, AccessQuery, AccessRow},
        ctx,
        policy::{Action, CaseGrant, Resource},
        store, time,
        visibility::{Item, Tier, Visibility},
        Db,
    },
    domain::AccountId,
    error::AppError,
    i18n::Lang,
};
use chrono::{Datelike, Months, NaiveDate};
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

/// At most this many months are offered to choose from (20 years).
const MAX_MONTHS: usize = 240;

pub(super) async fn build(filter: AccessFilter) -> Result<AccessLog, AppError> {
    let ctx::Granted { ctx, actor, grant } =
        ctx::authorize_case(Action::ReadAccessLog, Resource::OwnCase).await?;
    let db = &ctx.backend.db;
    let today = time::today();
    let this_month = first_of_month(today);
    let since = time::local_date(store::cases::opened_at(db, grant.case_id).await?);
    let with_family = filter.with_family();
    // The family's own doings are many (every page a member opens): they are shown a month at
    // a time, this month unless another is chosen. Others' are few: every month at once.
    let month = filter
        .month()
        .filter(|m| *m <= this_month)
        .or(with_family.then_some(this_month));
    let (from, to) = match month {
        Some(m) => (m, m + Months::new(1)),
        None => everything(),
    };
    let query = AccessQuery {
        case_id: grant.case_id,
        from,
        to,
        with_family,
        reader: actor.account_id,
    };
    let groups = access_groups(db, &grant, query, ctx.lang).await?;
    let (people, organisations) = outsiders(&groups);
    let page = filter.page();
    let more = groups.len() > page * GROUPS_PER_PAGE;
    let groups = groups
        .into_iter()
        .skip((page - 1) * GROUPS_PER_PAGE)
        .take(GROUPS_PER_PAGE)
        .collect();
    let event = ctx
        .event(&actor, "read", "access_log")
        .case(&grant)
        .on(grant.case_id);
    ctx.backend.audit.record(event).await?;
    Ok(AccessLog {
        month,
        with_family,
        page,
        more,
        months: months(
            first_of_month(since).min(month.unwrap_or(this_month)),
            this_month,
        ),
        since,
        people,
        organisations,
        groups,
    })
}

/// Every day Helder can have recorded: from before it existed to tomorrow (local days).
pub fn everything() -> (NaiveDate, NaiveDate) {
    (
        NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default(),
        time::today() + chrono::Duration::days(1),
    )
}

fn first_of_month(d: NaiveDate) -> NaiveDate {
    d.with_day(1).unwrap_or(d)
}

/// The months from `first` to `last`, newest first.
fn months(first: NaiveDate, last: NaiveDate) -> Vec<NaiveDate> {
    let mut out = Vec::new();
    let mut m = last;
    while m >= first && out.len() < MAX_MONTHS {
        out.push(m);
        m = m - Months::new(1);
    }
    out
}

/// How many people from outside the family did something (professionals and confidants, not
/// systems), and how many organisations those professionals work for.
fn outsiders(groups: &[AccessGroup]) -> (usize, usize) {
    let outside: Vec<&AccessGroup> = groups.iter().filter(|g| !g.family).collect();
    let people: HashSet<(&str, Option<&str>)> = outside
        .iter()
        .filter(|g| !g.system)
        .map(|g| (g.who.as_str(), g.role.as_deref()))
        .collect();
    let organisations: HashSet<&str> = outside
        .iter()
        .filter(|g| !g.system)
        .filter_map(|g| g.organisation.as_deref())
        .collect();
    (people.len(), organisations.len())
}

/// The case's trail in a period as the grant's viewer may see it, grouped per person and day,
/// newest first (the page pages through these; the download takes them all). A line shows only
/// when the visibility rule shows both the line (a family member's own actions are theirs)
/// and what it was about (a report, a statement, an address); it is described from its kind,
/// never from stored text, and its count is the count of what the reader may see.
pub(crate) async fn access_groups(
    db: &Db,
    grant: &CaseGrant,
    query: AccessQuery,
    lang: Lang,
) -> Result<Vec<AccessGroup>, AppError> {
    let seen = Visibility::of(db, grant).await?;
    let rows = audit::case_access(db, query).await?;
    let mut groups: Vec<AccessGroup> = Vec::new();
    let mut index: HashMap<(NaiveDate, Option<AccountId>, Option<Uuid>), usize> = HashMap::new();
    for r in rows.into_iter().filter(|r| visible(&seen, r)) {
        let key = (r.local_day, r.actor_account_id, r.api_client_id);
        let at = *index.entry(key).or_insert_with(|| {
            groups.push(group_of(&r, query.reader));
            groups.len() - 1
        });
        let what = crate::components::event_text::describe(
            lang,
            &r.action,
            &r.object_kind,
            r.report_title.as_deref(),
        );
        let change = !matches!(r.action.as_str(), "read" | "export");
        let group = &mut groups[at];
        group.times += r.times;
        match group
            .items
            .iter_mut()
            .find(|i| i.what == what && i.change == change)
        {
            Some(item) => item.times += r.times,
            None => group.items.push(AccessItem {
                what,
                times: r.times,
                change,
            }),
        }
    }
    Ok(groups)
}

/// A new, empty group for the actor of `r`.
fn group_of(r: &AccessRow, reader: AccountId) -> AccessGroup {
    let family = matches!(r.actor_role.as_deref(), Some("parent" | "young_person"));
    let by_me = r.actor_account_id == Some(reader);
    AccessGroup {
        day: r.local_day,
        who: match (&r.given_name, &r.family_name) {
            (Some(g), Some(f)) => format!("{g} {f}"),
            (Some(g), None) => g.clone(),
            _ => "Helder".to_string(),
        },
        role: match (&r.job_title, &r.organisation) {
            (Some(j), Some(o)) => Some(format!("{j}, {o}")),
            (None, Some(o)) => Some(o.clone()),
            _ => None,
        },
        organisation: r.organisation.clone(),
        system: r.actor_account_id.is_none(),
        by_me,
        family: family || by_me,
        times: 0,
        items: Vec::new(),
    }
}

/// The visibility rule, asked of one line: the line itself (as its member's own doing) and
/// whatever it was about.
fn visible(seen: &Visibility, r: &AccessRow) -> bool {
    let line = Item {
        id: r.object_id.unwrap_or_default(),
        concerns: r.concerns_person_id,
        author: r.concerns_person_id,
        tier: Tier::Essential,
    };
    let report = match (r.report_id, &r.report_kind) {
        (Some(id), Some(kind)) => {
            (!seen.is_family() || r.report_published == Some(true))
                && seen.shows(&Item::report(
                    id,
                    kind,
                    r.report_has_decision.unwrap_or(false),
                ))
        }
        _ => true,
    };
    let statement = match (&r.statement_kind, r.object_id) {
        (Some(kind), Some(id)) => seen.shows(&Item::statement(
            id,
            kind,
            r.statement_concerns,
            r.statement_source,
        )),
        _ => true,
    };
    // A family member's address or number: the line shows where the detail would.
    let detail = match (r.object_kind.as_str(), r.object_id, r.concerns_person_id) {
        ("contact_detail", Some(id), Some(owner)) => seen.shows(&Item::contact_detail(id, owner)),
        _ => true,
    };
    seen.shows(&line) && report && statement && detail
}
