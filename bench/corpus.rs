//! The benchmark corpus generator: realistic casebook sites of any size, deterministic from a
//! seed, optionally written as a Hugo site too. Used by `examples/gen-corpus.rs` (the command)
//! and by `tests/corpus.rs` (which checks what it writes).
#![allow(dead_code)]

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

/// splitmix64: tiny, fast and good enough for generating text.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const SYLLABLES: &[&str] = &[
    "khon", "kaen", "phu", "ket", "chi", "ang", "mai", "bu", "san", "u", "don", "tha", "ni", "sa",
    "kon", "na", "ra", "ya", "lam", "pang", "su", "rat", "bo", "ri", "ma", "ha", "sa", "rak",
    "ham", "yo", "to", "lu", "vi", "en", "ti", "an", "go", "mo", "pe", "la", "ze", "ro", "qu",
    "ito", "ba",
];

const TOPICS: &[&str] = &[
    "Smart city",
    "Mobility",
    "Citizen participation",
    "Public-private partnership",
    "Digital economy",
    "Energy efficiency",
    "Waste management",
    "Water",
    "Housing",
    "Public health",
    "Education",
    "Tourism",
    "Climate adaptation",
    "Air quality",
    "Open data",
    "Urban planning",
    "Green spaces",
    "Circular economy",
    "Transport",
    "Governance",
];

const SENTENCES: &[&str] = &[
    "The programme was not solely driven by the state; it required active public participation and engagement.",
    "Civil society organisations played a crucial role in contributing to the city's development.",
    "Influential business leaders, many of whom were born and raised in the city, took the lead.",
    "Smart mobility took centre stage, but the importance of other aspects of a smart city was not overlooked.",
    "Financial resources for infrastructure and public services expansion were limited.",
    "Relying solely on central government funding would have been challenging.",
    "The degree of responsiveness to the needs of local residents distinguished the approach.",
    "Local leaders believed the project to be integral to advancing the city's role as a regional hub.",
    "Media platforms were used to distribute promotional materials and rally support from the public and private sectors.",
    "A truly smart city acknowledges and values local community growth.",
    "Policy initiatives were bottom-up and community-oriented from the start.",
    "The government hopes to expand such projects to build smart cities across the country.",
    "Private industry was called on to launch ventures devoted to innovation, asset management and city development.",
    "The outreach to the private sector is meant to bridge the funding gap for developing smart cities.",
    "New centres of operation were built to monitor data and services.",
    "A pilot helped the police enforce traffic laws and improve the transportation system.",
    "The university fostered a close working relationship with the city's administration.",
    "Residents were consulted in open meetings before each phase began.",
];

pub struct City {
    pub name: String,
    pub slug: String,
    pub country: usize,
    pub alias: Option<String>,
    pub partners: Vec<usize>,
}

