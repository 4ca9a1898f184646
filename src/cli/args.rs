//! The command line's words: the commands and options `casebook` takes (clap's definitions).

use clap::{Parser, Subcommand};
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "casebook",
    version,
    about = "Builds a website of best-practice case studies of cities"
)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
    /// Print only errors
    #[arg(long, short = 'q', global = true, conflicts_with = "verbose")]
    pub(crate) quiet: bool,
    /// Print more: each stage's time (build), each rebuild's files (serve)
    #[arg(long, short = 'v', global = true)]
    pub(crate) verbose: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Format {
    Text,
    Json,
}

#[derive(Subcommand)]
pub(crate) enum NewKind {
    /// A case study: content/case-studies/<slug>.md (or <slug>/index.md with --bundle)
    #[command(name = "case-study")]
    CaseStudy {
        /// Its title (the file name is made from it)
        title: String,
        /// The city it is about
        #[arg(long)]
        city: String,
        /// The city's country (needed when the city has no profile yet)
        #[arg(long)]
        country: Option<String>,
        /// Make a folder, so images can sit beside the text
        #[arg(long)]
        bundle: bool,
        /// The site folder
        #[arg(long, short = 'r', default_value = ".")]
        root: PathBuf,
    },
    /// A translation of a case study, city profile or page: FILE.<language>.md beside FILE,
    /// holding the source's texts to translate and a stamp of what the source says now
    Translation {
        /// The source, such as content/case-studies/khon-kaen-citizen-awareness.md
        file: PathBuf,
        /// The language to translate into (a code of `languages:` in site.yaml)
        #[arg(long, short = 'l')]
        language: String,
        /// The site folder
        #[arg(long, short = 'r', default_value = ".")]
        root: PathBuf,
    },
    /// A city profile: content/cities/<slug>.md
    City {
        /// The city's name
        name: String,
        /// Its country
        #[arg(long)]
        country: String,
        /// The site folder
        #[arg(long, short = 'r', default_value = ".")]
        root: PathBuf,
    },
}

#[derive(clap::Args)]
pub(crate) struct SiteArgs {
    /// The site folder (holding site.yaml and content/)
    #[arg(long, short = 'r', default_value = ".")]
    pub(crate) root: PathBuf,
    /// Include case studies marked `draft: true`
    #[arg(long)]
    pub(crate) drafts: bool,
    /// Use this base URL instead of the one in site.yaml (for previews)
    #[arg(long)]
    pub(crate) base_url: Option<String>,
}

#[derive(Subcommand)]
pub(crate) enum Command {
    /// Build the site into the output folder (public/ by default)
    Build {
        #[command(flatten)]
        site: SiteArgs,
        /// Where to write the site
        #[arg(long, short = 'o')]
        output: Option<PathBuf>,
        /// Link pages by paths relative to each page (works from any folder and from file://)
        #[arg(long)]
        relative: bool,
    },
    /// Build the site into memory, serve it, rebuild on every change and reload open pages
    Serve {
        /// The site folder (holding site.yaml and content/)
        #[arg(long, short = 'r', default_value = ".")]
        root: PathBuf,
        /// The port to listen on (0 picks a free one)
        #[arg(long, short = 'p', default_value_t = 1111)]
        port: u16,
        /// The address to listen on; anything but a loopback address lets other computers in
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Include case studies marked `draft: true`
        #[arg(long)]
        drafts: bool,
        /// Open the site in the default web browser
        #[arg(long)]
        open: bool,
    },
    /// Write a new case study or city profile, correctly named and shaped
    New {
        #[command(subcommand)]
        kind: NewKind,
    },
    /// Make content files from another site's export (never replacing a file), with a report
    Import {
        #[command(subcommand)]
        kind: ImportKind,
    },
    /// Create a new site in an empty folder
    Init {
        /// The folder (created if missing; must be empty)
        dir: PathBuf,
    },
    /// Write JSON Schemas (draft-07) of case-study, city and page front matter and of site.yaml
    Schema {
        /// The folder to write them to
        #[arg(default_value = "schema")]
        dir: PathBuf,
    },
    /// Print a coverage report: studies by country, topic and year, cities with no recent study,
    /// facts past their freshness limit
    Report {
        #[command(flatten)]
        site: SiteArgs,
        /// Cities with no study for this many years count as quiet
        #[arg(long, default_value_t = casebook::report::QUIET_YEARS)]
        years: u16,
        /// text for people, json for tools
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// List every translation per language: current, outdated (with the parts of the source
    /// that changed), unstamped or missing; and the theme's strings missing per language
    Translations {
        #[command(flatten)]
        site: SiteArgs,
        /// text for people, json for tools
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Mark this translation current: stamp it with what its source says now
        #[arg(long, value_name = "FILE")]
        stamp: Option<PathBuf>,
    },
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell)
    Completions { shell: clap_complete::Shell },
    /// Delete a previous output that a build moved aside (run by `build` in the background)
    #[command(hide = true, name = "remove-old-output")]
    RemoveOldOutput { path: PathBuf },
    /// Check the content for errors without writing anything; with --output, check the links of
    /// the built site instead
    Check {
        #[command(flatten)]
        site: SiteArgs,
        /// Check that every internal link, image and #fragment of the built site resolves
        /// (DIR, as `build --output DIR` wrote it; the site's public/ without DIR)
        #[arg(long, num_args = 0..=1, value_name = "DIR")]
        output: Option<Option<PathBuf>>,
        /// How to print problems: text for people, json for tools (one object per line)
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Fail (exit 1) on warnings too
        #[arg(long)]
        deny_warnings: bool,
        /// Report every address of an older build that this site no longer has (url-removed):
        /// its folder, or a sitemap.xml it wrote; for a site without published-urls.txt
        #[arg(long, value_name = "DIR|SITEMAP")]
        against: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
pub(crate) enum ImportKind {
    /// A WordPress export (Tools > Export > All content): a case study per post, a free page per
    /// page, a city profile for each city that has none; each post's old address kept as
    /// `redirect_from:`
    Wordpress {
        /// The export file WordPress wrote (WXR)
        export: PathBuf,
        /// The site folder (holding site.yaml and content/)
        #[arg(long, short = 'r', default_value = ".")]
        root: PathBuf,
        /// The post types to import, separated by commas
        #[arg(long, value_delimiter = ',', default_value = "portfolio,post,page")]
        post_type: Vec<String>,
        /// Say what would be written, and write nothing
        #[arg(long)]
        dry_run: bool,
        /// How to print the report: text for people, json for tools
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
}
