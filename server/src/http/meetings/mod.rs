//! Council meetings (议事会, issue 7). Elders see the meetings they are invited to and reply
//! ([`invitation`]); in the room they are present, raise hands and vote ([`room`]), with live
//! news on a server-sent event stream and sound and picture signalled through a WebSocket
//! ([`signal`]). Staff host through [`host`].

mod host;
mod invitation;
mod room;
pub mod signal;
pub(crate) mod view;

use api::{MeetingStatus, PersonKind, ProblemType};
use axum::http::StatusCode;
use utoipa_axum::router::OpenApiRouter;

use super::AppState;
use crate::{
    auth::Actor,
    db::{
        self,
        meetings::{self, MeetingRow},
    },
    error::{Error, Result},
};

/// How early the room opens before the start, so an elder can settle in and test the sound.
pub const JOIN_EARLY_SECS: i64 = 30 * 60;
/// How long after the planned end a ticket still works: meetings overrun.
pub const OVERRUN_SECS: i64 = 2 * 60 * 60;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(invitation::router())
        .merge(room::router())
        .merge(host::router())
        .merge(signal::router())
}

/// The meeting, if the elder acted for is invited to it; `not-found` otherwise, so another
/// building's meetings do not leak.
pub(crate) async fn invited(state: &AppState, actor: &Actor, id: i64) -> Result<MeetingRow> {
    let m = meetings::get(&state.db, id, actor.elder.community_id)
        .await?
        .ok_or_else(Error::not_found)?;
    let (compound, building) = meetings::residence(&state.db, actor.elder.id).await?;
    if m.invites(compound.as_deref(), building.as_deref()) {
        Ok(m)
    } else {
        Err(Error::not_found())
    }
}

pub(crate) fn status(m: &MeetingRow) -> Result<MeetingStatus> {
    Ok(db::enum_of(&m.status)?)
}

/// Refuses anything but a meeting still to come or going on.
pub(crate) fn require_open(m: &MeetingRow) -> Result<MeetingStatus> {
    match status(m)? {
        s @ (MeetingStatus::Scheduled | MeetingStatus::Live) => Ok(s),
        MeetingStatus::Ended | MeetingStatus::Cancelled => Err(Error::new(
            ProblemType::MeetingClosed,
            StatusCode::CONFLICT,
            "The meeting is over or was cancelled",
        )),
    }
}

/// Only the elder themself may do this (be in the room, raise a hand, vote): a vote is
/// personal, so neither family nor staff cast it for them.
pub(crate) fn require_self(actor: &Actor) -> Result<()> {
    if actor.principal.id == actor.elder.id && actor.principal.kind() == PersonKind::Elder {
        Ok(())
    } else {
        Err(Error::new(
            ProblemType::Forbidden,
            StatusCode::FORBIDDEN,
            "Only the elder can do this in a meeting",
        ))
    }
}

pub(crate) fn not_present() -> Error {
    Error::new(
        ProblemType::NotPresent,
        StatusCode::CONFLICT,
        "Join the meeting first",
    )
}
