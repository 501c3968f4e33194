#!/usr/bin/env python3
"""Memory per loaded tenant in one Odoo web worker, and the first request of a tenant.

    python3 benchmarks/tenant_memory.py [--tenants 12] [--keep]

Odoo keeps one registry per database in each process that served it. This creates the
tenants bench-mem-1..N that are missing (dropped at the end unless --keep), starts one
Odoo server as production runs it (prefork, ``workers = 1``: the measured process is a
web worker like those of deploy/production, the launcher of deploy/production included;
threaded mode would measure another allocator setup and a process that also holds the
server's threads) and asks each tenant in turn for /web/login (its first request,
which loads its registry), then each again, then a user's first minute in each (log
in, the web client, the views and a page of contacts). After each tenant it reads the
worker's VmRSS and VmSize (/proc/PID/status) and prints:

- memory per tenant: the slope over tenants 2..N (the first one also imports the
  addons' Python code and builds what a process builds once, and is given apart);
- how many tenants in use fit under ``limit_memory_soft`` of deploy/production/odoo.conf,
  which Odoo compares with the worker's *virtual* size (VmSize): past it the worker is
  replaced after its request, and each tenant's next request loads it again; and how
  many registries Odoo keeps per process at most (its LRU, sized from that limit);
- the latency of a tenant's first request against a loaded one's.

Figures only: nothing is asserted.
"""

import argparse
import configparser
import os
import socket
import statistics
import subprocess
import sys
import time

import requests

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
sys.path.insert(0, os.path.join(ROOT, "tools"))
PREFIX = "bench-mem-"
LAUNCHER = os.path.join(ROOT, "deploy", "production", "odoo-web.py")
PRODUCTION_CONF = os.path.join(ROOT, "deploy", "production", "odoo.conf")
MIB = 1024 * 1024
PASSWORD = "bench-mem-Pw-1"  # the admin's of the tenants it creates


def propctl(*args):
    command = [sys.executable, os.path.join(ROOT, "propctl"), *args]
    return subprocess.run(command, capture_output=True, text=True, check=False)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def status(pid):
    """{field: kB} of VmRSS and VmSize from /proc/PID/status."""
    fields = {}
    with open(f"/proc/{pid}/status", encoding="ascii") as handle:
        for line in handle:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmSize"):
                fields[key] = int(value.split()[0]) * 1024
    return fields


def children(pid):
    path = f"/proc/{pid}/task/{pid}/children"
    with open(path, encoding="ascii") as handle:
        return [int(p) for p in handle.read().split()]


def slope(xs, ys):
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mean_x) ** 2 for x in xs
    )


