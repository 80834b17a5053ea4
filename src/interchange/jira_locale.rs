//! Jira exports in the user's language: Jira names the CSV's columns, its month abbreviations
//! and its stock issue types, statuses and resolutions in the language of the user who
//! exports. This module is the one table of those words (English, German, French, Spanish,
//! Portuguese, Russian, Japanese); `jira.rs` finds columns through it, `cells.rs` reads dates
//! through it, and `config::import` adds its values to the default mappings.
//!
//! A language not here is refused with [`SWITCH_TO_ENGLISH`], which names the Jira setting.

use crate::domain::{Kind, Status};

/// What to do with an export in a language flowdeck does not read.
pub const SWITCH_TO_ENGLISH: &str = "flowdeck reads Jira exports in English, German, French, Spanish, Portuguese, \
     Russian and Japanese; for another language switch Jira to English before exporting (in Jira: your avatar → \
     Profile → Personal settings → Language → English), then export again";

/// The issue key column's name in each language: specific enough to tell a Jira export by.
pub const KEY_NAMES: &[&str] = &[
    "Issue key",
    "Schlüssel",
    "Vorgangsschlüssel",
    "Clé de ticket",
    "Clé de la demande",
    "Clave de incidencia",
    "Chave da item",
    "Chave do item",
    "Chave do ticket",
    "Ключ проблемы",
    "Ключ задачи",
    "課題キー",
];
/// Every name the key column is found under: the names above, then the short `Key` some
/// filtered exports use.
pub const KEY: &[&str] = &[
    "Issue key",
    "Schlüssel",
    "Vorgangsschlüssel",
    "Clé de ticket",
    "Clé de la demande",
    "Clave de incidencia",
    "Chave da item",
    "Chave do item",
    "Chave do ticket",
    "Ключ проблемы",
    "Ключ задачи",
    "課題キー",
    "Key",
];
pub const SUMMARY: &[&str] = &["Summary", "Title", "Zusammenfassung", "Résumé", "Resumen", "Resumo", "Тема", "要約"];
pub const TYPE: &[&str] = &[
    "Issue Type",
    "Type",
    "Vorgangstyp",
    "Type de ticket",
    "Type de demande",
    "Tipo de incidencia",
    "Tipo de item",
    "Tipo de ticket",
    "Тип задачи",
    "Тип проблемы",
    "課題タイプ",
];
pub const STATUS: &[&str] = &["Status", "État", "Statut", "Estado", "Статус", "ステータス"];
pub const STATUS_CATEGORY: &[&str] = &[
    "Status Category",
    "Statuskategorie",
    "Catégorie d'état",
    "Catégorie de statut",
    "Categoría de estado",
    "Categoria de status",
    "Категория статуса",
    "ステータスカテゴリ",
];
pub const RESOLUTION: &[&str] =
    &["Resolution", "Lösung", "Résolution", "Resolución", "Resolução", "Решение", "解決状況"];
pub const PRIORITY: &[&str] = &["Priority", "Priorität", "Priorité", "Prioridad", "Prioridade", "Приоритет", "優先度"];
/// Who the issue is assigned to (a display name).
pub const ASSIGNEE: &[&str] =
    &["Assignee", "Bearbeiter", "Zugewiesene Person", "Responsable", "Responsável", "Исполнитель", "担当者"];

pub const CREATED: &[&str] =
    &["Created", "Erstellt", "Création", "Créé", "Creada", "Creado", "Criado", "Создано", "作成日"];
/// Repeated once per label, like the English `Labels`.
pub const LABELS: &[&str] = &["Labels", "Stichwörter", "Étiquettes", "Etiquetas", "Rótulos", "Метки", "ラベル"];

/// The story-point fields, tried in this order; the first non-empty cell counts (company-managed
/// projects use the first, team-managed ones the second, and some exports drop the wrapper).
const ESTIMATE_FIELDS: &[&str] = &["Story Points", "Story point estimate"];
/// How each language wraps a custom field's name: `Custom field (Story Points)`.
const CUSTOM_FIELD: &[&str] = &[
    "Custom field",
    "Benutzerdefiniertes Feld",
    "Champ personnalisé",
    "Campo personalizado",
    "Пользовательское поле",
    "カスタムフィールド",
];

