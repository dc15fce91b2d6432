//! A size-class front-end over the system allocator, for the wasm module.
//!
//! The interpreter makes many small, short-lived allocations (JSON strings, object keys,
//! index-map buckets). In wasm, Rust's default allocator is dlmalloc, and its bin management
//! for those took 12–19 % of a map or parallel run under Node (docs/performance.md). Here each
//! request of at most [`MAX_SMALL`] bytes (alignment at most [`GRANULE`]) is rounded up to a
//! multiple of [`GRANULE`] and served from a free list for that size: allocating pops a block,
//! freeing pushes it back (the list link lives in the free block itself). An empty list is
//! refilled from a chunk of [`CHUNK`] bytes taken from the backing allocator. Everything
//! larger or more aligned goes straight to the backing allocator.
//!
//! Small blocks are never handed back to the backing allocator: memory freed in one size class
//! is reused by that class only. Peak memory is then the sum of each class's peak, close to the
//! backing allocator's own for this workload mix (map-10000's linear memory is reported in
//! docs/performance.md).
//!
//! Not thread-safe ([`SizeClasses`] is not `Sync`): the global instance is only declared for
//! wasm32 without the `atomics` feature, where there is exactly one thread.
#![allow(unsafe_code)]

use std::alloc::{GlobalAlloc, Layout};
use std::cell::Cell;
use std::ptr;

/// Size classes are multiples of this many bytes, and every small block is this aligned.
pub const GRANULE: usize = 16;
/// Number of size classes.
const CLASSES: usize = 64;
/// The largest request served from the size classes.
pub const MAX_SMALL: usize = GRANULE * CLASSES;
/// Bytes taken from the backing allocator at a time to carve small blocks from.
pub const CHUNK: usize = 64 * 1024;

/// Free lists per size class in front of `B`.
#[derive(Debug)]
pub struct SizeClasses<B> {
    backing: B,
    /// Head of each class's free list (null: empty); a free block's first word is the next.
    free: [Cell<*mut u8>; CLASSES],
    /// The unused rest of the current chunk: `[bump, end)`.
    bump: Cell<*mut u8>,
    end: Cell<*mut u8>,
}

/// The size class of `layout`, if it is small enough and not over-aligned.
#[inline]
fn class(size: usize, align: usize) -> Option<usize> {
    (size <= MAX_SMALL && align <= GRANULE).then(|| size.saturating_sub(1) / GRANULE)
}

/// Block size of class `c`.
#[inline]
fn block_size(c: usize) -> usize {
    (c + 1) * GRANULE
}

impl<B> SizeClasses<B> {
    /// Empty free lists over `backing`.
    pub const fn new(backing: B) -> Self {
        Self {
            backing,
            free: [const { Cell::new(ptr::null_mut()) }; CLASSES],
            bump: Cell::new(ptr::null_mut()),
            end: Cell::new(ptr::null_mut()),
        }
    }

    /// Pushes `block` onto the free list of class `c`.
    ///
    /// # Safety
    /// `block` is a block of class `c` (at least `block_size(c)` bytes, `GRANULE`-aligned)
    /// that nothing else uses.
    #[inline]
    unsafe fn push(&self, c: usize, block: *mut u8) {
        let head = &self.free[c];
        // SAFETY: the block is ours, aligned and large enough for a pointer.
        unsafe { block.cast::<*mut u8>().write(head.get()) };
        head.set(block);
    }
}

impl<B: GlobalAlloc> SizeClasses<B> {
    /// A block of class `c` carved from the current chunk, or from a new one.
    #[cold]
    unsafe fn refill(&self, c: usize) -> *mut u8 {
        let size = block_size(c);
        let (bump, end) = (self.bump.get(), self.end.get());
        if (end as usize) - (bump as usize) >= size {
            self.bump.set(bump.wrapping_add(size));
            return bump;
        }
        // SAFETY: CHUNK is a valid non-zero size for GRANULE alignment.
        let chunk = unsafe {
            self.backing
                .alloc(Layout::from_size_align_unchecked(CHUNK, GRANULE))
        };
        if chunk.is_null() {
            return chunk;
        }
        // The old chunk's rest (a multiple of GRANULE, smaller than MAX_SMALL) is one free
        // block of its size.
        let rest = (end as usize) - (bump as usize);
        if rest >= GRANULE {
            // SAFETY: `[bump, end)` is unused memory of an earlier chunk, GRANULE-aligned.
            unsafe { self.push(rest / GRANULE - 1, bump) };
        }
        self.bump.set(chunk.wrapping_add(size));
        self.end.set(chunk.wrapping_add(CHUNK));
        chunk
    }
}

