use strata::Settings;

#[derive(Debug, Settings)]
struct Database {
    host: String,
}

#[derive(Debug, Settings)]
#[settings(prefix = "APP")]
struct Config {
    #[settings(nested, env = "DATABASE")]
    database: Database,
}

fn main() {}
