//! The `handbook` command: parses arguments, calls the library, prints, exits.

use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use handbook::serve::{Notice, ServeOptions};
use handbook::{BuildOptions, Error};

#[derive(Parser)]
#[command(
    name = "handbook",
    version,
    about = "Build accessible handbooks from Markdown chapters"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site and the single print page into the output folder.
    Build {
        #[arg(long, default_value = "handbook")]
        source: PathBuf,
        #[arg(long, default_value = "output")]
        out: PathBuf,
        /// Absolute URL the site will be published at (for the sitemap and canonical links).
        #[arg(long)]
        base_url: Option<String>,
        /// Include chapters marked `draft: true`.
        #[arg(long)]
        drafts: bool,
    },
    /// Build in memory and preview on this computer, rebuilding and reloading on every save.
    Serve {
        #[arg(long, default_value = "handbook")]
        source: PathBuf,
        #[arg(long, default_value_t = 8000)]
        port: u16,
        /// Address to listen on. Anything but a loopback address (127.0.0.1, ::1)
        /// lets other computers on the network see the preview.
        #[arg(long, default_value = "127.0.0.1")]
        bind: IpAddr,
        /// Poll the folders for changes instead of relying on the system's file
        /// events (for network and container folders where saves go unnoticed).
        #[arg(long)]
        poll: bool,
        /// Include chapters marked `draft: true`.
        #[arg(long)]
        drafts: bool,
    },
    /// Print the single page to PDF through headless Chromium.
    Pdf {
        #[arg(long, default_value = "handbook")]
        source: PathBuf,
        /// The PDF file to write (default: output/handbook.pdf, or output/SLUG.pdf with --chapter).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Print only the chapter with this slug.
        #[arg(long, value_name = "SLUG")]
        chapter: Option<String>,
        /// The Chromium or Chrome to print with (default: `chromium`, `chromium-browser` or `google-chrome` on PATH).
        #[arg(long, value_name = "PATH")]
        chromium: Option<PathBuf>,
    },
    /// Run every check a build makes, writing nothing.
    Check {
        #[arg(long, default_value = "handbook")]
        source: PathBuf,
        #[arg(long)]
        drafts: bool,
    },
    /// Create a new handbook to fork from: settings with a brand section,
    /// two sample chapters, a placeholder logo and a README.
    Init {
        /// A new or empty folder for the handbook's source.
        dir: PathBuf,
        /// The organisation's name, used in the title, footer and logo.
        #[arg(long, default_value = handbook::init::DEFAULT_NAME)]
        name: String,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // `serve` writes nothing and stops cleanly on Ctrl-C by itself.
    if !matches!(cli.command, Command::Serve { .. }) {
        let _ = ctrlc::set_handler(|| {
            handbook::write::abandon_in_progress();
            std::process::exit(130);
        });
    }
    match run(cli.command) {
        Ok(message) => {
            if !message.is_empty() {
                println!("{message}");
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("{error}");
            ExitCode::from(error.exit_code() as u8)
        }
    }
}

fn run(command: Command) -> Result<String, Error> {
    match command {
        Command::Build {
            source,
            out,
            base_url,
            drafts,
        } => {
            let options = BuildOptions {
                include_drafts: drafts,
                base_url,
                ..BuildOptions::default()
            };
            let files = handbook::write_build(&source, &out, &options)?;
            Ok(format!("Built {files} files into {}", out.display()))
        }
        Command::Serve {
            source,
            port,
            bind,
            poll,
            drafts,
        } => {
            if !bind.is_loopback() {
                eprintln!(
                    "warning: listening on {bind}, not on this computer only: anyone who can reach it on the network can see the preview (and the drafts)"
                );
            }
            let options = ServeOptions {
                source,
                bind,
                port,
                poll,
                // pages as rendered: minifying would cost time on every save
                build: BuildOptions {
                    include_drafts: drafts,
                    skip_minify: true,
                    ..BuildOptions::default()
                },
            };
            handbook::serve::serve(options, print_notice)?;
            Ok(String::new())
        }
        Command::Pdf {
            source,
            out,
            chapter,
            chromium,
        } => {
            let out = out.unwrap_or_else(|| {
                let name = chapter.as_deref().unwrap_or("handbook");
                PathBuf::from("output").join(format!("{name}.pdf"))
            });
            let options = handbook::pdf::PdfOptions {
                chromium,
                chapter,
                ..Default::default()
            };
            let report = handbook::pdf::write_pdf(&source, &out, &options)?;
            Ok(format!(
                "Wrote {} ({} pages, printed {} times to number the contents)",
                out.display(),
                report.pages,
                report.prints
            ))
        }
        Command::Check { source, drafts } => {
            let options = BuildOptions {
                include_drafts: drafts,
                ..BuildOptions::default()
            };
            let site = handbook::check(&source, &options)?;
            Ok(handbook::build::check_report(&site))
        }
        Command::Init { dir, name } => {
            let files = handbook::init::init(&dir, &name)?;
            Ok(format!(
                "Created a new handbook in {} ({} files). Build it with:\n  handbook build --source {} --out {}-site\nThen read {}",
                dir.display(),
                files.len(),
                dir.display(),
                dir.display(),
                dir.join("README.md").display()
            ))
        }
    }
}

/// What `serve` prints as it works.
fn print_notice(notice: Notice) {
    match notice {
        Notice::Listening {
            url,
            folders,
            polling,
        } => {
            println!("Serving the handbook at {url} (press Ctrl-C to stop)");
            let folders: Vec<String> = folders.iter().map(|f| shown(f)).collect();
            println!("Watching {} for changes", folders.join(", "));
            if let Some(reason) = polling {
                println!("Polling for changes: {reason}");
            }
        }
        Notice::Built { outcome, took } => {
            let files = outcome.changed.len() + outcome.removed.len();
            println!(
                "Built in {} ms: {} file{} changed",
                took.as_millis(),
                files,
                if files == 1 { "" } else { "s" }
            );
        }
        Notice::Failed { problems, took } => {
            eprintln!("{problems}");
            eprintln!(
                "The build failed after {} ms; the last good build is still served, with the problems shown on every page.",
                took.as_millis()
            );
        }
        Notice::Polling { reason } => {
            println!("File events stopped working ({reason}); polling for changes from now on");
        }
        Notice::Stopped => println!("Stopped."),
    }
}

/// `path` relative to the current folder when it is inside it.
fn shown(path: &Path) -> String {
    let current = std::env::current_dir()
        .ok()
        .and_then(|dir| std::fs::canonicalize(dir).ok());
    current
        .and_then(|dir| path.strip_prefix(dir).ok().map(Path::to_path_buf))
        .filter(|relative| !relative.as_os_str().is_empty())
        .unwrap_or_else(|| path.to_path_buf())
        .display()
        .to_string()
}
