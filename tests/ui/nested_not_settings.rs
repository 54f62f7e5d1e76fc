use strata::Settings;

#[derive(Debug, serde::Deserialize)]
struct Plain {
    host: String,
}

#[derive(Debug, Settings)]
#[settings(prefix = "APP")]
struct Config {
    #[settings(nested)]
    database: Plain,
}

fn main() {}
