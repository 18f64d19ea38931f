"""The deck format: deck files read, checked and written (text ⇄ Deck)."""
