use strata::Settings;

#[derive(Settings)]
struct Config {
    #[settings(one_of())]
    level: String,
}

fn main() {}
