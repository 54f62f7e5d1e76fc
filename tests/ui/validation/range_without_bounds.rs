use strata::Settings;

#[derive(Settings)]
struct Config {
    #[settings(range())]
    port: u16,
}

fn main() {}
