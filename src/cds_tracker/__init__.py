"""cds-tracker: a school's digital-transformation plan, its measurements and its reports."""

__version__ = "0.2.0"
