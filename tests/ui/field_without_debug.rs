use strata::Settings;

#[derive(serde::Deserialize)]
struct Mode {
    fast: bool,
}

#[derive(Settings)]
struct Config {
    mode: Mode,
}

fn main() {}
