//! App-wide state, shared through context: who is signed in, what kind of
//! device this is, how the screen looks and sounds, what the meal flow has already
//! loaded, how fresh the screen is, and the outbox.

mod device;
mod freshness;
mod meals;
mod session;
pub mod settings;
mod storage;
mod sync;

pub use device::DeviceMode;
pub use freshness::{FreshnessCtx, older};
pub use meals::MealsCtx;
pub use session::{Session, SessionCtx, SignOutReason, live_links, use_session, use_sign_out};
pub use settings::{SettingsCtx, use_settings};
pub use storage::{SETTINGS_KEY, local_storage, session_storage};
pub use sync::{Changes, SyncCtx, SyncNews, use_sync};
