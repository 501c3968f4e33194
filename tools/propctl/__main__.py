import logging
import os
import sys

import click


def run():
    """Run the CLI; an unexpected error is one line, not a traceback (PROPCTL_DEBUG=1
    shows it)."""
    from .cli import main

    try:
        main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(1)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except Exception as exc:
        if os.environ.get("PROPCTL_DEBUG"):
            raise
        logging.getLogger("propctl").debug("unexpected error", exc_info=True)
        click.echo(f"Error: {exc}", err=True)
        sys.exit(1)


if __name__ == "__main__":
    run()
