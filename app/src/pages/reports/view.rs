//! The reports pages' components: the list, one report statement by statement, and the
//! response and shielding forms under a statement.
use super::*;
use crate::domain::CaseId;

/// What a professional sees under a statement: from whom it is hidden and why, and a form to
/// hide it from a family member.
#[component]
fn ShieldBox(
    lang: Lang,
    case: CaseId,
    statement: Uuid,
    panel: ShieldPanel,
    state: FormState,
) -> impl IntoView {
    let hidden: Vec<_> = panel
        .shielded
        .iter()
        .filter(|(item, _, _)| *item == statement)
        .cloned()
        .collect();
    let open = state.reply.is_some();
    let error = state.error_for("reason");
    let reason = state.value("reason");
    let select_id = format!("h-{statement}-person");
    view! {
        <div class="shield">
            {hidden.into_iter().map(|(_, name, why)| view! {
                <p class="small warn">{tf(lang, Msg::ShieldHiddenFrom, &[("name", &name), ("reason", &why)])}</p>
            }).collect_view()}
            <details class="respond-form" open=open>
                <summary>{t(lang, Msg::ShieldButton)}</summary>
                <form method="post" action=ShieldStatement::PATH>
                    <input type="hidden" name="case" value=case.to_string()/>
                    <input type="hidden" name="statement" value=statement.to_string()/>
                    <div class="field">
                        <label for=select_id.clone()>{t(lang, Msg::ShieldFrom)}</label>
                        <select id=select_id name="person">
                            {panel.family.into_iter().map(|(id, name)| view! { <option value=id.to_string()>{name}</option> }).collect_view()}
                        </select>
                    </div>
                    <TextField lang id=format!("h-{statement}-reason") name="reason" label=Msg::ShieldReason hint=Some(Msg::ShieldReasonHint) value=reason error required=true/>
                    <button type="submit" class="primary">{t(lang, Msg::ShieldSubmit)}</button>
                </form>
            </details>
        </div>
    }
}

// ---- Pages ----

#[component]
pub fn ReportsPage() -> impl IntoView {
    view! { <ReportsOf case=None/> }
}

