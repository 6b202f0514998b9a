//! The editor page and the "new report" card. Plain HTML forms: they work without the
//! WebAssembly, and a failed post comes back with what was typed and the message at the field.
use super::*;
use crate::{
    components::{
        case_nav::CaseNav,
        dates::long_date,
        fields::{form_message, LineField, SelectField, TextField},
    },
    domain::writing::MIN_REACTION_WORKING_DAYS,
    forms::{take_flash, FormState},
    i18n::{t, tf, use_lang, Lang, Msg},
};
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_params_map;

/// "Nieuw rapport" on the case's reports page, for the professionals of the case.
#[component]
pub fn NewReportCard(case: CaseId) -> impl IntoView {
    let lang = use_lang();
    let state = take_flash(NEW_REPORT_FORM);
    let kind = state.value("kind");
    let kind_error = state.error_for("kind");
    view! {
        <section class="card" id="nieuw-rapport" aria-labelledby="new-report-title">
            <h2 id="new-report-title">{t(lang, Msg::WriteNewTitle)}</h2>
            <p>{t(lang, Msg::WriteNewIntro)}</p>
            <details class="respond-form" open=state.failed()>
                <summary>{t(lang, Msg::WriteNewButton)}</summary>
                <form method="post" action=StartReport::PATH>
                    {form_message(lang, &state)}
                    <input type="hidden" name="case" value=case.to_string()/>
                    <SelectField lang id="new-report-kind".to_string() name="kind" label=Msg::WriteKind hint=None
                        empty=Msg::WriteChoose value=kind error=kind_error
                        options=ReportKind::ALL.iter().map(|k| (k.code().to_string(), t(lang, k.label()).to_string())).collect()/>
                    <LineField lang id="new-report-title-field".to_string() name="title".to_string() label=Msg::WriteReportTitle
                        hint=Some(Msg::WriteReportTitleHint) value=state.value("title") error=state.error_for("title")/>
                    <button type="submit" class="primary">{t(lang, Msg::WriteNewSubmit)}</button>
                </form>
            </details>
        </section>
    }
}

#[component]
pub fn WritingPage() -> impl IntoView {
    let params = use_params_map();
    let case = params.with_untracked(|p| p.get("id").and_then(|s| s.parse::<CaseId>().ok()));
    let report = params.with_untracked(|p| p.get("report").and_then(|s| Uuid::parse_str(&s).ok()));
    match (case, report) {
        (Some(case), Some(report)) => view! { <Editor case report/> }.into_any(),
        _ => crate::pages::error_page(AppError::NotFound),
    }
}

