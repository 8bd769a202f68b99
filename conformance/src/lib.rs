//! Runs the golden vectors.
