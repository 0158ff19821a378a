"""What a report or an export says, read from the file once and shared by every format."""