// SAFETY: every small block is `block_size(class)` ≥ the requested size and GRANULE-aligned
// (chunks are GRANULE-aligned and carved in multiples of GRANULE); a block is on at most one
// free list and on none while allocated; the class is recomputed from the same layout on
// `dealloc`, as `GlobalAlloc` guarantees. Other requests are the backing allocator's.
unsafe impl<B: GlobalAlloc> GlobalAlloc for SizeClasses<B> {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let Some(c) = class(layout.size(), layout.align()) else {
            // SAFETY: forwarded with the caller's guarantees.
            return unsafe { self.backing.alloc(layout) };
        };
        let head = self.free[c].get();
        if head.is_null() {
            // SAFETY: `c` is a valid class.
            return unsafe { self.refill(c) };
        }
        // SAFETY: `head` is a free block of class `c`; its first word is the next one.
        self.free[c].set(unsafe { head.cast::<*mut u8>().read() });
        head
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        match class(layout.size(), layout.align()) {
            // SAFETY: `ptr` was allocated with this layout, so from class `c`.
            Some(c) => unsafe { self.push(c, ptr) },
            // SAFETY: as above, from the backing allocator.
            None => unsafe { self.backing.dealloc(ptr, layout) },
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if class(layout.size(), layout.align()).is_none() {
            // SAFETY: forwarded; the backing allocator knows which memory is already zero.
            return unsafe { self.backing.alloc_zeroed(layout) };
        }
        // SAFETY: a small block of at least `layout.size()` bytes, or null.
        unsafe {
            let p = self.alloc(layout);
            if !p.is_null() {
                ptr::write_bytes(p, 0, layout.size());
            }
            p
        }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let old = class(layout.size(), layout.align());
        let new = class(new_size, layout.align());
        match (old, new) {
            (Some(a), Some(b)) if a == b => ptr,
            // SAFETY: both large: the backing allocator's block, resized in place if it can.
            (None, None) => unsafe { self.backing.realloc(ptr, layout, new_size) },
            _ => {
                let Ok(new_layout) = Layout::from_size_align(new_size, layout.align()) else {
                    return ptr::null_mut();
                };
                // SAFETY: a fresh block of `new_size` bytes; `ptr` holds `layout.size()`.
                unsafe {
                    let p = self.alloc(new_layout);
                    if !p.is_null() {
                        ptr::copy_nonoverlapping(ptr, p, layout.size().min(new_size));
                        self.dealloc(ptr, layout);
                    }
                    p
                }
            }
        }
    }
}

/// The wasm module's global allocator: [`SizeClasses`] over dlmalloc (`System`).
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
pub struct Global(SizeClasses<std::alloc::System>);

#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
impl Global {
    /// Empty free lists over `System`.
    pub const fn new() -> Self {
        Self(SizeClasses::new(std::alloc::System))
    }
}

// SAFETY: wasm32 without the atomics feature runs one thread: the cells are never shared.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
unsafe impl Sync for Global {}

