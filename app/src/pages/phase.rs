//! "Volgende stap vastleggen": a professional of the case records the next phase — one of the
//! steps that may follow the current one (the praatplaat's branches), with the decision, its
//! date and the date the new phase runs to. That date comes from the phase's rule
//! (`domain::deadline`) unless the professional copies another from the decision, with a
//! reason. The family's praatplaat moves with it; the case list shows what is due first.
use crate::{
    components::{
        dates::long_date,
        fields::{form_message, TextField},
    },
    domain::{CaseId, PhaseCode},
    error::AppError,
    forms::{take_flash, FormReply},
    i18n::{t, tf, use_lang, Msg},
};
use chrono::NaiveDate;
use leptos::{prelude::*, server_fn::ServerFn};
use serde::{Deserialize, Serialize};

pub const PHASE_FORM: &str = "phase";

/// A step that may follow, with the date its rule gives when it starts today.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NextStep {
    pub phase: PhaseCode,
    pub due: Option<NaiveDate>,
    /// The organisations in Helder that may take this step over, when another kind of
    /// organisation than the reader's leads it (the Raad, a local team, a GI): one must be
    /// chosen. Empty when the reader's own organisation leads it, or none of that kind is in
    /// Helder (a court).
    pub leads: Vec<(uuid::Uuid, String)>,
}

/// The form as typed: every field is text, so a half-filled form comes back with what was
/// typed and a message at the field. `from` is the phase the form was shown on; `due` and
/// `due_reason` are empty when the phase's rule gives the date; `lead` is the organisation
/// that takes the step over (see [`NextStep::leads`]). A form where no step was chosen sends
/// no `to` at all: that is a message at the field, not a malformed request.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PhaseForm {
    pub from: String,
    pub to: String,
    pub date: String,
    pub decision: String,
    pub due: String,
    pub due_reason: String,
    pub lead: String,
    /// When another organisation takes over: the last day the reader's organisation keeps
    /// watching (empty: it stops at the handover).
    pub watch: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NextPhase {
    pub case_id: CaseId,
    pub current: PhaseCode,
    pub since: NaiveDate,
    pub today: NaiveDate,
    pub next: Vec<NextStep>,
}

/// The case's current phase and the steps that may follow (`None`: the case has no current
/// phase, or it is closed).
#[server(prefix = "/api", endpoint = "next_phase")]
pub async fn load_next_phase(case: CaseId) -> Result<Option<NextPhase>, AppError> {
    crate::error::respond(ssr::next(case).await)
}

/// Records the next phase (the form's fields are posted flat: `from`, `to`, …).
#[server(prefix = "/api", endpoint = "start_phase")]
pub async fn start_phase(
    case: CaseId,
    #[server(flatten)] form: PhaseForm,
) -> Result<FormReply, AppError> {
    crate::error::respond(ssr::start(case, form).await)
}

/// The checks and the step of "Volgende stap vastleggen", shared by this screen and the import
/// API (`api::statussen`): one set of rules with two faces. What needs the database is read
/// by the caller ([`current`], `cases::leads_for`, `cases::lead_for`, `cases::last_lead`);
/// these decide.
#[cfg(feature = "ssr")]
pub mod commands {
    use super::*;
    use crate::{
        backend::{
            store::cases::{self, NewPhase},
            time, Db, StoreError,
        },
        domain::{deadline::default_due, AccountId},
        forms::{check_length, TEXT},
    };
    use chrono::{DateTime, Utc};

    /// The case's open phase, when it began, and the codes of the steps that may follow it.
    pub struct Current {
        pub phase: PhaseCode,
        pub started: DateTime<Utc>,
        pub next: Vec<String>,
    }

    impl Current {
        /// The day the current phase began.
        pub fn since(&self) -> NaiveDate {
            time::local_date(self.started)
        }

        /// The report (melding) is the first phase: the safety assessment counts from its day.
        fn report_day(&self) -> Option<NaiveDate> {
            (self.phase == PhaseCode::VtMelding).then(|| self.since())
        }
    }

