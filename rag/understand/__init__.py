"""Reading what a document says about itself (place, number, date, signer, title)."""
