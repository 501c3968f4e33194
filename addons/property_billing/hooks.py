def post_init_hook(env):
    """Companies whose chart of accounts was loaded before this module get the
    payment journals now (later ones get them with their chart)."""
    env["res.company"].search([])._property_setup_accounting()