#[component]
fn Editor(case: CaseId, report: Uuid) -> impl IntoView {
    let lang = use_lang();
    let statement_state = take_flash(STATEMENT_FORM);
    let publish_state = take_flash(PUBLISH_FORM);
    let review_state = take_flash(REVIEW_FORM);
    let data = Resource::new_blocking(move || (case, report), |(c, r)| load_writing(c, r));
    crate::pages::loaded(data, move |w: Writing| {
        let concept = w.status == ReportStatus::Concept;
        let done = statement_state.confirmation();
        // A failed save of an existing statement belongs to that statement's form; of a new
        // one (no id) to the form at the end.
        let failed_id = Some(statement_state.value("s[id]")).filter(|_| statement_state.failed());
        let new_state = match &failed_id {
            Some(id) if id.is_empty() => statement_state.clone(),
            _ => FormState::default(),
        };
        let reports = format!("/zaken/{case}/rapporten");
        let read_as_family = format!("{reports}/{report}");
        let open_count = w
            .statements
            .iter()
            .filter(|s| !s.missing.is_empty())
            .count();
        let w2 = w.clone();
        view! {
            <CaseNav case/>
            <article class="writing">
                <header class="card">
                    <p class="eyebrow"><a href=reports.clone()>{t(lang, Msg::ReportsTitle)}</a></p>
                    <h1>{w.title.clone()}</h1>
                    <p>{t(lang, w.kind.label())} " · " {tf(lang, Msg::WriteAuthor, &[("author", &w.author)])}</p>
                    <p class="status">{status_text(lang, &w)}</p>
                    {done.map(|m| view! { <p class="form-ok" role="status">{t(lang, m)}</p> })}
                    {(concept && open_count > 0).then(|| view! {
                        <p class="warn">{tf(lang, Msg::WriteOpenCount, &[("n", &open_count.to_string())])}</p>
                    })}
                    <p><a href=read_as_family>{t(lang, Msg::WriteReadAsReport)}</a></p>
                </header>
                {w.statements.is_empty().then(|| view! { <p class="card">{t(lang, Msg::WriteNoStatements)}</p> })}
                <ol class="statements writing-list">
                    {w.statements.iter().map(|s| {
                        let state = match &failed_id {
                            Some(id) if *id == s.id.to_string() => statement_state.clone(),
                            _ => FormState::default(),
                        };
                        view! { <DraftItem lang w=w2.clone() s=s.clone() state concept/> }
                    }).collect_view()}
                </ol>
                {concept.then(|| view! {
                    <section class="card" id="nieuwe-uitspraak" aria-labelledby="new-statement-title">
                        <h2 id="new-statement-title">{t(lang, Msg::WriteAddTitle)}</h2>
                        <StatementFields lang w=w2.clone() s=None state=new_state.clone()/>
                    </section>
                })}
                // A review is asked before a report goes out; afterwards only one that was done shows.
                {(concept || w.reviewed.is_some()).then(|| view! { <ReviewCard lang w=w.clone() state=review_state.clone()/> })}
                <PublishCard lang w=w.clone() state=publish_state.clone()/>
            </article>
        }
    })
}

fn status_text(lang: Lang, w: &Writing) -> String {
    match (w.status, w.reaction_until) {
        (ReportStatus::Concept, _) => t(lang, Msg::WriteStatusConcept).to_string(),
        (ReportStatus::ReactionPeriod, Some(until)) => tf(
            lang,
            Msg::WriteStatusReaction,
            &[("date", &long_date(lang, until))],
        ),
        _ => t(lang, Msg::ReportFinal).to_string(),
    }
}

