use strata::Settings;

#[derive(Settings)]
struct Config {
    #[settings(range(min = 10, max = 1))]
    workers: u16,
}

fn main() {}
