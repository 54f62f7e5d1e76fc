use strata::Settings;

#[derive(Settings)]
struct Config {
    #[settings(min_length = 2)]
    port: u16,
}

fn main() {}
