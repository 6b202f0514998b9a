//! Queries, one module per part of the domain. Each function takes the scope a policy grant
//! gave and puts it in its WHERE clause.
pub mod accounts;
pub mod api_clients;
pub mod cases;
pub mod contact_details;
pub mod corrections;
pub mod families;
pub mod feedback;
pub mod full_information;
pub mod glossary;
pub mod imports;
pub mod insights;
pub mod involvements;
pub mod people;
pub mod reports;
pub mod rights;
pub mod sharing;
pub mod writing;
