//! A reader that reports how far it has read, so a large import can show progress without the
//! parsers knowing about it.

use std::io::{self, Read};

/// Bytes read between two reports.
pub const REPORT_EVERY: u64 = 1 << 20;

pub struct Counted<R, F: FnMut(u64)> {
    inner: R,
    read: u64,
    next_report: u64,
    report: F,
}

impl<R: Read, F: FnMut(u64)> Counted<R, F> {
    /// `report` gets the bytes read so far, about every [`REPORT_EVERY`] bytes.
    pub fn new(inner: R, report: F) -> Self {
        Counted { inner, read: 0, next_report: REPORT_EVERY, report }
    }
}

impl<R: Read, F: FnMut(u64)> Read for Counted<R, F> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        if self.read >= self.next_report {
            (self.report)(self.read);
            self.next_report = self.read + REPORT_EVERY;
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_as_it_goes_and_passes_every_byte_through() {
        let data = vec![7u8; (REPORT_EVERY * 3) as usize + 10];
        let mut seen = Vec::new();
        let mut out = Vec::new();
        Counted::new(&data[..], |n| seen.push(n)).read_to_end(&mut out).expect("reads");
        assert_eq!(out, data);
        assert_eq!(seen.len(), 3);
        assert!(seen.windows(2).all(|w| w[0] < w[1]));
    }
}
