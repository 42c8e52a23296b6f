"""newsdesk: a news publishing platform for independent and mid-size newsrooms."""
