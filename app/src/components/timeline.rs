//! The praatplaat: the route so far, the current phase in plain words, and what may follow.
use super::{dates::long_date, people::role_name, term::Term};
use crate::domain::CaseId;
use crate::{
    domain::{DeadlineKind, PhaseCode},
    i18n::{days_left, t, tf, tj, tjf, use_lang, Lang, Msg},
};
use chrono::NaiveDate;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhaseStep {
    pub code: PhaseCode,
    pub started: NaiveDate,
    pub ended: Option<NaiveDate>,
    pub due: Option<NaiveDate>,
    pub lead_org: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Responsible {
    pub organisation: String,
    pub name: String,
    pub role: String,
    pub since: NaiveDate,
    pub phone: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HandoverView {
    pub from: String,
    pub to: String,
    pub at: NaiveDate,
    pub previous_watches_until: Option<NaiveDate>,
}

/// Everything the praatplaat shows for one case.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Praatplaat {
    pub case_id: CaseId,
    pub today: NaiveDate,
    /// Passed phases and the current one (last, without `ended`), oldest first.
    pub steps: Vec<PhaseStep>,
    pub next: Vec<PhaseCode>,
    pub responsible: Option<Responsible>,
    pub handovers: Vec<HandoverView>,
    /// The reader is a young person: the phases are explained in simpler words.
    pub for_child: bool,
    /// A recent contact the reader has not given feedback about yet: (date, with whom).
    pub feedback_invite: Option<(NaiveDate, String)>,
}

/// The phase's date in the words its kind calls for (see [`DeadlineKind`]): a label and a
/// sentence. A norm is never worded as if it were a deadline someone missed.
fn deadline_text(lang: Lang, view: &Praatplaat, step: &PhaseStep) -> Option<(Msg, String)> {
    let young = view.for_child;
    let kind = step.code.deadline_kind().unwrap_or(DeadlineKind::Norm);
    // A known norm beats a stored date (the Raad's wait: weeks, not 10 days).
    let due = match step.code.norm_days() {
        Some(n) => step.started + chrono::Duration::days(n),
        None => step.due?,
    };
    let days = (due - view.today).num_days();
    let date = long_date(lang, due);
    let left = days_left(lang, days);
    let args = [("date", date.as_str()), ("left", left.as_str())];
    Some(match (kind, days >= 0) {
        (DeadlineKind::Legal, true) => (
            Msg::DeadlineLabelLegal,
            tf(lang, Msg::DeadlineLegalLeft, &args),
        ),
        (DeadlineKind::Legal, false) => (
            Msg::DeadlineLabelLegal,
            tjf(lang, Msg::DeadlineLegalPassed, young, &args),
        ),
        (DeadlineKind::Norm, true) => (
            Msg::DeadlineLabelNorm,
            tf(lang, Msg::DeadlineNormLeft, &args),
        ),
        (DeadlineKind::Norm, false) => (
            Msg::DeadlineLabelNorm,
            tjf(lang, Msg::DeadlineNormPassed, young, &args),
        ),
        (DeadlineKind::EndDate, true) => {
            (Msg::DeadlineLabelEnd, tf(lang, Msg::DeadlineEndLeft, &args))
        }
        (DeadlineKind::EndDate, false) => (
            Msg::DeadlineLabelEnd,
            tjf(lang, Msg::DeadlineEndPassed, young, &args),
        ),
    })
}

/// After three months of waiting for the Raad, the family may ask how things stand.
fn ask_note(lang: Lang, view: &Praatplaat, step: &PhaseStep) -> Option<&'static str> {
    let after = step.code.ask_after_days()?;
    ((view.today - step.started).num_days() >= after)
        .then(|| tj(lang, Msg::DeadlineWaitAsk, view.for_child))
}

