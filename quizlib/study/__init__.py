"""The study engine: queues, sessions, statistics. No SQL, no terminal."""