def start_server(port, log, limits):
    from propctl import odoo_env

    odoo_env.load()
    conf = odoo_env.write_conf()
    command = [
        sys.executable,
        LAUNCHER,
        "-c",
        str(conf),
        f"--http-port={port}",
        "--workers=1",
        "--max-cron-threads=0",
        # production's limits: Odoo also sizes its registry LRU from the soft one
        f"--limit-memory-soft={limits['limit_memory_soft']}",
        f"--limit-memory-hard={limits['limit_memory_hard']}",
        "--log-level=warn",
    ]
    process = subprocess.Popen(
        command, stdout=log, stderr=subprocess.STDOUT, env=odoo_env.process_env(), cwd=ROOT
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            if requests.get(f"http://127.0.0.1:{port}/web/health", timeout=2).ok:
                break
        except requests.ConnectionError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            sys.exit("the Odoo server did not start")
        time.sleep(0.5)
    workers = children(process.pid)
    if len(workers) != 1:
        process.kill()
        sys.exit(f"expected one worker (and no gevent child), found {workers}")
    return process, workers[0]


def get_login(port, tenant):
    started = time.perf_counter()
    response = requests.get(
        f"http://127.0.0.1:{port}/web/login",
        headers={"Host": f"{tenant}.localhost:{port}"},
        timeout=300,
    )
    elapsed = time.perf_counter() - started
    if response.status_code != 200 or 'name="login"' not in response.text:
        raise RuntimeError(f"{tenant}: /web/login answered {response.status_code}")
    return elapsed


def use(port, tenant):
    """What a user's first minute asks of the tenant: log in, the web client, the list
    and form views of contacts and a page of them."""
    session = requests.Session()
    session.headers["Host"] = f"{tenant}.localhost:{port}"
    url = f"http://127.0.0.1:{port}"

    def rpc(path, params):
        body = {"jsonrpc": "2.0", "method": "call", "params": params, "id": 1}
        answer = session.post(url + path, json=body, timeout=300).json()
        if "error" in answer:
            raise RuntimeError(f"{tenant}: {path}: {answer['error']['message']}")
        return answer["result"]

    rpc("/web/session/authenticate", {"db": tenant, "login": "admin", "password": PASSWORD})
    session.get(url + "/odoo", timeout=300).raise_for_status()
    for method, args, kwargs in (
        ("get_views", [[[False, "list"], [False, "form"], [False, "search"]]], {}),
        ("web_search_read", [[]], {"specification": {"display_name": {}}, "limit": 80}),
    ):
        rpc(
            "/web/dataset/call_kw",
            {"model": "res.partner", "method": method, "args": args, "kwargs": kwargs},
        )


def measure(process, worker, names, request):
    """The worker's memory before and after `request` on each tenant, and its seconds."""
    memory, seconds = [status(worker)], []
    for name in names:
        seconds.append(request(name))
        time.sleep(0.5)
        if children(process.pid) != [worker]:
            sys.exit("the worker was replaced during the measure (see the log)")
        memory.append(status(worker))
    return memory, seconds


def print_memory(title, memory):
    """Print the table and the slopes; return them (RSS, VmSize), in bytes per tenant."""
    rss = [m["VmRSS"] for m in memory]
    vms = [m["VmSize"] for m in memory]
    counts = list(range(2, len(memory)))
    rss_slope = slope(counts, rss[2:])
    vms_slope = slope(counts, vms[2:])
    print(title)
    print("  tenants   VmRSS MiB   VmSize MiB")
    for count, (r, v) in enumerate(zip(rss, vms, strict=True)):
        print(f"  {count:>7}   {r / MIB:>9.0f}   {v / MIB:>10.0f}")
    print(f"  first tenant:                  RSS +{(rss[1] - rss[0]) / MIB:.0f} MiB")
    last = len(memory) - 1
    print(f"  per tenant (2..{last}, slope):      RSS +{rss_slope / MIB:.1f} MiB, ", end="")
    print(f"VmSize +{vms_slope / MIB:.1f} MiB")
    return rss_slope, vms_slope


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tenants", type=int, default=12)
    parser.add_argument("--keep", action="store_true", help="Keep the tenants created.")
    args = parser.parse_args()
    if args.tenants < 3:
        parser.error("--tenants must be at least 3 (the slope is over tenants 2..N)")

    existing = {line.split("\t")[0] for line in propctl("tenant", "list").stdout.splitlines()}
    names = [f"{PREFIX}{i}" for i in range(1, args.tenants + 1)]
    created = []
    for name in names:
        if name not in existing:
            result = propctl("tenant", "create", name, "--admin-password", PASSWORD)
            if result.returncode != 0:
                sys.exit(f"could not create {name}:\n{result.stdout}{result.stderr}")
            created.append(name)

    conf = configparser.ConfigParser(interpolation=None)
    conf.read(PRODUCTION_CONF, encoding="utf-8")
    limits = conf["options"]
    limit = int(limits["limit_memory_soft"])
    port = free_port()
    log_path = os.path.join(ROOT, "var", "log", "tenant_memory.log")
    os.makedirs(os.path.dirname(log_path), exist_ok=True)
    with open(log_path, "w") as log:
        process, worker = start_server(port, log, limits)
    try:
        time.sleep(1)
        loaded, first = measure(process, worker, names, lambda name: get_login(port, name))
        again = [get_login(port, name) for name in names]
        used, _ = measure(process, worker, names, lambda name: use(port, name))
    finally:
        process.terminate()
        process.wait(timeout=60)

    print(f"one web worker (prefork, workers = 1); limit_memory_soft {limit / MIB:.0f} MiB")
    rss_login, vms_login = print_memory("after /web/login of each tenant:", loaded)
    used = [loaded[-1], *used[1:]]  # the same worker, every tenant loaded, then used
    rss_use, vms_use = print_memory("then after a session in each (login, web client):", used)
    rss_tenant, vms_tenant = rss_login + rss_use, vms_login + vms_use
    print(f"per tenant in use:  RSS {rss_tenant / MIB:.1f} MiB, VmSize {vms_tenant / MIB:.1f} MiB")
    # Odoo replaces a worker whose VmSize passes limit_memory_soft
    fit = int((limit - used[-1]["VmSize"]) // vms_tenant) + len(names)
    print(f"tenants in use under limit_memory_soft:   {fit}")
    # odoo.modules.registry: a process keeps this many registries and drops the least
    # recently used past it (registry_lru_size; by default the soft limit / 15 MiB)
    lru = int(limits.get("registry_lru_size") or limit // (15 * MIB))
    print(f"registries kept per process (Odoo's LRU): {lru}")
    at_lru = used[-1]["VmRSS"] + (lru - len(names)) * rss_tenant
    print(f"RSS of a worker with {lru} tenants in use:  {at_lru / MIB:.0f} MiB (extrapolated)")
    print(f"first request of the first tenant:    {first[0]:.2f} s (imports the addons)")
    print(f"first request of another tenant:      {statistics.median(first[1:]):.2f} s (median)")
    print(f"the same request, tenant loaded:      {statistics.median(again):.3f} s (median)")

    for name in [] if args.keep else created:
        propctl("tenant", "drop", name, "--yes")


if __name__ == "__main__":
    main()
