//! The binary's own modules: the command-line definitions and what it prints. `main.rs` is
//! the dispatch between them and the library.

pub mod args;
pub mod out;
