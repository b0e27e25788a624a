//! The `handbook` command: parses arguments, calls the library, prints, exits.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
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
    /// Print the single page to PDF through headless Chromium.
    Pdf {
        #[arg(long, default_value = "handbook")]
        source: PathBuf,
        /// The PDF file to write.
        #[arg(long, default_value = "output/handbook.pdf")]
        out: PathBuf,
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
    let _ = ctrlc::set_handler(|| {
        handbook::write::abandon_in_progress();
        std::process::exit(130);
    });
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
            let site = handbook::write_build(&source, &out, &options)?;
            Ok(format!(
                "Built {} files into {}",
                site.files.len(),
                out.display()
            ))
        }
        Command::Pdf {
            source,
            out,
            chromium,
        } => {
            let options = handbook::pdf::PdfOptions {
                chromium,
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
