//! The shapes of front matter and `site.yaml`, as JSON Schema (draft-07) for editors' tools
//! (`casebook schema`, `docs/schema/`).
//!
//! The loaders (`items.rs`, `site_config.rs`) read YAML through their own positioned reader, which
//! is what gives every problem its line and column; these types describe the same keys and value
//! shapes, with the descriptions editors see. A test keeps the two in step: the keys the loaders
//! know are exactly the properties here.

use schemars::JsonSchema;
use std::collections::BTreeMap;

/// The front matter of a case study (`content/case-studies/<slug>.md` or `<slug>/index.md`).
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
#[allow(dead_code)]
pub struct CaseStudyFrontMatter {
    /// The study's title: its page heading, and its name in every list and feed.
    title: String,
    /// When the study was published, as YYYY-MM-DD. Lists show newest first.
    #[schemars(regex(pattern = r"^\d{4}-\d{2}-\d{2}$"))]
    date: String,
    /// The city the study is about (or give several with `cities`). A city without a profile in
    /// content/cities/ gets a page built from its studies.
    city: Option<String>,
    /// The cities the study is about; the first is its main city.
    cities: Option<Vec<String>>,
    /// The city's country; needed when the city has no profile.
    country: Option<String>,
    /// One or two sentences shown in lists and feeds (otherwise the first paragraph).
    summary: Option<String>,
    /// Topics the study belongs to; each gets a page listing its studies.
    topics: Option<Vec<String>>,
    /// Slugs of other case studies to show first under "related".
    related: Option<Vec<String>>,
    /// Leave the study out of the build (include it with `--drafts`).
    draft: Option<bool>,
    /// Link the names of cities found in the text to their pages (default true).
    autolink: Option<bool>,
    /// Old addresses of this page (`/portfolio/khon-kaen/`, under the site's base path): each
    /// gets a page that sends readers here, `#fragment` kept, and the host's redirect file a rule.
    redirect_from: Option<Vec<String>>,
    /// The study's address, instead of one made from its file name.
    slug: Option<Slug>,
    /// The city's fast facts as this study gives them.
    fast_facts: Option<FastFacts>,
    /// The sources the study draws on.
    sources: Option<Vec<Source>>,
}

/// The front matter of a city profile (`content/cities/<slug>.md`).
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
#[allow(dead_code)]
pub struct CityFrontMatter {
    /// The city's name, as it is written in studies.
    name: String,
    /// The city's country.
    country: String,
    /// The region or province.
    region: Option<String>,
    /// Other spellings of the name ("Kon Kaen"): studies that use them link to this city.
    aliases: Option<Vec<String>>,
    /// The city's name in the site's other languages, by language code (`th: ขอนแก่น`).
    names: Option<std::collections::BTreeMap<String, String>>,
    /// Where the city is, in degrees.
    coordinates: Option<Coordinates>,
    /// The city's fast facts.
    fast_facts: Option<FastFacts>,
    /// Cities this one works with; the link is shown on both pages.
    partners: Option<Vec<String>>,
    /// One sentence shown in lists.
    summary: Option<String>,
    /// Link the names of other cities found in the text to their pages (default true).
    autolink: Option<bool>,
    /// Old addresses of this page (`/portfolio/khon-kaen/`, under the site's base path): each
    /// gets a page that sends readers here, `#fragment` kept, and the host's redirect file a rule.
    redirect_from: Option<Vec<String>>,
    /// The city's address, instead of one made from its name.
    slug: Option<Slug>,
}

/// The front matter of a free page (`content/pages/<slug>.md`).
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
#[allow(dead_code)]
pub struct PageFrontMatter {
    /// The page's title, shown in the navigation of every page.
    title: String,
    /// One sentence about the page.
    summary: Option<String>,
    /// Link the names of cities found in the text to their pages (default true).
    autolink: Option<bool>,
    /// Old addresses of this page (`/portfolio/khon-kaen/`, under the site's base path): each
    /// gets a page that sends readers here, `#fragment` kept, and the host's redirect file a rule.
    redirect_from: Option<Vec<String>>,
    /// The page's address, instead of one made from its file name.
    slug: Option<Slug>,
}

/// The front matter of a translation (`x.th.md` beside `x.md`): text only; the rest is the
/// source's.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
#[allow(dead_code)]
pub struct TranslationFrontMatter {
    /// The title in this language (of a study or a page).
    title: Option<String>,
    /// A city's name in this language (of a city profile).
    name: Option<String>,
    /// One sentence in this language.
    summary: Option<String>,
    /// A city's other names in this language.
    aliases: Option<Vec<String>>,
    /// A city's region in this language.
    region: Option<String>,
    /// The texts of the source's fast facts in this language; numbers, if given, must be the
    /// source's.
    fast_facts: Option<FastFacts>,
    /// The source's date, if repeated (it must be the same).
    date: Option<String>,
    /// Leave this translation out of the build.
    draft: Option<bool>,
    /// Link the names of cities found in the text to their pages (default true).
    autolink: Option<bool>,
    /// Old addresses of this page (`/portfolio/khon-kaen/`, under the site's base path): each
    /// gets a page that sends readers here, `#fragment` kept, and the host's redirect file a rule.
    redirect_from: Option<Vec<String>>,
    /// A fingerprint of each part of the source when the translation was made.
    translated_from: Option<std::collections::BTreeMap<String, String>>,
}

