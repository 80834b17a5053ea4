//! Where the History screen's two boxes that outgrow a small terminal are: the selected
//! sprint's snapshot list (`]`/`[`, a page at a time) and the trend rows (`t`, pages).
//!
//! How much fits is known only when drawing, and drawing takes the state read-only, so each
//! frame records what it fit (the way ratatui's own list state is written while rendering);
//! the keys then move within what the user saw last.

use std::cell::Cell;
use std::ops::Range;

/// What one box fit in the last frame: `total` lines for `room` rows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Fit {
    pub total: usize,
    pub room: usize,
}

impl Fit {
    /// Rows per page; at least one, so a box drawn with no room still moves.
    fn page(self) -> usize {
        self.room.max(1)
    }

    pub fn overflows(self) -> bool {
        self.total > self.room
    }

    /// The first line of the last full page.
    fn last_offset(self) -> usize {
        self.total.saturating_sub(self.page())
    }

    fn pages(self) -> usize {
        self.total.div_ceil(self.page()).max(1)
    }
}

#[derive(Debug, Default)]
pub struct HistoryScroll {
    /// The sprint (row of the History table) the snapshot offset belongs to: another sprint's
    /// snapshot starts at its top.
    sprint: usize,
    offset: usize,
    trend_page: usize,
    snapshot_fit: Cell<Fit>,
    trends_fit: Cell<Fit>,
}

impl HistoryScroll {
    /// The snapshot lines to show for `sprint` (`total` lines, `room` rows), recorded for the keys.
    pub fn snapshot_window(&self, sprint: usize, total: usize, room: usize) -> Range<usize> {
        let fit = Fit { total, room };
        self.snapshot_fit.set(fit);
        let offset = if sprint == self.sprint { self.offset.min(fit.last_offset()) } else { 0 };
        offset..(offset + room).min(total)
    }

    /// The trend rows to show (`total` rows, `room` rows), recorded for the keys.
    pub fn trends_window(&self, total: usize, room: usize) -> Range<usize> {
        let fit = Fit { total, room };
        self.trends_fit.set(fit);
        let start = self.trend_page.min(fit.pages() - 1) * fit.page();
        start.min(total)..(start + room).min(total)
    }

    /// A page down (`forward`) or up in `sprint`'s snapshot. False when everything already shows.
    pub fn page_snapshot(&mut self, sprint: usize, forward: bool) -> bool {
        let fit = self.snapshot_fit.get();
        if sprint != self.sprint {
            self.sprint = sprint;
            self.offset = 0;
        }
        let current = self.offset.min(fit.last_offset());
        self.offset =
            if forward { (current + fit.page()).min(fit.last_offset()) } else { current.saturating_sub(fit.page()) };
        fit.overflows()
    }

    /// The next page of trends, back to the first after the last. False when all of them show.
    pub fn next_trends(&mut self) -> bool {
        let fit = self.trends_fit.get();
        self.trend_page = (self.trend_page.min(fit.pages() - 1) + 1) % fit.pages();
        fit.overflows()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_snapshot_pages_to_its_last_line_and_back_to_the_first() {
        let mut s = HistoryScroll::default();
        assert_eq!(s.snapshot_window(5, 11, 5), 0..5);
        assert!(s.page_snapshot(5, true));
        assert_eq!(s.snapshot_window(5, 11, 5), 5..10);
        s.page_snapshot(5, true);
        assert_eq!(s.snapshot_window(5, 11, 5), 6..11, "the last page is a full one");
        s.page_snapshot(5, true);
        assert_eq!(s.snapshot_window(5, 11, 5), 6..11, "no further than the end");
        s.page_snapshot(5, false);
        s.page_snapshot(5, false);
        assert_eq!(s.snapshot_window(5, 11, 5), 0..5);
    }

    #[test]
    fn another_sprint_starts_at_its_top() {
        let mut s = HistoryScroll::default();
        s.snapshot_window(5, 11, 5);
        s.page_snapshot(5, true);
        assert_eq!(s.snapshot_window(4, 11, 5), 0..5);
        s.page_snapshot(4, true);
        assert_eq!(s.snapshot_window(4, 11, 5), 5..10);
    }

    #[test]
    fn what_fits_does_not_move() {
        let mut s = HistoryScroll::default();
        s.snapshot_window(0, 3, 5);
        assert!(!s.page_snapshot(0, true));
        assert_eq!(s.snapshot_window(0, 3, 5), 0..3);
        s.trends_window(6, 6);
        assert!(!s.next_trends());
        assert_eq!(s.trends_window(6, 6), 0..6);
    }

    #[test]
    fn trends_page_round_and_a_taller_box_keeps_a_valid_page() {
        let mut s = HistoryScroll::default();
        assert_eq!(s.trends_window(6, 3), 0..3);
        assert!(s.next_trends());
        assert_eq!(s.trends_window(6, 3), 3..6);
        s.next_trends();
        assert_eq!(s.trends_window(6, 3), 0..3, "after the last page, the first again");
        s.next_trends();
        assert_eq!(s.trends_window(6, 6), 0..6, "all of them once the box is tall enough");
        assert!(s.trends_window(6, 0).is_empty(), "no room, nothing drawn");
    }
}
