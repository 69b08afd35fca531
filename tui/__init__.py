"""The terminal interview (Textual). It shows what the core computes; it computes no risk."""
