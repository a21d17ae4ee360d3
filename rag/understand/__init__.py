"""Understanding plan documents: generic readers for their structures (tables, …)."""
