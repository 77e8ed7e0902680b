"""Helpers the tests and the benchmarks share: free ports, child processes, a throwaway Virtuoso."""
