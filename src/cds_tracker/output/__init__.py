"""Views: data in, text or bytes out (terminal tables, JSON, CSV, the page, charts, workbooks,
the reports' documents). Nothing here writes a user's file."""
