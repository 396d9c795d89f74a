"""Self-care forms, one module per feature."""
