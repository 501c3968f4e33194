def post_init_hook(env):
    """Companies whose chart of accounts was loaded before this module get the
    reconciliation model by payment reference now (later ones get it with their chart)."""
    env["res.company"].search([])._property_create_reconcile_model()
