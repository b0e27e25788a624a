//! The `handbook` command: parses arguments, calls the library, prints, exits.

use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use handbook::serve::{Notice, ServeOptions};
use handbook::{BuildOptions, Diagnostics, Error};

/// See Cargo.toml: less time in allocation than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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

/// The handbook's folder, given as `DIR` or `--source DIR`; without either,
/// `handbook/` where it exists, else the current folder when it holds
/// `handbook.yaml`.
#[derive(Args)]
struct Source {
    /// The handbook's folder (the one holding handbook.yaml).
    #[arg(value_name = "DIR", conflicts_with = "source")]
    dir: Option<PathBuf>,
    /// The handbook's folder, as an option.
    #[arg(long, value_name = "DIR")]
    source: Option<PathBuf>,
}

impl Source {
    fn folder(&self) -> Result<PathBuf, Error> {
        let current = std::env::current_dir().unwrap_or_default();
        handbook::load::source_folder(self.dir.as_deref().or(self.source.as_deref()), &current)
    }
}

#[derive(Subcommand)]
enum Command {
    /// Build the site and the single print page into the output folder.
    Build {
        #[command(flatten)]
        source: Source,
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
        #[command(flatten)]
        source: Source,
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
        #[command(flatten)]
        source: Source,
        /// The PDF file to write (default: output/handbook.pdf, or output/SLUG.pdf with
        /// --chapter; with --language, the code before .pdf: output/handbook.cy.pdf).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Print only the chapter with this slug.
        #[arg(long, value_name = "SLUG")]
        chapter: Option<String>,
        /// Print the edition in this language, one of `languages:` in handbook.yaml
        /// (default: the handbook's own language).
        #[arg(long, value_name = "LANG")]
        language: Option<String>,
        /// The Chromium or Chrome to print with (default: `chromium`, `chromium-browser` or `google-chrome` on PATH).
        #[arg(long, value_name = "PATH")]
        chromium: Option<PathBuf>,
    },
    /// Write the handbook as an accessible EPUB 3 e-book.
    Epub {
        #[command(flatten)]
        source: Source,
        /// The EPUB file to write (default: output/handbook.epub; with --language,
        /// the code before .epub: output/handbook.cy.epub).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Write the edition in this language, one of `languages:` in handbook.yaml
        /// (default: the handbook's own language).
        #[arg(long, value_name = "LANG")]
        language: Option<String>,
        /// Include chapters marked `draft: true`.
        #[arg(long)]
        drafts: bool,
    },
    /// Run every check a build makes, writing nothing.
    Check {
        #[command(flatten)]
        source: Source,
        #[arg(long)]
        drafts: bool,
        /// Treat warnings as errors (for CI).
        #[arg(long)]
        strict: bool,
    },
    /// Create a new handbook to fork from: settings with a brand section,
    /// two sample chapters, a placeholder logo and a README.
    Init {
        /// A new or empty folder for the handbook's source.
        dir: PathBuf,
        /// The organisation's name, used in the title, footer and logo.
        #[arg(long, default_value = handbook::init::DEFAULT_NAME)]
        name: String,
        /// Make a handbook that extends the one in this folder: its own
        /// settings and brand, the base's chapters.
        #[arg(long, value_name = "PATH")]
        extends: Option<PathBuf>,
    },
    /// In a handbook that extends another, copy a base chapter to edit,
    /// recording the version of the base chapter it starts from.
    Override {
        /// The base chapter's slug.
        slug: String,
        /// Record the base chapter's current version, once its changes are
        /// carried over.
        #[arg(long)]
        accept: bool,
        #[command(flatten)]
        source: Source,
    },
    /// Start a chapter's translation as a copy of the original, beside it
    /// (`chapters/NN-SLUG.LANG.md`); `--accept` records that it matches the
    /// original as it is now.
    Translate {
        /// The chapter's slug.
        slug: String,
        /// The language to translate into, one of `languages:` in handbook.yaml.
        #[arg(long, value_name = "LANG")]
        to: String,
        /// Record the original's current version: its change is carried over.
        #[arg(long)]
        accept: bool,
        #[command(flatten)]
        source: Source,
    },
}

/// What a command has to say when it succeeds.
#[derive(Default)]
struct Done {
    message: String,
    warnings: Diagnostics,
}

impl Done {
    fn saying(message: String) -> Done {
        Done {
            message,
            ..Done::default()
        }
    }
}

