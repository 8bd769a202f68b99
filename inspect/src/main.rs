//! `mapi-inspect`: decodes MAPI over HTTP buffers into a readable tree or JSON.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use mapi_codec::tree::RemarkKind;
use mapi_inspect::session::{decode_session, read_capture_stream, SessionDecoder, SessionOptions};
use mapi_inspect::tree_json::write_tree_json;
use mapi_inspect::{
    decode, first_difference, json, parse_columns, parse_hex, payloads, Options, KINDS,
};

/// mimalloc instead of the system allocator: a session run builds and drops a tree of small
/// nodes per call, and glibc's malloc and free took a fifth of its instructions.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The sample vector decoded by `mapi-inspect sample`.
const SAMPLE: &str = include_str!("../samples/search-folder-restriction.toml");

/// The sample session decoded when no arguments are given.
const SAMPLE_SESSION: &[u8] = include_bytes!("../samples/sample.http");

#[derive(Parser)]
#[command(
    name = "mapi-inspect",
    version,
    about = "Decode MAPI over HTTP wire structures"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// The readable tree.
    Tree,
    /// `decode`: the serde form of the value, which `encode` reads back; `session`: the tree,
    /// one JSON object per call.
    Json,
    /// The tree as JSON (codes with `...Name` siblings, lists of codes with `...Names`).
    TreeJson,
    /// `session` only: one self-contained HTML page, a table of the calls and each call's
    /// request and response as trees beside the hex of their bodies.
    Html,
}

#[derive(clap::Args)]
struct Input {
    /// What the bytes are (see `mapi-inspect kinds`).
    kind: String,
    /// A file, or `-` (the default) for standard input.
    input: Option<PathBuf>,
    /// The input is hex text (whitespace ignored).
    #[arg(long)]
    hex: bool,
    /// Column tags for `property-row`, e.g. `0x3001001F,0x0E080003`.
    #[arg(long)]
    columns: Option<String>,
    /// The request a response answers, a file read in the same form as the input (hex text
    /// with `--hex`): a ROP request buffer for `rop-response-buffer`, one ROP for
    /// `rop-response`, an Execute request body for `execute-response`, a whole HTTP request
    /// (or its body) for `http-response`.
    #[arg(long)]
    request: Option<PathBuf>,
    /// For `ftstream`: cut the input into buffers at these byte offsets, e.g. `16384,32768`.
    #[arg(long)]
    split: Option<String>,
    /// For `ftstream` with `--hex`: each non-empty line of the input is one buffer (as the
    /// GetBuffer / PutBuffer ROPs delivered them).
    #[arg(long)]
    lines: bool,
    /// Refuse what decoding otherwise keeps and reports: values outside their spec's range
    /// (a PtypBoolean other than 0 or 1, ...) and ROP buffers that decode only in part.
    #[arg(long)]
    strict: bool,
}

#[derive(clap::Args)]
struct EncodeArgs {
    /// What the JSON is the form of (see `mapi-inspect kinds`).
    kind: String,
    /// A file of JSON, or `-` (the default) for standard input.
    input: Option<PathBuf>,
    /// Write hex text (and read `--request` as hex text), as `decode --hex` reads.
    #[arg(long)]
    hex: bool,
    /// The request a response answers, in the form `decode` takes it (hex text with `--hex`):
    /// the encoded response must decode against it in full (`rop-response-buffer`,
    /// `rop-response`, `execute-response`, `http-response`).
    #[arg(long)]
    request: Option<PathBuf>,
    /// Column tags, as for `decode` (`--columns 0x3001001F,0x0E080003`).
    #[arg(long)]
    columns: Option<String>,
}

