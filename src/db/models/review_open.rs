//! "The review is open" as fixed SQL: `state IN ('allocated', 'started')` with the states
//! written into the statement instead of bound. Both databases then keep one prepared
//! statement for every query that uses it, and a planner that does not look at bound values
//! (PostgreSQL's generic plans, SQLite with its stability guarantee) can still use the partial
//! index `reviews_open` (co-trainer, deadline) over open reviews only.

use diesel::backend::Backend;
use diesel::expression::{
    AppearsOnTable, Expression, SelectableExpression, ValidGrouping, is_aggregate,
};
use diesel::query_builder::{AstPass, QueryFragment, QueryId};
use diesel::result::QueryResult;
use diesel::sql_types::Bool;

macro_rules! open_condition {
    ($(#[$doc:meta])* $name:ident, $sql:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, QueryId)]
        pub struct $name;

        impl $name {
            /// The SQL it writes.
            pub const SQL: &'static str = $sql;
        }

        impl Expression for $name {
            type SqlType = Bool;
        }

        // Only used on queries over `reviews` (or its alias `page`), which is what the fixed
        // table name in the SQL needs.
        impl<QS> AppearsOnTable<QS> for $name {}
        impl<QS> SelectableExpression<QS> for $name {}

        impl<GB> ValidGrouping<GB> for $name {
            type IsAggregate = is_aggregate::Never;
        }

        impl<DB: Backend> QueryFragment<DB> for $name {
            fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, DB>) -> QueryResult<()> {
                out.push_sql(Self::SQL);
                Ok(())
            }
        }
    };
}

open_condition!(
    /// `reviews.state` is one of the open states.
    ReviewIsOpen,
    "\"reviews\".\"state\" IN ('allocated', 'started')"
);
open_condition!(
    /// The same for the alias `page` of `reviews` (the queue's page subquery).
    PageIsOpen,
    "\"page\".\"state\" IN ('allocated', 'started')"
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::models::review::OPEN_STATES;

    #[test]
    fn the_written_states_are_the_open_states() {
        for sql in [ReviewIsOpen::SQL, PageIsOpen::SQL] {
            let list = sql.split(" IN ").nth(1).expect("an IN list");
            let states: Vec<&str> = list
                .trim_matches(|c| c == '(' || c == ')')
                .split(", ")
                .map(|s| s.trim_matches('\''))
                .collect();
            let open: Vec<&str> = OPEN_STATES.iter().map(|s| s.as_str()).collect();
            assert_eq!(states, open);
        }
    }
}
