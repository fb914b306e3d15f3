//! "Across versions": the scenario under every CPython 3.8–3.13, as [`AcrossView`] says —
//! the groups of versions with one outcome, the lines that differ side by side, and why.

use yew::prelude::*;

use crate::web::i18n::{Lang, VersionTexts};
use crate::web::versions::AcrossView;

use super::ByPtr;

#[derive(Properties, PartialEq)]
pub struct AcrossVersionsProps {
    pub view: ByPtr<AcrossView>,
    pub lang: Lang,
}

#[function_component(AcrossVersions)]
pub fn across_versions(props: &AcrossVersionsProps) -> Html {
    let tx = VersionTexts::of(props.lang);
    let v = &props.view;
    let groups = v.groups.iter().map(|g| {
        html! {
            <li>
                <strong>{ format!("{}:", g.versions) }</strong>
                <ul>{ for g.summary.iter().map(|s| html! { <li><code>{ s.clone() }</code></li> }) }</ul>
            </li>
        }
    });
    let rows = v.rows.iter().map(|r| {
        html! {
            <tr>
                <th scope="row">{ r.label.clone() }</th>
                { for r.cells.iter().map(|c| html! { <td><code>{ c.clone() }</code></td> }) }
            </tr>
        }
    });
    html! {
        <section class="across" aria-label={tx.across}>
            <details>
                <summary>
                    <h2>{ tx.across }</h2>
                    <span class="headline">{ v.headline.clone() }</span>
                </summary>
                if !v.same.is_empty() {
                    <p class="same">{ format!("{}:", tx.in_every_version) }</p>
                    <ul class="groups">{ for v.same.iter().map(|s| html! { <li><code>{ s.clone() }</code></li> }) }</ul>
                }
                <ul class="groups">{ for groups }</ul>
                if !v.rows.is_empty() {
                    // Scrolls sideways on a narrow screen; focusable so keys can scroll it.
                    <div class="table-scroll" tabindex="0">
                        <table>
                            <thead>
                                <tr>
                                    <th scope="col">{ tx.versions }</th>
                                    { for v.groups.iter().map(|g| html! { <th scope="col">{ g.versions.clone() }</th> }) }
                                </tr>
                            </thead>
                            <tbody>{ for rows }</tbody>
                        </table>
                    </div>
                }
                if !v.reasons.is_empty() {
                    <h3>{ tx.why }</h3>
                    <ul class="reasons">{ for v.reasons.iter().map(|r| html! { <li>{ r.clone() }</li> }) }</ul>
                }
            </details>
        </section>
    }
}
