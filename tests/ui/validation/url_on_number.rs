use strata::Settings;

#[derive(Settings)]
struct Config {
    #[settings(url)]
    port: u16,
}

fn main() {}
