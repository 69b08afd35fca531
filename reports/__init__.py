"""Reports of an assessment: terminal text, Markdown, JSON and the PDF risk memo.

The memo's content is decided once, in :mod:`reports.memo`; the renderers only lay it
out. Only :mod:`reports.pdf` imports reportlab, and only when a PDF is asked for.
"""