fn main() -> ExitCode {
    // 4 KiB pages, zeroed as touched, instead of 2 MiB ones zeroed whole: a
    // build allocates and frees hundreds of megabytes (see Cargo.toml)
    #[cfg(target_os = "linux")]
    let _ = rustix::thread::disable_transparent_huge_pages(true);
    let cli = Cli::parse();
    // `serve` writes nothing and stops cleanly on Ctrl-C by itself.
    if !matches!(cli.command, Command::Serve { .. }) {
        let _ = ctrlc::set_handler(|| {
            handbook::write::abandon_in_progress();
            std::process::exit(130);
        });
    }
    match run(cli.command) {
        Ok(done) => {
            if !done.warnings.is_empty() {
                eprintln!("{}", done.warnings);
            }
            if !done.message.is_empty() {
                println!("{}", done.message);
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("{error}");
            ExitCode::from(error.exit_code() as u8)
        }
    }
}

fn run(command: Command) -> Result<Done, Error> {
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
            build(&source.folder()?, &out, &options)
        }
        Command::Serve {
            source,
            port,
            bind,
            poll,
            drafts,
        } => {
            let options = ServeOptions {
                source: source.folder()?,
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
            serve(options)
        }
        Command::Pdf {
            source,
            out,
            chapter,
            language,
            chromium,
        } => {
            let out = out.unwrap_or_else(|| {
                let name = chapter.as_deref().unwrap_or("handbook");
                default_out(name, language.as_deref(), "pdf")
            });
            let options = handbook::pdf::PdfOptions {
                chromium,
                chapter,
                language,
                ..Default::default()
            };
            pdf(&source.folder()?, &out, &options)
        }
        Command::Epub {
            source,
            out,
            language,
            drafts,
        } => {
            let out = out.unwrap_or_else(|| default_out("handbook", language.as_deref(), "epub"));
            let options = BuildOptions {
                include_drafts: drafts,
                ..BuildOptions::default()
            };
            epub(&source.folder()?, &out, &options, language.as_deref())
        }
        Command::Check {
            source,
            drafts,
            strict,
        } => {
            let options = BuildOptions {
                include_drafts: drafts,
                strict,
                ..BuildOptions::default()
            };
            check(&source.folder()?, &options)
        }
        Command::Init { dir, name, extends } => init(&dir, &name, extends.as_deref()),
        Command::Override {
            slug,
            accept,
            source,
        } => override_chapter(&source.folder()?, &slug, accept),
        Command::Translate {
            slug,
            to,
            accept,
            source,
        } => translate(&source.folder()?, &slug, &to, accept),
    }
}

fn translate(source: &Path, slug: &str, to: &str, accept: bool) -> Result<Done, Error> {
    let done = handbook::translate::translate(source, slug, to, accept)?;
    let what = if accept {
        "now records"
    } else {
        "started as a copy of"
    };
    Ok(Done::saying(format!(
        "{} {what} version {} of its original",
        done.file.display(),
        done.version
    )))
}

fn build(source: &Path, out: &Path, options: &BuildOptions) -> Result<Done, Error> {
    let written = handbook::write_build(source, out, options)?;
    Ok(Done {
        message: format!("Built {} files into {}", written.files, out.display()),
        warnings: written.warnings,
    })
}

fn serve(options: ServeOptions) -> Result<Done, Error> {
    if !options.bind.is_loopback() {
        eprintln!(
            "warning: listening on {}, not on this computer only: anyone who can reach it on the network can see the preview (and the drafts)",
            options.bind
        );
    }
    handbook::serve::serve(options, print_notice)?;
    Ok(Done::default())
}

fn pdf(source: &Path, out: &Path, options: &handbook::pdf::PdfOptions) -> Result<Done, Error> {
    let report = handbook::pdf::write_pdf(source, out, options)?;
    Ok(Done::saying(format!(
        "Wrote {} ({} pages, printed {} times to number the contents)",
        out.display(),
        report.pages,
        report.prints
    )))
}

/// `output/NAME.EXTENSION`, or `output/NAME.LANG.EXTENSION` for an edition.
fn default_out(name: &str, language: Option<&str>, extension: &str) -> PathBuf {
    let file = match language {
        Some(code) => format!("{name}.{code}.{extension}"),
        None => format!("{name}.{extension}"),
    };
    PathBuf::from("output").join(file)
}

fn epub(
    source: &Path,
    out: &Path,
    options: &BuildOptions,
    language: Option<&str>,
) -> Result<Done, Error> {
    let report = handbook::epub::write_epub(source, out, options, language)?;
    Ok(Done::saying(format!(
        "Wrote {} ({} chapters, {} KB)",
        out.display(),
        report.chapters,
        report.bytes.div_ceil(1024)
    )))
}

fn check(source: &Path, options: &BuildOptions) -> Result<Done, Error> {
    let site = handbook::check::check(source, options)?;
    Ok(Done {
        message: handbook::pipeline::check_report(&site),
        warnings: site.warnings,
    })
}

fn override_chapter(source: &Path, slug: &str, accept: bool) -> Result<Done, Error> {
    let done = handbook::overrides::override_chapter(source, slug, accept)?;
    let what = if accept {
        "Recorded in"
    } else {
        "Copied the base chapter to"
    };
    Ok(Done::saying(format!(
        "{what} {}: it replaces {} as of version {}",
        done.path.display(),
        done.original.display(),
        done.version
    )))
}

fn init(dir: &Path, name: &str, extends: Option<&Path>) -> Result<Done, Error> {
    let (files, next_steps) = match extends {
        Some(base) => (
            handbook::init::init_extending(dir, name, base)?,
            handbook::init::next_steps_extending(dir),
        ),
        None => (
            handbook::init::init(dir, name)?,
            handbook::init::next_steps(dir),
        ),
    };
    Ok(Done::saying(format!(
        "Created a new handbook in {} ({} files). {}",
        dir.display(),
        files.len(),
        next_steps
    )))
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
            if !outcome.warnings.is_empty() {
                eprintln!("{}", outcome.warnings);
            }
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