#[derive(Subcommand)]
enum Command {
    /// Decode and print the structure.
    Decode {
        #[command(flatten)]
        input: Input,
        /// Output format.
        #[arg(long, value_enum, default_value = "tree")]
        format: Format,
        /// For `rpc-ext`: print only the plain payload of each buffer, as hex, one a line.
        #[arg(long)]
        payload: bool,
    },
    /// Read the JSON of a value (what `decode --format json` prints, edited or written by hand)
    /// and write its bytes: raw, or hex text with `--hex`.
    Encode {
        #[command(flatten)]
        args: EncodeArgs,
    },
    /// Decode, encode again, and compare the bytes.
    Roundtrip {
        #[command(flatten)]
        input: Input,
    },
    /// List the kinds, one a line.
    Kinds,
    /// Decode a capture of MAPI/HTTP traffic (HAR, raw HTTP/1.1 messages, Fiddler .saz, pcap or
    /// pcapng of cleartext HTTP, told by content) call by call; without FILE, the bundled
    /// sample session.
    Session {
        /// The capture, or `-` for standard input.
        file: Option<PathBuf>,
        /// Output format: a tree per call, one JSON object per call (JSON lines), or an HTML
        /// report (`--format html > report.html`).
        #[arg(long, value_enum, default_value = "tree")]
        format: Format,
        /// Show only the ROPs of this name (e.g. `RopQueryRows`) and the calls that have one.
        #[arg(long)]
        filter: Option<String>,
    },
    /// Decode the bundled sample vector (a search-folder restriction).
    Sample,
}

fn read_bytes(path: Option<&std::path::Path>, hex: bool) -> Result<Vec<u8>, String> {
    let raw = match path {
        None => read_stdin()?,
        Some(p) if p.as_os_str() == "-" => read_stdin()?,
        Some(p) => std::fs::read(p).map_err(|e| format!("cannot read {}: {e}", p.display()))?,
    };
    if hex {
        let text = String::from_utf8(raw).map_err(|_| "hex input is not text".to_string())?;
        parse_hex(&text)
    } else {
        Ok(raw)
    }
}

fn read_input(input: &Input) -> Result<(Vec<u8>, Options), String> {
    let mut opts = Options::default();
    opts.limits.strict = input.strict;
    let bytes = if input.lines {
        if !input.hex {
            return Err("--lines needs --hex".into());
        }
        let raw = read_bytes(input.input.as_deref(), false)?;
        let text = String::from_utf8(raw).map_err(|_| "hex input is not text".to_string())?;
        let mut all = Vec::new();
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            if !all.is_empty() {
                opts.splits.push(all.len());
            }
            all.extend(parse_hex(line)?);
        }
        all
    } else {
        read_bytes(input.input.as_deref(), input.hex)?
    };
    if let Some(s) = &input.split {
        for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            opts.splits.push(
                part.parse()
                    .map_err(|_| format!("bad split offset {part:?}"))?,
            );
        }
    }
    if let Some(c) = &input.columns {
        opts.columns = parse_columns(c)?;
    }
    if let Some(r) = &input.request {
        opts.request = Some(read_bytes(Some(r), input.hex)?);
    }
    Ok((bytes, opts))
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

fn read_stdin() -> Result<Vec<u8>, String> {
    let mut v = Vec::new();
    std::io::stdin()
        .read_to_end(&mut v)
        .map_err(|e| format!("cannot read standard input: {e}"))?;
    Ok(v)
}

fn print(d: &mapi_inspect::Decoded, format: Format) -> Result<(), String> {
    let json =
        |v: Result<String, serde_json::Error>| v.map_err(|e| format!("cannot write JSON: {e}"));
    let text = match format {
        Format::Tree => d.tree.to_text(),
        Format::TreeJson => json(serde_json::to_string(&d.tree))? + "\n",
        Format::Json => match &d.json {
            Some(v) => json(serde_json::to_string_pretty(v))? + "\n",
            None => return Err("no JSON form was asked for".into()),
        },
        Format::Html => return Err(HTML_DECODE.into()),
    };
    emit(&text)
}

