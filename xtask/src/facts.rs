//! `cargo xtask facts [--show]`: groups, facts and conflicts on real news.
//!
//! Runs the three raw accounts of every event of `../shared/gold/news-dev/` in one
//! comparison (default settings; the texts carry no date) and prints, per event, the
//! groups, the groups all three accounts tell, and the facts agreed, unconfirmed and in
//! conflict, then the totals. With `--show`, every conflict's statements and sentences,
//! to be read and judged by hand (the set has no gold for facts).

use anyhow::{bail, Result};
use recoupe::facts::FactStatus;
use recoupe::{Config, Input};

use crate::train::{load_events, Origin};

pub fn run(args: &[String]) -> Result<()> {
    let show = match args {
        [] => false,
        [a] if a == "--show" => true,
        _ => bail!("usage: cargo xtask facts [--show]"),
    };
    let events: Vec<_> = load_events()?
        .into_iter()
        .filter(|e| e.origin == Origin::News && e.raw.iter().all(Option::is_some))
        .collect();
    if events.is_empty() {
        bail!("no news-dev events with raw texts under ../shared/gold/news-dev");
    }
    println!(
        "{:<16} {:>6} {:>9} {:>7} {:>11} {:>9}",
        "event", "groups", "3-account", "agreed", "unconfirmed", "conflicts"
    );
    let mut totals = [0usize; 5];
    let mut shown = Vec::new();
    for event in &events {
        let inputs: Vec<Input> = event
            .raw
            .iter()
            .flatten()
            .enumerate()
            .map(|(k, p)| {
                Ok(Input::new(
                    format!("{}", k + 1),
                    std::fs::read_to_string(p)?,
                ))
            })
            .collect::<Result<_>>()?;
        let c = recoupe::compare(&inputs, &Config::default())?;
        let count = |s: FactStatus| c.facts.iter().filter(|f| f.status == s).count();
        let row = [
            c.groups.len(),
            c.groups.iter().filter(|g| g.accounts() == 3).count(),
            count(FactStatus::Agreed),
            count(FactStatus::Unconfirmed),
            c.conflicts.len(),
        ];
        for (t, r) in totals.iter_mut().zip(row) {
            *t += r;
        }
        println!(
            "{:<16} {:>6} {:>9} {:>7} {:>11} {:>9}",
            event.name, row[0], row[1], row[2], row[3], row[4]
        );
        if show {
            for (id, k) in c.conflicts.iter().enumerate() {
                let mut block = format!(
                    "{} conflict #{id} (group {}) {} [{}]\n",
                    event.name,
                    k.group,
                    k.kind.name(),
                    k.slot
                );
                for s in &k.statements {
                    let d = &c.documents[s.doc];
                    block += &format!(
                        "  {} «{}» = {}\n      {}\n",
                        d.name,
                        s.text,
                        s.value,
                        d.segment_text(s.segment).replace('\n', " ")
                    );
                }
                shown.push(block);
            }
        }
    }
    println!(
        "{:<16} {:>6} {:>9} {:>7} {:>11} {:>9}",
        "total", totals[0], totals[1], totals[2], totals[3], totals[4]
    );
    for block in shown {
        println!("\n{block}");
    }
    Ok(())
}
