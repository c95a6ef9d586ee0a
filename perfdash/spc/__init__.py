"""Statistical process control: XmR charts by NHS England's Making Data Count rules."""
