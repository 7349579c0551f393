//! Reusable pieces of the interface: header, notices, loading and error views, amounts, tables, the measure form.

pub mod amount;
pub mod budget_execution;
pub mod budget_table;
pub mod changes;
pub mod charts;
pub mod comments;
pub mod confirm;
pub mod data_table;
pub mod error_view;
pub mod export_links;
pub mod field;
pub mod header;
pub mod indicator_status;
pub mod loading;
pub mod measure_form;
pub mod measure_history;
pub mod measure_status;
pub mod notice;
pub mod page;
pub mod protected;
pub mod resource_view;
pub mod scroll_boxes;
pub mod source_table;
