use strata::Settings;

fn check_port(port: u16) -> bool {
    port > 1024
}

#[derive(Settings)]
struct Config {
    #[settings(custom = check_port)]
    port: u16,
}

fn main() {}
