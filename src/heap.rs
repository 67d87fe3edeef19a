//! The wasm's global allocator: power-of-two size classes, each with its own
//! free list, carved from the end of linear memory (`memory.grow`). Free is
//! O(1); a freed block goes back to its class and is reused by the next
//! request of that class, or split for a smaller one when that class has none
//! (blocks are never merged or returned). So a page that repeats the same
//! work (switching datasets, hovering, re-mounting) stops growing once it has
//! done it once. ~0.5 KB of code instead of dlmalloc's ~8 KB
//! (~3.5 KB gzip of the module). The browser's tab is single-threaded.

use std::alloc::Layout;
#[cfg(target_arch = "wasm32")]
use std::{alloc::GlobalAlloc, cell::UnsafeCell};

/// Class `k` holds blocks of `2^k` bytes; the smallest holds a free-list link.
const CLASSES: usize = usize::BITS as usize;
const MIN_CLASS: u32 = std::mem::size_of::<usize>().trailing_zeros();
/// Blocks this large or larger are aligned to it at most.
const PAGE: usize = 65536;

/// The size class of `layout`: the smallest power of two that holds it and
/// is at least its alignment (blocks of a class are aligned to their size,
/// up to a page). `None` when it cannot be represented.
fn class(layout: Layout) -> Option<u32> {
    let need = layout.size().max(layout.align()).max(1 << MIN_CLASS);
    need.checked_next_power_of_two().map(usize::trailing_zeros)
}

/// The allocator's state; `grow(bytes)` extends the region ending at `end`
/// by at least `bytes` and returns the new end, or `None`.
pub struct Classes {
    free: [usize; CLASSES],
    next: usize,
    end: usize,
}

impl Classes {
    pub const fn new() -> Classes {
        Classes {
            free: [0; CLASSES],
            next: 0,
            end: 0,
        }
    }

    /// # Safety
    /// The region `[start, end)` handed out by `grow` must be writable memory
    /// owned by this allocator alone.
    pub unsafe fn alloc(
        &mut self,
        layout: Layout,
        grow: impl FnOnce(usize, usize) -> Option<usize>,
    ) -> *mut u8 {
        let Some(k) = class(layout) else {
            return std::ptr::null_mut();
        };
        if let Some(block) = self.pop(k) {
            return block as *mut u8;
        }
        // A larger free block, split: the upper halves go to the classes
        // between, so memory freed in big blocks serves small ones too.
        for j in k + 1..CLASSES as u32 {
            if let Some(block) = self.pop(j) {
                for i in k..j {
                    self.push(block + (1 << i), i);
                }
                return block as *mut u8;
            }
        }
        let size = 1usize << k;
        let align = size.min(PAGE);
        let Some(start) = self.next.checked_next_multiple_of(align) else {
            return std::ptr::null_mut();
        };
        let Some(stop) = start.checked_add(size) else {
            return std::ptr::null_mut();
        };
        if stop > self.end {
            match grow(self.end, stop - self.end) {
                Some(end) if end >= stop => self.end = end,
                _ => return std::ptr::null_mut(),
            }
        }
        // The gap the alignment skipped, as free blocks of the sizes it holds.
        let mut at = self.next;
        while at < start {
            let i = (at.trailing_zeros()).min((start - at).ilog2());
            self.push(at, i);
            at += 1 << i;
        }
        self.next = stop;
        start as *mut u8
    }

    fn pop(&mut self, k: u32) -> Option<usize> {
        let head = self.free.get_mut(k as usize)?;
        if *head == 0 {
            return None;
        }
        let block = *head;
        // SAFETY: a free block's first word holds the next free block.
        *head = unsafe { *(block as *const usize) };
        Some(block)
    }

    /// Puts the block at `at` on class `k`'s list (ignored below the
    /// smallest class: too small to hold the link).
    fn push(&mut self, at: usize, k: u32) {
        if k < MIN_CLASS {
            return;
        }
        if let Some(head) = self.free.get_mut(k as usize) {
            // SAFETY: the block is free, ours, and at least a word long.
            unsafe { *(at as *mut usize) = *head };
            *head = at;
        }
    }

    /// # Safety
    /// `ptr` must come from `alloc` on `self` with the same `layout`.
    pub unsafe fn dealloc(&mut self, ptr: *mut u8, layout: Layout) {
        if let Some(k) = class(layout) {
            self.push(ptr as usize, k);
        }
    }

