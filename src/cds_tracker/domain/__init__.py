"""The pure domain: the plan, its periods, measurements, attainment and roll-up arithmetic.

No file is read or written here and no user text is worded: data in, data out.
"""
