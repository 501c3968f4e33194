"""propctl: the command-line tool of the property-management ERP (see cli.py)."""
