use strata::Settings;

#[derive(Debug, Settings)]
#[settings(prefix = "APP")]
struct Config {
    #[settings(env = "DATABASE_URL")]
    primary: String,
    #[settings(env = "DATABASE_URL")]
    replica: String,
}

fn main() {}