/// One statement in the editor: what it says and where it comes from, what it still lacks,
/// plain-language hints, and (while a concept) its form and a remove button.
#[component]
fn DraftItem(
    lang: Lang,
    w: Writing,
    s: DraftView,
    state: FormState,
    concept: bool,
) -> impl IntoView {
    let anchor = format!("u-{}", s.id);
    let incomplete = !s.missing.is_empty();
    let source = match (s.kind, &s.person_name, &s.informant_name) {
        (_, _, Some(informant)) => Some(tf(lang, Msg::WriteSourceInformant, &[("who", informant)])),
        (StatementKind::ParentView | StatementKind::ChildView, Some(p), _) => {
            Some(tf(lang, Msg::WriteSourceVoice, &[("who", p)]))
        }
        (_, Some(p), _) => Some(tf(lang, Msg::WriteSourceObserver, &[("who", p)])),
        _ => None,
    };
    let grounds = (!s.grounds.is_empty()).then(|| {
        let list = s
            .grounds
            .iter()
            .map(|(_, n)| n.to_string())
            .collect::<Vec<_>>()
            .join(", ");
        tf(lang, Msg::WriteRestsOn, &[("list", &list)])
    });
    let open = state.failed();
    let (case, report, id) = (w.case_id, w.report, s.id);
    let missing_id = format!("u-{}-missing", s.id);
    view! {
        <li class="card statement" class:invalid=incomplete id=anchor aria-describedby=incomplete.then(|| missing_id.clone())>
            <p class="statement-head">
                <span class="seq">{s.number}</span>
                <span class=format!("kind {}", s.kind.css())>{t(lang, s.kind.label())}</span>
                {s.date.map(|d| view! { <span>{long_date(lang, d)}</span> })}
            </p>
            <p class="statement-text">{s.text.clone()}</p>
            {source.map(|x| view! { <p class="muted">{x}</p> })}
            {grounds.map(|x| view! { <p class="muted">{x}</p> })}
            {s.concerns_name.clone().map(|n| view! { <p class="muted">{tf(lang, Msg::WriteConcerns, &[("who", &n)])}</p> })}
            {(!s.hidden_from.is_empty()).then(|| view! {
                <p class="small warn">{tf(lang, Msg::WriteHiddenFrom, &[("names", &s.hidden_from.join(", "))])}</p>
            })}
            {incomplete.then(|| view! {
                <div class="missing" id=missing_id.clone()>
                    <p><strong>{t(lang, Msg::WriteMissingTitle)}</strong></p>
                    <ul>{s.missing.iter().map(|m| view! { <li>{t(lang, m.message())}</li> }).collect_view()}</ul>
                </div>
            })}
            {(!s.hints.is_empty()).then(|| view! {
                <div class="hints">
                    <p><strong>{t(lang, Msg::WriteHintsTitle)}</strong></p>
                    <ul>{s.hints.iter().map(|h| view! { <li>{hint_text(lang, h)}</li> }).collect_view()}</ul>
                </div>
            })}
            {concept.then(|| view! {
                <details class="respond-form" open=open>
                    <summary>{t(lang, Msg::WriteEdit)}</summary>
                    <StatementFields lang w=w.clone() s=Some(s.clone()) state=state.clone()/>
                </details>
                <form method="post" action=RemoveStatement::PATH class="inline">
                    <input type="hidden" name="case" value=case.to_string()/>
                    <input type="hidden" name="report" value=report.to_string()/>
                    <input type="hidden" name="statement" value=id.to_string()/>
                    <button type="submit" class="secondary">{tf(lang, Msg::WriteRemove, &[("n", &s.number.to_string())])}</button>
                </form>
            })}
        </li>
    }
}

fn hint_text(lang: Lang, h: &crate::domain::writing::Hint) -> String {
    use crate::domain::writing::Hint;
    match h {
        Hint::LongSentence { words, start } => tf(
            lang,
            Msg::WriteHintLong,
            &[("n", &words.to_string()), ("start", start)],
        ),
        Hint::Passive { phrase } => tf(lang, Msg::WriteHintPassive, &[("phrase", phrase)]),
        Hint::Jargon { word, plain } => tf(
            lang,
            Msg::WriteHintJargon,
            &[("word", word), ("plain", plain)],
        ),
    }
}

