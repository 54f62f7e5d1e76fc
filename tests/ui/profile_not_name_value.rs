use strata::Settings;

#[derive(Debug, Settings)]
#[settings(prefix = "APP")]
struct Config {
    #[settings(default = 8080, profile(production))]
    port: u16,
}

fn main() {}
