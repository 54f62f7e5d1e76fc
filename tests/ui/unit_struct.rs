use strata::Settings;

#[derive(Debug, Settings)]
#[settings(prefix = "APP")]
struct Config;

fn main() {}
