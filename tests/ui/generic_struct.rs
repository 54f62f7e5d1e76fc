use strata::Settings;

#[derive(Debug, Settings)]
#[settings(prefix = "APP")]
struct Config<T> {
    value: T,
}

fn main() {}
