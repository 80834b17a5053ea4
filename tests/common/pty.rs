//! The real binary in a pseudo-terminal, read back through a vt100 parser (no system package
//! needed): shared by the terminal tests and the resilience suite.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{native_pty_system, Child, CommandBuilder, MasterPty, PtySize};

use super::Sandbox;

/// Upper bound on waiting for the screen: a hang guard, not a performance assertion.
pub const PATIENCE: Duration = Duration::from_secs(20);

pub struct Tty {
    pub parser: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    pub child: Box<dyn Child + Send + Sync>,
    _master: Box<dyn MasterPty + Send>,
}

/// A failed assertion must not leave a flowdeck running in a pty nobody reads.
impl Drop for Tty {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
    }
}

impl Tty {
    /// flowdeck with `args` in a `cols`×`rows` pseudo-terminal.
    pub fn spawn(sandbox: &Sandbox, args: &[&str], cols: u16, rows: u16) -> Tty {
        Tty::spawn_program(sandbox, env!("CARGO_BIN_EXE_flowdeck"), args, cols, rows)
    }

    /// Any program (a wrapper that starts flowdeck, say) with flowdeck's sandboxed environment.
    pub fn spawn_program(sandbox: &Sandbox, program: &str, args: &[&str], cols: u16, rows: u16) -> Tty {
        let pair =
            native_pty_system().openpty(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 }).expect("open a pty");
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.cwd(sandbox.dir.path());
        cmd.env("HOME", sandbox.dir.path());
        cmd.env("XDG_CONFIG_HOME", sandbox.path("config"));
        cmd.env("XDG_DATA_HOME", sandbox.path("data"));
        cmd.env("FLOWDECK_TODAY", super::TODAY);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("FLOWDECK_DB");
        cmd.env_remove("FLOWDECK_TEAM");
        cmd.env_remove("NO_COLOR");
        let child = pair.slave.spawn_command(cmd).expect("spawn flowdeck");
        drop(pair.slave);
        let size = |n: u16| NonZeroU16::new(n).expect("non-zero size");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(size(rows), size(cols), 0)));
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let sink = Arc::clone(&parser);
        thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                if let Ok(mut parser) = sink.lock() {
                    parser.process(&buf[..n]);
                }
            }
        });
        let writer = pair.master.take_writer().expect("writer");
        Tty { parser, writer, child, _master: pair.master }
    }

    pub fn screen(&self) -> String {
        self.parser.lock().expect("parser").screen().contents()
    }

    pub fn wait_for(&self, what: &str) {
        let start = Instant::now();
        while start.elapsed() < PATIENCE {
            if self.screen().contains(what) {
                return;
            }
            thread::sleep(Duration::from_millis(20));
        }
        panic!("'{what}' never appeared; the screen was:\n{}", self.screen());
    }

    pub fn wait_until_gone(&self, what: &str) {
        let start = Instant::now();
        while start.elapsed() < PATIENCE {
            if !self.screen().contains(what) {
                return;
            }
            thread::sleep(Duration::from_millis(20));
        }
        panic!("'{what}' never went away; the screen was:\n{}", self.screen());
    }

    pub fn press(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("type");
        self.writer.flush().expect("flush");
    }

    pub fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        while start.elapsed() < PATIENCE {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                // Give the reader thread a moment to drain the last bytes (the restore sequence).
                thread::sleep(Duration::from_millis(200));
                return status;
            }
            thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        panic!("flowdeck did not exit; the screen was:\n{}", self.screen());
    }

    pub fn assert_restored(&self) {
        let parser = self.parser.lock().expect("parser");
        let screen = parser.screen();
        assert!(!screen.alternate_screen(), "still on the alternate screen");
        assert!(!screen.hide_cursor(), "cursor still hidden");
    }
}