fn title_case(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn make_name(rng: &mut Rng, words: usize) -> String {
    (0..words)
        .map(|_| {
            let n = rng.range(2, 3);
            title_case(&(0..n).map(|_| *rng.pick(SYLLABLES)).collect::<String>())
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn slugify(s: &str) -> String {
    s.to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join("-")
}

/// A misspelling: drop one letter from the middle ("Khon Kaen" -> "Kon Kaen").
fn misspell(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let i = (1..chars.len() - 1)
        .find(|&i| chars[i] != ' ' && chars[i - 1] != ' ')
        .unwrap_or(1);
    chars
        .iter()
        .enumerate()
        .filter(|&(j, _)| j != i)
        .map(|(_, c)| *c)
        .collect()
}

pub struct Study {
    pub slug: String,
    pub title: String,
    pub date: String,
    pub city: usize,
    pub also: Option<usize>,
    pub topics: Vec<&'static str>,
    pub mayor: String,
    pub population: u64,
    pub area: u64,
    pub since: u16,
    pub body: String,
}

impl Study {
    /// Ends the study's file begun in `f` (fast facts, sources, the body: the same for both
    /// tools) and writes it to `content/case-studies/` under `dir`.
    fn finish_file(&self, mut f: String, dir: &Path) -> std::io::Result<()> {
        let _ = write!(
            &mut f,
            "fast_facts:\n  mayor: {}\n  population: {{value: {}, year: {}, source: National statistics office, url: 'https://example.org/census/{}'}}\n  area_km2: {}\n  signatory_since: {}\n  notes:\n    - A regional hub with a university and a railway station.\nsources:\n  - title: \"Annual report {}\"\n    url: https://example.org/reports/{}\n    publisher: City statistics office\n---\n\n",
            self.mayor, self.population, self.since, self.slug, self.area, self.since, self.since, self.slug
        );
        f.push_str(&self.body);
        fs::write(
            dir.join("content/case-studies")
                .join(format!("{}.md", self.slug)),
            f,
        )
    }
}

pub struct Corpus {
    pub countries: Vec<String>,
    pub cities: Vec<City>,
    pub studies: Vec<Study>,
}

impl Corpus {
    pub fn generate(study_count: usize, city_count: usize, seed: u64) -> Corpus {
        let mut rng = Rng(seed);
        let country_count = (city_count / 50).clamp(3, 60);
        let mut countries: Vec<String> = Vec::new();
        while countries.len() < country_count {
            let name = make_name(&mut rng, 1);
            if !countries.contains(&name) {
                countries.push(name);
            }
        }
        let mut cities: Vec<City> = Vec::new();
        let mut taken = std::collections::HashSet::new();
        while cities.len() < city_count {
            let words = if rng.chance(35) { 2 } else { 1 };
            let name = make_name(&mut rng, words);
            let slug = slugify(&name);
            if name.len() < 5 || !taken.insert(slug.clone()) {
                continue;
            }
            let alias = rng
                .chance(30)
                .then(|| misspell(&name))
                .filter(|a| taken.insert(slugify(a)));
            cities.push(City {
                name,
                slug,
                country: rng.below(country_count),
                alias,
                partners: Vec::new(),
            });
        }
        for c in 0..cities.len() {
            if rng.chance(20) {
                let p = rng.below(cities.len());
                if p != c {
                    cities[c].partners.push(p);
                }
            }
        }
        let mut studies = Vec::with_capacity(study_count);
        for i in 0..study_count {
            let city = rng.below(cities.len());
            let also = rng
                .chance(15)
                .then(|| rng.below(cities.len()))
                .filter(|&o| o != city);
            let mut topics: Vec<&'static str> =
                (0..rng.range(1, 3)).map(|_| *rng.pick(TOPICS)).collect();
            topics.dedup();
            let title = format!(
                "{} {} {}",
                rng.pick(&[
                    "Citizen Awareness of",
                    "Financing",
                    "Scaling",
                    "Lessons from",
                    "Building",
                    "Measuring"
                ]),
                rng.pick(&[
                    "the Smart City",
                    "Light Rail",
                    "Open Data",
                    "Waste Collection",
                    "Flood Defences",
                    "Public Wi-Fi",
                    "Green Roofs"
                ]),
                i
            );
            let date = format!(
                "{}-{:02}-{:02}",
                rng.range(2010, 2025),
                rng.range(1, 12),
                rng.range(1, 28)
            );
            let body = study_body(&mut rng, &cities, city);
            studies.push(Study {
                slug: format!("study-{i:06}"),
                title,
                date,
                city,
                also,
                topics,
                mayor: make_name(&mut rng, 2),
                population: rng.range(20_000, 9_000_000) as u64,
                area: rng.range(20, 3000) as u64,
                since: rng.range(2008, 2024) as u16,
                body,
            });
        }
        Corpus {
            countries,
            cities,
            studies,
        }
    }

    pub fn write_casebook(&self, dir: &Path) -> std::io::Result<()> {
        fs::create_dir_all(dir.join("content/case-studies"))?;
        fs::create_dir_all(dir.join("content/cities"))?;
        fs::write(
            dir.join("site.yaml"),
            "title: Generated Case Studies\ndescription: A generated benchmark corpus\nbase_url: https://example.org/cases/\n",
        )?;
        for c in &self.cities {
            let mut f = format!(
                "---\nname: {}\ncountry: {}\n",
                c.name, self.countries[c.country]
            );
            if let Some(a) = &c.alias {
                let _ = writeln!(f, "aliases: [{a}]");
            }
            // Coordinates from the name (the random sequence stays as it was), on land or not.
            let h = c.slug.bytes().fold(1469598103934665603u64, |h, b| {
                (h ^ u64::from(b)).wrapping_mul(1099511628211)
            });
            let lat = (h % 12_000) as f64 / 100.0 - 55.0;
            let lon = ((h / 12_000) % 36_000) as f64 / 100.0 - 180.0;
            let _ = writeln!(f, "coordinates: {{lat: {lat:.2}, lon: {lon:.2}}}");
            // Every third city's profile has a dated population of its own.
            if h % 3 == 0 {
                let _ = writeln!(
                    f,
                    "fast_facts:\n  population: {{value: {}, year: {}, source: City census}}",
                    100_000 + h % 5_000_000,
                    2012 + h % 12
                );
            }
            if !c.partners.is_empty() {
                let names: Vec<&str> = c
                    .partners
                    .iter()
                    .map(|&p| self.cities[p].name.as_str())
                    .collect();
                let _ = writeln!(f, "partners: [{}]", names.join(", "));
            }
            let _ = write!(
                f,
                "---\n\n{} is a city in {}. {}\n",
                c.name,
                self.countries[c.country],
                SENTENCES[c.slug.len() % SENTENCES.len()]
            );
            fs::write(dir.join("content/cities").join(format!("{}.md", c.slug)), f)?;
        }
        for s in &self.studies {
            let mut f = String::with_capacity(s.body.len() + 800);
            let _ = write!(f, "---\ntitle: \"{}\"\ndate: {}\n", s.title, s.date);
            match s.also {
                Some(o) => {
                    let _ = writeln!(
                        f,
                        "cities: [{}, {}]",
                        self.cities[s.city].name, self.cities[o].name
                    );
                }
                None => {
                    let _ = writeln!(f, "city: {}", self.cities[s.city].name);
                }
            }
            let _ = writeln!(f, "topics: [{}]", s.topics.join(", "));
            s.finish_file(f, dir)?;
        }
        Ok(())
    }
}

impl Corpus {
    /// Makes the site of `dir` one in English and `languages` too: `languages:` in its
    /// site.yaml, and a translation (`<slug>.<code>.md`: title, the mayor's name, the body) of
    /// every study whose place in the corpus falls in the first `share` of each ten, into each
    /// language. Returns how many translations were written.
    pub fn write_translations(
        &self,
        dir: &Path,
        languages: &[String],
        share: f64,
    ) -> std::io::Result<usize> {
        let mut yaml = fs::read_to_string(dir.join("site.yaml"))?;
        yaml.push_str(
            "language: en
languages:
  en: {name: English}
",
        );
        for code in languages {
            let _ = writeln!(yaml, "  {code}: {{name: {code}}}");
        }
        fs::write(dir.join("site.yaml"), yaml)?;
        let per_ten = (share * 10.0).round() as usize;
        let mut written = 0;
        for (i, s) in self.studies.iter().enumerate() {
            if i % 10 >= per_ten {
                continue;
            }
            for code in languages {
                let f = format!(
                    "---
title: \"{} ({code})\"
fast_facts:
  mayor: {} ({code})
---

{}",
                    s.title, s.mayor, s.body
                );
                fs::write(
                    dir.join("content/case-studies")
                        .join(format!("{}.{code}.md", s.slug)),
                    f,
                )?;
                written += 1;
            }
        }
        Ok(written)
    }
}

const HUGO_CONFIG: &str = include_str!("hugo/hugo.yaml");
const HUGO_LAYOUTS: &[(&str, &str)] = &[
    ("baseof.html", include_str!("hugo/layouts/baseof.html")),
    ("home.html", include_str!("hugo/layouts/home.html")),
    ("page.html", include_str!("hugo/layouts/page.html")),
    ("section.html", include_str!("hugo/layouts/section.html")),
    ("taxonomy.html", include_str!("hugo/layouts/taxonomy.html")),
    ("term.html", include_str!("hugo/layouts/term.html")),
];

impl Corpus {
    /// The same studies and city profiles as a Hugo site: YAML front matter, cities, countries
    /// and topics as taxonomies, city profiles as the cities' term pages.
    pub fn write_hugo(&self, dir: &Path) -> std::io::Result<()> {
        fs::create_dir_all(dir.join("layouts"))?;
        fs::create_dir_all(dir.join("content/case-studies"))?;
        fs::write(dir.join("hugo.yaml"), HUGO_CONFIG)?;
        for (name, text) in HUGO_LAYOUTS {
            fs::write(dir.join("layouts").join(name), text)?;
        }
        fs::write(
            dir.join("content/case-studies/_index.md"),
            "---\ntitle: Case studies\n---\n",
        )?;
        for c in &self.cities {
            let term = dir.join("content/cities").join(&c.slug);
            fs::create_dir_all(&term)?;
            fs::write(
                term.join("_index.md"),
                format!(
                    "---\ntitle: {}\n---\n\n{} is a city in {}. {}\n",
                    c.name,
                    c.name,
                    self.countries[c.country],
                    SENTENCES[c.slug.len() % SENTENCES.len()]
                ),
            )?;
        }
        for s in &self.studies {
            let mut cities = vec![self.cities[s.city].name.as_str()];
            if let Some(o) = s.also {
                cities.push(&self.cities[o].name);
            }
            let mut f = String::with_capacity(s.body.len() + 800);
            let _ = write!(
                f,
                "---\ntitle: \"{}\"\ndate: {}\ncities: [{}]\ncountries: [{}]\ntopics: [{}]\n",
                s.title,
                s.date,
                cities.join(", "),
                self.countries[self.cities[s.city].country],
                s.topics.join(", ")
            );
            s.finish_file(f, dir)?;
        }
        Ok(())
    }
}

/// The Markdown body of one study: 6 to 8 KB.
fn study_body(rng: &mut Rng, cities: &[City], own: usize) -> String {
    let mut out = String::with_capacity(8 * 1024);
    let paragraph = |rng: &mut Rng, out: &mut String, mention: bool| {
        let n = rng.range(4, 6);
        for k in 0..n {
            if k > 0 {
                out.push(' ');
            }
            let sentence: &&str = rng.pick(SENTENCES);
            out.push_str(sentence);
        }
        if mention {
            let other = &cities[rng.below(cities.len())];
            let name = match (&other.alias, rng.chance(30)) {
                (Some(a), true) => a.as_str(),
                _ => other.name.as_str(),
            };
            let _ = write!(out, " Officials visited {name} to compare approaches.");
        }
        out.push_str("\n\n");
    };
    let own_name = &cities[own].name;
    let _ = write!(out, "{own_name} is the subject of this case study. ");
    paragraph(rng, &mut out, true);
    out.push_str("## Background\n\n");
    for _ in 0..3 {
        let m = rng.chance(60);
        paragraph(rng, &mut out, m);
    }
    out.push_str("## Solutions Implemented\n\n");
    paragraph(rng, &mut out, true);
    out.push_str("The programme had a clear first phase.[^1]\n\n");
    out.push_str("| Phase | Year | Budget (USD) | Lead |\n|---|---|---|---|\n");
    for p in 1..=4 {
        let _ = writeln!(
            out,
            "| Phase {p} | {} | {} | {} |",
            rng.range(2010, 2025),
            rng.range(100_000, 9_000_000),
            rng.pick(&["City", "Province", "Private partner", "University"])
        );
    }
    out.push('\n');
    for _ in 0..2 {
        let m = rng.chance(50);
        paragraph(rng, &mut out, m);
    }
    out.push_str("### Funding\n\n");
    paragraph(rng, &mut out, false);
    out.push_str("## Results and Lessons Learned\n\n");
    for _ in 0..3 {
        let m = rng.chance(50);
        paragraph(rng, &mut out, m);
    }
    out.push_str("Residents reported better services.[^2]\n\n");
    while out.len() < 6 * 1024 {
        paragraph(rng, &mut out, false);
    }
    out.push_str(
        "[^1]: City council minutes, phase one approval.\n[^2]: Resident survey, final year.\n",
    );
    out
}
