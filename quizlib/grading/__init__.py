"""Reading typed answers and grading them: the helpers question types are built from."""
