# The `handbook` command in a container, for a fork's CI or a machine without
# Rust: build, check, serve, epub, and pdf (Chromium is included).
#
#   docker build -t handbook .
#   docker run --rm -v "$PWD:/handbook" handbook build --out site
#   docker run --rm -v "$PWD:/handbook" handbook pdf --out site/handbook.pdf
#
# The handbook's folder is mounted at /handbook, the working folder.

# ---- build: the release binary, from the locked dependencies ----
FROM rust:1.95-slim-trixie AS build
WORKDIR /src
COPY Cargo.toml Cargo.lock build.rs ./
COPY src src
COPY themes themes
COPY bench bench
RUN cargo build --release --locked -p handbook \
    && strip target/release/handbook

# ---- run: Debian with Chromium for `handbook pdf`, and fonts ----
FROM debian:trixie-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends chromium fonts-noto-core ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /src/target/release/handbook /usr/local/bin/handbook
# not root: the files it writes into a mounted folder belong to an ordinary user
# (run with `--user "$(id -u):$(id -g)"` to make them yours)
RUN useradd --create-home --uid 1000 handbook
USER handbook
WORKDIR /handbook
ENTRYPOINT ["handbook"]
CMD ["--help"]
