//! Widgets shared by several pages.
pub mod case_nav;
pub mod dates;
pub mod layout;
pub mod people;
pub mod timeline;