    /// The block at `ptr` resized to `new_size`: the same block while the
    /// size class stays, else a new block holding the old contents (the old
    /// one freed); null when out of memory (the old block then stays).
    ///
    /// # Safety
    /// As `GlobalAlloc::realloc`: `ptr` comes from `alloc` on `self` with
    /// `layout`, and `new_size` is non-zero; `grow` as for `alloc`.
    pub unsafe fn realloc(
        &mut self,
        ptr: *mut u8,
        layout: Layout,
        new_size: usize,
        grow: impl FnOnce(usize, usize) -> Option<usize>,
    ) -> *mut u8 {
        let Ok(new) = Layout::from_size_align(new_size, layout.align()) else {
            return std::ptr::null_mut();
        };
        // Same class: the block already has room.
        if class(new) == class(layout) {
            return ptr;
        }
        // SAFETY: the caller's contract, as for `alloc`.
        let to = unsafe { self.alloc(new, grow) };
        if !to.is_null() {
            // SAFETY: both blocks hold at least min(old, new) bytes, and a
            // live block and a fresh one never overlap.
            unsafe {
                std::ptr::copy_nonoverlapping(ptr, to, layout.size().min(new_size));
                self.dealloc(ptr, layout);
            }
        }
        to
    }

    /// Starts the region if unset: `at()` gives where free memory starts and
    /// where the memory ends now.
    fn start(&mut self, at: impl FnOnce() -> (usize, usize)) {
        if self.end == 0 {
            (self.next, self.end) = at();
        }
    }
}

impl Default for Classes {
    fn default() -> Self {
        Classes::new()
    }
}

/// The global allocator (wasm32 only).
#[cfg(target_arch = "wasm32")]
pub struct Heap(UnsafeCell<Classes>);

// SAFETY: wasm32-unknown-unknown without threads: one thread touches it.
#[cfg(target_arch = "wasm32")]
unsafe impl Sync for Heap {}

#[cfg(target_arch = "wasm32")]
impl Heap {
    pub const fn new() -> Heap {
        Heap(UnsafeCell::new(Classes::new()))
    }
}

/// `memory.grow` by the pages that hold `bytes` more past `end`; the new end.
#[cfg(target_arch = "wasm32")]
fn grow_memory(end: usize, bytes: usize) -> Option<usize> {
    use core::arch::wasm32::memory_grow;
    let pages = bytes.div_ceil(PAGE);
    (memory_grow(0, pages) != usize::MAX).then(|| end + pages * PAGE)
}

#[cfg(target_arch = "wasm32")]
unsafe impl GlobalAlloc for Heap {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        use core::arch::wasm32::memory_size;
        // SAFETY: single-threaded, and no allocation re-enters the allocator.
        let heap = unsafe { &mut *self.0.get() };
        // New pages from the end of the initial memory on, as dlmalloc does.
        heap.start(|| (memory_size(0) * PAGE, memory_size(0) * PAGE));
        // SAFETY: the pages `memory.grow` adds belong to no one else.
        unsafe { heap.alloc(layout, grow_memory) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as in `alloc`; `ptr` came from it with this layout.
        unsafe { (*self.0.get()).dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: as in `alloc`; the caller's contract, as for GlobalAlloc::realloc.
        unsafe { (*self.0.get()).realloc(ptr, layout, new_size, grow_memory) }
    }
}

#[cfg(test)]
mod proofs;

#[cfg(test)]
mod tests {
    use super::*;

    /// An arena standing in for linear memory: `grow` hands out its pages.
    struct Arena {
        mem: Vec<u8>,
        grown: usize,
    }

    impl Arena {
        fn new(pages: usize) -> Arena {
            Arena {
                mem: vec![0; (pages + 1) * PAGE],
                grown: 0,
            }
        }
        fn base(&self) -> usize {
            (self.mem.as_ptr() as usize).next_multiple_of(PAGE)
        }
    }

