"""Files in and out: review-log CSV and Anki files."""
