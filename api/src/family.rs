//! Family members (issue 6): their accounts, and the consented links that let them see, book
//! and cancel for an elder. `docs/family.md` explains the permission model.
//!
//! A link is made only with the elder's consent: the elder makes a one-time code
//! (`POST /links/codes`) and chooses what the family member may do; the family member enters
//! it (`POST /links`). Community staff may make one for an elder at the centre
//! (`POST /staff/links`). A link lasts [`LINK_MONTHS`] months unless the elder renews it, and
//! the elder can revoke it at any time, effective on the family member's next request.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::{PersonRef, Text};

/// How long a link lasts from when it is made or renewed.
pub const LINK_MONTHS: u32 = 12;
/// How long a link code works once made.
pub const LINK_CODE_MINUTES: i64 = 10;

/// `POST /family/sign-up`: a family member makes an account on their phone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FamilySignUpRequest {
    /// Mainland mobile number (11 digits starting with 1): the account's name.
    pub phone: String,
    /// At least [`crate::validate::PASSWORD_MIN`] characters.
    pub password: String,
    /// The name the elder knows them by, shown on every booking they make ("王丽").
    pub name: String,
}

/// `POST /family/session`: a family member signs in with phone number and password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FamilySignInRequest {
    pub phone: String,
    pub password: String,
}

/// How the family member relates to the elder: "王丽 is 王秀英's daughter".
///
/// Why an enum with a free-text escape rather than only free text: the common relations are
/// one tap on a big button (no typing for an elder or a hurried daughter), they can be shown in
/// either language ("女儿" / "daughter"), and they stay comparable; yet family is not always one
/// of them (侄女, 干女儿, a neighbour who helps), so [`Relation::Other`] takes up to
/// [`crate::validate::RELATION_MAX`] characters of the person's own words, shown as typed.
///
/// On the wire it is one string: the token of a common relation (`"daughter"`), or the free
/// text. Reading is forgiving: the Chinese word of a common relation ("女儿") reads as that
/// relation, and any other text as `Other`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Relation {
    Daughter,
    Son,
    DaughterInLaw,
    SonInLaw,
    /// A grandchild (孙子, 孙女, 外孙, 外孙女).
    Grandchild,
    /// Husband or wife.
    Spouse,
    /// Brother or sister.
    Sibling,
    /// In the person's own words.
    Other(String),
}

impl Relation {
    /// The common relations, in the order a picker shows them.
    pub const COMMON: [Relation; 7] = [
        Relation::Daughter,
        Relation::Son,
        Relation::DaughterInLaw,
        Relation::SonInLaw,
        Relation::Grandchild,
        Relation::Spouse,
        Relation::Sibling,
    ];

    /// The wire token of a common relation; the text itself for `Other`.
    pub fn as_str(&self) -> &str {
        match self {
            Relation::Daughter => "daughter",
            Relation::Son => "son",
            Relation::DaughterInLaw => "daughter_in_law",
            Relation::SonInLaw => "son_in_law",
            Relation::Grandchild => "grandchild",
            Relation::Spouse => "spouse",
            Relation::Sibling => "sibling",
            Relation::Other(text) => text,
        }
    }

    /// What to show: "女儿" / "daughter"; `Other` as typed, in both languages.
    pub fn label(&self) -> Text {
        let (zh, en) = match self {
            Relation::Daughter => ("女儿", "daughter"),
            Relation::Son => ("儿子", "son"),
            Relation::DaughterInLaw => ("儿媳", "daughter-in-law"),
            Relation::SonInLaw => ("女婿", "son-in-law"),
            Relation::Grandchild => ("孙辈", "grandchild"),
            Relation::Spouse => ("配偶", "spouse"),
            Relation::Sibling => ("兄弟姐妹", "brother or sister"),
            Relation::Other(text) => (text.as_str(), text.as_str()),
        };
        Text::new(zh, en)
    }

    /// Reads a wire string (see the type's documentation); never fails. Surrounding space is
    /// dropped.
    pub fn parse(s: &str) -> Relation {
        let s = s.trim();
        Relation::COMMON
            .into_iter()
            .find(|r| r.as_str() == s || r.label().zh == s)
            .unwrap_or_else(|| Relation::Other(s.to_owned()))
    }
}

impl Serialize for Relation {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Relation {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Relation::parse(&String::deserialize(d)?))
    }
}

