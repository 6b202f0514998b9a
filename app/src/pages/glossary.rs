//! "Wat betekent dit woord?": the words of the chain that families meet in letters and
//! reports, each in plain words. Every word on `app/data/jargon.txt` has an entry here (the
//! words test checks it); a page that must use such a word can link to `/woorden#w-<slug>`.
//! Public: it holds no dossier data.
use crate::i18n::{t, use_lang, Msg};
use leptos::prelude::*;

/// (anchor, the word, what it means), in alphabetical order of the Dutch word.
pub const ENTRIES: &[(&str, Msg, Msg)] = &[
    (
        "accordering",
        Msg::GlossaryAccorderingTerm,
        Msg::GlossaryAccordering,
    ),
    (
        "beschikking",
        Msg::GlossaryBeschikkingTerm,
        Msg::GlossaryBeschikking,
    ),
    (
        "casemanager",
        Msg::GlossaryCasemanagerTerm,
        Msg::GlossaryCasemanager,
    ),
    (
        "contra-expertise",
        Msg::GlossaryContraExpertiseTerm,
        Msg::GlossaryContraExpertise,
    ),
    (
        "gecertificeerde-instelling",
        Msg::GlossaryGecertificeerdeInstellingTerm,
        Msg::GlossaryGecertificeerdeInstelling,
    ),
    (
        "geschillenregeling",
        Msg::GlossaryGeschillenregelingTerm,
        Msg::GlossaryGeschillenregeling,
    ),
    (
        "gezagsbeeindiging",
        Msg::GlossaryGezagsbeeindigingTerm,
        Msg::GlossaryGezagsbeeindiging,
    ),
    (
        "informant",
        Msg::GlossaryInformantTerm,
        Msg::GlossaryInformant,
    ),
    (
        "machtiging",
        Msg::GlossaryMachtigingTerm,
        Msg::GlossaryMachtiging,
    ),
    (
        "ondertoezichtstelling",
        Msg::GlossaryOndertoezichtstellingTerm,
        Msg::GlossaryOndertoezichtstelling,
    ),
    (
        "perspectiefbesluit",
        Msg::GlossaryPerspectiefbesluitTerm,
        Msg::GlossaryPerspectiefbesluit,
    ),
    (
        "raadsonderzoeker",
        Msg::GlossaryRaadsonderzoekerTerm,
        Msg::GlossaryRaadsonderzoeker,
    ),
    ("triage", Msg::GlossaryTriageTerm, Msg::GlossaryTriage),
    (
        "uithuisplaatsing",
        Msg::GlossaryUithuisplaatsingTerm,
        Msg::GlossaryUithuisplaatsing,
    ),
    (
        "verzoekschrift",
        Msg::GlossaryVerzoekschriftTerm,
        Msg::GlossaryVerzoekschrift,
    ),
    (
        "zienswijze",
        Msg::GlossaryZienswijzeTerm,
        Msg::GlossaryZienswijze,
    ),
    (
        "zittingsvertegenwoordiger",
        Msg::GlossaryZittingsvertegenwoordigerTerm,
        Msg::GlossaryZittingsvertegenwoordiger,
    ),
];

#[component]
pub fn GlossaryPage() -> impl IntoView {
    let lang = use_lang();
    view! {
        <section class="card">
            <h1>{t(lang, Msg::GlossaryTitle)}</h1>
            <p>{t(lang, Msg::GlossaryIntro)}</p>
            <dl class="glossary">
                {ENTRIES.iter().map(|(slug, term, meaning)| view! {
                    <dt id=format!("w-{slug}")>{t(lang, *term)}</dt>
                    <dd>{t(lang, *meaning)}</dd>
                }).collect_view()}
            </dl>
        </section>
    }
}
