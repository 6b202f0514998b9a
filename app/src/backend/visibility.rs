//! The one visibility rule: what one reader may see of a case they are granted.
//!
//! Every dossier item (statement, own view, informant, access-log entry, and what comes later)
//! is described as an [`Item`]: its id, **whom it concerns** (a person, or the family as a
//! whole), **who wrote it** (a family member's own words), and its [`Tier`]. [`Visibility::shows`]
//! decides for the grant's viewer; no page, export, print view or log filters on its own.
//!
//! | reader                                   | sees an item when …                                               |
//! |------------------------------------------|-------------------------------------------------------------------|
//! | professional of the case                 | always                                                            |
//! | any family member (or their confidant)   | never when a professional shielded it from them                   |
//! |                                          | always when they wrote it themselves (and it is not shielded)     |
//! | parent with authority                    | it concerns the family, themselves, another parent, a child under |
//! |                                          | 16, or a child of 16+ who gave this parent consent                |
//! | parent without authority                 | as above, but only [`Tier::Essential`] items, unless a            |
//! |                                          | professional opened the whole dossier for them (with a reason)    |
//! | young person (12+)                       | it concerns the family, themselves or a parent — not a sibling   |
//!
//! A response to an item (an own view) is shown only when the item it answers is shown too.
use super::{
    db::Db,
    policy::{CaseGrant, Viewer},
    time, StoreError,
};
use crate::domain::PersonId;
use crate::{
    domain::{access_rule, age_on},
    on_db,
};
use chrono::NaiveDate;
use std::collections::HashSet;
use uuid::Uuid;

/// How central an item is. A parent without parental authority gets the important
/// information only (domain.md §3): where the process is, who is involved and how to reach
/// them, decisions, their own rights.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tier {
    Essential,
    Full,
}

/// One dossier item as the visibility rule sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Item {
    pub id: Uuid,
    /// The person it is about; `None` for the family as a whole.
    pub concerns: Option<PersonId>,
    /// The family member who wrote it (their own view, their own action); `None` when a
    /// professional or an informant did.
    pub author: Option<PersonId>,
    pub tier: Tier,
}

impl Item {
    /// A statement of a report (or a response to one). Decisions are essential; everything
    /// else in a report belongs to the full dossier.
    pub fn statement(
        id: Uuid,
        kind: &str,
        concerns: Option<PersonId>,
        source_person: Option<PersonId>,
    ) -> Item {
        let own_view = matches!(kind, "visie_ouder" | "visie_kind");
        Item {
            id,
            concerns,
            author: source_person.filter(|_| own_view),
            tier: if kind == "besluit" {
                Tier::Essential
            } else {
                Tier::Full
            },
        }
    }

    /// A report as a whole: essential when it is a court decision or contains a decision.
    pub fn report(id: Uuid, kind: &str, has_decision: bool) -> Item {
        Item {
            id,
            concerns: None,
            author: None,
            tier: if kind == "beschikking" || has_decision {
                Tier::Essential
            } else {
                Tier::Full
            },
        }
    }

    /// Someone asked about the family for a report.
    pub fn informant(id: Uuid, concerns: Option<PersonId>) -> Item {
        Item {
            id,
            concerns,
            author: None,
            tier: Tier::Full,
        }
    }

    /// A family member's address, phone number or e-mail address. It is theirs, as their own
    /// words are: they always see it (unless it is hidden from them), a sibling or a parent
    /// without the 16+ consent does not, and a parent without authority only when the whole
    /// dossier was opened for him.
    pub fn contact_detail(id: Uuid, person: PersonId) -> Item {
        Item {
            id,
            concerns: Some(person),
            author: Some(person),
            tier: Tier::Full,
        }
    }

    /// Something about the case that every reader of it may know (a professional's
    /// involvement, the phase): only shielding can hide it.
    pub fn essential(id: Uuid) -> Item {
        Item {
            id,
            concerns: None,
            author: None,
            tier: Tier::Essential,
        }
    }
}

#[derive(Clone, Debug, Default)]
pub struct Visibility {
    /// The family member whose view this is; `None` for a professional (sees everything).
    reader: Option<PersonId>,
    /// Items shielded from the reader in this case.
    shielded: HashSet<Uuid>,
    /// People whose part the reader may not see (a 16+ child without consent, a sibling).
    others: HashSet<PersonId>,
    /// A parent without authority whose dossier no professional opened further.
    essential_only: bool,
}

/// One row per member of the family: (person, is a child, birth date, this reader has the
/// child's consent, this reader was given the whole dossier).
type MemberRow = (PersonId, bool, Option<NaiveDate>, bool, bool);