    /// The open phase (`None`: the case has none, or it is closed).
    pub async fn current(db: &Db, case: CaseId) -> Result<Option<Current>, StoreError> {
        let phases = cases::phases(db, case).await?;
        let open = phases
            .iter()
            .rev()
            .find(|p| p.ended_at.is_none())
            .and_then(|p| Some((PhaseCode::parse(&p.phase_code)?, p.started_at)));
        let Some((phase, started)) = open else {
            return Ok(None);
        };
        let next = cases::next_phases(db, phase.code()).await?;
        Ok(Some(Current {
            phase,
            started,
            next,
        }))
    }

    /// The step a form names, when it may follow the current phase.
    pub fn step(current: &Current, to: &str) -> Option<PhaseCode> {
        PhaseCode::parse(to).filter(|p| current.next.iter().any(|n| n == p.code()))
    }

    /// The date the step's rule gives when it starts on `day`.
    pub fn rule_date(current: &Current, to: PhaseCode, day: NaiveDate) -> Option<NaiveDate> {
        default_due(to, day, current.report_day())
    }

    /// A step that passed every field's check.
    pub struct Checked {
        pub to: PhaseCode,
        /// The day of the decision.
        pub day: NaiveDate,
        /// The last day set by hand (`None`: the rule's).
        pub by_hand: Option<NaiveDate>,
        pub due_reason: String,
        /// The organisation chosen to take the step over, among `leads`.
        pub lead: Option<uuid::Uuid>,
        pub watch_until: Option<NaiveDate>,
        pub decision: String,
    }

    /// Every field of the form, each with its own message: `leads` are the organisations that
    /// may take the named step over (`cases::leads_for`; empty when the recorder's own kind
    /// of organisation leads it). Whether `from` is still the current phase is the caller's:
    /// a case that moved on is one message for the whole form.
    pub fn check(
        form: &PhaseForm,
        current: &Current,
        leads: &[(uuid::Uuid, String)],
        today: NaiveDate,
    ) -> (Option<Checked>, FormReply) {
        let mut reply = FormReply::success(Msg::NextPhaseSaved);
        let to = step(current, &form.to);
        if to.is_none() {
            reply = reply.field("to", Msg::NextPhaseNextRequired);
        }
        // Another kind of organisation leads the step: which of them takes it over.
        let lead = uuid::Uuid::parse_str(form.lead.trim())
            .ok()
            .filter(|id| leads.iter().any(|(o, _)| o == id));
        if !leads.is_empty() && lead.is_none() {
            reply = reply.field("lead", Msg::NextPhaseLeadRequired);
        }
        let since = current.since();
        let day = match NaiveDate::parse_from_str(form.date.trim(), "%Y-%m-%d") {
            Ok(d) if d > today => {
                reply = reply.field("date", Msg::FbDateFuture);
                None
            }
            Ok(d) if d < since => {
                reply = reply.field("date", Msg::NextPhaseDateBeforeCurrent);
                None
            }
            Ok(d) => Some(d),
            Err(_) => {
                reply = reply.field("date", Msg::FbDateInvalid);
                None
            }
        };
        if let Some(m) = check_length(&form.decision, true, TEXT) {
            reply = reply.field("decision", m);
        }
        // A date set by hand needs its reason; without one, the phase's rule decides.
        let due = form.due.trim();
        let by_hand = if due.is_empty() {
            None
        } else {
            match NaiveDate::parse_from_str(due, "%Y-%m-%d") {
                Ok(d) if day.is_some_and(|start| d < start) => {
                    reply = reply.field("due", Msg::NextPhaseDueBeforeStart);
                    None
                }
                Ok(d) => Some(d),
                Err(_) => {
                    reply = reply.field("due", Msg::FbDateInvalid);
                    None
                }
            }
        };
        if !due.is_empty() {
            if let Some(m) = check_length(&form.due_reason, true, TEXT) {
                reply = reply.field("due_reason", m);
            }
        }
        // Watching after a handover ends on a day after it, not before.
        let watch = form.watch.trim();
        let watch_until = if watch.is_empty() {
            None
        } else {
            match NaiveDate::parse_from_str(watch, "%Y-%m-%d") {
                Ok(d) if day.is_some_and(|start| d <= start) => {
                    reply = reply.field("watch", Msg::NextPhaseWatchBeforeStart);
                    None
                }
                Ok(d) => Some(d),
                Err(_) => {
                    reply = reply.field("watch", Msg::FbDateInvalid);
                    None
                }
            }
        };
        let (Some(to), Some(day), true) = (to, day, reply.ok) else {
            return (None, reply);
        };
        let checked = Checked {
            to,
            day,
            by_hand,
            due_reason: form.due_reason.trim().to_string(),
            lead,
            watch_until,
            decision: form.decision.trim().to_string(),
        };
        (Some(checked), reply)
    }

