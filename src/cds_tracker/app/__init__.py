"""The use cases, one module each: they call domain, checks and store and return data."""
