"""Spaced repetition: FSRS scheduling, fitting and simulation; the only package importing fsrs."""
