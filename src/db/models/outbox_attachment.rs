//! `outbox_attachments`: files attached to a mail, frozen at enqueue.

use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::outbox_attachments;
use crate::domain::ids::{OutboxAttachmentId, OutboxMessageId};

/// One attached file.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = outbox_attachments)]
pub struct OutboxAttachment {
    /// Id.
    pub id: OutboxAttachmentId,
    /// The mail.
    pub outbox_id: OutboxMessageId,
    /// File name shown to the recipient.
    pub name: String,
    /// MIME type.
    pub content_type: String,
    /// The bytes.
    pub data: Vec<u8>,
}

impl OutboxAttachment {
    /// Stores an attachment.
    pub fn create(conn: &mut DbConnection, row: &OutboxAttachment) -> QueryResult<()> {
        diesel::insert_into(outbox_attachments::table)
            .values(row)
            .execute(conn)
            .map(|_| ())
    }

    /// The attachments of a mail, in the order they were added.
    pub fn list_for(
        conn: &mut DbConnection,
        outbox_id: &OutboxMessageId,
    ) -> QueryResult<Vec<OutboxAttachment>> {
        outbox_attachments::table
            .filter(outbox_attachments::outbox_id.eq(outbox_id))
            .order(outbox_attachments::id)
            .select(OutboxAttachment::as_select())
            .load(conn)
    }
}
