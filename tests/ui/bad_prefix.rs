use strata::Settings;

#[derive(Debug, Settings)]
#[settings(prefix = "app")]
struct Config {
    port: u16,
}

fn main() {}
