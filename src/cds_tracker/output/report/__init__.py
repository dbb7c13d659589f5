"""The quarterly and annual report to the People's Committee, as a Word document."""
