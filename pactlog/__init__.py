"""pactlog: a self-hostable, verifiable registry of multi-stakeholder calls and declarations."""

__version__ = "0.1.0"
