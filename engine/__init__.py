"""O2O Workstation engine: the workspace and everything computed on it. No Qt here."""
