use strata::Settings;

#[derive(Debug, Settings)]
#[settings(prefix = "APP")]
struct Config {
    /// Would be read from APP_ENV, which chooses the profile.
    env: String,
}

fn main() {}
