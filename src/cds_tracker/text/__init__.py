"""What a user reads, in one place: every message (Vietnamese and English) and the formats of
numbers and dates."""
