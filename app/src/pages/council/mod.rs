//! Council meetings (议事会, issue 7): the list, one meeting, raising a concern and
//! following it, getting ready to join, and the room with its vote.

mod concern_new;
mod concerns;
mod detail;
mod list;
mod live;
mod mesh;
mod motion;
mod prejoin;
mod room;
mod words;

pub use concern_new::RaiseConcern;
pub use concerns::MyConcerns;
pub use detail::MeetingDetail;
pub use list::{Meetings, is_today};
pub use prejoin::PreJoin;
pub use room::MeetingRoom;
