"""The bounds of what a school's plan can hold; past them input is a slip or an attack."""

MAX_DEPTH = 64  # a real plan nests five levels; a bracket bomb nests thousands
MAX_DIGITS = 15  # no figure of a school's plan has more digits
MAX_POPULATION = 10_000_000  # a province's pupils, at most
MAX_STALE_DAYS = 3650
MAX_COUNT = 1e12
MAX_CELL = 32_767  # characters an Excel cell holds; past it Excel cuts the records file on save
MIN_YEAR, MAX_YEAR = 2000, 2100  # a plan's year; past them a date is a slip (and overflows)
