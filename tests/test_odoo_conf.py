"""The Odoo configuration propctl writes as each of its processes starts. Several start
at once (a server and its cron, `propctl cron --processes 2`, a benchmark's workers):
none may read it half written, and it stays readable by its owner only (it holds the
database password)."""

import configparser
import threading

from propctl import odoo_env, settings


def test_the_configuration_is_never_read_half_written():
    path = odoo_env.write_conf()
    stop = threading.Event()

    def rewrite():
        while not stop.is_set():
            odoo_env.write_conf()

    writer = threading.Thread(target=rewrite)
    writer.start()
    ports = []
    try:
        for _ in range(3000):
            parser = configparser.ConfigParser()
            parser.read(path)
            ports.append(parser.get("options", "db_port", fallback=None))
    finally:
        stop.set()
        writer.join()
    assert set(ports) == {str(settings.db_server().port)}
    assert path.stat().st_mode & 0o777 == 0o600
    assert not list(path.parent.glob(f".{path.name}.*")), "a temporary file is left"
