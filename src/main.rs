fn main() -> std::process::ExitCode {
    flowdeck::cli::main()
}
