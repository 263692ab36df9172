"""Sample articles written for this project."""