// SAFETY: delegates to `SizeClasses`.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
unsafe impl GlobalAlloc for Global {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        unsafe { self.0.alloc(layout) }
    }
    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { self.0.dealloc(ptr, layout) }
    }
    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        unsafe { self.0.alloc_zeroed(layout) }
    }
    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        unsafe { self.0.realloc(ptr, layout, new_size) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::alloc::System;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    /// `System`, counting the requests that reach it.
    #[derive(Default)]
    struct Counting {
        allocs: Cell<usize>,
        deallocs: Cell<usize>,
    }

    unsafe impl GlobalAlloc for Counting {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            self.allocs.set(self.allocs.get() + 1);
            unsafe { System.alloc(layout) }
        }
        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            self.deallocs.set(self.deallocs.get() + 1);
            unsafe { System.dealloc(ptr, layout) }
        }
    }

    fn layout(size: usize, align: usize) -> Layout {
        match Layout::from_size_align(size, align) {
            Ok(l) => l,
            Err(e) => panic!("{size}/{align}: {e}"),
        }
    }

    /// Allocates `layout`, checks alignment, fills it with `byte`.
    fn alloc_filled<B: GlobalAlloc>(a: &SizeClasses<B>, l: Layout, byte: u8) -> *mut u8 {
        let p = unsafe { a.alloc(l) };
        assert!(!p.is_null());
        assert_eq!(p as usize % l.align(), 0, "{l:?}");
        unsafe { ptr::write_bytes(p, byte, l.size()) };
        p
    }

    fn all_equal(p: *const u8, len: usize, byte: u8) -> bool {
        unsafe { std::slice::from_raw_parts(p, len) }
            .iter()
            .all(|&b| b == byte)
    }

    #[test]
    fn classes() {
        let table = [
            (0, 1, Some(0)),
            (1, 1, Some(0)),
            (16, 8, Some(0)),
            (17, 4, Some(1)),
            (MAX_SMALL, 16, Some(CLASSES - 1)),
            (MAX_SMALL + 1, 1, None),
            (8, 32, None),
        ];
        for (size, align, expected) in table {
            assert_eq!(class(size, align), expected, "{size}/{align}");
        }
        assert_eq!(block_size(0), GRANULE);
        assert_eq!(block_size(CLASSES - 1), MAX_SMALL);
    }

    /// Live blocks of every size never overlap, are aligned, and keep their contents; freed
    /// blocks are reused; small requests reach the backing allocator once per chunk.
    #[test]
    fn blocks_are_disjoint_and_reused() {
        let a = SizeClasses::new(Counting::default());
        let sizes = [1, 7, 16, 17, 24, 100, 255, 512, 1000, MAX_SMALL];
        let mut live = Vec::new();
        for round in 0..200 {
            for (i, &size) in sizes.iter().enumerate() {
                let byte = ((round * sizes.len() + i) % 251) as u8;
                let align = [1, 2, 4, 8, 16][i % 5];
                let l = layout(size, align);
                live.push((alloc_filled(&a, l, byte), l, byte));
            }
        }
        for &(p, l, byte) in &live {
            assert!(all_equal(p, l.size(), byte), "{l:?} was overwritten");
        }
        let chunks = a.backing.allocs.get();
        let total: usize = live
            .iter()
            .map(|(_, l, _)| l.size().div_ceil(GRANULE) * GRANULE)
            .sum();
        assert!(
            chunks <= total / CHUNK + 2 * CLASSES,
            "{chunks} chunks for {total} bytes"
        );
        // Freed blocks come back (last freed, first reused) without new chunks.
        let (p, l, _) = live[live.len() - 1];
        unsafe { a.dealloc(p, l) };
        assert_eq!(unsafe { a.alloc(l) }, p);
        for &(p, l, _) in &live {
            unsafe { a.dealloc(p, l) };
        }
        for &(_, l, _) in &live {
            let _ = alloc_filled(&a, l, 0);
        }
        assert_eq!(a.backing.allocs.get(), chunks, "no new chunk after reuse");
        assert_eq!(a.backing.deallocs.get(), 0, "small blocks are kept");
    }

    /// Large or over-aligned requests are the backing allocator's, each one.
    #[test]
    fn large_and_over_aligned_go_to_the_backing_allocator() {
        let a = SizeClasses::new(Counting::default());
        for l in [
            layout(MAX_SMALL + 1, 8),
            layout(64, 64),
            layout(100_000, 16),
        ] {
            let before = a.backing.allocs.get();
            let p = alloc_filled(&a, l, 7);
            assert_eq!(a.backing.allocs.get(), before + 1);
            unsafe { a.dealloc(p, l) };
        }
        assert_eq!(a.backing.deallocs.get(), 3);
    }

    /// Growing and shrinking keep the contents, within a class, across classes and to and
    /// from large blocks.
    #[test]
    fn realloc_keeps_contents() {
        let a = SizeClasses::new(System);
        let l = layout(3, 1);
        let mut p = alloc_filled(&a, l, 9);
        let mut size = l.size();
        for new_size in [10, 16, 17, 700, MAX_SMALL, MAX_SMALL + 1, 5000, 40, 2] {
            let q = unsafe { a.realloc(p, layout(size, 1), new_size) };
            assert!(!q.is_null());
            assert!(all_equal(q, size.min(new_size), 9), "{size} -> {new_size}");
            if class(size, 1).is_some() && class(size, 1) == class(new_size, 1) {
                assert_eq!(q, p, "same class, same block");
            }
            unsafe { ptr::write_bytes(q, 9, new_size) };
            (p, size) = (q, new_size);
        }
        unsafe { a.dealloc(p, layout(size, 1)) };
    }

    #[test]
    fn alloc_zeroed_is_zero_after_reuse() {
        let a = SizeClasses::new(System);
        for l in [layout(40, 8), layout(MAX_SMALL + 100, 8)] {
            let p = alloc_filled(&a, l, 0xAB);
            unsafe { a.dealloc(p, l) };
            let z = unsafe { a.alloc_zeroed(l) };
            assert!(all_equal(z, l.size(), 0));
            unsafe { a.dealloc(z, l) };
        }
    }

    /// The end of a chunk too small for a request becomes a free block of its own size.
    #[test]
    fn chunk_rest_is_reused() {
        let a = SizeClasses::new(Counting::default());
        let big = layout(MAX_SMALL, 16);
        let per_chunk = CHUNK / MAX_SMALL;
        let first: Vec<_> = (0..per_chunk).map(|_| alloc_filled(&a, big, 1)).collect();
        assert_eq!(a.backing.allocs.get(), 1);
        // 48 bytes used of a fresh chunk...
        let small = alloc_filled(&a, layout(48, 16), 2);
        assert_eq!(a.backing.allocs.get(), 2);
        // ...then a block that does not fit in the rest starts a third chunk, and the rest
        // (CHUNK - 48 - MAX_SMALL * k) is a free block found by its class.
        let k = (CHUNK - 48) / MAX_SMALL;
        let _: Vec<_> = (0..=k).map(|_| alloc_filled(&a, big, 3)).collect();
        assert_eq!(a.backing.allocs.get(), 3);
        let rest = CHUNK - 48 - MAX_SMALL * k;
        let r = alloc_filled(&a, layout(rest, 16), 4);
        assert_eq!(r as usize, small as usize + 48 + MAX_SMALL * k);
        assert_eq!(a.backing.allocs.get(), 3);
        assert!(first.iter().all(|&p| all_equal(p, MAX_SMALL, 1)));
    }
}