#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for Relation {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{ObjectBuilder, Type};
        ObjectBuilder::new()
            .schema_type(Type::String)
            .description(Some(
                "How the family member relates to the elder: daughter, son, daughter_in_law, \
                 son_in_law, grandchild, spouse, sibling, or up to 10 characters of free text",
            ))
            .examples(["daughter", "侄女"])
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for Relation {}

/// What a linked family member may do for the elder. `book` and `cancel` each need `view`
/// (nobody books blind); a link with none of the three still makes the family member one of
/// those told when the elder presses the help button.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LinkPermissions {
    /// See the elder's bookings, complaints, help requests and prices.
    pub view: bool,
    /// Book services (and rate them, report problems) for the elder.
    pub book: bool,
    /// Cancel the elder's bookings.
    pub cancel: bool,
}

impl LinkPermissions {
    pub const ALL: LinkPermissions = LinkPermissions {
        view: true,
        book: true,
        cancel: true,
    };
    pub const VIEW: LinkPermissions = LinkPermissions {
        view: true,
        book: false,
        cancel: false,
    };
}

/// `POST /links/codes`: the elder makes a one-time code for a family member.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LinkCodeRequest {
    /// What the family member who enters the code may do.
    pub permissions: LinkPermissions,
}

/// A link code to read out or show to the family member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LinkCode {
    /// Six digits. Works once, until `expires_at`, and only until the elder makes another.
    pub code: String,
    pub expires_at: DateTime<FixedOffset>,
    pub permissions: LinkPermissions,
}

/// `POST /links`: the family member enters the elder's code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LinkRequest {
    /// The six digits the elder was given.
    pub code: String,
    /// Who the family member is to the elder.
    pub relation: Relation,
    /// What the family member calls the elder ("妈妈", "外婆"), shown to them in the elder
    /// picker and the "为 王秀英（妈妈）预约" banner. Theirs alone; optional.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub elder_nickname: Option<String>,
}

/// `POST /staff/links`: staff link an existing family account to the elder acted for, at the
/// elder's request at the centre.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffLinkRequest {
    /// The family member's account (phone number they signed up with).
    pub family_phone: String,
    pub relation: Relation,
    pub permissions: LinkPermissions,
}

/// `PUT /links/{id}/permissions`: the elder changes what the family member may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LinkPermissionsRequest {
    pub permissions: LinkPermissions,
}

/// Where a link stands now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum LinkStatus {
    Active,
    /// Revoked by the elder, by staff, or by the family member themself.
    Revoked,
    /// Past `expires_at`; the elder may renew it.
    Expired,
}

/// A link between an elder and a family member, as either of them (or staff) sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FamilyLink {
    pub id: i64,
    pub elder: PersonRef,
    /// The family member, with their `relation`.
    pub family: PersonRef,
    /// The family member's phone, masked ("139****0001"): enough to tell two apart.
    pub family_phone: String,
    pub relation: Relation,
    /// What the family member calls the elder, if they said.
    pub elder_nickname: Option<String>,
    pub permissions: LinkPermissions,
    pub status: LinkStatus,
    /// When the link was first made.
    pub created_at: DateTime<FixedOffset>,
    /// When it stops working unless renewed.
    pub expires_at: DateTime<FixedOffset>,
    pub revoked_at: Option<DateTime<FixedOffset>>,
    /// The staff member who made it at the centre; `None` when made with the elder's code.
    pub made_by_staff: Option<PersonRef>,
    /// When the family member last did something for the elder (booked, cancelled, rated,
    /// reported a problem, asked for help).
    pub last_acted_at: Option<DateTime<FixedOffset>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relations_are_one_string_on_the_wire() {
        for r in Relation::COMMON {
            let json = serde_json::to_string(&r).unwrap();
            assert_eq!(serde_json::from_str::<Relation>(&json).unwrap(), r);
        }
        assert_eq!(
            serde_json::to_string(&Relation::DaughterInLaw).unwrap(),
            "\"daughter_in_law\""
        );
        let other: Relation = serde_json::from_str("\" 侄女 \"").unwrap();
        assert_eq!(other, Relation::Other("侄女".into()));
        assert_eq!(serde_json::to_string(&other).unwrap(), "\"侄女\"");
        assert_eq!(Relation::parse("女儿"), Relation::Daughter);
        assert_eq!(Relation::Daughter.label().zh, "女儿");
    }
}
