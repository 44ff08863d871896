"""amikey lab: the stock moto server, patched at start-up, whose EC2 instances are real sshd processes.

The package never edits installed files.  ``python3 -m amikey_lab serve --dir DIR`` imports moto,
applies the patches in this package (one module per AWS behaviour moto lacks) and serves on loopback.
See ``Lab/README.md`` for the interface the Swift side uses.
"""

__all__ = ["__version__"]
__version__ = "0.1.0"
