"""Izde's search library: extract -> detect language -> analyze -> index -> query."""
