"""Normalise: agency lists, deadlines and targets -> structured values."""
