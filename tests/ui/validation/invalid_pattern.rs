use strata::Settings;

#[derive(Settings)]
struct Config {
    #[settings(pattern = "[a-z+")]
    code: String,
}

fn main() {}
