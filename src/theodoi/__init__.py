"""theodoi: monitoring and evaluation of Resolution 57-NQ/TW implementation plans."""

__version__ = "0.1.0"
