use strata::Settings;

fn check(_config: &Config) -> bool {
    true
}

#[derive(Settings)]
#[settings(validate = check)]
struct Config {
    port: u16,
}

fn main() {}
