//! casebook: a static site generator for best-practice case studies of cities.
//!
//! A build is a pipeline of stages, each a function from one value to the next:
//!
//! ```text
//! load(&BuildOptions)    -> Content      files parsed: config, studies, city profiles, pages,
//!                                        translations
//! resolve(Content)       -> SiteGraph    cities identified, mentions, backlinks, related,
//!                                        translations tied to their sources
//! language_view(&graph)  -> SiteGraph    the site as the readers of each other language see it
//! Routes::check          -> diagnostics  every output's address, decided and checked per language
//! SiteRender::new        -> SiteRender   every output (HTML, feeds, data); rendering one is pure
//! write(&source, dir)    -> WriteReport  the only stage that touches the output folder; it pulls
//!                                        outputs from the render and writes them in parallel
//! ```
//!
//! [`build`] runs them all; [`check`] stops before rendering. Library code never prints or
//! exits: problems come back as [`Diagnostic`]s for the caller to show.

// Diagnostics are returned by value: they are rare (cold path) and boxing them would only add
// noise at every call site.
#![allow(clippy::result_large_err)]

/// An enum with `ALL`, every variant in the order declared: a variant added to the enum is in
/// `ALL` by construction (lists kept by hand were missed: a data file left out wrote nothing).
macro_rules! listed_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $($(#[$vmeta:meta])* $variant:ident,)*
        }
    ) => {
        $(#[$meta])*
        $vis enum $name {
            $($(#[$vmeta])* $variant,)*
        }

        impl $name {
            /// Every variant, in the order declared.
            pub const ALL: [$name; [$(stringify!($variant)),*].len()] = [$($name::$variant),*];
        }
    };
}

pub mod advice;
pub mod change;
pub mod config;
pub mod diagnostics;
pub mod files;
pub mod freshness;
pub mod graph;
pub mod html;
pub mod import;
pub mod layout;
pub mod linkcheck;
pub mod load;
pub mod locale;
pub mod output;
pub mod paths;
pub mod pipeline;
pub mod published;
pub mod render;
pub mod report;
pub mod routes;
pub mod scaffold;
pub mod serve;
pub mod session;
pub mod text;
pub mod theme;
pub mod translations;
pub mod write;

pub use config::BuildOptions;
pub use diagnostics::{Diagnostic, Diagnostics, Severity};
pub use graph::SiteGraph;
pub use pipeline::{build, check, resolve_site, BuildFailure, BuildReport, Site, StageTimes};
