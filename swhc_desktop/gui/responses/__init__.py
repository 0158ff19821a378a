"""The Responses page: batches, the import wizard, keying in paper returns."""