    /// The new phase as it will be written: `lead` the organisation that leads it (the chosen
    /// one, or `cases::lead_for`), `last` the one that led the case last. `Err` when a
    /// watching date comes without a handover: refused with what was typed, rather than
    /// dropped without a word.
    pub fn plan(
        c: Checked,
        current: &Current,
        case: CaseId,
        (lead, last): (Option<uuid::Uuid>, Option<uuid::Uuid>),
        (by, id): (AccountId, uuid::Uuid),
        today: NaiveDate,
    ) -> Result<NewPhase, FormReply> {
        let handover = matches!((last, lead), (Some(from), Some(to)) if from != to);
        if c.watch_until.is_some() && !handover {
            return Err(FormReply::invalid("watch", Msg::NextPhaseWatchNoHandover));
        }
        // Today's step starts now; an earlier decision at midday, and never before the
        // current phase began (the route stays in order).
        let start = if c.day == today {
            time::now()
        } else {
            time::local_instant(
                c.day,
                chrono::NaiveTime::from_hms_opt(12, 0, 0).unwrap_or_default(),
            )
        }
        .max(current.started + chrono::Duration::seconds(1));
        let due_day = c.by_hand.or_else(|| rule_date(current, c.to, c.day));
        Ok(NewPhase {
            id,
            case_id: case,
            from: current.phase.code().to_string(),
            to: c.to.code().to_string(),
            lead_organisation_id: lead,
            start,
            // Stored as the day's last second: every reader takes its local date.
            due: due_day.map(|d| {
                time::local_instant(
                    d,
                    chrono::NaiveTime::from_hms_opt(23, 59, 59).unwrap_or_default(),
                )
            }),
            due_reason: c.by_hand.map(|_| c.due_reason),
            decision: c.decision,
            by,
            watch_until: c.watch_until,
        })
    }
}

#[cfg(feature = "ssr")]
mod ssr {
    use super::*;
    use crate::backend::{
        change::change,
        ctx,
        policy::{Action, Resource},
        store::cases,
        time,
    };

    pub async fn next(case: CaseId) -> Result<Option<NextPhase>, AppError> {
        let ctx::Granted { ctx, actor, grant } =
            ctx::authorize_case(Action::RecordPhase, Resource::Case(case)).await?;
        let db = &ctx.backend.db;
        let event = ctx
            .event(&actor, "read", "phase")
            .case(&grant)
            .on(grant.case_id);
        ctx.backend.audit.record(event).await?;
        let Some(current) = commands::current(db, grant.case_id).await? else {
            return Ok(None);
        };
        let today = time::today();
        let mut next = Vec::new();
        for to in current
            .next
            .iter()
            .filter_map(|code| PhaseCode::parse(code))
        {
            next.push(NextStep {
                phase: to,
                due: commands::rule_date(&current, to, today),
                leads: cases::leads_for(db, to.code(), actor.organisation_id).await?,
            });
        }
        Ok(Some(NextPhase {
            case_id: grant.case_id,
            current: current.phase,
            since: current.since(),
            today,
            next,
        }))
    }

