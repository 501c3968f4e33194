"""The activities the daily flag jobs give engineering (overdue orders, statutory
inspections and maintenance contracts coming to their end): one open activity of a
kind per record, made in one batch."""


def open_flags(records, activity_type):
    """The records of `records` that already have an open activity of `activity_type`
    (an activity is deleted when it is done: those that exist are open)."""
    if not records:
        return records
    activities = (
        records.env["mail.activity"]
        .sudo()
        .search_fetch(
            [
                ("res_model", "=", records._name),
                ("res_id", "in", records.ids),
                ("activity_type_id", "=", activity_type.id),
            ],
            ["res_id"],
        )
    )
    return records.browse(set(activities.mapped("res_id")))


def create_flags(env, vals_list):
    """Create the activities of `vals_list` at once; they show in each person's
    activities, without an e-mail per activity."""
    if vals_list:
        env["mail.activity"].sudo().with_context(mail_activity_quick_update=True).create(vals_list)