/// `site.yaml`: the site's settings.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
#[allow(dead_code)]
pub struct SiteYaml {
    /// The site's name, in every page's header and title.
    title: String,
    /// One sentence about the site, for search engines and feeds.
    description: Option<String>,
    /// Where the site will be published: `https://example.org/best-practices/` (every link starts
    /// with its path), or only a path such as `/best-practices/`.
    base_url: String,
    /// The language of the content, as a BCP 47 tag in lowercase (`en`, `th`, `zh-hans`); with
    /// `languages`, the default language (files without a language code, at the site's root).
    language: Option<String>,
    /// Every language of the site, the default included, in the order of the language
    /// switcher: a translation is `x.<code>.md` beside `x.md`, published under `/<code>/`.
    languages: Option<std::collections::BTreeMap<String, SiteLanguage>>,
    /// On a site in several languages, what the lists, city pages, feeds and search of a
    /// language other than the default do with a study not written in it: `show` it in its own
    /// language with a badge (the default), or `hide` it.
    untranslated: Option<Untranslated>,
    /// A link to another part of the site's host (`/reports/2023.pdf` from a site at
    /// `/best-practices/`), which casebook cannot check: `allow` it (the default) or `refuse` it.
    outside_base: Option<OutsideBase>,
    /// The host the site is published on, for old addresses (`redirect_from:`): `static` (the
    /// default) leaves a page at each; the others also write that host's file of 301 rules
    /// (`_redirects`, `.htaccess`, an nginx map, `vercel.json`).
    redirects: Option<RedirectsHost>,
    /// Addresses withdrawn on purpose, each with why (`/case-studies/old/: Withdrawn at the
    /// city's request`): each gets a page saying so, and `published-urls.txt` stops asking for it.
    retired: Option<std::collections::BTreeMap<String, String>>,
    /// How many studies a list page shows before the next page.
    #[schemars(range(min = 1))]
    page_size: Option<u32>,
    /// The theme folder under themes/ (default `default`).
    theme: Option<String>,
    /// Pass HTML written in Markdown through (true, the default) or show it as text (false).
    raw_html: Option<bool>,
    /// Publish the coverage report (`casebook report`) as the page /report/.
    report: Option<bool>,
    /// `relative`: pages link to the site's files by paths relative to the page, so the output
    /// works from any folder and from a disk (file://). `absolute` (the default): links start
    /// with the path of base_url. Feeds, the sitemap and canonical links are absolute either way.
    links: Option<LinkMode>,
    /// How many years old each fast fact may get before `casebook check` warns
    /// (`population: 10 years`).
    freshness: Option<std::collections::BTreeMap<String, Years>>,
    /// Who writes the case studies, for feeds and structured data (default: the publisher).
    author: Option<Party>,
    /// Who publishes the site, for structured data (default: the site's title and base_url).
    publisher: Option<Party>,
    /// Other heading texts that count as the canonical sections.
    sections: Option<SectionAliases>,
    /// How fast facts are labelled and ordered.
    fast_facts: Option<FactSettings>,
}

/// The settings of one language of the site.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
#[allow(dead_code)]
pub struct SiteLanguage {
    /// The language's name in itself, for the language switcher (`ไทย`).
    name: Option<String>,
    /// The site's title in this language.
    title: Option<String>,
    /// The site's description in this language.
    description: Option<String>,
    /// The calendar of dates (default: the language's usual one; Buddhist for Thai).
    calendar: Option<Calendar>,
}

/// A calendar dates may be written in.
#[derive(JsonSchema)]
#[serde(rename_all = "lowercase")]
#[allow(dead_code)]
pub enum Calendar {
    Gregorian,
    Buddhist,
}

