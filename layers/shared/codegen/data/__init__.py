"""DynamoDB access: every read and conditional write of the domain goes through these functions."""
