use strata::Settings;

#[derive(Debug, Settings)]
#[settings(prefx = "APP")]
struct Config {
    port: u16,
}

fn main() {}
