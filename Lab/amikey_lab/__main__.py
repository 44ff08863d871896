"""``python3 -m amikey_lab serve --dir DIR [--port P] [--pending-polls N]``."""

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
    args = parser.parse_args(argv)
    if args.command == "serve":
        from .labdir import LabDirError
        from .launcher import serve as run
        try:
            return run(args.dir, args.port, args.pending_polls)
        except LabDirError as error:
            print(f"amikey lab: {error}", file=sys.stderr)
            return 2
    return 2


if __name__ == "__main__":
    sys.exit(main())