#[component]
pub fn Timeline(view: Praatplaat) -> impl IntoView {
    let lang = use_lang();
    let current = view.steps.last().filter(|s| s.ended.is_none()).cloned();
    let handover = view.handovers.last().cloned();
    let child = view.for_child;
    let now_card = current.clone().map(|step| {
        let deadline = deadline_text(lang, &view, &step);
        let ask = ask_note(lang, &view, &step);
        view! {
            <section class="card now" aria-labelledby="now-title">
                <p class="eyebrow">{t(lang, Msg::NowLabel)}</p>
                <h2 id="now-title"><Term msg=step.code.name() young=child/></h2>
                <p>{tj(lang, step.code.explanation(), child)}</p>
                <dl class="facts">
                    {step.lead_org.clone().map(|org| view! { <dt>{t(lang, Msg::LeadBy)}</dt><dd>{org}</dd> })}
                    <dt>{t(lang, Msg::StartedOn)}</dt><dd>{long_date(lang, step.started)}</dd>
                    {deadline.map(|(label, d)| view! { <dt>{t(lang, label)}</dt><dd class="deadline">{d}</dd> })}
                </dl>
                {ask.map(|a| view! { <p class="ask-note">{a}</p> })}
                <h3>{tj(lang, Msg::WhatCanYouDo, child)}</h3>
                <p>{tj(lang, step.code.family_can(), child)}</p>
            </section>
        }
    });
    let handover_note = handover.map(|h| {
        let text = match h.previous_watches_until {
            Some(until) => tf(
                lang,
                Msg::HandoverWithWatch,
                &[
                    ("date", &long_date(lang, h.at)),
                    ("to", &h.to),
                    ("from", &h.from),
                    ("until", &long_date(lang, until)),
                ],
            ),
            None => tf(
                lang,
                Msg::HandoverPlain,
                &[("date", &long_date(lang, h.at)), ("to", &h.to)],
            ),
        };
        view! { <p class="handover">{text}</p> }
    });
    let steps = view.steps.clone();
    let next = view.next.clone();
    view! {
        <div class="praatplaat">
            <h1>{t(lang, Msg::WhereTitle)}</h1>
            {handover_note}
            {now_card}
            <section class="card" aria-labelledby="route-title">
                <h2 id="route-title">{tj(lang, Msg::RouteTitle, child)}</h2>
                <ol class="route">
                    {steps.into_iter().map(|s| {
                        let is_current = s.ended.is_none();
                        let when = match s.ended {
                            Some(end) => tf(lang, Msg::PhaseFromTo, &[("from", &long_date(lang, s.started)), ("to", &long_date(lang, end))]),
                            None => tf(lang, Msg::PhaseSince, &[("from", &long_date(lang, s.started))]),
                        };
                        view! {
                            <li class:current=is_current class:done=!is_current aria-current=is_current.then_some("step")>
                                <span class="dot" aria-hidden="true"></span>
                                <span class="step-name"><Term msg=s.code.name() young=child/></span>
                                <span class="step-when">{when}</span>
                                {s.lead_org.map(|o| view! { <span class="step-org">{o}</span> })}
                            </li>
                        }
                    }).collect_view()}
                    {next.iter().map(|code| view! {
                        <li class="maybe">
                            <span class="dot" aria-hidden="true"></span>
                            <span class="step-name">{t(lang, Msg::MaybeNext)} " " <Term msg=code.name() young=child/></span>
                            {code.judge_decides().then(|| view! { <span class="step-when">{t(lang, Msg::MaybeNextJudge)}</span> })}
                        </li>
                    }).collect_view()}
                </ol>
            </section>
            {view.responsible.map(|r| view! {
                <section class="card" aria-labelledby="contact-title">
                    <h2 id="contact-title">{tj(lang, Msg::ContactTitle, child)}</h2>
                    <p><strong>{r.name}</strong> ", " <Term msg=role_name(&r.role)/> " — " {r.organisation}</p>
                    <p>{tjf(lang, Msg::ResponsibleSince, child, &[("date", &long_date(lang, r.since))])}</p>
                    <p><a href=format!("tel:{}", r.phone.replace([' ', '-'], ""))>{tf(lang, Msg::CallNumber, &[("number", &r.phone)])}</a></p>
                </section>
            })}
        </div>
    }
}
