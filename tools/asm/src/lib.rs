//! `qasm`: the project's Motorola-syntax assembler for the MC68030, MC68882 and the
//! 68030's on-chip MMU, with Synthesis template-hole tables.
//!
//! Owns: turning assembly source into an ELF32 big-endian m68k executable, a listing, a
//! map and the template tables the kernel's code synthesizer reads. It must not know the
//! Quamachine beyond what a source file says (no baked-in addresses), and it never
//! panics on any input: every problem is a located [`Diagnostic`].
//!
//! Written by hand because no Rust crate assembles 68k code; GNU as (MRI mode) is the
//! oracle the tests compare against byte for byte.
//!
//! Layers:
//! - `insn` is the contract between the statement layer and the instruction layer;
//! - `encode/` parses operands and encodes every instruction;
//! - the statement layer (lines, expressions, symbols, directives, macros, passes) and the
//!   output writers (ELF, listing, map, template tables) sit on top.

pub mod encode;
pub mod insn;
