use strata::Settings;

#[derive(Debug, Settings)]
#[settings(prefix = "APP")]
struct Config {
    port: u16,
    #[settings(rename = "port")]
    listen_port: u16,
}

fn main() {}
