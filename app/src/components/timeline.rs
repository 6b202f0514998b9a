//! The praatplaat: the route so far, the current phase in plain words, and what may follow.
use super::{dates::long_date, people::role_name};
use crate::{
    i18n::{t, tf, use_lang, Lang, Msg},
    pages::where_am_i::{PhaseStep, Praatplaat},
};
use leptos::prelude::*;

fn deadline_text(lang: Lang, view: &Praatplaat, step: &PhaseStep) -> Option<String> {
    let due = step.due?;
    let days = (due - view.today).num_days();
    let when = long_date(lang, due);
    Some(match days {
        d if d > 1 => tf(
            lang,
            Msg::DeadlineDaysLeft,
            &[("date", &when), ("days", &d.to_string())],
        ),
        1 => tf(lang, Msg::DeadlineTomorrow, &[("date", &when)]),
        0 => tf(lang, Msg::DeadlineToday, &[("date", &when)]),
        d => tf(
            lang,
            Msg::DeadlinePassed,
            &[("date", &when), ("days", &(-d).to_string())],
        ),
    })
}

#[component]
pub fn Timeline(view: Praatplaat) -> impl IntoView {
    let lang = use_lang();
    let current = view.steps.last().filter(|s| s.ended.is_none()).cloned();
    let handover = view.handovers.last().cloned();
    let child = view.for_child;
    let now_card = current.clone().map(|step| {
        let deadline = deadline_text(lang, &view, &step);
        view! {
            <section class="card now" aria-labelledby="now-title">
                <p class="eyebrow">{t(lang, Msg::NowLabel)}</p>
                <h2 id="now-title">{t(lang, step.code.name())}</h2>
                <p>{t(lang, if child { step.code.explanation_child() } else { step.code.explanation() })}</p>
                <dl class="facts">
                    {step.lead_org.clone().map(|org| view! { <dt>{t(lang, Msg::LeadBy)}</dt><dd>{org}</dd> })}
                    <dt>{t(lang, Msg::StartedOn)}</dt><dd>{long_date(lang, step.started)}</dd>
                    {deadline.map(|d| view! { <dt>{t(lang, Msg::Deadline)}</dt><dd class="deadline">{d}</dd> })}
                </dl>
                <h3>{t(lang, if child { Msg::WhatCanYouDoChild } else { Msg::WhatCanYouDo })}</h3>
                <p>{t(lang, if child { step.code.child_can() } else { step.code.family_can() })}</p>
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
                <h2 id="route-title">{t(lang, if child { Msg::RouteTitleChild } else { Msg::RouteTitle })}</h2>
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
                                <span class="step-name">{t(lang, s.code.name())}</span>
                                <span class="step-when">{when}</span>
                                {s.lead_org.map(|o| view! { <span class="step-org">{o}</span> })}
                            </li>
                        }
                    }).collect_view()}
                    {next.iter().map(|code| view! {
                        <li class="maybe">
                            <span class="dot" aria-hidden="true"></span>
                            <span class="step-name">{t(lang, Msg::MaybeNext)} " " {t(lang, code.name())}</span>
                        </li>
                    }).collect_view()}
                </ol>
            </section>
            {view.responsible.map(|r| view! {
                <section class="card" aria-labelledby="contact-title">
                    <h2 id="contact-title">{t(lang, if child { Msg::ContactTitleChild } else { Msg::ContactTitle })}</h2>
                    <p><strong>{r.name}</strong> ", " {t(lang, role_name(&r.role))} " — " {r.organisation}</p>
                    <p>{tf(lang, Msg::ResponsibleSince, &[("date", &long_date(lang, r.since))])}</p>
                    <p><a href=format!("tel:{}", r.phone.replace([' ', '-'], ""))>{tf(lang, Msg::CallNumber, &[("number", &r.phone)])}</a></p>
                </section>
            })}
        </div>
    }
}