impl Visibility {
    /// Looks up what the grant's viewer may see (two small queries for a family member,
    /// none for a professional).
    pub async fn of(db: &Db, grant: &CaseGrant) -> Result<Visibility, StoreError> {
        let Some(reader) = grant.viewer.member() else {
            return Ok(Visibility::default());
        };
        let shielded: Vec<(Uuid,)> = on_db!(db, p => sqlx::query_as(
            "SELECT item_id FROM shieldings WHERE case_id = $1 AND hidden_from_person_id = $2")
            .bind(grant.case_id).bind(reader).fetch_all(p).await)?;
        let members: Vec<MemberRow> = on_db!(db, p => sqlx::query_as(
            "SELECT fm.person_id, fm.relation = 'child', pe.birth_date, \
               EXISTS (SELECT 1 FROM consents co WHERE co.child_person_id = fm.person_id \
                 AND co.parent_person_id = $2 AND co.withdrawn_at IS NULL), \
               EXISTS (SELECT 1 FROM full_information_grants g WHERE g.case_id = $3 \
                 AND g.person_id = $2 AND g.ended_at IS NULL) \
             FROM family_members fm JOIN people pe ON pe.id = fm.person_id WHERE fm.family_id = $1")
            .bind(grant.family_id).bind(reader).bind(grant.case_id).fetch_all(p).await)?;
        Ok(Self::from_members(
            grant.viewer,
            reader,
            shielded.into_iter().map(|r| r.0).collect(),
            &members,
            time::today(),
        ))
    }

    /// The rule itself, from what [`Visibility::of`] read (kept apart so it is unit-tested).
    fn from_members(
        viewer: Viewer,
        reader: PersonId,
        shielded: HashSet<Uuid>,
        members: &[MemberRow],
        today: NaiveDate,
    ) -> Visibility {
        let mut others = HashSet::new();
        let mut essential_only = false;
        for &(person, is_child, birth, consent, whole) in members {
            if person == reader {
                if let Viewer::Parent { has_authority, .. } = viewer {
                    essential_only = !has_authority && !whole;
                }
                continue;
            }
            let hidden = match viewer {
                // A parent reads a child's part, from 16 only with that child's consent.
                Viewer::Parent { .. } => {
                    is_child
                        && birth.is_some_and(|b| {
                            access_rule(age_on(b, today)).parent_needs_child_consent
                        })
                        && !consent
                }
                // What concerns only a sibling is that sibling's.
                Viewer::Child { .. } => is_child,
                Viewer::Professional => false,
            };
            if hidden {
                others.insert(person);
            }
        }
        Visibility {
            reader: Some(reader),
            shielded,
            others,
            essential_only,
        }
    }

    /// May the reader see this item?
    pub fn shows(&self, item: &Item) -> bool {
        let Some(reader) = self.reader else {
            return true;
        };
        if self.shielded.contains(&item.id) {
            return false;
        }
        if item.author == Some(reader) || item.concerns == Some(reader) {
            return item.tier == Tier::Essential
                || !self.essential_only
                || item.author == Some(reader);
        }
        if self.essential_only && item.tier == Tier::Full {
            return false;
        }
        // Someone's own words concern them, whatever they are about.
        let about = item.author.or(item.concerns);
        about.is_none_or(|p| !self.others.contains(&p))
    }

    /// The reader is a family member (or their confidant), not a professional.
    pub fn is_family(&self) -> bool {
        self.reader.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    /// A family member (1–5).
    fn pid(n: u128) -> PersonId {
        PersonId(id(n))
    }

    const TODAY: (i32, u32, u32) = (2026, 6, 1);

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(TODAY.0, TODAY.1, TODAY.2).unwrap()
    }

    fn born(years: i32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(TODAY.0 - years, 1, 1)
    }

    // mother 1 (authority), father 2 (no authority), children 13 (id 3), 17 (id 4, consent to 1 only), 8 (id 5)
    fn family(reader: PersonId, consent: bool, whole: bool) -> Vec<MemberRow> {
        vec![
            (pid(1), false, born(40), false, false),
            (pid(2), false, born(42), false, whole && reader == pid(2)),
            (pid(3), true, born(13), false, false),
            (pid(4), true, born(17), consent, false),
            (pid(5), true, born(8), false, false),
        ]
    }

    fn full(n: u128, concerns: Option<u128>, author: Option<u128>) -> Item {
        Item {
            id: id(100 + n),
            concerns: concerns.map(pid),
            author: author.map(pid),
            tier: Tier::Full,
        }
    }

