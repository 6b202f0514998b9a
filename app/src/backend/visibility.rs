//! What one reader may see of a case they are granted: the policy's [`Viewer`] applied to items.
//!
//! Two rules leave items out for a family member (and for the confidant reading through
//! their eyes), in one place for every read, export and access-log entry:
//! - **Shielding**: a professional hid the item from this person (e.g. an address from a
//!   violent parent). The item is simply absent: no placeholder gives it away.
//! - **16+**: a parent does not see what concerns a child of 16 or older who has not given
//!   that parent consent (domain.md §3).
//!
//! Professionals assigned to the case see everything.
use super::{
    db::Db,
    policy::{CaseGrant, Viewer},
    time, StoreError,
};
use crate::{
    domain::{access_rule, age_on},
    on_db,
};
use chrono::NaiveDate;
use std::collections::HashSet;
use uuid::Uuid;

#[derive(Clone, Debug, Default)]
pub struct Visibility {
    /// Items shielded from the reader.
    shielded: HashSet<Uuid>,
    /// Children whose part the reader may not see (16+, no consent).
    hidden_children: HashSet<Uuid>,
}

impl Visibility {
    /// Looks up what the grant's viewer may not see (two small queries for a family member,
    /// none for a professional).
    pub async fn of(db: &Db, grant: &CaseGrant) -> Result<Visibility, StoreError> {
        let Some(member) = grant.viewer.member() else {
            return Ok(Visibility::default());
        };
        let shielded: Vec<(Uuid,)> = on_db!(db, p => sqlx::query_as(
            "SELECT item_id FROM shieldings WHERE hidden_from_person_id = $1")
            .bind(member).fetch_all(p).await)?;
        let mut hidden_children = HashSet::new();
        if let Viewer::Parent { person_id, .. } = grant.viewer {
            let children: Vec<(Uuid, Option<NaiveDate>, bool)> = on_db!(db, p => sqlx::query_as(
                "SELECT pe.id, pe.birth_date, EXISTS (SELECT 1 FROM consents co WHERE co.child_person_id = pe.id \
                   AND co.parent_person_id = $2 AND co.withdrawn_at IS NULL) \
                 FROM case_children cc JOIN people pe ON pe.id = cc.person_id WHERE cc.case_id = $1")
                .bind(grant.case_id).bind(person_id).fetch_all(p).await)?;
            let today = time::today();
            for (child, birth, consent) in children {
                let needs =
                    birth.is_some_and(|b| access_rule(age_on(b, today)).parent_needs_child_consent);
                if needs && !consent {
                    hidden_children.insert(child);
                }
            }
        }
        Ok(Visibility {
            shielded: shielded.into_iter().map(|r| r.0).collect(),
            hidden_children,
        })
    }

    /// May the reader see this item, which concerns `concerns` (a child, or nobody in particular)?
    pub fn shows(&self, item: Uuid, concerns: Option<Uuid>) -> bool {
        !self.shielded.contains(&item)
            && concerns.is_none_or(|c| !self.hidden_children.contains(&c))
    }
}