/// Every column name a story-point estimate comes under, in the order they are tried.
pub fn estimate_names() -> Vec<String> {
    let mut names = Vec::new();
    for field in ESTIMATE_FIELDS {
        for wrapper in CUSTOM_FIELD {
            names.push(format!("{wrapper} ({field})"));
        }
    }
    names.extend(ESTIMATE_FIELDS.iter().map(|f| f.to_string()));
    names
}

/// True when `name` (any case) is the issue key column in some language.
pub fn is_key_header(name: &str) -> bool {
    let name = name.trim().to_lowercase();
    KEY_NAMES.iter().any(|k| k.to_lowercase() == name)
}

/// Month abbreviations as Jira writes them in dates (`21/июл/26`), with the English ones
/// chrono reads. Compared lower-case, without a trailing dot.
const MONTHS: &[(&str, &str)] = &[
    // German
    ("jan", "Jan"),
    ("feb", "Feb"),
    ("mär", "Mar"),
    ("mrz", "Mar"),
    ("apr", "Apr"),
    ("mai", "May"),
    ("jun", "Jun"),
    ("jul", "Jul"),
    ("aug", "Aug"),
    ("sep", "Sep"),
    ("okt", "Oct"),
    ("nov", "Nov"),
    ("dez", "Dec"),
    // French
    ("janv", "Jan"),
    ("févr", "Feb"),
    ("fév", "Feb"),
    ("mars", "Mar"),
    ("avr", "Apr"),
    ("juin", "Jun"),
    ("juil", "Jul"),
    ("août", "Aug"),
    ("sept", "Sep"),
    ("oct", "Oct"),
    ("déc", "Dec"),
    // Spanish
    ("ene", "Jan"),
    ("mar", "Mar"),
    ("abr", "Apr"),
    ("may", "May"),
    ("ago", "Aug"),
    ("dic", "Dec"),
    // Portuguese
    ("fev", "Feb"),
    ("set", "Sep"),
    ("out", "Oct"),
    // Russian (May is "мая" in a date, "май" on its own)
    ("янв", "Jan"),
    ("фев", "Feb"),
    ("мар", "Mar"),
    ("апр", "Apr"),
    ("май", "May"),
    ("мая", "May"),
    ("июн", "Jun"),
    ("июл", "Jul"),
    ("авг", "Aug"),
    ("сен", "Sep"),
    ("окт", "Oct"),
    ("ноя", "Nov"),
    ("дек", "Dec"),
];

const ENGLISH_MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// Morning and afternoon as some languages write them after the time.
const MERIDIEMS: &[(&str, &str)] = &[
    ("午前", "AM"),
    ("午後", "PM"),
    ("a. m.", "AM"),
    ("p. m.", "PM"),
    ("a.m.", "AM"),
    ("p.m.", "PM"),
    ("ДП", "AM"),
    ("ПП", "PM"),
];

/// The English month for a localised abbreviation (`июл`, `Mär`, `juil.`, `7月`).
fn english_month(word: &str) -> Option<&'static str> {
    let lower = word.trim().trim_end_matches('.').to_lowercase();
    if let Some(number) = lower.strip_suffix('月') {
        let n: usize = number.trim().parse().ok()?;
        return ENGLISH_MONTHS.get(n.checked_sub(1)?).copied();
    }
    MONTHS.iter().find(|(local, _)| *local == lower).map(|(_, english)| *english)
}

/// A Jira date with a localised month (and morning/afternoon marker) rewritten in English —
/// `21/июл/26 10:15 AM` → `21/Jul/26 10:15 AM` — or `None` when there is nothing to rewrite.
pub fn english_date(text: &str) -> Option<String> {
    let mut parts: Vec<&str> = text.trim().splitn(3, '/').collect();
    if parts.len() != 3 {
        return None;
    }
    let month = english_month(parts[1])?;
    parts[1] = month;
    let mut out = parts.join("/");
    for (local, english) in MERIDIEMS {
        if out.contains(local) {
            out = out.replace(local, english);
        }
    }
    Some(out)
}

