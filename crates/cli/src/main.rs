//! `aslplay`: run and validate Amazon States Language state machines from a terminal.

fn main() {
    eprintln!("aslplay: not yet wired");
    std::process::exit(2);
}
