//! The `qualify` binary: parses the command line and hands over to the library.
//!
//! It uses the system allocator: mimalloc measured 20–25 % faster, but kept the
//! idle service's memory above its 50 MB target.

fn main() -> std::process::ExitCode {
    qualify::cli::main()
}
