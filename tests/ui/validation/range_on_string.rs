use strata::Settings;

#[derive(Settings)]
struct Config {
    #[settings(range(min = 1, max = 10))]
    name: String,
}

fn main() {}