/// Stock issue types in the other languages (the English ones are in `config::import`).
pub const KINDS: &[(&str, Kind)] = &[
    ("Fehler", Kind::Defect),
    ("Ошибка", Kind::Defect),
    ("Баг", Kind::Defect),
    ("Bogue", Kind::Defect),
    ("Error", Kind::Defect),
    ("Erro", Kind::Defect),
    ("バグ", Kind::Defect),
    ("История", Kind::Feature),
    ("Historia", Kind::Feature),
    ("História", Kind::Feature),
    ("Histoire", Kind::Feature),
    ("ストーリー", Kind::Feature),
    ("Задача", Kind::Feature),
    ("Подзадача", Kind::Feature),
    ("Aufgabe", Kind::Feature),
    ("Unteraufgabe", Kind::Feature),
    ("Tâche", Kind::Feature),
    ("Sous-tâche", Kind::Feature),
    ("Tarea", Kind::Feature),
    ("Subtarea", Kind::Feature),
    ("Tarefa", Kind::Feature),
    ("Subtarefa", Kind::Feature),
    ("タスク", Kind::Feature),
    ("サブタスク", Kind::Feature),
    ("Эпик", Kind::Feature),
    ("エピック", Kind::Feature),
    ("Verbesserung", Kind::Feature),
    ("Улучшение", Kind::Feature),
    ("Neue Funktion", Kind::Feature),
    ("Новая функция", Kind::Feature),
    ("Technische Schuld", Kind::Debt),
    ("Технический долг", Kind::Debt),
    ("Sicherheit", Kind::Risk),
    ("Риск", Kind::Risk),
    ("Risiko", Kind::Risk),
];

/// Stock statuses in the other languages: the finished and the abandoned ones (any other
/// status follows its category).
pub const STATUSES: &[(&str, Status)] = &[
    ("Fertig", Status::Done),
    ("Erledigt", Status::Done),
    ("Geschlossen", Status::Done),
    ("Terminé", Status::Done),
    ("Terminée", Status::Done),
    ("Fermé", Status::Done),
    ("Finalizado", Status::Done),
    ("Listo", Status::Done),
    ("Hecho", Status::Done),
    ("Cerrado", Status::Done),
    ("Concluído", Status::Done),
    ("Fechado", Status::Done),
    ("Готово", Status::Done),
    ("Закрыт", Status::Done),
    ("Закрыто", Status::Done),
    ("Решено", Status::Done),
    ("完了", Status::Done),
    ("クローズ", Status::Done),
    ("Abgebrochen", Status::Dropped),
    ("Annulé", Status::Dropped),
    ("Cancelado", Status::Dropped),
    ("Отменено", Status::Dropped),
];

/// Stock resolutions in the other languages.
pub const RESOLUTIONS: &[(&str, Status)] = &[
    ("Fertig", Status::Done),
    ("Erledigt", Status::Done),
    ("Behoben", Status::Done),
    ("Wird nicht erledigt", Status::Dropped),
    ("Wird nicht behoben", Status::Dropped),
    ("Duplikat", Status::Dropped),
    ("Nicht reproduzierbar", Status::Dropped),
    ("Terminé", Status::Done),
    ("Corrigé", Status::Done),
    ("Ne sera pas fait", Status::Dropped),
    ("Ne sera pas corrigé", Status::Dropped),
    ("Doublon", Status::Dropped),
    ("Finalizado", Status::Done),
    ("Hecho", Status::Done),
    ("Listo", Status::Done),
    ("Corregido", Status::Done),
    ("No se hará", Status::Dropped),
    ("Duplicado", Status::Dropped),
    ("Concluído", Status::Done),
    ("Corrigido", Status::Done),
    ("Não será feito", Status::Dropped),
    ("Готово", Status::Done),
    ("Исправлено", Status::Done),
    ("Не будет сделано", Status::Dropped),
    ("Не будет исправлено", Status::Dropped),
    ("Дубликат", Status::Dropped),
    ("Не воспроизводится", Status::Dropped),
    ("完了", Status::Done),
    ("修正済み", Status::Done),
    ("対応しない", Status::Dropped),
    ("重複", Status::Dropped),
];

