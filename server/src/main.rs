use linli_server::{Clock, Config};

#[tokio::main]
async fn main() -> std::process::ExitCode {
    linli_server::logging::init();
    let result = match Config::from_env() {
        Ok(config) => linli_server::run(config, Clock::system()).await,
        Err(e) => Err(e.into()),
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!(error = %e, "linli-server stopped");
            eprintln!("linli-server: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
