use strata::Settings;

#[derive(Settings)]
struct Config {
    #[settings(min_lenght = 3)]
    name: String,
}

fn main() {}
