use strata::Settings;

#[derive(Debug, Default, Settings)]
struct Database {
    host: String,
}

#[derive(Debug, Settings)]
#[settings(prefix = "APP")]
struct Config {
    #[settings(nested, default)]
    database: Database,
}

fn main() {}
