//! App-wide state, shared through context: who is signed in, what kind of
//! device this is, what the meal flow has already loaded, how fresh the screen is,
//! and the outbox.

mod device;
mod freshness;
mod meals;
mod session;
mod storage;
mod sync;

pub use device::DeviceMode;
pub use freshness::{FreshnessCtx, older};
pub use meals::MealsCtx;
pub use session::{Session, SessionCtx, SignOutReason, use_session, use_sign_out};
pub use storage::{LANG_KEY, local_storage, session_storage};
pub use sync::{Changes, SyncCtx, SyncNews, use_sync};
