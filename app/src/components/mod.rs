//! Widgets shared by several pages.
pub mod case_nav;
pub mod chart;
pub mod dates;
pub mod event_text;
pub mod fields;
pub mod follow_up;
pub mod layout;
pub mod people;
pub mod score_trend;
pub mod term;
pub mod timeline;
