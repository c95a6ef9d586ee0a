"""Figure builders and small UI pieces for the pages."""
