//! Demo dietary tags on the menus and the demo elders' standing dietary needs. Dishes are
//! tagged by name, so every published day (old and new) is tagged on every start.

use crate::{
    db::{Db, meals},
    error::Result,
};

/// What each demo dish suits, by its Chinese name. Every day's lunch and dinner has some
/// tagged dishes; the one halal dish is the beef from the canteen's halal window.
const DISH_TAGS: [(&str, &[&str]); 40] = [
    ("清蒸鲈鱼", &["soft", "low_salt", "low_fat"]),
    ("西兰花炒胡萝卜", &["low_sugar", "low_fat", "vegetarian"]),
    ("冬瓜排骨汤", &["low_salt"]),
    ("红烧鸡腿（去骨）", &["soft"]),
    (
        "清炒小白菜",
        &["low_salt", "low_sugar", "low_fat", "vegetarian"],
    ),
    ("番茄蛋汤", &["soft", "low_fat"]),
    ("土豆炖牛肉", &["soft", "halal"]),
    ("蒜蓉菠菜", &["low_sugar", "low_fat", "vegetarian"]),
    ("紫菜虾皮汤", &["low_fat"]),
    ("肉末蒸蛋", &["soft", "low_salt"]),
    (
        "清炒西葫芦",
        &["low_salt", "low_sugar", "low_fat", "vegetarian"],
    ),
    ("山药小米粥", &["soft", "low_sugar", "vegetarian"]),
    ("馒头", &["vegetarian"]),
    ("香菇滑鸡", &["soft"]),
    (
        "白灼生菜",
        &["low_salt", "low_sugar", "low_fat", "vegetarian"],
    ),
    ("豆腐青菜汤", &["soft", "low_fat", "vegetarian"]),
    ("红烧豆腐", &["soft", "vegetarian"]),
    ("木耳炒山药", &["low_fat", "vegetarian"]),
    ("萝卜丝汤", &["low_salt", "low_fat", "vegetarian"]),
    ("杂粮饭", &["low_sugar", "vegetarian"]),
    ("清炖狮子头", &["soft", "low_salt"]),
    ("炒三丝", &["low_fat"]),
    ("鲫鱼豆腐汤", &["soft", "low_fat"]),
    ("南瓜小米粥", &["soft", "vegetarian"]),
    ("肉末茄子", &["soft"]),
    ("花卷", &["vegetarian"]),
    ("青菜肉丝面", &["soft"]),
    (
        "凉拌黄瓜（少盐）",
        &["low_salt", "low_sugar", "low_fat", "vegetarian"],
    ),
    ("皮蛋瘦肉粥", &["soft"]),
    (
        "清炒芥兰",
        &["low_salt", "low_sugar", "low_fat", "vegetarian"],
    ),
    ("豆沙包", &["vegetarian"]),
    ("紫菜蛋花汤", &["low_fat"]),
    ("鸡蛋西红柿面", &["soft", "vegetarian"]),
    ("蒸南瓜", &["soft", "low_fat", "vegetarian"]),
    ("八宝粥", &["soft", "vegetarian"]),
    ("香煎豆腐", &["vegetarian"]),
    ("蒸红薯", &["soft", "low_fat", "vegetarian"]),
    ("馄饨", &["soft"]),
    (
        "清炒豆芽",
        &["low_salt", "low_sugar", "low_fat", "vegetarian"],
    ),
    ("葱油饼", &["vegetarian"]),
];

/// Standing needs of the demo elders, by card number, from their care assessments.
const NEEDS: [(&str, &[&str]); 5] = [
    ("10000001", &["soft", "low_salt"]), // 王秀英, 86, lives alone: dentures, blood pressure
    ("10000002", &["low_sugar"]),        // 李建国: diabetes
    ("10000003", &["soft"]),             // 张桂兰, 95
    ("10000004", &["low_fat"]),          // 陈志明: cholesterol
    ("10000005", &["vegetarian"]),       // 刘淑芬
];

pub async fn apply(db: &Db) -> Result<()> {
    for (name, tags) in DISH_TAGS {
        meals::tag_dishes(db, name, tags).await?;
    }
    for (card, tags) in NEEDS {
        let person: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM people p WHERE card_number = ?
               AND NOT EXISTS (SELECT 1 FROM diet_needs d WHERE d.person_id = p.id)",
        )
        .bind(card)
        .fetch_optional(db)
        .await?;
        // An elder whose needs are already recorded keeps them as they are.
        let Some(person) = person else { continue };
        for tag in tags {
            sqlx::query("INSERT INTO diet_needs (person_id, tag) VALUES (?, ?)")
                .bind(person)
                .bind(tag)
                .execute(db)
                .await?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_tagged_dish_is_on_a_menu_and_every_meal_has_tagged_dishes() {
        let menus: Vec<&[(&str, &str)]> = super::super::LUNCHES
            .into_iter()
            .chain(super::super::DINNERS)
            .collect();
        for (name, tags) in DISH_TAGS {
            assert!(
                menus.iter().any(|m| m.iter().any(|(zh, _)| *zh == name)),
                "{name} is on no menu"
            );
            assert!(!tags.is_empty(), "{name} has tags");
        }
        for menu in menus {
            assert!(
                menu.iter()
                    .any(|(zh, _)| DISH_TAGS.iter().any(|(n, _)| n == zh)),
                "{menu:?} has a tagged dish"
            );
        }
    }
}
