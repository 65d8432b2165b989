"""The one pipeline the command line and the engine adapters share (pipeline), and the export of
the whole site as files any engine can build (export)."""
