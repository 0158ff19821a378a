"""Files made from a health check for use elsewhere: hand-outs for collecting responses, and later data exports."""
