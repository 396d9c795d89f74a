"""Self-care pages, one module per feature."""
