//! lvdong (绿动): interactive news infographics. Data flows one way —
//! data → validate → layout → scene → render — and back only through
//! hit-test → interaction state → re-render. See `docs/architecture.md`.

#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

pub mod data;
pub mod digits;
pub mod format;
pub mod interact;
#[cfg(not(target_arch = "wasm32"))]
pub mod invariants;
pub mod jsontext;
pub mod kinds;
pub mod layout;
pub mod render;
pub mod scene;
#[cfg(not(target_arch = "wasm32"))]
pub mod snapshot;
pub mod text;
pub mod theme;
pub mod transition;
pub mod view;

#[cfg(target_arch = "wasm32")]
pub mod canvas;
#[cfg(any(target_arch = "wasm32", test))]
mod heap;
#[cfg(target_arch = "wasm32")]
mod jsmath;
#[cfg(target_arch = "wasm32")]
mod web;

#[cfg(target_arch = "wasm32")]
#[global_allocator]
static HEAP: heap::Heap = heap::Heap::new();

pub use data::{Chart, DataFile, Lang};
pub use layout::{layout, Options};
pub use scene::Scene;
