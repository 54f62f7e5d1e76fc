use strata::Settings;

#[derive(Settings)]
struct Inner {
    port: u16,
}

#[derive(Settings)]
struct Config {
    #[settings(nested, non_empty)]
    inner: Inner,
}

fn main() {}
