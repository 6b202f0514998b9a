//! Widgets shared by several pages.
pub mod dates;
pub mod layout;
pub mod timeline;
