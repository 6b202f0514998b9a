//! How people's roles read in plain words.
use crate::i18n::Msg;

/// A professional's role on a case (`involvements.role`), in plain words.
pub fn role_name(role: &str) -> Msg {
    match role {
        "jeugdbeschermer" => Msg::RoleJeugdbeschermer,
        "raadsonderzoeker" => Msg::RoleRaadsonderzoeker,
        "gedragsdeskundige" => Msg::RoleGedragsdeskundige,
        "vt_medewerker" => Msg::RoleVtMedewerker,
        "wijkteam" => Msg::RoleWijkteam,
        "advocaat" => Msg::RoleAdvocaat,
        "vertrouwenspersoon" => Msg::RoleVertrouwenspersoon,
        _ => Msg::RoleBijzondereCurator,
    }
}