/// Stock priorities in the other languages, as the impact a new item starts with.
pub const IMPACT: &[(&str, u8)] = &[
    ("Höchste", 5),
    ("Hoch", 4),
    ("Mittel", 3),
    ("Niedrig", 2),
    ("Niedrigste", 1),
    ("Plus haute", 5),
    ("Haute", 4),
    ("Moyenne", 3),
    ("Basse", 2),
    ("Plus basse", 1),
    ("Más alta", 5),
    ("Alta", 4),
    ("Media", 3),
    ("Baja", 2),
    ("Más baja", 1),
    ("Mais alta", 5),
    ("Média", 3),
    ("Baixa", 2),
    ("Mais baixa", 1),
    ("Наивысший", 5),
    ("Высокий", 4),
    ("Средний", 3),
    ("Низкий", 2),
    ("Самый низкий", 1),
    ("最高", 5),
    ("高", 4),
    ("中", 3),
    ("低", 2),
    ("最低", 1),
];

/// "Unresolved" as Jira's UI writes it in each language (the export usually leaves it empty).
const UNRESOLVED: &[&str] = &[
    "unresolved",
    "nicht erledigt",
    "non résolu",
    "sin resolver",
    "não resolvido",
    "не решено",
    "нерешенные",
    "未解決",
];

pub fn is_unresolved(resolution: &str) -> bool {
    let r = resolution.trim().to_lowercase();
    UNRESOLVED.contains(&r.as_str())
}

/// The Done status category in each language (To Do and In Progress mean backlog alike).
const DONE_CATEGORIES: &[&str] =
    &["done", "complete", "fertig", "terminé", "listo", "hecho", "concluído", "itens concluídos", "готово", "完了"];

pub fn is_done_category(category: &str) -> bool {
    let c = category.trim().to_lowercase();
    DONE_CATEGORIES.contains(&c.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn localised_months_become_english() {
        assert_eq!(english_date("21/июл/26 10:15 AM").as_deref(), Some("21/Jul/26 10:15 AM"));
        assert_eq!(english_date("03/Mär/26 14:05").as_deref(), Some("03/Mar/26 14:05"));
        assert_eq!(english_date("03/juil./26 14:05").as_deref(), Some("03/Jul/26 14:05"));
        assert_eq!(english_date("03/7月/26 10:15 午後").as_deref(), Some("03/Jul/26 10:15 PM"));
        assert_eq!(english_date("03/мая/26").as_deref(), Some("03/May/26"));
        assert_eq!(english_date("2026-07-03"), None);
        assert_eq!(english_date("03/xyz/26"), None);
    }

    #[test]
    fn every_month_of_every_language_is_a_month() {
        for (local, english) in MONTHS {
            assert!(ENGLISH_MONTHS.contains(english), "{local}");
        }
        for n in 1..=12 {
            assert_eq!(english_month(&format!("{n}月")), Some(ENGLISH_MONTHS[n - 1]));
        }
        assert_eq!(english_month("13月"), None);
    }

    #[test]
    fn key_headers_are_known_in_each_language_but_plain_key_is_not_jira() {
        for name in ["Issue key", "ключ проблемы", "Vorgangsschlüssel", "Clé de ticket", "課題キー"] {
            assert!(is_key_header(name), "{name}");
        }
        assert!(!is_key_header("key"));
        assert!(KEY_NAMES.iter().all(|k| KEY.contains(k)));
    }

    #[test]
    fn localised_estimate_fields_are_tried_company_managed_first() {
        let names = estimate_names();
        assert_eq!(names[0], "Custom field (Story Points)");
        assert!(names.contains(&"Benutzerdefiniertes Feld (Story Points)".to_string()));
        assert_eq!(names.last().map(String::as_str), Some("Story point estimate"));
    }
}
