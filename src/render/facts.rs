//! Fast facts as readers see them: labelled (the site's labels, then the theme's, then the key
//! itself), in the configured order, with numbers and units written out.

use super::context::Ctx;
use super::markdown::render_inline;
use crate::load::{FactValue, FastFact};
use crate::text::humanize_key;
use crate::theme::Text;
use serde::Serialize;

#[derive(Serialize)]
pub(super) struct Fact<'a> {
    key: &'a str,
    label: String,
    /// Plain text; empty for lists.
    value: String,
    /// List items as HTML (notes may contain Markdown).
    items: Vec<String>,
}

pub(super) fn facts<'a>(ctx: &Ctx, facts: &'a [FastFact]) -> Vec<Fact<'a>> {
    let labels = &ctx.g.config.fact_labels;
    let strings = &ctx.theme.strings;
    let mut ordered: Vec<&FastFact> = Vec::with_capacity(facts.len());
    for key in &labels.order {
        ordered.extend(facts.iter().filter(|f| &f.key == key));
    }
    ordered.extend(facts.iter().filter(|f| !labels.order.contains(&f.key)));
    ordered
        .into_iter()
        .map(|f| {
            let (value, items) = match &f.value {
                FactValue::Text(t) => (t.clone(), Vec::new()),
                FactValue::Population(n) => (strings.whole_number(*n), Vec::new()),
                FactValue::AreaKm2(a) => (
                    ctx.fill(Text::AreaKm2, &[("value", &strings.number(*a))]),
                    Vec::new(),
                ),
                FactValue::Year(y) => (y.to_string(), Vec::new()),
                FactValue::List(items) => (
                    String::new(),
                    items
                        .iter()
                        .map(|i| render_inline(i, ctx.g.config.raw_html))
                        .collect(),
                ),
            };
            let label = match labels.labels.get(&f.key) {
                Some(l) => l.clone(),
                None => strings
                    .fact_label(&f.key)
                    .map_or_else(|| humanize_key(&f.key), str::to_string),
            };
            Fact {
                key: &f.key,
                label,
                value,
                items,
            }
        })
        .collect()
}