/// Reads the JSON of a value and writes its bytes.
fn encode(args: &EncodeArgs) -> Result<ExitCode, String> {
    let text = read_bytes(args.input.as_deref(), false)?;
    let v: serde_json::Value =
        serde_json::from_slice(&text).map_err(|e| format!("the input is not JSON: {e}"))?;
    let mut opts = Options::default();
    if let Some(r) = &args.request {
        opts.request = Some(read_bytes(Some(r), args.hex)?);
    }
    if let Some(c) = &args.columns {
        opts.columns = parse_columns(c)?;
    }
    let bytes = json::encode(&args.kind, &v, &opts).map_err(|e| e.to_string())?;
    if args.hex {
        emit(&format!("{}\n", hex(&bytes)))?;
    } else {
        emit_bytes(&bytes)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The bundled sample: a vector file (kind, hex, source).
fn sample() -> Result<(), String> {
    #[derive(serde::Deserialize)]
    struct Sample {
        kind: String,
        hex: String,
        source: String,
    }
    let s: Sample = toml::from_str(SAMPLE).map_err(|e| e.to_string())?;
    let bytes = parse_hex(&s.hex)?;
    let d = decode(&s.kind, &bytes, &Options::default()).map_err(|e| e.to_string())?;
    println!("# {} ({} bytes): {}", s.kind, bytes.len(), s.source);
    print(&d, Format::Tree)
}

/// Writes to standard output; a reader that stops early (`| head`) ends the output quietly.
fn emit(text: &str) -> Result<(), String> {
    emit_bytes(text.as_bytes())
}

/// [`emit`] for bytes.
fn emit_bytes(bytes: &[u8]) -> Result<(), String> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(format!("cannot write standard output: {e}"))
        }
        _ => Ok(()),
    }
}

/// Decodes a capture from `input` and prints each call as soon as it is decoded, then the
/// summary (text or JSON lines): what the capture's calls need of each other is all that is
/// kept, so a capture of any size takes bounded memory. Exit status as [`session`].
fn session_stream(
    input: impl Read,
    format: Format,
    filter: Option<String>,
) -> Result<ExitCode, String> {
    let opts = SessionOptions {
        filter,
        bytes: false,
        ..SessionOptions::default()
    };
    let limits = opts.limits;
    let mut decoder = SessionDecoder::new(opts);
    let mut stdout = std::io::stdout().lock();
    let mut failed: Option<std::io::Error> = None;
    let json = !matches!(format, Format::Tree);
    // The calls are written into one buffer, handed to standard output whenever it holds
    // 64 KiB (not copied again through a BufWriter).
    const FLUSH_AT: usize = 1 << 16;
    let mut text = String::new();
    let mut bytes = Vec::new();
    let mut write = |tree: &mapi_codec::tree::Tree, head: &dyn Fn(&mut String), last: bool| {
        if failed.is_some() {
            return;
        }
        let buffered = if json {
            write_tree_json(&mut bytes, tree);
            bytes.push(b'\n');
            bytes.len()
        } else {
            head(&mut text);
            tree.push_text(&mut text);
            text.len()
        };
        if buffered < FLUSH_AT && !last {
            return;
        }
        let r = if json {
            stdout.write_all(&bytes)
        } else {
            stdout.write_all(text.as_bytes())
        };
        bytes.clear();
        text.clear();
        if let Err(e) = r {
            failed = Some(e);
        }
    };
    let read = read_capture_stream(input, limits, |ex| {
        if let Some(call) = decoder.decode(&ex) {
            if call.shown {
                let head = |t: &mut String| {
                    t.push_str("=== call ");
                    t.push_str(itoa::Buffer::new().format(call.index));
                    t.push_str(": ");
                    t.push_str(&call.request_type);
                    t.push_str(" ===\n");
                };
                write(&call.tree, &head, false);
            }
        }
    });
    read.map_err(|e| e.to_string())?;
    let summary = decoder.finish();
    let end = if json {
        mapi_codec::tree::Tree::record().field("Summary", summary.to_tree())
    } else {
        summary.to_tree()
    };
    write(&end, &|t| t.push_str("=== summary ===\n"), true);
    match failed.map_or_else(|| stdout.flush(), Err) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            return Err(format!("cannot write standard output: {e}"))
        }
        _ => {}
    }
    Ok(if summary.failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Decodes a capture and prints every call and the summary. Exit status 1 when some call
/// failed (the output says which), 0 otherwise.
fn session(bytes: &[u8], format: Format, filter: Option<String>) -> Result<ExitCode, String> {
    let opts = SessionOptions {
        filter,
        ..SessionOptions::default()
    };
    let report = decode_session(bytes, &opts).map_err(|e| e.to_string())?;
    let out = match format {
        Format::Tree => report.to_text(),
        Format::Json | Format::TreeJson => report
            .to_json_lines()
            .map_err(|e| format!("cannot write JSON: {e}"))?,
        Format::Html => {
            // Streamed: the report of a large capture is not held twice.
            match report.write_html(std::io::stdout().lock()) {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                    return Err(format!("cannot write standard output: {e}"))
                }
                _ => return Ok(exit_code(&report)),
            }
        }
    };
    emit(&out)?;
    Ok(exit_code(&report))
}

