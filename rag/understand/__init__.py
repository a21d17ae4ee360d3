"""Understanding plan documents: what a document says about itself (place, number, date,
signer, title) and generic readers for its structures (tables, …)."""
