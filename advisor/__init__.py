"""Alliance Advisor: a chatbot-free rules engine for French territorial alliances.

The core package: the case model, the rules base loader, the engine and the findings.
It imports neither ``textual`` nor ``reportlab``.
"""

__version__ = "0.1.0"
