//! flowdeck: a keyboard-driven terminal cockpit for sprint planning.
//!
//! Layers, each importing only those below it:
//! 0. [`domain`] — pure data and functions;
//! 1. [`storage`] (SQLite), [`interchange`] (file formats), [`report`] (renderers), [`config`];
//! 2. [`service`] — the session that ties them together;
//! 3. [`tui`] and [`cli`].

pub mod cli;
pub mod config;
pub mod domain;
pub mod interchange;
pub mod report;
pub mod service;
pub mod storage;
pub mod tui;
