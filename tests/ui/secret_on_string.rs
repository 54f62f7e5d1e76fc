use strata::Settings;

#[derive(Debug, Settings)]
#[settings(prefix = "APP")]
struct Config {
    #[settings(secret)]
    password: String,
}

fn main() {}
