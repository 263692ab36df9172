"""The installed package's version, for reports, model cards and ``framing --version``.

It lives in a module of its own so that any layer can read it without importing the
package's public API (``framing/__init__``), which sits above every layer.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("framing")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"
