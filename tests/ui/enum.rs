use strata::Settings;

#[derive(Debug, Settings)]
#[settings(prefix = "APP")]
enum Config {
    Development,
    Production,
}

fn main() {}
