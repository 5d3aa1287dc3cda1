"""pactwatch: sourced political events from security news, checked against alliance charters."""

__version__ = "0.1.0"
