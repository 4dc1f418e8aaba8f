//! Shared by the family tests (`family.rs`, `authz_matrix.rs`): family accounts and links made
//! through the API, as the app makes them.

use api::{
    Client, FamilyLink, FamilySignInRequest, FamilySignUpRequest, LinkCodeRequest, LinkPermissions,
    LinkRequest, PersonId, Relation, SignInResponse,
};

use super::{TestServer, key};

/// 王丽, 王秀英's daughter (every permission).
pub const DAUGHTER: (&str, &str) = ("13900000001", "linli-family-2026");
/// 李明, 李建国's son (every permission) and 刘淑芬's son-in-law (see and book).
pub const SON: (&str, &str) = ("13900000002", "linli-family-2026");
/// The password of every family account a test makes.
pub const PASSWORD: &str = "family-pass-1";

pub fn perms(view: bool, book: bool, cancel: bool) -> LinkPermissions {
    LinkPermissions { view, book, cancel }
}

impl TestServer {
    /// Signs a family member in; the client acts for nobody yet.
    pub async fn family_sign_in(
        &self,
        (phone, password): (&str, &str),
    ) -> (Client, SignInResponse) {
        let resp = self
            .client()
            .family_sign_in(&FamilySignInRequest {
                phone: phone.into(),
                password: password.into(),
            })
            .await
            .expect("family sign in");
        (self.client().with_token(resp.token.clone()), resp)
    }

    /// A new family account, signed in; the client acts for nobody yet.
    pub async fn family_sign_up(&self, phone: &str, name: &str) -> (Client, PersonId) {
        let resp = self
            .client()
            .family_sign_up(&FamilySignUpRequest {
                phone: phone.into(),
                password: PASSWORD.into(),
                name: name.into(),
            })
            .await
            .expect("family sign up");
        (self.client().with_token(resp.token), resp.me.person.id)
    }
}

/// The elder (a client acting for themself) makes a code; the family member enters it.
pub async fn link_with_code(
    elder: &Client,
    family: &Client,
    permissions: LinkPermissions,
    relation: Relation,
) -> FamilyLink {
    let code = elder
        .create_link_code(&LinkCodeRequest { permissions })
        .await
        .expect("link code");
    family
        .link(
            &LinkRequest {
                code: code.code,
                relation,
                elder_nickname: None,
            },
            &key(),
        )
        .await
        .expect("link")
}
