"""``python3 -m amikey_lab serve --dir DIR [--port P] [--pending-polls N] [--instance-connect-ttl S]``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="amikey_lab", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="start the patched moto server and keep serving until SIGTERM")
    serve.add_argument("--dir", required=True, type=Path,
                       help="lab directory (created 0700; not below a world-writable directory)")
    serve.add_argument("--port", type=int, default=0, help="loopback port (default: a free one)")
    serve.add_argument("--pending-polls", type=int, default=0,
                       help="show new instances/images as pending for this many Describe calls")
    serve.add_argument("--instance-connect-ttl", type=float, default=60.0,
                       help="seconds a key pushed with SendSSHPublicKey is accepted (AWS: 60; for tests)")
    down = sub.add_parser("down", help="SIGTERM the lab in DIR (pid from lab.json) and wait until it is gone")
    down.add_argument("--dir", required=True, type=Path)
    down.add_argument("--timeout", type=float, default=30.0)
    status = sub.add_parser("status", help="print lab.json and the instances of the lab in DIR")
    status.add_argument("--dir", required=True, type=Path)
    args = parser.parse_args(argv)
    if args.command == "down":
        from .control import down as stop
        return stop(args.dir, args.timeout)
    if args.command == "status":
        from .control import status as show
        return show(args.dir)
    if args.command == "serve":
        from .labdir import LabDirError
        from .launcher import serve as run
        try:
            return run(args.dir, args.port, args.pending_polls, args.instance_connect_ttl)
        except LabDirError as error:
            print(f"amikey lab: {error}", file=sys.stderr)
            return 2
    return 2


if __name__ == "__main__":
    sys.exit(main())
