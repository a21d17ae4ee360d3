"""The Zalo channel: a thin adapter from the Zalo Bot Platform to the conversation core."""