    pub async fn start(case: CaseId, form: PhaseForm) -> Result<FormReply, AppError> {
        let ctx::Granted { ctx, actor, grant } =
            ctx::authorize_case(Action::RecordPhase, Resource::Case(case)).await?;
        let db = ctx.backend.db.clone();
        let back = format!("/zaken/{case}#volgende-stap");
        let values = crate::forms::typed(&[
            ("from", &form.from),
            ("to", &form.to),
            ("date", &form.date),
            ("decision", &form.decision),
            ("due", &form.due),
            ("due_reason", &form.due_reason),
            ("lead", &form.lead),
            ("watch", &form.watch),
        ]);
        let Some(current) = commands::current(&db, grant.case_id).await? else {
            return Err(AppError::NotFound);
        };
        if form.from != current.phase.code() {
            let reply = FormReply::failed(Msg::NextPhaseMovedOn);
            return crate::forms::finish(PHASE_FORM, &back, Vec::new(), reply).await;
        }
        let leads = match commands::step(&current, &form.to) {
            Some(p) => cases::leads_for(&db, p.code(), actor.organisation_id).await?,
            None => Vec::new(),
        };
        let today = time::today();
        let (checked, reply) = commands::check(&form, &current, &leads, today);
        let Some(checked) = checked else {
            return crate::forms::finish(PHASE_FORM, &back, values, reply).await;
        };
        let lead = match checked.lead {
            Some(org) => Some(org),
            None => cases::lead_for(&db, checked.to.code(), actor.organisation_id).await?,
        };
        let last = cases::last_lead(&db, grant.case_id).await?;
        let id = uuid::Uuid::new_v4();
        let plan = commands::plan(
            checked,
            &current,
            grant.case_id,
            (lead, last),
            (actor.account_id, id),
            today,
        );
        let new = match plan {
            Ok(new) => new,
            Err(reply) => return crate::forms::finish(PHASE_FORM, &back, values, reply).await,
        };
        let event = ctx
            .event(&actor, "start_phase", "phase")
            .case(&grant)
            .on(id);
        let started_now = change(&db, event, move |tx| {
            let new = new.clone();
            Box::pin(async move { cases::start_phase(tx, &new).await })
        })
        .await?;
        let reply = if started_now {
            reply
        } else {
            // Another professional recorded a step first: nothing of this one was written.
            FormReply::failed(Msg::NextPhaseMovedOn)
        };
        crate::forms::finish(PHASE_FORM, &back, Vec::new(), reply).await
    }
}