/// A number of years: `10` or `10 years`.
#[derive(JsonSchema)]
#[schemars(untagged)]
#[allow(dead_code)]
pub enum Years {
    Number(#[schemars(range(min = 1))] u16),
    Written(#[schemars(regex(pattern = r"^[0-9]+ years?$"))] String),
}

/// A person or organisation: a name, or a name with a web address.
#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
pub enum Party {
    Name(String),
    Full(PartyWithUrl),
}

#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
#[allow(dead_code)]
pub struct PartyWithUrl {
    name: String,
    /// An absolute http(s) URL.
    #[schemars(url)]
    url: Option<String>,
}

/// An address name: lowercase letters, digits and single hyphens.
#[derive(JsonSchema)]
#[allow(dead_code)]
pub struct Slug(#[schemars(regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$"))] String);

/// What a link outside the site's base path is.
#[derive(JsonSchema)]
#[schemars(rename_all = "lowercase")]
#[allow(dead_code)]
pub enum OutsideBase {
    Allow,
    Refuse,
}

/// What a language's lists do with a study not written in it.
#[derive(JsonSchema)]
#[schemars(rename_all = "lowercase")]
#[allow(dead_code)]
pub enum Untranslated {
    Show,
    Hide,
}

/// The hosts whose redirect rules casebook writes.
#[derive(JsonSchema)]
#[schemars(rename_all = "lowercase")]
#[allow(dead_code)]
pub enum RedirectsHost {
    Static,
    Netlify,
    Cloudflare,
    #[schemars(rename = "gitlab")]
    GitLab,
    Apache,
    Nginx,
    Vercel,
}

/// How pages link to the site's files.
#[derive(JsonSchema)]
#[schemars(rename_all = "lowercase")]
#[allow(dead_code)]
pub enum LinkMode {
    Absolute,
    Relative,
}

/// Heading texts, per canonical section, that count as that section.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
#[allow(dead_code)]
pub struct SectionAliases {
    /// Headings that count as Background.
    background: Option<Vec<String>>,
    /// Headings that count as Solutions Implemented.
    solutions: Option<Vec<String>>,
    /// Headings that count as Results and Lessons Learned.
    lessons: Option<Vec<String>>,
}

/// Labels and order of the fast facts.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
#[allow(dead_code)]
pub struct FactSettings {
    /// The label shown for a fact key (`signatory_since: GCoM signatory since`).
    labels: Option<BTreeMap<String, String>>,
    /// The order facts are shown in (keys; the others follow).
    order: Option<Vec<String>>,
}

/// A city's fast facts. Any other key is a fact shown with its key as label.
#[derive(JsonSchema)]
#[allow(dead_code)]
pub struct FastFacts {
    /// The mayor or governor.
    mayor: Option<String>,
    /// The number of inhabitants (separators such as 147,579 are fine).
    population: Option<WholeNumber>,
    /// The area in square kilometres.
    #[schemars(range(min = 0))]
    area_km2: Option<f64>,
    /// The year the city joined the programme (GCoM signatory since).
    signatory_since: Option<WholeNumber>,
    /// Notes, shown as bullets (Markdown).
    notes: Option<Vec<String>>,
    #[schemars(flatten)]
    other: BTreeMap<String, FactValue>,
}

/// A whole number, or one written with separators.
#[derive(JsonSchema)]
#[schemars(untagged)]
#[allow(dead_code)]
pub enum WholeNumber {
    Number(u64),
    Written(#[schemars(regex(pattern = r"^[0-9][0-9,. ]*$"))] String),
}

/// A fast fact: text, a number or a list of texts, or such a value with the year it held and
/// its source.
#[derive(JsonSchema)]
#[schemars(untagged)]
#[allow(dead_code)]
pub enum FactValue {
    Text(String),
    Number(f64),
    List(Vec<String>),
    WithSource(FactWithSource),
}

/// `{value: 147579, year: 2020, source: National Statistical Office, url: ...}`.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
#[allow(dead_code)]
pub struct FactWithSource {
    value: PlainFactValue,
    /// The year the value held.
    #[schemars(range(min = 1000, max = 2999))]
    year: Option<u16>,
    /// Who published the value.
    source: Option<String>,
    /// Where it was published (absolute http(s) URL).
    #[schemars(url)]
    url: Option<String>,
}

/// The value of a fast fact written with its source.
#[derive(JsonSchema)]
#[schemars(untagged)]
#[allow(dead_code)]
pub enum PlainFactValue {
    Text(String),
    Number(f64),
    List(Vec<String>),
}

/// A city's location.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
#[allow(dead_code)]
pub struct Coordinates {
    /// Latitude, -90 to 90.
    #[schemars(range(min = -90, max = 90))]
    lat: f64,
    /// Longitude, -180 to 180.
    #[schemars(range(min = -180, max = 180))]
    lon: f64,
}

/// An entry of `sources`.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
#[allow(dead_code)]
pub struct Source {
    /// The source's title.
    title: String,
    /// Where to read it (a web address).
    #[schemars(regex(pattern = r"^(https?://|mailto:)"))]
    url: Option<String>,
    /// Who published it.
    publisher: Option<String>,
    /// When it was published.
    date: Option<String>,
}

/// The schema files `casebook schema` writes: (file name, schema as pretty JSON).
pub fn schemas() -> Vec<(&'static str, String)> {
    fn one<T: JsonSchema>() -> String {
        let schema = schemars::generate::SchemaSettings::draft07()
            .into_generator()
            .into_root_schema_for::<T>();
        let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
        text.push('\n');
        text
    }
    vec![
        ("case-study.schema.json", one::<CaseStudyFrontMatter>()),
        ("city.schema.json", one::<CityFrontMatter>()),
        ("page.schema.json", one::<PageFrontMatter>()),
        ("translation.schema.json", one::<TranslationFrontMatter>()),
        ("site.schema.json", one::<SiteYaml>()),
    ]
}
