use strata::Settings;

#[derive(Debug, Settings)]
#[settings(prefix = "APP")]
struct Config(u16, String);

fn main() {}