/// The fields of a statement: empty for a new one, filled for an edit, or as typed after a
/// failed post.
#[component]
fn StatementFields(
    lang: Lang,
    w: Writing,
    s: Option<DraftView>,
    state: FormState,
) -> impl IntoView {
    let typed = state.reply.is_some();
    let prefix = s
        .as_ref()
        .map(|s| format!("u-{}", s.id))
        .unwrap_or_else(|| "new".to_string());
    let id = |f: &str| format!("{prefix}-{f}");
    let given = |field: &str, stored: String| {
        if typed {
            state.value(&format!("s[{field}]"))
        } else {
            stored
        }
    };
    let opt = |v: Option<String>| v.unwrap_or_default();
    let text = given("text", opt(s.as_ref().map(|s| s.text.clone())));
    let kind = given("kind", opt(s.as_ref().map(|s| s.kind.code().to_string())));
    let date = given(
        "date",
        opt(s.as_ref().and_then(|s| s.date).map(|d| d.to_string())),
    );
    let is_view =
        |s: &DraftView| matches!(s.kind, StatementKind::ParentView | StatementKind::ChildView);
    let observer = given(
        "observer",
        opt(s
            .as_ref()
            .filter(|s| !is_view(s))
            .and_then(|s| s.person)
            .map(|p| p.to_string())),
    );
    let voice = given(
        "voice",
        opt(s
            .as_ref()
            .filter(|s| is_view(s))
            .and_then(|s| s.person)
            .map(|p| p.to_string())),
    );
    let informant = given(
        "informant",
        opt(s.as_ref().and_then(|s| s.informant).map(|i| i.to_string())),
    );
    let concerns = given(
        "concerns",
        opt(s.as_ref().and_then(|s| s.concerns).map(|p| p.to_string())),
    );
    let factor = given("factor", opt(s.as_ref().and_then(|s| s.factor.clone())));
    let accorded = if typed {
        state.value("s[accorded]") == "yes"
    } else {
        s.as_ref().is_some_and(|s| s.accorded)
    };
    let factors = vec![
        ("risico".to_string(), t(lang, Msg::FactorRisk).to_string()),
        (
            "beschermend".to_string(),
            t(lang, Msg::FactorProtective).to_string(),
        ),
    ];
    // A new shielding each time (those made stay; the report page lists them with reasons).
    let hide_from = given("hide_from", String::new());
    let hide_reason = given("hide_reason", String::new());
    let grounds: Vec<String> = if typed {
        state
            .values
            .iter()
            .filter(|(n, _)| n == "s[grounds]")
            .map(|(_, v)| v.clone())
            .collect()
    } else {
        s.as_ref()
            .map(|s| s.grounds.iter().map(|(g, _)| g.to_string()).collect())
            .unwrap_or_default()
    };
    // What an assessment can rest on: the statements before it.
    let earlier: Vec<&DraftView> = w
        .statements
        .iter()
        .filter(|o| s.as_ref().is_none_or(|s| o.number < s.number))
        .collect();
    let err = |f: &str| state.error_for(&format!("s[{f}]"));
    let kind_error = err("kind");
    let grounds_error = err("grounds");
    let people = |list: Vec<(PersonId, String)>| {
        list.into_iter()
            .map(|(p, n)| (p.to_string(), n))
            .collect::<Vec<_>>()
    };
    let members = people(w.members.iter().map(|(p, n, _)| (*p, n.clone())).collect());
    let informants: Vec<(String, String)> = w
        .informants
        .iter()
        .map(|(i, n)| (i.to_string(), n.clone()))
        .collect();
    let kind_name = format!("{prefix}-kind");
    view! {
        <form method="post" action=SaveStatement::PATH>
            {form_message(lang, &state)}
            <input type="hidden" name="case" value=w.case_id.to_string()/>
            <input type="hidden" name="report" value=w.report.to_string()/>
            <input type="hidden" name="s[id]" value=s.as_ref().map(|s| s.id.to_string()).unwrap_or_default()/>
            <input type="hidden" name="s[version]" value=s.as_ref().map(|s| s.version.to_string()).unwrap_or_default()/>
            <fieldset class="field" class:invalid=kind_error.is_some() aria-describedby=format!("{kind_name}-error")>
                <legend>{t(lang, Msg::WriteStatementKind)}</legend>
                {StatementKind::ALL.into_iter().map(|k| {
                    let rid = format!("{kind_name}-{}", k.code());
                    view! {
                        <div class="choice">
                            <input type="radio" id=rid.clone() name="s[kind]" value=k.code() checked=kind == k.code()/>
                            <label for=rid>{t(lang, k.label())} <span class="muted">" — " {t(lang, k.meaning())}</span></label>
                        </div>
                    }
                }).collect_view()}
                <p id=format!("{kind_name}-error") class="field-error">{kind_error.map(|m| t(lang, m))}</p>
            </fieldset>
            <TextField lang id=id("text") name="s[text]" label=Msg::WriteText hint=Some(Msg::WriteTextHint) value=text error=err("text") required=true/>
            <LineField lang id=id("date") name="s[date]".to_string() label=Msg::WriteDate hint=Some(Msg::WriteDateHint)
                value=date error=err("date") kind="date"/>
            <SelectField lang id=id("observer") name="s[observer]" label=Msg::WriteObserver hint=Some(Msg::WriteObserverHint)
                empty=Msg::WriteChoose options=people(w.observers.clone()) value=observer error=err("observer")/>
            <SelectField lang id=id("informant") name="s[informant]" label=Msg::WriteInformant hint=Some(Msg::WriteInformantHint)
                empty=Msg::WriteChoose options=informants value=informant error=err("informant")/>
            <div class="choice">
                <input type="checkbox" id=id("accorded") name="s[accorded]" value="yes" checked=accorded/>
                <label for=id("accorded")>{t(lang, Msg::WriteAccorded)}</label>
            </div>
            <SelectField lang id=id("voice") name="s[voice]" label=Msg::WriteVoice hint=Some(Msg::WriteVoiceHint)
                empty=Msg::WriteChoose options=members.clone() value=voice error=err("voice")/>
            <SelectField lang id=id("concerns") name="s[concerns]" label=Msg::WriteConcernsField hint=None
                empty=Msg::WriteConcernsFamily options=members.clone() value=concerns error=err("concerns")/>
            <SelectField lang id=id("factor") name="s[factor]" label=Msg::WriteFactor hint=Some(Msg::WriteFactorHint)
                empty=Msg::WriteFactorNone options=factors value=factor error=err("factor")/>
            <SelectField lang id=id("hide-from") name="s[hide_from]" label=Msg::ShieldFrom hint=Some(Msg::WriteHideHint)
                empty=Msg::WriteHideNobody options=members value=hide_from error=err("hide_from")/>
            <TextField lang id=id("hide-reason") name="s[hide_reason]" label=Msg::ShieldReason hint=Some(Msg::ShieldReasonHint)
                value=hide_reason error=err("hide_reason") required=false/>
            <fieldset class="field" class:invalid=grounds_error.is_some() aria-describedby=id("grounds-error")>
                <legend>{t(lang, Msg::WriteGrounds)}</legend>
                <p class="hint">{t(lang, Msg::WriteGroundsHint)}</p>
                {earlier.is_empty().then(|| view! { <p class="muted">{t(lang, Msg::WriteGroundsNone)}</p> })}
                {earlier.iter().enumerate().map(|(i, o)| {
                    let cid = format!("{prefix}-ground-{}", o.id);
                    let value = o.id.to_string();
                    let checked = grounds.contains(&value);
                    let short: String = o.text.chars().take(80).collect();
                    view! {
                        <div class="choice">
                            <input type="checkbox" id=cid.clone() name=format!("s[grounds][{i}]") value=value checked=checked/>
                            <label for=cid>{format!("{}. {short}", o.number)}</label>
                        </div>
                    }
                }).collect_view()}
                <p id=id("grounds-error") class="field-error">{grounds_error.map(|m| t(lang, m))}</p>
            </fieldset>
            <button type="submit" class="primary">{t(lang, if s.is_some() { Msg::WriteSave } else { Msg::WriteAdd })}</button>
        </form>
    }
}