/// The reports of a case (the reader's own when `case` is `None`).
#[component]
pub fn ReportsOf(case: Option<CaseId>) -> impl IntoView {
    let lang = use_lang();
    let young = crate::pages::session::is_young();
    let data = Resource::new_blocking(move || case, load_reports);
    let base = report_base(case);
    crate::pages::loaded(data, move |list: Vec<ReportSummary>| {
        let base = base.clone();
        view! {
            {case.map(|id| view! { <CaseNav case=id/> })}
            <section class="card">
                <h1>{t(lang, Msg::ReportsTitle)}</h1>
                <p>{tj(lang, Msg::ReportsIntro, young)}</p>
                {list.is_empty().then(|| view! { <p>{tj(lang, Msg::ReportsNone, young)}</p> })}
                <ul class="reports">
                    {list.into_iter().map(|r| view! {
                        <li>
                            <a href=format!("{base}/{}", r.id)><strong>{r.title.clone()}</strong></a>
                            <span>{r.organisation.clone()} " · " {long_date(lang, r.date)}</span>
                            {r.editable.then(|| view! { <a href=format!("{base}/{}/schrijven", r.id)>{t(lang, Msg::WriteOpenEditor)}</a> })}
                            <ReportStatusBadge lang summary=r/>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        }
    })
}

fn report_base(case: Option<CaseId>) -> String {
    match case {
        Some(id) => format!("/zaken/{id}/rapporten"),
        None => "/rapporten".to_string(),
    }
}

/// Who wrote the report, for which organisation and when; and the gedragsdeskundige who
/// reviewed it before it went out, when one did (the report page and the print view).
#[component]
pub fn ReportByline(lang: Lang, summary: ReportSummary) -> impl IntoView {
    let by = tf(
        lang,
        Msg::ReportBy,
        &[
            ("org", &summary.organisation),
            ("author", &summary.author),
            ("date", &long_date(lang, summary.date)),
        ],
    );
    let reviewed = summary.reviewed.map(|(who, on)| {
        tf(
            lang,
            Msg::ReportReviewed,
            &[("reviewer", &who), ("date", &long_date(lang, on))],
        )
    });
    view! {
        <p>{by}</p>
        {reviewed.map(|r| view! { <p class="muted">{r}</p> })}
    }
}

#[component]
fn ReportStatusBadge(lang: Lang, summary: ReportSummary) -> impl IntoView {
    let text = match (summary.status, summary.reaction_until) {
        (ReportStatus::ReactionPeriod, Some(until)) => tjf(
            lang,
            Msg::ReportReactUntil,
            crate::pages::session::is_young(),
            &[("date", &long_date(lang, until))],
        ),
        (ReportStatus::Concept, _) => t(lang, Msg::ReportDraft).to_string(),
        _ => t(lang, Msg::ReportFinal).to_string(),
    };
    let open = summary.status == ReportStatus::ReactionPeriod;
    view! { <span class="status" class:open=open>{text}</span> }
}

/// Which statements the reader chose to see.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Filter {
    All,
    Facts,
    Assessments,
    Mine,
}

impl Filter {
    const ALL: [(Filter, &'static str, Msg); 4] = [
        (Filter::All, "alles", Msg::FilterAll),
        (Filter::Facts, "feiten", Msg::FilterFacts),
        (Filter::Assessments, "oordelen", Msg::FilterAssessments),
        (Filter::Mine, "over-mij", Msg::FilterMine),
    ];

    fn parse(s: &str) -> Filter {
        Filter::ALL
            .into_iter()
            .find(|(_, code, _)| *code == s)
            .map(|(f, _, _)| f)
            .unwrap_or(Filter::All)
    }

    fn keeps(self, s: &StatementView) -> bool {
        match self {
            Filter::All => true,
            Filter::Facts => s.kind == StatementKind::Fact,
            Filter::Assessments => s.kind == StatementKind::Assessment,
            Filter::Mine => s.concerns_me,
        }
    }
}

#[component]
pub fn ReportPage() -> impl IntoView {
    let params = use_params_map();
    let case = params.with_untracked(|p| p.get("id").and_then(|s| s.parse::<CaseId>().ok()));
    let report = params.with_untracked(|p| p.get("report").and_then(|s| Uuid::parse_str(&s).ok()));
    let by_id = params.with_untracked(|p| p.get("id").is_some());
    match (report, case.is_some() || !by_id) {
        (Some(report), true) => view! { <ReportOf case report/> }.into_any(),
        _ => crate::pages::error_page(AppError::NotFound),
    }
}

#[component]
fn ReportOf(case: Option<CaseId>, report: Uuid) -> impl IntoView {
    let lang = use_lang();
    let young = crate::pages::session::is_young();
    let filter =
        Filter::parse(&use_query_map().with_untracked(|q| q.get("toon").unwrap_or_default()));
    let flash = take_flash(STATEMENT_FORM);
    let data = Resource::new_blocking(move || (case, report), |(c, r)| load_report(c, r));
    let base = report_base(case);
    crate::pages::loaded(data, move |view: ReportView| {
        let here = format!("{base}/{}", view.summary.id);
        let shown: Vec<StatementView> = view
            .statements
            .iter()
            .filter(|s| filter.keeps(s))
            .cloned()
            .collect();
        let confirmation = flash.confirmation();
        let (can_respond, key, today) = (view.can_respond, view.form_key.clone(), view.today);
        let shield_panel = view.shield.clone();
        let flash = flash.clone();
        view! {
            {case.map(|id| view! { <CaseNav case=id/> })}
            <article class="report">
                <header class="card">
                    <p class="eyebrow"><a href=base.clone()>{t(lang, Msg::ReportsTitle)}</a></p>
                    <h1>{view.summary.title.clone()}</h1>
                    <ReportByline lang summary=view.summary.clone()/>
                    <ReportStatusBadge lang summary=view.summary.clone()/>
                    {view.summary.editable.then(|| view! { <p><a href=format!("{here}/schrijven")>{t(lang, Msg::WriteOpenEditor)}</a></p> })}
                    {confirmation.map(|m| view! { <p class="form-ok" role="status">{t(lang, m)}</p> })}
                    <KindLegend lang/>
                    <nav class="filters" aria-label=tj(lang, Msg::FilterLabel, young)>
                        {Filter::ALL.into_iter().filter(|(f, _, _)| can_respond || *f != Filter::Mine).map(|(f, code, label)| view! {
                            <a href=format!("{here}?toon={code}") aria-current=(f == filter).then_some("true")>{t(lang, label)}</a>
                        }).collect_view()}
                    </nav>
                </header>
                {shown.is_empty().then(|| view! { <p class="card">{t(lang, Msg::FilterNothing)}</p> })}
                <ol class="statements">
                    {shown.into_iter().map(|s| {
                        // What a failed post about this statement left (one flash for the page).
                        let state = Some(flash.clone()).filter(|f| f.value("statement") == s.id.to_string() && f.failed());
                        let shield = shield_panel.clone().zip(case).map(|(panel, case)| {
                            let st = state.as_ref().map(|f| f.only_for("shield")).unwrap_or_default();
                            view! { <ShieldBox lang case statement=s.id panel state=st/> }
                        });
                        view! { <StatementItem lang s can_respond form_key=key.clone() today state extra=shield.map(|v| v.into_any()).unwrap_or_else(|| ().into_any())/> }
                    }).collect_view()}
                </ol>
                {(can_respond && view.summary.status == ReportStatus::ReactionPeriod).then(|| view! {
                    <ReactionDoneCard lang report=view.summary.clone() closed=view.reaction_closed/>
                })}
            </article>
        }
    })
}

/// "Klaar met reageren?": a family member with nothing more to add says so, and the writer may
/// then make the report final before the period ends (once everyone it is for has said so).
#[component]
fn ReactionDoneCard(lang: Lang, report: ReportSummary, closed: Option<NaiveDate>) -> impl IntoView {
    let young = crate::pages::session::is_young();
    let state = take_flash(CLOSE_FORM);
    let done = state.confirmation();
    let until = report
        .reaction_until
        .map(|d| long_date(lang, d))
        .unwrap_or_default();
    let args = [
        ("org", report.organisation.as_str()),
        ("date", until.as_str()),
    ];
    view! {
        <section class="card" id="klaar" aria-labelledby="close-title">
            <h2 id="close-title">{tj(lang, Msg::CloseTitle, young)}</h2>
            {done.map(|m| view! { <p class="form-ok" role="status">{t(lang, m)}</p> })}
            {form_message(lang, &state)}
            {match closed {
                Some(day) => view! {
                    <p>{tjf(lang, Msg::CloseSaid, young, &[("date", &long_date(lang, day))])}</p>
                }.into_any(),
                None => view! {
                    <p>{tjf(lang, Msg::CloseIntro, young, &args)}</p>
                    <form method="post" action=CloseReaction::PATH>
                        <input type="hidden" name="report" value=report.id.to_string()/>
                        <button type="submit" class="secondary">{tj(lang, Msg::CloseButton, young)}</button>
                    </form>
                }.into_any(),
            }}
        </section>
    }
}

/// What the labels mean, once per report.
#[component]
fn KindLegend(lang: Lang) -> impl IntoView {
    let young = crate::pages::session::is_young();
    view! {
        <details class="legend">
            <summary>{t(lang, Msg::KindLegendTitle)}</summary>
            <dl>
                {StatementKind::ALL.into_iter().map(|k| view! {
                    <dt><span class=format!("kind {}", k.css())>{t(lang, k.label())}</span></dt>
                    <dd>{t(lang, k.meaning())}</dd>
                }).collect_view()}
            </dl>
            <p>{t(lang, Msg::FactorLegend)}</p>
            <p>{tj(lang, Msg::ReportFinalNote, young)}</p>
        </details>
    }
}

/// One statement: its label, text, source, grounds, history, responses and (for family
/// members) the three ways to respond. `state` is the form state a failed post left.
#[component]
pub fn StatementItem(
    lang: Lang,
    s: StatementView,
    can_respond: bool,
    form_key: String,
    today: NaiveDate,
    state: Option<FormState>,
    /// More for this statement, inside its list item (the professional's shielding box).
    #[prop(optional)]
    extra: Option<AnyView>,
) -> impl IntoView {
    let id = s.id;
    let anchor = format!("s-{id}");
    let young = crate::pages::session::is_young();
    let source = match (&s.source, s.observed) {
        (Some(src), Some(day)) => Some(tf(
            lang,
            Msg::SourceOn,
            &[("who", src), ("date", &long_date(lang, day))],
        )),
        (Some(src), None) => Some(tf(lang, Msg::SourceBy, &[("who", src)])),
        (None, _) => None,
    };
    let grounds = (!s.grounds.is_empty()).then(|| {
        let list = s
            .grounds
            .iter()
            .map(|n| n.to_string())
            .collect::<Vec<_>>()
            .join(", ");
        tf(lang, Msg::AssessmentGrounds, &[("list", &list)])
    });
    let no_grounds = s.kind == StatementKind::Assessment && s.grounds.is_empty();
    let informant_note = (s.kind == StatementKind::Informant).then(|| {
        t(
            lang,
            if s.accorded {
                Msg::InformantAccorded
            } else {
                Msg::InformantNotAccorded
            },
        )
    });
    let factor = s.factor.as_deref().and_then(|f| match f {
        "risico" => Some(Msg::FactorRisk),
        "beschermend" => Some(Msg::FactorProtective),
        _ => None,
    });
    let state = state.unwrap_or_default();
    view! {
        <li class="card statement" id=anchor>
            <p class="statement-head">
                <span class="seq">{s.seq}</span>
                <span class=format!("kind {}", s.kind.css())>{t(lang, s.kind.label())}</span>
                {factor.map(|f| view! { <span class="factor">{t(lang, f)}</span> })}
            </p>
            <p class="statement-text" dir="auto"><ExplainedText text=s.text.clone()/></p>
            // The source's name and job title are as their organisation wrote them (a name
            // may be written right to left).
            {source.map(|src| view! { <p class="muted small" dir="auto">{src}</p> })}
            {informant_note.map(|n| view! { <p class="muted small">{n}</p> })}
            {grounds.map(|g| view! { <p class="small">{g}</p> })}
            {no_grounds.then(|| view! { <p class="small warn">{tj(lang, Msg::AssessmentNoGrounds, young)}</p> })}
            {(!s.revisions.is_empty()).then(|| view! {
                <details class="history">
                    <summary>{t(lang, Msg::RevisionsTitle)}</summary>
                    <ul>
                        {s.revisions.iter().map(|r| view! {
                            <li>
                                <p>{tf(lang, Msg::RevisionLine, &[("who", &r.by), ("date", &long_date(lang, r.date)), ("reason", &r.reason)])}</p>
                                <p class="old-text"><del>{r.old_text.clone()}</del></p>
                            </li>
                        }).collect_view()}
                    </ul>
                </details>
            })}
            {s.responses.iter().map(|r| view! {
                <blockquote class="own-view">
                    <p class="eyebrow">{if r.by_me { tj(lang, Msg::OwnViewMine, young).to_string() } else { tf(lang, Msg::OwnViewOf, &[("who", &r.by)]) }} " · " {long_date(lang, r.date)}</p>
                    <p dir="auto">{r.text.clone()}</p>
                </blockquote>
            }).collect_view()}
            {s.corrections.iter().map(|c| {
                let days = (c.due - today).num_days();
                let due = if c.decided.is_some() {
                    None
                } else if days >= 0 {
                    Some(tf(lang, Msg::CorrectionDue, &[("date", &long_date(lang, c.due)), ("left", &crate::i18n::days_left(lang, days))]))
                } else {
                    Some(tjf(lang, Msg::CorrectionOverdue, young, &[("date", &long_date(lang, c.due))]))
                };
                view! {
                    <div class="correction">
                        <p><strong>{tjf(lang, Msg::CorrectionFiled, young, &[("date", &long_date(lang, c.filed))])}</strong> " " {t(lang, c.kind.label())}</p>
                        <p class="muted" dir="auto">{c.reason.clone()}</p>
                        <p>{t(lang, Msg::CorrectionStatusLabel)} ": " <strong>{tj(lang, c.status.label(), young)}</strong></p>
                        {due.map(|d| view! { <p class="deadline">{d}</p> })}
                        {c.decision.clone().map(|d| view! { <p>{t(lang, Msg::CorrectionDecision)} ": " {d}</p> })}
                    </div>
                }
            }).collect_view()}
            {can_respond.then(|| view! {
                <div class="respond">
                    {if s.agreed {
                        view! { <p class="agreed">{tj(lang, Msg::AgreedAlready, young)}</p> }.into_any()
                    } else {
                        view! {
                            <form method="post" action=AgreeStatement::PATH>
                                <input type="hidden" name="statement" value=id.to_string()/>
                                <button type="submit" class="secondary" aria-describedby=format!("agree-{id}-hint")>{t(lang, Msg::AgreeButton)}</button>
                                <p class="hint" id=format!("agree-{id}-hint")>{tj(lang, Msg::AgreeHint, young)}</p>
                            </form>
                        }.into_any()
                    }}
                    <CorrectionForm lang id key=format!("{form_key}:c:{id}") state=state.only_for("correction")/>
                    <OwnViewForm lang id key=format!("{form_key}:v:{id}") state=state.only_for("view")/>
                </div>
            })}
            {extra}
        </li>
    }
}

#[component]
fn CorrectionForm(lang: Lang, id: Uuid, key: String, state: FormState) -> impl IntoView {
    let young = crate::pages::session::is_young();
    // Only a failed post of this very form comes back with a state: then it opens.
    let open = state.reply.is_some();
    let err = |f: &str| state.error_for(f);
    let value = |f: &str| state.value(f);
    let kind_now = value("kind");
    let key = kept_key(&state, key);
    let kind_error = err("kind");
    let kind_err_id = format!("c-{id}-kind-error");
    let kind_described = kind_err_id.clone();
    view! {
        <details class="respond-form" open=open>
            <summary>{t(lang, Msg::CorrectionButton)}</summary>
            <form method="post" action=RequestCorrection::PATH>
                {form_message(lang, &state)}
                <input type="hidden" name="statement" value=id.to_string()/>
                <input type="hidden" name="key" value=key/>
                <fieldset class="field" class:invalid=kind_error.is_some() aria-describedby=kind_described>
                    <legend>{t(lang, Msg::CorrectionKindQuestion)}</legend>
                    {CorrectionKind::ALL.into_iter().map(|k| {
                        let rid = format!("c-{id}-{}", k.code());
                        view! {
                            <div class="choice">
                                <input type="radio" id=rid.clone() name="kind" value=k.code() checked=kind_now == k.code()/>
                                <label for=rid>{t(lang, k.label())}</label>
                            </div>
                        }
                    }).collect_view()}
                    <p id=kind_err_id class="field-error">{kind_error.map(|m| t(lang, m))}</p>
                </fieldset>
                <TextField lang id=format!("c-{id}-reason") name="reason" label=Msg::CorrectionReason hint=Some(Msg::CorrectionReasonHint) value=value("reason") error=err("reason") required=true/>
                <TextField lang id=format!("c-{id}-proposed") name="proposed" label=youth(Msg::CorrectionProposed, young) hint=None value=value("proposed") error=err("proposed") required=false/>
                <p class="hint">{tj(lang, Msg::CorrectionDeadlineNote, young)}</p>
                <button type="submit" class="primary">{t(lang, Msg::CorrectionSubmit)}</button>
            </form>
        </details>
    }
}

#[component]
fn OwnViewForm(lang: Lang, id: Uuid, key: String, state: FormState) -> impl IntoView {
    let young = crate::pages::session::is_young();
    let open = state.reply.is_some();
    let error = state.error_for("text");
    let text = state.value("text");
    let key = kept_key(&state, key);
    view! {
        <details class="respond-form" open=open>
            <summary>{t(lang, Msg::OwnViewButton)}</summary>
            <form method="post" action=AddOwnView::PATH>
                {form_message(lang, &state)}
                <input type="hidden" name="statement" value=id.to_string()/>
                <input type="hidden" name="key" value=key/>
                <TextField lang id=format!("v-{id}-text") name="text" label=youth(Msg::OwnViewLabel, young) hint=Some(youth(Msg::OwnViewHint, young)) value=text error required=true/>
                <button type="submit" class="primary">{t(lang, Msg::OwnViewSubmit)}</button>
            </form>
        </details>
    }
}
