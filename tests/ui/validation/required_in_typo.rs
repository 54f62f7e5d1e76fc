use strata::Settings;

#[derive(Settings)]
struct Config {
    #[settings(default = "eu", required_in(prodution))]
    region: String,
}

fn main() {}
