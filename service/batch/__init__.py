"""Batch at scale: many articles from a JSONL file, a folder or a glob into one resumable JSONL output."""