/// The card on a professional's case page.
#[component]
pub fn NextPhaseCard(case: CaseId) -> impl IntoView {
    let lang = use_lang();
    let state = take_flash(PHASE_FORM);
    let data = Resource::new_blocking(move || case, load_next_phase);
    super::loaded(data, move |next: Option<NextPhase>| {
        let Some(n) = next else {
            return ().into_any();
        };
        if n.next.is_empty() {
            return ().into_any();
        }
        let done = state.confirmation();
        let failed = state.failed();
        let chosen = state.value("to");
        let to_error = state.error_for("to");
        let date_error = state.error_for("date");
        let due_error = state.error_for("due");
        let lead_error = state.error_for("lead");
        let date_value = Some(state.value("date"))
            .filter(|d| !d.is_empty())
            .unwrap_or_else(|| n.today.format("%Y-%m-%d").to_string());
        let today = n.today.format("%Y-%m-%d").to_string();
        view! {
            <section class="card" id="volgende-stap" aria-labelledby="next-phase-title">
                <h2 id="next-phase-title">{t(lang, Msg::NextPhaseTitle)}</h2>
                <p>{tf(lang, Msg::NextPhaseNow, &[("phase", t(lang, n.current.name())), ("date", &long_date(lang, n.since))])}</p>
                {done.map(|m| view! { <p class="notice" role="status">{t(lang, m)}</p> })}
                <details class="respond-form" open=failed>
                    <summary>{t(lang, Msg::NextPhaseRecord)}</summary>
                    <form method="post" action=StartPhase::PATH>
                        {form_message(lang, &state)}
                        <input type="hidden" name="case" value=n.case_id.to_string()/>
                        <input type="hidden" name="from" value=n.current.code()/>
                        <fieldset class="field" class:invalid=to_error.is_some() aria-describedby="phase-to-error">
                            <legend>{t(lang, Msg::NextPhaseNextLabel)}</legend>
                            {n.next.iter().map(|s| {
                                let rid = format!("phase-to-{}", s.phase.code());
                                let due = s.due.map(|d| tf(lang, Msg::NextPhaseRuleDate, &[("date", &long_date(lang, d))]));
                                view! {
                                    <div class="choice">
                                        <input type="radio" id=rid.clone() name="to" value=s.phase.code() checked=chosen == s.phase.code()/>
                                        <label for=rid>{t(lang, s.phase.name())} {due.map(|d| view! { <span class="muted">" · " {d}</span> })}</label>
                                    </div>
                                }
                            }).collect_view()}
                            <p id="phase-to-error" class="field-error">{to_error.map(|m| t(lang, m))}</p>
                        </fieldset>
                        {n.next.iter().any(|s| !s.leads.is_empty()).then(|| {
                            let chosen_lead = state.value("lead");
                            view! {
                                <div class="field" class:invalid=lead_error.is_some()>
                                    <label for="phase-lead">{t(lang, Msg::NextPhaseLead)}</label>
                                    <p id="phase-lead-hint" class="hint">{t(lang, Msg::NextPhaseLeadHint)}</p>
                                    <select id="phase-lead" name="lead" aria-describedby="phase-lead-hint phase-lead-error" aria-invalid=lead_error.is_some().then_some("true")>
                                        <option value="">{t(lang, Msg::WriteChoose)}</option>
                                        {n.next.iter().filter(|s| !s.leads.is_empty()).map(|s| view! {
                                            <optgroup label=t(lang, s.phase.name())>
                                                {s.leads.iter().map(|(id, name)| {
                                                    let id = id.to_string();
                                                    let selected = chosen_lead == id;
                                                    view! { <option value=id selected=selected>{name.clone()}</option> }
                                                }).collect_view()}
                                            </optgroup>
                                        }).collect_view()}
                                    </select>
                                    <p id="phase-lead-error" class="field-error">{lead_error.map(|m| t(lang, m))}</p>
                                </div>
                            }
                        })}
                        {n.next.iter().any(|s| !s.leads.is_empty()).then(|| view! {
                            <crate::components::fields::LineField lang id="phase-watch".to_string() name="watch".to_string()
                                label=Msg::NextPhaseWatch hint=Some(Msg::NextPhaseWatchHint) value=state.value("watch")
                                error=state.error_for("watch") kind="date"/>
                        })}
                        <div class="field" class:invalid=date_error.is_some()>
                            <label for="phase-date">{t(lang, Msg::NextPhaseDate)}</label>
                            <input type="date" id="phase-date" name="date" value=date_value max=today aria-describedby="phase-date-error" aria-invalid=date_error.is_some().then_some("true")/>
                            <p id="phase-date-error" class="field-error">{date_error.map(|m| t(lang, m))}</p>
                        </div>
                        <TextField lang id="phase-decision".to_string() name="decision" label=Msg::NextPhaseDecision hint=Some(Msg::NextPhaseDecisionHint) value=state.value("decision") error=state.error_for("decision") required=true/>
                        <div class="field" class:invalid=due_error.is_some()>
                            <label for="phase-due">{t(lang, Msg::NextPhaseDue)}</label>
                            <p id="phase-due-hint" class="hint">{t(lang, Msg::NextPhaseDueHint)}</p>
                            <input type="date" id="phase-due" name="due" value=state.value("due") aria-describedby="phase-due-hint phase-due-error" aria-invalid=due_error.is_some().then_some("true")/>
                            <p id="phase-due-error" class="field-error">{due_error.map(|m| t(lang, m))}</p>
                        </div>
                        <TextField lang id="phase-due-reason".to_string() name="due_reason" label=Msg::NextPhaseDueReason hint=None value=state.value("due_reason") error=state.error_for("due_reason") required=false/>
                        <button type="submit" class="primary">{t(lang, Msg::NextPhaseSubmit)}</button>
                    </form>
                </details>
            </section>
        }
        .into_any()
    })
}