/// 1 when some call failed, 0 otherwise.
fn exit_code(report: &mapi_inspect::session::SessionReport) -> ExitCode {
    if report.summary.failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// Why `decode --format html` is refused.
const HTML_DECODE: &str = "--format html is for `session` (a report of a capture); \
    `decode` prints a tree or JSON (--format tree, json, tree-json)";

fn run(cli: Cli) -> Result<ExitCode, String> {
    match cli.command {
        None => session(SAMPLE_SESSION, Format::Tree, None),
        Some(Command::Sample) => sample().map(|()| ExitCode::SUCCESS),
        Some(Command::Session {
            file,
            format,
            filter,
        }) => {
            if matches!(format, Format::Html) {
                // The report's table of calls comes first: the capture is decoded whole.
                let bytes = match file {
                    Some(f) => read_bytes(Some(&f), false)?,
                    None => SAMPLE_SESSION.to_vec(),
                };
                return session(&bytes, format, filter);
            }
            match file {
                None => session_stream(SAMPLE_SESSION, format, filter),
                Some(p) if p.as_os_str() == "-" => {
                    session_stream(std::io::stdin().lock(), format, filter)
                }
                Some(p) => {
                    let f = std::fs::File::open(&p)
                        .map_err(|e| format!("cannot read {}: {e}", p.display()))?;
                    session_stream(f, format, filter)
                }
            }
        }
        Some(Command::Kinds) => {
            for k in KINDS {
                println!("{k}");
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Decode {
            input,
            format: _,
            payload: true,
        }) => {
            if input.kind != "rpc-ext" && input.kind != "aux-buffer" {
                return Err("--payload applies to rpc-ext and aux-buffer".into());
            }
            let (bytes, opts) = read_input(&input)?;
            for p in payloads(&bytes, opts.limits).map_err(|e| e.to_string())? {
                println!("{}", hex(&p));
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Encode { args }) => encode(&args),
        Some(Command::Decode { input, format, .. }) => {
            if format == Format::Html {
                return Err(HTML_DECODE.into());
            }
            let (bytes, mut opts) = read_input(&input)?;
            opts.json = format == Format::Json;
            let d = decode(&input.kind, &bytes, &opts).map_err(|e| e.to_string())?;
            print(&d, format)?;
            // Decoded in part: each malformed part where it starts (offset, path), exit 1.
            let mut partial = false;
            for r in d.tree.remarks() {
                if r.remark.kind == RemarkKind::Malformed {
                    eprintln!(
                        "error: {}",
                        r.remark
                            .error
                            .as_ref()
                            .map_or(r.remark.text.clone(), ToString::to_string)
                    );
                    partial = true;
                }
            }
            Ok(if partial {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
        Some(Command::Roundtrip { input }) => {
            let (bytes, opts) = read_input(&input)?;
            let d = decode(&input.kind, &bytes, &opts).map_err(|e| e.to_string())?;
            match first_difference(&bytes, &d.reencoded) {
                None => {
                    println!("identical");
                    Ok(ExitCode::SUCCESS)
                }
                Some(at) => {
                    println!(
                        "differ at offset {at} (input {} bytes, re-encoded {} bytes)",
                        bytes.len(),
                        d.reencoded.len()
                    );
                    Ok(ExitCode::from(1))
                }
            }
        }
    }
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(code) => code,
        Err(msg) => {
            eprintln!("error: {msg}");
            ExitCode::from(2)
        }
    }
}