/// Sending the report to the family (a concept), or making it final (after their reaction).
/// Who reviewed the text as it is now; for the case's gedragsdeskundige (not the author), the
/// button that records their review.
#[component]
fn ReviewCard(lang: Lang, w: Writing, state: FormState) -> impl IntoView {
    let done = state.confirmation();
    let concept = w.status == ReportStatus::Concept;
    let status = match &w.reviewed {
        Some((who, on)) => tf(
            lang,
            Msg::WriteReviewed,
            &[("reviewer", who), ("date", &long_date(lang, *on))],
        ),
        None => t(lang, Msg::WriteNotReviewed).to_string(),
    };
    let (case, report) = (w.case_id.to_string(), w.report.to_string());
    view! {
        <section class="card" id="nakijken" aria-labelledby="review-title">
            <h2 id="review-title">{t(lang, Msg::WriteReviewTitle)}</h2>
            {concept.then(|| view! { <p>{t(lang, Msg::WriteReviewIntro)}</p> })}
            {done.map(|m| view! { <p class="form-ok" role="status">{t(lang, m)}</p> })}
            <p>{status}</p>
            {form_message(lang, &state)}
            {w.can_review.then(|| view! {
                <form method="post" action=ReviewReport::PATH>
                    <input type="hidden" name="case" value=case.clone()/>
                    <input type="hidden" name="report" value=report.clone()/>
                    <button type="submit" class="secondary">{t(lang, Msg::WriteReviewButton)}</button>
                </form>
            })}
        </section>
    }
}