    #[test]
    fn parent_needs_a_16_plus_childs_consent_also_for_their_own_words() {
        let mother = Viewer::Parent {
            person_id: pid(1),
            has_authority: true,
        };
        let with = Visibility::from_members(
            mother,
            pid(1),
            HashSet::new(),
            &family(pid(1), true, false),
            today(),
        );
        let without = Visibility::from_members(
            mother,
            pid(1),
            HashSet::new(),
            &family(pid(1), false, false),
            today(),
        );
        for v in [&with, &without] {
            assert!(v.shows(&full(1, None, None)));
            assert!(
                v.shows(&full(2, Some(3), None)),
                "13-year-old: parent reads"
            );
        }
        assert!(with.shows(&full(3, Some(4), None)));
        assert!(!without.shows(&full(3, Some(4), None)));
        // Lisa's own view about a family statement: hers, so consent applies.
        assert!(!without.shows(&full(4, None, Some(4))));
        assert!(with.shows(&full(4, None, Some(4))));
    }

    #[test]
    fn parent_without_authority_reads_essentials_unless_opened() {
        let father = Viewer::Parent {
            person_id: pid(2),
            has_authority: false,
        };
        let closed = Visibility::from_members(
            father,
            pid(2),
            HashSet::new(),
            &family(pid(2), false, false),
            today(),
        );
        assert!(!closed.shows(&full(1, None, None)));
        assert!(closed.shows(&Item::essential(id(9))));
        assert!(closed.shows(&Item::statement(id(10), "besluit", None, None)));
        assert!(!closed.shows(&Item::statement(id(11), "feit_waarneming", None, None)));
        // His own words are his.
        assert!(closed.shows(&full(5, None, Some(2))));
        let opened = Visibility::from_members(
            father,
            pid(2),
            HashSet::new(),
            &family(pid(2), false, true),
            today(),
        );
        assert!(opened.shows(&full(1, None, None)));
        assert!(
            !opened.shows(&full(3, Some(4), None)),
            "16+ rule still holds"
        );
    }

    #[test]
    fn young_people_do_not_read_their_siblings_part() {
        let noor = Viewer::Child {
            person_id: pid(3),
            age: 13,
        };
        let v = Visibility::from_members(
            noor,
            pid(3),
            HashSet::new(),
            &family(pid(3), false, false),
            today(),
        );
        assert!(v.shows(&full(1, None, None)));
        assert!(v.shows(&full(2, Some(3), None)));
        assert!(v.shows(&full(3, Some(1), None)), "about a parent");
        assert!(!v.shows(&full(4, Some(4), None)));
        assert!(!v.shows(&full(5, Some(5), None)), "about the 8-year-old");
        assert!(!v.shows(&full(6, None, Some(4))), "a sibling's own words");
    }

    #[test]
    fn a_contact_detail_is_its_owners() {
        let detail = |owner: u128| Item::contact_detail(id(200 + owner), pid(owner));
        let reader = |viewer: Viewer, me: u128, consent: bool, whole: bool| {
            Visibility::from_members(
                viewer,
                pid(me),
                HashSet::new(),
                &family(pid(me), consent, whole),
                today(),
            )
        };
        let mother = Viewer::Parent {
            person_id: pid(1),
            has_authority: true,
        };
        let father = Viewer::Parent {
            person_id: pid(2),
            has_authority: false,
        };
        let noor = Viewer::Child {
            person_id: pid(3),
            age: 13,
        };
        let m = reader(mother, 1, false, false);
        assert!(m.shows(&detail(1)) && m.shows(&detail(2)) && m.shows(&detail(5)));
        assert!(!m.shows(&detail(4)), "17, no consent");
        let closed = reader(father, 2, false, false);
        assert!(closed.shows(&detail(2)), "his own");
        assert!(!closed.shows(&detail(1)) && !closed.shows(&detail(5)));
        let opened = reader(father, 2, false, true);
        assert!(opened.shows(&detail(1)) && opened.shows(&detail(5)));
        let n = reader(noor, 3, false, false);
        assert!(n.shows(&detail(3)) && n.shows(&detail(1)));
        assert!(!n.shows(&detail(5)), "a sibling's");
        let hidden = Visibility::from_members(
            mother,
            pid(1),
            [id(202)].into(),
            &family(pid(1), false, false),
            today(),
        );
        assert!(!hidden.shows(&detail(2)));
    }

    #[test]
    fn shielding_wins_and_professionals_see_everything() {
        let mother = Viewer::Parent {
            person_id: pid(1),
            has_authority: true,
        };
        let shielded: HashSet<Uuid> = [id(101)].into();
        let v = Visibility::from_members(
            mother,
            pid(1),
            shielded,
            &family(pid(1), true, false),
            today(),
        );
        assert!(!v.shows(&full(1, None, None)));
        assert!(!v.shows(&full(1, Some(1), Some(1))));
        let pro = Visibility::default();
        assert!(pro.shows(&full(1, Some(4), Some(4))));
        assert!(!pro.is_family());
    }
}
