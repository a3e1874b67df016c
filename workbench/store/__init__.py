"""The SQLite store: one module per kind of record; it imports only errors, records, config."""
