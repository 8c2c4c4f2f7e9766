//! `quamachine disk create|put|get|ls|rm`: make and read QFS disk images on the host
//! (the format is `quamachine::diskfs`, documented in `docs/disk-format.md`).
use clap::Subcommand;
use quamachine::diskfs::{self, BLOCK, DEFAULT_DIR_BLOCKS, ENTRIES_PER_BLOCK, Fs, FsError};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `quamachine disk`.
#[derive(clap::Args)]
pub struct DiskCmdArgs {
    #[command(subcommand)]
    command: DiskCommand,
}

#[derive(Subcommand)]
enum DiskCommand {
    /// Make an empty disk image.
    Create {
        /// The image file to write (replaced if it exists).
        image: PathBuf,
        /// Size in bytes, or with K or M (a multiple of 512).
        #[arg(long, value_parser = diskfs::parse_size)]
        size: u64,
        /// Directory entries (rounded up to a whole block of 16).
        #[arg(long, default_value_t = DEFAULT_DIR_BLOCKS as usize * ENTRIES_PER_BLOCK)]
        entries: usize,
    },
    /// Copy a host file onto the disk (replacing a file of the same name).
    Put {
        /// The disk image.
        image: PathBuf,
        /// The host file.
        host_file: PathBuf,
        /// Its name on the disk (default: the host file's name).
        name: Option<String>,
    },
    /// Copy a file off the disk.
    Get {
        /// The disk image.
        image: PathBuf,
        /// The file's name on the disk.
        name: String,
        /// Where to write it (default: NAME in the current directory).
        host_file: Option<PathBuf>,
    },
    /// List the files: name, bytes, first block, blocks; then the free space.
    Ls {
        /// The disk image.
        image: PathBuf,
    },
    /// Remove a file.
    Rm {
        /// The disk image.
        image: PathBuf,
        /// The file's name on the disk.
        name: String,
    },
}

fn run(cmd: DiskCommand) -> Result<(), FsError> {
    match cmd {
        DiskCommand::Create {
            image,
            size,
            entries,
        } => {
            let dir_blocks = u32::try_from(entries.max(1).div_ceil(ENTRIES_PER_BLOCK))
                .map_err(|_| FsError::BadSize(format!("{entries} entries is too many")))?;
            let fs = Fs::format(size, dir_blocks)?;
            fs.save(&image)
        }
        DiskCommand::Put {
            image,
            host_file,
            name,
        } => {
            let mut fs = Fs::load(&image)?;
            let name = match name {
                Some(n) => n,
                None => host_name(&host_file)?,
            };
            let bytes = std::fs::read(&host_file)
                .map_err(|e| FsError::Io(format!("cannot read {}: {e}", host_file.display())))?;
            fs.put(&name, &bytes)?;
            fs.save(&image)
        }
        DiskCommand::Get {
            image,
            name,
            host_file,
        } => {
            let fs = Fs::load(&image)?;
            let bytes = fs.get(&name)?;
            let out = host_file.unwrap_or_else(|| PathBuf::from(&name));
            std::fs::write(&out, bytes)
                .map_err(|e| FsError::Io(format!("cannot write {}: {e}", out.display())))
        }
        DiskCommand::Ls { image } => {
            let fs = Fs::load(&image)?;
            println!(
                "{:<20} {:>10} {:>8} {:>8}",
                "name", "bytes", "start", "blocks"
            );
            for e in fs.entries() {
                println!(
                    "{:<20} {:>10} {:>8} {:>8}",
                    e.name, e.length, e.start, e.blocks
                );
            }
            let (free, largest) = fs.free();
            println!(
                "{} files; {} of {} blocks free ({} bytes), largest free extent {} blocks",
                fs.entries().len(),
                free,
                fs.total,
                u64::from(free) * BLOCK as u64,
                largest
            );
            Ok(())
        }
        DiskCommand::Rm { image, name } => {
            let mut fs = Fs::load(&image)?;
            fs.remove(&name)?;
            fs.save(&image)
        }
    }
}

fn host_name(path: &Path) -> Result<String, FsError> {
    path.file_name()
        .and_then(|n| n.to_str())
        .map(str::to_string)
        .ok_or_else(|| FsError::BadName(format!("{}: give the file a NAME", path.display())))
}

/// Run `quamachine disk`.
pub fn main(args: DiskCmdArgs) -> ExitCode {
    match run(args.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("quamachine disk: {e}");
            ExitCode::from(1)
        }
    }
}
