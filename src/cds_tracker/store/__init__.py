"""Every file users keep and every cache: CSV and YAML readers, plans, records, people, issuer
and notes files, sibling file names (paths.py) and the one cache (cache.py)."""
