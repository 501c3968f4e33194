def post_init_hook(env):
    """Companies whose chart of accounts was loaded before this module get the
    payment journals now (later ones get them with their chart); every company takes
    payments by wire transfer (later ones from their creation)."""
    companies = env["res.company"].search([])
    companies._property_setup_accounting()
    companies._property_setup_wire_transfer()