    fn alloc(c: &mut Classes, a: &mut Arena, size: usize, align: usize) -> usize {
        let base = a.base();
        let limit = base + a.mem.len() - PAGE;
        c.start(|| (base, base));
        let layout = Layout::from_size_align(size, align).unwrap();
        let p = unsafe {
            c.alloc(layout, |end, bytes| {
                let pages = bytes.div_ceil(PAGE);
                a.grown += pages;
                (end + pages * PAGE <= limit).then(|| end + pages * PAGE)
            })
        } as usize;
        assert_ne!(p, 0, "out of arena");
        assert_eq!(p % align, 0, "aligned");
        // The block is writable over its whole size.
        unsafe { std::ptr::write_bytes(p as *mut u8, 0xab, size) };
        p
    }

    fn free(c: &mut Classes, p: usize, size: usize, align: usize) {
        unsafe { c.dealloc(p as *mut u8, Layout::from_size_align(size, align).unwrap()) };
    }

    #[test]
    fn classes_are_powers_of_two_at_least_the_alignment() {
        let c = |s, a| class(Layout::from_size_align(s, a).unwrap());
        assert_eq!(c(0, 1), Some(MIN_CLASS));
        assert_eq!(c(1, 1), Some(MIN_CLASS));
        assert_eq!(c(9, 1), Some(MIN_CLASS.max(4)));
        assert_eq!(c(4096, 8), Some(12));
        assert_eq!(c(4097, 8), Some(13));
        assert_eq!(c(8, 64), Some(6));
        assert_eq!(c(isize::MAX as usize, 1), Some(usize::BITS - 1));
    }

    #[test]
    fn blocks_do_not_overlap_and_are_reused_by_class() {
        let mut a = Arena::new(64);
        let mut c = Classes::new();
        let sizes = [1, 7, 8, 24, 100, 1000, 5000, 70_000, 3, 16, 65536];
        let mut live: Vec<(usize, usize)> = Vec::new();
        for (i, &s) in sizes.iter().enumerate() {
            let align = [1, 2, 4, 8, 16][i % 5];
            let p = alloc(&mut c, &mut a, s, align);
            for &(q, t) in &live {
                assert!(p + s <= q || q + t <= p, "{p:#x}+{s} overlaps {q:#x}+{t}");
            }
            live.push((p, s));
        }
        // Freed blocks come back for the same class, most recent first.
        let (p, s) = live[5];
        free(&mut c, p, s, 1);
        assert_eq!(alloc(&mut c, &mut a, 600, 8), p);
    }

    #[test]
    fn freed_big_blocks_serve_small_requests() {
        let mut a = Arena::new(8);
        let mut c = Classes::new();
        let small = alloc(&mut c, &mut a, 8, 8);
        let big = alloc(&mut c, &mut a, 65536, 8);
        let grown = a.grown;
        free(&mut c, big, 65536, 8);
        let mut live: Vec<usize> = (0..64).map(|_| alloc(&mut c, &mut a, 1000, 8)).collect();
        // The gap before the page-aligned big block holds small blocks too.
        live.extend((0..100).map(|_| alloc(&mut c, &mut a, 100, 8)));
        assert_eq!(
            a.grown, grown,
            "no growth: the big block and the gap served them"
        );
        live.push(small);
        live.sort();
        for w in live.windows(2) {
            assert!(w[1] - w[0] >= 8);
        }
    }

    #[test]
    fn repeating_the_same_work_stops_growing() {
        let mut a = Arena::new(256);
        let mut c = Classes::new();
        fn round(c: &mut Classes, a: &mut Arena, n: usize) {
            let mut v: Vec<(usize, usize)> = Vec::new();
            for i in 0..n {
                let s = (i * 37) % 3000 + 1;
                v.push((alloc(c, a, s, 8), s));
                if i % 3 == 0 {
                    let (p, s) = v.swap_remove(i % v.len());
                    free(c, p, s, 8);
                }
            }
            for (p, s) in v {
                free(c, p, s, 8);
            }
        }
        round(&mut c, &mut a, 500);
        let after_one = a.grown;
        for _ in 0..100 {
            round(&mut c, &mut a, 500);
        }
        assert_eq!(a.grown, after_one);
    }

    #[test]
    fn out_of_memory_is_null_not_a_panic() {
        let mut a = Arena::new(1);
        let mut c = Classes::new();
        let base = a.base();
        c.start(|| (base, base));
        let p = unsafe { c.alloc(Layout::from_size_align(1 << 20, 8).unwrap(), |_, _| None) };
        assert!(p.is_null());
        assert_ne!(alloc(&mut c, &mut a, 10, 8), 0);
    }
}
