"""What every page of the app uses: background tasks, messages, forms, saving outputs, charts."""
