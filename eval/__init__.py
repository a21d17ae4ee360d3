"""Evaluation datasets and scoring for the assistant."""
