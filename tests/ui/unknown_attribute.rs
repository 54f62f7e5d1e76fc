use strata::Settings;

#[derive(Debug, Settings)]
#[settings(prefix = "APP")]
struct Config {
    #[settings(defualt = 8080)]
    port: u16,
}

fn main() {}