#[component]
fn PublishCard(lang: Lang, w: Writing, state: FormState) -> impl IntoView {
    let done = state.confirmation();
    let until = Some(state.value("until"))
        .filter(|u| !u.is_empty())
        .unwrap_or_else(|| w.earliest_until.to_string());
    let until_error = state.error_for("until");
    let (case, report) = (w.case_id.to_string(), w.report.to_string());
    let body = match w.status {
        ReportStatus::Concept => {
            let ready = w.ready();
            view! {
                <p>{t(lang, if ready { Msg::WritePublishReady } else { Msg::WritePublishNotReady })}</p>
                <form method="post" action=PublishReport::PATH>
                    {form_message(lang, &state)}
                    <input type="hidden" name="case" value=case.clone()/>
                    <input type="hidden" name="report" value=report.clone()/>
                    {w.kind.has_reaction_period().then(|| view! {
                        <LineField lang id="publish-until".to_string() name="until".to_string() label=Msg::WriteUntil
                            hint=Some(Msg::WriteUntilHint) value=until.clone() error=until_error kind="date"/>
                        <p class="hint">{tf(lang, Msg::WriteUntilRule, &[("n", &MIN_REACTION_WORKING_DAYS.to_string()), ("date", &long_date(lang, w.earliest_until))])}</p>
                    })}
                    <button type="submit" class="primary">{t(lang, if w.kind.has_reaction_period() { Msg::WritePublish } else { Msg::WritePublishDecision })}</button>
                </form>
            }
            .into_any()
        }
        ReportStatus::ReactionPeriod => view! {
            <p>{t(lang, Msg::WriteFinaliseIntro)}</p>
            <h3>{t(lang, Msg::WriteRoundTitle)}</h3>
            {if w.round.is_empty() {
                view! { <p>{t(lang, Msg::WriteRoundNobody)}</p> }.into_any()
            } else {
                view! {
                    <ul class="round">
                        {w.round.iter().map(|(name, said)| view! {
                            <li>{match said {
                                Some(day) => tf(lang, Msg::WriteRoundDone, &[("name", name), ("date", &long_date(lang, *day))]),
                                None => tf(lang, Msg::WriteRoundOpen, &[("name", name)]),
                            }}</li>
                        }).collect_view()}
                    </ul>
                    <p class="hint">{t(lang, Msg::WriteRoundHint)}</p>
                }.into_any()
            }}
            <form method="post" action=FinaliseReport::PATH>
                {form_message(lang, &state)}
                <input type="hidden" name="case" value=case.clone()/>
                <input type="hidden" name="report" value=report.clone()/>
                <button type="submit" class="primary">{t(lang, Msg::WriteFinalise)}</button>
            </form>
        }
        .into_any(),
        ReportStatus::Final => view! { <p>{t(lang, Msg::WriteIsFinal)}</p> }.into_any(),
    };
    view! {
        <section class="card" id="publiceren" aria-labelledby="publish-title">
            <h2 id="publish-title">{t(lang, Msg::WritePublishTitle)}</h2>
            {done.map(|m| view! { <p class="form-ok" role="status">{t(lang, m)}</p> })}
            {body}
        </section>
    }
}
