import { registry } from "@web/core/registry";

/**
 * The main path of each staff role, from where the role lands after logging in (its
 * position's home action). The Python tests (tests/test_tours.py) set the data up and
 * check the records after each tour.
 */
const tours = registry.category("web_tour.tours");

/** Type into a many2one and pick the suggestion holding `label`. */
function pick(field, text, label = text) {
    return [
        {
            content: `Type ${text} in ${field}`,
            trigger: `.o_field_widget[name='${field}'] input`,
            run: `edit ${text}`,
        },
        {
            content: `Choose ${label}`,
            trigger: `.o-autocomplete--dropdown-item a:contains(${label})`,
            run: "click",
        },
    ];
}

/** Open a menu of the current application's top bar, and wait for its page. */
function menu(section, item) {
    return [
        {
            content: `Open ${section}`,
            trigger: `.o_menu_sections button:contains(${section}), .o_menu_sections a:contains(${section})`,
            run: "click",
        },
        {
            content: `Choose ${item}`,
            trigger: `.dropdown-item:contains(${item})`,
            run: "click",
        },
        {
            content: `${item} shown`,
            trigger: `.o_breadcrumb .active:contains(${item})`,
        },
    ];
}

// The desk logs a phone call from the form and dispatches the request.
tours.add("property_desk_phone_request", {
    steps: () => [
        {
            content: "The desk lands on today's requests",
            trigger: ".o_breadcrumb:contains(Today's Requests)",
        },
        {
            content: "New request",
            trigger: ".o_control_panel_main_buttons .o_list_button_add",
            run: "click",
        },
        {
            content: "What the caller says",
            trigger: ".o_field_widget[name='subject'] input",
            run: "edit Tour: living-room light out",
        },
        ...pick("estate_id", "Tour Gardens"),
        ...pick("unit_id", "TG-0101"),
        ...pick("team_id", "Tour Maintenance"),
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Dispatch",
            trigger: ".o_statusbar_buttons button[name='action_dispatch']",
            run: "click",
        },
        {
            content: "Dispatched: the requester is to be informed now",
            trigger: ".o_statusbar_buttons button[name='action_reply']",
        },
    ],
});

// The technician, on a phone, takes the order over, starts and finishes the work
// from buttons in reach (the header's buttons fold into a menu on a phone).
tours.add("property_technician_phone", {
    steps: () => [
        {
            content: "The technician lands on his work orders: open the dispatched one",
            trigger:
                ".o_kanban_record:contains(Tour: tap dripping), .o_data_row:contains(Tour: tap dripping) td.o_data_cell",
            run: "click",
        },
        {
            content: "Take it over",
            trigger: "div[name='phone_steps'] button[name='action_take']",
            run: "click",
        },
        {
            content: "On site: start",
            trigger:
                "div[name='phone_steps']:not(:has(button[name='action_take'])) button[name='action_start']",
            run: "click",
        },
        {
            content: "Work done",
            trigger: "div[name='phone_steps'] button[name='action_done']",
            run: "click",
        },
        {
            content: "Done, awaiting the requester's acceptance",
            trigger: ".o_statusbar_status button:contains(Awaiting Acceptance)",
        },
    ],
});

// Finance starts the billing run of a period and leaves it running in the background.
tours.add("property_finance_start_billing_run", {
    steps: () => [
        {
            content: "Finance lands on the payment notices",
            trigger: ".o_breadcrumb:contains(Payment Notices)",
        },
        ...menu("Billing", "Billing Runs"),
        {
            content: "New billing run",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Period start",
            trigger: ".o_field_widget[name='period_start'] input",
            run: "edit 06/01/2026",
        },
        {
            content: "Period end",
            trigger: ".o_field_widget[name='period_end'] input",
            run: "edit 06/30/2026",
        },
        ...pick("estate_ids", "Tour Gardens"),
        {
            content: "One payer per chunk, to see it move",
            trigger: ".o_field_widget[name='chunk_size'] input",
            run: "edit 1",
        },
        {
            content: "Run",
            trigger: ".o_statusbar_buttons button[name='action_start']",
            run: "click",
        },
        {
            content: "Queued for the background, the request returned at once",
            trigger: ".o_field_widget[name='progress']",
        },
        ...menu("Billing", "Payment Notices"),
    ],
});

// Finance comes back: the run's progress shows in the list and on the form.
tours.add("property_finance_billing_run_progress", {
    steps: () => [
        ...menu("Billing", "Billing Runs"),
        {
            content: "The run is under way",
            trigger: ".o_data_row:contains(Running) .o_progressbar",
            run: "click",
        },
        {
            content: "Its progress and its first invoices",
            trigger: ".o_field_widget[name='progress'] .o_progressbar",
        },
        {
            trigger: "button[name='action_view_invoices']",
        },
    ],
});

// ...and once the cron is done, the result: the notices to send.
tours.add("property_finance_billing_run_done", {
    steps: () => [
        ...menu("Billing", "Billing Runs"),
        {
            content: "The run is done",
            trigger: ".o_data_row:contains(Done) td.o_data_cell",
            run: "click",
        },
        {
            content: "Its notices can be sent",
            trigger: ".o_statusbar_buttons button[name='action_send_notices']",
        },
        {
            content: "See the invoices",
            trigger: "button[name='action_view_invoices']",
            run: "click",
        },
        {
            content: "One per payer",
            trigger: ".o_data_row:contains(Tour Owner 2)",
        },
    ],
});

// The manager reads the overdue requests and escalates one.
tours.add("property_manager_overdue", {
    steps: () => [
        {
            content: "Open the filters",
            trigger: ".o_searchview_dropdown_toggler",
            run: "click",
        },
        {
            content: "Overdue now",
            trigger: ".o_filter_menu .dropdown-item:contains(Overdue Now)",
            run: "click",
        },
        {
            content: "The overdue request, with its deadline",
            trigger: ".o_data_row:contains(Tour: lift stuck) td[name='deadline_resolve']",
            run: "click",
        },
        {
            content: "Escalate",
            trigger: ".o_statusbar_buttons button[name='action_escalate']",
            run: "click",
        },
        {
            content: "Confirm",
            trigger: ".modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "Escalated",
            trigger: ".o_field_widget[name='escalation_level']",
        },
    ],
});
